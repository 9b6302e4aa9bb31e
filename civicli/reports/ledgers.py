"""The ledgers (台账) as typed rows: activities, inspections, rectifications, tasks.

The columns are those of the contract (documents.md, "Ledgers"), in its order and under its
headers. Cells are ready to write: dates as `datetime.date`, numbers as numbers, everything else
as Chinese text (the ledgers are Chinese documents whatever the interface language). Each
ledger comes as an iterator of `Entry` (a row and the photos of its photo columns) computed
from the rows the store hands up; the activities, a busy year's thousands of them, are never
all held at once. Nothing here queries SQLite itself, prints or writes files.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR, LEDGER, LEDGER_DOC, LEDGER_STATE, LEDGER_STATUS
from civicli.plan.naming import occurrence_name
from civicli.store import ledger_rows
from civicli.store.completion import OccurrenceFilter, occurrence_rows
from civicli.store.connection import Store
from civicli.store.ledger_rows import done_dates, plan_titles, plans_in, rectification_extras
from civicli.store.names import resolve_plan
from civicli.store.reading import snapshot
from civicli.store.rectifications import list_rectifications
from civicli.store.settings import get_setting
from civicli.text import number_shown

AHEAD_DAYS = 14  # the tasks ledger also lists what opens within this many days after the range

Cell = str | int | float | dt.date | None


# ---------------------------------------------------------------- rows: the columns in order


class ActivityRow(NamedTuple):
    """活动台账: 序号, 日期, 活动主题, 计划, 编号, 期次, 地点, 参加人员, 参加人数, 内容, 数据, 负责人, 记录人, 照片."""

    seq: int
    date: dt.date
    theme: str
    plan: str
    key: str
    occurrence: str
    place: str
    people: str
    headcount: float | None
    note: str
    data: str
    owner: str
    by: str
    photos: str


class InspectionRow(NamedTuple):
    """检查台账: 序号, 编号, 日期, 计划, 检查项目, 点位, 检查人, 得分, 结果, 问题, 备注, 整改编号, 照片."""

    seq: int
    id: int
    date: dt.date
    plan: str
    template: str
    area: str
    by: str
    score: float | None
    result: str
    problems: str
    note: str
    rectifications: str
    photos: str


class RectificationRow(NamedTuple):
    """整改台账: 序号, 编号, 问题来源, 发现日期, 发现人, 检查项目, 点位, 问题, 责任人, 整改时限,
    整改措施, 整改前照片, 整改后照片, 复查日期, 复查人, 复查意见, 复查未通过次数, 完成情况, 销号日期."""

    seq: int
    id: int
    source: str
    opened: dt.date
    finder: str
    template: str
    area: str
    problem: str
    owner: str
    due: dt.date
    measures: str
    before: str
    after: str
    rechecked: dt.date | None
    rechecked_by: str
    recheck_note: str
    failed_rechecks: int
    state: str
    closed: dt.date | None


class TaskRow(NamedTuple):
    """任务清单: 序号, 编号, 计划, 任务, 责任人, 期次, 截止, 状态, 进度, 完成日期."""

    seq: int
    key: str
    plan: str
    task: str
    owner: str
    occurrence: str
    due: dt.date
    state: str
    progress: str
    done: dt.date | None


Row = ActivityRow | InspectionRow | RectificationRow | TaskRow


class Entry(NamedTuple):
    """One ledger row and the photo files (absolute paths) of each of its photo columns."""

    row: Row
    photos: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (column index, its files in order)


HEADERS: dict[str, tuple[str, ...]] = {
    "activities": (
        "序号", "日期", "活动主题", "计划", "编号", "期次", "地点", "参加人员", "参加人数", "内容", "数据",
        "负责人", "记录人", "照片",
    ),
    "inspections": (
        "序号", "编号", "日期", "计划", "检查项目", "点位", "检查人", "得分", "结果", "问题", "备注", "整改编号",
        "照片",
    ),
    "rectifications": (
        "序号", "编号", "问题来源", "发现日期", "发现人", "检查项目", "点位", "问题", "责任人", "整改时限",
        "整改措施", "整改前照片", "整改后照片", "复查日期", "复查人", "复查意见", "复查未通过次数", "完成情况",
        "销号日期",
    ),
    "tasks": ("序号", "编号", "计划", "任务", "责任人", "期次", "截止", "状态", "进度", "完成日期"),
}  # fmt: skip
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
    """One ledger ready to write: its name, Chinese title, headers, its entries (an iterator,
    read once, inside the read transaction `open_ledger` holds) and its foot line."""

    name: str
    sheet: str
    title: str
    headers: tuple[str, ...]
    entries: Iterator[Entry]
    range: Range
    foot: str

    @property
    def file_stem(self) -> str:
        """`活动台账_2027-01-01_2027-09-30`: the default file name without its extension."""
        return f"{self.sheet}_{self.range.start.isoformat()}_{self.range.end.isoformat()}"

    @property
    def rows(self) -> Iterator[Row]:
        return (e.row for e in self.entries)


# ---------------------------------------------------------------- names, plans, range


def ledger_name(text: str) -> str:
    """`activities` or its Chinese name (活动台账) → `activities`; unknown → error listing them."""
    wanted = text.strip()
    for name in NAMES:
        if wanted.lower() == name or wanted == LEDGER[name]:
            return name
    known = ", ".join(f"{n} ({LEDGER[n]})" for n in NAMES)
    raise InvalidInput(ERR["no_ledger"].format(name=text, known=known))


def ledger_range(
    store: Store, today: dt.date, *, plan: str | None, start: dt.date | None, end: dt.date | None
) -> Range:
    """The range of a ledger: --from/--to, by default the plans' periods up to today."""
    if plan is not None:
        plans = plans_in(store, resolve_plan(store, plan))
    else:
        plans = plans_in(store, None)
        if not plans:
            raise NotFound(ERR["no_plans_loaded"])
    first = min(dt.date.fromisoformat(p.start) for p in plans)
    last = max(dt.date.fromisoformat(p.end) for p in plans)
    lo = start or first
    hi = end or max(min(last, today), lo)
    if lo > hi:
        raise InvalidInput(ERR["bad_range"].format(start=lo.isoformat(), end=hi.isoformat()))
    communities = list(dict.fromkeys(p.community for p in plans if p.community))
    return Range(
        start=lo,
        end=hi,
        plan_ids=tuple(p.id for p in plans),
        plan_title=plans[0].title if plan is not None else None,
        community="、".join(communities),
        as_of=min(hi, today),
    )


# ---------------------------------------------------------------- cell text


def day_cn(value: dt.date) -> str:
    return str(LEDGER["date"]).format(y=value.year, m=value.month, d=value.day)


@functools.lru_cache(maxsize=4096)
def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _file_names(paths: Sequence[str]) -> str:
    """The photos' file names, one a line (the cell shows them under its picture)."""
    return "\n".join(p.rsplit("/", 1)[-1] for p in paths)


def _problem(text: str, note: str | None) -> str:
    """A failed item as the ledgers write it: its note first, the item in brackets."""
    if note:
        return str(LEDGER["problem_note"]).format(text=note, note=text)
    return text


# ---------------------------------------------------------------- the ledgers


def activities(store: Store, r: Range) -> Iterator[Entry]:
    """One row per activity held in the range: a `done` record, or a record with place, people
    or photos; by date, then as recorded."""
    sep = str(LEDGER["sep"])
    found = ledger_rows.activities(store, r.start.isoformat(), r.end.isoformat(), r.plan_ids)
    for seq, x in enumerate(found, 1):
        headcount = next((v for mid, _, v in x.metrics if mid == x.headcount_metric), None)
        row = ActivityRow(
            seq=seq,
            date=_date(x.date),
            theme=x.task_title,
            plan=x.plan_title,
            key=x.task_key,
            occurrence=occurrence_name(x.occurrence, x.schedule),
            place=x.place or "",
            people=x.people or "",
            headcount=None
            if headcount is None
            else (int(headcount) if headcount.is_integer() else headcount),
            note=x.note or "",
            data=sep.join(f"{name}={number_shown(v)}" for _, name, v in x.metrics),
            owner=x.owner,
            by=x.by or "",
            photos=_file_names(x.photos),
        )
        yield Entry(row, ((len(row) - 1, x.photos),) if x.photos else ())


def inspections(store: Store, r: Range) -> Iterator[Entry]:
    """One row per inspection dated in the range (not taken back), by date, then as recorded."""
    sep = str(LEDGER["sep"])
    found = ledger_rows.inspections(store, r.start.isoformat(), r.end.isoformat(), r.plan_ids)
    for seq, x in enumerate(found, 1):
        row = InspectionRow(
            seq=seq,
            id=x.id,
            date=_date(x.date),
            plan=x.plan_title,
            template=x.template_title,
            area=x.area,
            by=x.by or "",
            score=None if x.score is None else round(x.score, 1),
            result=str(LEDGER["pass" if x.passed else "fail"]),
            problems=sep.join(_problem(text, note) for text, note in x.failed),
            note=x.note or "",
            rectifications=str(LEDGER["list_sep"]).join(f"#{n}" for n in x.rectifications),
            photos=_file_names(x.photos),
        )
        yield Entry(row, ((len(row) - 1, x.photos),) if x.photos else ())


def rectification_state(r: dict[str, Any]) -> str:
    """完成情况 as `rectifications` shows it: 已销号, 逾期, 待整改 (no step yet) or 整改中."""
    if r["closed"] is not None:
        return str(LEDGER_DOC["state_closed"])
    if r["overdue"]:
        return str(LEDGER_DOC["state_overdue"])
    return str(LEDGER_DOC["state_in_progress" if r["status"] == "in_progress" else "state_open"])


def rectifications(store: Store, r: Range) -> Iterator[Entry]:
    """One row per rectification found in the range, by 发现日期, then by number; its state as of
    the range's end (or today), in the words of `rectifications`. Those opened by an inspection
    taken back are left out, like those `rectifications --all` leaves out."""
    lo, hi, plans = r.start.isoformat(), r.end.isoformat(), set(r.plan_ids)
    rows = [
        x
        for x in list_rectifications(store, r.as_of, all=True)
        if x["plan_id"] in plans and lo <= x["opened"] <= hi
    ]
    rows.sort(key=lambda x: (x["opened"], x["id"]))
    as_of = r.as_of.isoformat()
    extras = rectification_extras(store, [(x["id"], x["opener"], x["closed_by"], as_of) for x in rows])
    sep = str(LEDGER["sep"])
    for seq, x in enumerate(rows, 1):
        more = extras[x["id"]]
        measures = [
            str(LEDGER["measure_by" if m["by"] else "measure"]).format(
                date=day_cn(_date(m["date"])), text=m["text"] or "", by=m["by"]
            )
            for m in x["measures"]
        ]
        rechecks = x["rechecks"]
        closing = next((c for c in rechecks if c["id"] == x["closed_step"]), None)
        if x["closed"] is not None:
            rechecked, rechecked_by = x["closed"], x["rechecked_by"] or ""
            note = (closing["note"] if closing else None) or ""
        elif rechecks:
            rechecked, rechecked_by, note = (
                rechecks[-1]["date"],
                rechecks[-1]["by"] or "",
                rechecks[-1]["note"] or "",
            )
        else:
            rechecked, rechecked_by, note = None, "", ""
        template = x["template_title"]
        source = LEDGER_DOC["source" if template.endswith("检查") else "source_check"].format(
            template=template
        )
        row = RectificationRow(
            seq=seq,
            id=x["id"],
            source=source,
            opened=_date(x["opened"]),
            finder=more.finder or "",
            template=template,
            area=x["area"],
            problem=_problem(x["item_text"] or x["item_id"], x["note"]),
            owner=x["owner_name"] or "",
            due=_date(x["due"]),
            measures=sep.join(measures),
            before=_file_names(more.before),
            after=_file_names(more.after),
            rechecked=_date(rechecked) if rechecked else None,
            rechecked_by=rechecked_by,
            recheck_note=note,
            failed_rechecks=int(x["repeats"] or 0),
            state=rectification_state(x),
            closed=_date(x["closed"]) if x["closed"] else None,
        )
        photos = tuple((i, files) for i, files in ((11, more.before), (12, more.after)) if files)
        yield Entry(row, photos)


def tasks(store: Store, r: Range) -> Iterator[Entry]:
    """One row per tracked occurrence due in the range, or opening within 14 days after its end;
    state and progress as of the range's end (or today); by due date, then plan order."""
    lo, hi = r.start.isoformat(), r.end.isoformat()
    ahead = (r.end + dt.timedelta(days=AHEAD_DAYS)).isoformat()
    plans = set(r.plan_ids)
    which = OccurrenceFilter(plan=next(iter(plans))) if len(plans) == 1 else OccurrenceFilter()
    rows = [
        x
        for x in occurrence_rows(store, r.as_of, which)
        if x.plan_id in plans and x.due >= lo and (x.due <= hi or hi < x.opens <= ahead)
    ]
    rows.sort(key=lambda x: (x.due, x.plan_id, x.position, x.opens, x.occurrence))
    titles = plan_titles(store, r.plan_ids)
    done_on = done_dates(store, [(x.task_key, x.occurrence) for x in rows if x.done], r.as_of.isoformat())
    for seq, x in enumerate(rows, 1):
        progress = ""
        if x.done:
            progress = "100%"
        elif x.percent is not None:
            progress = f"{x.percent}%"
        if x.areas_total and not x.done:
            areas = str(LEDGER["areas"]).format(done=x.areas_done or 0, total=x.areas_total)
            progress = f"{progress}{LEDGER['sep']}{areas}" if progress else areas
        finished = done_on.get((x.task_key, x.occurrence))
        row = TaskRow(
            seq=seq,
            key=x.task_key,
            plan=titles.get(x.plan_id, x.plan_id),
            task=x.title,
            owner=x.owner_name or "",
            occurrence=occurrence_name(x.occurrence, x.schedule),
            due=_date(x.due),
            state=task_state(x.state, x.status),
            progress=progress,
            done=_date(finished) if finished else None,
        )
        yield Entry(row)


def task_state(state: str, status: str | None) -> str:
    """状态: 待办 work already begun reads 进行中 (受阻 when blocked); a missed occurrence 未开展;
    the others as `tasks` shows them (已完成, 逾期, 未开始)."""
    if state == "outstanding" and status in ("doing", "blocked"):
        return str(LEDGER_STATUS[status])
    if state == "missed":
        return str(LEDGER_DOC["missed"])
    return str(LEDGER_STATE.get(state, state))


READERS: dict[str, Callable[[Store, Range], Iterator[Entry]]] = {
    "activities": activities,
    "inspections": inspections,
    "rectifications": rectifications,
    "tasks": tasks,
}


def foot_line(store: Store, today: dt.date) -> str:
    """`制表人：… 审核人：… 制表日期：2027年9月30日` (a name not set leaves room to write it)."""
    blank = str(LEDGER_DOC["blank_name"])
    return str(LEDGER_DOC["foot"]).format(
        preparer=get_setting(store, "ledger.preparer") or blank,
        reviewer=get_setting(store, "ledger.reviewer") or blank,
        date=day_cn(today),
    )


@contextmanager
def open_ledger(
    store: Store,
    name: str,
    today: dt.date,
    *,
    plan: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[Ledger]:
    """The ledger `name` (English or Chinese) over its range, its rows read as they are written,
    all inside one read transaction held until the block ends."""
    name = ledger_name(name)
    with snapshot(store):
        r = ledger_range(store, today, plan=plan, start=start, end=end)
        sheet = str(LEDGER[name])
        fmt = LEDGER["title_plan" if r.plan_title else "title"]
        title = str(fmt).format(
            community=r.community,
            ledger=sheet,
            plan=r.plan_title or "",
            start=day_cn(r.start),
            end=day_cn(r.end),
        )
        yield Ledger(
            name=name,
            sheet=sheet,
            title=title,
            headers=HEADERS[name],
            entries=READERS[name](store, r),
            range=r,
            foot=foot_line(store, today),
        )
