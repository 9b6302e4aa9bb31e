"""Names, not ids: tasks, templates, plans and settings as the clerk types them; a date without
its year is in today's year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from civicli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def _run(db: Path, *args: str, today: str = "2027-09-10") -> Result:
    env = {"CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": today, "CIVICLI_LANG": "zh"}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("names") / "c.db"
    assert _run(db, "load", str(ROOT / "plans")).exit_code == 0
    return db


def _log(db: Path, key: str) -> list[dict[str, object]]:
    r = _run(db, "log", key, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_a_task_by_text_in_its_title(db: Path) -> None:
    # 建立创建工作领导小组 is pian1-2027/1.1's title, and no other active task's
    r = _run(db, "progress", "建立创建工作领导小组", "--percent", "20")
    assert r.exit_code == 0, r.stderr
    assert "pian1-2027/1.1" in r.stdout
    # a part of it, after the plan by its title text or its id
    for ref in ("领导小组", "篇1/领导小组", "pian1-2027/领导小组"):
        assert [e["percent"] for e in _log(db, ref)] == [20], ref


def test_text_in_several_titles_lists_each_with_id_and_title(db: Path) -> None:
    r = _run(db, "done", "节日")
    assert r.exit_code == 1
    # 节日庆祝活动（春节） is pian1-2027/6.7, “我们的节日”·中秋 pian2-2027/4.8 (plans/)
    assert "pian1-2027/6.7（节日庆祝活动（春节））" in r.stderr
    assert "pian2-2027/4.8（“我们的节日”·中秋）" in r.stderr
    # an id in several plans: the candidates with their titles too
    r = _run(db, "log", "1.1")
    assert r.exit_code == 1 and "pian1-2027/1.1（建立创建工作领导小组）" in r.stderr
    # only within the plan named
    assert _run(db, "log", "篇1/节日庆祝活动（国庆）").exit_code == 0
    assert _run(db, "log", "没有这样的任务").exit_code == 1


def test_a_template_by_text_in_its_title(db: Path) -> None:
    answers = [a for n in range(1, 7) for a in ("--pass", str(n))]
    r = _run(db, "inspect", "楼道", "--area", "3号楼", *answers)
    assert r.exit_code == 0, r.stderr
    assert "pian1-2027/stairwell-hygiene" in r.stdout
    r = _run(db, "coverage", "四防")
    assert r.exit_code == 0, r.stderr
    assert "pian3-2027/four-defenses" in r.stdout
    r = _run(db, "coverage", "检查")  # four templates hold 检查 in their titles
    assert r.exit_code == 1
    assert "pian3-2027/five-nos（“五不”文明行为检查）" in r.stderr
    r = _run(db, "inspect", "没有", "--area", "1号楼")
    assert r.exit_code == 1
    assert "pian1-2027/stairwell-hygiene（楼道、地下室、宅楼前后卫生检查）" in r.stderr


def test_a_setting_by_its_chinese_name(db: Path) -> None:
    assert _run(db, "config", "报送", "区文明办").exit_code == 0
    r = _run(db, "config", "bulletin.send_to")
    assert r.stdout.strip() == "区文明办"
    assert _run(db, "config", "报送").stdout.strip() == "区文明办"
    r = _run(db, "config", "没有")
    assert r.exit_code == 1 and "bulletin.send_to（报送）" in r.stderr
    listing = _run(db, "config").stdout
    assert "bulletin.issuer（编印单位）" in listing


@pytest.mark.parametrize("typed", ["9月3日", "9-3", "9/3", "9.3", "9月3号"])
def test_a_date_without_its_year_is_in_todays_year(db: Path, typed: str) -> None:
    # today 2027-09-10: 9月3日 is 2027-09-03 (in pian1-2027's period)
    r = _run(db, "progress", "pian1-2027/1.6", "--note", typed, "--date", typed, "--again")
    assert r.exit_code == 0, r.stderr
    [entry] = [e for e in _log(db, "pian1-2027/1.6") if e["note"] == typed]
    assert entry["date"] == "2027-09-03"


def test_a_date_without_a_year_that_is_no_day(db: Path) -> None:
    r = _run(db, "progress", "pian1-2027/1.6", "--date", "2月30日")
    assert r.exit_code == 2 and "2月30日" in r.stderr
