"""`load`, `validate`, `plans`, `show` through the real CLI and a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA, PLANS, Invoke, dump


def test_shipped_plans_load_and_list(cli: Invoke, db_path: Path) -> None:
    r = cli("load", str(PLANS))
    assert r.exit_code == 0, r.stderr
    for n in range(1, 5):
        assert f"pian{n}-2027" in r.stdout
    plans = json.loads(cli("plans", "--json", today="2027-03-01").stdout)
    assert [p["id"] for p in plans] == ["pian1-2027", "pian2-2027", "pian3-2027", "pian4-2027"]
    for p in plans:
        assert set(p) >= {"id", "title", "community", "start", "end", "tasks", "done", "percent"}
        assert p["start"] == "2027-01-01" and p["end"] == "2027-12-31"
        assert p["tasks"] >= 10
        assert p["title"].startswith("社区精神文明创建工作计划")
    conn = sqlite3.connect(db_path)
    # templates, roles and recurring/festival schedules came through
    assert conn.execute("SELECT COUNT(*) FROM templates").fetchone()[0] >= 4
    assert conn.execute("SELECT COUNT(*) FROM tasks WHERE every = 'month'").fetchone()[0] >= 1
    assert conn.execute("SELECT COUNT(*) FROM tasks WHERE festival IS NOT NULL").fetchone()[0] >= 5
    assert conn.execute("SELECT COUNT(*) FROM tasks WHERE inspection_id IS NOT NULL").fetchone()[0] >= 4
    assert conn.execute("SELECT name FROM roles WHERE role_id = 'building-heads'").fetchone()[0] == "楼长"


def test_validate_needs_no_database(cli: Invoke, db_path: Path) -> None:
    r = cli("validate", str(PLANS))
    assert r.exit_code == 0
    assert "4" in r.stdout
    assert not db_path.exists()


def test_reload_is_idempotent(cli: Invoke, db_path: Path, forms: Path) -> None:
    assert cli("load", str(forms)).exit_code == 0
    before = dump(db_path)
    r = cli("load", str(forms))
    assert r.exit_code == 0
    assert dump(db_path) == before
    row = next(line for line in r.stdout.splitlines() if "forms-2027" in line)
    assert row.split()[-4:] == ["0", "0", "0", "10"]


@pytest.mark.usefixtures("english")
def test_removed_task_is_archived_and_history_kept(cli: Invoke, forms: Path) -> None:
    cli("load", str(forms))
    assert (
        cli(
            "progress", "forms-2027/1.3", "--percent", "40", "--note", "开过一次会", today="2027-03-01"
        ).exit_code
        == 0
    )
    text = forms.read_text(encoding="utf-8").replace(
        '      - {id: "1.3", title: 常态化宣传, owner: 张三}\n', ""
    )
    forms.write_text(text, encoding="utf-8")
    r = cli("load", str(forms))
    assert r.exit_code == 0
    row = next(line for line in r.stdout.splitlines() if "forms-2027" in line)
    assert row.split()[-4:] == ["0", "0", "1", "9"]
    listed = json.loads(cli("tasks", "--all", "--json", today="2027-03-01").stdout)
    assert "forms-2027/1.3" not in {t["key"] for t in listed}
    log = json.loads(cli("log", "forms-2027/1.3", "--json").stdout)
    assert [(e["percent"], e["note"]) for e in log] == [(40, "开过一次会")]
    refused = cli("progress", "forms-2027/1.3", "--percent", "50", today="2027-03-02")
    assert refused.exit_code == 1 and "archived" in refused.stderr
    # putting it back restores the task with its history
    forms.write_text(
        text.replace("sections:\n", "sections:\n", 1)
        + '      - {id: "1.3", title: 常态化宣传, owner: 张三}\n',
        encoding="utf-8",
    )
    assert cli("load", str(forms)).exit_code == 0
    assert len(json.loads(cli("log", "forms-2027/1.3", "--json").stdout)) == 1


def test_dry_run_writes_nothing(cli: Invoke, db_path: Path, forms: Path) -> None:
    cli("load", str(forms))
    before = dump(db_path)
    forms.write_text(
        forms.read_text(encoding="utf-8").replace("title: 季度总结", "title: 季度工作总结"), encoding="utf-8"
    )
    r = cli("load", "--dry-run", str(forms))
    assert r.exit_code == 0
    assert "forms-2027/1.5" in r.stdout
    assert dump(db_path) == before


def test_dry_run_on_fresh_database_reports_additions(cli: Invoke, db_path: Path, forms: Path) -> None:
    r = cli("load", "--dry-run", str(forms))
    assert r.exit_code == 0
    assert not db_path.exists()  # nothing written: not even an empty database
    # the file's row: the plan (new), its 10 tasks to add, none updated, archived or unchanged
    row = next(line for line in r.stdout.splitlines() if "forms-2027" in line)
    assert row.split()[-4:] == ["10", "0", "0", "0"]
    # it says nothing was written, and never that the file was loaded
    assert r.stdout.rstrip().endswith("试运行：没有写入任何内容。")
    assert "已载入" not in r.stdout
    assert json.loads(cli("plans", "--json").stdout) == []


def test_same_plan_id_from_another_file_needs_force(
    cli: Invoke, db_path: Path, forms: Path, tmp_path: Path
) -> None:
    cli("load", str(forms))
    copy = tmp_path / "copy.yaml"
    copy.write_text(forms.read_text(encoding="utf-8"), encoding="utf-8")
    before = dump(db_path)
    r = cli("load", str(copy))
    assert r.exit_code == 1
    assert "forms-2027" in r.stderr and str(forms) in r.stderr and "--force" in r.stderr
    assert "Traceback" not in r.stderr
    assert dump(db_path) == before
    r = cli("load", "--force", str(copy))
    assert r.exit_code == 0
    assert sqlite3.connect(db_path).execute("SELECT source FROM plans").fetchone()[0] == str(copy)


def test_every_plan_claimed_from_another_file_is_named_and_nothing_written(
    cli: Invoke, db_path: Path, tmp_path: Path
) -> None:
    """Plans are written one by one in the load's transaction: a batch whose third and fifth
    files claim plans loaded from other files names both, and the two before are not kept."""
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    first = tmp_path / "first"
    first.mkdir()
    for name in ("c", "e"):
        (first / f"{name}.yaml").write_text(text.replace("id: forms-2027", f"id: {name}"), encoding="utf-8")
    assert cli("load", str(first)).exit_code == 0
    before = dump(db_path)
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("a", "b", "c", "d", "e"):
        (batch / f"{name}.yaml").write_text(text.replace("id: forms-2027", f"id: {name}"), encoding="utf-8")
    r = cli("load", str(batch))
    assert r.exit_code == 1
    named = [line for line in r.stderr.splitlines() if "--force" in line]
    assert len(named) == 2, r.stderr
    assert str(first / "c.yaml") in named[0] and str(first / "e.yaml") in named[1]
    assert dump(db_path) == before


@pytest.mark.usefixtures("english")
def test_batch_with_two_bad_files_lists_both_and_writes_nothing(
    cli: Invoke, db_path: Path, tmp_path: Path, forms: Path
) -> None:
    cli("load", str(forms))
    before = dump(db_path)
    bad1 = tmp_path / "plans" / "bad1.yaml"
    bad1.write_text(
        "id: a\ntitel: x\nperiod: {start: 2027-01-01, end: 2027-12-31}\nsections: []\n", encoding="utf-8"
    )
    bad2 = tmp_path / "plans" / "bad2.yaml"
    bad2.write_text(
        forms.read_text(encoding="utf-8")
        .replace("id: forms-2027", "id: other")
        .replace("due: 2027-02-28", "due: 2027-02-30"),
        encoding="utf-8",
    )
    r = cli("load", str(tmp_path / "plans"))
    assert r.exit_code == 1
    assert "bad1.yaml:2" in r.stderr and "titel" in r.stderr and "did you mean 'title'" in r.stderr
    assert "bad2.yaml:" in r.stderr and "sections[0].tasks[0].due" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert dump(db_path) == before


def test_show_reports_goals_and_sections(cli: Invoke, forms: Path) -> None:
    cli("load", str(forms))
    cli("progress", "forms-2027/1.1", "--status", "doing", "--metric", "participants=60", today="2027-02-01")
    cli("progress", "forms-2027/1.3", "--metric", "participants=45", "--note", "宣传日", today="2027-03-01")
    d = json.loads(cli("show", "forms-2027", "--json", today="2027-03-01").stdout)
    assert set(d) >= {"id", "title", "community", "start", "end", "percent", "goals", "sections"}
    targets = {t["id"]: t for t in d["goals"][0]["targets"]}
    # the target names no tasks: every task's records count, 60 + 45 = 105 ≥ 100 (task 1.1's
    # `goal: g1` ties it to the goal for reading the plan; it narrows nothing)
    assert targets["people"]["actual"] == 105 and targets["people"]["met"] is True
    assert targets["people"]["count"] == "sum"
    # a ceiling with no record of fires: nothing happened, 0 and met (未发生，达标)
    assert (targets["fires"]["actual"], targets["fires"]["met"]) == (0, True)
    assert set(targets["people"]) >= {"id", "text", "metric", "target", "direction", "count", "actual", "met"}
    tasks = d["sections"][0]["tasks"]
    assert tasks[0]["key"] == "forms-2027/1.1" and tasks[0]["owner"] == "secretary"
    assert tasks[0]["status"] == "doing"
    text = cli("show", "forms-2027", today="2027-03-01").stdout
    assert "广泛参与" in text and "加强领导，健全组织机构" in text and "社区党支部书记" in text
    # the plan gives `participants` no Chinese name (`metrics:`): the unit is read off the
    # target's text (参与人次), as the bulletin reads it
    assert "未发生，达标" in text and "已达105人次，目标100人次，达标" in text and "按记录合计" in text


def test_unknown_plan_is_an_error(cli: Invoke, forms: Path) -> None:
    cli("load", str(forms))
    r = cli("show", "nope")
    assert r.exit_code == 1 and "nope" in r.stderr and "Traceback" not in r.stderr


def test_missing_path_is_an_error(cli: Invoke, tmp_path: Path) -> None:
    r = cli("load", str(tmp_path / "nowhere"))
    assert r.exit_code == 1 and "nowhere" in r.stderr


@pytest.mark.usefixtures("english")
def test_every_plan_file_error_through_the_cli(
    cli: Invoke, db_path: Path, forms: Path, tmp_path: Path
) -> None:
    """Each error case of the plan format, loaded with `civicli load` next to a valid plan: exit 1,
    a line naming file, line and key path, no traceback, and the database unchanged."""
    from test_planfile import CASES

    cli("load", str(forms))
    before = dump(db_path)
    bad = tmp_path / "plan.yaml"
    for name, text, path, line, fragment in CASES:
        bad.write_text(text, encoding="utf-8")
        r = cli("load", str(forms), str(bad))
        assert r.exit_code == 1, name
        where = (f"{bad}:{line}: " if line is not None else f"{bad}: ") + (f"{path}: " if path else "")
        assert any(ln.startswith(f"Error: {where}") and fragment in ln for ln in r.stderr.splitlines()), (
            name,
            r.stderr,
        )
        assert "Traceback" not in r.stderr and r.stdout == "", name
        assert dump(db_path) == before, name


def test_occurrence_keys_are_stable_across_reloads(cli: Invoke, db_path: Path, forms: Path) -> None:
    def occurrences() -> dict[str, list[tuple[str, str, str]]]:
        conn = sqlite3.connect(db_path)
        out: dict[str, list[tuple[str, str, str]]] = {}
        for task_key, key, opens, due in conn.execute(
            "SELECT task_key, key, opens, due FROM occurrences ORDER BY task_key, due"
        ):
            out.setdefault(task_key, []).append((key, opens, due))
        conn.close()
        return out

    cli("load", str(forms))
    first = occurrences()
    text = forms.read_text(encoding="utf-8")
    # retitle, re-own and reorder tasks: no occurrence changes
    lines = text.splitlines(keepends=True)
    task_lines = [ln for ln in lines if ln.startswith('      - {id: "1.')]
    head = [ln for ln in lines if ln not in task_lines]
    shuffled = "".join(head) + "".join(reversed(task_lines))
    forms.write_text(
        shuffled.replace("owner: 张三", "owner: 李四").replace("年度总结", "年度工作总结"), encoding="utf-8"
    )
    assert cli("load", str(forms)).exit_code == 0
    assert occurrences() == first
    # a changed schedule changes that task's occurrences only
    forms.write_text(shuffled.replace("every: quarter", "every: month"), encoding="utf-8")
    assert cli("load", str(forms)).exit_code == 0
    after = occurrences()
    assert len(after["forms-2027/1.5"]) == 12
    assert {k: v for k, v in after.items() if k != "forms-2027/1.5"} == {
        k: v for k, v in first.items() if k != "forms-2027/1.5"
    }
