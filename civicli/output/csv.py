"""A ledger as CSV: UTF-8 with a BOM (Excel opens it without garbling), the header row first."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import IO

Cell = str | int | float | dt.date | None

BOM = "\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# what a spreadsheet may read as the start of a formula, after any leading spaces
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    # text that a spreadsheet would take for a formula is kept as text: judged on the text as
    # written (a leading tab, CR or LF counts), before control characters are removed
    guard = value.lstrip(" ").startswith(_FORMULA_START)
    text = value if value.isprintable() else _CONTROL.sub("", value)
    return "'" + text if guard else text


def write_csv(stream: IO[str], headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write the BOM, the header row and the rows (as they come) to a text stream opened with
    newline=''. Returns the number of rows written."""
    stream.write(BOM)
    writer = csv.writer(stream)
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([_cell(v) for v in row])
        count += 1
    return count
