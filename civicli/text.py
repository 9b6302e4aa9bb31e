"""User text made safe: to show (`printable`), and to put in an XML document (`xml_safe`).
The one place control characters are dealt with.

Notes, names, titles, areas and items are data. Before any of it reaches a terminal or a pipe
(tables, messages, errors, prompts, the bulletin) it goes through `printable`: characters that
could move the cursor, clear the screen, set the window title, start a hyperlink, reorder the
line (bidirectional overrides) or cannot be encoded (lone surrogates) are shown escaped
(`\\x1b`, `\\n`, `\\u202e`) or, for documents, replaced. JSON output does not use this: it keeps
the exact text, escaped as JSON escapes it.

Markup is the other half: Rich never sees user text as a markup string (`output.table`
builds `rich.text.Text` objects), so `[/]` or `[link=…]` are shown as typed.

Text that an XML document (docx, xlsx) cannot hold: lone surrogates (not characters at all)
and the noncharacters U+FFFE, U+FFFF and U+FDD0–U+FDEF. Refused where the clerk gives it (the
command line, plan files); left out, with the control characters XML 1.0 forbids, where text
already stored goes into a document (`xml_safe`), so a document never fails on stored text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# C0 and C1 controls, DEL; line and paragraph separators; bidirectional embeddings, overrides
# and isolates; lone surrogates (never valid text).
_UNSAFE_CLASS = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@functools.cache
def _unsafe(run: bool = False) -> re.Pattern[str]:
    """The unsafe characters (one, or a run of them), compiled when first needed: most text is
    safe and never needs it."""
    return re.compile(f"(?:{_UNSAFE_CLASS})+" if run else _UNSAFE_CLASS)


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, replace: str | None = None) -> str:
    """`text` with every unsafe character escaped (`\\x1b`, `\\n`), or each run of them replaced
    by `replace` (for documents: the bulletin).

    Safe text comes back unchanged (the usual case, tested first)."""
    if text.isprintable() or not _unsafe().search(text):
        return text
    if replace is not None:
        return _unsafe(run=True).sub(replace, text)
    return _unsafe().sub(_escape, text)


def is_unsafe(ch: str) -> bool:
    """True for a character `printable` escapes."""
    return bool(_unsafe().fullmatch(ch))


XML_UNSAFE = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""What is refused on input (control characters are not: they are shown escaped, and the
documents leave them out)."""

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def unsafe_char(text: str) -> str | None:
    """The first character of `text` an XML document cannot hold, written as `U+FFFF`; or None."""
    found = XML_UNSAFE.search(text)
    return None if found is None else f"U+{ord(found.group(0)):04X}"


def xml_safe(text: str) -> str:
    """`text` with what XML 1.0 cannot hold left out: control characters other than tab, line
    feed and carriage return, lone surrogates and the noncharacters above."""
    return _NOT_IN_XML.sub("", text) if _NOT_IN_XML.search(text) else text


def number_shown(value: float) -> str:
    """A number as people read it in a listing or a document: 320, 2.5 — a whole number without
    a decimal point, otherwise at most two decimals, without trailing zeros."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plain_number(value: Any) -> Any:
    """100.0 → 100, for JSON and text (a whole number stored as REAL reads better as one);
    other values unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
