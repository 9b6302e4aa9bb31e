"""`civicli --version` is answered before the commands are imported: same output, same exit, as
through the global option (which still answers when other options come with it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicli import __version__

CIVICLI = Path(sys.executable).with_name("civicli")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args], capture_output=True, text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL
    )


def test_version_fast_path_prints_what_the_option_prints(tmp_path: Path) -> None:
    fast = _run(str(CIVICLI), "--version")
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, f"civicli {__version__}\n", "")
    # through typer's eager option: another global option before it takes the ordinary path
    db = tmp_path / "x.db"
    slow = _run(str(CIVICLI), "--db", str(db), "--version")
    assert (slow.returncode, slow.stdout) == (0, fast.stdout)
    assert not db.exists()  # neither path opens a database
    module = _run(sys.executable, "-m", "civicli", "--version")
    assert (module.returncode, module.stdout) == (0, fast.stdout)


def test_version_fast_path_imports_no_command(tmp_path: Path) -> None:
    code = (
        "import sys; sys.argv = ['civicli', '--version']\n"
        "from civicli.cli.entry import main; main()\n"
        "print(sorted(m for m in ('typer', 'click', 'civicli.cli.app') if m in sys.modules))"
    )
    r = _run(sys.executable, "-c", code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"civicli {__version__}", "[]"]


def test_command_table_lists_every_command_of_every_module() -> None:
    """COMMANDS (which module defines each command, for building only the one invoked) names
    exactly the commands the modules define: a command added to a module and not to the table
    would be missing from a run; one in the table and not in its module would fail to build."""
    import importlib
    import pkgutil

    import civicli.cli as package
    from civicli.cli.app import COMMANDS, command_name

    defined = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.endswith("_cmd"):
            module = importlib.import_module(f"civicli.cli.{info.name}")
            for command in module.app.registered_commands:
                defined[command_name(command)] = info.name
    assert defined == COMMANDS
    assert len(COMMANDS) == 23  # draft added


def test_a_run_builds_only_the_command_it_invokes(tmp_path: Path) -> None:
    """`civicli --db X tasks` imports the tasks module and not the others; help, a mistyped
    command and completion get the whole tree (its list, the suggestion)."""
    code = (
        "import sys\n"
        "from civicli.cli.app import build, invoked\n"
        "for argv in (['--db', 'x.db', 'tasks', '--plan', 'p'], ['--lang=en', 'load', 'plans'],\n"
        "             ['summary', '--db', 'x.db'], ['--help'], ['tsks'], [], ['--version', 'tasks']):\n"
        "    name = invoked(argv)\n"
        "    group = build(None if name is None else [name])\n"
        "    from typer.main import get_command\n"
        "    print(name, len(get_command(group).commands))\n"
    )
    r = _run(sys.executable, "-c", code)
    assert r.returncode == 0, r.stderr
    from civicli.cli.app import COMMANDS

    assert r.stdout.splitlines() == [
        "tasks 1",
        "load 1",
        "summary 1",
        f"None {len(COMMANDS)}",
        f"None {len(COMMANDS)}",
        f"None {len(COMMANDS)}",
        f"None {len(COMMANDS)}",
    ]


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


def test_named_tuple_makes_the_class_typing_makes() -> None:
    """civicli.named_tuple.NamedTuple (no `typing` import at run time) against typing.NamedTuple:
    the same fields, defaults, methods, docstring, equality, copies and pickles."""
    import pickle
    import typing

    from civicli.named_tuple import NamedTuple

    def make(base: typing.Any) -> typing.Any:
        class Loaded(base):  # type: ignore[misc, valid-type]
            """What was loaded."""

            sha256: str
            plan_id: str
            file_stat: str | None = None

            def __str__(self) -> str:
                return f"{self.plan_id}@{self.sha256[:4]}"

        return Loaded

    ours, theirs = make(NamedTuple), make(typing.NamedTuple)
    a, b = ours("abcdef", "p1"), theirs("abcdef", "p1")
    assert ours is not theirs and isinstance(a, tuple) and ours.__mro__[1:] == (tuple, object)
    assert a == b == ("abcdef", "p1", None) and hash(a) == hash(b)
    assert (
        (repr(a), str(a), ours.__doc__)
        == (repr(b), str(b), theirs.__doc__)
        == (
            "Loaded(sha256='abcdef', plan_id='p1', file_stat=None)",
            "p1@abcd",
            "What was loaded.",
        )
    )
    assert ours._fields == theirs._fields and ours._field_defaults == theirs._field_defaults
    assert list(ours.__annotations__) == list(theirs.__annotations__) == ["sha256", "plan_id", "file_stat"]
    assert a._replace(file_stat="1:2") == ("abcdef", "p1", "1:2") and a._asdict() == b._asdict()
    assert ours.__qualname__ == theirs.__qualname__ and ours.__module__ == theirs.__module__

    # a class of a module pickles by name, as the parse-ahead child sends problems
    from civicli.errors import Problem

    problem = Problem("plans/a.yaml", 3, "tasks[0].due", "不是日期")
    assert pickle.loads(pickle.dumps(problem)) == problem
    assert str(problem) == "plans/a.yaml:3: tasks[0].due: 不是日期"

    # what typing refuses, refused
    with pytest.raises(TypeError):

        class Bad(NamedTuple):  # a field without a default after one with a default
            a: int = 1
            b: int

    with pytest.raises(AttributeError):

        class Worse(NamedTuple):
            a: int

            def _replace(self) -> None: ...


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["", ".", "..", "a", "b.yaml", "规划", " ", "a b"]), max_size=6),
    st.sampled_from(["", "/", "//", "///"]),
    st.booleans(),
)
def test_as_typed_writes_a_path_as_pathlib_does(parts: list[str], root: str, trailing: bool) -> None:
    """civicli.paths.as_typed (no pathlib on the re-load's path) against str(PurePosixPath(...)),
    over paths with empty, `.` and `..` parts, roots of one to three slashes, trailing slashes."""
    from pathlib import PurePosixPath

    from civicli.paths import as_typed, parts_key

    text = root + "/".join(parts) + ("/" if trailing and parts else "")
    assert as_typed(text) == str(PurePosixPath(text)), text
    # the order of Path objects, for paths of one folder
    names = ["a/x.yaml", "a-b.yaml", "a/b/c.yml", "A.yaml", "a.yaml", "a0.yaml"]
    assert sorted(names, key=parts_key) == [str(p) for p in sorted(PurePosixPath(n) for n in names)]


def test_a_reload_of_unchanged_files_imports_neither_pathlib_nor_typing(tmp_path: Path) -> None:
    """As an installed civicli runs it (no editable install's finder in `site` importing pathlib
    first): `python -S` with the project on the path."""
    import shutil

    from conftest import PLANS

    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    db = tmp_path / "civicli.db"
    env = {**os.environ, "CIVICLI_DB": str(db), "NO_COLOR": "1"}
    first = subprocess.run(
        [str(CIVICLI), "load", str(folder)], env=env, capture_output=True, text=True, timeout=120
    )
    assert first.returncode == 0, first.stderr
    root = str(Path(__file__).resolve().parent.parent)
    code = (
        f"import sys; sys.path.insert(0, {root!r}); sys.argv = ['civicli', 'load', {str(folder)!r}]\n"
        "from civicli.cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, sorted(m for m in ('pathlib', 'typing', 'typer', 'yaml') if m in sys.modules), file=sys.stderr)"
    )
    r = subprocess.run(
        [sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.stderr.splitlines()[-1] == "0 []", r.stderr
    assert "pian1-2027" in r.stdout and r.stdout.splitlines()[-1] == "已载入 4 个文件。"
