"""Named exceptions. The CLI turns every CivicliError into a one-line message and exit code."""

from __future__ import annotations

from typing import NamedTuple

# The exit codes: a problem with the data (and the database file), wrong usage, a bug
# (EX_SOFTWARE of sysexits.h). cli/failures.py is where an exception becomes one of them.
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


class CivicliError(Exception):
    """Base class: a problem with the user's input or data. Exit code 1."""

    exit_code = EXIT_DATA

    def lines(self) -> list[str]:
        """The message as lines for stderr."""
        return [str(self)]


class Problem(NamedTuple):
    """One validation problem in a plan file: file, line (1-based, or None), key path, message."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class PlanFileError(CivicliError):
    """One or more plan files are invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(CivicliError):
    """The command line asks for something the command cannot do (a --format that contradicts
    the --output file's extension). Exit code 2, like the option parser's own usage errors."""

    exit_code = EXIT_USAGE


class NotFound(CivicliError):
    """A plan, task, occurrence, template, area or item that does not exist."""


class Ambiguous(CivicliError):
    """A short id that matches more than one thing."""


class InvalidInput(CivicliError):
    """A value on the command line that is out of range or malformed."""


class PlanConflict(CivicliError):
    """A plan id already loaded from another file (use --force)."""


class DatabaseError(CivicliError):
    """The database cannot be used (newer schema, not a civicli database, locked too long)."""
