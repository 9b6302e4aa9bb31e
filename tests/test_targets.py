"""Goal targets counted the way an office counts them (plan-format.md, "Goals"; issue #22):
`count` sum / latest / max / done / closed, `tasks` and `templates` narrowing what counts, no
narrowing by a task's `goal:`, ceilings with nothing reported met, records taken back with
`undo` out of every count. Each shipped target is checked against a count made by hand from
the records the test makes with the CLI (the reasoning in the comments)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, PLANS, Invoke

from civicli.reports.targets import how_counted, target_line, target_words


def load(cli: Invoke) -> None:
    r = cli("load", str(PLANS))
    assert r.exit_code == 0, r.stderr


def ok(cli: Invoke, *args: str, today: str) -> str:
    r = cli(*args, today=today)
    assert r.exit_code == 0, (args, r.stderr)
    return r.stdout


def targets(cli: Invoke, plan: str, today: str) -> dict[str, dict[str, Any]]:
    d = json.loads(ok(cli, "show", plan, "--json", today=today))
    return {t["id"]: t for g in d["goals"] for t in g["targets"]}


def facts(t: dict[str, Any]) -> tuple[Any, Any, Any]:
    return t["count"], t["actual"], t["met"]


# ------------------------------------------------------------------------------ 篇1


def test_pian1_targets_by_hand(cli: Invoke) -> None:
    load(cli)
    today = "2027-07-10"
    before = targets(cli, "pian1-2027", today)
    # nothing recorded: the tallies have no actual; the two ceilings (重大火灾 ≤ 0, 刑案 ≤ 5) are
    # nothing happened, 0 and met; the trainings are a count of done occurrences, 0
    assert facts(before["participants"]) == ("sum", None, None)
    assert facts(before["no-major-fire"]) == ("sum", 0, True)
    assert facts(before["fewer-crimes"]) == ("sum", 0, True)
    assert facts(before["legal-volunteers"]) == ("latest", None, None)
    assert facts(before["law-trainings"]) == ("done", 0, False)

    # the legal volunteer team: 8 in March, 11 in June; a count of 15 back-filled for February
    # (recorded last, dated first) is not the latest: the team has 11 (not 8 + 11 + 15 = 34)
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "legal_volunteers=8",
        "--date",
        "2027-03-01",
        today=today,
    )
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "法律志愿者人数=11",
        "--date",
        "2027-06-01",
        today=today,
    )
    ok(
        cli,
        "progress",
        "pian1-2027/3.1",
        "--metric",
        "legal_volunteers=15",
        "--date",
        "2027-02-01",
        today=today,
    )
    # 学法用法培训 (4.3, quarterly) held in Q1 and Q2: 2 of 4
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q1", "--date", "2027-03-20", today=today)
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q2", "--date", "2027-06-20", today=today)
    # activities on three tasks: 120 + 60 + 45 people, on whichever task they were recorded
    ok(
        cli,
        "done",
        "pian1-2027/6.5",
        "--metric",
        "participants=120",
        "--date",
        "2027-08-09",
        today="2027-08-10",
    )
    ok(
        cli,
        "done",
        "pian1-2027/6.7",
        "--occurrence",
        "2027-春节",
        "--metric",
        "participants=60",
        "--date",
        "2027-02-03",
        today=today,
    )
    ok(cli, "progress", "pian1-2027/7.1", "--metric", "participants=45", "--date", "2027-05-04", today=today)
    # two criminal cases reported: 2 ≤ 5, still met
    ok(cli, "progress", "pian1-2027/3.5", "--metric", "criminal_cases=2", "--date", "2027-04-01", today=today)

    after = targets(cli, "pian1-2027", "2027-08-10")
    assert facts(after["legal-volunteers"]) == ("latest", 11, True)
    assert facts(after["law-trainings"]) == ("done", 2, False)
    assert after["law-trainings"]["tasks"] == ["4.3"]
    assert facts(after["participants"]) == ("sum", 225, False)  # 120 + 60 + 45 < 300
    assert facts(after["fewer-crimes"]) == ("sum", 2, True)
    assert facts(after["no-major-fire"]) == ("sum", 0, True)

    text = ok(cli, "show", "pian1-2027", today="2027-08-10")
    for words in (
        "取最新值",
        "按完成次数（只计任务 4.3 组织居民学法用法培训）",
        "已达11人，目标10人，达标",
        "已开展2次，目标4次",
        "已达225人次，目标300人次",
        "未发生，达标",
        "已发生2起，目标不超过5起，达标",
    ):
        assert words in text, words


def test_undo_takes_a_record_out_of_every_count(cli: Invoke) -> None:
    load(cli)
    today = "2027-07-10"
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "legal_volunteers=8",
        "--date",
        "2027-03-01",
        today=today,
    )
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "legal_volunteers=11",
        "--date",
        "2027-06-01",
        today=today,
    )
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q1", "--date", "2027-03-20", today=today)
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q2", "--date", "2027-06-20", today=today)
    ok(cli, "progress", "pian1-2027/3.5", "--metric", "major_fires=1", "--date", "2027-06-21", today=today)
    t = targets(cli, "pian1-2027", today)
    assert (t["no-major-fire"]["actual"], t["no-major-fire"]["met"]) == (1, False)
    # undo the fire (the latest command): nothing reported again, the ceiling met
    ok(cli, "undo", today=today)
    # undo Q2's training: 1 held
    ok(cli, "undo", today=today)
    t = targets(cli, "pian1-2027", today)
    assert facts(t["no-major-fire"]) == ("sum", 0, True)
    assert facts(t["law-trainings"]) == ("done", 1, False)
    # undo the June count of 11 by its number: the latest left is March's 8, short of 10
    log = json.loads(ok(cli, "log", "pian1-2027/4.2", "--json", today=today))
    eleven = next(r["id"] for r in log if r["metrics"] == {"legal_volunteers": 11})
    ok(cli, "undo", str(eleven), today=today)
    t = targets(cli, "pian1-2027", today)
    assert facts(t["legal-volunteers"]) == ("latest", 8, False)


# ------------------------------------------------------------------------------ 篇2


def test_pian2_participants_sum_every_task(cli: Invoke) -> None:
    load(cli)
    # 安全宣传月 (4.2, no goal) 80 people, 清明 (2.2, goal civility) 40: the target names no
    # tasks, so both count, 80 + 40 = 120 (the hidden goal filter used to say 40)
    ok(
        cli,
        "done",
        "pian2-2027/4.2",
        "--metric",
        "participants=80",
        "--date",
        "2027-06-15",
        today="2027-06-20",
    )
    ok(
        cli,
        "done",
        "pian2-2027/2.2",
        "--occurrence",
        "2027-清明",
        "--metric",
        "participants=40",
        "--date",
        "2027-04-05",
        today="2027-06-20",
    )
    # 走访帮扶 (2.7, monthly) 6 and 9 households: 15
    ok(
        cli,
        "done",
        "pian2-2027/2.7",
        "--occurrence",
        "2027-04",
        "--metric",
        "households_visited=6",
        today="2027-06-20",
    )
    ok(
        cli,
        "done",
        "pian2-2027/2.7",
        "--occurrence",
        "2027-05",
        "--metric",
        "households_visited=9",
        today="2027-06-20",
    )
    t = targets(cli, "pian2-2027", "2027-06-20")
    assert facts(t["participants"]) == ("sum", 120, False)
    assert facts(t["households-visited"]) == ("sum", 15, False)
    text = ok(cli, "show", "pian2-2027", today="2027-06-20")
    assert "已达120人次，目标300人次" in text and "已达15户次，目标50户次" in text


# ------------------------------------------------------------------------------ 篇3


def test_pian3_targets_by_hand(cli: Invoke) -> None:
    load(cli)
    today = "2027-10-10"
    # the 文体 target counts section 2's tasks only (tasks: 2.1–2.4): 文体活动 (2.4) 30 + 50
    # count, the 科普宣传周 (1.4) 200 does not: 80
    ok(cli, "done", "pian3-2027/2.4", "--occurrence", "2027-05", "--metric", "participants=30", today=today)
    ok(cli, "done", "pian3-2027/2.4", "--occurrence", "2027-06", "--metric", "participants=50", today=today)
    ok(
        cli,
        "done",
        "pian3-2027/1.4",
        "--occurrence",
        "2027-科普宣传周",
        "--metric",
        "participants=200",
        "--date",
        "2027-09-16",
        today=today,
    )
    # volunteers registered: 20, then 48 — the latest, not 68; trees: 60 + 50 = 110 ≥ 100
    ok(cli, "progress", "pian3-2027/3.6", "--metric", "volunteers=20", "--date", "2027-03-01", today=today)
    ok(cli, "progress", "pian3-2027/3.7", "--metric", "volunteers=48", "--date", "2027-09-01", today=today)
    ok(
        cli,
        "done",
        "pian3-2027/5.1",
        "--occurrence",
        "2027-植树节",
        "--metric",
        "trees_planted=60",
        "--date",
        "2027-03-12",
        today=today,
    )
    ok(cli, "progress", "pian3-2027/5.2", "--metric", "trees_planted=50", "--date", "2027-04-02", today=today)
    t = targets(cli, "pian3-2027", today)
    assert facts(t["participants"]) == ("sum", 80, False)
    assert t["participants"]["tasks"] == ["2.1", "2.2", "2.3", "2.4"]
    assert facts(t["volunteers"]) == ("latest", 48, False)
    assert facts(t["trees-planted"]) == ("sum", 110, True)
    text = ok(cli, "show", "pian3-2027", today=today)
    assert "按记录合计（只计任务 2.1 建立文化站、体育协会、公民文明学校、2.2" in text


# ------------------------------------------------------------------------------ 篇4


def test_pian4_targets_by_hand(cli: Invoke) -> None:
    load(cli)
    today = "2027-07-10"
    # 文明礼仪教育 (2.1, quarterly) held in Q1 and Q2: 2 sessions of 4 — with 40 adults each,
    # who are `participants`, never the minors' target
    for q, day in (("2027-Q1", "2027-03-10"), ("2027-Q2", "2027-05-10")):
        ok(
            cli,
            "done",
            "pian4-2027/2.1",
            "--occurrence",
            q,
            "--metric",
            "participants=40",
            "--date",
            day,
            today=today,
        )
    # minors: 25 at 学雷锋 (1.3), 35 at the 寒假 practice (1.4): 60
    ok(
        cli,
        "done",
        "pian4-2027/1.3",
        "--occurrence",
        "2027-学雷锋纪念日",
        "--metric",
        "minors_participants=25",
        "--date",
        "2027-03-05",
        today=today,
    )
    ok(
        cli,
        "done",
        "pian4-2027/1.4",
        "--occurrence",
        "2027-寒假",
        "--metric",
        "未成年人参与人次=35",
        "--date",
        "2027-02-10",
        today=today,
    )
    # youth volunteers 12, then 18: the team has 18
    ok(
        cli,
        "progress",
        "pian4-2027/1.7",
        "--metric",
        "youth_volunteers=12",
        "--date",
        "2027-03-06",
        today=today,
    )
    ok(
        cli,
        "progress",
        "pian4-2027/1.6",
        "--metric",
        "youth_volunteers=18",
        "--date",
        "2027-06-06",
        today=today,
    )
    # 脏乱差 inspections: 1号楼 fails 乱堆乱放 and 乱设围栏 on 06-01 (two rectifications), passes
    # both on 06-15 (both closed); 2号楼 fails 乱扔乱倒 on 06-15 (open): 2 closed
    items = ["no-dumping", "no-piling", "no-illegal-building", "no-fences"]

    def inspect(area: str, day: str, failed: list[str]) -> None:
        answers = [a for i in items for a in (("--fail", f"{i}=问题") if i in failed else ("--pass", i))]
        ok(cli, "inspect", "pian4-2027/eyesores", "--area", area, *answers, "--date", day, today=today)

    inspect("1号楼", "2027-06-01", ["no-piling", "no-fences"])
    inspect("1号楼", "2027-06-15", [])
    inspect("2号楼", "2027-06-15", ["no-dumping"])
    t = targets(cli, "pian4-2027", today)
    assert facts(t["etiquette-sessions"]) == ("done", 2, False)
    assert facts(t["participants"]) == ("sum", 60, False)
    assert t["participants"]["metric"] == "minors_participants"
    assert facts(t["youth-volunteers"]) == ("latest", 18, False)
    assert facts(t["eyesores-cleared"]) == ("closed", 2, False)
    assert t["eyesores-cleared"]["templates"] == ["eyesores"]
    # the 2号楼 problem goes to its 楼长 (the area's owner), not to the inspector
    rects = json.loads(ok(cli, "rectifications", "--json", today=today))
    assert [(r["area"], r["owner"]) for r in rects] == [("2号楼", "楼长")]
    text = ok(cli, "show", "pian4-2027", today=today)
    assert "已销号整改2项，目标20项" in text and "按销号整改数（只计 脏乱差综合治理检查）" in text
    assert "已开展2次，目标4次" in text and "已达60人次，目标200人次" in text
    # taking back the passing inspection of 1号楼 reopens both: 0 closed
    inspections = json.loads(ok(cli, "inspections", "--json", today=today))
    passing = next(i["id"] for i in inspections if i["area"] == "1号楼" and i["date"] == "2027-06-15")
    ok(cli, "undo", "--inspection", str(passing), today=today)
    assert facts(targets(cli, "pian4-2027", today)["eyesores-cleared"]) == ("closed", 0, False)


# ------------------------------------------------------------------------------ the bulletin


def test_the_bulletin_counts_as_of_its_week(cli: Invoke) -> None:
    load(cli)
    today = "2027-07-10"
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q1", "--date", "2027-03-20", today=today)
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q2", "--date", "2027-06-20", today=today)
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "legal_volunteers=8",
        "--date",
        "2027-03-01",
        today=today,
    )
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "legal_volunteers=11",
        "--date",
        "2027-06-01",
        today=today,
    )
    # the week of 2027-04-05..11: one training held by then (Q2's is dated after the week), the
    # team counted 8 then (June's 11 is after it); the words are the bulletin's own
    text = ok(cli, "summary", "--week", "2027-W14", today=today)
    line = next(line for line in text.splitlines() if "组织居民群众开展学法用法培训（次数）：" in line)
    assert "培训（次数）：已达1次，目标4次" in line or "培训（次数）：已开展1次，目标4次" in line, line
    assert "发展培育社区法律志愿者队伍（人数）：已达8人，目标10人" in line
    assert "不发生重大火灾事故：未发生，达标" in line
    assert "居民参与文体、科普、健身等创建活动的人次：尚无记录" in line


def test_show_and_the_bulletin_say_a_target_in_the_same_words(cli: Invoke) -> None:
    """One wording for both (documents.md 6, plan-format.md "Goals"): the bulletin of the week of
    2027-06-07..13, read on the 14th, says each 篇1 target exactly as `show` says it that day."""
    load(cli)
    today = "2027-06-14"
    ok(cli, "done", "pian1-2027/4.3", "--occurrence", "2027-Q1", "--date", "2027-03-20", today=today)
    ok(
        cli,
        "progress",
        "pian1-2027/4.2",
        "--metric",
        "legal_volunteers=11",
        "--date",
        "2027-06-01",
        today=today,
    )
    ok(cli, "progress", "pian1-2027/3.5", "--metric", "criminal_cases=2", "--date", "2027-04-01", today=today)
    bulletin = json.loads(ok(cli, "summary", "--week", "2027-W23", "--format", "json", today=today))
    [plan] = [p for p in bulletin["plans"] if p["id"] == "pian1-2027"]
    said = {t["id"]: t["words"] for g in plan["goals"] for t in g["targets"]}
    # 4.3 held once of 4 (已开展1次，目标4次); the team 11 ≥ 10 (已达11人，目标10人，达标); 2
    # cases under the ceiling of 5 (已发生2起，目标不超过5起，达标); no fire (未发生，达标)
    assert said["law-trainings"] == "已开展1次，目标4次"
    assert said["legal-volunteers"] == "已达11人，目标10人，达标"
    assert said["fewer-crimes"] == "已发生2起，目标不超过5起，达标"
    assert said["no-major-fire"] == "未发生，达标"
    shown = ok(cli, "show", "pian1-2027", today=today)
    for words in said.values():
        assert words in shown, words


# ------------------------------------------------------------------------------ the words


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        (
            {
                "count": "sum",
                "direction": "at_least",
                "target": 500,
                "actual": 320,
                "met": False,
                "metric_name": "参与人次",
            },
            "已达320人次，目标500人次",
        ),
        (
            {
                "count": "sum",
                "direction": "at_least",
                "target": 500,
                "actual": 520,
                "met": True,
                "metric_name": "参与人次",
            },
            "已达520人次，目标500人次，达标",
        ),
        (
            {
                "count": "sum",
                "direction": "at_most",
                "target": 0,
                "actual": 0,
                "met": True,
                "recorded": False,
                "metric_name": "重大火灾起数",
            },
            "未发生，达标",
        ),
        (
            {
                "count": "sum",
                "direction": "at_most",
                "target": 0,
                "actual": 1,
                "met": False,
                "metric_name": "重大火灾起数",
            },
            "已发生1起，目标不超过0起，未达标",
        ),
        (
            {
                "count": "latest",
                "direction": "at_least",
                "target": 10,
                "actual": None,
                "met": None,
                "metric_name": "法律志愿者人数",
            },
            "尚无记录，目标10人",
        ),
        (
            {"count": "done", "direction": "at_least", "target": 4, "actual": 0, "met": False},
            "已开展0次，目标4次",
        ),
        (
            {"count": "closed", "direction": "at_least", "target": 20, "actual": 2.5, "met": False},
            "已销号整改2.5项，目标20项",
        ),
        (
            {
                "count": "max",
                "direction": "at_least",
                "target": 3,
                "actual": 7,
                "met": True,
                "metric_name": "志愿者",
            },
            "已达7，目标3，达标",
        ),
    ],
)
def test_a_target_in_the_office_words(facts: dict[str, Any], words: str) -> None:
    assert target_words(facts) == words
    assert target_line({**facts, "text": "某目标"}) == f"某目标：{words}"


def test_how_a_target_is_counted_in_words() -> None:
    assert how_counted({"count": "latest"}, zh=True) == "取最新值"
    assert how_counted({"count": "max"}, zh=True) == "取最大值"
    assert (
        how_counted({"count": "done", "tasks": ["4.3"], "task_titles": ["培训"]}, zh=True)
        == "按完成次数（只计任务 4.3 培训）"
    )
    assert how_counted({"count": "closed"}, zh=True) == "按销号整改数"
    assert how_counted({"count": None}, zh=True) == "按记录合计"


# ------------------------------------------------------------------------------ the checker

BASE = """\
id: t
title: 计划
period: {start: 2027-01-01, end: 2027-12-31}
sections:
  - id: "1"
    title: 一
    tasks:
      - {id: a, title: 甲, every: quarter}
      - {id: b, title: 乙, inspection: tpl}
inspections:
  - {id: tpl, title: 检查, areas: [1号楼], items: [{id: x, text: 项}]}
goals:
  - id: g
    text: 目标
    targets:
"""


@pytest.mark.parametrize(
    ("target", "path", "fragment"),
    [
        ("{id: x, text: t, count: total, metric: m, target: 1, direction: at_least}", "count", "只能是"),
        ("{id: x, text: t, count: latest, target: 1, direction: at_least}", "metric", "要写 `metric`"),
        ("{id: x, text: t, count: done, target: 1, direction: at_least}", "tasks", "要写 `tasks`"),
        (
            "{id: x, text: t, count: done, tasks: [z], target: 1, direction: at_least}",
            "tasks[0]",
            "不认识的任务“z”",
        ),
        (
            "{id: x, text: t, count: closed, templates: [tpx], target: 1, direction: at_least}",
            "templates[0]",
            "tpl",
        ),
        (
            "{id: x, text: t, metric: m, templates: [tpl], target: 1, direction: at_least}",
            "templates",
            "只用于",
        ),
        (
            "{id: x, text: t, count: closed, tasks: [a], target: 1, direction: at_least}",
            "tasks",
            "不用 `tasks`",
        ),
        ("{id: x, text: t, count: done, tasks: [], target: 1, direction: at_least}", "tasks", "空列表"),
    ],
)
def test_the_checker_names_a_wrong_target(
    cli: Invoke, tmp_path: Path, target: str, path: str, fragment: str
) -> None:
    plan = tmp_path / "t.yaml"
    plan.write_text(BASE + f"      - {target}\n", encoding="utf-8")
    r = cli("validate", str(plan))
    assert r.exit_code == 1
    assert f"goals[0].targets[0].{path}" in r.stderr and fragment in r.stderr, r.stderr
    assert "t.yaml:16:" in r.stderr  # the line of the target


def test_the_checker_takes_each_count(cli: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "t.yaml"
    plan.write_text(
        BASE
        + "      - {id: s, text: 合计, metric: m, target: 1, direction: at_least}\n"
        + "      - {id: l, text: 最新, count: latest, metric: m, tasks: [a], target: 1, direction: at_least}\n"
        + "      - {id: x, text: 最大, count: max, metric: m, target: 1, direction: at_most}\n"
        + "      - {id: d, text: 次数, count: done, tasks: a, target: 4, direction: at_least}\n"
        + "      - {id: c, text: 销号, count: closed, templates: [tpl], target: 2, direction: at_least}\n"
        + "      - {id: c2, text: 全部销号, count: closed, target: 2, direction: at_least}\n",
        encoding="utf-8",
    )
    assert cli("load", str(plan)).exit_code == 0
    got = targets(cli, "t", "2027-02-01")
    assert {k: (v["count"], v["tasks"], v["templates"]) for k, v in got.items()} == {
        "s": ("sum", [], []),
        "l": ("latest", ["a"], []),
        "x": ("max", [], []),
        "d": ("done", ["a"], []),  # one id written alone is a list of one
        "c": ("closed", [], ["tpl"]),
        "c2": ("closed", [], []),
    }
    # max: the largest value recorded, 7 of 3, 7, 2 → over the ceiling of 1
    for n in (3, 7, 2):
        assert cli("progress", "t/a", "--metric", f"m={n}", "--again", today="2027-02-01").exit_code == 0
    got = targets(cli, "t", "2027-02-01")
    assert (got["x"]["actual"], got["x"]["met"]) == (7, False)
    assert (got["s"]["actual"], got["l"]["actual"]) == (12, 2)  # 3 + 7 + 2; the last recorded, 2


# ------------------------------------------------------------------------------ older databases


def test_a_database_from_before_counts_keeps_working(tmp_path: Path) -> None:
    """A database written before targets had `count` (0012) opens, counts its targets as sums,
    and takes the plans' `count` at the next load."""
    from test_upgrade import from_fixture, ok

    db = tmp_path / "old.db"
    from_fixture(DATA / "upgrade" / "0012_load_skips.sql", db)
    d = json.loads(ok(db, "show", "forms-2027", "--json").stdout)
    counted = [t["count"] for g in d["goals"] for t in g["targets"]]
    assert counted and set(counted) == {"sum"}
    conn = sqlite3.connect(db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(targets)")]
    conn.close()
    assert {"count", "tasks", "templates"} <= set(columns)
    plan = tmp_path / "forms.yaml"
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    plan.write_text(
        text.replace("metric: participants, target: 100", "count: max, metric: participants, target: 100"),
        encoding="utf-8",
    )
    ok(db, "load", str(plan), "--force")
    d = json.loads(ok(db, "show", "forms-2027", "--json").stdout)
    assert next(t["count"] for g in d["goals"] for t in g["targets"]) == "max"
