"""The weekly bulletin (创建简报): summary. Cron-safe: no prompts, plain UTF-8, atomic --output."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from civicli.cli.common import Env, env, handles_errors, week_option

if TYPE_CHECKING:
    from civicli.store.connection import Store

if TYPE_CHECKING:
    from civicli.reports.bulletin import Week

app = typer.Typer()


class Format(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    docx = "docx"


@app.command()
@handles_errors
def summary(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="YYYY-Www",
            callback=week_option,
            help="The ISO week, e.g. 2027-W36 (or a date inside it). Default: the latest week that ended "
            "before today.",
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text (the bulletin as plain text), markdown (the bulletin, starting with a # heading), "
            "json (the data) or docx (a Word document; needs --output).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically: a temporary file in the same folder, then renamed) "
            "instead of stdout.",
        ),
    ] = None,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
            help="Add the 督办 section (overdue tasks and rectifications) for the community's own use; "
            "the bulletin that goes up leaves it out.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """The weekly bulletin (创建简报).

    The summary of an ISO week as of its last day. Completed and progressed tasks, inspections and rectifications, overdue work, what opens or
    is due in the next two weeks (festivals named), and completion per plan. Each week gets an
    issue number (期号) once it has ended, sequential within the year (or from the setting
    bulletin.next_issue) and kept when the week is generated again; a preview of a week not
    yet ended has no number.
    """
    from civicli.reports.bulletin import build_summary, default_week, numbered, parse_week

    e = env(ctx)
    chosen = parse_week(week) if week is not None else default_week(e.today)
    _check_week(chosen, week, chosen.key if week is None else week)
    from civicli.output.files import plan_output

    # refused before the week takes its issue number
    given = fmt.value if fmt else None
    fmt = Format(
        plan_output(output, given, [f.value for f in Format], "text", force=force, protected=e.protected())
    )
    if fmt is Format.docx:
        from civicli.i18n import ERR

        if output is None:
            raise typer.BadParameter(ERR["docx_needs_output"], param_hint="--output")
    store = e.store()
    draft = build_summary(store, e.today, chosen, take_number=False)
    if output is None:  # the number is taken (committed) before the text goes down the pipe
        with numbered(store, draft) as data:
            text = _render(data, fmt, internal)
        e.out.stdout.write(text)
        e.out.stdout.flush()
        return
    if fmt is Format.docx:
        from civicli.output.docx import write_docx
        from civicli.output.files import write_whole

        with numbered(store, draft) as data:  # a file that could not be written takes no number
            write_whole(
                output,
                lambda tmp: write_docx(tmp, data, internal=internal),
                force=force,
                protected=e.protected(),
            )
    else:
        # a symlink is written through to its target; a FIFO, device or folder is refused
        from civicli.output.files import write_whole

        with numbered(store, draft) as data:  # a file that could not be written takes no number
            text = _render(data, fmt, internal)
            write_whole(output, text.encode("utf-8"), force=force, protected=e.protected())
    _written(e, output, data)


def _written(e: Env, output: Path, data: dict[str, Any]) -> None:
    done: list[str] = []
    if not data["preview"]:  # a finished week's bulletin closes the tasks it completes
        done = _record_completed_by_bulletin(e.store(), data, output, e.today)
    if sys.stderr.isatty():
        from civicli.i18n import SUMMARY

        key = "written" if data["issue"] is not None else "written_preview"
        e.out.note(SUMMARY[key].format(path=output, title=data["title"], n=data["issue"], week=data["week"]))
        if done:
            from civicli.i18n import CAL

            e.out.note(CAL["bulletin_done"].format(tasks="、".join(done)))


def _record_completed_by_bulletin(
    store: Store, data: dict[str, Any], output: Path, today: dt.date
) -> list[str]:
    """Tasks with `completed_by: bulletin` get their `done` record for this week (once).
    Returns `TASK occurrence` of each recorded now."""
    from civicli.i18n import CAL
    from civicli.store.completed_by import complete_by_bulletin

    note = CAL["bulletin_note"].format(week=data["week"], n=data["issue"], path=output.name)
    found = complete_by_bulletin(store, data["week"], dt.date.fromisoformat(data["end"]), today, note)
    return [f"{c.task_key} {c.occurrence}" for c in found]


def _render(data: dict[str, Any], fmt: Format, internal: bool) -> str:
    if fmt is Format.json:
        from civicli.output.terminal import json_text

        return json_text(data)
    from civicli.output.bulletin import render

    return render(data, fmt.value, internal)


def _check_week(target: Week, given: str | None, text: str) -> None:
    """A week inside the dates civicli handles (1900–2100), else a clear error."""
    from civicli.errors import InvalidInput
    from civicli.i18n import ERR
    from civicli.limits import date_ok

    if not (date_ok(target.start) and date_ok(target.end)):
        # without --week, the week is the one before --today's
        what = "--week" if given is not None else "--today"
        raise InvalidInput(ERR["date_range"].format(what=what, value=text))
