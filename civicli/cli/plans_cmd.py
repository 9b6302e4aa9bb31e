"""Commands about plan files and plans: load, validate, plans, show."""

from __future__ import annotations

import datetime as dt
from contextlib import closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from civicli.cli.common import Invocation, date_option, invocation, plan_ref
from civicli.i18n import MSG, PLAN_HONESTY, RELY, STATE, TARGETS, TERM, H
from civicli.output.table import Block, Column
from civicli.output.terminal import Out
from civicli.output.words import occurrence_text, pct, schedule_text

if TYPE_CHECKING:
    from civicli.store.loaded import FileResult

app = typer.Typer(add_completion=False)  # completion is the root's

PathsArg = Annotated[
    list[Path],
    typer.Argument(show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json")]


def _progress_bar(out: Out, total: int):  # type: ignore[no-untyped-def]
    """A Rich progress bar on a terminal for many files; None otherwise (piped, or few files)."""
    if out.plain or total < 5:
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task(MSG["loading"], total=total)
    return bar, lambda done, _total, _label: bar.update(task, completed=done)


@app.command()
def validate(ctx: typer.Context, paths: PathsArg) -> None:
    """Check plan files (no database needed).

    Every problem in every file is listed with its file, line and key path.
    """
    from civicli.plan.planfile import load_plans

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
    from civicli.plan.planfile import load_changed_plans
    from civicli.store.database import build_new, open_empty
    from civicli.store.load import load as load_into
    from civicli.store.load import loaded_sources, note_file_stats, unchanged_results

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
    bar, callback = _progress_bar(e.out, len(plans))
    results: list[FileResult] | None = None
    with bar if bar is not None else nullcontext():
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
    from civicli.output.load_report import load_report

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
    import os

    from civicli.store.plans import ghosts

    folders = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
    parsed = [(os.path.realpath(r.path), r.plan_id) for r in results if r.path and r.plan_id]
    for kind, plan_id, source, other in ghosts(e.store(), parsed, folders):
        if kind == "id":
            e.out.write(RELY["ghost_id"].format(plan=plan_id, file=source, new=other))
        else:
            e.out.write(RELY["ghost_gone"].format(plan=plan_id, file=source, folder=other))


def _has_plans(e: Invocation) -> bool:
    from civicli.store.reading import has_plans

    return has_plans(e.store())


def _tell_tracked_from(e: Invocation, paths: list[Path]) -> None:
    """At the first load, plans that began before today: what tracked_from does, and how to set
    it without editing the files (`load --track-from`)."""
    from civicli.i18n import TERM
    from civicli.store.plans import started_untracked

    early = started_untracked(e.store(), e.today)
    if early:
        shown = " ".join(str(p) if " " not in str(p) else f"'{p}'" for p in paths)
        e.out.note(
            TERM["tracked_from_hint"].format(
                n=len(early), start=min(early.values()), today=e.today.isoformat(), paths=shown
            )
        )


@app.command()
def plans(
    ctx: typer.Context, json: JsonOpt = False, all_: Annotated[bool, typer.Option("--all")] = False
) -> None:
    """The loaded plans with their period and completion."""
    from civicli.store.plans import plan_rows

    e = invocation(ctx)
    rows = plan_rows(e.store(), e.today, archived=all_)
    if json:
        e.out.json(
            [
                {
                    k: r[k]
                    for k in (
                        "id",
                        "title",
                        "community",
                        "start",
                        "end",
                        "tasks",
                        "done",
                        "percent",
                        "incomplete",
                        "archived",
                    )
                }
                for r in rows
            ]
        )
        return
    if not rows:
        e.out.note(MSG["plans_empty"])
        return
    block = Block(
        columns=[
            Column(H["plan_id"]),
            Column(H["title"]),
            Column(H["community"]),
            Column(H["period"]),
            Column(H["tasks"], "right"),
            Column(H["done_occurrences"], "right"),
            Column(H["percent"], "right"),
        ]
    )
    for r in rows:
        block.rows.append(
            [
                r["id"],
                r["title"]
                + (PLAN_HONESTY["incomplete_mark"] if r["incomplete"] else "")
                + (RELY["archived_mark"] if r["archived"] else ""),
                r["community"] or "",
                f"{r['start']} ~ {r['end']}",
                str(r["tasks"]),
                str(r["done"]),
                pct(r["percent"]),
            ]
        )
    e.out.blocks([block])


@app.command()
def archive(ctx: typer.Context, plan: Annotated[str, typer.Argument(show_default=False)]) -> None:
    """Take a plan out of use.

    Gone from every listing, checklist, bulletin and ledger (`plans --all` lists it, marked);
    its history stays readable with `log`; loading its file again brings it back.
    """
    from civicli.store.plans import archive_plan

    e = invocation(ctx)
    done = archive_plan(e.store(), plan)
    e.out.write(RELY["archived"].format(plan=done["id"], title=done["title"], n=done["tasks"]))


@app.command()
def show(
    ctx: typer.Context,
    plan: Annotated[str, typer.Argument(show_default=False)],
    json: JsonOpt = False,
) -> None:
    """One plan: goals, sections and tasks.

    Goal targets show how each is counted and where it stands against its target; tasks
    show their current occurrence and status.
    """
    from civicli.store.plans import plan_detail

    e = invocation(ctx)
    d = plan_detail(e.store(), plan_ref(e, plan) or plan, e.today)
    if json:
        e.out.json(
            {
                k: d[k]
                for k in (
                    "id",
                    "title",
                    "community",
                    "start",
                    "end",
                    "percent",
                    "tasks",
                    "done",
                    "guiding_ideology",
                    "principles",
                    "goals",
                    "sections",
                    "assumed",
                    "incomplete",
                    "tracked_from",
                    "track_from",
                )
            }
        )
        return
    out = e.out
    mark = PLAN_HONESTY["incomplete_mark"] if d["incomplete"] else ""
    head = Block(title=f"{d['title']}{mark}  [{d['id']}]", columns=[Column(""), Column("")])
    head.rows = [
        [H["community"], d["community"] or ""],
        [H["period"], f"{d['start']} ~ {d['end']}"],
        *(
            [[TERM["tracked_from"], d["tracked_from"] + (TERM["track_from_set"] if d["track_from"] else "")]]
            if d["tracked_from"]
            else []
        ),
        [H["percent"], pct(d["percent"])],
        [H["tasks"], str(d["tasks"])],
        [H["done_occurrences"], str(d["done"])],
    ]
    if d["guiding_ideology"]:
        head.rows.append([MSG["guiding_ideology"], d["guiding_ideology"]])
    for i, principle in enumerate(d["principles"]):
        head.rows.append([MSG["principles"] if i == 0 else "", principle])
    if d["incomplete"]:
        head.rows.append([PLAN_HONESTY["incomplete"], d["incomplete"]])
    if d["assumed"]:
        head.rows.append([PLAN_HONESTY["assumed"], d["assumed"]])
    blocks = [head]
    if d["goals"]:
        from civicli.reports.targets import how_counted, target_words

        goals = Block(
            title=H["goals"],
            columns=[Column(H["goals"]), Column(H["target"]), Column(TARGETS["how"]), Column(H["actual"])],
        )
        for g in d["goals"]:
            goals.rows.append([f"{g['id']} {g['text']}", "", "", ""])
            goals.row_styles.append("bold")
            for t in g["targets"]:
                sign = "≥" if t["direction"] == "at_least" else "≤"
                measure = f"{t['metric_name']} " if t["metric_name"] else ""
                goals.rows.append(
                    [
                        f"  {t['text']}",
                        f"{measure}{sign} {t['target']}",
                        how_counted(t),
                        target_words(t, zh=False),
                    ]
                )
                goals.row_styles.append(None)
        blocks.append(goals)
    for s in d["sections"]:
        sec = Block(
            title=f"{s['id']}  {s['title']}",
            columns=[
                Column(H["key"]),
                Column(H["title"]),
                Column(H["owner"]),
                Column(H["schedule"]),
                Column(H["occurrence"]),
                Column(H["state"]),
                Column(H["done"], "right"),
            ],
        )
        for t in s["tasks"]:
            state = STATE.get(t["state"], "") if t["state"] else ""
            occ = occurrence_text(t["occurrence"], schedule=t["schedule"])
            sec.rows.append(
                [
                    t["task"],
                    t["title"],
                    t["owner_name"] or "",
                    schedule_text(
                        {
                            "due": t["due_date"],
                            "every": t["every"],
                            "festival": t["festival"],
                            "period": t["schedule"] == "period",
                        }
                    ),
                    occ,
                    state,
                    f"{t['done']}/{t['occurrences']}",
                ]
            )
        blocks.append(sec)
    assumed = _assumed_block(d)
    if assumed is not None:
        blocks.append(assumed)
    out.blocks(blocks)


def _assumed_block(d: dict[str, Any]) -> Block | None:
    """What the plan's author assumed beyond the source, by target and task: what the clerk
    checks and adjusts for their community (None when nothing is marked)."""
    block = Block(
        title=PLAN_HONESTY["assumed_title"],
        columns=[Column(H["key"]), Column(H["title"]), Column(PLAN_HONESTY["assumed"])],
    )
    for g in d["goals"]:
        for t in g["targets"]:
            if t["assumed"]:
                block.rows.append([f"{g['id']}/{t['id']}", t["text"], t["assumed"]])
    for s in d["sections"]:
        for t in s["tasks"]:
            if t["assumed"]:
                block.rows.append([t["task"], t["title"], t["assumed"]])
    return block if block.rows else None
