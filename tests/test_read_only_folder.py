"""A database in a folder civicli cannot write can still be read (cli.md, "Everywhere"): the
reading commands work, a writing one is refused with one line, and the file is not changed.

Issue #21, item 12: a WAL database on a read-only medium failed every command, `plans` and
`check` included ("unable to open database file"), because SQLite could not make its `-shm`.

The folder is made read-only with a read-only bind mount in a private mount namespace (root
ignores file permissions, so chmod would prove nothing here); where mounting is not allowed,
the test is skipped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PLANS

CIVICLI = shutil.which("civicli")
TODAY = "2027-03-20"

READING = [
    ["plans"],
    ["plans", "--json"],
    ["show", "篇1"],
    ["tasks"],
    ["tasks", "--json"],
    ["inspections"],
    ["rectifications", "--all"],
    ["log", "pian1-2027/1.1"],
    ["check"],
    ["export", "tasks", "--output", "-"],
]


def _in_read_only_folder(folder: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run each command with the database in `folder`, seen through a read-only bind mount."""
    assert CIVICLI is not None
    mount = folder.parent / "read-only"
    mount.mkdir()
    results = []
    for command in commands:
        script = (
            f'mount --bind "{folder}" "{mount}" && mount -o remount,ro,bind "{mount}" || exit 99\nexec "$@"'
        )
        r = subprocess.run(
            ["unshare", "-m", "sh", "-c", script, "sh", CIVICLI, *command],
            env={
                "PATH": os.environ.get("PATH", ""),
                "LANG": "C.UTF-8",
                "HOME": str(folder.parent),
                "CIVICLI_DB": str(mount / "civicli.db"),
                "CIVICLI_TODAY": TODAY,
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        if r.returncode == 99 or "unshare:" in r.stderr:
            pytest.skip("this machine does not allow a read-only bind mount")
        results.append(r)
    return results


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding a database with the shipped plans and a record, checkpointed (no -wal)."""
    if CIVICLI is None or shutil.which("unshare") is None:
        pytest.skip("needs the installed console script and unshare")
    folder = tmp_path / "db"
    folder.mkdir()
    env = {**os.environ, "CIVICLI_DB": str(folder / "civicli.db"), "CIVICLI_TODAY": TODAY}
    for args in (["load", str(PLANS)], ["done", "pian1-2027/1.1", "--note", "已成立"]):
        r = subprocess.run([CIVICLI, *args], env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
    return folder


def test_reading_commands_work_in_a_read_only_folder(folder: Path) -> None:
    before = hashlib.sha256((folder / "civicli.db").read_bytes()).hexdigest()
    results = _in_read_only_folder(folder, READING)
    for command, r in zip(READING, results, strict=True):
        assert r.returncode == 0, (command, r.stderr)
    plans, log = results[1], results[7]
    assert '"pian1-2027"' in plans.stdout
    assert "已成立" in log.stdout  # the record made before the folder became read-only
    assert hashlib.sha256((folder / "civicli.db").read_bytes()).hexdigest() == before


def test_a_writing_command_is_refused_in_one_line(folder: Path) -> None:
    [r] = _in_read_only_folder(folder, [["done", "pian1-2027/1.2", "--note", "x"]])
    assert r.returncode == 1
    assert "只读" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
