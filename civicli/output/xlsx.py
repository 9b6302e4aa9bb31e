"""A ledger as an Excel workbook (XlsxWriter in constant-memory mode, imported only here).

The sheet is a document a clerk prints and hands over: a title row (community, ledger, dates),
a bold header row frozen on screen and repeated on every printed page, A4 landscape fitted to
the page width, wrapped long text, real dates, columns wide enough for Chinese text (a wide
character counts as two). Rows are written as they come, so a ledger of 120,000 rows takes
seconds and little memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Cell = str | int | float | dt.date | None

MIN_WIDTH = 6
MAX_WIDTH = 48  # longer text wraps
DATE_WIDTH = 12
_SAMPLE = 5000  # rows looked at to size the columns
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_ROWS = 1_048_576 - 2  # Excel's limit less the title and header rows
MAX_CELL = 32_767  # Excel's limit on the text of one cell


def text_width(text: str) -> int:
    """Display width: a wide (Chinese) character counts two (UTF-8 length tells them apart quickly)."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) // 2


def clean(text: str) -> str:
    """User text as cell text: control characters other than tab and line feed removed; text
    beyond what a cell holds is cut, ending in an ellipsis (the CSV ledger keeps all of it)."""
    if not text.isprintable():  # control characters, and what XML cannot hold (civicli.text)
        from civicli.text import xml_safe

        text = xml_safe(_CONTROL.sub("", text))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[int]:
    widths = [text_width(h) + 2 for h in headers]
    for row in rows[:_SAMPLE]:
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                w = DATE_WIDTH
            elif value is None:
                continue
            else:
                longest = max(str(value).split("\n"), key=len)
                w = text_width(longest) + 2
            if w > widths[c]:
                widths[c] = w
    return [max(MIN_WIDTH, min(MAX_WIDTH, w)) for w in widths]


def write_xlsx(
    path: Path,
    *,
    title: str,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> None:
    """Write one sheet: title row, header row, then the rows (dates as dates, numbers as numbers)."""
    import xlsxwriter

    from civicli.errors import InvalidInput
    from civicli.i18n import ERR

    if len(rows) > MAX_ROWS:
        raise InvalidInput(ERR["xlsx_too_many_rows"].format(rows=len(rows), limit=MAX_ROWS))
    # XlsxWriter's own temporaries (the rows, the sheet's parts) in a folder of ours beside the
    # file, never in $TMPDIR, removed whatever happens (a stale one goes with its file: see
    # whole_files.remove_stale)
    import shutil
    import tempfile

    from civicli.whole_files import signals_held

    with signals_held():  # made and noted for removal in one step
        parts = tempfile.mkdtemp(dir=path.parent, prefix=f"{path.name}.parts")
    try:
        _write_workbook(xlsxwriter, path, parts, title=title, sheet=sheet, headers=headers, rows=rows)
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def _write_workbook(
    xlsxwriter: Any,
    path: Path,
    parts: str,
    *,
    title: str,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "tmpdir": parts},
    )
    finished = False
    try:
        ws = wb.add_worksheet(sheet[:31])
        font = {"font_name": "宋体", "font_size": 10, "valign": "top", "border": 1}
        title_fmt = wb.add_format(
            {"font_name": "宋体", "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"}
        )
        head_fmt = wb.add_format(
            {
                **font,
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#D9D9D9",
            }
        )
        text_fmt = wb.add_format({**font, "text_wrap": True})
        date_fmt = wb.add_format({**font, "num_format": "yyyy-mm-dd", "align": "center"})
        num_fmt = wb.add_format({**font, "num_format": "General"})

        last_col = len(headers) - 1
        for c, w in enumerate(_widths(headers, rows)):
            ws.set_column(c, c, w)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many long as needed
        ws.repeat_rows(1)  # the header on every printed page
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C第 &P 页，共 &N 页")
        ws.freeze_panes(2, 0)
        ws.set_row(0, 28)
        if last_col > 0:
            ws.merge_range(0, 0, 0, last_col, clean(title), title_fmt)
        else:
            ws.write_string(0, 0, clean(title), title_fmt)
        for c, h in enumerate(headers):
            ws.write_string(1, c, h, head_fmt)
        r = 1
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row):
                if value is None or value == "":
                    ws.write_blank(r, c, None, text_fmt)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, num_fmt)
                else:
                    ws.write_string(r, c, clean(str(value)), text_fmt)
        ws.autofilter(1, 0, max(r, 1), last_col)
        finished = True
    finally:
        if finished:  # interrupted or failed: not assembled into a file (the caller removes it)
            wb.close()
