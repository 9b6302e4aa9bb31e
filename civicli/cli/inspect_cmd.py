"""Inspections (检查) and rectifications (整改): inspect, inspections, rectifications, coverage."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from civicli.cli.common import date_option, invocation, parse_date, plan_ref
from civicli.cli.values import whole_number
from civicli.errors import InvalidInput
from civicli.i18n import ERR
from civicli.i18n import INSPECT as T
from civicli.output.inspections import (
    coverage_block,
    coverage_json,
    inspection_json,
    inspections_block,
    recorded_lines,
    rectifications_block,
)
from civicli.store.inspections import (
    answers_from_options,
    list_inspections,
    list_rectifications,
    prepare_inspection,
    record_inspection,
    rectification_json,
    resolve_template,
)
from civicli.store.inspections import coverage as build_coverage
from civicli.text import printable

app = typer.Typer(add_completion=False)  # completion is the root's

MAX_PERIODS = 1000

JsonOpt = Annotated[bool, typer.Option("--json")]
TemplateArg = Annotated[
    str,
    typer.Argument(
        metavar="TEMPLATE",
        show_default=False,
    ),
]
PlanOpt = Annotated[str | None, typer.Option("--plan", metavar="ID")]
TemplateOpt = Annotated[
    str | None,
    typer.Option("--template", metavar="TEMPLATE"),
]
AreaOpt = Annotated[str | None, typer.Option("--area", metavar="AREA")]


def on_terminal() -> bool:
    """Both stdin and stdout are a terminal: the clerk can be asked."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@app.command("inspect")
def inspect_(
    ctx: typer.Context,
    template: TemplateArg,
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            metavar="AREA",
        ),
    ] = None,
    pass_: Annotated[list[str] | None, typer.Option("--pass", metavar="ITEM")] = None,
    fail: Annotated[
        list[str] | None,
        typer.Option(
            "--fail",
            metavar="ITEM[=NOTE]",
        ),
    ] = None,
    na: Annotated[
        list[str] | None,
        typer.Option("--na", metavar="ITEM"),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            callback=date_option,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT")] = None,
    photo: Annotated[
        list[str] | None,
        typer.Option(
            "--photo",
            metavar="PATH",
        ),
    ] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive",
            "-i",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    again: Annotated[
        bool,
        typer.Option("--again"),
    ] = False,
) -> None:
    """Record an inspection of one area.

    The area is checked against the template's checklist and recorded in one transaction.

    Every item must be answered: with --pass / --fail / --na, or at the prompts on a terminal.
    Each failed item opens a rectification (整改); a later inspection that passes it closes it.
    """
    e = invocation(ctx)
    store = e.store()
    ask = on_terminal() if interactive is None else interactive
    if area is None:
        tpl = resolve_template(store, template)
        if not ask:
            raise typer.BadParameter(
                printable(T["err_no_area_given"].format(areas=", ".join(tpl.areas))),  # click prints it as is
                ctx=ctx,
                param_hint="'--area'",
            )
        from civicli.cli.dialogue import ask_area  # Rich's console, for the prompts only

        area = ask_area(tpl)
    answers = answers_from_options(pass_ or [], fail or [], na or [])
    day = parse_date(date, "--date", e.today) if date is not None else None
    draft = prepare_inspection(
        store,
        template,
        area,
        e.today,
        answers=answers,
        date=day,
        by=by,
        note=note,
        photos=photo or [],
        again=again,
    )
    if draft.missing and ask:
        from civicli.cli.dialogue import ask_items

        ask_items(draft)
    row = record_inspection(
        store,
        template,
        draft.area,
        e.today,
        answers=draft.answers,
        date=day,
        by=draft.by,
        note=draft.note,
        photos=draft.photos,
        again=again,
    )
    if json:
        e.out.json({**inspection_json(row), "rectifications": row["events"]})
        return
    for line in recorded_lines(row):
        e.out.write(line)


@app.command()
def inspections(
    ctx: typer.Context,
    plan: PlanOpt = None,
    template: TemplateOpt = None,
    area: AreaOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            callback=date_option,
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Recorded inspections with scores.

    Newest first.
    """
    e = invocation(ctx)
    rows = list_inspections(
        e.store(), e.today, plan=plan_ref(e, plan), template=template, area=area, since=since
    )
    if json:
        e.out.json([inspection_json(r) for r in rows])
        return
    if not rows:
        e.out.write(T["inspections_empty"])
        return
    e.out.blocks([inspections_block(rows)])


@app.command()
def rectifications(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all")] = False,
    plan: PlanOpt = None,
    template: TemplateOpt = None,
    area: AreaOpt = None,
    overdue: Annotated[bool, typer.Option("--overdue")] = False,
    json: JsonOpt = False,
) -> None:
    """Open rectifications (整改).

    Overdue first, then by due date; --all adds closed ones.
    """
    e = invocation(ctx)
    rows = list_rectifications(
        e.store(), e.today, all=all_, plan=plan_ref(e, plan), template=template, area=area, overdue=overdue
    )
    if json:
        e.out.json([rectification_json(r) for r in rows])
        return
    if not rows:
        e.out.write(T["rect_empty"])
        return
    e.out.blocks([rectifications_block(rows, e.today.isoformat())])


@app.command()
def coverage(
    ctx: typer.Context,
    template: TemplateArg,
    periods: Annotated[
        int,
        typer.Option(
            "--periods",
            metavar="N",
            parser=whole_number(),
        ),
    ] = 6,
    json: JsonOpt = False,
) -> None:
    """Which areas were inspected lately (不留死角).

    Areas × recent periods with the score or a gap, and days since each area was last
    inspected.
    """
    e = invocation(ctx)
    if periods > MAX_PERIODS:  # more weeks than there are in the dates civicli handles
        raise InvalidInput(ERR["int_range"].format(what="--periods", value=periods, low=1, high=MAX_PERIODS))
    cov = build_coverage(e.store(), template, e.today, periods)
    if json:
        e.out.json(coverage_json(cov))
        return
    e.out.blocks([coverage_block(cov)])
