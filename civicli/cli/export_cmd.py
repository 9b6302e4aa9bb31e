"""export: write a ledger (台账) as an Excel workbook or a CSV file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import invocation, parse_date
from civicli.cli.values import Choice, choices_metavar, one_of
from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR, LEDGER_DOC, MSG
from civicli.output.csv import write_csv
from civicli.output.files import plan_output, write_whole
from civicli.reports.ledgers import ledger_name, open_ledger

app = typer.Typer(add_completion=False)  # completion is the root's


class LedgerFormat(Choice):
    xlsx = "xlsx"
    csv = "csv"
    docx = "docx"


@app.command()
def export(
    ctx: typer.Context,
    ledger: Annotated[
        str,
        typer.Argument(
            metavar="LEDGER",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        LedgerFormat | None,
        typer.Option("--format", parser=one_of(LedgerFormat), metavar=choices_metavar(LedgerFormat)),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
        ),
    ] = None,
    plan: Annotated[str | None, typer.Option("--plan", metavar="PLAN")] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="DATE")] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE"),
    ] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """Write a ledger (台账).

    One row per entry, oldest first; records taken back with undo are left out. Without
    --format, a file name ending in .csv, .xlsx or .docx says the format. The file is written
    whole or not at all, and an existing file is never overwritten without --force.
    """
    run_export(ctx, ledger, fmt, output, plan=plan, start=start, end=end, force=force)


def run_export(
    ctx: typer.Context,
    ledger: str,
    fmt_given: LedgerFormat | None,
    output: str | None,
    *,
    plan: str | None,
    start: str | None,
    end: str | None,
    force: bool,
) -> None:
    name = ledger_name(ledger)  # a wrong name is told before the database is opened
    e = invocation(ctx)
    lo = parse_date(start, "--from", e.today) if start is not None else None
    hi = parse_date(end, "--to", e.today) if end is not None else None
    given = fmt_given.value if fmt_given else None
    default = "csv" if output == "-" else "xlsx"  # stdout takes text
    writable = [f.value for f in LedgerFormat]  # refused before the ledger is computed
    fmt = LedgerFormat(plan_output(output, given, writable, default, force=force, protected=e.protected()))
    if output == "-" and fmt is LedgerFormat.xlsx:
        raise InvalidInput(ERR["xlsx_stdout"])
    if fmt is LedgerFormat.docx and name != "activities":
        raise InvalidInput(LEDGER_DOC["docx_only_activities"])
    if output == "-" and fmt is LedgerFormat.docx:
        raise InvalidInput(LEDGER_DOC["docx_stdout"])
    store = e.store()
    if output == "-":
        with open_ledger(store, name, e.today, plan=plan, start=lo, end=hi) as data:
            stream = sys.stdout
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(newline="")
            write_csv(stream, data.headers, data.rows)
            stream.flush()
        return

    rows = 0
    with open_ledger(store, name, e.today, plan=plan, start=lo, end=hi) as data:
        path = Path(output) if output else Path(f"{data.file_stem}.{fmt.value}")
        if fmt is LedgerFormat.csv:

            def fill(tmp: Path) -> None:
                nonlocal rows
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    rows = write_csv(fh, data.headers, data.rows)

        elif fmt is LedgerFormat.docx:
            from civicli.output.activity_docx import write_activity_docx  # python-docx, Pillow

            def fill(tmp: Path) -> None:
                nonlocal rows
                pages = ((x.row, next((f for _, f in x.photos), ())) for x in data.entries)
                rows = write_activity_docx(tmp, pages, community=data.range.community)  # type: ignore[arg-type]
                if rows == 0:  # no page to print: nothing is written
                    raise NotFound(
                        LEDGER_DOC["no_activities"].format(
                            start=data.range.start.isoformat(), end=data.range.end.isoformat()
                        )
                    )

        else:
            from civicli.output.xlsx import write_xlsx  # XlsxWriter, Pillow

            def fill(tmp: Path) -> None:
                nonlocal rows
                rows = write_xlsx(
                    tmp,
                    title=data.title,
                    sheet=data.sheet,
                    headers=data.headers,
                    entries=((x.row, x.photos) for x in data.entries),
                    foot=data.foot,
                )

        write_whole(path, fill, force=force, protected=e.protected())
    label = LEDGER_DOC["record_title"] if fmt is LedgerFormat.docx else data.sheet
    e.out.note(MSG["exported"].format(path=path, ledger=label, rows=rows))
