"""`undo` (cli.md, issue 13): append-only taking back of records, inspections and rectification
steps. The original stays (in `log`, marked undone) and stops counting everywhere: states,
completion, goal actuals, rectifications, the checklist and bulletins written afterwards.

Real plan file (tests/data/summary/sum-2027.yaml), real SQLite file, the real app.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import DATA, Invoke, dump

PLAN = DATA / "summary" / "sum-2027.yaml"
DAY = "2027-09-10"


def load(cli: Invoke) -> None:
    r = cli("load", str(PLAN))
    assert r.exit_code == 0, r.stderr


def plan(cli: Invoke, today: str = DAY) -> dict:
    [p] = json.loads(cli("plans", "--json", today=today).stdout)
    return p


def log(cli: Invoke, task: str) -> list[dict]:
    r = cli("log", task, "--json", today=DAY)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def state(cli: Invoke, task: str, occurrence: str, today: str = DAY) -> str:
    rows = json.loads(cli("tasks", "--all", "--json", today=today).stdout)
    return next(r["state"] for r in rows if r["task"] == task and r["occurrence"] == occurrence)


def inspect(cli: Invoke, area: str, *answers: str, date: str = DAY) -> None:
    r = cli("inspect", "stair", "--area", area, *answers, "--date", date, today=date)
    assert r.exit_code == 0, r.stderr


def test_undo_takes_back_the_latest_record_and_keeps_it_in_the_log(cli: Invoke) -> None:
    load(cli)
    before = plan(cli)
    assert cli("done", "d1", "--note", "成立领导小组", today=DAY).exit_code == 0
    # d1 (due 09-15) done early: 1 of 1 added to both sums, one more done occurrence
    assert plan(cli)["done"] == before["done"] + 1 and state(cli, "d1", "once") == "done"

    r = cli("undo", today=DAY)
    assert r.exit_code == 0, r.stderr
    [entry] = log(cli, "d1")
    assert "sum-2027/d1" in r.stdout and "once" in r.stdout and f"#{entry['id']}" in r.stdout
    assert entry["undone"] is True and entry["status"] == "done" and entry["note"] == "成立领导小组"
    assert state(cli, "d1", "once") == "outstanding"
    assert plan(cli) == before
    assert "已撤销" in cli("log", "d1", today=DAY).stdout


def test_undo_walks_back_one_command_at_a_time_across_records_and_inspections(
    cli: Invoke, db_path: Path
) -> None:
    load(cli)
    assert cli("progress", "d2", "--percent", "40", today=DAY).exit_code == 0
    inspect(cli, "A栋", "--pass", "corridor", "--pass", "basement")
    assert cli("done", "d1", today=DAY).exit_code == 0

    first = cli("undo", today=DAY)
    assert first.exit_code == 0 and "sum-2027/d1" in first.stdout
    second = cli("undo", today=DAY)
    assert second.exit_code == 0 and "stair" in second.stdout and "A栋" in second.stdout
    assert json.loads(cli("inspections", "--json", today=DAY).stdout)[0]["undone"] is True
    third = cli("undo", today=DAY)
    assert third.exit_code == 0 and "sum-2027/d2" in third.stdout and "40%" in third.stdout
    assert [e["undone"] for e in log(cli, "d2")] == [True]

    before = dump(db_path)
    nothing = cli("undo", today=DAY)
    assert nothing.exit_code == 1 and "没有可撤销" in nothing.stderr and "Traceback" not in nothing.stderr
    assert dump(db_path) == before


def test_undo_a_record_by_id_and_refuse_taking_it_back_twice(cli: Invoke, db_path: Path) -> None:
    load(cli)
    assert cli("progress", "d2", "--percent", "30", today=DAY).exit_code == 0
    assert cli("progress", "d2", "--percent", "60", today=DAY).exit_code == 0
    first_id = log(cli, "d2")[0]["id"]

    r = cli("undo", str(first_id), today=DAY)
    assert r.exit_code == 0, r.stderr
    # the later record (60%) still stands
    assert [e["undone"] for e in log(cli, "d2")] == [True, False]
    rows = json.loads(cli("tasks", "--json", today=DAY).stdout)
    assert next(t["percent"] for t in rows if t["task"] == "d2") == 60

    before = dump(db_path)
    again = cli("undo", str(first_id), today=DAY)
    assert again.exit_code == 1
    assert f"#{first_id}" in again.stderr and "撤销不能再撤销" in again.stderr
    assert dump(db_path) == before
    unknown = cli("undo", "99999", today=DAY)
    assert unknown.exit_code == 1 and "99999" in unknown.stderr
    assert dump(db_path) == before


def test_taking_back_the_latest_record_reopens_what_it_closed(cli: Invoke) -> None:
    """60% then done, done taken back: the occurrence is at 60% again, not done."""
    load(cli)
    assert cli("progress", "d2", "--percent", "60", today=DAY).exit_code == 0
    assert cli("done", "d2", today=DAY).exit_code == 0
    assert cli("undo", today=DAY).exit_code == 0
    rows = json.loads(cli("tasks", "--json", today=DAY).stdout)
    d2 = next(t for t in rows if t["task"] == "d2")
    assert (d2["state"], d2["percent"]) == ("outstanding", 60)


def test_dry_run_says_what_it_would_take_back_and_changes_nothing(cli: Invoke, db_path: Path) -> None:
    load(cli)
    assert cli("done", "d1", today=DAY).exit_code == 0
    before = dump(db_path)
    r = cli("undo", "--dry-run", today=DAY)
    assert r.exit_code == 0 and "sum-2027/d1" in r.stdout and "预演" in r.stderr
    assert dump(db_path) == before
    assert log(cli, "d1")[0]["undone"] is False


def test_both_a_record_and_an_inspection_is_a_usage_error(cli: Invoke, db_path: Path) -> None:
    load(cli)
    before = dump(db_path)
    r = cli("undo", "1", "--inspection", "1", today=DAY)
    assert r.exit_code == 2
    assert dump(db_path) == before


def test_an_inspection_taken_back_stops_counting_everywhere(cli: Invoke) -> None:
    """Two inspections of 2027-W36 (09-06..09-12) make w1's occurrence done; the failing one opens
    a rectification. Taking it back: the occurrence is no longer done (one area of two) and the
    rectification it opened is gone from the list and the checklist."""
    load(cli)
    inspect(cli, "A栋", "--pass", "corridor", "--pass", "basement", date="2027-09-07")
    inspect(cli, "B栋", "--fail", "corridor=堆物", "--pass", "basement", date="2027-09-08")
    assert state(cli, "w1", "2027-W36") == "done"
    assert len(json.loads(cli("rectifications", "--json", today=DAY).stdout)) == 1
    failing = json.loads(cli("inspections", "--json", today=DAY).stdout)[0]
    assert failing["area"] == "B栋"

    r = cli("undo", "--inspection", str(failing["id"]), today=DAY)
    assert r.exit_code == 0, r.stderr
    assert f"#{failing['id']}" in r.stdout and "B栋" in r.stdout
    assert state(cli, "w1", "2027-W36") == "outstanding"
    assert json.loads(cli("rectifications", "--json", today=DAY).stdout) == []
    kinds = {t["kind"] for t in json.loads(cli("tasks", "--json", today=DAY).stdout)}
    assert kinds == {"task"}
    again = cli("undo", "--inspection", str(failing["id"]), today=DAY)
    assert again.exit_code == 1 and "撤销不能再撤销" in again.stderr


def test_what_is_taken_back_leaves_the_live_views(cli: Invoke, db_path: Path) -> None:
    """The views every reader counts from (live_records, live_inspections, live_steps) hold the
    rows not taken back; the tables keep them all. d1 done then d2 at 40%, an inspection of A栋:
    taking back d1's record and the inspection leaves d2's record alone in live_records and no
    inspection in live_inspections, and d1 counts as not done again (due 09-15: outstanding)."""
    load(cli)
    assert cli("done", "d1", today=DAY).exit_code == 0
    assert cli("progress", "d2", "--percent", "40", today=DAY).exit_code == 0
    inspect(cli, "A栋", "--pass", "corridor", "--pass", "basement")
    [done] = log(cli, "d1")
    inspection = json.loads(cli("inspections", "--json", today=DAY).stdout)[0]["id"]
    assert cli("undo", str(done["id"]), today=DAY).exit_code == 0
    assert cli("undo", "--inspection", str(inspection), today=DAY).exit_code == 0

    conn = sqlite3.connect(db_path)
    try:
        live = conn.execute("SELECT task_key, percent FROM live_records ORDER BY id").fetchall()
        assert live == [("sum-2027/d2", 40)]
        assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM live_inspections").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM inspections").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM live_steps").fetchone()[0] == 0
    finally:
        conn.close()
    assert state(cli, "d1", "once") == "outstanding"
    assert log(cli, "d1")[0]["undone"] is True


def test_goal_actuals_leave_taken_back_records_out(cli: Invoke) -> None:
    load(cli)
    assert cli("progress", "long", "--metric", "participants=30", today=DAY).exit_code == 0
    assert cli("progress", "long", "--metric", "participants=12", today=DAY).exit_code == 0
    assert cli("undo", today=DAY).exit_code == 0

    def actual() -> float:
        show = json.loads(cli("show", "sum-2027", "--json", today=DAY).stdout)
        return next(t["actual"] for g in show["goals"] for t in g["targets"] if t["id"] == "participants")

    assert actual() == 30  # 30 + 12, the 12 taken back


def test_a_bulletin_written_afterwards_leaves_taken_back_work_out(cli: Invoke) -> None:
    """W37 is 09-13..09-19: d1 done on 09-14, taken back on 09-21; the bulletin of W37 written
    after that shows nothing completed and d1 overdue (due 09-15)."""
    load(cli)
    assert cli("done", "d1", today="2027-09-14").exit_code == 0
    assert cli("undo", today="2027-09-21").exit_code == 0
    s = json.loads(
        cli("summary", "--week", "2027-W37", "--format", "json", "--internal", today="2027-09-21").stdout
    )
    assert [i["key"] for i in s["completed"]] == []
    assert "sum-2027/d1" in [i["key"] for i in s["overdue"]]


def test_a_rectification_step_is_walked_back_too(cli: Invoke, db_path: Path) -> None:
    """Steps are written by `rectify`/`recheck` into rectification_steps; `undo` takes back the
    latest one recorded like any other command (here the step is written as those commands do)."""
    load(cli)
    inspect(cli, "B栋", "--fail", "corridor", "--pass", "basement", date="2027-09-08")
    [rect] = json.loads(cli("rectifications", "--json", today=DAY).stdout)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            'INSERT INTO rectification_steps (rectification_id, kind, passed, date, at, "by", text) '
            "VALUES (?, 'measure', NULL, ?, ?, '张三', '清理堆物')",
            [rect["id"], DAY, "2027-09-10T09:00:00+08:00"],
        )
    conn.close()
    # the inspection that opened it cannot be taken back while the measure stands
    inspection_id = json.loads(cli("inspections", "--json", today=DAY).stdout)[0]["id"]
    before = dump(db_path)
    refused = cli("undo", "--inspection", str(inspection_id), today=DAY)
    assert refused.exit_code == 1 and f"#{rect['id']}" in refused.stderr and "请先撤销" in refused.stderr
    assert dump(db_path) == before
    r = cli("undo", today=DAY)
    assert r.exit_code == 0, r.stderr
    assert f"整改 #{rect['id']}" in r.stdout and "整改措施" in r.stdout
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT kind FROM takebacks").fetchall() == [("step",)]
    finally:
        conn.close()
    # the step stays, marked taken back; the next one back would be the inspection
    assert "B栋" in cli("undo", "--dry-run", today=DAY).stdout


def test_undo_through_the_console_script(tmp_path: Path) -> None:
    """The installed `civicli` in a subprocess: the message on stdout, a refusal on stderr, exit
    codes, no traceback."""
    exe = Path(sys.executable).with_name("civicli")
    env = {**os.environ, "CIVICLI_DB": str(tmp_path / "c.db"), "CIVICLI_TODAY": DAY, "NO_COLOR": "1"}
    env.pop("CIVICLI_LANG", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, encoding="utf-8")

    assert run("load", str(PLAN)).returncode == 0
    assert run("done", "d1").returncode == 0
    took = run("undo")
    assert took.returncode == 0 and "已撤销记录" in took.stdout and "sum-2027/d1" in took.stdout
    record_id = json.loads(run("log", "d1", "--json").stdout)[0]["id"]
    again = run("undo", str(record_id))
    assert again.returncode == 1 and "Traceback" not in again.stderr and "撤销不能再撤销" in again.stderr


def test_two_undo_at_once_take_back_two_commands(tmp_path: Path) -> None:
    """Real processes: two `undo` started together each take back one command, the latest first
    (each chooses inside its write transaction); both exit 0; a third finds one left."""
    exe = Path(sys.executable).with_name("civicli")
    env = {**os.environ, "CIVICLI_DB": str(tmp_path / "c.db"), "CIVICLI_TODAY": DAY, "NO_COLOR": "1"}
    for args in (["load", str(PLAN)], ["done", "d1"], ["progress", "d2", "--percent", "30"], ["done", "w2"]):
        assert subprocess.run([str(exe), *args], env=env, capture_output=True).returncode == 0
    procs = [
        subprocess.Popen([str(exe), "undo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [(p.returncode, out_err) for p, out_err in ((p, p.communicate()) for p in procs)]
    assert [code for code, _ in results] == [0, 0], [err.decode() for _, (_, err) in results]
    said = " ".join(out.decode("utf-8") for _, (out, _) in results)
    assert "sum-2027/w2" in said and "sum-2027/d2" in said
    left = subprocess.run(
        [str(exe), "undo", "--dry-run"], env=env, capture_output=True, text=True, encoding="utf-8"
    )
    assert left.returncode == 0 and "sum-2027/d1" in left.stdout
