"""The weekly bulletin (创建简报): summary. Cron-safe: no prompts, plain UTF-8, atomic --output."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civicli.cli.common import env, handles_errors

if TYPE_CHECKING:
    from civicli.reports.bulletin import Week

app = typer.Typer()


class Format(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@handles_errors
def summary(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="YYYY-Www",
            help="The ISO week, e.g. 2027-W36 (or a date inside it). Default: the latest week that ended "
            "before today.",
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text (the bulletin as plain text), markdown (the bulletin, starting with a # heading) "
            "or json (the data).",
        ),
    ] = Format.text,
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
) -> None:
    """The weekly bulletin (创建简报).

    The summary of an ISO week as of its last day. Completed and progressed tasks, inspections and rectifications, overdue work, what opens or
    is due in the next two weeks (festivals named), and completion per plan. Each week gets an
    issue number (期号), sequential within the year and kept when the week is generated again.
    """
    from civicli.reports.bulletin import build_summary, parse_week

    e = env(ctx)
    if output is not None:  # refused before the week takes its issue number
        from civicli.output.files import check_output

        check_output(output, force=True)
    target = parse_week(week) if week is not None else None
    if target is not None:
        _check_week(target, week or "")
    data = build_summary(e.store(), e.today, target)
    if fmt is Format.json:
        from civicli.output.terminal import json_text

        text = json_text(data)
    else:
        from civicli.output.bulletin import render

        text = render(data, fmt.value)
    if output is None:
        e.out.stdout.write(text)
        e.out.stdout.flush()
        return
    write_atomically(output, text)
    if sys.stderr.isatty():
        from civicli.i18n import SUMMARY

        e.out.note(
            SUMMARY["written"].format(path=output, title=data["title"], n=data["issue"], week=data["week"])
        )


def _check_week(target: Week, text: str) -> None:
    """A week inside the dates civicli handles (1900–2100), else a clear error."""
    from civicli.errors import InvalidInput
    from civicli.i18n import ERR
    from civicli.limits import date_ok

    if not (date_ok(target.start) and date_ok(target.end)):
        raise InvalidInput(ERR["date_range"].format(what="--week", value=text))


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` whole or not at all (output.files.write_whole): replacing the
    bulletin of an earlier run, writing through a symbolic link, refusing a FIFO, a device or a
    folder."""
    from civicli.output.files import write_whole

    write_whole(path, text.encode("utf-8"), force=True)
