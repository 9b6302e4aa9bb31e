"""The command line in the interface language: help written from the catalogs.

Every command's and option's help comes from the HELP catalog (`command`, `command.param`, or
`*.param` for an option many commands share); the usage line, section headings and the
`[默认：…]` notes from the CLI catalog. They are written here, by `render_help`, from what the
command declares (its parameters, their names, metavars, defaults, environment variables) —
through click's public API (Context.get_help/get_usage, Command.get_params, Parameter.opts,
metavars, defaults, …), never by translating the English that click or typer would write. Help is
wrapped by terminal cells: a Chinese character takes two.
"""

from __future__ import annotations

import enum
import re
import shutil
import unicodedata
from typing import Any

import typer

from civicli.cli.usage import CommandLineError, argument_metavar
from civicli.i18n import CLI, HELP


def help_text(command: str, param: str | None = None) -> str | None:
    """The catalog's help for a command, or for one of its parameters (or one many share)."""
    keys = [command] if param is None else [f"{command}.{param}", f"*.{param}"]
    for key in keys:
        if key in HELP:
            text: str = HELP[key]
            return text
    return None


class CivicliContext(typer.Context):
    """A context whose help and usage line are civicli's own (`--help`, usage errors), and
    which says in civicli's words when words are left over after a command's arguments."""

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(command, *args, **kwargs)
        if not hasattr(command, "list_commands"):
            self.allow_extra_args = True  # refused in `invoke`, in the interface language

    def invoke(self, callback: Any, /, *args: Any, **kwargs: Any) -> Any:
        if self.args and callback is self.command.callback and not hasattr(self.command, "list_commands"):
            left = " ".join(self.args)
            raise CommandLineError(CLI["extra_arguments"].format(args=left), ctx=self)
        return super().invoke(callback, *args, **kwargs)

    def get_help(self) -> str:
        return render_help(self)

    def get_usage(self) -> str:
        return usage_line(self)


def command_key(ctx: Any) -> str:
    """The name a command's help is filed under in HELP: `civicli` for the root."""
    return "civicli" if ctx.parent is None else str(ctx.command.name)


def usage_line(ctx: Any) -> str:
    """`用法：civicli tasks [选项]`: the command's path, then its options and arguments."""
    pieces = [CLI["options_metavar"]]
    for param in ctx.command.get_params(ctx):
        if param.param_type_name == "argument":
            name = argument_metavar(param)
            pieces.append(name if param.required else f"[{name}]")
    if hasattr(ctx.command, "list_commands"):
        pieces.append(CLI["subcommand_metavar"])
    return f"{CLI['usage']}{ctx.command_path} {' '.join(pieces)}"


def render_help(ctx: Any) -> str:
    """The whole help of the command of `ctx`, in the interface language."""
    width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
    key = command_key(ctx)
    out = [usage_line(ctx), ""]
    text = help_text(key)
    if text:
        for paragraph in (p for p in re.split(r"\n\s*\n", text) if p.strip()):
            out.extend("  " + line for line in wrap_cells(paragraph, width - 2))
            out.append("")
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in ctx.command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        row = (_first_column(ctx, param), _help_column(key, param))
        (arguments if param.param_type_name == "argument" else options).append(row)
    commands = [(name, (help_text(name) or "").split("\n", 1)[0]) for name in _commands(ctx)]
    for heading, rows in (
        (CLI["arguments"], arguments),
        (CLI["options"], options),
        (CLI["commands"], commands),
    ):
        if rows:
            out.append(f"{heading}{CLI['heading_colon']}")
            out.extend(definition_list(rows, width))
            out.append("")
    return "\n".join(out).rstrip("\n")


def _commands(ctx: Any) -> list[str]:
    list_commands = getattr(ctx.command, "list_commands", None)
    return [] if list_commands is None else list(list_commands(ctx))


def _first_column(ctx: Any, param: Any) -> str:
    if param.param_type_name == "argument":
        return argument_metavar(param).removesuffix("...")

    def joined(opts: list[str]) -> str:
        text = ", ".join(sorted(opts, key=lambda o: len(o) - len(o.lstrip("-"))))
        if not param.is_flag and not getattr(param, "count", False):
            text += f" {param.metavar or 'VALUE'}"  # every option that takes a value declares one
        return text

    first = joined(param.opts)
    return f"{first} / {joined(param.secondary_opts)}" if param.secondary_opts else first


def _help_column(key: str, param: Any) -> str:
    text = help_text(key, param.name or "") or ""
    notes = []
    envvar = param.envvar if getattr(param, "show_envvar", False) else None
    if envvar:
        names = envvar if isinstance(envvar, str) else ", ".join(envvar)
        notes.append(CLI["env_var"].format(var=names))
    default = shown_default(param)
    if default is not None:
        notes.append(CLI["default"].format(default=default))
    if param.required:
        notes.append(CLI["required"])
    if notes:
        text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
    return text


def shown_default(param: Any) -> str | None:
    """The default help shows for a parameter: a value the clerk would type (not a flag's)."""
    default = param.default
    if (
        param.param_type_name != "option"
        or getattr(param, "is_flag", False)
        or param.show_default is False
        or default is None
        or callable(default)
        or default in ((), [])
    ):
        return None
    return str(default.value if isinstance(default, enum.Enum) else default)


# ---------------------------------------------------------------------------- layout


def cells(text: str) -> int:
    """Terminal cells: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_CLOSING = set("，。；：、）」』！？》”")
_WHOLE_WORD = 24  # cells: a word with Latin letters up to this long is never broken
_PIECES = r"\s+|[^\s\u2e80-\uffef]+|."
_LAST_PIECE = r"(?:[^\s\u2e80-\uffef]+|\S)$"


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap by terminal cells: Chinese prose may break between any two characters; a short word
    holding Latin letters or digits (an option, an id, a date, `blocked/受阻`) only at a space.
    In a longer run of Chinese without spaces (`--na，或在终端上逐项回答。…`) only the Latin
    parts stay whole, so that the line before it is not left short."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        whole = re.search(r"[A-Za-z0-9]", word) is not None and cells(word) <= min(width, _WHOLE_WORD)
        pieces = [word] if whole else re.findall(_PIECES, word)
        for i, piece in enumerate(pieces):
            sep = " " if i == 0 and line else ""
            if line and cells(line + sep + piece) > width:
                carry = ""
                if piece in _CLOSING:  # no line begins with 。，）…: the piece before comes along
                    k = len(line)
                    while k > 1 and line[k - 1] in _CLOSING:
                        k -= 1
                    before = re.search(_LAST_PIECE, line[:k])  # a character, or a Latin run whole
                    if before is not None and before.start() > 0:
                        carry, line = line[before.start() :], line[: before.start()]
                lines.append(line.rstrip())
                line, sep = carry, ""
            line += sep + piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def definition_list(rows: list[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    """Rows of (term, text): the terms in a column at most 30 cells wide, the texts wrapped
    beside them (a longer term stands on a line of its own)."""
    first_col = min(max((cells(term) for term, _ in rows), default=0), 30) + 2
    pad = " " * (indent + first_col)
    out: list[str] = []
    for term, text in rows:
        head = " " * indent + term
        if not text:
            out.append(head)
            continue
        lines = wrap_cells(text, max(width - first_col - indent, 20)) or [""]
        if cells(term) <= first_col - 2:
            out.append(head + " " * (first_col - cells(term)) + lines[0])
        else:
            out.extend([head, pad + lines[0]])
        out.extend(pad + line for line in lines[1:])
    return out


def localize(command: Any, name: str) -> None:
    """Give a command (and the commands under it) civicli's context, and its help and its
    parameters' from the catalog in the language in force (shell completion shows them)."""
    command.context_class = CivicliContext
    text = help_text(name)
    if text is not None:
        command.help = text
        command.short_help = text.split("\n", 1)[0]
    for param in command.params:
        text = help_text(name, param.name or "")
        if text is not None:
            param.help = text
    for sub_name, sub in getattr(command, "commands", {}).items():
        localize(sub, sub_name)
