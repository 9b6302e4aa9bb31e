"""A plan whose id changed in its file, and `civicli archive` (issue 21, item 8).

`load` names each loaded plan whose file now declares another id, or that is no longer among
the files of a folder loaded, and says how to archive it; `archive PLAN` takes it out of use:
gone from `plans`, the checklist and the bulletin, listed by `plans --all` marked 已归档 (JSON
`archived`), its history readable with `log`; loading its file again brings it back.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke

from civicli.i18n import RELY

PLAN = """\
id: {id}
title: 创建计划{id}
period: {{start: 2027-01-01, end: 2027-12-31}}
sections:
  - id: "1"
    title: 组织
    tasks:
      - {{id: "1.1", title: 领导小组, due: 2027-03-01}}
"""
TODAY = "2027-09-10"


def _plans(cli: Invoke, *args: str) -> list[dict[str, object]]:
    r = cli("plans", "--json", *args, today=TODAY)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_a_changed_id_is_named_by_load_and_archive_takes_the_ghost_out(cli: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "a.yaml"
    plan.write_text(PLAN.format(id="old-2027"), encoding="utf-8")
    assert cli("load", str(folder), today=TODAY).exit_code == 0
    assert cli("done", "old-2027/1.1", "--note", "成立", today=TODAY).exit_code == 0
    # the id changed in the file: both plans are there now, and load says which is the ghost
    plan.write_text(PLAN.format(id="new-2027"), encoding="utf-8")
    r = cli("load", str(folder), today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert RELY["ghost_id"].format(plan="old-2027", file=plan.resolve(), new="new-2027") in r.output
    assert "civicli archive old-2027" in r.output
    assert {p["id"] for p in _plans(cli)} == {"old-2027", "new-2027"}
    # archived: gone from plans and the checklist, listed by --all, its history kept
    a = cli("archive", "old-2027", today=TODAY)
    assert a.exit_code == 0, a.stderr
    assert [p["id"] for p in _plans(cli)] == ["new-2027"]
    every = {p["id"]: p for p in _plans(cli, "--all")}
    assert every["old-2027"]["archived"] is True and every["new-2027"]["archived"] is False
    assert RELY["archived_mark"] in cli("plans", "--all", today=TODAY).stdout
    tasks = json.loads(cli("tasks", "--json", "--all", today=TODAY).stdout)
    assert {t["plan"] for t in tasks} == {"new-2027"}
    log = json.loads(cli("log", "old-2027/1.1", "--json", today=TODAY).stdout)
    assert [e["note"] for e in log] == ["成立"]
    # no longer named as a ghost; `done 1.1` is not ambiguous any more
    r = cli("load", str(folder), today=TODAY)
    assert "old-2027" not in r.output
    assert cli("done", "1.1", "--note", "新计划", today=TODAY).exit_code == 0
    # the week's bulletin names only the plan in use
    s = json.loads(cli("summary", "--week", "2027-W36", "--format", "json", today=TODAY).stdout)
    assert [p["id"] for p in s["plans"]] == ["new-2027"]
    # its file loaded again (the id put back) brings it back; new-2027 is now the one named
    plan.write_text(PLAN.format(id="old-2027"), encoding="utf-8")
    r = cli("load", str(plan), today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert {p["id"] for p in _plans(cli)} == {"old-2027", "new-2027"}
    assert RELY["ghost_id"].format(plan="new-2027", file=plan.resolve(), new="old-2027") in r.output
    assert [e["note"] for e in json.loads(cli("log", "old-2027/1.1", "--json").stdout)] == ["成立"]


def test_a_file_gone_from_its_folder_is_named(cli: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(PLAN.format(id="a-2027"), encoding="utf-8")
    (folder / "b.yaml").write_text(PLAN.format(id="b-2027"), encoding="utf-8")
    assert cli("load", str(folder), today=TODAY).exit_code == 0
    gone = (folder / "b.yaml").resolve()
    gone.unlink()
    r = cli("load", str(folder), today=TODAY)
    assert r.exit_code == 0
    assert RELY["ghost_gone"].format(plan="b-2027", file=gone, folder=folder.resolve()) in r.output


def test_archive_errors(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(PLAN.format(id="a-2027"), encoding="utf-8")
    assert cli("load", str(tmp_path / "a.yaml"), today=TODAY).exit_code == 0
    assert cli("archive", "nope", today=TODAY).exit_code == 1
    assert cli("archive", "a-2027", today=TODAY).exit_code == 0
    again = cli("archive", "a-2027", today=TODAY)
    assert again.exit_code == 1 and "a-2027" in again.stderr
