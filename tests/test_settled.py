"""The facts kept on occurrence rows (store/completion.py, kept by the triggers of migration
0008): completion, the checklist and the overdue list read the values stored on settled
occurrences and derive only the rest. Whatever the history — records out of date order, a task
marked done then reopened, inspections entered late, records and inspections taken back with
`undo`, a task archived and restored — they must give what deriving every occurrence from the
raw history gives.

The reference below reads only the raw tables (records, inspections, takebacks, template areas,
windows) and completion.derive: none of the facts kept on occurrence rows.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest
from conftest import Invoke

from civicli.reports.bulletin import _overdue
from civicli.store.checklist import ChecklistFilter, checklist
from civicli.store.completion import derive, percent_of, plan_completion, weight
from civicli.store.connection import Row, Store
from civicli.store.database import open_store
from civicli.store.inspections import Answer, record_inspection
from civicli.store.records import record_progress
from civicli.store.undo import pick, take_back

DATA = Path(__file__).resolve().parent / "data" / "summary" / "sum-2027.yaml"
START, END = dt.date(2027, 8, 1), dt.date(2028, 1, 20)


def reference(store: Store, day: dt.date) -> dict[tuple[str, str], Row]:
    """Every occurrence of an active task, derived from the raw history as of `day`."""
    iso = day.isoformat()
    areas = {}
    for r in store.query("SELECT template_key, area FROM template_areas"):
        areas.setdefault(r["template_key"], set()).add(r["area"])
    inspected: dict[str, list[tuple[str, str]]] = {}
    for r in store.query(
        "SELECT template_key, area, date FROM inspections WHERE date <= ? "
        "AND id NOT IN (SELECT target_id FROM takebacks WHERE kind = 'inspection')",
        [iso],
    ):
        inspected.setdefault(r["template_key"], []).append((r["date"], r["area"]))
    records: dict[tuple[str, str], list[Row]] = {}
    for r in store.query(
        "SELECT * FROM records WHERE date <= ? "
        "AND id NOT IN (SELECT target_id FROM takebacks WHERE kind = 'record') ORDER BY id",
        [iso],
    ):
        records.setdefault((r["task_key"], r["occurrence"]), []).append(r)
    out = {}
    for o in store.query(
        "SELECT o.task_key, o.key, o.plan_id, o.opens, o.due, o.until, t.inspection_id "
        "FROM occurrences o JOIN tasks t ON t.key = o.task_key WHERE t.archived_at IS NULL"
    ):
        recs = records.get((o["task_key"], o["key"]), [])
        decisive = [r for r in recs if r["status"] is not None or r["percent"] is not None]
        percents = [r["percent"] for r in recs if r["percent"] is not None]
        done_areas = total = None
        if o["inspection_id"]:
            tk = f"{o['plan_id']}/{o['inspection_id']}"
            total = len(areas.get(tk, ()))
            done_areas = len(
                {
                    a
                    for d, a in inspected.get(tk, [])
                    if o["opens"] <= d <= o["due"] and a in areas.get(tk, ())
                }
            )
        d = derive(
            iso,
            o["opens"],
            o["due"],
            o["until"],
            decisive[-1]["status"] if decisive else None,
            decisive[-1]["percent"] if decisive else None,
            percents[-1] if percents else None,
            done_areas,
            total,
        )
        out[(o["task_key"], o["key"])] = {
            "plan": o["plan_id"],
            "state": d.state,
            "done": d.done,
            "credit": d.credit,
            # what it adds to the divisor: 1 when due by the day, else its credit
            "counted": weight(o["due"], iso, d.credit),
            "opens": o["opens"],
            "due": o["due"],
            "until": o["until"],
        }
    return out


def expected_completion(ref: dict[tuple[str, str], Row]) -> dict[str, tuple[int, int, int]]:
    plans: dict[str, list[Row]] = {}
    for r in ref.values():
        plans.setdefault(r["plan"], []).append(r)
    out = {}
    for plan, rows in plans.items():
        out[plan] = (
            sum(r["done"] for r in rows),
            percent_of(sum(r["credit"] for r in rows), sum(r["counted"] for r in rows)),
            sum(r["state"] == "overdue" for r in rows),
        )
    return out


def check_day(store: Store, day: dt.date) -> None:
    ref = reference(store, day)
    got = {p: (c.done, c.percent, c.overdue) for p, c in plan_completion(store, day).items()}
    assert got == {p: v for p, v in expected_completion(ref).items() if p in got or v != (0, 0, 0)}, day
    iso = day.isoformat()
    open_now = {
        k
        for k, r in ref.items()
        if r["state"] in ("outstanding", "overdue") or (r["state"] == "upcoming" and r["due"] <= iso)
    }
    lines = checklist(store, day, ChecklistFilter())
    listed = {(r.task_key, r.occurrence) for r in lines if r.kind == "task"}
    assert listed == open_now, day
    # overdue first (tasks and rectifications alike), then by due date, plan, place in the plan and
    # opening day, whichever state the history left them in
    order = [(not r.overdue, r.due, r.plan_id, r.position, r.opens) for r in lines]
    assert order == sorted(order), day
    overdue = {(r["key"], r["occurrence"]) for r in _overdue(store, day)}
    assert overdue == {k for k, r in ref.items() if r["state"] == "overdue"}, day


def random_history(store: Store, rng: random.Random, n: int) -> None:
    """Records on any occurrence, dated any day (not in order), inspections entered late, and now
    and then the latest command, or any record or inspection, taken back."""
    occurrences = store.query("SELECT task_key, key, opens, due FROM occurrences ORDER BY task_key, key")
    for _ in range(n):
        if rng.random() < 0.12:
            undo_something(store, rng)
            continue
        if rng.random() < 0.25:
            day = START + dt.timedelta(days=rng.randint(0, 150))
            late = day + dt.timedelta(days=rng.randint(0, 20))  # entered on a later day, dated `day`
            answers = [Answer("corridor", rng.choice(("pass", "fail"))), Answer("basement", "pass")]
            record_inspection(
                store, "stair", rng.choice(("A栋", "B栋")), late, answers=answers, date=day, again=True
            )
            continue
        o = rng.choice(occurrences)
        opens = dt.date.fromisoformat(o["opens"])
        day = opens + dt.timedelta(days=rng.randint(-3, 60))
        choice = rng.random()
        kwargs: dict = (
            {"status": "done"}
            if choice < 0.35
            else {"status": "doing", "percent": rng.choice((10, 50, 90))}
            if choice < 0.6
            else {"percent": rng.choice((0, 30, 100))}
            if choice < 0.75
            else {"status": rng.choice(("todo", "blocked"))}
            if choice < 0.85
            else {"note": "只记一笔"}
        )
        record_progress(store, o["task_key"], day, occurrence=o["key"], again=True, **kwargs)


def undo_something(store: Store, rng: random.Random) -> None:
    today = END
    if rng.random() < 0.5:
        take_back(store, pick(store), today)
        return
    kind = rng.choice(("record", "inspection"))
    table = "records" if kind == "record" else "inspections"
    live = store.query(
        f"SELECT id FROM {table} WHERE id NOT IN (SELECT target_id FROM takebacks WHERE kind = ?)", [kind]
    )
    if live:
        target = rng.choice(live)["id"]
        take_back(store, pick(store, **{kind: target}), today)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stored_values_agree_with_the_raw_history(cli: Invoke, db_path: Path, seed: int) -> None:
    assert cli("load", str(DATA)).exit_code == 0
    store = open_store(db_path)
    try:
        random_history(store, random.Random(seed), 160)
        assert store.one("SELECT COUNT(*) AS n FROM takebacks WHERE kind = 'record'")["n"] > 3
        assert store.one("SELECT COUNT(*) AS n FROM takebacks WHERE kind = 'inspection'")["n"] > 0
        day = START
        while day <= END:
            check_day(store, day)
            day += dt.timedelta(days=3)
    finally:
        store.close()


def test_archiving_and_restoring_a_task_moves_its_occurrences_out_and_back(
    cli: Invoke, db_path: Path, tmp_path: Path
) -> None:
    plan = tmp_path / "sum-2027.yaml"
    shutil.copy(DATA, plan)
    assert cli("load", str(plan)).exit_code == 0
    # d3 (due 08-31) is overdue for good from 09-01: settled, read from the stored values
    assert cli("progress", "d3", "--percent", "50", today="2027-08-20").exit_code == 0
    day = "2027-10-15"

    def state() -> tuple[int, bool]:
        [p] = json.loads(cli("plans", "--json", today=day).stdout)
        tasks = json.loads(cli("tasks", "--json", today=day).stdout)
        return p["percent"], any(t["key"] == "sum-2027/d3" for t in tasks)

    before = state()
    assert before[1]
    plan.write_text(
        DATA.read_text(encoding="utf-8").replace(
            "      - {id: d3, title: 制定学法用法培训计划, owner: staff, due: 2027-08-31}\n", ""
        ),
        encoding="utf-8",
    )
    assert cli("load", str(plan)).exit_code == 0
    archived = state()
    assert archived != before and not archived[1]
    store = open_store(db_path)
    try:
        check_day(store, dt.date(2027, 10, 15))
    finally:
        store.close()
    shutil.copy(DATA, plan)
    assert cli("load", str(plan)).exit_code == 0
    assert state() == before


def test_an_inspection_entered_late_completes_a_settled_occurrence(cli: Invoke, db_path: Path) -> None:
    """w1 2027-W33 (08-16..08-22) is missed from 08-23; an inspection of both areas dated in its
    window but entered a month later makes it done, for any day asked about."""
    assert cli("load", str(DATA)).exit_code == 0
    day = "2027-09-30"
    before = json.loads(cli("plans", "--json", today=day).stdout)[0]["percent"]
    for area in ("A栋", "B栋"):
        r = cli(
            "inspect",
            "stair",
            "--area",
            area,
            "--pass",
            "corridor",
            "--pass",
            "basement",
            "--date",
            "2027-08-18",
            today="2027-09-20",
        )
        assert r.exit_code == 0, r.stderr
    after = json.loads(cli("plans", "--json", today=day).stdout)[0]["percent"]
    assert after > before
    store = open_store(db_path)
    try:
        check_day(store, dt.date(2027, 9, 30))
        check_day(store, dt.date(2027, 8, 19))
    finally:
        store.close()


def test_recomputing_every_row_changes_nothing(cli: Invoke, db_path: Path, forms: Path) -> None:
    """The facts kept as each change happens (a load, a record, an inspection, a taking-back) are
    what recomputing every occurrence row from scratch gives."""
    assert cli("load", str(DATA), str(forms)).exit_code == 0
    assert cli("progress", "d3", "--percent", "50", today="2027-08-20").exit_code == 0
    assert (
        cli(
            "inspect",
            "stair",
            "--area",
            "A栋",
            "--pass",
            "corridor",
            "--pass",
            "basement",
            "--date",
            "2027-08-18",
            today="2027-08-20",
        ).exit_code
        == 0
    )
    assert cli("progress", "d1", "--percent", "100", today="2027-08-21").exit_code == 0
    assert cli("undo", today="2027-08-21").exit_code == 0
    columns = (
        "task_key, key, settles, settled_done, settled_credit, settled_overdue, areas_done, areas_total, "
        "first_record_date, last_record_date, "
        "latest_status, latest_percent, decisive_status, decisive_percent"
    )
    store = open_store(db_path)
    try:
        before = store.query(f"SELECT {columns} FROM occurrences ORDER BY task_key, key")
        assert len({r["settles"] for r in before}) > 10
        assert sum(r["areas_done"] for r in before) > 0 and any(r["latest_percent"] == 50 for r in before)
        with store.write():
            store.conn.execute("UPDATE occurrences SET facts_fresh = 0")
        assert store.query(f"SELECT {columns} FROM occurrences ORDER BY task_key, key") == before
    finally:
        store.close()


def test_upgrading_to_the_triggers_recomputes_every_row_and_orders_the_journal(db_path: Path) -> None:
    """A database left at migration 0006 with history in it (its cached facts stale: written here
    without any upkeep), opened by this release: migration 0008 recomputes every occurrence (so
    the raw-history reference agrees) and enters what was recorded into the journal by `at`,
    which is what `undo` walks back along."""
    import sqlite3

    from civicli.plan.planfile import load_plans
    from civicli.store import migrations
    from civicli.store.load import load
    from civicli.store.undo import latest

    conn = sqlite3.connect(db_path, isolation_level=None)
    migrations.migrate(conn, stop_before="0008_completion_triggers")
    # the later migrations that today's loader and writers use (they do not depend on 0008), applied
    # ahead of it here so that the plans load; 0008 is then the one pending
    for name, sql in (
        ("0009_rectification_state", migrations.m0009_rectification_state.SQL),
        ("0011_plan_honesty", migrations.m0011_plan_honesty.SQL),
        ("0012_load_skips", migrations.m0012_load_skips.SQL),
        ("0021_live_views", migrations.m0021_live_views.SQL),
    ):
        conn.executescript(sql)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('civicli', ?, '2027-01-01')",
            [name],
        )
    # today's loader writes columns 0008 and later add (occurrences.facts_fresh): the plans are loaded into a
    # database of today's schema and their rows copied here, the columns this schema has
    today = db_path.with_name("today.db")
    loaded = open_store(today)
    load(loaded, load_plans([DATA]))
    loaded.close()
    conn.execute("ATTACH DATABASE ? AS loaded", [str(today)])
    conn.execute("BEGIN")
    for (table,) in conn.execute(
        "SELECT name FROM loaded.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name <> '_sqlite_migrations'"
    ).fetchall():
        here = {c[1] for c in conn.execute(f"PRAGMA main.table_info({table})")}
        columns = ", ".join(
            f'"{c[1]}"' for c in conn.execute(f"PRAGMA loaded.table_info({table})") if c[1] in here
        )
        if columns:
            conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM loaded.{table}")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE loaded")
    assert conn.execute("SELECT COUNT(*) FROM occurrences").fetchone()[0] > 30
    # what was recorded at 0006, written as its rows (today's writers expect today's schema):
    # in this order: the inspection, the d3 record, the step on the rectification the inspection
    # opened, the w2 record
    conn.execute("BEGIN")
    conn.execute(
        'INSERT INTO inspections (template_key, plan_id, template_id, area, date, "by", score, passed, at) '
        "VALUES ('sum-2027/stair', 'sum-2027', 'stair', 'A栋', '2027-08-18', NULL, 50.0, 0, "
        "'2027-08-20T08:00:00+08:00')"
    )
    inspection = conn.execute("SELECT MAX(id) FROM inspections").fetchone()[0]
    conn.executemany(
        "INSERT INTO inspection_answers (inspection_id, item_id, result) VALUES (?, ?, ?)",
        [(inspection, "corridor", "fail"), (inspection, "basement", "pass")],
    )
    conn.execute(
        "INSERT INTO rectifications (template_key, plan_id, template_id, area, item_id, opened, due, opened_by, "
        "opener) VALUES ('sum-2027/stair', 'sum-2027', 'stair', 'A栋', 'corridor', '2027-08-18', '2027-08-25', ?, ?)",
        [inspection, inspection],
    )
    rect = conn.execute("SELECT MAX(id) FROM rectifications").fetchone()[0]
    conn.executemany(
        "INSERT INTO records (task_key, occurrence, at, date, status, percent) VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("sum-2027/d3", "once", "2027-08-20T09:00:00+08:00", "2027-08-20", None, 50),
            ("sum-2027/w2", "2027-W33", "2027-08-22T09:00:00+08:00", "2027-08-20", "done", None),
        ],
    )
    conn.execute(
        "INSERT INTO rectification_steps (rectification_id, kind, date, at, text) "
        "VALUES (?, 'measure', '2027-08-21', '2027-08-21T09:00:00+08:00', '清理')",
        [rect],
    )
    conn.execute("COMMIT")
    old = Store(conn, str(db_path))
    # the cached facts are stale: nothing kept them at 0006 without the old upkeep
    assert (
        old.one("SELECT COUNT(*) AS n FROM occurrences WHERE rec_date IS NOT NULL")["n"] == 0
    )  # 0006's name
    conn.close()

    store = open_store(db_path)
    try:
        for day in (dt.date(2027, 8, 19), dt.date(2027, 8, 25), dt.date(2027, 10, 1)):
            check_day(store, day)
        journal = store.query(
            "SELECT j.kind, COALESCE(r.task_key, '') AS task FROM journal j "
            "LEFT JOIN records r ON j.kind = 'record' AND r.id = j.target_id ORDER BY j.seq"
        )
        assert [(j["kind"], j["task"]) for j in journal] == [
            ("inspection", ""),
            ("record", "sum-2027/d3"),
            ("step", ""),
            ("record", "sum-2027/w2"),
        ]
        newest = latest(store)
        assert newest is not None and (newest.kind, newest.task_key) == ("record", "sum-2027/w2")
        columns = (
            "task_key, key, settles, settled_done, settled_credit, settled_overdue, areas_done, areas_total, "
            "first_record_date, last_record_date"
        )
        before = store.query(f"SELECT {columns} FROM occurrences ORDER BY task_key, key")
        with store.write():
            store.conn.execute("UPDATE occurrences SET facts_fresh = 0")
        assert store.query(f"SELECT {columns} FROM occurrences ORDER BY task_key, key") == before
    finally:
        store.close()


def test_any_change_to_the_tables_keeps_the_facts(cli: Invoke, db_path: Path) -> None:
    """The upkeep belongs to SQLite, not to civicli's writers: changing the tables by hand (as a
    repair script might) — a record moved or deleted, an inspection re-dated or deleted, a
    taking-back removed, a template's area renamed — leaves the cached facts right, as the
    raw-history reference derives them."""
    import sqlite3

    assert cli("load", str(DATA)).exit_code == 0
    store = open_store(db_path)
    try:
        random_history(store, random.Random(7), 60)
    finally:
        store.close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        rows = conn.execute("SELECT id FROM records ORDER BY id").fetchall()
        inspections = conn.execute("SELECT id FROM inspections ORDER BY id").fetchall()
        assert len(rows) > 10 and len(inspections) > 3
        conn.execute("UPDATE records SET status = 'done', percent = NULL WHERE id = ?", rows[0])
        conn.execute("UPDATE records SET date = '2027-12-30' WHERE id = ?", rows[1])
        conn.execute("DELETE FROM record_metrics WHERE record_id = ?", rows[2])
        conn.execute("DELETE FROM records WHERE id = ?", rows[2])
        conn.execute("UPDATE inspections SET date = '2027-08-17' WHERE id = ?", inspections[0])
        conn.execute("DELETE FROM inspection_answers WHERE inspection_id = ?", inspections[1])
        conn.execute("DELETE FROM inspections WHERE id = ?", inspections[1])
        conn.execute("DELETE FROM takebacks WHERE id = (SELECT MIN(id) FROM takebacks)")
        conn.execute("UPDATE template_areas SET area = 'C栋' WHERE area = 'B栋'")
    finally:
        conn.close()
    store = open_store(db_path)
    try:
        for day in (dt.date(2027, 8, 18), dt.date(2027, 9, 20), dt.date(2027, 12, 31)):
            check_day(store, day)
    finally:
        store.close()


# ---------------------------------------------------------------- facts given with the insert

FACT_COLUMNS = (
    "task_key, key, due, first_record_date, last_record_date, latest_status, latest_percent, "
    "decisive_status, decisive_percent, areas_done, areas_total, "
    "settles, settled_done, settled_credit, settled_overdue"
)


def facts_stored_and_recomputed(db_path: Path) -> tuple[list[Row], list[Row]]:
    """The facts on every occurrence row as stored, and as the triggers recompute them from scratch
    (marking a row not fresh recomputes it; rolled back, so the database is left as it was)."""
    store = open_store(db_path)
    try:
        stored = store.query(f"SELECT {FACT_COLUMNS} FROM occurrences ORDER BY task_key, key")
        store.conn.execute("BEGIN IMMEDIATE")
        try:
            store.conn.execute("UPDATE occurrences SET facts_fresh = 0")
            recomputed = store.query(f"SELECT {FACT_COLUMNS} FROM occurrences ORDER BY task_key, key")
        finally:
            store.conn.execute("ROLLBACK")
    finally:
        store.close()
    return stored, recomputed


def check_facts(db_path: Path, *days: str) -> list[Row]:
    """The facts a load gave (the simple rows computed by civicli, the rest by the triggers) are
    what recomputing every row gives, and every listing agrees with the raw history."""
    stored, recomputed = facts_stored_and_recomputed(db_path)
    assert stored, "nothing loaded"
    assert [r for r in stored if r not in recomputed] == []
    store = open_store(db_path)
    try:
        for day in days:
            check_day(store, dt.date.fromisoformat(day))
    finally:
        store.close()
    return stored


def test_loads_give_each_new_occurrence_the_facts_the_triggers_would(
    cli: Invoke, db_path: Path, tmp_path: Path, forms: Path
) -> None:
    """A load inserts the occurrences with no records, of tasks without `inspection:`, with their
    facts (`facts_fresh` = 1: the insert trigger stays quiet) and lets the triggers
    compute the rest. Whatever the load — first, schedule changed, task archived and restored,
    occurrences coming back to records left on them — the facts are those recomputed from scratch."""
    plan = tmp_path / "sum-2027.yaml"
    text = DATA.read_text(encoding="utf-8")
    monthly = "      - {id: m1, title: 编制创建简报, owner: staff, every: month}\n"
    assert monthly in text
    plan.write_text(text, encoding="utf-8")
    days = ("2027-08-10", "2027-09-20", "2027-10-05", "2027-12-31", "2028-01-20")

    def load(new_text: str) -> None:
        plan.write_text(new_text, encoding="utf-8")
        r = cli("load", str(plan), str(forms))
        assert r.exit_code == 0, r.stderr

    load(text)
    stored = check_facts(db_path, *days)
    store = open_store(db_path)
    try:
        markers = dict(
            store.conn.execute(
                "SELECT t.inspection_id IS NOT NULL, group_concat(DISTINCT o.facts_fresh) "
                "FROM occurrences o JOIN tasks t ON t.key = o.task_key GROUP BY 1"
            ).fetchall()
        )
    finally:
        store.close()
    # both kinds were loaded (w1's, linked to `stair`, by the triggers; all others with their
    # facts) and every row says its facts are fresh
    assert markers == {1: "1", 0: "1"}
    # hand-checked: d3 is due 2027-08-31, nothing missed after it: settles 09-01, overdue for good;
    # m1 2027-08 is due 08-31 and missed from 10-01 (a month's grace): settles 10-01, not overdue
    by_key = {(r["task_key"], r["key"]): r for r in stored}
    assert (by_key["sum-2027/d3", "once"]["settles"], by_key["sum-2027/d3", "once"]["settled_overdue"]) == (
        "2027-09-01",
        1,
    )
    assert (
        by_key["sum-2027/m1", "2027-08"]["settles"],
        by_key["sum-2027/m1", "2027-08"]["settled_overdue"],
    ) == (
        "2027-10-01",
        0,
    )

    # records on m1's September and October, w2's first week and d1
    for args in (
        ("progress", "m1", "--occurrence", "2027-09", "--status", "done"),
        ("progress", "m1", "--occurrence", "2027-10", "--percent", "50"),
        ("progress", "w2", "--occurrence", "2027-W31", "--status", "doing"),
        ("progress", "d1", "--percent", "30"),
    ):
        assert cli(*args, today="2027-10-20").exit_code == 0
    check_facts(db_path, *days)

    # every 2 months: 2027-09 is gone (its record stays, no longer counting), 2027-10 stays
    load(text.replace(monthly, monthly.replace("every: month", 'every: "2 months"')))
    stored = check_facts(db_path, *days)
    assert {r["key"] for r in stored if r["task_key"] == "sum-2027/m1"} == {"2027-08", "2027-10", "2027-12"}

    # back to every month: 2027-09 comes back with its `done`, inserted through the triggers
    load(text)
    stored = check_facts(db_path, *days)
    back = {(r["task_key"], r["key"]): r for r in stored}["sum-2027/m1", "2027-09"]
    assert (back["decisive_status"], back["settled_done"], back["last_record_date"]) == (
        "done",
        1,
        "2027-10-20",
    )

    # m1 removed (archived: its occurrences never settle), then restored with its records
    load(text.replace(monthly, ""))
    check_facts(db_path, *days)
    load(text)
    stored = check_facts(db_path, *days)
    assert {
        (r["key"], r["decisive_status"], r["latest_percent"])
        for r in stored
        if r["task_key"] == "sum-2027/m1"
    } >= {
        ("2027-09", "done", None),
        ("2027-10", None, 50),
    }

    # w2 every 2 weeks and linked to the `stair` template (its occurrences, recomputed, count the
    # areas inspected in their window), then weekly and not linked again (recomputed: W31 with its
    # record through the trigger, the other weeks with their facts given)
    weekly = "      - {id: w2, title: 每周更新宣传栏, owner: staff, every: week}\n"
    assert weekly in text
    assert cli("inspect", "stair", "--area", "A栋", "--pass", "corridor", "--pass", "basement",
               "--date", "2027-08-03", today="2027-08-05").exit_code == 0  # fmt: skip
    load(text.replace(weekly, weekly.replace("every: week}", 'every: "2 weeks", inspection: stair}')))
    stored = check_facts(db_path, *days)
    linked = {(r["task_key"], r["key"]): r for r in stored}["sum-2027/w2", "2027-W31"]
    # W31 now 08-02..08-15: A栋 of A栋, B栋 inspected on 08-03
    assert (linked["due"], linked["areas_total"], linked["areas_done"]) == ("2027-08-15", 2, 1)
    load(text)
    stored = check_facts(db_path, *days)
    unlinked = {(r["task_key"], r["key"]): r for r in stored}["sum-2027/w2", "2027-W31"]
    assert (unlinked["areas_total"], unlinked["areas_done"], unlinked["latest_status"]) == (0, 0, "doing")

    # the plan's period moves every occurrence: all recomputed, records kept where keys remain
    load(text.replace("end: 2027-12-31", "end: 2027-11-30"))
    stored = check_facts(db_path, *days)
    assert ("sum-2027/m1", "2027-12") not in {(r["task_key"], r["key"]) for r in stored}
