"""Built-in festivals and named days: names, aliases and their Gregorian dates.

Lunar festivals are converted exactly for 1900–2100 and 清明 is taken from its solar term,
both computed with the ``lunar_python`` library; fixed days are plain month-day dates.

The name tables are cheap to import. ``lunar_python`` is imported only when a lunar or
solar-term date is actually computed, and computed dates are cached.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Final

__all__ = ["BUILTIN", "canonical", "date_in_year", "dates_between", "dates_in_year", "is_computed"]

# The first and last Gregorian years for which lunar and solar-term dates are computed.
_MIN_YEAR: Final = 1900
_MAX_YEAR: Final = 2100

# Lunar festivals: canonical name -> (lunar month, lunar day) in the regular (non-leap)
# month. 除夕 is not a fixed lunar month-day (the 12th month has 29 or 30 days); it is
# computed as the day before the next lunar year's 春节, and so maps to None.
_LUNAR: Final[dict[str, tuple[int, int] | None]] = {
    "春节": (1, 1),
    "元宵": (1, 15),
    "端午": (5, 5),
    "七夕": (7, 7),
    "中秋": (8, 15),
    "重阳": (9, 9),
    "腊八": (12, 8),
    "除夕": None,
}

# Festivals given by a solar term: canonical name -> the term's Chinese name.
_SOLAR_TERM: Final[dict[str, str]] = {
    "清明": "清明",
}

# Fixed Gregorian days: canonical name -> (month, day).
_FIXED: Final[dict[str, tuple[int, int]]] = {
    "元旦": (1, 1),
    "学雷锋纪念日": (3, 5),
    "妇女节": (3, 8),
    "植树节": (3, 12),
    "劳动节": (5, 1),
    "青年节": (5, 4),
    "儿童节": (6, 1),
    "环境日": (6, 5),
    "建党节": (7, 1),
    "建军节": (8, 1),
    "全民健身日": (8, 8),
    "教师节": (9, 10),
    "国庆": (10, 1),
    "消防日": (11, 9),
    "宪法日": (12, 4),
}

BUILTIN: Final[dict[str, str]] = {
    "春节": "spring-festival",
    "元宵": "lantern",
    "端午": "dragon-boat",
    "七夕": "qixi",
    "中秋": "mid-autumn",
    "重阳": "double-ninth",
    "腊八": "laba",
    "除夕": "new-years-eve",
    "清明": "qingming",
    "元旦": "new-year",
    "学雷锋纪念日": "lei-feng-day",
    "妇女节": "womens-day",
    "植树节": "tree-planting-day",
    "劳动节": "labour-day",
    "青年节": "youth-day",
    "儿童节": "childrens-day",
    "环境日": "environment-day",
    "建党节": "party-day",
    "建军节": "army-day",
    "全民健身日": "fitness-day",
    "教师节": "teachers-day",
    "国庆": "national-day",
    "消防日": "fire-safety-day",
    "宪法日": "constitution-day",
}
"""Canonical Chinese name -> English alias of every built-in festival, in the spec's order."""

_BY_ALIAS: Final[dict[str, str]] = {alias.casefold(): name for name, alias in BUILTIN.items()}


def canonical(name: str) -> str | None:
    """The canonical Chinese name for a built-in festival given by Chinese name or English alias
    (alias match case-insensitive, surrounding whitespace ignored); None if not built in."""
    key = name.strip()
    if key in BUILTIN:
        return key
    return _BY_ALIAS.get(key.casefold())


def _require(name: str) -> str:
    """The canonical name of built-in festival `name`, or ValueError if it is not built in."""
    found = canonical(name)
    if found is None:
        raise ValueError(f"unknown festival: {name!r}")
    return found


def _check_year(name: str, year: int) -> None:
    """ValueError unless `year` is inside the range computed for lunar/solar-term festivals."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"{name} can only be computed for the years {_MIN_YEAR}–{_MAX_YEAR}, not {year}")


@lru_cache(maxsize=4096)
def _lunar_date(name: str, lunar_year: int) -> datetime.date:
    """The Gregorian date of lunar festival `name` (canonical) in lunar year `lunar_year`.

    Always the regular month, never a leap month of the same number. 除夕 is the last day
    of the 12th month, i.e. the day before 春节 of lunar year `lunar_year + 1`.
    """
    if _LUNAR[name] is None:  # 除夕
        return _lunar_date("春节", lunar_year + 1) - datetime.timedelta(days=1)
    return _lunar_year(lunar_year)[name]


# What lunar-python computed in this process (a few years' worth: at most 1899–2101), kept for
# the process.
_LUNAR_YEARS: dict[int, dict[str, datetime.date]] = {}
_SOLAR_TERMS: dict[tuple[str, int], datetime.date] = {}


def _lunar_year(lunar_year: int) -> dict[str, datetime.date]:
    """The Gregorian dates of every lunar festival with a fixed month-day in lunar year
    `lunar_year`, converted together: lunar-python keeps the last lunar year it computed, so a
    year's festivals one after the other cost a sixth of the same festivals year after year."""
    found = _LUNAR_YEARS.get(lunar_year)
    if found is None:
        from lunar_python import Lunar

        found = {}
        for name, month_day in _LUNAR.items():
            if month_day is not None:
                month, day = month_day
                # A positive month number is the regular month (leap months are negative).
                ymd: str = Lunar.fromYmd(lunar_year, month, day).getSolar().toYmd()
                found[name] = datetime.date.fromisoformat(ymd)
        _LUNAR_YEARS[lunar_year] = found
    return found


def _solar_term_date(name: str, year: int) -> datetime.date:
    """The Gregorian date (Beijing time) of solar-term festival `name` in Gregorian `year`."""
    found = _SOLAR_TERMS.get((name, year))
    if found is None:
        from lunar_python import Lunar

        term = _SOLAR_TERM[name]
        # The table of lunar year `year` (its 1/1 falls in Jan/Feb of Gregorian `year`) holds
        # the year's spring and summer terms, 清明 included, in Gregorian `year`.
        ymd: str = Lunar.fromYmd(year, 1, 1).getJieQiTable()[term].toYmd()
        found = datetime.date.fromisoformat(ymd)
        if found.year != year:  # pragma: no cover - guards the assumption above
            raise ValueError(f"{name} of {year} computed as {found}")
        _SOLAR_TERMS[(name, year)] = found
    return found


def _lunar_dates_in_year(name: str, year: int) -> list[datetime.date]:
    """Every date of lunar festival `name` (canonical) falling in Gregorian `year`, ascending.

    A lunar year begins between Jan 21 and Feb 20, so only the lunar years `year - 1` and
    `year` can have an occurrence in Gregorian `year`.
    """
    found = [_lunar_date(name, y) for y in (year - 1, year)]
    return [d for d in found if d.year == year]


def date_in_year(name: str, year: int) -> datetime.date:
    """The Gregorian date of built-in festival `name` (Chinese or alias) whose Gregorian date
    falls in `year`.

    For a lunar festival this is the occurrence of whichever lunar year falls in `year`
    (腊八 of lunar year 2026 is 2027-01-15, so it is 腊八 of 2027). Where a lunar festival
    falls twice in one Gregorian year (腊八 in 2022: 01-10 and 12-30) the first is returned;
    use `dates_between` for all of them.

    Raises ValueError for an unknown name; for a lunar or solar-term festival, for a year
    outside 1900–2100 or when it does not fall in `year` at all (腊八 in 2023); for a fixed
    day, for a year `datetime.date` does not support.
    """
    key = _require(name)
    if key in _FIXED:
        month, day = _FIXED[key]
        return datetime.date(year, month, day)
    _check_year(key, year)
    if key in _SOLAR_TERM:
        return _solar_term_date(key, year)
    found = _lunar_dates_in_year(key, year)
    if not found:
        raise ValueError(f"{key} does not fall in the Gregorian year {year}")
    return found[0]


def _supported(key: str, found: datetime.date) -> None:
    """ValueError unless a computed lunar or solar-term date lies in the years 1900–2100."""
    if not _MIN_YEAR <= found.year <= _MAX_YEAR:
        raise ValueError(
            f"{key} can only be computed for the years {_MIN_YEAR}–{_MAX_YEAR}, not {found.year} ({found})"
        )


def dates_between(
    name: str,
    start: datetime.date,
    end: datetime.date,
    fixed: Mapping[int, Sequence[datetime.date]] | None = None,
) -> list[datetime.date]:
    """All Gregorian dates of the built-in festival within [start, end], ascending.

    `name` is a Chinese name or an alias. An empty range (end before start) gives [].
    `fixed` gives the festival's dates for some Gregorian years (a plan's `festival_dates`,
    following the official calendar where sources disagree): for such a year they replace
    the computed ones.

    Lunar and solar-term dates are computed for 1900–2100. The range may reach a little
    beyond (a plan for 2100 whose festival task has an offset looks a few days into 2101);
    a computed date that falls outside those years is refused with ValueError, as is a
    range reaching further than one year outside them. ValueError too for an unknown name.
    """
    key = _require(name)
    if end < start:
        return []
    fixed = fixed or {}
    computed: list[datetime.date]
    if key in _FIXED:
        month, day = _FIXED[key]
        computed = [datetime.date(y, month, day) for y in range(start.year, end.year + 1)]
    else:
        for year in (start.year, end.year):
            if not _MIN_YEAR - 1 <= year <= _MAX_YEAR + 1:
                _check_year(key, year)
        if key in _SOLAR_TERM:
            computed = [_solar_term_date(key, y) for y in range(start.year, end.year + 1)]
        else:
            # Scan a lunar year either side: 腊八 and 除夕 of lunar year Y fall in Gregorian Y + 1
            # (or, for 腊八, occasionally on the last days of Y).
            computed = [_lunar_date(key, y) for y in range(start.year - 1, end.year + 2)]
    found = sorted(
        {d for d in computed if start <= d <= end and d.year not in fixed}
        | {d for dates in fixed.values() for d in dates if start <= d <= end}
    )
    if key not in _FIXED:
        official = {d for dates in fixed.values() for d in dates}
        for d in found:
            if d not in official:
                _supported(key, d)
    return found


def dates_in_year(
    name: str, year: int, fixed: Mapping[int, Sequence[datetime.date]] | None = None
) -> list[datetime.date]:
    """Every date of the built-in festival in Gregorian `year`, ascending: none, one, or for a
    lunar festival occasionally two (腊八 in 2022: 01-10 and 12-30). `fixed` as in dates_between."""
    return dates_between(name, datetime.date(year, 1, 1), datetime.date(year, 12, 31), fixed)


def is_computed(name: str) -> bool:
    """True for a lunar or solar-term festival (its dates computed, not a fixed month-day)."""
    return _require(name) not in _FIXED
