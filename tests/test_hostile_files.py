"""Files that aren't files (issue 10): `validate` and `load` read only regular files of at most
1 MB; a FIFO, a device, a dangling link, a link loop, a folder named x.yaml, an unreadable
folder are each an error naming it, never read (so never a hang), and nothing is loaded.
Big files are refused before parsing; a big file with a YAML error is parsed once.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, dump

from civicli import limits
from civicli.errors import PlanFileError
from civicli.i18n import ERR, zh
from civicli.plan import planfile, sources, yaml_loader

# the words of the messages, in the interface's default language (LANG=C.UTF-8: Chinese)
NOT_REGULAR = zh.ERR["not_regular"].split("（")[0]  # 不是普通文件
FIFO, DEVICE, FOLDER = zh.ERR["kind_fifo"], zh.ERR["kind_device"], zh.ERR["kind_folder"]
LINK = zh.ERR["dangling_link"].split("{")[0]  # 符号链接指向不存在的
LOOP = zh.ERR["link_loop"].split("；")[0]

CIVICLI = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")
pytestmark = pytest.mark.skipif(CIVICLI is None or os.name != "posix", reason="POSIX, installed script")


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script; a hang would end in TimeoutExpired (a failure), never a wait forever."""
    assert CIVICLI is not None
    return subprocess.run(
        [CIVICLI, *args],
        env={
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "CIVICLI_DB": str(db),
            "CIVICLI_LANG": "zh",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(DATA / "forms.yaml", folder / "forms.yaml")
    return folder


def assert_refused(db: Path, target: Path | str, *needles: str) -> str:
    """validate and load both exit 1 naming every needle; nothing valid is claimed, nothing loaded."""
    for command in ("validate", "load"):
        r = run(db, command, str(target))
        assert r.returncode == 1, (command, r.stdout, r.stderr)  # not 70, an internal error
        assert "Traceback" not in r.stderr
        for needle in needles:
            assert needle in r.stderr, (needle, r.stderr)
        assert r.stdout == ""
    assert not db.exists() or "forms-2027" not in "".join(dump(db))
    return r.stderr


@pytest.mark.parametrize("named", ["folder", "file"])
def test_fifo_is_refused_not_read(plans: Path, db_path: Path, named: str) -> None:
    fifo = plans / "pipe.yaml"
    os.mkfifo(fifo)
    err = assert_refused(db_path, plans if named == "folder" else fifo, "pipe.yaml", NOT_REGULAR, FIFO)
    assert "forms.yaml" not in err  # the good file has no problem of its own


def test_device_is_refused_not_read(plans: Path, db_path: Path) -> None:
    assert_refused(db_path, "/dev/zero", "/dev/zero", NOT_REGULAR, DEVICE)
    (plans / "zero.yaml").symlink_to("/dev/zero")
    assert_refused(db_path, plans, "zero.yaml", DEVICE)


def test_dangling_link_is_named(plans: Path, db_path: Path) -> None:
    (plans / "gone.yaml").symlink_to(plans / "nowhere.yaml")
    assert_refused(db_path, plans, "gone.yaml", LINK, "nowhere.yaml")
    assert_refused(db_path, plans / "gone.yaml", "gone.yaml", LINK)


def test_link_loop_is_named(plans: Path, db_path: Path) -> None:
    (plans / "loop.yaml").symlink_to("loop.yaml")
    assert_refused(db_path, plans, "loop.yaml", LOOP)
    assert_refused(db_path, plans / "loop.yaml", "loop.yaml", LOOP)


def test_folder_named_yaml_is_named(plans: Path, db_path: Path) -> None:
    (plans / "x.yaml").mkdir()
    assert_refused(db_path, plans, "x.yaml", NOT_REGULAR, FOLDER)


def test_folder_link_loop_is_walked_once(plans: Path, db_path: Path) -> None:
    (plans / "sub").mkdir()
    (plans / "sub" / "up").symlink_to("..")  # plans/sub/up/sub/up/… : a cycle of folders
    r = run(db_path, "validate", str(plans))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("1 ") and "forms-2027" in r.stdout  # forms.yaml, once


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_subfolder_is_named(plans: Path, db_path: Path) -> None:
    locked = plans / "locked"
    locked.mkdir()
    shutil.copy(DATA / "forms.yaml", locked / "other.yaml")
    locked.chmod(0)
    try:
        assert_refused(db_path, plans, "locked", zh.ERR["unreadable"].split("：")[0])
    finally:
        locked.chmod(0o755)


def test_file_over_the_limit_is_refused_before_parsing(plans: Path, db_path: Path) -> None:
    big = plans / "big.yaml"
    # broken YAML on line 1: had the file been parsed, the error would be the syntax error
    big.write_bytes(b"id: [\n" + b"#" * limits.MAX_PLAN_BYTES)
    err = assert_refused(db_path, plans, "big.yaml", str(limits.MAX_PLAN_BYTES + 6), "1 MB")
    assert "invalid YAML" not in err


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    text = (DATA / "forms.yaml").read_bytes()
    padded = tmp_path / "padded.yaml"
    padded.write_bytes(text + b"#" * (limits.MAX_PLAN_BYTES - len(text)))  # exactly the limit
    assert [p.id for p in planfile.load_plans([padded])] == ["forms-2027"]


def test_many_entries_are_not_called_an_alias_bomb(tmp_path: Path) -> None:
    # 30,000 one-line tasks: 150,000 nodes (more than MAX_NODES) in under 1 MB, no alias
    head = (DATA / "forms.yaml").read_text(encoding="utf-8").split("sections:")[0]
    tasks = "".join(f"      - {{id: t{i}, title: t}}\n" for i in range(25_000))
    big = tmp_path / "many.yaml"
    big.write_text(head + 'sections:\n  - id: "1"\n    title: s\n    tasks:\n' + tasks, encoding="utf-8")
    assert big.stat().st_size <= limits.MAX_PLAN_BYTES
    with pytest.raises(PlanFileError) as caught:
        planfile.load_plans([big])
    (problem,) = caught.value.problems
    assert "alias" not in problem.message and str(yaml_loader.MAX_NODES) in problem.message


def test_big_file_with_a_syntax_error_at_the_end_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = (DATA / "forms.yaml").read_text(encoding="utf-8")
    filler = "".join(f"# 注释第{i}行，让文件变大\n" for i in range(25_000))
    big = tmp_path / "big.yaml"
    big.write_text(head + filler + "oops: [unclosed\n", encoding="utf-8")
    assert len(big.read_text(encoding="utf-8")) > yaml_loader.REWORD_CHARS
    assert big.stat().st_size <= limits.MAX_PLAN_BYTES
    calls: list[str] = []
    compose = yaml.compose

    def counting(stream: str, Loader: type) -> object:
        calls.append(Loader.__name__)
        return compose(stream, Loader=Loader)

    monkeypatch.setattr(yaml_loader.yaml, "compose", counting)
    with pytest.raises(PlanFileError) as caught:
        planfile.load_plans([big])
    (problem,) = caught.value.problems
    lines = len(big.read_text(encoding="utf-8").splitlines())
    assert problem.line is not None and problem.line >= lines - 1  # at the end, where the error is
    assert len(calls) == 1  # one parse, not libyaml and then the pure-Python parser


# ---------------------------------------------------------------- output targets


@pytest.fixture
def summary_db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    r = run(db, "load", str(DATA / "forms.yaml"))
    assert r.returncode == 0, r.stderr
    return db


def summary_to(db: Path, target: Path) -> subprocess.CompletedProcess[str]:
    assert CIVICLI is not None
    return subprocess.run(
        [CIVICLI, "summary", "--week", "2027-W36", "--output", str(target), "--force"],
        env={
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "CIVICLI_DB": str(db),
            "CIVICLI_TODAY": "2027-09-20",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_output_onto_a_symlink_writes_through(summary_db: Path, tmp_path: Path) -> None:
    real = tmp_path / "bulletins" / "2027-W36.txt"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.txt"
    link.symlink_to(real)
    r = summary_to(summary_db, link)
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link stays a link
    assert "2027" in real.read_text(encoding="utf-8") and real.read_text(encoding="utf-8") != "old\n"
    assert sorted(os.listdir(real.parent)) == ["2027-W36.txt"]  # no temporary file left


def test_output_onto_a_dangling_symlink_creates_its_target(summary_db: Path, tmp_path: Path) -> None:
    real = tmp_path / "new.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    r = summary_to(summary_db, link)
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and real.is_file() and "2027" in real.read_text(encoding="utf-8")


def test_output_onto_a_fifo_is_refused(summary_db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    before = dump(summary_db)
    r = summary_to(summary_db, fifo)  # never opened: no hang
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "pipe.txt" in r.stderr and FIFO in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]  # nothing written beside it
    assert dump(summary_db) == before  # refused before the week took its issue number


def test_output_through_a_link_to_a_device_is_refused(summary_db: Path, tmp_path: Path) -> None:
    link = tmp_path / "null.txt"
    link.symlink_to(os.devnull)
    r = summary_to(summary_db, link)
    assert r.returncode == 1 and DEVICE in r.stderr and "Traceback" not in r.stderr
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_onto_a_folder_is_refused(summary_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    r = summary_to(summary_db, folder)
    assert r.returncode == 1 and FOLDER in r.stderr and os.listdir(folder) == []


def test_write_whole_never_overwrites_without_force(tmp_path: Path) -> None:
    from civicli.errors import InvalidInput
    from civicli.output.files import Protected, write_whole

    nothing = Protected(database=str(tmp_path / "civicli.db"), evidence=str(tmp_path / "civicli-files"))

    target = tmp_path / "ledger.csv"
    assert write_whole(target, b"first\n", force=False, protected=nothing) == target
    with pytest.raises(InvalidInput, match="--force"):
        write_whole(target, b"second\n", force=False, protected=nothing)
    assert target.read_bytes() == b"first\n"
    write_whole(target, b"second\n", force=True, protected=nothing)
    assert target.read_bytes() == b"second\n"
    assert os.listdir(tmp_path) == ["ledger.csv"]


def test_folder_that_cannot_be_read_is_named_in_process(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same as test_unreadable_subfolder_is_named, where permissions cannot deny (root): the
    # folder's listing fails as it does for a clerk without the right to read it
    locked = plans / "locked"
    locked.mkdir()
    shutil.copy(DATA / "forms.yaml", locked / "other.yaml")
    scandir = os.scandir

    def denied(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(sources.os, "scandir", denied)
    with pytest.raises(PlanFileError) as caught:
        planfile.load_plans([plans])
    (problem,) = caught.value.problems
    assert problem.file == str(locked)
    assert problem.message == ERR["unreadable"].format(reason="没有权限")  # EACCES, in Chinese
