"""Commands about the database itself: backup and check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import invocation
from civicli.errors import DatabaseError
from civicli.i18n import STORE
from civicli.store.health import backup as make_backup
from civicli.store.health import check as run_check
from civicli.store.health import evidence_folder

app = typer.Typer(add_completion=False)  # completion is the root's


def _existing_db(ctx: typer.Context) -> Path:
    """The database, which must exist (backup and check never create one)."""
    path = invocation(ctx).database_path()
    if not path.is_file():
        raise DatabaseError(STORE["check_no_db"].format(path=path))
    return path


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


@app.command()
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE")],
) -> None:
    """A consistent copy of the database (SQLite's online backup), safe while others write.

    Never overwrites FILE. The evidence files (photos) are in the folder beside the database
    (civicli.db -> civicli-files/): copy that folder too. To restore, copy the backup back in
    place of the database and run civicli check.
    """
    _existing_db(ctx)
    e = invocation(ctx)
    store = e.store()
    size = make_backup(store, file)
    files = evidence_folder(store.path)
    if files.is_dir():
        e.out.note(STORE["backup_done"].format(path=file, size=_size(size), files=files))
    else:
        e.out.note(STORE["backup_done_no_files"].format(path=file, size=_size(size)))


@app.command()
def check(ctx: typer.Context) -> None:
    """The database's health: SQLite integrity, schema version, evidence files present.

    Exit 1 naming each problem.
    """
    _existing_db(ctx)
    e = invocation(ctx)
    store = e.store()
    health = run_check(store)
    for line in health.notes:
        e.out.note(line)
    if health.problems:
        for line in health.problems:
            e.out.error(line)
        raise DatabaseError(STORE["check_failed"].format(path=store.path, n=len(health.problems)))
    e.out.write(STORE["check_ok"].format(path=store.path, schema=health.schema, files=health.files))
