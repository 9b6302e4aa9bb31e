"""The limits civicli holds input to (README, Limits). Pure: no I/O, importable from every layer.

Numbers (plan files and the command line) are finite and within ±10^15; day counts (a festival's
offset, lead and grace, an inspection template's rectify_days) within ±36,500 (a hundred years);
dates within 1900–2100 (the years the lunar calendar is converted for); a plan file at most 1 MB,
checked before it is read.
"""

from __future__ import annotations

import datetime as dt
import math

MAX_NUMBER = 10**15
MAX_DAYS = 36_500
MAX_EVERY = 1_000  # `every: "N weeks"` / `"N months"`
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
MAX_PLAN_BYTES = 1024 * 1024
MAX_OCCURRENCES = 100_000  # a plan's occurrences, all tasks together (plan-format.md)
MAX_ID = 2**63 - 1  # a record's, inspection's or rectification's number: an SQLite rowid
MAX_NUMBER_TEXT = 64  # characters of a number as written; longer is refused before it is parsed


def number_ok(value: float) -> bool:
    """Finite and within ±10^15."""
    try:
        return math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER
    except OverflowError:  # an int too large to convert to float
        return False


def days_ok(value: int) -> bool:
    """A count of days within ±36,500."""
    return -MAX_DAYS <= value <= MAX_DAYS


def date_ok(day: dt.date) -> bool:
    """A date within 1900-01-01 … 2100-12-31."""
    return MIN_DATE <= day <= MAX_DATE


def number_text(text: str) -> float | None:
    """A number typed on the command line (`120`, `1.5`, `1e3`): the value, or None when it is not
    a number at all. Raises ValueError when it is a number out of range (or NaN / infinite)."""
    text = text.strip()
    if len(text) > MAX_NUMBER_TEXT:
        if text.lstrip("+-").replace(".", "", 1).isdigit():
            raise ValueError(text)
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if not number_ok(value):
        raise ValueError(text)
    return value
