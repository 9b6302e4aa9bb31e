"""`civicli search TEXT` (cli.md; issue 25, "Find what was written"): records, inspections,
rectification steps, task and plan titles that hold a piece of text, newest first, through the
real CLI on a real database. Speed is measured in bench/search.py, not here."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import RECTIFY_PLAN, Invoke

DAY = "2027-09-10"


@pytest.fixture
def loaded(cli: Invoke, tmp_path: Path) -> Invoke:
    plan = tmp_path / "rc.yaml"
    plan.write_text(RECTIFY_PLAN, encoding="utf-8")
    assert cli("load", str(plan), today=DAY).exit_code == 0
    return cli


def ok(cli: Invoke, *args: str) -> str:
    r = cli(*args, today=DAY)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def found(cli: Invoke, text: str, *more: str) -> list[dict[str, object]]:
    hits: list[dict[str, object]] = json.loads(ok(cli, "search", text, "--json", *more))
    return hits


def drill(cli: Invoke) -> None:
    """Two records of the monthly visit task: March (a fire drill) and June (王芳 again)."""
    ok(
        cli,
        "done",
        "rc-2027/visit",
        "--occurrence",
        "2027-03",
        "--date",
        "2027-03-15",
        "--note",
        "组织居民开展消防演练，讲解灭火器使用",
        "--place",
        "社区活动室",
        "--people",
        "居民30人、志愿者5人",
        "--by",
        "王芳",
    )
    ok(
        cli,
        "done",
        "rc-2027/visit",
        "--occurrence",
        "2027-06",
        "--date",
        "2027-06-02",
        "--note",
        "走访独居老人",
        "--by",
        "王芳",
    )


def test_a_record_is_found_by_its_note_place_people_and_by(loaded: Invoke) -> None:
    drill(loaded)
    # the note: the March record (id 1), its task key, the text around the match
    [hit] = found(loaded, "消防演练")
    assert {k: hit[k] for k in ("kind", "id", "date", "key", "field")} == {
        "kind": "record",
        "id": 1,
        "date": "2027-03-15",
        "key": "rc-2027/visit",
        "field": "note",
    }
    assert hit["text"] == "组织居民开展消防演练，讲解灭火器使用"  # short: the whole note
    assert [(h["id"], h["field"]) for h in found(loaded, "活动室")] == [(1, "place")]
    assert [(h["id"], h["field"]) for h in found(loaded, "志愿者")] == [(1, "people")]
    # a two-character name, the whole of the `by` field: both records, June's first (newest first)
    assert [(h["id"], h["date"], h["field"]) for h in found(loaded, "王芳")] == [
        (2, "2027-06-02", "by"),
        (1, "2027-03-15", "by"),
    ]


def test_the_table_names_kind_date_task_and_the_text_around_the_match(loaded: Invoke) -> None:
    drill(loaded)
    out = ok(loaded, "search", "灭火器")
    assert "搜索“灭火器”：1 条" in out
    [row] = [line for line in out.splitlines() if line.startswith("2027-")]
    # date, kind with the record's number, the task key and title and the month, the note
    for part in (
        "2027-03-15",
        "记录 #1",
        "rc-2027/visit",
        "走访困难户",
        "2027年3月",
        "备注：组织居民开展消防演练",
    ):
        assert part in row, (part, row)
    # when was the drill, and who came: the record's place and people beside its note
    assert row.endswith("；地点：社区活动室；参加人员：居民30人、志愿者5人"), row
    [hit] = found(loaded, "灭火器")
    assert (hit["place"], hit["people"]) == ("社区活动室", "居民30人、志愿者5人")


def test_a_long_note_is_shown_around_the_match(loaded: Invoke) -> None:
    note = "甲" * 50 + "垃圾分类" + "乙" * 50
    ok(loaded, "done", "rc-2027/visit", "--occurrence", "2027-08", "--date", "2027-08-01", "--note", note)
    [hit] = found(loaded, "垃圾分类")
    # twenty characters either side of the match, … where the note goes on
    assert hit["text"] == "…" + "甲" * 20 + "垃圾分类" + "乙" * 20 + "…"


def test_inspections_and_rectification_steps_are_found(loaded: Invoke) -> None:
    ok(
        loaded,
        "inspect",
        "stairwell",
        "--area",
        "2号楼",
        "--pass",
        "basement",
        "--fail",
        "corridor=楼道堆放纸箱",
        "--by",
        "李明",
        "--note",
        "九月第一次周检",
        "--date",
        "2027-09-01",
    )
    ok(loaded, "rectify", "1", "--measure", "清理纸箱，张贴告示", "--by", "赵强", "--date", "2027-09-03")
    ok(loaded, "recheck", "1", "--fail", "--note", "纸箱又堆回来了", "--by", "赵强", "--date", "2027-09-06")
    # 纸箱: the recheck note (step 2, 09-06), the measure (step 1, 09-03), the failed item of
    # inspection 1 (09-01: the item's text, then its note) — newest first
    hits = found(loaded, "纸箱")
    assert [(h["kind"], h["id"], h["date"], h["key"], h["field"]) for h in hits] == [
        ("step", 2, "2027-09-06", "1", "recheck"),
        ("step", 1, "2027-09-03", "1", "measure"),
        ("inspection", 1, "2027-09-01", "rc-2027/stairwell", "failed"),
    ]
    assert hits[2]["text"] == "楼道无堆物：楼道堆放纸箱"
    assert [(h["kind"], h["field"]) for h in found(loaded, "周检")] == [("inspection", "note")]
    out = ok(loaded, "search", "纸箱")
    assert "整改#1 2号楼" in out and "复查 #2" in out and "整改措施 #1" in out


def test_what_undo_took_back_is_not_found(loaded: Invoke) -> None:
    drill(loaded)
    ok(loaded, "undo")  # the June record
    assert [h["id"] for h in found(loaded, "王芳")] == [1]
    assert found(loaded, "独居老人") == []
    assert "没有找到“独居老人”。" in ok(loaded, "search", "独居老人")


def test_task_and_plan_titles_are_found_after_the_records(loaded: Invoke) -> None:
    ok(loaded, "done", "rc-2027/1.1", "--date", "2027-04-01", "--note", "楼道卫生检查已做")
    hits = found(loaded, "楼道卫生")
    # the record first (dated 04-01), then the task, dated at its plan's start
    assert [(h["kind"], h["id"], h["date"]) for h in hits] == [
        ("record", 1, "2027-04-01"),
        ("task", "rc-2027/1.1", "2027-03-01"),
    ]
    assert [(h["kind"], h["key"]) for h in found(loaded, "整改测试")] == [("plan", "rc-2027")]


def test_limit_lists_the_newest_and_says_there_are_more(loaded: Invoke) -> None:
    for month in range(3, 9):
        day = f"2027-{month:02d}-10"
        ok(
            loaded,
            "done",
            "rc-2027/visit",
            "--occurrence",
            day[:7],
            "--date",
            day,
            "--note",
            f"{month}月走访",
        )
    r = loaded("search", "走访", "--json", "--limit", "2", today=DAY)
    assert r.exit_code == 0
    # six records (ids 1–6, March–August) and the task 走访困难户: the two newest are August's and July's
    assert [(h["id"], h["date"]) for h in json.loads(r.stdout)] == [(6, "2027-08-10"), (5, "2027-07-10")]
    assert "--limit" in r.stderr
    hits = found(loaded, "走访", "--limit", "0")
    assert [h["id"] for h in hits] == [6, 5, 4, 3, 2, 1, "rc-2027/visit"]
    r = loaded("search", "走访", "--json", "--limit", "7", today=DAY)
    assert len(json.loads(r.stdout)) == 7 and r.stderr == ""  # exactly all: no "more"


def test_letters_in_either_case_and_quotes_in_the_text(loaded: Invoke) -> None:
    ok(loaded, "done", "rc-2027/visit", "--date", "2027-05-05", "--note", 'WiFi 密码贴在"公告栏"')
    assert [h["id"] for h in found(loaded, "wifi")] == [1]  # four letters: through the index
    assert [h["id"] for h in found(loaded, "Fi")] == [1]  # two: the scan
    assert [h["id"] for h in found(loaded, '"公告栏"')] == [1]  # quotes are text, not query syntax
    assert found(loaded, "NEAR(a b)") == []


def test_empty_text_is_refused(loaded: Invoke) -> None:
    r = loaded("search", "  ", today=DAY)
    assert r.exit_code == 1
    assert "要搜索的文字是空的" in r.stderr


def test_the_index_follows_changes_to_what_it_indexes(loaded: Invoke, db_path: Path) -> None:
    # civicli never edits a record in place, but the triggers keep the index in step if anything does
    drill(loaded)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE records SET note = '组织防汛演练', date = '2027-03-20' WHERE id = 1")
        conn.execute("DELETE FROM records WHERE id = 2")
    conn.close()
    assert found(loaded, "消防演练") == []
    [hit] = found(loaded, "防汛")
    assert (hit["id"], hit["date"]) == (1, "2027-03-20")
    assert [h["id"] for h in found(loaded, "王芳")] == [1]


def test_one_and_two_characters_anywhere_in_the_text(loaded: Invoke) -> None:
    drill(loaded)
    # 芳 (one character) ends both records' `by`; 器使 is inside the March note; 使用 ends it
    assert [h["id"] for h in found(loaded, "芳")] == [2, 1]
    assert [(h["id"], h["field"]) for h in found(loaded, "器使")] == [(1, "note")]
    assert [(h["id"], h["field"]) for h in found(loaded, "使用")] == [(1, "note")]
    assert [(h["id"], h["field"]) for h in found(loaded, "5人")] == [(1, "people")]  # at the very end
    assert found(loaded, "芳芳") == []


def test_short_queries_read_every_row_when_too_many_trigrams_begin_with_them(
    loaded: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a one-character query that begins more trigrams than FTS5 takes at once is answered by
    # reading every row: the same hits
    drill(loaded)
    expected = {text: found(loaded, text) for text in ("芳", "王芳", "演练", "人")}
    import civicli.store.search

    monkeypatch.setattr(civicli.store.search, "MAX_TERMS", 0)
    for text, hits in expected.items():
        assert found(loaded, text) == hits
    # 人: June's note (走访独居老人), March's people (居民30人、志愿者5人)
    assert [(h["id"], h["field"]) for h in expected["人"]] == [(2, "note"), (1, "people")]


def test_control_characters_in_what_was_written_are_shown_escaped(loaded: Invoke) -> None:
    ok(loaded, "done", "rc-2027/visit", "--date", "2027-05-05", "--note", "清理\x1b[31m楼道")
    out = ok(loaded, "search", "清理")
    assert "\x1b" not in out and "清理\\x1b[31m楼道" in out  # shown, never sent to the terminal
    [hit] = found(loaded, "清理")
    assert hit["text"] == "清理\x1b[31m楼道"  # JSON keeps the text exactly
