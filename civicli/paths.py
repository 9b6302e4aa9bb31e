"""A path as `pathlib` would write it, without importing `pathlib`.

A re-load of unchanged files finds the plan files and opens the database with text paths: in an
installed civicli, importing `pathlib` (with `urllib.parse` and `ipaddress` behind it) would be
a tenth of that command's time. tests/test_startup.py checks `as_typed` against pathlib.
"""

from __future__ import annotations

import os


def as_typed(given: str | os.PathLike[str]) -> str:
    """`str(Path(given))`: on POSIX, the path with its empty and `.` parts dropped (a leading
    `//`, which POSIX lets mean something else, kept); `.` for nothing left."""
    text = os.fspath(given)
    if os.name != "posix":  # Windows' rules: pathlib's own
        from pathlib import Path

        return str(Path(text))
    root = "//" if text[:2] == "//" and text[:3] != "///" else "/" if text[:1] == "/" else ""
    parts = [part for part in text.split("/") if part and part != "."]
    return root + "/".join(parts) if root or parts else "."


def parts_key(path: str) -> list[str]:
    """The order of `Path` objects, for paths written by `as_typed` that share their start (a
    folder's files): part by part, not character by character (`a/x` before `a-b`)."""
    return path.split(os.sep)
