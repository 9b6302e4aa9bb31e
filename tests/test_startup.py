"""`civicli --version`, and a run builds only the command it invokes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from civicli import __version__

CIVICLI = Path(sys.executable).with_name("civicli")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args], capture_output=True, text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL
    )


def test_version_prints_the_version_and_opens_no_database(tmp_path: Path) -> None:
    fast = _run(str(CIVICLI), "--version")
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, f"civicli {__version__}\n", "")
    db = tmp_path / "x.db"
    slow = _run(str(CIVICLI), "--db", str(db), "--version")
    assert (slow.returncode, slow.stdout) == (0, fast.stdout)
    assert not db.exists()  # neither path opens a database
    module = _run(sys.executable, "-m", "civicli", "--version")
    assert (module.returncode, module.stdout) == (0, fast.stdout)


def test_command_table_lists_every_command_of_every_module() -> None:
    """COMMANDS (which module defines each command, for importing only the one invoked) names
    exactly the commands the modules define: a command added to a module and not to the table
    would be missing from a run; one in the table and not in its module would fail to build."""
    import importlib
    import pkgutil

    import typer.main

    import civicli.cli as package
    from civicli.cli.app import COMMANDS

    defined = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.endswith("_cmd"):
            module = importlib.import_module(f"civicli.cli.{info.name}")
            built = typer.main.get_command(module.app)
            for name in getattr(built, "commands", None) or [built.name]:
                defined[name] = info.name
    assert defined == COMMANDS
    assert len(COMMANDS) == 24  # draft and archive added


def test_a_run_imports_only_the_command_it_invokes(tmp_path: Path) -> None:
    """`civicli --db X tasks` imports the tasks module and not the others (a global option after
    the command too); help imports none of them, and still lists them all."""
    code = (
        "import sys\n"
        "from civicli.cli.app import main\n"
        "sys.argv = ['civicli', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.endswith('_cmd')), file=sys.stderr)\n"
    )
    db = str(tmp_path / "x.db")
    for argv, imported in (
        (["--db", db, "tasks", "--plan", "p"], "['tasks_cmd']"),
        (["summary", "--db", db, "--help"], "['summary_cmd']"),
        (["--help"], "[]"),
    ):
        r = _run(sys.executable, "-c", code, *argv)
        assert r.stderr.splitlines()[-1] == imported, (argv, r.stderr)
    assert "config" in r.stdout and "validate" in r.stdout


def test_mistyped_command_is_still_suggested_and_help_lists_all(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    r = _run(str(CIVICLI), "--db", str(db), "--lang", "en", "tsks")
    assert r.returncode == 2
    assert "tasks" in r.stderr.split("tsks", 1)[1]  # the suggestion, after the name typed
    r = _run(str(CIVICLI), "--help")
    assert r.returncode == 0
    listed = r.stdout.split("命令：", 1)[1]
    assert all(f"  {name} " in listed for name in ("validate", "load", "summary", "export", "config"))
    assert not db.exists()


def test_a_command_loads_no_validation_library(tmp_path: Path) -> None:
    """Why typer is kept below 0.29 (pyproject.toml): from 0.29 on, every command run imports
    pydantic and builds a validator for each of its options — about 0.07 s more CPU on each
    command the clerk types (bench/README.md). civicli checks its options itself."""
    code = (
        "import sys\n"
        "from civicli.cli.app import main\n"
        "sys.argv = ['civicli', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')), file=sys.stderr)\n"
    )
    r = _run(sys.executable, "-c", code, "--db", str(tmp_path / "x.db"), "tasks", "--plan", "p")
    assert r.stderr.splitlines()[-1] == "[]", r.stderr


def test_what_a_run_leaves_unloaded(tmp_path: Path) -> None:
    """The reasons README.md (Architecture) gives for the few imports left inside functions,
    checked: piped output never loads Rich's console (the clerk's cron job, every script);
    `--version` and `--help` never load the store; a text bulletin loads no Word library;
    sqlite-utils is loaded only by the migration that uses it, not by a database already up to
    date. Each would cost every such run its import (bench/README.md)."""
    code = (
        "import sys\n"
        "from civicli.cli.app import main\n"
        "sys.argv = ['civicli', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "watched = ('rich.console', 'civicli.store.database', 'docx', 'xlsxwriter', 'PIL', 'sqlite_utils')\n"
        "print(sorted(m for m in watched if m in sys.modules), file=sys.stderr)\n"
    )
    db = str(tmp_path / "x.db")
    plans = str(Path(__file__).resolve().parent.parent / "plans")
    assert _run(str(CIVICLI), "--db", db, "load", plans).returncode == 0  # made and migrated
    for argv, loaded in (
        (["--version"], "[]"),
        (["--help"], "[]"),
        (["--db", db, "tasks"], "['civicli.store.database']"),
        (["--db", db, "summary"], "['civicli.store.database']"),
    ):
        r = _run(sys.executable, "-c", code, *argv)  # stdout a pipe: plain output
        assert r.stderr.splitlines()[-1] == loaded, (argv, r.stderr)
