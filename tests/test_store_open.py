"""Opening the database with real processes: many at once on a fresh or half-upgraded database,
another program's SQLite file left byte for byte untouched, a database that is locked."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from civicli.store import migrations

CIVICLI = Path(sys.executable).with_name("civicli")
PLANS = Path(__file__).resolve().parent.parent / "plans"
NAMES = [name for name, _ in migrations.MIGRATIONS]


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-10", "NO_COLOR": "1"}


def _burst(db: Path, n: int, *args: str) -> list[tuple[int, str]]:
    """Start n `civicli ARGS` at once; their exit codes and stderr."""
    procs = [
        subprocess.Popen(
            [str(CIVICLI), *args],
            env=_env(db),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        for _ in range(n)
    ]
    return [(p.wait(timeout=120), p.stderr.read().decode() if p.stderr else "") for p in procs]


def _applied(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def test_many_processes_on_a_fresh_database(tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    results = _burst(db, 48, "plans", "--json")
    failures = [err for code, err in results if code != 0]
    assert failures == []
    assert _applied(db) == NAMES  # each migration applied once


@pytest.mark.parametrize("stop_before", NAMES[1:])
def test_many_processes_on_a_database_stopped_before_a_migration(tmp_path: Path, stop_before: str) -> None:
    db = tmp_path / "civicli.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(conn, stop_before=stop_before)
    conn.close()
    assert _applied(db) == NAMES[: NAMES.index(stop_before)]
    results = _burst(db, 12, "plans", "--json")
    assert [err for code, err in results if code != 0] == []
    assert _applied(db) == NAMES


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_programs_database_is_refused_and_untouched(tmp_path: Path, journal: str) -> None:
    other = tmp_path / "accounts.db"
    conn = sqlite3.connect(other)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO accounts (name) VALUES ('x')")
    conn.commit()
    conn.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    digest = _sha(other)
    for args in (["plans"], ["tasks", "--json"], ["load", "--dry-run", str(PLANS)], ["check"], ["summary"]):
        p = subprocess.run(
            [str(CIVICLI), *args], env=_env(other), capture_output=True, text=True, stdin=subprocess.DEVNULL
        )
        assert p.returncode == 1, (args, p.stderr)
        assert str(other) in p.stderr and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
    assert _sha(other) == digest  # byte for byte: no WAL switch, no table
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_another_programs_migrations_table_is_refused(tmp_path: Path) -> None:
    # a program that also keeps sqlite-utils migrations, under its own migration set
    other = tmp_path / "llm.db"
    conn = sqlite3.connect(other)
    conn.executescript(
        'CREATE TABLE "_sqlite_migrations" ("id" INTEGER PRIMARY KEY, "migration_set" TEXT, "name" TEXT, '
        '"applied_at" TEXT); INSERT INTO _sqlite_migrations VALUES (1, "llm", "m001_initial", "x");'
    )
    conn.close()
    digest = _sha(other)
    p = subprocess.run([str(CIVICLI), "plans"], env=_env(other), capture_output=True, text=True)
    assert p.returncode == 1 and str(other) in p.stderr
    assert _sha(other) == digest


def test_a_held_write_lock_gives_a_clear_message_in_bounded_time(tmp_path: Path) -> None:
    db = tmp_path / "civicli.db"
    forms = Path(__file__).resolve().parent / "data" / "forms.yaml"
    assert (
        subprocess.run([str(CIVICLI), "load", str(forms)], env=_env(db), capture_output=True).returncode == 0
    )
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock throughout
    try:
        # a reader is not blocked by a writer (WAL)
        r = subprocess.run([str(CIVICLI), "tasks", "--json"], env=_env(db), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        # a writer waits its bounded time, then says so in one line naming the database
        w = subprocess.run(
            [str(CIVICLI), "progress", "1.3", "--note", "x"],
            env={**_env(db), "CIVICLI_LOCK_WAIT": "2"},
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert w.returncode == 1
    assert str(db) in w.stderr and "Traceback" not in w.stderr and " 2 " in w.stderr  # waited 2 s
    assert len(w.stderr.strip().splitlines()) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0
    conn.close()


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "civicli.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(conn, stop_before="0006_clerk_release")
    before = list(conn.iterdump())

    def broken(m: migrations.MigrationDb) -> None:
        m.executescript(
            "CREATE TABLE half_done (x); INSERT INTO half_done VALUES (';'); SELECT no_such_function();"
        )

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("0099_broken", broken)])
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn)
    # 0006 and 0007 ran in the same transaction as the broken one: all rolled back
    assert list(conn.iterdump()) == before
    conn.close()


def test_statements_keep_triggers_and_quoted_semicolons_whole() -> None:
    script = """
    CREATE TABLE t (x TEXT);
    INSERT INTO t VALUES ('a;b');
    CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN UPDATE t SET x = x || ';'; END;
    """
    assert [s.split()[0:2] for s in migrations.statements(script)] == [
        ["CREATE", "TABLE"],
        ["INSERT", "INTO"],
        ["CREATE", "TRIGGER"],
    ]
