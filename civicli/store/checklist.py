"""The checklist: outstanding occurrences (and open rectifications), overdue first."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import NamedTuple

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR
from civicli.limits import MAX_DATE, MAX_DAYS
from civicli.store.completion import OccurrenceFilter, OccurrenceRow, occurrence_rows
from civicli.store.connection import Store
from civicli.store.rectifications import RectificationDue, rectifications_due

ChecklistEntry = OccurrenceRow | RectificationDue
"""One line of the checklist: a task occurrence, or an open rectification (整改)."""


# overdue first, then by due date, plan, position in the plan and opening day: two stable
# sorts by C-made keys (a Python key function per line was a tenth of `tasks --json`)
_BY_DUE = attrgetter("due", "plan_id", "position", "opens")
_OVERDUE = attrgetter("overdue")


class ChecklistFilter(NamedTuple):
    plan: str | None = None
    owner: str | None = None
    overdue: bool = False
    due_within: int | None = None
    all: bool = False


def checklist(store: Store, today: dt.date, f: ChecklistFilter) -> list[ChecklistEntry]:
    """The outstanding occurrences (or all, with f.all), overdue first, then by due date, with the
    open rectifications among them."""
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
    )
    rows: list[ChecklistEntry] = [
        r
        for r in occurrence_rows(store, today, which)
        if f.all or r.state in ("outstanding", "overdue", "upcoming")
    ]
    # open rectifications (整改) belong on the one checklist too
    rows += [
        r
        for r in rectifications_due(store, today, plan=f.plan, owner=f.owner)
        if f.due_within is None or r.due <= horizon.isoformat()
    ]
    if f.overdue:
        rows = [r for r in rows if r.overdue]
    rows.sort(key=_BY_DUE)
    rows.sort(key=_OVERDUE, reverse=True)  # stable, reversed or not: the due order stays
    return rows
