"""Records of progress on occurrences: resolving tasks, appending records, a task's log.

Every record is a new row; current state is derived from the history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from civicli.errors import Ambiguous, InvalidInput, NotFound
from civicli.i18n import ERR
from civicli.store.completion import STATUSES, occurrence_rows, refresh_occurrence_facts
from civicli.store.connection import Row, Store, now_stamp, rows_by_ref

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

_METRIC_NAME = re.compile(r"^[^\W\d][\w.\-]*$")  # an id, or a Chinese name (参与人次)


def resolve_task(store: Store, ref: str, *, active: bool = True) -> Row:
    """PLAN_ID/TASK_ID, or a TASK_ID unique across plans. active: refuse archived tasks."""
    rows = rows_by_ref(store, "tasks", "task_id", ref, active=active)
    if not rows:
        raise NotFound(ERR["no_task"].format(ref=ref))
    if len(rows) > 1:
        keys = ", ".join(r["key"] for r in rows)
        raise Ambiguous(ERR["ambiguous_task"].format(ref=ref, keys=keys))
    row = rows[0]
    if active and row["archived_at"] is not None:
        raise InvalidInput(ERR["archived_task"].format(key=row["key"]))
    return row


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
        try:
            number = float(value)
        except ValueError:
            raise InvalidInput(ERR["metric_number"].format(item=item, value=value)) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise InvalidInput(ERR["metric_number"].format(item=item, value=value))
        if name in out:
            raise InvalidInput(ERR["metric_twice"].format(name=name))
        out[name] = number
    return out


def _pick_occurrence(store: Store, task: Row, today: dt.date, key: str | None) -> str:
    if key is not None:
        from civicli.plan.dates import occurrence_key

        key = occurrence_key(key)  # 2027年9月 → 2027-09, as the tables show it
        if store.one("SELECT 1 FROM occurrences WHERE task_key = ? AND key = ?", [task["key"], key]):
            return key
        keys = [
            r["key"]
            for r in store.query("SELECT key FROM occurrences WHERE task_key = ? ORDER BY due", [task["key"]])
        ]
        shown = ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
        raise NotFound(ERR["no_occurrence"].format(key=task["key"], occurrence=key, known=shown))
    rows = occurrence_rows(store, today, "o.task_key = :k", {"k": task["key"]})
    rows.sort(key=lambda r: (r["due"], r["opens"]))
    for wanted in (("overdue", "outstanding"), ("upcoming",)):
        for r in rows:
            if r["state"] in wanted:
                return str(r["occurrence"])
    raise InvalidInput(ERR["nothing_open"].format(key=task["key"]))


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
) -> Row:
    """Append one record to a task occurrence's history. Returns the record as logged."""
    if status is not None:
        status = STATUS_WORDS.get(status.strip().lower(), status.strip())
    if status is not None and status not in STATUSES:
        raise InvalidInput(
            ERR["bad_status"].format(
                status=status, known="todo/待办, doing/进行中, done/完成/已完成, blocked/受阻"
            )
        )
    if percent is not None and not 0 <= percent <= 100:
        raise InvalidInput(ERR["bad_percent"].format(percent=percent))
    if status is None and percent is None and not note and not metrics:
        raise InvalidInput(ERR["nothing_to_record"])
    with store.write():
        task = resolve_task(store, ref)
        if metrics:  # a metric by its Chinese name (plan `metrics:`) is stored under its id
            ids = {name: metric for metric, name in metric_names(store, task["plan_id"]).items()}
            metrics = {ids.get(k, k): v for k, v in metrics.items()}
        key = _pick_occurrence(store, task, today, occurrence)
        cur = store.conn.execute(
            'INSERT INTO records (task_key, occurrence, at, date, status, percent, note, "by") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [task["key"], key, now_stamp(), today.isoformat(), status, percent, note, by],
        )
        record_id = cur.lastrowid
        if metrics:
            store.conn.executemany(
                "INSERT INTO record_metrics (record_id, name, value) VALUES (?, ?, ?)",
                [(record_id, k, v) for k, v in metrics.items()],
            )
        refresh_occurrence_facts(store.conn, "o.task_key = ? AND o.key = ?", [task["key"], key])
    entries = log(store, task["key"])
    return {"task": task["key"], "title": task["title"], **entries[-1]}


def log(store: Store, ref: str) -> list[Row]:
    """A task's full history, oldest first (archived tasks too)."""
    task = resolve_task(store, ref, active=False)
    rows = store.query(
        'SELECT id, at, date, occurrence, status, percent, note, "by" FROM records '
        "WHERE task_key = ? ORDER BY id",
        [task["key"]],
    )
    metrics: dict[int, dict[str, float]] = {}
    for m in store.query(
        "SELECT m.record_id, m.name, m.value FROM record_metrics m JOIN records r ON r.id = m.record_id "
        "WHERE r.task_key = ? ORDER BY m.rowid",
        [task["key"]],
    ):
        value = m["value"]
        metrics.setdefault(m["record_id"], {})[m["name"]] = int(value) if value == int(value) else value
    return [{**{k: v for k, v in r.items() if k != "id"}, "metrics": metrics.get(r["id"], {})} for r in rows]
