"""A first load: the database made aside.

When the database does not exist yet, `load` makes it under a hidden name next to where it
belongs and links it into place only when every file was valid (store/connection.py
`build_new`). What the
clerk sees must not differ from a load into a database that exists: the same output, the same
rows, the same messages for bad files, nothing left behind on failure, a kill or a full disk."""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, dump, file_limit

CIVICLI = Path(sys.executable).with_name("civicli")
FILES = 30


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-10", "NO_COLOR": "1"}


def _run(db: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CIVICLI), *args],
        env=_env(db),
        capture_output=True,
        text=True,
        **kw,  # type: ignore[call-overload]
    )


def _batch(folder: Path, first: int = 0, n: int = FILES) -> Path:
    """n plan files: forms.yaml under the plan ids batch-FIRST … batch-(FIRST+n-1)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    for i in range(first, first + n):
        (folder / f"p{i:02d}.yaml").write_text(
            re.sub(r"(?m)^id: forms-2027$", f"id: batch-{i:02d}", text), encoding="utf-8"
        )
    return folder


def _stamped(db: Path) -> list[str]:
    """The database as SQL with the moments of loading masked (two loads differ by seconds), and
    each plan's file_stat, the last column of `plans` but those NULL after it (NULL when its file
    was written seconds before the load: sources.SETTLED_NS)."""
    stamp = re.compile(r"'\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d[^']*'")
    file_stat = re.compile(r",(NULL|'\d+:\d+:\d+:\d+:\d+')((?:,NULL)*)\);$")
    return [
        file_stat.sub(r",<file_stat>\2);", line) if line.startswith('INSERT INTO "plans"') else line
        for line in (stamp.sub("'<moment>'", line) for line in dump(db))
    ]


def _existing_empty(db: Path) -> None:
    """A database that exists with nothing loaded: `load` then writes into it as it always did."""
    made = _run(db, "plans")
    assert made.returncode == 0, made.stderr
    assert db.exists()


def test_a_first_load_equals_a_load_into_an_existing_database(tmp_path: Path) -> None:
    plans = _batch(tmp_path / "plans")
    aside = tmp_path / "aside" / "civicli.db"  # the folder is made too, as open_store would
    first = _run(aside, "load", str(plans))
    assert first.returncode == 0, first.stderr
    into = tmp_path / "into" / "civicli.db"
    _existing_empty(into)
    second = _run(into, "load", str(plans))
    assert second.returncode == 0, second.stderr

    assert first.stdout == second.stdout and first.stderr == second.stderr
    assert "tracked_from" in first.stderr  # plans begun before today (2027-03-10): what it does
    assert first.stdout.splitlines()[-1] == f"已载入 {FILES} 个文件。"
    # the same schema and rows; in another order only where the first load built the
    # occurrences' indexes after their rows (they are listed after the other indexes)
    assert sorted(_stamped(aside)) == sorted(_stamped(into))
    conn = sqlite3.connect(aside)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == FILES
    finally:
        conn.close()
    assert os.listdir(aside.parent) == ["civicli.db"]  # nothing of the making left beside it
    # and it is an ordinary database from then on: loading again says what it says of the other
    again, again_into = _run(aside, "load", str(plans)), _run(into, "load", str(plans))
    assert again.returncode == again_into.returncode == 0
    assert again.stdout == again_into.stdout != first.stdout
    checked = _run(aside, "check")
    assert checked.returncode == 0, checked.stderr


def test_a_bad_file_in_a_first_load_makes_no_database(tmp_path: Path) -> None:
    plans = _batch(tmp_path / "plans")
    bad = plans / "p17.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("due: 2027-02-28", "due: 2027-02-30"))
    aside = tmp_path / "aside" / "civicli.db"
    aside.parent.mkdir()
    first = _run(aside, "load", str(plans))
    into = tmp_path / "into" / "civicli.db"
    _existing_empty(into)
    before = dump(into)
    second = _run(into, "load", str(plans))

    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr  # the same problems, reported the same way
    assert "p17.yaml:" in first.stderr and "2027-02-30" in first.stderr
    assert "Traceback" not in first.stderr and first.stdout == ""
    assert os.listdir(aside.parent) == []  # no database, nothing half made
    assert dump(into) == before


def test_a_refused_first_load_makes_no_folder_either(tmp_path: Path) -> None:
    """The database's folders are made for it (as for any first command) only if it lands."""
    plans = _batch(tmp_path / "plans", n=3)
    bad = plans / "p01.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("due: 2027-02-28", "due: 2027-02-30"))
    db = tmp_path / "data" / "civicli" / "civicli.db"
    p = _run(db, "load", str(plans))
    assert p.returncode == 1 and "p01.yaml:" in p.stderr
    assert not (tmp_path / "data").exists()
    bad.write_text(bad.read_text(encoding="utf-8").replace("due: 2027-02-30", "due: 2027-02-28"))
    assert _run(db, "load", str(plans)).returncode == 0
    assert os.listdir(db.parent) == ["civicli.db"]


def test_a_plan_id_in_two_files_of_a_first_load_makes_no_database(tmp_path: Path) -> None:
    """The clash shows only when the later file is parsed, after the earlier ones were
    written aside: refused as ever, naming both files, and nothing made."""
    plans = _batch(tmp_path / "plans", n=8)
    (plans / "p07.yaml").write_text(
        (plans / "p07.yaml").read_text(encoding="utf-8").replace("id: batch-07", "id: batch-02"),
        encoding="utf-8",
    )
    db = tmp_path / "data" / "civicli.db"
    db.parent.mkdir()
    p = _run(db, "load", str(plans))
    assert p.returncode == 1
    assert "batch-02" in p.stderr and "p07.yaml" in p.stderr and "p02.yaml" in p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert os.listdir(db.parent) == []


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no RLIMIT_FSIZE")
def test_a_full_disk_during_a_first_load_names_the_database_and_leaves_nothing(tmp_path: Path) -> None:
    plans = _batch(tmp_path / "plans")
    db = tmp_path / "data" / "civicli.db"
    db.parent.mkdir()
    p = _run(db, "load", str(plans), preexec_fn=file_limit(256 * 1024))
    assert p.returncode == 1, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and "Traceback" not in p.stderr
    assert ".building" not in p.stderr  # the clerk's database is named, not the hidden file
    assert os.listdir(db.parent) == []
    ok = _run(db, "load", str(plans))  # with room again, the same load goes through
    assert ok.returncode == 0, ok.stderr


def test_a_kill_during_a_first_load_leaves_no_database_or_all_of_it(tmp_path: Path) -> None:
    plans = _batch(tmp_path / "plans")
    full_db = tmp_path / "full" / "civicli.db"
    started = time.monotonic()
    done = _run(full_db, "load", str(plans))
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    full = _stamped(full_db)

    outcomes = []
    for trial, delay in enumerate((0.05, took * 0.3, took * 0.5, took * 0.7, took * 0.9, took * 1.2)):
        db = tmp_path / f"trial{trial}" / "civicli.db"
        db.parent.mkdir()
        p = subprocess.Popen(
            [str(CIVICLI), "load", str(plans)],
            env=_env(db),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            code: int | None = p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            code = None
        if db.exists():
            assert _stamped(db) == full, f"trial {trial}: partly loaded"
            outcomes.append("loaded")
        else:
            assert code is None
            outcomes.append("none")
        left = [n for n in os.listdir(db.parent) if n != "civicli.db"]
        assert all(n.startswith(".civicli.db.") and ".building" in n for n in left), left
        # what a killed load left is taken for abandoned once a little older (nobody holds it), and
        # the next load works
        for name in left:
            old = time.time() - 120
            os.utime(db.parent / name, (old, old))
        if not db.exists():
            again = _run(db, "load", str(plans))
            assert again.returncode == 0, again.stderr
            assert _stamped(db) == full
        assert os.listdir(db.parent) == ["civicli.db"]
        shutil.rmtree(db.parent)
    print("kill -9 during a first load:", {o: outcomes.count(o) for o in set(outcomes)})


def test_a_database_being_made_by_a_live_load_is_left_alone(tmp_path: Path) -> None:
    """A hidden file held by another process is not taken for abandoned, however old."""
    db = tmp_path / "data" / "civicli.db"
    db.parent.mkdir()
    held = db.parent / ".civicli.db.abcd1234.building"
    held.write_bytes(b"")
    old = time.time() - 3600
    os.utime(held, (old, old))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
            str(held),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        p = _run(db, "load", str(DATA / "forms.yaml"))
        assert p.returncode == 0, p.stderr
        assert held.exists()
    finally:
        holder.kill()
        holder.wait()
    # once nobody holds it, the next first load (of another database in the folder) removes it
    other = db.parent / "civicli.db"
    other.unlink()
    p = _run(other, "load", str(DATA / "forms.yaml"))
    assert p.returncode == 0, p.stderr
    assert not held.exists()


def test_two_first_loads_at_once_both_land(tmp_path: Path) -> None:
    """Two loads racing to make the same database: one links it into place, the other finds
    it there and loads into it as usual; every plan of both is there once."""
    a = _batch(tmp_path / "a", 0, 12)
    b = _batch(tmp_path / "b", 12, 12)
    db = tmp_path / "data" / "civicli.db"
    procs = [
        subprocess.Popen(
            [str(CIVICLI), "load", str(folder)],
            env=_env(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (a, b)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    conn = sqlite3.connect(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM plans ORDER BY id")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert ids == [f"batch-{i:02d}" for i in range(24)]
    assert [n for n in os.listdir(db.parent) if not n.startswith("civicli.db")] == []


def test_a_foreign_key_broken_while_made_aside_lands_nothing(tmp_path: Path) -> None:
    """The database made aside is filled with its foreign keys unchecked row by row and checked
    whole before it lands: a row that names no task fails the load as a check per row would,
    and nothing is left (build_new called with a fill that breaks one)."""
    from civicli.store.database import build_new

    target = tmp_path / "made" / "civicli.db"

    def fill(store: object) -> None:
        conn = store.conn  # type: ignore[attr-defined]
        conn.execute(
            "INSERT INTO occurrences (task_key, key, plan_id, opens, due) "
            "VALUES ('nope-2027/1', '2027-01', 'nope-2027', '2027-01-01', '2027-01-31')"
        )
        conn.commit()

    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        build_new(target, fill)
    assert not target.parent.exists()  # neither the database nor its folder


def test_no_foreign_key_has_an_action_the_check_made_at_the_end_would_miss(tmp_path: Path) -> None:
    """build_new checks the foreign keys once, at the end: right only while none of them has an
    ON DELETE or ON UPDATE action (a cascade would have run row by row)."""
    from civicli.store import migrations

    conn = sqlite3.connect(tmp_path / "schema.db")
    migrations.migrate(conn)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    keys = [k for t in tables for k in conn.execute(f'PRAGMA foreign_key_list("{t}")')]
    conn.close()
    assert len(keys) > 20  # the schema's foreign keys were read
    assert {(k[5], k[6]) for k in keys} == {("NO ACTION", "NO ACTION")}
