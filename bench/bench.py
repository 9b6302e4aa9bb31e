"""Benchmark: a district's worth of plans, a year of history, and how long the commands take.

    .venv/bin/python bench/bench.py [--plans 100] [--tasks 100] [--runs 5] [--keep DIR]

1. Generates PLANS plan files of TASKS tasks each (a realistic mix of weekly, monthly,
   quarterly, yearly, "2 weeks", festival, due-date and ongoing tasks, two inspection templates
   per plan, goals with targets) into a temporary folder.
2. Loads them into a temporary database (timed: the first load, then an idempotent re-load).
3. Fills a year of history in bulk through SQL: progress records on most occurrences due by
   "today" (with metrics), weekly inspections of every area of the first template and monthly of
   the second, and the rectifications rebuilt through the library (civicli.store.inspections).
4. Times the read commands — `tasks --plan X`, `tasks --json`, `summary`, `plans` — in process
   (the Typer app through CliRunner: no interpreter start-up) and as subprocesses of the installed
   `civicli` (what cron and the clerk see), the median of RUNS runs each, and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TODAY = "2027-12-20"  # a Monday: the default summary week is 2027-W50
YEAR = 2027
CIVICLI = Path(sys.executable).with_name("civicli")

FESTIVALS = [
    ("春节", -3),
    ("元宵", 0),
    ("清明", -1),
    ("劳动节", 0),
    ("端午", 0),
    ("儿童节", 0),
    ("建党节", -3),
    ("中秋", 0),
    ("国庆", -2),
    ("重阳", -2),
    ("消防日", 0),
    ("宪法日", 0),
    ("学雷锋纪念日", 0),
    ("暑假", 0),
    ("教师节", 0),
]
ROLES = {
    "secretary": "社区党支部书记",
    "director": "社区主任",
    "staff": "专干",
    "building-heads": "楼长",
    "security": "治保主任",
    "culture": "文体专干",
    "health": "卫生专干",
}
VERBS = ["开展", "组织", "落实", "推进", "加强", "完善", "检查", "宣传", "建立", "举办"]
OBJECTS = [
    "文明楼院创建活动",
    "楼道卫生整治",
    "法律道德宣传",
    "志愿服务活动",
    "敬老助残走访",
    "科普知识讲座",
    "消防安全检查",
    "环境绿化美化",
    "群众文体活动",
    "未成年人思想道德教育",
    "综合治理巡查",
    "邻里互助活动",
]


# ---------------------------------------------------------------- plan files


def task_mix(n: int) -> list[dict[str, object]]:
    """n schedules: ~20% weekly, 20% monthly, 10% quarterly, 5% "2 weeks", 2% yearly,
    15% festival, 13% due date, 15% ongoing."""
    kinds = (
        ["week"] * 20
        + ["month"] * 20
        + ["quarter"] * 10
        + ["2 weeks"] * 5
        + ["year"] * 2
        + ["festival"] * 15
        + ["due"] * 13
        + ["ongoing"] * 15
    )
    out: list[dict[str, object]] = []
    for i in range(n):
        kind = kinds[i * len(kinds) // n]
        if kind in ("week", "month", "quarter", "2 weeks", "year"):
            out.append({"every": kind})
        elif kind == "festival":
            name, offset = FESTIVALS[i % len(FESTIVALS)]
            out.append({"festival": name, **({"offset": offset} if offset else {})})
        elif kind == "due":
            out.append({"due": dt.date(YEAR, 1 + i % 12, 10 + i % 18).isoformat()})
        else:
            out.append({})
    return out


def plan_yaml(p: int, n_tasks: int, rng: random.Random) -> str:
    pid = f"d{p:03d}-{YEAR}"
    areas = [f"{k}号楼" for k in range(1, 6 + p % 3)]
    lines = [
        f'id: "{pid}"',
        f"title: 第{p}社区精神文明创建工作计划",
        f"community: 第{p}社区",
        f"period: {{start: {YEAR}-01-01, end: {YEAR}-12-31}}",
        "goals:",
        "  - id: civility",
        "    text: 提升居民参与度",
        "    targets:",
        "      - {id: participants, text: 全年参与创建活动不少于3000人次, metric: participants, target: 3000, "
        "direction: at_least}",
        "      - {id: fires, text: 不发生重大火灾事故, metric: major_fires, target: 0, direction: at_most}",
        "roles:",
        *[f"  {k}: {v}" for k, v in ROLES.items()],
        "calendar:",
        "  暑假: {start: 07-01, end: 08-31}",
        "sections:",
    ]
    mix = task_mix(n_tasks)
    per_section = (n_tasks + 4) // 5
    linked = {0: "stair", 1: "safety"}  # the first two weekly tasks are inspection rounds
    for s in range(5):
        chunk = range(s * per_section, min(n_tasks, (s + 1) * per_section))
        if not chunk:
            break
        lines += [f'  - id: "{s + 1}"', f"    title: 第{s + 1}部分 {rng.choice(OBJECTS)}", "    tasks:"]
        for i in chunk:
            sched = mix[i]
            fields = [
                f'id: "{s + 1}.{i}"',
                f"title: {rng.choice(VERBS)}{rng.choice(OBJECTS)}{i}",
                f"owner: {rng.choice(list(ROLES))}",
            ]
            if i in linked and sched.get("every") == "week":
                fields.append(f"inspection: {linked[i]}")
            if rng.random() < 0.2:
                fields.append("goal: civility")
            fields += [f"{k}: {v}" for k, v in sched.items()]
            lines.append("      - {" + ", ".join(fields) + "}")
    lines += ["inspections:"]
    for tid, title in (("stair", "楼道、地下室、宅楼前后卫生检查"), ("safety", "消防安全检查")):
        lines += [f"  - id: {tid}", f"    title: {title}", f"    areas: [{', '.join(areas)}]", "    items:"]
        lines += [f"      - {{id: i{k}, text: 检查项目{k}, weight: {1 + k % 3}}}" for k in range(6)]
    return "\n".join(lines) + "\n"


def write_plans(folder: Path, plans: int, tasks: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for p in range(plans):
        (folder / f"plan-{p:03d}.yaml").write_text(plan_yaml(p, tasks, rng), encoding="utf-8")


# ---------------------------------------------------------------- history, in bulk


def fill_history(db: Path, seed: int = 11) -> dict[str, int]:
    """A year of progress records and inspections up to TODAY, inserted in bulk."""
    from civicli.store.connection import now_stamp
    from civicli.store.database import open_store
    from civicli.store.inspections import Answer, rebuild_rectifications, resolve_template, score

    rng = random.Random(seed)
    store = open_store(db)
    store.conn.execute("PRAGMA temp_store = MEMORY")  # statement journals of the triggers, as load does
    stamp = now_stamp()
    occ = store.query(
        "SELECT o.task_key, o.key, o.opens, o.due, t.inspection_id, t.goal_id FROM occurrences o "
        "JOIN tasks t ON t.key = o.task_key WHERE o.opens <= ? ORDER BY o.due",
        [TODAY],
    )
    records: list[tuple[object, ...]] = []
    metrics: list[tuple[str, float]] = []  # (record index, value) resolved after insert
    for o in occ:
        if o["inspection_id"]:
            continue  # done by inspections
        if rng.random() > 0.85:
            continue
        opens, due = (
            dt.date.fromisoformat(o["opens"]),
            min(dt.date.fromisoformat(o["due"]), dt.date.fromisoformat(TODAY)),
        )
        span = max(0, (due - opens).days)
        day = (opens + dt.timedelta(days=rng.randint(0, span))).isoformat()
        if rng.random() < 0.25:  # some progress first
            records.append(
                (o["task_key"], o["key"], stamp, day, "doing", rng.choice((20, 40, 60)), "进行中", "专干")
            )
        if rng.random() < 0.8:
            records.append((o["task_key"], o["key"], stamp, day, "done", None, "已完成", "专干"))
            if o["goal_id"]:
                metrics.append((str(len(records)), float(rng.randint(5, 60))))
    with store.write():
        first = store.one("SELECT COALESCE(MAX(id), 0) AS n FROM records")
        base = int(first["n"]) if first else 0
        store.conn.executemany(
            'INSERT INTO records (task_key, occurrence, at, date, status, percent, note, "by") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            records,
        )
        store.conn.executemany(
            "INSERT INTO record_metrics (record_id, name, value) VALUES (?, 'participants', ?)",
            [(base + int(i), v) for i, v in metrics],
        )
        # the facts kept on each occurrence follow by themselves (store/completion.py)

    templates = store.query("SELECT key FROM templates")
    end = dt.date.fromisoformat(TODAY)
    n_insp = 0
    with store.write():
        for t in templates:
            tpl = resolve_template(store, t["key"])
            weekly = tpl.template_id == "stair"
            days = []
            d = dt.date(YEAR, 1, 4)
            while d <= end:
                days.append(d + dt.timedelta(days=rng.randint(0, 4)))
                d += dt.timedelta(days=7) if weekly else dt.timedelta(days=28)
            for area in tpl.areas:
                for visit in days:
                    if visit > end:
                        continue
                    answers = []
                    for it in tpl.items:
                        x = rng.random()
                        answers.append(
                            Answer(it["item_id"], "fail" if x < 0.06 else "na" if x < 0.08 else "pass")
                        )
                    value = score(tpl.items, answers)
                    cur = store.conn.execute(
                        'INSERT INTO inspections (template_key, plan_id, template_id, area, date, "by", note, score, '
                        "passed, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            tpl.key,
                            tpl.plan_id,
                            tpl.template_id,
                            area,
                            visit.isoformat(),
                            "楼长",
                            None,
                            value,
                            int(value is None or value >= tpl.pass_mark),
                            stamp,
                        ],
                    )
                    store.conn.executemany(
                        "INSERT INTO inspection_answers (inspection_id, item_id, result, note) VALUES (?, ?, ?, ?)",
                        [(cur.lastrowid, a.item, a.result, None) for a in answers],
                    )
                    n_insp += 1
                rebuild_rectifications(store, tpl, area)
    store.close()
    return table_counts(db)  # no ANALYZE: the planner sees what it sees in a clerk's database


# ---------------------------------------------------------------- timing


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """The median wall-clock seconds and the least CPU seconds of this process over `runs` runs.
    On a busy machine the CPU figure is the one to compare: waiting for a processor inflates the
    wall clock, not the CPU time."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), min(cpus)


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def subprocess_runner(db: Path, args: list[str]) -> Callable[[], object]:
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "NO_COLOR": "1"}

    def go() -> None:
        p = subprocess.run([str(CIVICLI), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise SystemExit(f"civicli {' '.join(args)} failed: {p.stderr.decode('utf-8', 'replace')}")

    return go


def inprocess_runner(db: Path, args: list[str]) -> Callable[[], object]:
    from typer.testing import CliRunner

    from civicli.cli.app import app

    runner = CliRunner()
    env = {"CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "NO_COLOR": "1"}

    def go() -> None:
        r = runner.invoke(app, args, env=env, catch_exceptions=False)
        if r.exit_code != 0:
            raise SystemExit(f"civicli {' '.join(args)} failed: {r.stderr}")

    return go


def completion_check(db: Path, runs: int) -> list[tuple[str, str, str, str]]:
    """completion.plan_completion (stored values of settled occurrences plus aggregate queries)
    and the occurrence rows (completion.occurrence_rows + derive) against the raw history derived
    row by row (tests/test_settled.py): the same figures for every plan on a few days; and how
    long the first two take."""
    from civicli.store.completion import OccurrenceRow, completion, occurrence_rows, plan_completion
    from civicli.store.database import open_store

    def row_by_row(day: dt.date) -> dict[str, tuple[int, int]]:
        by_plan: dict[str, list[OccurrenceRow]] = {}
        for r in occurrence_rows(store, day):
            by_plan.setdefault(r.plan_id, []).append(r)
        return {p: (sum(1 for r in rows if r.done), completion(rows, day)) for p, rows in by_plan.items()}

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_settled import expected_completion, reference  # the raw history, derived row by row

    store = open_store(db)
    try:
        for day in (dt.date(YEAR, 3, 3), dt.date(YEAR, 6, 20), dt.date.fromisoformat(TODAY)):
            fast = plan_completion(store, day)
            rows = row_by_row(day)
            for plan_id, (done, percent, _) in expected_completion(reference(store, day)).items():
                got = fast.get(plan_id)
                figures = (got.done, got.percent) if got else (0, 0)
                if figures != (done, percent) or rows.get(plan_id, (0, 0)) != (done, percent):
                    raise SystemExit(
                        f"completion differs for {plan_id} on {day}: {got} / {rows.get(plan_id)} "
                        f"vs {(done, percent)} from the raw history"
                    )
        today = dt.date.fromisoformat(TODAY)
        by_rows = timed(lambda: row_by_row(today), runs)
        in_sql = timed(lambda: plan_completion(store, today), runs)
        return [
            ("completion, all plans: row by row", f"{by_rows[0]:.3f}", f"{by_rows[1]:.3f}", ""),
            ("completion, all plans: completion.plan_completion", f"{in_sql[0]:.3f}", f"{in_sql[1]:.3f}", ""),
        ]
    finally:
        store.close()


def build(
    plans_dir: Path, db: Path, args: argparse.Namespace, rows: list[tuple[str, str, str, str]]
) -> dict[str, int]:
    """Write the plans, time the loads, fill the history. Returns the table counts."""
    t0 = time.perf_counter()
    write_plans(plans_dir, args.plans, args.tasks)
    print(
        f"generated {args.plans} plans × {args.tasks} tasks in {time.perf_counter() - t0:.1f} s → {db.parent}",
        file=sys.stderr,
    )

    def fresh_load() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        subprocess_runner(db, ["load", str(plans_dir)])()

    rows.append(("load (first, empty database)", "", "", f"{median_time(fresh_load, args.load_runs):.2f}"))
    again = timed(inprocess_runner(db, ["load", str(plans_dir)]), 3)
    rows.append(
        (
            "load (again, unchanged)",
            f"{again[0]:.2f}",
            f"{again[1]:.2f}",
            f"{median_time(subprocess_runner(db, ['load', str(plans_dir)]), 3):.2f}",
        )
    )
    t0 = time.perf_counter()
    counts = fill_history(db)
    print(
        f"history filled in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {v}" for k, v in counts.items()),
        file=sys.stderr,
    )
    return counts


def table_counts(db: Path) -> dict[str, int]:
    from civicli.store.database import open_store

    store = open_store(db)
    try:
        tables = (
            "plans",
            "tasks",
            "occurrences",
            "records",
            "record_metrics",
            "inspections",
            "inspection_answers",
            "rectifications",
        )
        return {t: int((store.one(f"SELECT COUNT(*) AS n FROM {t}") or {"n": 0})["n"]) for t in tables}
    finally:
        store.close()


def print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    """The figures as a table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))]
        print("  ".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--tasks", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5, help="runs per read command (median reported)")
    ap.add_argument(
        "--load-runs", type=int, default=3, help="runs of the first load (each on a fresh database)"
    )
    ap.add_argument("--keep", type=Path, help="keep the plans and the database in this folder")
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: time the read commands on the data set kept there by an earlier run",
    )
    args = ap.parse_args(argv)
    if args.reuse and (args.keep is None or not (args.keep / "bench.db").exists()):
        ap.error("--reuse needs --keep DIR holding bench.db from an earlier run")

    work = Path(tempfile.mkdtemp(prefix="civicli-bench-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    plans_dir, db = work / "plans", work / "bench.db"
    try:
        rows: list[tuple[str, str, str, str]] = []
        if args.reuse:
            counts = table_counts(db)
        else:
            counts = build(plans_dir, db, args, rows)

        plan_x = f"d{args.plans // 2:03d}-{YEAR}"
        reads = [
            ("tasks --plan X", ["tasks", "--plan", plan_x]),
            ("tasks --plan X --json", ["tasks", "--plan", plan_x, "--json"]),
            ("tasks --json", ["tasks", "--json"]),
            ("tasks", ["tasks"]),
            ("summary (text)", ["summary"]),
            ("summary --format json", ["summary", "--format", "json"]),
            ("summary --week (mid-year, regenerated)", ["summary", "--week", f"{YEAR}-W26"]),
            ("plans", ["plans"]),
            ("show X", ["show", plan_x]),
        ]
        for label, cmd in reads:
            wall, cpu = timed(inprocess_runner(db, cmd), args.runs)
            sub = median_time(subprocess_runner(db, cmd), args.runs)
            rows.append((label, f"{wall:.3f}", f"{cpu:.3f}", f"{sub:.3f}"))
        rows += completion_check(db, args.runs)
        rows.append(
            (
                "civicli --version (start-up)",
                "",
                "",
                f"{median_time(subprocess_runner(db, ['--version']), args.runs):.3f}",
            )
        )

        print()
        print(
            f"civicli benchmark: {args.plans} plans × {args.tasks} tasks, a year of history "
            f"(today {TODAY}); median seconds"
        )
        print(json.dumps(counts, ensure_ascii=False))
        print_table(("command", "in-process", "CPU (least)", "subprocess"), rows)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
