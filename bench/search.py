"""Benchmark of `civicli search`: a district's plans with a year of written records, and how long
finding a piece of text takes.

    .venv/bin/python bench/search.py                        # 1,000 plans × 30 tasks, median of 5 runs
    .venv/bin/python bench/search.py --plans 20 --runs 2    # a quick look
    .venv/bin/python bench/search.py --keep /tmp/district   # keep the plans and search.db
    .venv/bin/python bench/search.py --keep /tmp/district --reuse   # time the searches again

1. Writes PLANS plan files of TASKS tasks (bench/bench.py's mix of schedules) and loads them.
2. Fills a year of history up to bench.TODAY through SQL, as a clerk's commands would leave it:
   records on most occurrences with a note (an activity from a list, sometimes with details),
   a place, the people who took part (`居民N人、志愿者M人`) and who recorded it (one of a few
   hundred names); a monthly inspection of every area of both checklists, with a note now and
   then and a note on each failed item; the rectifications rebuilt through the library
   (civicli.store.inspections) and a measure and a recheck on a share of them. The search index
   (migration 0016) is filled by its triggers as the rows go in, as it is for the clerk.
3. Times `search` in process (the Typer app through CliRunner) and as a subprocess of the
   installed `civicli`: a phrase written once in the whole year, a common one (in about one
   record in 15), one in nearly every record (志愿者, in `people`), a two-character name and a
   two-character word found nowhere (the trigrams that begin with them), and --json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (
    TODAY,
    YEAR,
    inprocess_runner,
    median_time,
    print_table,
    subprocess_runner,
    timed,
    write_plans,
)

ACTIVITIES = [
    "组织居民开展消防演练，讲解灭火器使用方法",
    "开展垃圾分类入户宣传",
    "走访慰问独居老人，了解生活困难",
    "组织志愿者清理楼道堆物",
    "召开楼长会议，部署文明楼院创建",
    "开展文明劝导，劝导乱停乱放",
    "举办科普知识讲座",
    "组织青少年参观爱国主义教育基地",
    "开展邻里节活动，包饺子",
    "检查小区消防通道是否畅通",
    "更新社区宣传栏，张贴文明公约",
    "开展法律咨询进社区活动",
    "组织健康义诊，测量血压",
    "召开居民议事会，商议加装电梯",
    "开展环境卫生大扫除",
]
DETAILS = ["", "", "，效果良好", "，居民反映热烈", "，下次继续", "，拍照留存", "，已上报街道"]
PLACES = ["社区活动室", "小区广场", "1号楼前", "社区服务中心", "党群服务站", "小区北门", "文化长廊"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "芳伟娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"
RARE = "重阳节前夕组织书法爱好者为老人写寿联"  # written once, in one record
FAILS = ["楼道堆放纸箱", "电动车楼道充电", "地下室杂物乱堆", "垃圾桶满溢未清运", "墙面小广告", "消防通道被占"]


def fill_history(db: Path, seed: int = 11) -> dict[str, int]:
    """A year of written records, inspections and rectification steps up to TODAY, in bulk."""
    from civicli.store.connection import now_stamp
    from civicli.store.database import open_store
    from civicli.store.inspections import Answer, rebuild_rectifications, resolve_template, score

    rng = random.Random(seed)
    names = [s + g for s in SURNAMES for g in GIVEN]  # 1,350 two-character names
    store = open_store(db)
    store.conn.execute("PRAGMA temp_store = MEMORY")
    stamp = now_stamp()
    occ = store.query(
        "SELECT o.task_key, o.key, o.opens, o.due FROM occurrences o JOIN tasks t ON t.key = o.task_key "
        "WHERE o.opens <= ? AND t.inspection_id IS NULL ORDER BY o.due",
        [TODAY],
    )
    records: list[tuple[object, ...]] = []
    for o in occ:
        if rng.random() > 0.85:
            continue
        opens = dt.date.fromisoformat(o["opens"])
        due = min(dt.date.fromisoformat(o["due"]), dt.date.fromisoformat(TODAY))
        day = (opens + dt.timedelta(days=rng.randint(0, max(0, (due - opens).days)))).isoformat()
        note = rng.choice(ACTIVITIES) + rng.choice(DETAILS)
        people = f"居民{rng.randint(5, 80)}人、志愿者{rng.randint(1, 12)}人" if rng.random() < 0.9 else None
        place = rng.choice(PLACES) if rng.random() < 0.7 else None
        records.append((o["task_key"], o["key"], stamp, day, "done", note, rng.choice(names), place, people))
    middle = len(records) // 2
    records[middle] = (*records[middle][:5], RARE, *records[middle][6:])
    with store.write():
        store.conn.executemany(
            'INSERT INTO records (task_key, occurrence, at, date, status, note, "by", place, people) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            records,
        )
    print(f"  {len(records)} records", file=sys.stderr)

    end = dt.date.fromisoformat(TODAY)
    with store.write():
        for t in store.query("SELECT key FROM templates"):
            tpl = resolve_template(store, t["key"])
            for area in tpl.areas:
                for month in range(1, 13):
                    visit = dt.date(YEAR, month, rng.randint(1, 28))
                    if visit > end:
                        continue
                    answers = [
                        Answer(it["item_id"], "fail" if rng.random() < 0.06 else "pass") for it in tpl.items
                    ]
                    value = score(tpl.items, answers)
                    cur = store.conn.execute(
                        'INSERT INTO inspections (template_key, plan_id, template_id, area, date, "by", note, '
                        "score, passed, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            tpl.key,
                            tpl.plan_id,
                            tpl.template_id,
                            area,
                            visit.isoformat(),
                            rng.choice(names),
                            "月度检查" if rng.random() < 0.3 else None,
                            value,
                            int(value is None or value >= tpl.pass_mark),
                            stamp,
                        ],
                    )
                    store.conn.executemany(
                        "INSERT INTO inspection_answers (inspection_id, item_id, result, note) VALUES (?, ?, ?, ?)",
                        [
                            (
                                cur.lastrowid,
                                a.item,
                                a.result,
                                rng.choice(FAILS) if a.result == "fail" else None,
                            )
                            for a in answers
                        ],
                    )
                rebuild_rectifications(store, tpl, area)
        steps: list[tuple[object, ...]] = []
        for r in store.query("SELECT id, opened, due FROM rectifications WHERE status != 'void'"):
            if rng.random() < 0.5:
                day = min(dt.date.fromisoformat(r["opened"]) + dt.timedelta(days=2), end).isoformat()
                steps.append((r["id"], "measure", None, day, stamp, rng.choice(names), "已清理，张贴告示"))
                steps.append((r["id"], "recheck", 1, day, stamp, rng.choice(names), "复查合格"))
        store.conn.executemany(
            'INSERT INTO rectification_steps (rectification_id, kind, passed, date, at, "by", text) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            steps,
        )
    counts = {
        t: int((store.one(f"SELECT COUNT(*) AS n FROM {t}") or {"n": 0})["n"])
        for t in ("plans", "tasks", "records", "inspections", "rectification_steps", "search_text")
    }
    store.close()
    return counts


def child_cpu(db: Path, cmd: list[str], runs: int) -> float:
    """The least CPU seconds (user + system) of `civicli CMD` as a subprocess over `runs` runs: on
    a busy machine the wall clock measures the queue for a processor, this does not."""
    import resource

    run = subprocess_runner(db, cmd)
    least = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        least = min(least, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return least


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--tasks", type=int, default=30)
    ap.add_argument("--runs", type=int, default=5, help="runs per search (median reported)")
    ap.add_argument("--keep", type=Path, help="keep the plans and the database in this folder")
    ap.add_argument("--reuse", action="store_true", help="with --keep: time again on the data kept there")
    args = ap.parse_args(argv)
    if args.reuse and (args.keep is None or not (args.keep / "search.db").exists()):
        ap.error("--reuse needs --keep DIR holding search.db from an earlier run")
    work = Path(tempfile.mkdtemp(prefix="civicli-search-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    plans_dir, db = work / "plans", work / "search.db"
    try:
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            t0 = time.perf_counter()
            write_plans(plans_dir, args.plans, args.tasks)
            subprocess_runner(db, ["load", str(plans_dir)])()
            print(f"plans written and loaded in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            t0 = time.perf_counter()
            counts = fill_history(db)
            print(f"history filled in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        else:
            counts = {}
        searches = [
            ("written once (a 3+ character phrase)", ["search", "书法爱好者"]),
            ("common: 消防演练 (one record in 15)", ["search", "消防演练"]),
            ("in nearly every record: 志愿者", ["search", "志愿者"]),
            ("found nowhere, 3+ characters", ["search", "不存在的词语"]),
            ("a two-character name: 王芳", ["search", "王芳"]),
            ("two characters found nowhere", ["search", "龘龘"]),
            ("a failed item's note: 纸箱", ["search", "纸箱"]),
            ("消防演练 --json", ["search", "消防演练", "--json"]),
            ("消防演练 --limit 0 --json (every hit)", ["search", "消防演练", "--limit", "0", "--json"]),
        ]
        rows = []
        for label, cmd in searches:
            wall, cpu = timed(inprocess_runner(db, cmd), args.runs)
            sub = median_time(subprocess_runner(db, cmd), args.runs)
            rows.append(
                (label, f"{wall:.3f}", f"{cpu:.3f}", f"{sub:.3f}", f"{child_cpu(db, cmd, args.runs):.3f}")
            )
        version = ["--version"]
        start = median_time(subprocess_runner(db, version), args.runs)
        rows.append(
            (
                "civicli --version (start-up)",
                "",
                "",
                f"{start:.3f}",
                f"{child_cpu(db, version, args.runs):.3f}",
            )
        )
        print()
        print(f"civicli search: {args.plans} plans × {args.tasks} tasks, a year of history (today {TODAY})")
        if counts:
            print(json.dumps(counts, ensure_ascii=False))
        print_table(("search", "in-process", "CPU (least)", "subprocess", "its CPU (least)"), rows)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
