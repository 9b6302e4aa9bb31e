"""A schedule change that leaves records on occurrences that no longer exist (issue 10): `load`
and `load --dry-run` name each such task with how many records; `log` still lists them, marked.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke, dump

from civicli.i18n import MSG


def record(cli: Invoke, occurrence: str, note: str, *extra: str) -> None:
    r = cli("done", "forms-2027/1.2", "--occurrence", occurrence, "--note", note, *extra, today="2027-06-10")
    assert r.exit_code == 0, r.output


def test_schedule_change_names_the_orphaned_records(cli: Invoke, forms: Path, db_path: Path) -> None:
    assert cli("load", str(forms)).exit_code == 0
    # task 1.2 is `every: month`: occurrences 2027-01 … 2027-12
    record(cli, "2027-02", "二月")
    record(cli, "2027-03", "三月")
    record(cli, "2027-04", "四月上")
    record(cli, "2027-04", "四月下", "--again")  # a second `done` on a done occurrence
    text = forms.read_text(encoding="utf-8")
    forms.write_text(
        text.replace(
            "编制创建简报, owner: secretary, every: month}",
            '编制创建简报, owner: secretary, every: "2 months"}',
        ),
        encoding="utf-8",
    )
    # "2 months": blocks keyed by their first month, 2027-01, 2027-03, 2027-05, …: the records on
    # 2027-02 (one) and 2027-04 (two) no longer sit on an occurrence: 3 records; 2027-03 still does
    expected = MSG["orphaned"].format(key="forms-2027/1.2", n=3, occurrences="2027-02, 2027-04")

    before = dump(db_path)
    dry = cli("load", "--dry-run", str(forms))
    assert dry.exit_code == 0, dry.output
    assert expected in dry.stdout
    assert dump(db_path) == before  # a dry run writes nothing

    real = cli("load", str(forms))
    assert real.exit_code == 0, real.output
    assert expected in real.stdout
    assert "forms-2027/1.1" not in real.stdout.split(MSG["loaded"].format(n=1))[-1]  # only that task

    entries = json.loads(cli("log", "forms-2027/1.2", "--json").stdout)
    assert [(e["occurrence"], e["orphaned"]) for e in entries] == [
        ("2027-02", True),
        ("2027-03", False),
        ("2027-04", True),
        ("2027-04", True),
    ]
    shown = cli("log", "forms-2027/1.2").stdout
    assert MSG["log_orphaned"].format(occurrence="2027年2月") in shown
    assert MSG["log_orphaned"].format(occurrence="2027年3月") not in shown
    assert all(note in shown for note in ("二月", "三月", "四月上", "四月下"))  # nothing lost

    again = cli("load", str(forms))  # nothing changed: nothing to say
    assert again.exit_code == 0 and MSG["orphaned"].split("{")[0] not in again.stdout
