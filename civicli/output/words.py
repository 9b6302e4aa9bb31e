"""Values as the interface says them: a moment recorded, a percent, a schedule, an occurrence
(期次). In the interface's language (the documents have their own words: output/bulletin.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from civicli.i18n import EVERY_UNIT, MSG, language
from civicli.plan.festivals import canonical
from civicli.plan.naming import occurrence_name, schedule_of, schedule_words


def local_minute(at: str | None) -> str:
    """A moment recorded (ISO with its offset) in local time to the minute: `2027-09-10 14:32`
    (the time zone of TZ, else the system's). Text that is not such a moment is shown as it is."""
    if not at:
        return ""

    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def pct(value: Any) -> str:
    return "" if value is None else f"{value}%"


def schedule_text(t: dict[str, Any]) -> str:
    """A task's schedule in words: in Chinese as civicli.plan.naming says it (`每半年`, `每2周`,
    `结合中秋`, `暑假期间`, `截止 2027-01-31`, `常态化`); `period` tells a calendar period."""
    if language() == "zh":
        every, festival = t.get("every"), t.get("festival")
        schedule = schedule_of(t.get("due"), every, festival, bool(t.get("period")))
        return schedule_words(schedule, str(t["due"]) if t.get("due") else None)
    if t.get("due"):
        return MSG["due_on"].format(date=t["due"])
    if t.get("every"):
        every = str(t["every"])
        parts = every.split()
        if len(parts) == 2:
            unit = EVERY_UNIT.get(parts[1].rstrip("s"), parts[1])
            return MSG["every"].format(unit=f"{parts[0]}{unit}")
        return MSG["every"].format(unit=EVERY_UNIT.get(every, every))
    if t.get("festival"):
        name = str(t["festival"])
        return MSG["festival"].format(name=canonical(name) or name)  # 中秋, not mid-autumn
    return MSG["ongoing"]


def occurrence_text(
    key: str | None, ongoing: bool = False, year: int | None = None, schedule: str | None = None
) -> str:
    """An occurrence key as a clerk reads it (期次), named by civicli.plan.naming from the task's
    schedule code (`schedule`, as the store gives it; else `ongoing` says whether `once` is an
    ongoing task's): in Chinese `2027年9月`, `2027年第35—36周`, `2027年上半年`, `2027年中秋`,
    `2027年暑假期间`, `一次性`/`常态` (the year left out when it is `year`); in English the key
    itself. JSON keeps the keys."""
    if not key:
        return ""

    if schedule is None:
        schedule = "ongoing" if ongoing else "due"
    if key == "once":
        return MSG["occ_once"] if schedule == "due" else MSG["occ_ongoing"]
    if language() != "zh":
        return key

    return occurrence_name(key, schedule, year)
