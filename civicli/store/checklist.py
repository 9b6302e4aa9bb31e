"""The checklist: outstanding occurrences (and open rectifications), overdue first."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from typing import NamedTuple

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR
from civicli.limits import MAX_DATE, MAX_DAYS
from civicli.store.completion import OccurrenceFilter, OccurrenceRow, occurrence_rows_by_urgency
from civicli.store.connection import Store
from civicli.store.rectifications import RectificationDue, rectifications_due

ChecklistEntry = OccurrenceRow | RectificationDue
"""One line of the checklist: a task occurrence, or an open rectification (整改)."""


class ChecklistFilter(NamedTuple):
    plan: str | None = None
    owner: str | None = None
    overdue: bool = False
    due_within: int | None = None
    all: bool = False


def _urgency(line: ChecklistEntry) -> tuple[bool, str, str, int, str]:
    """Overdue first, then by due date, plan, position in the plan and opening day: the order
    occurrence_rows_by_urgency reads the occurrences in."""
    return (not line.overdue, line.due, line.plan_id, line.position, line.opens)


def checklist(store: Store, today: dt.date, f: ChecklistFilter) -> list[ChecklistEntry]:
    """The outstanding occurrences (or all, with f.all), overdue first, then by due date, with the
    open rectifications among them (after an occurrence of the same place in that order)."""
    return list(checklist_lines(store, today, f))


def checklist_lines(store: Store, today: dt.date, f: ChecklistFilter) -> Iterator[ChecklistEntry]:
    """The checklist's lines read from the database as they are taken (the store open until the
    last): a district's list is never held whole. Refuses what it cannot list before the first."""
    if f.due_within and (f.due_within > MAX_DAYS * 2 or today + dt.timedelta(days=f.due_within) > MAX_DATE):
        raise InvalidInput(ERR["due_within_range"].format(days=f.due_within))
    horizon = today + dt.timedelta(days=f.due_within or 0)
    if f.plan and not store.one("SELECT 1 FROM plans WHERE id = ?", [f.plan]):
        raise NotFound(ERR["no_plan"].format(plan=f.plan))
    which = OccurrenceFilter(
        plan=f.plan or None,
        owner=f.owner or None,
        # open today (or due within the horizon) and not yet missed
        open_or_due_by=None if f.all else horizon,
        due_by=horizon if f.due_within is not None else None,
        states=("overdue",) if f.overdue else None if f.all else ("outstanding", "overdue", "upcoming"),
    )
    # open rectifications (整改) belong on the one checklist too
    rectifications = sorted(
        (
            r
            for r in rectifications_due(store, today, plan=f.plan, owner=f.owner)
            if (f.due_within is None or r.due <= horizon.isoformat()) and (r.overdue or not f.overdue)
        ),
        key=_urgency,
    )
    occurrences: Iterator[ChecklistEntry] = occurrence_rows_by_urgency(store, today, which)
    return heapq.merge(occurrences, rectifications, key=_urgency)  # stable: an occurrence first
