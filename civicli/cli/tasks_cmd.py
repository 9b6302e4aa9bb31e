"""The daily commands: tasks (the checklist), progress, done, log."""

from __future__ import annotations

from typing import Annotated

import typer

from civicli.cli.common import Invocation, invocation, parse_date, plan_ref
from civicli.cli.values import Choice, choices_metavar, one_of, whole_number
from civicli.i18n import MSG, STATUS, TERM, UNDO, H
from civicli.output.checklist import checklist_blocks, checklist_markdown, tasks_json
from civicli.output.table import Block, Column
from civicli.output.words import local_minute, occurrence_text, pct
from civicli.store.checklist import ChecklistFilter, checklist_lines
from civicli.store.plans import plan_titles
from civicli.store.records import log as task_log
from civicli.store.records import metric_names, parse_metrics, record_progress, resolve_task, schedule_code

app = typer.Typer(add_completion=False)  # completion is the root's


class ListFormat(Choice):
    table = "table"
    markdown = "markdown"


TaskArg = Annotated[str, typer.Argument(show_default=False)]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT")]
ByOpt = Annotated[str | None, typer.Option("--by", metavar="NAME")]
OccurrenceOpt = Annotated[
    str | None,
    typer.Option(
        "--occurrence",
        metavar="KEY",
    ),
]
MetricOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--metric",
        metavar="NAME=NUMBER",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
    ),
]
AgainOpt = Annotated[
    bool,
    typer.Option("--again"),
]
# activity details (活动台账): where, who took part, photos kept as evidence
PlaceOpt = Annotated[str | None, typer.Option("--place", metavar="TEXT")]
PeopleOpt = Annotated[
    str | None,
    typer.Option("--people", metavar="TEXT"),
]
PhotoOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--photo",
        metavar="PATH",
    ),
]


@app.command()
def tasks(
    ctx: typer.Context,
    plan: Annotated[str | None, typer.Option("--plan", metavar="ID")] = None,
    owner: Annotated[
        str | None,
        typer.Option("--owner", metavar="TEXT"),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue")] = False,
    due_within: Annotated[
        int | None,
        typer.Option("--due-within", metavar="DAYS", parser=whole_number(low=0)),
    ] = None,
    all_: Annotated[bool, typer.Option("--all")] = False,
    json: JsonOpt = False,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", parser=one_of(ListFormat), metavar=choices_metavar(ListFormat)),
    ] = ListFormat.table,
) -> None:
    """The checklist of outstanding work.

    Overdue occurrences first, then by due date; open rectifications (整改) included.
    """
    e = invocation(ctx)
    store = e.store()
    lines = checklist_lines(
        store,
        e.today,
        ChecklistFilter(
            plan=plan_ref(e, plan), owner=owner, overdue=overdue, due_within=due_within, all=all_
        ),
    )
    if json:  # written as it is read
        e.out.data(tasks_json(lines))
        return
    rows = list(lines)

    titles = plan_titles(store)
    counts = {
        s: sum(1 for r in rows if r.state == s)
        for s in ("overdue", "outstanding", "upcoming", "done", "missed")
    }
    if fmt is ListFormat.markdown:
        e.out.stdout.write(checklist_markdown(rows, titles, e.today.isoformat(), counts))
        return
    if not rows:
        e.out.write(MSG["checklist_empty"])
        return
    e.out.blocks(checklist_blocks(rows, titles, e.today.isoformat(), counts))


def _metric_names(e: Invocation, task_key: str) -> dict[str, str]:
    """Metric id → Chinese name for the task's plan (shown in place of the id)."""
    return metric_names(e.store(), task_key.split("/", 1)[0])


def _record(ctx: typer.Context, task: str, occurrence: str | None, **fields: object) -> None:
    """What progress and done share: the metrics and the date read, the record made, one line said."""
    e = invocation(ctx)
    fields["metrics"] = parse_metrics(fields.pop("metric") or [])  # type: ignore[arg-type]
    fields["photos"] = fields.pop("photo") or []
    date = fields.pop("date")
    day = parse_date(date, "--date", e.today) if isinstance(date, str) else None
    rec = record_progress(e.store(), task, e.today, occurrence=occurrence, date=day, **fields)  # type: ignore[arg-type]
    names = _metric_names(e, rec["task"])
    what = " ".join(
        x
        for x in (
            STATUS.get(rec["status"], "") if rec["status"] else "",
            pct(rec["percent"]),
            " ".join(f"{names.get(k, k)}={v}" for k, v in rec["metrics"].items()),
        )
        if x
    )

    occurrence = occurrence_text(rec["occurrence"], schedule=schedule_code(e.store(), rec["task"]))
    e.out.write(MSG["recorded"].format(task=rec["task"], occurrence=occurrence, what=what).rstrip())


@app.command()
def progress(
    ctx: typer.Context,
    task: TaskArg,
    percent: Annotated[int | None, typer.Option("--percent", metavar="N", parser=whole_number())] = None,
    status: Annotated[str | None, typer.Option("--status", metavar="S")] = None,
    note: NoteOpt = None,
    metric: MetricOpt = None,
    by: ByOpt = None,
    occurrence: OccurrenceOpt = None,
    date: DateOpt = None,
    again: AgainOpt = False,
    place: PlaceOpt = None,
    people: PeopleOpt = None,
    photo: PhotoOpt = None,
) -> None:
    """Record progress on a task.

    Adds an entry to the history of one occurrence: by default the one not done whose
    window (opens … due) holds the record's date, else the earliest one not done before
    it (made up late), else the next upcoming one.
    """
    _record(
        ctx,
        task,
        occurrence,
        status=status,
        percent=percent,
        note=note,
        by=by,
        metric=metric,
        date=date,
        again=again,
        place=place,
        people=people,
        photo=photo,
    )


@app.command()
def done(
    ctx: typer.Context,
    task: TaskArg,
    note: NoteOpt = None,
    by: ByOpt = None,
    occurrence: OccurrenceOpt = None,
    metric: MetricOpt = None,
    date: DateOpt = None,
    again: AgainOpt = False,
    place: PlaceOpt = None,
    people: PeopleOpt = None,
    photo: PhotoOpt = None,
) -> None:
    """Mark a task occurrence done."""
    _record(
        ctx,
        task,
        occurrence,
        status="done",
        note=note,
        by=by,
        metric=metric,
        date=date,
        again=again,
        place=place,
        people=people,
        photo=photo,
    )


@app.command()
def log(ctx: typer.Context, task: TaskArg, json: JsonOpt = False) -> None:
    """A task's full history.

    Oldest first; archived tasks too.
    """
    e = invocation(ctx)
    entries = task_log(e.store(), task)
    if json:
        e.out.json(entries)
        return

    key = resolve_task(e.store(), task, active=False)["key"]
    names = _metric_names(e, key)
    code = schedule_code(e.store(), key)
    if not entries:
        e.out.write(MSG["log_empty"].format(task=key))
        return
    block = Block(
        title=key,
        columns=[
            Column(TERM["h_record"], "right"),
            Column(H["at"]),
            Column(H["date"]),
            Column(H["occurrence"]),
            Column(H["status"]),
            Column(H["percent"], "right"),
            Column(H["metrics"]),
            Column(H["by"]),
            Column(H["note"]),
            Column(H["place"]),
            Column(H["people"]),
            Column(H["photos"]),
        ],
    )
    for r in entries:
        block.rows.append(
            [
                f"#{r['id']}",
                local_minute(r["at"]),
                r["date"],
                MSG["log_orphaned"].format(occurrence=occurrence_text(r["occurrence"]))  # of a schedule gone
                if r.get("orphaned")
                else occurrence_text(r["occurrence"], schedule=code),
                " ".join(
                    x for x in (STATUS.get(r["status"] or "", ""), UNDO["undone"] if r["undone"] else "") if x
                ),
                pct(r["percent"]),
                " ".join(f"{names.get(k, k)}={v}" for k, v in r["metrics"].items()),
                r["by"] or "",
                (r["note"] or "") + (f" [{MSG['undone']}]" if r["undone"] else ""),
                r["place"] or "",
                r["people"] or "",
                " ".join(r["photos"]),
            ]
        )
    e.out.blocks([block])
