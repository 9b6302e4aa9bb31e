"""Files written whole — the one way civicli writes a file: made under a hidden name in the
destination's folder (`temp_beside`, or `locked_temp` while it is being filled), filled
(`write_all`), synced to disk (`sync_file`), then put at its name in one step (`put_in_place`:
never over anything there unless replacing was asked for) and the folder synced. A reader sees
no file or the whole file; nothing is left behind on failure (the caller removes the hidden
file, which is gone already where it was put in place).

Used for the database a first load makes (store/connection.py), a backup (store/health.py),
every document written with --output (output/files.py) and every photo kept as evidence
(store/evidence.py).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import stat
import tempfile
from contextlib import suppress
from pathlib import Path


def new_file_mode() -> int:
    """The permissions a new file gets: 0666 less the umask (mkstemp's are a private 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def temp_beside(destination: Path, suffix: str) -> str:
    """A new, empty, hidden file in destination's folder (to be linked into place), with the
    permissions of any new file (not mkstemp's private 0600)."""
    folder = destination.parent if str(destination.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{destination.name}.", suffix=suffix)
    os.close(fd)
    os.chmod(tmp, new_file_mode())
    return tmp


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to the open file `fd` (os.write may take less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def sync_file(path: str | Path) -> None:
    """Make a finished file's content durable before it is put in place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put_in_place(tmp: str, destination: Path, *, replace: bool = False) -> bool:
    """A finished (synced) file put at `destination` in one step, and the folder synced: over
    what is there only when `replace` is asked for. False, with nothing changed, when something
    is there already and not to be replaced. The caller then removes `tmp` (gone already where
    it was renamed)."""
    if not replace:
        return _link_new(tmp, destination)
    os.replace(tmp, destination)
    sync_folder(destination.parent if str(destination.parent) else Path("."))
    return True


def _link_new(tmp: str, destination: Path) -> bool:
    """A finished file put at `destination` only if nothing is there: hard-linked (the link
    fails if something is), or renamed on a file system without hard links; the folder synced.
    False, with nothing changed, when something is there already. The caller then removes
    `tmp` (gone already where it was renamed)."""
    try:
        os.link(tmp, destination)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if destination.exists() or destination.is_symlink():
            return False
        os.rename(tmp, destination)
    sync_folder(destination.parent if str(destination.parent) else Path("."))
    return True


def sync_folder(folder: Path) -> None:
    """Make a new name in `folder` durable (POSIX; a no-op where folders cannot be opened)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---------------------------------------------------------------- temporaries held while in use


def locked_temp(folder: str | Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new temporary file in `folder`, open and locked (flock) for as long as this process
    keeps the descriptor: one whose maker died (kill -9) is unlocked, and `remove_stale` can tell
    it from one in use. Returns (fd, path); the caller closes fd and removes or renames path."""
    while True:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits only while a cleaner looks at it
            if os.stat(tmp).st_ino == os.fstat(fd).st_ino:
                os.fchmod(fd, new_file_mode())
                return fd, tmp
        except FileNotFoundError:  # a cleaner took it for stale before the lock: another one
            pass
        except BaseException:
            os.close(fd)
            with suppress(OSError):
                os.unlink(tmp)
            raise
        os.close(fd)


def remove_stale(folder: str | Path, prefix: str, suffix: str = ".tmp") -> int:
    """Remove the temporaries `locked_temp` made in `folder` (names `prefix…suffix`) whose makers
    are gone (nothing holds their lock), and the `….parts…` folders beside them whose temporary
    is gone. Those in use are left alone. Returns how many were removed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    removed = 0
    for name in names:
        if not name.startswith(prefix) or not name.endswith(suffix):
            continue
        path = os.path.join(folder, name)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # held: in use
                continue
            with suppress(OSError):
                os.unlink(path)
                removed += 1
        finally:
            os.close(fd)
    for name in names:
        base, sep, _ = name.rpartition(".parts")
        if (
            sep
            and name.startswith(prefix)
            and base.endswith(suffix)
            and not os.path.lexists(os.path.join(folder, base))
        ):
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
            removed += 1
    return removed


class signals_held:
    """Hold Ctrl-C, SIGTERM and SIGHUP for a few statements that must not be cut in two (a
    temporary made and noted for removal; a file renamed into place and noted): a signal that
    arrives meanwhile is delivered when the block ends."""

    def __enter__(self) -> None:
        self._before = signal.pthread_sigmask(
            signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
        )

    def __exit__(self, *exc: object) -> None:
        signal.pthread_sigmask(signal.SIG_SETMASK, self._before)
