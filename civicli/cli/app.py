"""The root of the command line: the global options, the commands (each module's typer app,
imported when its command runs), and `main`, where every run ends in cli/failures.py."""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
import typer.main

from civicli import __version__
from civicli.cli.common import Invocation, invocation, parse_date
from civicli.cli.failures import exit_code
from civicli.cli.localize import localize
from civicli.cli.usage import CommandLineError, is_click_error
from civicli.cli.values import Choice, choices_metavar, one_of
from civicli.errors import InvalidInput
from civicli.i18n import CLI, RELY, choose_language, set_language
from civicli.output.terminal import ensure_utf8
from civicli.text import unsafe_char

# Every command and the module that defines it, in the order `civicli --help` lists them. A run
# imports and builds only the command it invokes (building all twenty, their options and help,
# was a third of the start-up of every command); completion builds the one it completes.
# tests/test_startup.py checks this against the modules themselves.
COMMANDS: dict[str, str] = {
    "validate": "load_cmd",
    "load": "load_cmd",
    "plans": "plans_cmd",
    "archive": "plans_cmd",  # a plan out of use
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


class Lang(Choice):
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
        Path | None, typer.Option("--db", envvar="CIVICLI_DB", metavar="PATH", show_envvar=True)
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", envvar="CIVICLI_TODAY", metavar="DATE", show_envvar=True)
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: Annotated[
        Lang | None, typer.Option("--lang", parser=one_of(Lang), metavar=choices_metavar(Lang))
    ] = None,
) -> None:
    """The root: global options (help from the HELP catalog, key `civicli`)."""
    if ctx.invoked_subcommand is None:  # options and no command
        raise CommandLineError(CLI["missing_command"], ctx=ctx)
    state = invocation(ctx)  # made by CivicliGroup.main, which reports what this run raises
    if db is not None:
        state.db_path = db
    if today:
        state.today = parse_date(today, "--today / CIVICLI_TODAY", dt.date.today())
    ctx.call_on_close(state.close)


def _store_db(ctx: typer.Context, value: Path | None) -> None:
    if value is not None:
        invocation(ctx).db_path = value


def _store_today(ctx: typer.Context, value: str | None) -> None:
    if value is not None:
        invocation(ctx).today = parse_date(value, "--today", dt.date.today())


def _check_lang(value: str | None) -> None:
    if value is not None:  # the language was chosen before parsing (i18n.choose_language)
        one_of(Lang)(value)


def _global_options() -> list[Any]:
    """Hidden copies of the global options for every command, read into the same Invocation as the
    root's: declared as any typer option is, on a command that is never run."""
    holder = typer.Typer(add_completion=False)

    @holder.command()
    def options(
        db: Annotated[
            Path | None, typer.Option("--db", hidden=True, expose_value=False, callback=_store_db)
        ] = None,
        today: Annotated[
            str | None, typer.Option("--today", hidden=True, expose_value=False, callback=_store_today)
        ] = None,
        lang: Annotated[
            str | None, typer.Option("--lang", hidden=True, expose_value=False, callback=_check_lang)
        ] = None,
    ) -> None: ...

    return list(typer.main.get_command(holder).params)


class CivicliCommand(typer.core.TyperCommand):
    """A command whose parsing errors carry its context (the parser raises some without one:
    a missing value, a flag given a value), for the usage line and the option they name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return with_context(ctx, lambda: super(CivicliCommand, self).parse_args(ctx, args))


def with_context(ctx: Any, parse: Any) -> list[str]:
    """What `parse` returns; a usage error it raises without a context gets `ctx`."""
    try:
        result: list[str] = parse()
    except Exception as exc:
        if is_click_error(exc) and getattr(exc, "ctx", False) is None:
            exc.ctx = ctx  # type: ignore[attr-defined]
        raise
    return result


def _command(name: str) -> Any:
    """The click command `name`, built from its module's typer app."""
    module = importlib.import_module(f"civicli.cli.{COMMANDS[name]}")
    for info in module.app.registered_commands:
        if info.cls in (None, typer.core.TyperCommand):
            info.cls = CivicliCommand
    built = typer.main.get_command(module.app)
    command = getattr(built, "commands", {}).get(name, built)
    have = {p.name for p in command.params}
    command.params.extend(o for o in _global_options() if o.name not in have)
    localize(command, name)
    return command


class CivicliGroup(typer.core.TyperGroup):
    """The root command: the language chosen once, the commands imported as they are invoked,
    and whatever a run raises turned into a message and an exit code (cli/failures.py)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return with_context(ctx, lambda: super(CivicliGroup, self).parse_args(ctx, args))

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(n for n in self.commands if n not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = _command(cmd_name)
        command = self.commands.get(cmd_name)
        if command is not None:
            localize(command, cmd_name)
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            text = CLI["no_such_command"].format(name=name)
            matches = difflib.get_close_matches(name, self.list_commands(ctx))
            if matches:
                text += CLI["did_you_mean"].format(names=", ".join(matches))
            raise CommandLineError(text, ctx=ctx)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        set_language(choose_language(argv, os.environ))
        localize(self, "civicli")
        state = Invocation()
        result: Any = None
        try:
            try:
                refuse_undecodable_arguments(argv)
                result = super().main(
                    args=argv,
                    prog_name=prog_name,
                    complete_var=complete_var,
                    standalone_mode=False,
                    obj=state,
                    **extra,
                )
            finally:  # output that cannot be written (a full disk, > /dev/full) fails here
                sys.stdout.flush()
            code = result if isinstance(result, int) else 0
        except BaseException as exc:
            code = exit_code(exc, state.database_path)
        if standalone_mode:
            sys.exit(code)
        return result if code == 0 else code


def refuse_undecodable_arguments(args: list[str]) -> None:
    """Text the clerk typed that an XML document cannot hold (civicli.text): not UTF-8 at all (its
    bytes decoded as lone surrogates) or a noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF) would be
    stored and then fail every bulletin and ledger: refused (exit 1) naming the option, unless it
    names an existing file (file names may be in any encoding)."""
    for n, arg in enumerate(args, 1):
        char = unsafe_char(arg)
        if char is None or os.path.lexists(arg):
            continue

        if arg.startswith("--") and "=" in arg:
            what = arg.split("=", 1)[0]
        elif n > 1 and args[n - 2].startswith("-") and "=" not in args[n - 2] and not arg.startswith("-"):
            what = args[n - 2]
        else:
            what = RELY["arg_n"].format(n=n)
        key = "arg_not_utf8" if "\ud800" <= chr(int(char[2:], 16)) <= "\udfff" else "arg_xml"
        raise InvalidInput(RELY[key].format(what=what, char=char))


app = typer.Typer(
    name="civicli",
    cls=CivicliGroup,
    no_args_is_help=True,
    invoke_without_command=True,  # `root` says a command is missing, in the interface language
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.callback()(root)


def main() -> None:
    """Console-script entry point."""
    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    app(prog_name="civicli")
