"""The root Typer app: global options, command groups, and the one place errors become messages."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli import __version__
from civicli.cli import plans_cmd, tasks_cmd, undo_cmd
from civicli.cli.common import Env, parse_date
from civicli.errors import CivicliError

app = typer.Typer(
    name="civicli",
    help="社区精神文明创建工作计划: plans, the outstanding-work checklist, inspections and the weekly bulletin.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(plans_cmd.app)
app.add_typer(tasks_cmd.app)
app.add_typer(undo_cmd.app)
for _name in ("inspect_cmd", "summary_cmd"):
    try:  # command groups added by later modules
        _module = __import__(f"civicli.cli.{_name}", fromlist=["app"])
        app.add_typer(_module.app)
    except ModuleNotFoundError as exc:
        if exc.name != f"civicli.cli.{_name}":
            raise


def _version(value: bool) -> None:
    if value:
        print(f"civicli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="CIVICLI_DB",
            help="The SQLite database file (default: in the user data folder).",
            show_envvar=True,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            envvar="CIVICLI_TODAY",
            metavar="YYYY-MM-DD",
            help="Act as if today were this date (for back-filling and tests).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """社区精神文明创建工作计划: plans, the outstanding-work checklist, inspections and the weekly bulletin."""
    state = Env(db_path=db)
    if today:
        state.today = parse_date(today, "--today / CIVICLI_TODAY")
    ctx.obj = state
    ctx.call_on_close(state.close)


def main() -> None:
    """Console-script entry point: run the app, turning CivicliError into a message and exit code."""
    from civicli.output.terminal import ensure_utf8

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    try:
        app(prog_name="civicli", standalone_mode=True)
    except CivicliError as exc:  # raised outside a command (rare); commands handle their own
        _report(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug: one line for the clerk, the traceback on request
        if os.environ.get("CIVICLI_DEBUG"):
            raise
        from civicli.i18n import ERR
        from civicli.output.terminal import Out

        Out().error(ERR["internal"].format(kind=type(exc).__name__, reason=exc))
        sys.exit(1)


def _report(exc: CivicliError) -> None:
    from civicli.output.terminal import Out

    out = Out()
    for line in exc.lines():
        out.error(line)
