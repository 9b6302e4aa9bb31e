"""The weekly bulletin (创建简报): summary. Cron-safe: no prompts, plain UTF-8, atomic --output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civicli.cli.common import Invocation, invocation, week_option
from civicli.cli.values import Choice, choices_metavar, one_of
from civicli.dates import parse_week, week_ok
from civicli.errors import InvalidInput
from civicli.i18n import BULLETIN_MSG, ERR
from civicli.output.bulletin import render
from civicli.output.files import plan_output, write_whole
from civicli.reports.bulletin import build_bulletin, default_week, is_issued
from civicli.reports.bulletin import issue as issue_bulletin

if TYPE_CHECKING:
    from civicli.reports.bulletin import Bulletin

app = typer.Typer(add_completion=False)  # completion is the root's


class Format(Choice):
    text = "text"
    markdown = "markdown"
    json = "json"
    docx = "docx"


@app.command()
def summary(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="YYYY-Www",
            callback=week_option,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            parser=one_of(Format),
            metavar=choices_metavar(Format),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
        ),
    ] = None,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
        ),
    ] = False,
    issue: Annotated[
        bool,
        typer.Option(
            "--issue",
        ),
    ] = False,
    no_photos: Annotated[bool, typer.Option("--no-photos")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """The weekly bulletin (创建简报).

    The bulletin of an ISO week as of its last day, as the 街道 reads it: the week's activities,
    inspections and rectifications, what is ahead in the next two weeks, and each plan's
    completion and targets. A week takes its issue number (期号) when its bulletin is issued:
    written with --output, or printed with --issue, after the week has ended; it keeps that
    number. Looking at a week on screen, or piping it, uses no number.
    """
    e = invocation(ctx)
    chosen = parse_week(week) if week is not None else default_week(e.today)
    if not week_ok(chosen):  # the week before --today's, when --today is in 1900's first week
        raise InvalidInput(ERR["date_range"].format(what="--today", value=chosen.key))

    # refused before the week takes its issue number
    given = fmt.value if fmt else None
    fmt = Format(
        plan_output(output, given, [f.value for f in Format], "text", force=force, protected=e.protected())
    )
    if fmt is Format.docx and output is None:
        raise typer.BadParameter(ERR["docx_needs_output"], param_hint="--output")
    store = e.store()
    draft = build_bulletin(store, e.today, chosen, internal=internal)
    issuing = is_issued(draft, asked=issue, to_file=output is not None)

    def write(b: Bulletin) -> None:
        """Into --output; down stdout is after the number is taken (committed)."""
        if output is None:
            return
        if fmt is Format.docx:
            from civicli.output.docx import write_docx  # python-docx: for this format only

            write_whole(
                output,
                lambda tmp: write_docx(tmp, b, photos=not no_photos),
                force=force,
                protected=e.protected(),
            )
        else:
            write_whole(output, _render(b, fmt).encode("utf-8"), force=force, protected=e.protected())

    if issuing:
        data, done = issue_bulletin(store, draft, e.today, write)
    else:
        data, done = draft, []
        write(data)
    if output is None:
        e.out.stdout.write(_render(data, fmt))
        e.out.stdout.flush()
    _tell(e, data, output, issuing, [f"{c.task_key} {c.occurrence}" for c in done])


def _tell(e: Invocation, data: Bulletin, output: Path | None, issuing: bool, done: list[str]) -> None:
    """On a terminal: where the bulletin went, its number, the tasks its issuing recorded done."""
    if not sys.stderr.isatty():
        return

    if output is not None:
        key = "written" if data.issue is not None else "written_unnumbered"
        e.out.note(BULLETIN_MSG[key].format(path=output, title=data.title, n=data.issue, week=data.week))
    elif issuing:
        e.out.note(BULLETIN_MSG["issued"].format(title=data.title, n=data.issue, week=data.week))
    if done:
        e.out.note(BULLETIN_MSG["bulletin_done"].format(tasks="、".join(done)))


def _render(data: Bulletin, fmt: Format) -> str:
    return render(data, fmt.value)
