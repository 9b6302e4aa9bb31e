"""Records of progress on occurrences: resolving tasks, appending records, a task's log.

Every record is a new row; current state is derived from the history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR, RECTIFY, RELY
from civicli.limits import number_text
from civicli.plan.dates import occurrence_key
from civicli.plan.naming import SCHEDULE_CODE
from civicli.store.completion import RECORD_STATUSES, OccurrenceFilter, occurrence_rows
from civicli.store.connection import Row, Store, now_stamp
from civicli.store.evidence import check_photos, photos_of, photos_ready, store_photos
from civicli.store.names import check_day
from civicli.store.names import resolve_task as named

_METRIC_NAME = re.compile(r"^[^\s=]+$")
MAX_METRIC = 10**15
# the status words a clerk may type, in either language (--status 完成 is done)
STATUS_WORDS = {
    "todo": "todo",
    "待办": "todo",
    "未开始": "todo",
    "doing": "doing",
    "进行中": "doing",
    "done": "done",
    "完成": "done",
    "已完成": "done",
    "blocked": "blocked",
    "受阻": "blocked",
}


def resolve_task(store: Store, ref: str, *, active: bool = True) -> Row:
    """The task the clerk names (store.names.resolve_task). active: refuse archived tasks."""
    return named(store, ref, active=active)


def metric_names(store: Store, plan_id: str) -> dict[str, str]:
    """Metric id → its Chinese name, for the metrics a plan names (`metrics:`)."""
    rows = store.query("SELECT metric_id, name FROM metrics WHERE plan_id = ?", [plan_id])
    return {r["metric_id"]: r["name"] for r in rows if r["name"]}


def parse_metrics(items: Sequence[str]) -> dict[str, float]:
    """`participants=120` → {"participants": 120.0}; repeated names are an error."""
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not _METRIC_NAME.match(name):
            raise InvalidInput(ERR["metric_form"].format(item=item))
        try:  # finite, within ±10^15 (civicli.limits); a long one is refused before converting
            number = number_text(value)
        except ValueError:
            raise InvalidInput(
                ERR["limit_number"].format(what=f"--metric {name}", value=value[:40])
            ) from None
        if number is None:
            raise InvalidInput(ERR["metric_number"].format(item=item, value=value))
        if not 0 <= number <= MAX_METRIC:
            raise InvalidInput(RECTIFY["err_metric_range"].format(item=item))
        if name in out:
            raise InvalidInput(ERR["metric_twice"].format(name=name))
        out[name] = number
    return out


def _pick_occurrence(
    store: Store, task: Row, today: dt.date, day: dt.date, key: str | None
) -> tuple[str, bool]:
    """The occurrence a record made on `day` goes on, and whether it is done already (as of
    today, every record counted).

    Named with `--occurrence`: that one, whatever its state. Else (cli.md, `progress`): the one
    whose window (opens … due) holds `day` and is not done — of several, the one due first; when
    none holds it, the earliest not done and not missed on `day` that was due before it (work
    made up late); else the next upcoming one. When the window holding `day` is done and
    nothing is left to make up, that done one (the caller refuses a double unless --again)."""
    if key is not None:
        key = occurrence_key(key)  # 2027年9月 → 2027-09, as the tables show it
        if store.one("SELECT 1 FROM occurrences WHERE task_key = ? AND key = ?", [task["key"], key]):
            named = occurrence_rows(store, today, OccurrenceFilter(pairs=[(task["key"], key)]))
            return key, bool(named and named[0].done)
        keys = [
            r["key"]
            for r in store.query("SELECT key FROM occurrences WHERE task_key = ? ORDER BY due", [task["key"]])
        ]
        shown = ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
        raise NotFound(ERR["no_occurrence"].format(key=task["key"], occurrence=key, known=shown))
    iso = day.isoformat()
    rows = occurrence_rows(store, today, OccurrenceFilter(task_key=task["key"]))
    rows.sort(key=lambda r: (r.due, r.opens))
    holding = [r for r in rows if r.opens <= iso <= r.due]
    for r in holding:
        if not r.done:
            return r.occurrence, False
    for r in rows:  # made up late: due before the day, not done, not yet missed on the day
        if not r.done and r.due < iso and iso < r.until:
            return r.occurrence, False
    if holding:
        return holding[0].occurrence, True
    for r in rows:
        if not r.done and r.opens > iso:
            return r.occurrence, False
    done = [r for r in rows if r.done]
    if done:
        before = [r for r in done if r.due < iso]
        return (before[-1] if before else done[0]).occurrence, True
    raise InvalidInput(ERR["nothing_open"].format(key=task["key"]))


def _refuse_done(store: Store, task_key: str, occurrence: str) -> None:
    """A record on an occurrence already done, without --again: refused naming the record that
    made it done (its number, for `undo` and `log`)."""
    row = store.one(
        "SELECT r.id, r.date FROM live_records r WHERE r.task_key = ? AND r.occurrence = ? "
        "AND (r.status = 'done' OR r.percent = 100) "
        "ORDER BY r.id DESC LIMIT 1",
        [task_key, occurrence],
    )
    if row is None:  # done by its inspections (every area inspected in the window)
        raise InvalidInput(RELY["done_by_areas"].format(task=task_key, occurrence=occurrence))
    raise InvalidInput(
        RELY["already_done"].format(task=task_key, occurrence=occurrence, id=row["id"], date=row["date"])
    )


def record_progress(
    store: Store,
    ref: str,
    today: dt.date,
    *,
    status: str | None = None,
    percent: int | None = None,
    note: str | None = None,
    by: str | None = None,
    metrics: dict[str, float] | None = None,
    occurrence: str | None = None,
    date: dt.date | None = None,
    again: bool = False,
    place: str | None = None,
    people: str | None = None,
    photos: Sequence[str] = (),
) -> Row:
    """Append one record to a task occurrence's history. Returns the record as logged.

    `date`: the day it happened (default today; see check_day). Metrics are checked against
    the plan's (by id or Chinese name; stored under the id). A record identical to one already
    made for the task on the same day is refused unless `again`.

    place / people: the activity's 地点 and 参加人员; photos are kept as evidence (evidence.py)."""
    if status is not None:
        status = STATUS_WORDS.get(status.strip().lower(), status.strip())
    if status is not None and status not in RECORD_STATUSES:
        raise InvalidInput(
            ERR["bad_status"].format(
                status=status, known="todo/待办, doing/进行中, done/完成/已完成, blocked/受阻"
            )
        )
    if percent is not None and not 0 <= percent <= 100:
        raise InvalidInput(ERR["bad_percent"].format(percent=percent))
    place, people = (place or "").strip() or None, (people or "").strip() or None
    if status is None and percent is None and not note and not metrics and not (place or people or photos):
        raise InvalidInput(ERR["nothing_to_record"])
    check_photos(photos)  # before anything is written
    # the photos read and copied before the write lock is taken, then the record made
    with photos_ready(store, photos) as ready, store.write():
        task = resolve_task(store, ref)
        day = date or today
        if date is not None:
            check_day(store, task["plan_id"], date, today)
        metrics = known_metrics(store, task["plan_id"], metrics or {})
        key, already = _pick_occurrence(store, task, today, day, occurrence)
        # a second `done` on a done occurrence (named, or the one the rule picks); without
        # --occurrence, any other record on one done already (it would reopen or pile on it)
        if already and not again and (status == "done" or percent == 100 or occurrence is None):
            _refuse_done(store, task["key"], key)
        if not again:
            # an occurrence named with --occurrence: a record on another one is not a double entry
            # (back-filling several weeks on one day); without it, any occurrence of the task
            _refuse_double(store, task["key"], day, status, percent, note, metrics, occurrence and key)
        cur = store.conn.execute(
            'INSERT INTO records (task_key, occurrence, at, date, status, percent, note, "by", place, people) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [task["key"], key, now_stamp(), day.isoformat(), status, percent, note, by, place, people],
        )
        record_id = int(cur.lastrowid or 0)
        if metrics:
            store.conn.executemany(
                "INSERT INTO record_metrics (record_id, name, value) VALUES (?, ?, ?)",
                [(record_id, k, v) for k, v in metrics.items()],
            )
        store_photos(store, "record", record_id, ready)  # last: its files are removed if it fails
    entries = log(store, task["key"])
    return {"task": task["key"], "title": task["title"], **entries[-1]}


def known_metrics(store: Store, plan_id: str, given: dict[str, float]) -> dict[str, float]:
    """The metrics given, keyed by metric id: each must be one the plan knows (`metrics:` or a
    target's metric), named by its id or its Chinese name."""
    if not given:
        return {}
    names: dict[str, str] = {}
    for m in store.query("SELECT metric_id, name FROM metrics WHERE plan_id = ? ORDER BY rowid", [plan_id]):
        names[m["metric_id"]] = m["name"]
    for t in store.query(
        "SELECT metric FROM targets WHERE plan_id = ? AND metric IS NOT NULL ORDER BY goal_id, position",
        [plan_id],
    ):
        names.setdefault(t["metric"], t["metric"])
    by_name = {name: metric_id for metric_id, name in names.items()}
    out: dict[str, float] = {}
    for given_name, value in given.items():
        metric_id = given_name if given_name in names else by_name.get(given_name)
        if metric_id is None:
            known = "、".join(k if v == k else f"{k}（{v}）" for k, v in names.items())
            if not known:
                raise InvalidInput(RECTIFY["err_no_metrics"].format(name=given_name, plan=plan_id))
            raise InvalidInput(
                RECTIFY["err_unknown_metric"].format(name=given_name, plan=plan_id, known=known)
            )
        if metric_id in out:
            raise InvalidInput(ERR["metric_twice"].format(name=metric_id))
        out[metric_id] = value
    return out


def _refuse_double(
    store: Store,
    task_key: str,
    day: dt.date,
    status: str | None,
    percent: int | None,
    note: str | None,
    metrics: dict[str, float],
    occurrence: str | None,
) -> None:
    """Refuse a record identical to one already made for the task on the same day (not taken
    back): same status, percent, note and metrics (and occurrence, when one was named)."""
    for r in store.query(
        "SELECT r.id, r.at, r.occurrence FROM live_records r WHERE r.task_key = ? AND r.date = ? "
        "AND r.status IS ? AND r.percent IS ? AND COALESCE(r.note, '') = ? "
        "AND (? IS NULL OR r.occurrence = ?) "
        "ORDER BY r.id",
        [task_key, day.isoformat(), status, percent, note or "", occurrence, occurrence],
    ):
        theirs = {
            m["name"]: m["value"]
            for m in store.query("SELECT name, value FROM record_metrics WHERE record_id = ?", [r["id"]])
        }
        if theirs == metrics:
            raise InvalidInput(
                RECTIFY["err_double"].format(
                    task=task_key, id=r["id"], at=r["at"], occurrence=r["occurrence"], date=day.isoformat()
                )
            )


def schedule_code(store: Store, task_key: str) -> str | None:
    """The code of a task's schedule (civicli.plan.naming.from_code), to name its occurrences."""
    row = store.one(f"SELECT {SCHEDULE_CODE} AS code FROM tasks t WHERE t.key = ?", [task_key])
    return None if row is None else row["code"]


def log(store: Store, ref: str) -> list[Row]:
    """A task's full history, oldest first (archived tasks too); records taken back with `undo`
    stay, marked `undone`."""
    task = resolve_task(store, ref, active=False)
    rows = store.query(
        'SELECT r.id, r.at, r.date, r.occurrence, r.status, r.percent, r.note, r."by", r.place, r.people, '
        "NOT EXISTS (SELECT 1 FROM live_records l WHERE l.id = r.id) AS undone "
        "FROM records r WHERE r.task_key = :task ORDER BY r.id",
        {"task": task["key"]},
    )
    metrics: dict[int, dict[str, float]] = {}
    for m in store.query(
        "SELECT m.record_id, m.name, m.value FROM record_metrics m JOIN records r ON r.id = m.record_id "
        "WHERE r.task_key = ? ORDER BY m.rowid",
        [task["key"]],
    ):
        value = m["value"]
        metrics.setdefault(m["record_id"], {})[m["name"]] = int(value) if value == int(value) else value

    photos = photos_of(store, "record", [r["id"] for r in rows])
    # a record whose occurrence a schedule change removed stays listed, marked `orphaned`
    live = {r["key"] for r in store.query("SELECT key FROM occurrences WHERE task_key = ?", [task["key"]])}
    return [
        {
            **{k: v for k, v in r.items() if k != "undone"},
            "metrics": metrics.get(r["id"], {}),
            "photos": photos.get(r["id"], []),
            "undone": bool(r["undone"]),
            "orphaned": r["occurrence"] not in live,
        }
        for r in rows
    ]
