"""The facts behind the ledgers (台账), read for a date range and a set of plans, oldest first.

Each function hands up typed rows as SQLite gives them (a cursor, not a list, where a ledger
can be long: a busy community's year of activities is read row by row). Records, inspections
and rectification steps taken back with `undo` are left out here, once. Evidence files are
given as absolute paths (the photos a ledger shows as pictures).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from civicli.plan.naming import SCHEDULE_CODE
from civicli.store.connection import Store
from civicli.store.evidence import evidence_folder

_SEP = "\x1f"  # between list items inside one column
_PAIR = "\x1e"  # between the parts of one item


class PlanInfo(NamedTuple):
    id: str
    title: str
    community: str | None
    start: str
    end: str


class ActivityFacts(NamedTuple):
    """One activity held: a `done` record, or a record with place, people or photos."""

    id: int
    date: str
    plan_title: str
    task_key: str
    task_title: str
    occurrence: str
    schedule: str  # the task's schedule code, to name the occurrence (plan/naming.SCHEDULE_CODE)
    place: str | None
    people: str | None
    note: str | None
    by: str | None
    owner: str  # the task owner's display name (the role's name, else as written)
    metrics: tuple[tuple[str, str, float], ...]  # (metric id, its Chinese name or id, value)
    headcount_metric: str | None  # the plan's headcount metric
    photos: tuple[str, ...]  # absolute paths, in order


class InspectionFacts(NamedTuple):
    id: int
    date: str
    plan_title: str
    template_title: str
    area: str
    by: str | None
    score: float | None
    passed: bool
    note: str | None
    failed: tuple[tuple[str, str], ...]  # (item text, its note) of each failed item, in template order
    rectifications: tuple[int, ...]  # the numbers of the rectifications it opened
    photos: tuple[str, ...]


def plans_in(store: Store, plan_id: str | None) -> list[PlanInfo]:
    """One plan by its id, or all of them in use (not archived) by start."""
    sql = 'SELECT id, title, community, start, "end" FROM plans'
    if plan_id is not None:
        rows = store.conn.execute(sql + " WHERE id = ?", [plan_id]).fetchall()
    else:
        rows = store.conn.execute(sql + " WHERE archived_at IS NULL ORDER BY start, id").fetchall()
    return [PlanInfo(*r) for r in rows]


def _folder(store: Store) -> str:
    return str(evidence_folder(store.path))


def _absolute(folder: str, path: str) -> str:
    return path if os.path.isabs(path) else os.path.join(folder, path)


def _plans_param(plan_ids: Sequence[str]) -> str:
    return json.dumps(list(plan_ids))


def headcount_metrics(store: Store, plan_ids: Sequence[str]) -> dict[str, str | None]:
    """Each plan's headcount metric: its `headcount:`, else `participants` when the plan knows
    that metric (listed in `metrics:` or used by a target), else None."""
    out: dict[str, str | None] = {}
    for plan_id, headcount, knows in store.conn.execute(
        "SELECT p.id, p.headcount, "
        "EXISTS (SELECT 1 FROM metrics m WHERE m.plan_id = p.id AND m.metric_id = 'participants') "
        "OR EXISTS (SELECT 1 FROM targets t WHERE t.plan_id = p.id AND t.metric = 'participants') "
        "FROM plans p WHERE p.id IN (SELECT value FROM json_each(?))",
        [_plans_param(plan_ids)],
    ):
        out[plan_id] = headcount or ("participants" if knows else None)
    return out


def activities(store: Store, start: str, end: str, plan_ids: Sequence[str]) -> Iterator[ActivityFacts]:
    """The activities held in the range, by date, then in the order recorded. A record made by
    the bulletin itself, or on a task the bulletin completes, is not an activity."""
    folder = _folder(store)
    heads = headcount_metrics(store, plan_ids)
    sql = (
        f"SELECT x.id, x.date, p.title, x.task_key, t.title, x.occurrence, {SCHEDULE_CODE}, "
        "x.place, x.people, x.note, x.\"by\", COALESCE(ro.name, t.owner, ''), t.plan_id, "
        f"(SELECT group_concat(mid || '{_PAIR}' || name || '{_PAIR}' || value, '{_SEP}') FROM ("
        "   SELECT m.name AS mid, COALESCE(mt.name, m.name) AS name, m.value FROM record_metrics m"
        "   LEFT JOIN metrics mt ON mt.plan_id = t.plan_id AND mt.metric_id = m.name"
        "   WHERE m.record_id = x.id ORDER BY m.rowid)), "
        f"(SELECT group_concat(path, '{_SEP}') FROM ("
        "   SELECT e.path FROM photos ph JOIN evidence e ON e.id = ph.evidence_id"
        "   WHERE ph.owner_kind = 'record' AND ph.owner_id = x.id ORDER BY ph.position)) "
        "FROM live_records x JOIN tasks t ON t.key = x.task_key JOIN plans p ON p.id = t.plan_id "
        "LEFT JOIN roles ro ON ro.plan_id = t.plan_id AND ro.role_id = t.owner "
        "WHERE x.date >= ? AND x.date <= ? AND t.plan_id IN (SELECT value FROM json_each(?)) "
        "AND (x.status = 'done' OR COALESCE(x.place, '') != '' OR COALESCE(x.people, '') != '' "
        "     OR EXISTS (SELECT 1 FROM photos ph WHERE ph.owner_kind = 'record' AND ph.owner_id = x.id)) "
        "AND COALESCE(t.completed_by, '') != 'bulletin' "
        "AND NOT EXISTS (SELECT 1 FROM bulletin_completions b WHERE b.record_id = x.id) "
        "ORDER BY x.date, x.id"
    )
    cur = store.conn.execute(sql, [start, end, _plans_param(plan_ids)])
    for row in cur:
        (rid, date, plan_title, key, title, occ, schedule, place, people, note, by, owner,
         plan_id, data, photos) = row  # fmt: skip
        metrics = []
        for item in data.split(_SEP) if data else ():
            mid, name, value = item.split(_PAIR)
            metrics.append((mid, name, float(value)))
        yield ActivityFacts(
            id=rid,
            date=date,
            plan_title=plan_title,
            task_key=key,
            task_title=title,
            occurrence=occ,
            schedule=schedule,
            place=place,
            people=people,
            note=note,
            by=by,
            owner=owner,
            metrics=tuple(metrics),
            headcount_metric=heads.get(plan_id),
            photos=tuple(_absolute(folder, p) for p in photos.split(_SEP)) if photos else (),
        )


def inspections(store: Store, start: str, end: str, plan_ids: Sequence[str]) -> Iterator[InspectionFacts]:
    """The inspections dated in the range, by date, then in the order recorded."""
    folder = _folder(store)
    sql = (
        'SELECT i.id, i.date, p.title, tp.title, i.area, i."by", i.score, i.passed, i.note, '
        f"(SELECT group_concat(txt, '{_SEP}') FROM ("
        f"   SELECT COALESCE(ti.text, a.item_id) || '{_PAIR}' || COALESCE(a.note, '') AS txt"
        "   FROM inspection_answers a LEFT JOIN template_items ti"
        "     ON ti.template_key = i.template_key AND ti.item_id = a.item_id"
        "   WHERE a.inspection_id = i.id AND a.result = 'fail'"
        "   ORDER BY COALESCE(ti.position, 1e9), a.item_id)), "
        "(SELECT group_concat(id, ',') FROM ("
        "   SELECT r.id FROM rectifications r WHERE COALESCE(r.opener, r.opened_by) = i.id"
        "   AND r.status != 'void' ORDER BY r.id)), "
        f"(SELECT group_concat(path, '{_SEP}') FROM ("
        "   SELECT e.path FROM photos ph JOIN evidence e ON e.id = ph.evidence_id"
        "   WHERE ph.owner_kind = 'inspection' AND ph.owner_id = i.id ORDER BY ph.position)), "
        f"(SELECT group_concat(path, '{_SEP}') FROM ("
        "   SELECT path FROM inspection_photos WHERE inspection_id = i.id ORDER BY rowid)) "
        "FROM live_inspections i JOIN templates tp ON tp.key = i.template_key JOIN plans p ON p.id = i.plan_id "
        "WHERE i.date >= ? AND i.date <= ? AND i.plan_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY i.date, i.id"
    )
    for row in store.conn.execute(sql, [start, end, _plans_param(plan_ids)]):
        (iid, date, plan_title, template, area, by, score, passed, note, failed, rects, photos,
         older) = row  # fmt: skip
        paths = [*(photos.split(_SEP) if photos else ()), *(older.split(_SEP) if older else ())]
        yield InspectionFacts(
            id=iid,
            date=date,
            plan_title=plan_title,
            template_title=template,
            area=area,
            by=by,
            score=None if score is None else float(score),
            passed=bool(passed),
            note=note,
            failed=tuple(tuple(f.split(_PAIR, 1)) for f in failed.split(_SEP)) if failed else (),  # type: ignore[misc]
            rectifications=tuple(int(x) for x in rects.split(",")) if rects else (),
            photos=tuple(_absolute(folder, p) for p in paths),
        )


class RectificationExtras(NamedTuple):
    """What the 整改台账 shows beyond `rectifications`: who found it and the photos."""

    finder: str | None  # the inspector of the failing inspection
    before: tuple[str, ...]  # the failing inspection's photos
    after: tuple[str, ...]  # the photos of its steps and of its closing inspection


def rectification_extras(
    store: Store, rows: Sequence[tuple[int, int, int | None, str]]
) -> dict[int, RectificationExtras]:
    """For each (rectification id, opening inspection, closing inspection or None, as-of date):
    the finder and the photos before and after, steps taken back left out."""
    folder = _folder(store)
    out: dict[int, RectificationExtras] = {}
    for rid, opener, closer, as_of in rows:
        found = store.conn.execute('SELECT "by" FROM inspections WHERE id = ?', [opener]).fetchone()
        before = _inspection_photos(store, opener)
        after = [
            p
            for (p,) in store.conn.execute(
                "SELECT e.path FROM live_steps s JOIN photos ph ON ph.owner_kind = 'step' "
                "AND ph.owner_id = s.id JOIN evidence e ON e.id = ph.evidence_id "
                "WHERE s.rectification_id = ? AND s.date <= ? "
                "ORDER BY s.date, s.id, ph.position",
                [rid, as_of],
            )
        ]
        if closer is not None:
            after += _inspection_photos(store, closer)
        out[rid] = RectificationExtras(
            finder=found[0] if found else None,
            before=tuple(_absolute(folder, p) for p in before),
            after=tuple(_absolute(folder, p) for p in after),
        )
    return out


def _inspection_photos(store: Store, inspection_id: int) -> list[str]:
    paths = [
        p
        for (p,) in store.conn.execute(
            "SELECT e.path FROM photos ph JOIN evidence e ON e.id = ph.evidence_id "
            "WHERE ph.owner_kind = 'inspection' AND ph.owner_id = ? ORDER BY ph.position",
            [inspection_id],
        )
    ]
    paths += [
        p
        for (p,) in store.conn.execute(
            "SELECT path FROM inspection_photos WHERE inspection_id = ? ORDER BY rowid", [inspection_id]
        )
    ]
    return paths


def done_dates(store: Store, keys: Sequence[tuple[str, str]], as_of: str) -> dict[tuple[str, str], str]:
    """The date of the latest live `done` record of each (task key, occurrence), up to `as_of`."""
    out: dict[tuple[str, str], str] = {}
    if not keys:
        return out
    for key, occ, date in store.conn.execute(
        "SELECT x.task_key, x.occurrence, MAX(x.date) FROM live_records x "
        "JOIN (SELECT json_extract(value, '$[0]') AS k, json_extract(value, '$[1]') AS o "
        "      FROM json_each(?)) w ON w.k = x.task_key AND w.o = x.occurrence "
        "WHERE x.status = 'done' AND x.date <= ? "
        "GROUP BY x.task_key, x.occurrence",
        [json.dumps([list(k) for k in keys], ensure_ascii=False), as_of],
    ):
        out[(key, occ)] = date
    return out


def plan_titles(store: Store, plan_ids: Sequence[str]) -> dict[str, str]:
    return {
        pid: title
        for pid, title in store.conn.execute(
            "SELECT id, title FROM plans WHERE id IN (SELECT value FROM json_each(?))",
            [_plans_param(plan_ids)],
        )
    }
