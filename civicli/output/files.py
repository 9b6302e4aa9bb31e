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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from civicli.errors import InvalidInput, UsageError
from civicli.i18n import ERR, file_kind, os_reason
from civicli.whole_files import (
    locked_temp,
    new_file_mode,
    put_in_place,
    remove_stale,
    signals_held,
    write_all,
)

# The formats an output file's extension names (cli.md, "--output FILE").
FORMAT_OF_EXTENSION: dict[str, str] = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
    ".ics": "ics",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def output_format(path: str | Path | None, given: str | None, writable: Sequence[str], default: str) -> str:
    """The format to write: `--format` when given, else the one FILE's extension names, else
    `default`. A `--format` that contradicts the extension, or an extension naming a format this
    command cannot write, is wrong usage (exit 2)."""
    suffix = os.path.splitext(str(path))[1].lower() if path is not None and str(path) != "-" else ""
    named = FORMAT_OF_EXTENSION.get(suffix)
    if (named is not None and named not in writable) or (suffix and named is None and given is None):
        raise UsageError(
            ERR["output_format_unwritable"].format(path=path, ext=suffix, known="、".join(writable))
        )
    if given is not None:
        if named is not None and named != given:
            raise UsageError(ERR["output_format_contradicts"].format(path=path, ext=suffix, format=given))
        return given
    return named or default


@dataclass(frozen=True)
class Protected:
    """What no `--output` may write onto, even with --force: the database with its `-wal`,
    `-shm` and `-journal`, anything inside its evidence folder, and every loaded plan file."""

    database: str
    evidence: str
    plan_files: Collection[str] = ()

    def refuse(self, path: str | Path) -> None:
        """Raise (exit 1, naming what FILE is) when writing `path` would land on one of these."""
        real = os.path.realpath(path)
        key = None
        database = os.path.realpath(self.database)
        if real in {database + s for s in ("", "-wal", "-shm", "-journal")}:
            key = "output_is_database"
        elif os.path.commonpath([real, os.path.realpath(self.evidence)]) == os.path.realpath(self.evidence):
            key = "output_in_evidence"
        elif real in {os.path.realpath(p) for p in self.plan_files}:
            key = "output_is_plan"
        else:  # another name (a hard link) for a protected file
            key = self._same_file(real)
        if key is not None:
            raise InvalidInput(ERR[key].format(path=path, db=self.database, folder=self.evidence))

    def _same_file(self, real: str) -> str | None:
        try:
            st = os.stat(real)
        except OSError:
            return None
        for key, others in (
            ("output_is_database", [self.database + s for s in ("", "-wal", "-shm", "-journal")]),
            ("output_is_plan", list(self.plan_files)),
        ):
            for other in others:
                try:
                    o = os.stat(other)
                except OSError:
                    continue
                if (o.st_dev, o.st_ino) == (st.st_dev, st.st_ino):
                    return key
        return None


def target_of(path: Path, *, force: bool, protected: Protected) -> Path:
    """The file that writing `path` will create or replace (a symlink's target), checked: a
    protected file is refused first (whatever `force` says), a non-regular file too, an
    existing one unless `force`."""
    protected.refuse(path)
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise InvalidInput(
                ERR["output_failed"].format(
                    path=path, reason=os_reason(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
                )
            ) from None
        return target
    except OSError as exc:  # a link loop, a folder that cannot be searched
        raise InvalidInput(ERR["output_failed"].format(path=path, reason=os_reason(exc))) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput(ERR["output_not_regular"].format(path=path, kind=file_kind(st.st_mode)))
    if not force:
        raise InvalidInput(ERR["output_exists"].format(path=path))
    return target


def check_output(path: Path, *, force: bool, protected: Protected) -> None:
    """Refuse, before any work is done, an output path that `write_whole` would refuse."""
    target_of(path, force=force, protected=protected)


def plan_output(
    path: str | Path | None,
    given: str | None,
    writable: Sequence[str],
    default: str,
    *,
    force: bool,
    protected: Protected,
) -> str:
    """Check an `--output` before any work is done and return the format to write: the file
    first (a protected file whatever the extension or --format says, then one that is not a
    regular file, or that exists without --force: exit 1), then the format (a contradiction or an
    extension the command cannot write: exit 2). `path` None or `-` is stdout: only the format."""
    if path is not None and str(path) != "-":
        check_output(Path(str(path)), force=force, protected=protected)
    chosen = output_format(path, given, writable, default)
    return chosen


def write_whole(
    path: Path, fill: Callable[[Path], None] | bytes, *, force: bool, protected: Protected
) -> Path:
    """Create `path` (or, with `force`, replace it) with `fill`'s bytes, or with what `fill`
    writes into the temporary file it is given. Returns the file written (a symlink's target).
    An existing file keeps its permissions; a new one gets the usual ones (0666 less the umask)."""
    target = target_of(path, force=force, protected=protected)
    tmp: str | None = None
    fd = -1
    try:
        # the temporary beside the target, locked while this process writes it: one left by a
        # process killed before it finished (kill -9) is removed by the next write here
        prefix = f".{target.name}."
        remove_stale(target.parent, prefix, ".tmp")
        with signals_held():  # made and noted for removal in one step
            fd, tmp = locked_temp(target.parent, prefix, ".tmp")
        if isinstance(fill, bytes):
            write_all(fd, fill)
        else:
            fill(Path(tmp))
        os.fsync(fd)
        os.chmod(tmp, _mode_for(target))
        if not put_in_place(tmp, target, replace=force):  # a file made meanwhile is not replaced
            raise InvalidInput(ERR["output_exists"].format(path=path))
    except OSError as exc:
        raise InvalidInput(ERR["output_failed"].format(path=path, reason=os_reason(exc))) from None
    finally:  # on any failure (Ctrl-C, SIGTERM included) nothing is left behind
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
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
