"""Calendar edge cases through the real CLI and real plan files: 腊八 twice in one Gregorian year
and not at all in another, plans for 2099–2100, and `festival_dates` fixing a built-in's date.

Hand-checked dates. A lunar month begins on the day (Beijing time, UTC+8) of the new moon; the
new-moon times are from NASA's "Phases of the Moon" tables (Espenak), and agree with the Hong
Kong Observatory's Gregorian–Lunar conversion tables:
- new moon 2022-01-02 18:33 UTC = 01-03 Beijing: 腊月 (12th month of lunar 2021) begins 2022-01-03,
  so 腊八 (12/8) is 2022-01-10;
- new moon 2022-12-23 10:17 UTC = 12-23 Beijing: 腊月 of lunar 2022 begins 2022-12-23, 腊八 2022-12-30;
- new moon 2024-01-11 11:57 UTC = 01-11 Beijing: 腊月 of lunar 2023 begins 2024-01-11, 腊八
  2024-01-18 — so 2023 has no 腊八 at all (2022-12-30, then 2024-01-18);
- 春节 2100 is 2100-02-09 and 清明 2100 is 2100-04-05 (HKO table for 2100).
"""

from __future__ import annotations

import json
import re
import sqlite3
from importlib.metadata import version
from pathlib import Path

from conftest import ROOT, Invoke


def plan_file(tmp_path: Path, year: int, tasks: str, extra: str = "", name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        f"id: cal-{year}\ntitle: 计划\nperiod: {{start: {year}-01-01, end: {year}-12-31}}\n{extra}"
        f'sections:\n  - id: "1"\n    title: 节日\n    tasks:\n{tasks}',
        encoding="utf-8",
    )
    return path


def occurrences(cli: Invoke, plan: str, today: str) -> list[tuple[str, str, str]]:
    """(task, occurrence key, due) of every occurrence of the plan, from `tasks --all --json`."""
    r = cli("tasks", "--all", "--json", "--plan", plan, today=today)
    assert r.exit_code == 0, r.stderr
    return sorted((t["key"].split("/")[1], t["occurrence"], t["due"]) for t in json.loads(r.stdout))


def test_laba_twice_in_2022_gives_two_occurrences_with_stable_keys(cli: Invoke, tmp_path: Path) -> None:
    path = plan_file(tmp_path, 2022, "      - {id: laba, title: 腊八送粥, festival: 腊八}\n")
    assert cli("load", str(path)).exit_code == 0
    # 2022-01-10 (lunar 2021) and 2022-12-30 (lunar 2022); the second keyed -2
    assert occurrences(cli, "cal-2022", "2022-06-01") == [
        ("laba", "2022-腊八", "2022-01-10"),
        ("laba", "2022-腊八-2", "2022-12-30"),
    ]
    # a record on the second one, by its key, stays after a re-load with the alias
    r = cli(
        "progress", "cal-2022/laba", "--occurrence", "2022-腊八-2", "--status", "done", today="2022-12-30"
    )
    assert r.exit_code == 0, r.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("festival: 腊八", "festival: laba"), "utf-8")
    assert cli("load", str(path)).exit_code == 0
    tasks = json.loads(cli("tasks", "--all", "--json", "--plan", "cal-2022", today="2022-12-31").stdout)
    state = {t["occurrence"]: t["state"] for t in tasks}
    assert state == {"2022-腊八": "missed", "2022-腊八-2": "done"}


def test_laba_second_key_does_not_depend_on_the_plan_period(cli: Invoke, tmp_path: Path) -> None:
    # A plan starting in June sees only the December 腊八: still the year's second, so `-2`.
    path = plan_file(tmp_path, 2022, "      - {id: laba, title: 腊八送粥, festival: laba}\n")
    path.write_text(
        path.read_text(encoding="utf-8").replace("start: 2022-01-01", "start: 2022-06-01"), "utf-8"
    )
    assert cli("load", str(path)).exit_code == 0
    assert occurrences(cli, "cal-2022", "2022-06-01") == [("laba", "2022-腊八-2", "2022-12-30")]


def test_laba_twice_in_2041_too(cli: Invoke, tmp_path: Path) -> None:
    # 2041 is another year with two 腊八 (issue #14); the dates are the lunar library's.
    path = plan_file(tmp_path, 2041, "      - {id: laba, title: 腊八送粥, festival: 腊八}\n")
    assert cli("load", str(path)).exit_code == 0
    keys = [key for _, key, _ in occurrences(cli, "cal-2041", "2041-06-01")]
    assert keys == ["2041-腊八", "2041-腊八-2"]


def test_a_year_without_laba_is_an_error_that_explains_why(
    cli: Invoke, tmp_path: Path, db_path: Path
) -> None:
    path = plan_file(tmp_path, 2023, "      - {id: laba, title: 腊八送粥, festival: 腊八}\n")
    r = cli("load", str(path))
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    # names the file, line and key, and the dates either side of 2023
    assert f"{path}:8: sections[0].tasks[0].festival" in r.stderr
    assert "2022-12-30" in r.stderr and "2024-01-18" in r.stderr
    assert "腊八" in r.stderr and "偏移天数" in r.stderr
    assert (
        not db_path.exists()
        or sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 0
    )


def test_2042_has_no_laba_either(cli: Invoke, tmp_path: Path) -> None:
    path = plan_file(tmp_path, 2042, "      - {id: laba, title: 腊八送粥, festival: 腊八}\n")
    r = cli("validate", str(path))
    assert r.exit_code == 1
    assert "2042-01-01..2042-12-31" in r.stderr and "腊八" in r.stderr


def test_plans_for_2099_and_2100_with_lunar_festivals_and_qingming(cli: Invoke, tmp_path: Path) -> None:
    tasks = (
        "      - {id: spring, title: 春节联欢, festival: 春节, offset: -3}\n"
        "      - {id: qm, title: 清明祭扫, festival: 清明}\n"
        "      - {id: eve, title: 除夕守岁, festival: 除夕}\n"
        "      - {id: dn, title: 重阳敬老, festival: 重阳}\n"
    )
    p2099 = plan_file(tmp_path, 2099, tasks, name="2099.yaml")
    p2100 = plan_file(tmp_path, 2100, tasks, name="2100.yaml")
    r = cli("load", str(p2099), str(p2100))
    assert r.exit_code == 0, r.stderr
    got = {(task, key): due for task, key, due in occurrences(cli, "cal-2100", "2100-01-01")}
    # 春节 2100-02-09 (HKO), moved 3 days earlier; 除夕 the day before 春节; 清明 2100-04-05 (HKO)
    assert got[("spring", "2100-春节")] == "2100-02-06"
    assert got[("eve", "2100-除夕")] == "2100-02-08"
    assert got[("qm", "2100-清明")] == "2100-04-05"
    assert ("dn", "2100-重阳") in got
    # one occurrence of each task in each year, all inside the plan's own year
    for plan, year in (("cal-2099", "2099"), ("cal-2100", "2100")):
        occ = occurrences(cli, plan, f"{year}-01-01")
        assert sorted(task for task, _, _ in occ) == ["dn", "eve", "qm", "spring"]
        assert all(key.startswith(year) and due.startswith(year) for _, key, due in occ)


def test_a_2100_plan_needing_a_2101_lunar_date_is_refused(cli: Invoke, tmp_path: Path) -> None:
    # 腊八 of lunar 2100 falls in January 2101, outside the years computed (1900–2100); moved 10
    # days earlier it would land in the 2100 plan: refused, saying why ...
    tasks = "      - {id: laba, title: 腊八送粥, festival: 腊八, offset: -10}\n"
    path = plan_file(tmp_path, 2100, tasks)
    r = cli("validate", str(path))
    assert r.exit_code == 1
    assert "1900–2100" in r.stderr and "2101" in r.stderr
    # ... and a fixed date in 2101 is outside the dates civicli handles too (README, Limits)
    plan_file(tmp_path, 2100, tasks, extra="festival_dates:\n  腊八: {2101: 2101-01-07}\n")
    r = cli("load", str(path))
    assert r.exit_code == 1 and "festival_dates.腊八.2101" in r.stderr and "2100-12-31" in r.stderr


def test_festival_dates_fix_a_builtin_date_and_move_its_occurrence(cli: Invoke, tmp_path: Path) -> None:
    # lunar-python (the pinned version) computes 重阳 2057 as 2057-10-07; the new moon that
    # begins the 9th month is at 23:59 Beijing time, inside ΔT uncertainty, so the official
    # calendar may say otherwise. A plan follows the official date with festival_dates.
    tasks = "      - {id: dn, title: 重阳敬老, festival: double-ninth, offset: -1}\n"
    path = plan_file(tmp_path, 2057, tasks)
    assert cli("load", str(path)).exit_code == 0
    assert occurrences(cli, "cal-2057", "2057-01-01") == [("dn", "2057-重阳", "2057-10-06")]
    assert cli("progress", "cal-2057/dn", "--percent", "50", today="2057-10-01").exit_code == 0
    plan_file(tmp_path, 2057, tasks, extra="festival_dates:\n  重阳: {2057: 2057-10-06}\n")
    assert cli("load", str(path)).exit_code == 0
    # the same key (records stay with it), the new date: 2057-10-06 moved one day earlier
    assert occurrences(cli, "cal-2057", "2057-01-01") == [("dn", "2057-重阳", "2057-10-05")]
    log = json.loads(cli("log", "cal-2057/dn", "--json", today="2057-10-01").stdout)
    assert [e["percent"] for e in log] == [50]


def test_festival_dates_can_drop_the_second_laba(cli: Invoke, tmp_path: Path) -> None:
    tasks = "      - {id: laba, title: 腊八送粥, festival: 腊八}\n"
    path = plan_file(tmp_path, 2022, tasks, extra="festival_dates:\n  laba:\n    2022: [2022-01-10]\n")
    assert cli("load", str(path)).exit_code == 0
    assert occurrences(cli, "cal-2022", "2022-06-01") == [("laba", "2022-腊八", "2022-01-10")]


def test_festival_dates_mistakes_are_reported_with_line_and_key(cli: Invoke, tmp_path: Path) -> None:
    extra = (
        "festival_dates:\n"
        "  暑假: {2027: 2027-07-01}\n"  # line 5: not a built-in
        "  重阳: {27: 2027-10-08, 2028: 2027-10-08}\n"  # line 6: bad year; date not in its year
        "calendar:\n"
        "  重阳: 10-08\n"  # line 8: a calendar entry named like a built-in stays an error
    )
    path = plan_file(tmp_path, 2027, "      - {id: a, title: 活动, festival: 国庆}\n", extra=extra)
    r = cli("validate", str(path))
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    assert re.search(rf"{re.escape(str(path))}:5: festival_dates\.暑假: .*暑假", r.stderr)
    assert f"{path}:6: festival_dates.重阳.27:" in r.stderr
    assert f"{path}:6: festival_dates.重阳.2028:" in r.stderr and "2027-10-08" in r.stderr
    assert f"{path}:8: calendar.重阳:" in r.stderr


def test_lunar_library_is_pinned_to_the_version_tested() -> None:
    # The dates above (and tests/test_festivals.py) are checked against this version only.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pins = re.findall(r'^\s*"(lunar-python[^"]*)"', pyproject, flags=re.MULTILINE)
    assert pins == [f"lunar-python=={version('lunar-python')}"]


def test_the_bulletin_names_the_second_laba_plainly(cli: Invoke, tmp_path: Path) -> None:
    path = plan_file(tmp_path, 2022, "      - {id: laba, title: 腊八送粥, festival: 腊八}\n")
    assert cli("load", str(path)).exit_code == 0
    # week 2022-W50 (12-12..12-18): 腊八 on 12-30 is due within the next two weeks
    # (12-19..01-01), so the bulletin lists it, named 腊八 (not 腊八-2)
    r = cli("summary", "--week", "2022-W50", "--format", "json", today="2022-12-19")
    assert r.exit_code == 0, r.stderr
    upcoming = [u for u in json.loads(r.stdout)["upcoming"] if u["key"] == "cal-2022/laba"]
    assert [(u["occurrence"], u["festival"]) for u in upcoming] == [("2022-腊八-2", "腊八")]


def test_years_with_two_and_with_no_laba() -> None:
    # issue #14: in 1901–2099, 13 years have two 腊八 and 13 have none (a lunar year of 13
    # months pushes 腊八 past the next New Year's Day); 2022/2023 and 2041/2042 among them.
    from civicli.plan.festivals import dates_in_year

    counts = {y: len(dates_in_year("腊八", y)) for y in range(1901, 2100)}
    two = [y for y, n in counts.items() if n == 2]
    none = [y for y, n in counts.items() if n == 0]
    assert len(two) == 13 and len(none) == 13
    assert {2022, 2041} <= set(two) and {2023, 2042} <= set(none)
    assert [y + 1 for y in two] == none  # the year after two has none


def test_a_database_before_migration_0011_is_upgraded_with_its_plans(
    cli: Invoke, db_path: Path, tmp_path: Path
) -> None:
    from civicli.store import migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    migrations.migrate(conn, stop_before="0011_plan_honesty")
    conn.close()
    path = plan_file(tmp_path, 2022, "      - {id: laba, title: 腊八送粥, festival: 腊八}\n")
    assert cli("load", str(path)).exit_code == 0  # opens (and upgrades) the database
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"festival_dates", "bulletin_completions"} <= tables
    assert "incomplete" in {r[1] for r in conn.execute("PRAGMA table_info(plans)")}
    assert len(occurrences(cli, "cal-2022", "2022-06-01")) == 2


def test_laba_keys_for_every_year_plan_1901_to_2099() -> None:
    # Every year plan with a 腊八 task: one occurrence per date of the year, keyed 腊八, 腊八-2,
    # each due on its date; no year repeats a key.
    import datetime as dt

    from civicli.plan import schedule
    from civicli.plan.festivals import dates_in_year
    from civicli.plan.model import Plan, Section, Task

    laba = Task(id="l", title="腊八", section_id="1", festival="laba")
    for year in range(1901, 2100):
        plan = Plan(
            id="p",
            title="p",
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            sections=(Section("1", "s", (laba,)),),
        )
        got = [(o.key, o.due) for o in schedule.occurrences(plan, laba)]
        dates = dates_in_year("腊八", year)
        keys = [f"{year}-腊八", f"{year}-腊八-2"][: len(dates)]
        assert got == list(zip(keys, dates, strict=True)), year


def test_plan_honesty_catalog_is_complete_in_both_languages() -> None:
    # every message of this area exists in Chinese and English with the same {placeholders}
    from string import Formatter

    from civicli.i18n import en, zh

    assert zh.PLAN_HONESTY.keys() == en.PLAN_HONESTY.keys()
    for key in zh.PLAN_HONESTY:
        fields = [
            {f for _, f, _, _ in Formatter().parse(text) if f}
            for text in (zh.PLAN_HONESTY[key], en.PLAN_HONESTY[key])
        ]
        assert fields[0] == fields[1], key
