"""The SQLite connection, the ground floor of the store: the bounded waits for the lock, what
an SQLite error about the file means, `Store` (queries and the write transaction) and small
shared helpers. Opening a database (migrations, the code's triggers, the write upkeep) is
store/database.py's.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol

from civicli.errors import DatabaseError
from civicli.i18n import STORE, os_reason

# Bounded waits for the lock (SQLite's busy timeout): a reader rarely waits at all (WAL), a
# writer waits for the other writers' short transactions, then gives up with a clear message.
READ_TIMEOUT_MS = 5_000
WRITE_TIMEOUT_MS = 15_000
BUSY_TIMEOUT_MS = WRITE_TIMEOUT_MS  # the longest wait of any command


def write_wait_ms() -> int:
    """How long a writer waits for the lock: CIVICLI_LOCK_WAIT seconds, else WRITE_TIMEOUT_MS."""
    try:
        seconds = float(os.environ.get("CIVICLI_LOCK_WAIT", ""))
    except ValueError:
        return WRITE_TIMEOUT_MS
    return int(seconds * 1000) if 0 <= seconds <= 600 else WRITE_TIMEOUT_MS


def read_wait_ms() -> int:
    """How long a reader waits (rarely at all, with WAL): READ_TIMEOUT_MS, or less."""
    return min(READ_TIMEOUT_MS, write_wait_ms())


FAR_FUTURE = "9999-12-31"

Row = dict[str, "Any"]


# ---------------------------------------------------------------- connection


def _retry(fn: Callable[[], Any], seconds: float | None = None) -> Any:
    """Run fn, retrying for at most `seconds` while SQLite reports the database busy or locked
    without waiting itself (a journal-mode switch)."""
    deadline = time.monotonic() + (write_wait_ms() / 1000 if seconds is None else seconds)
    delay = 0.02
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if lock_problem(exc) != "locked" or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def lock_problem(exc: sqlite3.Error) -> str | None:
    """What an SQLite error says about the database as a file: 'locked' (busy, locked), 'readonly',
    'full' (disk full, file too large), 'io' (disk I/O, cannot open), 'damaged' (corrupt), or
    None (anything else: a bug, to be reported as an internal error)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        if code == 778:  # SQLITE_IOERR_WRITE: no space left, or the file size limit reached
            return "full"
        primary = code & 0xFF
        by_code = {
            5: "locked",
            6: "locked",
            8: "readonly",
            13: "full",
            10: "io",
            14: "io",
            11: "damaged",
            26: "damaged",
        }
        if primary in by_code:
            return by_code[primary]
    message = str(exc).lower()
    for needle, kind in (
        ("locked", "locked"),
        ("busy", "locked"),
        ("readonly", "readonly"),
        ("read-only", "readonly"),
        ("full", "full"),
        ("disk i/o", "io"),
        ("unable to open", "io"),
        ("malformed", "damaged"),
    ):
        if needle in message:
            return kind
    return None


def explain(exc: sqlite3.Error, path: str | Path, *, writing: bool = True) -> DatabaseError | None:
    """The one-line message (as a DatabaseError) for an SQLite error about the database file,
    naming it and what to do; None when the error is not about the file (a bug)."""
    kind = lock_problem(exc)
    if kind is None:
        return None
    seconds = round((write_wait_ms() if writing else read_wait_ms()) / 1000)
    return DatabaseError(STORE[kind].format(path=path, reason=os_reason(exc), seconds=seconds))


class Upkeep(Protocol):
    """State derived in Python that every write transaction brings up to date before it commits:
    `mark` notes where things stand when the transaction begins, `bring_up_to_date` recomputes
    what changed since. store/database.py gives every Store it opens the rectifications' upkeep
    (store/rectifications.py); the facts of occurrences are SQLite's own triggers, not this."""

    def mark(self, store: Store) -> Any: ...

    def bring_up_to_date(self, store: Store, mark: Any) -> None: ...


class Store:
    """An open civicli database."""

    def __init__(self, conn: sqlite3.Connection, path: str, upkeep: Upkeep | None = None):
        self.conn = conn
        self.path = path
        self.upkeep = upkeep

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One short write transaction, taken with BEGIN IMMEDIATE: waits for the other writers
        at most write_wait_ms() (then "database is locked"). Everything read inside it is
        current: decide there what to write. Before it commits, the store's upkeep brings the
        state derived in Python up to date (the rectifications of every area whose inspections
        or steps it recorded or took back); the facts of occurrences are SQLite's own."""
        self.conn.execute(f"PRAGMA busy_timeout = {write_wait_ms()}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {read_wait_ms()}")
        try:
            mark = self.upkeep.mark(self) if self.upkeep is not None else None
            yield self
            if self.upkeep is not None:
                self.upkeep.bring_up_to_date(self, mark)
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

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
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base, "civicli", "civicli.db")


def remove_with_journals(path: str) -> None:
    """A database file removed with its journals, whichever exist."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(OSError):
            os.unlink(path + suffix)


def now_stamp() -> str:
    """The moment something is recorded, local time with offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
