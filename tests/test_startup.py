"""`civicli --version` is answered before the commands are imported: same output, same exit, as
through the global option (which still answers when other options come with it)."""

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
