"""The weekly bulletin (创建简报): summary. Cron-safe: no prompts, plain UTF-8, atomic --output."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from civicli.cli.common import Env, env, handles_errors

if TYPE_CHECKING:
    from civicli.store.connection import Store

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
            help="The ISO week, e.g. 2027-W36 (or a date inside it). Default: the latest week that ended "
            "before today.",
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text (the bulletin as plain text), markdown (the bulletin, starting with a # heading), "
            "json (the data) or docx (a Word document; needs --output).",
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
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
            help="Add the 督办 section (overdue tasks and rectifications) for the community's own use; "
            "the bulletin that goes up leaves it out.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --format docx: overwrite an existing file.")
    ] = False,
) -> None:
    """The weekly bulletin (创建简报).

    The summary of an ISO week as of its last day. Completed and progressed tasks, inspections and rectifications, overdue work, what opens or
    is due in the next two weeks (festivals named), and completion per plan. Each week gets an
    issue number (期号) once it has ended, sequential within the year (or from the setting
    bulletin.next_issue) and kept when the week is generated again; a preview of a week not
    yet ended has no number.
    """
    from civicli.reports.bulletin import build_summary, numbered, parse_week

    e = env(ctx)
    if fmt is Format.docx:
        from civicli.i18n import ERR
        from civicli.output.files import target_of

        if output is None:
            raise typer.BadParameter(ERR["docx_needs_output"], param_hint="--output")
        target_of(output, force=force)  # refused before the week takes its number
    store = e.store()
    draft = build_summary(store, e.today, parse_week(week) if week is not None else None, take_number=False)
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
            write_whole(output, lambda tmp: write_docx(tmp, data, internal=internal), force=force)
    else:
        from civicli.output.files import target_of

        # a symlink is written through to its target; a FIFO, device or folder is refused
        target = target_of(output, force=True) if os.path.lexists(output) else output
        with numbered(store, draft) as data:  # a file that could not be written takes no number
            write_atomically(target, _render(data, fmt, internal))
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
