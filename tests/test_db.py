"""The store: migrations on open, an older schema upgraded with its data, a newer one refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import Invoke

from civicli.errors import DatabaseError
from civicli.store import connection, database, migrations


def test_new_database_gets_every_migration_and_wal(tmp_path: Path) -> None:
    store = database.open_store(tmp_path / "sub" / "new.db")
    applied = [r["name"] for r in store.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [name for name, _ in migrations.MIGRATIONS]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    # the facts cached on occurrence rows are named in words (0022, 0023)
    columns = {c[1] for c in store.conn.execute("PRAGMA table_info(occurrences)")}
    assert {"decisive_status", "latest_status", "settled_credit", "areas_done", "facts_fresh"} <= columns
    assert not columns & {"d_status", "l_status", "f_credit", "a_done", "refresh"}
    store.close()
    # opening again applies nothing
    again = sqlite3.connect(tmp_path / "sub" / "new.db", isolation_level=None)
    assert migrations.migrate(again) == []


def test_older_schema_with_data_is_upgraded(tmp_path: Path, forms: Path, cli: Invoke, db_path: Path) -> None:
    # Build a database as the first release left it: only migrations before 0003, with data in it.
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrations.migrate(conn, stop_before="0003_bulletins_and_windows")
    conn.executescript(
        """
        INSERT INTO plans VALUES ('old-2027', '旧计划', '幸福社区', '2027-01-01', '2027-12-31', NULL, NULL, '[]',
                                  '/elsewhere/old.yaml', 'abc', '2027-01-01T00:00:00+08:00');
        INSERT INTO sections VALUES ('old-2027', '1', '一', 0);
        INSERT INTO tasks (key, plan_id, task_id, section_id, position, title, every)
            VALUES ('old-2027/1.1', 'old-2027', '1.1', '1', 0, '每月检查', 'month');
        INSERT INTO occurrences (task_key, key, plan_id, opens, due, missed_from)
            VALUES ('old-2027/1.1', '2027-01', 'old-2027', '2027-01-01', '2027-01-31', '2027-03-01');
        INSERT INTO records (task_key, occurrence, at, date, status, percent, note, "by")
            VALUES ('old-2027/1.1', '2027-01', '2027-01-20T10:00:00+08:00', '2027-01-20', 'doing', 60, '旧记录', '李');
        """
    )
    conn.close()
    log = json.loads(cli("log", "old-2027/1.1", "--json").stdout)
    assert [(e["note"], e["percent"]) for e in log] == [("旧记录", 60)]
    rows = json.loads(cli("tasks", "--json", today="2027-01-25").stdout)
    assert [(r["key"], r["occurrence"], r["percent"]) for r in rows] == [("old-2027/1.1", "2027-01", 60)]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT until FROM occurrences").fetchone()[0] == "2027-03-01"
    # 0005: the occurrence settles (missed) on 03-01; completion reads it the same either side
    assert conn.execute(
        "SELECT settles, settled_done, settled_credit, first_record_date FROM occurrences"
    ).fetchone() == (
        "2027-03-01",
        0,
        0.0,
        "2027-01-20",
    )
    percent = {
        day: json.loads(cli("plans", "--json", today=day).stdout)[0]["percent"]
        for day in ("2027-02-10", "2027-03-05")
    }
    assert percent == {"2027-02-10": 60, "2027-03-05": 0}
    assert conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(migrations.MIGRATIONS)


@pytest.mark.usefixtures("english")
def test_newer_database_is_refused(cli: Invoke, db_path: Path) -> None:
    database.open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('civicli', '0099_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    r = cli("plans")
    assert r.exit_code == 1
    assert "0099_from_the_future" in r.stderr and str(db_path) in r.stderr and "Traceback" not in r.stderr


@pytest.mark.usefixtures("english")
def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match=r"other\.db"):
        database.open_store(path)


def test_not_a_database_is_refused(tmp_path: Path, cli: Invoke) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    r = cli("--db", str(path), "plans")
    assert r.exit_code == 1 and "notes.db" in r.stderr and "Traceback" not in r.stderr


def test_default_path_follows_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert connection.default_path() == tmp_path / "xdg" / "civicli" / "civicli.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert connection.default_path() == tmp_path / "home" / ".local" / "share" / "civicli" / "civicli.db"


def test_triggers_of_the_facts_written_otherwise_are_replaced_on_open(
    cli: Invoke, db_path: Path, forms: Path
) -> None:
    """The triggers that keep the facts cached on occurrence rows are the code's
    (store/completion.py): one whose text differs — an older release's, or a wrong one — is
    replaced when the database is opened, and every row's facts are recomputed by the code's rule."""
    from civicli.store import completion

    assert cli("load", str(forms)).exit_code == 0
    # 1.1 at 40 % on 02-20: its occurrence is never missed (until 9999-12-31), so the credit it
    # counts with once settled (settled_credit) is its latest percent, 40 / 100
    assert cli("progress", "1.1", "--percent", "40", today="2027-02-20").exit_code == 0
    columns = "task_key, key, settles, settled_done, settled_credit, settled_overdue, latest_percent, last_record_date"
    conn = sqlite3.connect(db_path)
    right = conn.execute(f"SELECT {columns} FROM occurrences ORDER BY task_key, key").fetchall()
    assert ("forms-2027/1.1", 0.4) in {(r[0], r[4]) for r in right}
    # a trigger of another rule (every credit one half), and every row recomputed by it
    with conn:
        conn.execute("DROP TRIGGER occurrence_facts")
        conn.execute(
            "CREATE TRIGGER occurrence_facts AFTER UPDATE OF facts_fresh ON occurrences "
            "WHEN NOT NEW.facts_fresh BEGIN "
            "UPDATE occurrences SET settled_credit = 0.5, facts_fresh = 1 WHERE rowid = NEW.rowid; END"
        )
        conn.execute("UPDATE occurrences SET facts_fresh = 0")
    assert {r[0] for r in conn.execute("SELECT DISTINCT settled_credit FROM occurrences")} == {0.5}
    conn.close()

    assert cli("plans").exit_code == 0  # opens it
    conn = sqlite3.connect(db_path)
    try:
        triggers = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
        assert {n: triggers[n] for n in completion.TRIGGERS} == completion.TRIGGERS
        assert conn.execute(f"SELECT {columns} FROM occurrences ORDER BY task_key, key").fetchall() == right
        # opened again: nothing to replace
        conn.isolation_level = None
        assert completion.install_triggers(conn) is False
    finally:
        conn.close()


def test_a_read_only_database_keeps_its_triggers(db_path: Path) -> None:
    """Opened read-only (a backup on read-only media), a database whose triggers differ from the
    code's is read as it is: nothing is written there."""
    from civicli.store import completion

    database.open_store(db_path).close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER occurrence_moved")
    conn.close()
    ro = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
    try:
        assert completion.install_triggers(ro) is False
        names = {r[0] for r in ro.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "occurrence_moved" not in names
    finally:
        ro.close()
