"""Numbered, frozen migrations of the civicli schema, and the one function that applies them.

Each migration is a module `mNNNN_name.py` in this package holding its SQL written out (`SQL`),
or an `apply(db)` function when it must look at the database first (0007). A migration never
calls today's code: once released it is never edited, and a later change of the schema or of a
rule is a new migration. Applied migrations are listed by name in `_sqlite_migrations` (the table
sqlite-utils keeps, migration set "civicli"), so databases made by earlier releases are
recognised.

To add a migration: write `mNNNN_what.py` beside the others (a module docstring saying what
and why, then `SQL = \"\"\"...\"\"\"`, or an `apply(db)` function when it must look at the
database first) and append one line to MIGRATIONS:

    ("NNNN_what", frozen("mNNNN_what")),

The module is imported only when its migration runs. `apply(db)` gets a MigrationDb:
`db.executescript(sql)` runs statements in the open transaction, `db.conn` is the sqlite3
connection. Numbers are never reused.

All pending migrations run in ONE transaction taken with BEGIN IMMEDIATE (the write lock)
before deciding what is pending, so processes opening a fresh or just-upgraded database at the
same time never apply one twice: the others wait, then find nothing to do. A database that is
not civicli's is refused before anything in it changes (`classify`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from collections.abc import Callable, Iterator
from typing import NamedTuple

from civicli.errors import DatabaseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
        """A sqlite-utils table on the same connection, for what SQL written out cannot say
        plainly: `transform` rebuilds a table with a changed schema (sqlite-utils 4 does it
        inside the open transaction, with savepoints and deferred foreign keys). sqlite-utils is
        loaded here, by the migration that uses it: a run with nothing to migrate never loads it."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)[table]


Migration = Callable[[MigrationDb], None]


def script(sql: str) -> Migration:
    """A migration that runs a frozen SQL script."""

    def run(db: MigrationDb) -> None:
        db.executescript(sql)

    return run


def frozen(module: str) -> Migration:
    """The migration in module `module` of this package: its `apply(db)`, or else its SQL
    script. The module is imported only when the migration runs: every command opens the
    database, and only an upgrade needs the migrations' text."""

    def run(db: MigrationDb) -> None:
        found = importlib.import_module(f"{__name__}.{module}")
        apply = getattr(found, "apply", None)
        if apply is not None:
            apply(db)
        else:
            script(found.SQL)(db)

    return run


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_plans", frozen("m0001_plans")),
    ("0002_inspections", frozen("m0002_inspections")),
    ("0003_bulletins_and_windows", frozen("m0003_bulletins_and_windows")),
    ("0004_occurrence_facts", frozen("m0004_occurrence_facts")),
    ("0005_settled_occurrences", frozen("m0005_settled_occurrences")),
    ("0006_clerk_release", frozen("m0006_clerk_release")),
    ("0007_settled_occurrences_repair", frozen("m0007_settled_occurrences_repair")),
    ("0008_completion_triggers", frozen("m0008_completion_triggers")),
    ("0009_rectification_state", frozen("m0009_rectification_state")),
    ("0011_plan_honesty", frozen("m0011_plan_honesty")),
    ("0012_load_skips", frozen("m0012_load_skips")),
    ("0013_occurrences_with_facts", frozen("m0013_occurrences_with_facts")),
    ("0014_linked_tasks", frozen("m0014_linked_tasks")),
    ("0015_plan_file_stat", frozen("m0015_plan_file_stat")),
    ("0016_search_text", frozen("m0016_search_text")),
    ("0017_evidence_size_archived_plans", frozen("m0017_evidence_size_archived_plans")),
    ("0018_plan_headcount", frozen("m0018_plan_headcount")),
    ("0019_track_from", frozen("m0019_track_from")),
    ("0020_target_counts", frozen("m0020_target_counts")),
    ("0021_live_views", frozen("m0021_live_views")),
    ("0022_facts_fresh", frozen("m0022_facts_fresh")),
    ("0023_columns_in_words", frozen("m0023_columns_in_words")),
    ("0024_rectification_links", frozen("m0024_rectification_links")),
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


def __getattr__(name: str) -> Any:
    """A migration's module by its name (`migrations.m0008_completion_triggers`), imported on
    first use."""
    if name.startswith("m") and name[1:5].isdigit():
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
