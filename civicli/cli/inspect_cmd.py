"""Inspections (检查) and rectifications (整改): inspect, inspections, rectifications, coverage."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from civicli.cli.common import date_option, invocation, parse_date, plan_ref
from civicli.cli.values import whole_number
from civicli.i18n import INSPECT as T

if TYPE_CHECKING:
    from rich.console import Console

    from civicli.store.inspections import Draft, Template

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

# what the clerk may type at the prompt for each answer
_CHOICES = {
    "p": "pass",
    "pass": "pass",
    "ok": "pass",
    "合格": "pass",
    "f": "fail",
    "fail": "fail",
    "x": "fail",
    "不合格": "fail",
    "n": "na",
    "na": "na",
    "n/a": "na",
    "-": "na",
    "不适用": "na",
}


def _on_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _read(console: Console, prompt: str, style: str = "bold") -> str | None:
    """One line from stdin after a prompt on stderr; None at end of input."""
    from rich.text import Text

    from civicli.text import printable

    line = console.input(Text(printable(prompt), style=style), stream=sys.stdin)
    return None if line == "" else line.strip()


def _ask_area(tpl: Template) -> str:
    from rich.console import Console

    from civicli.errors import InvalidInput

    console = Console(stderr=True, highlight=False)
    listing = " ".join(f"{i}) {a}" for i, a in enumerate(tpl.areas, 1))
    while True:
        raw = _read(console, T["ask_area"].format(areas=listing) + ": ")
        if raw is None:
            raise InvalidInput(T["err_no_area_given"].format(areas=", ".join(tpl.areas)))
        if raw in tpl.areas:
            return raw
        if raw.isdigit() and 1 <= int(raw) <= len(tpl.areas):
            return tpl.areas[int(raw) - 1]


def _ask_items(draft: Draft) -> None:
    """Ask for every unanswered item, one by one (pass / fail + note / n/a)."""
    from rich.console import Console

    from civicli.errors import InvalidInput
    from civicli.store.inspections import Answer

    console = Console(stderr=True, highlight=False)
    missing = draft.missing
    from civicli.text import printable

    console.print(
        printable(
            T["ask_header"].format(
                template=draft.template.key, area=draft.area, date=draft.date.isoformat(), n=len(missing)
            )
        ),
        markup=False,
    )
    for i, item in enumerate(missing, 1):
        weight = float(item["weight"])
        weight_text = (
            "" if weight == 1 else T["ask_weight"].format(w=int(weight) if weight == int(weight) else weight)
        )
        prompt = (
            T["ask_item"].format(
                i=i, n=len(missing), text=item["text"], item=item["item_id"], weight=weight_text
            )
            + ": "
        )
        while True:
            raw = _read(console, prompt)
            if raw is None:  # input ended: the rest stays unanswered
                left = ", ".join(it["item_id"] for it in missing[i - 1 :])
                raise InvalidInput(T["err_unanswered"].format(items=left))
            choice = _CHOICES.get(raw.lower())
            if choice:
                break
            console.print(T["ask_again"], markup=False, style="yellow")
        note = _read(console, T["ask_note"] + ": ", style="") if choice == "fail" else None
        draft.add(Answer(item["item_id"], choice, note or None))


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
    from civicli.output.inspections import inspection_json, recorded_lines
    from civicli.store.inspections import (
        answers_from_options,
        prepare_inspection,
        record_inspection,
        resolve_template,
    )
    from civicli.text import printable

    e = invocation(ctx)
    store = e.store()
    ask = _on_terminal() if interactive is None else interactive
    if area is None:
        tpl = resolve_template(store, template)
        if not ask:
            raise typer.BadParameter(
                printable(T["err_no_area_given"].format(areas=", ".join(tpl.areas))),  # click prints it as is
                ctx=ctx,
                param_hint="'--area'",
            )
        area = _ask_area(tpl)
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
        _ask_items(draft)
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
    from civicli.output.inspections import inspection_json, inspections_block
    from civicli.store.inspections import list_inspections

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
    from civicli.output.inspections import rectifications_block
    from civicli.store.inspections import list_rectifications, rectification_json

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
    from civicli.output.inspections import coverage_block, coverage_json
    from civicli.store.inspections import coverage as build_coverage

    e = invocation(ctx)
    if periods > MAX_PERIODS:  # more weeks than there are in the dates civicli handles
        from civicli.errors import InvalidInput
        from civicli.i18n import ERR

        raise InvalidInput(ERR["int_range"].format(what="--periods", value=periods, low=1, high=MAX_PERIODS))
    cov = build_coverage(e.store(), template, e.today, periods)
    if json:
        e.out.json(coverage_json(cov))
        return
    e.out.blocks([coverage_block(cov)])
