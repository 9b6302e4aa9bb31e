"""Plan files before they are parsed: finding them (files and folders), reading their bytes
safely, and telling which were loaded already, unchanged (by the sha256 of their bytes).

Nothing here parses YAML: a re-load of unchanged files (and the start of every load) needs only
this module, not the parser.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from civicli import limits
from civicli.errors import PlanFileError, Problem
from civicli.i18n import ERR, PLANFILE, file_kind

PLAN_SUFFIXES = (".yaml", ".yml")


def _msg(template: str, **fields: object) -> str:
    text: str = PLANFILE[template]
    return text.format(**fields)


def _missing(path: Path, exc: OSError) -> Problem:
    """Why `path` could not be opened: a dangling link, a link loop, absent, or unreadable."""
    file = str(path)
    if exc.errno == errno.ELOOP:
        return Problem(file, None, "", ERR["link_loop"])
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return Problem(file, None, "", ERR["dangling_link"].format(target=os.readlink(path)))
    if exc.errno == errno.ENOENT:
        return Problem(file, None, "", _msg("no_such_path"))
    return Problem(file, None, "", _msg("cannot_read", error=exc.strerror or exc))


def _read_plan_bytes(path: Path) -> tuple[bytes | None, Problem | None]:
    """The bytes of a plan file, or why not. Only a regular file of at most MAX_PLAN_BYTES is
    read: the kind and size are checked before reading (a FIFO, a device, a folder named x.yaml
    is never read, so never hangs), on the opened file itself, opened without blocking."""
    file = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            return None, Problem(file, None, "", ERR["not_regular"].format(kind=ERR["kind_folder"]))
        return None, _missing(path, exc)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(file, None, "", ERR["not_regular"].format(kind=file_kind(info.st_mode)))
        too_big = Problem(
            file, None, "", ERR["file_too_big"].format(size=info.st_size, limit=limits.MAX_PLAN_BYTES)
        )
        if info.st_size > limits.MAX_PLAN_BYTES:
            return None, too_big
        chunks: list[bytes] = []
        size = 0
        while size <= limits.MAX_PLAN_BYTES:  # the file may grow while it is read
            chunk = os.read(fd, limits.MAX_PLAN_BYTES + 1 - size)
            if not chunk:
                return b"".join(chunks), None
            chunks.append(chunk)
            size += len(chunk)
        return None, too_big
    except OSError as exc:
        return None, Problem(file, None, "", _msg("cannot_read", error=exc.strerror or exc))
    finally:
        os.close(fd)


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """Every entry named *.yaml / *.yml below `folder` (hidden names skipped), whatever it is: a
    folder, a FIFO or a dangling link so named is listed, to be refused by name when read.
    Symbolic links to folders are followed once (a loop is not followed again); a folder that
    cannot be read is reported."""
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = current.stat()
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
            path = Path(entry.path)
            if path.suffix.lower() in PLAN_SUFFIXES:
                found.append(path)
                continue
            try:
                is_dir = entry.is_dir()  # follows a link
            except OSError:
                is_dir = False
            if is_dir:
                pending.append(path)
    return sorted(found)


def real_path(file: Path, folders: dict[str, str]) -> str:
    """str(file.resolve()): the file's path with every link resolved. A file that is not itself a
    link is its resolved folder (worked out once per folder, in `folders`) and its name: a
    hundred files of one folder cost a hundred lstat calls, not one per path component each."""
    folder, name = os.path.split(os.fspath(file))
    if name in ("", ".", "..") or os.path.islink(file):
        return os.path.realpath(file)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder or ".")
    return os.path.join(folders[folder], name)


def _unreadable(folder: Path, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem(str(folder), None, "", ERR["link_loop"])
    return Problem(str(folder), None, "", ERR["unreadable"].format(reason=exc.strerror or exc))


def _discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    folders: dict[str, str] = {}

    def add(file: Path) -> None:
        key = real_path(file, folders)
        if key not in seen:
            seen.add(key)
            files.append(file)

    for given in paths:
        path = Path(given)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ELOOP):
                problems.append(_missing(path, exc))
                continue
            is_dir = False
            if not os.path.lexists(path):
                problems.append(Problem(str(path), None, "", _msg("no_such_path")))
                continue
        if is_dir:
            before = len(problems)
            found = _walk(path, problems)
            if not found and len(problems) == before:
                problems.append(Problem(str(path), None, "", _msg("no_plan_files")))
            for f in found:
                add(f)
        else:  # a file, or something that is not one: refused by name when read
            add(path)
    return files, problems


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """The plan files named by PATHs: each a file, or a folder (every *.yaml / *.yml below it,
    recursively, sorted; hidden files and folders skipped). A file named twice is listed once.
    Raises PlanFileError naming every missing path and every folder without plan files."""
    files, problems = _discover(paths)
    if problems:
        raise PlanFileError(problems)
    return files


class Unchanged(NamedTuple):
    """A plan file skipped by `load_changed_plans`: its bytes are what was loaded from it."""

    source: str
    plan_id: str


def split_unchanged(
    files: Sequence[Path], loaded: Mapping[str, tuple[str, str]]
) -> tuple[list[Unchanged], list[tuple[Path, bytes | None]], list[str]]:
    """Which of `files` were loaded already: a file whose resolved path is in `loaded` ({source:
    (sha256, plan id)}) with the same sha256 of its bytes is Unchanged. Returns (those, the
    others with their bytes when read, every file's resolved path in file order)."""
    skipped: list[Unchanged] = []
    changed: list[tuple[Path, bytes | None]] = []
    order: list[str] = []
    folders: dict[str, str] = {}
    for file in files:
        source = real_path(file, folders)
        order.append(source)
        known = loaded.get(source)
        raw, _ = _read_plan_bytes(file) if known is not None else (None, None)
        if known is not None and raw is not None and hashlib.sha256(raw).hexdigest() == known[0]:
            skipped.append(Unchanged(source, known[1]))
        else:
            changed.append((file, raw))
    return skipped, changed, order
