"""The completion rules, in one place: what makes an occurrence done, credited, overdue or
missed (plan-format.md, States of an occurrence and Completion), how a plan's completion is
summed, and how the facts cached on occurrence rows from those rules are read.

The upkeep of the cached facts is SQLite's own (migration 0008_completion_triggers): any change
to occurrences, records, inspections, takebacks, tasks or template areas recomputes the facts of
the occurrences it touches, in the same statement. No writer calls anything here but the loader
(`fresh_facts`, below); a record or an inspection taken back (`takebacks`) stops counting in the
facts and in every search below.
Changing a rule means changing it here and, in a new migration, replacing the triggers (their
SQL is frozen in 0008 and 0013); tests/test_settled.py checks the two against the raw history.

One case is civicli's, for speed (migration 0013_occurrences_with_facts): a new occurrence of an
active task with no records on its key and no linked template — the bulk of a load — is inserted
with its facts, `fresh_facts` below, and `refresh` = FACTS_GIVEN, for which the insert trigger
does not fire (store/load.py). Any other new occurrence is inserted without the marker and the
trigger computes its facts by the general rule of 0008.

Cached on each occurrence row (as of no particular day):
- rec_first / rec_date: the dates of its first and last record (by date);
- l_status / l_percent: the latest record's status / percent among those that gave one;
- d_status / d_percent: the latest record that gave a status or a percent ("decisive");
- a_done / a_total: the areas of the linked template inspected in its window, of how many (0 / 0
  for a task without `inspection:`);
- settles, f_done, f_credit, f_overdue: from the day `settles` on, the occurrence's part in its
  plan's completion no longer changes with the day asked about — all its records are dated by
  then, it is past due (so every inspection in its window is too), and it is done, missed or
  overdue for good — and it counts as f_done / f_credit / f_overdue. An archived task's
  occurrences never settle (FAR_FUTURE).

Reading "as of today": the stored facts hold unless the row is STALE (records dated on both sides
of today, or a linked template's window open today); stale rows are searched again.

Callers choose occurrences with `Which` (typed filters) and get `Occurrence` rows back; a plan's
completion comes from `plan_completion` as `PlanCompletion`. No SQL crosses this module's edge.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from civicli.plan.naming import SCHEDULE_CODE
from civicli.store.connection import FAR_FUTURE, Store

STATUSES = ("todo", "doing", "done", "blocked")


# ---------------------------------------------------------------- the rule, for one occurrence


class Derived(NamedTuple):  # a tuple: made for every occurrence listed, so kept light
    state: str
    done: bool
    credit: float  # completion credit, 0..1


_DONE = Derived("done", True, 1.0)
_MISSED = Derived("missed", False, 0.0)


def derive(
    today: str,
    opens: str,
    due: str,
    until: str,
    decisive_status: str | None,
    decisive_percent: int | None,
    percent: int | None,
    areas_done: int | None = None,
    areas_total: int | None = None,
) -> Derived:
    """State and completion credit of one occurrence (dates as ISO text compare correctly).

    decisive_*: the latest record that gave a status or a percent; percent: the latest percent.
    """
    done = decisive_status == "done" or decisive_percent == 100
    if areas_total and areas_done is not None and areas_done >= areas_total:
        done = True
    if done:
        return _DONE
    if today < opens:
        state = "upcoming"
    elif today >= until:
        return _MISSED
    elif today > due:
        state = "overdue"
    else:
        state = "outstanding"
    credit = (percent or 0) / 100
    if areas_total:
        credit = max(credit, (areas_done or 0) / areas_total)
    return Derived(state, False, credit)


def weight(due: str, today: str, credit: float) -> float:
    """What an occurrence adds to the number completion divides by: 1 when due by today; else
    its credit (done early counts 1 of 1, untouched nothing), so recording never lowers it."""
    return 1.0 if due <= today else credit


def percent_of(credit: float, counted: float) -> int:
    """Whole-percent completion: credit over counted, rounded down (a sum of shares that is
    a whole percent in exact terms stays one, whatever order the floats were added in)."""
    return int(credit * 100 / counted + 1e-9) if counted > 1e-12 else 0


# ---------------------------------------------------------------- the facts of a new occurrence

FACTS_GIVEN = -1
"""`occurrences.refresh` inserted as this: the row comes with its facts (`fresh_facts`), the
insert trigger (migration 0013) leaves it alone. Only for the rows fresh_facts is for."""


class FreshFacts(NamedTuple):
    """The facts of a new occurrence of an active task with no records on its key and no linked
    template that depend on its dates. Its other facts are those of nothing recorded and no
    areas — rec_first, rec_date, l_status, l_percent, d_status, d_percent NULL; a_done, a_total,
    f_done 0; f_credit 0.0 — which are their columns' defaults: an insert leaves them out."""

    settles: str
    f_overdue: int


@lru_cache(maxsize=4096)
def fresh_facts(due: str, until: str) -> FreshFacts:
    """The facts of a new occurrence of an active task with no records on its key and no linked
    template (dates as ISO text): it settles the day after it is due, or on the day it is missed
    if that is later; from then on it counts as not done, with no credit, and as overdue for good
    unless it has a day from which it is missed (`until` before FAR_FUTURE). What the general
    rule of the triggers gives such a row (tests/test_settled.py checks the two agree)."""
    day_after = (dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat()
    if until == FAR_FUTURE:
        return FreshFacts(day_after, 1)
    return FreshFacts(max(day_after, until), 0)


# ---------------------------------------------------------------- rows


class Occurrence(NamedTuple):  # a tuple: made for every occurrence listed, so kept light
    """One occurrence of an active task as of a day, with its derived state and credit."""

    task_key: str
    occurrence: str
    plan_id: str
    task_id: str
    title: str
    owner: str | None
    owner_name: str | None
    section_id: str | None
    position: int
    inspection_id: str | None
    opens: str
    due: str
    until: str
    status: str  # the latest recorded status, "todo" when none
    percent: int | None  # the latest recorded percent
    has_record: bool
    first_record: str | None  # the date of its first record (any date)
    areas_done: int | None  # for a task with `inspection:`: areas inspected in the window
    areas_total: int | None
    state: str  # upcoming, outstanding, overdue, missed, done
    done: bool
    credit: float
    days_late: int
    kind: str = "task"
    schedule: str = ""  # the task's schedule, for naming the occurrence (plan/naming.from_code)

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def missed(self) -> bool:
        return self.state == "missed"


class Which(NamedTuple):
    """Which occurrences of active tasks to read (all fields combine with AND)."""

    plan: str | None = None
    task_key: str | None = None
    pairs: Sequence[tuple[str, str]] | None = None  # (task key, occurrence key)
    owner: str | None = None  # a role id exactly, or part of the owner's display or free-text name
    open_or_due_by: dt.date | None = None  # not missed, open today or due by this day (the checklist)
    due_by: dt.date | None = None
    overdue: bool = False  # maybe overdue today (open, past due, not missed)
    upcoming_until: dt.date | None = None  # opening or due after today and by this day


class PlanCompletion(NamedTuple):
    counted: float  # what the credit is divided by
    credit: float
    done: int  # done occurrences
    overdue: int
    percent: int


# ---------------------------------------------------------------- reading the cached facts


def _latest(column: str, condition: str) -> str:
    """The latest record's `column` among the occurrence's records (not taken back) dated on or
    before :today that meet `condition`."""
    return f"""(SELECT x.{column} FROM live_records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
          AND x.date <= :today AND ({condition}) ORDER BY x.id DESC LIMIT 1)"""


def _fact(stored: str, search: str) -> str:
    return f"(CASE WHEN o.rec_date IS NULL THEN NULL WHEN o.rec_date <= :today THEN o.{stored} ELSE {search} END)"


_DECISIVE = "x.status IS NOT NULL OR x.percent IS NOT NULL"
_FACT_HAS_RECORD = "IFNULL(o.rec_first <= :today, 0)"
# The areas of a linked template inspected in the window by :today: kept on the row for a window
# closed by :today, none for one not yet open; searched only while the window is open, area by
# area in the window's days of the index (template, area, date): not every inspection the
# template ever had.
_FACT_AREAS_DONE = """(CASE WHEN o.a_total = 0 THEN NULL WHEN :today > o.due THEN o.a_done
          WHEN :today < o.opens THEN 0 ELSE
          (SELECT COUNT(*) FROM template_areas ta
            WHERE ta.template_key = o.plan_id || '/' || t.inspection_id
              AND EXISTS (SELECT 1 FROM live_inspections i
                 WHERE i.template_key = ta.template_key AND i.area = ta.area
                   AND i.date >= o.opens AND i.date <= o.due AND i.date <= :today)) END)"""

# Stale rows: records dated on both sides of :today, or a linked template's window open on :today.
# Never NULL, so that NOT STALE is its complement.
_STALE = (
    "(IFNULL(o.rec_first <= :today AND o.rec_date > :today, 0) "
    "OR (o.a_total > 0 AND o.opens <= :today AND :today <= o.due))"
)
_STORED_FACTS = (
    ", ".join(  # every record dated after :today: as if none
        f"CASE WHEN o.rec_first > :today THEN NULL ELSE o.{column} END AS {name}"
        for column, name in (
            ("d_status", "decisive_status"),
            ("d_percent", "decisive_percent"),
            ("l_status", "status"),
            ("l_percent", "percent"),
        )
    )
    + f""",
       {_FACT_HAS_RECORD} AS has_record,
       CASE WHEN o.a_total = 0 THEN NULL WHEN :today < o.opens THEN 0 ELSE o.a_done END AS areas_done,
       NULLIF(o.a_total, 0) AS areas_total"""
)
_SEARCHED_FACTS = f"""{_fact("d_status", _latest("status", _DECISIVE))} AS decisive_status,
       {_fact("d_percent", _latest("percent", _DECISIVE))} AS decisive_percent,
       {_fact("l_status", _latest("status", "x.status IS NOT NULL"))} AS status,
       {_fact("l_percent", _latest("percent", "x.percent IS NOT NULL"))} AS percent,
       {_FACT_HAS_RECORD} AS has_record,
       {_FACT_AREAS_DONE} AS areas_done, NULLIF(o.a_total, 0) AS areas_total"""

_OCCURRENCE_SELECT = f"""
SELECT o.task_key, o.key, o.plan_id, t.task_id, t.title, t.owner, COALESCE(ro.name, t.owner),
       t.section_id, t.position, t.inspection_id, o.opens, o.due, o.until, o.rec_first,
       {_STORED_FACTS}, {_STALE}, {SCHEDULE_CODE}
FROM occurrences o
JOIN tasks t ON t.key = o.task_key
LEFT JOIN roles ro ON ro.plan_id = t.plan_id AND ro.role_id = t.owner
WHERE t.archived_at IS NULL"""
_PAIRS = (
    "(o.task_key, o.key) IN (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') "
    "FROM json_each(:pairs) j)"
)
_FACTS_SELECT = f"""
SELECT o.task_key, o.key, {_SEARCHED_FACTS}
FROM occurrences o JOIN tasks t ON t.key = o.task_key
WHERE {_PAIRS}"""
# May still be open as of :today: overdue for good (settled), or not yet settled and in `window`
# ({scope}: one plan's rows only when one plan is asked for: a district's list of rows overdue
# for good is long, and one plan's is short).
_UNSETTLED_OR_OVERDUE = (
    "o.rowid IN (SELECT rowid FROM occurrences WHERE {scope}f_overdue = 1 AND settles <= :today "
    "UNION ALL SELECT o.rowid FROM occurrences o WHERE {scope}o.settles > :today AND ({window}))"
)


def _where(which: Which, today: dt.date) -> tuple[str, dict[str, Any]]:
    iso = today.isoformat()
    clauses: list[str] = []
    params: dict[str, Any] = {"today": iso}
    if which.plan is not None:
        clauses.append("o.plan_id = :plan")
        params["plan"] = which.plan
    if which.task_key is not None:
        clauses.append("o.task_key = :task_key")
        params["task_key"] = which.task_key
    if which.pairs is not None:
        clauses.append(_PAIRS)
        params["pairs"] = json.dumps([list(p) for p in which.pairs], ensure_ascii=False)
    if which.owner is not None:
        clauses.append("(t.owner = :owner OR instr(COALESCE(ro.name, t.owner, ''), :owner) > 0)")
        params["owner"] = which.owner
    scope = "" if which.plan is None else "plan_id = :plan AND "
    if which.open_or_due_by is not None:
        window = "o.until > :today AND (o.opens <= :today OR o.due <= :horizon)"
        clauses.append(_UNSETTLED_OR_OVERDUE.format(window=window, scope=scope))
        params["horizon"] = which.open_or_due_by.isoformat()
    if which.overdue:
        window = "o.until > :today AND o.due < :today AND o.opens <= :today"
        clauses.append(_UNSETTLED_OR_OVERDUE.format(window=window, scope=scope))
    if which.due_by is not None:
        clauses.append("o.due <= :due_by")
        params["due_by"] = which.due_by.isoformat()
    if which.upcoming_until is not None:
        # due after today: settled already only if done
        # also a festival or calendar period that starts in the window although its occurrence
        # opened before it and is due after it (科普宣传周 from 9/15): its own start is
        # opens + lead - offset
        clauses.append(
            "o.settles > :today AND o.until > :today AND ((o.opens > :today AND o.opens <= :up_hi) "
            "OR (o.due > :today AND o.due <= :up_hi) OR (t.festival IS NOT NULL AND "
            "date(o.opens, printf('%+d days', COALESCE(t.lead, 0) - COALESCE(t.\"offset\", 0))) "
            "BETWEEN date(:today, '+1 day') AND :up_hi))"
        )
        params["up_hi"] = which.upcoming_until.isoformat()
    return "".join(f" AND ({c})" for c in clauses), params


def occurrences(store: Store, today: dt.date, which: Which = Which()) -> list[Occurrence]:
    """The occurrences of active tasks chosen by `which`, with their state as of `today`."""
    where, params = _where(which, today)
    rows = store.conn.execute(_OCCURRENCE_SELECT + where, params).fetchall()
    searched: dict[tuple[str, str], tuple[Any, ...]] = {}
    stale = [(r[0], r[1]) for r in rows if r[21]]
    if stale:
        for f in store.conn.execute(
            _FACTS_SELECT, {"today": params["today"], "pairs": json.dumps(stale, ensure_ascii=False)}
        ):
            searched[(f[0], f[1])] = tuple(f[2:])
    iso = today.isoformat()
    out: list[Occurrence] = []
    append, make = out.append, tuple.__new__
    for r in rows:
        # the seven facts: decisive status and percent, status, percent, has_record, areas done, total
        facts = searched.get((r[0], r[1]), r[14:21]) if r[21] else r[14:21]
        opens, due, until = r[10], r[11], r[12]
        d = derive(iso, opens, due, until, facts[0], facts[1], facts[3], facts[5], facts[6])
        late = (today - dt.date.fromisoformat(due)).days if d.state == "overdue" else 0
        # the fields of Occurrence, in order (a tuple made directly: this runs for every row)
        append(
            make(
                Occurrence,
                (
                    *r[:13],
                    facts[2] or "todo",
                    facts[3],
                    bool(facts[4]),
                    r[13],
                    facts[5],
                    facts[6],
                    d.state,
                    d.done,
                    d.credit,
                    late,
                    "task",
                    r[22],
                ),
            )
        )
    return out


def completion(rows: Iterable[Occurrence], today: dt.date) -> int:
    """Whole-percent completion of these occurrences (one plan's, as of today): over those due by
    today, each not yet due adding its credit to both sums (plan-format.md)."""
    iso = today.isoformat()
    credit = counted = 0.0
    for r in rows:
        credit += r.credit
        counted += weight(r.due, iso, r.credit)
    return percent_of(credit, counted)


# ---------------------------------------------------------------- a plan's completion, in SQL

# The same rule as derive() and completion() above, for many occurrences at once without a
# Python row each: the settled ones count with their stored values (from one index); the others
# are derived here, their facts as stored or searched (stale).
_DONE_SQL = (
    "(decisive_status IS 'done' OR decisive_percent IS 100 "
    "OR (areas_total > 0 AND areas_done >= areas_total) IS 1)"
)
_CREDIT_SQL = f"""CASE WHEN {_DONE_SQL} THEN 1.0
             WHEN :today >= opens AND :today >= until THEN 0.0
             ELSE MAX(COALESCE(percent, 0) / 100.0,
                      CASE WHEN areas_total > 0 THEN COALESCE(areas_done, 0) * 1.0 / areas_total ELSE 0.0 END)
        END"""
_PLANS_ALL = "o.plan_id IN (SELECT id FROM plans)"
_PLANS_GIVEN = "o.plan_id IN (SELECT value FROM json_each(:plans))"


def _live_sql(facts: str, stale: str, plans: str) -> str:
    return f"""
WITH live AS (
  SELECT o.plan_id, o.opens, o.due, o.until, {facts}
  FROM occurrences o JOIN tasks t ON t.key = o.task_key
  WHERE o.settles > :today AND {plans} AND t.archived_at IS NULL AND {stale}
    -- cheap necessary conditions of counting at all, before anything is derived
    AND (o.due <= :today OR o.rec_first <= :today OR o.a_done > 0)),
scored AS (
  SELECT plan_id, due, opens, until, {_DONE_SQL} AS done, {_CREDIT_SQL} AS credit FROM live)
SELECT plan_id,
       SUM(CASE WHEN due <= :today THEN 1.0 ELSE credit END) AS counted,
       SUM(done) AS done, SUM(credit) AS credit,
       SUM(NOT done AND opens <= :today AND :today < until AND :today > due) AS overdue
FROM scored GROUP BY plan_id"""


def _settled_sql(plans: str) -> str:
    return f"""
SELECT o.plan_id, COUNT(*) AS counted, SUM(o.f_done) AS done, SUM(o.f_credit) AS credit,
       SUM(o.f_overdue) AS overdue
FROM occurrences o INDEXED BY occurrences_settled WHERE o.settles <= :today AND {plans} GROUP BY o.plan_id"""


_COMPLETION_SQL = {
    given: (
        _settled_sql(plans),
        _live_sql(_STORED_FACTS, f"NOT {_STALE}", plans),
        _live_sql(_SEARCHED_FACTS, _STALE, plans),
    )
    for given, plans in ((False, _PLANS_ALL), (True, _PLANS_GIVEN))
}


def plan_completion(
    store: Store, today: dt.date, plan_ids: Sequence[str] | None = None
) -> dict[str, PlanCompletion]:
    """Per plan id (all plans, or those given): what completion() and derive() give row by row,
    in aggregate queries — the settled occurrences' stored values, and the rest derived in SQL.
    Plans with nothing to count are left out."""
    params: dict[str, Any] = {"today": today.isoformat()}
    if plan_ids is not None:
        params["plans"] = json.dumps(list(plan_ids), ensure_ascii=False)
    sums: dict[str, list[float]] = {}
    for sql in _COMPLETION_SQL[plan_ids is not None]:
        for plan_id, counted, done, credit, overdue in store.conn.execute(sql, params):
            acc = sums.setdefault(plan_id, [0.0, 0.0, 0.0, 0.0])
            for i, value in enumerate((counted, credit, done, overdue)):
                acc[i] += value or 0
    return {
        plan_id: PlanCompletion(counted, credit, int(done), int(overdue), percent_of(credit, counted))
        for plan_id, (counted, credit, done, overdue) in sums.items()
    }


__all__ = [
    "FACTS_GIVEN",
    "FAR_FUTURE",
    "STATUSES",
    "Derived",
    "FreshFacts",
    "Occurrence",
    "PlanCompletion",
    "Which",
    "completion",
    "derive",
    "fresh_facts",
    "occurrences",
    "percent_of",
    "plan_completion",
    "weight",
]
