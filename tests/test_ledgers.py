"""Activity details with photos, the ledgers (台账) as xlsx and CSV, settings (the bulletin: test_bulletin.py).

Every produced file is opened with the library that reads it (openpyxl, python-docx, csv)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from civicli.output import activity_docx, xlsx
from tests.conftest import DATA, PLANS, Invoke, dump

CIVICLI = Path(sys.executable).with_name("civicli")
SUM = DATA / "summary" / "sum-2027.yaml"
TODAY = "2027-09-10"


@pytest.fixture
def loaded(cli: Invoke) -> Invoke:
    r = cli("load", str(SUM), today=TODAY)
    assert r.exit_code == 0, r.stderr
    return cli


def _sql(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _photo(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------- activity details and photos


def test_place_people_and_photos_are_kept_and_logged(loaded: Invoke, db_path: Path, tmp_path: Path) -> None:
    a = _photo(tmp_path, "会场.jpg", b"\xff\xd8 first photo")
    b = _photo(tmp_path, "签到表.jpg", b"\xff\xd8 second photo")
    r = loaded(
        "progress", "sum-2027/d1", "--percent", "50", "--place", "社区活动室", "--people", "居民30人、志愿者5人",
        "--photo", str(a), "--photo", str(b), today=TODAY,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    # the same photo again, on another task: stored once
    r = loaded("done", "sum-2027/d3", "--photo", str(a), today=TODAY)
    assert r.exit_code == 0, r.stderr
    a.unlink()  # the original moved away: the record keeps its copy

    entries = json.loads(loaded("log", "sum-2027/d1", "--json").stdout)
    assert len(entries) == 1
    e = entries[0]
    assert (e["place"], e["people"], e["undone"]) == ("社区活动室", "居民30人、志愿者5人", False)
    assert isinstance(e["id"], int)
    assert len(e["photos"]) == 2 and all(p.startswith("civicli-files/") for p in e["photos"])
    assert (db_path.parent / e["photos"][0]).read_bytes() == b"\xff\xd8 first photo"
    assert (db_path.parent / e["photos"][1]).read_bytes() == b"\xff\xd8 second photo"
    other = json.loads(loaded("log", "sum-2027/d3", "--json").stdout)[0]
    assert other["photos"] == [e["photos"][0]]  # one copy of the same content
    assert _sql(db_path, "SELECT COUNT(*) FROM evidence") == [(2,)]
    assert sorted(p.name for p in (db_path.parent / "civicli-files").iterdir()) == sorted(
        p.rsplit("/", 1)[1] for p in e["photos"]
    )
    table = loaded("log", "sum-2027/d1").stdout
    assert "社区活动室" in table and "居民30人、志愿者5人" in table and e["photos"][1] in table


def test_two_photos_with_one_name_do_not_collide(loaded: Invoke, db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    one = _photo(tmp_path / "x", "photo.jpg", b"one")
    two = _photo(tmp_path / "y", "photo.jpg", b"two")
    assert loaded("progress", "d1", "--note", "a", "--photo", str(one), today=TODAY).exit_code == 0
    assert loaded("progress", "d1", "--note", "b", "--photo", str(two), today=TODAY).exit_code == 0
    paths = [p for e in json.loads(loaded("log", "d1", "--json").stdout) for p in e["photos"]]
    assert len(set(paths)) == 2
    assert sorted((db_path.parent / p).read_bytes() for p in paths) == [b"one", b"two"]


@pytest.mark.parametrize("kind", ["missing", "folder", "fifo"])
def test_a_photo_that_is_not_a_regular_file_writes_nothing(
    loaded: Invoke, db_path: Path, tmp_path: Path, kind: str
) -> None:
    good = _photo(tmp_path, "good.jpg", b"good")
    bad = tmp_path / "bad.jpg"
    if kind == "folder":
        bad.mkdir()
    elif kind == "fifo":
        os.mkfifo(bad)
    before = dump(db_path)
    r = loaded("done", "d1", "--photo", str(good), "--photo", str(bad), today=TODAY)
    assert r.exit_code == 1
    assert "bad.jpg" in r.stderr and "Traceback" not in r.stderr
    assert dump(db_path) == before
    assert not (db_path.parent / "civicli-files").exists()


# ---------------------------------------------------------------- the ledgers


@pytest.fixture
def worked(loaded: Invoke, db_path: Path, tmp_path: Path) -> Invoke:
    """Records, an inspection with a failed item and a rectification, and one record taken back."""
    photo = _photo(tmp_path, "活动照片.jpg", b"jpeg")
    steps = [
        ("progress", "d1", "--percent", "50", "--note", "召开筹备会", "--by", "王书记", "--place", "会议室"),
        ("done", "d3", "--metric", "law_trainings=1", "--by", "张三", "--photo", str(photo)),
        ("progress", "long", "--note", "已撤销的记录", "--by", "李四"),
        ("inspect", "sum-2027/stair", "--area", "A栋", "--pass", "corridor", "--fail", "basement=有杂物",
         "--by", "赵检查", "--date", "2027-09-01"),
        ("progress", "d2", "--status", "doing", "--people", "居民10人", "--note", "=SUM(A1)",
         "--metric", "participants=10"),
    ]  # fmt: skip
    for args in steps:
        r = loaded(*args, today=TODAY)
        assert r.exit_code == 0, (args, r.stderr)
    # `undo` is another command's: the third record is taken back as undo records it
    rid = _sql(db_path, "SELECT id FROM records WHERE note = '已撤销的记录'")[0][0]
    _sql(
        db_path,
        "INSERT INTO takebacks (kind, target_id, at, date) VALUES ('record', ?, 'now', ?)",
        (rid, TODAY),
    )
    # an earlier record, made later: listed by its date first
    r = loaded("progress", "m1", "--percent", "20", "--occurrence", "2027-08", today="2027-08-20")
    assert r.exit_code == 0, r.stderr
    return loaded


def _xlsx(path: Path):  # type: ignore[no-untyped-def]
    import openpyxl

    return openpyxl.load_workbook(path)


ACTIVITY_HEADERS = [
    "序号", "日期", "活动主题", "计划", "编号", "期次", "地点", "参加人员", "参加人数", "内容", "数据", "负责人",
    "记录人", "照片",
]  # fmt: skip


def test_activities_ledger_as_xlsx(worked: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    r = worked("export", "activities", today=TODAY)
    assert r.exit_code == 0, r.stderr
    # default name: the ledger and its dates (the plan's start 2027-08-01 up to today)
    path = out / "活动台账_2027-08-01_2027-09-10.xlsx"
    assert [p.name for p in out.iterdir()] == [path.name]
    ws = _xlsx(path).active
    assert ws.title == "活动台账"
    assert ws["A1"].value == "测试社区活动台账（2027年8月1日至2027年9月10日）"
    assert [c.value for c in ws[2]] == ACTIVITY_HEADERS
    rows = [list(r) for r in ws.iter_rows(min_row=3, max_row=5, values_only=True)]
    # activities only: d1 (a place), d3 (done), d2 (people); not m1's 20% of 08-20 (a percent
    # alone is no activity) nor the record taken back; by date, then as recorded
    assert [(r[0], r[1], r[4]) for r in rows] == [
        (1, dt.datetime(2027, 9, 10), "sum-2027/d1"),
        (2, dt.datetime(2027, 9, 10), "sum-2027/d3"),
        (3, dt.datetime(2027, 9, 10), "sum-2027/d2"),
    ]
    d1, d3, d2 = rows
    # 活动主题 the task; 期次 一次性 (a due: task); 负责人 the owner role's name; 记录人 the --by
    assert d1[2:8] == [
        "建立创建工作领导小组",
        "测试社区精神文明创建工作计划",
        "sum-2027/d1",
        "一次性",
        "会议室",
        None,
    ]
    assert (d1[9], d1[11], d1[12]) == ("召开筹备会", "社区党支部书记", "王书记")
    assert (d3[10], d3[11], d3[12]) == ("law_trainings=1", "专干", "张三")
    # the stored file's name; its bytes are no picture, so the cell says it is not shown
    name, note = d3[13].splitlines()
    assert name.startswith("活动照片_") and name.endswith(".jpg")
    assert note == "（首张照片文件损坏或不是图片，未显示）"
    # 参加人数 a number: the plan's targets count `participants`, so that metric is the headcount
    assert (d2[7], d2[8], d2[9]) == ("居民10人", 10, "=SUM(A1)")  # text, never a formula
    assert ws["B3"].is_date and ws["B3"].number_format == "yyyy-mm-dd"
    assert ws["I5"].data_type == "n"
    # after one empty row, the foot: nobody named yet, room left to write the names by hand
    assert ws["A6"].value is None
    assert ws["A7"].value == "制表人：　　　　　　　　　　审核人：　　　　　　　　　　制表日期：2027年9月10日"
    assert ws.max_row == 7
    # a document to print: bold frozen header on every page, A4 landscape, one page wide
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert all(c.font.b for c in ws[2])
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws["J3"].alignment.wrap_text


def test_ledgers_take_chinese_names_and_csv_has_a_bom(worked: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "台账.csv"
    r = worked("export", "活动台账", "--format", "csv", "--output", str(target), today=TODAY)
    assert r.exit_code == 0, r.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ACTIVITY_HEADERS  # no title or foot rows
    assert [r[:2] for r in rows[1:]] == [["1", "2027-09-10"], ["2", "2027-09-10"], ["3", "2027-09-10"]]
    assert rows[3][9] == "'=SUM(A1)"  # kept as text when a spreadsheet opens it
    # to stdout
    r = worked("export", "activities", "--format", "csv", "--output", "-", today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("\ufeff序号,日期,活动主题")
    assert list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))[1:] == rows[1:]


RECT_HEADERS = [
    "序号", "编号", "问题来源", "发现日期", "发现人", "检查项目", "点位", "问题", "责任人", "整改时限", "整改措施",
    "整改前照片", "整改后照片", "复查日期", "复查人", "复查意见", "复查未通过次数", "完成情况", "销号日期",
]  # fmt: skip


def test_inspections_and_rectifications_ledgers(worked: Invoke, tmp_path: Path) -> None:
    ins = tmp_path / "ins.xlsx"
    assert worked("export", "inspections", "-o", str(ins), today=TODAY).exit_code == 0
    ws = _xlsx(ins).active
    assert ws.title == "检查台账"
    assert [c.value for c in ws[2]] == [
        "序号", "编号", "日期", "计划", "检查项目", "点位", "检查人", "得分", "结果", "问题", "备注", "整改编号", "照片",
    ]  # fmt: skip
    # weights: corridor 2 passed, basement 1 failed → 2/3 = 66.7; the failed item's note first;
    # it opened rectification #1
    assert list(next(ws.iter_rows(min_row=3, values_only=True))) == [
        1, 1, dt.datetime(2027, 9, 1), "测试社区精神文明创建工作计划", "楼道卫生检查", "A栋", "赵检查", 66.7,
        "不合格", "有杂物（地下室整洁）", None, "#1", None,
    ]  # fmt: skip

    rect = tmp_path / "rect.csv"
    r = worked("export", "整改台账", "--format", "csv", "-o", str(rect), today=TODAY)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(rect.read_text(encoding="utf-8-sig"))))
    assert rows[0] == RECT_HEADERS
    # opened 09-01 by 赵检查's inspection, due 7 days later; still open on 09-10: 逾期; the
    # owner the linked task's role (楼长); no step, no recheck yet
    assert rows[1] == [
        "1", "1", "楼道卫生检查", "2027-09-01", "赵检查", "楼道卫生检查", "A栋", "有杂物（地下室整洁）", "楼长",
        "2027-09-08", "", "", "", "", "", "", "0", "逾期", "",
    ]  # fmt: skip
    # a later inspection passing the item closes it: 已销号, rechecked and closed that day
    r = worked("inspect", "stair", "--area", "A栋", "--pass", "corridor", "--pass", "basement", "--by", "钱复查",
               "--date", "2027-09-09", today=TODAY)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    r = worked("export", "rectifications", "--format", "csv", "-o", "-", today=TODAY)
    row = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))[1]
    assert (row[13], row[14], row[17], row[18]) == ("2027-09-09", "钱复查", "已销号", "2027-09-09")
    # `rectifications` shows the same word
    assert "已销号" in worked("rectifications", "--all", today=TODAY).stdout


def test_tasks_ledger(worked: Invoke) -> None:
    r = worked("export", "任务清单", "--format", "csv", "-o", "-", "--from", "2027-9-1", "--to", "2027年9月15日",
               today=TODAY)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["序号", "编号", "计划", "任务", "责任人", "期次", "截止", "状态", "进度", "完成日期"]
    assert [x[0] for x in rows[1:]] == [str(n) for n in range(1, len(rows))]
    by_key = {(x[1], x[5]): x for x in rows[1:]}
    # d3 due 08-31 is before --from: not listed; d1 due 09-15 is, 50% done, outstanding on 09-10
    assert ("sum-2027/d3", "一次性") not in by_key
    assert by_key[("sum-2027/d1", "一次性")][2:] == [
        "测试社区精神文明创建工作计划", "建立创建工作领导小组", "社区党支部书记", "一次性", "2027-09-15", "待办",
        "50%", "",
    ]  # fmt: skip
    # 中秋 (09-15) due in the range; 国庆 opens 09-17, within 14 days after it
    assert by_key[("sum-2027/f1", "2027年中秋")][7] == "待办"
    assert by_key[("sum-2027/f3", "2027年国庆")][7] == "未开始"
    # the weekly inspection task of W36 (due 09-12): the areas inspected so far
    assert by_key[("sum-2027/w1", "2027年第36周")][8] == "已检查0/2处"
    # W35's (due 09-05) is late on 09-10
    assert by_key[("sum-2027/w2", "2027年第35周")][7] == "逾期"
    # d2 (due 09-30, open since 08-01) is neither due in the range nor opening after it
    assert ("sum-2027/d2", "一次性") not in by_key
    dues = [x[6] for x in rows[1:]]
    assert dues == sorted(dues)
    # from the plan's start to the end of September: d2 listed, begun work reads 进行中 (as of
    # today, 09-10); d3, done on 09-10, has its 完成日期; W31's update of the board (08-02 – 08-08)
    # was not done before W32 ended: 未开展
    r = worked("export", "tasks", "--format", "csv", "-o", "-", "--to", "2027-09-30", today=TODAY)
    later = {(x[1], x[5]): x for x in csv.reader(io.StringIO(r.stdout.lstrip("\ufeff")))}
    assert later[("sum-2027/d2", "一次性")][7] == "进行中"
    assert later[("sum-2027/d1", "一次性")][7] == "待办"
    assert later[("sum-2027/d3", "一次性")][7:] == ["已完成", "100%", "2027-09-10"]
    assert later[("sum-2027/w2", "2027年第31周")][7] == "未开展"


def test_plan_option_and_bad_input(worked: Invoke, tmp_path: Path) -> None:
    r = worked("export", "activities", "--plan", "测试社区", "--format", "csv", "-o", "-", today=TODAY)
    assert r.exit_code == 0, r.stderr
    r = worked("export", "activities", "--plan", "nope", "-o", str(tmp_path / "x.xlsx"), today=TODAY)
    assert r.exit_code == 1 and "nope" in r.stderr
    r = worked("export", "ledgerz", today=TODAY)
    assert r.exit_code == 1 and "活动台账" in r.stderr and "Traceback" not in r.stderr
    r = worked(
        "export", "activities", "--from", "2027-09-30", "--to", "2027-09-01", "-o", "-", "--format", "csv"
    )
    assert r.exit_code == 1 and "2027-09-30" in r.stderr
    assert worked("export", "activities", "--from", "2027-02-30", today=TODAY).exit_code == 2
    r = worked("export", "activities", "-o", "-", "--format", "xlsx", today=TODAY)  # xlsx to stdout
    assert r.exit_code == 1 and r.stdout == ""
    assert list(tmp_path.glob("*.xlsx")) == []


def test_an_existing_file_is_never_overwritten_without_force(worked: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the clerk's own file")
    r = worked("export", "activities", "-o", str(target), today=TODAY)
    assert r.exit_code == 1 and "--force" in r.stderr
    assert target.read_bytes() == b"the clerk's own file"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".tmp")) == ["台账.xlsx"]
    r = worked("export", "activities", "-o", str(target), "--force", today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert _xlsx(target).active["A2"].value == "序号"


def test_output_onto_a_symlink_writes_through_and_onto_a_fifo_is_refused(
    worked: Invoke, tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    r = worked("export", "activities", "--format", "csv", "-o", str(link), today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("序号,")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for force in ((), ("--force",)):
        r = worked("export", "activities", "--format", "csv", "-o", str(fifo), *force, today=TODAY)
        assert r.exit_code == 1 and "pipe.csv" in r.stderr
    r = worked("export", "activities", "-o", "/dev/null", "--force", today=TODAY)
    assert r.exit_code == 1


def test_nothing_left_behind_when_writing_fails(worked: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        r = worked("export", "activities", "-o", str(folder / "a.xlsx"), today=TODAY)
        assert r.exit_code == 1 and "Traceback" not in r.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
    r = worked("export", "activities", "-o", str(tmp_path / "nofolder" / "a.xlsx"), today=TODAY)
    assert r.exit_code == 1 and not (tmp_path / "nofolder").exists()


def test_export_through_the_console_script(worked: Invoke, db_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CIVICLI_DB": str(db_path), "CIVICLI_TODAY": TODAY, "LANG": "C"}
    proc = subprocess.run(
        [str(CIVICLI), "export", "activities", "--format", "csv", "--output", "-"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith("\ufeff序号,".encode())
    assert "召开筹备会" in proc.stdout.decode("utf-8")


# ---------------------------------------------------------------- settings


def test_config_lists_sets_and_refuses_unknown_keys(loaded: Invoke) -> None:
    listing = json.loads(loaded("config", "--json").stdout)
    values = {s["key"]: (s["value"], s["set"]) for s in listing}
    assert (
        values.items()
        >= {
            "bulletin.issuer": ("测试社区居委会", False),
            "bulletin.send_to": ("", False),
            "bulletin.copy_to": ("", False),
            "bulletin.copies": ("", False),
            "bulletin.title": ("创建简报", False),
            "bulletin.next_issue": ("1", False),
            "bulletin.editor": ("", False),
            "bulletin.reviewer": ("", False),
            "bulletin.signer": ("", False),
            "ledger.preparer": ("", False),
            "ledger.reviewer": ("", False),
        }.items()
    )
    assert {s["key"]: s["name"] for s in listing}["ledger.reviewer"] == "台账审核人"
    assert loaded("config", "bulletin.send_to", "街道创建办").exit_code == 0
    assert loaded("config", "bulletin.send_to").stdout == "街道创建办\n"
    r = loaded("config", "bulletin.sendto", "x")
    assert r.exit_code == 1 and "bulletin.send_to" in r.stderr
    r = loaded("config", "bulletin.copies", "many")
    assert r.exit_code == 1 and loaded("config", "bulletin.copies").stdout == "\n"
    r = loaded("config", "bulletin.title", "创建\x1b[31m简报")
    assert (
        r.exit_code == 1
        and "\x1b" not in r.stderr
        and loaded("config", "bulletin.title").stdout == "创建简报\n"
    )
    assert loaded("config", "bulletin.send_to", "").exit_code == 0  # back to the default
    assert loaded("config", "bulletin.send_to").stdout == "\n"
    table = loaded("config").stdout
    assert "bulletin.next_issue" in table and "创建简报" in table


# ---------------------------------------------------------------- the bulletin as a Word document


def test_docx_needs_output(loaded: Invoke) -> None:
    r = loaded("summary", "--format", "docx", today=TODAY)
    assert r.exit_code == 2 and "--output" in r.stderr


def test_a_failure_while_writing_leaves_no_file(
    worked: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import civicli.output.xlsx

    def fails_halfway(path: Path, **_: object) -> None:
        path.write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(civicli.output.xlsx, "write_xlsx", fails_halfway)
    target = tmp_path / "half.xlsx"
    r = worked("export", "activities", "-o", str(target), today=TODAY)
    assert r.exit_code == 1 and "磁盘空间已满" in r.stderr  # ENOSPC, in Chinese
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith((".xlsx", ".tmp"))] == []
    # over an existing file with --force: the old file stays whole
    target.write_bytes(b"old ledger")
    r = worked("export", "activities", "-o", str(target), "--force", today=TODAY)
    assert r.exit_code == 1 and target.read_bytes() == b"old ledger"


def test_long_and_odd_text_in_a_ledger(loaded: Invoke, db_path: Path, tmp_path: Path) -> None:
    long_note = "长" * 40_000  # more than an Excel cell holds (32,767 characters)
    assert loaded("progress", "d1", "--note", long_note, "--place", "会议室", today=TODAY).exit_code == 0
    r = loaded("progress", "d1", "--note", "响铃\x07与\x1b[31m红字", "--place", "会议室", today=TODAY)
    assert r.exit_code == 0
    target = tmp_path / "a.xlsx"
    assert loaded("export", "activities", "-o", str(target), today=TODAY).exit_code == 0
    ws = _xlsx(target).active
    first, second = ws["J3"].value, ws["J4"].value
    assert len(first) == 32_767 and first.endswith("…") and first.startswith("长长")
    assert second == "响铃与[31m红字"  # control characters removed, the rest kept as written
    r = loaded("export", "activities", "--format", "csv", "-o", "-", today=TODAY)
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows[1][9] == long_note  # the CSV keeps all of it


def test_log_marks_a_record_taken_back(worked: Invoke) -> None:
    entries = json.loads(worked("log", "long", "--json").stdout)
    assert [(e["note"], e["undone"]) for e in entries] == [("已撤销的记录", True)]
    assert "已撤销" in worked("log", "long").stdout


def test_summary_output_onto_a_symlink_or_a_fifo(loaded: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    link = tmp_path / "bulletin.md"
    link.symlink_to(real)
    r = loaded("summary", "--week", "2027-W35", "--format", "markdown", "-o", str(link), today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# 创建简报")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for fmt in ("markdown", "docx"):
        r = loaded("summary", "--week", "2027-W35", "--format", fmt, "-o", str(fifo), "--force", today=TODAY)
        assert r.exit_code == 1 and "pipe.md" in r.stderr


def test_processes_storing_the_same_photo_at_once_keep_one_copy(
    loaded: Invoke, db_path: Path, tmp_path: Path
) -> None:
    photo = _photo(tmp_path, "合影.jpg", os.urandom(256 * 1024))
    env = {**os.environ, "CIVICLI_DB": str(db_path), "CIVICLI_TODAY": TODAY}
    procs = [
        subprocess.Popen(
            [str(CIVICLI), "progress", "d1", "--note", f"第{i}次", "--photo", str(photo)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(4)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert _sql(db_path, "SELECT COUNT(*) FROM evidence") == [(1,)]
    assert _sql(db_path, "SELECT COUNT(*) FROM photos WHERE owner_kind = 'record'") == [(4,)]
    files = list((db_path.parent / "civicli-files").iterdir())
    assert len(files) == 1 and files[0].read_bytes() == photo.read_bytes()


def test_plan_named_by_a_piece_of_its_title(cli: Invoke) -> None:
    assert cli("load", str(PLANS), today=TODAY).exit_code == 0
    assert cli("done", "pian1-2027/1.1", "--place", "社区会议室", today=TODAY).exit_code == 0
    r = cli("export", "activities", "--plan", "篇1", "--format", "csv", "-o", "-", today=TODAY)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [(x[3], x[4], x[6]) for x in rows[1:]] == [
        ("社区精神文明创建工作计划（篇1）", "pian1-2027/1.1", "社区会议室")
    ]
    r = cli("export", "activities", "--plan", "篇2", "--format", "csv", "-o", "-", today=TODAY)
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 1  # the header only
    r = cli("export", "activities", "--plan", "社区", "--format", "csv", "-o", "-", today=TODAY)
    assert r.exit_code == 1 and "pian1-2027" in r.stderr and "pian4-2027" in r.stderr


@pytest.mark.parametrize(
    ("note", "cell"),
    [
        ("\t=SUM(A1)", "'\t=SUM(A1)"),  # a tab first: a spreadsheet may read past it
        ("\n=1+1", "'\n=1+1"),  # a line break first, then the formula
        ("  \t+1", "'  \t+1"),  # spaces, then a tab
        ("  -2", "'  -2"),  # spaces, then a sign
        ("\r@cmd", "'@cmd"),  # CR is a control character: removed, but the cell is still guarded
        ("  参加 = 30人", "  参加 = 30人"),  # text first: left as written
    ],
)
def test_csv_guards_a_cell_that_starts_a_formula_after_spaces_or_a_break(
    loaded: Invoke, note: str, cell: str
) -> None:
    r = loaded("progress", "d1", "--note", note, "--place", "会议室", today=TODAY)
    assert r.exit_code == 0, r.stderr
    r = loaded("export", "activities", "--format", "csv", "-o", "-", today=TODAY)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
    column = rows[0].index("内容")
    assert rows[1][column] == cell


@pytest.mark.parametrize("writer", ["xlsx", "docx"])
def test_a_signal_held_while_the_scratch_folder_is_made_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, writer: str
) -> None:
    """Ctrl-C (or SIGTERM) arriving while a writer makes its scratch folder beside the file is
    held until the folder is made, then delivered: the folder must already be noted for removal
    by then. (It was not: a SIGTERM at that moment left `.任务清单.xlsx.….partsXXXX` behind.)"""
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp_then_ctrl_c(**kwargs: str) -> str:
        made = real_mkdtemp(**kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # held: delivered when the held block ends
        return made

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp_then_ctrl_c)
    # Ctrl-C as Python answers it, even where this run was started with SIGINT ignored (`cmd &`)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    target = tmp_path / ".台账.xlsx.tmp"
    with pytest.raises(KeyboardInterrupt):
        if writer == "xlsx":
            xlsx.write_xlsx(target, title="台账", sheet="台账", headers=["任务"], entries=[], foot="")
        else:
            activity_docx.write_activity_docx(target, [], community="幸福社区")
    assert [p.name for p in tmp_path.iterdir() if "parts" in p.name] == []
