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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from civicli.i18n import LEDGER_DOC as D

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
LABEL_FONT = "黑体"
BODY_FONT = "仿宋"
BODY_PT = 12


def _east_asian(run: Any, name: str) -> None:
    """A run's font for Latin and Chinese text alike (Word and WPS take the Chinese one from
    eastAsia)."""
    from docx.oxml.ns import qn

    run.font.name = name
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _text(value: str) -> str:
    """Text a Word document can hold: control characters other than line breaks removed."""
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable())


def _day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _cell(cell: Any, text: str, *, font: str = BODY_FONT, bold: bool = False) -> None:
    from docx.shared import Pt

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


def _photo_size(path: str) -> tuple[int, int] | None:
    """The shown size (EMU) of a photo, at most 7.5 × 5.6 cm, or None when it is not a picture
    Word takes (or missing)."""
    from docx.image.image import Image
    from docx.shared import Cm

    try:
        image = Image.from_file(path)
        w, h = int(image.width), int(image.height)
    except Exception:  # missing, unreadable, damaged, or not a picture
        return None
    if w <= 0 or h <= 0:
        return None
    scale = min(Cm(PHOTO_MAX_W_CM) / w, Cm(PHOTO_MAX_H_CM) / h)
    return int(w * scale), int(h * scale)


def activity_document(pages: Iterable[tuple[Activity, Sequence[str]]], *, community: str) -> tuple[Any, int]:
    """The document (and the number of pages made): one page per (activity, its photo files)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

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

    count = 0
    for activity, photos in pages:
        count += 1
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.page_break_before = count > 1
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run(str(D["record_title"]))
        run.font.size = Pt(22)
        run.bold = True
        _east_asian(run, LABEL_FONT)

        rows: list[tuple[str, str]] = [
            (D["record_theme"], activity.theme),
            (D["record_date"], _day(activity.date)),
            (D["record_place"], activity.place),
            (D["record_people"], activity.people),
        ]
        if activity.headcount is not None:
            n = activity.headcount
            count_text = str(int(n)) if float(n).is_integer() else f"{n:g}"
            rows.append((D["record_headcount"], str(D["record_count"]).format(n=count_text)))
        rows += [
            (D["record_owner"], activity.owner),
            (D["record_by"], activity.by),
            (
                D["record_plan"],
                f"{activity.plan}（{activity.occurrence}）" if activity.occurrence else activity.plan,
            ),
            (D["record_content"], activity.note),
        ]
        table = doc.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Cm(3.2), Cm(12.8))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for i, (label, value) in enumerate(rows):
            row = table.rows[i]
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            row.height = Cm(0.9)
            left, right = row.cells
            left.width, right.width = widths
            left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell(left, str(label), font=LABEL_FONT)
            _cell(right, value or "")
        last = table.rows[len(rows) - 1]
        last.height = Cm(5)  # room for 活动内容, written by hand too
        last.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

        head = doc.add_paragraph()
        head.paragraph_format.space_before = Pt(12)
        run = head.add_run(str(D["record_photos"]))
        run.font.size = Pt(BODY_PT)
        _east_asian(run, LABEL_FONT)
        line = None
        shown = 0
        for path in photos:
            size = _photo_size(path)
            if size is None:
                p = doc.add_paragraph()
                run = p.add_run(str(D["record_missing_photo"]).format(name=Path(path).name))
                run.font.size = Pt(BODY_PT)
                _east_asian(run, BODY_FONT)
                continue
            if line is None or shown % 2 == 0:
                line = doc.add_paragraph()
                line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                gap = line.add_run("　")
                gap.font.size = Pt(BODY_PT)
            line.add_run().add_picture(path, width=size[0], height=size[1])
            shown += 1
        if not photos:
            p = doc.add_paragraph()
            run = p.add_run(str(D["record_no_photos"]))
            run.font.size = Pt(BODY_PT)
            _east_asian(run, BODY_FONT)
    return doc, count


def write_activity_docx(
    path: Path, pages: Iterable[tuple[Activity, Sequence[str]]], *, community: str
) -> int:
    """Save the 活动记录表 at `path` (the caller writes it whole: a temporary file); returns the
    number of activities (pages)."""
    doc, count = activity_document(pages, community=community)
    doc.save(str(path))
    return count
