"""Errors become messages in one place (cli/failures.py): a problem with the database file is one
line naming it, exit 1; anything else is an internal error (one line; the traceback with
CIVICLI_DEBUG=1), exit 70; a command without any error handling of its own cannot leak a
traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, Invoke

from civicli.cli.app import app
from civicli.errors import NotFound

CIVICLI = Path(sys.executable).with_name("civicli")


def _run(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CIVICLI), *args],
        env={**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-10", "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
    )


def test_a_schema_bug_is_an_internal_error_not_a_busy_database(tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    assert _run(db, "load", str(DATA / "forms.yaml")).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE record_metrics")  # what a faulty migration could leave behind
    conn.commit()
    conn.close()
    p = _run(db, "progress", "1.3", "--metric", "participants=3")
    assert p.returncode == 70  # a bug (EX_SOFTWARE), told apart from a data error (1) by scripts
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "record_metrics" in lines[0] and "CIVICLI_DEBUG" in lines[0]
    assert "Traceback" not in p.stderr
    debug = _run(db, "progress", "1.3", "--metric", "participants=3", CIVICLI_DEBUG="1")
    assert debug.returncode == 70
    assert "Traceback" in debug.stderr and "sqlite3.OperationalError" in debug.stderr


@pytest.fixture
def undecorated() -> Iterator[None]:
    """A command added the way a newcomer might: no error handling of its own."""

    def boom(kind: str) -> None:
        if kind == "data":
            raise NotFound("没有这个东西")
        if kind == "bug":
            raise KeyError("oops")
        raise sqlite3.OperationalError("database is locked")

    app.command("boom-for-test")(boom)
    try:
        yield
    finally:
        app.registered_commands.pop()


def test_a_command_without_a_decorator_cannot_leak_a_traceback(
    undecorated: None, cli: Invoke, db_path: Path
) -> None:
    r = cli("boom-for-test", "data")
    assert r.exit_code == 1 and r.stderr.strip().splitlines() == ["错误: 没有这个东西"]
    r = cli("boom-for-test", "locked")
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and str(db_path) in r.stderr


def test_a_bug_is_one_line_and_exit_70(undecorated: None, cli: Invoke) -> None:
    r = cli("boom-for-test", "bug")
    assert r.exit_code == 70
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "程序内部错误" in lines[0] and "KeyError" in lines[0]
    assert "CIVICLI_DEBUG=1" in lines[0] and "Traceback" not in r.stderr
