"""Bulletin numbers (期号): a week's bulletin takes its number when it is issued.

Issued means written to a file (`summary --output`) or printed with `summary --issue`, after
the week has ended. Numbers run 1, 2, 3… within the (ISO) year of the week, in the order
issued, or from the setting `bulletin.next_issue` (used up by the bulletin that takes it). A
week keeps its number: it is only read afterwards, without a write, so a read-only database
can print a week already numbered. Looking at a week (on screen, down a pipe) takes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from civicli.store.connection import Store, now_stamp
from civicli.store.settings import take_next_issue


class Issue(NamedTuple):
    """A week's bulletin number and when it was taken (a local time stamp)."""

    number: int
    taken_at: str


def issue_of(store: Store, week: str) -> Issue | None:
    """The number week `week` (`2027-W36`) was given, or None when it has none yet."""
    found = store.one("SELECT number, generated_at FROM bulletins WHERE week = ?", [week])
    return Issue(int(found["number"]), str(found["generated_at"])) if found else None


def _take(store: Store, week: str, year: int) -> Issue:
    """Inside a write transaction: the week's number, taken now unless another process took it
    meanwhile. `bulletin.next_issue` when set (then cleared: it names the next number only),
    else one more than the highest of the week's year, or 1."""
    found = issue_of(store, week)
    if found is not None:
        return found
    used = {int(r["number"]) for r in store.query("SELECT number FROM bulletins WHERE year = ?", [year])}
    number = max(used, default=0) + 1

    wanted = take_next_issue(store)  # `config bulletin.next_issue`, used up here
    if wanted is not None and wanted >= 1 and wanted not in used:
        number = wanted
    stamp = now_stamp()
    store.conn.execute(
        "INSERT INTO bulletins (week, year, number, generated_at) VALUES (?, ?, ?, ?)",
        [week, year, number, stamp],
    )
    return Issue(number, stamp)


@contextmanager
def issuing(store: Store, week: str, year: int) -> Iterator[Issue]:
    """The number of week `week` (of ISO year `year`) for as long as its bulletin is being
    issued. A week already numbered is only read (no write). Otherwise the number is taken in a
    write transaction that commits only when the block ends without error: a bulletin that could
    not be written uses no number up. Keep the block short (other writers wait for it)."""
    found = issue_of(store, week)
    if found is not None:
        yield found
        return
    with store.write():
        yield _take(store, week, year)
