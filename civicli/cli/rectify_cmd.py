"""The 整改 loop: rectify (整改措施) and recheck (复查) on an open rectification."""

from __future__ import annotations

from typing import Annotated

import typer

from civicli.cli.common import invocation, parse_date
from civicli.i18n import RECTIFY as R
from civicli.limits import MAX_ID
from civicli.store.rectifications import record_step, rectification_json, rectification_ref

app = typer.Typer(add_completion=False)  # completion is the root's

NumberArg = Annotated[
    str,
    typer.Argument(
        metavar="N",
        show_default=False,
    ),
]


def _rectification_number(ctx: typer.Context, value: str) -> int:
    """3, #3, 整改#3 or PLAN/整改#3 → 3."""
    text = value.strip().lstrip("#")
    found = int(text) if text.isdigit() else rectification_ref(value)
    if found is None or not 1 <= found <= MAX_ID:
        raise typer.BadParameter(R["err_bad_number"].format(value=value), ctx=ctx, param_hint="'N'")
    return found


ByOpt = Annotated[str | None, typer.Option("--by", metavar="NAME")]
PhotoOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--photo",
        metavar="PATH",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json")]
AgainOpt = Annotated[bool, typer.Option("--again")]


def _report(ctx: typer.Context, row: dict[str, object], line: str, json: bool) -> None:
    e = invocation(ctx)
    if json:
        e.out.json({**rectification_json(row), "step": row["step"], "photos": row["photos"]})
        return
    e.out.write(line)
    if row["photos"]:
        e.out.write(R["photos_stored"].format(paths="、".join(str(p) for p in row["photos"])))  # type: ignore[attr-defined]


@app.command()
def rectify(
    ctx: typer.Context,
    number: NumberArg,
    measure: Annotated[str | None, typer.Option("--measure", metavar="TEXT")] = None,
    by: ByOpt = None,
    photo: PhotoOpt = None,
    date: DateOpt = None,
    json: JsonOpt = False,
    again: AgainOpt = False,
) -> None:
    """Record a rectification step (整改措施) on open rectification N.

    The rectification becomes in progress and stays open until a recheck passes it (or a
    later inspection of the area passes the item).
    """
    e = invocation(ctx)
    n = _rectification_number(ctx, number)
    day = parse_date(date, "--date", e.today) if date is not None else None
    row = record_step(
        e.store(), n, e.today, "measure", text=measure, by=by, date=day, photos=photo or [], again=again
    )
    line = R["measure_recorded"].format(
        id=n,
        item=row["item_text"],
        area=row["area"],
        date=(day or e.today).isoformat(),
        status=R[f"status_{row['status']}"],
    )
    _report(ctx, row, line, json)


@app.command()
def recheck(
    ctx: typer.Context,
    number: NumberArg,
    pass_: Annotated[bool, typer.Option("--pass")] = False,
    fail: Annotated[bool, typer.Option("--fail")] = False,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT")] = None,
    photo: PhotoOpt = None,
    date: DateOpt = None,
    json: JsonOpt = False,
    again: AgainOpt = False,
) -> None:
    """Record a recheck (复查) of rectification N: --pass closes it, --fail keeps it open.

    A failed recheck counts a repeat and sets a new due date (its date + the template's
    rectify days).
    """
    if pass_ and fail:
        raise typer.BadParameter(R["err_pass_and_fail"], ctx=ctx, param_hint="'--pass' / '--fail'")
    if not pass_ and not fail:
        raise typer.BadParameter(R["err_pass_or_fail"], ctx=ctx, param_hint="'--pass' / '--fail'")
    e = invocation(ctx)
    n = _rectification_number(ctx, number)
    day = parse_date(date, "--date", e.today) if date is not None else None
    row = record_step(
        e.store(),
        n,
        e.today,
        "recheck",
        passed=pass_,
        text=note,
        by=by,
        date=day,
        photos=photo or [],
        again=again,
    )
    when = (day or e.today).isoformat()
    if pass_:
        line = R["recheck_passed"].format(id=n, item=row["item_text"], area=row["area"], date=when)
    else:
        line = R["recheck_failed"].format(
            id=n, item=row["item_text"], area=row["area"], n=row["repeats"], due=row["due"]
        )
    _report(ctx, row, line, json)
