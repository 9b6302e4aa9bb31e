"""Evidence and leftovers (issue 21, items 5 and 9).

A photo is at most 20 MB, opened without blocking (a FIFO never hangs), checked to be a regular
file, hashed and copied into the evidence folder before the write lock is taken; `check` compares
each stored file's size and SHA-256 and names a damaged or missing one with the records using it;
attaching a good copy repairs it; `check` names files no record uses. SIGTERM and SIGHUP end a
command as Ctrl-C does: nothing half-written, no temporary left; after kill -9, the next write
removes the stale temporaries and the database is intact.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import RECTIFY_PLAN, Invoke, dump

from civicli.i18n import ERR, RELY
from civicli.store.evidence import MAX_PHOTO

CIVICLI = Path(sys.executable).with_name("civicli")
TODAY = "2027-09-10"


@pytest.fixture
def loaded(cli: Invoke, tmp_path: Path) -> Invoke:
    plan = tmp_path / "rc.yaml"
    plan.write_text(RECTIFY_PLAN, encoding="utf-8")
    assert cli("load", str(plan)).exit_code == 0
    return cli


def files(db: Path) -> Path:
    return db.parent / "civicli-files"


def photo(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def record(cli: Invoke, *args: str) -> dict[str, object]:
    r = cli("progress", "rc-2027/visit", *args, today=TODAY)
    assert r.exit_code == 0, r.stderr
    return json.loads(cli("log", "rc-2027/visit", "--json", today=TODAY).stdout)[-1]  # type: ignore[no-any-return]


# ---------------------------------------------------------------- what a photo may be


def test_a_photo_over_20_mb_is_refused_naming_it(loaded: Invoke, db_path: Path, tmp_path: Path) -> None:
    big = tmp_path / "大照片.jpg"
    with open(big, "wb") as fh:  # sparse: 20 MB and one byte
        fh.truncate(MAX_PHOTO + 1)
    before = dump(db_path)
    r = loaded("progress", "rc-2027/visit", "--note", "活动", "--photo", str(big), today=TODAY)
    assert r.exit_code == 1 and str(big) in r.stderr and "20.0 MB" in r.stderr
    assert dump(db_path) == before
    assert not files(db_path).exists() or list(files(db_path).iterdir()) == []
    with open(big, "r+b") as fh:  # exactly 20 MB is allowed
        fh.truncate(MAX_PHOTO)
    assert (
        loaded("progress", "rc-2027/visit", "--note", "活动", "--photo", str(big), today=TODAY).exit_code == 0
    )


def test_a_fifo_in_a_photo_s_place_is_refused_at_once(loaded: Invoke, db_path: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "照片.jpg"
    os.mkfifo(fifo)
    env = {**os.environ, "CIVICLI_DB": str(db_path), "CIVICLI_TODAY": TODAY}
    # opened without blocking: no writer at the other end, and yet no hang (timeout = failure)
    p = subprocess.run(
        [str(CIVICLI), "progress", "rc-2027/visit", "--note", "x", "--photo", str(fifo)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert p.returncode == 1
    assert ERR["photo_not_file"].format(path=fifo) in p.stderr


def test_photos_are_copied_before_the_write_lock(
    loaded: Invoke, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civicli.store.connection import Store

    pic = photo(tmp_path, "a.jpg", b"\xff\xd8" + os.urandom(300_000))
    seen: list[list[int]] = []
    write = Store.write

    def spy(self: Store):  # type: ignore[no-untyped-def]
        # when the lock is asked for, the copy is made already, whole
        folder = files(Path(self.path))
        seen.append([p.stat().st_size for p in folder.glob(".photo.*.tmp")] if folder.exists() else [])
        return write(self)

    monkeypatch.setattr(Store, "write", spy)
    record(loaded, "--note", "活动", "--photo", str(pic))
    assert seen == [[pic.stat().st_size]]


# ---------------------------------------------------------------- check: size and hash


def test_check_finds_a_damaged_or_missing_file_and_attaching_it_again_repairs_it(
    loaded: Invoke, db_path: Path, tmp_path: Path
) -> None:
    content = b"\xff\xd8" + os.urandom(5000)
    pic = photo(tmp_path, "门前.jpg", content)
    first = record(loaded, "--note", "活动", "--photo", str(pic))
    [stored] = first["photos"]  # type: ignore[misc]
    copy = db_path.parent / stored
    assert copy.read_bytes() == content and loaded("check").exit_code == 0
    # truncated: the size differs
    copy.write_bytes(content[:100])
    r = loaded("check")
    assert r.exit_code == 1
    assert any(
        str(copy) in line and RELY["user_record"].format(id=first["id"], task="rc-2027/visit") in line
        for line in r.stderr.splitlines()
    ), r.stderr
    # the same size, another content: the SHA-256 differs
    copy.write_bytes(bytes(len(content)))
    assert loaded("check").exit_code == 1
    # attaching the original again puts a good copy back, under the same name
    second = record(loaded, "--note", "补充", "--photo", str(pic))
    assert second["photos"] == [stored] and copy.read_bytes() == content
    assert loaded("check").exit_code == 0
    # missing: named, and repaired the same way
    copy.unlink()
    r = loaded("check")
    assert r.exit_code == 1 and str(copy) in r.stderr
    record(loaded, "--note", "再补", "--photo", str(pic))
    assert copy.read_bytes() == content and loaded("check").exit_code == 0


def test_check_names_evidence_files_no_record_uses(loaded: Invoke, db_path: Path, tmp_path: Path) -> None:
    record(loaded, "--note", "活动", "--photo", str(photo(tmp_path, "a.jpg", b"a")))
    stray = files(db_path) / "stray.jpg"
    stray.write_bytes(b"left by a kill -9 after the copy, before the commit")
    r = loaded("check")
    assert r.exit_code == 0  # not damage: nothing a record needs is missing
    assert str(stray) in r.stderr
    assert RELY["check_unused"].format(n=1, files=stray) in r.stderr


def test_a_later_write_removes_stale_temporaries_but_not_live_ones(
    loaded: Invoke, db_path: Path, tmp_path: Path
) -> None:
    record(loaded, "--note", "活动", "--photo", str(photo(tmp_path, "a.jpg", b"a")))
    stale = files(db_path) / ".photo.dead1234.tmp"
    stale.write_bytes(b"half a copy")  # its maker was killed: nothing holds its lock
    live = files(db_path) / ".photo.live5678.tmp"
    live.write_bytes(b"being copied")
    with open(live, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # another process still copying
        record(loaded, "--note", "又一次", "--photo", str(photo(tmp_path, "b.jpg", b"b")))
        assert not stale.exists()
        assert live.exists()
    assert loaded("check").exit_code == 0


# ---------------------------------------------------------------- SIGTERM, SIGHUP, kill -9


def _env(db: Path, tmpdir: Path) -> dict[str, str]:
    return {**os.environ, "CIVICLI_DB": str(db), "CIVICLI_TODAY": TODAY, "TMPDIR": str(tmpdir)}


def _default_signals() -> None:
    for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)


def _signal_when(cmd: list[str], env: dict[str, str], folder: Path, pattern: str, sig: int) -> int:
    """Run cmd and send `sig` as soon as a file matching `pattern` appears in `folder` (its
    temporary: the command is mid-write). The exit code (negative: killed by the signal)."""
    # the signals at their defaults in the child: a test run under nohup (SIGHUP ignored, which
    # civicli honours: the clerk asked for the command to go on) must still see SIGHUP act
    p = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_default_signals
    )
    deadline = time.monotonic() + 60
    while p.poll() is None and time.monotonic() < deadline:
        if folder.exists() and any(folder.glob(pattern)):
            p.send_signal(sig)
            break
        time.sleep(0.0005)
    return p.wait(timeout=60)


def _records(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM records").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_during_progress_photo_leaves_nothing(
    loaded: Invoke, db_path: Path, tmp_path: Path, sig: int
) -> None:
    pics = [photo(tmp_path, f"p{i}.jpg", os.urandom(MAX_PHOTO - 1)) for i in range(4)]
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    cmd = [str(CIVICLI), "progress", "rc-2027/visit", "--note", "活动"]
    for p in pics:
        cmd += ["--photo", str(p)]
    interrupted = 0
    for trial in range(8):  # on a busy machine the command may end before the signal: try again
        if interrupted == 2:
            break
        before = _records(db_path)
        code = _signal_when([*cmd, "--again"], _env(db_path, tmpdir), files(db_path), ".photo.*.tmp", sig)
        left = sorted(p.name for p in files(db_path).iterdir()) if files(db_path).exists() else []
        if code == 0:  # it ended before the signal: recorded, every photo stored
            assert _records(db_path) == before + 1 and len(left) == 4
            continue
        interrupted += 1
        assert code == 130, f"trial {trial}: exit {code}"  # as Ctrl-C ends a command
        # nothing half-written: no record, no temporary, no copy without a record, nothing in $TMPDIR
        assert _records(db_path) == before
        assert [n for n in left if n.startswith(".")] == []
        assert len(left) in (0, 4)  # the photos of an earlier trial that ended, or none
        assert list(tmpdir.iterdir()) == []
    assert interrupted > 0
    assert loaded("check").exit_code == 0


def test_kill_9_during_progress_photo_the_next_write_cleans_up(
    loaded: Invoke, db_path: Path, tmp_path: Path
) -> None:
    pics = [photo(tmp_path, f"p{i}.jpg", os.urandom(MAX_PHOTO - 1)) for i in range(4)]
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    cmd = [str(CIVICLI), "progress", "rc-2027/visit", "--note", "活动"]
    for p in pics:
        cmd += ["--photo", str(p)]
    before = _records(db_path)
    code = _signal_when(cmd, _env(db_path, tmpdir), files(db_path), ".photo.*.tmp", signal.SIGKILL)
    assert code == -signal.SIGKILL
    stale = list(files(db_path).glob(".photo.*.tmp"))
    assert stale  # what kill -9 leaves: its temporary
    assert _records(db_path) == before
    checked = loaded("check")  # the database intact; the leftovers named, not a problem
    assert checked.exit_code == 0 and RELY["check_unused"].split("{")[0] in checked.stderr
    # the next write that attaches a photo removes them
    record(loaded, "--note", "下一次", "--photo", str(photo(tmp_path, "small.jpg", b"small")))
    assert list(files(db_path).glob(".photo.*.tmp")) == []
    assert loaded("check").exit_code == 0


BIG_PLAN_TASKS = "\n".join(f"      - {{id: w{i}, title: 每周任务{i}, every: week}}" for i in range(150))
BIG_PLAN = f"""\
id: big-2027
title: 大计划
period: {{start: 2027-01-01, end: 2027-12-31}}
sections:
  - id: "1"
    title: 任务
    tasks:
{BIG_PLAN_TASKS}
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "kill -9"])
def test_a_signal_during_export_force_leaves_the_old_file_and_no_temporary(
    cli: Invoke, db_path: Path, tmp_path: Path, sig: int
) -> None:
    plan = tmp_path / "big.yaml"
    plan.write_text(BIG_PLAN, encoding="utf-8")
    assert cli("load", str(plan)).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    target = out / "任务清单.xlsx"
    target.write_bytes(b"the ledger exported last week")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    cmd = [str(CIVICLI), "export", "tasks", "--output", str(target), "--force"]
    code = _signal_when(cmd, _env(db_path, tmpdir), out, ".任务清单.xlsx.*", sig)
    assert code != 0, "the export ended before the signal"
    # the old file untouched (replaced only whole), nothing in $TMPDIR
    assert target.read_bytes() == b"the ledger exported last week"
    assert list(tmpdir.iterdir()) == []
    left = sorted(p.name for p in out.iterdir() if p != target)
    if sig == signal.SIGTERM:
        assert code == 130 and left == []  # as Ctrl-C: its temporaries removed
    else:
        assert left  # kill -9 leaves its temporary (and XlsxWriter's folder beside it)
        # the next write of that file removes them
        again = subprocess.run(cmd, env=_env(db_path, tmpdir), capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert sorted(p.name for p in out.iterdir()) == [target.name]
        assert target.read_bytes()[:2] == b"PK"  # a whole xlsx (a zip)
    assert cli("check").exit_code == 0
