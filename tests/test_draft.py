"""`civicli draft DOCUMENT [--output FILE]` as the contract says (cli.md, plan-format.md "Drafting a
plan from a document"): a plan file `validate` accepts as written, every word of the document kept,
what civicli chose marked assumed, a report on stderr, the shared output rules, clear refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Invoke
from draft_docs import DATA, jiedao_docx, notepad_gb18030
from typer.testing import Result

from civicli.plan.model import Plan
from civicli.plan.planfile import parse_plan_file

SEED = sorted(DATA.glob("pian*.txt"))
TODAY = "2026-12-07"


def draft(cli: Invoke, *args: str) -> Result:
    return cli("draft", *args, today=TODAY)


def plan_of(text: str, tmp_path: Path, name: str = "draft.yaml") -> Plan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    plan, problems = parse_plan_file(path)
    assert plan is not None, problems
    return plan


def flat(text: str) -> str:
    """The YAML's words run together: values unescaped, comment lines joined, punctuation and
    spaces left out — to find a document's sentence in, whatever line it was wrapped on."""
    words = []
    for line in text.splitlines():
        body = line.strip()
        if body.startswith("#"):
            words.append(body[1:])
            continue
        for quoted in re.findall(r'"(?:[^"\\]|\\.)*"', body):
            words.append(json.loads(quoted.replace("\\x20", " ")))  # YAML's escape, not JSON's
    return letters("".join(words))


def letters(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]", "", text)


@pytest.mark.parametrize("document", SEED, ids=lambda p: p.stem)
def test_a_seed_document_drafts_to_a_valid_plan(cli: Invoke, document: Path, tmp_path: Path) -> None:
    result = draft(cli, str(document))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    # the seed names no year: the next calendar year after today (2026-12-07), and it says so
    assert (plan.start.isoformat(), plan.end.isoformat()) == ("2027-01-01", "2027-12-31")
    assert plan.assumed is not None and "2027" in plan.assumed
    # stdout is the plan file only; the report is on stderr, with the counts
    assert result.stdout.startswith("#")
    tasks = sum(len(s.tasks) for s in plan.sections)
    assert f"{len(plan.sections)} 个部分，{tasks} 项任务" in result.stderr


def dropped(document_text: str, yaml_text: str) -> list[str]:
    """The clauses of a document (numbering aside) found nowhere in the drafted file (a title,
    a detail, the guiding ideology, a goal, a comment). A clause may be cut in two where the
    draft split a heading from its run-on body; each part must then be there."""
    kept = flat(yaml_text)
    missing = []
    for line in document_text.splitlines():
        line = re.sub(
            r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])", "", line
        )
        for clause in re.split(r"[，。；;、：:,！？!?（）()“”]", line):
            words = letters(clause)
            if len(words) < 2 or words in kept:
                continue
            if not any(words[:i] in kept and words[i:] in kept for i in range(2, len(words) - 1)):
                missing.append(clause)
    return missing


@pytest.mark.parametrize("document", SEED, ids=lambda p: p.stem)
def test_nothing_the_document_says_is_dropped(cli: Invoke, document: Path) -> None:
    result = draft(cli, str(document))
    assert result.exit_code == 0
    assert dropped(document.read_text(encoding="utf-8"), result.stdout) == []


@pytest.mark.parametrize("document", SEED, ids=lambda p: p.stem)
def test_no_obligation_is_invented(cli: Invoke, document: Path, tmp_path: Path) -> None:
    """Whatever the draft states without marking it assumed comes from the task's own words: a
    cadence or date from a time word there, a festival from its name there, an owner named there
    (or in its section's heading); an owner the document names nowhere for it is marked assumed,
    by name."""
    result = draft(cli, str(document))
    plan = plan_of(result.stdout, tmp_path)
    cadence = {
        "week": "每周",
        "month": "每月|按月|月度",
        "quarter": "每季",
        "year": "每年",
        "6 months": "每半年",
    }
    for section in plan.sections:
        for task in section.tasks:
            words = f"{task.title}{task.detail or ''}"
            if task.every and not task.assumed:
                assert re.search(cadence[task.every], words), task
            if task.due and not task.assumed:
                assert re.search(rf"{task.due.month}月", words), task
            if task.owner:
                name = plan.roles.get(task.owner, task.owner)
                stem = name.replace("社区", "").replace("居委会", "")
                if task.assumed and name in task.assumed:
                    continue  # the customary division of labour, or a split of 由A、B负责: assumed
                here = words + section.title
                assert stem[:2] in here or name in here, (task, name)


def test_what_civicli_chose_is_marked_assumed(cli: Invoke, tmp_path: Path) -> None:
    """定期 and 年底 give a cadence and a date civicli chose; 暑假 and 寒假 a calendar period it
    chose: each is written in `assumed` and listed on stderr for the clerk to check."""
    document = notepad_gb18030(tmp_path / "shengli.txt")
    result = draft(cli, str(document))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    tasks = {t.title: t for s in plan.sections for t in s.tasks}
    lecture = next(t for title, t in tasks.items() if "家庭教育讲座" in title)
    assert lecture.every == "month" and lecture.assumed and "定期" in lecture.assumed
    meeting = next(t for title, t in tasks.items() if "召开关心下一代工作会议" in title)
    assert meeting.due is not None and meeting.due.isoformat() == "2027-01-31"
    assert meeting.assumed and "年初" in meeting.assumed
    assert meeting.owner == "director" and plan.roles["director"] == "居委会主任"  # 由居委会主任负责
    assert set(plan.calendar) == {"暑假", "寒假"}
    assert plan.assumed and "暑假" in plan.assumed and "寒假" in plan.assumed
    # stated times are not assumed: 3月底前 → 3月31日, 每半年 → "6 months", 重阳节 → the festival
    survey = next(t for title, t in tasks.items() if "底数摸排" in title)
    assert survey.due is not None and survey.due.isoformat() == "2027-03-31" and not survey.assumed
    # the document names no post for it: no owner (plan-format.md), nothing assumed of its time
    half = next(t for t in tasks.values() if t.every == "6 months")
    assert half.owner is None and not half.assumed
    elders = next(t for title, t in tasks.items() if "老少同乐" in title)
    assert elders.festival == "重阳" and elders.owner == "社区团支部书记"  # free text: no post of the table
    for line in ("原文写“定期”", "原文写“年初”", "暑假的日期"):
        assert line in result.stderr


def test_an_owner_the_document_does_not_name_is_left_open(cli: Invoke, tmp_path: Path) -> None:
    """和平社区's patrols name nobody who answers for them (组织志愿者参加: the volunteers take part):
    no owner (plan-format.md: "a task whose item names none has no owner and says so in a
    comment"); the comment names the post the customary division of labour gives 治安 work,
    治保主任, for the clerk to decide; no post the document never names becomes a role."""
    result = draft(cli, str(DATA / "heping-pingan.md"))
    assert result.exit_code == 0
    plan = plan_of(result.stdout, tmp_path)
    patrols = [t for s in plan.sections for t in s.tasks if "治安巡逻" in t.title]
    assert [(t.festival, t.owner) for t in patrols] == [("春节", None), ("国庆", None)]
    assert "治保主任" not in plan.roles.values()
    for task in patrols:
        assert f"任务 {task.id}（{task.title}）：原文没有写责任人" in result.stderr
    assert result.stdout.count("# 按常见分工可由“治保主任”负责") == 3  # 1.5 反诈骗 too
    # the 网格员 and the 社区党支部书记 the document names for 1.1 and 1.2 are not assumed
    named = {t.id: t for s in plan.sections for t in s.tasks}
    assert (named["1.1"].owner, named["1.1"].assumed) == ("grid-workers", None)
    assert (named["1.2"].owner, named["1.2"].assumed) == ("secretary", None)


def test_a_task_with_no_owner_says_so(cli: Invoke, tmp_path: Path) -> None:
    """Work no post is named for and no line of the division of labour fits (迎春准备): no owner,
    a comment in the file and a line on stderr."""
    document = tmp_path / "plan.txt"
    document.write_text("幸福社区2027年工作计划\n一、主要任务\n1、认真做好迎春准备工作。\n", encoding="utf-8")
    result = draft(cli, str(document))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    [task] = [t for s in plan.sections for t in s.tasks]
    assert (task.title, task.owner) == ("认真做好迎春准备工作", None)
    assert result.stdout.count("原文没有写责任人：请填写") == 1
    assert f"任务 {task.id}（{task.title}）：原文没有写责任人，请填写" in result.stderr


def test_a_word_document_with_a_table(cli: Invoke, tmp_path: Path) -> None:
    """A 街道 plan: the table's rows are tasks, its 责任单位 the owners (a post of the table, or the
    words as written), its 完成时限 the schedule; the year and 街道 of the title make the id."""
    document = jiedao_docx(tmp_path / "jiedao.docx")
    result = draft(cli, str(document))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    assert plan.id == "幸福街道-2027" and plan.community == "幸福街道"
    # the year is stated; nothing is assumed (定期发布创建动态 has no 责任单位: no owner)
    assert plan.assumed is None
    rows = {t.title: t for t in plan.sections[1].tasks}
    assert rows["组织背街小巷、楼道环境卫生整治"].every == "week"
    assert rows["组织背街小巷、楼道环境卫生整治"].owner == "城管科、网格员"
    assert rows["完成创建迎检资料整理归档"].due.isoformat() == "2027-10-31"  # type: ignore[union-attr]
    assert [t.festival for t in plan.sections[1].tasks if t.festival] == ["春节", "元宵", "中秋"]
    targets = [(t.target, t.direction) for g in plan.goals for t in g.targets]
    assert targets == [(200, "at_least"), (95, "at_least"), (0, "at_most")]


def test_encodings_notepad_and_wps_save(cli: Invoke, tmp_path: Path) -> None:
    """UTF-8 with and without BOM, GB18030 (with CRLF), UTF-16 with BOM: the same plan."""
    text = (DATA / "shengli-guanxin.utf8.txt").read_text(encoding="utf-8")
    outputs = []
    for name, data in (
        ("utf8.txt", text.encode("utf-8")),
        ("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("gbk.txt", text.replace("\n", "\r\n").encode("gb18030")),
        ("utf16.txt", text.encode("utf-16")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        result = draft(cli, str(path))
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout.split("\n#\n", 1)[1])  # the first lines name the file
    assert all(o == outputs[0] for o in outputs)


def test_output_is_written_whole_and_never_replaced_without_force(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "plans" / "pian2.yaml"
    out.parent.mkdir()
    result = draft(cli, str(DATA / "pian2.txt"), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    first = out.read_bytes()
    assert cli("validate", str(out)).exit_code == 0
    assert str(out) in result.stderr  # where it went, and what to run next
    # an existing file: refused, naming it, left as it was
    out.write_bytes(b"# my edits\n" + first)
    again = draft(cli, str(DATA / "pian1.txt"), "--output", str(out))
    assert again.exit_code == 1
    assert str(out) in again.stderr
    assert out.read_bytes() == b"# my edits\n" + first
    forced = draft(cli, str(DATA / "pian1.txt"), "--output", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_bytes() != first
    assert [p.name for p in out.parent.iterdir()] == ["pian2.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("plan.doc", b"\xd0\xcf\x11\xe0 old word", "不能起草这种文件"),
        ("plan.pdf", b"%PDF-1.4", "不能起草这种文件"),
        ("plan", b"x", "不能起草这种文件"),
        ("empty.txt", b"", "文件里没有文字"),
        ("blank.txt", b"\r\n  \n\xe3\x80\x80\n", "文件里没有文字"),
        (
            "prose.txt",
            "社区工作计划\n今年我们要把社区工作做好。\n大家一起努力。\n".encode(),
            "没有找到编号的部分",
        ),
        ("binary.txt", b"\x80\xff\xfe\x00\x81", "既不是 UTF-8 也不是 GB18030"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "不是有效的 Word 文档"),
        ("text.docx", "一、不是 Word 文档".encode(), "不是有效的 Word 文档"),
    ],
)
def test_refused_with_a_clear_message(
    cli: Invoke, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = draft(cli, str(path))
    assert result.exit_code == 1
    assert words in result.stderr
    assert str(path) in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_a_document_that_is_missing(cli: Invoke, tmp_path: Path) -> None:
    result = draft(cli, str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr


def test_clauses_alone_are_enough(cli: Invoke, tmp_path: Path) -> None:
    """A notice with no numbered heading, only 一是…二是… clauses: one section, a task per clause
    (its title without the time word, which became the schedule)."""
    path = tmp_path / "notice.txt"
    path.write_text(
        "2028年楼道整治通知\n请各楼做好以下工作：一是每周清理楼道堆物。二是每月检查消防通道。\n",
        encoding="utf-8",
    )
    result = draft(cli, str(path))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    assert plan.start.year == 2028 and plan.assumed is None  # the year it names, not assumed
    assert [t.owner for t in plan.sections[0].tasks] == [None, None]  # it names no post
    assert [(t.title, t.every) for t in plan.sections[0].tasks] == [
        ("清理楼道堆物", "week"),
        ("检查消防通道", "month"),
    ]


def test_english_report_chinese_plan(cli: Invoke, tmp_path: Path) -> None:
    """The report follows the interface language; the plan file is a Chinese document in both."""
    zh = draft(cli, str(DATA / "pian3.txt"))
    en = cli("--lang", "en", "draft", str(DATA / "pian3.txt"), today=TODAY)
    assert en.exit_code == 0
    assert en.stdout == zh.stdout
    assert "Drafted from" in en.stderr and "sections" in en.stderr
    assert "起草" not in en.stderr.splitlines()[0]


def test_help_is_in_chinese(cli: Invoke) -> None:
    result = cli("draft", "--help")
    assert result.exit_code == 0
    assert "计划原文" in result.stdout and "--output" in result.stdout


def test_output_never_replaces_a_loaded_plan_or_writes_another_format(cli: Invoke, tmp_path: Path) -> None:
    """The shared --output rules: a plan file loaded into the database is never replaced, even
    with --force (exit 1, naming it); an extension other than .yaml/.yml is wrong usage (exit 2)."""
    plan = tmp_path / "pian2.yaml"
    first = draft(cli, str(DATA / "pian2.txt"), "--output", str(plan))
    assert first.exit_code == 0, first.stderr
    assert cli("load", str(plan)).exit_code == 0
    before = plan.read_bytes()
    again = draft(cli, str(DATA / "pian2.txt"), "--output", str(plan), "--force")
    assert again.exit_code == 1
    assert str(plan) in again.stderr
    assert plan.read_bytes() == before
    wrong = draft(cli, str(DATA / "pian2.txt"), "--output", str(tmp_path / "pian2.txt"))
    assert wrong.exit_code == 2
    assert not (tmp_path / "pian2.txt").exists()
    assert draft(cli, str(DATA / "pian2.txt"), "--output", str(tmp_path / "p.yml")).exit_code == 0


def test_a_document_that_breaks_off_is_marked_incomplete(cli: Invoke, tmp_path: Path) -> None:
    text = (DATA / "pian4.txt").read_text(encoding="utf-8")
    cut = text[: text.index("乱堆乱放") + 4]  # mid-sentence, as a copy that lost its end
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    result = draft(cli, str(path))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    assert plan.incomplete is not None and "乱堆乱放" in plan.incomplete
    assert "中断" in result.stderr
    whole = plan_of(draft(cli, str(DATA / "pian4.txt")).stdout, tmp_path, "whole.yaml")
    assert whole.incomplete is None  # 篇4 ends with a full stop


def test_a_markdown_table(cli: Invoke, tmp_path: Path) -> None:
    """A Markdown document's table rows are read like a Word table's (the rule row left out)."""
    path = tmp_path / "plan.md"
    path.write_text(
        "# 光明社区2028年环境整治计划\n\n## 一、主要任务\n\n"
        "| 序号 | 工作任务 | 责任人 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 清理楼道堆物 | 楼长 | 每周 |\n| 2 | 更新宣传栏 | 文体专干 | 每季度 |\n",
        encoding="utf-8",
    )
    result = draft(cli, str(path))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    assert plan.id == "光明社区-2028"
    assert [(t.title, t.owner, t.every) for t in plan.sections[0].tasks] == [
        ("清理楼道堆物", "building-heads", "week"),
        ("更新宣传栏", "culture", "quarter"),
    ]
    assert plan.roles == {"building-heads": "楼长", "culture": "文体专干"}


def test_posts_answering_together_get_a_task_each(cli: Invoke, tmp_path: Path) -> None:
    """篇1: 社区以楼为单位，由楼长、小组长负责楼道，地下室、宅楼前后卫生，社区设专人负责，定期或不定期
    的进行检查…: one task for the 楼长 and one for the 小组长 (the split is civicli's: assumed), and
    one for the 专人. Each clause's detail is the whole sentence, to be read in its place; its time
    and owner come from its own words: 定期 is the 专人's checking, not the 楼长's cleaning."""
    result = draft(cli, str(DATA / "pian1.txt"))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    sentence = "社区以楼为单位，由楼长、小组长负责楼道，地下室、宅楼前后卫生，社区设专人负责，定期或不定期的进行检查，做到不留死角。"
    cut = [t for s in plan.sections for t in s.tasks if t.detail == sentence]
    assert [(t.title, t.owner, t.every) for t in cut] == [
        ("楼道，地下室、宅楼前后卫生（楼长）", "building-heads", None),
        ("楼道，地下室、宅楼前后卫生（小组长）", "group-leaders", None),
        ("设专人负责，定期或不定期的进行检查，做到不留死角", "designated", "month"),
    ]
    split = "原文由楼长、小组长共同负责，没有分工；每个岗位各列一项是 civicli 分的"
    assert [t.assumed for t in cut[:2]] == [split, split]
    assert cut[2].assumed is not None and "定期" in cut[2].assumed


def test_no_post_the_document_never_names_is_put_down(cli: Invoke, tmp_path: Path) -> None:
    """篇4 names no post at all, only the 五老 and 义务监督员 it draws on and the 青少年志愿者 it
    organises: no task gets an owner the document does not name, and 五老 is no task's owner."""
    result = draft(cli, str(DATA / "pian4.txt"))
    assert result.exit_code == 0, result.stderr
    plan = plan_of(result.stdout, tmp_path)
    assert not {"治保主任", "卫生专干", "文体专干"} & set(plan.roles.values())
    owners = {t.owner for s in plan.sections for t in s.tasks}
    assert "five-elders" not in owners and "monitors" not in owners
