"""Hostile and odd input (issue 10): numbers out of range, dates out of range, text that isn't
text. Each is refused with a clear message naming where (file and line, or the option), exit 1
or 2, no traceback, nothing written; nothing accepted can break a later command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, Invoke, dump

CIVICLI = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")
BIG = "9" * 5000  # more digits than Python converts to an int (4,300)


def run(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The console script (an unexpected exception becomes an internal error there: exit 70)."""
    assert CIVICLI is not None
    return subprocess.run(
        [CIVICLI, *args],
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "CIVICLI_DB": str(db), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_clean_error(r: subprocess.CompletedProcess[str], *needles: str, code: int = 1) -> None:
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)  # an internal error is 70
    assert "Traceback" not in r.stderr
    for needle in needles:
        assert needle in r.stderr, (needle, r.stderr)


def plan_with(forms: Path, old: str, new: str) -> Path:
    text = forms.read_text(encoding="utf-8")
    assert old in text, old
    forms.write_text(text.replace(old, new, 1), encoding="utf-8")
    return forms


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


# ---------------------------------------------------------------- numbers in plan files

PLAN_NUMBERS = [
    # (what the plan says, the key path named in the error)
    ("target: 100,", "target: 1e999,", "goals[0].targets[0].target"),
    ("target: 100,", "target: 1e16,", "goals[0].targets[0].target"),
    ("target: 100,", "target: -.inf,", "goals[0].targets[0].target"),
    ("target: 100,", f"target: {BIG},", "goals[0].targets[0].target"),
    ("target: 100,", f"target: {BIG}.5,", "goals[0].targets[0].target"),
    ("lead: 10,", "lead: 99999999999,", "sections[0].tasks[6].lead"),
    ("grace: 5}", f"grace: {BIG}}}", "sections[0].tasks[6].grace"),
    ("offset: -2}", "offset: -36501}", "sections[0].tasks[8].offset"),
    ('every: "2 weeks"}', f'every: "{BIG} weeks"}}', "sections[0].tasks[5].every"),
    ('every: "2 weeks"}', 'every: "99999999999999999999 weeks"}', "sections[0].tasks[5].every"),
    ('every: "2 weeks"}', 'every: "1001 weeks"}', "sections[0].tasks[5].every"),
]


@pytest.mark.parametrize(("old", "new", "path"), PLAN_NUMBERS, ids=[n[:30] for _, n, _ in PLAN_NUMBERS])
def test_plan_number_out_of_range_names_file_line_and_key(
    forms: Path, db_path: Path, old: str, new: str, path: str
) -> None:
    plan_with(forms, old, new)
    line = line_of(forms, new)
    for command in ("validate", "load"):
        r = run(db_path, command, str(forms))
        assert_clean_error(r, f"forms.yaml:{line}: {path}:")
    assert not db_path.exists() or "forms-2027" not in "".join(dump(db_path))  # nothing loaded


TEMPLATE = """
inspections:
  - id: t
    title: 检查
    areas: [1号楼]
    pass_mark: {pass_mark}
    rectify_days: {rectify_days}
    items:
      - {{id: a, text: 甲, weight: {weight}}}
"""


@pytest.mark.parametrize(
    ("pass_mark", "rectify_days", "weight", "bad"),
    [
        ("80", "99999999999", "1", "rectify_days"),
        ("80", "-36501", "1", "rectify_days"),
        ("80", "7", "1e999", "items[0].weight"),
        ("80", "7", BIG, "items[0].weight"),
        (".nan", "7", "1", "pass_mark"),
    ],
)
def test_template_numbers_out_of_range(
    forms: Path, db_path: Path, pass_mark: str, rectify_days: str, weight: str, bad: str
) -> None:
    with forms.open("a", encoding="utf-8") as fh:
        fh.write(TEMPLATE.format(pass_mark=pass_mark, rectify_days=rectify_days, weight=weight))
    r = run(db_path, "load", str(forms))
    assert_clean_error(r, f"inspections[0].{bad}:")


def test_numbers_at_the_limit_are_accepted_and_every_command_still_works(
    forms: Path, db_path: Path, cli: Invoke
) -> None:
    # 10^15 exactly is inside the range; a day count of 36,500 too
    plan_with(forms, "target: 100,", "target: 1000000000000000,")
    with forms.open("a", encoding="utf-8") as fh:
        fh.write(TEMPLATE.format(pass_mark="80", rectify_days="36500", weight="1000000000000000"))
    r = run(db_path, "load", str(forms))
    assert r.returncode == 0, r.stderr
    # a metric of 10^15 twice sums to 2*10^15: shown, never an overflow
    for i in range(2):
        r = run(
            db_path,
            "progress",
            "forms-2027/1.1",
            "--metric",
            "participants=1e15",
            "--note",
            f"第{i + 1}次",
            CIVICLI_TODAY="2027-02-01",
        )
        assert r.returncode == 0, r.stderr
    r = run(db_path, "inspect", "forms-2027/t", "--area", "1号楼", "--fail", "a", CIVICLI_TODAY="2027-02-01")
    assert r.returncode == 0, r.stderr
    for args in (("show", "forms-2027"), ("tasks",), ("rectifications",), ("inspections",), ("summary",)):
        r = run(db_path, *args, CIVICLI_TODAY="2027-02-10")
        assert r.returncode == 0, (args, r.stderr)


# ---------------------------------------------------------------- numbers on the command line


@pytest.mark.parametrize("value", ["1e308", "inf", "-inf", "nan", "1e16", "-1e16", BIG])
def test_metric_out_of_range_is_refused_and_nothing_recorded(forms: Path, db_path: Path, value: str) -> None:
    assert run(db_path, "load", str(forms)).returncode == 0
    before = dump(db_path)
    r = run(
        db_path, "progress", "forms-2027/1.1", "--metric", f"participants={value}", CIVICLI_TODAY="2027-02-01"
    )
    assert_clean_error(r, "--metric participants")
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ("progress", "forms-2027/1.1", "--percent", BIG),
        ("tasks", "--due-within", BIG),
        ("coverage", "x", "--periods", BIG),
    ],
    ids=["percent", "due-within", "periods"],
)
def test_huge_integer_options_are_usage_errors(forms: Path, db_path: Path, args: tuple[str, ...]) -> None:
    assert run(db_path, "load", str(forms)).returncode == 0
    r = run(db_path, *args, CIVICLI_TODAY="2027-02-01")
    assert_clean_error(r, code=2)


def test_periods_beyond_the_date_range_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "load", str(DATA / "inspections" / "demo.yaml")).returncode == 0
    r = run(db, "coverage", "stairwell", "--periods", "10000000000000000", CIVICLI_TODAY="2027-09-10")
    assert_clean_error(r, "--periods")


# ---------------------------------------------------------------- dates out of range


@pytest.mark.parametrize(
    ("args", "env", "needle"),
    [
        (("--today", "0001-01-01", "summary"), {}, "0001-01-01"),
        (("--today", "9999-12-31", "tasks", "--due-within", "1"), {}, "9999-12-31"),
        (("summary",), {"CIVICLI_TODAY": "1899-12-31"}, "1899-12-31"),
        (("tasks", "--due-within", "3000000"), {"CIVICLI_TODAY": "2027-09-10"}, "--due-within"),
        (("tasks", "--due-within", "30000"), {"CIVICLI_TODAY": "2027-09-10"}, "--due-within"),
        (("summary", "--week", "0001-01-01"), {"CIVICLI_TODAY": "2027-09-10"}, "--week"),
        (("summary", "--week", "2101-W01"), {"CIVICLI_TODAY": "2027-09-10"}, "--week"),
    ],
)
def test_dates_out_of_range_are_clear_errors(
    forms: Path, db_path: Path, args: tuple[str, ...], env: dict[str, str], needle: str
) -> None:
    assert run(db_path, "load", str(forms)).returncode == 0
    r = run(db_path, *args, **env)
    assert r.returncode in (1, 2), r.stderr
    assert_clean_error(r, needle, code=r.returncode)
    assert "1900" in r.stderr or "2100" in r.stderr  # says what the range is


def test_plan_dates_outside_1900_2100_are_refused(forms: Path, db_path: Path) -> None:
    plan_with(
        forms, "period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 0001-01-01, end: 9999-12-31}"
    )
    r = run(db_path, "validate", str(forms))
    assert_clean_error(r, "forms.yaml:5: period.start:", "forms.yaml:5: period.end:")


# ---------------------------------------------------------------- text that isn't text


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("title: 全部安排形式", 'title: "\\ud800"', "title"),
        ("title: 建立领导小组,", 'title: "领导\\udfff小组",', "sections[0].tasks[0].title"),
        ("secretary: 社区党支部书记", '"\\udc80": 社区党支部书记', "roles"),
        ("暑假: {start", '"\\ud800暑": {start', "calendar"),
    ],
)
def test_lone_surrogate_is_refused_by_validate_and_load_alike(
    forms: Path, db_path: Path, old: str, new: str, path: str
) -> None:
    plan_with(forms, old, new)
    line = line_of(forms, new)
    for command in ("validate", "load"):
        r = run(db_path, command, str(forms))
        assert_clean_error(r, f"forms.yaml:{line}: {path}")
    assert not db_path.exists() or "forms-2027" not in "".join(dump(db_path))


def test_undecodable_bytes_on_the_command_line_are_refused(forms: Path, db_path: Path) -> None:
    assert run(db_path, "load", str(forms)).returncode == 0
    before = dump(db_path)
    assert CIVICLI is not None
    r = subprocess.run(
        [CIVICLI, "progress", "forms-2027/1.1", "--note", b"\xff\xfe bad".decode("utf-8", "surrogateescape")],
        env={
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "CIVICLI_DB": str(db_path),
            "CIVICLI_TODAY": "2027-02-01",
        },
        capture_output=True,
        timeout=60,
        check=False,
    )
    # text XML cannot hold (cli.md): refused where it is read, exit 1, naming the option
    assert r.returncode == 1, r.stderr
    assert b"--note" in r.stderr and b"Traceback" not in r.stderr
    assert dump(db_path) == before


# ---------------------------------------------------------------- failures that are not bugs


def test_damaged_database_is_a_clear_error(forms: Path, db_path: Path) -> None:
    import sqlite3

    assert run(db_path, "load", str(forms)).returncode == 0
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        try:
            pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'occurrences'")]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
    finally:
        conn.close()
    assert pages
    with db_path.open("r+b") as fh:  # every page of one table overwritten: the schema stays readable
        for page in pages:
            fh.seek(page_size * (page - 1))
            fh.write(b"\x0d\x00\x00\xff" + b"\xff" * (page_size - 4))
    r = run(db_path, "tasks", CIVICLI_TODAY="2027-09-10")
    assert_clean_error(r, "格式错误")  # SQLite's "malformed", in Chinese
    r = run(db_path, "tasks", CIVICLI_TODAY="2027-09-10", CIVICLI_DEBUG="1")
    assert r.returncode == 1 and "Traceback" in r.stderr  # the traceback on request


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [("tasks",), ("tasks", "--json"), ("summary",), ("show", "forms-2027")])
def test_output_to_a_full_device_is_a_clear_error(forms: Path, db_path: Path, args: tuple[str, ...]) -> None:
    assert run(db_path, "load", str(forms)).returncode == 0
    assert CIVICLI is not None
    env = {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "CIVICLI_DB": str(db_path),
        "CIVICLI_TODAY": "2027-09-10",
    }
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [CIVICLI, *args], env=env, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False
        )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr
    assert "磁盘空间已满" in r.stderr  # ENOSPC, in Chinese
    assert len(r.stderr.strip().splitlines()) == 1
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [CIVICLI, *args],
            env={**env, "CIVICLI_DEBUG": "1"},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert r.returncode != 0 and "Traceback" in r.stderr
