"""The weekly bulletin (创建简报) of one ISO week, as of its last day: one frozen `Bulletin`.

Everything is computed from the history as if today were the week's last day (records and
inspections dated on or after the next day are ignored), so regenerating an old week gives
the same bulletin. The version is decided here: what goes up (上报) holds no overdue list, no
plan author's notes, no record made by the bulletin itself; the clerk's own copy (内部,
`--internal`) adds them. The renderers (output/bulletin.py, output/docx.py) only lay it out.

Nothing here writes: the number (期号) a week was given is read; taking one when the bulletin
is issued is store/bulletins.py's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from civicli.dates import Week
from civicli.dates import parse_week as read
from civicli.errors import DatabaseError, InvalidInput
from civicli.i18n import BULLETIN as B
from civicli.i18n import BULLETIN_MSG, STATUS, STORE, SUMMARY
from civicli.plan.festivals import BUILTIN
from civicli.plan.schedule import parse_every
from civicli.reports.targets import target_words
from civicli.store import week as facts
from civicli.store.bulletins import issue_of, issuing
from civicli.store.completed_by import complete_by_bulletin
from civicli.store.completion import (
    OccurrenceFilter,
    OccurrenceRow,
    PlanCompletion,
    occurrence_rows,
    plan_completion,
)
from civicli.store.connection import Row, Store
from civicli.store.evidence import photos_of
from civicli.store.plans import goal_rows
from civicli.store.reading import has_plans, snapshot
from civicli.store.rectifications import list_rectifications, rectification_json
from civicli.store.settings import get_setting
from civicli.store.week import WeekInspection, WeekRecord
from civicli.text import plain_number, printable

if TYPE_CHECKING:
    from civicli.store.completed_by import BulletinCompletion

UPCOMING_DAYS = 14
ONE_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------- weeks


def parse_week(text: str) -> Week:
    """`2027-W36` (also `2027W36`, `2027-w36`), or a date `2027-09-08` (the week holding it)."""
    return read(text)


def default_week(today: dt.date) -> Week:
    """The latest ISO week that ends before today (on a Sunday: the week before this one)."""
    return Week.of(today - dt.timedelta(days=today.weekday() + 1))


# ---------------------------------------------------------------- helpers


def _task_item(r: OccurrenceRow) -> Row:
    """The common keys of an item about a task occurrence."""
    return {
        "plan": r.plan_id,
        "task": r.task_id,
        "key": r.task_key,
        "title": r.title,
        "section": r.section_id,
        "owner": r.owner,
        "owner_name": r.owner_name,
        "occurrence": r.occurrence,
        "opens": r.opens,
        "due": r.due,
    }


def festival_date(opens: str, lead: int | None, offset: int | None) -> dt.date:
    """The festival's (or plan day's) own first date for a festival occurrence that opens on
    `opens`: it opens `lead` days before the moved start (own date + offset)."""
    return dt.date.fromisoformat(opens) + dt.timedelta(days=(lead or 0) - (offset or 0))


def festival_name(occurrence: str) -> str:
    """`2027-中秋` → `中秋` (the canonical name in the key); `2022-腊八-2` (a built-in's second
    date in its year) → `腊八`."""
    name = occurrence.split("-", 1)[1] if "-" in occurrence else occurrence
    base, dash, number = name.rpartition("-")
    return base if dash and number.isdigit() and base in BUILTIN else name


# ---------------------------------------------------------------- the summary


def _record_entry(r: WeekRecord) -> Row:
    return {
        "id": r.id,
        "at": r.at,
        "date": r.date,
        "status": r.status,
        "percent": r.percent,
        "note": r.note,
        "by": r.by,
        "metrics": {k: plain_number(v) for k, v in r.metrics.items()},
    }


def _sum_metrics(records: Sequence[WeekRecord]) -> dict[str, Any]:
    total: dict[str, float] = {}
    for r in records:
        for k, v in r.metrics.items():
            total[k] = total.get(k, 0) + v
    return {k: plain_number(float(v)) for k, v in total.items()}


def _rows_for(
    store: Store, day: dt.date, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], OccurrenceRow]:
    """The given occurrences, with their state as of `day`."""
    if not pairs:
        return {}
    return {(r.task_key, r.occurrence): r for r in occurrence_rows(store, day, OccurrenceFilter(pairs=pairs))}


def _completed_and_progressed(
    store: Store, records: list[WeekRecord], ws: str, we: str, as_of: dt.date, before: dt.date
) -> tuple[list[Row], list[Row]]:
    """Occurrences done in the week (done as of its last day, not the day before it began, through
    a record or an inspection in the week), and the others with records in the week."""
    by_occ: dict[tuple[str, str], list[WeekRecord]] = {}
    for r in records:
        by_occ.setdefault((r.task_key, r.occurrence), []).append(r)
    candidates = sorted(set(by_occ) | set(facts.inspected_occurrences(store, ws, we)))
    now = _rows_for(store, as_of, candidates)
    done_now = [p for p in candidates if p in now and now[p].done]

    # done already before the week: only those with a record dated before it, or an inspection
    def could(row: OccurrenceRow) -> bool:
        return bool(row.inspection_id) or (
            row.first_record is not None and row.first_record <= before.isoformat()
        )

    earlier = _rows_for(store, before, [p for p in done_now if could(now[p])])
    completed: list[Row] = []
    progressed: list[Row] = []
    position: dict[str, int] = {}
    for pair in candidates:
        row = now.get(pair)
        recs = by_occ.get(pair, [])
        if row is None:  # a record on an occurrence no longer in the plan (its schedule changed)
            if recs:
                progressed.append(_orphan_item(store, pair, recs))
            continue
        position[row.task_key] = row.position
        was_done = pair in earlier and earlier[pair].done
        item = _task_item(row)
        item.update(
            state=row.state,
            status=row.status,
            percent=row.percent,
            metrics=_sum_metrics(recs),
            notes=[r.note for r in recs if r.note],
            records=[_record_entry(r) for r in recs],
        )
        if row.done and not was_done:
            finishing = [r for r in recs if r.status == "done" or r.percent == 100]
            if finishing:
                item.update(date=finishing[-1].date, by=finishing[-1].by, via="record")
            else:
                item.update(date=_inspection_completion_date(store, row, ws, we), by=None, via="inspection")
            completed.append(item)
        elif recs:
            last = recs[-1]
            item.update(date=last.date, by=last.by)
            progressed.append(item)
    completed.sort(
        key=lambda i: (i["date"] or "", i["plan"] or "", position.get(i["key"], -1), i["occurrence"])
    )
    progressed.sort(key=lambda i: (i["plan"] or "", position.get(i["key"], -1), i["occurrence"]))
    return completed, progressed


def _orphan_item(store: Store, pair: tuple[str, str], recs: list[WeekRecord]) -> Row:
    t = facts.task_heads(store, [pair[0]]).get(pair[0])
    last = recs[-1]
    return {
        "plan": t.plan_id if t else None,
        "task": t.task_id if t else None,
        "key": pair[0],
        "title": t.title if t else pair[0],
        "section": t.section_id if t else None,
        "owner": t.owner if t else None,
        "owner_name": t.owner if t else None,
        "occurrence": pair[1],
        "opens": None,
        "due": None,
        "state": None,
        "status": last.status,
        "percent": last.percent,
        "metrics": _sum_metrics(recs),
        "notes": [r.note for r in recs if r.note],
        "records": [_record_entry(r) for r in recs],
        "date": last.date,
        "by": last.by,
    }


def _inspection_completion_date(store: Store, row: OccurrenceRow, ws: str, we: str) -> str | None:
    """The day the last area still missing was inspected (within the week)."""
    day = facts.areas_all_inspected(store, f"{row.plan_id}/{row.inspection_id}", row.opens, row.due, we)
    return day if day is None or day >= ws else ws


def _inspection_item(i: WeekInspection) -> Row:
    """An inspection dated in the week, shaped as in `inspections --json` (plus failed item texts)."""
    return {
        "id": i.id,
        "template": i.template,
        "plan": i.plan,
        "area": i.area,
        "date": i.date,
        "by": i.by,
        "score": plain_number(i.score),
        "passed": bool(i.passed),
        "key": i.key,
        "title": i.title,
        "pass_mark": plain_number(i.pass_mark),
        "note": i.note,
        "at": i.at,
        "failed": [a.item_id for a in i.answers if a.result == "fail"],
        "na": [a.item_id for a in i.answers if a.result == "na"],
        "failed_items": [
            {"item": a.item_id, "text": a.text or a.item_id, "note": a.note}
            for a in i.answers
            if a.result == "fail"
        ],
    }


def _rectifications(
    store: Store, as_of: dt.date, ws: str, we: str
) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    """Rectifications opened in the week, advanced in it (a measure or a recheck dated in it,
    neither opened nor closed in it), closed in it, and overdue on its last day — as of that
    day (closed only if closed by then; repeats counted up to then), in the listing's shape."""
    found = {r["id"]: r for r in list_rectifications(store, as_of, all=True, changed_since=ws)}
    found.update((r["id"], r) for r in list_rectifications(store, as_of, overdue=True))
    stepped = facts.stepped_rectifications(store, ws, we)
    if stepped:
        found.update((r["id"], r) for r in list_rectifications(store, as_of, all=True, ids=stepped))
    rows = sorted((rectification_json(r) for r in found.values()), key=lambda r: (r["due"], r["id"]))
    opened = [r for r in rows if ws <= r["opened"] <= we]
    closed = [r for r in rows if r["closed"] is not None and ws <= r["closed"] <= we]
    touched = {r["id"] for r in (*opened, *closed)}
    steps = set(stepped)
    advanced = [r for r in rows if r["id"] in steps and r["id"] not in touched]
    late = [r for r in rows if r["overdue"]]
    return opened, advanced, closed, late


def _upcoming(store: Store, as_of: dt.date) -> list[Row]:
    """Occurrences not done (nor missed) as of `as_of` that open or are due in the next 14 days."""
    lo, hi = as_of.isoformat(), (as_of + dt.timedelta(days=UPCOMING_DAYS)).isoformat()
    rows = [
        r
        for r in occurrence_rows(
            store, as_of, OccurrenceFilter(upcoming_until=as_of + dt.timedelta(days=UPCOMING_DAYS))
        )
        if r.state not in ("done", "missed")
    ]
    festivals = facts.schedules(store, (r.task_key for r in rows))
    out = []
    for r in rows:
        due_soon = lo < r.due <= hi
        name = day = None
        t = festivals.get(r.task_key)
        if t is not None and t.festival is not None:
            own = festival_date(r.opens, t.lead, t.offset)
            name, day = festival_name(r.occurrence), own.isoformat()
        out.append(
            {
                **_task_item(r),
                "state": r.state,
                "opens_in_window": lo < r.opens <= hi,
                "due_in_window": due_soon,
                "festival": name,
                "festival_date": day,
                "date": day or (r.due if due_soon else r.opens),
                "starts_in_window": bool(day and lo < day <= hi),
                "routine": _routine(t.every if t is not None else None),
            }
        )
    out.sort(key=lambda i: (i["date"], i["due"], i["plan"], i["key"], i["occurrence"]))
    return out


def _routine(every: str | None) -> bool:
    """Routine work: a task every week or every two weeks."""
    found = parse_every(every) if every else None
    return found is not None and found[1] == "week" and found[0] <= 2


def _overdue(store: Store, as_of: dt.date) -> list[Row]:
    """Occurrences overdue as of `as_of` (open, past due, not done and not yet missed)."""
    out = []
    for r in occurrence_rows(store, as_of, OccurrenceFilter(overdue=True)):
        if r.state != "overdue":
            continue
        item = _task_item(r)
        item.update(
            state=r.state,
            status=r.status,
            percent=r.percent,
            days_late=r.days_late,
            areas_done=r.areas_done,
            areas_total=r.areas_total,
            schedule=r.schedule,
        )
        out.append(item)
    out.sort(key=lambda i: (i["due"], i["plan"], i["key"], i["occurrence"]))
    return out


def _plans(store: Store, as_of: dt.date, ws: str) -> list[Row]:
    """Plans whose period overlaps the week (up to as_of): completion and goal targets as of as_of."""
    we = as_of.isoformat()
    plans = facts.plans_overlapping(store, ws, we)
    if not plans:
        return []
    counts = facts.active_task_counts(store)
    done = plan_completion(store, as_of, [p.id for p in plans])
    empty = PlanCompletion(0.0, 0.0, 0, 0, 0)
    goals = goal_rows(store, [p.id for p in plans], until=we)
    out = []
    for p in plans:
        c = done.get(p.id, empty)
        out.append(
            {
                "id": p.id,
                "title": p.title,
                "community": p.community,
                "start": p.start,
                "end": p.end,
                "tasks": counts.get(p.id, 0),
                "done": c.done,
                "percent": c.percent,
                "overdue": c.overdue,
                "goals": goals[p.id],
                "incomplete": p.incomplete,
                "assumed": p.assumed,
            }
        )
    return out


# ---------------------------------------------------------------- the week as one frozen structure


@dataclass(frozen=True)
class RecordEntry:
    """One record dated in the week, as `log --json` shows it (less the evidence)."""

    id: int
    at: str
    date: str
    status: str | None
    percent: int | None
    note: str | None
    by: str | None
    metrics: Mapping[str, Any]


@dataclass(frozen=True)
class TaskItem:
    """An occurrence of a task, as the week's lists name it (completed, progressed, overdue,
    upcoming); the fields that do not apply to a list are left at None."""

    plan: str | None
    task: str | None
    key: str
    title: str
    section: str | None
    owner: str | None
    owner_name: str | None
    occurrence: str
    opens: str | None
    due: str | None
    plan_title: str | None
    state: str | None
    status: str | None = None
    schedule: str | None = None  # the task's schedule code, to name the occurrence (plan/naming)
    percent: int | None = None
    # completed / progressed: what the week's records say
    metrics: Mapping[str, Any] | None = None
    notes: tuple[str, ...] | None = None
    records: tuple[RecordEntry, ...] | None = None
    date: str | None = None
    by: str | None = None
    via: str | None = None  # completed: "record" or "inspection"
    # overdue
    days_late: int | None = None
    areas_done: int | None = None
    areas_total: int | None = None
    # upcoming
    opens_in_window: bool | None = None
    due_in_window: bool | None = None
    festival: str | None = None
    festival_date: str | None = None
    starts_in_window: bool | None = None
    routine: bool | None = None


@dataclass(frozen=True)
class Activity:
    """An activity held in the week (a `done` record, or a record with place, people or
    photos), with the office's sentence for it."""

    date: str
    key: str
    title: str
    plan: str | None
    place: str | None
    people: str | None
    note: str | None
    photos: tuple[str, ...]  # stored evidence paths, relative to the database's folder
    sentence: str
    record: int


@dataclass(frozen=True)
class Brief:
    """Progress without an activity (a percent, a status), listed briefly under its plan."""

    plan: str | None
    key: str
    title: str
    occurrence: str
    status: str | None
    percent: int | None
    done: bool
    text: str


@dataclass(frozen=True)
class FailedItem:
    item: str
    text: str
    note: str | None


@dataclass(frozen=True)
class InspectionItem:
    """An inspection dated in the week, as `inspections --json` shows it, with its sentence."""

    id: int
    template: str
    plan: str
    area: str
    date: str
    by: str | None
    score: float | None
    passed: bool
    failed: tuple[str, ...]
    na: tuple[str, ...]
    key: str
    title: str
    pass_mark: float | None
    note: str | None
    at: str
    failed_items: tuple[FailedItem, ...]
    sentence: str
    clause: str  # the same within a sentence naming the template's other inspections of the week


@dataclass(frozen=True)
class Measure:
    date: str
    text: str | None
    by: str | None


@dataclass(frozen=True)
class Recheck:
    date: str
    passed: bool
    by: str | None
    note: str | None


@dataclass(frozen=True)
class RectificationItem:
    """A rectification (整改) as `rectifications --json` shows it, with the office's line."""

    id: int
    plan: str
    template: str
    area: str
    item: str
    note: str | None
    opened: str
    due: str
    closed: str | None
    overdue: bool
    repeats: int
    status: str
    owner: str | None
    measures: tuple[Measure, ...]
    rechecked_by: str | None
    rechecked: str | None
    rechecks: tuple[Recheck, ...]
    item_text: str
    owner_name: str | None
    state: str
    days_late: int
    template_title: str
    sentence: str


@dataclass(frozen=True)
class Target:
    id: str
    text: str
    metric: str | None
    target: float
    direction: str
    actual: float | None
    met: bool | None
    count: str | None
    assumed: str | None  # the plan author's note: 内部 only
    words: str  # `已达320人次，目标500人次`


@dataclass(frozen=True)
class Goal:
    id: str
    text: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class PlanStatus:
    """A plan's completion and goal targets as of the week's last day."""

    id: str
    title: str
    community: str | None
    start: str
    end: str
    tasks: int
    done: int
    percent: float
    overdue: int
    goals: tuple[Goal, ...]
    incomplete: str | None  # the plan author's notes: 内部 only
    assumed: str | None


@dataclass(frozen=True)
class Bulletin:
    """The week's bulletin (创建简报), the one structure every format renders (text, markdown,
    JSON, docx): what goes up (上报) or the clerk's own copy (内部), decided here."""

    version: str  # 上报 or 内部
    internal: bool
    week: str
    year: int
    start: str
    end: str
    as_of: str
    preview: bool
    issue: int | None
    generated_at: str | None
    issued: str  # the date of issue
    title: str
    issuer: str
    community: str
    activities: tuple[Activity, ...]
    briefs: tuple[Brief, ...]
    completed: tuple[TaskItem, ...]
    progressed: tuple[TaskItem, ...]
    inspections: tuple[InspectionItem, ...]
    rectifications_opened: tuple[RectificationItem, ...]
    rectifications_advanced: tuple[RectificationItem, ...]
    rectifications_closed: tuple[RectificationItem, ...]
    rectifications_overdue: tuple[RectificationItem, ...]  # 内部 only
    overdue: tuple[TaskItem, ...]  # 内部 only
    upcoming: tuple[TaskItem, ...]  # routine ones (every week or two) marked `routine`
    routine: int  # how many routine tasks are ahead: the text tells them as one line
    upcoming_until: str
    plans: tuple[PlanStatus, ...]
    send_to: str
    copy_to: str
    copies: str
    editor: str
    reviewer: str
    signer: str
    folder: str  # the database's folder: the photos' paths are relative to it

    @property
    def plan_titles(self) -> dict[str, str]:
        """Plan id → title, for every plan a line of the bulletin belongs to (in plan order)."""
        titles = {p.id: p.title for p in self.plans}
        for item in (*self.completed, *self.progressed, *self.overdue, *self.upcoming):
            if item.plan and item.plan not in titles:
                titles[item.plan] = item.plan_title or item.plan
        for a in self.activities:
            if a.plan and a.plan not in titles:
                titles[a.plan] = a.plan
        return titles


# ---------------------------------------------------------------- the office's words


def day_text(value: str | None, year: int | None = None) -> str:
    """`2027-09-15` → `9月15日` (the year added when it is not `year`)."""
    if not value:
        return ""
    d = dt.date.fromisoformat(value)
    if year is not None and d.year == year:
        return str(B["month_day"]).format(m=d.month, d=d.day)
    return str(B["year_month_day"]).format(y=d.year, m=d.month, d=d.day)


def number_text(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def _clean(text: str | None) -> str:
    """User text on one line, without control characters (a sentence is one line)."""
    return printable(text or "", replace=" ").strip()


def _full_stop(text: str) -> str:
    return text if not text or text[-1] in str(B["stops"]) else text + "。"


def _with_verb(title: str) -> str:
    """A task title as the verb phrase of a sentence: `召开…会议` stays; a name of an event
    (`中秋邻里团圆会`) is held (`举办…`), anything else carried out (`开展…`)."""
    if any(title.startswith(v) for v in str(B["verbs"]).split()):
        return title
    if any(title.endswith(n) for n in str(B["events"]).split()):
        return str(B["hold"]) + title
    return str(B["carry_out"]) + title


def activity_sentence(
    date: str, year: int, title: str, place: str | None, people: str | None, note: str | None
) -> str:
    """`9月8日，在社区会议室召开社区党建工作会议，党员及驻区单位代表28人参加。` and the note."""
    what = _with_verb(_clean(title))
    where = _clean(place)
    line = str(B["activity_at" if where else "activity"]).format(
        date=day_text(date, year), place=where, what=what
    )
    who = _clean(people)
    if who:
        line += str(B["activity_people"]).format(people=who)
    line = _full_stop(line)
    told = _clean(note)
    return line + _full_stop(told) if told else line


def inspection_sentence(i: Row, year: int) -> str:
    """`9月14日，对A栋开展楼道卫生检查，得分100分，合格。` (failed items, note first, after it)."""
    if i["score"] is None:
        result = str(B["score_none"])
    else:
        result = str(B["score"]).format(
            score=number_text(round(i["score"], 1)), result=B["passed" if i["passed"] else "failed"]
        )
    line = str(B["inspection"]).format(
        date=day_text(i["date"], year), area=_clean(i["area"]), template=_clean(i["title"]), result=result
    )
    if i["failed_items"]:
        problems = [
            str(B["problem_note"]).format(note=_clean(f["note"]), text=_clean(f["text"]))
            if f["note"]
            else _clean(f["text"])
            for f in i["failed_items"]
        ]
        line += str(B["problems"]).format(items=str(B["sep"]).join(problems))
    if i.get("note"):
        line += _full_stop(_clean(i["note"]))
    return line


def inspection_clause(i: Row) -> str:
    """One inspection within a sentence naming several of one template: `5号楼得分60分，不合格，
    问题为楼道停放电动车（楼道无堆物、通道畅通）、单元门小广告（无乱贴乱画、无小广告）`."""
    if i["score"] is None:
        result = str(B["score_none"])
    else:
        result = str(B["score"]).format(
            score=number_text(round(i["score"], 1)), result=B["passed" if i["passed"] else "failed"]
        )
    clause = _clean(i["area"]) + result
    if i["failed_items"]:
        problems = [
            str(B["problem_note"]).format(note=_clean(f["note"]), text=_clean(f["text"]))
            if f["note"]
            else _clean(f["text"])
            for f in i["failed_items"]
        ]
        clause += str(B["problems_within"]).format(items="、".join(problems))
    if i.get("note"):
        clause += str(B["comma"]) + _clean(i["note"]).rstrip(str(B["stops"]))
    return clause


def rectification_sentence(r: Row, year: int, ws: str, we: str) -> str:
    """`3号楼 地下室堆放杂物：9月8日发现，责任人楼长，限9月15日前整改`; the week's measures after
    it; a closed one `…9月12日复查合格，已销号`."""
    problem = _clean(r["note"]) or _clean(r["item_text"])
    parts = [str(B["rect_found"]).format(date=day_text(r["opened"], year))]
    if r.get("owner"):
        parts.append(str(B["rect_owner"]).format(owner=_clean(r["owner"])))
    closed = r["closed"] is not None and ws <= r["closed"] <= we
    if not closed:
        parts.append(str(B["rect_due"]).format(date=day_text(r["due"], year)))
    for m in r["measures"]:
        if ws <= m["date"] <= we and m["text"]:
            parts.append(
                str(B["rect_measure"]).format(date=day_text(m["date"], year), text=_clean(m["text"]))
            )
    if closed:
        parts.append(str(B["rect_closed"]).format(date=day_text(r["closed"], year)))
    elif r["overdue"]:
        parts.append(str(B["rect_late"]).format(n=r["days_late"]))
    return str(B["rect_line"]).format(
        area=_clean(r["area"]), problem=problem, text=str(B["comma"]).join(parts)
    )


# ---------------------------------------------------------------- building it


def _frozen_task(i: Row) -> TaskItem:
    names = {f.name for f in fields(TaskItem)}
    values = {k: v for k, v in i.items() if k in names}
    if "notes" in values and values["notes"] is not None:
        values["notes"] = tuple(values["notes"])
    if "records" in values and values["records"] is not None:
        values["records"] = tuple(RecordEntry(**r) for r in values["records"])
    return TaskItem(**values)


def _frozen_inspection(i: Row, year: int) -> InspectionItem:
    return InspectionItem(
        id=i["id"],
        template=i["template"],
        plan=i["plan"],
        area=i["area"],
        date=i["date"],
        by=i["by"],
        score=i["score"],
        passed=i["passed"],
        failed=tuple(i["failed"]),
        na=tuple(i["na"]),
        key=i["key"],
        title=i["title"],
        pass_mark=i["pass_mark"],
        note=i["note"],
        at=i["at"],
        failed_items=tuple(FailedItem(**f) for f in i["failed_items"]),
        sentence=inspection_sentence(i, year),
        clause=inspection_clause(i),
    )


def _frozen_rectification(r: Row, year: int, ws: str, we: str) -> RectificationItem:
    return RectificationItem(
        id=r["id"],
        plan=r["plan"],
        template=r["template"],
        area=r["area"],
        item=r["item"],
        note=r["note"],
        opened=r["opened"],
        due=r["due"],
        closed=r["closed"],
        overdue=r["overdue"],
        repeats=r["repeats"],
        status=r["status"],
        owner=r["owner"],
        measures=tuple(Measure(**m) for m in r["measures"]),
        rechecked_by=r["rechecked_by"],
        rechecked=r["rechecked"],
        rechecks=tuple(Recheck(**c) for c in r["rechecks"]),
        item_text=r["item_text"],
        owner_name=r["owner_name"],
        state=r["state"],
        days_late=r["days_late"],
        template_title=r["template_title"],
        sentence=rectification_sentence(r, year, ws, we),
    )


def _frozen_plan(p: Row, internal: bool) -> PlanStatus:
    goals = tuple(
        Goal(
            id=g["id"],
            text=g["text"],
            targets=tuple(
                Target(
                    id=t["id"],
                    text=t["text"],
                    metric=t.get("metric"),
                    target=t["target"],
                    direction=t["direction"],
                    actual=t.get("actual"),
                    met=t.get("met"),
                    count=t.get("count"),
                    assumed=t.get("assumed") if internal else None,
                    words=target_words(t, zh=True),
                )
                for t in g["targets"]
            ),
        )
        for g in p["goals"]
    )
    return PlanStatus(
        id=p["id"],
        title=p["title"],
        community=p["community"],
        start=p["start"],
        end=p["end"],
        tasks=p["tasks"],
        done=p["done"],
        percent=p["percent"],
        overdue=p["overdue"] if internal else 0,
        goals=goals,
        incomplete=p["incomplete"] if internal else None,
        assumed=p["assumed"] if internal else None,
    )


def _is_activity(r: WeekRecord, photos: dict[int, list[str]]) -> bool:
    return r.status == "done" or bool(r.place or r.people or photos.get(r.id))


def _brief_text(title: str, status: str | None, percent: int | None, done: bool) -> str:
    if done:
        state = str(B["brief_done"])
    elif percent is not None:
        state = str(B["brief_percent"]).format(n=percent)
    else:
        state = str(STATUS.get(status or "todo") or status or "")
    return str(B["brief"]).format(title=_clean(title), state=state)


def build_bulletin(
    store: Store, today: dt.date, week: Week | None = None, *, internal: bool = False
) -> Bulletin:
    """The bulletin of `week` (default: the latest week ending before today), as of its last
    day; `internal` for the clerk's own copy (内部). Reads only: the number (期号) is the one the
    week was given, or None; taking one is the caller's (store.bulletins.issuing)."""
    if not has_plans(store):  # cron pointed at the wrong file
        raise DatabaseError(STORE["no_plans"].format(path=store.path))
    week = week or default_week(today)
    if week.start > today:
        raise InvalidInput(
            SUMMARY["err_future"].format(week=week.key, start=week.start, end=week.end, today=today)
        )
    preview = week.end >= today
    as_of = min(week.end, today)
    ws, we = week.start.isoformat(), as_of.isoformat()

    with snapshot(store):
        by_bulletin = facts.completed_by_bulletin(store)
        # none reports on itself
        records = [r for r in facts.week_records(store, ws, we) if r.task_key not in by_bulletin]
        completed, progressed = _completed_and_progressed(store, records, ws, we, as_of, week.start - ONE_DAY)
        inspections = [_inspection_item(i) for i in facts.week_inspections(store, ws, we)]
        opened, advanced, closed, late = _rectifications(store, as_of, ws, we)
        overdue = _overdue(store, as_of) if internal else []
        upcoming = [u for u in _upcoming(store, as_of) if u["key"] not in by_bulletin]
        plans = _plans(store, as_of, ws)
        all_plans = facts.active_plans(store)
        photos = photos_of(store, "record", [r.id for r in records])
        tasks = facts.task_heads(store, (r.task_key for r in records))
        found = None if preview else issue_of(store, week.key)
        settings = {
            key: get_setting(store, f"bulletin.{key}")
            for key in ("title", "issuer", "send_to", "copy_to", "copies", "editor", "reviewer", "signer")
        }
    completed = [i for i in completed if i["key"] not in by_bulletin]
    progressed = [i for i in progressed if i["key"] not in by_bulletin]
    shown = [p["community"] for p in plans] if plans else [p.community for p in all_plans]
    communities = list(dict.fromkeys(c for c in shown if c))
    titles = {p.id: p.title for p in all_plans}
    for item in (*completed, *progressed, *overdue, *upcoming):
        item["plan_title"] = titles.get(item["plan"] or "", item["plan"])
    year = week.start.year

    activities = []
    for r in sorted(records, key=lambda r: (r.date, r.id)):
        if not _is_activity(r, photos):
            continue
        task = tasks.get(r.task_key)
        title = (task.title if task else None) or r.task_key
        activities.append(
            Activity(
                date=r.date,
                key=r.task_key,
                title=title,
                plan=task.plan_id if task else None,
                place=r.place,
                people=r.people,
                note=r.note,
                photos=tuple(photos.get(r.id, ())),
                sentence=activity_sentence(r.date, year, title, r.place, r.people, r.note),
                record=r.id,
            )
        )
    held = {a.record for a in activities}
    briefs = []
    for i, done in [*((i, True) for i in completed), *((i, False) for i in progressed)]:
        mine = i.get("records") or []
        if not mine or any(r["id"] in held for r in mine):
            continue  # completed through inspections (told there), or an activity (told above)
        briefs.append(
            Brief(
                plan=i["plan"],
                key=i["key"],
                title=i["title"],
                occurrence=i["occurrence"],
                status=i["status"],
                percent=i["percent"],
                done=done,
                text=_brief_text(i["title"], i["status"], i["percent"], done),
            )
        )
    ahead = [_frozen_task(u) for u in upcoming]
    issued = min(week.end + ONE_DAY, today)
    return Bulletin(
        version=str(B["internal" if internal else "external"]),
        internal=internal,
        week=week.key,
        year=week.year,
        start=ws,
        end=week.end.isoformat(),
        as_of=we,
        preview=preview,
        issue=found.number if found else None,
        generated_at=found.taken_at if found else None,
        issued=issued.isoformat(),
        title=settings["title"],
        issuer=settings["issuer"],
        community="、".join(communities),
        activities=tuple(activities),
        briefs=tuple(briefs),
        completed=tuple(_frozen_task(i) for i in completed),
        progressed=tuple(_frozen_task(i) for i in progressed),
        inspections=tuple(_frozen_inspection(i, year) for i in inspections),
        rectifications_opened=tuple(_frozen_rectification(r, year, ws, we) for r in opened),
        rectifications_advanced=tuple(_frozen_rectification(r, year, ws, we) for r in advanced),
        rectifications_closed=tuple(_frozen_rectification(r, year, ws, we) for r in closed),
        rectifications_overdue=tuple(_frozen_rectification(r, year, ws, we) for r in late)
        if internal
        else (),
        overdue=tuple(_frozen_task(i) for i in overdue),
        upcoming=tuple(ahead),
        routine=len({a.key for a in ahead if a.routine}),
        upcoming_until=(as_of + dt.timedelta(days=UPCOMING_DAYS)).isoformat(),
        plans=tuple(_frozen_plan(p, internal) for p in plans),
        send_to=settings["send_to"],
        copy_to=settings["copy_to"],
        copies=settings["copies"],
        editor=settings["editor"],
        reviewer=settings["reviewer"],
        signer=settings["signer"],
        folder=os.path.dirname(os.path.abspath(store.path)),
    )


def with_issue(bulletin: Bulletin, number: int, taken_at: str) -> Bulletin:
    """The bulletin with the number it was issued under."""
    return replace(bulletin, issue=number, generated_at=taken_at)


# ---------------------------------------------------------------- issuing it


def is_issued(draft: Bulletin, *, asked: bool, to_file: bool) -> bool:
    """Whether this showing of the bulletin issues it (takes its 期号): written to a file, or
    printed when `asked` (`--issue`), after the week has ended. Asked before then: refused."""
    if asked and draft.preview:
        raise InvalidInput(
            BULLETIN_MSG["err_issue_preview"].format(week=draft.week, start=draft.start, end=draft.end)
        )
    return not draft.preview and (asked or to_file)


class Issued(NamedTuple):
    """A bulletin issued: with its number, and the task occurrences its issuing recorded done."""

    bulletin: Bulletin
    done: list[BulletinCompletion]


def issue(store: Store, draft: Bulletin, today: dt.date, write: Callable[[Bulletin], None]) -> Issued:
    """Issue the bulletin: its number is taken while `write` puts it out (a bulletin that could
    not be written uses no number up: store.bulletins.issuing); then every task with
    `completed_by: bulletin` gets its `done` record for the week (once per week)."""
    with issuing(store, draft.week, draft.year) as taken:
        issued = with_issue(draft, taken.number, taken.taken_at)
        write(issued)
    note = str(B["issued_note"]).format(week=issued.week, n=issued.issue)
    done = complete_by_bulletin(store, issued.week, dt.date.fromisoformat(issued.end), today, note)
    return Issued(issued, done)
