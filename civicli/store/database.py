"""Opening a civicli database: the file decided to be civicli's (or empty), WAL, the pending
migrations (tables), the code's triggers (store/completion.py, re-made when their text
changed), and the write upkeep every Store is given (store/rectifications.py). A first load's
database is made aside and moved into place whole (`build_new`); a dry run compares with an
empty one in memory (`open_empty`).
"""

from __future__ import annotations

import errno
import glob
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

if sys.platform != "win32":
    import fcntl

from civicli.errors import DatabaseError
from civicli.i18n import STORE, os_reason
from civicli.store import migrations
from civicli.store.completion import install_triggers
from civicli.store.connection import (
    Store,
    _retry,
    default_path,
    explain,
    lock_problem,
    read_wait_ms,
    remove_with_journals,
    write_wait_ms,
)
from civicli.store.rectifications import UPKEEP
from civicli.whole_files import put_in_place, sync_file, temp_beside

_T = TypeVar("_T")

_BULK_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'occurrences' AND sql IS NOT NULL"


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating if needed) the database: decide first, reading only, that the file is
    civicli's or empty (another program's SQLite file is refused, left byte for byte as it was);
    then WAL, the busy timeout, foreign keys and the pending migrations."""
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
        conn.isolation_level = "DEFERRED"
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
    return Store(conn, str(target), UPKEEP)


def _connect(target: str, folder: str) -> sqlite3.Connection:
    """A connection to the database file. An existing file in a folder civicli cannot write (a
    backup on a read-only medium, a copy in a read-only folder) is opened read-only: SQLite
    cannot make the `-shm` and `-wal` files a WAL database needs there, so it is read as
    immutable unless a `-wal` with pending changes lies beside it (then read-only, as SQLite can).
    Reading commands then work; a writing one is refused with the read-only message."""
    if os.path.isfile(target) and not os.access(folder, os.W_OK):
        uri = f"file:{quote(os.path.abspath(target))}?mode=ro"
        if not os.path.exists(target + "-wal"):  # nothing can write there: no change can come
            uri += "&immutable=1"
        return sqlite3.connect(uri, uri=True, timeout=read_wait_ms() / 1000, isolation_level=None)
    return sqlite3.connect(target, timeout=read_wait_ms() / 1000, isolation_level=None)


def open_empty() -> Store:
    """A civicli database with nothing in it, in memory: what a dry run compares the files with
    when the database is not made yet (it makes none)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.migrate(conn)
    install_triggers(conn)
    conn.isolation_level = "DEFERRED"
    return Store(conn, ":memory:", UPKEEP)


def build_new(path: str | Path | None, fill: Callable[[Store], _T]) -> _T | None:
    """A database that does not exist yet, made whole aside and moved into place: a private file
    next to it is created, migrated and filled by `fill` with no rollback journal and no syncing
    on each commit (nobody else can see it; on any failure it is removed), then made a WAL
    database, synced to disk and linked to `path` (never over anything). None, with nothing
    made, when `path` exists or appears meanwhile: the caller writes into it as usual.

    The Store handed to `fill` names `path` (its messages name the database the clerk knows)."""

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
        # the occurrences' own indexes (what the readers search by: settled, unsettled) are
        # built once over the filled table, as a bulk load should, not kept up row by row;
        # the load itself looks occurrences up by their key only
        indexes = conn.execute(_BULK_INDEXES).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        result = fill(Store(conn, str(target), UPKEEP))
        conn.execute("PRAGMA temp_store = FILE")  # a large index's sort spills to disk, not RAM
        for _, sql in indexes:
            conn.execute(sql)
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
    if sys.platform == "win32":  # no flock: nothing is ever taken for abandoned either
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
    if sys.platform == "win32":
        return
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
