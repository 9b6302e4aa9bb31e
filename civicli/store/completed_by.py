"""Tasks completed by something civicli itself does: `completed_by: bulletin` (编制创建简报).

Each time a finished week's bulletin is written to a file, every active task with
`completed_by: bulletin` gets a `done` record on its occurrence whose window (opens..due) holds
the week's last day. The record is an ordinary one (it shows in `log`, can be taken back); the
table `bulletin_completions` remembers it, so writing the same week's bulletin again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from civicli.store.connection import Store, now_stamp


class BulletinCompletion(NamedTuple):
    """A task occurrence recorded done because a week's bulletin was written."""

    task_key: str
    occurrence: str
    record_id: int


def complete_by_bulletin(
    store: Store, week: str, last_day: dt.date, today: dt.date, note: str
) -> list[BulletinCompletion]:
    """Record `done` on each `completed_by: bulletin` task's occurrence holding `last_day` (the
    week's Sunday), once per week and task. Returns what was recorded now (empty when the week
    was written before, or no task is completed by the bulletin)."""
    day = last_day.isoformat()
    found: list[BulletinCompletion] = []
    pending = (
        "SELECT o.task_key, o.key FROM occurrences o JOIN tasks t ON t.key = o.task_key "
        "WHERE t.completed_by = 'bulletin' AND t.archived_at IS NULL "
        "AND o.opens <= :day AND o.due >= :day "
        "AND NOT EXISTS (SELECT 1 FROM bulletin_completions b WHERE b.week = :week "
        "AND b.task_key = o.task_key) "
        "ORDER BY o.task_key, o.due"
    )
    params = {"day": day, "week": week}
    if not store.query(pending, params):  # nothing to record: no write (a read-only database works)
        return found
    with store.write():
        rows = store.query(pending, params)  # again under the lock: another process may have done it
        seen: set[str] = set()
        for r in rows:
            if r["task_key"] in seen:  # one occurrence per task (windows never overlap)
                continue
            seen.add(r["task_key"])
            cur = store.conn.execute(
                "INSERT INTO records (task_key, occurrence, at, date, status, note) "
                "VALUES (?, ?, ?, ?, 'done', ?)",
                [r["task_key"], r["key"], now_stamp(), today.isoformat(), note],
            )
            record_id = int(cur.lastrowid or 0)
            store.conn.execute(
                "INSERT INTO bulletin_completions (week, task_key, record_id) VALUES (?, ?, ?)",
                [week, r["task_key"], record_id],
            )
            found.append(BulletinCompletion(r["task_key"], r["key"], record_id))
    return found
