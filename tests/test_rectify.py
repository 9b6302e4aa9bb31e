"""The 整改 loop and checked input (issue 13): double entries, metrics, `--date`, stable
rectification numbers, `rectify` and `recheck`, area owners, the rectifications listing.

Through the real app (CliRunner, and the installed `civicli` for the whole loop) with a real
SQLite file and a real plan file written below. Dates are worked out by hand in the comments.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import RECTIFY_PLAN, dump
from typer.testing import CliRunner, Result

from civicli.cli.app import app

PLAN = RECTIFY_PLAN

TODAY = "2027-09-10"
RECT_KEYS = {
    "id",
    "plan",
    "template",
    "area",
    "item",
    "note",
    "opened",
    "due",
    "closed",
    "overdue",
    "repeats",
    "status",
    "owner",
    "measures",
    "rechecked_by",
}

Run = Callable[..., Result]


@pytest.fixture()
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / "rc.yaml"
    path.parent.mkdir()
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "civicli.db"


@pytest.fixture()
def run(db: Path, plan_file: Path) -> Run:
    runner = CliRunner()

    def invoke(*args: str, today: str = TODAY) -> Result:
        return runner.invoke(
            app, list(args), env={"CIVICLI_DB": str(db), "CIVICLI_TODAY": today, "NO_COLOR": "1"}
        )

    loaded = invoke("load", str(plan_file))
    assert loaded.exit_code == 0, loaded.output
    return invoke


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def js(result: Result) -> Any:
    return json.loads(ok(result).stdout)


def refused(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.output and result.stdout == ""
    return result.stderr


def inspect(run: Run, area: str, *answers: str, date: str, today: str = TODAY) -> dict[str, Any]:
    return js(  # type: ignore[no-any-return]
        run("inspect", "rc-2027/stairwell", "--area", area, *answers, "--date", date, "--json", today=today)
    )


def rects(run: Run, *args: str, today: str = TODAY) -> list[dict[str, Any]]:
    return js(run("rectifications", "--json", *args, today=today))  # type: ignore[no-any-return]


def rect(run: Run, number: int, today: str = TODAY) -> dict[str, Any]:
    return next(r for r in rects(run, "--all", today=today) if r["id"] == number)


FAIL_CORRIDOR = ("--fail", "corridor=堆放杂物", "--pass", "basement")
PASS_ALL = ("--pass", "corridor", "--pass", "basement")


# ---------------------------------------------------------------- double entries


def test_the_same_record_twice_on_one_day_is_refused_naming_the_first(run: Run, db: Path) -> None:
    first = ok(run("done", "visit", "--metric", "households_visited=12"))
    # September's occurrence: its window holds today, 2027-09-10 (August, overdue, comes only
    # when no window holding the day is left to do)
    assert "2027年9月" in first.stdout  # the occurrence 2027-09, as the clerk reads it
    [entry] = js(run("log", "visit", "--json"))
    before = dump(db)
    err = refused(run("done", "visit", "--metric", "households_visited=12"))
    # the earlier record named: its id, the moment it was made and its occurrence
    assert f"#{entry['id']}" in err and entry["at"] in err and entry["occurrence"] in err
    assert "--again" in err
    assert dump(db) == before
    # by its Chinese name it is the same metric, so the same record
    refused(run("done", "visit", "--metric", "走访户数=12"))
    assert dump(db) == before
    # --again insists (it lands on August, the one left to make up); another number is another
    # record (on nothing left to do: September and August are done, so that needs --again too)
    ok(run("done", "visit", "--metric", "households_visited=12", "--again"))
    refused(run("done", "visit", "--metric", "households_visited=13"))
    ok(run("done", "visit", "--metric", "households_visited=13", "--again"))
    ok(run("done", "visit", "--metric", "households_visited=12", "--again", today="2027-09-11"))
    assert [e["occurrence"] for e in js(run("log", "visit", "--json"))] == [
        "2027-09",
        "2027-08",
        "2027-09",
        "2027-09",
    ]


def test_progress_twice_is_refused_but_a_different_note_is_not(run: Run) -> None:
    ok(run("progress", "visit", "--percent", "50", "--note", "走访一半"))
    refused(run("progress", "visit", "--percent", "50", "--note", "走访一半"))
    ok(run("progress", "visit", "--percent", "50", "--note", "又走访几户"))
    ok(run("progress", "visit", "--percent", "50", "--note", "走访一半", "--again"))
    assert len(js(run("log", "visit", "--json"))) == 3


# ---------------------------------------------------------------- metrics


def test_metrics_must_be_known_to_the_plan(run: Run, db: Path) -> None:
    before = dump(db)
    err = refused(run("done", "visit", "--metric", "particpants=30"))
    # the known ones named, with their Chinese names; a target's metric is known too
    assert "particpants" in err
    assert (
        "households_visited（走访户数）" in err and "participants（参与人次）" in err and "major_fires" in err
    )
    for bad in ("participants=-5", "participants=1e16", "participants=nan", "participants=inf"):
        refused(run("done", "visit", "--metric", bad))
    assert dump(db) == before


def test_a_metric_by_its_chinese_name_is_stored_under_its_id(run: Run) -> None:
    ok(run("progress", "visit", "--percent", "30", "--metric", "参与人次=30", "--metric", "major_fires=0"))
    [entry] = js(run("log", "visit", "--json"))
    assert entry["metrics"] == {"participants": 30, "major_fires": 0}
    # id and name of the same metric in one record is the metric twice
    refused(run("progress", "visit", "--metric", "参与人次=1", "--metric", "participants=2"))


def test_a_target_with_no_record_shows_none_a_ceiling_nothing_happened(run: Run) -> None:
    d = js(run("show", "rc-2027", "--json"))
    targets = {t["id"]: t for t in d["goals"][0]["targets"]}
    # nothing recorded: a ceiling (at_most 0 fires) is nothing happened, 0 and met; a tally
    # (at_least 50 people) has no actual yet and is neither met nor not
    assert (targets["fires"]["actual"], targets["fires"]["met"]) == (0, True)
    assert (targets["people"]["actual"], targets["people"]["met"]) == (None, None)
    text = ok(run("show", "rc-2027")).stdout
    assert "未发生，达标" in text and "尚无记录，目标50人次" in text
    ok(run("done", "visit", "--metric", "participants=60", "--metric", "major_fires=0"))
    targets = {t["id"]: t for t in js(run("show", "rc-2027", "--json"))["goals"][0]["targets"]}
    assert (targets["fires"]["actual"], targets["fires"]["met"]) == (0, True)
    assert (targets["people"]["actual"], targets["people"]["met"]) == (60, True)


def test_metrics_are_loaded_and_a_name_used_twice_is_an_error(run: Run, db: Path, tmp_path: Path) -> None:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT metric_id, name FROM metrics ORDER BY metric_id").fetchall()
    assert rows == [("households_visited", "走访户数"), ("participants", "参与人次")]
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.replace("participants: 参与人次", "participants: 走访户数"), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1 and "metrics.participants" in result.stderr and "走访户数" in result.stderr


# ---------------------------------------------------------------- dates


def test_record_dates_are_checked_and_stored(run: Run, db: Path) -> None:
    before = dump(db)
    err = refused(run("done", "visit", "--date", "2027-09-11"))
    assert "2027-09-11" in err and "2027-09-10" in err
    err = refused(run("done", "visit", "--date", "2027-02-28"))  # the plan starts on 03-01
    assert "2027-03-01" in err
    assert dump(db) == before
    ok(run("done", "visit", "--occurrence", "2027-08", "--date", "2027-08-20"))
    [entry] = js(run("log", "visit", "--json"))
    assert (entry["date"], entry["occurrence"]) == ("2027-08-20", "2027-08")
    # malformed: a usage error, nothing written
    refused(run("done", "visit", "--date", "2027-02-30"), code=2)


def test_inspection_dates_are_checked(run: Run, db: Path) -> None:
    before = dump(db)
    for date, shown in (("2020-05-01", "2027-03-01"), ("2027-09-11", "2027-09-10")):
        err = refused(run("inspect", "rc-2027/stairwell", "--area", "1号楼", *PASS_ALL, "--date", date))
        assert date in err and shown in err
    assert dump(db) == before


# ---------------------------------------------------------------- rectify and recheck


def test_the_whole_loop_with_hand_computed_dates(run: Run) -> None:
    opened = inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    number = r["id"]
    assert opened["rectifications"][0]["rectification"] == number
    # opened 09-01 + rectify_days 7 = due 09-08; today 09-10: overdue
    assert (r["opened"], r["due"], r["status"], r["overdue"], r["repeats"]) == (
        "2027-09-01",
        "2027-09-08",
        "open",
        True,
        0,
    )
    assert r["owner"] == "张三"  # the area's named owner
    # a measure on 09-03: in progress, still open, still the same due date
    ok(run("rectify", str(number), "--measure", "清走杂物", "--by", "张三", "--date", "2027-09-03"))
    r = rect(run, number)
    assert (r["status"], r["closed"], r["due"]) == ("in_progress", None, "2027-09-08")
    assert r["measures"] == [{"date": "2027-09-03", "text": "清走杂物", "by": "张三"}]
    # as of 09-02 the measure had not happened
    assert rect(run, number, today="2027-09-02")["status"] == "open"
    # a failed recheck on 09-05: one repeat, due 09-05 + 7 = 09-12, no longer overdue on 09-10
    out = ok(run("recheck", str(number), "--fail", "--by", "李四", "--date", "2027-09-05")).stdout
    assert "2027-09-12" in out
    r = rect(run, number)
    assert (r["repeats"], r["due"], r["overdue"], r["status"]) == (1, "2027-09-12", False, "in_progress")
    assert rect(run, number, today="2027-09-04")["due"] == "2027-09-08"  # before the recheck
    # an inspection failing it again on 09-06: a second repeat, the due date stays
    again = inspect(run, "1号楼", "--fail", "corridor", "--pass", "basement", date="2027-09-06")
    assert again["rectifications"][0] == {
        "event": "repeat",
        "rectification": number,
        "item": "corridor",
        "due": "2027-09-12",
        "repeats": 2,
    }
    assert [x["id"] for x in rects(run)] == [number]  # still one rectification for the item
    # a passing recheck on 09-09 closes it
    ok(run("recheck", str(number), "--pass", "--by", "李四", "--date", "2027-09-09"))
    assert rects(run) == []
    r = rect(run, number)
    assert (r["status"], r["closed"], r["rechecked_by"], r["repeats"]) == ("closed", "2027-09-09", "李四", 2)
    assert r["rechecked"] == "2027-09-09"
    assert rect(run, number, today="2027-09-08")["rechecked"] == "2027-09-05"  # the failed one
    assert set(r) >= RECT_KEYS
    # as of 09-08 it was still open
    assert rect(run, number, today="2027-09-08")["closed"] is None
    # a later inspection failing it opens a new one, with a new number
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-10")
    [new] = rects(run)
    assert new["id"] != number and new["opened"] == "2027-09-10" and new["due"] == "2027-09-17"


def test_a_passing_inspection_still_closes_it(run: Run) -> None:
    inspect(run, "2号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    assert r["owner"] == "楼长"  # no owner named for 2号楼: the linked task owner's display name
    ok(run("rectify", str(r["id"]), "--measure", "贴了告示"))
    inspect(run, "2号楼", *PASS_ALL, date="2027-09-10")
    closed = rect(run, r["id"])
    assert (closed["status"], closed["closed"], closed["measures"][0]["text"]) == (
        "closed",
        "2027-09-10",
        "贴了告示",
    )


def test_refusals_write_nothing(run: Run, db: Path) -> None:
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    inspect(run, "2号楼", *FAIL_CORRIDOR, date="2027-09-01")
    first, second = sorted(r["id"] for r in rects(run))
    ok(run("recheck", str(first), "--pass"))
    before = dump(db)
    cases = [
        (("recheck", str(first), "--pass"), 1, "已于 2027-09-10 整改完成"),
        (("rectify", str(first), "--measure", "再做一次"), 1, "已于 2027-09-10 整改完成"),
        (("rectify", "99", "--measure", "x"), 1, "没有编号为 99 的整改"),
        (("recheck", str(second), "--pass", "--fail"), 2, "--pass"),
        (("recheck", str(second)), 2, "--fail"),
        (("rectify", str(second), "--date", "2027-08-31"), 1, "早于整改"),  # before it was opened
        (("rectify", str(second), "--date", "2027-09-11"), 1, "晚于今天"),
        (("rectify", str(second), "--photo", "/nonexistent/p.jpg"), 1, "不存在"),
        (("done", f"rc-2027/整改#{second}"), 1, f"civicli rectify {second}"),
    ]
    for args, code, message in cases:
        err = refused(run(*args), code=code)
        assert message in err, (args, err)
        assert dump(db) == before, args


def test_photos_are_copied_once_by_content(run: Run, db: Path, tmp_path: Path) -> None:
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    photo = tmp_path / "现场.JPG"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    copy = tmp_path / "copy.jpg"
    shutil.copy(photo, copy)
    other = tmp_path / "other.jpg"
    other.write_bytes(b"another picture")
    out = js(
        run(
            "rectify",
            str(r["id"]),
            "--measure",
            "清理",
            "--photo",
            str(photo),
            "--photo",
            str(other),
            "--json",
        )
    )
    assert len(out["photos"]) == 2 and out["photos"][0] != out["photos"][1]
    again = js(run("recheck", str(r["id"]), "--fail", "--photo", str(copy), "--json"))
    assert again["photos"] == out["photos"][:1]  # the same content is the same file
    photo.unlink()  # the record keeps its copy when the original goes
    folder = db.with_name("civicli-files")
    stored = db.parent / out["photos"][0]  # relative to the database folder
    assert stored.read_bytes() == b"\xff\xd8 not really a jpeg"
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert len(files) == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 2
        assert conn.execute("SELECT owner_kind, COUNT(*) FROM photos GROUP BY owner_kind").fetchall() == [
            ("step", 3)
        ]
        assert conn.execute("SELECT original_name FROM evidence ORDER BY id").fetchall() == [
            ("现场.JPG",),
            ("other.jpg",),
        ]


# ---------------------------------------------------------------- stable numbers


def test_numbers_are_stable_and_rows_never_deleted(run: Run, db: Path) -> None:
    def ids_and_count() -> tuple[list[int], int]:
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT id FROM rectifications ORDER BY id").fetchall()
        return [r[0] for r in rows], len(rows)

    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-05")
    [r] = rects(run)
    # a failure back-dated to 09-02 is the same problem found earlier: the same number
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-02")
    [same] = rects(run)
    assert same["id"] == r["id"]
    assert (same["opened"], same["due"], same["repeats"]) == ("2027-09-02", "2027-09-09", 1)
    # unrelated inspections of the area do not renumber it
    inspect(run, "1号楼", "--fail", "corridor", "--fail", "basement", date="2027-09-08")
    by_item = {x["item"]: x["id"] for x in rects(run)}
    assert by_item["corridor"] == r["id"]
    ids, n = ids_and_count()
    inspect(run, "1号楼", *PASS_ALL, date="2027-09-09")
    assert ids_and_count() == (ids, n)  # closed, not deleted


def test_a_rectification_whose_opening_inspection_is_taken_back_stops_being_listed(
    run: Run, db: Path
) -> None:
    from civicli.store.connection import now_stamp
    from civicli.store.database import open_store

    opening = inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    ok(run("rectify", str(r["id"]), "--measure", "清理"))
    store = open_store(db)
    try:
        with store.write():
            store.conn.execute(
                "INSERT INTO takebacks (kind, target_id, at, date) VALUES ('inspection', ?, ?, ?)",
                [opening["id"], now_stamp(), TODAY],
            )  # the area's rectifications recomputed as the transaction ends: no call needed
    finally:
        store.close()
    assert rects(run, "--all") == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, status FROM rectifications").fetchall() == [(r["id"], "void")]
    err = refused(run("rectify", str(r["id"]), "--measure", "x"))
    assert f"没有编号为 {r['id']} 的整改" in err


def test_the_state_of_an_area_is_one_function_of_its_timeline() -> None:
    """rectifications.area_state, by hand, rectify_days 7: corridor fails on 09-01 (opens, due
    09-08) and again on 09-03 (a repeat); a recheck fails on 09-05 (a repeat, started, due
    09-05 + 7 = 09-12); it passes on 09-09 (closed by inspection 3). Two numbered rows claim the
    one problem (10 opened by #1, 11 by #2, joined by a back-dated failure): 10 keeps it, 11 is
    void. The order the timeline is given in does not matter: it is read by date."""
    from civicli.store.rectifications import Inspected, Numbered, Step, area_state

    inspections = [
        Inspected(
            1, "2027-09-01", "2027-09-01T09:00", (("corridor", "fail", "堆物"), ("basement", "pass", None))
        ),
        Inspected(2, "2027-09-03", "2027-09-03T09:00", (("corridor", "fail", None),)),
        Inspected(3, "2027-09-09", "2027-09-09T09:00", (("corridor", "pass", None),)),
    ]
    steps = [Step(7, 10, "recheck", False, "2027-09-05", "2027-09-05T10:00")]
    numbered = [Numbered(10, "corridor", 1), Numbered(11, "corridor", 2)]
    state = area_state(inspections, steps, numbered, 7)
    assert state == area_state(inspections[::-1], steps, numbered, 7)
    [ep] = state.episodes
    assert (ep.item, ep.opener, ep.opened, ep.note, ep.rows) == (
        "corridor",
        1,
        "2027-09-01",
        "堆物",
        [10, 11],
    )
    assert (ep.repeat_dates, ep.recheck_fails, ep.started) == (
        ["2027-09-03", "2027-09-05"],
        ["2027-09-05"],
        "2027-09-05",
    )
    assert (ep.closed, ep.closed_by, ep.closed_step, ep.due, ep.status) == (
        "2027-09-09",
        3,
        None,
        "2027-09-12",
        "closed",
    )
    assert state.void == [11]
    assert [(e.inspection, e.event, e.due, e.repeats) for e in state.events] == [
        (1, "opened", "2027-09-08", 0),
        (2, "repeat", "2027-09-08", 1),
        (3, "closed", "2027-09-12", 2),
    ]
    # the opening inspection gone (taken back): the failure of 09-03 opens the problem, and row
    # 11 (opened by that failure) is its number; 10 is void
    later = area_state(inspections[1:], [], numbered, 7)
    assert [(e.opener, e.opened, e.rows) for e in later.episodes] == [(2, "2027-09-03", [11])]
    assert later.void == [10]


def test_a_write_that_records_an_inspection_keeps_its_area_without_being_told(run: Run, db: Path) -> None:
    """Any write transaction that records an inspection (or a step, or takes one back) has the
    area's rectifications recomputed before it commits: here an inspection written as plain rows,
    with no call to anything, opens its rectification."""
    from civicli.store.connection import now_stamp
    from civicli.store.database import open_store

    inspect(run, "1号楼", *PASS_ALL, date="2027-09-01")
    assert rects(run) == []
    store = open_store(db)
    try:
        with store.write():
            cur = store.conn.execute(
                'INSERT INTO inspections (template_key, plan_id, template_id, area, date, "by", note, score, '
                "passed, at) SELECT template_key, plan_id, template_id, area, '2027-09-02', NULL, NULL, 50.0, 0, ? "
                "FROM inspections LIMIT 1",
                [now_stamp()],
            )
            store.conn.executemany(
                "INSERT INTO inspection_answers (inspection_id, item_id, result, note) VALUES (?, ?, ?, ?)",
                [(cur.lastrowid, "corridor", "fail", "堆放杂物"), (cur.lastrowid, "basement", "pass", None)],
            )
    finally:
        store.close()
    [r] = rects(run)
    assert (r["item"], r["opened"], r["note"], r["status"]) == ("corridor", "2027-09-02", "堆放杂物", "open")


# ---------------------------------------------------------------- checklist and listing


def test_tasks_lists_open_rectifications_with_their_owner(run: Run) -> None:
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-08")
    [r] = rects(run)
    rows = [x for x in js(run("tasks", "--json")) if x.get("kind") == "rectification"]
    assert [(x["key"], x["owner"], x["due"]) for x in rows] == [
        (f"rc-2027/整改#{r['id']}", "张三", "2027-09-15")
    ]
    assert [x["key"] for x in js(run("tasks", "--json", "--owner", "张三"))] == [f"rc-2027/整改#{r['id']}"]
    text = ok(run("tasks")).stdout
    assert f"整改#{r['id']}" in text and "张三" in text


def test_rectifications_table_shows_status_measures_and_recheck(run: Run) -> None:
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-08")
    [r] = rects(run)
    ok(run("rectify", str(r["id"]), "--measure", "清走杂物", "--by", "张三"))
    text = ok(run("rectifications")).stdout
    assert "整改中" in text and "2027-09-10 清走杂物（张三）" in text and "张三" in text
    ok(run("recheck", str(r["id"]), "--pass", "--by", "李四"))
    text = ok(run("rectifications", "--all")).stdout
    assert "已销号" in text and "李四" in text


def test_the_loop_through_the_installed_command(tmp_path: Path, plan_file: Path) -> None:
    # the console script installed beside the interpreter running the tests
    exe = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")
    assert exe is not None, "the civicli console script is not installed"
    env = {
        "CIVICLI_DB": str(tmp_path / "sub.db"),
        "CIVICLI_TODAY": TODAY,
        "PATH": "/usr/bin:/bin",
        "LANG": "C",
    }

    def civicli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], env=env, capture_output=True, text=True, encoding="utf-8")

    assert civicli("load", str(plan_file)).returncode == 0
    inspected = civicli(
        "inspect", "rc-2027/stairwell", "--area", "2号楼", *FAIL_CORRIDOR, "--date", "2027-09-01"
    )
    assert inspected.returncode == 0, inspected.stderr
    done = civicli("done", "rc-2027/整改#1")
    assert done.returncode == 1 and "civicli rectify 1" in done.stderr and "Traceback" not in done.stderr
    assert civicli("rectify", "1", "--measure", "清理").returncode == 0
    both = civicli("recheck", "1", "--pass", "--fail")
    assert both.returncode == 2 and "Traceback" not in both.stderr
    passed = civicli("recheck", "1", "--pass", "--by", "李四")
    assert passed.returncode == 0 and "整改 #1" in passed.stdout
    [r] = json.loads(civicli("rectifications", "--all", "--json").stdout)
    assert (r["status"], r["closed"], r["rechecked_by"], r["owner"]) == ("closed", TODAY, "李四", "楼长")


# ---------------------------------------------------------------- plan files, bulletin, upgrade


def test_area_owners_load_and_reload(run: Run, db: Path, plan_file: Path, tmp_path: Path) -> None:
    def owners() -> list[tuple[str, str | None]]:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT area, owner FROM template_areas ORDER BY position").fetchall()

    assert owners() == [("1号楼", "张三"), ("2号楼", None)]
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    inspect(run, "2号楼", *FAIL_CORRIDOR, date="2027-09-02")
    changed = PLAN.replace("owner: 张三}", "owner: 王五}").replace(
        "building-heads: 楼长", "building-heads: 楼组长"
    )
    plan_file.write_text(changed, encoding="utf-8")
    ok(run("load", str(plan_file)))
    assert owners() == [("1号楼", "王五"), ("2号楼", None)]
    # the owners as the plan says now: the area's, else the linked task owner's display name
    assert {r["area"]: r["owner"] for r in rects(run)} == {"1号楼": "王五", "2号楼": "楼组长"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.replace("owner: 张三}", "onwer: 张三}"), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "inspections[0].areas[0].onwer" in result.stderr and "owner" in result.stderr


def test_the_bulletin_says_a_ceiling_without_record_did_not_happen(run: Run) -> None:
    ok(run("done", "visit", "--metric", "participants=60"))
    text = ok(run("summary", "--week", "2027-W36", today="2027-09-13")).stdout
    # participants 60 ≥ 50: met; major_fires (at most 0) never recorded: nothing happened
    assert "参与人次：已达60人次，目标50人次，达标" in text
    assert "重大火灾：未发生，达标" in text


def test_an_older_database_is_upgraded_with_its_repeats(run: Run, db: Path) -> None:
    for date in ("2027-09-01", "2027-09-03", "2027-09-05"):
        inspect(run, "1号楼", *FAIL_CORRIDOR, date=date)
    # the database as the release before 0009 left it (the columns it adds taken away again)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX rectifications_status")
        for column in ("status", "closed_step", "opener", "repeat_dates", "recheck_fails", "started"):
            conn.execute(f"ALTER TABLE rectifications DROP COLUMN {column}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0009_rectification_state'")
    # failures on 09-03 and 09-05 repeat the one opened on 09-01
    [r] = rects(run)
    assert (r["opened"], r["repeats"], r["status"], r["due"]) == ("2027-09-01", 2, "open", "2027-09-08")
    assert rects(run, today="2027-09-04")[0]["repeats"] == 1


def test_taken_back_steps_and_closing_inspections_stop_counting(run: Run, db: Path) -> None:
    from civicli.store.connection import now_stamp
    from civicli.store.database import open_store

    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    failed = js(run("recheck", str(r["id"]), "--fail", "--date", "2027-09-04", "--json"))
    # 09-04 + 7 = 09-11
    assert (failed["repeats"], failed["due"]) == (1, "2027-09-11")
    closing = inspect(run, "1号楼", *PASS_ALL, date="2027-09-09")
    assert rect(run, r["id"])["closed"] == "2027-09-09"

    def take_back(kind: str, target: int) -> None:
        store = open_store(db)
        try:
            with store.write():
                store.conn.execute(
                    "INSERT INTO takebacks (kind, target_id, at, date) VALUES (?, ?, ?, ?)",
                    [kind, target, now_stamp(), TODAY],
                )  # the area's rectifications recomputed as the transaction ends
        finally:
            store.close()

    take_back("inspection", closing["id"])  # the closing inspection taken back: open again
    again = rect(run, r["id"])
    assert (again["closed"], again["repeats"], again["due"], again["status"]) == (
        None,
        1,
        "2027-09-11",
        "in_progress",
    )
    take_back("step", failed["step"])  # the failed recheck taken back: no repeat, the first due date
    again = rect(run, r["id"])
    assert (again["repeats"], again["due"], again["status"], again["overdue"]) == (
        0,
        "2027-09-08",
        "open",
        True,
    )
    assert again["id"] == r["id"]


def test_the_number_as_the_clerk_copies_it(run: Run, db: Path) -> None:
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    n = r["id"]
    for form in (str(n), f"#{n}", f"整改#{n}", f"rc-2027/整改#{n}"):
        ok(run("rectify", form, "--measure", f"按 {form} 记录"))
    assert [m["text"] for m in rect(run, n)["measures"]] == [
        f"按 {form} 记录" for form in (str(n), f"#{n}", f"整改#{n}", f"rc-2027/整改#{n}")
    ]
    before = dump(db)
    refused(run("rectify", "三号", "--measure", "x"), code=2)
    assert dump(db) == before


def test_the_bulletin_counts_a_recheck_that_closed_one(run: Run) -> None:
    inspect(run, "1号楼", *FAIL_CORRIDOR, date="2027-09-01")
    [r] = rects(run)
    ok(run("rectify", str(r["id"]), "--measure", "清理", "--date", "2027-09-07"))
    ok(run("recheck", str(r["id"]), "--pass", "--by", "李四", "--date", "2027-09-08"))
    # ISO week 2027-W36 runs 09-06 … 09-12: closed on 09-08 inside it
    week = js(run("summary", "--week", "2027-W36", "--format", "json", today="2027-09-13"))
    [closed] = week["rectifications_closed"]
    assert (closed["id"], closed["closed"], closed["rechecked_by"], closed["status"]) == (
        r["id"],
        "2027-09-08",
        "李四",
        "closed",
    )
    # the week before (W35: 08-30 … 09-05) it was opened, and still open at its end
    week = js(run("summary", "--week", "2027-W35", "--format", "json", today="2027-09-13"))
    [opened] = week["rectifications_opened"]
    assert (opened["id"], opened["closed"], opened["status"], opened["measures"]) == (
        r["id"],
        None,
        "open",
        [],
    )
