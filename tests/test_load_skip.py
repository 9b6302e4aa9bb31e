"""Re-loading unchanged plan files is a no-op: a file whose file_stat (device, inode, size, times)
or bytes, and civicli version, match what was loaded from its path is skipped unparsed, still
reported as unchanged (real CLI, real files); with its file_stat matching, it is not even read."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PLANS, Invoke, to_full_disk

from civicli.plan import sources
from civicli.plan.sources import SETTLED_NS

CIVICLI = Path(sys.executable).with_name("civicli")


def _process(
    command: list[str], db: Path, cwd: Path | None = None, lang_env: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-01", "NO_COLOR": "1"}
    if lang_env is not None:
        env["CIVICLI_LANG"] = lang_env
    return subprocess.run(
        command,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _process([str(CIVICLI), *args], db)


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


def _setup(tmp_path: Path, settled: bool = False) -> tuple[Path, Path]:
    """The shipped plans copied and loaded. `settled`: loaded once SETTLED_NS have passed since
    they were written, so that their file_stats are kept at once."""
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    if settled:
        time.sleep(SETTLED_NS / 1e9 + 0.2)
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


def _file_stats(db: Path) -> dict[str, str | None]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, file_stat FROM plans ORDER BY id").fetchall())
    finally:
        conn.close()


def test_unchanged_reload_writes_nothing_and_reports_unchanged(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path, settled=True)
    assert all(_file_stats(db).values())  # every file's file_stat kept: a re-load reads none
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


def _settled(folder: Path) -> None:
    """Wait until every file in `folder` last changed SETTLED_NS ago: from then on a load keeps
    their file_stat at once, and a busy machine's pauses between two loads change nothing."""
    newest = max(p.stat().st_ctime_ns for p in folder.rglob("*"))
    time.sleep(max(0.0, (newest + SETTLED_NS - time.time_ns()) / 1e9) + 0.05)


def test_force_and_an_older_version_reload_for_real(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    _settled(folder)
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


# ---------------------------------------------------------------- a re-load, as cron runs it


def _console(
    db: Path, cwd: Path, *args: str, lang_env: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed console script, in the folder `cwd`."""
    return _process([str(CIVICLI), *args], db, cwd, lang_env)


def test_a_reload_names_the_files_as_typed_in_the_order_given(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    for args, lang in [
        (("load", "plans"), None),  # relative to the working folder, as typed
        (("load", str(folder)), "en"),
        (("load", "plans", "--db", str(db), "--today=2027-5-1"), None),
    ]:
        r = _console(db, tmp_path, *args, lang_env=lang)
        assert (r.returncode, r.stderr) == (0, ""), args
    r = _console(db, tmp_path, "--lang", "en", "load", "plans/2027-pian2.yaml", "plans/2027-pian1.yaml")
    rows = [line.split()[0] for line in r.stdout.splitlines()[1:-1]]
    assert rows == ["plans/2027-pian2.yaml", "plans/2027-pian1.yaml"]
    assert r.stdout.splitlines()[-1] == "Loaded 2 files."


def test_a_reload_still_checks_its_options_and_paths(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    # --dry-run says nothing was written; a bad --today and a bad --lang are usage errors
    r = _console(db, tmp_path, "load", "--dry-run", str(folder))
    assert r.returncode == 0 and r.stdout.rstrip().endswith("试运行：没有写入任何内容。")
    r = _console(db, tmp_path, "load", str(folder), "--today", "2027-13-45")
    assert r.returncode == 2 and "--today" in r.stderr
    r = _console(db, tmp_path, "load", str(folder), "--lang", "fr")
    assert r.returncode == 2 and "fr" in r.stderr
    # a path that does not exist is named, with nothing loaded
    r = _console(db, tmp_path, "load", str(folder), str(tmp_path / "missing.yaml"))
    assert r.returncode == 1 and "missing.yaml" in r.stderr
    # no database yet: made by the full command
    fresh = tmp_path / "fresh.db"
    r = _console(fresh, tmp_path, "load", str(folder))
    assert r.returncode == 0 and fresh.exists()
    assert _counts(r.stdout, "pian1-2027")[1:] == ["0", "0", "0"]


def test_a_reload_to_a_full_disk_is_one_message(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    env = {**os.environ, "CIVICLI_DB": str(db), "NO_COLOR": "1"}
    r = to_full_disk([str(CIVICLI), "load", str(folder)], env)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("错误")


def test_a_change_that_keeps_size_and_times_is_still_loaded(tmp_path: Path) -> None:
    """The ctime gives the change away: no program can set it back (mtime it can)."""
    folder, db = _setup(tmp_path, settled=True)
    pian2 = folder / "2027-pian2.yaml"
    raw = pian2.read_bytes()
    old, new = "title: 开展学习实践科学发展观活动".encode(), "title: 开展学习实践精神文明观活动".encode()
    assert len(old) == len(new) and raw.count(old) == 1
    kept = pian2.stat()
    pian2.write_bytes(raw.replace(old, new, 1))
    os.utime(pian2, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert (pian2.stat().st_size, pian2.stat().st_mtime_ns) == (kept.st_size, kept.st_mtime_ns)
    r = _run(db, "load", str(folder))
    assert r.returncode == 0, r.stderr
    assert _counts(r.stdout, "pian2-2027")[1] == "1"  # one task's title updated
    assert _counts(r.stdout, "pian1-2027")[:3] == ["0", "0", "0"]
    conn = sqlite3.connect(db)
    titles = [t for (t,) in conn.execute("SELECT title FROM tasks WHERE plan_id = 'pian2-2027'")]
    conn.close()
    assert "开展学习实践精神文明观活动" in titles and "开展学习实践科学发展观活动" not in titles


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan files whose bytes are read from now on, by name."""
    read: list[str] = []
    real = sources._read_plan_bytes

    def counted(path: Path) -> tuple[bytes | None, object, str | None]:
        read.append(Path(path).name)
        return real(path)  # type: ignore[return-value]

    monkeypatch.setattr(sources, "_read_plan_bytes", counted)
    return read


def test_a_settled_file_is_skipped_unread_and_a_touched_one_read_once(
    cli: Invoke, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "SETTLED_NS", 0)  # as if the files were written long ago
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    assert cli("load", str(folder)).exit_code == 0
    assert all(_file_stats(db_path).values())
    read = _reads(monkeypatch)
    again = cli("load", str(folder))
    assert again.exit_code == 0, again.stderr
    assert read == []  # not one file opened
    assert _counts(again.stdout, "pian3-2027")[:3] == ["0", "0", "0"]
    # touched: read and found the same, its new file_stat kept; the next re-load reads nothing
    pian3 = folder / "2027-pian3.yaml"
    before = _file_stats(db_path)
    os.utime(pian3, ns=(pian3.stat().st_atime_ns, pian3.stat().st_mtime_ns + 1_000_000_000))
    touched = cli("load", str(folder))
    assert touched.exit_code == 0 and touched.stdout == again.stdout
    assert read == ["2027-pian3.yaml"]
    after = _file_stats(db_path)
    assert after["pian3-2027"] != before["pian3-2027"] and after["pian1-2027"] == before["pian1-2027"]
    assert cli("load", str(folder)).stdout == again.stdout
    assert read == ["2027-pian3.yaml"]


def test_a_file_loaded_just_after_it_was_written_is_read_on_the_next_load(
    cli: Invoke, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within SETTLED_NS of a change, a second change could leave the same file_stat: none is
    kept, and the next re-load compares the bytes."""
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    assert cli("load", str(folder)).exit_code == 0  # at once: well within three seconds
    assert set(_file_stats(db_path).values()) == {None}
    read = _reads(monkeypatch)
    assert cli("load", str(folder)).exit_code == 0
    assert sorted(read) == sorted(p.name for p in folder.glob("*.yaml"))
