"""The root Typer app: global options, command groups, and the one place errors become messages."""

from __future__ import annotations

import enum
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from civicli import __version__
from civicli.cli import ROOT_VALUE_OPTIONS, completing
from civicli.cli.common import Env, parse_date
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
    state = Env(db_path=db)
    if today:
        state.today = parse_date(today, "--today / CIVICLI_TODAY")
    ctx.obj = state
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
    """Console-script entry point (errors become messages in CivicliGroup.invoke)."""
    from civicli.output.terminal import ensure_utf8

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    _refuse_undecodable_arguments(sys.argv[1:])
    name = invoked(sys.argv[1:])
    try:
        try:
            build(None if name is None else [name])(prog_name="civicli", standalone_mode=True)
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


def _refuse_undecodable_arguments(args: list[str]) -> None:
    """Text the clerk typed that an XML document cannot hold (civicli.text): not UTF-8 at all (its
    bytes decoded as lone surrogates) or a noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF) would be
    stored and then fail every bulletin and ledger: refused (exit 1) naming the option, unless it
    names an existing file (file names may be in any encoding)."""
    from civicli.text import unsafe_char

    for n, arg in enumerate(args, 1):
        char = unsafe_char(arg)
        if char is None or os.path.lexists(arg):
            continue
        from civicli.i18n import RELY
        from civicli.output.terminal import Out

        if arg.startswith("--") and "=" in arg:
            what = arg.split("=", 1)[0]
        elif n > 1 and args[n - 2].startswith("-") and "=" not in args[n - 2] and not arg.startswith("-"):
            what = args[n - 2]
        else:
            what = RELY["arg_n"].format(n=n)
        key = "arg_not_utf8" if "\ud800" <= chr(int(char[2:], 16)) <= "\udfff" else "arg_xml"
        Out().error(RELY[key].format(what=what, char=char))
        sys.exit(1)
