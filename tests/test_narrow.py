"""Listings on a terminal of 60, 80, 120 and 200 columns: nothing the clerk wrote and no date,
state or number dropped or cut, nothing cut mid-word; a table when it fits, else each row as a
block of `名称：值` lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from civicli.cli.app import app
from civicli.output.rich_table import unambiguous
from civicli.output.table import _NO_START, is_token, table_widths, units, wrap

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (60, 80, 120, 200)

NOTE = "成立了以书记为组长的创建工作领导小组，明确分工，责任到人，每月召开一次例会，会议纪要见 docs/minutes-2027-01.pdf"
PLACE = "社区会议室（幸福里3号楼一层）"
PEOPLE = "王芳、李明、张伟等居民代表12人，志愿者5人"
MEASURE = "通知保洁员清扫楼道扶手并张贴告示，每周复查一次直至整改到位"
FAIL_NOTE = "楼道扶手积灰严重需要清洁"


def _run(db: Path, *args: str, width: int | None = None, today: str = "2027-09-10") -> Result:
    env = {"CIVICLI_DB": str(db), "CIVICLI_TODAY": today, "CIVICLI_LANG": "zh", "TZ": "Asia/Shanghai"}
    if width is None:
        env["NO_COLOR"] = "1"
    else:
        env["COLUMNS"] = str(width)
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans with a long record, an inspection that failed two items, a measure."""
    folder = tmp_path_factory.mktemp("narrow")
    db = folder / "c.db"
    photo = folder / "photo-of-the-meeting.jpg"
    photo.write_bytes(b"jpeg")
    steps = [
        ("load", str(ROOT / "plans")),
        ("done", "pian1-2027/1.1", "--note", NOTE, "--place", PLACE, "--people", PEOPLE, "--by", "王芳",
         "--photo", str(photo), "--date", "2027-01-20"),
        ("progress", "pian1-2027/1.5", "--percent", "50", "--note", "检查了三个小区", "--by", "李明"),
        ("inspect", "pian1-2027/stairwell-hygiene", "--area", "1号楼", "--pass", "1", "--fail", f"2={FAIL_NOTE}",
         "--pass", "3", "--pass", "4", "--fail", "5", "--pass", "6", "--by", "王芳", "--date", "2027-08-20"),
        ("rectify", "1", "--measure", MEASURE, "--by", "李明", "--date", "2027-08-22"),
    ]  # fmt: skip
    for step in steps:
        r = _run(db, *step)
        assert r.exit_code == 0, (step, r.stderr)
    return db


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout taken for a terminal (Rich draws at COLUMNS wide)."""
    from civicli.output import terminal

    monkeypatch.setattr(terminal, "wants_plain", lambda stream=None: False)


def _screen(db: Path, width: int, *args: str) -> str:
    r = _run(db, *args, width=width)
    assert r.exit_code == 0, r.stderr
    text = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    for line in text.splitlines():  # nothing runs past the terminal's edge
        assert cell_len(line) <= width, (width, line)
    return text


def _words(screen: str) -> list[str]:
    """The screen's words: split at spaces and after a block's `名称：`."""
    return [w for w in re.split(r"[\s：]+", screen) if w]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _whole(value: str, screen: str) -> bool:
    """`value` is on the screen whole: its tokens and ASCII words as whole words, its prose in
    order with only line breaks (and the table's other columns) between its pieces. (On a
    terminal “ ” · are shown as 「 」 ・, of unambiguous width.)"""
    value = unambiguous(value)
    return all(piece in screen for piece, _ in units(value)) and _read_back(value, screen)


def _read_back(value: str, screen: str) -> bool:
    """The value read back from the screen as a clerk reads it: in a block its continuation
    lines follow its line; in a table its column's slices of the row's lines follow each other."""
    lines = screen.splitlines()
    wanted = _flat(value)
    first = next((p for p, _ in units(value)), "")
    for n, line in enumerate(lines):
        at = line.find(first)
        while at >= 0:
            # a block: the value's line, then the continuation lines (indented under it)
            got = line[at:]
            for later in lines[n + 1 :]:
                if _flat(got).startswith(wanted) or not later.startswith(" "):
                    break
                got += later
            if _flat(got).startswith(wanted):
                return True
            # a table: the slices of this column (the left edge of the cell holding the value's
            # start) on this and the following lines
            start = line.rfind("  ", 0, at) + 2 if "  " in line[:at] else 0
            edge = cell_len(line[:start])
            got = line[at:].split("  ")[0]
            for later in lines[n + 1 :]:
                if _flat(got).startswith(wanted):
                    return True
                if not wanted.startswith(_flat(got)):
                    break
                cells = _cells_from(later, edge)
                if not cells:
                    break
                got += cells
            if _flat(got).startswith(wanted):
                return True
            at = line.find(first, at + 1)
    return False


def _cells_from(line: str, left: int) -> str:
    """What stands on `line` from cell `left` up to the next gap of two spaces."""
    col, out = 0, []
    for ch in line:
        if col >= left:
            out.append(ch)
        col += cell_len(ch)
    text = "".join(out)
    if not text or text[0] == " ":
        return ""
    return text.split("  ")[0]


def _json(db: Path, *args: str) -> object:
    r = _run(db, *args, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("width", WIDTHS)
def test_log_shows_every_record_whole(db: Path, width: int) -> None:
    screen = _screen(db, width, "log", "pian1-2027/1.1")
    [record] = _json(db, "log", "pian1-2027/1.1")  # type: ignore[misc]
    words = _words(screen)
    # the record's number (undo's RECORD_ID) and when it was recorded, local time to the minute
    assert f"#{record['id']}" in words
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d(?!:)", screen)  # to the minute
    assert "2027-01-20" in words and "已完成" in words and "王芳" in screen
    for value in (NOTE, PLACE, PEOPLE, *record["photos"]):
        assert _whole(value, screen), (width, value, screen)
    assert "docs/minutes-2027-01.pdf" in words  # a path in a note never broken


@pytest.mark.parametrize("width", WIDTHS)
def test_rectifications_show_area_problem_owner_and_measures(db: Path, width: int) -> None:
    screen = _screen(db, width, "rectifications", "--all")
    rows = _json(db, "rectifications", "--all")
    words = _words(screen)
    assert len(rows) == 2  # type: ignore[arg-type]
    for r in rows:  # type: ignore[union-attr]
        assert f"#{r['id']}" in words and r["opened"] in words and r["due"] in words
        # 逾期14天: 2027-09-10 is 14 days after the due date 2027-08-27
        assert "逾期14天" in screen
        for value in (r["area"], r["owner"], *(m["text"] for m in r["measures"])):
            assert _whole(value, screen), (width, value, screen)
    for problem in ("楼道地面、扶手、窗台干净", "无乱贴乱画、无小广告", FAIL_NOTE, MEASURE):
        assert _whole(problem, screen), (width, problem, screen)


@pytest.mark.parametrize("width", WIDTHS)
def test_tasks_keep_every_key_date_state_and_title(db: Path, width: int) -> None:
    screen = _screen(db, width, "tasks", "--plan", "pian1-2027")
    rows = _json(db, "tasks", "--plan", "pian1-2027")
    words = _words(screen)
    for r in rows:  # type: ignore[union-attr]
        assert r["key"] in words and r["due"] in words, (width, r["key"])
        assert _whole(r["title"], screen), (width, r["title"])
        if r["overdue"]:
            assert f"逾期{r['days_late']}天" in words
    assert "50%" in words  # 1.5's progress is there at every width


@pytest.mark.parametrize("width", WIDTHS)
def test_inspections_plans_and_show(db: Path, width: int) -> None:
    screen = _screen(db, width, "inspections")
    words = _words(screen)
    assert "#1" in words and "2027-08-20" in words and "80" in words
    assert _whole(f"楼道地面、扶手、窗台干净（{FAIL_NOTE}）", screen)
    screen = _screen(db, width, "plans")
    words = _words(screen)
    for plan in _json(db, "plans"):  # type: ignore[union-attr]
        assert plan["id"] in words and plan["start"] in words and plan["end"] in words
        assert _whole(plan["title"], screen)
    screen = _screen(db, width, "show", "pian1-2027")
    for section in _json(db, "show", "pian1-2027")["sections"]:  # type: ignore[index]
        for task in section["tasks"]:
            assert _whole(task["title"], screen), (width, task["title"])


def test_narrow_rows_become_blocks_of_name_and_value(db: Path) -> None:
    # the log at 80 columns cannot hold 12 columns: each record a block, one line a value
    screen = _screen(db, 80, "log", "pian1-2027/1.1")
    assert "备注：" in screen and "地点：" in screen and "参加人员：" in screen and "照片：" in screen
    assert re.search(r"^编号：\s+#\d+ *$", screen, re.M)
    # at 200 the same log is a table with a header line
    wide = _screen(db, 200, "log", "pian1-2027/1.1")
    assert "备注：" not in wide and re.search(r"^编号\s+记录时间\s+日期", wide, re.M)


def test_ids_and_dates_keep_their_width_and_prose_takes_the_room() -> None:
    headers = ["编号", "标题", "期间"]
    rows = [["pian4-2027", "社区精神文明创建工作计划（篇4）（原文不完整）", "2027-01-01 ~ 2027-12-31"]]
    # 10 + 23 + 2 gaps of 2 = 37 cells for ids and period; a 60-column terminal leaves the
    # title 60 - 37 = 23 cells; at 200 the title (12 characters, （篇4） and （原文不完整）: 24 + 7 + 14 = 45 cells) is whole on its line
    assert table_widths(headers, rows, 60) == [10, 23, 23]
    assert table_widths(headers, rows, 200) == [10, 45, 23]
    # at 40 the period goes on two lines at its space (10 + 16 + 10 + 4 = 40): the title keeps
    # its 16 cells (8 characters); at 39 nothing fits: blocks
    assert table_widths(headers, rows, 40) == [10, 16, 10]
    assert table_widths(headers, rows, 39) is None


_TEXT = st.lists(
    st.sampled_from([*"楼道卫生检查，。、（）「」 abc-/.12天人", "2027-09-10", "forms-2027/1.4", " "]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, width=st.integers(min_value=4, max_value=40))
def test_wrap_keeps_every_character_and_breaks_only_between_pieces(text: str, width: int) -> None:
    lines = wrap(text, width)
    # nothing lost: the lines are the text with only spaces at the breaks taken out
    assert _flat("".join(lines)) == _flat(text)
    pieces = [p for p, _ in units(text)]
    for line in lines:
        wide_piece = any(cell_len(p) > width for p in pieces)
        # wider only when it is one piece too wide for any line, whole on its own line
        assert cell_len(line) <= width or line in pieces
        if not wide_piece:
            # no line begins with a closing mark; no token broken across lines
            assert not line or line[0] not in _NO_START or line == lines[0]
    if not any(cell_len(p) > width for p in pieces):
        for word in text.split():
            if is_token(word) and cell_len(word) <= width:
                assert any(word in line for line in lines), (word, lines)


def test_log_time_is_local_to_the_minute(db: Path) -> None:
    """`at` is kept with its offset (JSON unchanged); the table shows it in the zone of TZ."""
    import datetime as dt
    import os
    import subprocess
    import sys
    from zoneinfo import ZoneInfo

    [record] = _json(db, "log", "pian1-2027/1.1")  # type: ignore[misc]
    moment = dt.datetime.fromisoformat(record["at"])
    assert moment.tzinfo is not None  # JSON: ISO with its offset, to the second
    for zone in ("Asia/Shanghai", "America/New_York"):
        env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-09-10", "TZ": zone}
        env.pop("CIVICLI_LANG", None)
        r = subprocess.run(
            [sys.executable, "-m", "civicli", "log", "pian1-2027/1.1"],
            env=env, capture_output=True, text=True, encoding="utf-8", check=False,
        )  # fmt: skip
        assert r.returncode == 0, r.stderr
        local = moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
        assert local in r.stdout, (zone, local, r.stdout)


@pytest.mark.parametrize("width", [12, 20, 30])
def test_a_very_narrow_terminal_still_shows_every_value_whole(width: int) -> None:
    """Narrower than a name and a value side by side: each value under its name, wrapped."""
    import io

    from civicli.output.table import Block, Column
    from civicli.output.terminal import Out

    block = Block(
        title="整改清单",
        columns=[Column("编号", "right"), Column("整改措施"), Column("照片")],
        rows=[["#1", MEASURE, "c-files/p1.jpg"]],
    )
    buf = io.StringIO()
    Out(plain=False, stdout=buf, width=width).blocks([block])
    screen = re.sub(r"\x1b\[[0-9;]*m", "", buf.getvalue())
    assert "#1" in screen.split() and "c-files/p1.jpg" in screen.split()  # never broken
    assert _flat(MEASURE) in _flat(screen)  # whole, in order
    for line in screen.splitlines():
        assert cell_len(line) <= width or line.strip() in ("c-files/p1.jpg",), line
