"""Plain data for plans, as read from plan files (see docs/plan-format.md).

The plan-file loader (planfile.py) builds these; schedule.py derives occurrences from them;
db.py stores both. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Date = dt.date


COUNTS = ("sum", "latest", "max", "done", "closed")  # how a target's actual is counted
COUNTS_WITH_METRIC = ("sum", "latest", "max")


@dataclass(frozen=True)
class Target:
    """A number a goal is judged by (plan-format.md, "Goals"): `count` says what its actual is —
    the metric summed over the records (`sum`), its latest or largest value (`latest`, `max`),
    the done occurrences of `tasks` (`done`), or the rectifications closed (`closed`, of
    `templates` or of all). `tasks` narrows the records (or occurrences) counted to those of
    these tasks; a task's `goal:` never does."""

    id: str
    text: str
    metric: str | None
    target: float
    direction: str  # "at_least" | "at_most"
    assumed: str | None = None  # what the plan's author assumed beyond the source (a number)
    count: str = "sum"  # one of COUNTS
    tasks: tuple[str, ...] = ()  # task ids of the plan whose records count (all when empty)
    templates: tuple[str, ...] = ()  # template ids whose closed rectifications count (`closed`)


@dataclass(frozen=True)
class Goal:
    id: str
    text: str
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class MonthDay:
    """A month-day inside a plan's `calendar` (`MM-DD`). 02-29 falls on 02-28 in common years."""

    month: int
    day: int

    def in_year(self, year: int) -> Date:
        if self.month == 2 and self.day == 29:
            try:
                return dt.date(year, 2, 29)
            except ValueError:
                return dt.date(year, 2, 28)
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class CalendarEntry:
    """A plan's own named day (end is None) or period (start..end, wrapping into next year)."""

    name: str
    start: MonthDay
    end: MonthDay | None = None


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    section_id: str
    detail: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    goal: str | None = None
    inspection: str | None = None
    # schedule: at most one of due / every / festival
    due: Date | None = None
    every: str | None = None  # "week" | "month" | "quarter" | "year" | "N weeks" | "N months"
    festival: str | None = None
    offset: int = 0
    lead: int = 14
    grace: int = 14
    line: int | None = None  # line in the plan file, for messages
    assumed: str | None = None  # what was assumed beyond the source document (a date, a cadence)
    completed_by: str | None = None  # "bulletin": writing a finished week's bulletin records it done

    @property
    def schedule_kind(self) -> str:
        if self.due is not None:
            return "due"
        if self.every is not None:
            return "every"
        if self.festival is not None:
            return "festival"
        return "ongoing"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class InspectionItem:
    id: str
    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class InspectionTemplate:
    id: str
    title: str
    areas: tuple[str, ...]
    items: tuple[InspectionItem, ...]
    pass_mark: float = 80.0
    rectify_days: int = 7
    owners: dict[str, str] = field(default_factory=dict)  # area → its owner (责任人), when named


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    start: Date
    end: Date
    sections: tuple[Section, ...]
    community: str | None = None
    tracked_from: Date | None = None
    guiding_ideology: str | None = None
    principles: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    calendar: dict[str, CalendarEntry] = field(default_factory=dict)
    inspections: tuple[InspectionTemplate, ...] = ()
    assumed: str | None = None  # what the plan's author assumed beyond the source document
    incomplete: str | None = None  # what the source document lacks (it breaks off, …)
    # fixed dates of built-in festivals for given years (the official calendar where sources
    # disagree): canonical name -> {year: dates in that year}
    festival_dates: dict[str, dict[int, tuple[Date, ...]]] = field(default_factory=dict)
    metrics: dict[str, str] = field(default_factory=dict)  # metric id → Chinese name (`metrics:`)
    headcount: str | None = None  # the metric counting the people at an activity (`headcount:`)
    source: str = ""  # absolute path of the file it came from
    sha256: str = ""
    # what the file system said of the file when its bytes were read (plan.sources.file_stat),
    # or None; not the plan's content: two reads of one file are the same plan
    file_stat: str | None = field(default=None, compare=False)
    # the day the clerk began following the plan, given with `load --track-from` (kept in the
    # database, not in the file); when set, tracked_from is this day (or the start, if later)
    track_from: Date | None = None

    @property
    def tracked_start(self) -> Date:
        return self.tracked_from or self.start

    def tasks(self) -> list[Task]:
        return [t for s in self.sections for t in s.tasks]

    def template(self, template_id: str) -> InspectionTemplate | None:
        return next((t for t in self.inspections if t.id == template_id), None)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a task: key (`once`, `2027-W05`, `2027-中秋`…), window and due date.

    missed_from is the first day on which the occurrence counts as missed if not done
    (None: never missed — `due` and ongoing tasks stay overdue until done).
    """

    key: str
    opens: Date
    due: Date
    missed_from: Date | None = None
