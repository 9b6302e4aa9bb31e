"""Numbers and dates too large for civicli are refused with one clear line, never an internal
error (issue #21, item 10): a record, inspection or rectification number beyond what SQLite
holds (it raised OverflowError), `export --to 9999-12-31` (OverflowError), `export --from
1850-01-01` (accepted, unlike every other date option), and `--today 1900-01-01 summary`
(it numbered a bulletin for week 1899-W52).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PLANS, Invoke

HUGE = "99999999999999999999"  # > 2**63 - 1, the largest SQLite INTEGER


@pytest.fixture
def loaded(cli: Invoke) -> Invoke:
    assert cli("load", str(PLANS), today="2027-03-20").exit_code == 0
    return cli


@pytest.mark.parametrize(
    "args",
    [
        ["undo", HUGE],
        ["undo", "--inspection", HUGE],
        ["undo", "0"],
        ["rectify", HUGE, "--measure", "清理"],
        ["recheck", HUGE, "--pass"],
        ["recheck", "整改#" + HUGE, "--pass"],
        ["export", "tasks", "--to", "9999-12-31", "--output", "-"],
        ["export", "tasks", "--from", "1850-01-01", "--output", "-"],
    ],
)
def test_out_of_range_is_wrong_usage_with_a_chinese_line(loaded: Invoke, args: list[str]) -> None:
    r = loaded(*args, today="2027-03-20")
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    typed = [v for v in (HUGE, "1850-01-01", "9999-12-31") if any(v in a for a in args)] or ["0"]
    assert typed[0] in r.stderr  # the line names what was typed


def test_a_week_before_1900_takes_no_number(loaded: Invoke, db_path: Path) -> None:
    import sqlite3

    r = loaded("summary", today="1900-01-01")
    assert r.exit_code == 1 and "1899-W52" in r.stderr and "--today" in r.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM bulletins").fetchone()[0] == 0
