"""`civicli load PATH...` when every file is loaded already, byte for byte: answered before typer
and the plan parser are imported (cron re-loads the same folder every day; a no-op should cost
no more than start-up). cli/early.py reads the command line and calls `unchanged_report`.

It only says what the full command would say. Anything else (a file new or changed, a path or
database problem, pending migrations) returns None and the full command runs as ever, with its
checks and messages. Both paths build their report from the same functions
(plan.sources.split_unchanged, store.loaded.unchanged_results, output.load_report.load_report);
tests/test_load_skip.py checks they print the same.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from civicli.store.loaded import FileResult


def unchanged_report(paths: Sequence[str], db: str) -> int | None:
    """The exit code after printing the report of a load of `paths` into `db` that has nothing
    to load; None when the full command must run."""
    from civicli.plan.sources import _discover, split_unchanged
    from civicli.store.connection import open_store
    from civicli.store.loaded import loaded_sources, unchanged_results

    if not paths:
        return None
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
    from civicli.cli.early import write
    from civicli.output.load_report import load_report
    from civicli.output.terminal import Out

    block, notes = load_report(results, dry_run=False)

    def print_it() -> None:
        out = Out()
        out.blocks([block])
        for note in notes:
            out.write(note)

    return write(print_it)
