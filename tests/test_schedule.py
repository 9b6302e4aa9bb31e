"""Occurrence rules (plan-format.md, "Schedules and occurrences") as table-driven tests."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicli.plan import schedule
from civicli.plan.model import CalendarEntry, MonthDay, Plan, Task
from civicli.store.completion import derive

D = dt.date.fromisoformat


def plan(
    start: str = "2027-01-01",
    end: str = "2027-12-31",
    tracked_from: str | None = None,
    calendar: dict[str, CalendarEntry] | None = None,
) -> Plan:
    return Plan(
        id="p",
        title="t",
        start=D(start),
        end=D(end),
        sections=(),
        tracked_from=D(tracked_from) if tracked_from else None,
        calendar=calendar or {},
    )


def task(**kw: object) -> Task:
    return Task(id="t", title="t", section_id="1", **kw)  # type: ignore[arg-type]


def occ(p: Plan, **kw: object) -> list[tuple[str, str, str, str | None]]:
    return [
        (o.key, o.opens.isoformat(), o.due.isoformat(), o.missed_from.isoformat() if o.missed_from else None)
        for o in schedule.occurrences(p, task(**kw))
    ]


@pytest.mark.parametrize(
    ("kw", "count", "first", "last"),
    [
        (
            {"every": "week"},
            52,
            ("2027-W01", "2027-01-04", "2027-01-10", "2027-01-18"),
            ("2027-W52", "2027-12-27", "2028-01-02", "2028-01-10"),
        ),
        (
            {"every": "month"},
            12,
            ("2027-01", "2027-01-01", "2027-01-31", "2027-03-01"),
            ("2027-12", "2027-12-01", "2027-12-31", "2028-02-01"),
        ),
        (
            {"every": "quarter"},
            4,
            ("2027-Q1", "2027-01-01", "2027-03-31", "2027-07-01"),
            ("2027-Q4", "2027-10-01", "2027-12-31", "2028-04-01"),
        ),
        (
            {"every": "year"},
            1,
            ("2027", "2027-01-01", "2027-12-31", "2029-01-01"),
            ("2027", "2027-01-01", "2027-12-31", "2029-01-01"),
        ),
        (
            {"every": "2 weeks"},
            26,
            ("2027-W01", "2027-01-04", "2027-01-17", "2027-02-01"),
            ("2027-W51", "2027-12-20", "2028-01-02", "2028-01-17"),
        ),
        (
            {"every": "3 months"},
            4,
            ("2027-01", "2027-01-01", "2027-03-31", "2027-07-01"),
            ("2027-10", "2027-10-01", "2027-12-31", "2028-04-01"),
        ),
        ({}, 1, ("once", "2027-01-01", "2027-12-31", None), ("once", "2027-01-01", "2027-12-31", None)),
        (
            {"due": D("2027-02-28")},
            1,
            ("once", "2027-01-01", "2027-02-28", None),
            ("once", "2027-01-01", "2027-02-28", None),
        ),
    ],
)
def test_every_and_due(kw: dict[str, object], count: int, first: tuple, last: tuple) -> None:
    got = occ(plan(), **kw)
    assert len(got) == count
    assert got[0] == first
    assert got[-1] == last


def test_iso_week_53_and_year_boundary() -> None:
    # 2026 has ISO week 53 (Mon 2026-12-28 .. Sun 2027-01-03)
    got = occ(plan("2026-12-01", "2027-01-31"), every="week")
    keys = [k for k, *_ in got]
    assert keys == [
        "2026-W50",
        "2026-W51",
        "2026-W52",
        "2026-W53",
        "2027-W01",
        "2027-W02",
        "2027-W03",
        "2027-W04",
    ]
    assert got[3][1:3] == ("2026-12-28", "2027-01-03")


def test_mid_period_start_uses_first_whole_block() -> None:
    got = occ(plan("2027-03-17", "2027-12-31"), every="month")
    assert got[0][:3] == ("2027-04", "2027-04-01", "2027-04-30")
    got = occ(plan("2027-03-17", "2027-12-31"), every="quarter")
    assert [k for k, *_ in got] == ["2027-Q2", "2027-Q3", "2027-Q4"]
    got = occ(plan("2027-03-17", "2027-12-31"), every="2 weeks")
    assert got[0][:3] == ("2027-W12", "2027-03-22", "2027-04-04")


def test_leap_year_february() -> None:
    got = occ(plan("2028-01-01", "2028-12-31"), every="month")
    assert got[1][:3] == ("2028-02", "2028-02-01", "2028-02-29")


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"festival": "中秋"}, [("2027-中秋", "2027-09-01", "2027-09-15", "2027-09-30")]),
        (
            {"festival": "double-ninth", "offset": -2, "lead": 10},
            [("2027-重阳", "2027-09-26", "2027-10-06", "2027-10-21")],
        ),
        (
            {"festival": "重阳", "offset": 3, "grace": 0},
            [("2027-重阳", "2027-09-27", "2027-10-11", "2027-10-12")],
        ),
        ({"festival": "清明", "lead": 0}, [("2027-清明", "2027-04-05", "2027-04-05", "2027-04-20")]),
        ({"festival": "暑假"}, [("2027-暑假", "2027-06-17", "2027-08-31", "2027-09-15")]),
        ({"festival": "寒冬"}, [("2027-寒冬", "2027-12-06", "2028-01-10", "2028-01-25")]),
    ],
)
def test_festivals(kw: dict[str, object], expected: list[tuple]) -> None:
    cal = {
        "暑假": CalendarEntry("暑假", MonthDay(7, 1), MonthDay(8, 31)),
        "寒冬": CalendarEntry("寒冬", MonthDay(12, 20), MonthDay(1, 10)),
    }
    assert occ(plan(calendar=cal), **kw) == expected


def test_festival_outside_period_gives_nothing_and_spanning_plan_gives_two() -> None:
    assert occ(plan("2027-01-01", "2027-06-30"), festival="中秋") == []
    got = occ(plan("2026-07-01", "2027-12-31"), festival="中秋")
    assert [(k, d) for k, _, d, _ in got] == [("2026-中秋", "2026-09-25"), ("2027-中秋", "2027-09-15")]


def test_offset_moves_date_but_not_key_and_decides_inclusion() -> None:
    # 除夕 2027-02-05 moved +30 days: due 2027-03-07, key stays 2027-除夕
    assert occ(plan(), festival="除夕", offset=30)[0][:3] == ("2027-除夕", "2027-02-21", "2027-03-07")
    # 元旦 2027-01-01 moved -1 falls outside 2027: no occurrence for 2027's 元旦, none for 2028's either
    assert occ(plan(), festival="元旦", offset=-1) == [
        ("2028-元旦", "2027-12-17", "2027-12-31", "2028-01-15")
    ]


def test_month_day_02_29_in_common_year() -> None:
    cal = {"闰日": CalendarEntry("闰日", MonthDay(2, 29))}
    assert occ(plan(calendar=cal), festival="闰日", lead=0)[0][:3] == (
        "2027-闰日",
        "2027-02-28",
        "2027-02-28",
    )


def test_tracked_from_drops_earlier_occurrences() -> None:
    got = occ(plan(tracked_from="2027-07-01"), every="month")
    assert next(k for k, *_ in got) == "2027-07"
    assert len(got) == 6


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("week", (1, "week")),
        ("2 weeks", (2, "week")),
        ("3 months", (3, "month")),
        ("1 month", (1, "month")),
        ("fortnight", None),
        ("0 weeks", None),
        ("2 days", None),
        ("weekly", None),
    ],
)
def test_parse_every(text: str, parsed: tuple[int, str] | None) -> None:
    assert schedule.parse_every(text) == parsed


# ------------------------------------------------------------- states


@pytest.mark.parametrize(
    ("today", "status", "percent", "state"),
    [
        ("2027-09-06", None, None, "upcoming"),
        ("2027-09-07", None, None, "outstanding"),
        ("2027-09-13", None, None, "outstanding"),
        ("2027-09-14", None, None, "overdue"),
        ("2027-09-20", None, None, "overdue"),
        ("2027-09-21", None, None, "missed"),
        ("2027-09-21", "done", None, "done"),
        ("2027-09-10", None, 100, "done"),
        ("2027-09-10", "doing", 50, "outstanding"),
    ],
)
def test_weekly_states(today: str, status: str | None, percent: int | None, state: str) -> None:
    # a weekly window Tue 09-07 .. Mon 09-13, missed from 09-21
    d = derive(today, "2027-09-07", "2027-09-13", "2027-09-21", status, percent, percent)
    assert d.state == state


def test_inspection_areas_complete_the_occurrence() -> None:
    assert derive("2027-09-10", "2027-09-06", "2027-09-12", "2027-09-20", None, None, None, 3, 3).done
    partial = derive("2027-09-10", "2027-09-06", "2027-09-12", "2027-09-20", None, None, 20, 1, 4)
    assert partial.state == "outstanding" and partial.credit == 0.25


# ------------------------------------------------------------- properties

EVERY = st.sampled_from(["week", "month", "quarter", "year", "2 weeks", "3 weeks", "2 months", "5 months"])


@settings(max_examples=150, deadline=None)
@given(start=st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)), days=st.integers(35, 800), every=EVERY)
def test_every_never_overlaps_and_stays_in_period(start: dt.date, days: int, every: str) -> None:
    p = plan(start.isoformat(), (start + dt.timedelta(days=days)).isoformat())
    got = schedule.occurrences(p, task(every=every))
    keys = [o.key for o in got]
    assert len(keys) == len(set(keys))
    for a, b in itertools.pairwise(got):
        assert a.due < b.opens
        assert b.opens - a.due == dt.timedelta(days=1)  # consecutive, no gaps, no drift
    for o in got:
        assert p.start <= o.opens <= p.end
        assert o.opens <= o.due
        assert o.missed_from is not None and o.missed_from > o.due
    assert got == schedule.occurrences(p, task(every=every))  # stable


@settings(max_examples=60, deadline=None)
@given(
    year=st.integers(1902, 2098),
    name=st.sampled_from(["春节", "中秋", "重阳", "清明", "端午", "除夕", "腊八"]),
    offset=st.integers(-30, 30),
)
def test_festival_occurrences_stay_inside_period(year: int, name: str, offset: int) -> None:
    p = plan(f"{year}-01-01", f"{year}-12-31")
    got = schedule.occurrences(p, task(festival=name, offset=offset))
    for o in got:
        moved_start = o.opens + dt.timedelta(days=14)
        assert p.start <= moved_start <= p.end
    assert len({o.key for o in got}) == len(got)


def test_expansions_shared_between_plans_keep_each_plans_own_dates() -> None:
    """Expansions are shared by schedule (a district has few): what moves them is still each
    plan's own. tracked_from leaves out what is due before it, in this plan only; a plan's own
    day of the same name sits on that plan's date."""
    assert len(occ(plan(), every="month")) == 12
    # tracked from 2027-07-01: the months due before (Jan..Jun, due on their last day) left out
    assert occ(plan(tracked_from="2027-07-01"), every="month")[0][0] == "2027-07"
    assert len(occ(plan(), every="month")) == 12  # the first plan's again whole
    day = {"开放日": CalendarEntry("开放日", MonthDay(5, 20))}
    other = {"开放日": CalendarEntry("开放日", MonthDay(9, 3))}
    assert occ(plan(calendar=day), festival="开放日")[0][2] == "2027-05-20"
    assert occ(plan(calendar=other), festival="开放日")[0][2] == "2027-09-03"
    # a different period: its own weeks (2028 starts on a Saturday: the first Monday is 01-03)
    assert occ(plan("2028-01-01", "2028-12-31"), every="week")[0][:2] == ("2028-W01", "2028-01-03")
