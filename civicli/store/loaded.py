"""What is loaded: the plan files loaded already (by path, bytes and civicli version), and the
report of a load, file by file (store/load.py writes; this module only reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from civicli import __version__
from civicli.plan.sources import Loaded, Unchanged
from civicli.store.connection import Store


class Orphaned(NamedTuple):
    """A task whose records sit on occurrences its new schedule no longer has (`every: month`
    changed to `"2 months"`): they stay in `log`, marked, and no longer count."""

    task_key: str
    records: int
    occurrences: tuple[str, ...]


class FileResult:
    """What loading one plan file did (or would do, with dry_run): the task keys added, updated
    and archived, how many tasks are unchanged; inspection templates removed from the file (archived, their areas
    and items kept); records left on occurrences a new schedule no longer has."""

    __slots__ = (
        "added",
        "archived",
        "archived_templates",
        "new_plan",
        "orphaned",
        "path",
        "plan_changed",
        "plan_id",
        "unchanged",
        "updated",
    )

    def __init__(
        self,
        path: str,
        plan_id: str,
        new_plan: bool = False,
        added: list[str] | None = None,
        updated: list[str] | None = None,
        archived: list[str] | None = None,
        unchanged: int = 0,
        plan_changed: bool = False,
        archived_templates: list[str] | None = None,
        orphaned: list[Orphaned] | None = None,
    ) -> None:
        self.path = path
        self.plan_id = plan_id
        self.new_plan = new_plan
        self.added = [] if added is None else added
        self.updated = [] if updated is None else updated
        self.archived = [] if archived is None else archived
        self.unchanged = unchanged
        self.plan_changed = plan_changed
        self.archived_templates = [] if archived_templates is None else archived_templates
        self.orphaned = [] if orphaned is None else orphaned

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"FileResult({fields})"

    @property
    def changed(self) -> bool:
        return bool(
            self.new_plan
            or self.added
            or self.updated
            or self.archived
            or self.plan_changed
            or self.archived_templates
        )


def loaded_sources(store: Store) -> dict[str, Loaded]:
    """{source path: Loaded} of the plans this civicli version loaded: a file at that path with
    the file_stat or the bytes loaded is loaded already (load_changed_plans skips it)."""
    return {
        source: Loaded(sha256, plan_id, stat)
        for source, sha256, plan_id, stat in store.conn.execute(
            # an archived plan's file is read again: loading it brings the plan back
            "SELECT source, sha256, id, file_stat FROM plans WHERE loaded_version = ? AND archived_at IS NULL",
            [__version__],
        )
    }


def unchanged_results(store: Store, files: Sequence[Unchanged]) -> list[FileResult]:
    """The reports of files skipped as unchanged: all the current tasks of each plan unchanged."""
    counts = dict.fromkeys((u.plan_id for u in files), 0)
    ids = list(counts)
    for start in range(0, len(ids), 500):  # a bounded number of parameters per statement
        chunk = ids[start : start + 500]
        for plan_id, n in store.conn.execute(
            "SELECT plan_id, COUNT(*) FROM tasks WHERE archived_at IS NULL "
            f"AND plan_id IN ({', '.join('?' * len(chunk))}) GROUP BY plan_id",
            chunk,
        ):
            counts[plan_id] = n
    return [FileResult(path=u.source, plan_id=u.plan_id, unchanged=counts[u.plan_id]) for u in files]
