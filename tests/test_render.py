"""Rendering: Rich tables on a terminal, aligned plain text when piped, whatever the width."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from civicli.output.json import RECORDS_A_PIECE
from civicli.output.table import _WIDE, Block, Column, cell_width
from civicli.output.terminal import Out, wants_plain
from civicli.output.words import schedule_text


def block() -> Block:
    return Block(
        title="社区精神文明创建工作计划（篇1）",
        columns=[Column("任务"), Column("标题"), Column("进度", "right")],
        rows=[["1.1", "建立创建工作领导小组", "50%"], ["2.3", "楼道、地下室、宅楼前后卫生检查" * 4, "0/6"]],
        footer="共 2 项",
    )


def test_plain_is_aligned_by_display_width_and_never_cut() -> None:
    buf = io.StringIO()
    Out(plain=True, stdout=buf).blocks([block()])
    lines = buf.getvalue().splitlines()
    assert lines[0] == "社区精神文明创建工作计划（篇1）" and lines[-1] == "共 2 项"
    header, first, second = lines[1:4]
    # the right-justified last column ends at the same display column on every row
    assert cell_len(header) == cell_len(first) == cell_len(second)
    assert cell_len(first[: first.index("建立")]) == cell_len(header[: header.index("标题")])
    assert ("楼道、地下室、宅楼前后卫生检查" * 4) in second  # whole, however wide
    assert cell_len(second) > 120
    assert not any(ch in buf.getvalue() for ch in "┏│\x1b")
    assert all(line == line.rstrip() for line in lines)


def test_terminal_gets_a_rich_table() -> None:
    buf = io.StringIO()
    Out(plain=False, stdout=buf).blocks([block()])
    text = buf.getvalue()
    # a table with a ruled header (ASCII: box characters have ambiguous width on CJK terminals)
    assert "-" * 20 in text and "建立创建工作领导小组" in text and "共 2 项" in text


def test_no_color_means_plain(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_plain(Tty()) is False
    assert wants_plain(io.StringIO()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_plain(Tty()) is True


def test_schedule_words() -> None:
    assert schedule_text({"every": "week"}) == "每周"
    assert schedule_text({"every": "2 weeks"}) == "每2周"
    assert schedule_text({"every": "quarter"}) == "每季度"
    assert schedule_text({"festival": "中秋"}) == "结合中秋"  # plan-format.md: a festival's words
    assert schedule_text({"festival": "暑假", "period": True}) == "暑假期间"  # a period is no 节日
    assert schedule_text({"every": "6 months"}) == "每半年"
    assert schedule_text({"due": "2027-02-28"}) == "截止 2027-02-28"
    assert schedule_text({}) == "常态化"


def test_json_is_one_document_with_a_record_on_each_line() -> None:
    import json

    from civicli.output.json import json_text

    rows = [
        {"key": "p/1.1", "title": "建立创建工作领导小组", "metrics": {"participants": 3}},
        {"key": "p/1.2", "title": "楼道\n卫生", "metrics": {}},
    ]
    text = json_text(rows)
    assert json.loads(text) == rows
    assert text.splitlines()[1:3] == [
        f"  {json.dumps(r, ensure_ascii=False)}," if i == 0 else f"  {json.dumps(r, ensure_ascii=False)}"
        for i, r in enumerate(rows)
    ]
    doc = {"week": "2027-W37", "completed": rows, "upcoming": [], "plans": [{"id": "p", "goals": []}]}
    text = json_text(doc)
    assert json.loads(text) == doc
    lines = text.splitlines()
    assert '  "week": "2027-W37",' in lines and '  "upcoming": [],' in lines
    assert sum("p/1." in line for line in lines) == 2  # each record whole on its own line
    assert "建立" in text and "\\u" not in text
    assert json.loads(json_text([])) == [] and json.loads(json_text({})) == {}


_SCALARS = (
    st.text()  # control characters, NUL, quotes, 中文, %
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
)


def test_tasks_json_has_the_contract_keys_of_each_line_in_order() -> None:
    import json
    from collections import namedtuple

    from civicli.output.checklist import TASK_FIELDS, task_json, tasks_json

    Line = namedtuple("Line", [attribute for _, attribute in TASK_FIELDS])  # type: ignore[misc]
    line = Line(*(f"v{n}" if n % 3 else n for n in range(len(TASK_FIELDS))))
    text = "".join(tasks_json([line, line]))
    first = text.splitlines()[1]
    assert first.startswith('  {"plan": 0, "task": "v1", "key": "v2", "title": 3, "owner": "v4"')
    assert first.endswith("},") and text.splitlines()[2] == first[:-1]
    assert json.loads(text) == [task_json(line), task_json(line)]
    assert "".join(tasks_json([])) == "[]\n"


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.tuples(_SCALARS, _SCALARS), min_size=1, max_size=3),
    count=st.sampled_from([0, 1, RECORDS_A_PIECE, RECORDS_A_PIECE + 1, 2 * RECORDS_A_PIECE]),
)
def test_json_records_written_in_pieces_are_the_one_document(
    values: list[tuple[object, object]], count: int
) -> None:
    """A long list is written a piece at a time; the pieces joined are, byte for byte, the
    document json_text writes of the same objects — also where one piece ends and the next begins
    (lists of 0, 1, a whole piece, a piece and one, two pieces), and with a single key."""
    from collections import namedtuple

    from civicli.output.json import json_records, json_text

    Row = namedtuple("Row", ["a", "b"])
    rows = [Row(*values[i % len(values)]) for i in range(count)]
    pieces = list(json_records(rows, [("x", "a"), ("y", "b")]))
    assert "".join(pieces) == json_text([{"x": r.a, "y": r.b} for r in rows])
    # never the whole text at once: a piece per RECORDS_A_PIECE records, the closing bracket its own
    assert len(pieces) == max(1, -(-count // RECORDS_A_PIECE)) + (count > 0)
    assert "".join(json_records(rows, [("y", "b")])) == json_text([{"y": r.b} for r in rows])


def test_cell_width_counts_each_wide_and_ascii_character_as_rich_does() -> None:
    """Every code point cell_width counts itself, checked one by one against Rich's tables."""
    for lo, hi in [(0x20, 0x7E), *_WIDE]:
        for code in range(lo, hi + 1):
            assert cell_width(chr(code)) == cell_len(chr(code)), hex(code)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x20, max_codepoint=0x7E),
            st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
            st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
            st.characters(),  # anything: combining marks, emoji, controls, joiners
        )
    )
)
def test_cell_width_of_any_text_is_richs(text: str) -> None:
    assert cell_width(text) == cell_len(text)
