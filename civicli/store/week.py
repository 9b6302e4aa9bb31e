"""The facts behind a week's bulletin (创建简报), read from the store as typed rows.

reports/bulletin.py computes the bulletin from these; it writes no SQL. Records and
inspections taken back with `undo` are left out here (the `live_` views). Dates are ISO text (`ws`..`we`: the
week's first day and the day it is read as of). Read them inside one `snapshot(store)` so the
week is consistent while others write (store/reading.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

from civicli.store.connection import Store


def _keys(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)), ensure_ascii=False)


# ---------------------------------------------------------------- records


class WeekRecord(NamedTuple):
    """A record dated in the week, on an active task, not taken back; its metrics by name in the
    order recorded (values as stored)."""

    id: int
    task_key: str
    occurrence: str
    at: str
    date: str
    status: str | None
    percent: int | None
    note: str | None
    by: str | None
    place: str | None
    people: str | None
    metrics: dict[str, float]


def week_records(store: Store, ws: str, we: str) -> list[WeekRecord]:
    """The records dated `ws`..`we` on active tasks, not taken back, in the order made."""
    params = {"ws": ws, "we": we}
    metrics: dict[int, dict[str, float]] = {}
    for m in store.query(
        "SELECT m.record_id, m.name, m.value FROM record_metrics m JOIN live_records r ON r.id = m.record_id "
        "WHERE r.date >= :ws AND r.date <= :we ORDER BY m.record_id, m.rowid",
        params,
    ):
        metrics.setdefault(m["record_id"], {})[m["name"]] = m["value"]
    return [
        WeekRecord(**r, metrics=metrics.get(r["id"], {}))
        for r in store.query(
            'SELECT r.id, r.task_key, r.occurrence, r.at, r.date, r.status, r.percent, r.note, r."by", '
            "r.place, r.people "
            "FROM live_records r JOIN tasks t ON t.key = r.task_key "
            "WHERE r.date >= :ws AND r.date <= :we AND t.archived_at IS NULL ORDER BY r.id",
            params,
        )
    ]


# ---------------------------------------------------------------- tasks


class TaskHead(NamedTuple):
    """What names a task: its plan, ids, title and owner (as written in the plan)."""

    key: str
    plan_id: str
    task_id: str
    section_id: str | None
    title: str
    owner: str | None


def task_heads(store: Store, keys: Iterable[str]) -> dict[str, TaskHead]:
    """The tasks of `keys` (archived ones too) by key; a key no task has is left out."""
    return {
        r["key"]: TaskHead(**r)
        for r in store.query(
            "SELECT key, plan_id, task_id, section_id, title, owner FROM tasks "
            "WHERE key IN (SELECT value FROM json_each(:keys))",
            {"keys": _keys(keys)},
        )
    }


def completed_by_bulletin(store: Store) -> set[str]:
    """The keys of the tasks done by the bulletin itself (`completed_by: bulletin`)."""
    return {r["key"] for r in store.query("SELECT key FROM tasks WHERE completed_by = 'bulletin'")}


class Schedule(NamedTuple):
    """How a task repeats: a festival (with its offset and lead days) or `every`."""

    festival: str | None
    offset: int | None
    lead: int | None
    every: str | None


def schedules(store: Store, keys: Iterable[str]) -> dict[str, Schedule]:
    """The schedules of the tasks of `keys`, by key."""
    return {
        r.pop("key"): Schedule(**r)
        for r in store.query(
            'SELECT key, festival, "offset", lead, every FROM tasks '
            "WHERE key IN (SELECT value FROM json_each(:keys))",
            {"keys": _keys(keys)},
        )
    }


# ---------------------------------------------------------------- inspections


def inspected_occurrences(store: Store, ws: str, we: str) -> list[tuple[str, str]]:
    """(task key, occurrence key) of the inspection-linked active tasks whose window overlaps the
    week, for templates inspected in the week (those inspections may have completed them)."""
    return [
        (r["task_key"], r["key"])
        for r in store.query(
            "SELECT o.task_key, o.key FROM occurrences o WHERE o.task_key IN ("
            "  SELECT t.key FROM tasks t WHERE t.inspection_id IS NOT NULL AND t.archived_at IS NULL"
            "  AND t.plan_id || '/' || t.inspection_id IN ("
            "    SELECT DISTINCT template_key FROM live_inspections WHERE date >= :ws AND date <= :we))"
            " AND o.opens <= :we AND o.due >= :ws",
            {"ws": ws, "we": we},
        )
    ]


def areas_all_inspected(store: Store, template_key: str, opens: str, due: str, we: str) -> str | None:
    """The day the last of the template's areas was first inspected within `opens`..`due` (and
    not after `we`); None when none was."""
    found = store.one(
        "SELECT MAX(first) AS day FROM (SELECT MIN(i.date) AS first FROM live_inspections i "
        "JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area "
        "WHERE i.template_key = :tk AND i.date >= :opens AND i.date <= :due AND i.date <= :we "
        "GROUP BY i.area)",
        {"tk": template_key, "opens": opens, "due": due, "we": we},
    )
    return found["day"] if found else None


class Answer(NamedTuple):
    """One item's answer in an inspection, with the item's text (None for an item the template
    no longer has)."""

    item_id: str
    result: str
    note: str | None
    text: str | None


class WeekInspection(NamedTuple):
    """An inspection dated in the week, not taken back, with its template's title and pass mark
    and its answers in the template's order."""

    id: int
    template: str
    plan: str
    area: str
    date: str
    by: str | None
    score: float | None
    passed: int
    key: str
    title: str
    pass_mark: float | None
    note: str | None
    at: str
    answers: tuple[Answer, ...]


def week_inspections(store: Store, ws: str, we: str) -> list[WeekInspection]:
    """The inspections dated `ws`..`we` not taken back, by date and the order made."""
    params = {"ws": ws, "we": we}
    answers: dict[int, list[Answer]] = {}
    for a in store.query(
        "SELECT a.inspection_id, a.item_id, a.result, a.note, ti.text FROM inspection_answers a "
        "JOIN live_inspections i ON i.id = a.inspection_id "
        "LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id "
        "WHERE i.date >= :ws AND i.date <= :we ORDER BY a.inspection_id, ti.position, a.item_id",
        params,
    ):
        answers.setdefault(a.pop("inspection_id"), []).append(Answer(**a))
    return [
        WeekInspection(**r, answers=tuple(answers.get(r["id"], ())))
        for r in store.query(
            'SELECT i.id, i.template_id AS template, i.plan_id AS plan, i.area, i.date, i."by", i.score, '
            "i.passed, i.template_key AS key, tp.title, tp.pass_mark, i.note, i.at "
            "FROM live_inspections i JOIN templates tp ON tp.key = i.template_key "
            "WHERE i.date >= :ws AND i.date <= :we ORDER BY i.date, i.id",
            params,
        )
    ]


def stepped_rectifications(store: Store, ws: str, we: str) -> list[int]:
    """The ids of the rectifications with a step (a measure, a recheck) dated `ws`..`we`."""
    return [
        int(r["id"])
        for r in store.query(
            "SELECT DISTINCT rectification_id AS id FROM rectification_steps WHERE date >= ? AND date <= ?",
            [ws, we],
        )
    ]


# ---------------------------------------------------------------- plans


class PlanHead(NamedTuple):
    """An active plan as the bulletin names it, with its period and the author's notes."""

    id: str
    title: str
    community: str | None
    start: str
    end: str
    incomplete: str | None
    assumed: str | None


def active_plans(store: Store) -> list[PlanHead]:
    """Every active plan, by start and id."""
    return [
        PlanHead(**r)
        for r in store.query(
            'SELECT id, title, community, start, "end", incomplete, assumed FROM plans '
            "WHERE archived_at IS NULL ORDER BY start, id"
        )
    ]


def plans_overlapping(store: Store, ws: str, we: str) -> list[PlanHead]:
    """The active plans whose period overlaps `ws`..`we`, by start and id."""
    return [
        PlanHead(**r)
        for r in store.query(
            'SELECT id, title, community, start, "end", incomplete, assumed FROM plans '
            'WHERE start <= :we AND "end" >= :ws AND archived_at IS NULL ORDER BY start, id',
            {"we": we, "ws": ws},
        )
    ]


def active_task_counts(store: Store) -> dict[str, int]:
    """Plan id → how many active tasks it has (a plan without one is left out)."""
    return {
        r["plan_id"]: r["n"]
        for r in store.query(
            "SELECT plan_id, COUNT(*) AS n FROM tasks WHERE archived_at IS NULL GROUP BY plan_id"
        )
    }
