"""A listing drawn with Rich, on a terminal: the layout output/table.py chooses (a table when its
columns fit, else each row as a block of `名称：值` lines), in colour. Imported only when the
output is a terminal: piped and cron output never loads Rich's console."""

from __future__ import annotations

from rich.box import Box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from civicli.output.table import GAP, PROSE_MIN, Block, cell_width, table_widths, widest_piece, wrap
from civicli.text import printable

# Rich draws with box characters of ambiguous East Asian width (│ ─), which a terminal set for CJK
# draws two cells wide: the columns would shift. Plain ASCII rules instead, no vertical bars.
_BOX = Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)


# characters of ambiguous width → their unambiguous (wide) Chinese forms, on a terminal only
_AMBIGUOUS = str.maketrans({"“": "「", "”": "」", "·": "・", "‧": "・"})


def unambiguous(text: str) -> str:
    return text.translate(_AMBIGUOUS)


def draw(console: Console, block: Block) -> None:
    """A block on a terminal of the console's width: a table when it fits, else row blocks."""

    def text(value: str, style: str = "") -> Text:  # data, never markup
        return Text(unambiguous(printable(value)), style=style)

    if block.title:  # above the listing, at the full width: a title keeps its [id] whole
        console.print(text(block.title, "bold"))
    headers = [unambiguous(printable(c.header)) for c in block.columns]
    rows = [[unambiguous(printable(cell)) for cell in row] for row in block.rows]
    widths = table_widths(headers, rows, console.width)
    if widths is None:
        _draw_rows(console, block, headers, rows)
    else:
        _draw_table(console, block, headers, rows, widths)
    if block.footer:
        console.print(text(block.footer))


def _draw_table(
    console: Console, block: Block, headers: list[str], rows: list[list[str]], widths: list[int]
) -> None:
    table = Table(
        box=_BOX,
        header_style="bold cyan",
        show_header=any(headers),
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),  # with the divider (a space): GAP cells between columns
        collapse_padding=False,
    )
    for col, header, width in zip(block.columns, headers, widths, strict=True):
        table.add_column(
            Text(header),
            justify=col.justify,  # type: ignore[arg-type]
            style=col.style,
            width=width,
            no_wrap=True,  # wrapped here: between pieces, never inside a word
        )
    for i, row in enumerate(rows):
        style = block.row_styles[i] if i < len(block.row_styles) else None
        cells = ("\n".join(wrap(cell, w)) for cell, w in zip(row, widths, strict=True))
        table.add_row(*(Text(cell) for cell in cells), style=style)
    console.print(table)


def _draw_rows(console: Console, block: Block, headers: list[str], rows: list[list[str]]) -> None:
    """Each row as a block of `名称：值` lines (values wrapped beside their name, the names in a
    column), a blank line between rows; a value left empty is left out. On a terminal too narrow
    for a name and a value side by side, each value goes on the lines under its name."""
    labels = [f"{h}：" if h else "" for h in headers]
    label_width = max((cell_width(lb) for lb in labels), default=0)
    room = console.width - label_width
    beside = room >= PROSE_MIN
    for i, row in enumerate(rows):
        if i:
            console.print()
        style = (block.row_styles[i] if i < len(block.row_styles) else None) or ""
        for label, cell in zip(labels, row, strict=True):
            if not cell.strip():
                continue
            # a value with a word (a path) wider than the room beside its name: under its name
            here = beside and widest_piece(cell) <= room
            lines = wrap(cell, room if here else console.width)
            if not here:
                if label:
                    console.print(Text(label, style="bold cyan"), crop=False, overflow="ignore")
                indent = ""
            else:
                first = Text(label + " " * (label_width - cell_width(label)), style="bold cyan")
                first.append(lines.pop(0), style=style)
                console.print(first, crop=False, overflow="ignore", no_wrap=True)
                indent = " " * label_width
            for line in lines:
                console.print(Text(indent + line, style=style), crop=False, overflow="ignore", no_wrap=True)
