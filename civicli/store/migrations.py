"""Numbered, append-only migrations of the civicli schema (applied through sqlite-utils)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from civicli.errors import DatabaseError
from civicli.i18n import ERR
from civicli.store.completion import FIRST_RECORD_SQL, RECORD_FACTS_SQL, settle_occurrences
from civicli.store.connection import FAR_FUTURE, _retry

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "civicli"
MIGRATIONS_TABLE = "_sqlite_migrations"


def _m0001_plans(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE plans (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, community TEXT,
            start TEXT NOT NULL, "end" TEXT NOT NULL, tracked_from TEXT,
            guiding_ideology TEXT, principles TEXT,
            source TEXT NOT NULL, sha256 TEXT NOT NULL, loaded_at TEXT NOT NULL
        );
        CREATE TABLE roles (
            plan_id TEXT NOT NULL REFERENCES plans(id), role_id TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (plan_id, role_id)
        );
        CREATE TABLE goals (
            plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
            text TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, goal_id)
        );
        CREATE TABLE targets (
            plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
            target_id TEXT NOT NULL, text TEXT NOT NULL, metric TEXT NOT NULL,
            target REAL NOT NULL, direction TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, goal_id, target_id)
        );
        CREATE INDEX targets_metric ON targets(plan_id, metric);
        CREATE TABLE calendar (
            plan_id TEXT NOT NULL REFERENCES plans(id), name TEXT NOT NULL,
            start TEXT NOT NULL, "end" TEXT,
            PRIMARY KEY (plan_id, name)
        );
        CREATE TABLE sections (
            plan_id TEXT NOT NULL REFERENCES plans(id), section_id TEXT NOT NULL,
            title TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, section_id)
        );
        CREATE TABLE tasks (
            key TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),
            task_id TEXT NOT NULL, section_id TEXT NOT NULL, position INTEGER NOT NULL,
            title TEXT NOT NULL, detail TEXT, owner TEXT, tags TEXT,
            goal_id TEXT, inspection_id TEXT,
            due TEXT, every TEXT, festival TEXT, "offset" INTEGER, lead INTEGER, grace INTEGER,
            archived_at TEXT
        );
        CREATE INDEX tasks_plan ON tasks(plan_id, archived_at);
        CREATE INDEX tasks_task_id ON tasks(task_id);
        CREATE INDEX tasks_owner ON tasks(owner);
        CREATE TABLE templates (
            key TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),
            template_id TEXT NOT NULL, title TEXT NOT NULL,
            pass_mark REAL NOT NULL, rectify_days INTEGER NOT NULL, archived_at TEXT
        );
        CREATE INDEX templates_template_id ON templates(template_id);
        CREATE TABLE template_areas (
            template_key TEXT NOT NULL REFERENCES templates(key), area TEXT NOT NULL,
            position INTEGER NOT NULL, PRIMARY KEY (template_key, area)
        );
        CREATE TABLE template_items (
            template_key TEXT NOT NULL REFERENCES templates(key), item_id TEXT NOT NULL,
            text TEXT NOT NULL, weight REAL NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (template_key, item_id)
        );
        CREATE TABLE occurrences (
            task_key TEXT NOT NULL REFERENCES tasks(key), key TEXT NOT NULL,
            plan_id TEXT NOT NULL, opens TEXT NOT NULL, due TEXT NOT NULL, missed_from TEXT,
            PRIMARY KEY (task_key, key)
        );
        CREATE INDEX occurrences_due ON occurrences(due);
        CREATE TABLE records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            task_key TEXT NOT NULL REFERENCES tasks(key), occurrence TEXT NOT NULL,
            at TEXT NOT NULL, date TEXT NOT NULL,
            status TEXT, percent INTEGER, note TEXT, "by" TEXT
        );
        CREATE INDEX records_occurrence ON records(task_key, occurrence, id);
        CREATE INDEX records_date ON records(date);
        CREATE TABLE record_metrics (
            record_id INTEGER NOT NULL REFERENCES records(id), name TEXT NOT NULL,
            value REAL NOT NULL, PRIMARY KEY (record_id, name)
        );
        CREATE INDEX record_metrics_name ON record_metrics(name);
        CREATE TABLE import_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, sha256 TEXT NOT NULL,
            at TEXT NOT NULL, plan_id TEXT NOT NULL,
            added INTEGER NOT NULL, updated INTEGER NOT NULL,
            archived INTEGER NOT NULL, unchanged INTEGER NOT NULL
        );
        """
    )


def _m0002_inspections(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE inspections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            template_key TEXT NOT NULL REFERENCES templates(key),
            plan_id TEXT NOT NULL, template_id TEXT NOT NULL, area TEXT NOT NULL,
            date TEXT NOT NULL, "by" TEXT, note TEXT, score REAL, passed INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX inspections_area ON inspections(template_key, area, date);
        CREATE INDEX inspections_date ON inspections(date);
        CREATE TABLE inspection_answers (
            inspection_id INTEGER NOT NULL REFERENCES inspections(id), item_id TEXT NOT NULL,
            result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')), note TEXT,
            PRIMARY KEY (inspection_id, item_id)
        );
        CREATE TABLE inspection_photos (
            inspection_id INTEGER NOT NULL REFERENCES inspections(id), path TEXT NOT NULL
        );
        CREATE INDEX inspection_photos_inspection ON inspection_photos(inspection_id);
        CREATE TABLE rectifications (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            template_key TEXT NOT NULL REFERENCES templates(key),
            plan_id TEXT NOT NULL, template_id TEXT NOT NULL, area TEXT NOT NULL,
            item_id TEXT NOT NULL, note TEXT, owner TEXT,
            opened TEXT NOT NULL, due TEXT NOT NULL,
            opened_by INTEGER NOT NULL REFERENCES inspections(id),
            closed TEXT, closed_by INTEGER REFERENCES inspections(id),
            repeats INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX rectifications_open ON rectifications(closed, due);
        CREATE INDEX rectifications_area ON rectifications(template_key, area, item_id);
        """
    )


def _m0003_bulletins_and_windows(db: sqlite_utils.Database) -> None:
    # "until": the first day an occurrence is missed, or FAR_FUTURE; the checklist for a day
    # is then one range scan on (until, opens).
    db.executescript(
        f"""
        CREATE TABLE bulletins (
            week TEXT PRIMARY KEY, year INTEGER NOT NULL, number INTEGER NOT NULL,
            generated_at TEXT NOT NULL, UNIQUE (year, number)
        );
        ALTER TABLE occurrences ADD COLUMN until TEXT NOT NULL DEFAULT '{FAR_FUTURE}';
        UPDATE occurrences SET until = COALESCE(missed_from, '{FAR_FUTURE}');
        CREATE INDEX occurrences_window ON occurrences(until, opens);
        CREATE INDEX occurrences_plan_window ON occurrences(plan_id, until, opens);
        """
    )


# The latest facts of each occurrence's records, kept on the occurrence row so that the state
# of any occurrence "as of today" needs no search of the records in the usual case (every
# record dated on or before today). Rows with a record dated after today fall back to


def _m0004_occurrence_facts(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE occurrences ADD COLUMN rec_date TEXT;
        ALTER TABLE occurrences ADD COLUMN l_status TEXT;
        ALTER TABLE occurrences ADD COLUMN l_percent INTEGER;
        ALTER TABLE occurrences ADD COLUMN d_status TEXT;
        ALTER TABLE occurrences ADD COLUMN d_percent INTEGER;
        """
    )
    db.conn.execute(
        RECORD_FACTS_SQL + " WHERE o.key IN (SELECT occurrence FROM records r WHERE r.task_key = o.task_key)"
    )


def _m0005_settled_occurrences(db: sqlite_utils.Database) -> None:
    # occurrences_settled: completion sums the settled occurrences of each plan from the index
    # alone. occurrences_unsettled and the partial index of the settled overdue ones give the
    # occurrences still to derive (their window tested in the index) and those overdue for
    # good. One plan's occurrences are found through occurrences_settled, which makes
    # occurrences_plan_window redundant.
    db.executescript(
        """
        ALTER TABLE occurrences ADD COLUMN rec_first TEXT;
        ALTER TABLE occurrences ADD COLUMN a_done INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE occurrences ADD COLUMN a_total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE occurrences ADD COLUMN settles TEXT NOT NULL DEFAULT '9999-12-31';
        ALTER TABLE occurrences ADD COLUMN f_done INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE occurrences ADD COLUMN f_credit REAL NOT NULL DEFAULT 0;
        ALTER TABLE occurrences ADD COLUMN f_overdue INTEGER NOT NULL DEFAULT 0;
        """
    )
    db.conn.execute(FIRST_RECORD_SQL + " WHERE o.rec_date IS NOT NULL")
    settle_occurrences(db.conn)
    db.executescript(
        """
        CREATE INDEX occurrences_settled ON occurrences(plan_id, settles, f_done, f_credit, f_overdue);
        CREATE INDEX occurrences_unsettled ON occurrences(settles, opens, due, until);
        CREATE INDEX occurrences_overdue_for_good ON occurrences(settles) WHERE f_overdue = 1;
        DROP INDEX occurrences_plan_window;
        """
    )


def _m0006_clerk_release(db: sqlite_utils.Database) -> None:
    # The shared schema of this release, frozen here:
    # - takebacks: `undo` appends one row per thing taken back (a record, an inspection or a
    #   rectification step); the original stays, and stops counting everywhere.
    # - records gain the activity's place and people; photos of records, inspections and steps
    #   are evidence files kept once each (by content hash) in the folder beside the database.
    # - rectification_steps: 整改措施 (measure) and 复查 (recheck, passed or not).
    # - template_areas.owner: the person answerable for an area's rectifications.
    # - settings (`civicli config`), plan metrics with their Chinese names, `assumed:` texts,
    #   and `completed_by` on tasks.
    db.executescript(
        """
        CREATE TABLE takebacks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('record', 'inspection', 'step')),
            target_id INTEGER NOT NULL,
            at TEXT NOT NULL, date TEXT NOT NULL, "by" TEXT,
            UNIQUE (kind, target_id)
        );
        ALTER TABLE records ADD COLUMN place TEXT;
        ALTER TABLE records ADD COLUMN people TEXT;
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL UNIQUE,
            original_name TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE photos (
            owner_kind TEXT NOT NULL CHECK (owner_kind IN ('record', 'inspection', 'step')),
            owner_id INTEGER NOT NULL,
            evidence_id INTEGER NOT NULL REFERENCES evidence(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (owner_kind, owner_id, position)
        );
        CREATE TABLE rectification_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
            kind TEXT NOT NULL CHECK (kind IN ('measure', 'recheck')),
            passed INTEGER,
            date TEXT NOT NULL, at TEXT NOT NULL, "by" TEXT, text TEXT
        );
        CREATE INDEX rectification_steps_rectification ON rectification_steps(rectification_id, date, id);
        ALTER TABLE template_areas ADD COLUMN owner TEXT;
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, set_at TEXT NOT NULL);
        CREATE TABLE metrics (
            plan_id TEXT NOT NULL REFERENCES plans(id), metric_id TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (plan_id, metric_id)
        );
        ALTER TABLE plans ADD COLUMN assumed TEXT;
        ALTER TABLE tasks ADD COLUMN assumed TEXT;
        ALTER TABLE tasks ADD COLUMN completed_by TEXT;
        ALTER TABLE targets ADD COLUMN assumed TEXT;
        """
    )


def _m0009_rectification_state(db: sqlite_utils.Database) -> None:
    # Rectification ids are stable for life (they are written on paper): a row is created once,
    # by the inspection that first fails an item in an area, and never deleted. What follows is
    # derived, recomputed in place from the area's inspections and the rectification's steps:
    # - status: open, in_progress (a measure or recheck recorded), closed, or void (its opening
    #   inspection was taken back, or a back-dated inspection merged it into an earlier one);
    # - closed_step: the passing recheck that closed it (closed_by names a closing inspection);
    # - opener: the inspection that opens it now (a back-dated failure may come before opened_by);
    # - repeat_dates: the dates of the failures again (inspections and rechecks) while open;
    # - recheck_fails: the dates of failed rechecks (each sets a new due date);
    # - started: the date of its first step while open (in_progress from that day).
    db.executescript(
        """
        ALTER TABLE rectifications ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'in_progress', 'closed', 'void'));
        ALTER TABLE rectifications ADD COLUMN closed_step INTEGER;
        ALTER TABLE rectifications ADD COLUMN opener INTEGER;
        ALTER TABLE rectifications ADD COLUMN repeat_dates TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE rectifications ADD COLUMN recheck_fails TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE rectifications ADD COLUMN started TEXT;
        UPDATE rectifications SET
            status = CASE WHEN closed IS NULL THEN 'open' ELSE 'closed' END,
            opener = opened_by,
            repeat_dates = (
                SELECT json_group_array(i.date) FROM inspections i
                JOIN inspection_answers a ON a.inspection_id = i.id
                WHERE i.template_key = rectifications.template_key AND i.area = rectifications.area
                  AND a.item_id = rectifications.item_id AND a.result = 'fail'
                  AND (i.date > rectifications.opened
                       OR (i.date = rectifications.opened AND i.id > rectifications.opened_by))
                  AND (rectifications.closed_by IS NULL OR i.date < rectifications.closed
                       OR (i.date = rectifications.closed AND i.id < rectifications.closed_by))
            );
        CREATE INDEX rectifications_status ON rectifications(status, due);
        """
    )


MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    ("0001_plans", _m0001_plans),
    ("0002_inspections", _m0002_inspections),
    ("0003_bulletins_and_windows", _m0003_bulletins_and_windows),
    ("0004_occurrence_facts", _m0004_occurrence_facts),
    ("0005_settled_occurrences", _m0005_settled_occurrences),
    ("0006_clerk_release", _m0006_clerk_release),
    ("0009_rectification_state", _m0009_rectification_state),
]


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    return [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set=? ORDER BY rowid",
            [MIGRATION_SET],
        )
    ]


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> list[str]:
    """Apply pending migrations; refuse a database made by a newer civicli. Returns those applied."""
    known = [name for name, _ in MIGRATIONS]
    applied = _applied_migrations(conn)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise DatabaseError(ERR["newer_schema"].format(schema=unknown[-1]))
    pending = [name for name in known if name not in applied]
    if stop_before is not None and stop_before in pending:
        pending = pending[: pending.index(stop_before)]
    if not pending:
        return []
    if not applied:
        _check_is_ours(conn)
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    db = Database(conn, execute_plugins=False)
    _retry(lambda: migrations.apply(db, stop_before=stop_before))
    return pending


def _check_is_ours(conn: sqlite3.Connection) -> None:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    foreign = [t for t in tables if t not in (MIGRATIONS_TABLE, "sqlite_sequence")]
    if foreign:
        raise DatabaseError(ERR["foreign_db"])
