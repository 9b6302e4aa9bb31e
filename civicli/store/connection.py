"""The SQLite connection: opening (WAL, busy timeout), the write transaction, shared helpers.

Opening is cheap: a plain sqlite3 connection (migrations are plain SQL). sqlite-utils (slower
to import) is loaded only when something is written through it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from civicli.errors import DatabaseError

if TYPE_CHECKING:
    import sqlite_utils

    _T = TypeVar("_T")

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
    from civicli.i18n import STORE, os_reason

    kind = lock_problem(exc)
    if kind is None:
        return None
    seconds = round((write_wait_ms() if writing else read_wait_ms()) / 1000)
    return DatabaseError(STORE[kind].format(path=path, reason=os_reason(exc), seconds=seconds))


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
        """One short write transaction, taken with BEGIN IMMEDIATE: waits for the other writers
        at most write_wait_ms() (then "database is locked"). Everything read inside it is
        current: decide there what to write. Before it commits, the rectifications of every
        area whose inspections or steps it recorded or took back are recomputed
        (store/rectifications.py); the facts of occurrences are SQLite's own (completion.py)."""
        from civicli.store.rectifications import rebuild_touched, recorded_so_far

        self.conn.execute(f"PRAGMA busy_timeout = {write_wait_ms()}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {read_wait_ms()}")
        try:
            since = recorded_so_far(self)
            yield self
            # derived state kept in Python: the rectifications of every area touched
            rebuild_touched(self, since)
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


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating if needed) the database: decide first, reading only, that the file is
    civicli's or empty (another program's SQLite file is refused, left byte for byte as it was);
    then WAL, the busy timeout, foreign keys and the pending migrations."""
    from civicli.i18n import STORE, os_reason
    from civicli.store import migrations
    from civicli.store.completion import install_triggers

    target = str(Path(path) if path else default_path())
    try:
        folder = os.path.dirname(target) or "."
        if not os.path.exists(folder):
            os.makedirs(folder, exist_ok=True)
        conn = _connect(target, folder)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(STORE["cannot_open"].format(path=target, reason=os_reason(exc))) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {read_wait_ms()}")
        if migrations.classify(conn) == "foreign":
            raise migrations.NotCivicli()
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute(f"PRAGMA busy_timeout = {write_wait_ms()}")
            try:
                _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            except sqlite3.OperationalError as exc:
                if lock_problem(exc) != "readonly":
                    raise
                # a read-only file (a backup on read-only media): read it as it is
        conn.execute(f"PRAGMA busy_timeout = {write_wait_ms()}")
        migrations.migrate(conn)
        install_triggers(conn)
        conn.execute(f"PRAGMA busy_timeout = {read_wait_ms()}")
        conn.isolation_level = "DEFERRED"  # sqlite-utils expects default transaction handling
    except migrations.NotCivicli:
        conn.close()
        raise DatabaseError(STORE["foreign"].format(path=target)) from None
    except migrations.NewerSchema as exc:
        conn.close()
        raise DatabaseError(STORE["newer"].format(path=target, schema=exc.schema)) from None
    except sqlite3.OperationalError as exc:
        conn.close()
        known = explain(exc, target)
        if known is None:
            raise
        raise known from exc
    except sqlite3.DatabaseError as exc:  # not a database at all, or damaged
        conn.close()
        key = "damaged" if "malformed" in str(exc) else "not_database"
        raise DatabaseError(STORE[key].format(path=target, reason=os_reason(exc))) from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, str(target))


def _connect(target: str, folder: str) -> sqlite3.Connection:
    """A connection to the database file. An existing file in a folder civicli cannot write (a
    backup on a read-only medium, a copy in a read-only folder) is opened read-only: SQLite
    cannot make the `-shm` and `-wal` files a WAL database needs there, so it is read as
    immutable unless a `-wal` with pending changes lies beside it (then read-only, as SQLite can).
    Reading commands then work; a writing one is refused with the read-only message."""
    if os.path.isfile(target) and not os.access(folder, os.W_OK):
        from urllib.parse import quote

        uri = f"file:{quote(os.path.abspath(target))}?mode=ro"
        if not os.path.exists(target + "-wal"):  # nothing can write there: no change can come
            uri += "&immutable=1"
        return sqlite3.connect(uri, uri=True, timeout=read_wait_ms() / 1000, isolation_level=None)
    return sqlite3.connect(target, timeout=read_wait_ms() / 1000, isolation_level=None)


def open_empty() -> Store:
    """A civicli database with nothing in it, in memory: what a dry run compares the files with
    when the database is not made yet (it makes none)."""
    from civicli.store import migrations
    from civicli.store.completion import install_triggers

    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.migrate(conn)
    install_triggers(conn)
    conn.isolation_level = "DEFERRED"
    return Store(conn, ":memory:")


def build_new(path: str | Path | None, fill: Callable[[Store], _T]) -> _T | None:
    """A database that does not exist yet, made whole aside and moved into place: a private file
    next to it is created, migrated and filled by `fill` with no rollback journal and no syncing
    on each commit (nobody else can see it; on any failure it is removed), then made a WAL
    database, synced to disk and linked to `path` (never over anything). None, with nothing
    made, when `path` exists or appears meanwhile: the caller writes into it as usual.

    The Store handed to `fill` names `path` (its messages name the database the clerk knows)."""
    from pathlib import Path

    from civicli.i18n import STORE, os_reason
    from civicli.store import migrations
    from civicli.store.completion import install_triggers
    from civicli.whole_files import put_in_place, sync_file, temp_beside

    target = Path(path) if path else default_path()
    if target.exists() or target.is_symlink():
        return None
    tmp: str | None = None
    conn: sqlite3.Connection | None = None
    held: int | None = None
    made = _missing_folders(target.parent)
    landed = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(target)
        tmp = temp_beside(target, _BUILDING)
        held = _hold(tmp)
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        # the foreign keys checked once, whole, when it is filled: a check per row inserted was
        # a sixth of a first load (its keys have no ON DELETE or ON UPDATE actions to miss)
        conn.execute("PRAGMA foreign_keys = OFF")
        migrations.migrate(conn)
        install_triggers(conn)
        conn.isolation_level = "DEFERRED"
        result = fill(Store(conn, str(target)))
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")  # as a check per row says it
        conn.execute("PRAGMA journal_mode = WAL")  # kept in the file: as open_store would make it
        conn.close()
        conn = None
        sync_file(tmp)
        if not put_in_place(tmp, target):
            return None
        landed = True
        _remove_abandoned(target)  # one a load killed a moment ago left, found too young before
        return result
    except sqlite3.Error as exc:
        known = explain(exc, target)
        if known is None:
            raise
        raise known from exc
    except OSError as exc:
        key = "full" if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else "cannot_open"
        reason = os_reason(exc)
        raise DatabaseError(STORE[key].format(path=target, reason=reason)) from exc
    finally:
        if conn is not None:
            conn.close()
        if tmp is not None:
            remove_with_journals(tmp)
        if held is not None:
            os.close(held)
        if not landed:  # the folders made for it go too, if nothing else came into them
            for folder in made:
                with suppress(OSError):
                    folder.rmdir()


def _missing_folders(folder: Path) -> list[Path]:
    """The folders of this path that do not exist yet, innermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


_BUILDING = ".building"
"""The suffix of a database being made aside (build_new): .NAME.RANDOM.building"""


def _hold(path: str) -> int | None:
    """An open descriptor holding an exclusive lock (flock) on the file being built, so that
    no other civicli takes it for abandoned while this one lives; None where there is no flock."""
    try:
        import fcntl
    except ImportError:  # not POSIX: nothing is ever taken for abandoned either
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _remove_abandoned(target: Path) -> None:
    """Databases made aside for `target` by a civicli that was killed before it could remove
    its own (SIGKILL, a power cut): locked by nobody, and not made in the last two seconds (a
    living load takes its lock the moment after it makes its file)."""
    try:
        import fcntl
    except ImportError:
        return
    import glob
    from pathlib import Path

    folder = target.parent if str(target.parent) else Path(".")
    for found in folder.glob(f".{glob.escape(target.name)}.*{_BUILDING}"):
        try:
            if time.time() - found.stat().st_mtime < 2:
                continue
            fd = os.open(found, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            remove_with_journals(str(found))
        except OSError:  # held: another civicli is still making it
            pass
        finally:
            os.close(fd)


def remove_with_journals(path: str) -> None:
    """A database file removed with its journals, whichever exist."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(OSError):
            os.unlink(path + suffix)


def now_stamp() -> str:
    """The moment something is recorded, local time with offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
