"""`civicli calendar` (cli.md; issue 25, "Reminders where the clerk looks"): the iCalendar file
of the occurrences still to do, parsed back with the icalendar package.

Hand-computed for the plan below on 2027-09-10 (plan-format.md, "States of an occurrence"):
- visit (every month, owner 楼长): 2027-01 … 2027-07 are missed (the following month has
  ended), 2027-08 is overdue (September has not ended), 2027-09 is done below, 2027-10 … 12
  are upcoming: events on 08-31, 10-31, 11-30, 12-31;
- moon (中秋; 2027's is 09-15): open since 09-01 (14 days' lead), not done: an event on 09-15;
- lead (due 2027-09-30, owner 王主任, free text): outstanding: an event on 09-30;
- report (due 2027-06-30): done on 06-28: no event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from conftest import Invoke

DAY = "2027-09-10"
PLAN = """\
id: cal-2027
title: 日历测试计划
period: {start: 2027-01-01, end: 2027-12-31}
roles:
  heads: 楼长
sections:
  - id: "1"
    title: 活动
    tasks:
      - {id: visit, title: 走访困难户, every: month, owner: heads}
      - {id: moon, title: 中秋邻里联欢, festival: 中秋}
      - {id: lead, title: 成立领导小组, due: 2027-09-30, owner: 王主任}
      - {id: report, title: 半年总结, due: 2027-06-30}
"""
OTHER = """\
id: other-2027
title: 另一个计划
period: {start: 2027-01-01, end: 2027-12-31}
sections:
  - id: "1"
    title: 其他
    tasks:
      - {id: sweep, title: 大扫除, due: 2027-10-15}
"""


@pytest.fixture
def loaded(cli: Invoke, tmp_path: Path) -> Invoke:
    for name, text in (("cal.yaml", PLAN), ("other.yaml", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert cli("load", str(tmp_path / name), today=DAY).exit_code == 0
    assert cli("done", "cal-2027/report", "--date", "2027-06-28", today=DAY).exit_code == 0
    assert cli("done", "cal-2027/visit", "--occurrence", "2027-09", today=DAY).exit_code == 0
    return cli


def events(cli: Invoke, *args: str) -> dict[str, object]:
    """The VEVENTs of `calendar ARGS` by UID."""
    r = cli("calendar", *args, today=DAY)
    assert r.exit_code == 0, r.stderr
    cal = icalendar.Calendar.from_ical(r.stdout)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def day_of(event: object) -> dt.date:
    return event.decoded("dtstart")  # type: ignore[attr-defined,no-any-return]


def test_one_all_day_event_per_occurrence_still_to_do(loaded: Invoke) -> None:
    found = events(loaded, "--plan", "cal-2027")
    assert sorted((day_of(e).isoformat(), str(e["summary"])) for e in found.values()) == [
        ("2027-08-31", "走访困难户（8月）"),  # overdue: still to do
        ("2027-09-15", "中秋邻里联欢（中秋）"),
        ("2027-09-30", "成立领导小组"),  # a one-off: the title alone
        ("2027-10-31", "走访困难户（10月）"),
        ("2027-11-30", "走访困难户（11月）"),
        ("2027-12-31", "走访困难户（12月）"),
    ]  # January–July missed, September done, the half-year report done: absent
    for event in found.values():
        start = event.decoded("dtstart")  # type: ignore[attr-defined]
        assert type(start) is dt.date  # VALUE=DATE: all day, not a moment
        assert event.decoded("dtend") == start + dt.timedelta(days=1)  # type: ignore[attr-defined]


def test_uids_are_the_task_and_occurrence_keys_and_stay_the_same(loaded: Invoke) -> None:
    first = events(loaded)
    assert "cal-2027/visit/2027-10@civicli" in first
    assert "cal-2027/lead/once@civicli" in first
    # the festival's key is Chinese (2027-中秋): percent-encoded UTF-8 in the UID
    assert "cal-2027/moon/2027-%E4%B8%AD%E7%A7%8B@civicli" in first
    # progress recorded (not done) changes no UID: a calendar importing again updates the events
    assert loaded("progress", "cal-2027/lead", "--percent", "50", today=DAY).exit_code == 0
    again = events(loaded)
    assert set(again) == set(first)
    assert len(again) == len(first) == 7  # six of cal-2027, the sweep of other-2027


def test_the_alarm_rings_at_nine_three_days_before(loaded: Invoke) -> None:
    lead = events(loaded)["cal-2027/lead/once@civicli"]
    [alarm] = lead.walk("VALARM")  # type: ignore[attr-defined]
    assert str(alarm["action"]) == "DISPLAY"
    trigger = alarm.decoded("trigger")
    assert trigger == dt.timedelta(days=-2, hours=-15)  # -P2DT15H, relative to the start
    start = dt.datetime.combine(day_of(lead), dt.time(0, 0))
    assert start + trigger == dt.datetime(2027, 9, 27, 9, 0)  # due 09-30: 09-27 at 9:00


def test_chinese_text_is_intact(loaded: Invoke) -> None:
    lead = events(loaded)["cal-2027/lead/once@civicli"]
    description = str(lead["description"])
    assert description.splitlines() == [
        "计划：日历测试计划",
        "责任人：王主任",
        "期次：一次性",
        "任务：cal-2027/lead",
    ]
    visit = events(loaded)["cal-2027/visit/2027-10@civicli"]
    assert "责任人：楼长" in str(visit["description"])  # the role's name, not its id
    assert "期次：2027年10月" in str(visit["description"])


def test_plan_and_owner_filters(loaded: Invoke) -> None:
    assert list(events(loaded, "--plan", "另一个")) == ["other-2027/sweep/once@civicli"]
    assert sorted(events(loaded, "--owner", "楼长")) == [
        f"cal-2027/visit/2027-{m}@civicli" for m in ("08", "10", "11", "12")
    ]
    assert list(events(loaded, "--owner", "王主任")) == ["cal-2027/lead/once@civicli"]
    r = loaded("calendar", "--plan", "没有这个", today=DAY)
    assert r.exit_code == 1


def test_output_writes_an_ics_file_never_replacing_one_without_force(loaded: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "提醒.ics"
    r = loaded("calendar", "--output", str(target), today=DAY)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert "7 个事件" in r.stderr
    assert len(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 7
    target.write_text("keep", encoding="utf-8")
    r = loaded("calendar", "--output", str(target), today=DAY)
    assert r.exit_code == 1 and target.read_text(encoding="utf-8") == "keep"
    assert loaded("calendar", "--output", str(target), "--force", today=DAY).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    r = loaded("calendar", "--output", str(tmp_path / "提醒.txt"), today=DAY)
    assert r.exit_code == 2 and not (tmp_path / "提醒.txt").exists()  # not a calendar's extension


def test_output_never_lands_on_the_database(loaded: Invoke, db_path: Path) -> None:
    before = db_path.read_bytes()
    r = loaded("calendar", "--output", str(db_path), "--force", today=DAY)
    assert r.exit_code == 1
    assert db_path.read_bytes() == before
