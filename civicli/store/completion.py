"""The completion rules: what makes an occurrence done, credited, overdue or missed, and every
fact cached from them on the occurrence rows (and their upkeep).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from civicli.store.connection import FAR_FUTURE, Row, Store

STATUSES = ("todo", "doing", "done", "blocked")


class Derived(NamedTuple):  # a tuple: made for every occurrence listed, so kept light
    state: str
    done: bool
    credit: float  # completion credit, 0..1


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
        return Derived("done", True, 1.0)
    if today < opens:
        state = "upcoming"
    elif today >= until:
        return Derived("missed", False, 0.0)
    elif today > due:
        state = "overdue"
    else:
        state = "outstanding"
    credit = (percent or 0) / 100
    if areas_total:
        credit = max(credit, (areas_done or 0) / areas_total)
    return Derived(state, False, credit)


# searching the records. Kept current by refresh_occurrence_facts() in the transaction that
# writes records or occurrences.
RECORD_FACTS_SQL = """
UPDATE occurrences AS o SET
  rec_date = (SELECT MAX(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key),
  l_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND x.status IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  l_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND x.percent IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  d_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1),
  d_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1)
"""


# When an occurrence "settles": the first day from which its part in the plan's completion no
# longer changes with the day asked about — all its records are dated by then, it is past due
# (so every inspection in its window is too), and it is done (from its last record or its
# areas), missed (from `until`) or overdue for good (never missed). From that day on it counts
# as f_done / f_credit / f_overdue, so completion and the overdue list read those stored values
# and derive only the unsettled occurrences. An archived task's occurrences never settle
# (FAR_FUTURE). a_done / a_total: the areas of the linked template inspected in the window, of
# how many (0 / 0 for a task without `inspection:`).
_TEMPLATE_OF = (
    "(SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = o.task_key "
    "AND t.inspection_id IS NOT NULL)"
)
AREAS_SQL = f"""
UPDATE occurrences AS o SET
  a_total = (SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = {_TEMPLATE_OF}),
  a_done = (SELECT COUNT(DISTINCT i.area) FROM inspections i
              JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
             WHERE i.template_key = {_TEMPLATE_OF} AND i.date >= o.opens AND i.date <= o.due)
"""
_DONE = "(o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total))"
SETTLE_SQL = f"""
UPDATE occurrences AS o SET
  settles = CASE
    WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = o.task_key AND t.archived_at IS NULL) THEN '{FAR_FUTURE}'
    WHEN (o.d_status IS 'done' OR o.d_percent IS 100) AND o.a_total = 0 THEN o.rec_date
    ELSE MAX(COALESCE(o.rec_date, ''), date(o.due, '+1 day'),
             CASE WHEN o.until = '{FAR_FUTURE}' THEN '' ELSE o.until END) END,
  f_done = {_DONE},
  f_credit = CASE WHEN {_DONE} THEN 1.0 WHEN o.until <> '{FAR_FUTURE}' THEN 0.0
                  ELSE MAX(COALESCE(o.l_percent, 0) / 100.0,
                           CASE WHEN o.a_total > 0 THEN o.a_done * 1.0 / o.a_total ELSE 0.0 END) END,
  f_overdue = NOT {_DONE} AND o.until = '{FAR_FUTURE}'
"""


def fresh_settled_values(due: str, until: str) -> Row:
    """What SETTLE_SQL gives an occurrence with no records, of an active task with no
    `inspection:` — so that a load can write new occurrences settled, without a pass over them:
    missed (credit 0) from `until`, or overdue for good from the day after `due`."""
    day_after_due = (dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat()
    if until == FAR_FUTURE:
        return {"settles": day_after_due, "f_done": 0, "f_credit": 0.0, "f_overdue": 1}
    return {"settles": max(until, day_after_due), "f_done": 0, "f_credit": 0.0, "f_overdue": 0}


# The day of the occurrence's first record (by date): whether it has a record as of a day.
FIRST_RECORD_SQL = """
UPDATE occurrences AS o SET
  rec_first = (SELECT MIN(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key)
"""


def refresh_occurrence_facts(
    conn: sqlite3.Connection, where: str = "1", params: Sequence[Any] | dict[str, Any] = ()
) -> None:
    """Recompute the record facts and the settled values of the occurrences matching `where`
    (SQL over o.)."""
    conn.execute(RECORD_FACTS_SQL + f" WHERE {where}", params)
    conn.execute(FIRST_RECORD_SQL + f" WHERE {where}", params)
    settle_occurrences(conn, where, params)


def settle_occurrences(
    conn: sqlite3.Connection, where: str = "1", params: Sequence[Any] | dict[str, Any] = ()
) -> None:
    """Recompute the areas inspected and the settled values of the occurrences matching `where`
    (SQL over o.): after their records, their task or template, or inspections in their window
    changed."""
    conn.execute(
        AREAS_SQL + f" WHERE ({where}) AND (o.a_total > 0 OR EXISTS (SELECT 1 FROM tasks t "
        "WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL))",
        params,
    )
    conn.execute(SETTLE_SQL + f" WHERE {where}", params)


# The occurrence columns every listing needs, with the latest-record facts as of :today.
def _latest(column: str, condition: str) -> str:
    """The latest record's `column` among the occurrence's records dated on or before :today
    that meet `condition`: read from the facts kept on the occurrence row (db.RECORD_FACTS_SQL)
    unless a record is dated after :today, then searched."""
    return f"""(SELECT x.{column} FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
          AND x.date <= :today AND ({condition}) ORDER BY x.id DESC LIMIT 1)"""


def _fact(stored: str, search: str) -> str:
    return f"(CASE WHEN o.rec_date IS NULL THEN NULL WHEN o.rec_date <= :today THEN o.{stored} ELSE {search} END)"


_DECISIVE = "x.status IS NOT NULL OR x.percent IS NOT NULL"
FACT_DECISIVE_STATUS = _fact("d_status", _latest("status", _DECISIVE))
FACT_DECISIVE_PERCENT = _fact("d_percent", _latest("percent", _DECISIVE))
FACT_STATUS = _fact("l_status", _latest("status", "x.status IS NOT NULL"))
FACT_PERCENT = _fact("l_percent", _latest("percent", "x.percent IS NOT NULL"))
FACT_HAS_RECORD = "IFNULL(o.rec_first <= :today, 0)"
# The areas of a linked template inspected in the occurrence's window by :today, and how many it
# has (NULL for a task without `inspection:`). Kept on the row (db.AREAS_SQL) for a window
# closed by :today, none for one not yet open; searched only while the window is open.
FACT_AREAS_DONE = """(CASE WHEN o.a_total = 0 THEN NULL WHEN :today > o.due THEN o.a_done
          WHEN :today < o.opens THEN 0 ELSE
          (SELECT COUNT(DISTINCT i.area) FROM inspections i
             JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
            WHERE i.template_key = o.plan_id || '/' || t.inspection_id
              AND i.date >= o.opens AND i.date <= o.due AND i.date <= :today) END)"""
FACT_AREAS_TOTAL = "NULLIF(o.a_total, 0)"

# The facts of an occurrence as of :today, under the names state.derive takes. Kept on the row
# (db.RECORD_FACTS_SQL, db.AREAS_SQL) and good as of :today (none at all when every record is
# dated after :today) unless the row is STALE: records dated on both sides of :today, or a
# linked template's window open on :today. Stale rows are read again through the FACT_
# expressions (whose searches, even when not taken, cost more per row than the rest of the
# reading). STALE is never NULL, so that NOT STALE is its complement.
STALE = (
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
       {FACT_HAS_RECORD} AS has_record,
       CASE WHEN o.a_total = 0 THEN NULL WHEN :today < o.opens THEN 0 ELSE o.a_done END AS areas_done,
       NULLIF(o.a_total, 0) AS areas_total"""
)
_SEARCHED_FACTS = f"""{FACT_DECISIVE_STATUS} AS decisive_status, {FACT_DECISIVE_PERCENT} AS decisive_percent,
       {FACT_STATUS} AS status, {FACT_PERCENT} AS percent, {FACT_HAS_RECORD} AS has_record,
       {FACT_AREAS_DONE} AS areas_done, {FACT_AREAS_TOTAL} AS areas_total"""

# The occurrence columns every listing needs; the facts as stored, and whether they are stale.
_OCCURRENCE_SELECT = f"""
SELECT o.task_key, o.key AS occurrence, o.plan_id, o.opens, o.due, o.until,
       t.task_id, t.title, t.owner, t.section_id, t.position, t.inspection_id,
       COALESCE(ro.name, t.owner) AS owner_name,
       {_STORED_FACTS}, {STALE} AS stale, o.rec_first AS first_record
FROM occurrences o
JOIN tasks t ON t.key = o.task_key
LEFT JOIN roles ro ON ro.plan_id = t.plan_id AND ro.role_id = t.owner
WHERE t.archived_at IS NULL
"""


def pairs_clause(name: str) -> str:
    """SQL over o.: the occurrence is one of the [task_key, key] pairs in the JSON parameter `name`
    (one primary-key search per pair)."""
    return (
        f"(o.task_key, o.key) IN (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') "
        f"FROM json_each(:{name}) j)"
    )


_FACTS_SELECT = f"""
SELECT o.task_key, o.key AS occurrence, {_SEARCHED_FACTS}
FROM occurrences o JOIN tasks t ON t.key = o.task_key
WHERE {pairs_clause("pairs")}
"""


def occurrence_rows(
    store: Store,
    today: dt.date,
    where: str = "",
    params: dict[str, Any] | None = None,
) -> list[Row]:
    """Occurrences of active tasks matching `where` (SQL over o., t.), with derived state."""
    args = {"today": today.isoformat(), **(params or {})}
    rows = store.query(_OCCURRENCE_SELECT + (f" AND ({where})" if where else ""), args)
    stale = {(r["task_key"], r["occurrence"]): r for r in rows if r.pop("stale")}
    if stale:
        for f in store.query(
            _FACTS_SELECT, {"today": args["today"], "pairs": json.dumps([list(k) for k in stale])}
        ):
            stale[(f.pop("task_key"), f.pop("occurrence"))].update(f)
    iso = today.isoformat()
    for r in rows:
        d = derive(
            iso,
            r["opens"],
            r["due"],
            r["until"],
            r["decisive_status"],
            r["decisive_percent"],
            r["percent"],
            r["areas_done"],
            r["areas_total"],
        )
        r["state"] = d.state
        r["done"] = d.done
        r["credit"] = d.credit
        r["status"] = r["status"] or "todo"
        r["overdue"] = d.state == "overdue"
        r["missed"] = d.state == "missed"
        r["days_late"] = (today - dt.date.fromisoformat(r["due"])).days if r["overdue"] else 0
    return rows


def live_clause(window: str) -> str:
    """SQL over o.: the occurrences that may still be open as of :today — those overdue for good
    (settled, db.SETTLE_SQL) and those not yet settled that match `window` (SQL over o.).
    Settled occurrences that are done or missed are left out before anything is derived."""
    return (
        "o.rowid IN (SELECT rowid FROM occurrences WHERE f_overdue = 1 AND settles <= :today "
        f"UNION ALL SELECT o.rowid FROM occurrences o WHERE o.settles > :today AND ({window}))"
    )


def completion(rows: Sequence[Row], today: dt.date) -> int:
    """Whole-percent completion over the tracked occurrences due by today, plus later ones
    that have a record or an inspection (plan-format.md)."""
    iso = today.isoformat()
    counted = [r for r in rows if r["due"] <= iso or r["has_record"] or (r["areas_done"] or 0) > 0]
    return percent_of(sum(r["credit"] for r in counted), len(counted))


# Completion of many plans in one aggregate query: the same rules as state.derive and
# completion() above, without building a Python row per occurrence.
_DONE = (
    "(decisive_status IS 'done' OR decisive_percent IS 100 "
    "OR (areas_total > 0 AND areas_done >= areas_total) IS 1)"
)
_AGGREGATE = """
  SELECT plan_id, COUNT(*) AS counted, SUM(DONE) AS done,
    SUM(CASE WHEN DONE THEN 1.0
             WHEN :today >= opens AND :today >= until THEN 0.0
             ELSE MAX(COALESCE(percent, 0) / 100.0,
                      CASE WHEN areas_total > 0 THEN COALESCE(areas_done, 0) * 1.0 / areas_total ELSE 0.0 END)
        END) AS credit,
    SUM(NOT DONE AND opens <= :today AND :today < until AND :today > due) AS overdue
  FROM {source} WHERE due <= :today OR has_record OR areas_done > 0
  GROUP BY plan_id""".replace("DONE", _DONE)
# The occurrences not yet settled (db.SETTLE_SQL) as of :today, derived in SQL: the facts as
# stored, searched for the stale ones.
_LIVE = """
  SELECT o.plan_id, o.opens, o.due, o.until, {facts}
  FROM occurrences o JOIN tasks t ON t.key = o.task_key
  WHERE o.settles > :today AND PLANS AND t.archived_at IS NULL AND {stale}
    -- cheap necessary conditions of being counted, before anything is derived
    AND (o.due <= :today OR o.rec_first <= :today OR o.a_done > 0)"""
_COMPLETIONS = tuple(
    f"WITH live AS ({_LIVE.format(facts=facts, stale=stale)})\n{_AGGREGATE.format(source='live')}"
    for facts, stale in ((_STORED_FACTS, f"NOT {STALE}"), (_SEARCHED_FACTS, STALE))
)

# The settled occurrences (db.SETTLE_SQL) count with their stored values: read from one index.
_SETTLED_COMPLETION = """
SELECT o.plan_id, COUNT(*) AS counted, SUM(o.f_done) AS done, SUM(o.f_credit) AS credit,
       SUM(o.f_overdue) AS overdue
FROM occurrences o INDEXED BY occurrences_settled WHERE o.settles <= :today AND PLANS GROUP BY o.plan_id
"""


def percent_of(credit: float, counted: int) -> int:
    """Whole-percent completion: credit over counted, rounded down (a sum of shares that is
    a whole percent in exact terms stays one, whatever order the floats were added in)."""
    return int(credit * 100 / counted + 1e-9) if counted else 0


def plan_completion(store: Store, today: dt.date, plan_ids: Sequence[str] | None = None) -> dict[str, Row]:
    """Per plan id (all plans, or those given): counted, done and overdue occurrences and the
    completion percent as of `today` — what state.derive and completion() give row by row, in
    aggregate queries: the settled occurrences' stored values, and the rest derived in SQL."""
    if plan_ids is None:
        plans, params = "o.plan_id IN (SELECT id FROM plans)", {"today": today.isoformat()}
    else:
        plans = "o.plan_id IN (SELECT value FROM json_each(:plans))"
        params = {"today": today.isoformat(), "plans": json.dumps(list(plan_ids), ensure_ascii=False)}
    sums: dict[str, list[float]] = {}
    for sql in (_SETTLED_COMPLETION, *_COMPLETIONS):
        for r in store.query(sql.replace("PLANS", plans), params):
            acc = sums.setdefault(r["plan_id"], [0, 0, 0.0, 0])
            for i, name in enumerate(("counted", "done", "credit", "overdue")):
                acc[i] += r[name] or 0
    return {
        plan_id: {
            "counted": int(counted),
            "done": int(done),
            "overdue": int(overdue),
            "percent": percent_of(credit, int(counted)),
        }
        for plan_id, (counted, done, credit, overdue) in sums.items()
    }
