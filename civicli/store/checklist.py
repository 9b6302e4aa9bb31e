"""The checklist: outstanding occurrences (and open rectifications), overdue first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR
from civicli.limits import MAX_DATE, MAX_DAYS
from civicli.store.completion import live_clause, occurrence_rows
from civicli.store.connection import Row, Store


def _urgency(r: Row) -> tuple[Any, ...]:
    return (not r["overdue"], r["due"], r["plan_id"], r["position"], r["opens"])


@dataclass(frozen=True)
class ChecklistFilter:
    plan: str | None = None
    owner: str | None = None
    overdue: bool = False
    due_within: int | None = None
    all: bool = False


def checklist(store: Store, today: dt.date, f: ChecklistFilter) -> list[Row]:
    """The outstanding occurrences (or all, with f.all), overdue first, then by due date."""
    if f.due_within and (f.due_within > MAX_DAYS * 2 or today + dt.timedelta(days=f.due_within) > MAX_DATE):
        raise InvalidInput(ERR["due_within_range"].format(days=f.due_within))
    horizon = (today + dt.timedelta(days=f.due_within or 0)).isoformat()
    clauses: list[str] = []
    params: dict[str, Any] = {"horizon": horizon}
    if f.plan:
        if not store.one("SELECT 1 FROM plans WHERE id = ?", [f.plan]):
            raise NotFound(ERR["no_plan"].format(plan=f.plan))
        clauses.append("o.plan_id = :plan")
        params["plan"] = f.plan
    if f.owner:
        clauses.append("(t.owner = :owner OR instr(COALESCE(ro.name, t.owner, ''), :owner) > 0)")
        params["owner"] = f.owner
    if not f.all:
        # open today (or due within the horizon) and not yet missed
        clauses.append(live_clause("o.until > :today AND (o.opens <= :today OR o.due <= :horizon)"))
    if f.due_within is not None:
        clauses.append("o.due <= :horizon")
    rows = occurrence_rows(store, today, " AND ".join(clauses), params)
    if not f.all:
        rows = [r for r in rows if r["state"] in ("outstanding", "overdue", "upcoming")]
    from civicli.store.inspections import rectification_checklist_rows

    # open rectifications (整改) belong on the one checklist too
    extra = rectification_checklist_rows(store, today, plan=f.plan, owner=f.owner)
    if f.due_within is not None:
        extra = [r for r in extra if r["due"] <= horizon]
    rows += extra
    if f.overdue:
        rows = [r for r in rows if r["overdue"]]
    rows.sort(key=_urgency)
    return rows
