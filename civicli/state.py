"""The state of an occurrence on a given day, derived from its window and latest records."""

from __future__ import annotations

from typing import NamedTuple

STATUSES = ("todo", "doing", "done", "blocked")


class Derived(NamedTuple):  # a tuple: made for every occurrence listed, so kept light
    state: str
    done: bool
    credit: float  # completion credit, 0..1


def derive(
    today: str,
    opens: str,
    due: str,
    until: str,
    decisive_status: str | None,
    decisive_percent: int | None,
    percent: int | None,
    areas_done: int | None = None,
    areas_total: int | None = None,
) -> Derived:
    """State and completion credit of one occurrence (dates as ISO text compare correctly).

    decisive_*: the latest record that gave a status or a percent; percent: the latest percent.
    """
    done = decisive_status == "done" or decisive_percent == 100
    if areas_total and areas_done is not None and areas_done >= areas_total:
        done = True
    if done:
        return Derived("done", True, 1.0)
    if today < opens:
        state = "upcoming"
    elif today >= until:
        return Derived("missed", False, 0.0)
    elif today > due:
        state = "overdue"
    else:
        state = "outstanding"
    credit = (percent or 0) / 100
    if areas_total:
        credit = max(credit, (areas_done or 0) / areas_total)
    return Derived(state, False, credit)
