"""The weekly bulletin (创建简报): summary. Cron-safe: no prompts, plain UTF-8, atomic --output."""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import env, handles_errors, week_option

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
            callback=week_option,
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
    data = build_summary(e.store(), e.today, parse_week(week) if week is not None else None)
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


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` through a temporary file in the same folder and os.replace:
    readers see the old file or the whole new one, never a part; nothing is left on failure."""
    import tempfile

    from civicli.errors import InvalidInput
    from civicli.i18n import SUMMARY

    if path.is_dir():
        raise InvalidInput(SUMMARY["err_output_dir"].format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InvalidInput(SUMMARY["err_output"].format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else the usual ones for a new file (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
