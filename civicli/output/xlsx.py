"""A ledger as an Excel workbook (XlsxWriter in constant-memory mode, imported only here).

The sheet is a document a clerk prints and files: a title row (community, ledger, dates), a
bold header row frozen on screen and repeated on every printed page, one row per entry, then,
after an empty row, the foot (制表人、审核人、制表日期). Printed on A4 landscape, fitted to the
page's width only; the columns are sized so that this fitting never shrinks the 11 pt text
below 9 pt (`print_scale`), and long text wraps. Dates are dates, numbers numbers.

Pictures: the first photo of a photo column is shown in its cell (at most 4 cm tall; the file
names are written under it) as a JPEG thumbnail of twice the pixels it is shown at (1.6 times
at least: output/pictures.py; sharp on paper, a few KB); a photo that cannot be read is named,
and the cell says it is not shown. Rows are written as they come, in order, with their pictures, so memory stays
flat whatever the number of rows: each thumbnail is made when its row is written and goes at
once to a file in the export's scratch folder, and XlsxWriter keeps of a picture only that file
name and its size until it copies the file into the workbook at the end (the same thumbnail
shown twice is stored once). Thumbnails handed over as BytesIO would all stay in memory until
then.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter
import xlsxwriter.workbook as module

from civicli.errors import InvalidInput
from civicli.i18n import ERR, PICTURES
from civicli.output.pictures import Unshown, thumbnail
from civicli.text import xml_safe
from civicli.whole_files import signals_held

Cell = str | int | float | dt.date | None
Entry = tuple[Sequence[Cell], Sequence[tuple[int, Sequence[str]]]]  # cells, (column, its photos)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")  # and what XML cannot hold
MAX_ROWS = 1_048_576 - 4  # Excel's limit less the title, header, empty and foot rows
MAX_CELL = 32_767  # Excel's limit on the text of one cell
MAX_ROW_PT = 409  # Excel's tallest row

# ---------------------------------------------------------------- the printed page

FONT_PT = 11.0  # the text of the sheet (title 16, header bold 11)
MIN_PRINTED_PT = 9.0  # no text printed smaller than this
FOOT_PT = 12.0  # the page numbers (scaled like the rest)
PAPER_WIDTH_IN = 297 / 25.4  # A4 landscape
MARGIN_SIDE_IN = 0.3
MARGIN_TOP_IN = 0.5
PRINTABLE_PX = (PAPER_WIDTH_IN - 2 * MARGIN_SIDE_IN) * 96  # 1,065 px at 96 dpi
# The unit of column widths is the widest digit of the workbook's default font, set to Arial
# 10: 7 px in Excel (whole pixels), 7.4 px in LibreOffice (Liberation Sans, Arial's metrics, and
# no rounding). The scale is reckoned with the wider one: LibreOffice's columns are 6 % wider.
# Excel prints at a whole percent, rounded down: the widths are kept so that the scale stays at
# 84 % or more (11 pt × 0.84 = 9.2 pt).
DEFAULT_FONT = {"font_name": "Arial", "font_size": 10}
UNIT_PX = 7.0  # Excel
WIDEST_UNIT_PX = 7.42  # LibreOffice: Liberation Sans 10 pt, 0.556 em × 13.33 px
PADDING_PX = 5
MIN_SCALE = 0.84
LINE_PT = 16.0  # the height of a line of 11 pt Chinese text, generously
PICTURE_MAX_PX = 120  # 3.2 cm tall at 100 %, under 4 cm printed at any scale ≤ 100 %
PICTURE_PAD_PX = 4
PICTURE_DENSITY = 2  # a thumbnail's pixels to a shown pixel: 192 per inch at 100 %, sharp in print
_CJK_PX = FONT_PT * 96 / 72  # a wide character at 11 pt: 14.7 px
_NARROW_PX = 9.4  # a digit at 11 pt in the widest fallback font met (DejaVu Sans: 0.64 em)

# Column widths (in that unit), per ledger, by header; a header not listed gets DEFAULT_WIDTH.
# 期次 holds its longest names on one line (2027年第35—36周, 2027年第3季度).
# Dates take 12: `2027-09-10` at 11 pt is 85 px where 宋体 falls back to DejaVu Sans. Each
# ledger's total keeps print_scale ≥ MIN_SCALE (fit_widths narrows the widest text columns
# should it not).
DEFAULT_WIDTH = 12.0
LAYOUT: dict[str, dict[str, float]] = {
    "活动台账": {
        "序号": 4, "日期": 12, "活动主题": 16, "计划": 12, "编号": 12, "期次": 13, "地点": 11,
        "参加人员": 13, "参加人数": 5.5, "内容": 20.5, "数据": 11, "负责人": 8.5, "记录人": 7, "照片": 14,
    },
    "检查台账": {
        "序号": 4, "编号": 5, "日期": 12, "计划": 12, "检查项目": 12, "点位": 8, "检查人": 7,
        "得分": 5.5, "结果": 6.5, "问题": 24, "备注": 16, "整改编号": 7.5, "照片": 14,
    },
    "整改台账": {
        "序号": 4, "编号": 4.5, "问题来源": 6.5, "发现日期": 12, "发现人": 6.5, "检查项目": 6.5, "点位": 6.5,
        "问题": 11, "责任人": 6.5, "整改时限": 12, "整改措施": 11, "整改前照片": 9.5, "整改后照片": 9.5,
        "复查日期": 12, "复查人": 6.5, "复查意见": 7.5, "复查未通过次数": 5, "完成情况": 6.5, "销号日期": 12,
    },
    "任务清单": {
        "序号": 4, "编号": 13, "计划": 14, "任务": 22, "责任人": 11, "期次": 16, "截止": 12, "状态": 7,
        "进度": 11, "完成日期": 12,
    },
}  # fmt: skip
_NOT_NARROWED = {"序号", "日期", "发现日期", "整改时限", "复查日期", "销号日期", "截止", "完成日期"}
_NARROWEST = 5.0  # fit_widths never narrows a column below this


def column_px(width: float, unit: float = UNIT_PX) -> float:
    """A column's width in pixels: `unit` a character, and 5 more (Excel's reckoning, and
    XlsxWriter's; LibreOffice's with its own unit)."""
    return width * unit + PADDING_PX if width >= 1 else width * (unit + PADDING_PX)


def print_scale(widths: Sequence[float]) -> float:
    """The scale fitting the columns to the width of the A4 landscape page (at most 1), with
    the wider of the two units (LibreOffice's)."""
    return min(1.0, PRINTABLE_PX / sum(column_px(w, WIDEST_UNIT_PX) for w in widths))


def fit_widths(sheet: str, headers: Sequence[str]) -> list[float]:
    """The columns' widths: the ledger's layout, the widest text column narrowed (in steps)
    should the total need a scale below MIN_SCALE."""
    layout = LAYOUT.get(sheet, {})
    widths = [float(layout.get(h, DEFAULT_WIDTH)) for h in headers]
    free = [i for i, h in enumerate(headers) if h not in _NOT_NARROWED] or list(range(len(headers)))
    while print_scale(widths) < MIN_SCALE:
        widest = max(free, key=lambda i: widths[i])
        if widths[widest] <= _NARROWEST:
            break  # a sheet of very many columns: nothing more to take
        widths[widest] -= 0.5
    total = sum(column_px(w, WIDEST_UNIT_PX) for w in widths)
    room = PRINTABLE_PX * 0.98 - total
    if room > 0:  # narrower than the page: the text columns share what is left (less wrapping)
        grow = 1 + room / (sum(widths[i] for i in free) * WIDEST_UNIT_PX)
        for i in free:
            widths[i] = math.floor(widths[i] * grow * 4) / 4
    return widths


def text_width(text: str) -> int:
    """Display width: a wide (Chinese) character counts two (UTF-8 length tells them apart quickly)."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) // 2


def _lines(text: str, px: float) -> int:
    """How many lines `text` takes in a column `px` wide, wrapped (an estimate on the safe side)."""
    room = max(px - 8, 1)
    total = 0
    for part in text.split("\n"):
        wide = (len(part.encode("utf-8")) - len(part)) // 2
        # Chinese text breaks anywhere; Latin words only between them, wasting some of a line
        used = wide * _CJK_PX + (len(part) - wide) * _NARROW_PX * 1.15
        total += max(1, math.ceil(used / room))
    return total


def clean(text: str) -> str:
    """User text as cell text: control characters other than tab and line feed removed; text
    beyond what a cell holds is cut, ending in an ellipsis (the CSV ledger keeps all of it)."""
    if not text.isprintable():  # control characters, and what XML cannot hold (civicli.text)
        text = xml_safe(_CONTROL.sub("", text))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


# ---------------------------------------------------------------- pictures


class _Pictures:
    """The thumbnails of a workbook, made one at a time as the rows come, each written to its
    own file in `folder` (XlsxWriter copies them into the workbook when it closes)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple[str, int, int], tuple[str, int, int] | Unshown] = {}

    def get(self, path: str, max_w: float, max_h: float) -> tuple[str, float, float] | Unshown:
        """The picture of `path` shown in a box of `max_w` × `max_h` pixels: its thumbnail's
        file (PICTURE_DENSITY times the pixels it is shown at, or the photo's own when fewer),
        the scale it is shown at (never enlarged) and its shown height; or why it is not shown
        ("missing", "unreadable"). A photo shown twice in the same box is made once."""
        key = (path, math.ceil(max_w * PICTURE_DENSITY), math.ceil(max_h * PICTURE_DENSITY))
        made = self.made.get(key)
        if made is None:
            thumb = thumbnail(*key)
            if isinstance(thumb, str):
                made = thumb
            else:
                stored = self.folder / f"{len(self.made)}.jpg"
                stored.write_bytes(thumb.jpeg)
                made = (str(stored), thumb.width, thumb.height)
            self.made[key] = made
        if isinstance(made, str):
            return made
        file, w, h = made
        scale = min(max_w / w, max_h / h, 1.0)
        return file, scale, h * scale


# ---------------------------------------------------------------- the workbook


def _close_storing_pictures(wb: object) -> None:
    """Close the workbook with its pictures stored in the zip as they are (photos do not
    compress: deflating a year's photos again took most of the time), its XML deflated."""

    class _Zip(zipfile.ZipFile):
        def write(  # type: ignore[override]
            self,
            filename: str,
            arcname: str | None = None,
            compress_type: int | None = None,
            compresslevel: int | None = None,
        ) -> None:
            if arcname is not None and arcname.startswith("xl/media/"):
                compress_type = zipfile.ZIP_STORED
            super().write(filename, arcname, compress_type, compresslevel)

    original = module.ZipFile
    module.ZipFile = _Zip  # type: ignore[misc]
    try:
        wb.close()  # type: ignore[attr-defined]
    finally:
        module.ZipFile = original  # type: ignore[misc]


def write_xlsx(
    path: Path,
    *,
    title: str,
    sheet: str,
    headers: Sequence[str],
    entries: Iterable[Entry],
    foot: str,
) -> int:
    """Write one sheet: title row, header row, the rows (dates as dates, numbers as numbers,
    the first photo of each photo column as a picture), an empty row and the foot. Returns the
    number of rows written. XlsxWriter's own temporaries (the rows, the sheet's parts) go in a
    folder of ours beside the file, never in $TMPDIR, removed whatever happens (a stale one goes
    with its file: whole_files.remove_stale); a write that fails or is interrupted is not
    assembled into a file (the caller removes it)."""

    widths = fit_widths(sheet, headers)
    px = [column_px(w) for w in widths]
    last_col = len(headers) - 1

    scratch: str | None = None
    finished = False
    try:  # a signal held while the folder is made comes when it is noted: the finally removes it
        with signals_held():
            scratch = tempfile.mkdtemp(dir=path.parent, prefix=f"{path.name}.parts")
        pictures = _Pictures(Path(scratch) / "pictures")
        pictures.folder.mkdir()
        wb = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "tmpdir": scratch,
                "default_format_properties": DEFAULT_FONT,
            },
        )
        try:
            ws = wb.add_worksheet(sheet[:31])
            font = {"font_name": "宋体", "font_size": FONT_PT, "valign": "top", "border": 1}
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
            photo_fmt = wb.add_format({**font, "text_wrap": True, "valign": "bottom"})
            date_fmt = wb.add_format({**font, "num_format": "yyyy-mm-dd", "align": "center"})
            num_fmt = wb.add_format({**font, "num_format": "General", "align": "center"})
            foot_fmt = wb.add_format({"font_name": "宋体", "font_size": FONT_PT, "valign": "vcenter"})

            for c, w in enumerate(widths):
                ws.set_column(c, c, w)
            ws.set_landscape()
            ws.set_paper(9)  # A4
            ws.fit_to_pages(1, 0)  # one page wide, as many long as needed
            ws.repeat_rows(1)  # the header on every printed page
            ws.set_margins(left=MARGIN_SIDE_IN, right=MARGIN_SIDE_IN, top=MARGIN_TOP_IN, bottom=MARGIN_TOP_IN)
            ws.set_footer(f'&C&"宋体"&{FOOT_PT:g}第 &P 页，共 &N 页')
            ws.freeze_panes(2, 0)

            ws.set_row(0, 30)
            if last_col > 0:
                ws.merge_range(0, 0, 0, last_col, clean(title), title_fmt)
            else:
                ws.write_string(0, 0, clean(title), title_fmt)
            head_lines = max(_lines(h, p) for h, p in zip(headers, px, strict=True))
            ws.set_row(1, head_lines * LINE_PT + 4)
            for c, h in enumerate(headers):
                ws.write_string(1, c, h, head_fmt)

            count = 0
            r = 1
            for cells, photos in entries:
                count += 1
                if count > MAX_ROWS:
                    raise InvalidInput(ERR["xlsx_too_many_rows"].format(rows=count, limit=MAX_ROWS))
                r = count + 1
                shown = {}
                for c, files in photos:
                    if files:
                        pic = pictures.get(files[0], px[c] - 2 * PICTURE_PAD_PX, PICTURE_MAX_PX)
                        if isinstance(pic, str):  # named, and the cell says it is not shown
                            value = cells[c]
                            note = str(PICTURES[pic])
                            cells = [*cells[:c], f"{value}\n{note}" if value else note, *cells[c + 1 :]]
                        else:
                            shown[c] = pic
                # the row's height: its longest wrapped text, or its picture and the names under it
                # (set on every row: LibreOffice does not fit a row to its text when it opens one)
                need = LINE_PT
                for c, value in enumerate(cells):
                    text = value if isinstance(value, str) else ""
                    lines = _lines(text, px[c]) * LINE_PT if text else 0.0
                    if c in shown:
                        lines += (shown[c][2] + 2 * PICTURE_PAD_PX) * 0.75
                    need = max(need, lines)
                ws.set_row(r, min(MAX_ROW_PT, need + 3))
                for c, value in enumerate(cells):
                    if value is None or value == "":
                        ws.write_blank(r, c, None, text_fmt)
                    elif isinstance(value, dt.date):
                        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        ws.write_number(r, c, value, num_fmt)
                    else:
                        ws.write_string(r, c, clean(str(value)), photo_fmt if c in shown else text_fmt)
                for c, (image, scale, _h) in shown.items():
                    ws.insert_image(
                        r,
                        c,
                        image,
                        {
                            "x_scale": scale,
                            "y_scale": scale,
                            "x_offset": PICTURE_PAD_PX,
                            "y_offset": PICTURE_PAD_PX,
                        },
                    )
            ws.autofilter(1, 0, max(r, 1), last_col)
            foot_row = r + 2
            ws.set_row(foot_row, 24)
            if last_col > 0:
                ws.merge_range(foot_row, 0, foot_row, last_col, clean(foot), foot_fmt)
            else:
                ws.write_string(foot_row, 0, clean(foot), foot_fmt)
            finished = True
        finally:
            if finished:
                _close_storing_pictures(wb)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return count
