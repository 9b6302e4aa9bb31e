"""`--output FILE` never lands on what the clerk recorded (cli.md, "Everywhere", `--output`):
not on the database or its journals, not inside the evidence folder, not on a loaded plan file,
even with --force, whatever the format; an existing file only with --force; and the format
follows the file's extension, a contradiction being wrong usage (exit 2).

Issue #21, items 1 and 2: before this, `summary --output "$CIVICLI_DB"` replaced the database
with the bulletin (exit 0), and `export tasks --output 任务.csv` wrote an xlsx.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLANS, Invoke

TODAY = "2027-09-15"  # week 2027-W36 (9月6日—9月12日) has ended: the default bulletin week


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loaded(cli: Invoke, tmp_path: Path) -> Path:
    """A database with the four shipped plans loaded from a copy in tmp_path/plans."""
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    r = cli("load", str(folder), today=TODAY)
    assert r.exit_code == 0, r.output
    return folder


def _summary(cli: Invoke, *args: str) -> tuple[int, str]:
    r = cli("summary", *args, today=TODAY)
    return r.exit_code, r.stderr


@pytest.mark.parametrize("fmt", [None, "text", "markdown", "json", "docx"])
@pytest.mark.parametrize("force", [False, True])
def test_summary_never_replaces_the_database(
    cli: Invoke, loaded: Path, db_path: Path, fmt: str | None, force: bool
) -> None:
    before = digest(db_path)
    args = ["--output", str(db_path)] + (["--format", fmt] if fmt else []) + (["--force"] if force else [])
    code, err = _summary(cli, *args)
    # Refused first, whatever the extension (.db names no format) or --format says: exit 1.
    assert code == 1 and "数据库" in err
    assert digest(db_path) == before
    assert cli("plans", "--json", today=TODAY).exit_code == 0


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_the_database_journals_are_refused_even_with_force(
    cli: Invoke, loaded: Path, db_path: Path, suffix: str
) -> None:
    journal = Path(str(db_path) + suffix)
    existed = journal.exists()
    before = journal.read_bytes() if existed else None
    code, err = _summary(cli, "--output", str(journal), "--format", "text", "--force")
    assert code == 1 and "数据库" in err
    assert journal.exists() == existed
    if existed:
        assert journal.read_bytes() == before


def test_a_symlink_to_the_database_is_refused(
    cli: Invoke, loaded: Path, db_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "简报.txt"
    link.symlink_to(db_path)
    before = digest(db_path)
    code, err = _summary(cli, "--output", str(link), "--force")
    assert code == 1 and "数据库" in err
    assert digest(db_path) == before and link.is_symlink()


def test_a_hard_link_to_a_plan_file_is_refused(cli: Invoke, loaded: Path, tmp_path: Path) -> None:
    plan = loaded / "2027-pian1.yaml"
    other = tmp_path / "简报.txt"
    os.link(plan, other)
    before = digest(plan)
    code, err = _summary(cli, "--output", str(other), "--force")
    assert code == 1 and "计划文件" in err
    assert digest(plan) == before


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_a_loaded_plan_file_is_refused_even_with_force(cli: Invoke, loaded: Path, fmt: str) -> None:
    plan = loaded / "2027-pian1.yaml"
    before = digest(plan)
    code, err = _summary(cli, "-o", str(plan), "--format", fmt, "--force")
    assert code == 1 and "计划文件" in err
    assert digest(plan) == before


def test_nothing_is_written_inside_the_evidence_folder(cli: Invoke, loaded: Path, db_path: Path) -> None:
    folder = db_path.parent / f"{db_path.stem}-files"
    folder.mkdir(exist_ok=True)
    code, err = _summary(cli, "--output", str(folder / "简报.txt"))
    assert code == 1 and "证据文件夹" in err
    assert list(folder.iterdir()) == []


def test_export_never_replaces_the_database_or_a_plan(cli: Invoke, loaded: Path, db_path: Path) -> None:
    before = digest(db_path)
    r = cli("export", "tasks", "--format", "csv", "--output", str(db_path), "--force", today=TODAY)
    assert r.exit_code == 1 and "数据库" in r.stderr
    assert digest(db_path) == before
    plan = loaded / "2027-pian2.yaml"
    before = digest(plan)
    r = cli("export", "tasks", "--format", "csv", "--output", str(plan), "--force", today=TODAY)
    assert r.exit_code == 1 and "计划文件" in r.stderr
    assert digest(plan) == before


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_an_existing_file_is_replaced_only_with_force(
    cli: Invoke, loaded: Path, tmp_path: Path, fmt: str
) -> None:
    """Text formats used to write as if --force were given."""
    target = tmp_path / "简报.out"
    target.write_text("上周的简报\n", encoding="utf-8")
    code, err = _summary(cli, "--output", str(target), "--format", fmt)
    assert code == 1 and "--force" in err
    assert target.read_text(encoding="utf-8") == "上周的简报\n"
    code, _ = _summary(cli, "--output", str(target), "--format", fmt, "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") != "上周的简报\n"


def test_summary_format_follows_the_extension(cli: Invoke, loaded: Path, tmp_path: Path) -> None:
    # A .docx is a zip archive (PK…), whatever --format's default would be.
    code, _ = _summary(cli, "--output", str(tmp_path / "简报.docx"))
    assert code == 0 and (tmp_path / "简报.docx").read_bytes()[:2] == b"PK"
    code, _ = _summary(cli, "--output", str(tmp_path / "简报.json"))
    assert code == 0 and (tmp_path / "简报.json").read_text(encoding="utf-8").lstrip().startswith("{")
    code, _ = _summary(cli, "--output", str(tmp_path / "简报.md"))
    assert code == 0 and (tmp_path / "简报.md").read_text(encoding="utf-8").startswith("#")


def test_export_format_follows_the_extension(cli: Invoke, loaded: Path, tmp_path: Path) -> None:
    target = tmp_path / "任务.csv"
    r = cli("export", "tasks", "--output", str(target), today=TODAY)
    assert r.exit_code == 0, r.output
    assert target.read_bytes().startswith("\ufeff".encode())  # CSV with its BOM, not a zip (PK)


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [
        (["summary"], "简报.docx", "text"),
        (["summary"], "简报.txt", "json"),
        (["export", "tasks"], "任务.csv", "xlsx"),
        (["export", "tasks"], "任务.xlsx", "csv"),
    ],
)
def test_a_format_that_contradicts_the_extension_is_wrong_usage(
    cli: Invoke, loaded: Path, tmp_path: Path, command: list[str], name: str, fmt: str
) -> None:
    r = cli(*command, "--output", str(tmp_path / name), "--format", fmt, today=TODAY)
    assert r.exit_code == 2
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("command", "name"), [(["summary"], "简报.xlsx"), (["export", "tasks"], "任务.pdf")])
def test_an_extension_the_command_cannot_write_is_wrong_usage(
    cli: Invoke, loaded: Path, tmp_path: Path, command: list[str], name: str
) -> None:
    r = cli(*command, "--output", str(tmp_path / name), today=TODAY)
    assert r.exit_code == 2
    assert not (tmp_path / name).exists()
