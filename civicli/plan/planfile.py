"""Plan files: find them, read them and validate them into `model.Plan` (plan-format.md).

Reading is in three rooms: plan/keyboard.py (a Chinese keyboard's mistakes on the raw text),
plan/yaml_loader.py (the YAML node tree, YAML 1.2 core, with its limits) and plan/schema.py
(the checker that walks the tree into a Plan). Every problem found is collected (file, line,
key path, message) so that all problems of all files can be reported together; `load_plans`
raises `PlanFileError` carrying them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from civicli.errors import PlanFileError, Problem
from civicli.i18n import PLANFILE
from civicli.plan.model import Plan
from civicli.plan.schema import check_plan
from civicli.plan.sources import Loaded, Unchanged, discover, split_unchanged
from civicli.plan.sources import _discover as _discover
from civicli.plan.sources import _read_plan_bytes as _read_plan_bytes
from civicli.plan.yaml_loader import read_tree

__all__ = ["discover", "load_changed_plans", "load_plans", "parse_plan_file"]


def _parse(
    path: Path, raw: bytes | None = None, stat: str | None = None
) -> tuple[Plan | None, list[Problem], tuple[str, int | None] | None]:
    """One file (its bytes and file_stat, when already read) -> (plan or None, problems, (plan
    id, line) when the id could be read)."""
    file = str(path)
    if raw is None:
        raw, problem, stat = _read_plan_bytes(path)
        if raw is None:
            return None, [problem] if problem else [], None
    root, problems = read_tree(raw, file)
    if root is None:
        return None, problems, None
    plan, problems, ident = check_plan(root, file)
    if plan is None:
        return None, problems, ident
    digest = hashlib.sha256(raw).hexdigest()
    return replace(plan, source=str(path.resolve()), sha256=digest, file_stat=stat), [], ident


def parse_plan_file(path: Path) -> tuple[Plan | None, list[Problem]]:
    """One file -> (the validated Plan, []) or (None, its problems)."""
    plan, problems, _ = _parse(Path(path))
    return plan, problems


def _claim(
    ids: dict[str, tuple[str, int | None]], file: Path, ident: tuple[str, int | None]
) -> list[Problem]:
    """A file's plan id claimed in `ids` ({plan id: (file, line)} of the batch so far): [] the
    first time, else the problem naming the file that has it already."""
    plan_id, line = ident
    if plan_id not in ids:
        ids[plan_id] = (str(file), line)
        return []
    other_file, other_line = ids[plan_id]
    other = other_file if other_line is None else f"{other_file}:{other_line}"
    return [Problem(str(file), line, "id", PLANFILE.format("duplicate_plan", id=plan_id, other=other))]


def load_plans(paths: Sequence[str | Path]) -> list[Plan]:
    """Discover and parse every plan file; raise PlanFileError with every problem of every
    file (and a plan id used by two of the files), else return the plans in file order."""
    named, problems = _discover(paths)
    files = [Path(f) for f in named]
    plans: list[Plan] = []
    ids: dict[str, tuple[str, int | None]] = {}
    for file in files:
        plan, found, ident = _parse(file)
        problems.extend(found)
        if ident is not None:
            problems.extend(_claim(ids, file, ident))
        if plan is not None:
            plans.append(plan)
    if problems:
        raise PlanFileError(problems)
    return plans


def load_changed_plans(
    paths: Sequence[str | Path],
    loaded: Mapping[str, Loaded],
) -> tuple[list[Plan], list[Unchanged], list[str]]:
    """Like load_plans, but a file loaded already from its resolved path (`loaded`, by source),
    unchanged (sources.split_unchanged), is not parsed: it is returned as Unchanged. Returns
    (the plans parsed, the files skipped, every file's resolved path in file order).

    When a parsed file names the plan id of a skipped one, every file is parsed as load_plans
    does, so that the batch is refused (or its conflict reported) exactly as before."""
    named, problems = _discover(paths)
    if problems:  # reported with every file's problems, as load_plans does
        return load_plans(paths), [], []
    files = [Path(f) for f in named]
    skipped, changed, order = split_unchanged(files, loaded)
    plans: list[Plan] = []
    ids: dict[str, tuple[str, int | None]] = {}
    skipped_ids = {u.plan_id for u in skipped}
    for file, raw, stat in changed:
        plan, found, ident = _parse(file, raw, stat)
        problems.extend(found)
        if ident is not None:
            if ident[0] in skipped_ids:  # claims a skipped file's plan: as load_plans would
                return load_plans(paths), [], order
            problems.extend(_claim(ids, file, ident))
        if plan is not None:
            plans.append(plan)
    if problems:
        raise PlanFileError(problems)
    return plans, skipped, order
