"""The command line's words are civicli's: every command and every option it shows has its help
in both catalogs, and every option that takes a value names it (a metavar), so that help is
written from the catalogs alone, whatever typer would write."""

from __future__ import annotations

import pytest

from civicli.cli.app import COMMANDS, _command
from civicli.cli.localize import help_text
from civicli.i18n import set_language


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_and_option_has_its_help_in_the_catalog(name: str, language: str) -> None:
    set_language(language)
    try:
        command = _command(name)
        assert help_text(name), name
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            assert help_text(name, param.name or ""), (name, param.name)
            if param.param_type_name == "option" and not param.is_flag:
                assert param.metavar, (name, param.name)
    finally:
        set_language("zh")


def test_help_fills_its_lines_before_a_long_chinese_run() -> None:
    # `--na，或在终端上逐项回答。…` (Latin letters, then a Chinese run of 70 cells without a
    # space) is broken inside its Chinese part: the line before it is not left half empty
    from civicli.cli.localize import cells, wrap_cells

    text = (
        "按检查表逐项检查一个点位，在一个事务中记录。每一项都要回答：用 --pass / --fail / "
        "--na，或在终端上逐项回答。不合格的项目会新开整改；以后检查合格即关闭整改。"
    )
    lines = wrap_cells(text, 76)
    assert all(cells(line) <= 76 for line in lines)
    assert all(cells(line) >= 68 for line in lines[:-1]), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # a short word with Latin letters is never broken: an id stays whole on its line
    assert wrap_cells("状态：todo/待办、doing/进行中 pian1-2027/1.10", 16)[-1] == "pian1-2027/1.10"


def test_a_date_is_never_broken_before_a_closing_mark() -> None:
    # `2027-03-01、` at the end of a line: the 、 may not begin the next line, and the date it
    # takes along is taken whole (it once left `2027-03-0` behind and began a line with `1、`)
    from civicli.cli.localize import wrap_cells

    dates = ("2027-03-01", "2027-3-1", "2027/3/1", "2027.3.1")
    text = "把这一天当作今天（补录和测试用）；日期可写 2027-03-01、2027-3-1、2027/3/1、2027.3.1 或 2027年3月1日。"
    for width in range(30, 81):
        lines = wrap_cells(text, width)
        for date in dates:
            assert any(date in line for line in lines), (width, lines)
        assert not any(line.startswith(("、", "，", "。")) for line in lines), (width, lines)
