"""The shipped plans say what the seed says and mark what they assume (issue #14); `show`,
`plans` and the bulletin tell the clerk; goal targets count what they say (never narrowed by a
task's `goal:`); a written
bulletin completes the task that says `completed_by: bulletin`. Real CLI, real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import PLANS, Invoke


def loaded(cli: Invoke, db_path: Path) -> sqlite3.Connection:
    r = cli("load", str(PLANS))
    assert r.exit_code == 0, r.stderr
    return sqlite3.connect(db_path)


def test_pian1_follows_the_seed(cli: Invoke, db_path: Path) -> None:
    conn = loaded(cli, db_path)

    def task(task_id: str) -> tuple[str, ...]:
        row = conn.execute(
            "SELECT owner, every, festival, inspection_id, completed_by, due FROM tasks WHERE key = ?",
            [f"pian1-2027/{task_id}"],
        ).fetchone()
        assert row is not None, task_id
        return tuple(row)

    def role(role_id: str) -> str:
        return str(
            conn.execute(
                "SELECT name FROM roles WHERE role_id = ? AND plan_id = 'pian1-2027'", [role_id]
            ).fetchone()[0]
        )

    # 2.3: the community's 专人 inspects (楼长 and 小组长 are the ones inspected); 2.5: 不定期
    owner, every, _, inspection, _, _ = task("2.3")
    assert (role(owner), every, inspection) == ("社区卫生检查专人", "week", "stairwell-hygiene")
    owner, every, festival, inspection, _, due = task("2.5")
    assert (role(owner), every, festival, due, inspection) == (
        "社区卫生检查专人",
        None,
        None,
        None,
        "stairwell-hygiene",
    )
    # 1.6 编制创建简报 is completed by the written bulletin
    assert task("1.6")[4] == "bulletin"
    # the three meeting bodies of 1.7 each have a meeting task
    titles = [
        r[0]
        for r in conn.execute("SELECT title FROM tasks WHERE plan_id = 'pian1-2027' AND tags LIKE '%会议%'")
    ]
    assert titles == ["召开社区党建工作会议", "召开社区精神文明建设共建理事会", "召开居民联席会"]
    # festival celebrations (以各种节日庆祝活动…为结合点) and the 1.1 role
    assert {task("6.7")[2], task("6.8")[2]} == {"春节", "国庆"}
    assert role("unit-leaders") == "社区单位主管精神文明工作的领导"


def test_pian3_has_no_fire_target_and_pian4_its_missing_parts(cli: Invoke, db_path: Path) -> None:
    conn = loaded(cli, db_path)
    metrics = [r[0] for r in conn.execute("SELECT metric FROM targets WHERE plan_id = 'pian3-2027'")]
    assert "major_fires" not in metrics
    # 篇1 does say it: 确保不发生重大火灾事故
    assert (
        conn.execute(
            "SELECT COUNT(*) FROM targets WHERE plan_id = 'pian1-2027' AND metric = 'major_fires'"
        ).fetchone()[0]
        == 1
    )
    roles = dict(conn.execute("SELECT role_id, name FROM roles WHERE plan_id = 'pian4-2027'").fetchall())
    # 五老 and the 网吧 monitors are a resource the source draws on, not posts: no role, and
    # the tasks that draw on them answer to the community's 关工委 and name them in their text
    assert "net-cafe-monitors" not in roles and "five-elders" not in roles
    owners = dict(
        conn.execute(
            "SELECT task_id, owner FROM tasks WHERE plan_id = 'pian4-2027' AND task_id IN ('1.14', '1.15')"
        )
    )
    assert owners == {"1.14": "youth-care", "1.15": "youth-care"} and roles["youth-care"] == "社区关工委"
    env_tasks = [
        r[0]
        for r in conn.execute(
            "SELECT task_id FROM tasks WHERE plan_id = 'pian4-2027' AND goal_id = 'environment'"
        )
    ]
    assert env_tasks == ["2.3", "2.4", "2.5"]  # 具体目标3 has tasks


def test_every_guess_in_the_shipped_plans_is_marked(cli: Invoke, db_path: Path) -> None:
    conn = loaded(cli, db_path)
    # every plan says what it assumed
    assert conn.execute("SELECT COUNT(*) FROM plans WHERE assumed IS NULL OR assumed = ''").fetchone()[0] == 0
    # every date, cadence and festival link is the plan author's (the seed gives none) ...
    unmarked = conn.execute(
        "SELECT key FROM tasks WHERE (due IS NOT NULL OR every IS NOT NULL OR festival IS NOT NULL "
        "OR inspection_id IS NOT NULL) AND assumed IS NULL"
    ).fetchall()
    assert unmarked == []
    # ... and so is every number but 篇1's fire target (不发生重大火灾事故, 0)
    unmarked = conn.execute("SELECT plan_id, target_id FROM targets WHERE assumed IS NULL").fetchall()
    assert unmarked == [("pian1-2027", "no-major-fire")]
    # seed text stays seed text: no target reads like the seed's ("全年…不少于…")
    assert conn.execute("SELECT COUNT(*) FROM targets WHERE text LIKE '%不少于%'").fetchone()[0] == 0


def test_show_and_plans_tell_the_clerk(cli: Invoke, db_path: Path) -> None:
    loaded(cli, db_path)
    text = cli("show", "pian1-2027", today="2027-03-01").stdout
    assert "计划编写时的假设" in text
    assert "原文没有数字，全年 300 人次是假设的" in text  # a target's
    assert "定期检查每周一次是假设的" in text  # a task's
    d = json.loads(cli("show", "pian4-2027", "--json", today="2027-03-01").stdout)
    assert d["incomplete"].startswith("原文在“三、主要任务（二）2、深入开展环境卫生综合治理活动”之后中断")
    assert d["assumed"]
    tasks = {t["task"]: t for s in d["sections"] for t in s["tasks"]}
    assert tasks["1.2"]["assumed"].startswith("原文没有提到清明")
    targets = {t["id"]: t for g in d["goals"] for t in g["targets"]}
    assert targets["participants"]["assumed"].startswith("原文没有数字，全年 200 人次是假设的")
    # the incomplete plan is flagged in show, in plans (text and JSON) and nowhere else
    assert "原文不完整" in cli("show", "pian4-2027", today="2027-03-01").stdout
    assert "原文不完整" not in cli("show", "pian3-2027", today="2027-03-01").stdout
    listing = cli("plans", today="2027-03-01").stdout.splitlines()
    flagged = [line.split()[0] for line in listing if "原文不完整" in line]
    assert flagged == ["pian4-2027"]
    rows = json.loads(cli("plans", "--json", today="2027-03-01").stdout)
    assert [r["id"] for r in rows if r["incomplete"]] == ["pian4-2027"]


def test_the_bulletin_says_a_plan_is_incomplete(cli: Invoke, db_path: Path) -> None:
    loaded(cli, db_path)
    # the plan author's note is the clerk's: in the 内部 copy, never in what goes up
    r = cli("summary", "--week", "2027-W09", "--internal", today="2027-03-08")
    assert r.exit_code == 0, r.stderr
    lines = [line for line in r.stdout.splitlines() if "原文不完整" in line]
    assert len(lines) == 1 and "原文在“三、主要任务（二）2" in lines[0]
    for fmt in ("text", "markdown", "json"):
        up = cli("summary", "--week", "2027-W09", "--format", fmt, today="2027-03-08").stdout
        assert "原文" not in up and "假设" not in up and "补设" not in up, fmt


def test_minors_target_counts_the_minors_metric(cli: Invoke, db_path: Path) -> None:
    loaded(cli, db_path)
    # 40 adults at a 文明礼仪 session (2.1) as `participants`, and 25 children at the 学雷锋
    # volunteering (1.3) as `minors_participants` (未成年人参与人次, a metric of its own)
    for task, metric in (("pian4-2027/2.1", "participants=40"), ("pian4-2027/1.3", "未成年人参与人次=25")):
        r = cli("progress", task, "--metric", metric, "--note", "活动", today="2027-03-05")
        assert r.exit_code == 0, r.stderr
    d = json.loads(cli("show", "pian4-2027", "--json", today="2027-03-05").stdout)
    minors = next(g for g in d["goals"] if g["id"] == "minors")
    participants = next(t for t in minors["targets"] if t["id"] == "participants")
    # the minors' metric summed over every task: 25 (the adults' 40 are another metric)
    assert (participants["count"], participants["metric"], participants["actual"]) == (
        "sum",
        "minors_participants",
        25,
    )


def test_a_ceiling_target_counts_every_task(cli: Invoke, db_path: Path) -> None:
    loaded(cli, db_path)
    # a major fire noted on 3.5 化解矛盾 (a task with no goal) still breaks 篇1's
    # 不发生重大火灾事故 (goal safety-law, major_fires ≤ 0)
    r = cli("progress", "pian1-2027/3.5", "--metric", "major_fires=1", "--note", "火灾", today="2027-04-02")
    assert r.exit_code == 0, r.stderr
    d = json.loads(cli("show", "pian1-2027", "--json", today="2027-04-02").stdout)
    fire = next(t for g in d["goals"] for t in g["targets"] if t["id"] == "no-major-fire")
    assert (fire["actual"], fire["met"]) == (1, False)


def test_a_tasks_goal_never_narrows_a_target(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "id: g\ntitle: 计划\nperiod: {start: 2027-01-01, end: 2027-12-31}\n"
        "goals:\n"
        "  - {id: own, text: 有任务的目标, targets: [{id: t, text: 人次, metric: people, target: 10, direction: at_least}]}\n"
        "  - {id: all, text: 没有任务的目标, targets: [{id: t, text: 人次, metric: people, target: 10, direction: at_least}]}\n"
        "  - {id: few, text: 只计甲, targets: [{id: t, text: 人次, metric: people, tasks: [a], target: 10, direction: at_least}]}\n"
        'sections:\n  - id: "1"\n    title: s\n    tasks:\n'
        "      - {id: a, title: 甲, goal: own}\n"
        "      - {id: b, title: 乙}\n",
        encoding="utf-8",
    )
    assert cli("load", str(path)).exit_code == 0
    assert cli("progress", "g/a", "--metric", "people=3", today="2027-02-01").exit_code == 0
    assert cli("progress", "g/b", "--metric", "people=4", today="2027-02-01").exit_code == 0
    d = json.loads(cli("show", "g", "--json", today="2027-02-01").stdout)
    actual = {g["id"]: g["targets"][0]["actual"] for g in d["goals"]}
    # `own` is named by task a's `goal:`, which narrows nothing: the whole plan, 3 + 4; so is
    # `all`; `few` says `tasks: [a]`: 3 only
    assert actual == {"own": 7, "all": 7, "few": 3}
    text = cli("show", "g", today="2027-02-01").stdout
    assert "按记录合计（只计任务 a 甲）" in text


def test_writing_a_finished_weeks_bulletin_completes_the_bulletin_task(
    cli: Invoke, db_path: Path, tmp_path: Path
) -> None:
    conn = loaded(cli, db_path)
    out = tmp_path / "简报.txt"

    def records() -> list[tuple[str, str, str]]:
        return conn.execute(
            "SELECT occurrence, status, date FROM records WHERE task_key = 'pian1-2027/1.6' ORDER BY id"
        ).fetchall()

    # printing a bulletin, or previewing a week not yet ended, records nothing
    assert cli("summary", "--week", "2027-W09", today="2027-03-08").exit_code == 0
    assert (
        cli("summary", "--week", "2027-W10", "--output", str(out), "--force", today="2027-03-10").exit_code
        == 0
    )
    assert records() == []
    # writing the finished week 2027-W09 (03-01..03-07) to a file: its occurrence is done
    r = cli("summary", "--week", "2027-W09", "--output", str(out), "--force", today="2027-03-08")
    assert r.exit_code == 0, r.stderr
    assert out.read_text(encoding="utf-8").strip()
    assert records() == [("2027-W09", "done", "2027-03-08")]
    # writing it again adds nothing; another week adds its own
    assert (
        cli("summary", "--week", "2027-W09", "--output", str(out), "--force", today="2027-03-09").exit_code
        == 0
    )
    assert records() == [("2027-W09", "done", "2027-03-08")]
    assert (
        cli("summary", "--week", "2027-W08", "--output", str(out), "--force", today="2027-03-09").exit_code
        == 0
    )
    assert records() == [("2027-W09", "done", "2027-03-08"), ("2027-W08", "done", "2027-03-09")]
    tasks = json.loads(cli("tasks", "--all", "--json", "--plan", "pian1-2027", today="2027-03-09").stdout)
    states = {t["occurrence"]: t["state"] for t in tasks if t["key"] == "pian1-2027/1.6"}
    assert states["2027-W08"] == states["2027-W09"] == "done"
    assert states["2027-W10"] == "outstanding"
    note = json.loads(cli("log", "pian1-2027/1.6", "--json", today="2027-03-09").stdout)[0]["note"]
    assert "2027-W09" in note and "第1期" in note
    # the bulletin does not report on itself: 1.6 neither under work done nor ahead
    s = json.loads(cli("summary", "--week", "2027-W09", "--format", "json", today="2027-03-09").stdout)
    assert not [
        i for i in (*s["completed"], *s["upcoming"], *s["activities"]) if i["key"] == "pian1-2027/1.6"
    ]
    text = cli("summary", "--week", "2027-W09", today="2027-03-09").stdout
    assert "编制创建简报" not in text


def test_cron_jobs_writing_the_same_bulletin_at_once_record_it_once(tmp_path: Path) -> None:
    # six real processes write the finished week 2027-W09 to six files at the same moment:
    # all succeed, the bulletin task gets exactly one `done` record for that week
    import os
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    civicli = Path(sys.executable).with_name("civicli")
    db = tmp_path / "civicli.db"
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": "2027-03-08", "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(civicli), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    loaded = run("load", str(PLANS))
    assert loaded.returncode == 0, loaded.stderr
    with ThreadPoolExecutor(6) as pool:
        done = list(
            pool.map(
                lambda i: run("summary", "--week", "2027-W09", "--output", str(tmp_path / f"b{i}.txt")),
                range(6),
            )
        )
    assert [p.returncode for p in done] == [0] * 6, [p.stderr for p in done]
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT occurrence, status FROM records WHERE task_key = 'pian1-2027/1.6'").fetchall()
    assert rows == [("2027-W09", "done")]
    assert all((tmp_path / f"b{i}.txt").read_text(encoding="utf-8") for i in range(6))
