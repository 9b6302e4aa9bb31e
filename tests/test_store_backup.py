"""backup and check: a consistent copy while others write, never overwriting, whole or not at
all; check names each problem (integrity, schema, missing evidence files); restoring works."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from conftest import DATA, dump
from typer.testing import CliRunner, Result

from civicli.cli.app import app
from civicli.i18n import RELY

CIVICLI = Path(sys.executable).with_name("civicli")


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-10", "NO_COLOR": "1"}


def _cli(db: Path, *args: str) -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": "2027-03-10"}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _loaded(tmp_path: Path) -> Path:
    db = tmp_path / "civicli.db"
    for plan in (DATA / "forms.yaml", DATA / "inspections" / "demo.yaml"):
        r = _cli(db, "load", str(plan))
        assert r.exit_code == 0, r.stderr
    return db


def test_backup_while_another_process_writes_is_consistent(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        i = 0
        while not stop.is_set() and i < 60:
            p = subprocess.run(
                [str(CIVICLI), "progress", "1.3", "--note", f"w{i}", "--metric", "participants=2"],
                env=_env(db),
                capture_output=True,
            )
            written.append(p.returncode)
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = []
        for k in range(3):
            target = tmp_path / f"copy{k}.db"
            p = subprocess.run(
                [str(CIVICLI), "backup", str(target)], env=_env(db), capture_output=True, text=True
            )
            assert p.returncode == 0, p.stderr
            copies.append(target)
    finally:
        stop.set()
        thread.join()
    assert written and set(written) == {0}
    for copy in copies:
        assert not Path(str(copy) + "-wal").exists()  # one self-contained file
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            # a snapshot: every record in it has its metric, none half-copied
            n, m = conn.execute(
                "SELECT COUNT(*), (SELECT COUNT(*) FROM record_metrics) FROM records"
            ).fetchone()
        finally:
            conn.close()
        assert n == m
        assert _cli(copy, "check").exit_code == 0
    # the source went on: it has every record
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == len(written)
    conn.close()


def test_backup_never_overwrites_and_leaves_nothing_on_failure(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    existing = tmp_path / "existing.db"
    existing.write_text("keep me", encoding="utf-8")
    r = _cli(db, "backup", str(existing))
    assert r.exit_code == 1 and str(existing) in r.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"

    missing_folder = tmp_path / "no" / "such" / "copy.db"
    r = _cli(db, "backup", str(missing_folder))
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "no").exists()

    # the disk fills while copying: exit 1, one line, no file at the destination, no temporary file
    out = tmp_path / "out"
    out.mkdir()

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    p = subprocess.run(
        [str(CIVICLI), "backup", str(out / "copy.db")],
        env=_env(db),
        capture_output=True,
        text=True,
        preexec_fn=limit,
    )
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert list(out.iterdir()) == []


def test_check_names_each_problem(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    photo = tmp_path / "楼道.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    r = _cli(db, "inspect", "stairwell", "--area", "1号楼", "--pass", "corridor", "--pass", "basement",
             "--pass", "yard", "--photo", str(photo))  # fmt: skip
    assert r.exit_code == 0, r.stderr
    ok = _cli(db, "check")
    assert ok.exit_code == 0, ok.stderr
    # two evidence files go missing: one no record uses, and the inspection's photo (its copy in
    # the evidence folder: the original's loss is no problem)
    [stored] = json.loads(_cli(db, "inspections", "--json").stdout)[0]["photos"]
    photo.unlink()
    assert _cli(db, "check").exit_code == 0
    (db.parent / stored).unlink()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO evidence (sha256, path, original_name, added_at) VALUES ('ab', 'ab/门前.jpg', '门前.jpg', 'x')"
    )
    conn.commit()
    conn.close()
    r = _cli(db, "check")
    assert r.exit_code == 1
    problems = r.stderr.strip().splitlines()
    assert any("门前.jpg" in line and "civicli-files" in line for line in problems)
    assert any(stored in line and RELY["user_inspection"].format(id=1) in line for line in problems)
    assert str(db) in problems[-1]  # the summary line names the database
    assert r.stdout == ""


def test_check_reports_damage_and_an_unknown_schema(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('civicli', '0999_future', 'x')"
    )
    conn.commit()
    conn.close()
    r = _cli(db, "check")
    assert r.exit_code == 1 and "0999_future" in r.stderr

    (tmp_path / "d").mkdir()
    damaged = _loaded(tmp_path / "d")
    conn = sqlite3.connect(damaged)
    conn.execute("PRAGMA journal_mode = DELETE")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tasks_owner'").fetchone()[0]
    conn.close()
    with open(damaged, "r+b") as fh:  # scribble over one index page
        fh.seek((root - 1) * page + 8)
        fh.write(b"\x00\x07" * 200)
    r = _cli(damaged, "check")
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert str(damaged) in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) >= 2 and all("SQLite" in line for line in lines[:-1])


def test_restore_is_copying_the_backup_back(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    assert _cli(db, "progress", "1.3", "--note", "备份之前").exit_code == 0
    copy = tmp_path / "copy.db"
    assert _cli(db, "backup", str(copy)).exit_code == 0
    saved = dump(db)
    assert _cli(db, "progress", "1.3", "--note", "备份之后").exit_code == 0
    # restore: the database replaced by the backup (nothing else running)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    copy.replace(db)
    assert _cli(db, "check").exit_code == 0
    assert dump(db) == saved
    notes = _cli(db, "log", "1.3", "--json").stdout
    assert "备份之前" in notes and "备份之后" not in notes
    assert _sha(db)  # readable


def test_a_damaged_database_is_named_and_left_as_it_is(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    with open(db, "r+b") as fh:  # the schema's own page: a leaf page claiming 9 cells of junk
        fh.seek(100)
        fh.write(b"\x0d\x00\x00\x00\x09" + b"\xff" * 300)
    digest = _sha(db)
    for args in (["plans"], ["check"], ["backup", str(tmp_path / "copy.db")]):
        r = _cli(db, *args)
        assert r.exit_code == 1 and "Traceback" not in r.stderr
        assert r.stderr.strip().splitlines() == [r.stderr.strip()] and str(db) in r.stderr
        assert "civicli check" in r.stderr  # and what to do
    assert _sha(db) == digest
    assert not (tmp_path / "copy.db").exists()


def test_a_backup_on_read_only_media_can_be_checked_and_read(tmp_path: Path) -> None:
    from test_store_summary import read_only

    db = _loaded(tmp_path)
    copy = tmp_path / "copy.db"
    assert _cli(db, "backup", str(copy)).exit_code == 0
    digest = _sha(copy)
    with read_only(copy):
        r = _cli(copy, "check")
        assert r.exit_code == 0, r.stderr
        assert _cli(copy, "tasks", "--json").exit_code == 0
        w = _cli(copy, "progress", "1.3", "--note", "写不进去")
        assert w.exit_code == 1 and str(copy) in w.stderr and len(w.stderr.strip().splitlines()) == 1
    assert _sha(copy) == digest
