"""`civicli load PATH...` when every file is loaded already, byte for byte: answered before typer
and the plan parser are imported (cron re-loads the same folder every day; a no-op should cost
no more than start-up).

`answer` only says what the full command would say. Anything else (an option of `load`'s own,
a file new or changed, a path or database problem, pending migrations, completion) returns None
and the full command runs as ever, with its checks and messages. Both paths build their report
from the same functions (plan.sources.split_unchanged, store.loaded.unchanged_results,
output.load_report.load_report); tests/test_load_skip.py checks they print the same.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from civicli.cli import ROOT_VALUE_OPTIONS, completing

TYPE_CHECKING = False
if TYPE_CHECKING:
    from civicli.store.loaded import FileResult


def _arguments(argv: Sequence[str]) -> tuple[list[str], dict[str, str]] | None:
    """(the paths, the root options given) of `[options] load [options] PATH...`, else None."""
    words: list[str] = []
    options: dict[str, str] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name in ROOT_VALUE_OPTIONS:
            if not eq:
                if i + 1 >= len(argv):
                    return None
                value = argv[i + 1]
                i += 1
            if name in options or not value:
                return None  # given twice, or empty: the parser's business
            options[name] = value
        elif arg.startswith("-"):
            return None  # --dry-run, --force, --help, `--`, a mistake: the full command
        else:
            words.append(arg)
        i += 1
    if len(words) < 2 or words[0] != "load":
        return None
    return words[1:], options


def answer(argv: Sequence[str]) -> int | None:
    """The exit code after printing the report of a load that has nothing to load; None when
    the full command must run."""
    if completing():
        return None
    if any("\ud800" <= ch <= "\udfff" for arg in argv for ch in arg):
        return None  # not UTF-8 text: app.main decides
    parsed = _arguments(argv)
    if parsed is None:
        return None
    paths, options = parsed
    if "--lang" in options and options["--lang"].strip().lower() not in ("zh", "en"):
        return None
    today = options.get("--today") or os.environ.get("CIVICLI_TODAY") or None
    if today is not None and not _date_ok(today):  # the full command says what is wrong
        return None
    from civicli.store.connection import default_path

    given = options.get("--db") or os.environ.get("CIVICLI_DB") or None
    db = Path(given) if given else default_path()
    if not db.is_file():
        return None
    return _unchanged_report(argv, paths, db)


def _date_ok(text: str) -> bool:
    """Whether the root option --today takes `text` (a date in one of the five forms, 1900–2100);
    YYYY-MM-DD, what scripts and cron set, without importing the reader of the other forms."""
    import datetime as dt

    from civicli.limits import date_ok

    if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isascii():
        try:
            return date_ok(dt.date.fromisoformat(text))
        except ValueError:
            pass
    from civicli.plan.dates import parse_date_text

    day = parse_date_text(text)
    return day is not None and date_ok(day)


def _unchanged_report(argv: Sequence[str], paths: Sequence[str], db: Path) -> int | None:
    from civicli.i18n import choose_language, set_language
    from civicli.plan.sources import _discover, split_unchanged
    from civicli.store.connection import open_store
    from civicli.store.loaded import loaded_sources, unchanged_results

    set_language(choose_language(argv, os.environ))
    files, problems = _discover(paths)
    if problems or not files:
        return None
    try:
        store = open_store(db)
    except Exception:  # the full command reports it
        return None
    try:
        known = loaded_sources(store)
        if not known:
            return None
        skipped, changed, _ = split_unchanged(files, known)
        if changed or any(u.file_stat is not None for u in skipped):
            return None  # the full command loads the changed, and keeps the new file_stats
        results = unchanged_results(store, skipped)
    except Exception:
        return None
    finally:
        store.close()
    return _print(results)


def _print(results: Sequence[FileResult]) -> int:
    from civicli.output.load_report import load_report
    from civicli.output.terminal import Out, ensure_utf8, output_failure

    ensure_utf8(sys.stdout)
    ensure_utf8(sys.stderr)
    block, notes = load_report(results, dry_run=False)
    out = Out()
    try:
        try:
            out.blocks([block])
            for note in notes:
                out.write(note)
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
