"""Taking back what was recorded (`undo`): append-only, through the `takebacks` table.

A taking-back is a row of its own; the record, inspection or rectification step it names stays
where it was (listed in `log`, marked 已撤销) and stops counting everywhere: the facts kept on
occurrence rows follow by themselves (store/completion.py), every listing and the bulletin leave
it out, and the rectifications of an inspection's area are rebuilt without it. `undo` walks back
one command at a time along the order things were recorded (`journal`, migration 0008).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import UNDO
from civicli.store.connection import Store, now_stamp

KINDS = ("record", "inspection", "step")


@dataclass(frozen=True)
class Recorded:
    """Something recorded that can be taken back, with what a clerk needs to recognise it."""

    kind: str  # record, inspection or step
    id: int
    date: str  # the day it was recorded for
    at: str  # when it was recorded
    # a record: the task and occurrence, and what it said
    task_key: str | None = None
    occurrence: str | None = None
    status: str | None = None
    percent: int | None = None
    note: str | None = None
    # an inspection: the template and area; a step: its rectification and kind (measure / recheck)
    template_key: str | None = None
    area: str | None = None
    rectification_id: int | None = None
    step: str | None = None


def _taken_back(store: Store, kind: str, target_id: int) -> str | None:
    found = store.one("SELECT at FROM takebacks WHERE kind = ? AND target_id = ?", [kind, target_id])
    return None if found is None else str(found["at"])


def _find(store: Store, kind: str, target_id: int) -> Recorded | None:
    if kind == "record":
        r = store.one(
            "SELECT id, date, at, task_key, occurrence, status, percent, note FROM records WHERE id = ?",
            [target_id],
        )
        return None if r is None else Recorded(kind="record", **r)
    if kind == "inspection":
        r = store.one("SELECT id, date, at, template_key, area FROM inspections WHERE id = ?", [target_id])
        return None if r is None else Recorded(kind="inspection", **r)
    r = store.one(
        "SELECT id, date, at, rectification_id, kind AS step FROM rectification_steps WHERE id = ?",
        [target_id],
    )
    return None if r is None else Recorded(kind="step", **r)


def latest(store: Store) -> Recorded | None:
    """The latest thing recorded and not yet taken back, or None."""
    found = store.one(
        "SELECT j.kind, j.target_id FROM journal j WHERE NOT EXISTS (SELECT 1 FROM takebacks k "
        "WHERE k.kind = j.kind AND k.target_id = j.target_id) ORDER BY j.seq DESC LIMIT 1"
    )
    return None if found is None else _find(store, found["kind"], int(found["target_id"]))


def pick(store: Store, *, record: int | None = None, inspection: int | None = None) -> Recorded:
    """What `undo` would take back: the record or inspection named, else the latest thing recorded.
    Something already taken back is refused: a taking-back is not itself taken back."""
    if record is not None or inspection is not None:
        kind, target = ("record", record) if record is not None else ("inspection", inspection)
        assert target is not None
        found = _find(store, kind, target)
        if found is None:
            raise NotFound(UNDO[f"err_no_{kind}"].format(id=target))
        at = _taken_back(store, kind, target)
        if at is not None:
            raise InvalidInput(UNDO[f"err_again_{kind}"].format(id=target, at=at))
        _check_no_steps(store, found)
        return found
    found = latest(store)
    if found is None:
        raise InvalidInput(UNDO["err_nothing"])
    _check_no_steps(store, found)
    return found


def _check_no_steps(store: Store, what: Recorded) -> None:
    """An inspection that opened rectifications with measures or rechecks on them (not taken
    back) stays: those steps are taken back first."""
    if what.kind != "inspection":
        return
    steps = store.query(
        "SELECT DISTINCT s.rectification_id FROM live_steps s "
        "JOIN rectifications r ON r.id = s.rectification_id "
        "WHERE r.opened_by = :id ORDER BY 1",
        {"id": what.id},
    )
    if steps:
        ids = ", ".join(f"#{r['rectification_id']}" for r in steps)
        raise InvalidInput(UNDO["err_steps"].format(id=what.id, rectifications=ids))


def _append(store: Store, what: Recorded, today: dt.date, by: str | None) -> None:
    """Inside a write transaction: the taking-back of `what` (the transaction recomputes the
    rectifications of an inspection's or a step's area without it: Store.write)."""
    store.conn.execute(
        'INSERT INTO takebacks (kind, target_id, at, date, "by") VALUES (?, ?, ?, ?, ?)',
        [what.kind, what.id, now_stamp(), today.isoformat(), by],
    )


def take_back(store: Store, what: Recorded, today: dt.date, by: str | None = None) -> None:
    """Append the taking-back of `what` (one transaction)."""
    with store.write():
        at = _taken_back(store, what.kind, what.id)
        if at is not None:  # another process was first
            raise InvalidInput(UNDO[f"err_again_{what.kind}"].format(id=what.id, at=at))
        _append(store, what, today, by)


def undo(
    store: Store,
    today: dt.date,
    *,
    record: int | None = None,
    inspection: int | None = None,
    dry_run: bool = False,
) -> Recorded:
    """Take back (or with dry_run, only name) the record or inspection given, else the latest
    thing recorded, chosen inside the write transaction (two `undo` at once take back two
    things). Returns what was (or would be) taken back."""
    if dry_run:
        return pick(store, record=record, inspection=inspection)
    with store.write():
        what = pick(store, record=record, inspection=inspection)
        _append(store, what, today, None)
    return what
