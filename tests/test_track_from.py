"""Starting mid-year: the first load says what tracked_from does; `load --track-from DATE` sets
it for the plans loaded without editing their files, kept in the database through later loads,
shown by `show`."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from civicli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def _run(db: Path, *args: str, today: str = "2027-09-10") -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": today, "CIVICLI_LANG": "zh"}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", folder)
    return folder


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.glob("*.yaml")))).hexdigest()


def _dues(db: Path) -> list[str]:
    r = _run(db, "tasks", "--all", "--json")
    assert r.exit_code == 0, r.stderr
    return [row["due"] for row in json.loads(r.stdout)]


def test_the_first_load_mid_year_says_what_tracked_from_does(plans: Path, tmp_path: Path) -> None:
    r = _run(tmp_path / "c.db", "load", str(plans))
    assert r.exit_code == 0, r.stderr
    # the four shipped plans start on 2027-01-01, before today 2027-09-10
    assert "tracked_from" in r.stderr and f"civicli load --track-from 2027-09-10 {plans}" in r.stderr
    assert "4 个计划从 2027-01-01 起" in r.stderr
    # a later load says it no more; a first load before the plans start says nothing
    assert "tracked_from" not in _run(tmp_path / "c.db", "load", str(plans)).stderr
    r = _run(tmp_path / "early.db", "load", str(plans), today="2026-12-20")
    assert r.exit_code == 0 and "tracked_from" not in r.stderr


def test_track_from_leaves_out_what_was_due_before_and_keeps_the_files(plans: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    before = _digest(plans)
    assert _run(db, "load", str(plans)).exit_code == 0
    assert min(_dues(db)) < "2027-09-10"  # January to August, all there
    r = _run(db, "load", "--track-from", "9月10日", str(plans))  # a date without its year: 2027
    assert r.exit_code == 0, r.stderr
    assert min(_dues(db)) >= "2027-09-10"
    r = _run(db, "tasks")
    assert "逾期 0，" in r.stdout  # the 45 overdue of January–August are gone
    assert _digest(plans) == before  # no file edited
    # kept through later loads, unchanged files or read again
    assert _run(db, "load", str(plans)).exit_code == 0
    assert _run(db, "load", "--force", str(plans)).exit_code == 0
    (plans / "2027-pian2.yaml").write_text(
        (plans / "2027-pian2.yaml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    assert _run(db, "load", str(plans)).exit_code == 0
    assert min(_dues(db)) >= "2027-09-10"
    # shown by show, in the table and in JSON
    r = _run(db, "show", "篇1")
    assert "起算日期" in r.stdout and "2027-09-10（载入时 --track-from 设定）" in r.stdout
    detail = json.loads(_run(db, "show", "pian1-2027", "--json").stdout)
    assert detail["tracked_from"] == "2027-09-10" and detail["track_from"] == "2027-09-10"


def test_track_from_on_the_first_load_and_in_a_dry_run(plans: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    r = _run(db, "load", "--dry-run", "--track-from", "2027-09-10", str(plans))
    assert r.exit_code == 0 and not db.exists()
    r = _run(db, "load", "--track-from", "2027-09-10", str(plans))
    assert r.exit_code == 0, r.stderr
    assert "tracked_from" not in r.stderr  # set already: nothing to tell
    assert min(_dues(db)) >= "2027-09-10"


def test_track_from_after_a_plans_end_is_refused(plans: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert _run(db, "load", str(plans)).exit_code == 0
    dues = _dues(db)
    r = _run(db, "load", "--track-from", "2028-01-01", str(plans))
    assert r.exit_code == 1
    assert "2028-01-01" in r.stderr and "2027-01-01 ~ 2027-12-31" in r.stderr
    assert _dues(db) == dues  # nothing written
    r = _run(db, "load", "--track-from", "明天", str(plans))
    assert r.exit_code == 2 and "明天" in r.stderr
