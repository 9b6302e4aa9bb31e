"""The ledgers as 测评 reads them: pictures in their cells, text no smaller than 9 pt on paper,
the foot, the 整改台账's columns, 参加人数 from the plan's headcount, and the 活动记录表 (docx).

Files are opened with the libraries that read them (openpyxl, python-docx, zipfile, csv)."""

from __future__ import annotations

import csv
import io
import math
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import DATA, Invoke

SUM = DATA / "summary" / "sum-2027.yaml"
TODAY = "2027-09-10"
CM_EMU = 360_000  # 1 cm in the EMU of drawings


def _png(path: Path, width: int, height: int, rgb: tuple[int, int, int]) -> Path:
    """A real PNG picture, written without an imaging library."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


@pytest.fixture
def loaded(cli: Invoke) -> Invoke:
    r = cli("load", str(SUM), today=TODAY)
    assert r.exit_code == 0, r.stderr
    return cli


def _ok(r):  # type: ignore[no-untyped-def]
    assert r.exit_code == 0, r.stderr
    return r


def _csv(cli: Invoke, ledger: str) -> list[list[str]]:
    r = _ok(cli("export", ledger, "--format", "csv", "-o", "-", today=TODAY))
    return list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))


# ---------------------------------------------------------------- pictures in the cells


def test_the_first_photo_of_a_row_is_a_picture_in_its_cell(loaded: Invoke, tmp_path: Path) -> None:
    wide = _png(tmp_path / "会场.png", 800, 600, (200, 80, 60))
    tall = _png(tmp_path / "签到.png", 300, 900, (60, 160, 90))
    broken = tmp_path / "坏图.jpg"
    broken.write_bytes(b"\xff\xd8 not a picture")
    _ok(loaded("done", "d3", "--place", "活动室", "--photo", str(wide), "--photo", str(tall), today=TODAY))
    _ok(loaded("done", "d1", "--place", "会议室", "--photo", str(broken), today=TODAY))
    _ok(loaded("progress", "d2", "--place", "广场", "--photo", str(tall), today=TODAY))
    target = tmp_path / "a.xlsx"
    _ok(loaded("export", "activities", "-o", str(target), today=TODAY))

    with zipfile.ZipFile(target) as z:
        media = [n for n in z.namelist() if n.startswith("xl/media/")]
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    # two pictures shown (the rows of d3 and d2: the first photo of each); the damaged file is
    # named only; `签到.png` is stored once although shown once and named twice
    assert len(media) == 2
    anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>", drawing)
    # in the 照片 column (the 14th, index 13), rows 3 and 5 of the sheet (index 2 and 4)
    assert anchors == [("13", "2"), ("13", "4")]
    heights = [int(cy) for cy in re.findall(r'<a:ext cx="\d+" cy="(\d+)"', drawing)]
    assert len(heights) == 2 and all(h <= 4 * CM_EMU for h in heights)

    import openpyxl

    ws = openpyxl.load_workbook(target).active
    names = [ws.cell(row=r, column=14).value for r in (3, 4, 5)]
    assert names[0].splitlines()[0].startswith("会场_") and names[0].splitlines()[1].startswith("签到_")
    assert names[1].startswith("坏图_") and names[2].startswith("签到_")
    # a row with a picture is made tall enough for it: 120 px at most (90 pt) plus the names
    assert ws.row_dimensions[3].height >= 90


# ---------------------------------------------------------------- readable on paper


A4_LANDSCAPE_IN = 297 / 25.4
LIBREOFFICE_UNIT_PX = 7.45  # a unit of column width where Arial is Liberation Sans (measured: 7.44)


@pytest.mark.parametrize("ledger", ["activities", "inspections", "rectifications", "tasks"])
def test_no_text_is_printed_under_9_pt(loaded: Invoke, tmp_path: Path, ledger: str) -> None:
    photo = _png(tmp_path / "p.png", 400, 300, (10, 10, 10))
    _ok(loaded("done", "d3", "--place", "活动室", "--people", "居民", "--photo", str(photo), today=TODAY))
    _ok(loaded("inspect", "stair", "--area", "A栋", "--fail", "basement=有杂物", "--pass", "corridor",
               "--date", "2027-09-01", today=TODAY))  # fmt: skip
    target = tmp_path / f"{ledger}.xlsx"
    _ok(loaded("export", ledger, "-o", str(target), today=TODAY))
    import openpyxl

    ws = openpyxl.load_workbook(target).active
    # fitted to the page's width only: the scale is printable width / total width of the columns
    setup = ws.page_setup
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth in (None, 1)) and setup.fitToHeight == 0
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9
    printable_px = (A4_LANDSCAPE_IN - ws.page_margins.left - ws.page_margins.right) * 96
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():  # openpyxl joins neighbours of one width
        for c in range(dim.min, dim.max + 1):
            widths[c] = dim.width
    columns = [widths[c] for c in range(1, ws.max_column + 1)]
    total_px = sum(w * LIBREOFFICE_UNIT_PX for w in columns)
    scale = math.floor(min(1.0, printable_px / total_px) * 100) / 100  # printed at a whole percent
    smallest = min(
        cell.font.sz for row in ws.iter_rows() for cell in row if cell.value is not None and cell.font.sz
    )
    # 11 pt text at no less than 82 %: e.g. the 活动台账's 14 columns make 1,260 px where
    # 1,065 px are printable (297 mm less two 0.3 in margins): 84 %, 9.2 pt
    assert smallest >= 11
    assert smallest * scale >= 9, (smallest, scale, total_px)
    # every row is as tall as its wrapped text (LibreOffice does not fit rows when it opens a
    # file): at least one 16 pt line, two for the plan's title (14 Chinese characters, 205 px at
    # 11 pt) wherever the 计划 column is narrower than that
    heights = [ws.row_dimensions[r].height for r in range(3, ws.max_row - 1)]
    assert heights and all(h is not None and h >= 16 for h in heights)
    headers = [c.value for c in ws[2]]
    if "计划" in headers:
        letter = openpyxl.utils.get_column_letter(headers.index("计划") + 1)
        if widths[headers.index("计划") + 1] * 7 < 205:
            assert all(h >= 32 for h in heights), (letter, heights)
    # the page numbers too (&12: 12 pt)
    assert "&12" in ws.oddFooter.center.text or ws.oddFooter.center.size == 12


# ---------------------------------------------------------------- the foot


def test_the_foot_names_the_preparer_and_the_reviewer(loaded: Invoke, tmp_path: Path) -> None:
    _ok(loaded("config", "制表人", "张三"))  # the Chinese names of the keys work too
    _ok(loaded("config", "台账审核人", "李主任"))
    assert loaded("config", "ledger.preparer").stdout == "张三\n"
    _ok(loaded("done", "d3", "--place", "活动室", today=TODAY))
    target = tmp_path / "a.xlsx"
    _ok(loaded("export", "activities", "-o", str(target), today="2027-09-30"))
    import openpyxl

    ws = openpyxl.load_workbook(target).active
    # title, header, one activity (row 3), one empty row, the foot dated today
    assert ws.max_row == 5 and ws["A4"].value is None
    assert ws["A5"].value == "制表人：张三　　　　审核人：李主任　　　　制表日期：2027年9月30日"
    # the CSV has no foot
    rows = _csv(loaded, "activities")
    assert len(rows) == 2 and not any("制表人" in c for c in rows[-1])


# ---------------------------------------------------------------- 整改台账 and 检查台账


def test_rectification_ledger_tells_the_whole_story(loaded: Invoke, tmp_path: Path) -> None:
    before = _png(tmp_path / "整改前.png", 400, 300, (200, 0, 0))
    after = _png(tmp_path / "整改后.png", 400, 300, (0, 200, 0))
    _ok(loaded("inspect", "stair", "--area", "A栋", "--pass", "corridor", "--fail", "basement=堆放旧家具",
               "--by", "赵检查", "--note", "夜间抽查", "--photo", str(before), "--date", "2027-09-01",
               today=TODAY))  # fmt: skip
    _ok(loaded("inspect", "stair", "--area", "B栋", "--pass", "corridor", "--fail", "basement", "--by", "赵检查",
               "--date", "2027-09-02", today=TODAY))  # fmt: skip
    rows = _csv(loaded, "rectifications")
    # no step yet: 待整改 (B栋, due 09-09, still in time on 09-10? no: 09-09 < 09-10 → 逾期)
    assert [(r[1], r[17]) for r in rows[1:]] == [("1", "逾期"), ("2", "逾期")]
    _ok(loaded("rectify", "1", "--measure", "清走旧家具", "--by", "楼长王", "--photo", str(after),
               "--date", "2027-09-03", today=TODAY))  # fmt: skip
    _ok(loaded("recheck", "1", "--fail", "--note", "仍有纸箱", "--by", "钱复查", "--date", "2027-09-04",
               today=TODAY))  # fmt: skip
    rows = _csv(loaded, "rectifications")
    # a recheck failed on 09-04: a new 整改时限 (7 days later, 09-11), not yet passed: 整改中
    assert (rows[1][9], rows[1][16], rows[1][17]) == ("2027-09-11", "1", "整改中")
    _ok(loaded("recheck", "1", "--pass", "--note", "已清理干净", "--by", "钱复查", "--date", "2027-09-08",
               today=TODAY))  # fmt: skip
    rows = _csv(loaded, "rectifications")
    one = dict(zip(rows[0], rows[1], strict=True))
    assert one["问题来源"] == "楼道卫生检查" and one["发现人"] == "赵检查"
    assert one["问题"] == "堆放旧家具（地下室整洁）"  # the note first, the item in brackets
    assert one["整改前照片"].startswith("整改前") and one["整改后照片"].startswith("整改后_")
    assert one["整改措施"] == "2027年9月3日 清走旧家具（楼长王）"
    assert (one["复查日期"], one["复查人"], one["复查意见"]) == ("2027-09-08", "钱复查", "已清理干净")
    assert (one["复查未通过次数"], one["完成情况"], one["销号日期"]) == ("1", "已销号", "2027-09-08")
    # the same word as `rectifications --all`
    assert "已销号" in loaded("rectifications", "--all", today=TODAY).stdout
    # 检查台账: the note and the rectifications each inspection opened
    ins = {r[1]: r for r in _csv(loaded, "inspections")[1:]}
    assert (ins["1"][10], ins["1"][11]) == ("夜间抽查", "#1")
    assert (ins["2"][9], ins["2"][11]) == ("地下室整洁", "#2")


def test_what_undo_took_back_is_never_listed(loaded: Invoke) -> None:
    _ok(loaded("done", "d1", "--place", "会议室", today=TODAY))
    _ok(loaded("done", "d3", "--place", "活动室", today=TODAY))
    _ok(loaded("undo", today=TODAY))  # takes back d3's record
    assert [r[4] for r in _csv(loaded, "activities")[1:]] == ["sum-2027/d1"]
    _ok(loaded("inspect", "stair", "--area", "A栋", "--fail", "basement", "--pass", "corridor", today=TODAY))
    _ok(loaded("undo", today=TODAY))  # the inspection, and the rectification it opened
    assert _csv(loaded, "inspections")[1:] == []
    assert _csv(loaded, "rectifications")[1:] == []
    tasks = {(r[1], r[5]): r for r in _csv(loaded, "tasks")[1:]}
    # d3 (due 08-31): its done was taken back, so it is late again on 09-10
    assert tasks[("sum-2027/d3", "一次性")][7:] == ["逾期", "", ""]


# ---------------------------------------------------------------- 参加人数 from the plan's headcount


PLAN = """\
id: hc-2027
title: 人数测试计划
community: 测试社区
period: {start: 2027-01-01, end: 2027-12-31}
metrics: {attendees: 到场人数, participants: 参与人次}
headcount: attendees
sections:
  - id: "1"
    title: 活动
    tasks:
      - {id: t1, title: 邻里节, owner: 张主任, due: 2027-09-30}
      - {id: t2, title: 半年总结, every: 6 months}
"""


def test_headcount_is_the_plans_metric_as_a_number(cli: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "hc.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    _ok(cli("load", str(plan), today=TODAY))
    _ok(cli("done", "t1", "--metric", "attendees=25", "--metric", "participants=40", "--by", "小李",
            "--people", "居民", today=TODAY))  # fmt: skip
    _ok(cli("done", "t2", "--place", "会议室", "--occurrence", "2027-07", today=TODAY))
    rows = _csv(cli, "activities")
    by_key = {r[4]: r for r in rows[1:]}
    # attendees (25), not participants (40): the plan says which metric counts the people
    assert by_key["hc-2027/t1"][8] == "25"
    assert by_key["hc-2027/t1"][10] == "到场人数=25；参与人次=40"
    assert (by_key["hc-2027/t1"][11], by_key["hc-2027/t1"][12]) == ("张主任", "小李")
    assert by_key["hc-2027/t2"][5] == "2027年下半年"  # every 6 months, from July
    target = tmp_path / "a.xlsx"
    _ok(cli("export", "activities", "-o", str(target), today=TODAY))
    import openpyxl

    ws = openpyxl.load_workbook(target).active
    assert [ws.cell(row=r, column=9).value for r in (3, 4)] == [25, None]


def test_a_headcount_the_plan_does_not_know_is_refused(cli: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "hc.yaml"
    plan.write_text(PLAN.replace("headcount: attendees", "headcount: attendes"), encoding="utf-8")
    r = cli("load", str(plan), today=TODAY)
    assert r.exit_code == 1
    assert "headcount" in r.stderr and "attendes" in r.stderr and "attendees" in r.stderr


# ---------------------------------------------------------------- the 活动记录表 (docx)


def test_activity_records_as_docx_one_page_each(loaded: Invoke, tmp_path: Path) -> None:
    wide = _png(tmp_path / "会场.png", 1600, 1200, (200, 80, 60))
    _ok(loaded("done", "d3", "--place", "社区活动室", "--people", "居民30人、志愿者5人", "--metric", "participants=35",
               "--note", "开展学法用法培训。", "--by", "张三", "--photo", str(wide), "--photo", str(wide),
               today=TODAY))  # fmt: skip
    _ok(loaded("done", "d1", "--place", "会议室", "--by", "王书记", today=TODAY))
    _ok(loaded("progress", "d2", "--percent", "30", today=TODAY))  # no activity: no page
    target = tmp_path / "活动记录表.docx"  # the extension says the format
    r = _ok(loaded("export", "activities", "-o", str(target), today=TODAY))
    assert "活动记录表" in r.stderr + r.stdout
    import docx
    from docx.shared import Cm

    doc = docx.Document(str(target))
    titles = [p for p in doc.paragraphs if p.text == "活动记录表"]
    assert len(titles) == 2 and titles[1].paragraph_format.page_break_before
    first = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert first == {
        "活动主题": "制定学法用法培训计划",
        "活动时间": "2027年9月10日",
        "活动地点": "社区活动室",
        "参加人员": "居民30人、志愿者5人",
        "参加人数": "35人",
        "负责人": "专干",
        "记录人": "张三",
        "所属计划": "测试社区精神文明创建工作计划（一次性）",
        "活动内容": "开展学法用法培训。",
    }
    pictures = doc.inline_shapes
    assert len(pictures) == 1  # the same photo attached twice is one photo
    assert pictures[0].width <= Cm(7.5) + 1
    assert doc.core_properties.author == "测试社区"
    with zipfile.ZipFile(target) as z:
        props = z.read("docProps/core.xml").decode() + z.read("docProps/app.xml").decode()
    assert "python-docx" not in props and "civicli" not in props.lower()


def test_docx_only_for_activities_and_formats_that_contradict(loaded: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    r = loaded("export", "inspections", "--format", "docx", "-o", str(target), today=TODAY)
    assert r.exit_code == 1 and "docx" in r.stderr and not target.exists()
    r = loaded("export", "activities", "--format", "csv", "-o", str(target), today=TODAY)
    assert r.exit_code == 2 and not target.exists()
    # no activity held in the range: nothing to print, nothing written
    r = loaded("export", "activities", "-o", str(target), today=TODAY)
    assert r.exit_code == 1 and not target.exists()
    # a file name ending in .csv writes CSV
    _ok(loaded("done", "d3", "--place", "活动室", today=TODAY))
    out = tmp_path / "活动.csv"
    _ok(loaded("export", "activities", "-o", str(out), today=TODAY))
    assert out.read_bytes().startswith("\ufeff序号,".encode())
    assert list(tmp_path.glob(".*")) == []  # no temporaries left beside the targets
