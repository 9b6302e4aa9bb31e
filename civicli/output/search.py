"""What `civicli search` found, as a table or as JSON (the hits come from store.search)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from civicli.i18n import SEARCH
from civicli.output.table import Block, Column
from civicli.output.words import occurrence_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from civicli.store.search import Hit

CONTEXT = 20  # characters shown on each side of the match


def around(text: str, query: str, context: int = CONTEXT) -> str:
    """The text around the first match of `query` in `text` (letters in either case): the line it
    is on, at most `context` characters either side, `…` where the line goes on."""
    needle = query.strip()
    match = re.search(re.escape(needle), text, re.IGNORECASE) if needle else None
    if match is None:  # not found as Python folds case: the start of the text
        start, end = 0, 0
    else:
        start, end = match.span()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    lo, hi = max(line_start, start - context), min(line_end, end + context)
    return ("…" if lo > line_start else "") + text[lo:hi] + ("…" if hi < line_end else "")


def _kind(hit: Hit) -> str:
    if hit.kind == "step":
        return (
            SEARCH[f"kind_{hit.field}" if hit.field in ("measure", "recheck") else "kind_step"]
            + f" #{hit.id}"
        )
    if hit.kind in ("record", "inspection"):
        return SEARCH[f"kind_{hit.kind}"] + f" #{hit.id}"
    return str(SEARCH[f"kind_{hit.kind}"])


def _of(hit: Hit) -> str:
    """The task, template or rectification the hit belongs to, in words."""
    if hit.kind == "record":
        return (
            SEARCH["of_record"]
            .format(key=hit.key, title=hit.title, occurrence=occurrence_text(hit.detail))
            .strip()
        )
    if hit.kind == "inspection":
        return SEARCH["of_inspection"].format(template=hit.title or hit.key, area=hit.detail)
    if hit.kind == "step":
        return SEARCH["of_step"].format(id=hit.key, area=hit.detail, problem=hit.title)
    if hit.kind == "task":
        return SEARCH["of_task"].format(key=hit.key, plan=hit.title)
    return str(hit.key)


def _field(hit: Hit) -> str:
    if hit.field == "by":
        return str(SEARCH[f"field_by_{hit.kind}"])
    return str(SEARCH[f"field_{hit.field}"])


def _content(hit: Hit, query: str) -> str:
    """The field and the text around the match; for a record, its place and people too (the
    clerk asking when the drill was held asks who came)."""
    parts = [f"{_field(hit)}{SEARCH['colon']}{around(hit.text, query)}"]
    for field, value in (("place", hit.place), ("people", hit.people)):
        if value and hit.field != field:
            parts.append(f"{SEARCH[f'field_{field}']}{SEARCH['colon']}{value}")
    return SEARCH["sep"].join(parts)


def search_block(hits: Sequence[Hit], query: str) -> Block:
    block = Block(
        title=SEARCH["title"].format(text=query.strip(), n=len(hits)),
        columns=[
            Column(SEARCH["h_date"]),
            Column(SEARCH["h_kind"]),
            Column(SEARCH["h_of"]),
            Column(SEARCH["h_text"]),
        ],
    )
    for hit in hits:
        block.rows.append(
            [
                hit.date,
                _kind(hit),
                _of(hit),
                _content(hit, query),
            ]
        )
    return block


def search_json(hits: Sequence[Hit], query: str) -> list[dict[str, Any]]:
    """The contract's {kind, id, date, key, text} (text: around the match), and what it is in:
    field, title, the occurrence (record) or area (inspection, step) as `detail`, and a record's
    place and people."""
    return [
        {
            "kind": h.kind,
            "id": h.id,
            "date": h.date,
            "key": h.key,
            "text": around(h.text, query),
            "field": h.field,
            "title": h.title,
            "detail": h.detail or None,
            "place": h.place or None,
            "people": h.people or None,
        }
        for h in hits
    ]
