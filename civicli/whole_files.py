"""Files written whole: made under a hidden name in the destination's folder, synced to disk,
then put in place in one step, never over anything there, and the folder synced. A reader sees
no file or the whole file; nothing is left behind on failure (the caller removes the hidden
file, which is gone already where it was renamed into place).

Used for the database a first load makes (store/connection.py), a backup (store/health.py) and
every document written with --output (output/files.py).
"""

from __future__ import annotations

import errno
import os
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
    import tempfile

    folder = destination.parent if str(destination.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{destination.name}.", suffix=suffix)
    os.close(fd)
    os.chmod(tmp, new_file_mode())
    return tmp


def link_new(tmp: str, destination: Path) -> bool:
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
