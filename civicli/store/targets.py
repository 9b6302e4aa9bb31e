"""Goal targets and their actuals: the one place that counts them (plan-format.md, "Goals").

A target's `count` says what its actual is, over the plan period (up to `until`, when given),
from what was not taken back with `undo`:

- `sum`: the metric summed over the records; `latest`: the metric's value in the latest record
  that carries it (by the record's date, then the order recorded); `max`: its largest value.
  The records are those of the target's `tasks` when it names some, else of every task of the
  plan — a task's `goal:` never narrows them. No record of the metric yet: no actual (None,
  尚无记录), neither met nor not — except for an `at_most` target (a ceiling: 重大火灾 ≤ 0),
  whose actual is then 0 and met (nothing reported is nothing happened).
- `done`: the number of done occurrences of the target's tasks (as of `until`, else today).
- `closed`: the number of rectifications closed (销号) in the period, of the target's
  `templates` when it names some, else of every template of the plan.

Nothing here prints: the rows go to `show` and the bulletin, which put them in words
(reports/targets.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from civicli.store.completion import OccurrenceFilter, occurrence_rows
from civicli.store.connection import Row, Store
from civicli.text import plain_number


def _ids(text: str | None) -> list[str]:
    return list(json.loads(text)) if text else []


def goal_rows(
    store: Store, plan_ids: Sequence[str], until: str | None = None, today: dt.date | None = None
) -> dict[str, list[Row]]:
    """Goals with their targets for each plan: `{id, text, targets}`, each target `{id, text,
    metric, metric_name, target, direction, count, tasks, task_titles, templates,
    template_titles, actual, met, recorded, assumed}`. `until` (ISO date) counts what is dated
    on or before it (the bulletin's week); `today` is the day `done` occurrences are judged on
    when `until` is not given (default: every record counts)."""
    ids = json.dumps(list(plan_ids), ensure_ascii=False)
    goals: dict[str, list[Row]] = {plan_id: [] for plan_id in plan_ids}
    by_goal: dict[tuple[str, str], Row] = {}
    for g in store.query(
        "SELECT plan_id, goal_id AS id, text FROM goals WHERE plan_id IN (SELECT value FROM json_each(:ids)) "
        "ORDER BY plan_id, position",
        {"ids": ids},
    ):
        plan_id = g.pop("plan_id")
        g["targets"] = []
        goals[plan_id].append(g)
        by_goal[(plan_id, g["id"])] = g
    targets = store.query(
        "SELECT plan_id, goal_id, target_id AS id, text, metric, target, direction, assumed, "
        '"count", tasks, templates FROM targets '
        "WHERE plan_id IN (SELECT value FROM json_each(:ids)) ORDER BY plan_id, position",
        {"ids": ids},
    )
    if not targets:
        return goals
    counts = {t["count"] or "sum" for t in targets}
    with_metric = sorted({t["plan_id"] for t in targets if (t["count"] or "sum") in ("sum", "latest", "max")})
    per_metric: dict[tuple[str, str], list[tuple[str, tuple[float, float, str, float]]]] = {}
    if with_metric:
        for (p, key, metric), f in _metric_facts(store, with_metric, until).items():
            per_metric.setdefault((p, metric), []).append((key, f))
    done_plans = sorted({t["plan_id"] for t in targets if t["count"] == "done"})
    done = _done_by_task(store, done_plans, until, today) if done_plans else {}
    closed = _closed_by_template(store, plan_ids, until) if "closed" in counts else {}
    narrowed = json.dumps(
        sorted({t["plan_id"] for t in targets if t["tasks"] or t["templates"]}), ensure_ascii=False
    )
    names = _names(store, ids, narrowed)
    for t in targets:
        goal = by_goal.get((t["plan_id"], t["goal_id"]))
        if goal is None:
            continue
        plan_id, count = t["plan_id"], t["count"] or "sum"
        tasks, templates = _ids(t["tasks"]), _ids(t["templates"])
        keys = {f"{plan_id}/{task}" for task in tasks}
        actual: float | None = None
        if count in ("sum", "latest", "max"):
            facts = [f for key, f in per_metric.get((plan_id, t["metric"]), []) if not keys or key in keys]
            if facts:
                if count == "sum":
                    actual = sum(f[0] for f in facts)
                elif count == "max":
                    actual = max(f[1] for f in facts)
                else:
                    actual = max(facts, key=lambda f: f[2])[3]
        elif count == "done":
            actual = sum(n for key, n in done.items() if key in keys)
        else:
            actual = sum(
                n
                for (p, template), n in closed.items()
                if p == plan_id and (not templates or template in templates)
            )
        recorded = actual is not None
        if actual is None and t["direction"] == "at_most":
            actual = 0  # a ceiling with nothing reported: nothing happened
        target = plain_number(t["target"])
        met: bool | None = None
        if actual is not None:
            actual = plain_number(actual)
            met = actual >= target if t["direction"] == "at_least" else actual <= target
        goal["targets"].append(
            {
                "id": t["id"],
                "text": t["text"],
                "metric": t["metric"],
                "metric_name": names["metric"].get((plan_id, t["metric"]), t["metric"])
                if t["metric"]
                else None,
                "target": target,
                "direction": t["direction"],
                "count": count,
                "tasks": tasks,
                "task_titles": [names["task"].get((plan_id, task), task) for task in tasks],
                "templates": templates,
                "template_titles": [names["template"].get((plan_id, tpl), tpl) for tpl in templates],
                "actual": actual,
                "met": met,
                "recorded": recorded,
                "assumed": t["assumed"],
            }
        )
    return goals


def _metric_facts(
    store: Store, plan_ids: Sequence[str], until: str | None
) -> dict[tuple[str, str, str], tuple[float, float, str, float]]:
    """(plan, task key, metric) → (sum, max, latest's order key, latest value) over the records
    dated in the plan period (up to `until`) and not taken back, for the metrics of the plans'
    targets."""
    ids = json.dumps(list(plan_ids), ensure_ascii=False)
    # many plans: one pass over all metrics (the plan read off the task key, PLAN_ID/TASK_ID);
    # a few: from each plan's tasks to their records
    if len(plan_ids) > 5:
        source = (
            "record_metrics m CROSS JOIN live_records r ON r.id = m.record_id "
            "CROSS JOIN plans p ON p.id = substr(r.task_key, 1, instr(r.task_key, '/') - 1)"
        )
    else:
        source = (
            "plans p JOIN tasks t ON t.plan_id = p.id JOIN live_records r ON r.task_key = t.key "
            "JOIN record_metrics m ON m.record_id = r.id"
        )
    where = (
        "WHERE p.id IN (SELECT value FROM json_each(:ids)) "
        'AND r.date >= p.start AND r.date <= MIN(p."end", COALESCE(:until, p."end")) '
        "AND m.name IN (SELECT metric FROM targets WHERE plan_id = p.id AND metric IS NOT NULL) "
        "GROUP BY p.id, r.task_key, m.name"
    )
    params = {"ids": ids, "until": until}
    out: dict[tuple[str, str, str], tuple[float, float, str, float]] = {}
    totals = {
        (r["plan_id"], r["task_key"], r["name"]): (r["total"] or 0, r["top"] or 0)
        for r in store.query(
            f"SELECT p.id AS plan_id, r.task_key, m.name, SUM(m.value) AS total, MAX(m.value) AS top "
            f"FROM {source} {where}",
            params,
        )
    }
    # the latest record of each group: by its date, then the order recorded (its id); with one
    # MAX() SQLite takes the other columns from that row
    for r in store.query(
        f"SELECT p.id AS plan_id, r.task_key, m.name, MAX(r.date || ' ' || printf('%020d', r.id)) AS last, "
        f"m.value FROM {source} {where}",
        params,
    ):
        key = (r["plan_id"], r["task_key"], r["name"])
        total, top = totals.get(key, (0, 0))
        out[key] = (total, top, r["last"], r["value"])
    return out


def _done_by_task(
    store: Store, plan_ids: Sequence[str], until: str | None, today: dt.date | None
) -> dict[str, int]:
    """Task key → its done occurrences as of `until` (else `today`, else with every record)."""
    if until is not None:
        as_of = dt.date.fromisoformat(until)
    elif today is not None:
        as_of = today
    else:
        as_of = dt.date(9999, 12, 31)
    done: dict[str, int] = {}
    for plan_id in plan_ids:
        for o in occurrence_rows(store, as_of, OccurrenceFilter(plan=plan_id)):
            if o.done:
                done[o.task_key] = done.get(o.task_key, 0) + 1
    return done


def _closed_by_template(
    store: Store, plan_ids: Sequence[str], until: str | None
) -> dict[tuple[str, str], int]:
    """(plan, template id) → the rectifications closed (销号) in the plan period, up to `until`:
    by an inspection passing the item or a passing recheck not taken back (the rows' state is
    rebuilt whenever one is recorded or taken back)."""
    return {
        (r["plan_id"], r["template_id"]): r["n"]
        for r in store.query(
            "SELECT r.plan_id, r.template_id, COUNT(*) AS n FROM rectifications r "
            "JOIN templates t ON t.key = r.template_key AND t.archived_at IS NULL "
            "JOIN plans p ON p.id = r.plan_id "
            "WHERE r.plan_id IN (SELECT value FROM json_each(:ids)) AND r.status != 'void' "
            'AND r.closed IS NOT NULL AND r.closed >= p.start AND r.closed <= MIN(p."end", COALESCE(:until, p."end")) '
            "GROUP BY r.plan_id, r.template_id",
            {"ids": json.dumps(list(plan_ids), ensure_ascii=False), "until": until},
        )
    }


def _names(store: Store, ids: str, narrowed: str) -> dict[str, dict[tuple[str, str], str]]:
    """The Chinese names of the plans' metrics, and the titles of the tasks and templates of
    the plans (`narrowed`) whose targets name some."""
    params = {"ids": ids, "narrowed": narrowed}
    where = "plan_id IN (SELECT value FROM json_each(:ids))"
    narrow = "plan_id IN (SELECT value FROM json_each(:narrowed))"
    return {
        "metric": {
            (r["plan_id"], r["metric_id"]): r["name"]
            for r in store.query(f"SELECT plan_id, metric_id, name FROM metrics WHERE {where}", params)
            if r["name"]
        },
        "task": {
            (r["plan_id"], r["task_id"]): r["title"]
            for r in store.query(f"SELECT plan_id, task_id, title FROM tasks WHERE {narrow}", params)
        },
        "template": {
            (r["plan_id"], r["template_id"]): r["title"]
            for r in store.query(
                f"SELECT plan_id, template_id, title FROM templates WHERE {narrow} AND archived_at IS NULL",
                params,
            )
        },
    }
