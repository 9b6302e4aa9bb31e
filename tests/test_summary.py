"""The weekly summary (创建简报): `summary` JSON against hand-computed expectations, the bulletin's
shape and issue numbers (期号), cron-safe plain output under LANG=C, atomic --output.

The fixed week is 2027-W37 (Mon 09-13 .. Sun 09-19), generated on Wednesday 2027-09-22. The plan
(tests/data/summary/sum-2027.yaml) runs 2027-08-01 .. 2027-12-31. History, made through the CLI
with the day set as noted (records dated outside the week must not count):

  09-08  inspect A栋: corridor fail (堆物), basement pass  → rectification R1 (A栋 corridor, due 09-15)
  09-08  inspect B栋: corridor pass, basement fail        → R2 (B栋 basement, due 09-15); w1 W36 done
  09-10  progress long --percent 20 --note 启动              (before the week)
  09-14  done d1 --by 张三                                    completed
  09-14  inspect A栋: all pass (score 100)                  → closes R1
  09-15  progress f1 --status done --metric participants=120 --by 李四   completed (中秋)
  09-16  progress w2 --occurrence 2027-W37 --percent 50      progressed
  09-16  inspect B栋: corridor fail (占道), basement fail (score 0) → R3 opened, R2 repeated; w1 W37 done
  09-17  progress long --percent 40 --metric participants=30 --note 清理楼道   progressed
  09-18  done m1 --occurrence 2027-08                        completed: the overdue 2027-08 (back-fill)
  09-20  done w2 --occurrence 2027-W37                       after the week: W37 still 50% in W37's summary
  09-20  progress d3 --percent 10 --metric law_trainings=1   after the week
  09-21  inspect B栋: all pass                               after the week: R2 still open (overdue) in W37
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from civicli.cli.app import app
from civicli.i18n import ERR
from civicli.output.bulletin import width

DATA = Path(__file__).resolve().parent / "data" / "summary"
CIVICLI = Path(sys.executable).with_name("civicli")
GENERATED = "2027-09-22"
LONG_TITLE = (
    "组织辖区单位、双报到挂点单位和广大居民群众积极参与社区环境综合整治和文明创建志愿服务活动"
    "并做好台账记录与归档整理工作"
)

HISTORY: list[tuple[str, list[str]]] = [
    (
        "2027-09-08",
        [
            "inspect",
            "stair",
            "--area",
            "A栋",
            "--fail",
            "corridor=堆物",
            "--pass",
            "basement",
            "--date",
            "2027-09-08",
        ],
    ),
    (
        "2027-09-08",
        [
            "inspect",
            "stair",
            "--area",
            "B栋",
            "--pass",
            "corridor",
            "--fail",
            "basement",
            "--date",
            "2027-09-08",
        ],
    ),
    ("2027-09-10", ["progress", "long", "--percent", "20", "--note", "启动"]),
    ("2027-09-14", ["done", "d1", "--by", "张三"]),
    (
        "2027-09-14",
        [
            "inspect",
            "stair",
            "--area",
            "A栋",
            "--pass",
            "corridor",
            "--pass",
            "basement",
            "--date",
            "2027-09-14",
        ],
    ),
    ("2027-09-15", ["progress", "f1", "--status", "done", "--metric", "participants=120", "--by", "李四"]),
    ("2027-09-16", ["progress", "w2", "--occurrence", "2027-W37", "--percent", "50"]),
    (
        "2027-09-16",
        [
            "inspect",
            "stair",
            "--area",
            "B栋",
            "--fail",
            "corridor=占道",
            "--fail",
            "basement",
            "--date",
            "2027-09-16",
        ],
    ),
    (
        "2027-09-17",
        ["progress", "long", "--percent", "40", "--metric", "participants=30", "--note", "清理楼道"],
    ),
    ("2027-09-18", ["done", "m1", "--occurrence", "2027-08"]),  # named: 09-18 is in September's window
    ("2027-09-20", ["done", "w2", "--occurrence", "2027-W37"]),
    ("2027-09-20", ["progress", "d3", "--percent", "10", "--metric", "law_trainings=1"]),
    (
        "2027-09-21",
        [
            "inspect",
            "stair",
            "--area",
            "B栋",
            "--pass",
            "corridor",
            "--pass",
            "basement",
            "--date",
            "2027-09-21",
        ],
    ),
]


def run(db: Path, *args: str, today: str = GENERATED) -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": today}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("summary") / "civicli.db"
    r = run(db, "load", str(DATA))
    assert r.exit_code == 0, r.stderr
    for today, args in HISTORY:
        r = run(db, *args, today=today)
        assert r.exit_code == 0, (args, r.stdout, r.stderr)
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built database (tests take issue numbers)."""
    target = tmp_path / "civicli.db"
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(built) + suffix)
        if src.exists():
            shutil.copy(src, str(target) + suffix)
    return target


def summary_json(db: Path, *args: str, today: str = GENERATED) -> dict:
    r = run(db, "summary", "--format", "json", *args, today=today)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def brief(items: list[dict], *keys: str) -> list[tuple]:
    return [tuple(i[k] for k in ("task", "occurrence", *keys)) for i in items]


# ---------------------------------------------------------------- the fixed week, hand-computed


def test_summary_json_for_a_fixed_week(db: Path) -> None:
    s = summary_json(db, "--week", "2027-W37", "--internal")
    assert set(s) >= {
        "week",
        "start",
        "end",
        "completed",
        "progressed",
        "inspections",
        "rectifications_opened",
        "rectifications_closed",
        "overdue",
        "upcoming",
        "plans",
    }
    assert (s["week"], s["start"], s["end"]) == ("2027-W37", "2027-09-13", "2027-09-19")
    # looked at, not issued: no number taken (cli.md); the clerk's own copy
    assert (s["issue"], s["title"], s["community"], s["preview"]) == (None, "创建简报", "测试社区", False)
    assert s["version"] == "内部"

    # completed: done in the week (records dated in it, or the last area inspected), by completion day
    assert brief(s["completed"], "due", "date") == [
        ("d1", "once", "2027-09-15", "2027-09-14"),
        ("f1", "2027-中秋", "2027-09-15", "2027-09-15"),
        ("w1", "2027-W37", "2027-09-19", "2027-09-16"),
        ("m1", "2027-08", "2027-08-31", "2027-09-18"),
    ]
    done = {i["task"]: i for i in s["completed"]}
    assert done["d1"]["by"] == "张三" and done["d1"]["key"] == "sum-2027/d1"
    assert done["d1"]["title"] == "建立创建工作领导小组"
    assert done["f1"]["metrics"] == {"participants": 120} and done["f1"]["by"] == "李四"
    assert done["w1"]["via"] == "inspection" and done["w1"]["records"] == []

    # progressed: the other records dated in the week (not 09-10's, not 09-20's), with metrics
    assert brief(s["progressed"], "percent", "metrics") == [
        ("w2", "2027-W37", 50, {}),
        ("long", "once", 40, {"participants": 30}),
    ]
    long_ = s["progressed"][1]
    assert long_["title"] == LONG_TITLE and long_["notes"] == ["清理楼道"]
    assert [r["date"] for r in long_["records"]] == ["2027-09-17"]

    # inspections held in the week, with scores
    assert [(i["area"], i["date"], i["score"], i["passed"], i["failed"]) for i in s["inspections"]] == [
        ("A栋", "2027-09-14", 100, True, []),
        ("B栋", "2027-09-16", 0, False, ["corridor", "basement"]),
    ]
    # each with its own sentence (JSON), as a week with that one inspection would say it
    assert s["inspections"][1]["sentence"] == (
        "9月16日，对B栋开展楼道卫生检查，得分0分，不合格。不合格项：占道（楼道无堆物）；地下室整洁。"
    )
    assert set(s["inspections"][0]) >= {
        "id",
        "template",
        "plan",
        "area",
        "date",
        "by",
        "score",
        "passed",
        "failed",
    }
    assert s["inspections"][0]["template"] == "stair" and s["inspections"][0]["plan"] == "sum-2027"

    # rectifications: opened and closed in the week; overdue as of its last day (R2 closes only on 09-21)
    rect = ("area", "item", "opened", "due", "closed", "overdue", "repeats")
    assert [tuple(r[k] for k in rect) for r in s["rectifications_opened"]] == [
        ("B栋", "corridor", "2027-09-16", "2027-09-23", None, False, 0)
    ]
    assert [tuple(r[k] for k in rect) for r in s["rectifications_closed"]] == [
        ("A栋", "corridor", "2027-09-08", "2027-09-15", "2027-09-14", False, 0)
    ]
    assert [tuple(r[k] for k in rect) for r in s["rectifications_overdue"]] == [
        ("B栋", "basement", "2027-09-08", "2027-09-15", None, True, 1)
    ]
    assert s["rectifications_overdue"][0]["days_late"] == 4

    # overdue as of Sunday 09-19 (d3's 09-20 record does not count; w2 W36 not yet missed)
    assert brief(s["overdue"], "due", "days_late", "percent") == [
        ("d3", "once", "2027-08-31", 19, None),
        ("w2", "2027-W36", "2027-09-12", 7, None),
    ]

    # upcoming: opens or is due 09-20 .. 10-03; festivals with their own date
    assert brief(s["upcoming"], "opens", "due", "festival", "festival_date") == [
        ("w1", "2027-W38", "2027-09-20", "2027-09-26", None, None),
        ("w2", "2027-W38", "2027-09-20", "2027-09-26", None, None),
        ("d2", "once", "2027-08-01", "2027-09-30", None, None),
        ("m1", "2027-09", "2027-09-01", "2027-09-30", None, None),
        ("f3", "2027-国庆", "2027-09-17", "2027-10-01", "国庆", "2027-10-01"),
        ("m1", "2027-10", "2027-10-01", "2027-10-31", None, None),
        ("w1", "2027-W39", "2027-09-27", "2027-10-03", None, None),
        ("w2", "2027-W39", "2027-09-27", "2027-10-03", None, None),
        ("f2", "2027-重阳", "2027-09-26", "2027-10-06", "重阳", "2027-10-08"),
    ]
    for item in s["upcoming"]:
        assert set(item) >= {"key", "title", "occurrence", "due"}

    # completion as of 09-19: 18 occurrences due (w1 ×7, w2 ×7, m1 08, d1, d3, f1) and `long`, not
    # yet due, with its 40% adding 0.4 to both sums: credit 2 + 0.5 + 1 + 1 + 0 + 1 + 0.4 = 5.9
    # over 18.4 → 32%
    [plan] = s["plans"]
    assert (plan["id"], plan["tasks"], plan["done"], plan["percent"], plan["overdue"]) == (
        "sum-2027",
        10,
        5,
        32,
        2,
    )
    targets = {t["id"]: (t["actual"], t["met"], t["words"]) for g in plan["goals"] for t in g["targets"]}
    # 120 (f1, 09-15) + 30 (long, 09-17) = 150 against 100; no record carries the law metric
    assert targets == {
        "participants": (150, True, "已达150人次，目标100人次，达标"),
        "law": (None, None, "尚无记录，目标2次"),  # show's words: the target after
    }


def test_what_goes_up_leaves_out_the_clerks_lists(db: Path) -> None:
    """上报 (the default): the same facts less the 督办 lists; JSON says which version it is."""
    up = summary_json(db, "--week", "2027-W37")
    assert up["version"] == "上报"
    assert up["overdue"] == [] and up["rectifications_overdue"] == []
    assert [p["overdue"] for p in up["plans"]] == [0]
    inside = summary_json(db, "--week", "2027-W37", "--internal")
    assert [i["task"] for i in inside["overdue"]] == ["d3", "w2"]
    # the rest is the same week
    for key in ("completed", "progressed", "inspections", "activities", "upcoming", "rectifications_opened"):
        assert up[key] == inside[key], key


def test_activities_in_json_with_their_sentences(db: Path) -> None:
    """Each activity of the week (a done record, or one with place, people or photos), oldest
    first, with the office's sentence; progress without an activity is not one."""
    r = run(
        db,
        "progress",
        "d2",
        "--percent",
        "30",
        "--place",
        "社区会议室",
        "--people",
        "党员及驻区单位代表28人",
        "--note",
        "会议传达了上级文件精神",
        today="2027-09-16",
    )
    assert r.exit_code == 0, r.stderr
    s = summary_json(db, "--week", "2027-W37")
    brief_ = [(a["date"], a["key"], a["place"], a["people"], a["photos"]) for a in s["activities"]]
    # done records: d1 09-14, f1 09-15 (--status done), m1 09-18; d2 09-16 has place and people;
    # w2's 50% and long's 40% are progress only
    assert brief_ == [
        ("2027-09-14", "sum-2027/d1", None, None, []),
        ("2027-09-15", "sum-2027/f1", None, None, []),
        ("2027-09-16", "sum-2027/d2", "社区会议室", "党员及驻区单位代表28人", []),
        ("2027-09-18", "sum-2027/m1", None, None, []),
    ]
    assert set(s["activities"][0]) >= {
        "date",
        "key",
        "title",
        "place",
        "people",
        "note",
        "photos",
        "sentence",
    }
    d2 = s["activities"][2]
    assert d2["sentence"] == (
        "9月16日，在社区会议室完成三季度工作小结，党员及驻区单位代表28人参加。会议传达了上级文件精神。"
    )
    # a title naming an event is held (举办); one that begins with a verb stands as it is
    assert s["activities"][1]["sentence"] == "9月15日，举办中秋邻里团圆会。"
    assert s["activities"][0]["sentence"] == "9月14日，建立创建工作领导小组。"
    text = run(db, "summary", "--week", "2027-W37").stdout
    assert d2["sentence"] in text


def test_default_week_is_the_latest_that_ended_before_today(db: Path) -> None:
    assert summary_json(db, today="2027-09-22")["week"] == "2027-W37"
    assert summary_json(db, today="2027-09-20")["week"] == "2027-W37"  # Monday
    assert summary_json(db, today="2027-09-19")["week"] == "2027-W36"  # Sunday: W37 has not ended


def test_regenerating_an_old_week_later_gives_the_same_summary(db: Path) -> None:
    first = summary_json(db, "--week", "2027-W37")
    later = summary_json(db, "--week", "2027-W37", today="2027-11-30")
    for s in (first, later):
        s.pop("issued")
    assert later == first


def test_the_week_can_be_given_as_a_date_inside_it(db: Path) -> None:
    assert summary_json(db, "--week", "2027-09-16")["week"] == "2027-W37"
    assert summary_json(db, "--week", "2027w37")["week"] == "2027-W37"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2027-W54", "W01–W52"),
        ("2025-W53", "W01–W52"),
        ("2027-W00", "W01"),
        ("37", "YYYY-Www"),
        ("2027-13-01", "YYYY-Www"),
        ("2027-W40", "has not begun"),
    ],
)
def test_a_bad_week_is_an_error(db: Path, week: str, message: str) -> None:
    before = run(db, "summary", "--format", "json", "--week", "2027-W37").stdout
    r = run(db, "summary", "--week", week)
    # a malformed week is a bad option value (usage, 2); a week not yet begun is about the data (1)
    assert r.exit_code == (1 if week == "2027-W40" else 2) and r.stdout == ""
    assert message in r.stderr and "Traceback" not in r.stderr
    assert run(db, "summary", "--format", "json", "--week", "2027-W37").stdout == before


def test_a_bad_format_is_a_usage_error(db: Path) -> None:
    assert run(db, "summary", "--format", "pdf").exit_code == 2


def test_every_option_has_help(db: Path) -> None:
    r = run(db, "summary", "--help")
    assert r.exit_code == 0
    for option in ("--week", "--format", "--output"):
        line = next(line for line in r.stdout.splitlines() if option in line)
        assert len(line.split(option, 1)[1].strip()) > 10, line


# ---------------------------------------------------------------- the bulletin and its number


def test_markdown_bulletin_shape(db: Path) -> None:
    r = run(db, "summary", "--week", "2027-W37", "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    md = r.stdout
    lines = md.splitlines()
    assert lines[0] == "# 创建简报"
    head = "\n".join(lines[:12])
    # 报头: title, no number while not issued, issuer and the date of issue (the Monday after)
    assert "（未编号）" in head and "测试社区居委会编　　2027年9月20日" in head
    assert "本周（9月13日—9月19日）" in head and "第37周" not in md
    sections = [line for line in lines if line.startswith("## ")]
    # the overdue list is the community's own 督办 list: left out of what goes up (--internal adds it)
    assert sections == [
        "## 一、工作动态",
        "## 二、检查整改",
        "## 三、近期安排（9月20日—10月3日）",
        "## 四、各计划完成情况",
    ]
    body = md.split("## 一、", 1)[1]
    assert "1. 9月14日，建立创建工作领导小组。" in body
    # two inspections of one template: one sentence, each area with its score and failed items
    # (the note first, the item's text after it)
    assert (
        "1. 9月14日—9月16日，开展楼道卫生检查2次：A栋得分100分，合格；"
        "B栋得分0分，不合格，问题为占道（楼道无堆物）、地下室整洁。" in body
    )
    assert "B栋 占道：9月16日发现，责任人楼长，限9月23日前整改" in body
    assert "A栋 堆物：9月8日发现，责任人楼长，9月14日复查合格，已销号" in body
    ahead = md.split("## 三、", 1)[1].split("## 四、", 1)[0]
    assert "中秋" not in ahead  # done: not ahead
    assert "重阳（10月8日）：重阳节敬老活动，10月6日前完成" in ahead
    assert "国庆（10月1日）：国庆升旗仪式" in ahead
    # w1 and w2 every week: one line, two tasks (four occurrences)
    assert "另有例行工作2项。" in ahead and "宣传栏" not in ahead
    assert "居民参与创建活动不少于100人次：已达150人次，目标100人次，达标" in md
    assert "sum-2027/" not in md
    # no line about how it was made, nothing for the clerk alone
    for internal in ("civicli", "生成", "逾期", "督办", "统计截至", "数据：", "备注："):
        assert internal not in md, internal


def test_the_tail_and_its_settings(db: Path) -> None:
    """报尾: 报送, 抄送, 编辑/审核/签发, 共印N份, each only when set; the keys by their Chinese
    names too."""
    plain = run(db, "summary", "--week", "2027-W37").stdout
    assert "报送" not in plain and "编辑" not in plain and "共印" not in plain
    for key, value in (
        ("报送", "街道文明办"),
        ("bulletin.copy_to", "社区党支部"),
        ("编辑", "王芳"),
        ("审核", "李强"),
        ("签发", "张伟"),
        ("bulletin.copies", "5"),
    ):
        assert run(db, "config", key, value).exit_code == 0, key
    assert run(db, "config", "bulletin.signer").stdout.strip() == "张伟"
    text = run(db, "summary", "--week", "2027-W37").stdout
    tail = text.split("-" * 40, 1)[1].strip().splitlines()
    assert tail == [
        "报送：街道文明办",
        "抄送：社区党支部",
        "编辑：王芳　　审核：李强　　签发：张伟",
        "共印5份",
    ]
    s = summary_json(db, "--week", "2027-W37")
    assert (s["editor"], s["reviewer"], s["signer"]) == ("王芳", "李强", "张伟")


def test_issue_number_is_stable_and_sequential(db: Path, tmp_path: Path) -> None:
    def issue(week: str, today: str, *args: str) -> int | None:
        value = summary_json(db, "--week", week, *args, today=today)["issue"]
        return None if value is None else int(value)

    # looking takes no number, in any format, on screen or down a pipe
    for fmt in ("text", "markdown", "json"):
        out = run(db, "summary", "--week", "2027-W37", "--format", fmt).stdout
        assert ("（未编号）" in out) if fmt != "json" else json.loads(out)["issue"] is None
    assert _query(db, "SELECT COUNT(*) FROM bulletins") == [(0,)]
    # issued (--issue on stdout, or --output): 1, 2, 3 in the order issued
    assert issue("2027-W37", "2027-09-22", "--issue") == 1
    assert issue("2027-W37", "2027-10-30") == 1  # kept, and shown whenever printed again
    assert "第1期" in run(db, "summary", "--week", "2027-W37").stdout
    # a week still in progress is a preview: --issue refused, saying when the week ends
    r = run(db, "summary", "--week", "2027-W38", "--issue", today="2027-09-24")
    assert r.exit_code == 1 and "2027-09-26" in r.stderr and r.stdout == ""
    preview = summary_json(db, "--week", "2027-W38", today="2027-09-24")
    assert preview["preview"] is True and preview["issue"] is None and preview["as_of"] == "2027-09-24"
    out = tmp_path / "w36.md"
    r = run(db, "summary", "--week", "2027-W36", "--output", str(out), today="2027-09-24")
    assert r.exit_code == 0, r.stderr
    assert "第2期" in out.read_text(encoding="utf-8")
    assert issue("2027-W38", "2027-09-27", "--issue") == 3
    assert issue("2027-W30", "2027-09-27") is None  # looked at only: still unnumbered
    assert summary_json(db, "--week", "2028-W01", "--issue", today="2028-01-10")["issue"] == 1  # a new year
    rows = [tuple(r) for r in _query(db, "SELECT week, year, number FROM bulletins ORDER BY year, number")]
    assert rows == [
        ("2027-W37", 2027, 1),
        ("2027-W36", 2027, 2),
        ("2027-W38", 2027, 3),
        ("2028-W01", 2028, 1),
    ]


def test_next_issue_setting_numbers_the_next_bulletin_issued(db: Path) -> None:
    assert run(db, "config", "下期期号", "13").exit_code == 0
    assert summary_json(db, "--week", "2027-W36")["issue"] is None  # looking uses nothing up
    assert summary_json(db, "--week", "2027-W37", "--issue")["issue"] == 13
    assert summary_json(db, "--week", "2027-W36", "--issue")["issue"] == 14


def _query(db: Path, sql: str) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------- cron: LANG=C, no terminal


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_plain_utf8_under_lang_c_with_no_terminal(db: Path, fmt: str) -> None:
    env = {
        "LANG": "C",
        "PATH": os.pathsep.join([str(CIVICLI.parent), "/usr/bin", "/bin"]),
        "CIVICLI_DB": str(db),
    }
    proc = subprocess.run(
        [str(CIVICLI), "--today", GENERATED, "summary", "--week", "2027-W37", "--format", fmt],
        env=env,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""
    text = proc.stdout.decode("utf-8")  # valid UTF-8
    assert "\x1b" not in text and "\\u" not in text
    for box in "┏┃━│─╭╰":
        assert box not in text
    if fmt == "json":
        assert json.loads(text)["progressed"][1]["title"] == LONG_TITLE
        return
    assert "创建简报" in text and "测试社区" in text and "中秋邻里团圆会" in text
    long_lines = [line for line in text.splitlines() if LONG_TITLE in line]
    assert long_lines, "the long title is cut or wrapped"
    assert max(width(line) for line in long_lines) > 80  # wider than a terminal, still one line


# ---------------------------------------------------------------- --output, atomically


def test_output_is_written_whole(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "简报-2027-W37.md"
    out.parent.mkdir()
    r = run(db, "summary", "--week", "2027-W37", "--format", "markdown", "--output", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    # the file is the issued bulletin: numbered (第1期), otherwise what the screen shows
    expected = run(db, "summary", "--week", "2027-W37", "--format", "markdown").stdout
    assert "第1期" in expected
    assert out.read_text(encoding="utf-8") == expected
    assert os.listdir(out.parent) == [out.name]  # no temporary file left behind
    # an existing file is kept without --force (exit 1); replacing it with --force keeps its
    # permissions and leaves nothing else; the .md extension chooses markdown
    r = run(db, "summary", "--week", "2027-W37", "--output", str(out))
    assert r.exit_code == 1 and str(out) in r.stderr
    out.chmod(0o640)
    r = run(db, "summary", "--week", "2027-W37", "--output", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("#") and "第1期" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o640
    assert os.listdir(out.parent) == [out.name]


@pytest.mark.usefixtures("english")
def test_unwritable_output_is_an_error_and_leaves_no_file(db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    target = blocker / "summary.md"
    r = run(db, "summary", "--week", "2027-W37", "--output", str(target))
    assert r.exit_code == 1 and str(target) in r.stderr and "Traceback" not in r.stderr
    assert sorted(os.listdir(tmp_path)) == sorted(["not-a-folder", "civicli.db", *_db_extras(tmp_path)])
    folder = tmp_path / "folder"
    folder.mkdir()
    r = run(db, "summary", "--output", str(folder))
    assert r.exit_code == 1 and ERR["kind_folder"] in r.stderr and os.listdir(folder) == []


def _db_extras(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith("civicli.db-")]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "summary.txt"
    target.write_text("the previous bulletin\n", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    r = run(db, "summary", "--week", "2027-W37", "--output", str(target), "--force")
    monkeypatch.undo()
    assert r.exit_code == 1 and "磁盘空间已满" in r.stderr  # ENOSPC, in Chinese
    assert target.read_text(encoding="utf-8") == "the previous bulletin\n"
    assert os.listdir(out) == ["summary.txt"]
    # a bulletin that could not be written used no number up
    assert _query(db, "SELECT COUNT(*) FROM bulletins") == [(0,)]


# ---------------------------------------------------------------- completion aggregated in SQL


def test_sql_completion_agrees_with_the_checklist_rules(db: Path) -> None:
    """completion.plan_completion (aggregate queries) gives what derive gives row by row."""
    import datetime as dt

    from civicli.store.completion import OccurrenceRow, completion, occurrence_rows, plan_completion
    from civicli.store.database import open_store

    store = open_store(db)
    try:
        day = dt.date(2027, 7, 25)
        while day <= dt.date(2028, 1, 10):
            fast = plan_completion(store, day)
            by_plan: dict[str, list[OccurrenceRow]] = {}
            for r in occurrence_rows(store, day):
                by_plan.setdefault(r.plan_id, []).append(r)
            for plan_id, rows in by_plan.items():
                expected = (
                    sum(1 for r in rows if r.done),
                    completion(rows, day),
                    sum(1 for r in rows if r.state == "overdue"),
                )
                got = fast.get(plan_id)
                assert ((got.done, got.percent, got.overdue) if got else (0, 0, 0)) == expected, day
            day += dt.timedelta(days=2)
    finally:
        store.close()


def test_free_text_stays_on_one_line_without_control_characters(db: Path) -> None:
    r = run(
        db,
        "progress",
        "d2",
        "--percent",
        "30",
        "--place",
        "会议室",
        "--note",
        "第一行\n第二行\x1b[31m红字",
        today="2027-09-16",
    )
    assert r.exit_code == 0, r.stderr
    for fmt in ("text", "markdown"):
        out = run(db, "summary", "--week", "2027-W37", "--format", fmt).stdout
        assert "\x1b" not in out
        line = next(line for line in out.splitlines() if "第一行" in line)
        assert "第一行 第二行 " in line and line.endswith("31m红字。")


def test_several_plans_each_with_their_completion(db: Path) -> None:
    plans = Path(__file__).resolve().parent.parent / "plans"
    assert run(db, "load", str(plans)).exit_code == 0
    s = summary_json(db, "--week", "2027-W37")
    assert s["community"] == "幸福社区、测试社区"  # plans by start date: 01-01 before 08-01
    assert len(s["plans"]) == 5
    text = run(db, "summary", "--week", "2027-W37").stdout
    part = text.split("四、各计划完成情况", 1)[1]
    for p in s["plans"]:
        assert f". {p['title']}：完成率" in part, p["title"]
    md = run(db, "summary", "--week", "2027-W37", "--format", "markdown").stdout
    assert "测试社区精神文明创建工作计划：完成率" in md and "社区精神文明创建工作计划（篇2）：完成率" in md
