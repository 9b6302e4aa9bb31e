"""Commands about the plans loaded: plans, show, archive."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from civicli.cli.common import invocation, plan_ref
from civicli.i18n import MSG, PLAN_HONESTY, RELY, STATE, TARGETS, TERM, H
from civicli.output.table import Block, Column
from civicli.output.words import occurrence_text, pct, schedule_text
from civicli.reports.targets import how_counted, target_words
from civicli.store.plans import archive_plan, plan_detail, plan_rows

if TYPE_CHECKING:
    pass

app = typer.Typer(add_completion=False)  # completion is the root's

PathsArg = Annotated[
    list[Path],
    typer.Argument(show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json")]


@app.command()
def plans(
    ctx: typer.Context, json: JsonOpt = False, all_: Annotated[bool, typer.Option("--all")] = False
) -> None:
    """The loaded plans with their period and completion."""
    e = invocation(ctx)
    rows = plan_rows(e.store(), e.today, archived=all_)
    if json:
        e.out.json(
            [
                {
                    k: r[k]
                    for k in (
                        "id",
                        "title",
                        "community",
                        "start",
                        "end",
                        "tasks",
                        "done",
                        "percent",
                        "incomplete",
                        "archived",
                    )
                }
                for r in rows
            ]
        )
        return
    if not rows:
        e.out.note(MSG["plans_empty"])
        return
    block = Block(
        columns=[
            Column(H["plan_id"]),
            Column(H["title"]),
            Column(H["community"]),
            Column(H["period"]),
            Column(H["tasks"], "right"),
            Column(H["done_occurrences"], "right"),
            Column(H["percent"], "right"),
        ]
    )
    for r in rows:
        block.rows.append(
            [
                r["id"],
                r["title"]
                + (PLAN_HONESTY["incomplete_mark"] if r["incomplete"] else "")
                + (RELY["archived_mark"] if r["archived"] else ""),
                r["community"] or "",
                f"{r['start']} ~ {r['end']}",
                str(r["tasks"]),
                str(r["done"]),
                pct(r["percent"]),
            ]
        )
    e.out.blocks([block])


@app.command()
def archive(ctx: typer.Context, plan: Annotated[str, typer.Argument(show_default=False)]) -> None:
    """Take a plan out of use.

    Gone from every listing, checklist, bulletin and ledger (`plans --all` lists it, marked);
    its history stays readable with `log`; loading its file again brings it back.
    """
    e = invocation(ctx)
    done = archive_plan(e.store(), plan)
    e.out.write(RELY["archived"].format(plan=done["id"], title=done["title"], n=done["tasks"]))


@app.command()
def show(
    ctx: typer.Context,
    plan: Annotated[str, typer.Argument(show_default=False)],
    json: JsonOpt = False,
) -> None:
    """One plan: goals, sections and tasks.

    Goal targets show how each is counted and where it stands against its target; tasks
    show their current occurrence and status.
    """
    e = invocation(ctx)
    d = plan_detail(e.store(), plan_ref(e, plan) or plan, e.today)
    if json:
        e.out.json(
            {
                k: d[k]
                for k in (
                    "id",
                    "title",
                    "community",
                    "start",
                    "end",
                    "percent",
                    "tasks",
                    "done",
                    "guiding_ideology",
                    "principles",
                    "goals",
                    "sections",
                    "assumed",
                    "incomplete",
                    "tracked_from",
                    "track_from",
                )
            }
        )
        return
    out = e.out
    mark = PLAN_HONESTY["incomplete_mark"] if d["incomplete"] else ""
    head = Block(title=f"{d['title']}{mark}  [{d['id']}]", columns=[Column(""), Column("")])
    head.rows = [
        [H["community"], d["community"] or ""],
        [H["period"], f"{d['start']} ~ {d['end']}"],
        *(
            [[TERM["tracked_from"], d["tracked_from"] + (TERM["track_from_set"] if d["track_from"] else "")]]
            if d["tracked_from"]
            else []
        ),
        [H["percent"], pct(d["percent"])],
        [H["tasks"], str(d["tasks"])],
        [H["done_occurrences"], str(d["done"])],
    ]
    if d["guiding_ideology"]:
        head.rows.append([MSG["guiding_ideology"], d["guiding_ideology"]])
    for i, principle in enumerate(d["principles"]):
        head.rows.append([MSG["principles"] if i == 0 else "", principle])
    if d["incomplete"]:
        head.rows.append([PLAN_HONESTY["incomplete"], d["incomplete"]])
    if d["assumed"]:
        head.rows.append([PLAN_HONESTY["assumed"], d["assumed"]])
    blocks = [head]
    if d["goals"]:
        goals = Block(
            title=H["goals"],
            columns=[Column(H["goals"]), Column(H["target"]), Column(TARGETS["how"]), Column(H["actual"])],
        )
        for g in d["goals"]:
            goals.rows.append([f"{g['id']} {g['text']}", "", "", ""])
            goals.row_styles.append("bold")
            for t in g["targets"]:
                sign = "≥" if t["direction"] == "at_least" else "≤"
                measure = f"{t['metric_name']} " if t["metric_name"] else ""
                goals.rows.append(
                    [
                        f"  {t['text']}",
                        f"{measure}{sign} {t['target']}",
                        how_counted(t),
                        target_words(t, zh=False),
                    ]
                )
                goals.row_styles.append(None)
        blocks.append(goals)
    for s in d["sections"]:
        sec = Block(
            title=f"{s['id']}  {s['title']}",
            columns=[
                Column(H["key"]),
                Column(H["title"]),
                Column(H["owner"]),
                Column(H["schedule"]),
                Column(H["occurrence"]),
                Column(H["state"]),
                Column(H["done"], "right"),
            ],
        )
        for t in s["tasks"]:
            state = STATE.get(t["state"], "") if t["state"] else ""
            occ = occurrence_text(t["occurrence"], schedule=t["schedule"])
            sec.rows.append(
                [
                    t["task"],
                    t["title"],
                    t["owner_name"] or "",
                    schedule_text(
                        {
                            "due": t["due_date"],
                            "every": t["every"],
                            "festival": t["festival"],
                            "period": t["schedule"] == "period",
                        }
                    ),
                    occ,
                    state,
                    f"{t['done']}/{t['occurrences']}",
                ]
            )
        blocks.append(sec)
    assumed = _assumed_block(d)
    if assumed is not None:
        blocks.append(assumed)
    out.blocks(blocks)


def _assumed_block(d: dict[str, Any]) -> Block | None:
    """What the plan's author assumed beyond the source, by target and task: what the clerk
    checks and adjusts for their community (None when nothing is marked)."""
    block = Block(
        title=PLAN_HONESTY["assumed_title"],
        columns=[Column(H["key"]), Column(H["title"]), Column(PLAN_HONESTY["assumed"])],
    )
    for g in d["goals"]:
        for t in g["targets"]:
            if t["assumed"]:
                block.rows.append([f"{g['id']}/{t['id']}", t["text"], t["assumed"]])
    for s in d["sections"]:
        for t in s["tasks"]:
            if t["assumed"]:
                block.rows.append([t["task"], t["title"], t["assumed"]])
    return block if block.rows else None
