"""Widths and layout of a listing on a terminal: a table when its columns fit, else each row as a
block of `名称：值` lines. The one place that measures text and decides how a listing is laid out.

The layout is chosen from the content. Ids, dates, numbers, states and periods (tokens) never
wrap: their column is as wide as its widest token. Prose (titles, names, notes, measures) wraps
between words and between Chinese characters, never inside an ASCII word (a path, an id), and
takes the room the tokens leave. When even the narrowest readable table is wider than the
terminal, nothing is dropped or cut: every row becomes a block, every value on a line of its own
under its column's name. Widths are East Asian: a Chinese character takes two cells, counted as
Rich counts them (rich.cells.cell_len).

Drawing with Rich is output/rich_table.py's; measuring needs Rich only for text outside the
ranges counted here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len


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


# Code points two cells wide by Rich's count, that plan text is made of: CJK ideographs, kana,
# CJK punctuation and symbols, fullwidth forms (tests/test_render.py checks each against Rich).
_WIDE = (
    (0x2FF0, 0x3029),
    (0x3030, 0x303E),
    (0x3041, 0x3096),
    (0x309B, 0x30FF),
    (0x3250, 0x9FFF),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
)


def cell_width(text: str) -> int:
    """The terminal cells `text` takes, as Rich counts them (rich.cells.cell_len): printable
    ASCII and the wide CJK ranges counted here, any other text asked of Rich (importing its
    width tables is a tenth of a re-load's time, and Chinese plans rarely need them)."""
    if text.isascii() and text.isprintable():
        return len(text)
    total = 0
    for ch in text:
        code = ord(ch)
        if 0x20 <= code < 0x7F:
            total += 1
        elif any(lo <= code <= hi for lo, hi in _WIDE):
            total += 2
        else:  # combining marks, emoji, ambiguous widths, controls: Rich's tables decide
            return cell_len(text)
    return total


GAP = 2  # cells between two columns
PROSE_MIN = 16  # a column of prose is not squeezed below this (8 Chinese characters) ...
TOKEN_WIDTH = 20  # ... a word holding a digit up to this wide is a token (逾期75天, 2027年第36周)


def is_token(word: str) -> bool:
    """An id, date, number, state or period word (`forms-2027/1.4`, `2027-09-10`, `~`, `逾期75天`,
    `2027年第36周`, a path): ASCII, or short and holding a digit. Never broken inside."""
    return word.isascii() or (any(c.isdigit() for c in word) and cell_width(word) <= TOKEN_WIDTH)


# No line begins with a closing mark nor ends with an opening one (Chinese line breaking, 禁则)
_NO_START = frozenset("，。、；：！？）」』】》〉〕”’…%,.;:!?)]}")
_NO_END = frozenset("（「『【《〈〔“‘([{")


def units(text: str) -> list[tuple[str, bool]]:
    """`text` (one line) as the pieces a line may break between, each with whether a space stood
    before it: a token word whole, an ASCII word whole, a Chinese character alone — with a closing
    mark kept on the piece before it, an opening mark on the piece after, a number with the
    Chinese characters on either side of it (`12人`, `14天`, `篇1`)."""
    out: list[tuple[str, bool]] = []
    for word in text.split(" "):
        if not word:
            continue
        pieces: list[str] = []
        if is_token(word):
            pieces = [word]
        else:
            i = 0
            while i < len(word):
                j = i + 1
                if word[i].isascii():
                    while j < len(word) and word[j].isascii():
                        j += 1
                pieces.append(word[i:j])
                i = j
        for n, piece in enumerate(pieces):
            before = out[-1][0][-1] if n and out else ""
            if out and piece[0] in _NO_START:  # after a space too: `2027-09-10 ，` stays together
                out[-1] = (out[-1][0] + ("" if n else " ") + piece, out[-1][1])
            elif n and (
                before in _NO_END
                or (before.isdigit() and not piece.isascii() and piece[0] not in _NO_END)  # 12人, 14天
                or (piece[0].isdigit() and not before.isascii())  # 篇1, 第3
            ):
                out[-1] = (out[-1][0] + piece, out[-1][1])
            else:
                out.append((piece, n == 0 and bool(out)))
    return out


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells, between the pieces of `units` (never
    inside a token or an ASCII word); a piece wider than a whole line stands whole on a line of
    its own (the terminal shows the rest on the next line, nothing is lost)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, used, start = "", 0, len(lines)
        for piece, space in units(para):
            w = cell_width(piece)
            gap = 1 if space and line else 0
            if line and used + gap + w > width:
                lines.append(line)
                line, used, gap = "", 0, 0
            if w > width:  # wider than a line: whole on a line of its own, never broken
                lines.append(piece)
                continue
            line, used = line + " " * gap + piece, used + gap + w
        if line or len(lines) == start:
            lines.append(line)
    return lines


def widest_piece(cell: str) -> int:
    return max((cell_width(p) for line in cell.split("\n") for p, _ in units(line)), default=0)


def _is_prose(cells: Sequence[str]) -> bool:
    return any(not all(is_token(w) for w in c.split()) for c in cells)


def column_widths(header: str, cells: Sequence[str]) -> tuple[int, int, int]:
    """(narrowest, preferred, natural) width of a column. Natural: its widest cell on one line.
    Narrowest: its widest piece (a token, an ASCII word) and its header, and for prose no less
    than PROSE_MIN (nor more than natural). Preferred: natural for ids, dates and numbers (a
    period `2027-01-01 ~ 2027-12-31` on one line), the narrowest for prose."""
    head = cell_width(header)
    natural = max([head, *(cell_width(line) for c in cells for line in c.split("\n"))])
    least = max([head, *(widest_piece(c) for c in cells)])
    if _is_prose(cells):
        least = max(least, min(natural, PROSE_MIN))
        return least, least, natural
    return least, natural, natural


def table_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Each column's width when the table fits `width` cells, else None (show blocks).

    Columns of ids and dates are given their whole width if they can be, else the width of
    their widest token; prose columns start at their narrowest. The room left is shared out
    fairly (water-filling): a column that wants less than an equal share gets all it wants (a
    short title shown whole), the rest share what remains equally."""
    if not headers:
        return []
    measured = [column_widths(h, [r[i] for r in rows]) for i, h in enumerate(headers)]
    gaps = GAP * (len(headers) - 1)
    for start in (1, 0):  # preferred widths, else the narrowest
        widths = [m[start] for m in measured]
        room = width - sum(widths) - gaps
        if room >= 0:
            break
    else:
        return None
    wants = {i: m[2] - widths[i] for i, m in enumerate(measured) if m[2] > widths[i]}
    while room > 0 and wants:
        share = room // len(wants)
        small = {i: want for i, want in wants.items() if want <= share}
        if not small:  # every column wants more than a share: a share each, the odd cells first
            for n, i in enumerate(sorted(wants)):
                widths[i] += share + (1 if n < room % len(wants) else 0)
            break
        for i, want in small.items():
            widths[i] += want
            room -= want
            del wants[i]
    return widths
