"""The root Typer app: global options, command groups, and the one place errors become messages."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli import __version__
from civicli.cli import plans_cmd, tasks_cmd
from civicli.cli.common import Env, parse_date
from civicli.cli.localize import CivicliGroup
from civicli.errors import CivicliError

app = typer.Typer(
    name="civicli",
    cls=CivicliGroup,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(plans_cmd.app)
app.add_typer(tasks_cmd.app)
for _name in ("inspect_cmd", "summary_cmd"):
    try:  # command groups added by later modules
        _module = __import__(f"civicli.cli.{_name}", fromlist=["app"])
        app.add_typer(_module.app)
    except ModuleNotFoundError as exc:
        if exc.name != f"civicli.cli.{_name}":
            raise


class Lang(str, enum.Enum):
    """The interface languages (the choice itself is made before parsing: i18n.choose_language)."""

    zh = "zh"
    en = "en"


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
            show_envvar=True,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            envvar="CIVICLI_TODAY",
            metavar="DATE",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", case_sensitive=False)] = None,
) -> None:
    """The root: global options (help from the HELP catalog, key `civicli`)."""
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
