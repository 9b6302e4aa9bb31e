"""Answers given before typer and the commands are imported (typer's import alone takes about
35 ms: a sixth of `tasks --json` through the full command, and about what a whole no-op `load`
answered here takes), for the two commands that scripts and cron run most and that print no
table: a `load` of files loaded already and unchanged
(cli/load_unchanged.py), and `tasks --json [--plan ID]` (below).

An early answer only says what the full command would say. For anything else (an option it does
not take, --help, completion, a database not made yet, a plan not found, any error) it returns
None before printing anything, and the full command runs as ever, with its checks and messages.
Both build what they print with the same functions; tests/test_load_skip.py and
tests/test_early_tasks.py check that they print the same.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence

from civicli.cli import ROOT_VALUE_OPTIONS, completing
from civicli.named_tuple import NamedTuple
from civicli.paths import as_typed


class Invocation(NamedTuple):
    """A command line the early answers take: the command, its words after it, the options
    with a value (the root's and the command's), the command's flags given."""

    command: str
    words: list[str]
    options: dict[str, str]
    flags: frozenset[str]


# What each command answered early takes besides its words: (flags, options with a value).
# Anything else on its command line goes to the full command.
_TAKES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "load": ((), ()),
    "tasks": (("--json",), ("--plan",)),
}


def answer(argv: Sequence[str]) -> int | None:
    """The exit code after printing an early answer; None when the full command must run."""
    if completing() or os.environ.get("CIVICLI_DEBUG"):
        return None  # completion needs every command; a traceback asked for, the full command
    if any(
        "\ud800" <= ch <= "\udfff" or "\ufdd0" <= ch <= "\ufdef" or ch in "\ufffe\uffff"
        for arg in argv
        for ch in arg
    ):
        return None  # not UTF-8 text, or text XML cannot hold: app.main decides
    inv = invocation(argv)
    if inv is None:
        return None
    if "--lang" in inv.options and inv.options["--lang"].strip().lower() not in ("zh", "en"):
        return None
    today = _today(inv.options)
    if today is None:  # the full command says what is wrong with it
        return None
    from civicli.i18n import choose_language, set_language

    set_language(choose_language(argv, os.environ))
    db = database(inv.options)
    if not os.path.isfile(db):
        return None  # the full command makes it
    if inv.command == "load":
        from civicli.cli.load_unchanged import unchanged_report

        return unchanged_report(inv.words, db)
    return _tasks_json(inv, db, today)


def invocation(argv: Sequence[str]) -> Invocation | None:
    """`[root options] COMMAND [options] [WORD...]` of a command in _TAKES, each option given once
    and with a value where it takes one; else None."""
    words: list[str] = []
    options: dict[str, str] = {}
    flags: set[str] = set()
    command: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        takes_flags, takes_values = _TAKES[command] if command is not None else ((), ())
        if name in ROOT_VALUE_OPTIONS or name in takes_values:
            if not eq:
                if i + 1 >= len(argv):
                    return None
                value = argv[i + 1]
                i += 1
            if name in options or not value:
                return None  # given twice, or empty: the parser's business
            options[name] = value
        elif arg in takes_flags and arg not in flags:
            flags.add(arg)
        elif arg.startswith("-"):
            return None  # --dry-run, --help, `--`, a flag given twice, a mistake: the full command
        elif command is None:
            if arg not in _TAKES:
                return None
            command = arg
        else:
            words.append(arg)
        i += 1
    if command is None:
        return None
    return Invocation(command, words, options, frozenset(flags))


def database(options: dict[str, str]) -> str:
    """The database the full command would open (--db, else CIVICLI_DB, else the default)."""
    from civicli.store.connection import default_path_text

    given = options.get("--db") or os.environ.get("CIVICLI_DB") or None
    return as_typed(given) if given else default_path_text()


def _today(options: dict[str, str]) -> dt.date | None:
    """The day the full command would take as today (--today, else CIVICLI_TODAY, else the
    clock's); None when the one given is not a date it takes (one of the five forms,
    1900–2100). YYYY-MM-DD, what scripts and cron set, is read without importing the reader of
    the other forms."""
    from civicli.limits import date_ok

    text = options.get("--today") or os.environ.get("CIVICLI_TODAY") or None
    if text is None:
        return dt.date.today()
    if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isascii():
        try:
            day: dt.date | None = dt.date.fromisoformat(text)
        except ValueError:
            day = None
    else:
        day = None
    if day is None:
        from civicli.plan.dates import parse_date_text

        day = parse_date_text(text)
    return day if day is not None and date_ok(day) else None


def _tasks_json(inv: Invocation, db: str, today: dt.date) -> int | None:
    """`tasks --json [--plan ID]`: the checklist as JSON, as tasks_cmd.tasks prints it."""
    if inv.words or "--json" not in inv.flags:
        return None  # a table, or a word `tasks` does not take: the full command
    from civicli.output.terminal import tasks_json
    from civicli.store.checklist import ChecklistFilter, checklist
    from civicli.store.connection import open_store
    from civicli.store.plans import resolve_plan

    try:
        store = open_store(db)
    except Exception:  # the full command reports it
        return None
    try:
        ref = inv.options.get("--plan")
        plan = resolve_plan(store, ref) if ref is not None else None
        rows = checklist(store, today, ChecklistFilter(plan=plan))
    except Exception:  # a plan not found, or ambiguous: the full command says so
        return None
    finally:
        store.close()
    text = tasks_json(rows)
    return write(lambda: sys.stdout.write(text))


def write(print_it: Callable[[], object]) -> int:
    """Print an early answer to stdout as app.main prints a command's: UTF-8 whatever the
    locale; a reader gone away (`| head`) ends it quietly; a full disk is one message."""
    from civicli.output.terminal import Out, ensure_utf8, output_failure

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    try:
        try:
            print_it()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as every command
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        return 1
    except OSError as exc:
        message = output_failure(exc)
        if message is None:
            raise
        Out().error(message)
        return 1
    return 0
