"""The command line in the interface language: help, the option parser's own words, usage errors.

`CivicliGroup` is the root command's class. Each run it
- chooses the language once (`--lang` anywhere, CIVICLI_LANG, the locale; `i18n.choose_language`),
  before anything is parsed or any help is built;
- gives every command and option its help from the HELP catalog (`command`, `command.param`, or
  `*.param` for an option many commands share), the usage line and section headings their words
  from the CLI catalog, and installs `ParserTranslations` (a gettext translation of the parser's
  msgids) where typer looks its strings up through gettext;
- accepts the global options (--db, --today, --lang) after the command too;
- shows usage errors itself — the usage line, a hint, and one line with the same `错误:` prefix as
  every other error — and exits 2.

Why not gettext alone: typer (0.28) carries its own copy of click in which only typer's strings
still go through gettext (headings, [default: …], [required], "No such command"); "Usage:",
"Error:", "No such option", "Missing argument" and the value types' messages are plain f-strings
there. Those are rebuilt here from the exceptions' fields (option name, possibilities, param).
"""

from __future__ import annotations

import difflib
import gettext
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
import typer.core
from typer import _click

from civicli.cli import ROOT_VALUE_OPTIONS
from civicli.i18n import CLI, HELP, MSG, choose_language, set_language

GLOBAL_OPTIONS = tuple(option.removeprefix("--") for option in ROOT_VALUE_OPTIONS)


class ParserTranslations(gettext.NullTranslations):
    """The option parser's messages (typer's gettext msgids) from the CLI catalog's `gettext` table."""

    def gettext(self, message: str) -> str:
        table: dict[str, str] = CLI["gettext"]
        return table.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


_TRANSLATIONS = ParserTranslations()


def install_translations() -> None:
    """Point typer's gettext lookups (section headings, [default: …], [required], …) at the catalog."""
    for module in (typer.core, sys.modules.get("typer.rich_utils")):
        if module is not None and hasattr(module, "_"):
            module._ = _TRANSLATIONS.gettext  # type: ignore[attr-defined]


def _cells(text: str) -> int:
    """Terminal cells: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_CLOSING = set("，。；：、）」』！？》”")
_PIECES = r"\s+|[^\s\u2e80-\uffef]+|."  # compiled (and cached by `re`) when help is shown


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap by terminal cells: Chinese prose may break between any two characters; a word holding
    Latin letters or digits (an option, an id, a date, `blocked/受阻`) only at a space."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        whole = re.search(r"[A-Za-z0-9]", word) is not None and _cells(word) <= width
        pieces = [word] if whole else re.findall(_PIECES, word)
        for i, piece in enumerate(pieces):
            sep = " " if i == 0 and line else ""
            if line and _cells(line + sep + piece) > width:
                carry = ""
                if piece in _CLOSING:  # no line begins with 。，）…: the character before comes along
                    k = len(line)
                    while k > 1 and line[k - 1] in _CLOSING:
                        k -= 1
                    if k > 1 and not line[k - 1].isspace():
                        carry, line = line[k - 1 :], line[: k - 1]
                lines.append(line.rstrip())
                line, sep = carry, ""
            line += sep + piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


class LocalizedFormatter(_click.HelpFormatter):
    """click's help layout, wrapped by terminal cells (click counts characters: Chinese help
    lines came out twice too wide)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, CLI["usage"] if prefix is None else prefix)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        out = []
        for paragraph in paragraphs:
            out.append(
                "\n".join(indent + ln for ln in wrap_cells(paragraph, self.width - self.current_indent))
            )
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((_cells(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_cells(second, max(self.width - first_col - self.current_indent, 20)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_TRANSLATIONS.gettext(heading)}{CLI['heading_colon']}\n")


class LocalizedContext(_click.Context):
    formatter_class = LocalizedFormatter


def _help(command: str, param: str | None = None) -> str | None:
    keys = [command] if param is None else [f"{command}.{param}", f"*.{param}"]
    for key in keys:
        if key in HELP:
            text: str = HELP[key]
            return text
    return None


def _global_option(name: str) -> _click.Parameter:
    """A hidden copy of a root option on a subcommand: `civicli tasks --today 2027-3-1` works."""

    def store(ctx: _click.Context, _param: _click.Parameter, value: Any) -> None:
        if value is None:
            return
        from civicli.cli.common import env, parse_date

        state = env(ctx)  # type: ignore[arg-type]
        if name == "db":
            state.db_path = Path(value)
        elif name == "today":
            state.today = parse_date(value, "--today")
        elif str(value).lower() not in ("zh", "en"):
            raise typer.BadParameter(CLI["not_choice"].format(value=repr(value), choices="zh, en"))

    return typer.core.TyperOption(
        param_decls=[f"--{name}"],
        callback=store,
        expose_value=False,
        hidden=True,
    )


def localize(group: _click.Command) -> None:
    """Give the command tree its words in the language in force."""
    install_translations()
    _localize(group, "civicli", root=True)


def _localize_help_option(command: _click.Command) -> None:
    """--help's own help from the catalog (click makes that option itself, per context)."""
    original = type(command).get_help_option

    def get_help_option(ctx: _click.Context) -> Any:
        option = original(command, ctx)
        if option is not None:
            option.help = HELP["*.help"]
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]


def _localize(command: _click.Command, name: str, root: bool) -> None:
    command.context_class = LocalizedContext
    _localize_help_option(command)
    command.options_metavar = CLI["options_metavar"]
    text = _help(name)
    if text is not None:
        command.help = text
        command.short_help = text.split("\n", 1)[0]
    if not root:
        have = {p.name for p in command.params}
        for option in GLOBAL_OPTIONS:
            if option not in have:
                command.params.append(_global_option(option))
    for param in command.params:
        if param.param_type_name == "argument" and param.metavar is None and param.name:
            param.metavar = param.name.upper()  # a placeholder, like the options' metavars
        if param.name == "help" or not getattr(param, "hidden", False):
            text = _help(name, param.name or "")
            if text is not None:
                param.help = text  # type: ignore[attr-defined]
    sub: dict[str, _click.Command] = getattr(command, "commands", {})
    if sub:
        command.subcommand_metavar = CLI["subcommand_metavar"]  # type: ignore[attr-defined]
        for sub_name, sub_command in sub.items():
            _localize(sub_command, sub_name, root=False)


# ---------------------------------------------------------------------------- usage errors

# patterns as text: compiled (and cached by `re`) only when a usage error is worded
_TYPE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"^(?P<value>.+) is not a valid (?:integer|int|int range)\.$", "not_integer"),
    (r"^(?P<value>.+) is not a valid (?:float|float range)\.$", "not_number"),
    (r"^(?P<value>.+) is not in the range (?P<range>.+)\.$", "not_in_range"),
    (r"^(?P<value>.+) is not one of (?P<choices>.+)\.$", "not_choice"),
    (r"^(?P<value>.+) is not a valid boolean\..*$", "not_boolean"),
)

_EXTRA = r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"
_REQUIRES = r"^Option (?P<name>'.*') requires (?:an argument|\d+ arguments)\.$"
_NO_VALUE = r"^Option (?P<name>'.*') does not take a value\.$"


def _reason(message: str) -> str:
    """A message from click's value types in the interface language (else as it came)."""
    for pattern, key in _TYPE_MESSAGES:
        match = re.match(pattern, message)
        if match:
            fields = match.groupdict()
            if "range" in fields:  # x>=0 → ≥0, 0<=x<=100 → 0–100
                rng = re.sub(r"^(\S+)<=x<=(\S+)$", r"\1–\2", fields["range"])
                fields["range"] = (
                    rng.replace("x>=", "≥").replace("x<=", "≤").replace("x>", ">").replace("x<", "<")
                )
            return str(CLI[key]).format(**fields)
    return message


def usage_message(exc: _click.exceptions.UsageError) -> str:
    """The one-line reason of a usage error, in the interface language."""
    ex = _click.exceptions
    if isinstance(exc, ex.NoSuchOption):
        text = CLI["no_such_option"].format(name=exc.option_name)
        if exc.possibilities:
            text += CLI["did_you_mean"].format(names=", ".join(sorted(exc.possibilities)))
        return str(text)
    if isinstance(exc, ex.MissingParameter):
        param = exc.param
        hint = _param_hint(exc)
        kind = exc.param_type or (param.param_type_name if param is not None else "parameter")
        return str(CLI["missing_argument" if kind == "argument" else "missing_option"].format(name=hint))
    if isinstance(exc, ex.BadParameter):
        hint = _param_hint(exc)
        reason = _reason(exc.message)
        if hint and reason.startswith(hint.strip("'")):  # the reason names the option itself
            return reason
        if hint:
            return str(CLI["bad_value"].format(name=hint, reason=reason))
        return str(CLI["bad_value_plain"].format(reason=reason))
    message = exc.message
    for pattern, key in ((_EXTRA, "extra_arguments"), (_REQUIRES, "requires_value"), (_NO_VALUE, "no_value")):
        match = re.match(pattern, message)
        if match:
            return str(CLI[key].format(**match.groupdict()))
    return message


def _param_hint(exc: _click.exceptions.BadParameter) -> str:
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(str(h) for h in hint)
    return str(hint).replace('"', "'")


def show_click_error(exc: BaseException) -> int:
    """The option parser's error on stderr; its exit code (2 for wrong usage)."""
    if isinstance(exc, _click.exceptions.UsageError):
        show_usage_error(exc)
    elif isinstance(exc, _click.exceptions.ClickException):
        sys.stderr.write(f"{MSG['error']}: {_escaped(exc.format_message())}\n")
    else:
        raise TypeError(exc)
    return exc.exit_code


def show_usage_error(exc: _click.exceptions.UsageError) -> None:
    """The usage line, a hint to --help, and the reason behind the same prefix as every error."""
    err = sys.stderr
    ctx = exc.ctx
    if isinstance(exc, _click.exceptions.NoArgsIsHelpError) and ctx is not None:
        err.write(ctx.get_help() + "\n")
        return
    if ctx is not None:
        err.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            err.write(CLI["try_help"].format(command=ctx.command_path, option="--help") + "\n")
        err.write("\n")
    err.write(f"{MSG['error']}: {_escaped(usage_message(exc))}\n")
    err.flush()


def _escaped(text: str) -> str:
    """What was typed, quoted in a message: its control characters escaped (never written raw)."""
    from civicli.output.text import printable

    return "\n".join(printable(line) for line in text.split("\n"))


class CivicliGroup(typer.core.TyperGroup):
    """The root command: chooses the language, localizes the tree; whatever a run raises
    becomes a message and an exit code in cli/failures.py."""

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not name.startswith("-"):
            text = CLI["no_such_command"].format(name=name)
            matches = difflib.get_close_matches(name, list(self.commands))
            if matches:
                text += CLI["did_you_mean"].format(names=", ".join(matches))
            raise _click.exceptions.UsageError(text, ctx)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from civicli.cli.common import Env
        from civicli.cli.failures import exit_code

        argv = list(sys.argv[1:] if args is None else args)
        set_language(choose_language(argv, os.environ))
        localize(self)
        state = Env()
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
    """An argument that is not UTF-8 text (its bytes decoded as lone surrogates) would fail when
    stored or shown: refused (exit 2), unless it names an existing file (file names may be in any
    encoding)."""
    from civicli.errors import WrongUsage
    from civicli.i18n import ERR

    for n, arg in enumerate(args, 1):
        if any("\ud800" <= ch <= "\udfff" for ch in arg) and not os.path.lexists(arg):
            raise WrongUsage(ERR["arg_not_text"].format(n=n))
