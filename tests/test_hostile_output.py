"""User text is data (issue 10): markup-looking text and terminal escapes in plan files and on the
command line are shown as typed, with control characters escaped, in every listing, on a
terminal (a real pseudo-terminal) and piped; JSON keeps the exact text.

The plan tests/data/hostile/markup.yaml carries `[/]`, `[link=…]`, `[bold]` and ESC / BEL
sequences (clear screen, set the window title, OSC 8 hyperlinks, the alternate screen) in its
title, community, principles, roles, sections, tasks, owners, template, areas and items.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "hostile"
CIVICLI = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")
pytestmark = pytest.mark.skipif(CIVICLI is None, reason="civicli console script not installed")

TODAY = "2027-09-10"
NOTE = "[/] [link=http://evil.example]点我[/link] \x1b]0;pwned\x07\x1b[2J[bold]备注"
BY = "\x1b[31m张三[/]"
FAIL_NOTE = "堆物[/]\x1b]8;;http://evil.example\x07链接\x1b]8;;\x07"

# Rich's own colours are SGR sequences (ESC [ … m); anything else starting with ESC, and any BEL,
# is a sequence that came from the data.
SGR = re.compile(rb"\x1b\[[0-9;]*m")


def _env(db: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "CIVICLI_DB": str(db),
        "CIVICLI_TODAY": TODAY,
        "COLUMNS": "250",
        "TERM": "xterm-256color",
        **extra,
    }


def run(db: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The console script with stdout piped."""
    return subprocess.run(
        [str(CIVICLI), *args],
        env=_env(db),
        capture_output=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def run_tty(db: Path, *args: str) -> tuple[int, bytes, bytes]:
    """The console script with stdout on a pseudo-terminal (Rich output): (exit code, stdout, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [str(CIVICLI), *args],
        env=_env(db),
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:  # pragma: no cover - a hang is a failure, not a wait
            proc.kill()
            raise AssertionError(f"civicli {args} wrote nothing for 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    return proc.wait(timeout=60), b"".join(chunks), err


def assert_no_raw_controls(data: bytes, terminal: bool) -> None:
    """No ESC or BEL from the data: piped, none at all; on a terminal only Rich's SGR colours."""
    rest = SGR.sub(b"", data) if terminal else data
    assert b"\x1b" not in rest, rest[max(0, rest.find(b"\x1b") - 40) : rest.find(b"\x1b") + 40]
    assert b"\x07" not in rest
    assert b"\x9b" not in rest.decode("utf-8").encode("latin-1", "replace")  # no raw C1 CSI


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The markup plan loaded, a progress record and an inspection with hostile text."""
    path = tmp_path_factory.mktemp("hostile") / "civicli.db"
    r = run(path, "load", str(DATA / "markup.yaml"))
    assert r.returncode == 0, r.stderr.decode()
    r = run(path, "progress", "markup-2027/1.2", "--note", NOTE, "--by", BY, "--percent", "50")
    assert r.returncode == 0, r.stderr.decode()
    r = run(
        path,
        "inspect",
        "stairs",
        "--area",
        "2号楼",
        "--fail",
        f"corridor={FAIL_NOTE}",
        "--pass",
        "basement",
        "--by",
        BY,
        "--note",
        NOTE,
    )
    assert r.returncode == 0, r.stderr.decode()
    return path


LISTINGS = [
    ("plans",),
    ("show", "markup-2027"),
    ("tasks",),
    ("tasks", "--all"),
    ("log", "markup-2027/1.2"),
    ("inspections",),
    ("rectifications", "--all"),
    ("coverage", "stairs"),
    ("summary", "--week", "2027-W36"),
]


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_listing_on_a_terminal_shows_markup_as_text(db: Path, args: tuple[str, ...]) -> None:
    code, out, err = run_tty(db, *args)
    assert code == 0, err.decode()
    assert b"Traceback" not in err and b"MarkupError" not in err
    assert_no_raw_controls(out, terminal=True)
    text = SGR.sub(b"", out).decode("utf-8")
    assert "[/]" in text  # every listing shows some of the plan's or the records' text as typed


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_listing_piped_has_no_raw_escapes(db: Path, args: tuple[str, ...]) -> None:
    r = run(db, *args)
    assert r.returncode == 0, r.stderr.decode()
    assert_no_raw_controls(r.stdout, terminal=False)
    assert "[/]" in r.stdout.decode("utf-8")


def test_escapes_are_shown_escaped_where_they_were(db: Path) -> None:
    r = run(db, "log", "markup-2027/1.2")
    text = r.stdout.decode("utf-8")
    # the note as typed, ESC shown as \x1b and BEL as \x07
    assert "[/] [link=http://evil.example]点我[/link] \\x1b]0;pwned\\x07\\x1b[2J[bold]备注" in text
    assert "\\x1b[31m张三[/]" in text
    code, out, _ = run_tty(db, "log", "markup-2027/1.2")
    shown = SGR.sub(b"", out).decode("utf-8")
    assert "[link=http://evil.example]点我[/link]" in shown
    assert code == 0 and "\\x1b]0;pwned\\x07" in shown


def test_rich_makes_no_hyperlink(db: Path) -> None:
    code, out, _ = run_tty(db, "show", "markup-2027")
    assert code == 0
    assert b"\x1b]8;" not in out  # OSC 8: a live hyperlink
    assert b"evil.example" in out  # the text is there, as text


def test_inspect_and_progress_confirmations_escape_user_text(db: Path) -> None:
    r = run(
        db,
        "inspect",
        "stairs",
        "--area",
        "2号楼",
        "--fail",
        f"corridor={FAIL_NOTE}",
        "--pass",
        "basement",
        "--again",  # the area was inspected today already (the fixture)
    )
    assert r.returncode == 0, r.stderr.decode()
    assert_no_raw_controls(r.stdout, terminal=False)
    assert "堆物[/]\\x1b]8;;http://evil.example\\x07链接" in r.stdout.decode("utf-8")
    code, out, err = run_tty(
        db,
        "inspect",
        "stairs",
        "--area",
        "2号楼",
        "--fail",
        f"corridor={FAIL_NOTE}",
        "--pass",
        "basement",
        "--again",  # the area was inspected today already (the fixture)
    )
    assert code == 0, err.decode()
    assert_no_raw_controls(out, terminal=True)


def test_errors_escape_what_the_user_typed(db: Path) -> None:
    r = run(db, "log", "\x1b]0;pwned\x07\x1b[2J")
    assert r.returncode == 1
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr
    assert "\\x1b]0;pwned\\x07" in r.stderr.decode("utf-8")


def test_json_keeps_the_exact_text(db: Path) -> None:
    r = run(db, "log", "markup-2027/1.2", "--json")
    entries = json.loads(r.stdout)
    assert entries[0]["note"] == NOTE and entries[0]["by"] == BY
    r = run(db, "plans", "--json")
    plan = json.loads(r.stdout)[0]
    assert plan["title"] == "[/] 计划 [link=http://evil.example]点我[/link] \x1b]0;pwned\x07\x1b[2J"
    assert b"\x1b" not in r.stdout  # escaped as JSON escapes it: \u001b
    assert b"\\u001b" in r.stdout


def test_usage_error_listing_areas_escapes_them(db: Path) -> None:
    r = run(db, "inspect", "stairs")  # no --area, no terminal: the areas are listed
    assert r.returncode == 2
    assert b"\x1b" not in r.stderr and "\\x1b[2J" in r.stderr.decode("utf-8")


def test_prompts_escape_plan_text(db: Path) -> None:
    assert CIVICLI is not None
    r = subprocess.run(
        [str(CIVICLI), "inspect", "stairs", "--area", "2号楼", "-i", "--again"],
        env=_env(db),
        input=b"p\np\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 0, r.stderr.decode()
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr
    assert "[/]楼道无堆物\\x1b]0;x\\x07" in r.stderr.decode("utf-8")  # the item, as written


@pytest.mark.parametrize(
    "args", [("\x1b[2J",), ("tasks", "--due-within", "\x1b]0;x\x07")], ids=["command", "option value"]
)
def test_usage_errors_escape_what_was_typed(db: Path, args: tuple[str, ...]) -> None:
    r = run(db, *args)
    assert r.returncode == 2
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr
    assert "\\x1b" in r.stderr.decode("utf-8")
