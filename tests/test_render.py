"""Rendering: Rich tables on a terminal, aligned plain text when piped, whatever the width."""

from __future__ import annotations

import io

from rich.cells import cell_len

from civicli.render import Block, Column, Out, schedule_text, wants_plain


def block() -> Block:
    return Block(title="社区精神文明创建工作计划（篇1）",
                 columns=[Column("任务"), Column("标题"), Column("进度", "right")],
                 rows=[["1.1", "建立创建工作领导小组", "50%"],
                       ["2.3", "楼道、地下室、宅楼前后卫生检查" * 4, "0/6"]],
                 footer="共 2 项")


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
    assert "┏" in text and "建立创建工作领导小组" in text and "共 2 项" in text


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
    assert schedule_text({"festival": "中秋"}) == "节日 中秋"
    assert schedule_text({"due": "2027-02-28"}) == "截止 2027-02-28"
    assert schedule_text({}) == "常态化"
