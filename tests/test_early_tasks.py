"""`civicli tasks --json [--plan ID]` is answered before typer is imported (cli/early.py): what it
prints, its exit code and its messages are the full command's, for every command line it takes
and every one it passes on (real console script, real processes, a real database with an open
rectification, whose title is in the interface language)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS, RECTIFY_PLAN, to_full_disk

CIVICLI = Path(sys.executable).with_name("civicli")
TODAY = "2027-09-10"


def _process(command: list[str], db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "NO_COLOR": "1", **env}
    for key in [k for k, v in full_env.items() if v == ""]:
        del full_env[key]
    return subprocess.run(
        command,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _console(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed console script: the early answer where it applies."""
    return _process([str(CIVICLI), *args], db, **env)


def _full(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The full command (cli.app.main: typer), never the early answer."""
    code = f"import sys; sys.argv = ['civicli', *{list(args)!r}]\nfrom civicli.cli.app import main; main()"
    return _process([sys.executable, "-c", code], db, **env)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans and a plan with an inspection template, loaded; 2号楼's corridor failed
    on 2027-09-01, so a rectification is open (due 09-01 + 7 = 09-08: overdue on 09-10)."""
    folder = tmp_path_factory.mktemp("early") / "plans"
    shutil.copytree(PLANS, folder)
    (folder / "rc.yaml").write_text(RECTIFY_PLAN, encoding="utf-8")
    path = folder.parent / "civicli.db"
    loaded = _console(path, "load", str(folder))
    assert loaded.returncode == 0, loaded.stderr
    failed = _console(
        path,
        "inspect",
        "rc-2027/stairwell",
        "--area",
        "2号楼",
        "--fail",
        "corridor=堆放杂物",
        "--pass",
        "basement",
        "--date",
        "2027-09-01",
    )
    assert failed.returncode == 0, failed.stderr
    return path


def _same(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    early, full = _console(db, *args, **env), _full(db, *args, **env)
    assert (early.returncode, early.stdout, early.stderr) == (full.returncode, full.stdout, full.stderr), args
    return early


def test_the_early_answer_prints_what_the_full_command_prints(db: Path) -> None:
    everything = json.loads(_same(db, "tasks", "--json").stdout)
    rectification = next(line for line in everything if line["kind"] == "rectification")
    # the open rectification, overdue since 09-08, its title in Chinese
    assert (rectification["plan"], rectification["due"], rectification["overdue"]) == (
        "rc-2027",
        "2027-09-08",
        True,
    )
    assert "楼道无堆物" in rectification["title"] and "2号楼" in rectification["title"]
    assert {line["plan"] for line in everything} >= {"rc-2027", "pian1-2027"}

    one = json.loads(_same(db, "tasks", "--json", "--plan", "rc-2027").stdout)
    assert one and {line["plan"] for line in one} == {"rc-2027"}
    assert one == [line for line in everything if line["plan"] == "rc-2027"]
    assert json.loads(_same(db, "tasks", "--plan=rc-2027", "--json").stdout) == one
    assert json.loads(_same(db, "tasks", "--json", "--plan", "整改测试").stdout) == one  # by its title

    english = json.loads(_same(db, "--lang", "en", "tasks", "--json", "--plan", "rc-2027").stdout)
    titles = [line["title"] for line in english if line["kind"] == "rectification"]
    assert titles == ["Fix: 楼道无堆物 (2号楼)"]  # the rectification's title in English, its words as typed
    assert [line["title"] for line in one if line["kind"] == "rectification"] == ["整改：楼道无堆物（2号楼）"]
    assert json.loads(_same(db, "tasks", "--json", "--plan", "rc-2027", CIVICLI_LANG="en").stdout) == english

    # today as a clerk writes it, before or after the command, or from the environment: the day
    # before the rectification was opened
    first = json.loads(_same(db, "--today", "2027年8月31日", "tasks", "--json", "--plan", "rc-2027").stdout)
    assert first != one and not any(line["kind"] == "rectification" for line in first)
    assert json.loads(_same(db, "tasks", "--json", "--today=2027-8-31", "--plan", "rc-2027").stdout) == first
    assert (
        json.loads(_same(db, "tasks", "--json", "--plan", "rc-2027", CIVICLI_TODAY="2027-08-31").stdout)
        == first
    )


def test_command_lines_it_passes_on_get_what_the_full_command_says(db: Path) -> None:
    for args, code in (
        (("tasks", "--json", "--plan", "nosuch"), 1),  # no such plan
        (("tasks", "--json", "--plan", "计划"), 1),  # in more than one plan's title
        (("--today", "2027-02-30", "tasks", "--json"), 2),  # not a day
        (("--today", "1800-01-01", "tasks", "--json"), 2),  # outside 1900–2100
        (("tasks", "--json", "--plan"), 2),  # a value missing
        (("tasks", "--json", "--plan="), 1),  # an empty one: no such plan
        (("tasks", "--json", "extra"), 2),  # a word tasks does not take
        (("--lang", "fr", "tasks", "--json"), 2),
        (("tasks", "--json", "--json"), 0),
        (("tasks", "--json", "--overdue"), 0),  # an option of its own: the full command
        (("tasks", "--json", "--help"), 0),
        (("tasks",), 0),  # the table
    ):
        r = _same(db, *args)
        assert r.returncode == code, (args, r.stderr)
        assert "Traceback" not in r.stderr


def test_no_database_yet_is_left_to_the_full_command(tmp_path: Path) -> None:
    early = _console(tmp_path / "a.db", "tasks", "--json")
    full = _full(tmp_path / "b.db", "tasks", "--json")
    assert (early.returncode, early.stdout, early.stderr) == (full.returncode, full.stdout, full.stderr)
    assert (early.returncode, early.stdout) == (0, "[]\n")


def test_a_database_it_cannot_use_is_left_to_the_full_command(tmp_path: Path) -> None:
    """Another program's SQLite file, a file that is no database, a damaged one: the full
    command's message, and the file left as it was."""
    import sqlite3

    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    text = tmp_path / "notes.db"
    text.write_text("社区工作笔记\n" * 200, encoding="utf-8")
    for path in (foreign, text):
        before = path.read_bytes()
        r = _same(path, "tasks", "--json")
        assert r.returncode == 1 and r.stdout == "" and str(path) in r.stderr
        assert path.read_bytes() == before


def test_the_early_answer_imports_no_typer(db: Path) -> None:
    code = (
        "import sys; sys.argv = ['civicli', *sys.argv[1:]]\n"
        "from civicli.cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, sorted(m for m in ('typer', 'click', 'yaml', 'civicli.cli.app') if m in sys.modules), "
        "file=sys.stderr)"
    )
    for plan in ("rc-2027", "整改测试"):  # its id, or text of its title
        r = _process([sys.executable, "-c", code, "tasks", "--json", "--plan", plan], db)
        assert json.loads(r.stdout)[0]["plan"] == "rc-2027"
        assert r.stderr.splitlines()[-1] == "0 []"
    # a plan not found: the full command runs, and says so
    r = _process([sys.executable, "-c", code, "tasks", "--json", "--plan", "nosuch"], db)
    assert "nosuch" in r.stderr and r.stderr.splitlines()[-1] == "1 ['civicli.cli.app', 'typer']"


def test_a_full_disk_is_one_message(db: Path) -> None:
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "NO_COLOR": "1"}
    r = to_full_disk([str(CIVICLI), "tasks", "--json"], env)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("错误")
