"""Numbered, append-only migrations of the civicli schema (applied through sqlite-utils)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from civicli.errors import DatabaseError
from civicli.i18n import ERR
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


# The SQL of migrations 0004 and 0005 as it was when they were applied, frozen here (the rules
# have moved on since: migration 0008 and store/completion.py).
_RECORD_FACTS_0004 = """
UPDATE occurrences AS o SET
  rec_date = (SELECT MAX(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key),
  l_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND x.status IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  l_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND x.percent IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  d_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1),
  d_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1)
"""
_FIRST_RECORD_0005 = """
UPDATE occurrences AS o SET
  rec_first = (SELECT MIN(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key)
"""
_AREAS_0005 = """
UPDATE occurrences AS o SET
  a_total = (SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = (SELECT t.plan_id || '/' ||
             t.inspection_id FROM tasks t WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL)),
  a_done = (SELECT COUNT(DISTINCT i.area) FROM inspections i
              JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
             WHERE i.template_key = (SELECT t.plan_id || '/' || t.inspection_id FROM tasks t
                                      WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL)
               AND i.date >= o.opens AND i.date <= o.due)
"""
_SETTLE_0005 = """
UPDATE occurrences AS o SET
  settles = CASE
    WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = o.task_key AND t.archived_at IS NULL) THEN '9999-12-31'
    WHEN (o.d_status IS 'done' OR o.d_percent IS 100) AND o.a_total = 0 THEN o.rec_date
    ELSE MAX(COALESCE(o.rec_date, ''), date(o.due, '+1 day'),
             CASE WHEN o.until = '9999-12-31' THEN '' ELSE o.until END) END,
  f_done = (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)),
  f_credit = CASE WHEN (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total))
                  THEN 1.0 WHEN o.until <> '9999-12-31' THEN 0.0
                  ELSE MAX(COALESCE(o.l_percent, 0) / 100.0,
                           CASE WHEN o.a_total > 0 THEN o.a_done * 1.0 / o.a_total ELSE 0.0 END) END,
  f_overdue = NOT (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total))
              AND o.until = '9999-12-31'
"""


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
        _RECORD_FACTS_0004
        + " WHERE o.key IN (SELECT occurrence FROM records r WHERE r.task_key = o.task_key)"
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
    db.conn.execute(_FIRST_RECORD_0005 + " WHERE o.rec_date IS NOT NULL")
    db.conn.execute(
        _AREAS_0005 + " WHERE o.a_total > 0 OR EXISTS (SELECT 1 FROM tasks t "
        "WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL)"
    )
    db.conn.execute(_SETTLE_0005)
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


def _m0008_completion_triggers(db: sqlite_utils.Database) -> None:
    # The facts cached on occurrence rows (store/completion.py reads them) are kept by SQLite
    # itself from here on: no writer has to remember them. Writing any value to
    # occurrences.refresh recomputes that row — its records' facts (records taken back do not
    # count), the areas of its linked template inspected in its window (inspections taken back
    # do not count), then when it settles and how it counts from then on (completion.py). Every
    # change that can alter them writes `refresh` on the rows concerned: a new occurrence, a
    # record, an inspection, a taking-back, a task archived, restored or linked to a template, a
    # template's areas. Finally every existing row is recomputed under these rules.
    # And `journal`: the order of recording across tables, for `undo`.
    # The recomputation of one row (NEW), the body of two triggers.
    facts = """          UPDATE occurrences SET
            (rec_first, rec_date) = (
              SELECT MIN(x.date), MAX(x.date) FROM records x
               WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key
                 AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)),
            l_status = (
              SELECT x.status FROM records x
               WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key AND x.status IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)
               ORDER BY x.id DESC LIMIT 1),
            l_percent = (
              SELECT x.percent FROM records x
               WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key AND x.percent IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)
               ORDER BY x.id DESC LIMIT 1),
            (d_status, d_percent) = (
              SELECT x.status, x.percent FROM records x
               WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key
                 AND (x.status IS NOT NULL OR x.percent IS NOT NULL)
                 AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)
               ORDER BY x.id DESC LIMIT 1),
            a_total = (
              SELECT COUNT(*) FROM tasks t
                JOIN template_areas ta ON ta.template_key = t.plan_id || '/' || t.inspection_id
               WHERE t.key = NEW.task_key),
            a_done = (
              SELECT COUNT(DISTINCT i.area) FROM tasks t
                JOIN inspections i ON i.template_key = t.plan_id || '/' || t.inspection_id
                JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
               WHERE t.key = NEW.task_key AND i.date >= NEW.opens AND i.date <= NEW.due
                 AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'inspection' AND k.target_id = i.id))
          WHERE rowid = NEW.rowid;
          UPDATE occurrences SET
            settles = CASE
              WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = NEW.task_key AND t.archived_at IS NULL)
                THEN '9999-12-31'
              WHEN (d_status IS 'done' OR d_percent IS 100) AND a_total = 0 THEN rec_date
              ELSE MAX(COALESCE(rec_date, ''), date(due, '+1 day'),
                       CASE WHEN until = '9999-12-31' THEN '' ELSE until END) END,
            f_done = (d_status IS 'done' OR d_percent IS 100 OR (a_total > 0 AND a_done >= a_total)),
            f_credit = CASE WHEN (d_status IS 'done' OR d_percent IS 100 OR (a_total > 0 AND a_done >= a_total))
                              THEN 1.0
                            WHEN until <> '9999-12-31' THEN 0.0
                            ELSE MAX(COALESCE(l_percent, 0) / 100.0,
                                     CASE WHEN a_total > 0 THEN a_done * 1.0 / a_total ELSE 0.0 END) END,
            f_overdue = NOT (d_status IS 'done' OR d_percent IS 100 OR (a_total > 0 AND a_done >= a_total))
                        AND until = '9999-12-31'
          WHERE rowid = NEW.rowid;
"""
    db.executescript(
        f"""
        ALTER TABLE occurrences ADD COLUMN refresh INTEGER NOT NULL DEFAULT 0;

        CREATE TRIGGER occurrence_facts AFTER UPDATE OF refresh ON occurrences BEGIN
          {facts}
        END;
        CREATE TRIGGER occurrence_added AFTER INSERT ON occurrences
        WHEN EXISTS (SELECT 1 FROM records WHERE task_key = NEW.task_key AND occurrence = NEW.key)
          OR EXISTS (SELECT 1 FROM tasks WHERE key = NEW.task_key AND inspection_id IS NOT NULL) BEGIN
          {facts}
        END;
        -- the bulk of a load: a new occurrence with no records, of a task without `inspection:` —
        -- what the two statements above give it, in one (tests/test_settled.py checks they agree)
        CREATE TRIGGER occurrence_added_fresh AFTER INSERT ON occurrences
        WHEN NOT EXISTS (SELECT 1 FROM records WHERE task_key = NEW.task_key AND occurrence = NEW.key)
          AND NOT EXISTS (SELECT 1 FROM tasks WHERE key = NEW.task_key AND inspection_id IS NOT NULL) BEGIN
          UPDATE occurrences SET
            rec_first = NULL, rec_date = NULL, l_status = NULL, l_percent = NULL, d_status = NULL,
            d_percent = NULL, a_total = 0, a_done = 0, f_done = 0, f_credit = 0.0,
            settles = CASE
              WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = NEW.task_key AND t.archived_at IS NULL)
                THEN '9999-12-31'
              ELSE MAX(date(NEW.due, '+1 day'), CASE WHEN NEW.until = '9999-12-31' THEN '' ELSE NEW.until END) END,
            f_overdue = NEW.until = '9999-12-31'
          WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER occurrence_moved AFTER UPDATE OF opens, due, until ON occurrences BEGIN
          UPDATE occurrences SET refresh = 1 WHERE rowid = NEW.rowid;
        END;

        CREATE TRIGGER record_added AFTER INSERT ON records BEGIN
          UPDATE occurrences SET refresh = 1 WHERE task_key = NEW.task_key AND key = NEW.occurrence;
        END;
        CREATE TRIGGER record_changed AFTER UPDATE ON records BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE (task_key = OLD.task_key AND key = OLD.occurrence) OR (task_key = NEW.task_key AND key = NEW.occurrence);
        END;
        CREATE TRIGGER record_removed AFTER DELETE ON records BEGIN
          UPDATE occurrences SET refresh = 1 WHERE task_key = OLD.task_key AND key = OLD.occurrence;
        END;

        CREATE TRIGGER inspection_added AFTER INSERT ON inspections BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT key FROM tasks WHERE plan_id = NEW.plan_id AND inspection_id = NEW.template_id)
             AND opens <= NEW.date AND due >= NEW.date;
        END;
        CREATE TRIGGER inspection_changed AFTER UPDATE OF template_key, area, date ON inspections BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE (task_key IN (SELECT key FROM tasks WHERE plan_id = OLD.plan_id AND inspection_id = OLD.template_id)
                  AND opens <= OLD.date AND due >= OLD.date)
              OR (task_key IN (SELECT key FROM tasks WHERE plan_id = NEW.plan_id AND inspection_id = NEW.template_id)
                  AND opens <= NEW.date AND due >= NEW.date);
        END;
        CREATE TRIGGER inspection_removed AFTER DELETE ON inspections BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT key FROM tasks WHERE plan_id = OLD.plan_id AND inspection_id = OLD.template_id)
             AND opens <= OLD.date AND due >= OLD.date;
        END;

        CREATE TRIGGER takeback_added AFTER INSERT ON takebacks BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE NEW.kind = 'record'
             AND task_key = (SELECT task_key FROM records WHERE id = NEW.target_id)
             AND key = (SELECT occurrence FROM records WHERE id = NEW.target_id);
          UPDATE occurrences SET refresh = 1
           WHERE NEW.kind = 'inspection'
             AND task_key IN (SELECT t.key FROM inspections i JOIN tasks t ON t.plan_id = i.plan_id
                               AND t.inspection_id = i.template_id WHERE i.id = NEW.target_id)
             AND opens <= (SELECT date FROM inspections WHERE id = NEW.target_id)
             AND due >= (SELECT date FROM inspections WHERE id = NEW.target_id);
        END;
        CREATE TRIGGER takeback_removed AFTER DELETE ON takebacks BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE OLD.kind = 'record'
             AND task_key = (SELECT task_key FROM records WHERE id = OLD.target_id)
             AND key = (SELECT occurrence FROM records WHERE id = OLD.target_id);
          UPDATE occurrences SET refresh = 1
           WHERE OLD.kind = 'inspection'
             AND task_key IN (SELECT t.key FROM inspections i JOIN tasks t ON t.plan_id = i.plan_id
                               AND t.inspection_id = i.template_id WHERE i.id = OLD.target_id)
             AND opens <= (SELECT date FROM inspections WHERE id = OLD.target_id)
             AND due >= (SELECT date FROM inspections WHERE id = OLD.target_id);
        END;

        CREATE TRIGGER task_changed AFTER UPDATE OF archived_at, inspection_id, plan_id ON tasks
        WHEN OLD.archived_at IS NOT NEW.archived_at OR OLD.inspection_id IS NOT NEW.inspection_id
          OR OLD.plan_id IS NOT NEW.plan_id BEGIN
          UPDATE occurrences SET refresh = 1 WHERE task_key = NEW.key;
        END;

        CREATE TRIGGER template_area_added AFTER INSERT ON template_areas BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                               AND t.inspection_id = tp.template_id WHERE tp.key = NEW.template_key);
        END;
        CREATE TRIGGER template_area_changed AFTER UPDATE OF template_key, area ON template_areas BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                               AND t.inspection_id = tp.template_id WHERE tp.key IN (OLD.template_key, NEW.template_key));
        END;
        CREATE TRIGGER template_area_removed AFTER DELETE ON template_areas BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                               AND t.inspection_id = tp.template_id WHERE tp.key = OLD.template_key);
        END;

        UPDATE occurrences SET refresh = 1;

        -- The order in which things were recorded, across records, inspections and rectification
        -- steps: `undo` walks back along it (the `at` stamps are to the second only). Filled by
        -- SQLite on each insert; rows recorded before this migration are entered in `at` order.
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('record', 'inspection', 'step')),
            target_id INTEGER NOT NULL,
            UNIQUE (kind, target_id)
        );
        INSERT INTO journal (kind, target_id)
        SELECT kind, id FROM (
            SELECT 'record' AS kind, id, at FROM records
            UNION ALL SELECT 'inspection', id, at FROM inspections
            UNION ALL SELECT 'step', id, at FROM rectification_steps)
        ORDER BY at, CASE kind WHEN 'record' THEN 0 WHEN 'inspection' THEN 1 ELSE 2 END, id;
        CREATE TRIGGER journal_record AFTER INSERT ON records BEGIN
          INSERT INTO journal (kind, target_id) VALUES ('record', NEW.id);
        END;
        CREATE TRIGGER journal_inspection AFTER INSERT ON inspections BEGIN
          INSERT INTO journal (kind, target_id) VALUES ('inspection', NEW.id);
        END;
        CREATE TRIGGER journal_step AFTER INSERT ON rectification_steps BEGIN
          INSERT INTO journal (kind, target_id) VALUES ('step', NEW.id);
        END;
        """
    )


MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    ("0001_plans", _m0001_plans),
    ("0002_inspections", _m0002_inspections),
    ("0003_bulletins_and_windows", _m0003_bulletins_and_windows),
    ("0004_occurrence_facts", _m0004_occurrence_facts),
    ("0005_settled_occurrences", _m0005_settled_occurrences),
    ("0006_clerk_release", _m0006_clerk_release),
    ("0008_completion_triggers", _m0008_completion_triggers),
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
