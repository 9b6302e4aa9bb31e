"""Rectifications (整改): stable rows, their derived state, steps (整改措施, 复查), listings.

A rectification row is created once, by the inspection that first fails an item in an area
(its `opened_by`), and is never deleted: its number is written on paper. What it shows is
derived and recomputed in place, in the transaction that records an inspection of its area or
a step on it, from the area's inspections (by date) and its steps, leaving out those taken
back (`takebacks`):

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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import INSPECT
from civicli.i18n import RECTIFY as R
from civicli.store.connection import Row, Store, now_stamp

if TYPE_CHECKING:
    from civicli.store.inspections import Template

_NO_POSITION = 1_000_000  # sorts rectifications without a linked task after the plan's tasks
STATUSES = ("open", "in_progress", "closed")
_RECT_REF = r"(?:^|/)(?:整改|rect|rectification)#?(\d+)$"  # compiled (and cached by `re`) when used


def rectification_ref(ref: str) -> int | None:
    """The number N when a task reference names a rectification (`PLAN/整改#N`, `整改#3`)."""
    match = re.search(_RECT_REF, ref.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------- derivation


@dataclass
class _Episode:
    """One problem of one item in one area, from the failure that opens it to its closing."""

    item: str
    opener: int  # inspection id
    opened: str
    note: str | None
    failures: list[int] = field(default_factory=list)  # inspection ids failing the item, in order
    repeat_dates: list[str] = field(default_factory=list)
    recheck_fails: list[str] = field(default_factory=list)
    started: str | None = None
    closed: str | None = None
    closed_by: int | None = None
    closed_step: int | None = None
    row_id: int | None = None


def _due(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def rebuild_rectifications(store: Store, tpl: Template, area: str) -> dict[int, list[Row]]:
    """Recompute in place the rectifications of (template, area) from its inspections in date
    order and the steps recorded on them; create the rows of newly opened ones.

    Call inside a write transaction (after recording an
    inspection or a step, or taking one back). Returns, per inspection id, what it did:
    [{event: opened|repeat|closed, rectification, item, due, repeats}].
    """
    days = int(tpl.rectify_days)
    inspections = store.query(
        "SELECT i.id, i.date, i.at FROM live_inspections i WHERE i.template_key = ? AND i.area = ?",
        [tpl.key, area],
    )
    answers: dict[int, list[Row]] = {}
    for a in store.query(
        "SELECT a.inspection_id, a.item_id, a.result, a.note FROM inspection_answers a "
        "JOIN inspections i ON i.id = a.inspection_id WHERE i.template_key = ? AND i.area = ? "
        "AND a.result != 'na'",
        [tpl.key, area],
    ):
        answers.setdefault(a["inspection_id"], []).append(a)
    rows = store.query(
        "SELECT id, item_id, opened_by FROM rectifications WHERE template_key = ? AND area = ? ORDER BY id",
        [tpl.key, area],
    )
    anchor = {r["id"]: (r["opened_by"], r["item_id"]) for r in rows}
    steps = store.query(
        "SELECT s.id, s.rectification_id, s.kind, s.passed, s.date, s.at FROM live_steps s "
        "JOIN rectifications r ON r.id = s.rectification_id WHERE r.template_key = ? AND r.area = ?",
        [tpl.key, area],
    )
    position = {it["item_id"]: it["position"] for it in tpl.items}
    # one timeline: inspections and steps by date, then in the order recorded
    timeline: list[tuple[str, str, int, int, Row]] = [
        (i["date"], i["at"], 0, i["id"], i) for i in inspections
    ] + [(s["date"], s["at"], 1, s["id"], s) for s in steps]
    timeline.sort(key=lambda e: e[:4])
    open_: dict[str, _Episode] = {}
    episodes: list[_Episode] = []
    of_failure_item: dict[tuple[int, str], _Episode] = {}
    log: list[tuple[int, str, _Episode, str, int]] = []  # inspection, event, episode, due, repeats
    for day, _at, kind, _id, ev in timeline:
        if kind == 0:
            mine = sorted(
                answers.get(ev["id"], []),
                key=lambda a: (position.get(a["item_id"], _NO_POSITION), a["item_id"]),
            )
            for a in mine:
                item = a["item_id"]
                ep = open_.get(item)
                if a["result"] == "fail":
                    if ep is not None:
                        ep.failures.append(ev["id"])
                        ep.repeat_dates.append(day)
                        log.append((ev["id"], "repeat", ep, _current_due(ep, days), len(ep.repeat_dates)))
                    else:
                        ep = _Episode(item=item, opener=ev["id"], opened=day, note=a["note"])
                        ep.failures.append(ev["id"])
                        open_[item] = ep
                        episodes.append(ep)
                        log.append((ev["id"], "opened", ep, _current_due(ep, days), 0))
                    of_failure_item[(ev["id"], item)] = ep
                elif a["result"] == "pass" and ep is not None:
                    ep.closed, ep.closed_by = day, ev["id"]
                    del open_[item]
                    log.append((ev["id"], "closed", ep, _current_due(ep, days), len(ep.repeat_dates)))
        else:
            if ev["rectification_id"] not in anchor:
                continue  # pragma: no cover - steps are selected through this area's rows
            row_anchor, item = anchor[ev["rectification_id"]]
            ep = of_failure_item.get((row_anchor, item))
            if ep is None or open_.get(item) is not ep:
                continue  # its problem is not open at that point (closed before, or void)
            if ep.started is None:
                ep.started = day
            if ev["kind"] == "recheck":
                if ev["passed"]:
                    ep.closed, ep.closed_step = day, ev["id"]
                    del open_[item]
                else:
                    ep.repeat_dates.append(day)
                    ep.recheck_fails.append(day)
    # match episodes with the rows: a row belongs to the episode its opening inspection is in
    claimed: dict[int, list[int]] = {}
    for r in rows:
        ep = of_failure_item.get((r["opened_by"], r["item_id"]))
        if ep is not None:
            claimed.setdefault(id(ep), []).append(r["id"])
    void = [r["id"] for r in rows if of_failure_item.get((r["opened_by"], r["item_id"])) is None]
    task = _linked_task(store, tpl)
    owner = task["owner"] if task else None
    for ep in episodes:
        owned = claimed.get(id(ep), [])
        values: Row = {
            "note": ep.note,
            "owner": owner,
            "opened": ep.opened,
            "due": _current_due(ep, days),
            "opener": ep.opener,
            "closed": ep.closed,
            "closed_by": ep.closed_by,
            "closed_step": ep.closed_step,
            "repeats": len(ep.repeat_dates),
            "repeat_dates": json.dumps(ep.repeat_dates),
            "recheck_fails": json.dumps(ep.recheck_fails),
            "started": ep.started,
            "status": "closed" if ep.closed else ("in_progress" if ep.started else "open"),
        }
        if owned:
            ep.row_id = owned[0]
            void += owned[1:]
            sets = ", ".join(f'"{k}" = ?' for k in values)
            store.conn.execute(f"UPDATE rectifications SET {sets} WHERE id = ?", [*values.values(), owned[0]])
        else:
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
            ep.row_id = int(cur.lastrowid or 0)
    if void:
        store.conn.executemany("UPDATE rectifications SET status = 'void' WHERE id = ?", [(v,) for v in void])
    events: dict[int, list[Row]] = {}
    for inspection_id, event, ep, due, n in log:
        events.setdefault(inspection_id, []).append(
            {"event": event, "rectification": ep.row_id, "item": ep.item, "due": due, "repeats": n}
        )
    return events


def _current_due(ep: _Episode, days: int) -> str:
    return _due(ep.recheck_fails[-1] if ep.recheck_fails else ep.opened, days)


def _linked_task(store: Store, tpl: Template) -> Row | None:
    return store.one(
        "SELECT key, task_id, owner, section_id, position FROM tasks "
        "WHERE plan_id = ? AND inspection_id = ? AND archived_at IS NULL ORDER BY position LIMIT 1",
        [tpl.plan_id, tpl.template_id],
    )


def rebuild_for_inspection(store: Store, inspection_id: int) -> None:
    """Recompute the rectifications of the area of one inspection (e.g. after it is taken back)."""
    from civicli.store.inspections import resolve_template

    row = store.one("SELECT template_key, area FROM inspections WHERE id = ?", [inspection_id])
    if row is not None:
        rebuild_rectifications(store, resolve_template(store, row["template_key"], active=False), row["area"])


def rebuild_for_step(store: Store, step_id: int) -> None:
    """Recompute the rectifications of the area of one step's rectification (e.g. after the
    step is taken back)."""
    from civicli.store.inspections import resolve_template

    row = store.one(
        "SELECT r.template_key, r.area FROM rectification_steps s JOIN rectifications r "
        "ON r.id = s.rectification_id WHERE s.id = ?",
        [step_id],
    )
    if row is not None:
        rebuild_rectifications(store, resolve_template(store, row["template_key"], active=False), row["area"])


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
        from civicli.store.inspections import resolve_template

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


class RectificationDue(NamedTuple):  # a tuple, like completion.Occurrence: light to make and to import
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
    from civicli.i18n import RELY

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
    from civicli.store.evidence import check_photos, photos_ready, store_photos
    from civicli.store.inspections import resolve_template
    from civicli.store.records import check_day

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
        rebuild_rectifications(store, resolve_template(store, row["template_key"], active=False), row["area"])
    [after] = list_rectifications(store, today, all=True, ids=[number])
    after["step"] = step_id
    after["photos"] = stored
    return after
