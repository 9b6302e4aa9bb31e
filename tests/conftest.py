"""Shared fixtures: a real SQLite file per test and the real Typer app through CliRunner."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from civicli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
DATA = Path(__file__).resolve().parent / "data"

Invoke = Callable[..., Result]

# A plan with metrics, a role and an inspection template whose areas have owners: the 整改 loop
# (tests/test_rectify.py, tests/test_early_tasks.py).
RECTIFY_PLAN = """\
id: rc-2027
title: 整改测试计划
community: 幸福社区
period: {start: 2027-03-01, end: 2027-12-31}
metrics:
  households_visited: 走访户数
  participants: 参与人次
goals:
  - id: g1
    text: 广泛参与
    targets:
      - {id: people, text: 参与人次, metric: participants, target: 50, direction: at_least}
      - {id: fires, text: 重大火灾, metric: major_fires, target: 0, direction: at_most}
roles:
  building-heads: 楼长
sections:
  - id: "1"
    title: 环境建设
    tasks:
      - {id: visit, title: 走访困难户, every: month}
      - {id: "1.1", title: 楼道卫生检查, owner: building-heads, every: week, inspection: stairwell}
inspections:
  - id: stairwell
    title: 楼道卫生检查
    areas: [{name: 1号楼, owner: 张三}, 2号楼]
    rectify_days: 7
    items:
      - {id: corridor, text: 楼道无堆物}
      - {id: basement, text: 地下室整洁}
"""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "civicli.db"


@pytest.fixture
def cli(db_path: Path) -> Invoke:
    """cli("tasks", "--json", today="2027-09-10", input=None) → click Result (stdout/stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str, today: str | None = None, input: str | None = None) -> Result:
        env = {"CIVICLI_DB": str(db_path), "NO_COLOR": "1", "CIVICLI_TODAY": today}
        return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A copy of the every-schedule-form plan in a temp folder (tests edit it)."""
    target = tmp_path / "plans" / "forms.yaml"
    target.parent.mkdir()
    shutil.copy(DATA / "forms.yaml", target)
    return target


def dump(db_path: Path) -> list[str]:
    """The whole database as SQL, to compare before and after."""
    if not db_path.exists():
        return []
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in the English interface (`CIVICLI_LANG=en`): for tests that assert English messages."""
    from civicli.i18n import set_language

    monkeypatch.setenv("CIVICLI_LANG", "en")
    set_language("en")
    yield
    set_language("zh")


def file_limit(limit: int) -> Callable[[], None]:
    """A subprocess's preexec_fn: files it writes stop at `limit` bytes, as on a full disk (a
    write past the limit fails with EFBIG instead of killing the process)."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def to_full_disk(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A real process whose stdout is /dev/full: every write fails as on a full disk."""
    with open("/dev/full", "w") as full:
        return subprocess.run(
            command, env=env, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False
        )
