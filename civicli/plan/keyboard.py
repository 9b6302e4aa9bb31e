"""Mistakes a Chinese keyboard makes in a plan file, found on the raw text before YAML reads it
(YAML would read them as something else, or fail in its own jargon)."""

from __future__ import annotations

import re

from civicli.errors import Problem
from civicli.i18n import PLANFILE

_INDENT = re.compile(r"^([ \t\u3000]*)")
_FULLWIDTH_COLON = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)[A-Za-z_][A-Za-z0-9_.-]*\s*：")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")
_FLOW_LIST = re.compile(r"\[[^\[\]]*\]")
_KEYBOARD_CHARS = ("\t", "\u3000", "：", "，", "、")  # each of the problems below needs one


def keyboard_problems(text: str, file: str) -> list[Problem]:
    """A tab or `　` in the indentation, `：` after a key, `，`/`、` between the items of a [...]
    list: each named at its line (YAML would read them as something else, or fail in jargon)."""
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not any(c in line for c in _KEYBOARD_CHARS):  # nothing of the kind on this line
            continue
        if line.lstrip().startswith("#"):
            continue
        indent = _INDENT.match(line).group(1)  # type: ignore[union-attr]
        if "\t" in indent:
            problems.append(Problem(file, number, "", PLANFILE.format("indent_tab")))
            continue
        if "\u3000" in indent:
            problems.append(Problem(file, number, "", PLANFILE.format("indent_fullwidth_space")))
            continue
        bare = _QUOTED.sub('""', line.split(" #", 1)[0])
        if _FULLWIDTH_COLON.search(bare):
            problems.append(Problem(file, number, "", PLANFILE.format("fullwidth_colon")))
            continue
        for flow in _FLOW_LIST.findall(bare):
            comma = next((c for c in "，、" if c in flow), None)
            if comma is not None:
                problems.append(Problem(file, number, "", PLANFILE.format("fullwidth_comma", char=comma)))
                break
    return problems
