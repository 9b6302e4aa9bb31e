"""How an occurrence and a schedule are named for people (plan-format.md, "Schedules and
occurrences"): the one place that says `2027年上半年`, `2027年第35—36周`, `2027年暑假期间`,
`常态`, and `每半年`, `每2周`, `结合中秋`, `暑假期间`. Pure: the words come from the
catalog's OCC table (Chinese in both languages: 期次 are the office's words).

A key alone does not say its name: `2027-W35` is 第35周 for a weekly task and 第35—36周 for
one every 2 weeks; `2027-01` is 1月, or 上半年 for one every 6 months; `once` is 一次性 for a
`due:` task and 常态 for an ongoing one. So the callers pass the task's schedule, as
`Schedule` (`schedule_of` makes one from a task row's columns).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from civicli.i18n import zh
from civicli.plan.festivals import canonical

_KEY = re.compile(r"^(\d{4})(?:-W(\d{2})|-Q([1-4])|-(\d{2})|-(.+))?$")


class Schedule(NamedTuple):
    """A task's schedule as far as naming needs it: `kind` due | every | festival | ongoing;
    `every` as written (`week`, `"2 weeks"`, `"6 months"`…); `festival` its name; `period`
    whether that name is a period of the plan's calendar (暑假), not a day (中秋)."""

    kind: str = "ongoing"
    every: str | None = None
    festival: str | None = None
    period: bool = False


def schedule_of(due: object, every: str | None, festival: str | None, period: bool = False) -> Schedule:
    """The Schedule of a task from its columns (`due`, `every`, `festival`)."""
    if due:
        return Schedule("due")
    if every:
        return Schedule("every", every=every)
    if festival or period:
        return Schedule("festival", festival=festival, period=period)
    return Schedule()


def from_code(code: str | None) -> Schedule:
    """A Schedule from the short code the store hands out with each occurrence (SCHEDULE_CODE):
    `due`, `ongoing`, `festival`, `period`, or the task's `every` as written."""
    if not code or code == "ongoing":
        return Schedule()
    if code == "due":
        return Schedule("due")
    if code in ("festival", "period"):
        return Schedule("festival", period=code == "period")
    return Schedule("every", every=code)


SCHEDULE_CODE = (
    "CASE WHEN t.due IS NOT NULL THEN 'due' WHEN t.every IS NOT NULL THEN t.every "
    "WHEN t.festival IS NULL THEN 'ongoing' "
    "WHEN EXISTS (SELECT 1 FROM calendar c WHERE c.plan_id = t.plan_id AND c.name = t.festival "
    "AND c.\"end\" IS NOT NULL) THEN 'period' ELSE 'festival' END"
)
"""SQL for the code of a task `t`'s schedule (see from_code): whether a festival is a period
is the plan's calendar's to say."""


def _words() -> dict[str, str]:
    return zh.OCC


def _blocks(every: str | None) -> tuple[int, str] | None:
    """`"2 weeks"` → (2, "week"); `"6 months"` → (6, "month"); else None."""
    if not every:
        return None
    parts = every.split()
    if len(parts) == 2 and parts[0].isdigit():
        return int(parts[0]), parts[1].rstrip("s")
    return None


def occurrence_name(key: str | None, schedule: Schedule | str | None = None, year: int | None = None) -> str:
    """An occurrence key as the office names it (期次): `2027年9月`, `2027年第36周`,
    `2027年第3季度`, `2027年`, `2027年上半年`/`2027年下半年`, `2027年9月—10月`,
    `2027年第35—36周`, `2027年中秋`, `2027年暑假期间`, `一次性`, `常态`. With `year`, a year
    equal to it is left out (`9月`, `第36周`). A key of another form is returned as written."""
    w = _words()
    s = from_code(schedule) if isinstance(schedule, str) or schedule is None else schedule
    if not key:
        return ""
    if key == "once":
        return w["once"] if s.kind == "due" else w["ongoing"]
    m = _KEY.match(key)
    if not m:
        return key
    y = int(m.group(1))
    prefix = "" if y == year else w["year"].format(y=y)
    blocks = _blocks(s.every)
    if m.group(2):
        week = int(m.group(2))
        if blocks and blocks[1] == "week" and blocks[0] > 1:
            monday = dt.date.fromisocalendar(y, week, 1)
            last_year, last, _ = (monday + dt.timedelta(weeks=blocks[0] - 1)).isocalendar()
            if last_year != y:
                return prefix + w["weeks_span_year"].format(first=week, y2=last_year, last=last)
            return prefix + w["weeks_span"].format(first=week, last=last)
        return prefix + w["week"].format(n=week)
    if m.group(3):
        return prefix + w["quarter"].format(n=int(m.group(3)))
    if m.group(4):
        month = int(m.group(4))
        if blocks and blocks[1] == "month" and blocks[0] > 1:
            if blocks[0] == 6 and month in (1, 7):
                return prefix + w["half_first" if month == 1 else "half_second"]
            end = month + blocks[0] - 1
            if end > 12:
                last_year, last = y + (end - 1) // 12, (end - 1) % 12 + 1
                return prefix + w["months_span_year"].format(first=month, y2=last_year, last=last)
            return prefix + w["months_span"].format(first=month, last=end)
        return prefix + w["month"].format(n=month)
    if m.group(5):
        name = m.group(5)
        return prefix + (w["period"].format(name=name) if s.period else name)
    return w["year"].format(y=y)


def schedule_words(schedule: Schedule, due: str | None = None) -> str:
    """A schedule as the office describes it: `每周`, `每月`, `每季度`, `每半年`, `每年`, `每2周`,
    `每2个月`, `结合中秋`, `暑假期间`; a `due:` task `截止 2027-01-31`; an ongoing one 常态化."""
    w = _words()
    if schedule.kind == "due":
        return w["due"].format(date=due or "")
    if schedule.kind == "ongoing":
        return w["ongoing_schedule"]
    if schedule.kind == "festival":
        name = str(schedule.festival)
        name = canonical(name) or name  # 中秋, not mid-autumn
        return w["period_schedule" if schedule.period else "festival"].format(name=name)
    every = schedule.every or ""
    blocks = _blocks(every)
    if blocks:
        n, unit = blocks
        if unit == "month" and n == 6:
            return w["every_half_year"]
        if n == 1:
            return w["every_" + unit]
        return w["every_n_" + unit].format(n=n)
    return w.get("every_" + every, every)
