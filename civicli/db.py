"""The SQLite store: connection, numbered append-only migrations, writes and queries.

Opening is cheap: a plain sqlite3 connection. sqlite-utils (slower to import) is loaded only
when something is written or a migration is pending.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicli.errors import DatabaseError
from civicli.texts import ERR

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 15_000
MIGRATION_SET = "civicli"
MIGRATIONS_TABLE = "_sqlite_migrations"
FAR_FUTURE = "9999-12-31"

Row = dict[str, Any]


# ---------------------------------------------------------------- migrations


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
# searching the records. Kept current by refresh_occurrence_facts() in the transaction that
# writes records or occurrences.
RECORD_FACTS_SQL = """
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


# When an occurrence "settles": the first day from which its part in the plan's completion no
# longer changes with the day asked about — all its records are dated by then, it is past due
# (so every inspection in its window is too), and it is done (from its last record or its
# areas), missed (from `until`) or overdue for good (never missed). From that day on it counts
# as f_done / f_credit / f_overdue, so completion and the overdue list read those stored values
# and derive only the unsettled occurrences. An archived task's occurrences never settle
# (FAR_FUTURE). a_done / a_total: the areas of the linked template inspected in the window, of
# how many (0 / 0 for a task without `inspection:`).
_TEMPLATE_OF = ("(SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = o.task_key "
                "AND t.inspection_id IS NOT NULL)")
AREAS_SQL = f"""
UPDATE occurrences AS o SET
  a_total = (SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = {_TEMPLATE_OF}),
  a_done = (SELECT COUNT(DISTINCT i.area) FROM inspections i
              JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
             WHERE i.template_key = {_TEMPLATE_OF} AND i.date >= o.opens AND i.date <= o.due)
"""
_DONE = "(o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total))"
SETTLE_SQL = f"""
UPDATE occurrences AS o SET
  settles = CASE
    WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = o.task_key AND t.archived_at IS NULL) THEN '{FAR_FUTURE}'
    WHEN (o.d_status IS 'done' OR o.d_percent IS 100) AND o.a_total = 0 THEN o.rec_date
    ELSE MAX(COALESCE(o.rec_date, ''), date(o.due, '+1 day'),
             CASE WHEN o.until = '{FAR_FUTURE}' THEN '' ELSE o.until END) END,
  f_done = {_DONE},
  f_credit = CASE WHEN {_DONE} THEN 1.0 WHEN o.until <> '{FAR_FUTURE}' THEN 0.0
                  ELSE MAX(COALESCE(o.l_percent, 0) / 100.0,
                           CASE WHEN o.a_total > 0 THEN o.a_done * 1.0 / o.a_total ELSE 0.0 END) END,
  f_overdue = NOT {_DONE} AND o.until = '{FAR_FUTURE}'
"""


def fresh_settled_values(due: str, until: str) -> Row:
    """What SETTLE_SQL gives an occurrence with no records, of an active task with no
    `inspection:` — so that a load can write new occurrences settled, without a pass over them:
    missed (credit 0) from `until`, or overdue for good from the day after `due`."""
    day_after_due = (dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat()
    if until == FAR_FUTURE:
        return {"settles": day_after_due, "f_done": 0, "f_credit": 0.0, "f_overdue": 1}
    return {"settles": max(until, day_after_due), "f_done": 0, "f_credit": 0.0, "f_overdue": 0}


# The day of the occurrence's first record (by date): whether it has a record as of a day.
FIRST_RECORD_SQL = """
UPDATE occurrences AS o SET
  rec_first = (SELECT MIN(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key)
"""


def refresh_occurrence_facts(conn: sqlite3.Connection, where: str = "1",
                             params: Sequence[Any] | dict[str, Any] = ()) -> None:
    """Recompute the record facts and the settled values of the occurrences matching `where`
    (SQL over o.)."""
    conn.execute(RECORD_FACTS_SQL + f" WHERE {where}", params)
    conn.execute(FIRST_RECORD_SQL + f" WHERE {where}", params)
    settle_occurrences(conn, where, params)


def settle_occurrences(conn: sqlite3.Connection, where: str = "1",
                       params: Sequence[Any] | dict[str, Any] = ()) -> None:
    """Recompute the areas inspected and the settled values of the occurrences matching `where`
    (SQL over o.): after their records, their task or template, or inspections in their window
    changed."""
    conn.execute(AREAS_SQL + f" WHERE ({where}) AND (o.a_total > 0 OR EXISTS (SELECT 1 FROM tasks t "
                 "WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL))", params)
    conn.execute(SETTLE_SQL + f" WHERE {where}", params)


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
    db.conn.execute(RECORD_FACTS_SQL + " WHERE o.key IN (SELECT occurrence FROM records r WHERE r.task_key = o.task_key)")


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


MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    ("0001_plans", _m0001_plans),
    ("0002_inspections", _m0002_inspections),
    ("0003_bulletins_and_windows", _m0003_bulletins_and_windows),
    ("0004_occurrence_facts", _m0004_occurrence_facts),
    ("0005_settled_occurrences", _m0005_settled_occurrences),
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


# ---------------------------------------------------------------- connection


def _retry(fn: Callable[[], Any], attempts: int = 8) -> Any:
    """Run fn, retrying when SQLite reports the database busy or locked."""
    delay = 0.05
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if ("locked" not in message and "busy" not in message) or attempt == attempts - 1:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    return None  # pragma: no cover


class Store:
    """An open civicli database."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path
        self._su: sqlite_utils.Database | None = None

    @property
    def su(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the same connection (imported on first use)."""
        if self._su is None:
            from sqlite_utils import Database

            self._su = Database(self.conn, execute_plugins=False)
        return self._su

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One short write transaction, taken with BEGIN IMMEDIATE (waits for other writers)."""
        _retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            _retry(lambda: self.conn.execute("COMMIT"))

    def close(self) -> None:
        self.conn.close()


def rows_by_ref(store: Store, table: str, id_column: str, ref: str, *, active: bool) -> list[Row]:
    """Rows of `table` (tasks, templates) named by `PLAN_ID/ID` (its key) or by a short id.

    A short id matching several rows keeps only the live (not archived) ones when that leaves one,
    or when `active`; the caller decides what none or several mean.
    """
    if "/" in ref:
        return store.query(f"SELECT * FROM {table} WHERE key = ?", [ref])
    rows = store.query(f"SELECT * FROM {table} WHERE {id_column} = ? ORDER BY key", [ref])
    live = [r for r in rows if r["archived_at"] is None]
    return live if len(live) == 1 or (live and active) else rows


def default_path() -> Path:
    """The default database: $XDG_DATA_HOME/civicli/civicli.db (~/.local/share/... if unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "civicli" / "civicli.db"


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating if needed) the database, with WAL, a busy timeout and foreign keys."""
    target = Path(path) if path else default_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(ERR["cannot_open"].format(path=target, reason=exc)) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        conn.isolation_level = "DEFERRED"  # sqlite-utils expects default transaction handling
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(ERR["not_usable"].format(path=target, reason=exc)) from exc
    except DatabaseError as exc:
        conn.close()
        raise DatabaseError(ERR["in_db"].format(path=target, reason=exc)) from exc
    return Store(conn, str(target))


def now_stamp() -> str:
    """The moment something is recorded, local time with offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
