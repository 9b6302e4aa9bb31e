"""Plans as stored: the list with completion, goals with their actuals, one plan in detail."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence

from civicli.errors import NotFound
from civicli.i18n import ERR, RELY
from civicli.plan.naming import SCHEDULE_CODE
from civicli.store import names
from civicli.store.completion import OccurrenceFilter, OccurrenceRow, occurrence_rows, plan_completion
from civicli.store.connection import Row, Store, now_stamp
from civicli.store.targets import goal_rows

__all__ = ["goal_rows", "plan_detail", "plan_rows"]  # goal_rows: store/targets.py


def started_untracked(store: Store, today: dt.date) -> dict[str, str]:
    """Plans that began before today and follow every occurrence from their start (no
    tracked_from): their id and start."""
    rows = store.query(
        "SELECT id, start FROM plans WHERE start < ? AND tracked_from IS NULL AND archived_at IS NULL ORDER BY id",
        [today.isoformat()],
    )
    return {r["id"]: r["start"] for r in rows}


def plan_rows(
    store: Store, today: dt.date, plan_id: str | None = None, *, archived: bool = False
) -> list[Row]:
    """Plans with period, active task count, done occurrences and completion; archived ones
    (`civicli archive`) only when asked for (`plans --all`), marked `archived`."""
    where = [] if archived else ["archived_at IS NULL"]
    if plan_id:
        where.append("id = :id")
    plans = store.query(
        'SELECT id, title, community, start, "end", tracked_from, track_from, source, incomplete, '
        "archived_at IS NOT NULL AS archived "
        "FROM plans" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY start, id",
        {"id": plan_id},
    )
    if plan_id and not plans:
        raise NotFound(ERR["no_plan"].format(plan=plan_id))
    done = plan_completion(store, today, [plan_id] if plan_id else None)
    counts = {
        r["plan_id"]: r["n"]
        for r in store.query(
            "SELECT plan_id, COUNT(*) AS n FROM tasks WHERE archived_at IS NULL GROUP BY plan_id"
        )
    }
    for p in plans:
        p["archived"] = bool(p["archived"])
        c = done.get(p["id"])
        p["tasks"] = counts.get(p["id"], 0)
        p["done"] = c.done if c else 0
        p["percent"] = c.percent if c else 0
    return plans


def plan_detail(store: Store, plan_id: str, today: dt.date) -> Row:
    """One plan: goals with targets, sections with tasks and their current occurrence state."""
    plan = plan_rows(store, today, plan_id)[0]
    occ = occurrence_rows(store, today, OccurrenceFilter(plan=plan_id))
    iso = today.isoformat()
    current: dict[str, OccurrenceRow] = {}
    for r in sorted(occ, key=lambda r: r.due):
        # the occurrence that matters today: the first not done and not missed, else the last
        key = r.task_key
        if key not in current or (current[key].state in ("done", "missed") and r.opens <= iso):
            current[key] = r
    sections = store.query(
        "SELECT section_id AS id, title FROM sections WHERE plan_id = ? ORDER BY position", [plan_id]
    )
    tasks = store.query(
        "SELECT t.key, t.task_id, t.section_id, t.title, t.owner, COALESCE(ro.name, t.owner) AS owner_name, "
        "t.due, t.every, t.festival, t.inspection_id, t.goal_id, t.assumed, t.completed_by, "
        f"{SCHEDULE_CODE} AS schedule FROM tasks t "
        "LEFT JOIN roles ro ON ro.plan_id = t.plan_id AND ro.role_id = t.owner "
        "WHERE t.plan_id = ? AND t.archived_at IS NULL ORDER BY t.position",
        [plan_id],
    )
    done_counts: dict[str, tuple[int, int]] = {}
    for r in occ:
        d, n = done_counts.get(r.task_key, (0, 0))
        done_counts[r.task_key] = (d + r.done, n + 1)
    for s in sections:
        s["tasks"] = []
        for t in tasks:
            if t["section_id"] != s["id"]:
                continue
            cur = current.get(t["key"])
            d, n = done_counts.get(t["key"], (0, 0))
            s["tasks"].append(
                {
                    "task": t["task_id"],
                    "key": t["key"],
                    "title": t["title"],
                    "owner": t["owner"],
                    "owner_name": t["owner_name"],
                    "due_date": t["due"],
                    "every": t["every"],
                    "festival": t["festival"],
                    "inspection": t["inspection_id"],
                    "goal": t["goal_id"],
                    "occurrence": cur.occurrence if cur else None,
                    "due": cur.due if cur else None,
                    "state": cur.state if cur else None,
                    "status": cur.status if cur else "todo",
                    "percent": cur.percent if cur else None,
                    "occurrences": n,
                    "done": d,
                    "assumed": t["assumed"],
                    "completed_by": t["completed_by"],
                    "schedule": t["schedule"],  # for naming (plan/naming.from_code)
                }
            )
    plan["goals"] = goal_rows(store, [plan_id], today=today)[plan_id]
    plan["sections"] = sections
    detail = (
        store.one("SELECT guiding_ideology, principles, assumed FROM plans WHERE id = ?", [plan_id]) or {}
    )
    plan["assumed"] = detail.get("assumed")
    plan["guiding_ideology"] = detail.get("guiding_ideology")
    plan["principles"] = json.loads(detail.get("principles") or "[]")
    return plan


def loaded_plan_files(store: Store) -> list[str]:
    """The files the plans in the database were loaded from (archived plans' too)."""
    return [str(r["source"]) for r in store.query("SELECT source FROM plans")]


def plan_titles(store: Store) -> dict[str, str]:
    """Every plan's title by its id."""
    return {str(r["id"]): str(r["title"]) for r in store.query("SELECT id, title FROM plans")}


def archive_plan(store: Store, ref: str) -> Row:
    """Take a plan out of use (`civicli archive`): the plan, its tasks and its inspection
    templates archived at this moment. Its records stay (`log`); loading its file again brings
    it back. Returns {id, title, tasks} (tasks: how many were in use)."""
    with store.write():
        row = store.one("SELECT id, title, archived_at FROM plans WHERE id = ?", [ref])
        if row is None:
            row = store.one(
                "SELECT id, title, archived_at FROM plans WHERE id = ?", [names.resolve_plan(store, ref)]
            )
        assert row is not None
        if row["archived_at"] is not None:
            raise NotFound(RELY["plan_archived"].format(plan=row["id"]))
        at = now_stamp()
        n = store.conn.execute(
            "UPDATE tasks SET archived_at = ? WHERE plan_id = ? AND archived_at IS NULL", [at, row["id"]]
        ).rowcount
        store.conn.execute(
            "UPDATE templates SET archived_at = ? WHERE plan_id = ? AND archived_at IS NULL", [at, row["id"]]
        )
        store.conn.execute("UPDATE plans SET archived_at = ? WHERE id = ?", [at, row["id"]])
    return {"id": row["id"], "title": row["title"], "tasks": n}


def ghosts(
    store: Store, parsed: Sequence[tuple[str, str]], folders: Sequence[str]
) -> list[tuple[str, str, str, str]]:
    """Plans in use whose file now declares another id, or that were loaded from a file inside one
    of `folders` that is no longer among the files found there. `parsed`: (resolved file, plan id)
    of the files loaded now. Returns (kind 'id' or 'gone', plan id, file, the new id or folder)."""
    now = dict(parsed)
    out: list[tuple[str, str, str, str]] = []
    for r in store.query("SELECT id, source FROM plans WHERE archived_at IS NULL ORDER BY id"):
        source = str(r["source"])
        if source in now:
            if now[source] != r["id"]:
                out.append(("id", str(r["id"]), source, now[source]))
            continue
        for folder in folders:
            if source.startswith(folder.rstrip(os.sep) + os.sep) and not os.path.exists(source):
                out.append(("gone", str(r["id"]), source, folder))
                break
    return out
