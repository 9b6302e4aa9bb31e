"""calendar: the occurrences still to do as an iCalendar file, for a phone or desktop calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import invocation, plan_ref
from civicli.i18n import ICAL
from civicli.output.files import plan_output, write_whole
from civicli.output.ical import calendar_bytes
from civicli.reports.calendar import calendar_events

app = typer.Typer(add_completion=False)  # completion is the root's


@app.command()
def calendar(
    ctx: typer.Context,
    plan: Annotated[str | None, typer.Option("--plan", metavar="PLAN")] = None,
    owner: Annotated[
        str | None,
        typer.Option("--owner", metavar="TEXT"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE"),
    ] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """The outstanding and upcoming occurrences as an iCalendar (.ics) file."""

    e = invocation(ctx)
    # refused before any work is done: the database, its evidence or a plan file (even with
    # --force), an existing file without --force, an extension other than .ics (wrong usage)
    plan_output(output, None, ["ics"], "ics", force=force, protected=e.protected())
    events = calendar_events(e.store(), e.today, plan=plan_ref(e, plan), owner=owner)
    data = calendar_bytes(events, dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    if output is None:
        e.out.stdout.write(data.decode("utf-8"))
        return

    write_whole(output, data, force=force, protected=e.protected())
    e.out.note(ICAL["written"].format(path=output, n=len(events)))
