"""The checklist (`tasks`) and records (`progress`, `done`, `log`) on a plan using every schedule form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Invoke, dump

TODAY = "2027-09-10"  # a Friday in ISO week 2027-W36 (Mon 09-06 .. Sun 09-12)


@pytest.fixture
def loaded(cli: Invoke, forms: Path) -> Invoke:
    assert cli("load", str(forms)).exit_code == 0
    return cli


def checklist(cli: Invoke, *args: str, today: str = TODAY) -> list[dict]:
    r = cli("tasks", "--json", *args, today=today)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_checklist_on_a_fixed_day_is_exact(loaded: Invoke) -> None:
    rows = checklist(loaded)
    got = [(r["task"], r["occurrence"], r["due"], r["state"]) for r in rows]
    assert got == [
        ("1.1", "once", "2027-02-28", "overdue"),
        ("1.5", "2027-Q2", "2027-06-30", "overdue"),
        ("1.6", "2027-W33", "2027-08-29", "overdue"),
        ("1.2", "2027-08", "2027-08-31", "overdue"),
        ("1.8", "2027-暑假", "2027-08-31", "overdue"),
        ("1.4", "2027-W35", "2027-09-05", "overdue"),
        ("1.4", "2027-W36", "2027-09-12", "outstanding"),
        ("1.6", "2027-W35", "2027-09-12", "outstanding"),
        ("1.7", "2027-中秋", "2027-09-15", "outstanding"),
        ("1.2", "2027-09", "2027-09-30", "outstanding"),
        ("1.5", "2027-Q3", "2027-09-30", "outstanding"),
        ("1.3", "once", "2027-12-31", "outstanding"),
        ("1.10", "2027", "2027-12-31", "outstanding"),
    ]
    first = rows[0]
    assert set(first) >= {
        "plan",
        "task",
        "key",
        "title",
        "owner",
        "section",
        "occurrence",
        "opens",
        "due",
        "state",
        "status",
        "percent",
        "overdue",
        "missed",
    }
    assert first["key"] == "forms-2027/1.1" and first["owner"] == "secretary" and first["status"] == "todo"
    assert first["overdue"] is True and first["missed"] is False and first["percent"] is None
    assert {r["opens"] for r in rows if r["task"] == "1.7"} == {"2027-09-05"}


def test_weekly_task_shows_at_most_last_week_and_this_week(loaded: Invoke) -> None:
    keys = [r["occurrence"] for r in checklist(loaded) if r["task"] == "1.4"]
    assert keys == ["2027-W35", "2027-W36"]
    everything = {r["occurrence"]: r for r in checklist(loaded, "--all") if r["task"] == "1.4"}
    assert everything["2027-W34"]["state"] == "missed" and everything["2027-W34"]["missed"] is True
    assert everything["2027-W37"]["state"] == "upcoming"
    assert len(everything) == 52


def test_festival_missed_after_grace(loaded: Invoke) -> None:
    # 中秋 2027-09-15, grace 5: overdue on 09-20, missed from 09-21
    assert [r["state"] for r in checklist(loaded, today="2027-09-20") if r["task"] == "1.7"] == ["overdue"]
    assert [r for r in checklist(loaded, today="2027-09-21") if r["task"] == "1.7"] == []
    # a 重阳 activity (offset -2 → due 10-06) opens 14 days before its moved date
    assert [r["state"] for r in checklist(loaded, "--all", today="2027-09-21") if r["task"] == "1.9"] == [
        "upcoming"
    ]
    assert [r["opens"] for r in checklist(loaded, today="2027-09-22") if r["task"] == "1.9"] == ["2027-09-22"]


def test_filters(loaded: Invoke) -> None:
    assert {r["task"] for r in checklist(loaded, "--overdue")} == {"1.1", "1.5", "1.6", "1.2", "1.8", "1.4"}
    assert {r["task"] for r in checklist(loaded, "--owner", "building-heads")} == {"1.4"}
    assert {r["task"] for r in checklist(loaded, "--owner", "书记")} == {"1.1", "1.2"}
    assert {r["task"] for r in checklist(loaded, "--owner", "张")} == {"1.3"}
    within = checklist(loaded, "--due-within", "5")
    assert max(r["due"] for r in within) <= "2027-09-15"
    assert ("1.7", "2027-中秋") in {(r["task"], r["occurrence"]) for r in within}
    assert checklist(loaded, "--plan", "forms-2027") == checklist(loaded)
    r = loaded("tasks", "--plan", "nope", today=TODAY)
    assert r.exit_code == 1 and "nope" in r.stderr


def test_progress_done_and_log_round_trip(loaded: Invoke) -> None:
    r = loaded(
        "progress",
        "forms-2027/1.4",
        "--percent",
        "50",
        "--status",
        "doing",
        "--note",
        "3号楼已查",
        "--by",
        "王楼长",
        "--metric",
        "participants=12",
        today=TODAY,
    )
    assert r.exit_code == 0, r.stderr
    # the week whose window holds the record's date (today, 2027-09-10: 2027-W36), not the
    # overdue W35 before it
    assert "2027年第36周" in r.stdout
    assert loaded("done", "1.4", "--occurrence", "2027-W35", today=TODAY).exit_code == 0
    log = json.loads(loaded("log", "forms-2027/1.4", "--json").stdout)
    assert [(e["occurrence"], e["status"], e["percent"]) for e in log] == [
        ("2027-W36", "doing", 50),
        ("2027-W35", "done", None),
    ]
    assert log[0]["metrics"] == {"participants": 12} and log[0]["by"] == "王楼长" and log[0]["date"] == TODAY
    assert set(log[0]) >= {"at", "date", "occurrence", "status", "percent", "note", "by", "metrics"}
    rows = {r["occurrence"]: r for r in checklist(loaded) if r["task"] == "1.4"}
    assert rows["2027-W36"]["percent"] == 50 and rows["2027-W36"]["status"] == "doing"
    assert "2027-W35" not in rows
    # a later record with a lower percent reopens; a note-only record changes nothing
    loaded("progress", "1.4", "--occurrence", "2027-W35", "--percent", "80", today=TODAY)
    loaded("progress", "1.4", "--occurrence", "2027-W35", "--note", "补充说明", today=TODAY)
    rows = {r["occurrence"]: r for r in checklist(loaded) if r["task"] == "1.4"}
    assert rows["2027-W35"]["state"] == "overdue" and rows["2027-W35"]["percent"] == 80


def test_default_occurrence_is_next_upcoming_when_nothing_is_open(loaded: Invoke) -> None:
    r = loaded("done", "1.9", today="2027-09-01")
    assert r.exit_code == 0 and "2027年重阳" in r.stdout


def test_backfill_a_missed_occurrence_by_key(loaded: Invoke) -> None:
    assert loaded("done", "1.4", "--occurrence", "2027-W10", today=TODAY).exit_code == 0
    done = {r["occurrence"]: r["state"] for r in checklist(loaded, "--all") if r["task"] == "1.4"}
    assert done["2027-W10"] == "done" and done["2027-W11"] == "missed"


def test_history_survives_reload(loaded: Invoke, forms: Path) -> None:
    loaded("done", "1.2", "--occurrence", "2027-08", today=TODAY)
    forms.write_text(
        forms.read_text(encoding="utf-8").replace("title: 编制创建简报", "title: 编制创建工作简报"),
        encoding="utf-8",
    )
    assert loaded("load", str(forms)).exit_code == 0
    rows = {r["occurrence"]: r for r in checklist(loaded, "--all") if r["task"] == "1.2"}
    assert rows["2027-08"]["state"] == "done" and rows["2027-08"]["title"] == "编制创建工作简报"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("progress", "nope", "--percent", "10"), "no task 'nope'"),
        (("progress", "1.4", "--percent", "101"), "out of range"),
        (("progress", "1.4", "--percent", "-1"), "out of range"),
        (("progress", "1.4", "--status", "finished"), "status 'finished'"),
        (("progress", "1.4", "--occurrence", "2027-W99", "--percent", "5"), "2027-W99"),
        (("progress", "1.4", "--metric", "participants"), "NAME=NUMBER"),
        (("progress", "1.4", "--metric", "participants=many"), "not a number"),
        (("progress", "1.4"), "nothing to record"),
        (("done", "forms-2027/9.9"), "no task"),
    ],
)
def test_record_errors_write_nothing(
    loaded: Invoke, db_path: Path, args: tuple[str, ...], message: str
) -> None:
    before = dump(db_path)
    r = loaded(*args, today=TODAY)
    assert r.exit_code == 1
    assert message in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1
    assert dump(db_path) == before


def test_ambiguous_short_id_lists_candidates(cli: Invoke, forms: Path, tmp_path: Path, db_path: Path) -> None:
    other = tmp_path / "plans" / "other.yaml"
    other.write_text(
        forms.read_text(encoding="utf-8").replace("id: forms-2027", "id: other-2027"), encoding="utf-8"
    )
    cli("load", str(tmp_path / "plans"))
    before = dump(db_path)
    r = cli("done", "1.4", today=TODAY)
    assert r.exit_code == 1
    assert "forms-2027/1.4" in r.stderr and "other-2027/1.4" in r.stderr
    assert dump(db_path) == before


def test_completion(loaded: Invoke) -> None:
    # Due by 2027-01-31: 1.4 W01..W04 (4), 1.6 W01 and W03 (2), 1.2 2027-01 (1) = 7 occurrences
    today = "2027-01-31"
    loaded("done", "1.4", "--occurrence", "2027-W01", today=today)
    loaded("progress", "1.2", "--occurrence", "2027-01", "--percent", "50", today=today)
    before = json.loads(loaded("plans", "--json", today=today).stdout)[0]["percent"]
    # credits 1 + 0.5 over the 7 due = 21.4 → 21
    assert before == 21
    # 1.3 (ongoing, not yet due) gets 20%: it adds 0.2 to both sums (plan-format.md), so
    # (1.5 + 0.2) / (7 + 0.2) = 23.6 → 23: recording work never lowers completion
    loaded("progress", "1.3", "--percent", "20", today=today)
    plans = json.loads(loaded("plans", "--json", today=today).stdout)
    assert plans[0]["percent"] == 23 and plans[0]["done"] == 1
    # done early counts 1 of 1: (2.5 + 0.2) / (7 + 1 + 0.2) = 32.9 → 32; done occurrences 2
    loaded("done", "1.4", "--occurrence", "2027-W06", today=today)
    plans = json.loads(loaded("plans", "--json", today=today).stdout)
    assert plans[0]["percent"] == 32 and plans[0]["done"] == 2


def test_recording_work_never_lowers_completion(loaded: Invoke) -> None:
    """Any record of progress on any occurrence, due or not, leaves completion where it was or
    raises it (issue 13: a record on a not-yet-due occurrence used to enter the divisor)."""
    today = "2027-03-15"
    keys = [(r["task"], r["occurrence"]) for r in checklist(loaded, "--all", today=today)][:40]
    assert len(keys) == 40
    last = json.loads(loaded("plans", "--json", today=today).stdout)[0]["percent"]
    for i, (task, occurrence) in enumerate(keys):
        args = ["--percent", str((i * 37) % 101)] if i % 3 else ["--status", "doing"]
        r = loaded("progress", task, "--occurrence", occurrence, *args, today=today)
        assert r.exit_code == 0, r.stderr
        now = json.loads(loaded("plans", "--json", today=today).stdout)[0]["percent"]
        assert now >= last, (task, occurrence)
        last = now
    assert last > 0


def test_terminal_checklist_shows_overdue_days_and_footer(loaded: Invoke) -> None:
    r = loaded("tasks", today=TODAY)
    assert r.exit_code == 0
    out = r.stdout
    assert "全部安排形式" in out and "逾期194天" in out  # 1.1 due 02-28
    assert "2027年中秋" in out and "社区党支部书记" in out
    assert not re.search(r"\x1b\[", out)
    assert "共 13 项" in out.splitlines()[-1]


def test_tracked_from_leaves_earlier_occurrences_untracked(cli: Invoke, forms: Path, db_path: Path) -> None:
    forms.write_text(
        forms.read_text(encoding="utf-8").replace(
            "period: {start: 2027-01-01, end: 2027-12-31}\n",
            "period: {start: 2027-01-01, end: 2027-12-31}\ntracked_from: 2027-07-01\n",
        ),
        encoding="utf-8",
    )
    assert cli("load", str(forms)).exit_code == 0
    monthly = sorted(r["occurrence"] for r in checklist(cli, "--all") if r["task"] == "1.2")
    assert monthly[0] == "2027-07" and len(monthly) == 6
    assert "1.1" not in {r["task"] for r in checklist(cli, "--all")}  # due 02-28: before tracking began
    before = dump(db_path)
    r = cli("done", "1.2", "--occurrence", "2027-03", today=TODAY)
    assert r.exit_code == 1 and "2027-03" in r.stderr
    assert dump(db_path) == before


def test_open_rectifications_appear_on_the_checklist(cli: Invoke) -> None:
    from conftest import DATA

    assert cli("load", str(DATA / "inspections" / "demo.yaml")).exit_code == 0
    r = cli(
        "inspect",
        "demo-2027/fire",
        "--area",
        "1号楼",
        "--fail",
        "exits=楼道堆放电动车",
        "--pass",
        "extinguishers",
        "--pass",
        "wiring",
        "--date",
        "2027-09-06",
        today="2027-09-06",
    )
    assert r.exit_code == 0, r.stderr
    rows = [r for r in checklist(cli, today="2027-09-10") if r["kind"] == "rectification"]
    assert len(rows) == 1
    assert rows[0]["due"] == "2027-09-09" and rows[0]["overdue"] is True and rows[0]["owner"] == "王主任"
    assert rows[0] in checklist(cli, "--overdue", today="2027-09-10")
    assert "整改" in cli("tasks", today="2027-09-10").stdout
    assert [r["kind"] for r in checklist(cli, "--owner", "王", today="2027-09-10")].count(
        "rectification"
    ) == 1
    # passing the item at the next inspection closes it and it leaves the checklist
    cli(
        "inspect",
        "demo-2027/fire",
        "--area",
        "1号楼",
        "--pass",
        "exits",
        "--pass",
        "extinguishers",
        "--pass",
        "wiring",
        "--date",
        "2027-09-10",
        today="2027-09-10",
    )
    assert [r for r in checklist(cli, today="2027-09-10") if r["kind"] == "rectification"] == []


def test_state_as_of_an_earlier_day_ignores_later_records(loaded: Invoke) -> None:
    loaded(
        "progress",
        "1.2",
        "--occurrence",
        "2027-09",
        "--percent",
        "30",
        "--status",
        "doing",
        today="2027-09-05",
    )
    loaded("done", "1.2", "--occurrence", "2027-09", today="2027-09-20")

    def row(today: str) -> dict:
        return next(r for r in checklist(loaded, "--all", today=today) if r["occurrence"] == "2027-09")

    assert (row("2027-09-04")["state"], row("2027-09-04")["percent"], row("2027-09-04")["status"]) == (
        "outstanding",
        None,
        "todo",
    )
    assert (row("2027-09-10")["state"], row("2027-09-10")["percent"], row("2027-09-10")["status"]) == (
        "outstanding",
        30,
        "doing",
    )
    assert row("2027-09-20")["state"] == "done"
    plans = {
        d: json.loads(loaded("plans", "--json", today=d).stdout)[0]["done"]
        for d in ("2027-09-10", "2027-09-20")
    }
    assert plans == {"2027-09-10": 0, "2027-09-20": 1}


def test_plans_says_what_it_counts(loaded: Invoke) -> None:
    """`plans` labels its counts: active tasks (任务数) and done occurrences (已完成期次), apart."""
    today = "2027-01-31"
    loaded("done", "1.4", "--occurrence", "2027-W01", today=today)
    loaded("done", "1.4", "--occurrence", "2027-W02", today=today)
    lines = loaded("plans", today=today).stdout.splitlines()
    header = next(line for line in lines if "任务数" in line)
    assert "已完成期次" in header
    row = next(line for line in lines if "forms-2027" in line)
    tasks = len({r["task"] for r in checklist(loaded, "--all", today=today)})
    # columns: … 任务数, 已完成期次, 完成率: two done occurrences of one task
    assert row.split()[-3:] == [str(tasks), "2", f"{plans_percent(loaded, today)}%"]


def plans_percent(cli: Invoke, today: str) -> int:
    return int(json.loads(cli("plans", "--json", today=today).stdout)[0]["percent"])
