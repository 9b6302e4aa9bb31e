"""One reader of dates (civicli/dates.py): every option that takes a date or a week accepts the
same written forms and refuses the same ones, the same way (wrong usage, exit 2, one line naming
the option and what was typed); a plan file reads the same forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DATA, Invoke

from civicli.dates import BadDate, Week, parse_date, parse_week, read_date

# Every way a clerk writes 1 March 2027.
FORMS = [
    "2027-03-01",
    "2027-3-1",
    "2027/3/1",
    "2027.3.1",
    "2027年3月1日",
    "2027年3月1号",  # 号, as said aloud, for 日
    "2027 年 3 月 1 日",
    "２０２７年３月１日",  # full-width digits (a Chinese input method)
    " 2027-03-01 ",
]

# Not a date civicli reads: mixed separators, no such day, words, outside 1900–2100.
REFUSED = ["2027/3-1", "2027-02-30", "2027-13-01", "tomorrow", "", "1850-01-01", "2101-01-01", "27-3-1"]


@pytest.mark.parametrize("text", FORMS)
def test_every_form_is_the_same_day(text: str) -> None:
    assert read_date(text) == dt.date(2027, 3, 1)
    assert parse_date(text, "--x") == dt.date(2027, 3, 1)


@pytest.mark.parametrize("text", REFUSED)
def test_what_is_refused_names_the_option_and_the_text(text: str) -> None:
    with pytest.raises(BadDate) as caught:
        parse_date(text, "--from")
    assert caught.value.exit_code == 2
    assert "--from" in str(caught.value) and text.strip() in str(caught.value)


def test_a_date_without_its_year_is_in_todays_year_only_when_today_is_given() -> None:
    today = dt.date(2027, 5, 20)
    for text in ("9月3日", "9月3号", "9-3", "9/3", "9.3"):
        assert read_date(text, today) == dt.date(2027, 9, 3), text
        assert read_date(text) is None, text  # a plan file has no today: a year is required
    assert read_date("2月30日", today) is None  # no such day, even in today's year


def test_weeks() -> None:
    # 2027-09-08 is a Wednesday of ISO week 36 (Monday 09-06 … Sunday 09-12)
    assert parse_week("2027-W36") == parse_week("2027w36") == parse_week("2027-09-08") == Week(2027, 36)
    assert Week(2027, 36).start == dt.date(2027, 9, 6) and Week(2027, 36).end == dt.date(2027, 9, 12)
    assert parse_week("2026-W53") == Week(2026, 53)  # 2026 has 53 ISO weeks (it begins on a Thursday)
    for text in ("2027-W53", "2027-W00", "1850-W02", "2101-W01", "1899-W52", "week 3"):
        with pytest.raises(BadDate):
            parse_week(text)
    # 1900-01-01 is a Monday: 1900-W01 is the first week wholly inside the range
    assert parse_week("1900-W01").start == dt.date(1900, 1, 1)


# ---------------------------------------------------------------- every option the same way


@pytest.fixture
def loaded(cli: Invoke) -> Invoke:
    r = cli("load", str(DATA / "forms.yaml"))
    assert r.exit_code == 0, r.stderr
    return cli


def _options(tmp_path: Path) -> list[tuple[str, ...]]:
    """Each option that takes a date, before the date."""
    return [
        ("--today",),  # then `tasks`
        ("export", "任务清单", "--output", str(tmp_path / "a.csv"), "--force", "--from"),
        ("export", "任务清单", "--output", str(tmp_path / "b.csv"), "--force", "--to"),
        ("inspections", "--since"),
        ("summary", "--week"),
    ]


def _args(option: tuple[str, ...], value: str) -> list[str]:
    return [*option, value, "tasks"] if option == ("--today",) else [*option, value]


@pytest.mark.parametrize("text", ["2027-03-01", "2027/3/1", "2027.3.1", "2027年3月1日", "2027年3月1号"])
def test_every_option_takes_every_form(loaded: Invoke, tmp_path: Path, text: str) -> None:
    for option in _options(tmp_path):
        r = loaded(*_args(option, text), today="2027-09-10")
        assert r.exit_code == 0, (option, r.stderr)


@pytest.mark.parametrize("text", ["1850-01-01", "2027/3-1", "2027-02-30"])
def test_every_option_refuses_the_same_dates_as_wrong_usage(
    loaded: Invoke, tmp_path: Path, text: str
) -> None:
    for option in _options(tmp_path):
        r = loaded(*_args(option, text), today="2027-09-10")
        assert r.exit_code == 2, (option, r.stdout, r.stderr)
        last = r.stderr.strip().splitlines()[-1]
        assert last.startswith("错误: ") and text in last, (option, r.stderr)


def test_a_week_outside_the_years_is_wrong_usage_too(loaded: Invoke) -> None:
    r = loaded("summary", "--week", "1850-W02", today="2027-09-10")
    assert r.exit_code == 2 and "1850-W02" in r.stderr


def test_a_date_typed_without_its_year_on_the_command_line(loaded: Invoke) -> None:
    # --today 2027-09-10: `--since 9月1日` is 2027-09-01 (nothing inspected: an empty listing)
    r = loaded("inspections", "--since", "9月1日", "--json", today="2027-09-10")
    assert r.exit_code == 0, r.stderr
