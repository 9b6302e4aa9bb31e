"""Inspections and rectifications (issue 4): `inspect`, `inspections`, `rectifications`,
`coverage`, inspection-linked tasks in `tasks`, and the rectification rows for the checklist.

Everything goes through the real app with a real SQLite file and real plan files
(tests/data/inspections/: demo-2027 with a weekly task linked to a three-building template,
other-2027 whose template id `stairwell` makes the short id ambiguous).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from civicli.cli.app import app

DATA = Path(__file__).parent / "data" / "inspections"
TABLES = ("inspections", "inspection_answers", "inspection_photos", "rectifications", "records")
ALL_STAIRWELL = ["--pass", "corridor", "--pass", "basement", "--pass", "yard"]

Run = Callable[..., Result]


@pytest.fixture()
def plans_dir(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    target.mkdir()
    for f in DATA.glob("*.yaml"):
        shutil.copy(f, target / f.name)
    return target


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "civicli.db"


@pytest.fixture()
def run(db: Path, plans_dir: Path) -> Run:
    """run(*args, today=..., input=...) → Result; the plans are loaded first."""
    runner = CliRunner()

    def invoke(*args: str, today: str = "2027-09-10", input: str | None = None) -> Result:
        return runner.invoke(
            app,
            list(args),
            input=input,
            env={"CIVICLI_DB": str(db), "CIVICLI_TODAY": today, "NO_COLOR": None},
        )

    loaded = invoke("load", str(plans_dir))
    assert loaded.exit_code == 0, loaded.output
    return invoke


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def js(result: Result) -> Any:
    return json.loads(ok(result).stdout)


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def inspect(
    run: Run,
    area: str,
    *answers: str,
    template: str = "demo-2027/stairwell",
    date: str | None = None,
    today: str = "2027-09-10",
) -> dict[str, Any]:
    args = ["inspect", template, "--area", area, *answers, "--json"]
    if date:
        args += ["--date", date]
    return js(run(*args, today=today))  # type: ignore[no-any-return]


def rects(run: Run, *args: str, today: str = "2027-09-10") -> list[dict[str, Any]]:
    return js(run("rectifications", "--json", *args, today=today))  # type: ignore[no-any-return]


def occurrence(run: Run, key: str, occ: str, today: str) -> dict[str, Any]:
    rows = js(run("tasks", "--all", "--json", "--plan", key.split("/")[0], today=today))
    return next(r for r in rows if r["key"] == key and r["occurrence"] == occ)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- scoring


def test_score_uses_weights_and_leaves_na_out(run: Run) -> None:
    # corridor 2 passed, basement 1 failed, yard n/a: 2 / 3
    r = inspect(run, "1号楼", "--pass", "corridor", "--fail", "basement=堆了杂物", "--na", "yard")
    assert r["score"] == pytest.approx(200 / 3)
    assert r["passed"] is False  # pass mark 80 by default
    assert r["failed"] == ["basement"]
    assert r["na"] == ["yard"]
    # the same without the n/a: 2 / 4.5
    r = inspect(run, "2号楼", "--pass", "corridor", "--fail", "basement", "--fail", "yard")
    assert r["score"] == pytest.approx(100 * 2 / 4.5)
    r = inspect(run, "3号楼", *ALL_STAIRWELL)
    assert r["score"] == 100 and r["passed"] is True and r["failed"] == []


def test_all_na_scores_null_and_passes(run: Run) -> None:
    r = inspect(run, "1号楼", "--na", "corridor", "--na", "basement", "--na", "yard")
    assert r["score"] is None
    assert r["passed"] is True
    listed = js(run("inspections", "--json"))
    assert listed[0]["score"] is None and listed[0]["passed"] is True
    assert rects(run, "--all") == []
    assert "—" in ok(run("inspections")).stdout


def test_pass_mark_boundary(run: Run) -> None:
    # fire: exits 3, extinguishers 1, wiring 1; pass mark 75
    at_mark = inspect(
        run, "1号楼", "--pass", "exits", "--fail", "extinguishers", "--na", "wiring", template="fire"
    )
    assert at_mark["score"] == 75 and at_mark["passed"] is True
    below = inspect(
        run,
        "1号楼",
        "--pass",
        "exits",
        "--fail",
        "extinguishers",
        "--fail",
        "wiring",
        "--again",
        template="fire",
    )
    assert below["score"] == 60 and below["passed"] is False


def test_fractional_weights_meet_the_mark_despite_float_rounding(run: Run) -> None:
    # 0.3 / (0.1 + 0.2 + 0.3) is 49.999…% in floating point; the pass mark is 50
    r = inspect(run, "小区", "--fail", "x", "--fail", "y", "--pass", "z", template="fractions")
    assert r["score"] == pytest.approx(50)
    assert r["passed"] is True


def test_score_function() -> None:
    from civicli.store.inspections import Answer, passes_mark, score

    items = [{"item_id": "a", "weight": 2.0}, {"item_id": "b", "weight": 1.0}]
    assert score(items, [Answer("a", "pass"), Answer("b", "fail")]) == pytest.approx(200 / 3)
    assert score(items, [Answer("a", "na"), Answer("b", "pass")]) == 100
    assert score(items, [Answer("a", "na"), Answer("b", "na")]) is None
    assert passes_mark(None, 80) and passes_mark(80.0, 80) and not passes_mark(79.9, 80)


# ---------------------------------------------------------------- rectifications


def test_rectification_open_overdue_closed(run: Run) -> None:
    first = inspect(
        run,
        "1号楼",
        "--fail",
        "corridor=堆放自行车",
        "--pass",
        "basement",
        "--pass",
        "yard",
        date="2027-09-06",
    )
    [r] = rects(run)
    assert r["item"] == "corridor" and r["area"] == "1号楼" and r["note"] == "堆放自行车"
    assert (r["opened"], r["due"], r["closed"], r["overdue"], r["repeats"]) == (
        "2027-09-06",
        "2027-09-13",
        None,
        False,
        0,
    )
    # the 责任人 is the linked task owner's display name, never the role id
    assert r["owner"] == "楼长" and r["owner_role"] == "building-heads"
    assert r["opened_by"] == first["id"]
    assert first["rectifications"] == [
        {"event": "opened", "rectification": r["id"], "item": "corridor", "due": "2027-09-13", "repeats": 0}
    ]
    assert rects(run, today="2027-09-13")[0]["overdue"] is False  # due today: not yet late
    late = rects(run, today="2027-09-14")
    assert late[0]["overdue"] is True and late[0]["days_late"] == 1
    assert "逾期1天" in ok(run("rectifications", today="2027-09-14")).stdout
    assert rects(run, "--overdue", today="2027-09-13") == []

    closing = inspect(run, "1号楼", *ALL_STAIRWELL, today="2027-09-15")
    assert rects(run, today="2027-09-15") == []
    [closed] = rects(run, "--all", today="2027-09-15")
    assert closed["id"] == r["id"]
    assert closed["closed"] == "2027-09-15" and closed["closed_by"] == closing["id"]
    assert closed["overdue"] is False and closed["state"] == "closed"
    assert closing["rectifications"][0]["event"] == "closed"
    # as of a day before the closing inspection it is still open (and overdue)
    assert rects(run, today="2027-09-14")[0]["closed"] is None
    # a different area passing the item closes nothing
    inspect(run, "2号楼", "--fail", "corridor", "--pass", "basement", "--pass", "yard", today="2027-09-15")
    assert [x["area"] for x in rects(run, today="2027-09-15")] == ["2号楼"]


def test_repeated_failure_keeps_one_open_and_counts_repeats(run: Run) -> None:
    fails = ("--fail", "corridor", "--pass", "basement", "--pass", "yard")
    inspect(run, "1号楼", *fails, date="2027-09-01")
    second = inspect(
        run, "1号楼", "--fail", "corridor=还没清", "--pass", "basement", "--pass", "yard", date="2027-09-03"
    )
    inspect(run, "1号楼", *fails, date="2027-09-05")
    [r] = rects(run)
    assert r["repeats"] == 2 and r["opened"] == "2027-09-01" and r["due"] == "2027-09-08"
    assert r["note"] is None  # the note of the failure that opened it
    assert second["rectifications"][0]["event"] == "repeat"
    assert second["rectifications"][0]["repeats"] == 1
    assert rects(run, today="2027-09-04")[0]["repeats"] == 1  # as of an earlier day
    inspect(run, "1号楼", *ALL_STAIRWELL, date="2027-09-07")
    inspect(run, "1号楼", *fails, date="2027-09-09")
    every = rects(run, "--all")
    assert [(x["opened"], x["closed"], x["repeats"]) for x in every] == [
        ("2027-09-09", None, 0),
        ("2027-09-01", "2027-09-07", 2),
    ]
    assert every[0]["id"] != every[1]["id"]


def test_back_dated_inspection_is_placed_by_date(run: Run) -> None:
    fails = ("--fail", "corridor", "--pass", "basement", "--pass", "yard")
    # a pass recorded first, then a failure dated before it: opened and already closed
    later = inspect(run, "1号楼", *ALL_STAIRWELL, date="2027-09-08")
    inspect(run, "1号楼", *fails, date="2027-09-06")
    assert rects(run) == []
    [r] = rects(run, "--all")
    assert (r["opened"], r["closed"], r["closed_by"]) == ("2027-09-06", "2027-09-08", later["id"])
    # area 2: a failure on the 10th, then one back-dated to the 7th opens it; the 10th is a repeat
    inspect(run, "2号楼", *fails, date="2027-09-10")
    first = rects(run, "--area", "2号楼")[0]
    inspect(run, "2号楼", *fails, date="2027-09-07")
    [r2] = rects(run, "--area", "2号楼")
    assert (r2["opened"], r2["due"], r2["repeats"]) == ("2027-09-07", "2027-09-14", 1)
    assert r2["id"] == first["id"]  # the same problem keeps its number (it may be written on paper)
    # an unrelated later inspection of the area keeps the rectification's id
    inspect(run, "2号楼", "--fail", "corridor", "--pass", "basement", "--fail", "yard", "--again")
    ids = {x["item"]: x for x in rects(run, "--area", "2号楼")}
    assert ids["corridor"]["id"] == r2["id"] and ids["corridor"]["repeats"] == 2
    assert ids["yard"]["repeats"] == 0


def test_rectifications_without_a_linked_task_have_no_owner(run: Run) -> None:
    inspect(run, "A区", "--fail", "corridor", template="other-2027/stairwell")
    [r] = rects(run)
    assert r["owner"] is None and r["plan"] == "other-2027"


def test_rectification_checklist_rows(run: Run, db: Path) -> None:
    from civicli.output.checklist import task_json
    from civicli.store.completion import OccurrenceFilter, occurrence_rows
    from civicli.store.database import open_store
    from civicli.store.inspections import rectifications_due

    inspect(
        run, "1号楼", "--fail", "corridor=堆放杂物", "--pass", "basement", "--pass", "yard", date="2027-09-01"
    )
    inspect(run, "A区", "--fail", "corridor", template="other-2027/stairwell", date="2027-09-09")
    store = open_store(db)
    try:
        today = dt.date(2027, 9, 10)
        rows = rectifications_due(store, today)
        assert len(rows) == 2
        first = rows[0]
        rid = rects(run)[0]["id"]
        expected = {
            "key": f"demo-2027/整改#{rid}",
            "task": f"整改#{rid}",
            "occurrence": "1号楼/corridor",
            "plan": "demo-2027",
            "opens": "2027-09-01",
            "due": "2027-09-08",
            "title": "整改：楼道无堆物（1号楼）",
            "owner": "building-heads",
            "owner_name": "楼长",
            "section": "1",
            "state": "overdue",
            "status": "todo",
            "percent": None,
            "overdue": True,
            "missed": False,
            "days_late": 2,
            "areas_done": None,
            "areas_total": None,
            "kind": "rectification",
        }
        line = task_json(first)
        assert {k: line[k] for k in expected} == expected
        assert (first.rectification_id, first.area, first.item, first.note) == (
            rid,
            "1号楼",
            "corridor",
            "堆放杂物",
        )
        other = rows[1]
        assert other.state == "outstanding" and other.owner is None and other.section_id is None
        # the same keys as a task occurrence's line, so the two kinds mix in one list
        sample = occurrence_rows(store, today, OccurrenceFilter(task_key="demo-2027/1.1"))[0]
        assert set(task_json(sample)) == set(line) and task_json(sample)["kind"] == "task"
        # filters
        assert [r.plan_id for r in rectifications_due(store, today, plan="other-2027")] == ["other-2027"]
        assert len(rectifications_due(store, today, owner="building-heads")) == 1
        assert len(rectifications_due(store, today, owner="楼")) == 1
    finally:
        store.close()


# ---------------------------------------------------------------- linked tasks


def test_linked_task_done_when_every_area_inspected_in_the_window(run: Run) -> None:
    key = "demo-2027/1.1"
    # 2027-W36 is 09-06 … 09-12; 09-05 belongs to W35
    inspect(run, "1号楼", *ALL_STAIRWELL, date="2027-09-06")
    inspect(run, "2号楼", "--fail", "corridor", "--pass", "basement", "--pass", "yard", date="2027-09-07")
    inspect(run, "3号楼", *ALL_STAIRWELL, date="2027-09-05")
    w36 = occurrence(run, key, "2027-W36", "2027-09-10")
    assert (w36["areas_done"], w36["areas_total"], w36["state"]) == (2, 3, "outstanding")
    assert occurrence(run, key, "2027-W35", "2027-09-10")["areas_done"] == 1
    assert "2/3" in ok(run("tasks", "--plan", "demo-2027")).stdout
    # the same area twice counts once
    inspect(run, "1号楼", *ALL_STAIRWELL, date="2027-09-08")
    assert occurrence(run, key, "2027-W36", "2027-09-10")["areas_done"] == 2
    inspect(run, "3号楼", *ALL_STAIRWELL)
    w36 = occurrence(run, key, "2027-W36", "2027-09-10")
    assert (w36["areas_done"], w36["state"]) == (3, "done")
    # the next week starts from nothing: W36 inspections do not count for W37
    w37 = occurrence(run, key, "2027-W37", "2027-09-13")
    assert (w37["areas_done"], w37["areas_total"], w37["state"]) == (0, 3, "outstanding")
    inspect(run, "2号楼", *ALL_STAIRWELL, today="2027-09-13")
    assert occurrence(run, key, "2027-W37", "2027-09-13")["areas_done"] == 1
    assert occurrence(run, key, "2027-W36", "2027-09-13")["state"] == "done"


# ---------------------------------------------------------------- interactive prompting


def test_prompts_for_items_not_given(run: Run, db: Path) -> None:
    result = ok(
        run(
            "inspect", "demo-2027/stairwell", "--area", "1号楼", "-i", "--json", input="p\nF\n堆了自行车\nn\n"
        )
    )
    r = json.loads(result.stdout)
    assert r["answers"] == [
        {"item": "corridor", "result": "pass", "note": None},
        {"item": "basement", "result": "fail", "note": "堆了自行车"},
        {"item": "yard", "result": "na", "note": None},
    ]
    assert "楼道无堆物" in result.stderr and "[1/3]" in result.stderr
    assert rects(run)[0]["note"] == "堆了自行车"


def test_prompts_only_for_the_rest_and_asks_again_on_nonsense(run: Run) -> None:
    result = ok(
        run(
            "inspect",
            "demo-2027/stairwell",
            "--area",
            "2号楼",
            "--pass",
            "corridor",
            "-i",
            "--json",
            input="maybe\n合格\nf\n\n",
        )
    )
    r = json.loads(result.stdout)
    assert [(a["item"], a["result"], a["note"]) for a in r["answers"]] == [
        ("corridor", "pass", None),
        ("basement", "pass", None),
        ("yard", "fail", None),
    ]
    assert "[1/2]" in result.stderr and "楼道无堆物" not in result.stderr
    assert "请输入" in result.stderr


def test_prompts_for_the_area_when_not_given(run: Run) -> None:
    r = json.loads(ok(run("inspect", "demo-2027/stairwell", "-i", "--json", input="2\np\np\np\n")).stdout)
    assert r["area"] == "2号楼" and r["score"] == 100


@pytest.mark.usefixtures("english")
def test_input_ending_early_writes_nothing(run: Run, db: Path) -> None:
    before = counts(db)
    result = run("inspect", "demo-2027/stairwell", "--area", "1号楼", "-i", input="p\n")
    assert result.exit_code == 1
    assert "unanswered items: basement, yard" in result.stderr
    assert "Traceback" not in result.output
    assert counts(db) == before


def test_all_given_on_the_command_line_asks_nothing(run: Run) -> None:
    result = ok(run("inspect", "demo-2027/stairwell", "--area", "1号楼", "-i", *ALL_STAIRWELL, input=""))
    assert "[1/" not in result.stderr
    assert "已记录检查" in result.stdout


# ---------------------------------------------------------------- errors


def _error_cases(tmp_path: Path) -> list[tuple[list[str], str]]:
    base = ["--area", "1号楼"]
    return [
        (["inspect", "nope", *base, *ALL_STAIRWELL], "no inspection template 'nope'"),
        (
            ["inspect", "stairwell", *base, *ALL_STAIRWELL],
            "demo-2027/stairwell (楼道卫生检查), other-2027/stairwell (楼道检查)",
        ),
        (["inspect", "demo-2027/stairwell", "--area", "9号楼", *ALL_STAIRWELL], "has no area '9号楼'"),
        (["inspect", "demo-2027/stairwell", *base, *ALL_STAIRWELL, "--pass", "roof"], "has no item 'roof'"),
        (
            ["inspect", "demo-2027/stairwell", *base, *ALL_STAIRWELL, "--fail", "corridor=脏"],
            "'corridor' is answered more than once",
        ),
        (
            ["inspect", "demo-2027/stairwell", *base, *ALL_STAIRWELL, "--date", "2027-09-11"],
            "is after today (2027-09-10)",
        ),
        (
            ["inspect", "demo-2027/stairwell", *base, *ALL_STAIRWELL, "--date", "2026-12-31"],
            "is before the start of plan 'demo-2027' (2027-01-01)",
        ),
        (["inspections", "--template", "nope"], "no inspection template 'nope'"),
        (
            ["inspect", "demo-2027/stairwell", *base, *ALL_STAIRWELL, "--photo", str(tmp_path / "none.jpg")],
            "does not exist",
        ),
        (
            ["inspect", "demo-2027/stairwell", *base, *ALL_STAIRWELL, "--photo", str(tmp_path)],
            "is not a regular file",
        ),
        (["inspect", "demo-2027/stairwell", *base, "--pass", "corridor"], "unanswered items: basement, yard"),
        (
            ["inspect", "demo-2027/stairwell", *base, "--pass", "corridor", "--no-interactive"],
            "unanswered items: basement, yard",
        ),
        (["inspections", "--plan", "nope"], "no plan 'nope'"),
        (["inspections", "--plan", "p-none"], "no plan 'p-none'"),
        (["inspections", "--template", "stairwell"], "write PLAN_ID/TEMPLATE_ID"),
        (["rectifications", "--template", "nope"], "no inspection template 'nope'"),
        (["coverage", "nope"], "no inspection template 'nope'"),
        (["coverage", "demo-2027/stairwell", "--periods", "0"], "at least 1"),
    ]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args",
    [
        ["inspect", "demo-2027/stairwell", "--area", "1号楼", "--date", "2027-02-30"],
        ["inspections", "--since", "yesterday"],
    ],
)
def test_a_bad_date_is_a_usage_error(run: Run, db: Path, args: list[str]) -> None:
    # a bad value of any option exits 2 (usage), like every other bad option value
    before = counts(db)
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "is not a date" in result.stderr and "Traceback" not in result.stderr
    assert counts(db) == before


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", range(18))
def test_errors_exit_1_with_one_line_and_write_nothing(run: Run, db: Path, tmp_path: Path, case: int) -> None:
    inspect(run, "1号楼", "--fail", "corridor", "--pass", "basement", "--pass", "yard", date="2027-09-01")
    args, message = _error_cases(tmp_path)[case]
    before = counts(db)
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert message in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert counts(db) == before


def test_a_malformed_date_is_a_usage_error_and_writes_nothing(run: Run, db: Path) -> None:
    before = counts(db)
    result = run("inspect", "demo-2027/stairwell", "--area", "1号楼", *ALL_STAIRWELL, "--date", "2027-02-30")
    assert result.exit_code == 2 and "2027-02-30" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert counts(db) == before


def test_error_cases_are_all_run(tmp_path: Path) -> None:
    assert len(_error_cases(tmp_path)) == 18


@pytest.mark.usefixtures("english")
def test_archived_template_is_refused(run: Run, db: Path, plans_dir: Path) -> None:
    inspect(run, "A区", "--fail", "corridor", template="other-2027/stairwell")
    path = plans_dir / "other.yaml"
    path.write_text(path.read_text(encoding="utf-8").split("inspections:")[0], encoding="utf-8")
    ok(run("load", str(plans_dir)))
    before = counts(db)
    result = run("inspect", "other-2027/stairwell", "--area", "A区", "--pass", "corridor")
    assert result.exit_code == 1 and "archived" in result.stderr
    assert counts(db) == before
    # the short id is no longer ambiguous; the history stays listed; its rectification leaves the list
    assert inspect(run, "1号楼", *ALL_STAIRWELL, template="stairwell")["plan"] == "demo-2027"
    assert [r["plan"] for r in js(run("inspections", "--json"))] == ["demo-2027", "other-2027"]
    assert rects(run) == []


def test_missing_area_without_a_terminal_is_a_usage_error(run: Run, db: Path) -> None:
    before = counts(db)
    result = run("inspect", "demo-2027/stairwell", *ALL_STAIRWELL)
    assert result.exit_code == 2 and "--area" in result.output
    assert counts(db) == before


# ---------------------------------------------------------------- photos, listings, shapes


def test_photos_are_copied_into_the_evidence_folder(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.jpg").write_bytes(b"\xff\xd8 a")
    (tmp_path / "b.jpg").write_bytes(b"\xff\xd8 b")
    monkeypatch.chdir(tmp_path / "pics")
    r = inspect(run, "1号楼", *ALL_STAIRWELL, "--photo", "a.jpg", "--photo", "../b.jpg")
    # kept like the photos of records: copies beside the database, named by the original name
    # and the start of their SHA-256, listed relative to the database's folder
    assert [p.split("/")[0] for p in r["photos"]] == ["civicli-files", "civicli-files"]
    assert [p.split("/")[1][:2] for p in r["photos"]] == ["a_", "b_"]
    assert js(run("inspections", "--json"))[0]["photos"] == r["photos"]
    (tmp_path / "pics" / "a.jpg").unlink()  # the original gone: the copy stays, check passes
    assert (db.parent / r["photos"][0]).read_bytes() == b"\xff\xd8 a"
    assert run("check").exit_code == 0


def test_a_database_s_absolute_inspection_photo_paths_are_still_shown_and_checked(
    run: Run, db: Path, tmp_path: Path
) -> None:
    # databases of earlier releases kept an inspection's photo as the original's absolute path
    r = inspect(run, "1号楼", *ALL_STAIRWELL)
    old = tmp_path / "old.jpg"
    old.write_bytes(b"\xff\xd8")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO inspection_photos (inspection_id, path) VALUES (?, ?)", [r["id"], str(old)])
    conn.close()
    assert js(run("inspections", "--json"))[0]["photos"] == [str(old)]
    assert run("check").exit_code == 0
    old.unlink()
    checked = run("check")
    assert checked.exit_code == 1 and str(old) in checked.stderr and f"#{r['id']}" in checked.stderr


def test_inspections_listing_filters_and_order(run: Run) -> None:
    a = inspect(run, "1号楼", *ALL_STAIRWELL, date="2027-09-01")
    b = inspect(run, "2号楼", *ALL_STAIRWELL, date="2027-09-08")
    c = inspect(
        run,
        "1号楼",
        "--pass",
        "exits",
        "--pass",
        "extinguishers",
        "--pass",
        "wiring",
        template="fire",
        date="2027-09-05",
    )
    d = inspect(run, "A区", "--pass", "corridor", template="other-2027/stairwell", date="2027-09-08")
    ids = lambda *args: [r["id"] for r in js(run("inspections", "--json", *args))]  # noqa: E731
    assert ids() == [d["id"], b["id"], c["id"], a["id"]]  # newest first (same day: latest recorded first)
    assert ids("--plan", "other-2027") == [d["id"]]
    assert ids("--template", "fire") == [c["id"]]
    assert ids("--plan", "demo-2027", "--template", "stairwell") == [b["id"], a["id"]]
    assert ids("--area", "1号楼") == [c["id"], a["id"]]
    assert ids("--since", "2027-09-05") == [d["id"], b["id"], c["id"]]
    assert ids("--since", "2027-09-05", "--area", "1号楼", "--template", "demo-2027/stairwell") == []
    assert [r["id"] for r in js(run("inspections", "--json", today="2027-09-04"))] == [
        a["id"]
    ]  # as of the 4th


def test_json_shapes(run: Run) -> None:
    inspect(run, "1号楼", "--fail", "corridor=堆物", "--pass", "basement", "--na", "yard", "--by", "李楼长")
    [i] = js(run("inspections", "--json"))
    assert {"id", "template", "plan", "area", "date", "by", "score", "passed", "failed"} <= set(i)
    assert (i["template"], i["plan"], i["area"], i["date"], i["by"], i["failed"]) == (
        "stairwell",
        "demo-2027",
        "1号楼",
        "2027-09-10",
        "李楼长",
        ["corridor"],
    )
    assert isinstance(i["passed"], bool)
    [r] = rects(run)
    assert {
        "id",
        "plan",
        "template",
        "area",
        "item",
        "note",
        "opened",
        "due",
        "closed",
        "overdue",
        "repeats",
    } <= set(r)
    assert (r["plan"], r["template"], r["item"], r["note"]) == ("demo-2027", "stairwell", "corridor", "堆物")
    assert isinstance(r["overdue"], bool) and isinstance(r["repeats"], int)
    assert js(run("inspections", "--json", "--plan", "other-2027")) == []
    out = ok(run("rectifications", "--json")).stdout
    assert "\\u" not in out and "堆物" in out


def test_plain_output_has_no_ansi_codes(run: Run) -> None:
    inspect(
        run, "1号楼", "--fail", "corridor=堆物", "--pass", "basement", "--pass", "yard", date="2027-09-01"
    )
    inspect(run, "2号楼", *ALL_STAIRWELL)
    for args in (
        ["inspections"],
        ["rectifications"],
        ["rectifications", "--all"],
        ["coverage", "demo-2027/stairwell"],
    ):
        out = ok(run(*args)).stdout
        assert "\x1b" not in out, args
        assert out.strip()
    listing = ok(run("rectifications")).stdout
    assert "楼道无堆物" in listing and "逾期2天" in listing and "楼长" in listing
    assert "#1" in ok(run("inspections")).stdout
    assert ok(run("inspect", "demo-2027/stairwell", "--area", "3号楼", *ALL_STAIRWELL)).stdout.startswith(
        "已记录检查"
    )


def test_empty_listings(run: Run) -> None:
    assert ok(run("inspections")).stdout.strip() == "还没有检查记录。"
    assert ok(run("rectifications")).stdout.strip() == "没有待整改的问题。"
    assert js(run("rectifications", "--json", "--all")) == []


# ---------------------------------------------------------------- coverage


def test_coverage_by_period_and_days_since(run: Run) -> None:
    inspect(run, "1号楼", *ALL_STAIRWELL, date="2027-08-25")  # W34
    inspect(
        run, "1号楼", "--fail", "corridor", "--pass", "basement", "--pass", "yard", date="2027-09-07"
    )  # W36
    inspect(run, "2号楼", *ALL_STAIRWELL, date="2027-09-01")  # W35
    c = js(run("coverage", "demo-2027/stairwell", "--periods", "3", "--json"))
    assert c["task"] == "demo-2027/1.1"
    assert [p["key"] for p in c["periods"]] == ["2027-W34", "2027-W35", "2027-W36"]
    by_area = {a["area"]: a for a in c["areas"]}
    one = by_area["1号楼"]
    assert [cell["state"] for cell in one["cells"]] == ["inspected", "gap", "inspected"]
    assert one["cells"][0]["score"] == 100 and one["cells"][2]["passed"] is False
    assert (one["last"], one["days_since"]) == ("2027-09-07", 3)
    assert [cell["state"] for cell in by_area["2号楼"]["cells"]] == ["gap", "inspected", "pending"]
    three = by_area["3号楼"]
    assert (three["last"], three["days_since"], three["gaps"]) == (None, None, 2)
    text = ok(run("coverage", "demo-2027/stairwell", "--periods", "3")).stdout
    assert "未查" in text and "从未检查" in text and "待查" in text


def test_coverage_without_a_linked_task_uses_iso_weeks(run: Run) -> None:
    inspect(run, "A区", "--pass", "corridor", template="other-2027/stairwell", date="2027-09-02")
    c = js(run("coverage", "other-2027/stairwell", "--periods", "2", "--json"))
    assert c["task"] is None
    assert c["periods"] == [
        {"key": "2027-W35", "opens": "2027-08-30", "due": "2027-09-05"},
        {"key": "2027-W36", "opens": "2027-09-06", "due": "2027-09-12"},
    ]
    assert [cell["state"] for cell in c["areas"][0]["cells"]] == ["inspected", "pending"]
    assert c["areas"][0]["days_since"] == 8


def test_seed_plans_inspection(tmp_path: Path) -> None:
    """The shipped plan's stairwell template, recorded by its unique short id."""
    runner = CliRunner()
    env = {"CIVICLI_DB": str(tmp_path / "seed.db"), "CIVICLI_TODAY": "2027-09-10"}
    plans = Path(__file__).parent.parent / "plans"
    assert runner.invoke(app, ["load", str(plans)], env=env).exit_code == 0
    args = [
        "inspect",
        "stairwell-hygiene",
        "--area",
        "1号楼",
        "--pass",
        "corridor-clear",
        "--pass",
        "corridor-clean",
        "--pass",
        "basement-tidy",
        "--pass",
        "yard-clean",
        "--fail",
        "no-graffiti=小广告",
        "--pass",
        "bins-tidy",
        "--json",
    ]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    assert r["plan"] == "pian1-2027" and r["score"] == 90 and r["passed"] is True
    tasks = json.loads(runner.invoke(app, ["tasks", "--json", "--plan", "pian1-2027"], env=env).stdout)
    w36 = next(t for t in tasks if t["key"] == "pian1-2027/2.3" and t["occurrence"] == "2027-W36")
    assert (w36["areas_done"], w36["areas_total"]) == (1, 6)
