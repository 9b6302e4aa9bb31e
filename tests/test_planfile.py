"""Plan-file loader and validator (civicli/planfile.py) against docs/plan-format.md."""

from __future__ import annotations

import datetime as dt
import hashlib
import textwrap
from pathlib import Path

import pytest

from civicli.errors import PlanFileError, Problem
from civicli.plan.model import CalendarEntry, MonthDay, Plan
from civicli.plan.planfile import discover, load_plans, parse_plan_file

# The checker's messages are asserted in English here (the catalogs hold both languages; the
# Chinese ones are covered in test_zh.py).
pytestmark = pytest.mark.usefixtures("english")

REPO = Path(__file__).parent.parent

# A minimal valid plan. Lines 1–9; task "1.1" is the mapping at line 8, so extra task keys
# appended with 8 spaces of indent start at line 10.
BASE = """\
id: p
title: 计划
period: {start: 2027-01-01, end: 2027-12-31}
sections:
  - id: "1"
    title: 一
    tasks:
      - id: "1.1"
        title: 任务
"""

TASK = "sections[0].tasks[0]"

EXAMPLE = """\
id: demo-2027
title: 社区精神文明创建工作计划
community: 幸福社区
period: {start: 2027-01-01, end: 2027-12-31}
roles:
  secretary: 社区党支部书记
  building-heads: 楼长
sections:
  - id: "1"
    title: 加强领导，健全组织机构
    tasks:
      - {id: "1.1", title: 建立创建工作领导小组, owner: secretary, due: 2027-02-28}
      - {id: "1.2", title: 编制创建简报, owner: secretary, every: month}
  - id: "2"
    title: 狠抓环境建设，优化社区形象
    tasks:
      - {id: "2.1", title: 楼道卫生检查, owner: building-heads, every: week, inspection: stairwell}
      - {id: "2.2", title: 重阳节敬老活动, festival: 重阳, offset: -2, lead: 10}
inspections:
  - id: stairwell
    title: 楼道、地下室、宅楼前后卫生检查
    areas: [1号楼, 2号楼]
    items:
      - {id: corridor, text: 楼道无堆物, weight: 2}
      - {id: basement, text: 地下室整洁}
"""


def task(*lines: str) -> str:
    """BASE with extra keys for task 1.1 (the first at line 10)."""
    return BASE + "".join(f"        {line}\n" for line in lines)


def write(tmp_path: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str | bytes) -> tuple[Plan | None, list[Problem]]:
    return parse_plan_file(write(tmp_path, text))


def ok(tmp_path: Path, text: str | bytes) -> Plan:
    plan, problems = parse(tmp_path, text)
    assert problems == []
    assert plan is not None
    return plan


def problems_of(tmp_path: Path, text: str | bytes) -> list[Problem]:
    plan, problems = parse(tmp_path, text)
    assert plan is None
    assert problems
    return problems


def find(problems: list[Problem], path: str, line: int | None, fragment: str) -> Problem:
    for p in problems:
        if p.path == path and p.line == line and fragment in p.message:
            return p
    raise AssertionError(f"no problem at {path!r} line {line} with {fragment!r} in {problems}")


# -- valid files --------------------------------------------------------------------------------


def test_minimal_plan(tmp_path: Path) -> None:
    plan = ok(tmp_path, BASE)
    assert plan.id == "p"
    assert (plan.start, plan.end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    [section] = plan.sections
    [t] = section.tasks
    assert (t.id, t.title, t.section_id, t.line, t.schedule_kind) == ("1.1", "任务", "1", 8, "ongoing")


def test_example_plan_from_the_spec(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    plan = ok(tmp_path, EXAMPLE)
    assert plan.id == "demo-2027"
    assert plan.community == "幸福社区"
    assert plan.roles == {"secretary": "社区党支部书记", "building-heads": "楼长"}
    assert [s.id for s in plan.sections] == ["1", "2"]
    t11, t12, t21, t22 = plan.tasks()
    assert (t11.due, t11.owner, t11.line) == (dt.date(2027, 2, 28), "secretary", 12)
    assert (t12.every, t12.schedule_kind) == ("month", "every")
    assert (t21.every, t21.inspection, t21.section_id) == ("week", "stairwell", "2")
    assert (t22.festival, t22.offset, t22.lead, t22.grace) == ("重阳", -2, 10, 14)
    [tpl] = plan.inspections
    assert tpl.areas == ("1号楼", "2号楼")
    assert [(i.id, i.weight) for i in tpl.items] == [("corridor", 2.0), ("basement", 1.0)]
    assert (tpl.pass_mark, tpl.rectify_days) == (80.0, 7)
    assert plan.source == str(path.resolve())
    assert plan.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_all_optional_keys(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        id: full
        title: 全
        community: 幸福社区
        period: {start: 2027-01-01, end: 2027-12-31}
        tracked_from: 2027-03-01
        guiding_ideology: |
          以人为本
        principles: [解放思想, 整合资源]
        goals:
          - id: g1
            text: 提升文明程度
            targets:
              - {id: t1, text: 不少于300人次, metric: participants, target: 300, direction: at_least}
              - {id: t2, text: 无重大火灾, metric: major_fires, target: 0, direction: at_most}
          - {id: g2, text: 无指标}
        roles: {secretary: 书记}
        calendar:
          暑假: {start: 07-01, end: 08-31}
          寒假: {start: 12-20, end: 01-10}
          建站日: 02-29
        sections:
          - id: "1"
            title: 一
            tasks:
              - id: a
                title: 暑期活动
                detail: ""
                owner: 楼长
                tags: [文化, 青少年]
                goal: g1
                festival: 暑假
                offset: 3
                lead: 0
                grace: 0
              - {id: b, title: 两周一次, every: 2 weeks, inspection: t}
              - {id: c, title: 每季度, every: quarter}
              - {id: d, title: 消防日, festival: Fire-Safety-Day}
        inspections:
          - id: t
            title: 检查
            areas: [1号楼]
            items: [{id: i, text: 整洁, weight: 0.5}]
            pass_mark: 90
            rectify_days: 0
        """
    )
    plan = ok(tmp_path, text)
    assert plan.tracked_from == dt.date(2027, 3, 1)
    assert plan.guiding_ideology == "以人为本\n"
    assert plan.principles == ("解放思想", "整合资源")
    g1, g2 = plan.goals
    assert [(t.id, t.metric, t.target, t.direction) for t in g1.targets] == [
        ("t1", "participants", 300.0, "at_least"),
        ("t2", "major_fires", 0.0, "at_most"),
    ]
    assert g2.targets == ()
    assert plan.calendar == {
        "暑假": CalendarEntry("暑假", MonthDay(7, 1), MonthDay(8, 31)),
        "寒假": CalendarEntry("寒假", MonthDay(12, 20), MonthDay(1, 10)),
        "建站日": CalendarEntry("建站日", MonthDay(2, 29)),
    }
    a, b, c, d = plan.tasks()
    assert (a.detail, a.owner, a.tags, a.goal) == ("", "楼长", ("文化", "青少年"), "g1")
    assert (a.festival, a.offset, a.lead, a.grace) == ("暑假", 3, 0, 0)
    assert (b.every, b.inspection) == ("2 weeks", "t")
    assert c.every == "quarter"
    assert d.festival == "Fire-Safety-Day"
    [tpl] = plan.inspections
    assert (tpl.pass_mark, tpl.rectify_days, tpl.items[0].weight) == (90.0, 0, 0.5)


# -- YAML 1.2 core scalars ------------------------------------------------------------------------


def test_yaml_1_1_booleans_are_text(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        id: yes
        title: on
        community: off
        period: {start: 2027-01-01, end: 2027-12-31}
        roles:
          no: 否
          on: 开
          y: n
        sections:
          - id: n
            title: Y
            tasks:
              - {id: "off", title: NO, owner: no, tags: [yes, true, 1]}
        """
    )
    plan = ok(tmp_path, text)
    assert (plan.id, plan.title, plan.community) == ("yes", "on", "off")
    assert plan.roles == {"no": "否", "on": "开", "y": "n"}
    [t] = plan.tasks()
    assert (t.section_id, t.id, t.title, t.owner, t.tags) == ("n", "off", "NO", "no", ("yes", "true", "1"))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1.10", "1.10"),
        ("010", "010"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("'1.10'", "1.10"),
        ("!!str 7", "7"),
    ],
)
def test_ids_are_taken_exactly_as_written(tmp_path: Path, written: str, expected: str) -> None:
    plan = ok(tmp_path, BASE.replace('id: "1.1"', f"id: {written}"))
    assert plan.tasks()[0].id == expected


def test_null_means_no_value_but_quoted_null_is_text(tmp_path: Path) -> None:
    text = BASE.replace("title: 计划", "title: 计划\ncommunity: ~\ntracked_from: null\nroles:\ngoals: NULL")
    plan = ok(tmp_path, text)
    assert (plan.community, plan.tracked_from, plan.roles, plan.goals) == (None, None, {}, ())
    plan = ok(tmp_path, BASE.replace("title: 计划", "title: 计划\ncommunity: 'null'"))
    assert plan.community == "null"
    plan = ok(tmp_path, task("detail: ''", 'owner: "~"'))
    assert (plan.tasks()[0].detail, plan.tasks()[0].owner) == ("", "~")


def test_optional_schedule_keys_with_no_value_are_absent(tmp_path: Path) -> None:
    plan = ok(tmp_path, task("due:", "every: ~", "festival: null", "offset:"))
    assert plan.tasks()[0].schedule_kind == "ongoing"


def test_numbers(tmp_path: Path) -> None:
    text = EXAMPLE.replace("weight: 2}", "weight: 2.5}") + "    pass_mark: 75\n    rectify_days: 010\n"
    plan = ok(tmp_path, text)
    tpl = plan.inspections[0]
    assert (tpl.items[0].weight, tpl.pass_mark, tpl.rectify_days) == (2.5, 75.0, 10)


def test_aliases_are_allowed(tmp_path: Path) -> None:
    text = BASE.replace("title: 计划", "title: &t 计划\ncommunity: *t")
    assert ok(tmp_path, text).community == "计划"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    plan = ok(tmp_path, b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert plan.title == "计划"


# -- file-level errors (each the only problem of its file) ---------------------------------------


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_gbk_file_is_rejected(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, BASE.encode("gbk")))
    assert "GBK" in p.message
    assert "UTF-8" in p.message
    assert p.line == 2  # the first non-UTF-8 byte is in the title


def test_other_non_utf8_file_is_rejected(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, b"id: p\ntitle: \xff\xff\n"))
    assert p.message == "file is not UTF-8"
    assert p.line == 2


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n# comments only\n", "---\n", "~\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    p = only(problems_of(tmp_path, text))
    assert "empty" in p.message
    assert p.file == str(tmp_path / "plan.yaml")


@pytest.mark.parametrize(
    ("text", "got"),
    [("- id: p\n- title: x\n", "a list"), ("just text\n", "'just text'"), ("42\n", "'42'")],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, got: str) -> None:
    p = only(problems_of(tmp_path, text))
    assert "top level must be a mapping" in p.message
    assert got in p.message
    assert p.line == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: p\ntitle: a: b\n", 2),
        ("id: p\ntitle: [a, b\nperiod: x\n", 3),
        ("id: p\n\ttitle: x\n", 2),
        ("id: p\ntitle: *nowhere\n", 2),
    ],
)
def test_yaml_syntax_error(tmp_path: Path, text: str, line: int) -> None:
    p = only(problems_of(tmp_path, text))
    assert p.message.startswith(("invalid YAML: ", "a tab in the indentation"))
    assert p.line == line
    assert p.path == ""


def test_several_documents(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, BASE + "---\n" + BASE))
    assert "more than one YAML document" in p.message
    assert p.line == 10


def test_control_character(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, BASE.replace("任务", "任\x07务")))
    assert "U+0007" in p.message
    assert p.line == 9


def test_billion_laughs_is_rejected_without_expansion(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    p = only(problems_of(tmp_path, "\n".join(lines) + "\n"))
    assert "alias expansion too large" in p.message


def test_billion_laughs_inside_a_plan(tmp_path: Path) -> None:
    lines = ["x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(8):
        lines.append(f"x{i}: &a{i} [" + ", ".join([f"*{'a' if i == 0 else f'a{i - 1}'}"] * 10) + "]")
    text = BASE.replace("title: 计划", "title: 计划\n" + "\n".join(lines))
    p = only(problems_of(tmp_path, text))
    assert "alias expansion too large" in p.message


def test_recursive_alias_is_rejected(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, BASE + "principles: &r [a, *r]\n"))
    assert "nesting too deep" in p.message


def test_deep_nesting_is_rejected(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, BASE + "principles: " + "[" * 150 + "]" * 150 + "\n"))
    assert "nesting too deep" in p.message


def test_unreadable_path(tmp_path: Path) -> None:
    from civicli.i18n import ERR

    plan, problems = parse_plan_file(tmp_path)  # a folder, not a file: refused, never read
    assert plan is None
    assert ERR["kind_folder"] in only(problems).message


# -- tags -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line_text", "tag"),
    [
        ("detail: !!python/object:os.system x", "!!python/object:os.system"),
        ('detail: !!python/object/apply:os.system ["echo hi"]', "!!python/object/apply:os.system"),
        ("detail: !!python/name:os.system", "!!python/name:os.system"),
        ("detail: !custom x", "!custom"),
        ("detail: !!binary aGk=", "!!binary"),
        ("tags: !!set {a, b}", "!!set"),
        ("tags: !!omap [a: 1]", "!!omap"),
    ],
)
def test_non_standard_tags_are_rejected(tmp_path: Path, line_text: str, tag: str) -> None:
    problems = problems_of(tmp_path, task(line_text))
    key = line_text.split(":")[0]
    find(problems, f"{TASK}.{key}", 10, f"tag '{tag}' is not allowed")


def test_tag_on_a_key_and_on_the_top_level(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, task("!!python/name:os.system detail: x"))
    find(problems, TASK, 10, "is not allowed")
    p = only(problems_of(tmp_path, "!!python/object:os.system\n" + BASE))
    assert "'!!python/object:os.system' is not allowed" in p.message


def test_standard_tags_are_fine(tmp_path: Path) -> None:
    plan = ok(tmp_path, task("detail: !!str 12", "tags: !!seq [!!str a, !!int 2]", "every: !!str month"))
    t = plan.tasks()[0]
    assert (t.detail, t.tags, t.every) == ("12", ("a", "2"), "month")


# -- structural errors, with path, line and message -----------------------------------------------

CASES: list[tuple[str, str, str, int | None, str]] = [
    # (name, file text, key path, line, message fragment)
    ("missing title", BASE.replace("title: 计划\n", ""), "title", 1, "required key missing"),
    ("title no value", BASE.replace("title: 计划", "title:"), "title", 2, "no value"),
    ("title null", BASE.replace("title: 计划", "title: ~"), "title", 2, "no value"),
    ("title empty text", BASE.replace("title: 计划", "title: ''"), "title", 2, "empty text"),
    ("title a list", BASE.replace("title: 计划", "title: [a]"), "title", 2, "expected text, got a list"),
    ("missing id", BASE.replace("id: p\n", ""), "id", 1, "required key missing"),
    ("missing period", BASE.replace("period: {start: 2027-01-01, end: 2027-12-31}\n", ""),
     "period", 1, "required key missing"),
    ("missing sections", BASE.split("sections:")[0], "sections", 1, "required key missing"),
    ("sections empty", BASE.split("sections:")[0] + "sections: []\n", "sections", 4,
     "empty list: at least one section"),
    ("sections null", BASE.split("sections:")[0] + "sections:\n", "sections", 4, "no value"),
    ("sections a mapping", BASE.split("sections:")[0] + "sections: {a: 1}\n", "sections", 4,
     "expected a list, got a mapping"),
    ("typo top", BASE.replace("title:", "titel:"), "titel", 2, "unknown key 'titel' (did you mean 'title'?)"),
    ("typo top 2", BASE + "inspection: []\n", "inspection", 10, "did you mean 'inspections'?"),
    ("unknown, no suggestion", BASE + "zzz: 1\n", "zzz", 10, "unknown key 'zzz'"),
    ("merge key top", BASE + "<<: {community: x}\n", "<<", 10, "unknown key '<<'"),
    ("duplicate top key", BASE + "title: 又一个\n", "title", 10, "duplicate key 'title' (first at line 2)"),
    ("null key", BASE + "~: x\n", "", 10, "empty key"),
    ("list key", BASE + "? [a, b]\n: x\n", "", 10, "a key must be text"),
    ("bad plan id", BASE.replace("id: p", "id: a b"), "id", 1, "invalid id 'a b'"),
    ("plan id slash", BASE.replace("id: p", "id: 2027/p"), "id", 1, "invalid id '2027/p'"),
    ("plan id comma", BASE.replace("id: p", "id: 甲，乙"), "id", 1, "invalid id"),
    ("bad date", BASE.replace("2027-01-01", "2027-02-30"), "period.start", 3,
     "got '2027-02-30'"),
    ("date format", BASE.replace("2027-01-01", "01/01/2027"), "period.start", 3, "expected a date"),
    ("date a number", BASE.replace("2027-01-01", "20270101"), "period.start", 3, "expected a date"),
    ("period order", BASE.replace("end: 2027-12-31", "end: 2026-12-31"), "period.end", 3,
     "the period ends (2026-12-31) before it starts (2027-01-01)"),
    ("period missing end", BASE.replace(", end: 2027-12-31", ""), "period.end", 3, "required key missing"),
    ("period typo", BASE.replace("end: 2027", "ned: 2027"), "period.ned", 3, "did you mean 'end'?"),
    ("period a date", BASE.replace("{start: 2027-01-01, end: 2027-12-31}", "2027"), "period", 3,
     "expected a mapping, got '2027'"),
    ("tracked_from outside", BASE + "tracked_from: 2028-01-01\n", "tracked_from", 10,
     "tracked_from 2028-01-01 is outside the plan period (2027-01-01..2027-12-31)"),
    ("principles text", BASE + "principles: 以人为本\n", "principles", 10, "expected a list"),
    ("principles empty item", BASE + "principles:\n  - a\n  -\n", "principles[1]", 12, "empty list item"),
    ("principles null item", BASE + "principles: [a, ~]\n", "principles[1]", 10, "empty list item"),
    ("principles blank", BASE + "principles: [a, ' ']\n", "principles[1]", 10, "empty text"),
    # roles
    ("role no value", BASE + "roles:\n  secretary:\n", "roles.secretary", 11, "no value"),
    ("role null", BASE + "roles:\n  secretary: ~\n", "roles.secretary", 11, "no value"),
    ("role bad id", BASE + "roles:\n  a b: 书记\n", "roles.a b", 11, "invalid id 'a b'"),
    ("role id slash", BASE + "roles:\n  a/b: 书记\n", "roles.a/b", 11, "invalid id"),
    ("role duplicate", BASE + "roles:\n  a: 书记\n  a: 主任\n", "roles.a", 12, "duplicate key 'a' (first at line 11)"),
    ("roles a list", BASE + "roles: [a]\n", "roles", 10, "expected a mapping, got a list"),
    ("role display a list", BASE + "roles:\n  a: [x]\n", "roles.a", 11, "expected text"),
    # calendar
    ("calendar shadows", BASE + "calendar:\n  重阳: 10-10\n", "calendar.重阳", 11, "is a built-in festival"),
    ("calendar shadows alias", BASE + "calendar:\n  Mid-Autumn: 09-01\n", "calendar.Mid-Autumn", 11,
     "'Mid-Autumn' is a built-in festival (中秋)"),
    ("calendar day invalid", BASE + "calendar:\n  x: 02-30\n", "calendar.x", 11,
     "expected a month-day MM-DD, got '02-30'"),
    ("calendar day format", BASE + "calendar:\n  x: 7-1\n", "calendar.x", 11, "expected a month-day"),
    ("calendar day full date", BASE + "calendar:\n  x: 2027-07-01\n", "calendar.x", 11, "expected a month-day"),
    ("calendar period end", BASE + "calendar:\n  暑假: {start: 07-01, end: 13-01}\n", "calendar.暑假.end", 11,
     "expected a month-day"),
    ("calendar period missing", BASE + "calendar:\n  暑假: {start: 07-01}\n", "calendar.暑假.end", 11,
     "required key missing"),
    ("calendar period typo", BASE + "calendar:\n  暑假: {start: 07-01, end: 08-31, ned: 1}\n",
     "calendar.暑假.ned", 11, "did you mean 'end'?"),
    ("calendar no value", BASE + "calendar:\n  暑假:\n", "calendar.暑假", 11, "no value"),
    ("calendar list", BASE + "calendar:\n  暑假: [07-01]\n", "calendar.暑假", 11, "expected MM-DD or {start"),
    ("calendar merge key", BASE + "calendar:\n  <<: {start: 07-01, end: 08-31}\n", "calendar.<<", 11,
     "unknown key '<<'"),
    ("roles merge key", BASE + "roles:\n  <<: {a: b}\n", "roles.<<", 11, "unknown key '<<'"),
    ("calendar duplicate", BASE + "calendar:\n  a: 01-01\n  a: 01-02\n", "calendar.a", 12, "duplicate key 'a'"),
    # sections
    ("section no tasks", BASE.replace('      - id: "1.1"\n        title: 任务\n', "").replace("tasks:", "tasks: []"),
     "sections[0].tasks", 7, "empty list: at least one task"),
    ("section tasks missing", BASE.replace('      - id: "1.1"\n        title: 任务\n', "").replace("    tasks:\n", ""),
     "sections[0].tasks", 5, "required key missing"),
    ("section missing title", BASE.replace("    title: 一\n", ""), "sections[0].title", 5, "required key missing"),
    ("section typo", BASE.replace("    title: 一", "    tilte: 一"), "sections[0].tilte", 6, "did you mean 'title'?"),
    ("section bad id", BASE.replace('- id: "1"', '- id: "一 二"'), "sections[0].id", 5, "invalid id"),
    ("section a text", BASE + "  - 第二节\n", "sections[1]", 10, "expected a mapping, got '第二节'"),
    ("section empty item", BASE + "  -\n", "sections[1]", 10, "empty list item"),
    ("duplicate section", BASE + '  - id: "1"\n    title: 二\n    tasks: [{id: "2.1", title: x}]\n',
     "sections[1].id", 10, "duplicate section id '1' (first at line 5)"),
    ("duplicate task across sections", BASE + '  - id: "2"\n    title: 二\n    tasks: [{id: "1.1", title: x}]\n',
     "sections[1].tasks[0].id", 12, "duplicate task id '1.1' (first at line 8)"),
    ("duplicate task in a section", BASE + '      - {id: "1.1", title: x}\n', "sections[0].tasks[1].id", 10,
     "duplicate task id '1.1' (first at line 8)"),
    ("task empty item", BASE + "      - ~\n", "sections[0].tasks[1]", 10, "empty list item"),
    # tasks
    ("task missing title", BASE.replace("        title: 任务\n", ""), f"{TASK}.title", 8, "required key missing"),
    ("task missing id", BASE.replace('      - id: "1.1"\n        title', "      - title"), f"{TASK}.id", 8,
     "required key missing"),
    ("task bad id", BASE.replace('id: "1.1"', 'id: "1 1"'), f"{TASK}.id", 8, "invalid id '1 1'"),
    ("task typo", task("tittle: x"), f"{TASK}.tittle", 10, "unknown key 'tittle' (did you mean 'title'?)"),
    ("task typo schedule", task("dué: 2027-01-01"), f"{TASK}.dué", 10, "did you mean 'due'?"),
    ("task merge key", task("<<: {detail: x}"), f"{TASK}.<<", 10, "unknown key '<<'"),
    ("task duplicate key", task("title: 又"), f"{TASK}.title", 10, "duplicate key 'title' (first at line 9)"),
    ("task bad date", task("due: 2027-02-30"), f"{TASK}.due", 10, "got '2027-02-30'"),
    ("task quoted bad date", task("due: '2027-13-01'"), f"{TASK}.due", 10, "expected a date"),
    ("task due outside", task("due: 2028-01-05"), f"{TASK}.due", 10,
     "due date 2028-01-05 is outside the plan period (2027-01-01..2027-12-31)"),
    ("two schedules", task("due: 2027-03-01", "every: week"), f"{TASK}.every", 11,
     "more than one schedule: due and every"),
    ("three schedules", task("festival: 中秋", "due: 2027-03-01", "every: week"), f"{TASK}.every", 12,
     "more than one schedule: due and every and festival"),
    ("bad every", task("every: fortnight"), f"{TASK}.every", 10, "invalid every 'fortnight'"),
    ("every a number", task("every: 2"), f"{TASK}.every", 10, "invalid every '2'"),
    ("every zero", task("every: 0 weeks"), f"{TASK}.every", 10, "invalid every '0 weeks'"),
    ("unknown festival", task("festival: 中球"), f"{TASK}.festival", 10,
     "unknown festival '中球' (did you mean '中秋'?)"),
    ("unknown festival alias", task("festival: mid-autum"), f"{TASK}.festival", 10, "did you mean 'mid-autumn'?"),
    ("own festival not in calendar", task("festival: 暑假"), f"{TASK}.festival", 10, "unknown festival '暑假'"),
    ("offset without festival", task("offset: 3"), f"{TASK}.offset", 10, "'offset' is only allowed with 'festival'"),
    ("lead with every", task("every: week", "lead: 3"), f"{TASK}.lead", 11, "only allowed with 'festival'"),
    ("grace with due", task("due: 2027-03-01", "grace: 3"), f"{TASK}.grace", 11, "only allowed with 'festival'"),
    ("negative lead", task("festival: 重阳", "lead: -1"), f"{TASK}.lead", 11, "'lead' must be 0 or more, got -1"),
    ("negative grace", task("festival: 重阳", "grace: -7"), f"{TASK}.grace", 11, "'grace' must be 0 or more"),
    ("fractional grace", task("festival: 重阳", "grace: 1.5"), f"{TASK}.grace", 11,
     "expected a whole number, got '1.5'"),
    ("quoted offset", task("festival: 重阳", "offset: '3'"), f"{TASK}.offset", 11,
     "expected a number, got '3' (quoted, so text)"),
    ("boolean offset", task("festival: 重阳", "offset: true"), f"{TASK}.offset", 11, "expected a number, got 'true'"),
    ("yes offset", task("festival: 重阳", "offset: yes"), f"{TASK}.offset", 11, "expected a number, got 'yes'"),
    ("inf lead", task("festival: 重阳", "lead: .inf"), f"{TASK}.lead", 11, "expected a number"),
    ("unknown goal, no goals", task("goal: g9"), f"{TASK}.goal", 10, "unknown goal 'g9' (the plan has no goals)"),
    ("unknown goal", task("goal: g9") + "goals: [{id: g1, text: x}]\n", f"{TASK}.goal", 10,
     "unknown goal 'g9' (did you mean 'g1'?)"),
    ("unknown template", task("inspection: stairwel")
     + "inspections: [{id: stairwell, title: t, areas: [a], items: [{id: i, text: t}]}]\n",
     f"{TASK}.inspection", 10, "unknown inspection template 'stairwel' (did you mean 'stairwell'?)"),
    ("template, no inspections", task("inspection: x"), f"{TASK}.inspection", 10, "the plan has no inspections"),
    ("tags text", task("tags: 文化"), f"{TASK}.tags", 10, "expected a list, got '文化'"),
    ("tags empty item", task("tags: [a, ~]"), f"{TASK}.tags[1]", 10, "empty list item"),
    ("owner a list", task("owner: [a]"), f"{TASK}.owner", 10, "expected text, got a list"),
    ("task a list", BASE.replace('      - id: "1.1"\n        title: 任务\n', "      - [a]\n"),
     "sections[0].tasks[0]", 8, "expected a mapping, got a list"),
    # goals
    ("goal missing text", BASE + "goals:\n  - id: g1\n", "goals[0].text", 11, "required key missing"),
    ("goal duplicate", BASE + "goals:\n  - {id: g1, text: a}\n  - {id: g1, text: b}\n", "goals[1].id", 12,
     "duplicate goal id 'g1' (first at line 11)"),
    ("goal typo", BASE + "goals:\n  - {id: g1, text: a, target: []}\n", "goals[0].target", 11,
     "did you mean 'targets'?"),
    ("target missing metric", BASE + "goals:\n  - id: g1\n    text: a\n    targets:\n"
     "      - {id: t1, text: b, target: 3, direction: at_least}\n", "goals[0].targets[0].metric", 14,
     "required key missing"),
    ("target text number", BASE + "goals:\n  - id: g1\n    text: a\n    targets:\n"
     "      - {id: t1, text: b, metric: m, target: 三百, direction: at_least}\n", "goals[0].targets[0].target",
     14, "expected a number, got '三百'"),
    ("target direction", BASE + "goals:\n  - id: g1\n    text: a\n    targets:\n"
     "      - {id: t1, text: b, metric: m, target: 3, direction: atleast}\n", "goals[0].targets[0].direction",
     14, "direction must be 'at_least' or 'at_most', got 'atleast'"),
    ("target metric id", BASE + "goals:\n  - id: g1\n    text: a\n    targets:\n"
     "      - {id: t1, text: b, metric: 参与 人次, target: 3, direction: at_most}\n",
     "goals[0].targets[0].metric", 14, "invalid id"),
    ("target duplicate", BASE + "goals:\n  - id: g1\n    text: a\n    targets:\n"
     "      - {id: t1, text: b, metric: m, target: 3, direction: at_most}\n"
     "      - {id: t1, text: c, metric: n, target: 3, direction: at_most}\n",
     "goals[0].targets[1].id", 15, "duplicate target id 't1' in this goal (first at line 14)"),
    # inspections
    ("template missing items", BASE + "inspections:\n  - {id: t, title: x, areas: [a]}\n", "inspections[0].items",
     11, "required key missing"),
    ("template empty items", BASE + "inspections:\n  - {id: t, title: x, areas: [a], items: []}\n",
     "inspections[0].items", 11, "empty list: at least one item"),
    ("template empty areas", BASE + "inspections:\n  - {id: t, title: x, areas: [], items: [{id: i, text: y}]}\n",
     "inspections[0].areas", 11, "empty list: at least one area"),
    ("template blank area", BASE + "inspections:\n  - {id: t, title: x, areas: [a, ''], items: [{id: i, text: y}]}\n",
     "inspections[0].areas[1]", 11, "empty text"),
    ("template duplicate area", BASE + "inspections:\n  - id: t\n    title: x\n    areas:\n      - 1号楼\n      - 1号楼\n"
     "    items: [{id: i, text: y}]\n", "inspections[0].areas[1]", 15, "duplicate area '1号楼' in this template (first at line 14)"),
    ("template duplicate item", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n    items:\n"
     "      - {id: i, text: y}\n      - {id: i, text: z}\n", "inspections[0].items[1].id", 16,
     "duplicate item id 'i' in this template (first at line 15)"),
    ("template duplicate", BASE + "inspections:\n  - {id: t, title: x, areas: [a], items: [{id: i, text: y}]}\n"
     "  - {id: t, title: x, areas: [a], items: [{id: i, text: y}]}\n", "inspections[1].id", 12,
     "duplicate inspection template id 't' (first at line 11)"),
    ("weight zero", BASE + "inspections:\n  - {id: t, title: x, areas: [a], items: [{id: i, text: y, weight: 0}]}\n",
     "inspections[0].items[0].weight", 11, "weight must be more than 0, got 0"),
    ("weight negative", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n    items:\n"
     "      - {id: i, text: y, weight: -1.5}\n", "inspections[0].items[0].weight", 15, "more than 0, got -1.5"),
    ("weight text", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n    items:\n"
     "      - {id: i, text: y, weight: heavy}\n", "inspections[0].items[0].weight", 15,
     "expected a number, got 'heavy'"),
    ("pass_mark range", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n    items: [{id: i, text: y}]\n"
     "    pass_mark: 120\n", "inspections[0].pass_mark", 15, "pass_mark must be between 0 and 100, got 120"),
    ("pass_mark bool", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n    items: [{id: i, text: y}]\n"
     "    pass_mark: TRUE\n", "inspections[0].pass_mark", 15, "expected a number, got 'TRUE'"),
    ("rectify_days negative", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n"
     "    items: [{id: i, text: y}]\n    rectify_days: -1\n", "inspections[0].rectify_days", 15,
     "'rectify_days' must be 0 or more"),
    ("rectify_days fraction", BASE + "inspections:\n  - id: t\n    title: x\n    areas: [a]\n"
     "    items: [{id: i, text: y}]\n    rectify_days: 2.5\n", "inspections[0].rectify_days", 15,
     "expected a whole number"),
    ("item typo", BASE + "inspections:\n  - {id: t, title: x, areas: [a], items: [{id: i, txt: y}]}\n",
     "inspections[0].items[0].txt", 11, "did you mean 'text'?"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "path", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_problem(tmp_path: Path, text: str, path: str, line: int | None, fragment: str) -> None:
    problems = problems_of(tmp_path, text)
    p = find(problems, path, line, fragment)
    assert p.file == str(tmp_path / "plan.yaml")
    assert p.message[0].islower() or not p.message[0].isalpha()


def test_problems_are_all_reported(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        id: a b
        titel: x
        period: {start: 2027-01-01, end: 2027-02-30}
        sections:
          - id: "1"
            title: 一
            tasks:
              - {id: "1.1", title: x, every: fortnight}
              - {id: "1.1", title: y, festival: nowhere, lead: -1}
        """
    )
    problems = problems_of(tmp_path, text)
    assert {(p.path, p.line) for p in problems} == {
        ("id", 1),
        ("titel", 2),
        ("title", 1),
        ("period.end", 3),
        ("sections[0].tasks[0].every", 8),
        ("sections[0].tasks[1].id", 9),
        ("sections[0].tasks[1].festival", 9),
        ("sections[0].tasks[1].lead", 9),
    }


# -- schedules with no occurrence in the period ------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "key"),
    [
        ("every: month", "every"),
        ("every: quarter", "every"),
        ("every: year", "every"),
        ("festival: 中秋", "festival"),
    ],
)
def test_schedule_with_no_occurrence(tmp_path: Path, schedule: str, key: str) -> None:
    text = task(schedule).replace("end: 2027-12-31", "end: 2027-01-20").replace("2027-01-01", "2027-01-05")
    p = only(problems_of(tmp_path, text))
    assert (p.path, p.line) == (f"{TASK}.{key}", 10)
    assert p.message == "schedule gives no occurrence inside the plan period (2027-01-05..2027-01-20)"


def test_own_calendar_day_outside_a_short_period(tmp_path: Path) -> None:
    text = task("festival: 建站日", "offset: 1") + "calendar: {建站日: 06-01}\n"
    text = text.replace("end: 2027-12-31", "end: 2027-03-31")
    p = only(problems_of(tmp_path, text))
    assert (p.path, p.line) == (f"{TASK}.festival", 10)
    assert "no occurrence" in p.message


def test_dates_outside_1900_2100_are_problems(tmp_path: Path) -> None:
    # lunar dates are computed for 1900–2100 only: a plan's dates stay inside (README, Limits)
    text = task("festival: 中秋").replace("2027-", "2300-")
    problems = problems_of(tmp_path, text)
    assert {p.path for p in problems} == {"period.start", "period.end"}
    assert all("1900-01-01" in p.message and "2100-12-31" in p.message for p in problems)


def test_occurrences_before_tracked_from_still_count(tmp_path: Path) -> None:
    plan = ok(tmp_path, task("due: 2027-02-01") + "tracked_from: 2027-06-01\n")
    assert plan.tasks()[0].due == dt.date(2027, 2, 1)


# -- discover and load_plans -----------------------------------------------------------------------


def test_discover(tmp_path: Path) -> None:
    write(tmp_path, BASE, "plans/b.yaml")
    write(tmp_path, BASE, "plans/a.yml")
    write(tmp_path, BASE, "plans/sub/c.YAML")
    write(tmp_path, BASE, "plans/notes.txt")
    write(tmp_path, BASE, "plans/.hidden/d.yaml")
    write(tmp_path, BASE, "plans/.e.yaml")
    single = write(tmp_path, BASE, "other.txt")
    folder = tmp_path / "plans"
    found = discover([folder, single, folder / "a.yml"])
    assert found == [folder / "a.yml", folder / "b.yaml", folder / "sub" / "c.YAML", single]


def test_discover_problems(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(PlanFileError) as info:
        discover([tmp_path / "missing.yaml", tmp_path / "empty"])
    first, second = info.value.problems
    assert (first.file, first.line, first.message) == (
        str(tmp_path / "missing.yaml"),
        None,
        "no such file or folder",
    )
    assert second.file == str(tmp_path / "empty")
    assert "no plan files" in second.message


def test_relative_paths_are_shown_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, BASE.replace("title: 计划", "titel: 计划"), "plans/x.yaml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanFileError) as info:
        load_plans(["plans"])
    files = {p.file for p in info.value.problems}
    assert files == {str(Path("plans") / "x.yaml")}
    assert "plans/x.yaml:2: titel: unknown key 'titel'" in str(info.value)


def test_load_plans_in_file_order(tmp_path: Path) -> None:
    write(tmp_path, BASE.replace("id: p", "id: b"), "plans/2.yaml")
    write(tmp_path, BASE.replace("id: p", "id: a"), "plans/1.yaml")
    plans = load_plans([tmp_path / "plans"])
    assert [p.id for p in plans] == ["a", "b"]
    assert plans[0].source == str((tmp_path / "plans" / "1.yaml").resolve())


def test_same_plan_id_in_two_files(tmp_path: Path) -> None:
    first = write(tmp_path, BASE, "a.yaml")
    second = write(tmp_path, "# 复制的\n" + BASE, "b.yaml")
    with pytest.raises(PlanFileError) as info:
        load_plans([first, second])
    p = only(info.value.problems)
    assert (p.file, p.line, p.path) == (str(second), 2, "id")
    assert str(first) in p.message
    assert "plan id 'p'" in p.message


def test_same_file_twice_is_loaded_once(tmp_path: Path) -> None:
    path = write(tmp_path, BASE, "plans/a.yaml")
    assert len(load_plans([tmp_path / "plans", path])) == 1


def test_batch_reports_problems_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, BASE.replace("id: p", "id: good"), "plans/a.yaml")
    bad1 = write(
        tmp_path, BASE.replace("id: p", "id: one").replace("title: 计划", "titel: 计划"), "plans/b.yaml"
    )
    bad2 = write(tmp_path, BASE.replace("id: p", "id: two").encode("gbk"), "plans/c.yaml")
    bad3 = write(tmp_path, task("due: 2027-02-30").replace("id: p", "id: three"), "plans/d.yaml")
    with pytest.raises(PlanFileError) as info:
        load_plans([tmp_path / "plans", tmp_path / "nowhere"])
    by_file = {p.file for p in info.value.problems}
    assert by_file == {str(bad1), str(bad2), str(bad3), str(tmp_path / "nowhere")}
    assert len(info.value.lines()) == 5  # titel + missing title, GBK, due, missing path


def test_seed_plans_load_without_problems() -> None:
    folder = REPO / "plans"
    if not any(folder.glob("*.yaml")):
        pytest.skip("no seed plans yet")
    plans = load_plans([folder])
    assert len(plans) == 4
    assert len({p.id for p in plans}) == 4
