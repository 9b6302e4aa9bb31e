"""Occurrences (期次) as a Chinese clerk writes them, back to their keys. Dates themselves are
read by civicli/dates.py."""

from __future__ import annotations

import re

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９／．－", "0123456789/.-")


# patterns as text: compiled (and cached by `re`) only when an occurrence is typed
_OCC_MONTH = r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月"
_OCC_WEEK = r"(?P<y>[0-9]{4})\s*年\s*第\s*(?P<n>[0-9]{1,2})\s*周"
_OCC_QUARTER = r"(?P<y>[0-9]{4})\s*年\s*第\s*(?P<n>[1-4])\s*季度?"
_OCC_YEAR = r"(?P<y>[0-9]{4})\s*年(?:度)?"
_OCC_NAMED = r"(?P<y>[0-9]{4})\s*年\s*(?P<name>\S+)"


def occurrence_key(text: str) -> str:
    """An occurrence as the clerk reads it (期次) back to its key: `2027年9月` → `2027-09`,
    `2027年第36周` → `2027-W36`, `2027年第3季度` → `2027-Q3`, `2027年` → `2027`, `2027年中秋` →
    `2027-中秋`, `一次性`/`常态` → `once`; anything else is returned as written (a key already)."""
    value = text.strip().translate(_FULL_WIDTH_DIGITS)
    if value in ("一次性", "常态", "常态化"):
        return "once"
    for pattern, form in (
        (_OCC_MONTH, "{y}-{m:02d}"),
        (_OCC_WEEK, "{y}-W{n:02d}"),
        (_OCC_QUARTER, "{y}-Q{n}"),
        (_OCC_YEAR, "{y}"),
    ):
        match = re.fullmatch(pattern, value)
        if match:
            fields = {k: int(v) if k != "name" else v for k, v in match.groupdict().items()}
            return form.format(**fields)
    match = re.fullmatch(_OCC_NAMED, value)
    if match:
        return f"{match.group('y')}-{match.group('name')}"
    return value
