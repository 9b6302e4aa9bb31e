"""Records land on the right period, and nothing typed twice counts twice (issue 21, items 3, 4).

The occurrence a record goes on (cli.md, `progress`): the one whose window (opens … due) holds the
record's date and is not done; when none holds it, the earliest outstanding one due before the
date; else the next upcoming one. A second `done` on a done occurrence, an identical record the
same day, the same measure on the same date, a second recheck the same day and the same area
inspected twice the same day are refused (exit 1) naming the earlier one, unless `--again`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import RECTIFY_PLAN, Invoke, dump
from typer.testing import Result

from civicli.i18n import RELY

QUARTERLY = """\
id: q-2027
title: 季度计划
period: {start: 2027-01-01, end: 2027-12-31}
sections:
  - id: "1"
    title: 学习培训
    tasks:
      - {id: "4.3", title: 季度培训, every: quarter}
      - {id: once, title: 建立领导小组, due: 2027-03-01}
"""
TODAY = "2027-09-10"


@pytest.fixture
def loaded(cli: Invoke, tmp_path: Path) -> Invoke:
    for name, text in (("q.yaml", QUARTERLY), ("rc.yaml", RECTIFY_PLAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert cli("load", str(tmp_path / name)).exit_code == 0
    return cli


def ok(r: Result) -> Result:
    assert r.exit_code == 0, (r.stdout, r.stderr)
    return r


def refused(r: Result) -> str:
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert r.stdout == ""
    return r.stderr


def log(cli: Invoke, task: str) -> list[dict[str, Any]]:
    return json.loads(ok(cli("log", task, "--json", today=TODAY)).stdout)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- item 3: the right period


def test_a_record_lands_on_the_period_that_holds_its_date(loaded: Invoke) -> None:
    # today 2027-09-10: Q2 (04-01..06-30) is overdue, not yet missed (that is once Q3 ends);
    # the record is dated 09-07, inside Q3 (07-01..09-30): it is Q3's training that was held
    r = ok(loaded("done", "q-2027/4.3", "--date", "2027-09-07", today=TODAY))
    assert "2027年第3季度" in r.stdout
    assert [e["occurrence"] for e in log(loaded, "q-2027/4.3")] == ["2027-Q3"]
    # Q2 is still overdue on the checklist: nothing said it was held
    rows = json.loads(ok(loaded("tasks", "--json", "--plan", "q-2027", today=TODAY)).stdout)
    assert {(r["occurrence"], r["state"]) for r in rows if r["task"] == "4.3"} == {("2027-Q2", "overdue")}
    # the next `done` that day (another note): Q3 is done, so the one left to make up: Q2
    ok(loaded("done", "q-2027/4.3", "--note", "补做二季度", today=TODAY))
    assert [e["occurrence"] for e in log(loaded, "q-2027/4.3")] == ["2027-Q3", "2027-Q2"]


def test_a_date_in_an_earlier_window_lands_there(loaded: Invoke) -> None:
    # dated 05-20, inside Q2's window: Q2, although today is in Q3
    ok(loaded("progress", "q-2027/4.3", "--percent", "50", "--date", "2027-05-20", today=TODAY))
    assert [e["occurrence"] for e in log(loaded, "q-2027/4.3")] == ["2027-Q2"]


def test_without_a_window_holding_the_date_the_late_one_is_made_up(loaded: Invoke) -> None:
    # the `due:` task: opens 2027-01-01, due 2027-03-01; today is after its window
    ok(loaded("done", "q-2027/once", today=TODAY))
    assert [e["occurrence"] for e in log(loaded, "q-2027/once")] == ["once"]


# ---------------------------------------------------------------- item 4: doubles


def test_a_second_done_says_it_is_done_already_naming_the_record(loaded: Invoke, db_path: Path) -> None:
    ok(loaded("done", "q-2027/once", "--note", "已成立", today=TODAY))
    [first] = log(loaded, "q-2027/once")
    before = dump(db_path)
    # another note: not an identical record, but the occurrence is done already
    err = refused(loaded("done", "q-2027/once", "--note", "补充照片", today=TODAY))
    assert f"#{first['id']}" in err and "--again" in err
    assert err.strip().endswith(
        RELY["already_done"].format(task="q-2027/once", occurrence="once", id=first["id"], date=TODAY)
    )
    # named with --occurrence: the same
    refused(loaded("done", "q-2027/once", "--occurrence", "once", today=TODAY))
    # a plain repeat says so too (not "no outstanding occurrence")
    err = refused(loaded("done", "q-2027/once", today="2027-09-11"))
    assert f"#{first['id']}" in err
    assert dump(db_path) == before
    ok(loaded("done", "q-2027/once", "--note", "补充照片", "--again", today=TODAY))
    assert len(log(loaded, "q-2027/once")) == 2


def test_the_same_measure_twice_on_one_date_is_refused(loaded: Invoke, db_path: Path) -> None:
    inspected = ok(
        loaded(
            "inspect",
            "rc-2027/stairwell",
            "--area",
            "1号楼",
            "--fail",
            "corridor",
            "--pass",
            "basement",
            "--json",
            today=TODAY,
        )
    )
    [event] = json.loads(inspected.stdout)["rectifications"]
    n = str(event["rectification"])
    first = json.loads(ok(loaded("rectify", n, "--measure", "清理杂物", "--json", today=TODAY)).stdout)
    before = dump(db_path)
    err = refused(loaded("rectify", n, "--measure", "清理杂物", today=TODAY))
    assert f"#{first['step']}" in err and "--again" in err
    assert dump(db_path) == before
    ok(loaded("rectify", n, "--measure", "张贴告示", today=TODAY))  # another measure
    ok(loaded("rectify", n, "--measure", "清理杂物", today="2027-09-11"))  # another day
    ok(loaded("rectify", n, "--measure", "清理杂物", "--again", today=TODAY))
    [r] = [
        r
        for r in json.loads(loaded("rectifications", "--json", today="2027-09-11").stdout)
        if r["id"] == int(n)
    ]
    assert len(r["measures"]) == 4


def test_a_second_recheck_on_one_date_is_refused_and_counts_once(loaded: Invoke, db_path: Path) -> None:
    inspected = ok(
        loaded(
            "inspect",
            "rc-2027/stairwell",
            "--area",
            "2号楼",
            "--fail",
            "basement",
            "--pass",
            "corridor",
            "--json",
            today=TODAY,
        )
    )
    n = str(json.loads(inspected.stdout)["rectifications"][0]["rectification"])
    first = json.loads(ok(loaded("recheck", n, "--fail", "--json", today=TODAY)).stdout)
    assert first["repeats"] == 1
    before = dump(db_path)
    err = refused(loaded("recheck", n, "--fail", today=TODAY))
    assert f"#{first['step']}" in err and "--again" in err
    refused(loaded("recheck", n, "--pass", today=TODAY))  # any second recheck that day
    assert dump(db_path) == before
    [r] = [r for r in json.loads(loaded("rectifications", "--json", today=TODAY).stdout) if r["id"] == int(n)]
    assert r["repeats"] == 1  # one failed recheck, counted once
    again = json.loads(ok(loaded("recheck", n, "--fail", "--again", "--json", today=TODAY)).stdout)
    assert again["repeats"] == 2


def test_the_same_area_inspected_twice_on_one_date_is_refused(loaded: Invoke, db_path: Path) -> None:
    args = ("inspect", "rc-2027/stairwell", "--area", "1号楼", "--pass", "corridor", "--pass", "basement")
    first = json.loads(ok(loaded(*args, "--json", today=TODAY)).stdout)
    before = dump(db_path)
    err = refused(loaded(*args, today=TODAY))
    assert f"#{first['id']}" in err and "--again" in err
    assert dump(db_path) == before
    ok(loaded(*args, "--date", "2027-09-09", today=TODAY))  # another date
    ok(loaded(*args, today="2027-09-11"))  # another day
    # taken back, it no longer stands in the way
    ok(loaded("undo", "--inspection", str(first["id"]), today=TODAY))
    ok(loaded(*args, today=TODAY))
    ok(loaded(*args, "--again", today=TODAY))
