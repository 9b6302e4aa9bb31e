"""A fuzzer over the shipped plans (issue 10): a seeded mutator deletes, swaps and duplicates
lines, renames keys, changes scalars, inserts Unicode and control characters, tabs and
full-width punctuation; each case goes through `validate` and `load` (in process, through the
library functions, on a real SQLite file), and a sample through the real console script.

It fails on any exception that is not civicli's own error, and on any case `validate` accepts
and `load` then fails on. The seed is fixed (the same cases every run); CIVICLI_FUZZ_CASES and
CIVICLI_FUZZ_SEED change how many and which.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, PLANS

from civicli.errors import CivicliError
from civicli.plan.planfile import load_plans
from civicli.store.database import open_store
from civicli.store.load import load

CASES = int(os.environ.get("CIVICLI_FUZZ_CASES", "2000"))
SEED = int(os.environ.get("CIVICLI_FUZZ_SEED", "20271001"))
CLI_SAMPLE = 12  # cases also run through the installed console script
CIVICLI = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")
BIG = "9" * 5000

SEEDS = [*sorted(PLANS.glob("*.yaml")), DATA / "forms.yaml", DATA / "inspections" / "demo.yaml"]

KEYS = [
    "id", "title", "titel", "community", "period", "start", "end", "tracked_from", "sections", "tasks",
    "every", "due", "festival", "offset", "lead", "grace", "owner", "goal", "inspection", "goals",
    "targets", "metric", "target", "direction", "inspections", "areas", "items", "weight", "pass_mark",
    "rectify_days", "roles", "calendar", "principles", "tags", "detail", "<<", "中文键", "1", "? x", "",
]  # fmt: skip
VALUES = [
    "", "~", "null", "-1", "0", "1", "1.5", "1e999", "-.inf", ".nan", BIG, f"{BIG}.0", "1e15", "1e16",
    "0x7fffffffffffffff", "0o777", "yes", "no", "on", "true", "2027-02-30", "2027-3-1", "2027/3/1",
    "2027年3月1日", "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "[", "{", "]", "'", '"',
    "&a x", "*a", "*nowhere", "!!python/object:os.system ''", "!!binary aGk=", "!custom x", '"\\ud800"',
    '"\\udfff x"', '"\\e[2J\\a"', '"\\0"', '"\\x9b31m"', "[a, b]", "{a: 1}", "[]", "{}", "week", "month",
    "2 months", "3 weeks", "0 weeks", "1001 weeks", "99999999999999999999 weeks", f"{BIG} months", "中秋",
    "重阳", "mid-autumn", "暑假", "x" * 300, "12-31", "02-29", "13-01", "at_least", "at_most", "- x",
    "|\n  block", ">-", "[1号楼，2号楼]", "1号楼、2号楼", "[/] [link=http://x]x[/link]", "\u3000x",
]  # fmt: skip
# values that fit the key, so that the checks behind the syntax are reached as well
TYPED = {
    ("target", "weight", "pass_mark", "rectify_days", "offset", "lead", "grace"): [
        "1e999", "-1e999", ".inf", ".nan", BIG, f"-{BIG}", f"{BIG}.5", f"0x{'f' * 5000}", "1e15",
        "1000000000000001", "99999999999", "-36501", "36500", "0", "-0.0", "1e-320", "0x10", "0o17", "1_000",
    ],
    ("start", "end", "due", "tracked_from"): [
        "0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "2027-02-29",
        "2028-02-29", "2027-13-01", "2027-00-10", "20270101", "2027-1-1", "2027年13月1日",
    ],
    ("every",): ["week", "quarter", '"2 weeks"', '"0 months"', '"1001 weeks"', f'"{BIG} weeks"', '"２ weeks"', "fortnight"],
}  # fmt: skip
CHARS = [
    "\t", "\x00", "\x1b", "\x07", "\x7f", "\x85", "\u3000", "\ufeff", "\u202e", "\u2028", "：", "，",
    "、", "😀", "\r", "#", ":", "-", "&", "*", "!", "%", "@", "`", "\\", '"', "'", "{", "}", "[", "]",
    "|", ">", "?", ",", "\n", " ", "\ud800",
]  # fmt: skip

Mutation = Callable[[random.Random, list[str]], list[str]]


def _line(rng: random.Random, lines: list[str]) -> int:
    return rng.randrange(len(lines)) if lines else 0


def delete_line(rng: random.Random, lines: list[str]) -> list[str]:
    i = _line(rng, lines)
    return lines[:i] + lines[i + rng.choice((1, 1, 1, 3, 10)) :]


def swap_lines(rng: random.Random, lines: list[str]) -> list[str]:
    i, j = _line(rng, lines), _line(rng, lines)
    out = list(lines)
    if out:
        out[i], out[j] = out[j], out[i]
    return out


def duplicate_line(rng: random.Random, lines: list[str]) -> list[str]:
    i = _line(rng, lines)
    return lines[: i + 1] + lines[i : i + 1] + lines[i + 1 :]


def rename_key(rng: random.Random, lines: list[str]) -> list[str]:
    keyed = [i for i, line in enumerate(lines) if ":" in line]
    if not keyed:
        return lines
    i = rng.choice(keyed)
    line = lines[i]
    start = len(line) - len(line.lstrip(" -{"))
    colon = line.index(":", start) if ":" in line[start:] else len(line)
    return [*lines[:i], line[:start] + rng.choice(KEYS) + line[colon:], *lines[i + 1 :]]


def change_scalar(rng: random.Random, lines: list[str]) -> list[str]:
    keyed = [i for i, line in enumerate(lines) if ": " in line]
    if not keyed:
        return lines
    i = rng.choice(keyed)
    line = lines[i]
    cut = [k for k in range(len(line) - 1) if line[k : k + 2] == ": "]
    at = rng.choice(cut) + 2
    end = min((k for k in (line.find(",", at), line.find("}", at)) if k != -1), default=len(line))
    key = line[: at - 2].split("{")[-1].split(",")[-1].strip(" -")
    pool = next((values for keys, values in TYPED.items() if key in keys), None)
    value = rng.choice(pool) if pool and rng.random() < 0.7 else rng.choice(VALUES)
    return [*lines[:i], line[:at] + value + line[end:], *lines[i + 1 :]]


def change_typed(rng: random.Random, lines: list[str]) -> list[str]:
    """A number, date or schedule replaced by an odd one of its kind."""
    found = [
        (i, line.index(f"{key}: ") + len(key) + 2, values)
        for i, line in enumerate(lines)
        for keys, values in TYPED.items()
        for key in keys
        if f" {key}: " in line or f"{{{key}: " in line or line.lstrip(" -").startswith(f"{key}: ")
    ]
    if not found:
        return lines
    i, at, values = rng.choice(found)
    line = lines[i]
    end = min((k for k in (line.find(",", at), line.find("}", at)) if k != -1), default=len(line))
    return [*lines[:i], line[:at] + rng.choice(values) + line[end:], *lines[i + 1 :]]


def insert_char(rng: random.Random, lines: list[str]) -> list[str]:
    i = _line(rng, lines)
    if not lines:
        return [rng.choice(CHARS)]
    line = lines[i]
    at = rng.randrange(len(line) + 1)
    return [*lines[:i], line[:at] + rng.choice(CHARS) * rng.choice((1, 1, 2)) + line[at:], *lines[i + 1 :]]


def tab_indent(rng: random.Random, lines: list[str]) -> list[str]:
    indented = [i for i, line in enumerate(lines) if line.startswith("  ")]
    if not indented:
        return lines
    i = rng.choice(indented)
    return [*lines[:i], rng.choice(("\t", "\u3000", " \t")) + lines[i][2:], *lines[i + 1 :]]


def full_width(rng: random.Random, lines: list[str]) -> list[str]:
    i = _line(rng, lines)
    if not lines:
        return lines
    table = rng.choice(({":": "："}, {",": "，"}, {",": "、"}, {"-": "－"}, {"[": "【", "]": "】"}))
    line = lines[i]
    for a, b in table.items():
        line = line.replace(a, b, 1)
    return [*lines[:i], line, *lines[i + 1 :]]


MUTATIONS: list[Mutation] = [
    delete_line,
    swap_lines,
    duplicate_line,
    rename_key,
    change_scalar,
    change_scalar,
    change_typed,
    change_typed,
    insert_char,
    tab_indent,
    full_width,
]


def mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        lines = rng.choice(MUTATIONS)(rng, lines)
    return "\n".join(lines)


def cases() -> list[tuple[int, str]]:
    rng = random.Random(SEED)
    seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
    return [(n, mutate(rng, rng.choice(seeds))) for n in range(CASES)]


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a raw surrogate: not UTF-8 on disk


def test_validate_and_load_agree_and_never_fail_unexpectedly(tmp_path: Path) -> None:
    failures: list[str] = []
    accepted = refused = 0
    store = open_store(tmp_path / "fuzz.db")
    plan_file = tmp_path / "plans" / "plan.yaml"
    plan_file.parent.mkdir()
    try:
        for n, text in cases():
            write(plan_file, text)
            try:
                plans = load_plans([plan_file])
            except CivicliError as exc:
                refused += 1
                if not exc.lines() or not all(line.strip() for line in exc.lines()):
                    failures.append(f"case {n}: an error without a message")
                continue
            except Exception as exc:  # not civicli's own error: a crash of validate
                failures.append(f"case {n}: validate raised {type(exc).__name__}: {exc}\n{text[:2000]}")
                continue
            accepted += 1
            try:
                load(store, plans, force=True)
            except Exception as exc:  # validate accepted it: load must too
                failures.append(
                    f"case {n}: validate accepted, load raised {type(exc).__name__}: {exc}\n{text[:2000]}"
                )
            if len(failures) >= 5:
                break
    finally:
        store.close()
    assert not failures, "\n\n".join(failures)
    # the mutations reach both sides: some cases stay valid, most do not
    assert accepted > CASES // 20 and refused > CASES // 4, (accepted, refused)


def _read_commands_survive(db: Path) -> list[str]:
    """Every listing works on whatever the fuzzed loads left in the database."""
    from civicli.store.checklist import ChecklistFilter, checklist
    from civicli.store.plans import plan_detail, plan_rows

    problems = []
    store = open_store(db)
    try:
        today = dt.date(2027, 9, 10)
        for row in plan_rows(store, today):
            try:
                plan_detail(store, row["id"], today)
            except Exception as exc:
                problems.append(f"show {row['id']}: {type(exc).__name__}: {exc}")
        try:
            checklist(store, today, ChecklistFilter(all=True))
        except Exception as exc:
            problems.append(f"tasks --all: {type(exc).__name__}: {exc}")
    finally:
        store.close()
    return problems


def test_accepted_cases_can_be_shown(tmp_path: Path) -> None:
    """The plans that validate accepts load, and every listing works on them afterwards."""
    db = tmp_path / "shown.db"
    store = open_store(db)
    plan_file = tmp_path / "plan.yaml"
    loaded = 0
    try:
        for _n, text in cases()[: max(200, CASES // 10)]:
            write(plan_file, text)
            try:
                plans = load_plans([plan_file])
            except CivicliError:
                continue
            load(store, plans, force=True)
            loaded += 1
    finally:
        store.close()
    assert loaded
    problems = _read_commands_survive(db)
    assert not problems, problems


@pytest.mark.skipif(CIVICLI is None, reason="civicli console script not installed")
def test_a_sample_through_the_console_script(tmp_path: Path) -> None:
    all_cases = cases()
    step = max(1, len(all_cases) // CLI_SAMPLE)
    sample = all_cases[::step][:CLI_SAMPLE]
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "CIVICLI_DB": str(tmp_path / "cli.db")}
    plan_file = tmp_path / "plan.yaml"
    for n, text in sample:
        write(plan_file, text)
        results = []
        for command in ("validate", "load"):
            assert CIVICLI is not None
            r = subprocess.run(
                [CIVICLI, command, str(plan_file)], env=env, capture_output=True, timeout=120, check=False
            )
            err = r.stderr.decode("utf-8")  # UTF-8 always, whatever the file held
            assert r.returncode in (0, 1), (n, command, err)  # never 70, an internal error
            assert "Traceback" not in err, (n, command, err)
            assert b"\x1b" not in r.stderr and b"\x1b" not in r.stdout, (n, command)
            results.append((r.returncode, err))
        (v_code, v_err), (l_code, l_err) = results
        assert v_code == l_code, (n, v_err, l_err)
        if v_code == 1:
            assert v_err == l_err, (n, v_err, l_err)  # the same problems, named the same way
