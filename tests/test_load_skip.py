"""Re-loading unchanged plan files is a no-op: a file whose bytes and civicli version match what
was loaded from its path is skipped unread, still reported as unchanged (real CLI, real files)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import PLANS

CIVICLI = Path(sys.executable).with_name("civicli")


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-01", "NO_COLOR": "1"}
    return subprocess.run(
        [str(CIVICLI), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _db_bytes(db: Path) -> dict[str, bytes]:
    """The database file and its WAL/shared-memory companions, byte for byte."""
    return {
        p.name: p.read_bytes()
        for p in db.parent.iterdir()
        if p.name.startswith(db.name) and not p.name.endswith("-shm")
    }


def _counts(stdout: str, plan: str) -> list[str]:
    """added, updated, archived, unchanged of a plan's line of the load report."""
    line = next(line for line in stdout.splitlines() if plan in line)
    return line.split()[-4:]


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    db = tmp_path / "civicli.db"
    first = _run(db, "load", str(folder))
    assert first.returncode == 0, first.stderr
    return folder, db


def _tasks(db: Path, plan: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(
            conn.execute(
                "SELECT COUNT(*) FROM tasks WHERE plan_id = ? AND archived_at IS NULL", [plan]
            ).fetchone()[0]
        )
    finally:
        conn.close()


def test_unchanged_reload_writes_nothing_and_reports_unchanged(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    n = {p: _tasks(db, p) for p in ("pian1-2027", "pian2-2027", "pian3-2027", "pian4-2027")}
    assert all(v >= 10 for v in n.values())
    before = _db_bytes(db)
    again = _run(db, "load", str(folder))
    assert again.returncode == 0, again.stderr
    assert _db_bytes(db) == before  # not one byte of the database or its WAL changed
    # every plan still named, in file order, all its tasks unchanged
    lines = [line for line in again.stdout.splitlines() if "-2027" in line]
    assert [next(p for p in n if p in line) for line in lines] == list(n)
    for plan, tasks in n.items():
        assert _counts(again.stdout, plan) == ["0", "0", "0", str(tasks)]


def test_editing_one_file_reloads_only_that_one(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    pian2 = folder / "2027-pian2.yaml"
    text = pian2.read_text(encoding="utf-8")
    assert text.count("title: 开展学习实践科学发展观活动") == 1
    pian2.write_text(text.replace("开展学习实践科学发展观活动", "开展学习实践活动"), encoding="utf-8")
    conn = sqlite3.connect(db)
    log_before = conn.execute("SELECT COUNT(*) FROM import_log").fetchone()[0]
    conn.close()
    r = _run(db, "load", str(folder))
    assert r.returncode == 0, r.stderr
    n2 = _tasks(db, "pian2-2027")
    assert _counts(r.stdout, "pian2-2027") == ["0", "1", "0", str(n2 - 1)]  # one title changed
    assert _counts(r.stdout, "pian1-2027") == ["0", "0", "0", str(_tasks(db, "pian1-2027"))]
    conn = sqlite3.connect(db)
    new = conn.execute("SELECT path FROM import_log ORDER BY id").fetchall()[log_before:]
    conn.close()
    assert [Path(p).name for (p,) in new] == ["2027-pian2.yaml"]  # only the edited file written


def test_a_new_file_claiming_a_skipped_plan_is_refused_as_before(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    copy = folder / "zz-copy.yaml"
    copy.write_bytes((folder / "2027-pian1.yaml").read_bytes() + b"\n# a copy\n")
    before = _db_bytes(db)
    r = _run(db, "load", str(folder))
    assert r.returncode == 1
    assert "pian1-2027" in r.stderr and "2027-pian1.yaml" in r.stderr  # names the other file
    assert "Traceback" not in r.stderr
    assert _db_bytes(db) == before


def test_force_and_an_older_version_reload_for_real(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    forced = _run(db, "load", "--force", str(folder))
    assert forced.returncode == 0, forced.stderr
    assert _counts(forced.stdout, "pian3-2027")[:3] == ["0", "0", "0"]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE plans SET loaded_version = '0.0.1' WHERE id = 'pian3-2027'")
    conn.close()
    # loaded by another version: read again (nothing in it changed), then marked as this one's
    r = _run(db, "load", str(folder))
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(db)
    versions = {v for (v,) in conn.execute("SELECT loaded_version FROM plans")}
    conn.close()
    assert versions == {_run(db, "--version").stdout.split()[-1]}
    before = _db_bytes(db)
    assert _run(db, "load", str(folder)).returncode == 0
    assert _db_bytes(db) == before
