"""Text that an XML document (docx, xlsx) cannot hold: lone surrogates (not characters at all)
and the noncharacters U+FFFE, U+FFFF and U+FDD0–U+FDEF. Refused where the clerk gives it (the
command line, plan files); left out, with the control characters XML 1.0 forbids, where text
already stored goes into a document (`xml_safe`), so a document never fails on stored text."""

from __future__ import annotations

import re

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
