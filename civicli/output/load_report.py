"""The report of a load: one row per plan file (tasks added, updated, archived, unchanged), what
a dry run would do task by task, templates archived, and records left on occurrences a schedule
no longer has."""

from __future__ import annotations

import os
from collections.abc import Sequence

from civicli.i18n import MSG, STORE, H
from civicli.output.table import Block, Column

TYPE_CHECKING = False
if TYPE_CHECKING:
    from civicli.store.loaded import FileResult


def load_report(results: Sequence[FileResult], *, dry_run: bool) -> tuple[Block, list[str]]:
    """The table of a load (files shown relative to the working folder where below it) and the
    lines to print after it."""
    block = Block(
        columns=[
            Column(H["file"]),
            Column(H["plan"]),
            Column(H["added"], "right"),
            Column(H["updated"], "right"),
            Column(H["archived"], "right"),
            Column(H["unchanged"], "right"),
        ]
    )
    below = os.path.join(os.getcwd(), "")  # the working folder, ending in a separator
    for r in results:
        block.rows.append(
            [
                r.path[len(below) :] if r.path.startswith(below) else r.path,
                r.plan_id + (MSG["new_plan"] if r.new_plan else ""),
                str(len(r.added)),
                str(len(r.updated)),
                str(len(r.archived)),
                str(r.unchanged),
            ]
        )
    if dry_run:
        for r in results:
            for what, keys in (("added", r.added), ("updated", r.updated), ("archived", r.archived)):
                for key in keys:
                    block.rows.append(["", f"{H[what]} {key}", "", "", "", ""])
    for r in results:  # removed inspection templates: archived, their history and definition kept
        for key in r.archived_templates:
            block.rows.append(["", STORE["archived_template"].format(key=key), "", "", "", ""])
    block.footer = MSG["dry_run"] if dry_run else MSG["loaded"].format(n=len(results))
    notes = []
    for r in results:  # records a schedule change left on occurrences that no longer exist
        for o in r.orphaned:
            shown = ", ".join(o.occurrences[:6]) + (", …" if len(o.occurrences) > 6 else "")
            notes.append(MSG["orphaned"].format(key=o.task_key, n=o.records, occurrences=shown))
    return block, notes
