"""Option values converted by civicli (typer's `parser=`): a value that is not of the option's
kind is a usage error (exit 2) in civicli's words, naming what was typed."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

import typer

from civicli.i18n import CLI
from civicli.text import printable


class Choice(str, enum.Enum):
    """The values an option takes, written as their values (`markdown`, not `Format.markdown`)."""

    def __str__(self) -> str:
        return str(self.value)


E = TypeVar("E", bound=Choice)

_DIGITS = 30  # a whole number longer than this is no count or id civicli keeps


def _typed(value: str) -> str:
    return printable(value)


def whole_number(low: int | None = None, high: int | None = None) -> Callable[[str | int], int]:
    """A parser of a whole number (in `low`..`high`, where given)."""

    def parse(value: str | int) -> int:
        if isinstance(value, int):  # a default, as declared
            return value
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not (digits.isascii() and digits.isdigit()):
            raise typer.BadParameter(CLI["not_integer"].format(value=_typed(value)))
        if len(digits) > _DIGITS:
            raise typer.BadParameter(CLI["too_large"].format(value=_typed(value)))
        number = int(text)
        if (low is not None and number < low) or (high is not None and number > high):
            if high is None:
                bounds = f"≥{low}"
            elif low is None:
                bounds = f"≤{high}"
            else:
                bounds = f"{low}–{high}"
            raise typer.BadParameter(CLI["not_in_range"].format(value=_typed(value), range=bounds))
        return number

    return parse


def one_of(kind: type[E]) -> Callable[[str | E], E]:
    """A parser of one of a Choice's values (as typed, in any case)."""

    def parse(value: str | E) -> E:
        if isinstance(value, kind):
            return value
        wanted = str(value).strip().lower()
        for member in kind:
            if str(member.value).lower() == wanted:
                return member
        choices = ", ".join(str(m.value) for m in kind)
        raise typer.BadParameter(CLI["not_choice"].format(value=_typed(str(value)), choices=choices))

    return parse


def choices_metavar(kind: type[Choice]) -> str:
    """`<table|markdown>`: the values an option takes, as its placeholder in help."""
    return "<" + "|".join(str(m.value) for m in kind) + ">"
