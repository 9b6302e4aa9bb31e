"""The ledgers (台账) as typed rows: activities, inspections, rectifications, tasks.

One function per ledger reads the rows for a date range (and optionally one plan), oldest
first, leaving out what was taken back with `undo`. Cells are ready to write: dates as
`datetime.date`, numbers as numbers, everything else as Chinese text (the ledgers are Chinese
documents whatever the interface language). Nothing here prints or writes files.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR, LEDGER, LEDGER_STATE, LEDGER_STATUS
from civicli.store.connection import Store

AHEAD_DAYS = 14  # the tasks ledger also lists what opens within this many days after the range

Cell = str | int | float | dt.date | None


# ---------------------------------------------------------------- rows


class ActivityRow(NamedTuple):
    date: dt.date
    plan: str
    key: str
    task: str
    occurrence: str
    status: str
    place: str
    people: str
    note: str
    data: str
    by: str
    photos: str


class InspectionRow(NamedTuple):
    id: int
    date: dt.date
    plan: str
    template: str
    area: str
    by: str
    score: float | None
    result: str
    problems: str
    photos: str


class RectificationRow(NamedTuple):
    id: int
    opened: dt.date
    template: str
    area: str
    problem: str
    owner: str
    due: dt.date
    measures: str
    state: str
    rechecked: dt.date | None
    rechecked_by: str


class TaskRow(NamedTuple):
    key: str
    task: str
    owner: str
    occurrence: str
    due: dt.date
    state: str
    progress: str


HEADERS: dict[str, tuple[str, ...]] = {
    "activities": (
        "日期",
        "计划",
        "编号",
        "任务",
        "期次",
        "状态",
        "地点",
        "参加人员",
        "内容",
        "数据",
        "记录人",
        "照片",
    ),
    "inspections": ("编号", "日期", "计划", "检查项目", "点位", "检查人", "得分", "结果", "问题", "照片"),
    "rectifications": (
        "编号",
        "发现日期",
        "检查项目",
        "点位",
        "问题",
        "责任人",
        "整改时限",
        "整改措施",
        "完成情况",
        "复查日期",
        "复查人",
    ),
    "tasks": ("编号", "任务", "责任人", "期次", "截止", "状态", "进度"),
}
NAMES = ("activities", "inspections", "rectifications", "tasks")


@dataclass(frozen=True)
class Range:
    """What a ledger covers: dates (inclusive), the plans, and the day states are told as of."""

    start: dt.date
    end: dt.date
    plan_ids: tuple[str, ...]
    plan_title: str | None  # when one plan was asked for
    community: str
    as_of: dt.date


@dataclass
class Ledger:
    """One ledger ready to write: its name, Chinese title, headers and rows."""

    name: str
    sheet: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    range: Range

    @property
    def file_stem(self) -> str:
        """`活动台账_2027-01-01_2027-09-30`: the default file name without its extension."""
        return f"{self.sheet}_{self.range.start.isoformat()}_{self.range.end.isoformat()}"


# ---------------------------------------------------------------- names, plans, range


def ledger_name(text: str) -> str:
    """`activities` or its Chinese name (活动台账) → `activities`; unknown → error listing them."""
    wanted = text.strip()
    for name in NAMES:
        if wanted.lower() == name or wanted == LEDGER[name]:
            return name
    known = ", ".join(f"{n} ({LEDGER[n]})" for n in NAMES)
    raise InvalidInput(ERR["no_ledger"].format(name=text, known=known))


def resolve_plan(store: Store, ref: str) -> dict[str, Any]:
    """A plan by its id, or by text found in exactly one plan's title (store.plans.resolve_plan)."""
    from civicli.store.plans import resolve_plan as plan_id_of

    found = store.one(
        'SELECT id, title, community, start, "end" FROM plans WHERE id = ?', [plan_id_of(store, ref)]
    )
    assert found is not None
    return found


def ledger_range(
    store: Store, today: dt.date, *, plan: str | None, start: dt.date | None, end: dt.date | None
) -> Range:
    """The range of a ledger: --from/--to, by default the plans' periods up to today."""
    if plan is not None:
        plans = [resolve_plan(store, plan)]
    else:
        plans = store.query(
            'SELECT id, title, community, start, "end" FROM plans WHERE archived_at IS NULL ORDER BY start, id'
        )
        if not plans:
            raise NotFound(ERR["no_plans_loaded"])
    first = min(dt.date.fromisoformat(p["start"]) for p in plans)
    last = max(dt.date.fromisoformat(p["end"]) for p in plans)
    lo = start or first
    hi = end or max(min(last, today), lo)
    if lo > hi:
        raise InvalidInput(ERR["bad_range"].format(start=lo.isoformat(), end=hi.isoformat()))
    communities = list(dict.fromkeys(p["community"] for p in plans if p["community"]))
    return Range(
        start=lo,
        end=hi,
        plan_ids=tuple(p["id"] for p in plans),
        plan_title=plans[0]["title"] if plan is not None else None,
        community="、".join(communities),
        as_of=min(hi, today),
    )


# ---------------------------------------------------------------- cell text


_OCC = re.compile(r"^(\d{4})(?:-(?:W(\d{2})|Q(\d)|(\d{2})|(.+)))?$")


@functools.lru_cache(maxsize=4096)
def occurrence_cn(key: str) -> str:
    """`2027-08` → 2027年8月, `2027-W36` → 2027年第36周, `2027-Q3` → 2027年第3季度,
    `2027` → 2027年, `2027-中秋` → 2027年中秋; `once` → '' (one occurrence only)."""
    if key == "once":
        return str(LEDGER["occ_once"])
    m = _OCC.match(key)
    if not m:
        return key
    y = int(m.group(1))
    if m.group(2):
        return str(LEDGER["occ_week"]).format(y=y, n=int(m.group(2)))
    if m.group(3):
        return str(LEDGER["occ_quarter"]).format(y=y, n=int(m.group(3)))
    if m.group(4):
        return str(LEDGER["occ_month"]).format(y=y, n=int(m.group(4)))
    if m.group(5):
        return str(LEDGER["occ_named"]).format(y=y, name=m.group(5))
    return str(LEDGER["occ_year"]).format(y=y)


def day_cn(value: dt.date) -> str:
    return str(LEDGER["date"]).format(y=value.year, m=value.month, d=value.day)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@functools.lru_cache(maxsize=4096)
def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@functools.lru_cache(maxsize=256)
def _status_text(status: str | None, percent: int | None) -> str:
    text = str(LEDGER_STATUS.get(status, status)) if status else ""
    if percent is not None and not (status == "done" and percent == 100):
        text = f"{text}（{percent}%）" if text else f"{percent}%"
    return text


def _plan_clause(r: Range, column: str) -> tuple[str, list[Any]]:
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(r.plan_ids))]


def _file_names(paths: Sequence[str]) -> str:
    return str(LEDGER["list_sep"]).join(p.rsplit("/", 1)[-1] for p in paths)


# ---------------------------------------------------------------- the ledgers


def activities(store: Store, r: Range) -> Iterator[ActivityRow]:
    """One row per progress or done record dated in the range, by date, then as recorded."""
    where, params = _plan_clause(r, "t.plan_id")
    sql = (
        "SELECT x.date, p.title AS plan_title, x.task_key, t.title, x.occurrence, x.status, x.percent, "
        'x.place, x.people, x.note, x."by", '
        "(SELECT group_concat(name || '=' || value, char(31)) FROM ("
        "   SELECT COALESCE(mt.name, m.name) AS name, m.value FROM record_metrics m"
        "   LEFT JOIN metrics mt ON mt.plan_id = t.plan_id AND mt.metric_id = m.name"
        "   WHERE m.record_id = x.id ORDER BY m.rowid)) AS data, "
        "(SELECT group_concat(path, char(31)) FROM ("
        "   SELECT e.path FROM photos ph JOIN evidence e ON e.id = ph.evidence_id"
        "   WHERE ph.owner_kind = 'record' AND ph.owner_id = x.id ORDER BY ph.position)) AS photos "
        "FROM records x JOIN tasks t ON t.key = x.task_key JOIN plans p ON p.id = t.plan_id "
        f"WHERE x.date >= ? AND x.date <= ? AND {where} "
        "AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id) "
        "ORDER BY x.date, x.id"
    )
    sep = str(LEDGER["sep"])
    cur = store.conn.execute(sql, [r.start.isoformat(), r.end.isoformat(), *params])
    # rows as tuples (quicker than dicts for a district's 120,000 records)
    for date, plan_title, key, title, occ, status, percent, place, people, note, by, data, photos in cur:
        pairs = []
        for pair in data.split("\x1f") if data else []:
            name, _, value = pair.rpartition("=")
            pairs.append(f"{name}={_number(float(value))}")
        yield ActivityRow(
            date=_date(date),
            plan=plan_title,
            key=key,
            task=title,
            occurrence=occurrence_cn(occ),
            status=_status_text(status, percent),
            place=place or "",
            people=people or "",
            note=note or "",
            data=sep.join(pairs),
            by=by or "",
            photos=_file_names(photos.split("\x1f")) if photos else "",
        )


def inspections(store: Store, r: Range) -> Iterator[InspectionRow]:
    """One row per inspection dated in the range (not taken back), by date, then as recorded."""
    where, params = _plan_clause(r, "i.plan_id")
    rows = store.query(
        'SELECT i.id, i.date, p.title AS plan_title, tp.title, i.area, i."by", i.score, i.passed '
        "FROM inspections i JOIN templates tp ON tp.key = i.template_key JOIN plans p ON p.id = i.plan_id "
        f"WHERE i.date >= ? AND i.date <= ? AND {where} "
        "AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'inspection' AND k.target_id = i.id) "
        "ORDER BY i.date, i.id",
        [r.start.isoformat(), r.end.isoformat(), *params],
    )
    if not rows:
        return
    lo, hi = min(x["id"] for x in rows), max(x["id"] for x in rows)
    problems: dict[int, list[str]] = {}
    for a in store.query(
        "SELECT a.inspection_id, a.item_id, a.note, ti.text FROM inspection_answers a "
        "JOIN inspections i ON i.id = a.inspection_id "
        "LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id "
        "WHERE a.inspection_id BETWEEN ? AND ? AND a.result = 'fail' "
        "ORDER BY a.inspection_id, COALESCE(ti.position, 1e9), a.item_id",
        [lo, hi],
    ):
        text = a["text"] or a["item_id"]
        if a["note"]:
            text = str(LEDGER["problem_note"]).format(text=text, note=a["note"])
        problems.setdefault(a["inspection_id"], []).append(text)
    photos: dict[int, list[str]] = {}
    for ph in store.query(
        "SELECT owner_id AS id, e.path FROM photos p JOIN evidence e ON e.id = p.evidence_id "
        "WHERE p.owner_kind = 'inspection' AND p.owner_id BETWEEN ? AND ? ORDER BY p.owner_id, p.position",
        [lo, hi],
    ):
        photos.setdefault(ph["id"], []).append(ph["path"])
    for ph in store.query(
        "SELECT inspection_id AS id, path FROM inspection_photos WHERE inspection_id BETWEEN ? AND ? "
        "ORDER BY rowid",
        [lo, hi],
    ):
        photos.setdefault(ph["id"], []).append(ph["path"])
    sep = str(LEDGER["sep"])
    for x in rows:
        score = x["score"]
        yield InspectionRow(
            id=x["id"],
            date=_date(x["date"]),
            plan=x["plan_title"],
            template=x["title"],
            area=x["area"],
            by=x["by"] or "",
            score=None if score is None else round(float(score), 1),
            result=str(LEDGER["pass" if x["passed"] else "fail"]),
            problems=sep.join(problems.get(x["id"], [])),
            photos=_file_names(photos.get(x["id"], [])),
        )


def rectifications(store: Store, r: Range) -> Iterator[RectificationRow]:
    """One row per rectification found in the range, by 发现日期, then by number; its state as of
    the range's end (or today). Those opened by an inspection taken back are left out."""
    where, params = _plan_clause(r, "x.plan_id")
    as_of = r.as_of.isoformat()
    rows = store.query(
        "SELECT x.id, x.opened, tp.title, x.area, COALESCE(ti.text, x.item_id) AS item_text, x.note, x.due, x.closed, "
        'x.closed_by, COALESCE(ta.owner, ro.name, x.owner) AS owner, ci."by" AS closer '
        "FROM rectifications x JOIN templates tp ON tp.key = x.template_key "
        "LEFT JOIN template_items ti ON ti.template_key = x.template_key AND ti.item_id = x.item_id "
        "LEFT JOIN template_areas ta ON ta.template_key = x.template_key AND ta.area = x.area "
        "LEFT JOIN roles ro ON ro.plan_id = x.plan_id AND ro.role_id = x.owner "
        "LEFT JOIN inspections ci ON ci.id = x.closed_by "
        f"WHERE x.opened >= ? AND x.opened <= ? AND {where} "
        "AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'inspection' AND k.target_id = x.opened_by) "
        "ORDER BY x.opened, x.id",
        [r.start.isoformat(), r.end.isoformat(), *params],
    )
    steps: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for s in store.query(
            'SELECT s.id, s.rectification_id, s.kind, s.passed, s.date, s."by", s.text '
            "FROM rectification_steps s "
            "WHERE s.rectification_id IN (SELECT value FROM json_each(?)) AND s.date <= ? "
            "AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'step' AND k.target_id = s.id) "
            "ORDER BY s.date, s.id",
            [_json_ids([x["id"] for x in rows]), as_of],
        ):
            steps.setdefault(s["rectification_id"], []).append(s)
    sep = str(LEDGER["sep"])
    for x in rows:
        mine = steps.get(x["id"], [])
        measures = [
            str(LEDGER["measure_by" if s["by"] else "measure"]).format(
                date=day_cn(_date(s["date"])), text=s["text"] or "", by=s["by"]
            )
            for s in mine
            if s["kind"] == "measure"
        ]
        rechecks = [s for s in mine if s["kind"] == "recheck"]
        closed = x["closed"] if x["closed"] is not None and x["closed"] <= as_of else None
        if closed is not None:
            state = LEDGER["closed"]
        elif x["due"] < as_of:
            state = LEDGER["overdue"]
        else:
            state = LEDGER["open"]
        recheck_day: str | None = None
        recheck_by = ""
        passing = [s for s in rechecks if s["passed"]]
        if closed is not None and passing and passing[-1]["date"] == closed:
            recheck_day, recheck_by = closed, passing[-1]["by"] or ""
        elif closed is not None:
            recheck_day, recheck_by = closed, x["closer"] or ""
        elif rechecks:
            recheck_day, recheck_by = rechecks[-1]["date"], rechecks[-1]["by"] or ""
        problem = x["item_text"] or ""
        if x["note"]:
            problem = str(LEDGER["problem_note"]).format(text=problem, note=x["note"])
        yield RectificationRow(
            id=x["id"],
            opened=_date(x["opened"]),
            template=x["title"],
            area=x["area"],
            problem=problem,
            owner=x["owner"] or "",
            due=_date(x["due"]),
            measures=sep.join(measures),
            state=str(state),
            rechecked=_date(recheck_day) if recheck_day else None,
            rechecked_by=recheck_by,
        )


def tasks(store: Store, r: Range) -> Iterator[TaskRow]:
    """One row per tracked occurrence due in the range, or opening within 14 days after its end;
    state and progress as of the range's end (or today); by due date, then plan order."""
    from civicli.store.completion import Which, occurrences

    lo, hi = r.start.isoformat(), r.end.isoformat()
    ahead = (r.end + dt.timedelta(days=AHEAD_DAYS)).isoformat()
    plans = set(r.plan_ids)
    which = Which(plan=next(iter(plans))) if len(plans) == 1 else Which()
    rows = [
        x
        for x in occurrences(store, r.as_of, which)
        if x.plan_id in plans and x.due >= lo and (x.due <= hi or hi < x.opens <= ahead)
    ]
    rows.sort(key=lambda x: (x.due, x.plan_id, x.position, x.opens, x.occurrence))
    for x in rows:
        progress = ""
        if x.done:
            progress = "100%"
        elif x.percent is not None:
            progress = f"{x.percent}%"
        if x.areas_total and not x.done:
            areas = str(LEDGER["areas"]).format(done=x.areas_done or 0, total=x.areas_total)
            progress = f"{progress}{LEDGER['sep']}{areas}" if progress else areas
        yield TaskRow(
            key=x.task_key,
            task=x.title,
            owner=x.owner_name or "",
            occurrence=occurrence_cn(x.occurrence),
            due=_date(x.due),
            state=_task_state(x.state, x.status),
            progress=progress,
        )


def _task_state(state: str, status: str | None) -> str:
    """待办 work already begun reads 进行中 (or 受阻); the other states as they are."""
    if state == "outstanding" and status in ("doing", "blocked"):
        return str(LEDGER_STATUS[status])
    return str(LEDGER_STATE.get(state, state))


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


READERS: dict[str, Callable[[Store, Range], Iterator[Any]]] = {
    "activities": activities,
    "inspections": inspections,
    "rectifications": rectifications,
    "tasks": tasks,
}


def build_ledger(
    store: Store,
    name: str,
    today: dt.date,
    *,
    plan: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Ledger:
    """The ledger `name` (English or Chinese) over its range, rows read in one read transaction."""
    name = ledger_name(name)
    r = ledger_range(store, today, plan=plan, start=start, end=end)
    conn = store.conn
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        rows: list[tuple[Cell, ...]] = list(READERS[name](store, r))
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")
    sheet = str(LEDGER[name])
    fmt = LEDGER["title_plan" if r.plan_title else "title"]
    title = str(fmt).format(
        community=r.community,
        ledger=sheet,
        plan=r.plan_title or "",
        start=day_cn(r.start),
        end=day_cn(r.end),
    )
    return Ledger(name=name, sheet=sheet, title=title, headers=HEADERS[name], rows=rows, range=r)
