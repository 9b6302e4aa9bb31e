"""Numbered, frozen migrations of the civicli schema, and the one function that applies them.

Each migration is a module `mNNNN_name.py` in this package holding its SQL written out (`SQL`),
or an `apply(db)` function when it must look at the database first (0007). A migration never
calls today's code: once released it is never edited, and a later change of the schema or of a
rule is a new migration. Applied migrations are listed by name in `_sqlite_migrations` (the table
sqlite-utils keeps, migration set "civicli"), so databases made by earlier releases are
recognised.

To add a migration: write `mNNNN_what.py` beside the others (a module docstring saying what
and why, then `SQL = \"\"\"...\"\"\"`), import it below and append one line to MIGRATIONS:

    ("NNNN_what", script(mNNNN_what.SQL)),

An entry is (name, callable taking a MigrationDb); `db.executescript(sql)` runs statements in
the open transaction, `db.conn` is the sqlite3 connection, so a function written for the
former single-module layout (`def _m0008_x(db): db.executescript(...)`) moves here unchanged:
put it in its module and append ("0008_x", m0008_x.apply). Numbers are never reused.

All pending migrations run in ONE transaction taken with BEGIN IMMEDIATE (the write lock)
before deciding what is pending, so processes opening a fresh or just-upgraded database at the
same time never apply one twice: the others wait, then find nothing to do. A database that is
not civicli's is refused before anything in it changes (`classify`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from civicli.errors import DatabaseError
from civicli.store.migrations import (
    m0001_plans,
    m0002_inspections,
    m0003_bulletins_and_windows,
    m0004_occurrence_facts,
    m0005_settled_occurrences,
    m0006_clerk_release,
    m0007_settled_occurrences_repair,
    m0008_completion_triggers,
    m0009_rectification_state,
    m0011_plan_honesty,
    m0012_load_skips,
)


class NotCivicli(DatabaseError):
    """The file is another program's SQLite database."""


class NewerSchema(DatabaseError):
    """The database was written by a newer civicli (a migration this one does not know)."""

    def __init__(self, schema: str):
        super().__init__(schema)
        self.schema = schema


MIGRATION_SET = "civicli"
MIGRATIONS_TABLE = "_sqlite_migrations"

# The table as sqlite-utils creates it (databases of earlier releases have exactly this).
_MIGRATIONS_TABLE_SQL = f"""
CREATE TABLE IF NOT EXISTS "{MIGRATIONS_TABLE}" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "idx_{MIGRATIONS_TABLE}_migration_set_name"
    ON "{MIGRATIONS_TABLE}" ("migration_set", "name");
"""


def statements(sql: str) -> Iterator[str]:
    """The statements of an SQL script, one by one (triggers and quoted ';' kept whole)."""
    buf = ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\r\n;"):
                yield buf.strip()
            buf = ""
    if buf[:-1].strip():
        yield buf[:-1].strip()  # incomplete: let SQLite say what is wrong


class MigrationDb:
    """What a migration gets: the connection, inside the migrations' transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def executescript(self, sql: str) -> None:
        """Run every statement of `sql` in the open transaction (sqlite3's own executescript
        would commit first)."""
        for statement in statements(sql):
            self.conn.execute(statement)

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def __getitem__(self, table: str) -> Any:
        """A sqlite-utils table on the same connection (for migrations written against
        sqlite-utils: `db["t"].add_column(...)`). Prefer SQL written out; avoid `transform`,
        whose own transaction handling would end this one."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)[table]


Migration = Callable[[MigrationDb], None]


def script(sql: str) -> Migration:
    """A migration that runs a frozen SQL script."""

    def run(db: MigrationDb) -> None:
        db.executescript(sql)

    return run


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_plans", script(m0001_plans.SQL)),
    ("0002_inspections", script(m0002_inspections.SQL)),
    ("0003_bulletins_and_windows", script(m0003_bulletins_and_windows.SQL)),
    ("0004_occurrence_facts", script(m0004_occurrence_facts.SQL)),
    ("0005_settled_occurrences", script(m0005_settled_occurrences.SQL)),
    ("0006_clerk_release", script(m0006_clerk_release.SQL)),
    ("0007_settled_occurrences_repair", m0007_settled_occurrences_repair.apply),
    ("0008_completion_triggers", m0008_completion_triggers.apply),
    ("0009_rectification_state", script(m0009_rectification_state.SQL)),
    ("0011_plan_honesty", script(m0011_plan_honesty.SQL)),
    ("0012_load_skips", script(m0012_load_skips.SQL)),
]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the civicli migrations applied to the database, in the order applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    return [
        r[0]
        for r in conn.execute(
            f'SELECT name FROM "{MIGRATIONS_TABLE}" WHERE migration_set = ? ORDER BY rowid', [MIGRATION_SET]
        )
    ]


def classify(conn: sqlite3.Connection) -> str:
    """'empty' (no tables: a new database), 'civicli' (civicli's migrations applied) or 'foreign'
    (another application's tables). Reads only."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if not tables:
        return "empty"
    if applied_migrations(conn):
        return "civicli"
    if MIGRATIONS_TABLE in tables:
        others = conn.execute(
            f'SELECT COUNT(*) FROM "{MIGRATIONS_TABLE}" WHERE migration_set IS NOT ?', [MIGRATION_SET]
        ).fetchone()[0]
        if others:
            return "foreign"  # another program's migrations
    if [t for t in tables if t not in (MIGRATIONS_TABLE, "sqlite_sequence")]:
        return "foreign"
    return "empty"


class SchemaState(NamedTuple):
    """Where a database stands: migrations applied, those still to apply, unknown ones."""

    applied: list[str]
    pending: list[str]
    unknown: list[str]


def schema_state(conn: sqlite3.Connection) -> SchemaState:
    known = [name for name, _ in MIGRATIONS]
    applied = applied_migrations(conn)
    return SchemaState(
        applied=applied,
        pending=[n for n in known if n not in applied],
        unknown=[n for n in applied if n not in known],
    )


def _pending(conn: sqlite3.Connection, stop_before: str | None) -> list[str]:
    state = schema_state(conn)
    if state.unknown:
        raise NewerSchema(state.unknown[-1])
    pending = state.pending
    if stop_before is not None and stop_before in pending:
        pending = pending[: pending.index(stop_before)]
    return pending


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> list[str]:
    """Apply the pending migrations (all of them, or those before `stop_before`) in one
    transaction under the write lock; refuse a database of a newer civicli or of another
    program. `conn` must be in autocommit mode (isolation_level None). Returns those applied."""
    if not _pending(conn, stop_before):  # the usual case: a read, no lock
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        if classify(conn) == "foreign":
            raise NotCivicli()
        pending = _pending(conn, stop_before)  # again, now that no one else can write
        if pending:
            db = MigrationDb(conn)
            db.executescript(_MIGRATIONS_TABLE_SQL)
            steps = dict(MIGRATIONS)
            for name in pending:
                steps[name](db)
                conn.execute(
                    f'INSERT INTO "{MIGRATIONS_TABLE}" (migration_set, name, applied_at) VALUES (?, ?, ?)',
                    [MIGRATION_SET, name, str(dt.datetime.now(dt.timezone.utc))],
                )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return pending
