"""export: write a ledger (台账) as an Excel workbook or a CSV file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import env, parse_date
from civicli.cli.values import Choice, choices_metavar, one_of

app = typer.Typer(add_completion=False)  # completion is the root's


class LedgerFormat(Choice):
    xlsx = "xlsx"
    csv = "csv"


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

    One row per entry, oldest first; records taken back with undo are left out. The file is
    written whole or not at all, and an existing file is never overwritten without --force.
    """
    from civicli.errors import InvalidInput
    from civicli.i18n import ERR, MSG
    from civicli.output.files import plan_output
    from civicli.reports.ledgers import build_ledger, ledger_name

    name = ledger_name(ledger)  # a wrong name is told before the database is opened
    e = env(ctx)
    lo = parse_date(start, "--from", e.today) if start is not None else None
    hi = parse_date(end, "--to", e.today) if end is not None else None
    given = fmt.value if fmt else None
    default = "csv" if output == "-" else "xlsx"  # stdout takes text
    writable = [f.value for f in LedgerFormat]  # refused before the ledger is computed
    fmt = LedgerFormat(plan_output(output, given, writable, default, force=force, protected=e.protected()))
    if output == "-" and fmt is LedgerFormat.xlsx:
        raise InvalidInput(ERR["xlsx_stdout"])
    data = build_ledger(e.store(), name, e.today, plan=plan, start=lo, end=hi)
    if output == "-":
        from civicli.output.csv import write_csv

        stream = sys.stdout
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(newline="")
        write_csv(stream, data.headers, data.rows)
        stream.flush()
        return
    path = Path(output) if output else Path(f"{data.file_stem}.{fmt.value}")
    from civicli.output.files import write_whole

    if fmt is LedgerFormat.csv:
        from civicli.output.csv import write_csv

        def fill(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                write_csv(fh, data.headers, data.rows)

    else:
        from civicli.output.xlsx import write_xlsx

        def fill(tmp: Path) -> None:
            write_xlsx(tmp, title=data.title, sheet=data.sheet, headers=data.headers, rows=data.rows)

    write_whole(path, fill, force=force, protected=e.protected())
    e.out.note(MSG["exported"].format(path=path, ledger=data.sheet, rows=len(data.rows)))
