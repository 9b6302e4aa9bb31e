"""search: find what was written — records, inspections, rectification steps, task and plan titles."""

from __future__ import annotations

from typing import Annotated

import typer

from civicli.cli.common import invocation
from civicli.cli.values import whole_number
from civicli.i18n import SEARCH
from civicli.output.search import search_block, search_json
from civicli.store.search import search as find

app = typer.Typer(add_completion=False)  # completion is the root's


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", show_default=False)],
    json: Annotated[bool, typer.Option("--json")] = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", parser=whole_number(low=0))] = 50,
) -> None:
    """Find what was written, newest first."""
    e = invocation(ctx)
    found = find(e.store(), text, limit or None)
    if json:
        e.out.json(search_json(found.hits, text))
    elif not found.hits:
        e.out.write(SEARCH["none"].format(text=text.strip()))
    else:
        e.out.blocks([search_block(found.hits, text)])
    if found.more:
        e.out.note(SEARCH["more"].format(n=limit))
