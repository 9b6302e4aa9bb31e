"""The one owner of the terminal: the streams (stdout for data, stderr for messages), their
encoding, whether to draw with Rich or print plain, and the width.

Nothing here queries the database or composes what is shown: tables come laid out as `Block`s
(output/table.py), JSON as text (output/json.py). Plain mode (stdout not a terminal, or NO_COLOR
set) prints no ANSI codes and never truncates or wraps: columns are aligned by display width,
lines end where their content ends.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from civicli.i18n import ERR, MSG, os_reason
from civicli.output.json import json_text
from civicli.output.table import Block, cell_width
from civicli.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any


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

    def data(self, pieces: Iterable[str]) -> None:
        """Data made piece by piece (a long JSON list), written as each piece comes."""
        for piece in pieces:
            self.stdout.write(piece)

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

    @contextmanager
    def progress(self, label: str, total: int) -> Iterator[Callable[[int, int, str], None] | None]:
        """A progress bar on stderr while the block runs, on a terminal and for five steps or
        more; yields the callback that moves it (done, total, what), or None when none is shown
        (piped, or a few steps)."""
        if self.plain or total < 5:
            yield None
            return
        from rich.console import Console  # on a terminal only, as in _rich
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda done, _total, _what: bar.update(task, completed=done)

    def _rich(self, block: Block) -> None:
        # Rich is loaded here, on a terminal only: piped and cron output never needs it
        from rich.console import Console

        from civicli.output.rich_table import draw

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


def abandon_stdout() -> None:
    """Point stdout at /dev/null: output that cannot be written (a full disk) or that nobody
    reads (`| head`) is not tried again when the process exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def output_failure(exc: BaseException) -> str | None:
    """The message for output that cannot be written (a full disk, `> /dev/full`, a reader gone
    away); None for any other failure."""

    if isinstance(exc, OSError) and exc.errno in (
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EIO,
        errno.EPIPE,
    ):
        return str(ERR["stdout_failed"].format(reason=os_reason(exc)))
    return None
