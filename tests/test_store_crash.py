"""Crashes and a full disk, with real processes: kill -9 at random moments during a load of many
files and during a burst of progress/inspect, and a file size limit in the child. The database
is always either as before or complete, `check` passes, and the next command works."""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DATA, dump, file_limit
from typer.testing import CliRunner, Result

from civicli.cli.app import app

CIVICLI = Path(sys.executable).with_name("civicli")
FILES = 30
TRIALS = 20


def _env(db: Path, today: str = "2027-03-10") -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": today, "NO_COLOR": "1"}


def _cli(db: Path, *args: str, today: str = "2027-03-10") -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": today}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _batch(folder: Path) -> Path:
    """FILES plan files: forms.yaml under FILES plan ids."""
    folder.mkdir()
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    for i in range(FILES):
        (folder / f"p{i:02d}.yaml").write_text(
            re.sub(r"(?m)^id: forms-2027$", f"id: batch-{i:02d}", text), encoding="utf-8"
        )
    return folder


def _kill_after(cmd: list[str], env: dict[str, str], delay: float) -> int | None:
    """Run cmd; SIGKILL it after `delay` seconds unless it ended. Its exit code, None if killed."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return p.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return None


def test_kill_during_a_large_load_leaves_before_or_all(tmp_path: Path) -> None:
    plans = _batch(tmp_path / "plans")
    before_db = tmp_path / "before.db"
    assert _cli(before_db, "load", str(DATA / "forms.yaml")).exit_code == 0
    assert _cli(before_db, "progress", "1.3", "--note", "已有记录").exit_code == 0
    before = dump(before_db)
    # one load to the end: how long it takes, and what "fully loaded" looks like
    full_db = tmp_path / "full.db"
    shutil.copy(before_db, full_db)
    started = time.monotonic()
    done = subprocess.run(
        [str(CIVICLI), "load", str(plans)], env=_env(full_db), capture_output=True, text=True
    )
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    full = _counts(full_db)
    assert full["plans"] == FILES + 1 and full["import_log"] == FILES + 1

    rng = random.Random(9)
    outcomes = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.db"
        shutil.copy(before_db, db)
        code = _kill_after([str(CIVICLI), "load", str(plans)], _env(db), rng.uniform(0.05, took * 1.1))
        if dump(db) == before:
            outcome = "before"
        else:
            assert _counts(db) == full, f"trial {trial}: partly loaded (exit {code})"
            outcome = "loaded"
        assert code in (None, 0)
        if code == 0:
            assert outcome == "loaded"
        outcomes.append(outcome)
        checked = _cli(db, "check")
        assert checked.exit_code == 0, checked.stderr
        nxt = _cli(db, "plans", "--json")
        assert nxt.exit_code == 0, nxt.stderr
        db.unlink()
    print("kill -9 during load:", {o: outcomes.count(o) for o in set(outcomes)})


def _stairwell(tag: str) -> list[str]:
    return [
        "inspect",
        "stairwell",
        "--area",
        "1号楼",
        "--pass",
        "corridor",
        "--fail",
        f"basement={tag}",
        "--again",
    ]


def test_kill_during_a_burst_of_records_loses_no_acknowledged_record(tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    for plan in (DATA / "forms.yaml", DATA / "inspections" / "demo.yaml"):
        assert _cli(db, "load", str(plan)).exit_code == 0
    rng = random.Random(11)
    jobs = []
    for i in range(24):
        tag = f"burst-{i}"
        if i % 2:
            args = [*_stairwell(tag), "--pass", "yard", "--by", tag]
        else:
            args = ["progress", "1.3", "--note", tag, "--metric", "participants=1", "--percent", str(i)]
        # about half are killed somewhere between start-up and commit, the others run to the end
        jobs.append((tag, args, rng.uniform(0.05, 1.0) if rng.random() < 0.6 else 60.0))

    def worker(chunk: list[tuple[str, list[str], float]]) -> list[tuple[str, int | None]]:
        return [(tag, _kill_after([str(CIVICLI), *args], _env(db), delay)) for tag, args, delay in chunk]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [r for part in pool.map(worker, [jobs[0::2], jobs[1::2]]) for r in part]

    conn = sqlite3.connect(db)
    try:
        notes = {r[0] for r in conn.execute("SELECT note FROM records")}
        bys = {r[0] for r in conn.execute('SELECT "by" FROM inspections')}
        # no partial record: every record has its metric, every inspection its three answers
        assert conn.execute(
            "SELECT COUNT(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_metrics m WHERE m.record_id = r.id)"
        ).fetchone() == (0,)
        assert conn.execute(
            "SELECT COUNT(*) FROM inspections i WHERE (SELECT COUNT(*) FROM inspection_answers a "
            "WHERE a.inspection_id = i.id) <> 3"
        ).fetchone() == (0,)
        # and each inspection failing basement opened or repeated the one rectification of it
        assert conn.execute(
            "SELECT COUNT(*) FROM rectifications WHERE area = '1号楼' AND item_id = 'basement'"
        ).fetchone()[0] == (1 if bys else 0)
    finally:
        conn.close()
    for tag, code in results:
        assert code in (None, 0), (tag, code)
        if code == 0:  # acknowledged: it is there
            assert tag in notes or tag in bys, tag
    assert _cli(db, "check").exit_code == 0
    assert _cli(db, "tasks", "--json").exit_code == 0
    print("kill -9 during records:", sum(c is None for _, c in results), "killed of", len(results))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no RLIMIT_FSIZE")
def test_full_disk_is_one_line_naming_the_database(tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    assert _cli(db, "load", str(DATA / "forms.yaml")).exit_code == 0
    assert _cli(db, "progress", "1.3", "--note", "写满之前").exit_code == 0
    before = dump(db)
    plans = _batch(tmp_path / "plans")
    limit = 64 * 1024  # the write-ahead log of thirty plans is far larger
    p = subprocess.run(
        [str(CIVICLI), "load", str(plans)],
        env=_env(db),
        capture_output=True,
        text=True,
        preexec_fn=file_limit(limit),
    )
    assert p.returncode == 1, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and "Traceback" not in p.stderr
    assert dump(db) == before  # every earlier record still there, nothing half-written
    # a record too big for what is left is refused the same way, and nothing is lost
    q = subprocess.run(
        [str(CIVICLI), "progress", "1.3", "--note", "满" * (limit // 2)],
        env=_env(db),
        capture_output=True,
        text=True,
        preexec_fn=file_limit(limit),
    )
    assert q.returncode == 1 and str(db) in q.stderr and len(q.stderr.strip().splitlines()) == 1
    assert dump(db) == before
    assert _cli(db, "check").exit_code == 0
