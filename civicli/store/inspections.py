"""Inspections (检查): templates, answers, scoring, records, listings, coverage.

Inspections, their answers and photos are append-only history. The rectifications (整改) they
open and close live in store/rectifications.py: their state is recomputed in place, in the
same transaction that records an inspection of the area (inspections may be back-dated, so a
new one can land before others; Store.write does it for every area touched); their numbers
never change. Reading never writes; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from civicli.dates import parse_date
from civicli.errors import InvalidInput, NotFound
from civicli.i18n import INSPECT as T
from civicli.i18n import RELY
from civicli.store.connection import Row, Store, now_stamp
from civicli.store.evidence import check_photos as check_evidence
from civicli.store.evidence import photos_of, photos_ready, store_photos
from civicli.store.names import (
    Template,
    check_day,
    linked_task,
    resolve_template,
)
from civicli.store.rectifications import (  # noqa: F401 - re-exported: callers import them from here
    RectificationDue,
    area_events,
    list_rectifications,
    rebuild_rectifications,
    rectification_json,
    rectifications_due,
)
from civicli.store.rectifications import filters as _filters

RESULTS = ("pass", "fail", "na")
_EPSILON = 1e-9  # weights are floats: 79.99999999 still meets a pass mark of 80
_NO_POSITION = 1_000_000  # sorts answers of items since removed after the template's items


# ---------------------------------------------------------------- answers and scoring


@dataclass(frozen=True)
class Answer:
    """One checklist item answered: result is pass, fail or na."""

    item: str
    result: str
    note: str | None = None


def parse_fail(value: str) -> Answer:
    """`--fail ITEM=NOTE` (the note optional) → a fail answer."""
    item, _, note = value.partition("=")
    return Answer(item.strip(), "fail", note.strip() or None)


def answers_from_options(
    passes: Iterable[str] = (), fails: Iterable[str] = (), nas: Iterable[str] = ()
) -> list[Answer]:
    """The answers given as --pass / --fail / --na options (not yet validated)."""
    out = [Answer(p.strip(), "pass") for p in passes]
    out += [parse_fail(f) for f in fails]
    out += [Answer(n.strip(), "na") for n in nas]
    return out


def score(items: Sequence[Row], answers: Iterable[Answer]) -> float | None:
    """Weight of passed items over the weight of items not n/a, as a percent; None if all n/a."""
    weights = {it["item_id"]: float(it["weight"]) for it in items}
    counted = [a for a in answers if a.result != "na"]
    total = math.fsum(weights.get(a.item, 1.0) for a in counted)
    if not counted or total <= 0:
        return None
    got = math.fsum(weights.get(a.item, 1.0) for a in counted if a.result == "pass")
    return 100.0 * got / total


def passes_mark(value: float | None, pass_mark: float) -> bool:
    """Passed when the score is at least the pass mark, or when there is no score (all n/a)."""
    return value is None or value >= pass_mark - _EPSILON


def parse_day(value: str | dt.date, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value

    return parse_date(value, what)


@dataclass
class Draft:
    """A validated inspection, perhaps with items still unanswered."""

    template: Template
    area: str
    date: dt.date
    answers: list[Answer]
    by: str | None = None
    note: str | None = None
    photos: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[Row]:
        """Template items not answered yet, in template order."""
        given = {a.item for a in self.answers}
        return [it for it in self.template.items if it["item_id"] not in given]

    def add(self, answer: Answer) -> None:
        check_answers(self.template, [*self.answers, answer])
        self.answers.append(answer)


def check_area(tpl: Template, area: str) -> str:
    area = area.strip()
    if area not in tpl.areas:
        raise NotFound(T["err_no_area"].format(key=tpl.key, area=area, areas=", ".join(tpl.areas)))
    return area


def resolve_items(tpl: Template, answers: Sequence[Answer]) -> list[Answer]:
    """Items as the clerk names them: an item's id, its text exactly, or its number in the template
    (1, 2, …); an id wins over a number or text that happens to look the same."""
    out = []
    for a in answers:
        item = a.item
        if tpl.item(item) is None:
            by_text = [it["item_id"] for it in tpl.items if it["text"] == item]
            if len(by_text) == 1:
                item = by_text[0]
            elif item.isdigit() and 1 <= int(item) <= len(tpl.items):
                item = tpl.items[int(item) - 1]["item_id"]
        out.append(replace(a, item=item))
    return out


def check_answers(tpl: Template, answers: Sequence[Answer]) -> None:
    """Every answer names an item of the template, once, with a known result."""
    seen: set[str] = set()
    for a in answers:
        if a.result not in RESULTS:
            raise InvalidInput(f"answer '{a.result}' is not one of: {', '.join(RESULTS)}")
        if tpl.item(a.item) is None:
            items = ", ".join(it["item_id"] for it in tpl.items)
            raise NotFound(T["err_no_item"].format(key=tpl.key, item=a.item, items=items))
        if a.item in seen:
            raise InvalidInput(T["err_twice"].format(item=a.item))
        seen.add(a.item)


def check_photos(paths: Iterable[str | Path]) -> list[str]:
    """Each photo must be a readable regular file of at most 20 MB (store/evidence.py); returns
    them as given (the same path twice kept once). They are copied into the evidence folder when
    the inspection is recorded."""
    out: list[str] = []
    for p in paths:
        if str(p) not in out:
            out.append(str(p))
    check_evidence(out)
    return out


def prepare_inspection(
    store: Store,
    ref: str,
    area: str,
    today: dt.date,
    *,
    answers: Sequence[Answer] = (),
    date: str | dt.date | None = None,
    by: str | None = None,
    note: str | None = None,
    photos: Sequence[str | Path] = (),
    again: bool = False,
) -> Draft:
    """Validate everything given (template, area, items, date, photos); writes nothing.

    Items may still be unanswered (`Draft.missing`): the CLI asks for them on a terminal.
    """
    tpl = resolve_template(store, ref)
    area = check_area(tpl, area)
    answers = resolve_items(tpl, answers)
    check_answers(tpl, answers)
    day = today if date is None else parse_day(date, "--date")
    if date is not None:
        check_day(store, tpl.plan_id, day, today)
    if not again:  # before any item is asked for on a terminal
        _refuse_double(store, tpl, area, day)
    return Draft(
        template=tpl,
        area=area,
        date=day,
        answers=list(answers),
        by=by or None,
        note=note or None,
        photos=check_photos(photos),
    )


def record_inspection(
    store: Store,
    ref: str,
    area: str,
    today: dt.date,
    *,
    answers: Sequence[Answer],
    date: str | dt.date | None = None,
    by: str | None = None,
    note: str | None = None,
    photos: Sequence[str | Path] = (),
    again: bool = False,
) -> Row:
    """Record one inspection in one transaction: the inspection, its answers and photos, and the
    area's rectifications rebuilt. Every item must be answered. Returns the inspection as
    listed by `list_inspections`, plus `events`: what it did to rectifications. The photos are
    read and copied into the evidence folder before the write lock is taken (evidence.py).

    Unless `again`: a second inspection of the same template and area on the same date as one
    not taken back is refused, naming it."""
    with photos_ready(store, check_photos(photos)) as ready, store.write():
        d = prepare_inspection(
            store, ref, area, today, answers=answers, date=date, by=by, note=note, photos=photos, again=again
        )
        missing = d.missing
        if missing:
            raise InvalidInput(T["err_unanswered"].format(items=", ".join(it["item_id"] for it in missing)))
        tpl = d.template
        value = score(tpl.items, d.answers)
        cur = store.conn.execute(
            'INSERT INTO inspections (template_key, plan_id, template_id, area, date, "by", note, '
            "score, passed, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                tpl.key,
                tpl.plan_id,
                tpl.template_id,
                d.area,
                d.date.isoformat(),
                d.by,
                d.note,
                value,
                int(passes_mark(value, tpl.pass_mark)),
                now_stamp(),
            ],
        )
        inspection_id = int(cur.lastrowid or 0)
        position = {it["item_id"]: it["position"] for it in tpl.items}
        store.conn.executemany(
            "INSERT INTO inspection_answers (inspection_id, item_id, result, note) VALUES (?, ?, ?, ?)",
            [
                (inspection_id, a.item, a.result, a.note)
                for a in sorted(d.answers, key=lambda a: position[a.item])
            ],
        )
        store_photos(store, "inspection", inspection_id, ready)
    row = list_inspections(store, None, ids=[inspection_id])[0]
    row["events"] = area_events(store, tpl, d.area, inspection_id)
    return row


def _refuse_double(store: Store, tpl: Template, area: str, day: dt.date) -> None:
    """The same template and area inspected twice on one date (the first not taken back)."""
    earlier = store.one(
        "SELECT i.id, i.at FROM live_inspections i WHERE i.template_key = ? AND i.area = ? AND i.date = ? "
        "ORDER BY i.id LIMIT 1",
        [tpl.key, area, day.isoformat()],
    )
    if earlier is not None:
        raise InvalidInput(
            RELY["double_inspection"].format(
                template=tpl.key, area=area, date=day.isoformat(), id=earlier["id"], at=earlier["at"]
            )
        )


# ---------------------------------------------------------------- inspections (listing)


def list_inspections(
    store: Store,
    today: dt.date | None,
    *,
    plan: str | None = None,
    template: str | None = None,
    area: str | None = None,
    since: str | dt.date | None = None,
    ids: Sequence[int] | None = None,
) -> list[Row]:
    """Recorded inspections dated on or before today (all, when today is None), newest first,
    each with its answers, failed item ids and photos."""
    clauses, params = _filters(store, "i", plan, template, area)
    if today is not None:
        clauses.append("i.date <= :today")
        params["today"] = today.isoformat()
    if since is not None:
        clauses.append("i.date >= :since")
        params["since"] = parse_day(since, "--since").isoformat()
    if ids is not None:
        clauses.append(f"i.id IN ({', '.join(str(int(x)) for x in ids) or 'NULL'})")
    rows = store.query(
        "SELECT i.id, i.template_key, i.plan_id, i.template_id, t.title, t.pass_mark, i.area, i.date, "
        'i."by", i.note, i.score, i.passed, i.at, '
        "NOT EXISTS (SELECT 1 FROM live_inspections l WHERE l.id = i.id) AS undone FROM inspections i"
        " JOIN templates t ON t.key = i.template_key"
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + " ORDER BY i.date DESC, i.id DESC",
        params,
    )
    if not rows:
        return rows
    wanted = ", ".join(str(int(r["id"])) for r in rows)
    answers: dict[int, list[Row]] = {}
    for a in store.query(
        "SELECT a.inspection_id, a.item_id, a.result, a.note, ti.text, ti.position "
        "FROM inspection_answers a JOIN inspections i ON i.id = a.inspection_id "
        "LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id "
        f"WHERE a.inspection_id IN ({wanted})"
    ):
        answers.setdefault(a["inspection_id"], []).append(a)
    # photos: those of databases made before inspection photos were copied (their absolute
    # paths, `inspection_photos`), then the evidence files kept (evidence.py)
    photos: dict[int, list[str]] = {}
    for p in store.query(
        f"SELECT inspection_id, path FROM inspection_photos WHERE inspection_id IN ({wanted}) ORDER BY rowid"
    ):
        photos.setdefault(p["inspection_id"], []).append(p["path"])

    for owner, paths in photos_of(store, "inspection", [int(r["id"]) for r in rows]).items():
        photos.setdefault(owner, []).extend(paths)
    for r in rows:
        mine = sorted(
            answers.get(r["id"], []),
            key=lambda a: (a["position"] if a["position"] is not None else _NO_POSITION, a["item_id"]),
        )
        r["passed"] = bool(r["passed"])
        r["undone"] = bool(r["undone"])
        r["answers"] = [
            {
                "item": a["item_id"],
                "text": a["text"] or a["item_id"],
                "result": a["result"],
                "note": a["note"],
            }
            for a in mine
        ]
        r["failed"] = [a["item_id"] for a in mine if a["result"] == "fail"]
        r["na"] = [a["item_id"] for a in mine if a["result"] == "na"]
        r["photos"] = photos.get(r["id"], [])
    return rows


# ---------------------------------------------------------------- coverage ("不留死角")


def _iso_weeks(today: dt.date, n: int) -> list[Row]:
    monday = today - dt.timedelta(days=today.weekday())
    out = []
    for k in range(n - 1, -1, -1):
        start = monday - dt.timedelta(weeks=k)
        year, week, _ = start.isocalendar()
        out.append(
            {
                "key": f"{year}-W{week:02d}",
                "opens": start.isoformat(),
                "due": (start + dt.timedelta(days=6)).isoformat(),
            }
        )
    return out


def coverage(store: Store, ref: str, today: dt.date, periods: int = 6) -> Row:
    """Areas × the recent periods (the linked task's occurrences that have opened, else ISO
    weeks), each cell the latest inspection's score in the window or a gap; and for each area
    the days since it was last inspected."""
    if periods < 1:
        raise InvalidInput(T["err_periods"])
    tpl = resolve_template(store, ref, active=False)
    iso = today.isoformat()
    task = linked_task(store, tpl)
    windows: list[Row] = []
    if task is not None:
        windows = store.query(
            "SELECT key, opens, due FROM occurrences WHERE task_key = ? AND opens <= ? "
            "ORDER BY opens DESC LIMIT ?",
            [task["key"], iso, periods],
        )
        windows.reverse()
    if not windows:
        windows = _iso_weeks(today, periods)
    inspections = store.query(
        "SELECT id, area, date, score, passed FROM live_inspections WHERE template_key = ? AND date <= ? "
        "ORDER BY date, id",
        [tpl.key, iso],
    )
    areas = []
    for area in tpl.areas:
        mine = [i for i in inspections if i["area"] == area]
        cells = []
        for w in windows:
            inside = [i for i in mine if w["opens"] <= i["date"] <= w["due"]]
            latest = inside[-1] if inside else None
            state = "inspected" if latest else ("pending" if w["due"] >= iso else "gap")
            cells.append(
                {
                    "period": w["key"],
                    "state": state,
                    "inspections": len(inside),
                    "score": latest["score"] if latest else None,
                    "passed": bool(latest["passed"]) if latest else None,
                    "date": latest["date"] if latest else None,
                }
            )
        last = mine[-1]["date"] if mine else None
        areas.append(
            {
                "area": area,
                "last": last,
                "days_since": (today - dt.date.fromisoformat(last)).days if last else None,
                "gaps": sum(1 for c in cells if c["state"] == "gap"),
                "cells": cells,
            }
        )
    return {
        "template": tpl.template_id,
        "plan": tpl.plan_id,
        "key": tpl.key,
        "title": tpl.title,
        "today": iso,
        "task": task["key"] if task else None,
        "periods": [{"key": w["key"], "opens": w["opens"], "due": w["due"]} for w in windows],
        "areas": areas,
    }
