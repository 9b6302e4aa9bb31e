"""Tests for civicli.plan.festivals: built-in names, aliases and their Gregorian dates."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from civicli.plan.festivals import BUILTIN, canonical, date_in_year, dates_between

# Published dates (Chinese calendar as issued in China / Hong Kong Observatory tables).
PUBLISHED = [
    ("春节", 1900, date(1900, 1, 31)),
    ("春节", 2024, date(2024, 2, 10)),
    ("春节", 2025, date(2025, 1, 29)),
    ("春节", 2026, date(2026, 2, 17)),
    ("春节", 2027, date(2027, 2, 6)),
    ("春节", 2028, date(2028, 1, 26)),
    ("春节", 2029, date(2029, 2, 13)),
    ("春节", 2100, date(2100, 2, 9)),
    ("除夕", 2024, date(2024, 2, 9)),
    ("除夕", 2025, date(2025, 1, 28)),
    ("除夕", 2026, date(2026, 2, 16)),
    ("除夕", 2027, date(2027, 2, 5)),
    ("元宵", 2026, date(2026, 3, 3)),
    ("元宵", 2027, date(2027, 2, 20)),
    ("清明", 2024, date(2024, 4, 4)),
    ("清明", 2025, date(2025, 4, 4)),
    ("清明", 2026, date(2026, 4, 5)),
    ("清明", 2027, date(2027, 4, 5)),
    ("清明", 2028, date(2028, 4, 4)),
    ("端午", 2025, date(2025, 5, 31)),
    ("端午", 2026, date(2026, 6, 19)),
    ("端午", 2027, date(2027, 6, 9)),
    ("七夕", 2025, date(2025, 8, 29)),
    ("七夕", 2027, date(2027, 8, 8)),
    ("中秋", 2024, date(2024, 9, 17)),
    ("中秋", 2025, date(2025, 10, 6)),
    ("中秋", 2026, date(2026, 9, 25)),
    ("中秋", 2027, date(2027, 9, 15)),
    ("重阳", 2027, date(2027, 10, 8)),
    ("腊八", 2024, date(2024, 1, 18)),
    # 腊八 of lunar year 2026 falls in Gregorian 2027.
    ("腊八", 2027, date(2027, 1, 15)),
]


@pytest.mark.parametrize(("name", "year", "expected"), PUBLISHED)
def test_published_dates(name: str, year: int, expected: date) -> None:
    assert date_in_year(name, year) == expected


@pytest.mark.parametrize(("name", "year", "expected"), PUBLISHED)
def test_published_dates_by_alias(name: str, year: int, expected: date) -> None:
    assert date_in_year(BUILTIN[name].upper(), year) == expected


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        # Years with a leap 5th month: 端午 is in the regular 5th month.
        ("端午", 2009, date(2009, 5, 28)),
        ("端午", 2028, date(2028, 5, 28)),
    ],
)
def test_leap_month_never_used(name: str, year: int, expected: date) -> None:
    from lunar_python import LunarYear

    assert LunarYear.fromYear(year).getLeapMonth() == 5
    assert date_in_year(name, year) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("元旦", date(2027, 1, 1)),
        ("学雷锋纪念日", date(2027, 3, 5)),
        ("妇女节", date(2027, 3, 8)),
        ("植树节", date(2027, 3, 12)),
        ("劳动节", date(2027, 5, 1)),
        ("青年节", date(2027, 5, 4)),
        ("儿童节", date(2027, 6, 1)),
        ("环境日", date(2027, 6, 5)),
        ("建党节", date(2027, 7, 1)),
        ("建军节", date(2027, 8, 1)),
        ("全民健身日", date(2027, 8, 8)),
        ("教师节", date(2027, 9, 10)),
        ("国庆", date(2027, 10, 1)),
        ("消防日", date(2027, 11, 9)),
        ("宪法日", date(2027, 12, 4)),
    ],
)
def test_fixed_days(name: str, expected: date) -> None:
    assert date_in_year(name, 2027) == expected
    assert date_in_year(BUILTIN[name], 2027) == expected


def test_fixed_days_any_supported_year() -> None:
    assert date_in_year("国庆", 1) == date(1, 10, 1)
    assert date_in_year("national-day", 9999) == date(9999, 10, 1)
    assert date_in_year("宪法日", 1850) == date(1850, 12, 4)


@pytest.mark.parametrize("year", [1900, 2100])
@pytest.mark.parametrize("name", ["清明", "春节", "元宵", "端午", "七夕", "中秋", "重阳", "除夕"])
def test_range_ends_compute(name: str, year: int) -> None:
    assert date_in_year(name, year).year == year


def test_qingming_range_ends() -> None:
    assert date_in_year("清明", 1900) == date(1900, 4, 5)
    assert date_in_year("清明", 2100) == date(2100, 4, 5)


def test_qingming_always_early_april() -> None:
    for year in range(1900, 2101):
        got = date_in_year("qingming", year)
        assert date(year, 4, 3) <= got <= date(year, 4, 6), (year, got)


def test_new_years_eve_is_always_the_day_before_spring_festival() -> None:
    for year in range(1901, 2101):
        eve = date_in_year("除夕", year)
        assert eve == date_in_year("春节", year) - timedelta(days=1), year


@pytest.mark.parametrize(
    ("lunar_year", "eve"),
    [
        # Lunar years 2024–2028 have a 29-day 12th month (no 腊月三十): 除夕 is 12/29.
        (2024, date(2025, 1, 28)),
        (2025, date(2026, 2, 16)),
        (2026, date(2027, 2, 5)),
        (2027, date(2028, 1, 25)),
        (2028, date(2029, 2, 12)),
        # ... while lunar 2023's 12th month has 30 days.
        (2023, date(2024, 2, 9)),
    ],
)
def test_new_years_eve_is_last_day_of_12th_month(lunar_year: int, eve: date) -> None:
    from lunar_python import Lunar, LunarMonth

    days = LunarMonth.fromYm(lunar_year, 12).getDayCount()
    assert days == (30 if lunar_year == 2023 else 29)
    last = Lunar.fromYmd(lunar_year, 12, days).getSolar().toYmd()
    assert date.fromisoformat(last) == eve
    assert date_in_year("new-years-eve", eve.year) == eve


def test_laba_twice_and_never() -> None:
    # 2022 has two 腊八 (of lunar 2021 and 2022), 2023 has none.
    assert dates_between("腊八", date(2022, 1, 1), date(2022, 12, 31)) == [
        date(2022, 1, 10),
        date(2022, 12, 30),
    ]
    assert date_in_year("腊八", 2022) == date(2022, 1, 10)
    assert dates_between("laba", date(2023, 1, 1), date(2023, 12, 31)) == []
    with pytest.raises(ValueError):
        date_in_year("腊八", 2023)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("double-ninth", "重阳"),
        ("Mid-Autumn", "中秋"),
        ("端午", "端午"),
        ("  端午 ", "端午"),
        (" SPRING-FESTIVAL\t", "春节"),
        ("new-years-eve", "除夕"),
        ("lei-feng-day", "学雷锋纪念日"),
        ("暑假", None),
        ("", None),
        ("mid autumn", None),
    ],
)
def test_canonical(query: str, expected: str | None) -> None:
    assert canonical(query) == expected


def test_builtin_table() -> None:
    assert len(BUILTIN) == 24
    assert list(BUILTIN)[:9] == [
        "春节",
        "元宵",
        "端午",
        "七夕",
        "中秋",
        "重阳",
        "腊八",
        "除夕",
        "清明",
    ]
    assert list(BUILTIN)[-1] == "宪法日"
    assert len(set(BUILTIN.values())) == len(BUILTIN)
    for name, alias in BUILTIN.items():
        assert canonical(name) == name
        assert canonical(alias) == name


def test_every_builtin_has_a_date() -> None:
    for name in BUILTIN:
        assert date_in_year(name, 2027).year == 2027


@pytest.mark.parametrize(
    ("name", "start", "end", "expected"),
    [
        ("中秋", date(2026, 1, 1), date(2027, 12, 31), [date(2026, 9, 25), date(2027, 9, 15)]),
        (
            "mid-autumn",
            date(2026, 9, 25),
            date(2027, 9, 15),
            [date(2026, 9, 25), date(2027, 9, 15)],
        ),
        ("中秋", date(2026, 9, 26), date(2027, 9, 14), []),
        ("春节", date(2026, 3, 1), date(2028, 2, 1), [date(2027, 2, 6), date(2028, 1, 26)]),
        ("除夕", date(2026, 1, 1), date(2027, 12, 31), [date(2026, 2, 16), date(2027, 2, 5)]),
        ("腊八", date(2026, 1, 1), date(2027, 12, 31), [date(2026, 1, 26), date(2027, 1, 15)]),
        ("清明", date(2027, 1, 1), date(2028, 12, 31), [date(2027, 4, 5), date(2028, 4, 4)]),
        ("清明", date(2027, 4, 6), date(2028, 4, 3), []),
        ("国庆", date(2026, 1, 1), date(2027, 12, 31), [date(2026, 10, 1), date(2027, 10, 1)]),
        ("元旦", date(2026, 1, 2), date(2026, 12, 31), []),
        ("元旦", date(2026, 12, 31), date(2027, 1, 1), [date(2027, 1, 1)]),
        ("重阳", date(2027, 10, 8), date(2027, 10, 8), [date(2027, 10, 8)]),
        ("重阳", date(2027, 12, 1), date(2027, 1, 1), []),
    ],
)
def test_dates_between(name: str, start: date, end: date, expected: list[date]) -> None:
    assert dates_between(name, start, end) == expected


def test_dates_between_agrees_with_date_in_year() -> None:
    for name in ["春节", "元宵", "端午", "七夕", "中秋", "重阳", "除夕", "清明"]:
        got = dates_between(name, date(1900, 1, 1), date(2100, 12, 31))
        assert got == [date_in_year(name, y) for y in range(1900, 2101)], name
        assert got == sorted(got)


def test_dates_between_range_ends() -> None:
    assert dates_between("除夕", date(1900, 1, 1), date(1900, 12, 31)) == [date(1900, 1, 30)]
    assert dates_between("除夕", date(2100, 1, 1), date(2100, 12, 31)) == [date(2100, 2, 8)]


@pytest.mark.parametrize("name", ["暑假", "", "mid autumn", "中秋节"])
def test_unknown_name(name: str) -> None:
    with pytest.raises(ValueError):
        date_in_year(name, 2027)
    with pytest.raises(ValueError):
        dates_between(name, date(2027, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize("name", ["中秋", "清明", "除夕", "腊八"])
@pytest.mark.parametrize("year", [1899, 2101])
def test_year_out_of_range(name: str, year: int) -> None:
    with pytest.raises(ValueError):
        date_in_year(name, year)
    with pytest.raises(ValueError):
        dates_between(name, date(year, 1, 1), date(year, 12, 31))


def test_import_is_cheap() -> None:
    code = (
        "import sys, civicli.plan.festivals as f; "
        "assert f.canonical('qixi') == '七夕'; "
        "assert f.date_in_year('国庆', 2027).month == 10; "
        "assert 'lunar_python' not in sys.modules"
    )
    root = Path(__file__).resolve().parents[1]
    path = os.pathsep.join(p for p in [str(root), os.environ.get("PYTHONPATH", "")] if p)
    env = {**os.environ, "PYTHONPATH": path}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env=env)
