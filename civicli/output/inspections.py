"""Turning inspection, rectification and coverage rows into tables and JSON. No queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from civicli.i18n import INSPECT as T
from civicli.i18n import RECTIFY, UNDO
from civicli.output.table import Block, Column
from civicli.output.words import occurrence_text

Row = dict[str, Any]


def score_text(value: float | None) -> str:
    """90 → "90", 88.888… → "88.9", None (every item n/a) → "—"."""
    if value is None:
        return T["no_score"]
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def json_number(value: float | None) -> float | int | None:
    """Whole numbers as ints (90, not 90.0); others unrounded."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


def result_text(passed: bool) -> str:
    return T["pass"] if passed else T["fail"]


# ---------------------------------------------------------------- inspections


def inspection_json(r: Row) -> Row:
    """One inspection in the contract's `inspections --json` shape, plus a few extra keys."""
    return {
        "id": r["id"],
        "template": r["template_id"],
        "plan": r["plan_id"],
        "area": r["area"],
        "date": r["date"],
        "by": r["by"],
        "score": json_number(r["score"]),
        "passed": r["passed"],
        "failed": r["failed"],
        "key": r["template_key"],
        "title": r["title"],
        "pass_mark": json_number(r["pass_mark"]),
        "na": r["na"],
        "note": r["note"],
        "photos": r["photos"],
        "at": r["at"],
        "undone": r.get("undone", False),
        "answers": [{"item": a["item"], "result": a["result"], "note": a["note"]} for a in r["answers"]],
    }


def inspections_block(rows: Sequence[Row]) -> Block:
    block = Block(
        title=T["inspections_title"],
        columns=[
            Column(T["id"], "right"),
            Column(T["date"]),
            Column(T["plan"]),
            Column(T["template"]),
            Column(T["area"]),
            Column(T["score"], "right"),
            Column(T["result"]),
            Column(T["failed"]),
            Column(T["by"]),
            Column(T["note"]),
            Column(T["photos"], "right"),
        ],
    )
    for r in rows:
        failed = "，".join(_failed_text(a) for a in r["answers"] if a["result"] == "fail")
        block.rows.append(
            [
                f"#{r['id']}",
                r["date"],
                r["plan_id"],
                r.get("title") or r["template_id"],  # the template's title, as the clerk knows it
                r["area"],
                score_text(r["score"]),
                result_text(r["passed"]) + (f" {UNDO['undone']}" if r.get("undone") else ""),
                failed,
                r["by"] or "",
                r["note"] or "",
                str(len(r["photos"])) if r["photos"] else "",
            ]
        )
        block.row_styles.append("dim" if r.get("undone") else None if r["passed"] else "red")
    return block


def _failed_text(a: Row) -> str:
    return f"{a['text']}（{a['note']}）" if a.get("note") else str(a["text"])


def recorded_lines(r: Row) -> list[str]:
    """What `inspect` says after recording: the inspection, failed items, rectification changes."""
    lines = [
        T["recorded"].format(
            id=r["id"],
            template=r["template_key"],
            area=r["area"],
            date=r["date"],
            score=score_text(r["score"]),
            result=result_text(r["passed"]),
        )
    ]
    texts = {a["item"]: a["text"] for a in r["answers"]}
    failed = [_failed_text(a) for a in r["answers"] if a["result"] == "fail"]
    if failed:
        lines.append(T["recorded_failed"].format(items="，".join(failed)))
    for ev in r.get("events", []):
        item = texts.get(ev["item"], ev["item"])
        if ev["event"] == "opened":
            lines.append(T["recorded_opened"].format(id=ev["rectification"], item=item, due=ev["due"]))
        elif ev["event"] == "repeat":
            lines.append(
                T["recorded_repeat"].format(id=ev["rectification"], item=item, due=ev["due"], n=ev["repeats"])
            )
        else:
            lines.append(T["recorded_closed"].format(id=ev["rectification"], item=item))
    return lines


# ---------------------------------------------------------------- rectifications


_RECT_STYLE = {"overdue": "bold red", "closed": "green"}


def rect_state_text(r: Row) -> str:
    if r["state"] == "overdue":
        late = T["late_days"].format(n=r["days_late"])
        return late + RECTIFY["in_progress_note"] if r.get("status") == "in_progress" else late
    return RECTIFY[f"status_{r['status']}"] if r.get("status") else T["open"]


def _measures_text(r: Row) -> str:
    return "；".join(
        RECTIFY["measure_line"]
        .format(
            date=m["date"], text=m["text"] or "", by=RECTIFY["by"].format(name=m["by"]) if m["by"] else ""
        )
        .strip()
        for m in r.get("measures", [])
    )


def rectifications_block(rows: Sequence[Row], today: str) -> Block:
    block = Block(
        title=T["rect_title_list"].format(today=today),
        columns=[
            Column(T["state"]),
            Column(T["id"], "right"),
            Column(T["plan"]),
            Column(T["template"]),
            Column(T["area"]),
            Column(T["item"]),
            Column(T["note"]),
            Column(T["owner"]),
            Column(T["opened"]),
            Column(T["due"]),
            Column(T["repeats"], "right"),
            Column(RECTIFY["h_measures"]),
            Column(T["closed"]),
            Column(RECTIFY["h_rechecked_by"]),
        ],
    )
    for r in rows:
        block.rows.append(
            [
                rect_state_text(r),
                f"#{r['id']}",
                r["plan_id"],
                r.get("template_title") or r["template_id"],
                r["area"],
                r["item_text"],
                r["note"] or "",
                r["owner_name"] or "",
                r["opened"],
                r["due"],
                T["repeats_n"].format(n=r["repeats"]) if r["repeats"] else "",
                _measures_text(r),
                r["closed"] or "",
                r.get("rechecked_by") or "",
            ]
        )
        block.row_styles.append(_RECT_STYLE.get(r["state"]))
    counts = {s: sum(1 for r in rows if r["state"] == s) for s in ("overdue", "open", "closed")}
    block.footer = T["rect_footer"].format(total=len(rows), **counts)
    return block


# ---------------------------------------------------------------- coverage


def coverage_json(c: Row) -> Row:
    out = dict(c)
    out["areas"] = [
        {**a, "cells": [{**cell, "score": json_number(cell["score"])} for cell in a["cells"]]}
        for a in c["areas"]
    ]
    return out


def _cell_text(cell: Row) -> str:
    if cell["state"] == "gap":
        return T["gap"]
    if cell["state"] == "pending":
        return T["pending"]
    text = score_text(cell["score"])
    return text if cell["passed"] else f"{text} ✗"


def coverage_block(c: Row) -> Block:
    columns = [Column(T["area"])]
    year = int(str(c["today"])[:4])  # periods of this year shown without it: 第36周, 9月
    columns += [Column(occurrence_text(p["key"], year=year), "right") for p in c["periods"]]
    columns += [Column(T["last"]), Column(T["days_since"], "right")]
    block = Block(
        title=T["coverage_title"].format(title=c["title"], key=c["key"], today=c["today"]), columns=columns
    )
    for a in c["areas"]:
        row = [a["area"], *(_cell_text(cell) for cell in a["cells"])]
        row += [a["last"] or T["never"], "" if a["days_since"] is None else str(a["days_since"])]
        block.rows.append(row)
        block.row_styles.append("red" if a["gaps"] or a["last"] is None else None)
    gaps = sum(1 for a in c["areas"] if a["gaps"])
    never = sum(1 for a in c["areas"] if a["last"] is None)
    block.footer = T["coverage_footer"].format(gaps=gaps, never=never)
    return block
