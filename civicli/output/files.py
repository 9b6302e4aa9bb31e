"""Writing an output file (`summary --output`, `export --output`): whole or not at all, onto a
regular file or a new path only.

`write_whole` writes a temporary file in the target's folder, flushes it to disk and renames it
over the target: a reader sees the old file or the whole new one, never a part, and nothing is
left behind on failure. A symbolic link is written through (its target is replaced, the link
stays); a FIFO, a device, a folder or any other non-regular file is refused before anything is
written (as root, `--output /dev/full` must not replace the device with a file).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from civicli.errors import InvalidInput
from civicli.i18n import ERR


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return str(ERR["kind_folder"])
    if stat.S_ISFIFO(mode):
        return str(ERR["kind_fifo"])
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return str(ERR["kind_device"])
    if stat.S_ISSOCK(mode):
        return str(ERR["kind_socket"])
    return str(ERR["kind_other"])


def output_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """Where writing `path` lands (a symbolic link followed to its target) and what is there now
    (None for a new file). Raises InvalidInput for anything but a regular file or a new path."""
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real, None
    except OSError as exc:  # a link loop, a folder that cannot be searched
        raise InvalidInput(ERR["output_failed"].format(path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(ERR["output_not_regular"].format(path=path, kind=_kind(info.st_mode)))
    return real, info


def check_output(path: Path, *, force: bool) -> None:
    """Refuse, before any work is done, an output path that `write_whole` would refuse."""
    _, existing = output_target(path)
    if existing is not None and not force:
        raise InvalidInput(ERR["output_exists"].format(path=path))


def write_whole(path: Path, data: bytes, *, force: bool) -> Path:
    """Write `data` to `path` whole or not at all; returns the file written (a link's target).

    An existing file is replaced only with `force` (its permissions kept); a new one gets the
    usual permissions (0666 less the umask)."""
    target, existing = output_target(path)
    if existing is not None and not force:
        raise InvalidInput(ERR["output_exists"].format(path=path))
    folder = target.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, existing.st_mode & 0o7777 if existing is not None else _new_file_mode())
        os.replace(tmp, target)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise InvalidInput(ERR["output_failed"].format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
