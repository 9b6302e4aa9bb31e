"""The 活动记录表 as a Word document (python-docx, imported only here): one page per activity,
as 创文 binders keep them.

    活动记录表                       (the title, centred)
    ┌──────────┬──────────────────────────────┐
    │ 活动主题 │ …                            │  活动时间, 活动地点, 参加人员, 参加人数,
    │ …        │                              │  负责人, 记录人, 所属计划, 活动内容
    └──────────┴──────────────────────────────┘
    活动照片: the activity's photos under the table, two a line, each at most 7.5 cm wide

A4 portrait; labels in 黑体, text in 仿宋, nothing under 12 pt. Document properties name the
document and the community only.

Photos: each is a JPEG thumbnail made for the size it is printed at, 300 pixels to the inch
(at most 886 × 661 px for 7.5 × 5.6 cm; a JPEG decoded at a fraction of its size may stay at
240 or more: output/pictures.py), upright; a photo that cannot be read is named where it would
have been.

Speed and memory (a year's activities in one file): the parts of a page (title, table, photos'
heading) are made once with python-docx and copied for each activity; each page, once made, is
written out as XML to a file and let go; each thumbnail is written to a file when its page is
made. The package is then written as python-docx writes it, the pages and the thumbnails copied
in from their files. Pictures are added directly (one part and one relationship each, ids
counted here): python-docx's own way looks for a free image name and drawing id across the
whole document for each picture, which grows with the square of the pages.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from copy import deepcopy
from pathlib import Path
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Cm, Pt
from lxml import etree

from civicli.i18n import LEDGER_DOC as D
from civicli.i18n import PICTURES
from civicli.output.pictures import Unshown, thumbnail
from civicli.whole_files import signals_held

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class Activity(Protocol):
        """What a page needs of an activity (reports.ledgers.ActivityRow has it)."""

        date: dt.date
        theme: str
        plan: str
        occurrence: str
        place: str
        people: str
        headcount: float | None
        note: str
        owner: str
        by: str


PHOTO_MAX_W_CM = 7.5
PHOTO_MAX_H_CM = 5.6  # four photos and the table fit on the page
PHOTO_DPI = 300  # a photo's thumbnail: 300 pixels to the printed inch
PHOTO_MAX_PX = (
    round(PHOTO_MAX_W_CM / 2.54 * PHOTO_DPI),
    round(PHOTO_MAX_H_CM / 2.54 * PHOTO_DPI),
)  # 886 × 661
LABEL_FONT = "黑体"
BODY_FONT = "仿宋"
BODY_PT = 12


def _east_asian(run: Any, name: str) -> None:
    """A run's font for Latin and Chinese text alike (Word and WPS take the Chinese one from
    eastAsia)."""
    run.font.name = name
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _text(value: str) -> str:
    """Text a Word document can hold: control characters other than line breaks removed."""
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable())


def _day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _cell(cell: Any, text: str, *, font: str = BODY_FONT, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    lines = _text(text).split("\n")
    run = p.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run = p.add_run(line)
    for r in p.runs:
        r.font.size = Pt(BODY_PT)
        r.bold = bold
        _east_asian(r, font)


def _fit(w: int, h: int) -> tuple[int, int]:
    """A picture of `w` × `h` pixels shown as large as fits 7.5 × 5.6 cm, in EMU."""
    scale = min(Cm(PHOTO_MAX_W_CM) / w, Cm(PHOTO_MAX_H_CM) / h)
    return int(w * scale), int(h * scale)


class _Pictures:
    """The thumbnails of one document: made when their page is, each written to a file in
    `folder`, added to the document as a part that reads that file when the document is saved."""

    def __init__(self, doc: Any, folder: Path) -> None:
        self.doc = doc
        self.folder = folder
        self.made: dict[str, tuple[str, int, int] | Unshown] = {}  # photo → (rId, cx, cy)
        self.next_id = 1 + max((int(i) for i in doc.element.xpath("//@id") if i.isdigit()), default=0)

        class OnDisk(ImagePart):  # type: ignore[misc]
            """An image part whose bytes are read from its file when the document is saved."""

            file: Path

            @property
            def blob(self) -> bytes:
                return self.file.read_bytes()

        self.part_type = OnDisk

    def add(self, path: str) -> tuple[str, int, int] | Unshown:
        """The relationship id and shown size (EMU) of `path`'s thumbnail, or why it is not
        shown ("missing", "unreadable"); the same photo is added to the document once."""
        made = self.made.get(path)
        if made is None:
            thumb = thumbnail(path, PHOTO_MAX_PX[0], PHOTO_MAX_PX[1])
            if isinstance(thumb, str):
                made = thumb
            else:
                n = len(self.made) + 1
                part = self.part_type(PackURI(f"/word/media/photo{n}.jpeg"), "image/jpeg", b"", None)
                part.file = self.folder / f"{n}.jpg"
                part.file.write_bytes(thumb.jpeg)
                rid = self.doc.part.relate_to(part, RT.IMAGE)
                made = (rid, *_fit(thumb.width, thumb.height))
            self.made[path] = made
        return made

    def inline(self, run: Any, shown: tuple[str, int, int], name: str) -> None:
        """Put the picture in the run element `run`."""
        rid, cx, cy = shown
        inline = CT_Inline.new_pic_inline(self.next_id, rid, name, cx, cy)  # type: ignore[arg-type]
        for side in ("distT", "distB", "distL", "distR"):  # Word's default, written out: without
            inline.set(side, "0")  # it LibreOffice puts 0.32 cm around each, and two no longer fit a line
        run.add_drawing(inline)
        self.next_id += 1


def _put_text(run: Any, text: str) -> None:
    """Put `text` in a run element (line breaks and tabs as Word writes them)."""
    for i, line in enumerate(_text(text).split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        for j, part in enumerate(line.split("\t")):
            if j:
                run.append(OxmlElement("w:tab"))
            if part:
                t = OxmlElement("w:t")
                t.text = part
                if part != part.strip():
                    t.set(qn("xml:space"), "preserve")
                run.append(t)


class _Page:
    """The parts of a page, made once with python-docx and copied for each activity (making
    them anew for each page took most of the time of a large document): the title, the table
    with its labels (the values' runs empty), the photos' heading, a line of photos and a
    line of text."""

    def __init__(self, doc: Any) -> None:
        titles = []
        for first in (True, False):  # on every page but the first, the title starts a new page
            title = doc.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.paragraph_format.page_break_before = not first
            title.paragraph_format.space_after = Pt(12)
            run = title.add_run(str(D["record_title"]))
            run.font.size = Pt(22)
            run.bold = True
            _east_asian(run, LABEL_FONT)
            titles.append(title._p)

        self.labels = [
            "record_theme", "record_date", "record_place", "record_people", "record_headcount",
            "record_owner", "record_by", "record_plan", "record_content",
        ]  # fmt: skip
        table = doc.add_table(rows=len(self.labels), cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Cm(3.2), Cm(12.8))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row, label in zip(table.rows, self.labels, strict=True):
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            row.height = Cm(0.9)
            left, right = row.cells
            left.width, right.width = widths
            left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell(left, str(D[label]), font=LABEL_FONT)
            _cell(right, "")
        last = table.rows[-1]
        last.height = Cm(5)  # room for 活动内容, written by hand too
        last.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

        head = doc.add_paragraph()
        head.paragraph_format.space_before = Pt(12)
        run = head.add_run(str(D["record_photos"]))
        run.font.size = Pt(BODY_PT)
        _east_asian(run, LABEL_FONT)

        line = doc.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        gap = line.add_run("　")
        gap.font.size = Pt(BODY_PT)

        note = doc.add_paragraph()
        run = note.add_run("")
        run.font.size = Pt(BODY_PT)
        _east_asian(run, BODY_FONT)

        self.titles, self.table, self.head = titles, table._tbl, head._p
        self.line, self.gap, self.note = line._p, gap._r, note._p
        self.line.remove(self.gap)
        for element in (*titles, self.table, self.head, self.line, self.note):
            element.getparent().remove(element)

    def title_copy(self, first: bool) -> Any:
        """The title; on every page but the first, it starts a new page."""
        return deepcopy(self.titles[0] if first else self.titles[1])

    def table_copy(self, values: dict[str, str | None]) -> Any:
        """The table with `values` by label key; a label whose value is None has no row."""

        table = deepcopy(self.table)
        for tr, label in zip(table.iterchildren(qn("w:tr")), self.labels, strict=True):
            value = values[label]
            if value is None:
                table.remove(tr)
            else:
                _put_text(tr.findall(qn("w:tc"))[1].find(qn("w:p")).find(qn("w:r")), value)
        return table

    def note_copy(self, text: str) -> Any:

        note = deepcopy(self.note)
        _put_text(note.find(qn("w:r")), text)
        return note


def _document(community: str) -> Any:
    """An empty A4 document whose properties name the document and the community only."""
    doc = Document()
    props = doc.core_properties
    props.title = str(D["record_title"])
    props.author = community
    props.last_modified_by = community
    props.comments = props.subject = props.keywords = props.category = ""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    return doc


def _page(
    page: _Page, pictures: _Pictures, activity: Activity, photos: Sequence[str], first: bool
) -> list[Any]:
    """The elements of one activity's page, in order."""

    headcount = None
    if activity.headcount is not None:
        n = activity.headcount
        headcount = str(D["record_count"]).format(n=str(int(n)) if float(n).is_integer() else f"{n:g}")
    plan = f"{activity.plan}（{activity.occurrence}）" if activity.occurrence else activity.plan
    values = {
        "record_theme": activity.theme or "",
        "record_date": _day(activity.date),
        "record_place": activity.place or "",
        "record_people": activity.people or "",
        "record_headcount": headcount,  # no row when not recorded
        "record_owner": activity.owner or "",
        "record_by": activity.by or "",
        "record_plan": plan or "",
        "record_content": activity.note or "",
    }
    elements = [page.title_copy(first), page.table_copy(values), deepcopy(page.head)]
    line = None
    shown = 0
    for path in photos:
        picture = pictures.add(path)
        if isinstance(picture, str):
            elements.append(page.note_copy(str(PICTURES[f"{picture}_named"]).format(name=Path(path).name)))
            continue
        if line is None or shown % 2 == 0:
            line = deepcopy(page.line)
            elements.append(line)
        else:
            line.append(deepcopy(page.gap))
        run = OxmlElement("w:r")
        line.append(run)
        pictures.inline(run, picture, Path(path).name)
        shown += 1
    if not photos:
        elements.append(page.note_copy(str(D["record_no_photos"])))
    return elements


def _content_types(parts: list[Any]) -> bytes:
    """The package's [Content_Types].xml (ECMA-376 Part 2): each part by its name and content
    type, and the defaults for relationships and plain XML."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    lines += [
        f"<Override PartName={quoteattr(str(part.partname))} ContentType={quoteattr(part.content_type)}/>"
        for part in parts
    ]
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


def _save(doc: Any, path: Path, body: Path) -> None:
    """Write the package at `path` as python-docx would, but for two things: the document's
    pages are taken from the file `body` (their XML, one after another) and put between the
    body's start and its section properties, and the photos are copied from their files,
    stored as they are (a JPEG does not deflate)."""

    marker = etree.Comment(" pages ")
    doc.element.body.sectPr.addprevious(marker)
    head, tail = serialize_part_xml(doc.element).split(b"<!-- pages -->")
    package = doc.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _content_types(parts))
        z.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            name = part.partname.membername
            if part is doc.part:
                info = zipfile.ZipInfo(name, time.localtime()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                with z.open(info, "w") as member, open(body, "rb") as pages:
                    member.write(head)
                    shutil.copyfileobj(pages, member, 1 << 20)
                    member.write(tail)
            elif getattr(part, "file", None) is not None:
                z.write(part.file, name, compress_type=zipfile.ZIP_STORED)
            else:
                z.writestr(name, part.blob)
            if len(part.rels):
                z.writestr(part.partname.rels_uri.membername, part.rels.xml)


def write_activity_docx(
    path: Path, pages: Iterable[tuple[Activity, Sequence[str]]], *, community: str
) -> int:
    """Write the 活动记录表 at `path` (the caller writes it whole: a temporary file); returns the
    number of activities (pages). Memory stays flat whatever the number of pages: each page is
    made from the copied parts, written out as XML to a file and let go; each photo's thumbnail
    is a file, its part only names it. Both go in a folder of ours beside the file, removed
    whatever happens (a stale one goes with its file: whole_files.remove_stale), and are
    copied into the document's zip at the end."""

    scratch: Path | None = None
    try:  # a signal held while the folder is made comes when it is noted: the finally removes it
        with signals_held():
            scratch = Path(tempfile.mkdtemp(dir=path.parent, prefix=f"{path.name}.parts"))
        doc = _document(community)
        page = _Page(doc)
        pictures = _Pictures(doc, scratch)
        body = scratch / "pages.xml"
        count = 0
        with open(body, "wb") as out:
            for activity, photos in pages:
                count += 1
                for element in _page(page, pictures, activity, photos, first=count == 1):
                    out.write(etree.tostring(element, encoding="UTF-8", xml_declaration=False))
        _save(doc, path, body)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return count
