"""The completion rules, in one place: what makes an occurrence done, credited, overdue or
missed (plan-format.md, States of an occurrence and Completion), how a plan's completion is
summed, and how the facts cached on occurrence rows from those rules are read.

The rule is written once, in SQL (`done_sql`, `credit_sql`, `state_sql` and the facts of a row):
the triggers that keep the facts cached on occurrence rows (TRIGGERS) and the readers below are
made from it. The triggers are this module's, not a migration's: `install_triggers`, run on every
open after the migrations, replaces them (and recomputes every row) whenever the text the database
keeps differs from the code's. Any change to occurrences, records, inspections, takebacks, tasks or
template areas then recomputes the facts of the occurrences it touches, in the same statement; no
writer calls anything here but the loader (`fresh_facts`). Only what counts is read: the views
`live_records` and `live_inspections` leave out what `undo` took back. derive() is the rule's
Python twin: tests/test_settled.py checks the cached facts and the readers against it, deriving
every occurrence from the raw history.

One case is civicli's, for speed: a new occurrence of an active task with no records on its key
and no linked template — the bulk of a load — is inserted with its facts, `fresh_facts` below, and
`facts_fresh` = 1, for which the insert trigger does not fire (store/load.py). Any other new
occurrence is inserted with `facts_fresh` = 0 and the trigger computes its facts.

Cached on each occurrence row (as of no particular day):
- first_record_date / last_record_date: the dates of its first and last record (by date);
- latest_status / latest_percent: the latest record's status / percent among those that gave one;
- decisive_status / decisive_percent: the latest record that gave a status or a percent ("decisive");
- areas_done / areas_total: the areas of the linked template inspected in its window, of how
  many (0 / 0 for a task without `inspection:`);
- settles, settled_done, settled_credit, settled_overdue: from the day `settles` on, the
  occurrence's part in its plan's completion no longer changes with the day asked about — all
  its records are dated by then, it is past due (so every inspection in its window is too), and
  it is done, missed or overdue for good — and it counts as settled_done / settled_credit /
  settled_overdue. An archived task's occurrences never settle (FAR_FUTURE).
- facts_fresh: 1 once the facts above are those of the history as it stands (see below).

Reading "as of today": the stored facts hold unless the row is STALE (records dated on both sides
of today, or a linked template's window open today); stale rows are searched again.

Callers choose occurrences with `OccurrenceFilter` (typed filters) and get `OccurrenceRow` rows back; a plan's
completion comes from `plan_completion` as `PlanCompletion`. No SQL crosses this module's edge.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from civicli.plan.naming import SCHEDULE_CODE
from civicli.store.connection import FAR_FUTURE, Store, lock_problem

RECORD_STATUSES = ("todo", "doing", "done", "blocked")


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
    """State and completion credit of one occurrence (dates as ISO text compare correctly): the
    rule's Python twin. civicli reads the rule in SQL (state_sql, done_sql, credit_sql below);
    tests/test_settled.py derives every occurrence from the raw history with this and checks the
    two agree.

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


# ---------------------------------------------------------------- the rule, in SQL
#
# The one text of the rule that SQLite runs: the triggers that keep the facts cached on occurrence
# rows (TRIGGERS, below) and the readers (`occurrences`, `plan_completion`) are made from these
# functions. derive() above is its Python twin, which tests/test_settled.py checks the cached facts
# and the readers against (deriving every occurrence from the raw history).


class FactNames(NamedTuple):
    """What the facts an occurrence's state depends on are called in one SQL text."""

    decisive_status: str  # the latest record that gave a status or a percent: its status
    decisive_percent: str  # ... and its percent
    percent: str  # the latest percent recorded
    areas_done: str  # areas of the linked template inspected in the window (NULL or 0: none linked)
    areas_total: str


STORED = FactNames("decisive_status", "decisive_percent", "latest_percent", "areas_done", "areas_total")
"""The facts as the columns of an occurrence row hold them (for all time, as of no day)."""
READ = FactNames("decisive_status", "decisive_percent", "percent", "areas_done", "areas_total")
"""The facts as the readers select them as of :today."""


def done_sql(f: FactNames) -> str:
    """Done: the decisive record says done or 100%, or every area of the linked template was
    inspected in the window (derive: `done`)."""
    return (
        f"({f.decisive_status} IS 'done' OR {f.decisive_percent} IS 100 "
        f"OR ({f.areas_total} > 0 AND {f.areas_done} >= {f.areas_total}) IS 1)"
    )


def credit_sql(f: FactNames, missed: str) -> str:
    """Completion credit, 0..1: 1 when done, 0 when `missed` (an SQL condition), else the latest
    percent or the share of areas inspected, whichever is more (derive: `credit`)."""
    return f"""CASE WHEN {done_sql(f)} THEN 1.0 WHEN {missed} THEN 0.0
             ELSE MAX(COALESCE({f.percent}, 0) / 100.0,
                      CASE WHEN {f.areas_total} > 0 THEN COALESCE({f.areas_done}, 0) * 1.0 / {f.areas_total}
                      ELSE 0.0 END) END"""


def state_sql(f: FactNames, day: str) -> str:
    """upcoming, outstanding, overdue, missed or done as of `day` (derive: `state`)."""
    return f"""CASE WHEN {done_sql(f)} THEN 'done' WHEN {day} < opens THEN 'upcoming'
             WHEN {day} >= until THEN 'missed' WHEN {day} > due THEN 'overdue' ELSE 'outstanding' END"""


_MISSED_AS_OF_TODAY = ":today >= opens AND :today >= until"
_DECISIVE = "x.status IS NOT NULL OR x.percent IS NOT NULL"


def _latest(columns: str, condition: str, occurrence: str, as_of: str = "") -> str:
    """The latest record's `columns` among the occurrence's records that count (not taken back)
    meeting `condition` (and dated by `as_of`, when given)."""
    dated = f" AND x.date <= {as_of}" if as_of else ""
    return (
        f"(SELECT {columns} FROM live_records x WHERE x.task_key = {occurrence}.task_key "
        f"AND x.occurrence = {occurrence}.key{dated} AND ({condition}) ORDER BY x.id DESC LIMIT 1)"
    )


def _areas_inspected(template: str, occurrence: str, as_of: str = "") -> str:
    """How many areas of the template (an SQL expression giving its key) were inspected in the
    occurrence's window (by `as_of`, when given), by inspections that count: area by area, in the
    window's days of the index (template, area, date)."""
    dated = f" AND i.date <= {as_of}" if as_of else ""
    return f"""(SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = {template}
              AND EXISTS (SELECT 1 FROM live_inspections i WHERE i.template_key = ta.template_key
                AND i.area = ta.area AND i.date >= {occurrence}.opens AND i.date <= {occurrence}.due{dated}))"""


# The facts of one occurrence row (NEW) computed from the history, then when it settles and how it
# counts from then on (FAR_FUTURE: an archived task's occurrences never settle); `facts_fresh` set
# to say they are.
_TEMPLATE_OF_NEW = "(SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = NEW.task_key)"
_FACTS = f"""UPDATE occurrences SET
    (first_record_date, last_record_date) = (SELECT MIN(x.date), MAX(x.date) FROM live_records x
                              WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key),
    latest_status = {_latest("x.status", "x.status IS NOT NULL", "NEW")},
    latest_percent = {_latest("x.percent", "x.percent IS NOT NULL", "NEW")},
    (decisive_status, decisive_percent) = {_latest("x.status, x.percent", _DECISIVE, "NEW")},
    areas_total = (SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = {_TEMPLATE_OF_NEW}),
    areas_done = {_areas_inspected(_TEMPLATE_OF_NEW, "NEW")}
  WHERE rowid = NEW.rowid;
  UPDATE occurrences SET
    settles = CASE
      WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = NEW.task_key AND t.archived_at IS NULL)
        THEN '{FAR_FUTURE}'
      WHEN (decisive_status IS 'done' OR decisive_percent IS 100) AND areas_total = 0 THEN last_record_date
      ELSE MAX(COALESCE(last_record_date, ''), date(due, '+1 day'),
               CASE WHEN until = '{FAR_FUTURE}' THEN '' ELSE until END) END,
    settled_done = {done_sql(STORED)},
    settled_credit = {credit_sql(STORED, f"until <> '{FAR_FUTURE}'")},
    settled_overdue = NOT {done_sql(STORED)} AND until = '{FAR_FUTURE}',
    facts_fresh = 1
  WHERE rowid = NEW.rowid;"""

# Every change that can alter an occurrence's facts marks the rows concerned not fresh
# (`facts_fresh = 0`), which recomputes them in the same statement.
_STALE_ROWS = "UPDATE occurrences SET facts_fresh = 0"
TRIGGERS: dict[str, str] = {
    "occurrence_facts": f"""CREATE TRIGGER occurrence_facts AFTER UPDATE OF facts_fresh ON occurrences
WHEN NOT NEW.facts_fresh BEGIN
  {_FACTS}
END""",
    # a row inserted with its facts (the loader's, fresh_facts) is left alone
    "occurrence_added": f"""CREATE TRIGGER occurrence_added AFTER INSERT ON occurrences
WHEN NOT NEW.facts_fresh BEGIN
  {_FACTS}
END""",
    "occurrence_moved": f"""CREATE TRIGGER occurrence_moved AFTER UPDATE OF opens, due, until ON occurrences BEGIN
  {_STALE_ROWS} WHERE rowid = NEW.rowid;
END""",
    "record_added": f"""CREATE TRIGGER record_added AFTER INSERT ON records BEGIN
  {_STALE_ROWS} WHERE task_key = NEW.task_key AND key = NEW.occurrence;
END""",
    "record_changed": f"""CREATE TRIGGER record_changed AFTER UPDATE ON records BEGIN
  {_STALE_ROWS}
   WHERE (task_key = OLD.task_key AND key = OLD.occurrence) OR (task_key = NEW.task_key AND key = NEW.occurrence);
END""",
    "record_removed": f"""CREATE TRIGGER record_removed AFTER DELETE ON records BEGIN
  {_STALE_ROWS} WHERE task_key = OLD.task_key AND key = OLD.occurrence;
END""",
    "inspection_added": f"""CREATE TRIGGER inspection_added AFTER INSERT ON inspections BEGIN
  {_STALE_ROWS}
   WHERE task_key IN (SELECT key FROM tasks WHERE plan_id = NEW.plan_id AND inspection_id = NEW.template_id)
     AND opens <= NEW.date AND due >= NEW.date;
END""",
    "inspection_changed": f"""CREATE TRIGGER inspection_changed AFTER UPDATE OF template_key, area, date ON inspections BEGIN
  {_STALE_ROWS}
   WHERE (task_key IN (SELECT key FROM tasks WHERE plan_id = OLD.plan_id AND inspection_id = OLD.template_id)
          AND opens <= OLD.date AND due >= OLD.date)
      OR (task_key IN (SELECT key FROM tasks WHERE plan_id = NEW.plan_id AND inspection_id = NEW.template_id)
          AND opens <= NEW.date AND due >= NEW.date);
END""",
    "inspection_removed": f"""CREATE TRIGGER inspection_removed AFTER DELETE ON inspections BEGIN
  {_STALE_ROWS}
   WHERE task_key IN (SELECT key FROM tasks WHERE plan_id = OLD.plan_id AND inspection_id = OLD.template_id)
     AND opens <= OLD.date AND due >= OLD.date;
END""",
    **{
        f"takeback_{event}": f"""CREATE TRIGGER takeback_{event} AFTER {verb} ON takebacks BEGIN
  {_STALE_ROWS}
   WHERE {row}.kind = 'record'
     AND task_key = (SELECT task_key FROM records WHERE id = {row}.target_id)
     AND key = (SELECT occurrence FROM records WHERE id = {row}.target_id);
  {_STALE_ROWS}
   WHERE {row}.kind = 'inspection'
     AND task_key IN (SELECT t.key FROM inspections i JOIN tasks t ON t.plan_id = i.plan_id
                       AND t.inspection_id = i.template_id WHERE i.id = {row}.target_id)
     AND opens <= (SELECT date FROM inspections WHERE id = {row}.target_id)
     AND due >= (SELECT date FROM inspections WHERE id = {row}.target_id);
END"""
        for event, verb, row in (("added", "INSERT", "NEW"), ("removed", "DELETE", "OLD"))
    },
    "task_changed": f"""CREATE TRIGGER task_changed AFTER UPDATE OF archived_at, inspection_id, plan_id ON tasks
WHEN OLD.archived_at IS NOT NEW.archived_at OR OLD.inspection_id IS NOT NEW.inspection_id
  OR OLD.plan_id IS NOT NEW.plan_id BEGIN
  {_STALE_ROWS} WHERE task_key = NEW.key;
END""",
    **{
        f"template_area_{event}": f"""CREATE TRIGGER template_area_{event} AFTER {verb} ON template_areas BEGIN
  {_STALE_ROWS}
   WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                       AND t.inspection_id = tp.template_id WHERE tp.key IN ({keys}));
END"""
        for event, verb, keys in (
            ("added", "INSERT", "NEW.template_key"),
            ("changed", "UPDATE OF template_key, area", "OLD.template_key, NEW.template_key"),
            ("removed", "DELETE", "OLD.template_key"),
        )
    },
}
"""The triggers that keep the facts cached on occurrence rows, by name, as this code writes them.
Installed by `install_triggers` when a database is opened."""

_RETIRED_TRIGGERS = ("occurrence_added_fresh",)
"""Triggers of the facts that earlier releases had and this one has not: dropped on open."""


def install_triggers(conn: sqlite3.Connection) -> bool:
    """Make the database's triggers of the facts this code's (TRIGGERS): when the text SQLite keeps
    of any of them differs (a database made or last opened by another release, a column renamed),
    every one is dropped and created again and every occurrence's facts recomputed, in one write
    transaction. A read-only database is left as it is (nothing is written there). Returns whether
    anything changed. `conn` in autocommit mode (isolation_level None)."""
    names = (*TRIGGERS, *_RETIRED_TRIGGERS)
    marks = ", ".join("?" * len(names))
    query = f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})"
    if dict(conn.execute(query, names).fetchall()) == TRIGGERS:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = dict(conn.execute(query, names).fetchall())  # again, now that no one else can write
        if found != TRIGGERS:
            for name in found:
                conn.execute(f'DROP TRIGGER "{name}"')
            for sql in TRIGGERS.values():
                conn.execute(sql)
            conn.execute(_STALE_ROWS)
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if lock_problem(exc) == "readonly":  # read as it is: nothing can be written there either
            return False
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


# ---------------------------------------------------------------- the facts of a new occurrence


class FreshFacts(NamedTuple):
    """The facts of a new occurrence of an active task with no records on its key and no linked
    template that depend on its dates. Its other facts are those of nothing recorded and no
    areas — first_record_date, last_record_date, latest_status, latest_percent, decisive_status,
    decisive_percent NULL; areas_done, areas_total, settled_done 0; settled_credit 0.0 — which
    are their columns' defaults: an insert leaves them out."""

    settles: str
    settled_overdue: int


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


class OccurrenceRow(NamedTuple):  # a tuple: made for every occurrence listed, so kept light
    """One occurrence of an active task as of a day, with its derived state and credit: the
    columns of _occurrence_rows_sql, in order."""

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
    first_record: str | None  # the date of its first record (any date)
    areas_done: int | None  # for a task with `inspection:`: areas inspected in the window
    areas_total: int | None
    state: str  # upcoming, outstanding, overdue, missed, done
    credit: float
    days_late: int  # days past due when overdue, else 0
    schedule: str  # the task's schedule, for naming the occurrence (plan/naming.from_code)

    @property
    def kind(self) -> str:  # a checklist line: a task's occurrence (or an open rectification)
        return "task"

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def missed(self) -> bool:
        return self.state == "missed"


class OccurrenceFilter(NamedTuple):
    """OccurrenceFilter occurrences of active tasks to read (all fields combine with AND)."""

    plan: str | None = None
    task_key: str | None = None
    pairs: Sequence[tuple[str, str]] | None = None  # (task key, occurrence key)
    owner: str | None = None  # a role id exactly, or part of the owner's display or free-text name
    open_or_due_by: dt.date | None = None  # not missed, open today or due by this day (the checklist)
    due_by: dt.date | None = None
    overdue: bool = False  # maybe overdue today (open, past due, not missed)
    states: Sequence[str] | None = None  # in one of these states today
    upcoming_until: dt.date | None = None  # opening or due after today and by this day


class PlanCompletion(NamedTuple):
    counted: float  # what the credit is divided by
    credit: float
    done: int  # done occurrences
    overdue: int
    percent: int


# ---------------------------------------------------------------- reading the cached facts


def _fact(stored: str, search: str) -> str:
    """A fact of an occurrence's records as of :today: none when no record is dated by then, the
    one stored on the row when every record is, else searched (records on both sides of :today)."""
    return (
        f"(CASE WHEN o.last_record_date IS NULL OR o.first_record_date > :today THEN NULL "
        f"WHEN o.last_record_date <= :today THEN o.{stored} ELSE {search} END)"
    )


# The areas of a linked template inspected in the window by :today: kept on the row for a window
# closed by :today, none for one not yet open; searched only while the window is open.
_FACT_AREAS_DONE = f"""(CASE WHEN o.areas_total = 0 THEN NULL WHEN :today > o.due THEN o.areas_done
          WHEN :today < o.opens THEN 0 ELSE {_areas_inspected("o.plan_id || '/' || t.inspection_id", "o", ":today")} END)"""

# The facts of any occurrence row as of :today, as READ names them: as stored on the row where they
# hold, searched in the history where they do not.
_FACTS = f"""{_fact("decisive_status", _latest("x.status", _DECISIVE, "o", ":today"))} AS decisive_status,
       {_fact("decisive_percent", _latest("x.percent", _DECISIVE, "o", ":today"))} AS decisive_percent,
       {_fact("latest_status", _latest("x.status", "x.status IS NOT NULL", "o", ":today"))} AS status,
       {_fact("latest_percent", _latest("x.percent", "x.percent IS NOT NULL", "o", ":today"))} AS percent,
       {_FACT_AREAS_DONE} AS areas_done, NULLIF(o.areas_total, 0) AS areas_total"""

# Stale rows, whose facts as of :today are not all those stored: records dated on both sides of
# :today, or a linked template's window open on :today. Never NULL, so that NOT STALE is its
# complement. The facts of the others, as stored (a plan's completion reads the two apart).
_STALE = (
    "(IFNULL(o.first_record_date <= :today AND o.last_record_date > :today, 0) "
    "OR (o.areas_total > 0 AND o.opens <= :today AND :today <= o.due))"
)
_STORED_FACTS = (
    ", ".join(  # every record dated after :today: as if none
        f"CASE WHEN o.first_record_date > :today THEN NULL ELSE o.{column} END AS {name}"
        for column, name in (
            ("decisive_status", "decisive_status"),
            ("decisive_percent", "decisive_percent"),
            ("latest_status", "status"),
            ("latest_percent", "percent"),
        )
    )
    + """,
       CASE WHEN o.areas_total = 0 THEN NULL WHEN :today < o.opens THEN 0 ELSE o.areas_done END AS areas_done,
       NULLIF(o.areas_total, 0) AS areas_total"""
)


def _occurrence_rows_sql(where: str, then: str = "") -> str:
    """The occurrences of active tasks (`where`: more conditions on o, t and ro; `then`: on the
    state, and the order) as OccurrenceRow's fields, in order, as of :today: the occurrence, its
    facts, then the state and credit made from them. SQLite writes the subqueries into the outer
    query: a fact searched in the history is searched again where the state and credit use it
    (few rows are searched: the others read their stored facts; the facts found once, in a
    subquery run as it is, cost a fifth more for every row)."""
    return f"""
SELECT task_key, occurrence, plan_id, task_id, title, owner, owner_name, section_id, position,
       inspection_id, opens, due, until, COALESCE(status, 'todo'), percent, first_record, areas_done,
       areas_total, state, credit,
       CASE WHEN state = 'overdue' THEN CAST(julianday(:today) - julianday(due) AS INTEGER) ELSE 0 END,
       schedule
FROM (SELECT *, {state_sql(READ, ":today")} AS state, {credit_sql(READ, _MISSED_AS_OF_TODAY)} AS credit
      FROM (SELECT o.task_key, o.key AS occurrence, o.plan_id, t.task_id, t.title, t.owner,
                   COALESCE(ro.name, t.owner) AS owner_name, t.section_id, t.position, t.inspection_id,
                   o.opens, o.due, o.until, o.first_record_date AS first_record, {_FACTS},
                   {SCHEDULE_CODE} AS schedule
            FROM occurrences o
            JOIN tasks t ON t.key = o.task_key
            LEFT JOIN roles ro ON ro.plan_id = t.plan_id AND ro.role_id = t.owner
            WHERE t.archived_at IS NULL{where})){then}"""


_PAIRS = (
    "(o.task_key, o.key) IN (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') "
    "FROM json_each(:pairs) j)"
)


# May still be open as of :today: overdue for good (settled), or not yet settled and in `window`
# ({scope}: one plan's rows only when one plan is asked for: a district's list of rows overdue
# for good is long, and one plan's is short).
_UNSETTLED_OR_OVERDUE = (
    "o.rowid IN (SELECT rowid FROM occurrences WHERE {scope}settled_overdue = 1 AND settles <= :today "
    "UNION ALL SELECT o.rowid FROM occurrences o WHERE {scope}o.settles > :today AND ({window}))"
)


def _where(which: OccurrenceFilter, today: dt.date) -> tuple[str, dict[str, Any]]:
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


def occurrence_rows(
    store: Store, today: dt.date, which: OccurrenceFilter = OccurrenceFilter()
) -> list[OccurrenceRow]:
    """The occurrences of active tasks chosen by `which`, with their state as of `today`."""
    return list(_rows(store, today, which))


# Overdue first, then by due date, plan, position in the plan and opening day (the checklist's
# order; the occurrence's key orders what is left, which no two occurrences share).
_BY_URGENCY = " ORDER BY state = 'overdue' DESC, due, plan_id, position, opens, task_key, occurrence"


def occurrence_rows_by_urgency(
    store: Store, today: dt.date, which: OccurrenceFilter = OccurrenceFilter()
) -> Iterator[OccurrenceRow]:
    """The occurrences of active tasks chosen by `which`, with their state as of `today`, overdue
    first, then by due date, plan, position in the plan and opening day; read from the database as
    they are taken."""
    return _rows(store, today, which, _BY_URGENCY)


def _rows(store: Store, today: dt.date, which: OccurrenceFilter, order: str = "") -> Iterator[OccurrenceRow]:
    where, params = _where(which, today)
    then = order
    if which.states is not None:
        then = " WHERE state IN (SELECT value FROM json_each(:states))" + order
        params["states"] = json.dumps(list(which.states))
    return map(OccurrenceRow._make, store.conn.execute(_occurrence_rows_sql(where, then), params))


def completion(rows: Iterable[OccurrenceRow], today: dt.date) -> int:
    """Whole-percent completion of these occurrences (one plan's, as of today): over those due by
    today, each not yet due adding its credit to both sums (plan-format.md)."""
    iso = today.isoformat()
    credit = counted = 0.0
    for r in rows:
        credit += r.credit
        counted += weight(r.due, iso, r.credit)
    return percent_of(credit, counted)


# ---------------------------------------------------------------- a plan's completion, in SQL

# The rule (done_sql, credit_sql) for many occurrences at once without a Python row each: the
# settled ones count with their stored values (from one index); the others are derived here, their
# facts as stored or searched (stale).
_PLANS_ALL = "o.plan_id IN (SELECT id FROM plans)"
_PLANS_GIVEN = "o.plan_id IN (SELECT value FROM json_each(:plans))"


def _live_sql(facts: str, stale: str, plans: str) -> str:
    return f"""
WITH live AS (
  SELECT o.plan_id, o.opens, o.due, o.until, {facts}
  FROM occurrences o JOIN tasks t ON t.key = o.task_key
  WHERE o.settles > :today AND {plans} AND t.archived_at IS NULL AND {stale}
    -- cheap necessary conditions of counting at all, before anything is derived
    AND (o.due <= :today OR o.first_record_date <= :today OR o.areas_done > 0)),
scored AS (
  SELECT plan_id, due, opens, until, {done_sql(READ)} AS done,
         {credit_sql(READ, _MISSED_AS_OF_TODAY)} AS credit FROM live)
SELECT plan_id,
       SUM(CASE WHEN due <= :today THEN 1.0 ELSE credit END) AS counted,
       SUM(done) AS done, SUM(credit) AS credit,
       SUM(NOT done AND opens <= :today AND :today < until AND :today > due) AS overdue
FROM scored GROUP BY plan_id"""


def _settled_sql(plans: str) -> str:
    return f"""
SELECT o.plan_id, COUNT(*) AS counted, SUM(o.settled_done) AS done, SUM(o.settled_credit) AS credit,
       SUM(o.settled_overdue) AS overdue
FROM occurrences o INDEXED BY occurrences_settled WHERE o.settles <= :today AND {plans} GROUP BY o.plan_id"""


_COMPLETION_SQL = {
    given: (
        _settled_sql(plans),
        _live_sql(_STORED_FACTS, f"NOT {_STALE}", plans),
        _live_sql(_FACTS, _STALE, plans),
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
    "FAR_FUTURE",
    "RECORD_STATUSES",
    "Derived",
    "FreshFacts",
    "OccurrenceFilter",
    "OccurrenceRow",
    "PlanCompletion",
    "completion",
    "derive",
    "fresh_facts",
    "occurrence_rows",
    "occurrence_rows_by_urgency",
    "percent_of",
    "plan_completion",
    "weight",
]
