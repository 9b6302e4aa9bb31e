"""Ratios at district scale: civicli against Taskwarrior and against a floor, in one run.

    .venv/bin/python bench/compare.py                     # 100 plans × 100 tasks (10,000 tasks)
    .venv/bin/python bench/compare.py --scale 1000        # also 1,000 plans × 100 tasks (100,000 tasks)
    .venv/bin/python bench/compare.py --plans 20 --runs 3 # a quick look

Every figure is the median of RUNS runs of a whole process (what the clerk and cron see), timed
with hyperfine where it is installed, else with a loop here. The two sides of a ratio are timed
in ROUNDS alternating rounds (civicli, the other, civicli, …) and the ratio is the median of
the rounds' ratios: this machine's wall clock drifts by a tenth or more from minute to minute,
and a slow minute should weigh on both sides, not on one. What it prints:

| ratio | against |
|---|---|
| `civicli tasks --plan X` | `task project:X list` (Taskwarrior 2.6, the same tasks imported) |
| `civicli tasks --json` (all) | `task export` |
| first `civicli load` | the floor: a process that parses the same files with libyaml and inserts the same task and occurrence rows (their key columns: primary keys and an index on each table's plan) in one WAL transaction |
| first `civicli load` | the floor as issue 15 words it: the same, with every column of the rows as civicli stores them, and the indexes civicli's queries use (built after the rows) |
| `civicli load` again, files unchanged | `civicli --version` (start-up alone) |

with the peak memory (max RSS) of the first load; with `--scale N`, the same table at N plans
(without history: a year of it for 100,000 tasks takes long to fill) and how `tasks --plan X`,
`tasks --json`, `plans` and `summary` grow from 100 plans to N plans, both without history. The
package is compiled first (with PYTHONDONTWRITEBYTECODE set, an edited module would otherwise be
compiled again by every process timed). Taskwarrior and hyperfine come from
the system packages: where missing, this tries `apt-get install` (as root) and otherwise skips
those rows with a message.
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import TODAY, fill_history, write_plans

CIVICLI = Path(sys.executable).with_name("civicli")

FLOOR_NAME = "floor (libyaml + the same rows, one WAL transaction)"

FLOOR = r"""
import marshal, sqlite3, sys
from pathlib import Path
import yaml
plans_dir, rows_file, db = sys.argv[1:4]
for f in sorted(Path(plans_dir).rglob("*.yaml")):
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
tasks, occurrences = marshal.loads(Path(rows_file).read_bytes())
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("BEGIN IMMEDIATE")
conn.execute("CREATE TABLE tasks (key TEXT PRIMARY KEY, plan_id TEXT NOT NULL, task_id TEXT NOT NULL, "
             "section_id TEXT NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL, owner TEXT, "
             "due TEXT, every TEXT, festival TEXT)")
conn.execute("CREATE TABLE occurrences (task_key TEXT NOT NULL, key TEXT NOT NULL, plan_id TEXT NOT NULL, "
             "opens TEXT NOT NULL, due TEXT NOT NULL, until TEXT NOT NULL, PRIMARY KEY (task_key, key))")
conn.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tasks)
conn.executemany("INSERT INTO occurrences VALUES (?, ?, ?, ?, ?, ?)", occurrences)
conn.execute("CREATE INDEX tasks_plan ON tasks(plan_id)")
conn.execute("CREATE INDEX occurrences_plan ON occurrences(plan_id, due)")
conn.execute("COMMIT")
"""

FLOOR_FULL_NAME = "floor as issue 15 words it (the rows as stored, all columns, the indexes the queries use)"

# The floor as issue 15 words it: "parses with libyaml and inserts the same task and occurrence
# rows (primary key + the indexes the queries use) in one WAL transaction": the tables as civicli
# defines them (without their foreign keys), every column of every row as civicli stored it, and
# every index civicli has on them, built after the rows (the cheapest order). No trigger, no other
# table. FLOOR above is leaner: six of the twenty occurrence columns and one index.
FLOOR_FULL = r"""
import marshal, sqlite3, sys
from pathlib import Path
import yaml
plans_dir, rows_file, db = sys.argv[1:4]
for f in sorted(Path(plans_dir).rglob("*.yaml")):
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
tables, indexes, tasks, occurrences = marshal.loads(Path(rows_file).read_bytes())
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("BEGIN IMMEDIATE")
for sql in tables:
    conn.execute(sql)
conn.executemany(f"INSERT INTO tasks VALUES ({', '.join('?' * len(tasks[0]))})", tasks)
conn.executemany(f"INSERT INTO occurrences VALUES ({', '.join('?' * len(occurrences[0]))})", occurrences)
for sql in indexes:
    conn.execute(sql)
conn.execute("COMMIT")
"""


# ---------------------------------------------------------------- tools


def ensure_tools() -> dict[str, str | None]:
    """Taskwarrior and hyperfine: found, installed from the system packages, or None."""
    wanted = {"task": "taskwarrior", "hyperfine": "hyperfine"}
    missing = [pkg for exe, pkg in wanted.items() if shutil.which(exe) is None]
    if missing and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {' '.join(missing)} from the system packages …", file=sys.stderr)
        quiet = subprocess.DEVNULL
        subprocess.run(["apt-get", "update", "-qq"], check=False, stdout=quiet, stderr=quiet)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=False,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=quiet,
            stderr=quiet,
        )
    found = {exe: shutil.which(exe) for exe in wanted}
    for exe, path in found.items():
        if path is None:
            print(f"{exe} is not installed and could not be: its rows are skipped", file=sys.stderr)
    return found


def median_seconds(cmd: list[str], env: dict[str, str], runs: int, hyperfine: str | None) -> float:
    """The median wall time of a whole process, in seconds."""
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            shown = " ".join(_quote(c) for c in cmd)
            p = subprocess.run(
                [hyperfine, "-N", "--runs", str(runs), "--warmup", "1", "--export-json", out.name, shown],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            if p.returncode == 0:
                return float(json.loads(Path(out.name).read_text())["results"][0]["median"])
            print(f"hyperfine failed ({p.stderr.strip()[:200]}); timing with a loop", file=sys.stderr)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _quote(arg: str) -> str:
    return f"'{arg}'" if any(c in arg for c in " '\"") else arg


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of cmd, measured from a fresh parent."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.exit(r.returncode)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], env=env, capture_output=True, text=True, check=True
    )
    seconds, kb = out.stdout.split()
    return float(seconds), int(kb) / 1024


# ---------------------------------------------------------------- data


def civicli_env(db: Path) -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "NO_COLOR": "1", "LANG": "C.UTF-8"}


def floor_rows(db: Path, out: Path) -> None:
    """The task and occurrence rows civicli stored, for the floor to insert."""
    conn = sqlite3.connect(db)
    tasks = conn.execute(
        "SELECT key, plan_id, task_id, section_id, position, title, owner, due, every, festival FROM tasks"
    ).fetchall()
    occurrences = conn.execute("SELECT task_key, key, plan_id, opens, due, until FROM occurrences").fetchall()
    conn.close()
    out.write_bytes(marshal.dumps((tasks, occurrences)))


def floor_full_rows(db: Path, out: Path) -> None:
    """civicli's tables of tasks and occurrences (their foreign keys left out), their indexes and
    every row as stored, for the floor as issue 15 words it."""
    import re

    conn = sqlite3.connect(db)
    tables = [
        re.sub(r"\s+REFERENCES \w+\(\w+\)", "", sql)
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('tasks', 'occurrences') "
            "ORDER BY name DESC"
        )
    ]
    indexes = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('tasks', 'occurrences')"
        )
    ]
    tasks = conn.execute("SELECT * FROM tasks").fetchall()
    occurrences = conn.execute("SELECT * FROM occurrences").fetchall()
    conn.close()
    out.write_bytes(marshal.dumps((tables, indexes, tasks, occurrences)))


def taskwarrior_data(db: Path, folder: Path) -> Path:
    """Taskwarrior's data folder holding one task per plan task (project = the plan id); returns its rc file."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT t.key, t.plan_id, t.title, t.owner, MIN(o.due) FROM tasks t "
        "JOIN occurrences o ON o.task_key = t.key GROUP BY t.key"
    ).fetchall()
    conn.close()
    data = folder / "taskdata"
    data.mkdir(parents=True, exist_ok=True)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n")
    tasks = [
        {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
            "description": title,
            "project": plan_id,
            "status": "pending",
            "entry": "20270101T000000Z",
            "due": due.replace("-", "") + "T000000Z",
            "tags": [owner] if owner else [],
        }
        for key, plan_id, title, owner, due in rows
    ]
    dump = folder / "import.json"
    dump.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        ["task", f"rc:{rc}", "import", str(dump)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return rc


# ---------------------------------------------------------------- the run


def district(folder: Path, plans: int, tasks: int, history: bool) -> tuple[Path, Path, float, float]:
    """Plans written and loaded into a fresh database: (plans folder, db, load seconds, load peak MB)."""
    plans_dir = folder / "plans"
    write_plans(plans_dir, plans, tasks)
    db = folder / "civicli.db"
    seconds, mb = peak_rss_mb([str(CIVICLI), "load", str(plans_dir)], civicli_env(db))
    if history:
        fill_history(db)
    return plans_dir, db, seconds, mb


Row = tuple[str, float, float | None, float | None, str]
"""(what, civicli s, the other side's s or None, the ratio or None, what the other side is)"""


def paired(a: Callable[[], float], b: Callable[[], float], rounds: int) -> tuple[float, float, float]:
    """A and B timed in alternating rounds (A, B, A, B, …): (the median of A's times, of B's, and
    of the rounds' ratios A/B). A slow minute of the machine then weighs on both sides of a
    ratio, not on one (its wall clock moves by a tenth or more from minute to minute)."""
    pairs = [(a(), b()) for _ in range(rounds)]
    return (
        statistics.median(x for x, _ in pairs),
        statistics.median(y for _, y in pairs),
        statistics.median(x / y for x, y in pairs),
    )


def ratios(
    work: Path,
    plans: int,
    tasks: int,
    runs: int,
    tools: dict[str, str | None],
    history: bool,
    load_runs: int,
    rounds: int,
) -> tuple[list[Row], float]:
    """The ratio rows at one size, and the first load's peak memory in MB. Each ratio is timed in
    `rounds` alternating rounds of `runs` runs a side (the first load: `load_runs` rounds of one
    fresh load a side)."""
    base = work / f"p{plans}"
    plans_dir, db, _, load_mb = district(base, plans, tasks, history=False)
    env = civicli_env(db)
    hf = tools["hyperfine"]
    rows: list[Row] = []

    # first load against the floor (each run on a fresh database)
    fresh = base / "fresh.db"
    rows_file = base / "rows.marshal"
    floor_rows(db, rows_file)
    floor_db = base / "floor.db"
    floor_script = base / "floor.py"
    floor_script.write_text(FLOOR)
    full_rows_file = base / "rows_full.marshal"
    floor_full_rows(db, full_rows_file)
    floor_full_script = base / "floor_full.py"
    floor_full_script.write_text(FLOOR_FULL)

    def fresh_run(cmd: list[str], target: Path, run_env: dict[str, str] | None) -> Callable[[], float]:
        def run() -> float:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run(cmd, env=run_env, check=True, stdout=subprocess.DEVNULL)
            return time.perf_counter() - start

        return run

    def timed(cmd: list[str], run_env: dict[str, str]) -> Callable[[], float]:
        return lambda: median_seconds(cmd, run_env, runs, hf)

    first = fresh_run([str(CIVICLI), "load", str(plans_dir)], fresh, civicli_env(fresh))
    floor = fresh_run(
        [sys.executable, str(floor_script), str(plans_dir), str(rows_file), str(floor_db)], floor_db, None
    )
    rows.append(("first load", *paired(first, floor, load_runs), FLOOR_NAME))
    floor_full = fresh_run(
        [sys.executable, str(floor_full_script), str(plans_dir), str(full_rows_file), str(floor_db)],
        floor_db,
        None,
    )
    rows.append(("first load", *paired(first, floor_full, load_runs), FLOOR_FULL_NAME))
    reload = timed([str(CIVICLI), "load", str(plans_dir)], env)
    version = timed([str(CIVICLI), "--version"], env)
    rows.append(("load again, unchanged", *paired(reload, version, rounds), "civicli --version"))

    if history:
        fill_history(db)
    plan_x = f"d{plans // 2:03d}-2027"
    by_plan = timed([str(CIVICLI), "tasks", "--plan", plan_x], env)
    as_json = timed([str(CIVICLI), "tasks", "--json"], env)
    if tools["task"]:
        rc = taskwarrior_data(db, base / "tw")
        tw_env = {**os.environ, "TASKRC": str(rc)}
        tw_list = timed(["task", f"project:{plan_x}", "list"], tw_env)
        tw_export = timed(["task", "export"], tw_env)
        rows.append(
            (f"tasks --plan {plan_x}", *paired(by_plan, tw_list, rounds), f"task project:{plan_x} list")
        )
        rows.append(("tasks --json (all)", *paired(as_json, tw_export, rounds), "task export"))
    else:
        rows.append((f"tasks --plan {plan_x}", by_plan(), None, None, f"task project:{plan_x} list"))
        rows.append(("tasks --json (all)", as_json(), None, None, "task export"))
    rows.append(("plans", median_seconds([str(CIVICLI), "plans"], env, runs, hf), None, None, ""))
    rows.append(("summary", median_seconds([str(CIVICLI), "summary"], env, runs, hf), None, None, ""))
    return rows, load_mb


def print_ratios(title: str, rows: list[Row], load_mb: float) -> None:
    print(f"\n## {title}\n")
    print("| command | civicli s | against s | ratio | against |")
    print("|---|---|---|---|---|")
    for what, mine, other, ratio, against in rows:
        if other is None or ratio is None:
            print(f"| {what} | {mine:.3f} | | | {against} |")
        else:
            print(f"| {what} | {mine:.3f} | {other:.3f} | {ratio:.2f} | {against} |")
    print(f"\nfirst load peak memory: {load_mb:.0f} MB")


def compile_package() -> None:
    """Compile civicli's modules now: with PYTHONDONTWRITEBYTECODE set (or a read-only
    install), an edited module would otherwise be compiled again by every process timed."""
    import compileall

    import civicli

    compileall.compile_dir(str(Path(civicli.__file__).parent), quiet=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--tasks", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5, help="runs per command and round (medians reported)")
    ap.add_argument(
        "--rounds", type=int, default=3, help="alternating rounds of each ratio's two sides (median ratio)"
    )
    ap.add_argument("--scale", type=int, default=0, help="also this many plans: the same ratios, and growth")
    ap.add_argument("--scale-runs", type=int, default=3, help="runs per command at --scale")
    ap.add_argument(
        "--load-runs", type=int, default=3, help="first loads (and floors) timed, each on a fresh database"
    )
    ap.add_argument("--keep", type=Path, help="keep the data in this folder")
    args = ap.parse_args(argv)
    if not CIVICLI.exists():
        raise SystemExit(f"{CIVICLI} not found: install civicli into this environment first")
    compile_package()
    tools = ensure_tools()
    work = args.keep or Path(tempfile.mkdtemp(prefix="civicli-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows, load_mb = ratios(
            work,
            args.plans,
            args.tasks,
            args.runs,
            tools,
            history=True,
            load_runs=args.load_runs,
            rounds=args.rounds,
        )
        print_ratios(
            f"{args.plans} plans × {args.tasks} tasks, a year of history, medians of {args.rounds} "
            f"rounds of {args.runs} runs a side ({args.load_runs} of one fresh first load)",
            rows,
            load_mb,
        )
        if args.scale:
            # at scale without history (filling a year of it for 100,000 tasks takes long); the
            # growth compared against the small size without history too
            big_rows, big_mb = ratios(
                work / "scale", args.scale, args.tasks, args.scale_runs, tools, False, 1, 1
            )
            print_ratios(
                f"{args.scale} plans × {args.tasks} tasks, no history, medians of {args.scale_runs} runs "
                "(one round, one first load)",
                big_rows,
                big_mb,
            )
            small_rows, _ = ratios(
                work / "small", args.plans, args.tasks, args.scale_runs, tools, False, 1, 1
            )
            small = {what.split(" d")[0]: mine for what, mine, *_ in small_rows}
            print(f"\n## growth: {args.plans} → {args.scale} plans (no history on either side)\n")
            print(f"| command | {args.plans} plans s | {args.scale} plans s | growth | linear would be |")
            print("|---|---|---|---|---|")
            for what, mine, *_ in big_rows:
                key = what.split(" d")[0]
                if key in small and not what.startswith(("first load", "load again")):
                    print(
                        f"| {what} | {small[key]:.3f} | {mine:.3f} | {mine / small[key]:.2f} "
                        f"| {args.scale / args.plans:.0f} |"
                    )
        if not tools["task"]:
            print("Taskwarrior rows without a ratio: `task` is not installed")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
