"""The `civicli` console script: `civicli --version`, and a `load` of files loaded already and
unchanged (cli/load_unchanged.py), answered before typer and the commands are imported (a
third of the start-up of any other command); everything else goes to cli.app."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # as the eager --version option of cli.app prints it
        from civicli import __version__

        sys.stdout.write(f"civicli {__version__}\n")
        return
    if "load" in sys.argv[1:]:  # files loaded already, unchanged: answered without typer
        from civicli.cli.load_unchanged import answer

        code = answer(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from civicli.cli.app import main as run

    run()
