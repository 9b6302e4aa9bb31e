"""The root Typer app: global options, command groups, and the one place errors become messages."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from civicli import __version__
from civicli.cli import (
    config_cmd,
    export_cmd,
    inspect_cmd,
    plans_cmd,
    rectify_cmd,
    store_cmd,
    summary_cmd,
    tasks_cmd,
    undo_cmd,
)
from civicli.cli.common import Env, parse_date
from civicli.cli.localize import CivicliGroup

app = typer.Typer(
    name="civicli",
    cls=CivicliGroup,  # the language, usage errors; errors become messages there, for every command
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(plans_cmd.app)
app.add_typer(tasks_cmd.app)
app.add_typer(store_cmd.app)
app.add_typer(rectify_cmd.app)
app.add_typer(undo_cmd.app)
app.add_typer(inspect_cmd.app)
app.add_typer(summary_cmd.app)
app.add_typer(export_cmd.app)  # ledgers (台账)
app.add_typer(config_cmd.app)  # settings


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
    """Console-script entry point (errors become messages in CivicliGroup.invoke)."""
    from civicli.output.terminal import ensure_utf8

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    _refuse_undecodable_arguments(sys.argv[1:])
    _escape_usage_errors()
    try:
        try:
            app(prog_name="civicli", standalone_mode=True)
        finally:  # output that cannot be written (a full disk, > /dev/full) is an error here
            sys.stdout.flush()
    except Exception as exc:  # outside a command (CivicliGroup.invoke handles what a command raises)
        if os.environ.get("CIVICLI_DEBUG"):
            raise
        from civicli.cli.common import output_failure
        from civicli.i18n import ERR
        from civicli.output.terminal import Out

        known = output_failure(exc)
        if known is not None:
            Out().error(known)
        else:  # a bug: one line for the clerk, the traceback on request
            Out().error(ERR["internal"].format(kind=type(exc).__name__, reason=exc))
        sys.exit(1)


def _escape_usage_errors() -> None:
    """click prints its own usage errors (unknown command, bad value), quoting what was typed:
    their control characters are escaped like those of every other message."""
    import click.exceptions

    from civicli.output.text import printable

    echo = click.exceptions.echo

    def escaped(
        message: Any = None, file: Any = None, nl: bool = True, err: bool = False, color: Any = None
    ) -> None:
        if isinstance(message, str):
            message = "\n".join(printable(line) for line in message.split("\n"))
        echo(message, file=file, nl=nl, err=err, color=color)

    click.exceptions.echo = escaped  # type: ignore[assignment]


def _refuse_undecodable_arguments(args: list[str]) -> None:
    """An argument that is not UTF-8 text (its bytes decoded as lone surrogates) would fail when
    stored or shown: refused (exit 2), unless it names an existing file (file names may be in any
    encoding)."""
    import re

    for n, arg in enumerate(args, 1):
        if re.search(r"[\ud800-\udfff]", arg) and not os.path.lexists(arg):
            from civicli.i18n import ERR
            from civicli.output.terminal import Out

            Out().error(ERR["arg_not_text"].format(n=n))
            sys.exit(2)
