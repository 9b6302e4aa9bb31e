"""Concurrent use with real processes: the clerk's writes and cron's summaries at the same time.

Two writers each run 40 `civicli progress` commands while two readers run `civicli summary` 40
times each (over the same 40 weeks, in opposite orders, so they race to number the same
bulletins). Every command must succeed, every record must be there afterwards, and every week
must get exactly one issue number.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "summary"
CIVICLI = Path(sys.executable).with_name("civicli")
N = 40


def _env(db: Path, today: str) -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": today, "NO_COLOR": "1"}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CIVICLI), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _writer(db: Path, name: str) -> list[str]:
    failures = []
    env = _env(db, "2027-09-15")
    for i in range(N):
        p = _run(
            [
                "progress",
                "long",
                "--percent",
                str(i % 100),
                "--metric",
                "participants=1",
                "--note",
                f"{name}-{i}",
            ],
            env,
        )
        if p.returncode != 0:
            failures.append(f"{name}-{i}: exit {p.returncode}: {p.stderr.strip()}")
    return failures


def _reader(db: Path, weeks: list[str]) -> tuple[list[str], dict[str, int]]:
    failures = []
    numbers: dict[str, int] = {}
    env = _env(db, "2027-12-01")
    for week in weeks:
        p = _run(["summary", "--week", week, "--format", "json", "--issue"], env)
        if p.returncode != 0:
            failures.append(f"summary {week}: exit {p.returncode}: {p.stderr.strip()}")
            continue
        data = json.loads(p.stdout)
        numbers[data["week"]] = data["issue"]
    return failures, numbers


def test_two_writers_and_readers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    load = _run(["load", str(DATA)], _env(db, "2027-09-15"))
    assert load.returncode == 0, load.stderr
    weeks = [f"2027-W{k:02d}" for k in range(1, N + 1)]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        writers = [pool.submit(_writer, db, name) for name in ("A", "B")]
        readers = [pool.submit(_reader, db, weeks), pool.submit(_reader, db, weeks[::-1])]
        failures = [f for w in writers for f in w.result()]
        read = [r.result() for r in readers]
    elapsed = time.monotonic() - started

    failures += [f for r in read for f in r[0]]
    assert failures == [], "\n".join(failures)

    conn = sqlite3.connect(db)
    try:
        notes = [r[0] for r in conn.execute("SELECT note FROM records WHERE task_key = 'sum-2027/long'")]
        metrics = conn.execute("SELECT COUNT(*), SUM(value) FROM record_metrics").fetchone()
        bulletins = dict(conn.execute("SELECT week, number FROM bulletins WHERE year = 2027").fetchall())
    finally:
        conn.close()
    expected = sorted(f"{name}-{i}" for name in ("A", "B") for i in range(N))
    assert sorted(notes) == expected  # every record there, once
    assert metrics == (2 * N, 2 * N)
    # one number per week, 1..N, and both readers saw the same one
    assert sorted(bulletins) == weeks and sorted(bulletins.values()) == list(range(1, N + 1))
    assert read[0][1] == bulletins and read[1][1] == bulletins
    assert elapsed < 120
