"""The one place where an exception becomes what the clerk reads and the exit code.

Exit codes: 0 done; 1 a problem with the data (civicli.errors, the database file, output that
cannot be written); 2 wrong usage (the option parser's errors, errors.UsageError); 70 an
internal error — a bug: one line saying so, and the traceback with CIVICLI_DEBUG=1.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from pathlib import Path

import typer

from civicli.cli.usage import is_click_error, show_click_error
from civicli.errors import EXIT_DATA, EXIT_INTERNAL, EXIT_USAGE, CivicliError
from civicli.i18n import CLI, ERR
from civicli.output.terminal import Out, abandon_stdout, output_failure
from civicli.store.connection import explain

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def debugging() -> bool:
    """Whether the traceback of an unexpected error is asked for (CIVICLI_DEBUG=1)."""
    return bool(os.environ.get("CIVICLI_DEBUG"))


def exit_code(exc: BaseException, database: Callable[[], Path | str]) -> int:
    """Write what `exc` means to stderr (one line, or one a problem) and return the exit code.
    `database` names the database this run uses, for the messages about its file."""
    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else EXIT_DATA
    if isinstance(exc, (typer.Abort, KeyboardInterrupt, EOFError)):
        sys.stderr.write(CLI["aborted"] + "\n")
        return EXIT_DATA
    if is_click_error(exc):
        return show_click_error(exc)
    if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): stop quietly
        abandon_stdout()
        return EXIT_DATA
    if isinstance(exc, CivicliError):
        out = Out()
        for line in exc.lines():
            out.error(line)
        return exc.exit_code
    if not isinstance(exc, Exception):  # MemoryError's kin, GeneratorExit: not ours to word
        raise exc
    if debugging():
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    if isinstance(exc, sqlite3.Error):
        known = explain(exc, database())
        if known is not None:
            Out().error(str(known))
            return EXIT_DATA
    elif isinstance(exc, OSError):
        message = output_failure(exc)
        if message is not None:
            abandon_stdout()  # what is still buffered for it is not written again at exit
            Out().error(message)
            return EXIT_DATA
    return internal(exc)


def internal(exc: BaseException) -> int:
    """A bug: one line naming the exception and how to see the traceback; exit 70."""
    Out().error(ERR["internal"].format(kind=type(exc).__name__, reason=exc))
    return EXIT_INTERNAL


__all__ = ["EXIT_DATA", "EXIT_INTERNAL", "EXIT_USAGE", "debugging", "exit_code", "internal"]
