"""The SQLite connection: opening (WAL, busy timeout), the write transaction, shared helpers.

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
from civicli.i18n import ERR

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 15_000
FAR_FUTURE = "9999-12-31"

Row = dict[str, Any]


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
        from civicli.store.migrations import migrate

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
