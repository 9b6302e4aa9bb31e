"""Usage errors, worded from the fields of the option parser's exceptions.

click's exception classes carry what a message needs: NoSuchOption its `option_name` and the
`possibilities`; BadOptionUsage the `option_name`; MissingParameter the `param` and its kind;
BadParameter the `param` (or `param_hint`) and a message, which in civicli is always its own
(values are converted by civicli's parsers, cli/values.py). The message is built from those
fields with the CLI catalog's words, never from the English text click would show.

typer carries its own copy of click and exports only some of its classes (typer.BadParameter,
typer.Exit, typer.Abort); the others are recognised by their names, which are click's
documented API.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from civicli.errors import EXIT_USAGE
from civicli.i18n import CLI, MSG
from civicli.text import printable


class CommandLineError(typer.BadParameter):
    """A usage error civicli words itself (a command not known, words left over, no command):
    its message is shown as it is, after the usage line."""


def click_classes(exc: BaseException) -> set[str]:
    """The names of the classes `exc` is an instance of."""
    return {cls.__name__ for cls in type(exc).__mro__}


def is_click_error(exc: BaseException) -> bool:
    """Whether `exc` is one of the option parser's own (click's ClickException and subclasses)."""
    return "ClickException" in click_classes(exc)


def show_click_error(exc: Any) -> int:
    """The option parser's error on stderr (the usage line, a hint to --help, one `错误:` line,
    or the help itself when a command was given nothing); its exit code."""
    names = click_classes(exc)
    err = sys.stderr
    ctx = getattr(exc, "ctx", None)
    if "NoArgsIsHelpError" in names and ctx is not None:
        err.write(ctx.get_help() + "\n")
        return EXIT_USAGE
    if "UsageError" in names and ctx is not None:
        err.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            err.write(CLI["try_help"].format(command=ctx.command_path, option="--help") + "\n")
        err.write("\n")
    err.write(f"{MSG['error']}: {_escaped(message(exc, names))}\n")
    err.flush()
    return int(exc.exit_code)


def message(exc: Any, names: set[str]) -> str:
    """The one-line reason of a usage error, in the interface language."""
    if isinstance(exc, CommandLineError):
        return str(exc.message)
    if "NoSuchOption" in names:
        text = CLI["no_such_option"].format(name=exc.option_name)
        if exc.possibilities:
            text += CLI["did_you_mean"].format(names=", ".join(sorted(exc.possibilities)))
        return str(text)
    if "BadOptionUsage" in names:
        option = _option(exc.ctx, exc.option_name)
        flag = option is not None and getattr(option, "is_flag", False)
        return str(CLI["no_value" if flag else "requires_value"].format(name=f"'{exc.option_name}'"))
    if "MissingParameter" in names:
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "")
        key = "missing_argument" if kind == "argument" else "missing_option"
        return str(CLI[key].format(name=_param_hint(exc)))
    if "BadParameter" in names:
        hint = _param_hint(exc)
        reason = str(exc.message)
        if not hint or reason.startswith(hint.strip("'")):  # the reason names the option itself
            return reason
        return str(CLI["bad_value"].format(name=hint, reason=reason))
    return str(exc.format_message())


def _option(ctx: Any, name: str) -> Any:
    """The option of the command of `ctx` that is written `name` (None if none is)."""
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def _param_hint(exc: Any) -> str:
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        if exc.param.param_type_name == "argument":
            hint = f"'{argument_metavar(exc.param)}'"
        else:
            hint = " / ".join(f"'{o}'" for o in exc.param.opts)
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(str(h) for h in hint)
    return str(hint).replace('"', "'")


def argument_metavar(param: Any) -> str:
    """An argument's placeholder: its metavar, else its name in capitals; `...` when it takes
    several values."""
    name = str(param.metavar or (param.name or "").upper())
    return f"{name}..." if param.nargs != 1 else name


def _escaped(text: str) -> str:
    """What was typed, quoted in a message: its control characters escaped (never written raw)."""
    return "\n".join(printable(line) for line in text.split("\n"))
