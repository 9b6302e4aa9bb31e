"""The occurrences still to do as calendar events (`civicli calendar`): computed from the rows the
store gives (no SQL here), rendered by output/ical.py."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from civicli.store.completion import OccurrenceFilter, occurrence_rows
from civicli.store.connection import Store
from civicli.store.plans import plan_titles

# the states of an occurrence neither done nor missed: overdue, open now, not yet open
STILL_TO_DO = ("overdue", "outstanding", "upcoming")


class Event(NamedTuple):
    """One occurrence not done and not missed: an all-day event on its due date."""

    task_key: str
    occurrence: str  # the occurrence key (2027-W36, 2027-中秋, once)
    due: dt.date
    title: str  # the task's
    plan_title: str
    owner: str  # the owner's display name, else the role id or free text; '' when none
    state: str  # overdue, outstanding or upcoming (as of today)
    schedule: str = ""  # the task's schedule code, to name the occurrence (plan/naming)


def calendar_events(
    store: Store, today: dt.date, *, plan: str | None = None, owner: str | None = None
) -> list[Event]:
    """The occurrences of active tasks (of `plan`, of an `owner` matched as `tasks --owner` matches)
    neither done nor missed as of `today`, by due date, plan and position in the plan."""
    titles = plan_titles(store)
    rows = sorted(
        (
            r
            for r in occurrence_rows(store, today, OccurrenceFilter(plan=plan, owner=owner))
            if r.state in STILL_TO_DO
        ),
        key=lambda r: (r.due, r.plan_id, r.position, r.opens),
    )
    return [
        Event(
            task_key=r.task_key,
            occurrence=r.occurrence,
            due=dt.date.fromisoformat(r.due),
            title=r.title,
            plan_title=titles.get(r.plan_id, r.plan_id),
            owner=r.owner_name or r.owner or "",
            state=r.state,
            schedule=r.schedule,
        )
        for r in rows
    ]
