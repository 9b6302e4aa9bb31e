"""The weekly summary (创建简报) as plain data: one ISO week, as of its last day.

Everything is computed from the history as if today were the week's last day (records and
inspections dated on or after the next day are ignored), so regenerating an old week gives
the same bulletin. Nothing here prints.

The one write is the bulletin number (期号): sequential within the (ISO) year (or from the
setting bulletin.next_issue), stored in the `bulletins` table the first time a finished week is
summarised, so re-running a week reuses its number without writing. A week still in progress
is a preview: summarised as of today, with no number, and nothing stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from civicli.errors import InvalidInput
from civicli.store.completion import Occurrence, PlanCompletion, Which, occurrences, plan_completion
from civicli.store.connection import Row, Store, now_stamp

UPCOMING_DAYS = 14
# records and inspections taken back with `undo` are left out of bulletins written afterwards
_LIVE_RECORD = "NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = r.id)"
_LIVE_INSPECTION = "NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'inspection' AND k.target_id = i.id)"
ONE_DAY = dt.timedelta(days=1)

_WEEK_RE = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


# ---------------------------------------------------------------- weeks


@dataclass(frozen=True)
class Week:
    """An ISO week (Monday–Sunday)."""

    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Week:
        iso = day.isocalendar()
        return cls(iso[0], iso[1])

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)


def _weeks_in(year: int) -> int:
    return dt.date(year, 12, 28).isocalendar()[1]


def parse_week(text: str) -> Week:
    """`2027-W36` (also `2027W36`, `2027-w36`), or a date `2027-09-08` (the week holding it)."""
    from civicli.i18n import SUMMARY

    m = _WEEK_RE.match(text)
    if m:
        year, number = int(m.group(1)), int(m.group(2))
        if not 1 <= year <= 9998 or not 1 <= number <= _weeks_in(year):
            last = _weeks_in(year) if 1 <= year <= 9998 else 52
            raise InvalidInput(SUMMARY["err_week_range"].format(text=text, year=year, last=last))
        return Week(year, number)
    from civicli.plan.dates import parse_date_text

    day = parse_date_text(text)
    if day is None:
        raise InvalidInput(SUMMARY["err_week"].format(text=text))
    return Week.of(day)


def default_week(today: dt.date) -> Week:
    """The latest ISO week that ends before today (on a Sunday: the week before this one)."""
    return Week.of(today - dt.timedelta(days=today.weekday() + 1))


# ---------------------------------------------------------------- helpers


def _num(value: Any) -> Any:
    """100.0 → 100 (JSON and text read better); other values unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@contextmanager
def _snapshot(store: Store) -> Iterator[None]:
    """Run the reads in one read transaction: a consistent view while others write (WAL)."""
    conn = store.conn
    began = False
    if not conn.in_transaction:
        conn.execute("BEGIN")
        began = True
    try:
        yield
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def _json_list(values: Sequence[Any]) -> str:
    import json

    return json.dumps(list(values), ensure_ascii=False)


def _task_item(r: Occurrence) -> Row:
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
    from civicli.plan.festivals import BUILTIN

    name = occurrence.split("-", 1)[1] if "-" in occurrence else occurrence
    base, dash, number = name.rpartition("-")
    return base if dash and number.isdigit() and base in BUILTIN else name


# ---------------------------------------------------------------- the summary


def _week_records(store: Store, ws: str, we: str) -> list[Row]:
    rows = store.query(
        'SELECT r.id, r.task_key, r.occurrence, r.at, r.date, r.status, r.percent, r.note, r."by" '
        "FROM records r JOIN tasks t ON t.key = r.task_key "
        "WHERE r.date >= :ws AND r.date <= :we AND t.archived_at IS NULL "
        f"AND {_LIVE_RECORD} ORDER BY r.id",
        {"ws": ws, "we": we},
    )
    metrics: dict[int, dict[str, Any]] = {}
    for m in store.query(
        "SELECT m.record_id, m.name, m.value FROM record_metrics m JOIN records r ON r.id = m.record_id "
        "WHERE r.date >= :ws AND r.date <= :we ORDER BY m.record_id, m.rowid",
        {"ws": ws, "we": we},
    ):
        metrics.setdefault(m["record_id"], {})[m["name"]] = _num(m["value"])
    for r in rows:
        r["metrics"] = metrics.get(r["id"], {})
    return rows


def _record_entry(r: Row) -> Row:
    return {
        "id": r["id"],
        "at": r["at"],
        "date": r["date"],
        "status": r["status"],
        "percent": r["percent"],
        "note": r["note"],
        "by": r["by"],
        "metrics": r["metrics"],
    }


def _sum_metrics(records: Sequence[Row]) -> dict[str, Any]:
    total: dict[str, float] = {}
    for r in records:
        for k, v in r["metrics"].items():
            total[k] = total.get(k, 0) + v
    return {k: _num(float(v)) for k, v in total.items()}


def _rows_for(
    store: Store, day: dt.date, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Occurrence]:
    """The given occurrences, with their state as of `day`."""
    if not pairs:
        return {}
    return {(r.task_key, r.occurrence): r for r in occurrences(store, day, Which(pairs=pairs))}


def _inspection_candidates(store: Store, ws: str, we: str) -> list[tuple[str, str]]:
    """Occurrences of inspection-linked tasks whose window overlaps the week, for templates
    inspected in the week (they may have been completed by those inspections)."""
    return [
        (r["task_key"], r["key"])
        for r in store.query(
            "SELECT o.task_key, o.key FROM occurrences o WHERE o.task_key IN ("
            "  SELECT t.key FROM tasks t WHERE t.inspection_id IS NOT NULL AND t.archived_at IS NULL"
            "  AND t.plan_id || '/' || t.inspection_id IN ("
            "    SELECT DISTINCT template_key FROM inspections i WHERE date >= :ws AND date <= :we"
            f"    AND {_LIVE_INSPECTION}))"
            " AND o.opens <= :we AND o.due >= :ws",
            {"ws": ws, "we": we},
        )
    ]


def _completed_and_progressed(
    store: Store, ws: str, we: str, as_of: dt.date, before: dt.date
) -> tuple[list[Row], list[Row]]:
    """Occurrences done in the week (done as of its last day, not the day before it began, through
    a record or an inspection in the week), and the others with records in the week."""
    records = _week_records(store, ws, we)
    by_occ: dict[tuple[str, str], list[Row]] = {}
    for r in records:
        by_occ.setdefault((r["task_key"], r["occurrence"]), []).append(r)
    candidates = sorted(set(by_occ) | set(_inspection_candidates(store, ws, we)))
    now = _rows_for(store, as_of, candidates)
    done_now = [p for p in candidates if p in now and now[p].done]

    # done already before the week: only those with a record dated before it, or an inspection
    def could(row: Occurrence) -> bool:
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
            notes=[r["note"] for r in recs if r["note"]],
            records=[_record_entry(r) for r in recs],
        )
        if row.done and not was_done:
            finishing = [r for r in recs if r["status"] == "done" or r["percent"] == 100]
            if finishing:
                item.update(date=finishing[-1]["date"], by=finishing[-1]["by"], via="record")
            else:
                item.update(date=_inspection_completion_date(store, row, ws, we), by=None, via="inspection")
            completed.append(item)
        elif recs:
            last = recs[-1]
            item.update(date=last["date"], by=last["by"])
            progressed.append(item)
    completed.sort(
        key=lambda i: (i["date"] or "", i["plan"] or "", position.get(i["key"], -1), i["occurrence"])
    )
    progressed.sort(key=lambda i: (i["plan"] or "", position.get(i["key"], -1), i["occurrence"]))
    return completed, progressed


def _orphan_item(store: Store, pair: tuple[str, str], recs: list[Row]) -> Row:
    t = (
        store.one(
            "SELECT key, plan_id, task_id, section_id, title, owner FROM tasks WHERE key = ?", [pair[0]]
        )
        or {}
    )
    last = recs[-1]
    return {
        "plan": t.get("plan_id"),
        "task": t.get("task_id"),
        "key": pair[0],
        "title": t.get("title", pair[0]),
        "section": t.get("section_id"),
        "owner": t.get("owner"),
        "owner_name": t.get("owner"),
        "occurrence": pair[1],
        "opens": None,
        "due": None,
        "state": None,
        "status": last["status"],
        "percent": last["percent"],
        "metrics": _sum_metrics(recs),
        "notes": [r["note"] for r in recs if r["note"]],
        "records": [_record_entry(r) for r in recs],
        "date": last["date"],
        "by": last["by"],
    }


def _inspection_completion_date(store: Store, row: Occurrence, ws: str, we: str) -> str | None:
    """The day the last area still missing was inspected (within the week)."""
    found = store.one(
        "SELECT MAX(first) AS day FROM (SELECT MIN(i.date) AS first FROM inspections i "
        "JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area "
        "WHERE i.template_key = :tk AND i.date >= :opens AND i.date <= :due AND i.date <= :we "
        f"AND {_LIVE_INSPECTION} GROUP BY i.area)",
        {"tk": f"{row.plan_id}/{row.inspection_id}", "opens": row.opens, "due": row.due, "we": we},
    )
    day = found["day"] if found else None
    return day if day is None or day >= ws else ws


def _inspections(store: Store, ws: str, we: str) -> list[Row]:
    """Inspections dated in the week, shaped as in `inspections --json` (plus failed item texts)."""
    rows = store.query(
        'SELECT i.id, i.template_id AS template, i.plan_id AS plan, i.area, i.date, i."by", i.score, i.passed, '
        "i.template_key AS key, tp.title, tp.pass_mark, i.note, i.at "
        "FROM inspections i JOIN templates tp ON tp.key = i.template_key "
        f"WHERE i.date >= :ws AND i.date <= :we AND {_LIVE_INSPECTION} ORDER BY i.date, i.id",
        {"ws": ws, "we": we},
    )
    answers: dict[int, list[Row]] = {}
    for a in store.query(
        "SELECT a.inspection_id, a.item_id, a.result, a.note, ti.text FROM inspection_answers a "
        "JOIN inspections i ON i.id = a.inspection_id "
        "LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id "
        f"WHERE i.date >= :ws AND i.date <= :we AND {_LIVE_INSPECTION} "
        "ORDER BY a.inspection_id, ti.position, a.item_id",
        {"ws": ws, "we": we},
    ):
        answers.setdefault(a["inspection_id"], []).append(a)
    for r in rows:
        mine = answers.get(r["id"], [])
        r["score"] = _num(r["score"])
        r["pass_mark"] = _num(r["pass_mark"])
        r["passed"] = bool(r["passed"])
        r["failed"] = [a["item_id"] for a in mine if a["result"] == "fail"]
        r["na"] = [a["item_id"] for a in mine if a["result"] == "na"]
        r["failed_items"] = [
            {"item": a["item_id"], "text": a["text"] or a["item_id"], "note": a["note"]}
            for a in mine
            if a["result"] == "fail"
        ]
    return rows


def _rectifications(store: Store, as_of: dt.date, ws: str, we: str) -> tuple[list[Row], list[Row], list[Row]]:
    """Rectifications opened and closed in the week, and overdue on its last day — as of that
    day (closed only if closed by then; repeats counted up to then), in the listing's shape."""
    from civicli.store.inspections import list_rectifications, rectification_json

    found = {r["id"]: r for r in list_rectifications(store, as_of, all=True, changed_since=ws)}
    found.update((r["id"], r) for r in list_rectifications(store, as_of, overdue=True))
    rows = sorted((rectification_json(r) for r in found.values()), key=lambda r: (r["due"], r["id"]))
    opened = [r for r in rows if ws <= r["opened"] <= we]
    closed = [r for r in rows if r["closed"] is not None and ws <= r["closed"] <= we]
    late = [r for r in rows if r["overdue"]]
    return opened, closed, late


def _upcoming(store: Store, as_of: dt.date) -> list[Row]:
    """Occurrences not done (nor missed) as of `as_of` that open or are due in the next 14 days."""
    lo, hi = as_of.isoformat(), (as_of + dt.timedelta(days=UPCOMING_DAYS)).isoformat()
    rows = [
        r
        for r in occurrences(store, as_of, Which(upcoming_until=as_of + dt.timedelta(days=UPCOMING_DAYS)))
        if r.state not in ("done", "missed")
    ]
    festivals = {
        t["key"]: t
        for t in store.query(
            'SELECT key, festival, "offset", lead FROM tasks WHERE festival IS NOT NULL '
            "AND key IN (SELECT value FROM json_each(:keys))",
            {"keys": _json_list(sorted({r.task_key for r in rows}))},
        )
    }
    out = []
    for r in rows:
        due_soon = lo < r.due <= hi
        name = day = None
        t = festivals.get(r.task_key)
        if t is not None:
            own = festival_date(r.opens, t["lead"], t["offset"])
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
            }
        )
    out.sort(key=lambda i: (i["date"], i["due"], i["plan"], i["key"], i["occurrence"]))
    return out


def _overdue(store: Store, as_of: dt.date) -> list[Row]:
    """Occurrences overdue as of `as_of` (open, past due, not done and not yet missed)."""
    out = []
    for r in occurrences(store, as_of, Which(overdue=True)):
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
        )
        out.append(item)
    out.sort(key=lambda i: (i["due"], i["plan"], i["key"], i["occurrence"]))
    return out


def _plans(store: Store, as_of: dt.date, ws: str) -> list[Row]:
    """Plans whose period overlaps the week (up to as_of): completion and goal targets as of as_of."""
    from civicli.store.plans import goal_rows

    we = as_of.isoformat()
    plans = store.query(
        'SELECT id, title, community, start, "end", incomplete FROM plans WHERE start <= :we AND "end" >= :ws '
        "ORDER BY start, id",
        {"we": we, "ws": ws},
    )
    if not plans:
        return []
    counts = {
        r["plan_id"]: r["n"]
        for r in store.query(
            "SELECT plan_id, COUNT(*) AS n FROM tasks WHERE archived_at IS NULL GROUP BY plan_id"
        )
    }
    done = plan_completion(store, as_of, [p["id"] for p in plans])
    empty = PlanCompletion(0.0, 0.0, 0, 0, 0)
    goals = goal_rows(store, [p["id"] for p in plans], until=we)
    out = []
    for p in plans:
        c = done.get(p["id"], empty)
        out.append(
            {
                "id": p["id"],
                "title": p["title"],
                "community": p["community"],
                "start": p["start"],
                "end": p["end"],
                "tasks": counts.get(p["id"], 0),
                "done": c.done,
                "percent": c.percent,
                "overdue": c.overdue,
                "goals": goals[p["id"]],
                "incomplete": p["incomplete"],
            }
        )
    return out


def _number(store: Store, week: Week, take: bool) -> tuple[int | None, str | None]:
    """The week's bulletin number (期号) and when it was taken; (None, None) for a preview, or
    when `take` is false and the week has no number yet. A number already taken is only read
    (no write: works on a read-only database); otherwise, with `take`, it is taken in a short
    write transaction of its own (see `numbered`)."""
    found = store.one("SELECT number, generated_at FROM bulletins WHERE week = ?", [week.key])
    if found:
        return int(found["number"]), found["generated_at"]
    if not take:
        return None, None
    with store.write():
        return _take_number(store, week)


def _take_number(store: Store, week: Week) -> tuple[int, str]:
    """Inside a write transaction: the week's number, taken now unless another process took it
    meanwhile. The setting bulletin.next_issue when set (then cleared: it names the next number
    only), else one more than the highest of the week's year, or 1."""
    found = store.one("SELECT number, generated_at FROM bulletins WHERE week = ?", [week.key])
    if found:
        return int(found["number"]), found["generated_at"]
    used = {int(r["number"]) for r in store.query("SELECT number FROM bulletins WHERE year = ?", [week.year])}
    number = max(used, default=0) + 1
    from civicli.store.settings import take_next_issue

    wanted = take_next_issue(store)  # `config bulletin.next_issue`, used up here
    if wanted is not None and wanted >= 1 and wanted not in used:
        number = wanted
    stamp = now_stamp()
    store.conn.execute(
        "INSERT INTO bulletins (week, year, number, generated_at) VALUES (?, ?, ?, ?)",
        [week.key, week.year, number, stamp],
    )
    return number, stamp


@contextmanager
def numbered(store: Store, data: Row) -> Iterator[Row]:
    """The bulletin `data` (from build_summary(..., take_number=False)) with its number, for as
    long as it is being written: a finished week not yet numbered takes its number in a write
    transaction that commits only when the block ends without error, so a bulletin that could
    not be written does not use a number up. Keep the block short (a file, not a pipe someone
    reads at leisure): other writers wait for it. A preview, or a week already numbered, is
    given as it is, with no write."""
    if data["preview"] or data["issue"] is not None:
        yield data
        return
    week = parse_week(data["week"])
    with store.write():
        number, stamp = _take_number(store, week)
        yield {**data, "issue": number, "generated_at": stamp}


def build_summary(store: Store, today: dt.date, week: Week | None = None, *, take_number: bool = True) -> Row:
    """The weekly summary of `week` (default: the latest week ending before today) as plain data.

    Keys (cli.md): week, start, end, completed, progressed, inspections, rectifications_opened,
    rectifications_closed, overdue, upcoming, plans; and issue, year, title, community,
    issued, as_of, preview, generated_at, rectifications_overdue, upcoming_until.
    """
    from civicli.i18n import SUMMARY

    if store.one("SELECT 1 AS x FROM plans LIMIT 1") is None:  # cron pointed at the wrong file
        from civicli.errors import DatabaseError
        from civicli.i18n import STORE

        raise DatabaseError(STORE["no_plans"].format(path=store.path))
    week = week or default_week(today)
    if week.start > today:
        raise InvalidInput(
            SUMMARY["err_future"].format(week=week.key, start=week.start, end=week.end, today=today)
        )
    preview = week.end >= today
    as_of = min(week.end, today)
    ws, we = week.start.isoformat(), as_of.isoformat()

    with _snapshot(store):
        completed, progressed = _completed_and_progressed(store, ws, we, as_of, week.start - ONE_DAY)
        inspections = _inspections(store, ws, we)
        opened, closed, late = _rectifications(store, as_of, ws, we)
        overdue = _overdue(store, as_of)
        upcoming = _upcoming(store, as_of)
        plans = _plans(store, as_of, ws)
        all_plans = store.query("SELECT id, title, community FROM plans ORDER BY start, id")
    shown = plans or all_plans
    communities = list(dict.fromkeys(p["community"] for p in shown if p["community"]))
    titles = {p["id"]: p["title"] for p in all_plans}
    for item in (*completed, *progressed, *overdue, *upcoming):
        item["plan_title"] = titles.get(item["plan"] or "", item["plan"])
    number, generated_at = (None, None) if preview else _number(store, week, take=take_number)
    from civicli.store.settings import get_setting

    settings = {
        key: get_setting(store, f"bulletin.{key}")
        for key in ("title", "issuer", "send_to", "copy_to", "copies")
    }
    metric_names: dict[str, dict[str, str]] = {}
    for m in store.query("SELECT plan_id, metric_id, name FROM metrics"):
        metric_names.setdefault(m["plan_id"], {})[m["metric_id"]] = m["name"]
    issued = min(week.end + ONE_DAY, today)
    return {
        "week": week.key,
        "start": ws,
        "end": week.end.isoformat(),
        "completed": completed,
        "progressed": progressed,
        "inspections": inspections,
        "rectifications_opened": opened,
        "rectifications_closed": closed,
        "overdue": overdue,
        "upcoming": upcoming,
        "plans": plans,
        # extra keys
        "title": settings["title"],
        "issue": number,
        "year": week.year,
        "community": "、".join(communities),
        "issued": issued.isoformat(),
        "as_of": we,
        "preview": preview,
        "generated_at": generated_at,
        "rectifications_overdue": late,
        "upcoming_until": (as_of + dt.timedelta(days=UPCOMING_DAYS)).isoformat(),
        # the 报头 and 报尾 (`civicli config`), and the metrics' Chinese names per plan
        "issuer": settings["issuer"],
        "send_to": settings["send_to"],
        "copy_to": settings["copy_to"],
        "copies": settings["copies"],
        "metric_names": metric_names,
    }
