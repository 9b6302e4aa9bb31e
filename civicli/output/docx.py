"""The weekly bulletin (创建简报) as a Word document in the customary shape (python-docx,
imported only here).

    报头   the title (bulletin.title) in large red type, centred; 第N期; the issuer (编印单位)
           and the date on one line; a red rule
    正文   the sections as headings, plans as sub-headings, items as numbered lines
    报尾   between two rules: 报送, 抄送, 共印N份 — each line left out when its setting is empty
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from civicli.i18n import SETTINGS
from civicli.i18n import SUMMARY as S
from civicli.output.bulletin import _header, _sections, _tail, day, one_line

Row = dict[str, Any]
RED = "FF0000"
TITLE_PT = 36  # 小初
BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"


def _east_asian(run: Any, name: str) -> None:
    """Set a run's font for Latin and Chinese text alike."""
    from docx.oxml.ns import qn

    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _rule(paragraph: Any, side: str, colour: str, size: int = 12) -> None:
    """A rule (a paragraph border) above or below a paragraph."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = ppr.makeelement(qn("w:pBdr"), {})
        ppr.append(borders)
    edge = borders.makeelement(
        qn(f"w:{side}"),
        {qn("w:val"): "single", qn("w:sz"): str(size), qn("w:space"): "4", qn("w:color"): colour},
    )
    borders.append(edge)


def _para(doc: Any, text: str, *, size: float = 14, bold: bool = False, font: str = BODY_FONT) -> Any:
    from docx.shared import Pt

    p = doc.add_paragraph()
    run = p.add_run(one_line(text))
    run.font.size = Pt(size)
    run.bold = bold
    _east_asian(run, font)
    return p


def _heading(doc: Any, text: str, level: int) -> None:
    from docx.shared import Pt, RGBColor

    h = doc.add_heading(level=level)
    run = h.add_run(one_line(text))
    run.font.size = Pt(16 if level == 1 else 14)
    run.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(run, HEADING_FONT if level == 1 else "楷体")


def bulletin_document(s: Row, *, internal: bool = False) -> Any:
    """The python-docx Document of the bulletin `s` (reports.bulletin.build_summary)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    text_width = section.page_width - section.left_margin - section.right_margin

    # 报头
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(one_line(s.get("title") or S["title"]))
    run.font.size = Pt(TITLE_PT)
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(RED)
    _east_asian(run, TITLE_FONT)

    issue = doc.add_paragraph()
    issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issue_text = S["issue"].format(n=s["issue"]) if s.get("issue") is not None else ""
    run = issue.add_run(issue_text)
    run.font.size = Pt(16)
    _east_asian(run, BODY_FONT)

    editor, _issued, week, preview = _header(s)
    issued = s.get("issued") or ""
    line = doc.add_paragraph()
    line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    run = line.add_run(f"{one_line(editor)}\t{day(issued) if issued else ''}")
    run.font.size = Pt(14)
    _east_asian(run, BODY_FONT)
    _rule(line, "bottom", RED, 18)

    # 正文
    _para(doc, week, size=14, bold=True)
    if preview:
        _para(doc, preview, size=12)
    numerals = S["numerals"]
    for n, sec in enumerate(_sections(s, internal)):
        _heading(doc, f"{numerals[n]}、{sec.title}", 1)
        if not sec.groups:
            _para(doc, sec.empty)
        for g in sec.groups:
            if g.title:
                _heading(doc, g.title, 2)
            if g.lead:
                _para(doc, g.lead)
            for k, item in enumerate(g.items, 1):
                _para(doc, f"{k}. {item.line}")
                for sub in item.sub:
                    p = _para(doc, sub, size=12)
                    p.paragraph_format.left_indent = Cm(0.74)

    # 报尾: 报送 / 抄送 / 共印N份 between two rules, each line only when set
    copies = SETTINGS["copies"].format(n=s["copies"]) if s.get("copies") else None
    tail = [(text, text == copies) for text in _tail(s)]  # 共印N份 on the right
    if tail:
        doc.add_paragraph()
        paragraphs = []
        for text, right in tail:
            p = _para(doc, text, size=12)
            if right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraphs.append(p)
        _rule(paragraphs[0], "top", "000000", 8)
        _rule(paragraphs[-1], "bottom", "000000", 8)
    return doc


def write_docx(path: Path, s: Row, *, internal: bool = False) -> None:
    """Save the bulletin as a .docx at `path` (the caller writes it whole: a temporary file)."""
    bulletin_document(s, internal=internal).save(str(path))
