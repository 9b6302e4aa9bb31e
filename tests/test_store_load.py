"""load and the store: an archived inspection template keeps its definition; two loads at once
cannot both pass the conflict check."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import DATA, Invoke

CIVICLI = Path(sys.executable).with_name("civicli")


def test_archived_template_keeps_its_areas_and_items(cli: Invoke, tmp_path: Path, db_path: Path) -> None:
    plan = tmp_path / "plans" / "demo.yaml"
    plan.parent.mkdir()
    shutil.copy(DATA / "inspections" / "demo.yaml", plan)
    assert cli("load", str(plan)).exit_code == 0
    r = cli(
        "inspect",
        "fractions",
        "--area",
        "小区",
        "--pass",
        "x",
        "--fail",
        "y=缺损",
        "--na",
        "z",
        today="2027-09-10",
    )
    assert r.exit_code == 0, r.stderr

    # the template "fractions" (the last one in the file) is removed from the file
    text = plan.read_text(encoding="utf-8")
    cut = text.index("  - id: fractions")
    plan.write_text(text[:cut], encoding="utf-8")
    reloaded = cli("load", str(plan))
    assert reloaded.exit_code == 0, reloaded.stderr
    assert "demo-2027/fractions" in reloaded.stdout  # the load report names it

    listing = cli("inspections", today="2027-09-20")
    assert listing.exit_code == 0
    assert "乙" in listing.stdout  # the failed item's text, not its id
    rows = json.loads(cli("inspections", "--json", today="2027-09-20").stdout)
    assert [(i["template"], i["failed"]) for i in rows] == [("fractions", ["y"])]
    coverage = cli("coverage", "demo-2027/fractions", today="2027-09-20")
    assert coverage.exit_code == 0, coverage.stderr
    assert "小区" in coverage.stdout
    conn = sqlite3.connect(db_path)
    kept = conn.execute(
        "SELECT (SELECT COUNT(*) FROM template_areas WHERE template_key = 'demo-2027/fractions'), "
        "(SELECT COUNT(*) FROM template_items WHERE template_key = 'demo-2027/fractions')"
    ).fetchone()
    conn.close()
    assert kept == (1, 3)  # 小区; 甲 乙 丙

    # loading the same file again changes nothing and names nothing
    again = cli("load", str(plan))
    assert again.exit_code == 0 and "fractions" not in again.stdout
    assert re.search(r"demo-2027\s+0\s+0\s+0\s+2", again.stdout), again.stdout


def _plan_file(folder: Path, title: str) -> Path:
    folder.mkdir()
    text = (DATA / "forms.yaml").read_text(encoding="utf-8")
    path = folder / "forms.yaml"
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text), encoding="utf-8")
    return path


def test_two_loads_of_one_plan_id_from_two_files_cannot_both_win(tmp_path: Path) -> None:
    a = _plan_file(tmp_path / "a", "甲的计划")
    b = _plan_file(tmp_path / "b", "乙的计划")
    for trial in range(4):
        db = tmp_path / f"t{trial}.db"
        env = {**os.environ, "CIVICLI_DB": str(db), "NO_COLOR": "1", "CIVICLI_TODAY": "2027-03-01"}
        procs = [
            subprocess.Popen(
                [str(CIVICLI), "load", str(p)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for p in (a, b)
        ]
        outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
        codes = sorted(code for code, _ in outcomes)
        assert codes == [0, 1], outcomes  # one loads, the other is told of the conflict
        loser = next(err for code, err in outcomes if code == 1)
        assert "--force" in loser and "Traceback" not in loser
        winner = a if outcomes[0][0] == 0 else b
        conn = sqlite3.connect(db)
        source, title = conn.execute("SELECT source, title FROM plans").fetchone()
        loads = conn.execute("SELECT COUNT(*) FROM import_log").fetchone()[0]
        conn.close()
        assert (source, loads) == (str(winner), 1)
        assert title == ("甲的计划" if winner == a else "乙的计划")
