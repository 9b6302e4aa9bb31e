"""The database's health and copies of it: `check` and `backup`. Nothing here prints.

Evidence (photos) lives in files beside the database (`civicli.db` -> `civicli-files/`); the
places where the database refers to such files are listed once, in EVIDENCE_REFERENCES: add a
line there when a new table refers to evidence files, and `check` looks at them too.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from civicli.errors import DatabaseError
from civicli.i18n import STORE
from civicli.store.connection import Store, remove_with_journals
from civicli.store.migrations import schema_state
from civicli.whole_files import link_new, temp_beside


def evidence_folder(db_path: str | Path) -> Path:
    """The folder of evidence files beside the database: `civicli.db` -> `civicli-files/`."""
    path = Path(db_path)
    return path.with_name(path.stem + "-files")


@dataclass(frozen=True)
class EvidenceReference:
    """A column naming evidence files: `table.column`, each row named by `id_sql` in messages.
    `base`: 'evidence' (relative to the evidence folder) or 'database' (absolute, or relative
    to the database's folder)."""

    table: str
    column: str
    id_sql: str
    base: str


EVIDENCE_REFERENCES: list[EvidenceReference] = [
    EvidenceReference("evidence", "path", "'evidence #' || id", "evidence"),
    EvidenceReference("inspection_photos", "path", "'inspection #' || inspection_id", "database"),
]


@dataclass
class Health:
    """What `check` found: problems (one line each), the schema, how many evidence files."""

    schema: str
    files: int = 0
    problems: list[str] = field(default_factory=list)


def _tables(store: Store) -> set[str]:
    return {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def check(store: Store) -> Health:
    """SQLite's integrity and foreign-key checks, the schema version, the evidence files."""
    state = schema_state(store.conn)
    health = Health(schema=state.applied[-1] if state.applied else "-")
    rows = [line for r in store.conn.execute("PRAGMA integrity_check") for line in str(r[0]).splitlines()]
    if rows != ["ok"]:
        health.problems += [STORE["check_integrity"].format(detail=r) for r in rows]
    for table, rowid, parent, _fk in store.conn.execute("PRAGMA foreign_key_check"):
        health.problems.append(
            STORE["check_integrity"].format(detail=f"{table} row {rowid} refers to a missing {parent} row")
        )
    if state.pending:
        health.problems.append(STORE["check_pending"].format(names=", ".join(state.pending)))
    if state.unknown:
        health.problems.append(STORE["check_unknown"].format(names=", ".join(state.unknown)))
    folder = evidence_folder(store.path)
    tables = _tables(store)
    for ref in EVIDENCE_REFERENCES:
        if ref.table not in tables:
            continue
        for where, name in store.conn.execute(
            f"SELECT {ref.id_sql}, {ref.column} FROM {ref.table} ORDER BY rowid"
        ):
            base = folder if ref.base == "evidence" else Path(store.path).parent
            file = base / str(name)
            health.files += 1
            if not file.is_file():
                health.problems.append(STORE["check_missing_file"].format(file=file, where=where))
    return health


def backup(store: Store, destination: Path) -> int:
    """A consistent copy of the database at `destination` through SQLite's online backup (one
    snapshot, while others go on writing). Never overwrites: an existing destination is refused.
    Written whole or not at all: copied to a temporary file in the destination's folder, then
    linked into place. Returns the copy's size in bytes."""
    if destination.exists() or destination.is_symlink():
        raise DatabaseError(STORE["backup_exists"].format(path=destination))
    tmp: str | None = None
    try:
        tmp = temp_beside(destination, ".tmp")
        target = sqlite3.connect(tmp, isolation_level=None)
        try:
            store.conn.backup(target)  # all pages in one step: one read snapshot of the source
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        size = os.path.getsize(tmp)
        if not link_new(tmp, destination):  # never overwrites
            raise DatabaseError(STORE["backup_exists"].format(path=destination))
        return size
    except OSError as exc:
        raise DatabaseError(
            STORE["backup_failed"].format(path=destination, reason=exc.strerror or exc)
        ) from None
    except sqlite3.Error as exc:
        raise DatabaseError(STORE["backup_failed"].format(path=destination, reason=exc)) from None
    finally:
        if tmp is not None:
            remove_with_journals(tmp)
