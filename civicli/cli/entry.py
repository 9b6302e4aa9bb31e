"""The `civicli` console script: `civicli --version` answered before typer and the commands are
imported (a third of the start-up of any other command); everything else goes to cli.app."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # as the eager --version option of cli.app prints it
        from civicli import __version__

        sys.stdout.write(f"civicli {__version__}\n")
        return
    from civicli.cli.app import main as run

    run()
