"""The root Typer app: global options, command groups, and the one place errors become messages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli import __version__
from civicli.cli import plans_cmd, rectify_cmd, store_cmd, tasks_cmd
from civicli.cli.common import CivicliGroup, Env, parse_date

app = typer.Typer(
    name="civicli",
    help="社区精神文明创建工作计划: plans, the outstanding-work checklist, inspections and the weekly bulletin.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=CivicliGroup,  # errors become messages there, for every command
)
app.add_typer(plans_cmd.app)
app.add_typer(tasks_cmd.app)
app.add_typer(store_cmd.app)
app.add_typer(rectify_cmd.app)
app.add_typer(__import__("civicli.cli.export_cmd", fromlist=["app"]).app)  # ledgers (台账)
app.add_typer(__import__("civicli.cli.config_cmd", fromlist=["app"]).app)  # settings
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
    """Console-script entry point (errors become messages in CivicliGroup.invoke)."""
    from civicli.output.terminal import ensure_utf8

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    app(prog_name="civicli", standalone_mode=True)
