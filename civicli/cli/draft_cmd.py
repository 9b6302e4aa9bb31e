"""draft: a plan file drafted from a plan document (.txt, .docx, .md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from civicli.cli.common import invocation
from civicli.draft.document import read_document
from civicli.draft.drafter import draft_plan, report, to_yaml
from civicli.i18n import DRAFT
from civicli.output.files import plan_output, write_whole

app = typer.Typer(add_completion=False)  # completion is the root's


@app.command()
def draft(
    ctx: typer.Context,
    document: Annotated[Path, typer.Argument(metavar="DOCUMENT", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """Draft a plan file from a plan document (help from the DRAFT catalog)."""
    e = invocation(ctx)
    if output is not None:  # refused before any work is done: a protected file (the database,
        # a loaded plan file …), one that exists without --force, an extension other than YAML
        plan_output(output, None, ["yaml"], "yaml", force=force, protected=e.protected())
    blocks = read_document(document)
    plan = draft_plan(blocks, str(document), e.today)
    text = to_yaml(plan)
    found = report(plan)
    if output is not None:
        write_whole(output, text.encode("utf-8"), force=force, protected=e.protected())
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    err = e.out
    err.note(
        DRAFT["report_found"].format(
            source=document,
            sections=found.sections,
            tasks=found.tasks,
            roles=found.roles,
            targets=found.targets,
            festivals=found.festivals,
        )
    )
    if found.checks:
        err.note(DRAFT["report_checks"].format(n=len(found.checks)))
        for n, line in enumerate(found.checks, 1):
            err.note(f"  {n}. {line}")
    else:
        err.note(DRAFT["report_none"])
    if output is not None:
        err.note(DRAFT["report_wrote"].format(path=output))
