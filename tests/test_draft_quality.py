"""How good `civicli draft` is, measured (issue 26): the drafts of the four 篇 of the seed against
the shipped plans/ (written by hand from the same texts), and of three documents written in
other customary styles against the plans written by hand for them. How tasks are matched and
what "agrees" and "the same" mean: tests/draft_quality.py (an owner agrees when it is the same
post, or when the hand-writer assumed one where the document names nobody and the draft leaves
it open, as plan-format.md says a draft must). The floors are the figures reached when this
was written; the README's table shows them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import PLANS
from draft_docs import DATA, jiedao_docx, notepad_gb18030
from draft_quality import Figures, compare

from civicli.draft.document import read_document
from civicli.draft.drafter import draft_plan, to_yaml
from civicli.plan.model import Plan
from civicli.plan.planfile import parse_plan_file

TODAY = dt.date(2026, 12, 7)  # the seed names no year: the draft's period is the next one, 2027

# Hand-written tasks the document does not state, by their own `assumed` (left out of "found"):
SKIP = {
    # 6.7, 6.8: "原文只说‘各种节日庆祝活动’；选春节/国庆…是假设的"
    1: frozenset({"6.7", "6.8"}),
    # 1.2: "原文没有提到清明"; 2.4, 2.5: "主要任务中断前没有写到，据目标补设"
    4: frozenset({"1.2", "2.4", "2.5"}),
}
# Whose owner the document states: the shipped plans say, at their top, that every task's owner is
# assumed ("各任务的责任人…是假设的"), except in 篇1 2.3 and 2.5 ("社区设专人负责").
OWNERS_STATED = {1: frozenset({"2.3", "2.5"})}

# (found, schedules agreeing, owners agreeing) reached, each as (count, of); targets: every one
FLOORS = {
    # 2.2, 6.6: the hand-writer's own words (落实…卫生责任, 驻区单位文化共建); 2.6: the 楼长's 卫生
    # is drafted, but the hand-written 2.3 (its 检查) holds the same words better and takes it;
    # owner: 2.3's 专人 (社区设专人负责) is stated, and paired with the 楼长's task
    1: ((41, 44), (40, 41), (40, 41)),
    # 1.2: "年终检验学习实践成果", the hand-writer's words
    2: ((19, 20), (19, 19), (19, 19)),
    3: ((32, 35), (32, 32), (32, 32)),
    4: ((17, 17), (17, 17), (17, 17)),
    # the plans written for these leave an owner open where the document names none, as the draft
    # does; shengli 1.3 (组织“五老”志愿者辅导学生作业): written 五老, drafted 志愿者 (the 五老 are drawn on)
    "jiedao-wenming": ((11, 11), (11, 11), (11, 11)),
    "heping-pingan": ((6, 6), (6, 6), (6, 6)),
    "shengli-guanxin": ((7, 7), (7, 7), (6, 7)),
}
# of the owners the document states (the hand-written plan's owner is not assumed), the same:
STATED = {
    1: (1, 2),  # 2.5 专人; 2.3's 专人 (社区设专人负责) is paired with the 楼长's task (see above)
    "jiedao-wenming": (10, 10),
    "heping-pingan": (2, 2),
    # 1.3 (组织“五老”志愿者辅导学生作业): written 五老, drafted 志愿者 (assumed: the 五老 are drawn on)
    "shengli-guanxin": (3, 4),
}


def drafted(document: Path, tmp_path: Path) -> Plan:
    """The draft of a document, through the plan-file checker (it must be valid as written)."""
    text = to_yaml(draft_plan(read_document(document), str(document), TODAY))
    out = tmp_path / f"{document.stem}.yaml"
    out.write_text(text, encoding="utf-8")
    plan, problems = parse_plan_file(out)
    assert plan is not None, problems
    return plan


def written(path: Path) -> Plan:
    plan, problems = parse_plan_file(path)
    assert plan is not None, problems
    return plan


def check(figures: Figures, name: int | str) -> None:
    (found, tasks), (sched, _), (owner, _) = FLOORS[name]
    assert figures.tasks == tasks
    assert figures.found >= found
    assert figures.schedule_agree >= sched
    assert figures.owner_agree >= owner
    same, stated = STATED.get(name, (0, 0))
    assert figures.owners_stated == stated
    assert figures.owner_stated_same >= same
    # the bar: 90% of the tasks found, 80% of their schedules agreeing, every target found
    assert figures.found >= 0.9 * figures.tasks
    assert figures.schedule_agree >= 0.8 * figures.found
    assert figures.targets_found == figures.targets
    assert figures.owner_agree >= 0.8 * figures.found  # and 80% of the owners agreeing


@pytest.mark.parametrize("pian", [1, 2, 3, 4])
def test_the_seed_documents_against_the_shipped_plans(pian: int, tmp_path: Path) -> None:
    figures = compare(
        drafted(DATA / f"pian{pian}.txt", tmp_path),
        written(PLANS / f"2027-pian{pian}.yaml"),
        SKIP.get(pian, frozenset()),
        OWNERS_STATED.get(pian, frozenset()),
    )
    check(figures, pian)


def test_the_seed_as_a_whole_reaches_ninety_percent(tmp_path: Path) -> None:
    """Over the four 篇: 109 of the 116 hand-written tasks the documents state are found (94%); of
    those, 108 owners agree (99%): the one the document states (篇1 2.5 专人) is the same post;
    the 107 the shipped plans' authors assumed are left open by the draft, as the contract says."""
    found = tasks = owners = 0
    for pian in (1, 2, 3, 4):
        f = compare(
            drafted(DATA / f"pian{pian}.txt", tmp_path),
            written(PLANS / f"2027-pian{pian}.yaml"),
            SKIP.get(pian, frozenset()),
            OWNERS_STATED.get(pian, frozenset()),
        )
        found, tasks = found + f.found, tasks + f.tasks
        owners += f.owner_agree
    assert tasks == 116  # 篇1 2.6, 2.7: the 楼长's and the 小组长's part of 卫生 (issue 22)
    assert found >= 109
    assert found >= 0.9 * tasks
    assert owners >= 108
    assert owners >= 0.8 * found


def test_the_fire_target_of_pian1_is_found(tmp_path: Path) -> None:
    """篇1's only number the document states (不发生重大火灾事故) stands in a task's paragraph,
    not in a goals part: it is found there, a ceiling of 0."""
    plan = drafted(DATA / "pian1.txt", tmp_path)
    targets = [t for g in plan.goals for t in g.targets]
    assert [(t.text, t.target, t.direction) for t in targets] == [("不发生重大火灾事故", 0, "at_most")]


@pytest.mark.parametrize("name", ["jiedao-wenming", "heping-pingan", "shengli-guanxin"])
def test_documents_in_other_hands(name: str, tmp_path: Path) -> None:
    if name == "jiedao-wenming":
        document = jiedao_docx(tmp_path / f"{name}.docx")
    elif name == "shengli-guanxin":
        document = notepad_gb18030(tmp_path / f"{name}.txt")
    else:
        document = DATA / f"{name}.md"
    plan = written(DATA / f"{name}.expected.yaml")
    stated = frozenset(t.id for s in plan.sections for t in s.tasks if t.owner)
    figures = compare(drafted(document, tmp_path), plan, owners_stated=stated)
    check(figures, name)
