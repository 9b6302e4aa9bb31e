"""summary and the store: reading a numbered week writes nothing (a read-only database works),
a preview has no number and stores nothing, numbering waits a bounded time, and a database
without plans is an error naming it (cron mails the error, not an all-clear bulletin)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, dump

CIVICLI = Path(sys.executable).with_name("civicli")


def run(db: Path, *args: str, today: str = "2027-09-30", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CIVICLI), *args],
        env={**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": today, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def issue(db: Path, week: str, **env: str) -> object:
    p = run(db, "summary", "--week", week, "--format", "json", "--issue", **env)  # issued: numbered
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)["issue"]


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    db = tmp_path / "civicli.db"
    p = run(db, "load", str(DATA / "summary"))
    assert p.returncode == 0, p.stderr
    return db


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file made read-only for this process and its children: 0444, and for root (who
    writes through 0444) the immutable attribute."""
    mode = path.stat().st_mode
    path.chmod(0o444)
    immutable = False
    try:
        if os.geteuid() == 0:
            immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        try:
            with open(path, "r+b"):
                pass
        except OSError:
            pass
        else:
            pytest.skip("cannot make a file read-only here")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode & 0o7777)


def test_summary_of_a_database_without_plans_names_it(tmp_path: Path) -> None:
    db = tmp_path / "wrong.db"
    for fmt in ("text", "json", "markdown"):
        p = run(db, "summary", "--format", fmt)
        assert p.returncode == 1 and p.stdout == ""
        assert str(db) in p.stderr and "Traceback" not in p.stderr


def test_a_preview_shows_no_number_and_stores_nothing(loaded: Path) -> None:
    before = dump(loaded)
    p = run(loaded, "summary", "--week", "2027-W39", "--format", "json")  # 09-27..10-03: not ended
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert (data["preview"], data["issue"]) == (True, None)
    text = run(loaded, "summary", "--week", "2027-W39").stdout
    assert "（未编号）" in text and "第1期" not in text
    assert dump(loaded) == before
    # the number was not used up: the first finished week takes 1
    assert issue(loaded, "2027-W38") == 1


def test_next_issue_setting_gives_the_next_number_once(loaded: Path) -> None:
    conn = sqlite3.connect(loaded)
    conn.execute("INSERT INTO settings (key, value, set_at) VALUES ('bulletin.next_issue', '13', 'x')")
    conn.commit()
    conn.close()
    # a community that issued 12 on paper: the next bulletins are 13, 14; 13 is kept
    assert issue(loaded, "2027-W37") == 13
    assert issue(loaded, "2027-W38") == 14
    assert issue(loaded, "2027-W37") == 13


def test_reading_a_numbered_week_works_on_a_read_only_database(loaded: Path) -> None:
    assert issue(loaded, "2027-W37") == 1
    digest = _sha(loaded)
    with read_only(loaded):
        for fmt in ("json", "text", "markdown"):
            p = run(loaded, "summary", "--week", "2027-W37", "--format", fmt)
            assert p.returncode == 0, p.stderr
            assert "1" in p.stdout
        assert issue(loaded, "2027-W37") == 1
        # a week not yet numbered is shown unnumbered (a read) ...
        p = run(loaded, "summary", "--week", "2027-W36")
        assert p.returncode == 0 and "（未编号）" in p.stdout
        # ... and issuing it needs a write: one line naming the database, exit 1
        p = run(loaded, "summary", "--week", "2027-W36", "--issue")
        assert p.returncode == 1 and p.stdout == ""
        assert str(loaded) in p.stderr and len(p.stderr.strip().splitlines()) == 1
        assert "Traceback" not in p.stderr
    assert _sha(loaded) == digest


def test_numbering_waits_a_bounded_time_and_never_blocks_readers(loaded: Path) -> None:
    assert issue(loaded, "2027-W37") == 1
    holder = sqlite3.connect(loaded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock throughout
    try:
        assert issue(loaded, "2027-W37", CIVICLI_LOCK_WAIT="1") == 1  # numbered: a read
        looked = run(loaded, "summary", "--week", "2027-W38", CIVICLI_LOCK_WAIT="1")
        blocked = run(loaded, "summary", "--week", "2027-W38", "--issue", CIVICLI_LOCK_WAIT="1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert looked.returncode == 0, looked.stderr  # looking needs no lock
    assert blocked.returncode == 1 and blocked.stdout == ""
    assert str(loaded) in blocked.stderr and len(blocked.stderr.strip().splitlines()) == 1
    assert issue(loaded, "2027-W38") == 2  # the lock gone, the week takes the next number


def test_a_bulletin_that_could_not_be_written_takes_no_number(loaded: Path, tmp_path: Path) -> None:
    before = dump(loaded)
    p = run(loaded, "summary", "--week", "2027-W37", "--output", str(tmp_path / "no" / "such" / "简报.md"))
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1
    assert dump(loaded) == before  # no number used up
    out = tmp_path / "简报.md"
    p = run(loaded, "summary", "--week", "2027-W37", "--format", "markdown", "--output", str(out))
    assert p.returncode == 0, p.stderr
    assert "第1期" in out.read_text(encoding="utf-8")
    assert issue(loaded, "2027-W37") == 1
