"""The database's health and copies of it: `check` and `backup`. Nothing here prints.

Evidence (photos) lives in files beside the database (`civicli.db` -> `civicli-files/`), each
named by one `evidence` row with its SHA-256 and size; databases made before inspection photos
were copied name some by absolute path (`inspection_photos`). `check` looks at both.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from civicli.errors import DatabaseError
from civicli.i18n import RELY, STORE, TERM, os_reason
from civicli.store.connection import Store, remove_with_journals
from civicli.store.evidence import TEMP_PREFIX, file_intact
from civicli.store.migrations import schema_state
from civicli.whole_files import put_in_place, sync_file, temp_beside


def evidence_folder(db_path: str | Path) -> Path:
    """The folder of evidence files beside the database: `civicli.db` -> `civicli-files/`."""
    path = Path(db_path)
    return path.with_name(path.stem + "-files")


@dataclass
class Health:
    """What `check` found: problems (one line each), the schema, how many evidence files, and
    notes that are not problems (evidence files no record uses)."""

    schema: str
    files: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
            STORE["check_integrity"].format(
                detail=TERM["fk_missing"].format(table=table, row=rowid, parent=parent)
            )
        )
    if state.pending:
        health.problems.append(STORE["check_pending"].format(names=", ".join(state.pending)))
    if state.unknown:
        health.problems.append(STORE["check_unknown"].format(names=", ".join(state.unknown)))
    tables = _tables(store)
    if "evidence" in tables:
        _check_evidence(store, health)
    if "inspection_photos" in tables:  # databases made before inspection photos were copied
        base = Path(store.path).parent
        for inspection_id, name in store.conn.execute(
            "SELECT inspection_id, path FROM inspection_photos ORDER BY rowid"
        ):
            health.files += 1
            file = base / str(name)
            if not file.is_file():
                where = RELY["user_inspection"].format(id=inspection_id)
                health.problems.append(STORE["check_missing_file"].format(file=file, where=where))
    return health


def _users(store: Store) -> dict[int, list[str]]:
    """Evidence id → the records, inspections and rectification steps that use it, in words."""
    out: dict[int, list[str]] = {}
    for kind, owner, evidence_id, task, rect in store.conn.execute(
        "SELECT p.owner_kind, p.owner_id, p.evidence_id, r.task_key, s.rectification_id FROM photos p "
        "LEFT JOIN records r ON p.owner_kind = 'record' AND r.id = p.owner_id "
        "LEFT JOIN rectification_steps s ON p.owner_kind = 'step' AND s.id = p.owner_id "
        "ORDER BY p.evidence_id, p.owner_kind, p.owner_id"
    ):
        if kind == "record":
            text = RELY["user_record"].format(id=owner, task=task or "?")
        elif kind == "inspection":
            text = RELY["user_inspection"].format(id=owner)
        else:
            text = RELY["user_step"].format(id=owner, rectification=rect if rect is not None else "?")
        out.setdefault(int(evidence_id), []).append(text)
    return out


def _check_evidence(store: Store, health: Health) -> None:
    """Every evidence file present, of the size and SHA-256 recorded when it was stored; a
    missing or damaged one named with the records that use it. Files in the evidence folder no
    record uses (a copy left by a process killed before its record was written) are noted."""
    folder = evidence_folder(store.path)
    users = _users(store)
    has_size = any(c[1] == "size" for c in store.conn.execute("PRAGMA table_info(evidence)"))
    size_sql = "size" if has_size else "NULL"
    used: set[str] = set()
    sep = RELY["users_sep"]
    for evidence_id, name, sha256, size in store.conn.execute(
        f"SELECT id, path, sha256, {size_sql} FROM evidence ORDER BY id"
    ):
        health.files += 1
        file = folder / str(name)
        mine = users.get(int(evidence_id), [])
        if mine:
            used.add(str(name))
        where = sep.join(mine) or RELY["user_none"].format(id=evidence_id)
        if not file.is_file():
            health.problems.append(STORE["check_missing_file"].format(file=file, where=where))
        elif not file_intact(file, str(sha256), size):
            health.problems.append(RELY["check_damaged_file"].format(file=file, where=where))
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    unused = [folder / n for n in names if n not in used]
    if unused:
        stale = [f for f in unused if f.name.startswith(TEMP_PREFIX)]
        health.notes.append(
            RELY["check_unused"].format(n=len(unused), files=sep.join(str(f) for f in unused))
            + (RELY["check_unused_temps"].format(n=len(stale)) if stale else "")
        )


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
        sync_file(tmp)
        size = os.path.getsize(tmp)
        if not put_in_place(tmp, destination):  # never overwrites
            raise DatabaseError(STORE["backup_exists"].format(path=destination))
        return size
    except OSError as exc:
        raise DatabaseError(STORE["backup_failed"].format(path=destination, reason=os_reason(exc))) from None
    except sqlite3.Error as exc:
        raise DatabaseError(STORE["backup_failed"].format(path=destination, reason=os_reason(exc))) from None
    finally:
        if tmp is not None:
            remove_with_journals(tmp)
