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


# ---------------------------------------------------------------- the answer before typer
# `civicli load` of files loaded already and unchanged is answered by cli/load_unchanged.py
# before typer and the parser are imported; it must say exactly what the full command says.


def _full(db: Path, cwd: Path, *args: str, lang_env: str | None = None) -> subprocess.CompletedProcess[str]:
    """The full command (cli.app.main: typer, the parser), never the early answer."""
    code = f"import sys; sys.argv = ['civicli', *{list(args)!r}]\nfrom civicli.cli.app import main; main()"
    return _process([sys.executable, "-c", code], db, cwd, lang_env)


def _console(
    db: Path, cwd: Path, *args: str, lang_env: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed console script (the early answer where it applies)."""
    return _process([str(CIVICLI), *args], db, cwd, lang_env)


def test_early_answer_says_what_the_full_command_says(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    cases: list[tuple[tuple[str, ...], str | None]] = [
        (("load", "plans"), None),  # relative to the working folder, as typed
        (("load", str(folder)), "en"),
        (("--lang", "en", "load", "plans/2027-pian2.yaml", "plans/2027-pian1.yaml"), None),
        (("load", "plans", "--db", str(db), "--today=2027-5-1"), None),
    ]
    for args, lang in cases:
        early = _console(db, tmp_path, *args, lang_env=lang)
        full = _full(db, tmp_path, *args, lang_env=lang)
        assert early.returncode == full.returncode == 0, (args, early.stderr, full.stderr)
        assert early.stdout == full.stdout, args
        assert early.stderr == full.stderr == "", args
    # the English table names the files as typed, in the order given
    early = _console(db, tmp_path, "--lang", "en", "load", "plans/2027-pian2.yaml", "plans/2027-pian1.yaml")
    rows = [line.split()[0] for line in early.stdout.splitlines()[1:-1]]
    assert rows == ["plans/2027-pian2.yaml", "plans/2027-pian1.yaml"]
    assert early.stdout.splitlines()[-1] == "Loaded 2 files."


def test_odd_command_lines_get_what_the_full_command_says(tmp_path: Path) -> None:
    """Whatever the early answer passes on, the full command answers: the two agree on exit
    code and output for command lines near the edge of what it takes."""
    _, db = _setup(tmp_path)
    for args in (
        ("load", "--db=", "plans"),  # an empty value
        ("load", "plans", "--db", str(db), "--db", str(db)),  # given twice
        ("load", "plans", "--lang"),  # a value missing
        ("load",),  # no path
        ("load", "--", "plans"),
        ("--today", "2027年5月1日", "load", "plans"),  # a date as a clerk writes it
    ):
        early = _console(db, tmp_path, *args)
        full = _full(db, tmp_path, *args)
        assert (early.returncode, early.stdout, early.stderr) == (
            full.returncode,
            full.stdout,
            full.stderr,
        ), args


def test_early_answer_imports_neither_typer_nor_the_parser(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    code = (
        f"import sys; sys.argv = ['civicli', 'load', {str(folder)!r}]\n"
        "from civicli.cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, sorted(m for m in ('typer', 'yaml', 'civicli.plan.planfile', 'sqlite_utils') if m in sys.modules))"
    )
    env = {**os.environ, "CIVICLI_DB": str(db), "NO_COLOR": "1"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "0 []"
    # a changed file: the full command runs (and loads it)
    pian4 = folder / "2027-pian4.yaml"
    pian4.write_bytes(pian4.read_bytes() + b"\n# edited\n")
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    code_printed, imported = r.stdout.splitlines()[-1].split(" ", 1)
    assert code_printed == "0"
    assert all(f"'{m}'" in imported for m in ("civicli.plan.planfile", "typer", "yaml"))


def test_what_the_early_answer_leaves_to_the_full_command(tmp_path: Path) -> None:
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


def test_early_answer_to_a_full_disk_is_one_message(tmp_path: Path) -> None:
    folder, db = _setup(tmp_path)
    env = {**os.environ, "CIVICLI_DB": str(db), "NO_COLOR": "1"}
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [str(CIVICLI), "load", str(folder)],
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("错误")
