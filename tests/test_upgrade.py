"""Upgrades from every schema a released civicli has written, with data in it.

tests/data/upgrade/*.sql are dumps of databases built by the old code itself (the commit named in
each file's first line): tests/data/forms.yaml and tests/data/inspections/demo.yaml loaded, four
records on three tasks, four inspections (three rectifications opened, one closed) and the
bulletin of 2027-W09 numbered 1. Two of them applied an early form of 0005 (no
occurrences.rec_first), on which every listing used to fail. Today's civicli must open each one,
keep every row, and answer exactly as a database built today from the same commands.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner, Result

from civicli.cli.app import app
from civicli.store import completion, migrations

FIXTURES = sorted((DATA / "upgrade").glob("*.sql"))
EARLY_0005 = ("0005_early_e55a59e", "0005_early_3e20f19")
TODAY = "2027-03-10"


def run(db: Path, *args: str, today: str = TODAY) -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": today}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def ok(db: Path, *args: str, today: str = TODAY) -> Result:
    r = run(db, *args, today=today)
    assert r.exit_code == 0, r.stderr
    return r


def from_fixture(sql: Path, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.executescript(sql.read_text(encoding="utf-8"))
    conn.close()


def history(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row a clerk made (the columns every schema level has)."""
    conn = sqlite3.connect(db)
    try:
        return {
            "records": conn.execute(
                'SELECT id, task_key, occurrence, at, date, status, percent, note, "by" FROM records ORDER BY id'
            ).fetchall(),
            "metrics": conn.execute("SELECT * FROM record_metrics ORDER BY record_id, name").fetchall(),
            "inspections": conn.execute(
                'SELECT id, template_key, area, date, "by", score, passed, at FROM inspections ORDER BY id'
            ).fetchall(),
            "answers": conn.execute("SELECT * FROM inspection_answers ORDER BY 1, 2").fetchall(),
            "bulletins": conn.execute("SELECT week, year, number FROM bulletins").fetchall(),
            "import_log": conn.execute("SELECT * FROM import_log ORDER BY id").fetchall(),
        }
    finally:
        conn.close()


def same_commands_today(db: Path) -> None:
    """Build with today's civicli what the old code built in each fixture, command for command."""
    ok(db, "load", str(DATA / "forms.yaml"))
    ok(db, "progress", "1.1", "--percent", "40", "--note", "成立筹备", "--by", "李", today="2027-02-20")
    ok(db, "done", "1.1", "--note", "领导小组已成立", "--by", "李", today="2027-02-25")
    # the occurrence the old code picked (the earliest outstanding), named as today's rule would not pick it
    ok(
        db,
        "progress",
        "1.2",
        "--percent",
        "60",
        "--metric",
        "participants=35",
        "--note",
        "三月简报初稿",
        "--occurrence",
        "2027-02",
    )
    ok(db, "progress", "forms-2027/1.3", "--status", "doing", "--note", "宣传栏更新")
    ok(db, "load", str(DATA / "inspections" / "demo.yaml"))
    for today, args in (
        ("2027-03-02", ["stairwell", "--area", "1号楼", "--pass", "corridor", "--fail", "basement=堆放杂物"]),
        ("2027-03-09", ["stairwell", "--area", "1号楼", "--pass", "corridor", "--pass", "basement"]),
        ("2027-03-03", ["stairwell", "--area", "2号楼", "--fail", "corridor=电动车", "--pass", "basement"]),
        ("2027-03-04", ["fire", "--area", "1号楼", "--fail", "exits=通道堵塞", "--pass", "extinguishers"]),
    ):
        if args[0] == "fire":
            ok(db, "inspect", *args, "--pass", "wiring", today=today)
        else:
            by = "赵" if "2号楼" in args else "王"
            ok(db, "inspect", *args, "--na" if by == "赵" else "--pass", "yard", "--by", by, today=today)


def _without_moments(value: object) -> object:
    """The data without the moments things were recorded (`at`: when the commands ran)."""
    if isinstance(value, dict):
        return {k: _without_moments(v) for k, v in value.items() if k not in ("at", "generated_at")}
    if isinstance(value, list):
        return [_without_moments(v) for v in value]
    return value


def answers(db: Path) -> dict[str, object]:
    """What the clerk sees, on days before, inside and after the recorded weeks."""
    out: dict[str, object] = {}
    for day in ("2027-02-21", TODAY, "2027-04-30", "2027-12-31"):
        out[f"tasks {day}"] = json.loads(ok(db, "tasks", "--json", "--all", today=day).stdout)
        out[f"plans {day}"] = json.loads(ok(db, "plans", "--json", today=day).stdout)
    out["show"] = json.loads(ok(db, "show", "forms-2027", "--json").stdout)
    out["rectifications"] = json.loads(ok(db, "rectifications", "--json", "--all").stdout)
    for week in ("2027-W08", "2027-W09"):
        # issued (--issue): a week looked at takes no number; issued, W08 comes second everywhere
        out[f"summary {week}"] = json.loads(
            ok(db, "summary", "--week", week, "--format", "json", "--issue").stdout
        )
    for text in ("领导小组", "杂物", "李", "电动车", "1号楼"):  # what was written before search_text
        out[f"search {text}"] = json.loads(ok(db, "search", text, "--json", "--limit", "0").stdout)
    return {k: _without_moments(v) for k, v in out.items()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("reference") / "civicli.db"
    same_commands_today(db)
    # W09 takes issue 1 here too, as it did in every fixture (W08 comes second everywhere)
    ok(db, "summary", "--week", "2027-W09", "--format", "json", "--issue")
    return answers(db)


def test_there_is_a_fixture_for_every_released_schema() -> None:
    names = {f.stem for f in FIXTURES}
    assert {
        "0003_bulletins_and_windows",
        "0004_occurrence_facts",
        "0005_settled_occurrences",
        "0006_clerk_release",
        "0012_load_skips",
        *EARLY_0005,
    } <= names


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_upgrade_keeps_every_row_and_answers_as_today(
    fixture: Path, tmp_path: Path, reference: dict[str, object]
) -> None:
    db = tmp_path / "civicli.db"
    from_fixture(fixture, db)
    before = history(db)
    assert len(before["records"]) == 4 and len(before["inspections"]) == 4  # the fixture holds data
    assert before["bulletins"] == [("2027-W09", 2027, 1)]

    upgraded = answers(db)

    after = history(db)
    assert after.pop("bulletins") == [("2027-W09", 2027, 1), ("2027-W08", 2027, 2)]
    before.pop("bulletins")
    assert after == before  # nothing lost, nothing rewritten
    conn = sqlite3.connect(db)
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert applied == [n for n, _ in migrations.MIGRATIONS]
    # the same answers as a database made today from the same commands
    for key, value in reference.items():
        assert upgraded[key] == value, (key, upgraded[key], value)
    # by hand: 1.1 (due 02-28) was done on 02-25; on 02-21 it is outstanding at 40 %
    early = {r["key"]: r for r in upgraded["tasks 2027-02-21"] if r["key"] == "forms-2027/1.1"}  # type: ignore[attr-defined]
    assert (early["forms-2027/1.1"]["state"], early["forms-2027/1.1"]["percent"]) == ("outstanding", 40)
    late = [r for r in upgraded[f"tasks {TODAY}"] if r["key"] == "forms-2027/1.1"]  # type: ignore[attr-defined]
    assert [r["state"] for r in late] == ["done"]
    # the bulletin of W09 keeps its number; W08, first written now, takes the next one
    assert upgraded["summary 2027-W09"]["issue"] == 1  # type: ignore[index]
    assert upgraded["summary 2027-W08"]["issue"] == 2  # type: ignore[index]
    # the text written before the search index existed is found: the note of the failed
    # basement (inspection 1, 03-02) and the record 领导小组已成立 (#2, 02-25), then the task
    hits = [(h["kind"], h["id"], h["date"], h["field"]) for h in upgraded["search 杂物"]]  # type: ignore[attr-defined]
    assert hits == [("inspection", 1, "2027-03-02", "failed")]
    hits = [(h["kind"], h["id"]) for h in upgraded["search 领导小组"]]  # type: ignore[attr-defined]
    assert hits == [("record", 2), ("task", "forms-2027/1.1")]
    assert ok(db, "check").exit_code == 0


@pytest.mark.parametrize("name", EARLY_0005)
def test_early_0005_database_is_repaired(name: str, tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    from_fixture(DATA / "upgrade" / f"{name}.sql", db)
    conn = sqlite3.connect(db)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(occurrences)")}
    conn.close()
    assert "rec_first" not in columns and "settles" in columns  # as the early 0005 left it

    ok(db, "plans")

    conn = sqlite3.connect(db)
    try:
        # 1.1's only occurrence: records on 02-20 and 02-25
        assert conn.execute(
            "SELECT first_record_date, last_record_date FROM occurrences WHERE task_key = 'forms-2027/1.1'"
        ).fetchone() == ("2027-02-20", "2027-02-25")
        indexes = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    finally:
        conn.close()
    assert "occurrences_plan_window" not in indexes
    assert "(settles, opens, due, until)" in indexes["occurrences_unsettled"]


def test_upgrade_from_0012_keeps_the_facts_and_loads_with_them(tmp_path: Path) -> None:
    """At 0012 every new occurrence's facts came from the insert triggers of migration 0008. Opened
    today, the database ends with the triggers today's code writes (store/completion.py), which
    leave a row inserted with its facts (`facts_fresh` = 1) alone; the facts stored stay what they
    were (the rule did not change), every row is marked fresh, and what is loaded after the upgrade
    — a new plan, and forms.yaml again with a schedule changed — has the facts recomputing every
    row from scratch gives."""
    db = tmp_path / "civicli.db"
    from_fixture(DATA / "upgrade" / "0012_load_skips.sql", db)
    columns = (
        "task_key, key, first_record_date, last_record_date, latest_status, latest_percent, decisive_status, "
        "decisive_percent, areas_done, areas_total, settles, settled_done, settled_credit, settled_overdue"
    )
    # the same columns as 0012 named them (0023 names them in words)
    at_0012 = (
        "task_key, key, rec_first, rec_date, l_status, l_percent, d_status, d_percent, a_done, a_total, "
        "settles, f_done, f_credit, f_overdue"
    )

    def facts(names: str = columns) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(db)
        try:
            return conn.execute(f"SELECT {names} FROM occurrences ORDER BY task_key, key").fetchall()
        finally:
            conn.close()

    def recomputed() -> list[tuple[object, ...]]:
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE occurrences SET facts_fresh = 0")
            rows = conn.execute(f"SELECT {columns} FROM occurrences ORDER BY task_key, key").fetchall()
            conn.execute("ROLLBACK")
            return rows
        finally:
            conn.close()

    before = facts(at_0012)
    assert any(r[3] is not None for r in before)  # records on some occurrences (rec_date)
    ok(db, "plans")  # opens it: 0013 applied
    conn = sqlite3.connect(db)
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    triggers = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    fresh = conn.execute("SELECT DISTINCT facts_fresh FROM occurrences").fetchall()
    conn.close()
    assert "0013_occurrences_with_facts" in applied and applied == [n for n, _ in migrations.MIGRATIONS]
    # today's triggers of the facts, whatever 0008 and 0013 had written; 0008's fast insert
    # trigger (dropped by 0013) stays gone; the journal's and the search index's stay
    assert {n: triggers[n] for n in completion.TRIGGERS} == completion.TRIGGERS
    assert "occurrence_added_fresh" not in triggers and "journal_record" in triggers
    assert "WHEN NOT NEW.facts_fresh" in triggers["occurrence_added"]
    assert fresh == [(1,)]
    assert facts() == before == recomputed()

    plans = tmp_path / "plans"
    plans.mkdir()
    forms = (DATA / "forms.yaml").read_text(encoding="utf-8")
    assert "every: month" in forms
    (plans / "forms.yaml").write_text(forms.replace("every: month", 'every: "2 months"', 1), encoding="utf-8")
    (plans / "sum.yaml").write_text(
        (DATA / "summary" / "sum-2027.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    ok(db, "load", str(plans), "--force")
    after = facts()
    assert len(after) > len(before)
    assert after == recomputed()
    # the records kept their occurrences' facts: 1.1 done on 02-25 (its only occurrence)
    done = [r for r in after if r[0] == "forms-2027/1.1"]
    assert [(r[6], r[11]) for r in done] == [("done", 1)]
    assert ok(db, "check").exit_code == 0


@pytest.mark.parametrize("name", ["0006_clerk_release", "0012_load_skips"])
def test_rectifications_rebuilt_with_their_links(name: str, tmp_path: Path) -> None:
    """Migration 0024 rebuilds rectifications (sqlite-utils' transform) so that `opener` and
    `closed_step` are foreign keys: every row comes through as it was, the CHECK on status
    stays, and a rectification can no longer name a step that does not exist."""
    db = tmp_path / "civicli.db"
    from_fixture(DATA / "upgrade" / f"{name}.sql", db)
    conn = sqlite3.connect(db)
    before = conn.execute(
        "SELECT id, area, item_id, opened, due, opened_by FROM rectifications ORDER BY id"
    ).fetchall()
    conn.close()
    assert before  # the fixture has rectifications (its failed inspections opened them)
    ok(db, "rectifications", "--all")
    conn = sqlite3.connect(db)
    try:
        after = conn.execute(
            "SELECT id, area, item_id, opened, due, opened_by FROM rectifications ORDER BY id"
        ).fetchall()
        links = {(r[3], r[2], r[4]) for r in conn.execute("PRAGMA foreign_key_list(rectifications)")}
        schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'rectifications'").fetchone()[0]
        assert after == before
        assert {("opener", "inspections", "id"), ("closed_step", "rectification_steps", "id")} <= links
        assert "CHECK (status IN ('open', 'in_progress', 'closed', 'void'))" in schema
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE rectifications SET closed_step = 999999 WHERE id = ?", [before[0][0]])
    finally:
        conn.close()
