"""Plan files before they are parsed: finding them (files and folders), reading their bytes
safely, and telling which were loaded already, unchanged (by what the file system says of them,
else by the sha256 of their bytes).

Nothing here parses YAML: telling unchanged files apart needs only this module, not the parser.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from civicli import limits
from civicli.errors import PlanFileError, Problem
from civicli.i18n import ERR, PLANFILE, file_kind, os_reason

StrPath = str | os.PathLike[str]
_P = TypeVar("_P", bound=StrPath)

PLAN_SUFFIXES = (".yaml", ".yml")


def _msg(template: str, **fields: object) -> str:
    text: str = PLANFILE[template]
    return text.format(**fields)


def _missing(path: str, exc: OSError) -> Problem:
    """Why `path` could not be opened: a dangling link, a link loop, absent, or unreadable."""
    file = str(path)
    if exc.errno == errno.ELOOP:
        return Problem(file, None, "", ERR["link_loop"])
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return Problem(file, None, "", ERR["dangling_link"].format(target=os.readlink(path)))
    if exc.errno == errno.ENOENT:
        return Problem(file, None, "", _msg("no_such_path"))
    return Problem(file, None, "", _msg("cannot_read", error=os_reason(exc)))


def _read_plan_bytes(path: StrPath) -> tuple[bytes | None, Problem | None, str | None]:
    """The bytes of a plan file, or why not; with its file_stat when they can be trusted to
    stand for those bytes (`file_stat`). Only a regular file of at most MAX_PLAN_BYTES is read:
    the kind and size are checked before reading (a FIFO, a device, a folder named x.yaml is
    never read, so never hangs), on the opened file itself, opened without blocking."""
    file = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            return None, Problem(file, None, "", ERR["not_regular"].format(kind=ERR["kind_folder"])), None
        return None, _missing(file, exc), None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = file_kind(info.st_mode)
            return None, Problem(file, None, "", ERR["not_regular"].format(kind=kind)), None
        too_big = Problem(
            file, None, "", ERR["file_too_big"].format(size=info.st_size, limit=limits.MAX_PLAN_BYTES)
        )
        if info.st_size > limits.MAX_PLAN_BYTES:
            return None, too_big, None
        chunks: list[bytes] = []
        size = 0
        while size <= limits.MAX_PLAN_BYTES:  # the file may grow while it is read
            chunk = os.read(fd, limits.MAX_PLAN_BYTES + 1 - size)
            if not chunk:
                return b"".join(chunks), None, _settled_stat(info, os.fstat(fd))
            chunks.append(chunk)
            size += len(chunk)
        return None, too_big, None
    except OSError as exc:
        return None, Problem(file, None, "", _msg("cannot_read", error=os_reason(exc))), None
    finally:
        os.close(fd)


SETTLED_NS = 3_000_000_000
"""A file changed this recently (by its ctime) gets no file_stat: a second change within the
same tick of the file system's clock (coarse on some, two seconds on FAT) would leave the same
stat for other bytes."""


def file_stat(info: os.stat_result) -> str:
    """What a re-load compares to tell a file unchanged without reading it: its device, inode,
    size, and modification and change times. A write changes the ctime, and nothing sets it
    back; a file replaced by another has another inode."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def _settled_stat(before: os.stat_result, after: os.stat_result) -> str | None:
    """The file_stat of bytes read between `before` and `after` (fstat of the open file), when
    it stands for them: unchanged while they were read, and last changed SETTLED_NS ago."""
    if file_stat(before) != file_stat(after) or time.time_ns() - after.st_ctime_ns < SETTLED_NS:
        return None
    return file_stat(after)


def _walk(folder: str, problems: list[Problem]) -> list[str]:
    """Every entry named *.yaml / *.yml below `folder` (hidden names skipped), whatever it is: a
    folder, a FIFO or a dangling link so named is listed, to be refused by name when read.
    Symbolic links to folders are followed once (a loop is not followed again); a folder that
    cannot be read is reported. Paths as `str(Path(...))` writes them, in the order of Path objects."""
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in visited:
                continue
            visited.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            problems.append(_unreadable(current, exc))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.name if current == "." else entry.path
            if os.path.splitext(entry.name)[1].lower() in PLAN_SUFFIXES:
                found.append(path)
                continue
            try:
                is_dir = entry.is_dir()  # follows a link
            except OSError:
                is_dir = False
            if is_dir:
                pending.append(path)
    return sorted(found, key=Path)


def real_path(file: StrPath, folders: dict[str, str]) -> str:
    """str(file.resolve()): the file's path with every link resolved. A file that is not itself a
    link is its resolved folder (worked out once per folder, in `folders`) and its name: a
    hundred files of one folder cost a hundred lstat calls, not one per path component each."""
    folder, name = os.path.split(os.fspath(file))
    if name in ("", ".", "..") or os.path.islink(file):
        return os.path.realpath(file)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder or ".")
    return os.path.join(folders[folder], name)


def _unreadable(folder: str, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem(folder, None, "", ERR["link_loop"])
    return Problem(folder, None, "", ERR["unreadable"].format(reason=os_reason(exc)))


def _discover(paths: Sequence[StrPath]) -> tuple[list[str], list[Problem]]:
    """`discover`'s files, as `str(Path(...))` writes them, and its problems."""
    files: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    folders: dict[str, str] = {}

    def add(file: str) -> None:
        key = real_path(file, folders)
        if key not in seen:
            seen.add(key)
            files.append(file)

    for given in paths:
        path = str(Path(given))
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ELOOP):
                problems.append(_missing(path, exc))
                continue
            is_dir = False
            if not os.path.lexists(path):
                problems.append(Problem(path, None, "", _msg("no_such_path")))
                continue
        if is_dir:
            before = len(problems)
            found = _walk(path, problems)
            if not found and len(problems) == before:
                problems.append(Problem(path, None, "", _msg("no_plan_files")))
            for f in found:
                add(f)
        else:  # a file, or something that is not one: refused by name when read
            add(path)
    return files, problems


def discover(paths: Sequence[StrPath]) -> list[Path]:
    """The plan files named by PATHs: each a file, or a folder (every *.yaml / *.yml below it,
    recursively, sorted; hidden files and folders skipped). A file named twice is listed once.
    Raises PlanFileError naming every missing path and every folder without plan files."""
    files, problems = _discover(paths)
    if problems:
        raise PlanFileError(problems)
    return [Path(f) for f in files]


class Loaded(NamedTuple):
    """What was loaded from a plan file (store.loaded.loaded_sources): the sha256 of its bytes,
    its plan's id, and its file_stat then (None: not to be trusted)."""

    sha256: str
    plan_id: str
    file_stat: str | None


class Unchanged(NamedTuple):
    """A plan file skipped by `load_changed_plans`: its bytes are what was loaded from it.
    `file_stat`: its file_stat now, when it differs from the one stored (read and hashed this
    time; store.load.note_file_stats keeps it for the next re-load), else None."""

    source: str
    plan_id: str
    file_stat: str | None = None


def split_unchanged(
    files: Sequence[_P], loaded: Mapping[str, Loaded]
) -> tuple[list[Unchanged], list[tuple[_P, bytes | None, str | None]], list[str]]:
    """Which of `files` were loaded already: a file whose resolved path is in `loaded` is
    Unchanged when its file_stat is the one stored, or else when the sha256 of its bytes is.
    Returns (those, the others with their bytes and file_stat when read, every file's resolved
    path in file order)."""
    skipped: list[Unchanged] = []
    changed: list[tuple[_P, bytes | None, str | None]] = []
    order: list[str] = []
    folders: dict[str, str] = {}
    for file in files:
        source = real_path(file, folders)
        order.append(source)
        known = loaded.get(source)
        if known is None:
            changed.append((file, None, None))
            continue
        if known.file_stat is not None and _stat_now(file) == known.file_stat:
            skipped.append(Unchanged(source, known.plan_id))
            continue
        raw, _, stat_now = _read_plan_bytes(file)
        if raw is not None and _sha256(raw) == known.sha256:
            fresh = stat_now if stat_now != known.file_stat else None
            skipped.append(Unchanged(source, known.plan_id, fresh))
        else:
            changed.append((file, raw, stat_now))
    return skipped, changed, order


def _stat_now(file: StrPath) -> str | None:
    try:
        return file_stat(os.stat(file))
    except OSError:
        return None


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
