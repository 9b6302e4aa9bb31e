"""A ledger as CSV: UTF-8 with a BOM (Excel opens it without garbling), the header row first."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from typing import IO

Cell = str | int | float | dt.date | None

BOM = "\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    text = value if value.isprintable() else _CONTROL.sub("", value)
    # text that a spreadsheet would take for a formula is kept as text
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(stream: IO[str], headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Write the BOM, the header row and the rows to a text stream opened with newline=''."""
    stream.write(BOM)
    writer = csv.writer(stream)
    writer.writerow(headers)
    writer.writerows([_cell(v) for v in row] for row in rows)
