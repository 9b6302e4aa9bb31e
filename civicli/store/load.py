"""Loading validated plans into the store: one transaction, idempotent, never deleting history.

A task removed from its file is archived (archived_at set), never deleted; its records stay.
Occurrences are derived data: they are recomputed for a task whenever its schedule, or the
plan's period or calendar, changes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any

from civicli import __version__
from civicli.errors import InvalidInput, PlanConflict
from civicli.i18n import ERR, TERM
from civicli.plan import schedule
from civicli.plan.model import Occurrence, Plan, Task
from civicli.plan.sources import Unchanged
from civicli.store.completion import FreshFacts, fresh_facts
from civicli.store.connection import FAR_FUTURE, Row, Store, now_stamp
from civicli.store.loaded import FileResult, Orphaned, loaded_sources, unchanged_results

__all__ = [
    "FileResult",
    "Orphaned",
    "check_conflicts",
    "load",
    "loaded_sources",
    "note_file_stats",
    "unchanged_results",
]

ProgressCallback = Callable[[int, int, str], None]
"""progress(done, total, label): called as each file is processed."""


def _plan_row(plan: Plan, loaded_at: str) -> Row:
    return {
        "id": plan.id,
        "title": plan.title,
        "community": plan.community,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "tracked_from": plan.tracked_from.isoformat() if plan.tracked_from else None,
        "track_from": plan.track_from.isoformat() if plan.track_from else None,
        "guiding_ideology": plan.guiding_ideology,
        "principles": json.dumps(list(plan.principles), ensure_ascii=False),
        "source": plan.source,
        "sha256": plan.sha256,
        "file_stat": plan.file_stat,
        "loaded_at": loaded_at,
        "assumed": plan.assumed,
        "incomplete": plan.incomplete,
        "loaded_version": __version__,
        "headcount": plan.headcount,
    }


def _task_row(plan: Plan, task: Task, position: int) -> Row:
    festival = task.festival is not None
    return {
        "key": f"{plan.id}/{task.id}",
        "plan_id": plan.id,
        "task_id": task.id,
        "section_id": task.section_id,
        "position": position,
        "title": task.title,
        "detail": task.detail,
        "owner": task.owner,
        "tags": json.dumps(list(task.tags), ensure_ascii=False) if task.tags else None,
        "goal_id": task.goal,
        "inspection_id": task.inspection,
        "due": task.due.isoformat() if task.due else None,
        "every": task.every,
        "festival": task.festival,
        "offset": task.offset if festival else None,
        "lead": task.lead if festival else None,
        "grace": task.grace if festival else None,
        "archived_at": None,
        "assumed": task.assumed,
        "completed_by": task.completed_by,
    }


_SCHEDULE_COLUMNS = ("due", "every", "festival", "offset", "lead", "grace")
_PLAN_SCHEDULE_COLUMNS = ("start", "end", "tracked_from")


def _definition_rows(plan: Plan) -> dict[str, list[Row]]:
    """Rows of the plan's definition tables (replaced wholesale on each load)."""
    rows: dict[str, list[Row]] = {
        "roles": [{"plan_id": plan.id, "role_id": k, "name": v} for k, v in plan.roles.items()],
        "goals": [],
        "targets": [],
        "calendar": [],
        "sections": [],
        "festival_dates": [
            {"plan_id": plan.id, "festival": name, "year": year, "date": day.isoformat()}
            for name, years in plan.festival_dates.items()
            for year, days in years.items()
            for day in days
        ],
        "metrics": [{"plan_id": plan.id, "metric_id": k, "name": v} for k, v in plan.metrics.items()],
    }
    for i, goal in enumerate(plan.goals):
        rows["goals"].append({"plan_id": plan.id, "goal_id": goal.id, "text": goal.text, "position": i})
        for j, t in enumerate(goal.targets):
            rows["targets"].append(
                {
                    "plan_id": plan.id,
                    "goal_id": goal.id,
                    "target_id": t.id,
                    "text": t.text,
                    "metric": t.metric,
                    "target": t.target,
                    "direction": t.direction,
                    "position": j,
                    "assumed": t.assumed,
                    "count": t.count,
                    "tasks": json.dumps(list(t.tasks), ensure_ascii=False) if t.tasks else None,
                    "templates": json.dumps(list(t.templates), ensure_ascii=False) if t.templates else None,
                }
            )
    for name, entry in plan.calendar.items():
        rows["calendar"].append(
            {
                "plan_id": plan.id,
                "name": name,
                "start": str(entry.start),
                "end": str(entry.end) if entry.end else None,
            }
        )
    for i, section in enumerate(plan.sections):
        rows["sections"].append(
            {"plan_id": plan.id, "section_id": section.id, "title": section.title, "position": i}
        )
    return rows


def _template_rows(plan: Plan) -> tuple[list[Row], list[Row], list[Row]]:
    templates, areas, items = [], [], []
    for tpl in plan.inspections:
        key = f"{plan.id}/{tpl.id}"
        templates.append(
            {
                "key": key,
                "plan_id": plan.id,
                "template_id": tpl.id,
                "title": tpl.title,
                "pass_mark": tpl.pass_mark,
                "rectify_days": tpl.rectify_days,
                "archived_at": None,
            }
        )
        areas += [
            {"template_key": key, "area": a, "position": i, "owner": tpl.owners.get(a)}
            for i, a in enumerate(tpl.areas)
        ]
        items += [
            {"template_key": key, "item_id": it.id, "text": it.text, "weight": it.weight, "position": i}
            for i, it in enumerate(tpl.items)
        ]
    return templates, areas, items


_OCCURRENCE_COLUMNS = (
    "task_key",
    "key",
    "plan_id",
    "opens",
    "due",
    "missed_from",
    "until",
    *FreshFacts._fields,
    "facts_fresh",
)
# A row whose facts the insert trigger computes: settles and settled_overdue as their defaults, and not
# fresh (0).
_BY_TRIGGER = (FAR_FUTURE, 0, 0)


_Tails = dict[int, tuple[Occurrence, tuple[Any, ...], tuple[Any, ...]]]
"""Per plan, {id(occurrence): (the occurrence, its row after task_key with its facts given, the
same for the insert trigger to compute)}: a plan's tasks share a few schedules (the schedule
cache hands back the same Occurrence objects), so each occurrence's text is made once."""


def _occurrence_rows(
    plan: Plan, task: Task, recorded: Collection[str], tails: _Tails
) -> list[tuple[Any, ...]]:
    """New occurrence rows (_OCCURRENCE_COLUMNS) of an active task. Those with no records on
    their key, of a task without `inspection:`, come with their facts (completion.fresh_facts);
    SQLite computes the others' as they are inserted (store/completion.py), the records of
    occurrences that come back included. `recorded`: the keys of this task's occurrences with
    records (taken back or not)."""
    key = (f"{plan.id}/{task.id}",)
    rows = []
    linked = task.inspection is not None
    for o in schedule.occurrences(plan, task):
        entry = tails.get(id(o))
        if entry is None or entry[0] is not o:
            missed = o.missed_from.isoformat() if o.missed_from else None
            due = o.due.isoformat()
            until = missed or FAR_FUTURE
            head = (o.key, plan.id, o.opens.isoformat(), due, missed, until)
            entry = tails[id(o)] = (o, (*head, *fresh_facts(due, until), 1), (*head, *_BY_TRIGGER))
        rows.append(key + entry[2] if linked or o.key in recorded else key + entry[1])
    return rows


@cache
def _insert_sql(table: str, columns: tuple[str, ...], key: str | None, n: int) -> str:
    """INSERT of n rows of these columns; with key, an upsert: a row already there has these
    columns replaced, the others kept."""
    names = ", ".join(f'"{c}"' for c in columns)
    one = f"({', '.join('?' * len(columns))})"
    sql = f'INSERT INTO "{table}" ({names}) VALUES {", ".join([one] * n)}'
    if key is not None:
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != key)
        sql += f' ON CONFLICT ("{key}") DO UPDATE SET {sets}'
    return sql


def _insert_rows(
    store: Store,
    table: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
    key: str | None = None,
) -> None:
    """Rows (values in the order of `columns`) inserted, or upserted on key; a few dozen rows a
    statement (under SQLite's oldest limit of 999 parameters): one statement a row would pay
    the occurrences' insert trigger's statement journal on every row."""
    step = max(1, 999 // len(columns))
    for i in range(0, len(rows), step):
        chunk = rows[i : i + step]
        store.conn.execute(_insert_sql(table, columns, key, len(chunk)), list(chain.from_iterable(chunk)))


def _insert(store: Store, table: str, rows: list[Row], key: str | None = None) -> None:
    """Rows given as dicts with the same columns, in the same order (_insert_rows)."""
    if rows:
        _insert_rows(store, table, tuple(rows[0]), [tuple(r.values()) for r in rows], key)


def _recorded(store: Store, keys: set[str]) -> dict[str, dict[str, int]]:
    """{task key: {occurrence key: how many records}} of these tasks' records (taken back or
    not): read once per plan, for the rows the trigger computes and for the orphaned."""
    found: dict[str, dict[str, int]] = {}
    if keys:
        for task_key, occurrence, n in store.conn.execute(
            "SELECT task_key, occurrence, COUNT(*) FROM records WHERE task_key IN "
            "(SELECT value FROM json_each(?)) GROUP BY task_key, occurrence",
            [json.dumps(sorted(keys), ensure_ascii=False)],
        ):
            found.setdefault(task_key, {})[occurrence] = n
    return found


def check_conflicts(store: Store, plans: Sequence[Plan], force: bool) -> None:
    """A plan id already loaded from another file is refused unless force."""
    problems = [p for p in (_conflict(store, plan, force) for plan in plans) if p]
    if problems:
        raise PlanConflict("\n".join(problems))


def _conflict(store: Store, plan: Plan, force: bool) -> str | None:
    """What refuses this plan (its id loaded from another file, without force), or None."""
    if force:
        return None
    row = store.one("SELECT source FROM plans WHERE id = ?", [plan.id])
    if row and row["source"] != plan.source:
        return ERR["plan_elsewhere"].format(source=plan.source, plan=plan.id, other=row["source"])
    return None


def _diff(store: Store, plan: Plan) -> tuple[FileResult, set[str], dict[str, dict[str, int]]]:
    """Compare a plan with what is stored. Returns the result, the task keys whose occurrences
    must be recomputed, and their records (_recorded)."""
    result = FileResult(path=plan.source, plan_id=plan.id)
    stored_plan = store.one("SELECT * FROM plans WHERE id = ?", [plan.id])
    new_plan_row = _plan_row(plan, "")
    schedule_shift = True
    if stored_plan is None:
        result.new_plan = True
    else:
        keys = [k for k in new_plan_row if k not in ("loaded_at", "loaded_version", "file_stat")]
        result.plan_changed = any(stored_plan[k] != new_plan_row[k] for k in keys)
        stored_cal = store.query(
            'SELECT name, start, "end" FROM calendar WHERE plan_id = ? ORDER BY name', [plan.id]
        )
        new_cal = sorted(_definition_rows(plan)["calendar"], key=lambda r: r["name"])
        cal_same = [(r["name"], r["start"], r["end"]) for r in stored_cal] == [
            (r["name"], r["start"], r["end"]) for r in new_cal
        ] and _festival_dates_same(store, plan)
        schedule_shift = not cal_same or any(
            stored_plan[k] != new_plan_row[k] for k in _PLAN_SCHEDULE_COLUMNS
        )
        if not result.plan_changed:
            result.plan_changed = (not cal_same) or _definitions_differ(store, plan)
    stored = {r["key"]: r for r in store.query("SELECT * FROM tasks WHERE plan_id = ?", [plan.id])}
    recompute: set[str] = set()
    seen = set()
    for pos, task in enumerate(plan.tasks()):
        row = _task_row(plan, task, pos)
        key = row["key"]
        seen.add(key)
        old = stored.get(key)
        if old is None or old["archived_at"] is not None:
            result.added.append(key)
            recompute.add(key)
        elif any(old[c] != row[c] for c in row if c != "position"):
            result.updated.append(key)
            if schedule_shift or any(old[c] != row[c] for c in _SCHEDULE_COLUMNS):
                recompute.add(key)
        else:
            result.unchanged += 1
            if old["position"] != row["position"]:
                result.plan_changed = True  # only the order changed: rewrite, report nothing
            if schedule_shift:
                recompute.add(key)
    result.archived = [k for k, r in stored.items() if k not in seen and r["archived_at"] is None]
    in_file = {f"{plan.id}/{tpl.id}" for tpl in plan.inspections}
    result.archived_templates = [
        r["key"]
        for r in store.query(
            "SELECT key FROM templates WHERE plan_id = ? AND archived_at IS NULL ORDER BY key", [plan.id]
        )
        if r["key"] not in in_file
    ]
    recorded = _recorded(store, recompute)
    result.orphaned = _orphaned(plan, recorded)
    return result, recompute, recorded


def _festival_dates_same(store: Store, plan: Plan) -> bool:
    """Whether the stored fixed festival dates are the plan's (they move occurrences)."""
    stored = store.query(
        "SELECT festival, year, date FROM festival_dates WHERE plan_id = ? ORDER BY festival, date", [plan.id]
    )
    new = sorted((r["festival"], r["year"], r["date"]) for r in _definition_rows(plan)["festival_dates"])
    return [(r["festival"], r["year"], r["date"]) for r in stored] == new


def _orphaned(plan: Plan, held: dict[str, dict[str, int]]) -> list[Orphaned]:
    """The tasks (of those whose occurrences are recomputed: their records `held`) with records
    on occurrence keys the new schedule does not have, with how many."""
    found = []
    for task in plan.tasks():
        key = f"{plan.id}/{task.id}"
        if key not in held:
            continue
        keys = {o.key for o in schedule.occurrences(plan, task)}
        gone = {occ: n for occ, n in held[key].items() if occ not in keys}
        if gone:
            found.append(Orphaned(key, sum(gone.values()), tuple(sorted(gone))))
    return found


def _definitions_differ(store: Store, plan: Plan) -> bool:
    rows = _definition_rows(plan)
    templates, areas, items = _template_rows(plan)
    checks = {
        "roles": ("SELECT plan_id, role_id, name FROM roles WHERE plan_id = ?", rows["roles"]),
        "goals": ("SELECT plan_id, goal_id, text, position FROM goals WHERE plan_id = ?", rows["goals"]),
        "targets": (
            "SELECT plan_id, goal_id, target_id, text, metric, target, direction, position, assumed, "
            '"count", tasks, templates FROM targets WHERE plan_id = ?',
            rows["targets"],
        ),
        "sections": (
            "SELECT plan_id, section_id, title, position FROM sections WHERE plan_id = ?",
            rows["sections"],
        ),
        "metrics": ("SELECT plan_id, metric_id, name FROM metrics WHERE plan_id = ?", rows["metrics"]),
        "templates": (
            "SELECT key, plan_id, template_id, title, pass_mark, rectify_days, archived_at "
            "FROM templates WHERE plan_id = ? AND archived_at IS NULL",
            templates,
        ),
        "areas": (
            "SELECT a.template_key, a.area, a.position, a.owner FROM template_areas a JOIN templates t "
            "ON t.key = a.template_key WHERE t.plan_id = ? AND t.archived_at IS NULL",
            areas,
        ),
        "items": (
            "SELECT i.template_key, i.item_id, i.text, i.weight, i.position FROM template_items i "
            "JOIN templates t ON t.key = i.template_key WHERE t.plan_id = ? AND t.archived_at IS NULL",
            items,
        ),
    }
    for sql, new in checks.values():
        old = store.query(sql, [plan.id])

        def norm(rs: list[Row]) -> list[tuple[Any, ...]]:
            return sorted(tuple(str(v) for v in r.values()) for r in rs)

        if norm(old) != norm(new):
            return True
    return False


def _write_plan(
    store: Store,
    plan: Plan,
    result: FileResult,
    recompute: set[str],
    recorded: dict[str, dict[str, int]],
    at: str,
) -> None:
    _insert(store, "plans", [_plan_row(plan, at)], key="id")
    store.conn.execute(
        "UPDATE plans SET archived_at = NULL WHERE id = ? AND archived_at IS NOT NULL", [plan.id]
    )
    for table, rows in _definition_rows(plan).items():
        store.conn.execute(f"DELETE FROM {table} WHERE plan_id = ?", [plan.id])
        _insert(store, table, rows)
    templates, areas, items = _template_rows(plan)
    keys = [t["key"] for t in templates]
    store.conn.execute(
        "UPDATE templates SET archived_at = ? WHERE plan_id = ? AND archived_at IS NULL AND key NOT IN "
        f"({','.join('?' * len(keys))})",
        [at, plan.id, *keys],
    )
    _insert(store, "templates", templates, key="key")
    # the definitions of the file's templates are replaced; an archived template keeps its areas
    # and items (its inspections are still listed, with their items' texts)
    in_file = json.dumps(keys, ensure_ascii=False)
    store.conn.execute(
        "DELETE FROM template_areas WHERE template_key IN (SELECT value FROM json_each(?))", [in_file]
    )
    store.conn.execute(
        "DELETE FROM template_items WHERE template_key IN (SELECT value FROM json_each(?))", [in_file]
    )
    _insert(store, "template_areas", areas)
    _insert(store, "template_items", items)
    tasks = {t.id: t for t in plan.tasks()}
    _insert(store, "tasks", [_task_row(plan, t, i) for i, t in enumerate(plan.tasks())], key="key")
    if result.archived:
        store.conn.executemany(
            "UPDATE tasks SET archived_at = ? WHERE key = ?", [(at, k) for k in result.archived]
        )
    if recompute:
        recomputed = json.dumps(sorted(recompute), ensure_ascii=False)
        store.conn.execute(
            "DELETE FROM occurrences WHERE task_key IN (SELECT value FROM json_each(?))", [recomputed]
        )
        occurrence_rows: list[tuple[Any, ...]] = []
        tails: _Tails = {}
        for key in sorted(recompute):
            task = tasks[key.split("/", 1)[1]]
            occurrence_rows += _occurrence_rows(plan, task, recorded.get(key, {}), tails)
        # In date order, so that the occurrences of one window (a week's checklist, the next two
        # weeks) sit on a few neighbouring pages, not one page per task. By due date alone: the
        # sort is stable and the rows come by task key, a task having one occurrence a due date.
        occurrence_rows.sort(key=itemgetter(4))
        _insert_rows(store, "occurrences", _OCCURRENCE_COLUMNS, occurrence_rows)
    store.conn.execute(
        "INSERT INTO import_log (path, sha256, at, plan_id, added, updated, archived, unchanged) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            plan.source,
            plan.sha256,
            at,
            plan.id,
            len(result.added),
            len(result.updated),
            len(result.archived),
            result.unchanged,
        ],
    )


def load(
    store: Store,
    plans: Sequence[Plan],
    *,
    force: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    track_from: dt.date | None = None,
) -> list[FileResult]:
    """Load validated plans in one transaction. With dry_run, report and write nothing.

    track_from: the day the clerk began following these plans (`load --track-from`): each
    plan's tracked_from becomes it, kept in the database for later loads (tracking).

    The conflict check runs inside the write transaction: two loads at once cannot both pass it
    and the later one silently replace a plan."""
    if dry_run:
        check_conflicts(store, plans, force)
        results = []
        kept = kept_track_from(store)
        for i, plan in enumerate(plans):
            results.append(_diff(store, tracking(plan, kept, track_from))[0])
            if progress:
                progress(i + 1, len(plans), plan.source)
        return results
    return _load_all(store, plans, len(plans), force, progress, track_from)


def kept_track_from(store: Store) -> dict[str, dt.date]:
    """The `--track-from` days kept from earlier loads, by plan id (one query for a whole load)."""
    rows = store.conn.execute("SELECT id, track_from FROM plans WHERE track_from IS NOT NULL")
    return {plan_id: dt.date.fromisoformat(day) for plan_id, day in rows}


def tracking(plan: Plan, kept: dict[str, dt.date], track_from: dt.date | None = None) -> Plan:
    """The plan as it is followed: with the clerk's `--track-from` (given now, else kept from an
    earlier load) as its tracked_from — the day itself, or the plan's start when that is later.
    A day after the plan's end is refused, naming the plan."""
    day = track_from or kept.get(plan.id)
    if day is None:
        return plan
    if day > plan.end:
        raise InvalidInput(
            TERM["track_from_after_end"].format(date=day, plan=plan.id, start=plan.start, end=plan.end)
        )
    return replace(plan, tracked_from=max(day, plan.start), track_from=day)


@contextmanager
def _load_pragmas(store: Store) -> Iterator[None]:
    """The connection set for a load while it runs.

    An insert into a table with triggers keeps a statement journal: in memory, not a temporary
    file written page by page (that was most of a large load's system time). A page cache of up
    to 32 MB while loading (SQLite's default is 2 MB): the index pages a large load writes into
    stay in memory instead of being spilled to the WAL and read back again and again (1,000
    plans: system time 4.1 s -> 1.6 s; peak memory 112 -> 150 MB, the limit being 200)."""
    store.conn.execute("PRAGMA temp_store = MEMORY")
    cache = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute(f"PRAGMA cache_size = {_LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        store.conn.execute(f"PRAGMA cache_size = {int(cache)}")


_LOAD_CACHE_KIB = -32 * 1024  # negative: KiB (PRAGMA cache_size)


def _load_all(
    store: Store,
    plans: Iterable[Plan],
    total: int,
    force: bool,
    progress: ProgressCallback | None,
    track_from: dt.date | None = None,
) -> list[FileResult]:
    """Every plan in one write transaction. A plan refused (check_conflicts) stops the writing;
    the others are still checked, to name every one refused in one message."""
    results: list[FileResult] = []
    conflicts: list[str] = []
    at = now_stamp()
    with _load_pragmas(store), store.write():
        kept = kept_track_from(store)
        for i, parsed in enumerate(plans):
            plan = tracking(parsed, kept, track_from)
            conflict = _conflict(store, plan, force)
            if conflict or conflicts:
                conflicts += [conflict] if conflict else []
                continue
            result, recompute, recorded = _diff(store, plan)
            if result.changed:
                _write_plan(store, plan, result, recompute, recorded, at)
            else:  # nothing to write; the next re-load of this file can skip it
                store.conn.execute(
                    "UPDATE plans SET loaded_version = ?, file_stat = ? WHERE id = ? "
                    "AND (loaded_version IS NOT ? OR file_stat IS NOT ?)",
                    [__version__, plan.file_stat, plan.id, __version__, plan.file_stat],
                )
            results.append(result)
            if progress:
                progress(i + 1, total, plan.source)
        if conflicts:
            raise PlanConflict("\n".join(conflicts))
    return results


def note_file_stats(store: Store, skipped: Sequence[Unchanged]) -> None:
    """Keep the new file_stat of files found unchanged by their bytes (touched, copied back):
    the next re-load skips them unread. Only for the plan still loaded from that path."""
    fresh = [(u.file_stat, u.plan_id, u.source) for u in skipped if u.file_stat is not None]
    if fresh:
        with store.write():
            store.conn.executemany(
                "UPDATE plans SET file_stat = ? WHERE id = ? AND source = ? AND loaded_version = ?",
                [(*row, __version__) for row in fresh],
            )
