"""Rectifications (整改): stable rows, their derived state, steps (整改措施, 复查), listings.

A rectification row is created once, by the inspection that first fails an item in an area
(its `opened_by`), and is never deleted: its number is written on paper. What it shows is
derived by one pure function of the area's timeline (`area_state`: its inspections and steps
that count, by date) and written in place by `rebuild_rectifications`, which `Store.write` calls
for every area its transaction touched (an inspection or a step recorded or taken back) before
it commits: no writer calls it.

- a failed item opens a rectification due `rectify_days` after the inspection date;
- while it is open, an inspection failing the item again or a failed recheck counts a repeat
  (a failed recheck also sets a new due date: its date + `rectify_days`); a measure or a
  recheck makes it `in_progress`;
- an inspection passing the item, or a passing recheck, closes it;
- a row whose opening inspection is taken back is `void` (kept, never listed); a back-dated
  failure that joins two rows into one problem keeps the lower number and voids the other.

Listings are "as of today": the dates kept on the row (closed, repeat dates, failed rechecks,
the first step) are compared with today, so a week's bulletin sees the state of its last day.
Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import INSPECT, RELY
from civicli.i18n import RECTIFY as R
from civicli.store.connection import Row, Store, now_stamp
from civicli.store.evidence import check_photos, photos_ready, store_photos
from civicli.store.names import (  # noqa: F401 - rectification_ref re-exported: callers import it from here
    Template,
    check_day,
    linked_task,
    rectification_ref,
    resolve_template,
    template_of,
)

_NO_POSITION = 1_000_000  # sorts rectifications without a linked task after the plan's tasks
RECTIFICATION_STATUSES = ("open", "in_progress", "closed")


# ---------------------------------------------------------------- the state of an area: one pure function


class Inspected(NamedTuple):
    """An inspection of the area that counts (not taken back), its answers in item order."""

    id: int
    date: str
    at: str
    answers: tuple[tuple[str, str, str | None], ...]  # (item, pass or fail, note): n/a left out


class Step(NamedTuple):
    """A measure or recheck on one of the area's rectifications that counts (not taken back)."""

    id: int
    rectification_id: int
    kind: str  # measure, recheck
    passed: bool | None
    date: str
    at: str


class Numbered(NamedTuple):
    """A rectification row already made (its number is for life): the failure that opened it."""

    id: int
    item_id: str
    opened_by: int


@dataclass
class Episode:
    """One problem of one item in one area, from the failure that opens it to its closing."""

    item: str
    opener: int  # inspection id
    opened: str
    note: str | None
    due: str = ""
    failures: list[int] = field(default_factory=list)  # inspection ids failing the item, in order
    repeat_dates: list[str] = field(default_factory=list)
    recheck_fails: list[str] = field(default_factory=list)
    started: str | None = None
    closed: str | None = None
    closed_by: int | None = None
    closed_step: int | None = None
    rows: list[int] = field(default_factory=list)  # the numbered rows it claims: the first is its own

    @property
    def status(self) -> str:
        return "closed" if self.closed else ("in_progress" if self.started else "open")


class Event(NamedTuple):
    """What an inspection did to a rectification: opened, repeat or closed."""

    inspection: int
    event: str
    episode: Episode
    due: str
    repeats: int


class AreaState(NamedTuple):
    episodes: list[Episode]  # in the order opened
    void: list[int]  # numbered rows no episode claims (opening inspection taken back, merged)
    events: list[Event]


def area_state(
    inspections: Sequence[Inspected], steps: Sequence[Step], numbered: Sequence[Numbered], rectify_days: int
) -> AreaState:
    """The rectifications of one area, from its timeline: inspections and steps by date, then in
    the order recorded (plan-format.md, rectifications; the module's docstring).

    A failed item opens a problem due `rectify_days` later; while it is open, a failure again or a
    failed recheck counts a repeat (a failed recheck also sets a new due date), a measure or recheck
    starts it; a pass of the item or a passing recheck closes it. Each numbered row belongs to the
    problem its opening failure is in; a problem claimed by no row is new, and a row claiming none,
    or a second row claiming one, is void."""
    anchor = {r.id: (r.opened_by, r.item_id) for r in numbered}
    timeline: list[tuple[str, str, int, int, Inspected | Step]] = [
        (i.date, i.at, 0, i.id, i) for i in inspections
    ] + [(s.date, s.at, 1, s.id, s) for s in steps]
    timeline.sort(key=lambda e: e[:4])
    open_: dict[str, Episode] = {}
    episodes: list[Episode] = []
    of_failure: dict[tuple[int, str], Episode] = {}
    events: list[Event] = []

    def due(ep: Episode) -> str:
        return _due(ep.recheck_fails[-1] if ep.recheck_fails else ep.opened, rectify_days)

    for day, _at, _kind, _id, ev in timeline:
        if isinstance(ev, Inspected):
            for item, result, note in ev.answers:
                ep = open_.get(item)
                if result == "fail":
                    if ep is not None:
                        ep.failures.append(ev.id)
                        ep.repeat_dates.append(day)
                        events.append(Event(ev.id, "repeat", ep, due(ep), len(ep.repeat_dates)))
                    else:
                        ep = Episode(item=item, opener=ev.id, opened=day, note=note, failures=[ev.id])
                        open_[item] = ep
                        episodes.append(ep)
                        events.append(Event(ev.id, "opened", ep, due(ep), 0))
                    of_failure[(ev.id, item)] = ep
                elif result == "pass" and ep is not None:
                    ep.closed, ep.closed_by = day, ev.id
                    del open_[item]
                    events.append(Event(ev.id, "closed", ep, due(ep), len(ep.repeat_dates)))
        else:
            if ev.rectification_id not in anchor:
                continue  # pragma: no cover - steps are selected through this area's rows
            row_anchor, item = anchor[ev.rectification_id]
            ep = of_failure.get((row_anchor, item))
            if ep is None or open_.get(item) is not ep:
                continue  # its problem is not open at that point (closed before, or void)
            if ep.started is None:
                ep.started = day
            if ev.kind == "recheck":
                if ev.passed:
                    ep.closed, ep.closed_step = day, ev.id
                    del open_[item]
                else:
                    ep.repeat_dates.append(day)
                    ep.recheck_fails.append(day)
    void: list[int] = []
    for r in numbered:
        ep = of_failure.get((r.opened_by, r.item_id))
        if ep is None:
            void.append(r.id)
        else:
            ep.rows.append(r.id)
    for ep in episodes:
        ep.due = due(ep)
        void += ep.rows[1:]
    return AreaState(episodes, sorted(void), events)


def _due(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


# ---------------------------------------------------------------- keeping the rows: the one writer


def rebuild_rectifications(store: Store, tpl: Template, area: str) -> AreaState:
    """Recompute in place the rectifications of (template, area) from its timeline (area_state)
    and number the newly opened ones. Inside a write transaction: `Store.write` calls it for every
    area its transaction touched (`rebuild_touched`), so no writer has to."""
    state = area_state(*_timeline(store, tpl, area), int(tpl.rectify_days))
    task = linked_task(store, tpl)
    owner = task["owner"] if task else None
    for ep in state.episodes:
        values: Row = {
            "note": ep.note,
            "owner": owner,
            "opened": ep.opened,
            "due": ep.due,
            "opener": ep.opener,
            "closed": ep.closed,
            "closed_by": ep.closed_by,
            "closed_step": ep.closed_step,
            "repeats": len(ep.repeat_dates),
            "repeat_dates": json.dumps(ep.repeat_dates),
            "recheck_fails": json.dumps(ep.recheck_fails),
            "started": ep.started,
            "status": ep.status,
        }
        if ep.rows:
            sets = ", ".join(f'"{k}" = ?' for k in values)
            store.conn.execute(
                f"UPDATE rectifications SET {sets} WHERE id = ?", [*values.values(), ep.rows[0]]
            )
            continue
        new = {
            "template_key": tpl.key,
            "plan_id": tpl.plan_id,
            "template_id": tpl.template_id,
            "area": area,
            "item_id": ep.item,
            "opened_by": ep.opener,
            **values,
        }
        cur = store.conn.execute(
            f"INSERT INTO rectifications ({', '.join(f'{chr(34)}{k}{chr(34)}' for k in new)}) "
            f"VALUES ({', '.join('?' * len(new))})",
            list(new.values()),
        )
        ep.rows.append(int(cur.lastrowid or 0))
    if state.void:
        store.conn.executemany(
            "UPDATE rectifications SET status = 'void' WHERE id = ?", [(v,) for v in state.void]
        )
    return state


def _timeline(store: Store, tpl: Template, area: str) -> tuple[list[Inspected], list[Step], list[Numbered]]:
    """What area_state reads: the area's inspections and steps that count, and its numbered rows."""
    position = {it["item_id"]: it["position"] for it in tpl.items}
    answers: dict[int, list[tuple[str, str, str | None]]] = {}
    for a in store.query(
        "SELECT a.inspection_id, a.item_id, a.result, a.note FROM inspection_answers a "
        "JOIN inspections i ON i.id = a.inspection_id WHERE i.template_key = ? AND i.area = ? "
        "AND a.result != 'na'",
        [tpl.key, area],
    ):
        answers.setdefault(a["inspection_id"], []).append((a["item_id"], a["result"], a["note"]))
    inspections = [
        Inspected(
            i["id"],
            i["date"],
            i["at"],
            tuple(sorted(answers.get(i["id"], []), key=lambda a: (position.get(a[0], _NO_POSITION), a[0]))),
        )
        for i in store.query(
            "SELECT i.id, i.date, i.at FROM live_inspections i WHERE i.template_key = ? AND i.area = ?",
            [tpl.key, area],
        )
    ]
    steps = [
        Step(
            s["id"],
            s["rectification_id"],
            s["kind"],
            None if s["passed"] is None else bool(s["passed"]),
            s["date"],
            s["at"],
        )
        for s in store.query(
            "SELECT s.id, s.rectification_id, s.kind, s.passed, s.date, s.at FROM live_steps s "
            "JOIN rectifications r ON r.id = s.rectification_id WHERE r.template_key = ? AND r.area = ?",
            [tpl.key, area],
        )
    ]
    numbered = [
        Numbered(r["id"], r["item_id"], r["opened_by"])
        for r in store.query(
            "SELECT id, item_id, opened_by FROM rectifications WHERE template_key = ? AND area = ? ORDER BY id",
            [tpl.key, area],
        )
    ]
    return inspections, steps, numbered


def events_of(state: AreaState, inspection_id: int) -> list[Row]:
    """What one inspection did to rectifications: [{event, rectification, item, due, repeats}]."""
    return [
        {
            "event": e.event,
            "rectification": e.episode.rows[0],
            "item": e.episode.item,
            "due": e.due,
            "repeats": e.repeats,
        }
        for e in state.events
        if e.inspection == inspection_id
    ]


def area_events(store: Store, tpl: Template, area: str, inspection_id: int) -> list[Row]:
    """What one inspection of the area did to rectifications, as its area stands (read only)."""
    return events_of(area_state(*_timeline(store, tpl, area), int(tpl.rectify_days)), inspection_id)


def recorded_so_far(store: Store) -> tuple[int, int]:
    """Where the journal of what was recorded and the takebacks stand (rebuild_touched's `since`)."""
    row = store.conn.execute(
        "SELECT (SELECT IFNULL(MAX(seq), 0) FROM journal), (SELECT IFNULL(MAX(id), 0) FROM takebacks)"
    ).fetchone()
    return int(row[0]), int(row[1])


_TOUCHED = """
SELECT template_key, area FROM inspections
 WHERE id IN (SELECT target_id FROM journal WHERE seq > :seq AND kind = 'inspection')
UNION SELECT r.template_key, r.area FROM rectification_steps s JOIN rectifications r ON r.id = s.rectification_id
 WHERE s.id IN (SELECT target_id FROM journal WHERE seq > :seq AND kind = 'step')
UNION SELECT i.template_key, i.area FROM takebacks k JOIN inspections i ON i.id = k.target_id
 WHERE k.id > :taken AND k.kind = 'inspection'
UNION SELECT r.template_key, r.area FROM takebacks k JOIN rectification_steps s ON s.id = k.target_id
  JOIN rectifications r ON r.id = s.rectification_id
 WHERE k.id > :taken AND k.kind = 'step'
ORDER BY 1, 2"""


def rebuild_touched(store: Store, since: tuple[int, int]) -> dict[tuple[str, str], AreaState]:
    """The rectifications of every area whose timeline changed since `since` (recorded_so_far):
    an inspection or a step recorded, or one taken back. Called by `Store.write` before it commits."""
    out: dict[tuple[str, str], AreaState] = {}
    for key, area in store.conn.execute(_TOUCHED, {"seq": since[0], "taken": since[1]}).fetchall():
        row = store.one("SELECT * FROM templates WHERE key = ?", [key])
        if row is not None:
            out[(key, area)] = rebuild_rectifications(store, template_of(store, row), area)
    return out


class _Upkeep:
    """The rectifications kept up to date by every write transaction (connection.Upkeep)."""

    def mark(self, store: Store) -> tuple[int, int]:
        return recorded_so_far(store)

    def bring_up_to_date(self, store: Store, mark: tuple[int, int]) -> None:
        rebuild_touched(store, mark)


UPKEEP = _Upkeep()


# ---------------------------------------------------------------- listing (as of today)


def filters(
    store: Store, alias: str, plan: str | None, template: str | None, area: str | None
) -> tuple[list[str], dict[str, Any]]:
    """SQL clauses and parameters for the --plan / --template / --area filters of a listing of
    rows (`alias`) with plan_id, template_key and area columns (inspections, rectifications)."""
    # never an archived plan's (`civicli archive`)
    clauses: list[str] = [f"{alias}.plan_id NOT IN (SELECT id FROM plans WHERE archived_at IS NOT NULL)"]
    params: dict[str, Any] = {}
    if plan is not None:
        _check_plan(store, plan)
        clauses.append(f"{alias}.plan_id = :plan")
        params["plan"] = plan
    if template is not None:
        tpl = resolve_template(
            store, f"{plan}/{template}" if plan and "/" not in template else template, active=False
        )
        clauses.append(f"{alias}.template_key = :tkey")
        params["tkey"] = tpl.key
    if area is not None:
        clauses.append(f"{alias}.area = :area")
        params["area"] = area.strip()
    return clauses, params


def _check_plan(store: Store, plan: str) -> None:
    if not store.one("SELECT 1 FROM plans WHERE id = ?", [plan]):
        raise NotFound(INSPECT["err_no_plan"].format(plan=plan))


_RECT_SELECT = """
SELECT r.id, r.template_key, r.plan_id, r.template_id, t.title AS template_title, t.rectify_days,
       r.area, r.item_id, ti.text AS item_text, ti.position AS item_position, r.note,
       CASE WHEN lt.key IS NOT NULL THEN lt.owner ELSE r.owner END AS owner_role, ta.owner AS area_owner,
       COALESCE(ra.name, ta.owner, ro.name, CASE WHEN lt.key IS NOT NULL THEN lt.owner ELSE r.owner END) AS owner_name,
       r.opened, r.opened_by, COALESCE(r.opener, r.opened_by) AS opener,
       CASE WHEN r.closed <= :today THEN r.closed END AS closed,
       CASE WHEN r.closed <= :today THEN r.closed_by END AS closed_by,
       CASE WHEN r.closed <= :today THEN r.closed_step END AS closed_step,
       CASE WHEN r.closed <= :today THEN COALESCE(cs."by", ci."by") END AS rechecked_by,
       (SELECT COUNT(*) FROM json_each(r.repeat_dates) WHERE value <= :today) AS repeats,
       (SELECT MAX(value) FROM json_each(r.recheck_fails) WHERE value <= :today) AS last_fail,
       CASE WHEN r.started <= :today THEN r.started END AS started,
       lt.key AS linked_key, lt.section_id AS linked_section, lt.position AS linked_position
FROM rectifications r
JOIN templates t ON t.key = r.template_key AND t.archived_at IS NULL
JOIN template_areas ta ON ta.template_key = r.template_key AND ta.area = r.area
JOIN template_items ti ON ti.template_key = r.template_key AND ti.item_id = r.item_id
LEFT JOIN tasks lt ON lt.key = (
    SELECT k.key FROM tasks k WHERE k.plan_id = r.plan_id AND k.inspection_id = r.template_id
       AND k.archived_at IS NULL ORDER BY k.position LIMIT 1)
LEFT JOIN roles ro ON ro.plan_id = r.plan_id
       AND ro.role_id = CASE WHEN lt.key IS NOT NULL THEN lt.owner ELSE r.owner END
LEFT JOIN roles ra ON ra.plan_id = r.plan_id AND ra.role_id = ta.owner
LEFT JOIN rectification_steps cs ON cs.id = r.closed_step
LEFT JOIN inspections ci ON ci.id = r.closed_by
WHERE r.status != 'void' AND r.opened <= :today
"""


def list_rectifications(
    store: Store,
    today: dt.date,
    *,
    all: bool = False,
    plan: str | None = None,
    template: str | None = None,
    area: str | None = None,
    overdue: bool = False,
    changed_since: str | None = None,
    ids: Sequence[int] | None = None,
) -> list[Row]:
    """Rectifications as of today: open ones, overdue first, then by due date; `all` adds the
    closed ones (after the open); `changed_since` (ISO date) keeps those opened or closed on or
    after it. Those of archived templates, or of areas or items no longer in their template,
    are left out (like archived tasks), and so are void ones."""
    clauses, params = filters(store, "r", plan, template, area)
    params["today"] = today.isoformat()
    if not all:  # open as of today, from the index of closing days: not a scan of every one closed
        clauses.append(
            "r.rowid IN (SELECT rowid FROM rectifications WHERE closed IS NULL "
            "UNION ALL SELECT rowid FROM rectifications WHERE closed > :today)"
        )
    if changed_since is not None:
        clauses.append("r.opened >= :since OR r.closed >= :since")
        params["since"] = changed_since
    if ids is not None:
        clauses.append(f"r.id IN ({', '.join(str(int(x)) for x in ids) or 'NULL'})")
    sql = _RECT_SELECT + "".join(f" AND ({c})" for c in clauses)
    rows = store.query(sql, params)
    iso = today.isoformat()
    steps = _steps(store, [r["id"] for r in rows], iso)
    out = []
    for r in rows:
        is_closed = r["closed"] is not None
        if is_closed and not all:
            continue
        r["due"] = _due(r["last_fail"] or r["opened"], int(r["rectify_days"]))
        r["overdue"] = not is_closed and iso > r["due"]
        r["days_late"] = (today - dt.date.fromisoformat(r["due"])).days if r["overdue"] else 0
        r["state"] = "closed" if is_closed else ("overdue" if r["overdue"] else "open")
        r["status"] = "closed" if is_closed else ("in_progress" if r["started"] else "open")
        r["owner"] = r["owner_name"]
        mine = steps.get(r["id"], [])
        r["measures"] = [
            {"date": s["date"], "text": s["text"], "by": s["by"], "id": s["id"]}
            for s in mine
            if s["kind"] == "measure"
        ]
        r["rechecks"] = [
            {"date": s["date"], "passed": bool(s["passed"]), "by": s["by"], "note": s["text"], "id": s["id"]}
            for s in mine
            if s["kind"] == "recheck"
        ]
        if overdue and not r["overdue"]:
            continue
        out.append(r)
    out.sort(key=lambda r: (r["closed"] is not None, not r["overdue"], r["due"], r["id"]))
    return out


def _steps(store: Store, ids: Sequence[int], today: str) -> dict[int, list[Row]]:
    if not ids:
        return {}
    found: dict[int, list[Row]] = {}
    for s in store.query(
        'SELECT s.id, s.rectification_id, s.kind, s.passed, s.date, s.text, s."by" FROM live_steps s '
        f"WHERE s.rectification_id IN ({', '.join(str(int(x)) for x in ids)}) AND s.date <= ? "
        "ORDER BY s.date, s.id",
        [today],
    ):
        found.setdefault(s["rectification_id"], []).append(s)
    return found


def rectification_json(r: Row) -> Row:
    """One rectification in the contract's `rectifications --json` shape, plus extra keys."""
    return {
        "id": r["id"],
        "plan": r["plan_id"],
        "template": r["template_id"],
        "area": r["area"],
        "item": r["item_id"],
        "note": r["note"],
        "opened": r["opened"],
        "due": r["due"],
        "closed": r["closed"],
        "overdue": r["overdue"],
        "repeats": r["repeats"],
        "status": r["status"],
        "owner": r["owner"],
        "measures": [{"date": m["date"], "text": m["text"], "by": m["by"]} for m in r["measures"]],
        "rechecked_by": r["rechecked_by"],
        # more than the contract asks; rechecked: the day of the closing recheck or inspection,
        # else of the latest recheck (复查日期)
        "rechecked": r["closed"] or (r["rechecks"][-1]["date"] if r["rechecks"] else None),
        "rechecks": [
            {"date": c["date"], "passed": c["passed"], "by": c["by"], "note": c["note"]}
            for c in r["rechecks"]
        ],
        "item_text": r["item_text"],
        "owner_name": r["owner_name"],
        "owner_role": r["owner_role"],
        "state": r["state"],
        "days_late": r["days_late"],
        "opened_by": r["opener"],
        "closed_by": r["closed_by"],
        "closed_step": r["closed_step"],
        "key": r["template_key"],
        "template_title": r["template_title"],
    }


class RectificationDue(NamedTuple):  # a tuple, like completion.OccurrenceRow: light to make and to import
    """An open rectification (整改) as a line of the `tasks` checklist: named like a task
    (`PLAN/整改#N`, the area and item as its occurrence), placed with the task linked to its
    template."""

    rectification_id: int
    plan_id: str
    task_key: str  # PLAN_ID/整改#N
    task_id: str  # 整改#N
    title: str
    owner: str | None
    owner_name: str | None
    section_id: str | None
    position: int
    occurrence: str  # AREA/ITEM
    opens: str  # the day it was opened
    due: str
    overdue: bool
    days_late: int
    template: str
    template_key: str
    area: str
    item: str
    note: str | None
    repeats: int
    linked_task: str | None
    kind: str = "rectification"
    status: str = "todo"
    percent: int | None = None
    missed: bool = False
    areas_done: int | None = None
    areas_total: int | None = None

    @property
    def state(self) -> str:
        return "overdue" if self.overdue else "outstanding"


def rectifications_due(
    store: Store, today: dt.date, plan: str | None = None, owner: str | None = None
) -> list[RectificationDue]:
    """Open rectifications as of today, for the `tasks` checklist. Same owner filter as the
    checklist: a role id exactly, or part of the display name or free-text owner."""
    rows = list_rectifications(store, today, plan=plan)
    if owner:
        rows = [r for r in rows if r["owner_role"] == owner or owner in (r["owner_name"] or "")]
    out: list[RectificationDue] = []
    for r in rows:  # placed with the first active task linked to its template (lt, _RECT_SELECT)
        linked = r["linked_key"] is not None
        task_id = INSPECT["rect_key"].format(id=r["id"])
        out.append(
            RectificationDue(
                rectification_id=r["id"],
                plan_id=r["plan_id"],
                task_key=f"{r['plan_id']}/{task_id}",
                task_id=task_id,
                title=INSPECT["rect_title"].format(item=r["item_text"], area=r["area"]),
                owner=r["area_owner"] or r["owner_role"],
                owner_name=r["owner_name"],
                section_id=r["linked_section"] if linked else None,
                position=r["linked_position"] if linked else _NO_POSITION,
                occurrence=f"{r['area']}/{r['item_id']}",
                opens=r["opened"],
                due=r["due"],
                overdue=r["overdue"],
                days_late=r["days_late"],
                template=r["template_id"],
                template_key=r["template_key"],
                area=r["area"],
                item=r["item_id"],
                note=r["note"],
                repeats=r["repeats"],
                linked_task=r["linked_key"],
                status="doing" if r["status"] == "in_progress" else "todo",
            )
        )
    return out


# ---------------------------------------------------------------- steps: rectify, recheck


def _refuse_double_step(store: Store, number: int, kind: str, day: dt.date, text: str | None) -> None:
    """A step typed twice: the same measure on the same date, or a second recheck that day."""
    same_text = "COALESCE(s.text, '') = :text" if kind == "measure" else "1"
    earlier = store.one(
        "SELECT s.id, s.at, s.passed FROM live_steps s WHERE s.rectification_id = :n "
        f"AND s.kind = :kind AND s.date = :day AND {same_text} "
        "ORDER BY s.id LIMIT 1",
        {"n": number, "kind": kind, "day": day.isoformat(), "text": text or ""},
    )
    if earlier is None:
        return
    if kind == "measure":
        raise InvalidInput(
            RELY["double_measure"].format(
                id=number, date=day.isoformat(), step=earlier["id"], at=earlier["at"]
            )
        )
    result = RELY["recheck_pass"] if earlier["passed"] else RELY["recheck_fail"]
    raise InvalidInput(
        RELY["double_recheck"].format(
            id=number, date=day.isoformat(), step=earlier["id"], at=earlier["at"], result=result
        )
    )


def record_step(
    store: Store,
    number: int,
    today: dt.date,
    kind: str,
    *,
    passed: bool | None = None,
    text: str | None = None,
    by: str | None = None,
    date: dt.date | None = None,
    photos: Sequence[str | Path] = (),
    again: bool = False,
) -> Row:
    """Record a measure (整改措施) or a recheck (复查) on open rectification `number`, in one
    transaction with its photos and the area's rectifications recomputed. Returns the
    rectification as listed, plus `step` (the step's id) and `photos` (stored paths).

    Unless `again`: the same measure text on the same date as an earlier measure of `number`,
    or a second recheck of it on the same date, is refused naming the earlier step."""
    if kind not in ("measure", "recheck"):
        raise InvalidInput(kind)  # pragma: no cover - the CLI gives one of the two
    check_photos(photos)  # before anything is written
    day = date or today
    # the photos read and copied before the write lock is taken, then the step made
    with photos_ready(store, photos) as ready, store.write():
        row = store.one(
            "SELECT r.id, r.template_key, r.area, r.plan_id, r.status FROM rectifications r WHERE r.id = ?",
            [number],
        )
        if row is None or row["status"] == "void":
            raise NotFound(R["err_no_rect"].format(id=number))
        listed = list_rectifications(store, today, all=True, ids=[number])
        if not listed:  # opened after today, or its template, area or item removed from the plan
            raise NotFound(R["err_no_rect"].format(id=number))
        current = listed[0]
        if current["closed"] is not None:
            raise InvalidInput(R["err_closed"].format(id=number, closed=current["closed"]))
        if date is not None:
            check_day(store, row["plan_id"], date, today)
        if day.isoformat() < current["opened"]:
            raise InvalidInput(
                R["err_before_opened"].format(date=day.isoformat(), id=number, opened=current["opened"])
            )
        if not again:
            _refuse_double_step(store, number, kind, day, text)
        cur = store.conn.execute(
            'INSERT INTO rectification_steps (rectification_id, kind, passed, date, at, "by", text) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                number,
                kind,
                None if kind == "measure" else int(bool(passed)),
                day.isoformat(),
                now_stamp(),
                by or None,
                text or None,
            ],
        )
        step_id = int(cur.lastrowid or 0)
        stored = store_photos(store, "step", step_id, ready)
    [after] = list_rectifications(store, today, all=True, ids=[number])
    after["step"] = step_id
    after["photos"] = stored
    return after
