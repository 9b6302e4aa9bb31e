"""Dates as a Chinese clerk writes them: one parser for plan files and the command line.

Accepted: `2027-03-01`, `2027-3-1`, `2027/3/1`, `2027.3.1`, `2027年3月1日` (full-width digits
and surrounding spaces too). Output stays ISO `YYYY-MM-DD`.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(
    r"(?P<y>[0-9]{4})"
    r"(?:(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"|\s*年\s*(?P<m2>[0-9]{1,2})\s*月\s*(?P<d2>[0-9]{1,2})\s*[日号]?)"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９／．－", "0123456789/.-")

FORMS = ("2027-03-01", "2027-3-1", "2027/3/1", "2027.3.1", "2027年3月1日")


def parse_date_text(text: str) -> dt.date | None:
    """The date written in `text` in one of the five forms, or None (not a date, or no such day)."""
    match = _DATE.fullmatch(text.strip().translate(_FULL_WIDTH_DIGITS))
    if match is None:
        return None
    month = match.group("m") or match.group("m2")
    day = match.group("d") or match.group("d2")
    try:
        return dt.date(int(match.group("y")), int(month), int(day))
    except ValueError:
        return None
