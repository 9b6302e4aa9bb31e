"""Text XML cannot hold, and the occurrence cap (issue 21, items 6 and 7).

Lone surrogates and the noncharacters U+FFFE, U+FFFF, U+FDD0–U+FDEF are refused where they are
read: on the command line (exit 1, naming the option) and in a plan file (file:line); documents
(docx, xlsx) never fail on text already stored. A plan has at most 100,000 occurrences, refused
by `validate` and `load` naming the tasks that produce the most, before they are expanded.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RECTIFY_PLAN, Invoke, dump

from civicli.i18n import RELY
from civicli.plan.schema import MAX_OCCURRENCES

CIVICLI = Path(sys.executable).with_name("civicli")
TODAY = "2027-09-10"


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "NO_COLOR": "1"}
    return subprocess.run(
        [str(CIVICLI), *args], env=env, capture_output=True, text=True, timeout=120, errors="replace"
    )


@pytest.fixture
def loaded(cli: Invoke, tmp_path: Path) -> Path:
    plan = tmp_path / "rc.yaml"
    plan.write_text(RECTIFY_PLAN, encoding="utf-8")
    assert cli("load", str(plan)).exit_code == 0
    return plan


# ---------------------------------------------------------------- item 6: on the command line


@pytest.mark.parametrize("char", ["\uffff", "\ufffe", "\ufdd0", "\ufdef"])
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("progress", "rc-2027/visit", "--note", "走访{c}"), "--note"),
        (("done", "rc-2027/visit", "--by=张三{c}"), "--by"),
        (
            ("inspect", "stairwell", "--area", "1号楼", "--fail", "corridor=堆物{c}", "--pass", "basement"),
            "--fail",
        ),
        (("config", "bulletin.issuer", "幸福社区{c}"), "3"),
    ],
)
def test_an_option_xml_cannot_hold_is_refused_naming_it(
    loaded: Path, db_path: Path, char: str, args: tuple[str, ...], option: str
) -> None:
    before = dump(db_path)
    r = _run(db_path, *(a.replace("{c}", char) for a in args))
    assert r.returncode == 1, r.stderr
    assert option in r.stderr and f"U+{ord(char):04X}" in r.stderr
    assert dump(db_path) == before


def test_a_plan_file_with_text_xml_cannot_hold_names_file_and_line(tmp_path: Path, db_path: Path) -> None:
    plan = tmp_path / "x.yaml"
    # line 2: the title written with a \uFFFF escape; line 12: a task title with U+FDD0 as is
    text = RECTIFY_PLAN.replace("title: 整改测试计划", 'title: "计划\\uFFFF"').replace(
        "title: 走访困难户", "title: 走访\ufdd0困难户"
    )
    plan.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    title_line = next(n for n, line in enumerate(lines, 1) if "计划\\uFFFF" in line)
    task_line = next(n for n, line in enumerate(lines, 1) if "\ufdd0" in line)
    for command in ("validate", "load"):
        r = _run(db_path, command, str(plan))
        assert r.returncode == 1, r.stderr
        assert f"{plan}:{title_line}" in r.stderr and "U+FFFF" in r.stderr
        assert f"{plan}:{task_line}" in r.stderr and "U+FDD0" in r.stderr
    assert not db_path.exists() or dump(db_path) == [] or "计划" not in "".join(dump(db_path))


def test_documents_never_fail_on_stored_text(
    loaded: Path, db_path: Path, tmp_path: Path, cli: Invoke
) -> None:
    # text stored before it was refused (an older civicli): U+FFFF and a control character
    assert (
        cli("done", "rc-2027/visit", "--note", "走访", "--place", "会议室", today="2027-09-07").exit_code == 0
    )
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE records SET note = 'note\uffff\ufdd0\x01end', place = '会议\ufffe室'")
        conn.execute("UPDATE plans SET title = '计划\uffff'")
    conn.close()
    for args, name in (
        (("summary", "--week", "2027-W36", "--format", "docx"), "s.docx"),
        (("export", "activities", "--format", "xlsx"), "a.xlsx"),
    ):
        out = tmp_path / name
        r = _run(db_path, *args, "--output", str(out))
        assert r.returncode == 0, r.stderr
        import zipfile

        with zipfile.ZipFile(out) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        assert "\uffff" not in xml and "\ufffe" not in xml and "\ufdd0" not in xml and "\x01" not in xml
        if name != "s.docx":
            assert "noteend" in xml  # the rest of the text kept


def test_xml_safe() -> None:
    from civicli.text import unsafe_char, xml_safe

    assert xml_safe("a\uffffb\ufffe\ufdd0\ufdef\x00\x1fc\td\ne\rf") == "abc\td\ne\rf"
    assert xml_safe("普通文字") == "普通文字"
    assert unsafe_char("ok\ufdefx") == "U+FDEF" and unsafe_char("ok") is None


# ---------------------------------------------------------------- item 7: at most 100,000 occurrences


def _weekly_plan(tasks: int, start: str, end: str) -> str:
    rows = "\n".join(f"      - {{id: t{i}, title: 每周任务{i}, every: week}}" for i in range(tasks))
    monthly = "      - {id: m, title: 每月任务, every: month}"
    return (
        f"id: huge\ntitle: 大计划\nperiod: {{start: {start}, end: {end}}}\n"
        f'sections:\n  - id: "1"\n    title: 任务\n    tasks:\n{monthly}\n{rows}\n'
    )


def test_a_plan_over_100000_occurrences_is_refused_naming_the_tasks(tmp_path: Path, db_path: Path) -> None:
    # 700 weekly tasks over 1900-01-01 .. 2100-12-31: the first Monday is 1900-01-01, the last
    # 2100-12-27; (2100-12-27 − 1900-01-01) = 73,409 days = 10,487 weeks, so 10,488 weeks per
    # task: 700 × 10,488 = 7,341,600 weekly occurrences, and 201 × 12 = 2,412 monthly ones
    plan = tmp_path / "huge.yaml"
    plan.write_text(_weekly_plan(700, "1900-01-01", "2100-12-31"), encoding="utf-8")
    assert plan.stat().st_size < 40_000  # a small file
    for command in ("validate", "load"):
        r = _run(db_path, command, str(plan))
        assert r.returncode == 1, r.stderr
        assert "7,344,012" in r.stderr and f"{MAX_OCCURRENCES:,}" in r.stderr
        assert "t0（10,488" in r.stderr or "t0 (10,488" in r.stderr  # the tasks that produce the most
        assert "m（" not in r.stderr  # the monthly one produces few: not named
    assert not db_path.exists() or "huge" not in "".join(dump(db_path))


def test_a_plan_at_the_cap_is_accepted(tmp_path: Path) -> None:
    from civicli.plan.planfile import parse_plan_file
    from civicli.plan.schema import occurrence_count

    # 2027: 52 Mondays (01-04 … 12-27); 12 months. 1 monthly + N weekly tasks: 12 + 52 N
    at = tmp_path / "at.yaml"
    at.write_text(_weekly_plan(1922, "2027-01-01", "2027-12-31"), encoding="utf-8")  # 12 + 52 × 1,922
    plan, problems = parse_plan_file(at)
    assert problems == [] and plan is not None
    assert sum(occurrence_count(plan, t) for s in plan.sections for t in s.tasks) == 99_956
    over = tmp_path / "over.yaml"
    over.write_text(_weekly_plan(1923, "2027-01-01", "2027-12-31"), encoding="utf-8")  # 100,008
    plan, problems = parse_plan_file(over)
    assert plan is None and any(RELY["too_many_occurrences"].split("{")[0] in p.message for p in problems)


def test_counted_occurrences_are_those_made() -> None:
    """The count (arithmetic) agrees with the expansion for every form of `every`."""
    import datetime as dt

    from civicli.plan.model import Plan, Section, Task
    from civicli.plan.schedule import count, occurrences

    for start, end in (
        ("2027-01-01", "2027-12-31"),
        ("2027-03-15", "2029-02-10"),
        ("2027-06-07", "2027-06-07"),
    ):
        for every in ("week", "month", "quarter", "year", "2 weeks", "3 months", "6 months"):
            task = Task(id="t", title="t", section_id="1", every=every)
            plan = Plan(
                id="p", title="p", start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end),
                sections=(Section(id="1", title="s", tasks=(task,)),),
            )  # fmt: skip
            assert count(plan, task) == len(occurrences(plan, task, tracked_only=False)), (start, end, every)
