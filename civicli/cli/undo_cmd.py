"""`undo`: take back the latest recording command, or one record or inspection in particular."""

from __future__ import annotations

from typing import Annotated

import typer

from civicli.cli.common import id_option, invocation
from civicli.cli.values import whole_number
from civicli.i18n import STATUS, UNDO
from civicli.output.words import occurrence_text, pct
from civicli.store.undo import undo as take_back

app = typer.Typer(add_completion=False)  # completion is the root's


@app.command()
def undo(
    ctx: typer.Context,
    record: Annotated[
        int | None,
        typer.Argument(
            metavar="RECORD_ID",
            parser=whole_number(),
            callback=id_option,
            show_default=False,
        ),
    ] = None,
    inspection: Annotated[
        int | None, typer.Option("--inspection", metavar="N", parser=whole_number(), callback=id_option)
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
) -> None:
    """Take back the latest record, inspection or rectification step not yet taken back.

    Nothing is deleted: what is taken back stays in `log`, marked 已撤销, and stops counting
    everywhere. Run again to go one further back.
    """
    if record is not None and inspection is not None:
        raise typer.BadParameter(UNDO["err_both"])
    e = invocation(ctx)
    what = take_back(e.store(), e.today, record=record, inspection=inspection, dry_run=dry_run)
    verb = "would" if dry_run else "took"
    if what.kind == "record":
        said = " ".join(
            x for x in (STATUS.get(what.status or "", ""), pct(what.percent), what.note or "") if x
        )
        line = UNDO[f"{verb}_record"].format(
            id=what.id,
            task=what.task_key,
            occurrence=_occurrence(what.occurrence),
            what=f"{said}{UNDO['sep']}" if said else "",
            date=what.date,
        )
    elif what.kind == "inspection":
        line = UNDO[f"{verb}_inspection"].format(
            id=what.id, template=what.template_key, area=what.area, date=what.date
        )
    else:
        line = UNDO[f"{verb}_step"].format(
            id=what.id,
            rectification=what.rectification_id,
            step=UNDO.get(f"step_{what.step}", what.step or ""),
            date=what.date,
        )
    e.out.write(line)
    if dry_run:
        e.out.note(UNDO["dry_run"])


def _occurrence(key: str | None) -> str:
    """The occurrence as the clerk reads it, with its key (what `--occurrence` and `log` take)."""
    shown = occurrence_text(key)
    return shown if not key or shown == key else f"{shown}（{key}）"
