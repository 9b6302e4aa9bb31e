"""The checklist (`tasks`): grouped by plan as tables, as a Markdown page to tick, as JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from civicli.i18n import MSG, STATE, STATUS, H
from civicli.output.json import json_records
from civicli.output.table import Block, Column
from civicli.output.words import occurrence_text, pct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol


if TYPE_CHECKING:  # a type only: a Protocol class costs a no-op command its making

    class ChecklistLine(Protocol):
        """What the checklist shows of a line: a task occurrence or an open rectification (the
        store's Occurrence and RectificationDue both have these)."""

        @property
        def kind(self) -> str: ...  # "task" or "rectification"
        @property
        def plan_id(self) -> str: ...
        @property
        def task_id(self) -> str: ...
        @property
        def task_key(self) -> str: ...
        @property
        def title(self) -> str: ...
        @property
        def owner(self) -> str | None: ...
        @property
        def owner_name(self) -> str | None: ...
        @property
        def section_id(self) -> str | None: ...
        @property
        def occurrence(self) -> str: ...
        @property
        def opens(self) -> str: ...
        @property
        def due(self) -> str: ...
        @property
        def state(self) -> str: ...
        @property
        def status(self) -> str: ...
        @property
        def percent(self) -> int | None: ...
        @property
        def overdue(self) -> bool: ...
        @property
        def missed(self) -> bool: ...
        @property
        def days_late(self) -> int: ...
        @property
        def areas_done(self) -> int | None: ...
        @property
        def areas_total(self) -> int | None: ...


def state_text(row: ChecklistLine) -> str:
    if row.overdue:
        return MSG["late_days"].format(n=row.days_late)
    return STATE.get(row.state, row.state)


def occurrence_label(row: ChecklistLine) -> str:
    """The 期次 of a checklist line, named as in every listing (plan-format.md): `常态` for an
    ongoing task's `once`, never 一次性; `2027年第35—36周` for a block of two weeks."""
    if row.kind == "rectification":  # AREA/ITEM_ID: the area (the item is in the title)
        return row.occurrence.split("/", 1)[0]
    return occurrence_text(row.occurrence, schedule=getattr(row, "schedule", None) or None)


def progress_text(row: ChecklistLine) -> str:
    parts = []
    if row.areas_total:
        parts.append(f"{row.areas_done or 0}/{row.areas_total}")
    if row.percent is not None:
        parts.append(pct(row.percent))
    status = row.status
    if status and status != "todo" and row.state != "done":
        parts.append(STATUS.get(status, status))
    return " ".join(parts)


_STATE_STYLE = {"overdue": "bold red", "done": "green", "missed": "dim", "upcoming": "dim"}


def checklist_blocks(
    rows: Sequence[ChecklistLine], plan_titles: dict[str, str], today: str, counts: dict[str, int]
) -> list[Block]:
    """The checklist grouped by plan, in urgency order within each plan."""
    order: list[str] = []
    grouped: dict[str, list[ChecklistLine]] = {}
    for r in rows:
        if r.plan_id not in grouped:
            order.append(r.plan_id)
        grouped.setdefault(r.plan_id, []).append(r)
    blocks = []
    for plan_id in order:
        block = Block(
            title=f"{plan_titles.get(plan_id, plan_id)}  [{plan_id}]",
            columns=[
                Column(H["state"]),
                Column(H["key"]),
                Column(H["title"]),
                Column(H["owner"]),
                Column(H["occurrence"]),
                Column(H["due"]),
                Column(H["progress"], "right"),
            ],
        )
        for r in grouped[plan_id]:
            block.rows.append(
                [
                    state_text(r),
                    r.task_key,
                    r.title,
                    r.owner_name or "",
                    occurrence_label(r),
                    r.due,
                    progress_text(r),
                ]
            )
            block.row_styles.append(_STATE_STYLE.get(r.state))
        blocks.append(block)
    footer = MSG["checklist_footer"].format(total=len(rows), **counts)
    if blocks:
        blocks[-1].footer = footer
    return blocks


def _md_cell(text: str) -> str:
    """A table cell in Markdown: one line, `|` and markup characters escaped."""
    text = " ".join(str(text).split())
    return "".join("\\" + c if c in "\\|*_`[]<>#" else c for c in text)


def checklist_markdown(
    rows: Sequence[ChecklistLine], plan_titles: dict[str, str], today: str, counts: dict[str, int]
) -> str:
    """The checklist as a printable Markdown document for the weekly meeting: a `#` heading, one
    table per plan with an empty box to tick, the totals at the end."""
    lines = [f"# {MSG['checklist_title'].format(today=today)}", ""]
    headers = [
        H["check"],
        H["state"],
        H["key"],
        H["title"],
        H["owner"],
        H["occurrence"],
        H["due"],
        H["progress"],
    ]
    for block in checklist_blocks(rows, plan_titles, today, counts):
        lines += [f"## {_md_cell(block.title or '')}", ""]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        for row in block.rows:
            box = "☑" if row[0] == STATE["done"] else "☐"
            lines.append("| " + " | ".join([box, *(_md_cell(c) for c in row)]) + " |")
        lines.append("")
    lines.append(MSG["checklist_footer"].format(total=len(rows), **counts))
    return "\n".join(lines) + "\n"


# The contract's `tasks --json` shape (plus a few extra keys): key, the checklist line's attribute.
TASK_FIELDS: tuple[tuple[str, str], ...] = (
    ("plan", "plan_id"),
    ("task", "task_id"),
    ("key", "task_key"),
    ("title", "title"),
    ("owner", "owner"),
    ("owner_name", "owner_name"),
    ("section", "section_id"),
    ("occurrence", "occurrence"),
    ("opens", "opens"),
    ("due", "due"),
    ("state", "state"),
    ("status", "status"),
    ("percent", "percent"),
    ("overdue", "overdue"),
    ("missed", "missed"),
    ("days_late", "days_late"),
    ("areas_done", "areas_done"),
    ("areas_total", "areas_total"),
    ("kind", "kind"),
)


def task_json(r: ChecklistLine) -> dict[str, Any]:
    """One checklist line in the `tasks --json` shape (TASK_FIELDS)."""
    return {key: getattr(r, attribute) for key, attribute in TASK_FIELDS}


def tasks_json(rows: Iterable[ChecklistLine]) -> Iterator[str]:
    """`tasks --json`: the checklist lines in the TASK_FIELDS shape, one a line, in pieces to write
    one after the other."""
    return json_records(rows, TASK_FIELDS)
