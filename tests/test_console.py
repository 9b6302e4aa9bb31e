"""The installed console script, run as the clerk and cron run it: real processes, bare environments."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, PLANS

CIVICLI = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")
pytestmark = pytest.mark.skipif(CIVICLI is None, reason="civicli console script not installed")


def run(*args: str, db: Path, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C", "CIVICLI_DB": str(db), **(extra or {})}
    return subprocess.run([str(CIVICLI), *args], env=env, capture_output=True, timeout=60, check=False)


def test_version_and_module_entry(tmp_path: Path) -> None:
    r = run("--version", db=tmp_path / "x.db")
    assert r.returncode == 0 and r.stdout.decode().startswith("civicli ")
    m = subprocess.run(
        [sys.executable, "-m", "civicli", "--help"],
        capture_output=True,
        check=False,
        env={**os.environ, "LANG": "C"},
    )
    assert m.returncode == 0 and b"tasks" in m.stdout


def test_piped_under_lang_c_is_plain_utf8_and_whole(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("load", str(PLANS), str(DATA / "forms.yaml"), db=db).returncode == 0
    r = run("tasks", db=db, extra={"CIVICLI_TODAY": "2027-09-10"})
    assert r.returncode == 0, r.stderr.decode()
    text = r.stdout.decode("utf-8")  # strict: must be valid UTF-8
    assert b"\x1b[" not in r.stdout
    assert "楼道、地下室、宅楼前后卫生检查" in text  # a long title, whole on its line
    assert "暑期快乐童声纳凉晚会" in text
    assert max(len(line) for line in text.splitlines()) > 80  # full width, not cut at 80 columns
    assert not any(ch in text for ch in "│┃╭━─")  # no boxes


def test_errors_go_to_stderr_with_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("id: gbk-2027\ntitle: 社区精神文明创建工作计划\n".encode("gbk"))
    r = run("load", str(gbk), db=db)
    assert r.returncode == 1
    err = r.stderr.decode("utf-8")
    assert "gbk.yaml" in err and "GBK" in err and "Traceback" not in err
    assert r.stdout == b""
    assert run("tasks", "--no-such-option", db=db).returncode == 2
    r = run("--today", "2027-13-01", "tasks", db=db)
    assert r.returncode == 2 and b"Traceback" not in r.stderr


def test_json_is_utf8_not_escaped(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    run("load", str(DATA / "forms.yaml"), db=db)
    r = run("plans", "--json", db=db)
    assert r.returncode == 0
    assert "全部安排形式" in r.stdout.decode("utf-8") and b"\\u" not in r.stdout
