"""The Chinese interface (issue #11): every word civicli writes is Chinese by default, English on
request; the two catalogs hold the same tables and keys.

The prose checks are deliberately blunt: in Chinese, any English word left after taking out what
stays as written (ids and keys with digits or `-_./`, option names, metavars in capitals, file
paths, the words the clerk may type such as `todo`, and the user's own text) fails; in English,
any Chinese character outside the few Chinese terms the English help names on purpose fails.
"""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from civicli.cli.app import app
from civicli.i18n import en, zh

DATA = Path(__file__).resolve().parent / "data"

# English words that stay as written in the Chinese interface: names of things, formats, the words
# the clerk may type (status words, occurrence keys), plan-file keys and values.
KEPT = {
    "civicli", "sqlite", "json", "yaml", "yml", "markdown", "text", "table", "docx", "xlsx", "csv", "word",
    "ics", "icalendar",
    "todo", "doing", "done", "blocked", "once", "tab", "zh", "en", "iso", "utf", "gbk",
    "week", "weeks", "month", "months", "quarter", "year", "every", "festival", "title", "period",
    "sections", "start", "end", "id", "at", "least", "most", "direction", "weight", "areas", "items",
    "goals", "inspections", "roles", "calendar", "metrics", "participants", "bulletin", "issuer", "traceback",
    "shell", "bash", "zsh", "fish",
}  # fmt: skip

# Chinese terms the English help names on purpose (glosses, examples of what the clerk types).
CHINESE_TERMS = (
    "社区精神文明创建工作计划", "居民30人、志愿者5人", "2027年3月1日", "不留死角", "创建简报", "整改措施",
    "参与人次", "进行中", "已完成", "1号楼", "2号楼", "篇1", "待办", "完成", "受阻", "整改", "点位", "期号",
    "台账", "复查", "中秋",
)  # fmt: skip

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def english_words(text: str, user_text: Iterable[str] = ()) -> list[str]:
    """English words in `text` that are neither kept-as-written nor the user's own."""
    own = {w.lower() for t in (*user_text, *COMMANDS) for w in re.findall(r"[A-Za-z]+", t)}
    text = re.sub(r"`[^`]*`", " ", text)  # commands quoted as code
    text = re.sub(r"(?<![A-Za-z])--?[A-Za-z][A-Za-z0-9_-]*", " ", text)  # option names
    text = re.sub(r"<[^>]*>", " ", text)  # metavars like <path>
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths and PLAN/TASK keys
    words = []
    for token in re.findall(r"[A-Za-z][A-Za-z0-9_.'=-]*", text):
        word = token.strip(".'=-")
        if any(c in word for c in string.digits + "_.=-") or word.isupper() or len(word) <= 1:
            continue  # ids, keys, metavars, x in "x>=0"
        if word.lower() in KEPT or word.lower() in own:
            continue
        words.append(word)
    return words


def chinese_prose(text: str, user_text: Iterable[str] = ()) -> list[str]:
    for term in (*sorted(user_text, key=len, reverse=True), *CHINESE_TERMS):
        text = text.replace(term, " ")
    return [line for line in text.splitlines() if CJK.search(line)]


def run(*args: str, lang: str, db: Path, today: str = "2027-09-10", stdin: str | None = None) -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": today, "CIVICLI_LANG": lang}
    return CliRunner().invoke(app, list(args), env=env, input=stdin, catch_exceptions=False)


def command_paths() -> list[tuple[str, ...]]:
    """Every command of the real app (commands added later are walked too)."""
    import typer.main

    root = typer.main.get_command(app)
    with root.make_context("civicli", [], resilient_parsing=True) as ctx:
        names = root.list_commands(ctx)  # type: ignore[attr-defined]
    return [(), *((name,) for name in sorted(names))]


COMMANDS = [name for path in command_paths() for name in path]  # command names stay as written

# ------------------------------------------------------------------------- help, every command


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "civicli")
def test_every_help_is_chinese_by_default(path: tuple[str, ...], tmp_path: Path) -> None:
    r = run(*path, "--help", lang="zh", db=tmp_path / "c.db")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("用法：civicli"), r.stdout[:80]
    assert "选项：" in r.stdout
    assert english_words(r.stdout) == [], r.stdout


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "civicli")
def test_every_help_is_english_on_request(path: tuple[str, ...], tmp_path: Path) -> None:
    r = run(*path, "--help", lang="en", db=tmp_path / "c.db")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Usage: civicli"), r.stdout[:80]
    assert chinese_prose(r.stdout) == [], r.stdout


def test_root_help_lists_commands_under_a_chinese_heading(tmp_path: Path) -> None:
    r = run("--help", lang="zh", db=tmp_path / "c.db")
    assert "命令：" in r.stdout and "  tasks " in r.stdout and "待办清单" in r.stdout


# ------------------------------------------------------------------------- errors


def _plan_file(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: p1\ntitel: x\nperiod: {start: 2027-02-30, end: 2027-12-31}\n", encoding="utf-8")
    return bad


# (args, exit code, what the message must name) — usage errors exit 2, data errors 1
ERROR_CASES: list[tuple[tuple[str, ...], int, str]] = [
    (("taks",), 2, "tasks"),  # unknown command, with the suggestion
    (("tasks", "--overdu"), 2, "--overdue"),  # unknown option, with the suggestion
    (("show",), 2, "PLAN"),  # missing argument
    (("tasks", "--due-within", "soon"), 2, "soon"),  # not a number
    (("tasks", "--due-within", "-3"), 2, "-3"),  # out of range
    (("summary", "--format", "pdf"), 2, "pdf"),  # not one of the choices
    (("--today", "2027-13-01", "tasks"), 2, "2027-13-01"),  # bad date
    (("tasks", "--today", "tomorrow"), 2, "tomorrow"),  # bad date after the command
    (("summary", "--week", "2027-W99"), 2, "2027-W99"),
    (("inspections", "--since", "last-week"), 2, "last-week"),
    (("tasks", "extra"), 2, "extra"),  # an argument too many
    (("tasks", "--plan"), 2, "--plan"),  # option without its value
    (("--lang", "fr", "tasks"), 2, "fr"),
    (("progress", "nope-1", "--percent", "10"), 1, "nope-1"),
    (("show", "no-such-plan"), 1, "no-such-plan"),
    (("log", "nope-2"), 1, "nope-2"),
]


@pytest.mark.parametrize(("args", "code", "named"), ERROR_CASES, ids=lambda v: str(v))
def test_errors_in_chinese(args: tuple[str, ...], code: int, named: str, tmp_path: Path) -> None:
    r = run(*args, lang="zh", db=tmp_path / "c.db")
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert named in r.stderr
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("错误: "), r.stderr
    assert english_words(r.stderr, user_text=args) == [], r.stderr


@pytest.mark.parametrize(("args", "code", "named"), ERROR_CASES, ids=lambda v: str(v))
def test_errors_in_english(args: tuple[str, ...], code: int, named: str, tmp_path: Path) -> None:
    r = run(*args, lang="en", db=tmp_path / "c.db")
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert named in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("Error: "), r.stderr
    assert chinese_prose(r.stderr, user_text=args) == [], r.stderr


def test_plan_file_errors_in_chinese_and_english(tmp_path: Path) -> None:
    bad = _plan_file(tmp_path)
    r = run("validate", str(bad), lang="zh", db=tmp_path / "c.db")
    assert r.exit_code == 1
    # line 2: the unknown key with its suggestion; line 3: the impossible date
    assert f"错误: {bad}:2: titel: 不认识的键“titel”（是不是“title”？）" in r.stderr
    assert f"{bad}:3: period.start:" in r.stderr and "2027-02-30" in r.stderr
    assert english_words(r.stderr, user_text=["titel"]) == [], r.stderr
    r = run("validate", str(bad), lang="en", db=tmp_path / "c.db")
    assert "unknown key 'titel' (did you mean 'title'?)" in r.stderr
    assert chinese_prose(r.stderr, user_text=["2027年3月1日"]) == [], r.stderr


def test_errors_with_loaded_plans_in_chinese(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    r = run("load", str(DATA / "forms.yaml"), lang="zh", db=db)
    assert r.exit_code == 0, r.stderr
    for args in (
        ("progress", "1.4", "--status", "finished"),
        ("progress", "1.4", "--percent", "101"),
        ("progress", "1.4", "--metric", "participants"),
        ("progress", "1.4"),
        ("progress", "1.4", "--occurrence", "2027-W99", "--percent", "5"),
    ):
        r = run(*args, lang="zh", db=db)
        assert r.exit_code == 1, (args, r.stderr)
        assert r.stderr.startswith("错误: "), r.stderr
        assert english_words(r.stderr, user_text=args) == [], r.stderr


# ------------------------------------------------------------------------- choosing the language


def _civicli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "CIVICLI_"))}
    return subprocess.run(
        [sys.executable, "-m", "civicli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "args", "lang"),
    [
        ({}, (), "zh"),  # nothing set (cron)
        ({"LANG": "C"}, (), "zh"),
        ({"LANG": "en_US.UTF-8"}, (), "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, (), "en"),  # LC_ALL comes first
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, (), "zh"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, (), "en"),
        ({"LANG": "en_US.UTF-8", "CIVICLI_LANG": "zh"}, (), "zh"),  # CIVICLI_LANG before the locale
        ({"CIVICLI_LANG": "en"}, ("--lang", "zh"), "zh"),  # --lang before everything
        ({}, ("--lang=en",), "en"),
    ],
)
def test_language_is_chosen_once_at_start_up(env: dict[str, str], args: tuple[str, ...], lang: str) -> None:
    r = _civicli(*args, "tasks", "--overdu", env=env)
    assert r.returncode == 2
    expected = "错误: 没有选项 --overdu" if lang == "zh" else "Error: No such option: --overdu"
    assert expected in r.stderr, r.stderr


def test_lang_after_the_command_sets_help_language() -> None:
    r = _civicli("tasks", "--help", "--lang", "en", env={"LANG": "zh_CN.UTF-8"})
    assert r.returncode == 0 and r.stdout.startswith("Usage: civicli tasks")
    r = _civicli("tasks", "--lang", "zh", "--help", env={"LANG": "en_US.UTF-8"})
    assert r.returncode == 0 and r.stdout.startswith("用法：civicli tasks")


# ------------------------------------------------------------------------- the catalogs


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_catalogs_have_the_same_tables_and_keys() -> None:
    tables = {name for name in dir(zh) if name.isupper()}
    assert tables == {name for name in dir(en) if name.isupper()}
    for name in tables:
        zt, et = getattr(zh, name), getattr(en, name)
        assert set(zt) == set(et), (name, set(zt) ^ set(et))
        for key, value in zt.items():
            if isinstance(value, str):
                assert _placeholders(value) == _placeholders(et[key]), (name, key)


def test_chinese_catalog_has_no_english_prose() -> None:
    for name in (n for n in dir(zh) if n.isupper()):
        for key, value in getattr(zh, name).items():
            if isinstance(value, str) and not (name == "CLI" and key in ("options_metavar",)):
                words = english_words(re.sub(r"\{[^}]*\}", " ", value))
                assert words == [], (name, key, value)


# ------------------------------------------------------------------------- what the clerk types


def _json(r: Result) -> object:
    import json

    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("written", ["2027-09-08", "2027-9-8", "2027/9/8", "2027.9.8", "2027年9月8日"])
def test_a_date_in_each_of_the_five_forms(written: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "inspections"), lang="zh", db=db).exit_code == 0
    # --today and --date in the form given; the inspection is stored under the ISO date
    r = run(
        "--today", written, "inspect", "demo-2027/stairwell", "--area", "1号楼",
        "--pass", "1", "--pass", "2", "--pass", "3", "--date", written, lang="zh", db=db, today="",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    rows = _json(run("inspections", "--json", "--since", written, lang="zh", db=db))
    assert [row["date"] for row in rows] == ["2027-09-08"]  # type: ignore[union-attr,index]


def test_a_date_in_a_plan_file_in_chinese_form(tmp_path: Path) -> None:
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(
        text.replace(
            "period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 2027年1月1日, end: 2027/12/31}"
        ),
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    assert run("load", str(plan), lang="zh", db=db).exit_code == 0
    plans = _json(run("plans", "--json", lang="zh", db=db))
    assert [(p["start"], p["end"]) for p in plans] == [("2027-01-01", "2027-12-31")]  # type: ignore[union-attr,index]


def test_items_by_id_text_or_number(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "inspections"), lang="zh", db=db).exit_code == 0
    # corridor by its number (1), basement by its text, yard by its id
    r = run(
        "inspect", "demo-2027/stairwell", "--area", "2号楼", "--fail", "1=堆了纸箱", "--pass", "地下室整洁",
        "--na", "yard", lang="zh", db=db,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    [row] = _json(run("inspections", "--json", lang="zh", db=db))  # type: ignore[misc]
    assert row["failed"] == ["corridor"]
    # score: basement (weight 1) passed of corridor (2) + basement (1), yard n/a → 1/3 = 33.3…%
    assert round(row["score"]) == 33
    assert "楼道无堆物" in run("rectifications", lang="zh", db=db).stdout
    r = run("inspect", "demo-2027/stairwell", "--area", "2号楼", "--pass", "4", lang="zh", db=db)
    assert r.exit_code == 1 and "“4”" in r.stderr  # no 4th item


@pytest.mark.parametrize(
    ("word", "status"),
    [("完成", "done"), ("已完成", "done"), ("进行中", "doing"), ("受阻", "blocked"), ("待办", "todo")],
)
def test_status_in_chinese(word: str, status: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "forms.yaml"), lang="zh", db=db).exit_code == 0
    assert run("progress", "1.4", "--status", word, lang="zh", db=db).exit_code == 0
    [record] = _json(run("log", "1.4", "--json", lang="zh", db=db))  # type: ignore[misc]
    assert record["status"] == status


def test_plan_by_part_of_its_title(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "inspections"), lang="zh", db=db).exit_code == 0
    # 检查测试计划 (demo-2027) and 另一个计划 (other-2027): 测试 is in one title, 计划 in both
    shown = _json(run("show", "测试", "--json", lang="zh", db=db))
    assert shown["id"] == "demo-2027"  # type: ignore[index]
    rows = _json(run("tasks", "--all", "--json", "--plan", "另一个", lang="zh", db=db))
    assert rows and {r["plan"] for r in rows} == {"other-2027"}  # type: ignore[union-attr,index]
    r = run("tasks", "--plan", "计划", lang="zh", db=db)
    assert r.exit_code == 1 and "demo-2027" in r.stderr and "other-2027" in r.stderr


def test_global_options_after_the_command(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.db"
    assert (
        run("load", str(DATA / "forms.yaml"), "--db", str(db), lang="zh", db=tmp_path / "c.db").exit_code == 0
    )
    assert db.exists() and not (tmp_path / "c.db").exists()
    # the same checklist with --today before or after the command, in the five forms
    before = run("--today", "2027-03-01", "tasks", "--json", lang="zh", db=db).stdout
    after = run("tasks", "--json", "--today", "2027年3月1日", lang="zh", db=db).stdout
    assert before == after and '"1.1"' in before


# ------------------------------------------------------------------------- a Chinese keyboard in a plan file

PLAN_HEAD = "id: p1\ntitle: 计划\nperiod: {start: 2027-01-01, end: 2027-12-31}\n"
PLAN_TAIL = "sections:\n  - id: s1\n    title: 部分\n    tasks:\n      - {id: t1, title: 任务}\n"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("id: p1\ntitle：计划\n", 2, "全角冒号“：”"),
        (
            PLAN_HEAD + "inspections:\n  - id: i1\n    title: 检查\n    areas: [1号楼，2号楼，3号楼]\n",
            7,
            "全角的“，”",
        ),
        (PLAN_HEAD + "principles: [以人为本、共建共享]\n", 4, "全角的“、”"),
        (PLAN_HEAD + "sections:\n\t- id: s1\n", 5, "制表符"),
        (PLAN_HEAD + "sections:\n　- id: s1\n", 5, "全角空格"),
        ("id: p1\ntitle: [计划, 二\nperiod: x\n", 3, "括号没有配对"),
        ("id: p1\ntitle: 计划: 二\n", 2, "冒号后面要有一个空格"),
    ],
)
def test_chinese_keyboard_mistakes_are_named_at_their_line(
    text: str, line: int, says: str, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(text + PLAN_TAIL, encoding="utf-8")
    r = run("validate", str(plan), lang="zh", db=tmp_path / "c.db")
    assert r.exit_code == 1
    assert f"错误: {plan}:{line}: " in r.stderr and says in r.stderr, r.stderr
    assert "token" not in r.stderr and "mapping values" not in r.stderr
    assert english_words(r.stderr) == [], r.stderr


def test_full_width_commas_inside_quotes_are_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_HEAD + 'principles: ["以人为本、共建共享", 二]\n' + PLAN_TAIL, encoding="utf-8")
    r = run("validate", str(plan), lang="zh", db=tmp_path / "c.db")
    assert r.exit_code == 0, r.stderr


# ------------------------------------------------------------------------- 期次 in Chinese


def test_occurrences_are_shown_as_chinese_periods(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "forms.yaml"), lang="zh", db=db).exit_code == 0
    out = run("tasks", "--all", lang="zh", db=db, today="2027-09-10").stdout
    # forms.yaml: 1.2 monthly, 1.4 weekly, 1.5 quarterly, 1.10 yearly, 1.7 at 中秋, 1.1 due once, 1.3 ongoing
    for label in ("2027年9月", "2027年第36周", "2027年第3季度", "2027年中秋", "一次性", "常态"):
        assert label in out, label
    assert "2027-W36" not in out and "2027-09 " not in out and "mid-autumn" not in out
    # JSON keeps the keys
    keys = {r["occurrence"] for r in _json(run("tasks", "--all", "--json", lang="zh", db=db))}  # type: ignore[union-attr,index]
    assert {"2027-W36", "2027-09", "2027-Q3", "2027", "2027-中秋", "once"} <= keys
    # English shows the keys
    out = run("tasks", "--all", lang="en", db=db, today="2027-09-10").stdout
    assert "2027-W36" in out and "2027年" not in out


# ------------------------------------------------------------------------- the weekly meeting's checklist


def test_tasks_as_a_printable_markdown_checklist(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "forms.yaml"), lang="zh", db=db).exit_code == 0
    r = run("tasks", "--format", "markdown", "--overdue", lang="zh", db=db, today="2027-09-10")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "# 待办清单（2027-09-10）"
    assert "| 完成 | 状态 | 任务 | 标题 | 责任人 | 期次 | 截止 | 进度 |" in lines
    # 1.1 was due 2027-02-28: 194 days late on 2027-09-10 (Feb 28 → Sep 10 = 194 days)
    assert (
        "| ☐ | 逾期194天 | forms-2027/1.1 | 建立领导小组 | 社区党支部书记 | 一次性 | 2027-02-28 |  |" in lines
    )
    rows = [ln for ln in lines if ln.startswith("| ☐")]
    assert len(rows) == len(_json(run("tasks", "--overdue", "--json", lang="zh", db=db, today="2027-09-10")))  # type: ignore[arg-type]
    assert "\x1b[" not in r.stdout and lines[-1].startswith("共 ")


# ------------------------------------------------------------------------- shell completion


def test_completion_script() -> None:
    # typer detects the shell from the parent process: run under bash, so that the parent is a
    # shell wherever the tests run (cron and CI runners start them from no shell); the script
    # calls civicli back
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "CIVICLI_"))}
    r = subprocess.run(
        ["bash", "-c", '"$0" -m civicli --show-completion; exit $?', sys.executable],
        env=base,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "_CIVICLI_COMPLETE=complete_bash" in r.stdout


def test_completion_completes_commands_and_options() -> None:
    r = _civicli(env={"_CIVICLI_COMPLETE": "complete_bash", "COMP_WORDS": "civicli ta", "COMP_CWORD": "1"})
    assert r.returncode == 0 and r.stdout.split() == ["tasks"]
    r = _civicli(env={"_CIVICLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "civicli tasks --ov"})
    assert r.returncode == 0 and "--overdue" in r.stdout and "只看逾期的期次" in r.stdout
    r = _civicli(
        env={
            "_CIVICLI_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "civicli insp",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert r.returncode == 0 and r.stdout.splitlines() == [
        "inspect\t记录一次点位检查。",
        "inspections\t已记录的检查及得分。",
    ]


# ------------------------------------------------------------------------- an 80-column terminal


def _terminal(blocks: list[object]) -> str:
    import io

    from civicli.output.terminal import Out

    buf = io.StringIO()
    Out(plain=False, stdout=buf, width=80).blocks(blocks)  # type: ignore[arg-type]
    return re.sub(r"\x1b\[[0-9;]*m", "", buf.getvalue())


def test_terminal_tables_never_break_ids_dates_or_numbers(tmp_path: Path) -> None:
    import datetime as dt

    from rich.cells import cell_len

    from civicli.output.checklist import checklist_blocks
    from civicli.output.table import Block, Column
    from civicli.store.checklist import ChecklistFilter, checklist
    from civicli.store.database import open_store

    db = tmp_path / "c.db"
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    long_title = "开展“文明家庭·最美楼道”评选活动，组织居民广泛参与并做好宣传报道和总结表彰工作"
    plan = tmp_path / "forms.yaml"
    plan.write_text(text.replace("title: 建立领导小组", f"title: {long_title}"), encoding="utf-8")
    assert run("load", str(plan), lang="zh", db=db).exit_code == 0
    store = open_store(db)
    try:
        rows = checklist(store, dt.date(2027, 9, 10), ChecklistFilter(all=True))
        titles = {r["id"]: r["title"] for r in store.query("SELECT id, title FROM plans")}
    finally:
        store.close()
    counts = {
        s: sum(1 for r in rows if r.state == s)
        for s in ("overdue", "outstanding", "upcoming", "done", "missed")
    }
    out = _terminal(checklist_blocks(rows, titles, "2027-09-10", counts))
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    words = out.split()
    for r in rows:  # each id, due date and 逾期N天 whole on its line
        assert r.task_key in words and r.due in words, r.task_key
        if r.overdue:
            assert f"逾期{r.days_late}天" in words
    assert "全部安排形式  [forms-2027]" in lines[0]
    # the long title wraps onto several lines instead
    shown = long_title.replace("“", "「").replace("”", "」").replace("·", "・")
    assert "开展「" in out and not any(shown in line for line in lines)
    assert any("最美" in line for line in lines)
    # no character of ambiguous width: “ ” · become 「 」 ・, and no box-drawing lines
    for char in "“”·│─┃━":
        assert char not in out
    # a block's title keeps its id whole even when the table is narrow
    block = Block(
        title="楼道卫生检查  [demo-2027/stairwell-very-long-id]：点位覆盖（2027-09-10）",
        columns=[Column("点位")],
    )
    block.rows.append(["1号楼"])
    assert "[demo-2027/stairwell-very-long-id]" in _terminal([block])


def test_metrics_by_their_chinese_name(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "c.db"
    assert run("load", str(DATA / "forms.yaml"), lang="zh", db=db).exit_code == 0
    # the names a plan's `metrics:` gives, as the loader stores them
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO metrics (plan_id, metric_id, name) VALUES ('forms-2027', 'participants', '参与人次')"
        )
    conn.close()
    r = run("progress", "1.4", "--metric", "参与人次=12", lang="zh", db=db)
    assert r.exit_code == 0, r.stderr
    assert "参与人次=12" in r.stdout and "participants" not in r.stdout
    [record] = _json(run("log", "1.4", "--json", lang="zh", db=db))  # type: ignore[misc]
    assert record["metrics"] == {"participants": 12}  # JSON keeps the id
    out = run("log", "1.4", lang="zh", db=db).stdout
    assert "参与人次=12" in out and "participants" not in out


def test_festivals_by_their_chinese_name(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "forms.yaml"), lang="zh", db=db).exit_code == 0
    out = run("show", "forms-2027", lang="zh", db=db).stdout
    # forms.yaml writes 1.7 as `festival: mid-autumn`
    assert "结合中秋" in out and "mid-autumn" not in out  # plan-format.md: a festival is 结合中秋


@pytest.mark.parametrize(
    ("task", "typed", "key"),
    [
        ("1.2", "2027年8月", "2027-08"),
        ("1.4", "2027年第35周", "2027-W35"),
        ("1.5", "2027年第2季度", "2027-Q2"),
        ("1.10", "2027年", "2027"),
        ("1.9", "2027年重阳", "2027-重阳"),
        ("1.1", "一次性", "once"),
        ("1.4", "2027-W35", "2027-W35"),
    ],
)
def test_occurrence_as_the_table_shows_it(task: str, typed: str, key: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "forms.yaml"), lang="zh", db=db).exit_code == 0
    r = run("done", task, "--occurrence", typed, lang="zh", db=db, today="2027-12-31")
    assert r.exit_code == 0, r.stderr
    [record] = _json(run("log", task, "--json", lang="zh", db=db))  # type: ignore[misc]
    assert record["occurrence"] == key


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "civicli")
def test_chinese_help_fits_80_columns(path: tuple[str, ...]) -> None:
    import unicodedata

    r = _civicli(*path, "--help", env={"COLUMNS": "80"})
    assert r.returncode == 0
    for line in r.stdout.splitlines():
        cells = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        # an option name longer than its column goes on a line of its own, never cut
        assert cells <= 80 or " " not in line.strip(), line
        assert not line.strip().startswith(("，", "。", "；", "）")), line


def test_a_period_wraps_at_its_space_never_inside_a_date() -> None:
    # the plans table at 80 columns: the period `2027-01-01 ~ 2027-12-31` (23 cells) does not fit
    # beside a long title; it may go onto two lines at its space, but each date stays whole, and
    # the long title wraps rather than being squeezed to a few cells
    from civicli.output.table import Block, Column

    title = "社区精神文明创建工作计划（篇4）（原文不完整）"
    block = Block(
        columns=[Column("编号"), Column("标题"), Column("社区"), Column("期间"), Column("任务数", "right"),
                 Column("已完成期次", "right"), Column("完成率", "right")],
    )  # fmt: skip
    block.rows.append(["pian4-2027", title, "幸福社区", "2027-01-01 ~ 2027-12-31", "20", "0", "0%"])
    words = _terminal([block]).split()
    assert "2027-01-01" in words and "2027-12-31" in words and "pian4-2027" in words
    assert "0%" in words  # the last column is still there
    assert not any(w in words for w in ("2027", "-01-", "01"))  # no date broken inside


# ------------------------------------------------------------------------- every message path


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans, a record with a photo, an inspection that opened two rectifications."""
    folder = tmp_path_factory.mktemp("zh-paths")
    db = folder / "c.db"
    photo = folder / "p.jpg"
    photo.write_bytes(b"jpeg")
    plans = Path(__file__).resolve().parent.parent / "plans"
    steps = [
        ("load", str(plans)),
        ("done", "pian1-2027/1.1", "--photo", str(photo), "--date", "2027-01-20"),
        ("inspect", "pian1-2027/stairwell-hygiene", "--area", "1号楼", "--pass", "1", "--fail", "2=积灰",
         "--pass", "3", "--pass", "4", "--fail", "5", "--pass", "6", "--date", "2027-08-20"),
    ]  # fmt: skip
    for step in steps:
        r = run(*step, lang="zh", db=db)
        assert r.exit_code == 0, (step, r.stderr)
    return db


# every message the clerk can drive on a loaded database, with its exit code: no English prose
# in any of them (ids, options, paths and the clerk's own text aside)
MESSAGE_PATHS: list[tuple[tuple[str, ...], int]] = [
    (("backup", "/nonexistent-folder/copy.db"), 1),  # an OS error: ENOENT in Chinese
    (("export", "activities", "--output", "/nonexistent-folder/a.xlsx"), 1),
    (("export", "tasks", "--output", "/tmp"), 1),  # a folder, not a file
    (("load", "/nonexistent-folder/plan.yaml"), 1),
    (("validate", "/proc/self/mem"), 1),
    (("progress", "pian1-2027/1.6", "--photo", "/nonexistent.jpg"), 1),
    (("progress", "pian1-2027/1.6", "--photo", "/tmp"), 1),
    (("undo", "abc"), 2),  # the placeholder named in Chinese
    (("undo", "99999"), 1),
    (("undo", "--inspection", "99999"), 1),
    (("rectify", "abc"), 2),
    (("rectify", "99999", "--measure", "清扫"), 1),
    (("recheck", "99999", "--pass"), 1),
    (("inspect",), 2),
    (("load",), 2),
    (("done", "节日"), 1),  # text in several titles: the candidates with ids and titles
    (("log", "1.1"), 1),
    (("inspect", "没有这个检查表", "--area", "1号楼"), 1),
    (("coverage", "检查"), 1),
    (("inspect", "楼道", "--area", "9号楼"), 1),
    (("inspect", "楼道", "--area", "1号楼", "--pass", "99"), 1),
    (("config", "没有的设置"), 1),
    (("config", "印数", "很多"), 1),
    (("show", "没有的计划"), 1),
    (("tasks", "--plan", "篇"), 1),  # four plans hold 篇 in their titles
    (("progress", "pian1-2027/1.6", "--status", "finished"), 1),
    (("progress", "pian1-2027/1.6", "--date", "2020-01-01"), 1),
    (("progress", "pian1-2027/1.6", "--date", "12月31日"), 1),  # after today (2027-09-10)
    (("progress", "pian1-2027/1.6", "--date", "2月30日"), 2),
    (("done", "pian1-2027/1.1", "--occurrence", "once"), 1),  # done already
    (("summary", "--week", "下周"), 2),
    (("--db", "/proc/civicli.db", "plans"), 1),  # a database that cannot be made
]


@pytest.mark.parametrize(("args", "code"), MESSAGE_PATHS, ids=lambda v: str(v))
def test_every_message_path_is_chinese(args: tuple[str, ...], code: int, loaded: Path) -> None:
    r = run(*args, lang="zh", db=loaded)
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert r.stderr.strip().splitlines()[-1].startswith("错误: "), r.stderr
    assert english_words(r.stdout + r.stderr, user_text=args) == [], r.stderr
    last = r.stderr.strip().splitlines()[-1]
    for english in ("No such file", "directory", "Permission denied", "unable to open", "<str>", "'["):
        assert english not in last, r.stderr


def test_os_errors_are_told_in_chinese_and_english() -> None:
    import errno

    from civicli.i18n import os_reason, set_language

    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    assert os_reason(missing) == "文件或文件夹不存在"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
    assert os_reason(OSError(999, "Strange")) == "系统错误（错误码 999）"  # an errno not listed
    import sqlite3

    assert os_reason(sqlite3.OperationalError("unable to open database file")) == "无法打开数据库文件"
    set_language("en")
    try:
        assert os_reason(missing) == "No such file or directory"
    finally:
        set_language("zh")


def test_check_names_a_missing_file_and_its_inspection_in_chinese(tmp_path: Path) -> None:
    """check names what went missing in Chinese words (检查 #1, not `inspection #1`)."""
    db = tmp_path / "c.db"
    assert run("load", str(DATA / "inspections"), lang="zh", db=db).exit_code == 0
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"jpeg")
    r = run(
        "inspect", "demo-2027/stairwell", "--area", "1号楼", "--pass", "1", "--pass", "2", "--pass", "3",
        "--photo", str(photo), lang="zh", db=db,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    import json

    [stored] = json.loads(run("inspections", "--json", lang="zh", db=db).stdout)[0]["photos"]
    (db.parent / stored).unlink()  # the copy kept in the evidence folder goes missing
    r = run("check", lang="zh", db=db)
    assert r.exit_code == 1
    assert "检查 #1" in r.stdout + r.stderr and "inspection" not in r.stdout + r.stderr


def test_listings_name_templates_by_their_titles(loaded: Path) -> None:
    out = run("inspections", lang="zh", db=loaded).stdout
    assert "楼道、地下室、宅楼前后卫生检查" in out
    out = run("rectifications", lang="zh", db=loaded).stdout
    assert "楼道、地下室、宅楼前后卫生检查" in out
    # a rectification's 期次 in the checklist is its area, not AREA/ITEM_ID
    out = run("tasks", "--plan", "pian1-2027", lang="zh", db=loaded).stdout
    assert "1号楼" in out and "1号楼/corridor-clean" not in out
