"""Writing an output file (`summary --output`, `export --output`): whole or not at all, onto a
regular file or a new path only, never overwriting one without being told.

The document is written to a temporary file in the target's folder, flushed to disk, then put
in place in one step: a reader sees no file (or the old one) or the whole new one, never a
part, and nothing is left behind on failure. An `--output` that is a symbolic link is written
through to its target (the link stays); a FIFO, a device, a folder or any other non-regular
file is refused before anything is written (as root, `--output /dev/full` must not replace the
device with a file).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from civicli.errors import InvalidInput
from civicli.i18n import ERR, file_kind
from civicli.whole_files import link_new, new_file_mode, sync_folder


def target_of(path: Path, *, force: bool) -> Path:
    """The file that writing `path` will create or replace (a symlink's target), checked: a
    non-regular file is refused, an existing one too unless `force`."""
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise InvalidInput(
                ERR["output_failed"].format(path=path, reason=os.strerror(errno.ENOENT))
            ) from None
        return target
    except OSError as exc:  # a link loop, a folder that cannot be searched
        raise InvalidInput(ERR["output_failed"].format(path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput(ERR["output_not_regular"].format(path=path, kind=file_kind(st.st_mode)))
    if not force:
        raise InvalidInput(ERR["output_exists"].format(path=path))
    return target


def check_output(path: Path, *, force: bool) -> None:
    """Refuse, before any work is done, an output path that `write_whole` would refuse."""
    target_of(path, force=force)


def write_whole(path: Path, fill: Callable[[Path], None] | bytes, *, force: bool) -> Path:
    """Create `path` (or, with `force`, replace it) with `fill`'s bytes, or with what `fill`
    writes into the temporary file it is given. Returns the file written (a symlink's target).
    An existing file keeps its permissions; a new one gets the usual ones (0666 less the umask)."""
    target = target_of(path, force=force)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        if isinstance(fill, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(fill)
        else:
            os.close(fd)
            fill(Path(tmp))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        if force:
            os.replace(tmp, target)
            sync_folder(target.parent)
        elif not link_new(tmp, target):  # a file made meanwhile is not replaced
            raise InvalidInput(ERR["output_exists"].format(path=path))
    except OSError as exc:
        raise InvalidInput(ERR["output_failed"].format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else the usual ones for a new file (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return new_file_mode()
