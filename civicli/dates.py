"""Dates as a Chinese clerk writes them: the one reader of dates and ISO weeks, for plan files and
every command-line option.

A date: `2027-03-01`, `2027-3-1`, `2027/3/1`, `2027.3.1` or `2027年3月1日` (`号` for `日`, or
neither), in full-width digits too, with spaces around it and around the parts of the Chinese
form. On the command line a date without its year — `9月3日`, `9-3`, `9/3`, `9.3` — is a day of
today's year. A week: `2027-W36` (`2027W36`, `2027-w36`) or any date in it. Every date and week
within 1900-01-01 … 2100-12-31 (civicli.limits): the years the lunar calendar is converted for.
A date that is not one of these is wrong usage (exit 2) wherever it is typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from civicli.errors import UsageError
from civicli.i18n import ERR, SUMMARY
from civicli.limits import MAX_DATE, MIN_DATE, date_ok

FORMS = ("2027-03-01", "2027-3-1", "2027/3/1", "2027.3.1", "2027年3月1日")

_DATE = re.compile(
    r"(?P<y>[0-9]{4})"
    r"(?:(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"|\s*年\s*(?P<m2>[0-9]{1,2})\s*月\s*(?P<d2>[0-9]{1,2})\s*[日号]?)"
)
_NO_YEAR = re.compile(
    r"(?P<m>[0-9]{1,2})(?:(?P<sep>[-/.])(?P<d>[0-9]{1,2})|\s*月\s*(?P<d2>[0-9]{1,2})\s*[日号]?)"
)
_WEEK = re.compile(r"(?P<y>[0-9]{4})-?[Ww](?P<n>[0-9]{1,2})")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９／．－Ｗｗ", "0123456789/.-Ww")


class BadDate(UsageError):
    """A date or week that is not one civicli reads (its form, a day that does not exist, or
    outside 1900–2100)."""


def read_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The day `text` writes in one of the forms, or None (not a date, or no such day). With
    `today`, a date written without its year is a day of today's year. Not held to 1900–2100:
    see `parse_date`."""
    value = text.strip().translate(_FULL_WIDTH)
    match = _DATE.fullmatch(value)
    if match is not None:
        year = int(match.group("y"))
    elif today is not None and (match := _NO_YEAR.fullmatch(value)) is not None:
        year = today.year
    else:
        return None
    try:
        return dt.date(
            year, int(match.group("m") or match.group("m2")), int(match.group("d") or match.group("d2"))
        )
    except ValueError:
        return None


def parse_date(text: str, what: str, today: dt.date | None = None) -> dt.date:
    """The day `text` writes (see `read_date`), within 1900–2100; else BadDate naming `what` (the
    option, or the setting) and what was typed."""
    day = read_date(text, today)
    if day is None:
        raise BadDate(ERR["bad_date"].format(what=what, value=text))
    if not date_ok(day):
        raise BadDate(ERR["date_range"].format(what=what, value=text))
    return day


@dataclass(frozen=True)
class Week:
    """An ISO week (Monday–Sunday)."""

    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Week:
        iso = day.isocalendar()
        return cls(iso[0], iso[1])

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)


def weeks_in(year: int) -> int:
    """How many ISO weeks `year` has (52 or 53)."""
    return dt.date(year, 12, 28).isocalendar()[1]


def week_ok(week: Week) -> bool:
    """Whether every day of `week` is within 1900–2100."""
    return week.start >= MIN_DATE and week.end <= MAX_DATE


def parse_week(text: str, what: str = "--week", today: dt.date | None = None) -> Week:
    """`2027-W36` (also `2027W36`, `2027-w36`), or a date (the week holding it), within
    1900–2100; else BadDate naming `what` and what was typed."""
    match = _WEEK.fullmatch(text.strip().translate(_FULL_WIDTH))
    if match is not None:
        year, number = int(match.group("y")), int(match.group("n"))
        if not MIN_DATE.year <= year <= MAX_DATE.year:
            raise BadDate(ERR["date_range"].format(what=what, value=text))
        if not 1 <= number <= weeks_in(year):
            raise BadDate(SUMMARY["err_week_range"].format(text=text, year=year, last=weeks_in(year)))
        week = Week(year, number)
    else:
        day = read_date(text, today)
        if day is None:
            raise BadDate(SUMMARY["err_week"].format(text=text))
        week = Week.of(day)
    if not week_ok(week):
        raise BadDate(ERR["date_range"].format(what=what, value=text))
    return week
