"""The weekly bulletin (创建简报) as a Word document in the customary shape (python-docx,
imported only here), laid out from the same `Page` as text and markdown (output/bulletin.py).

    报头   the title (bulletin.title) large and red, centred; 第N期 (or （未编号）); the issuer
           left and the date of issue right on one line; a red rule
    正文   the week by its dates; the parts as 黑体 headings, lines in 仿宋; each activity's
           photos under it (at most 2 an activity, 6 in all, each at most 7.5 cm wide)
    报尾   between two rules: 报送, 抄送, 编辑/审核/签发, 共印N份 — each only when set
    页脚   the page number, `— 1 —`

A4 portrait. The document's properties are the bulletin's: title (title and 期号), author (the
issuer), created (the date of issue); nothing names a program.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from civicli.i18n import BULLETIN as B
from civicli.output.bulletin import Line, Page, page

if TYPE_CHECKING:
    from civicli.reports.bulletin import Bulletin

RED = "FF0000"
TITLE_PT = 36  # 小初
BODY_PT = 14  # 四号
SUB_PT = 12  # 小四: a plan's targets, the rectifications under their lead
LINE_PT = 18  # fixed line spacing of the body (14 pt type)
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
PHOTO_CM = 5.2  # at most 7.5 cm (documents.md): two side by side, a busy week on two pages
PHOTO_TALL = 3.9  # a 4:3 photo 5.2 cm wide: a row of two is 3.9 cm tall
PHOTOS_EACH = 2
PHOTOS_ALL = 6
# XML 1.0 cannot hold these: left out of what is written (stored text may hold anything)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\ufdd0-\ufdef]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _fonts(run: Any, name: str) -> None:
    """A run's font for Latin and Chinese text alike (Word and WPS pick the East Asian one)."""
    run.font.name = name
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _rule(paragraph: Any, side: str, colour: str, size: int) -> None:
    """A rule (a paragraph border) above or below a paragraph."""
    ppr = paragraph.paragraph_format.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "4"), ("color", colour)):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)


def _para(
    doc: Any,
    text: str,
    *,
    size: float = BODY_PT,
    font: str = BODY_FONT,
    bold: bool = False,
    indent_cm: float = 0.0,
    first_line: bool = False,
    before: float = 0,
    after: float = 0,
    exact: bool = True,
) -> Any:
    p = doc.add_paragraph()
    run = p.add_run(_xml_text(text))
    run.font.size = Pt(size)
    run.bold = bold
    _fonts(run, font)
    fmt = p.paragraph_format
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT if size >= BODY_PT else size + 3)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent_cm:
        fmt.left_indent = Cm(indent_cm)
    if first_line:
        fmt.first_line_indent = Pt(size * 2)  # two characters, as Chinese paragraphs begin
    return p


def _page_number(section: Any) -> None:
    """`— 1 —` centred in the footer: the page number is Word's PAGE field."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "") -> Any:
        r = p.add_run(text)
        r.font.size = Pt(14)
        _fonts(r, TITLE_FONT)
        return r

    run("— ")
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run().element.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run().element.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run().element.append(sep)
    run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run().element.append(end)
    run(" —")


def _photos(doc: Any, line: Line, folder: str, budget: list[int]) -> None:
    """An activity's photos under it, side by side when two: each at most 7.5 cm wide. A file
    that is not a picture Word can show (any file may be evidence) is passed over."""
    shown = 0
    p = None
    for rel in line.photos:
        if shown >= PHOTOS_EACH or budget[0] <= 0:
            break
        path = rel if os.path.isabs(rel) else os.path.join(folder, rel)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            image = Image.from_blob(data)  # not a picture: raises, and the file is passed over
            ratio = image.px_height / image.px_width if image.px_width and image.px_height else 0.75
            # 7.5 cm wide, and a tall picture no taller than a 4:3 one
            wide = min(Cm(PHOTO_CM), int(Cm(PHOTO_TALL) / ratio))
            tall = int(wide * ratio)
            if p is None:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Cm(0.2)
            elif shown:
                p.add_run(" ")
            p.add_run().add_picture(io.BytesIO(data), width=wide, height=tall)
        except Exception:  # missing, unreadable or not a picture: left out
            continue
        shown += 1
        budget[0] -= 1
    if p is not None and not shown:
        p.text = ""


def bulletin_document(b: Bulletin, *, photos: bool = True) -> Any:
    """The python-docx Document of the bulletin `b`."""
    pg: Page = page(b)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.footer_distance = Cm(1.0)
    text_width = section.page_width - section.left_margin - section.right_margin

    # 报头
    h = pg.head
    title = _para(doc, h.title, size=TITLE_PT, font=TITLE_FONT, bold=True, exact=False)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].font.color.rgb = RGBColor.from_string(RED)
    _para(doc, h.issue, size=16, after=2).alignment = WD_ALIGN_PARAGRAPH.CENTER
    line = _para(doc, f"{h.issuer}\t{h.issued}", size=BODY_PT, after=4)
    line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    _rule(line, "bottom", RED, 18)
    for note in h.notes:
        _para(doc, note, size=SUB_PT, before=4)
    _para(doc, h.week, size=BODY_PT, font=HEADING_FONT, before=4)

    # 正文
    numerals = str(B["numerals"])
    budget = [PHOTOS_ALL if photos else 0]
    for n, part in enumerate(pg.parts):
        _para(doc, f"{numerals[n]}、{part.title}", size=BODY_PT + 1, font=HEADING_FONT, before=3)
        k = 0
        for item in part.lines:
            if item.kind == "item":
                k += 1
                _para(doc, f"{k}. {item.text}", first_line=True)
                if item.photos and budget[0] > 0:
                    _photos(doc, item, pg.folder, budget)
            elif item.kind == "sub":
                _para(doc, item.text, size=SUB_PT, first_line=True)
            else:
                _para(doc, item.text, first_line=True)

    # 报尾: between two rules, each line only when set; 共印N份 on the right of the last line
    t = pg.tail
    tail = [x for x in (t.send_to, t.copy_to, t.signatures) if x]
    if t.copies:
        if t.signatures:
            tail[-1] += "\t" + t.copies
        else:
            tail.append("\t" + t.copies)
    if tail:
        made: list[Any] = []
        for text in tail:
            p = _para(doc, text, size=SUB_PT, before=6 if not made else 0)
            p.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
            p.paragraph_format.keep_with_next = True  # the 报尾 is never split over two pages
            made.append(p)
        made[-1].paragraph_format.keep_with_next = False
        _rule(made[0], "top", "000000", 8)
        _rule(made[-1], "bottom", "000000", 8)

    _page_number(section)
    _properties(doc, b, pg)
    return doc


def _properties(doc: Any, b: Bulletin, pg: Page) -> None:
    """The bulletin's own properties: nothing of the template's (its creator, its 2013)."""
    props = doc.core_properties
    issued = dt.datetime.combine(dt.date.fromisoformat(b.issued), dt.time(9, 0))
    props.title = _xml_text(f"{pg.head.title} {pg.head.issue}")
    props.subject = _xml_text(pg.head.week)
    props.author = _xml_text(b.issuer)
    props.last_modified_by = _xml_text(b.issuer)
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = issued
    props.modified = issued
    props.language = "zh-CN"


_APP = re.compile(
    rb"<Application>[^<]*</Application>|<AppVersion>[^<]*</AppVersion>|<Template>[^<]*</Template>"
)
_THUMB = re.compile(rb"<Relationship [^>]*docProps/thumbnail\.jpeg\"[^>]*/>")


def _honest_package(data: bytes) -> bytes:
    """The saved package without the template's traces: the application that made the template
    (docProps/app.xml) and its thumbnail of a blank page."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            body = src.read(info)
            if info.filename == "docProps/app.xml":
                body = _APP.sub(b"", body)
            elif info.filename == "_rels/.rels":
                body = _THUMB.sub(b"", body)
            dst.writestr(info, body)
    return out.getvalue()


def write_docx(path: Path, b: Bulletin, *, photos: bool = True) -> None:
    """Save the bulletin as a .docx at `path` (the caller writes it whole: a temporary file)."""
    buffer = io.BytesIO()
    bulletin_document(b, photos=photos).save(buffer)
    with open(path, "wb") as fh:
        fh.write(_honest_package(buffer.getvalue()))
