"""The root Typer app: global options, command groups, and the one place errors become messages."""

from __future__ import annotations

import enum
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from civicli import __version__
from civicli.cli import ROOT_VALUE_OPTIONS, completing
from civicli.cli.common import env, parse_date
from civicli.cli.localize import CivicliGroup

# Every command and the module that defines it, in the order `civicli --help` lists them. A run
# builds only the command it invokes (building all twenty, their options and help, was a third of
# the start-up of every command); help, completion and a mistyped name get them all.
# tests/test_startup.py checks this against the modules themselves.
COMMANDS: dict[str, str] = {
    "validate": "plans_cmd",
    "load": "plans_cmd",
    "plans": "plans_cmd",
    "show": "plans_cmd",
    "tasks": "tasks_cmd",
    "progress": "tasks_cmd",
    "done": "tasks_cmd",
    "log": "tasks_cmd",
    "backup": "store_cmd",
    "check": "store_cmd",
    "rectify": "rectify_cmd",
    "recheck": "rectify_cmd",
    "undo": "undo_cmd",
    "inspect": "inspect_cmd",
    "inspections": "inspect_cmd",
    "rectifications": "inspect_cmd",
    "coverage": "inspect_cmd",
    "summary": "summary_cmd",
    "export": "export_cmd",  # ledgers (台账)
    "config": "config_cmd",  # settings
    "search": "search_cmd",  # what was written
    "calendar": "calendar_cmd",  # the iCalendar file of what is due
    "draft": "draft_cmd",  # a plan file from a plan document
}


class Lang(str, enum.Enum):
    """The interface languages (the choice itself is made before parsing: i18n.choose_language)."""

    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        print(f"civicli {__version__}")
        raise typer.Exit()


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
    state = env(ctx)  # made by CivicliGroup.main, which reports what this run raises
    if db is not None:
        state.db_path = db
    if today:
        state.today = parse_date(today, "--today / CIVICLI_TODAY")
    ctx.call_on_close(state.close)


def build(names: Sequence[str] | None = None) -> typer.Typer:
    """The root Typer app with the commands named (in COMMANDS), or with every command."""
    app = typer.Typer(
        name="civicli",
        cls=CivicliGroup,  # the language, usage errors; errors become messages there, for every command
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(root)
    wanted = list(COMMANDS) if names is None else [n for n in COMMANDS if n in names]
    for module_name in dict.fromkeys(COMMANDS[n] for n in wanted):
        module = importlib.import_module(f"civicli.cli.{module_name}")
        for info in module.app.registered_commands:
            if command_name(info) in wanted:
                app.registered_commands.append(info)
    return app


def command_name(info: Any) -> str:
    """The name a typer CommandInfo is invoked by (typer's rule: the function's, dashed)."""
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def invoked(argv: Sequence[str]) -> str | None:
    """The command named on the command line when it is one of COMMANDS and nothing asks for the
    whole tree (--help or --version before it, completion, no command, a mistyped one); else None."""
    if completing():
        return None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ROOT_VALUE_OPTIONS:
            i += 2
        elif arg.split("=", 1)[0] in ROOT_VALUE_OPTIONS:
            i += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    """`app`: the root with every command (tests, documentation), built on first use."""
    if name == "app":
        full = build()
        globals()["app"] = full
        return full
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point (errors become messages in cli/failures.py)."""
    from civicli.output.terminal import ensure_utf8

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    name = invoked(sys.argv[1:])
    build(None if name is None else [name])(prog_name="civicli", standalone_mode=True)
