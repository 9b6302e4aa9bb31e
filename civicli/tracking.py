"""Progress on occurrences: resolving tasks, recording progress, the checklist, logs, completion.

Reading never writes. Every record is a new row; current state is derived from the history
(the latest record dated on or before "today").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from civicli.db import Row, Store, now_stamp, refresh_occurrence_facts, rows_by_ref
from civicli.errors import Ambiguous, InvalidInput, NotFound
from civicli.state import STATUSES, derive
from civicli.texts import ERR

_METRIC_NAME = re.compile(r"^[A-Za-z_][\w.\-]*$")

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
STALE = ("(IFNULL(o.rec_first <= :today AND o.rec_date > :today, 0) "
         "OR (o.a_total > 0 AND o.opens <= :today AND :today <= o.due))")
_STORED_FACTS = ", ".join(  # every record dated after :today: as if none
    f"CASE WHEN o.rec_first > :today THEN NULL ELSE o.{column} END AS {name}"
    for column, name in (("d_status", "decisive_status"), ("d_percent", "decisive_percent"),
                         ("l_status", "status"), ("l_percent", "percent"))) + f""",
       {FACT_HAS_RECORD} AS has_record,
       CASE WHEN o.a_total = 0 THEN NULL WHEN :today < o.opens THEN 0 ELSE o.a_done END AS areas_done,
       NULLIF(o.a_total, 0) AS areas_total"""
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
    return (f"(o.task_key, o.key) IN (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') "
            f"FROM json_each(:{name}) j)")


_FACTS_SELECT = f"""
SELECT o.task_key, o.key AS occurrence, {_SEARCHED_FACTS}
FROM occurrences o JOIN tasks t ON t.key = o.task_key
WHERE {pairs_clause("pairs")}
"""


def occurrence_rows(store: Store, today: dt.date, where: str = "", params: dict[str, Any] | None = None,
                    ) -> list[Row]:
    """Occurrences of active tasks matching `where` (SQL over o., t.), with derived state."""
    args = {"today": today.isoformat(), **(params or {})}
    rows = store.query(_OCCURRENCE_SELECT + (f" AND ({where})" if where else ""), args)
    stale = {(r["task_key"], r["occurrence"]): r for r in rows if r.pop("stale")}
    if stale:
        for f in store.query(_FACTS_SELECT,
                             {"today": args["today"], "pairs": json.dumps([list(k) for k in stale])}):
            stale[(f.pop("task_key"), f.pop("occurrence"))].update(f)
    iso = today.isoformat()
    for r in rows:
        d = derive(iso, r["opens"], r["due"], r["until"], r["decisive_status"], r["decisive_percent"],
                   r["percent"], r["areas_done"], r["areas_total"])
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
    return ("o.rowid IN (SELECT rowid FROM occurrences WHERE f_overdue = 1 AND settles <= :today "
            f"UNION ALL SELECT o.rowid FROM occurrences o WHERE o.settles > :today AND ({window}))")


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
    from civicli.inspections import rectification_checklist_rows

    # open rectifications (整改) belong on the one checklist too
    extra = rectification_checklist_rows(store, today, plan=f.plan, owner=f.owner)
    if f.due_within is not None:
        extra = [r for r in extra if r["due"] <= horizon]
    rows += extra
    if f.overdue:
        rows = [r for r in rows if r["overdue"]]
    rows.sort(key=_urgency)
    return rows


# ---------------------------------------------------------------- tasks and records


def resolve_task(store: Store, ref: str, *, active: bool = True) -> Row:
    """PLAN_ID/TASK_ID, or a TASK_ID unique across plans. active: refuse archived tasks."""
    rows = rows_by_ref(store, "tasks", "task_id", ref, active=active)
    if not rows:
        raise NotFound(ERR["no_task"].format(ref=ref))
    if len(rows) > 1:
        keys = ", ".join(r["key"] for r in rows)
        raise Ambiguous(ERR["ambiguous_task"].format(ref=ref, keys=keys))
    row = rows[0]
    if active and row["archived_at"] is not None:
        raise InvalidInput(ERR["archived_task"].format(key=row["key"]))
    return row


def parse_metrics(items: Sequence[str]) -> dict[str, float]:
    """`participants=120` → {"participants": 120.0}; repeated names are an error."""
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not _METRIC_NAME.match(name):
            raise InvalidInput(ERR["metric_form"].format(item=item))
        try:
            number = float(value)
        except ValueError:
            raise InvalidInput(ERR["metric_number"].format(item=item, value=value)) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise InvalidInput(ERR["metric_number"].format(item=item, value=value))
        if name in out:
            raise InvalidInput(ERR["metric_twice"].format(name=name))
        out[name] = number
    return out


def _pick_occurrence(store: Store, task: Row, today: dt.date, key: str | None) -> str:
    if key is not None:
        if store.one("SELECT 1 FROM occurrences WHERE task_key = ? AND key = ?", [task["key"], key]):
            return key
        keys = [r["key"] for r in store.query(
            "SELECT key FROM occurrences WHERE task_key = ? ORDER BY due", [task["key"]])]
        shown = ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
        raise NotFound(ERR["no_occurrence"].format(key=task["key"], occurrence=key, known=shown))
    rows = occurrence_rows(store, today, "o.task_key = :k", {"k": task["key"]})
    rows.sort(key=lambda r: (r["due"], r["opens"]))
    for wanted in (("overdue", "outstanding"), ("upcoming",)):
        for r in rows:
            if r["state"] in wanted:
                return str(r["occurrence"])
    raise InvalidInput(ERR["nothing_open"].format(key=task["key"]))


def record_progress(
    store: Store,
    ref: str,
    today: dt.date,
    *,
    status: str | None = None,
    percent: int | None = None,
    note: str | None = None,
    by: str | None = None,
    metrics: dict[str, float] | None = None,
    occurrence: str | None = None,
) -> Row:
    """Append one record to a task occurrence's history. Returns the record as logged."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(ERR["bad_status"].format(status=status, known=", ".join(STATUSES)))
    if percent is not None and not 0 <= percent <= 100:
        raise InvalidInput(ERR["bad_percent"].format(percent=percent))
    if status is None and percent is None and not note and not metrics:
        raise InvalidInput(ERR["nothing_to_record"])
    with store.write():
        task = resolve_task(store, ref)
        key = _pick_occurrence(store, task, today, occurrence)
        cur = store.conn.execute(
            'INSERT INTO records (task_key, occurrence, at, date, status, percent, note, "by") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [task["key"], key, now_stamp(), today.isoformat(), status, percent, note, by],
        )
        record_id = cur.lastrowid
        if metrics:
            store.conn.executemany(
                "INSERT INTO record_metrics (record_id, name, value) VALUES (?, ?, ?)",
                [(record_id, k, v) for k, v in metrics.items()],
            )
        refresh_occurrence_facts(store.conn, "o.task_key = ? AND o.key = ?", [task["key"], key])
    entries = log(store, task["key"])
    return {"task": task["key"], "title": task["title"], **entries[-1]}


def log(store: Store, ref: str) -> list[Row]:
    """A task's full history, oldest first (archived tasks too)."""
    task = resolve_task(store, ref, active=False)
    rows = store.query(
        'SELECT id, at, date, occurrence, status, percent, note, "by" FROM records '
        "WHERE task_key = ? ORDER BY id",
        [task["key"]],
    )
    metrics: dict[int, dict[str, float]] = {}
    for m in store.query(
        "SELECT m.record_id, m.name, m.value FROM record_metrics m JOIN records r ON r.id = m.record_id "
        "WHERE r.task_key = ? ORDER BY m.rowid",
        [task["key"]],
    ):
        value = m["value"]
        metrics.setdefault(m["record_id"], {})[m["name"]] = int(value) if value == int(value) else value
    return [{**{k: v for k, v in r.items() if k != "id"}, "metrics": metrics.get(r["id"], {})} for r in rows]


# ---------------------------------------------------------------- plans and completion


def completion(rows: Sequence[Row], today: dt.date) -> int:
    """Whole-percent completion over the tracked occurrences due by today, plus later ones
    that have a record or an inspection (plan-format.md)."""
    iso = today.isoformat()
    counted = [r for r in rows if r["due"] <= iso or r["has_record"] or (r["areas_done"] or 0) > 0]
    return percent_of(sum(r["credit"] for r in counted), len(counted))


# Completion of many plans in one aggregate query: the same rules as state.derive and
# completion() above, without building a Python row per occurrence.
_DONE = ("(decisive_status IS 'done' OR decisive_percent IS 100 "
         "OR (areas_total > 0 AND areas_done >= areas_total) IS 1)")
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
_COMPLETIONS = tuple(f"WITH live AS ({_LIVE.format(facts=facts, stale=stale)})\n{_AGGREGATE.format(source='live')}"
                     for facts, stale in ((_STORED_FACTS, f"NOT {STALE}"), (_SEARCHED_FACTS, STALE)))

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
    return {plan_id: {"counted": int(counted), "done": int(done), "overdue": int(overdue),
                      "percent": percent_of(credit, int(counted))}
            for plan_id, (counted, done, credit, overdue) in sums.items()}


def plan_rows(store: Store, today: dt.date, plan_id: str | None = None) -> list[Row]:
    """Plans with period, active task count, done occurrences and completion."""
    plans = store.query(
        'SELECT id, title, community, start, "end", source FROM plans'
        + (" WHERE id = :id" if plan_id else "") + " ORDER BY start, id",
        {"id": plan_id},
    )
    if plan_id and not plans:
        raise NotFound(ERR["no_plan"].format(plan=plan_id))
    done = plan_completion(store, today, [plan_id] if plan_id else None)
    counts = {r["plan_id"]: r["n"] for r in store.query(
        "SELECT plan_id, COUNT(*) AS n FROM tasks WHERE archived_at IS NULL GROUP BY plan_id")}
    for p in plans:
        c = done.get(p["id"], {})
        p["tasks"] = counts.get(p["id"], 0)
        p["done"] = c.get("done", 0)
        p["percent"] = c.get("percent", 0)
    return plans


def goal_rows(store: Store, plan_ids: Sequence[str], until: str | None = None) -> dict[str, list[Row]]:
    """Goals with targets for each plan: a target's actual is the sum of its metric over the
    records dated in the plan period (up to `until`, when given), and met or not."""
    ids = json.dumps(list(plan_ids), ensure_ascii=False)
    goals: dict[str, list[Row]] = {plan_id: [] for plan_id in plan_ids}
    by_goal: dict[tuple[str, str], Row] = {}
    for g in store.query(
            "SELECT plan_id, goal_id AS id, text FROM goals WHERE plan_id IN (SELECT value FROM json_each(:ids)) "
            "ORDER BY plan_id, position", {"ids": ids}):
        plan_id = g.pop("plan_id")
        g["targets"] = []
        goals[plan_id].append(g)
        by_goal[(plan_id, g["id"])] = g
    # many plans: one pass over all metrics (the plan read off the task key, PLAN_ID/TASK_ID);
    # a few: from each plan's tasks to their records
    if len(plan_ids) > 5:
        source = ("record_metrics m CROSS JOIN records r ON r.id = m.record_id "
                  "CROSS JOIN plans p ON p.id = substr(r.task_key, 1, instr(r.task_key, '/') - 1)")
    else:
        source = ("plans p JOIN tasks t ON t.plan_id = p.id JOIN records r ON r.task_key = t.key "
                  "JOIN record_metrics m ON m.record_id = r.id")
    actuals = {(r["plan_id"], r["name"]): r["total"] for r in store.query(
        f"SELECT p.id AS plan_id, m.name, SUM(m.value) AS total FROM {source} "
        "WHERE p.id IN (SELECT value FROM json_each(:ids)) "
        "AND r.date >= p.start AND r.date <= MIN(p.\"end\", COALESCE(:until, p.\"end\")) "
        "GROUP BY p.id, m.name", {"ids": ids, "until": until})}
    for t in store.query(
            "SELECT plan_id, goal_id, target_id AS id, text, metric, target, direction FROM targets "
            "WHERE plan_id IN (SELECT value FROM json_each(:ids)) ORDER BY plan_id, position", {"ids": ids}):
        goal = by_goal.get((t["plan_id"], t["goal_id"]))
        if goal is None:
            continue
        actual = actuals.get((t["plan_id"], t["metric"]), 0) or 0
        actual = int(actual) if actual == int(actual) else actual
        target = int(t["target"]) if t["target"] == int(t["target"]) else t["target"]
        met = actual >= target if t["direction"] == "at_least" else actual <= target
        goal["targets"].append({"id": t["id"], "text": t["text"], "metric": t["metric"], "target": target,
                                "direction": t["direction"], "actual": actual, "met": met})
    return goals


def plan_detail(store: Store, plan_id: str, today: dt.date) -> Row:
    """One plan: goals with targets, sections with tasks and their current occurrence state."""
    plan = plan_rows(store, today, plan_id)[0]
    occ = occurrence_rows(store, today, "o.plan_id = :p", {"p": plan_id})
    iso = today.isoformat()
    current: dict[str, Row] = {}
    for r in sorted(occ, key=lambda r: r["due"]):
        # the occurrence that matters today: the first not done and not missed, else the last
        key = r["task_key"]
        if key not in current or (current[key]["state"] in ("done", "missed") and r["opens"] <= iso):
            current[key] = r
    sections = store.query("SELECT section_id AS id, title FROM sections WHERE plan_id = ? "
                           "ORDER BY position", [plan_id])
    tasks = store.query(
        "SELECT t.key, t.task_id, t.section_id, t.title, t.owner, COALESCE(ro.name, t.owner) AS owner_name, "
        "t.due, t.every, t.festival, t.inspection_id, t.goal_id FROM tasks t "
        "LEFT JOIN roles ro ON ro.plan_id = t.plan_id AND ro.role_id = t.owner "
        "WHERE t.plan_id = ? AND t.archived_at IS NULL ORDER BY t.position", [plan_id])
    done_counts: dict[str, tuple[int, int]] = {}
    for r in occ:
        d, n = done_counts.get(r["task_key"], (0, 0))
        done_counts[r["task_key"]] = (d + r["done"], n + 1)
    for s in sections:
        s["tasks"] = []
        for t in tasks:
            if t["section_id"] != s["id"]:
                continue
            cur = current.get(t["key"])
            d, n = done_counts.get(t["key"], (0, 0))
            s["tasks"].append({
                "task": t["task_id"], "key": t["key"], "title": t["title"], "owner": t["owner"],
                "owner_name": t["owner_name"],
                "due_date": t["due"], "every": t["every"], "festival": t["festival"],
                "inspection": t["inspection_id"], "goal": t["goal_id"],
                "occurrence": cur["occurrence"] if cur else None,
                "due": cur["due"] if cur else None,
                "state": cur["state"] if cur else None,
                "status": cur["status"] if cur else "todo",
                "percent": cur["percent"] if cur else None,
                "occurrences": n, "done": d,
            })
    plan["goals"] = goal_rows(store, [plan_id])[plan_id]
    plan["sections"] = sections
    detail = store.one("SELECT guiding_ideology, principles FROM plans WHERE id = ?", [plan_id]) or {}
    plan["guiding_ideology"] = detail.get("guiding_ideology")
    plan["principles"] = json.loads(detail.get("principles") or "[]")
    return plan

