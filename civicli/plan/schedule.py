"""Occurrences of tasks: a pure function of the plan and the festival calendar, never of today.

Rules are those of docs/plan-format.md ("Schedules and occurrences"). Every occurrence is
computed from the plan's anchor (period start, ISO week, calendar month), never from the
previous occurrence, so keys and dates never drift.
"""

from __future__ import annotations

import datetime as dt
import re

from civicli.plan import festivals
from civicli.plan.model import CalendarEntry, Occurrence, Plan, Task

ONE_DAY = dt.timedelta(days=1)
_EVERY_RE = re.compile(r"^\s*(\d+)\s+(week|month)s?\s*$")
UNITS = ("week", "month", "quarter", "year")


def parse_every(text: str) -> tuple[int, str] | None:
    """`week` → (1, "week"); `"2 weeks"` → (2, "week"); `"3 months"` → (3, "month").

    Returns None when the text is not a valid `every` value.
    """
    word = text.strip()
    if word in UNITS:
        return 1, word
    m = _EVERY_RE.match(word)
    if m and int(m.group(1)) >= 1:
        return int(m.group(1)), m.group(2)
    return None


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _month_end(year: int, month: int) -> dt.date:
    y, m = _add_months(year, month, 1)
    return dt.date(y, m, 1) - ONE_DAY


def _week_key(monday: dt.date) -> str:
    iso = monday.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _first_monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _first_month_start_on_or_after(day: dt.date) -> tuple[int, int]:
    if day.day == 1:
        return day.year, day.month
    return _add_months(day.year, day.month, 1)


def _every_weeks(plan: Plan, n: int) -> list[Occurrence]:
    out: list[Occurrence] = []
    first = _first_monday_on_or_after(plan.start)
    span = dt.timedelta(weeks=n)
    block = first
    while block <= plan.end:
        last = block + span - ONE_DAY
        following_end = last + span
        out.append(Occurrence(_week_key(block), block, last, following_end + ONE_DAY))
        block += span
    return out


def _every_months(plan: Plan, n: int, unit: str) -> list[Occurrence]:
    """Blocks of n months (quarters and years are aligned blocks of 3 and 12)."""
    out: list[Occurrence] = []
    if unit == "month":
        y, m = _first_month_start_on_or_after(plan.start)
        step = n
    elif unit == "quarter":
        y, m = plan.start.year, ((plan.start.month - 1) // 3) * 3 + 1
        if dt.date(y, m, 1) < plan.start:
            y, m = _add_months(y, m, 3)
        step = 3
    else:  # year
        y, m = plan.start.year, 1
        if dt.date(y, 1, 1) < plan.start:
            y += 1
        step = 12
    while _month_start(y, m) <= plan.end:
        ly, lm = _add_months(y, m, step - 1)
        fy, fm = _add_months(y, m, 2 * step - 1)
        if unit == "quarter":
            key = f"{y}-Q{(m - 1) // 3 + 1}"
        elif unit == "year":
            key = f"{y}"
        else:
            key = f"{y}-{m:02d}"
        out.append(Occurrence(key, _month_start(y, m), _month_end(ly, lm), _month_end(fy, fm) + ONE_DAY))
        y, m = _add_months(y, m, step)
    return out


def _calendar_spans(entry: CalendarEntry, start: dt.date, end: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """(year of own date, start, end) for each instance of a plan calendar entry near [start, end]."""
    spans = []
    for year in range(start.year - 1, end.year + 2):
        first = entry.start.in_year(year)
        if entry.end is None:
            last = first
        else:
            last = entry.end.in_year(year)
            if last < first:
                last = entry.end.in_year(year + 1)
        spans.append((year, first, last))
    return spans


def festival_spans(plan: Plan, name: str, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(occurrence key name, first day, last day) of each instance of a festival or plan day
    whose own date lies within [start, end].

    The key name is the canonical name — the Chinese name of a built-in, the name as written
    for a plan's own day — with `-2` appended for the second date of a built-in festival that
    falls twice in one Gregorian year (腊八 of 2022: `腊八` on 01-10, `腊八-2` on 12-30). A
    built-in's dates follow the plan's `festival_dates` for the years it names."""
    if name in plan.calendar:
        return [
            (name, a, b)
            for (_, a, b) in _calendar_spans(plan.calendar[name], start, end)
            if start <= a <= end
        ]
    canon = festivals.canonical(name)
    if canon is None:
        raise ValueError(f"unknown festival {name!r}")
    fixed = plan.festival_dates.get(canon)
    out = []
    for d in festivals.dates_between(canon, start, end, fixed):
        index = 1
        if festivals.is_computed(canon) or (fixed and d.year in fixed):
            # stable whatever the window: the position among all of the year's dates
            index = festivals.dates_in_year(canon, d.year, fixed).index(d) + 1
        out.append((canon if index == 1 else f"{canon}-{index}", d, d))
    return out


def _festival(plan: Plan, task: Task) -> list[Occurrence]:
    assert task.festival is not None
    offset = dt.timedelta(days=task.offset)
    out: list[Occurrence] = []
    # an instance counts when its own date (a period's first day), moved by offset, is in the plan
    for name, first, last in festival_spans(plan, task.festival, plan.start - offset, plan.end - offset):
        moved = first + offset
        due = last + offset
        opens = moved - dt.timedelta(days=task.lead)
        key = f"{first.year}-{name}"
        out.append(Occurrence(key, opens, due, due + dt.timedelta(days=task.grace) + ONE_DAY))
    return out


def count(plan: Plan, task: Task) -> int:
    """How many occurrences `task` has in `plan`'s period (tracked or not), counted from its
    schedule without making them (plan-format.md, the occurrence cap): exact for `due`, ongoing
    and `every`; for a festival, an upper bound (two a year of the period, and one more year
    each side) — `occurrences` gives the exact number."""
    kind = task.schedule_kind
    if kind in ("due", "ongoing"):
        return 1
    if kind == "every":
        parsed = parse_every(task.every or "")
        if parsed is None:
            return 0
        n, unit = parsed
        if unit == "week":
            first = _first_monday_on_or_after(plan.start)
            return 0 if first > plan.end else (plan.end - first).days // (7 * n) + 1
        if unit == "month":
            y, m = _first_month_start_on_or_after(plan.start)
            step = n
        elif unit == "quarter":
            y, m = plan.start.year, ((plan.start.month - 1) // 3) * 3 + 1
            if dt.date(y, m, 1) < plan.start:
                y, m = _add_months(y, m, 3)
            step = 3
        else:  # year
            y, m = plan.start.year + (plan.start > dt.date(plan.start.year, 1, 1)), 1
            step = 12
        first_index, last_index = y * 12 + m - 1, plan.end.year * 12 + plan.end.month - 1
        return 0 if first_index > last_index else (last_index - first_index) // step + 1
    return 2 * ((plan.end - plan.start).days // 365 + 3)


def occurrences(plan: Plan, task: Task, *, tracked_only: bool = True) -> list[Occurrence]:
    """All occurrences of `task` in `plan`, in date order.

    With tracked_only, occurrences due before the plan's `tracked_from` are left out.
    """
    kind = task.schedule_kind
    if kind == "festival":  # a plan's own days and fixed festival dates move these
        key: tuple[object, ...] = (
            plan.start,
            plan.end,
            task.festival,
            task.offset,
            task.lead,
            task.grace,
            repr(plan.calendar),
            repr(plan.festival_dates),
        )
    else:
        key = (plan.start, plan.end, kind, task.due, task.every)
    cached = _CACHE.get(key)
    if cached is None:
        cached = _occurrences(plan, task, kind)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = cached
    result = list(cached)
    if tracked_only and plan.tracked_from is not None:
        result = [o for o in result if o.due >= plan.tracked_from]
    return result


# Occurrences by schedule and what moves them: a district's plans share a few hundred schedules
# among thousands of tasks, and a load expands each task's twice (validate, then write).
_CACHE: dict[tuple[object, ...], tuple[Occurrence, ...]] = {}
_CACHE_SIZE = 4096


def _occurrences(plan: Plan, task: Task, kind: str) -> tuple[Occurrence, ...]:
    result: list[Occurrence]
    if kind == "due":
        assert task.due is not None
        result = [Occurrence("once", plan.start, task.due, None)]
    elif kind == "ongoing":
        result = [Occurrence("once", plan.start, plan.end, None)]
    elif kind == "every":
        assert task.every is not None
        parsed = parse_every(task.every)
        if parsed is None:
            raise ValueError(f"invalid every: {task.every!r}")
        n, unit = parsed
        if unit == "week":
            result = _every_weeks(plan, n)
        else:
            result = _every_months(plan, n, unit)
    else:
        result = _festival(plan, task)
    return tuple(result)
