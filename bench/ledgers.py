"""How long the ledgers take to write, and how much memory, for a busy community's year.

    .venv/bin/python bench/ledgers.py                      # 5,000 activities, 1,000 photos
    .venv/bin/python bench/ledgers.py --activities 1000 --photos 1000 --formats docx
    .venv/bin/python bench/ledgers.py --photo-kind noise   # the photos as PNGs of noise
    .venv/bin/python bench/ledgers.py --keep /tmp/year     # keep the database and the files

It loads one plan (20 weekly tasks, a `participants` metric), records the activities of a year
in bulk (place, people, a note, 参与人次; a `done` for one in five), attaches a photo to the first
`--photos` of them, then runs the installed `civicli export activities` as a subprocess for
each format and prints the wall time, the peak memory of that process (its maximum resident
set size) and the file size. Run it at two sizes to see whether memory grows with the rows.

Photos (each its own file): `jpeg` (the default) a phone photo as a messenger passes it on,
1600 × 1200 px at quality 85 with smooth colour and grain, about 0.5 MB, one in four with an
EXIF orientation that turns it upright; `noise` a PNG of random pixels of `--photo-kb` KB (it
does not compress, and neither do its thumbnails: the worst case).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import multiprocessing
import os
import random
import resource
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

CIVICLI = str(Path(sys.executable).with_name("civicli"))
TODAY = "2027-12-31"

PLAN = """\
id: busy-2027
title: 幸福社区精神文明创建工作计划
community: 幸福社区
period: {start: 2027-01-01, end: 2027-12-31}
metrics: {participants: 参与人次}
roles: {staff: 社区专干}
sections:
  - id: "1"
    title: 常规活动
    tasks:
"""


def plan_text(tasks: int) -> str:
    lines = [
        f"      - {{id: t{i}, title: 每周志愿服务活动第{i}项, owner: staff, every: week}}"
        for i in range(tasks)
    ]
    return PLAN + "\n".join(lines) + "\n"


def noise_png(path: Path, kb: int, rng: random.Random) -> None:
    """A PNG of random pixels, about `kb` KB (random data does not compress)."""
    side = max(8, int((kb * 1024 / 3) ** 0.5))
    rows = b"".join(b"\x00" + rng.randbytes(side * 3) for _ in range(side))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )


def phone_jpeg(path: Path, n: int, rng: random.Random) -> None:
    """A photo as a phone sends it: 1600 × 1200, smooth colour and grain, quality 85; one in
    four stored on its side with the EXIF orientation (6) that turns it upright."""
    from PIL import Image

    size = (1600, 1200)
    colour = Image.frombytes("RGB", (8, 6), rng.randbytes(8 * 6 * 3)).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 60).convert("RGB")
    picture = Image.blend(colour, grain, 0.2)
    exif = Image.Exif()
    if n % 4 == 0:
        exif[0x0112] = 6
        picture = picture.transpose(Image.Transpose.ROTATE_90)
    picture.save(path, "JPEG", quality=85, exif=exif)


def fill(
    db: Path, activities: int, photos: int, kb: int, tasks: int, kind: str = "jpeg", seed: int = 5
) -> None:
    """The year's activities, in bulk, as `progress`/`done` would record them."""
    rng = random.Random(seed)
    folder = db.parent / f"{db.stem}-files"
    folder.mkdir(exist_ok=True)
    conn = sqlite3.connect(db)
    start = dt.date(2027, 1, 1)
    places = ["社区活动室", "社区广场", "党群服务中心", "3号楼下", "社区会议室"]
    with conn:
        for n in range(activities):
            day = start + dt.timedelta(days=n * 364 // activities)
            iso = day.isocalendar()
            task = f"busy-2027/t{n % tasks}"
            cur = conn.execute(
                'INSERT INTO records (task_key, occurrence, at, date, status, percent, note, "by", place, people) '
                "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                [
                    task,
                    f"{iso[0]}-W{iso[1]:02d}",
                    f"{day.isoformat()}T10:00:00",
                    day.isoformat(),
                    "done" if n % 5 == 0 else "doing",
                    f"组织居民开展第{n}次志愿服务，清理楼道杂物、宣传文明创建知识，居民反响良好。",
                    "王专干",
                    places[n % len(places)],
                    f"居民{20 + n % 30}人、志愿者{5 + n % 7}人",
                ],
            )
            rid = cur.lastrowid
            conn.execute(
                "INSERT INTO record_metrics (record_id, name, value) VALUES (?, 'participants', ?)",
                [rid, 25 + n % 37],
            )
            if n < photos:
                if kind == "noise":
                    name = f"活动_{n:05d}.png"
                    noise_png(folder / name, kb, rng)
                else:
                    name = f"活动_{n:05d}.jpg"
                    phone_jpeg(folder / name, n, rng)
                sha = hashlib.sha256((folder / name).read_bytes()).hexdigest()
                ev = conn.execute(
                    "INSERT INTO evidence (sha256, path, original_name, added_at) VALUES (?, ?, ?, ?)",
                    [sha, name, name, day.isoformat()],
                ).lastrowid
                conn.execute(
                    "INSERT INTO photos (owner_kind, owner_id, evidence_id, position) VALUES ('record', ?, ?, 0)",
                    [rid, ev],
                )
    conn.close()


def run(db: Path, out: Path, fmt: str) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MB) of the export process, file size (bytes)."""
    env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY}
    target = out / f"activities.{fmt}"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [CIVICLI, "export", "activities", "--format", fmt, "-o", str(target), "--force"], env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"export {fmt} failed: {status}")
    return seconds, usage.ru_maxrss / 1024, target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--activities", type=int, default=5000)
    ap.add_argument("--photos", type=int, default=1000)
    ap.add_argument("--photo-kind", choices=["jpeg", "noise"], default="jpeg")
    ap.add_argument("--photo-kb", type=int, default=200, help="the size of a noise photo")
    ap.add_argument("--tasks", type=int, default=20)
    ap.add_argument("--formats", default="xlsx,csv,docx")
    ap.add_argument("--keep", type=Path, help="a folder to keep the database and the files in")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="civicli-ledgers-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        db = work / "bench.db"
        for leftover in (db, work / "bench.db-wal", work / "bench.db-shm"):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(work / "bench-files", ignore_errors=True)
        plan = work / "busy.yaml"
        plan.write_text(plan_text(args.tasks), encoding="utf-8")
        env = {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY}
        subprocess.run([CIVICLI, "load", str(plan)], env=env, check=True, capture_output=True)
        t0 = time.perf_counter()
        # filled in a process of its own: an export started from this one would otherwise
        # count the memory this one grew to (a child's peak starts at its parent's size)
        filler = multiprocessing.get_context("spawn").Process(
            target=fill, args=(db, args.activities, args.photos, args.photo_kb, args.tasks, args.photo_kind)
        )
        filler.start()
        filler.join()
        if filler.exitcode != 0:
            raise SystemExit("filling the database failed")
        stored = sum(f.stat().st_size for f in (work / "bench-files").iterdir())
        print(f"filled {args.activities} activities, {args.photos} photos ({args.photo_kind}, "
              f"{stored / 1e6:.0f} MB in all) in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'format':6} {'seconds':>8} {'peak MB':>8} {'file MB':>8}   (this script: {base:.0f} MB)")
        for fmt in args.formats.split(","):
            seconds, peak, size = run(db, work, fmt)
            print(f"{fmt:6} {seconds:8.1f} {peak:8.0f} {size / 1e6:8.1f}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
