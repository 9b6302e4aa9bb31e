"""Occurrences and schedules named as plan-format.md lists them, the same in every listing:
`每半年` / `2027年上半年`, `每2周` / `2027年第35—36周`, `暑假期间` / `2027年暑假期间`, `结合中秋`,
`常态` for an ongoing task (never 一次性), `一次性` for a `due:` one."""

from __future__ import annotations

import json

import pytest
from conftest import PLANS, Invoke

from civicli.plan.naming import Schedule, occurrence_name, schedule_words


@pytest.mark.parametrize(
    ("key", "schedule", "name"),
    [
        ("2027-01", Schedule("every", every="6 months"), "2027年上半年"),
        ("2027-07", "6 months", "2027年下半年"),
        ("2027-09", "2 months", "2027年9月—10月"),
        ("2027-11", "3 months", "2027年11月—2028年1月"),
        ("2027-09", "month", "2027年9月"),
        ("2027-W35", "2 weeks", "2027年第35—36周"),
        ("2027-W52", "2 weeks", "2027年第52周—2028年第1周"),  # 2027 has 52 ISO weeks
        ("2027-W36", "week", "2027年第36周"),
        ("2027-Q3", "quarter", "2027年第3季度"),
        ("2027", "year", "2027年"),
        ("2027-中秋", "festival", "2027年中秋"),
        ("2027-暑假", "period", "2027年暑假期间"),
        ("once", "ongoing", "常态"),
        ("once", None, "常态"),
        ("once", "due", "一次性"),
        ("小区主干道/no-dumping", None, "小区主干道/no-dumping"),
    ],
)
def test_an_occurrence_named(key: str, schedule: Schedule | str | None, name: str) -> None:
    assert occurrence_name(key, schedule) == name


def test_the_year_left_out_when_it_is_the_year_shown() -> None:
    assert occurrence_name("2027-W35", "2 weeks", year=2027) == "第35—36周"
    assert occurrence_name("2027-07", "6 months", year=2027) == "下半年"


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        (Schedule("every", every="week"), "每周"),
        (Schedule("every", every="month"), "每月"),
        (Schedule("every", every="quarter"), "每季度"),
        (Schedule("every", every="year"), "每年"),
        (Schedule("every", every="6 months"), "每半年"),
        (Schedule("every", every="2 weeks"), "每2周"),
        (Schedule("every", every="2 months"), "每2个月"),
        (Schedule("festival", festival="mid-autumn"), "结合中秋"),
        (Schedule("festival", festival="暑假", period=True), "暑假期间"),
        (Schedule(), "常态化"),
    ],
)
def test_a_schedule_in_words(schedule: Schedule, words: str) -> None:
    assert schedule_words(schedule) == words


def test_every_listing_names_them_alike(cli: Invoke) -> None:
    assert cli("load", str(PLANS)).exit_code == 0
    today = "2027-09-01"
    # tasks: 篇1 2.1 is ongoing (常态, not 一次性)
    text = cli("tasks", "--plan", "pian1-2027", "--all", today=today).stdout
    rows = [line for line in text.splitlines() if "开展讲卫生讲文明宣传教育" in line]
    assert rows and all("常态" in line and "一次性" not in line for line in rows), rows
    # tasks: 篇3 5.4, every 2 weeks, by its block (the same name as in show)
    text = cli("tasks", "--plan", "pian3-2027", "--all", today=today).stdout
    assert "2027年第33—34周" in text and "2027年第33周" not in text
    # show: the schedule words and the occurrence names
    show = cli("show", "pian1-2027", today=today).stdout
    assert "每半年" in show and "每6月" not in show and "2027年上半年" in show  # H1 still overdue
    assert "2027年第33—34周" in cli("show", "pian3-2027", today=today).stdout  # 5.4, every 2 weeks
    line = next(line for line in show.splitlines() if "开展讲卫生讲文明宣传教育" in line)
    assert "常态" in line and "一次性" not in line
    show2 = cli("show", "pian2-2027", today=today).stdout
    assert "暑假期间" in show2 and "结合中秋" in show2
    # progress confirms the occurrence by its name
    r = cli("progress", "pian1-2027/2.1", "--percent", "50", today=today)
    assert r.exit_code == 0 and "常态" in r.stdout and "一次性" not in r.stdout
    log = json.loads(cli("log", "pian1-2027/2.1", "--json", today=today).stdout)
    assert log[0]["occurrence"] == "once"  # JSON keeps the key


def test_the_papers_name_them_as_the_listings_do(cli: Invoke, tmp_path: object) -> None:
    # the ledgers, the bulletin and the calendar name an occurrence by the same rule as `show`
    import csv
    import io
    from pathlib import Path

    assert cli("load", str(PLANS)).exit_code == 0
    today = "2027-09-01"
    # 任务清单: 篇1 1.9 every 6 months → 2027年上半年 (not 2027年1月); 篇3 5.4 every 2 weeks → a
    # block of two weeks (2027年第33—34周, due 2027-08-29)
    r = cli("export", "tasks", "--from", "2027-01-01", "--to", "2027-12-31", "-o", "-", today=today)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    names = {(row["编号"], row["期次"]) for row in rows}
    assert ("pian1-2027/1.9", "2027年上半年") in names
    assert ("pian3-2027/5.4", "2027年第33—34周") in names
    assert ("pian1-2027/2.1", "常态") in names  # ongoing, not 一次性
    # the internal bulletin's overdue list: 5.4's block in its short form (the year is the bulletin's)
    text = cli("summary", "--internal", "--week", "2027-W35", today=today).stdout
    assert "第33—34周" in text and "（第33周）" not in text
    # the calendar: 1.9's second half year
    ics = Path(str(tmp_path)) / "plans.ics"
    assert cli("calendar", "--plan", "pian1-2027", "-o", str(ics), today=today).exit_code == 0
    assert "下半年" in ics.read_text(encoding="utf-8").replace("\r\n ", "")
