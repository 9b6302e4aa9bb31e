"""Turning plain data into what the user sees: Rich on a terminal, plain text when piped, JSON.

Nothing here queries the database. Plain mode (stdout not a terminal, or NO_COLOR set) prints
no ANSI codes and never truncates or wraps: columns are aligned by display width, lines end
where their content ends.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from civicli.i18n import EVERY_UNIT, MSG, STATE, STATUS, H
from civicli.output.table import _WIDE as _WIDE
from civicli.output.table import cell_width
from civicli.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any, Protocol


def ensure_utf8(stream: IO[str]) -> None:
    """Make a text stream write UTF-8 whatever the locale (LANG=C included)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")


def wants_plain(stream: IO[str] | None = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return True
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


@functools.cache
def _encoder() -> Any:
    """One JSON encoder for the run: non-ASCII text as it is, dates and other values as text.
    json is imported by the commands that print JSON only."""
    import json

    return json.JSONEncoder(ensure_ascii=False, default=str).encode


def json_text(data: Any) -> str:
    """One JSON document, one record a line: a list has an element on each line; an object has
    a key on each line, and a list under it an element on each line. Readable, easy to grep and
    diff, and written by json's C encoder (`indent=` would take the slow pure-Python one: 0.2 s
    for the district's bulletin, against 0.06 s)."""

    _compact = _encoder()

    def items(values: Sequence[Any], pad: str) -> str:
        if not values:
            return "[]"
        inner = pad + "  "
        return "".join(("[\n", inner, (",\n" + inner).join(map(_compact, values)), "\n", pad, "]"))

    if isinstance(data, list):
        return items(data, "") + "\n"
    if isinstance(data, dict) and data:
        lines = (
            f"  {_compact(str(k))}: {items(v, '  ') if isinstance(v, list) else _compact(v)}"
            for k, v in data.items()
        )
        return "".join(("{\n", ",\n".join(lines), "\n}\n"))
    return _compact(data) + "\n"


def json_records(rows: Sequence[Any], fields: Sequence[tuple[str, str]]) -> str:
    """The JSON list of `rows` as objects of `fields` (key, the row's attribute), as json_text
    writes it."""
    get = attrgetter(*(attribute for _, attribute in fields))
    keys = [key for key, _ in fields]
    if len(keys) == 1:
        return json_text([{keys[0]: get(row)} for row in rows])
    return json_text([dict(zip(keys, get(row), strict=True)) for row in rows])


class Column(NamedTuple):
    header: str
    justify: str = "left"
    style: str | None = None


class Block:
    """A table to show: title, columns, rows (cells as text), optional per-row styles, footer.
    (A plain class: importing `dataclasses` costs a no-op command a third of its time.)"""

    __slots__ = ("columns", "footer", "row_styles", "rows", "title")

    def __init__(
        self,
        columns: list[Column],
        rows: list[list[str]] | None = None,
        title: str | None = None,
        row_styles: list[str | None] | None = None,
        footer: str | None = None,
    ) -> None:
        self.columns = columns
        self.rows: list[list[str]] = [] if rows is None else rows
        self.title = title
        self.row_styles: list[str | None] = [] if row_styles is None else row_styles
        self.footer = footer


class Out:
    """Where output goes. Data on stdout, messages on stderr."""

    def __init__(
        self,
        plain: bool | None = None,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        width: int | None = None,
    ):
        self.width = width  # a fixed terminal width (tests); else the terminal's own
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.plain = wants_plain(self.stdout) if plain is None else plain

    # -- primitives (user text in a message is shown with its control characters escaped; a
    # message of several lines stays several lines)
    def write(self, text: str = "") -> None:
        self.stdout.write(_lines(text) + "\n")

    def error(self, text: str) -> None:
        for line in text.split("\n"):
            self.stderr.write(f"{MSG['error']}: {printable(line)}\n")
        self.stderr.flush()

    def note(self, text: str) -> None:
        """A message about what was done (stderr, so stdout stays data)."""
        self.stderr.write(_lines(text) + "\n")

    def json(self, data: Any) -> None:
        self.stdout.write(json_text(data))

    # -- tables
    def blocks(self, blocks: Iterable[Block]) -> None:
        first = True
        for block in blocks:
            if not first:
                self.write()
            first = False
            if self.plain:
                self._plain(block)
            else:
                self._rich(block)

    def _plain(self, block: Block) -> None:
        if block.title:
            self.write(printable(block.title))
        headed = any(c.header for c in block.columns)
        table = [[c.header for c in block.columns], *block.rows] if headed else list(block.rows)
        table = [[printable(cell) for cell in row] for row in table]
        if not table:
            return
        widths = [max(cell_width(r[i]) for r in table) for i in range(len(block.columns))]
        for row in table:
            cells = []
            for i, (cell, col) in enumerate(zip(row, block.columns, strict=True)):
                pad = " " * (widths[i] - cell_width(cell))
                cells.append(pad + cell if col.justify == "right" else cell + pad)
            self.write("  ".join(cells).rstrip())
        if block.footer:
            self.write(printable(block.footer))

    def _rich(self, block: Block) -> None:
        from rich.console import Console

        from civicli.output.table import draw

        console = Console(
            file=self.stdout,
            highlight=False,
            emoji=False,
            width=self.width,
            force_terminal=True if self.width else None,
        )
        draw(console, block)


def _lines(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


# ---------------------------------------------------------------- formatting helpers


def local_minute(at: str | None) -> str:
    """A moment recorded (ISO with its offset) in local time to the minute: `2027-09-10 14:32`
    (the time zone of TZ, else the system's). Text that is not such a moment is shown as it is."""
    if not at:
        return ""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def pct(value: Any) -> str:
    return "" if value is None else f"{value}%"


def schedule_text(t: dict[str, Any]) -> str:
    """A task's schedule in words: in Chinese as civicli.plan.naming says it (`每半年`, `每2周`,
    `结合中秋`, `暑假期间`, `截止 2027-01-31`, `常态化`); `period` tells a calendar period."""
    from civicli.i18n import language

    if language() == "zh":
        from civicli.plan.naming import schedule_of, schedule_words

        every, festival = t.get("every"), t.get("festival")
        schedule = schedule_of(t.get("due"), every, festival, bool(t.get("period")))
        return schedule_words(schedule, str(t["due"]) if t.get("due") else None)
    if t.get("due"):
        return MSG["due_on"].format(date=t["due"])
    if t.get("every"):
        every = str(t["every"])
        parts = every.split()
        if len(parts) == 2:
            unit = EVERY_UNIT.get(parts[1].rstrip("s"), parts[1])
            return MSG["every"].format(unit=f"{parts[0]}{unit}")
        return MSG["every"].format(unit=EVERY_UNIT.get(every, every))
    if t.get("festival"):
        from civicli.plan.festivals import canonical

        name = str(t["festival"])
        return MSG["festival"].format(name=canonical(name) or name)  # 中秋, not mid-autumn
    return MSG["ongoing"]


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


def occurrence_text(
    key: str | None, ongoing: bool = False, year: int | None = None, schedule: str | None = None
) -> str:
    """An occurrence key as a clerk reads it (期次), named by civicli.plan.naming from the task's
    schedule code (`schedule`, as the store gives it; else `ongoing` says whether `once` is an
    ongoing task's): in Chinese `2027年9月`, `2027年第35—36周`, `2027年上半年`, `2027年中秋`,
    `2027年暑假期间`, `一次性`/`常态` (the year left out when it is `year`); in English the key
    itself. JSON keeps the keys."""
    if not key:
        return ""
    from civicli.i18n import language

    if schedule is None:
        schedule = "ongoing" if ongoing else "due"
    if key == "once":
        return MSG["occ_once"] if schedule == "due" else MSG["occ_ongoing"]
    if language() != "zh":
        return key
    from civicli.plan.naming import occurrence_name

    return occurrence_name(key, schedule, year)


def occurrence_label(row: ChecklistLine) -> str:
    """The 期次 of a checklist line: `常态` for an ongoing task's `once`, never 一次性. (The
    longer names of blocks, `2027年第35—36周`, wait for a layout that gives them room.)"""
    if row.kind == "rectification":  # AREA/ITEM_ID: the area (the item is in the title)
        return row.occurrence.split("/", 1)[0]
    schedule = getattr(row, "schedule", None) or None
    return occurrence_text(row.occurrence, schedule=schedule if row.occurrence == "once" else None)


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


def tasks_json(rows: Sequence[ChecklistLine]) -> str:
    """`tasks --json`: the checklist lines in the TASK_FIELDS shape, one a line."""
    return json_records(rows, TASK_FIELDS)


def output_failure(exc: BaseException) -> str | None:
    """The message for output that cannot be written (a full disk, `> /dev/full`, a reader gone
    away); None for any other failure."""
    import errno

    from civicli.i18n import ERR, os_reason

    if isinstance(exc, OSError) and exc.errno in (
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EIO,
        errno.EPIPE,
    ):
        return str(ERR["stdout_failed"].format(reason=os_reason(exc)))
    return None
