"""Commands about plan files: validate and load."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import Invocation, date_option, invocation
from civicli.i18n import MSG, RELY, TERM
from civicli.output.load_report import load_report
from civicli.plan.planfile import load_changed_plans, load_plans
from civicli.store.database import build_new, open_empty
from civicli.store.load import load as load_into
from civicli.store.load import loaded_sources, note_file_stats, unchanged_results
from civicli.store.loaded import FileResult
from civicli.store.plans import ghosts, started_untracked
from civicli.store.reading import has_plans

app = typer.Typer(add_completion=False)  # completion is the root's

PathsArg = Annotated[
    list[Path],
    typer.Argument(show_default=False),
]


@app.command()
def validate(ctx: typer.Context, paths: PathsArg) -> None:
    """Check plan files (no database needed).

    Every problem in every file is listed with its file, line and key path.
    """
    plans = load_plans(paths)
    invocation(ctx).out.write(MSG["valid"].format(n=len(plans), plans=", ".join(p.id for p in plans)))


@app.command()
def load(
    ctx: typer.Context,
    paths: PathsArg,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
    track_from: Annotated[
        str | None, typer.Option("--track-from", metavar="DATE", callback=date_option)
    ] = None,
) -> None:
    """Load plan files and folders into the database.

    All files are validated first; then all are loaded in one transaction, or none.
    Loading the same files again changes nothing; a task removed from its file is
    archived with its history kept.
    """
    e = invocation(ctx)
    # A database not made yet is not made before the files are valid: a first load makes it
    # aside (build_new) and moves it into place when every plan is written.
    db_path = e.database_path()
    new = not db_path.exists()
    since = dt.date.fromisoformat(track_from) if track_from else None
    # the first plans this database gets (a new database, or one made but empty): tell the clerk
    # about tracked_from after loading
    first = not dry_run and since is None and (new or not _has_plans(e))
    # Files whose bytes this civicli version loaded already are skipped unread (never with
    # --force, nor with --track-from: it changes what they load).
    known = {} if force or new or since else loaded_sources(e.store())
    plans, skipped, order = load_changed_plans(paths, known)
    results: list[FileResult] | None = None
    with e.out.progress(MSG["loading"], len(plans)) as callback:
        if new and plans and not dry_run:
            results = build_new(
                db_path,
                lambda store: load_into(store, plans, force=force, progress=callback, track_from=since),
            )
        elif new and dry_run:  # compared with an empty database in memory: none made
            with closing(open_empty()) as empty:
                results = load_into(empty, plans, dry_run=True, progress=callback, track_from=since)
        if results is None:
            results = load_into(
                e.store(), plans, force=force, dry_run=dry_run, progress=callback, track_from=since
            )
    if skipped:
        if not dry_run:
            note_file_stats(e.store(), skipped)
        results += unchanged_results(e.store(), skipped)
        place = {source: i for i, source in enumerate(order)}
        results.sort(key=lambda r: place.get(r.path, len(place)))

    block, notes = load_report(results, dry_run=dry_run)
    e.out.blocks([block])
    for note in notes:
        e.out.write(note)
    if first:
        _tell_tracked_from(e, paths)
    if not new:
        _name_ghosts(e, paths, results)


def _name_ghosts(e: Invocation, paths: list[Path], results: list[FileResult]) -> None:
    """The plans in use whose file now declares another id, or that are no longer among the
    files of a folder loaded: named, with how to archive them (`civicli archive`)."""

    folders = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
    parsed = [(os.path.realpath(r.path), r.plan_id) for r in results if r.path and r.plan_id]
    for kind, plan_id, source, other in ghosts(e.store(), parsed, folders):
        if kind == "id":
            e.out.write(RELY["ghost_id"].format(plan=plan_id, file=source, new=other))
        else:
            e.out.write(RELY["ghost_gone"].format(plan=plan_id, file=source, folder=other))


def _has_plans(e: Invocation) -> bool:
    return has_plans(e.store())


def _tell_tracked_from(e: Invocation, paths: list[Path]) -> None:
    """At the first load, plans that began before today: what tracked_from does, and how to set
    it without editing the files (`load --track-from`)."""
    early = started_untracked(e.store(), e.today)
    if early:
        shown = " ".join(str(p) if " " not in str(p) else f"'{p}'" for p in paths)
        e.out.note(
            TERM["tracked_from_hint"].format(
                n=len(early), start=min(early.values()), today=e.today.isoformat(), paths=shown
            )
        )
