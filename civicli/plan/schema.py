"""The plan-file schema (plan-format.md): walks one file's YAML node tree (plan/yaml_loader.py),
collecting every problem (file, line, key path, message) and building the `model.Plan`."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from civicli import limits
from civicli.dates import read_date
from civicli.errors import Problem
from civicli.i18n import ERR, LEDGER_DOC, PLANFILE, RELY, TARGETS
from civicli.plan import festivals
from civicli.plan.model import (
    COUNTS,
    COUNTS_WITH_METRIC,
    CalendarEntry,
    Goal,
    InspectionItem,
    InspectionTemplate,
    MonthDay,
    Plan,
    Section,
    Target,
    Task,
)
from civicli.plan.schedule import count, occurrences, parse_every
from civicli.plan.yaml_loader import (
    FLOAT,
    INT,
    NULL,
    is_null,
    joined_path,
    line_of,
    node_words,
    shortened,
    shown_tag,
    tag_known,
    yaml_number,
)

# Keys of every mapping in a plan file
# --------------------------------------------------------------------------------------------

TOP_KEYS = (
    "id",
    "title",
    "community",
    "period",
    "tracked_from",
    "guiding_ideology",
    "principles",
    "goals",
    "roles",
    "calendar",
    "sections",
    "inspections",
    # plan honesty and festival dates (docs: README, plan format)
    "assumed",
    "incomplete",
    "festival_dates",
    "metrics",
    "headcount",
)
PERIOD_KEYS = ("start", "end")
GOAL_KEYS = ("id", "text", "targets")
TARGET_KEYS = ("id", "text", "target", "direction", "count", "metric", "tasks", "templates", "assumed")
SECTION_KEYS = ("id", "title", "tasks")
TASK_KEYS = (
    "id",
    "title",
    "detail",
    "owner",
    "tags",
    "goal",
    "inspection",
    "due",
    "every",
    "festival",
    "offset",
    "lead",
    "grace",
    "assumed",
    "completed_by",
)
SCHEDULE_KEYS = ("due", "every", "festival")
FESTIVAL_OPTIONS = ("offset", "lead", "grace")
TEMPLATE_KEYS = ("id", "title", "areas", "items", "pass_mark", "rectify_days")
ITEM_KEYS = ("id", "text", "weight")
AREA_KEYS = ("name", "owner")
DIRECTIONS = ("at_least", "at_most")
COMPLETED_BY = ("bulletin",)  # what may complete a task by itself (`completed_by:`)
MAX_OCCURRENCES = limits.MAX_OCCURRENCES  # a plan's occurrences, counted before they are made
_ID_RE = re.compile(r"[\w.\-]+")
_MONTHDAY_RE = re.compile(r"([0-9]{2})-([0-9]{2})")


def _hint(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return PLANFILE.format("did_you_mean", suggestion=found[0]) if found else ""


@dataclass
class _Map:
    node: MappingNode
    path: str
    entries: dict[str, tuple[ScalarNode, Node]]


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.plan_id: str | None = None
        self.plan_id_line: int | None = None
        # a target's `tasks` / `templates` ids, checked once the plan's tasks are read:
        # (kind "tasks" | "templates", id, its node, its key path)
        self.target_refs: list[tuple[str, str, Node, str]] = []

    # -- reporting ---------------------------------------------------------------------------

    def err(self, where: Node | int | None, path: str, template: str, **fields: object) -> None:
        line = line_of(where) if isinstance(where, Node) else where
        self.problems.append(Problem(self.file, line, path, PLANFILE.format(template, **fields)))

    def target_err(self, where: Node | int | None, path: str, key: str, **fields: object) -> None:
        """A problem of a goal target (`count`, `tasks`, `templates`; the TARGETS catalog)."""
        line = line_of(where) if isinstance(where, Node) else where
        self.problems.append(Problem(self.file, line, path, TARGETS[key].format(**fields)))

    def limit_err(self, where: Node, path: str, key: str, **fields: object) -> None:
        """A value outside civicli's limits (civicli.limits; the message from the ERR catalog)."""
        self.problems.append(Problem(self.file, line_of(where), path, ERR[key].format(**fields)))

    def days_ok(self, value: int | None, m: _Map, key: str) -> int | None:
        """A count of days (offset, lead, grace, rectify_days) within ±36,500, else reported."""
        if value is None or limits.days_ok(value):
            return value
        self.limit_err(m.entries[key][1], joined_path(m.path, key), "plan_days_range", value=value)
        return None

    def tag_ok(self, node: Node, path: str) -> bool:
        if tag_known(node):
            return True
        self.err(node, path, "bad_tag", tag=shown_tag(node.tag))
        return False

    def unique(self, seen: dict[str, int | None], value: str, m: _Map, key: str, kind: str) -> None:
        """Report `value` (m's `key`) if already in `seen`; else remember its line."""
        node = m.entries[key][1]
        if value in seen:
            self.err(node, joined_path(m.path, key), kind, id=value, line=seen[value])
        else:
            seen[value] = line_of(node)

    # -- structure ---------------------------------------------------------------------------

    def mapping(self, node: Node, path: str, keys: Sequence[str] | None) -> _Map | None:
        """The node as a mapping: unknown keys (unless keys is None) and repeated keys reported."""
        if not isinstance(node, MappingNode):
            self.err(node, path, "expected_mapping", got=node_words(node))
            return None
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        seen: dict[str, Node] = {}  # key -> its node (the line of a repeated key's first use)
        for key_node, value_node in node.value:
            if not self.tag_ok(key_node, path):
                continue
            if not isinstance(key_node, ScalarNode):
                self.err(key_node, path, "bad_key", got=node_words(key_node))
                continue
            if key_node.tag == NULL:
                self.err(key_node, path, "empty_key")
                continue
            name = str(key_node.value)
            if name in seen:
                line = line_of(seen[name])
                self.err(key_node, joined_path(path, name), "duplicate_key", key=name, line=line)
                continue
            seen[name] = key_node
            if name == "<<":  # not a merge: an ordinary key, and never a valid one
                self.err(key_node, joined_path(path, name), "merge_key")
                continue
            if keys is not None and name not in keys:
                self.err(key_node, joined_path(path, name), "unknown_key", key=name, hint=_hint(name, keys))
                continue
            entries[name] = (key_node, value_node)
        return _Map(node, path, entries)

    def value(self, m: _Map, key: str, required: bool = False) -> Node | None:
        """The value of `key` in m, or None when absent or null (reported if required)."""
        entry = m.entries.get(key)
        if entry is None:
            if required:
                self.err(m.node, joined_path(m.path, key), "required")
            return None
        key_node, node = entry
        if is_null(node):
            if required:
                self.err(key_node, joined_path(m.path, key), "no_value")
            return None
        if not tag_known(node):
            self.err(node, joined_path(m.path, key), "bad_tag", tag=shown_tag(node.tag))
            return None
        return node

    def items(self, node: Node, path: str, what: str | None = None) -> list[tuple[str, Node]]:
        """The items of a list (with their paths); empty items reported and left out.
        With `what`, an empty list is reported too."""
        if not isinstance(node, SequenceNode):
            self.err(node, path, "expected_list", got=node_words(node))
            return []
        if what is not None and not node.value:
            self.err(node, path, "empty_list", what=PLANFILE.format(what))
        out: list[tuple[str, Node]] = []
        for i, item in enumerate(node.value):
            item_path = f"{path}[{i}]"
            if is_null(item):
                self.err(item, item_path, "empty_item")
            elif self.tag_ok(item, item_path):
                out.append((item_path, item))
        return out

    # -- scalars -----------------------------------------------------------------------------

    def text(self, node: Node, path: str, allow_empty: bool = False) -> str | None:
        if not isinstance(node, ScalarNode):
            self.err(node, path, "expected_text", got=node_words(node))
            return None
        value = str(node.value)
        if not allow_empty and not value.strip():
            self.err(node, path, "empty_text")
            return None
        return value

    def ident(self, node: Node, path: str) -> str | None:
        value = self.text(node, path)
        if value is None:
            return None
        if not _ID_RE.fullmatch(value):
            self.err(node, path, "bad_id", got=node_words(node))
            return None
        return value

    def number(self, node: Node, path: str) -> int | float | None:
        if isinstance(node, ScalarNode) and node.tag in (INT, FLOAT):
            # a number as YAML reads it: finite and within ±10^15, or refused (before converting a
            # long one: Python refuses to convert more than 4,300 digits)
            text = str(node.value)
            value = yaml_number(text) if len(text) <= limits.MAX_NUMBER_TEXT else None
            if value is not None and limits.number_ok(value):
                return value
            if value is not None or len(text) > limits.MAX_NUMBER_TEXT:
                self.limit_err(node, path, "plan_number_range", value=shortened(text))
                return None
        self.err(node, path, "expected_number", got=node_words(node))
        return None

    def integer(self, node: Node, path: str) -> int | None:
        value = self.number(node, path)
        if value is None:
            return None
        if not isinstance(value, int):
            self.err(node, path, "expected_integer", got=node_words(node))
            return None
        return value

    def date(self, node: Node, path: str) -> dt.date | None:
        value = self.text(node, path)
        if value is None:
            return None
        day = read_date(value)
        if day is not None:
            return self.date_in_range(day, node, path)
        self.err(node, path, "expected_date", got=node_words(node))
        return None

    def date_in_range(self, day: dt.date, node: Node, path: str) -> dt.date | None:
        """A date within 1900–2100 (civicli.limits), else reported."""
        if limits.date_ok(day):
            return day
        self.limit_err(node, path, "plan_date_range", value=day.isoformat())
        return None

    def monthday(self, node: Node, path: str) -> MonthDay | None:
        value = self.text(node, path)
        if value is None:
            return None
        match = _MONTHDAY_RE.fullmatch(value)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            try:
                dt.date(2000, month, day)  # a leap year: 02-29 is allowed
                return MonthDay(month, day)
            except ValueError:
                pass
        self.err(node, path, "expected_monthday", got=node_words(node))
        return None

    # -- key + value helpers -----------------------------------------------------------------

    # The get_* below take a valid value as it is, without building its key path; anything else
    # goes through text/ident/date, which report it.

    def get_text(self, m: _Map, key: str, required: bool = False, allow_empty: bool = False) -> str | None:
        node = self.value(m, key, required)
        if node is None:
            return None
        if isinstance(node, ScalarNode):
            value = str(node.value)
            if allow_empty or value.strip():
                return value
        return self.text(node, joined_path(m.path, key), allow_empty)

    def get_id(self, m: _Map, key: str, required: bool = False) -> str | None:
        node = self.value(m, key, required)
        if node is None:
            return None
        if isinstance(node, ScalarNode):
            value = str(node.value)
            if value.strip() and _ID_RE.fullmatch(value):
                return value
        return self.ident(node, joined_path(m.path, key))

    def get_date(self, m: _Map, key: str, required: bool = False) -> dt.date | None:
        node = self.value(m, key, required)
        if node is None:
            return None
        if isinstance(node, ScalarNode):
            value = str(node.value)
            day = read_date(value) if value.strip() else None
            if day is not None and limits.date_ok(day):
                return day
        return self.date(node, joined_path(m.path, key))

    def get_number(self, m: _Map, key: str) -> int | float | None:
        node = self.value(m, key)
        return None if node is None else self.number(node, joined_path(m.path, key))

    def get_integer(self, m: _Map, key: str) -> int | None:
        node = self.value(m, key)
        return None if node is None else self.integer(node, joined_path(m.path, key))

    def get_texts(self, m: _Map, key: str) -> tuple[str, ...]:
        node = self.value(m, key)
        if node is None:
            return ()
        found = (self.text(item, path) for path, item in self.items(node, joined_path(m.path, key)))
        return tuple(t for t in found if t is not None)

    # -- the plan ----------------------------------------------------------------------------

    def plan(self, root: Node) -> Plan | None:
        m = self.mapping(root, "", TOP_KEYS)
        if m is None:  # pragma: no cover - the caller checks the top level is a mapping
            return None
        plan_id = self.get_id(m, "id", required=True)
        if plan_id is not None:
            self.plan_id, self.plan_id_line = plan_id, line_of(m.entries["id"][1])
        title = self.get_text(m, "title", required=True)
        community = self.get_text(m, "community", allow_empty=True)
        start, end = self.period(m)
        tracked_from = self.get_date(m, "tracked_from")
        if tracked_from is not None and start and end and not start <= tracked_from <= end:
            self.err(
                m.entries["tracked_from"][1],
                "tracked_from",
                "outside_period",
                what=PLANFILE.format("what_tracked_from"),
                date=tracked_from,
                start=start,
                end=end,
            )
        guiding = self.get_text(m, "guiding_ideology", allow_empty=True)
        principles = self.get_texts(m, "principles")
        goals, goal_ids = self.goals(m)
        roles = self.roles(m)
        metrics = self.metrics(m)
        calendar, calendar_names = self.calendar(m, festivals.canonical)
        inspections, template_ids = self.inspections(m)
        assumed = self.get_text(m, "assumed")
        incomplete = self.get_text(m, "incomplete")
        festival_dates = self.festival_dates(m)
        headcount = self.headcount(m, metrics, goals)

        sections: list[Section] = []
        schedules: list[tuple[Task, str, int | None]] = []
        node = self.value(m, "sections", required=True)
        task_ids: dict[str, int | None] = {}
        if node is not None:
            section_ids: dict[str, int | None] = {}
            for path, item in self.items(node, "sections", "what_section"):
                sm = self.mapping(item, path, SECTION_KEYS)
                if sm is None:
                    continue
                section_id = self.get_id(sm, "id", required=True)
                if section_id is not None:
                    self.unique(section_ids, section_id, sm, "id", "duplicate_section")
                section_title = self.get_text(sm, "title", required=True)
                tasks: list[Task] = []
                tasks_node = self.value(sm, "tasks", required=True)
                if tasks_node is not None:
                    tasks_path = joined_path(path, "tasks")
                    for task_path, task_node in self.items(tasks_node, tasks_path, "what_task"):
                        found = self.task(
                            task_node,
                            task_path,
                            section_id or "",
                            task_ids,
                            start,
                            end,
                            goal_ids,
                            template_ids,
                            calendar_names,
                        )
                        if found is not None:
                            tasks.append(found[0])
                            schedules.append(found)
                sections.append(Section(section_id or "", section_title or "", tuple(tasks)))

        self.check_target_refs(set(task_ids), template_ids)
        if self.problems or plan_id is None or title is None or start is None or end is None:
            return None
        plan = Plan(
            id=plan_id,
            title=title,
            start=start,
            end=end,
            sections=tuple(sections),
            community=community,
            tracked_from=tracked_from,
            guiding_ideology=guiding,
            principles=principles,
            goals=goals,
            roles=roles,
            calendar=calendar,
            inspections=inspections,
            assumed=assumed,
            incomplete=incomplete,
            festival_dates=festival_dates,
            metrics=metrics,
            headcount=headcount,
        )
        self.check_occurrences(plan, schedules)
        return None if self.problems else plan

    def period(self, m: _Map) -> tuple[dt.date | None, dt.date | None]:
        node = self.value(m, "period", required=True)
        if node is None:
            return None, None
        pm = self.mapping(node, "period", PERIOD_KEYS)
        if pm is None:
            return None, None
        start = self.get_date(pm, "start", required=True)
        end = self.get_date(pm, "end", required=True)
        if start is not None and end is not None and end < start:
            self.err(pm.entries["end"][1], "period.end", "period_order", start=start, end=end)
            return None, None
        return start, end

    def goals(self, m: _Map) -> tuple[tuple[Goal, ...], set[str] | None]:
        """The goals, and the set of goal ids (None when goals could not be read at all)."""
        node = self.value(m, "goals")
        if node is None:
            return (), set()
        if not isinstance(node, SequenceNode):
            self.items(node, "goals")  # reports it
            return (), None
        goals: list[Goal] = []
        ids: dict[str, int | None] = {}
        for path, item in self.items(node, "goals"):
            gm = self.mapping(item, path, GOAL_KEYS)
            if gm is None:
                continue
            goal_id = self.get_id(gm, "id", required=True)
            if goal_id is not None:
                self.unique(ids, goal_id, gm, "id", "duplicate_goal")
            text = self.get_text(gm, "text", required=True)
            targets: list[Target] = []
            target_ids: dict[str, int | None] = {}
            targets_node = self.value(gm, "targets")
            if targets_node is not None:
                for tpath, titem in self.items(targets_node, joined_path(path, "targets")):
                    target = self.target(titem, tpath, target_ids)
                    if target is not None:
                        targets.append(target)
            goals.append(Goal(goal_id or "", text or "", tuple(targets)))
        return tuple(goals), set(ids)

    def target(self, node: Node, path: str, ids: dict[str, int | None]) -> Target | None:
        tm = self.mapping(node, path, TARGET_KEYS)
        if tm is None:
            return None
        target_id = self.get_id(tm, "id", required=True)
        if target_id is not None:
            self.unique(ids, target_id, tm, "id", "duplicate_target")
        text = self.get_text(tm, "text", required=True)
        count: str | None = "sum"
        count_node = self.value(tm, "count")
        if count_node is not None:
            count = self.text(count_node, joined_path(path, "count"))
            if count is not None and count not in COUNTS:
                self.target_err(
                    count_node,
                    joined_path(path, "count"),
                    "bad_count",
                    got=node_words(count_node),
                    hint=_hint(count, COUNTS),
                )
                count = None
        metric = self.get_id(tm, "metric")
        if count in COUNTS_WITH_METRIC and metric is None:
            if count_node is not None and "metric" not in tm.entries:
                self.target_err(tm.node, joined_path(path, "metric"), "needs_metric", count=count)
            else:  # the default count, or `metric:` without a value: the usual words
                self.value(tm, "metric", required=True)
        tasks = self.target_ids(tm, "tasks", path)
        templates = self.target_ids(tm, "templates", path)
        if count == "done" and tasks is None and "tasks" not in tm.entries:
            self.target_err(tm.node, joined_path(path, "tasks"), "needs_tasks")
        if templates and count != "closed":
            self.target_err(
                tm.entries["templates"][0], joined_path(path, "templates"), "templates_only_closed"
            )
        if tasks and count == "closed":
            self.target_err(tm.entries["tasks"][0], joined_path(path, "tasks"), "tasks_not_closed")
        value_node = self.value(tm, "target", required=True)
        value = None if value_node is None else self.number(value_node, joined_path(path, "target"))
        direction_node = self.value(tm, "direction", required=True)
        direction = None
        if direction_node is not None:
            direction = self.text(direction_node, joined_path(path, "direction"))
            if direction is not None and direction not in DIRECTIONS:
                self.err(
                    direction_node,
                    joined_path(path, "direction"),
                    "bad_direction",
                    got=node_words(direction_node),
                )
                direction = None
        if target_id is None or text is None or value is None or count is None:
            return None
        if direction is None:
            return None
        assumed = self.get_text(tm, "assumed")
        return Target(
            target_id,
            text,
            metric,
            float(value),
            direction,
            assumed,
            count=count,
            tasks=tasks or (),
            templates=templates or (),
        )

    def target_ids(self, tm: _Map, key: str, path: str) -> tuple[str, ...] | None:
        """A target's `tasks` or `templates`: a list of ids (also one id written alone), each
        noted to be checked against the plan once it is read; None when absent or unreadable."""
        node = self.value(tm, key)
        if node is None:
            return None
        key_path = joined_path(path, key)
        pairs = self.items(node, key_path) if isinstance(node, SequenceNode) else [(key_path, node)]
        if isinstance(node, SequenceNode) and not node.value:
            self.target_err(node, key_path, "empty_ids", name=key)
        found: list[str] = []
        for item_path, item in pairs:
            value = self.ident(item, item_path)
            if value is None:
                continue
            if value not in found:
                found.append(value)
            self.target_refs.append((key, value, item, item_path))
        return tuple(found) if found else None

    def check_target_refs(self, task_ids: set[str], template_ids: set[str] | None) -> None:
        """Every id in a target's `tasks` is a task of the plan, in `templates` a template."""
        for kind, value, node, path in self.target_refs:
            known = task_ids if kind == "tasks" else template_ids
            if known is None or value in known:
                continue
            hint = _hint(value, known)
            self.target_err(node, path, "unknown_" + kind, name=value, hint=hint)

    def roles(self, m: _Map) -> dict[str, str]:
        roles: dict[str, str] = {}
        node = self.value(m, "roles")
        if node is None:
            return roles
        rm = self.mapping(node, "roles", None)
        if rm is None:
            return roles
        for name, (key_node, _) in rm.entries.items():
            role_id = self.ident(key_node, joined_path("roles", name))
            display = self.get_text(rm, name, required=True)
            if role_id is not None and display is not None:
                roles[role_id] = display
        return roles

    def calendar(
        self, m: _Map, canonical: Callable[[str], str | None]
    ) -> tuple[dict[str, CalendarEntry], set[str] | None]:
        """The plan's own days and periods, and the names it defines (valid or not; None when
        `calendar` could not be read at all)."""
        calendar: dict[str, CalendarEntry] = {}
        node = self.value(m, "calendar")
        if node is None:
            return calendar, set()
        cm = self.mapping(node, "calendar", None)
        if cm is None:
            return calendar, None
        for name, (key_node, _) in cm.entries.items():
            path = joined_path("calendar", name)
            if not name.strip():
                self.err(key_node, path, "empty_key")
                continue
            builtin = canonical(name)
            if builtin is not None:
                self.err(key_node, path, "shadows_builtin", name=name, canonical=builtin)
            value = self.value(cm, name, required=True)
            if value is None:
                continue
            if isinstance(value, ScalarNode):
                day = self.monthday(value, path)
                if day is not None:
                    calendar[name] = CalendarEntry(name, day)
            elif isinstance(value, MappingNode):
                pm = self.mapping(value, path, PERIOD_KEYS)
                if pm is None:  # pragma: no cover - it is a mapping
                    continue
                first_node = self.value(pm, "start", required=True)
                last_node = self.value(pm, "end", required=True)
                first = None if first_node is None else self.monthday(first_node, joined_path(path, "start"))
                last = None if last_node is None else self.monthday(last_node, joined_path(path, "end"))
                if first is not None and last is not None:
                    calendar[name] = CalendarEntry(name, first, last)
            else:
                self.err(value, path, "expected_calendar", got=node_words(value))
        return calendar, set(cm.entries)

    def festival_dates(self, m: _Map) -> dict[str, dict[int, tuple[dt.date, ...]]]:
        """`festival_dates: {重阳: {2057: 2057-10-26}}` — a built-in festival's dates fixed for
        given Gregorian years (a date, or a list of dates in that year); keyed by canonical name."""
        out: dict[str, dict[int, tuple[dt.date, ...]]] = {}
        node = self.value(m, "festival_dates")
        if node is None:
            return out
        fm = self.mapping(node, "festival_dates", None)
        if fm is None:
            return out
        lines: dict[str, tuple[str, int | None]] = {}
        for name, (key_node, _) in fm.entries.items():
            path = joined_path("festival_dates", name)
            canon = festivals.canonical(name)
            if canon is None:
                names = [*festivals.BUILTIN, *festivals.BUILTIN.values()]
                self.err(key_node, path, "not_builtin", name=name, hint=_hint(name, names))
                continue
            if canon in lines:
                other, line = lines[canon]
                self.err(key_node, path, "builtin_twice", name=name, other=other, line=line, canonical=canon)
                continue
            lines[canon] = (name, line_of(key_node))
            value = self.value(fm, name, required=True)
            if value is None:
                continue
            ym = self.mapping(value, path, None)
            if ym is None:
                continue
            years: dict[int, tuple[dt.date, ...]] = {}
            for year_text, (year_node, _) in ym.entries.items():
                year_path = joined_path(path, year_text)
                if not re.fullmatch(r"[0-9]{4}", year_text):
                    self.err(year_node, year_path, "bad_year", got=node_words(year_node))
                    continue
                year = int(year_text)
                dates_node = self.value(ym, year_text, required=True)
                if dates_node is None:
                    continue
                if isinstance(dates_node, SequenceNode):
                    pairs = self.items(dates_node, year_path, "what_date")
                else:
                    pairs = [(year_path, dates_node)]
                dates: list[dt.date] = []
                for date_path, date_node in pairs:
                    day = self.date(date_node, date_path)
                    if day is None:
                        continue
                    if day.year != year:
                        self.err(date_node, date_path, "date_not_in_year", date=day, year=year)
                        continue
                    dates.append(day)
                if dates:
                    years[year] = tuple(sorted(set(dates)))
            out[canon] = years
        return out

    def inspections(self, m: _Map) -> tuple[tuple[InspectionTemplate, ...], set[str] | None]:
        node = self.value(m, "inspections")
        if node is None:
            return (), set()
        if not isinstance(node, SequenceNode):
            self.items(node, "inspections")  # reports it
            return (), None
        templates: list[InspectionTemplate] = []
        ids: dict[str, int | None] = {}
        for path, item in self.items(node, "inspections"):
            tm = self.mapping(item, path, TEMPLATE_KEYS)
            if tm is None:
                continue
            template_id = self.get_id(tm, "id", required=True)
            if template_id is not None:
                self.unique(ids, template_id, tm, "id", "duplicate_template")
            title = self.get_text(tm, "title", required=True)
            areas: list[str] = []
            owners: dict[str, str] = {}
            areas_node = self.value(tm, "areas", required=True)
            if areas_node is not None:
                seen_areas: dict[str, int | None] = {}
                for apath, anode in self.items(areas_node, joined_path(path, "areas"), "what_area"):
                    area = self.area(anode, apath, owners)
                    if area is None:
                        continue
                    if area in seen_areas:
                        self.err(anode, apath, "duplicate_area", id=area, line=seen_areas[area])
                    else:
                        seen_areas[area] = line_of(anode)
                        areas.append(area)
            items: list[InspectionItem] = []
            items_node = self.value(tm, "items", required=True)
            if items_node is not None:
                item_ids: dict[str, int | None] = {}
                for ipath, inode in self.items(items_node, joined_path(path, "items"), "what_item"):
                    found = self.item(inode, ipath, item_ids)
                    if found is not None:
                        items.append(found)
            pass_mark = self.get_number(tm, "pass_mark")
            if pass_mark is not None and not 0 <= pass_mark <= 100:
                self.err(
                    tm.entries["pass_mark"][1],
                    joined_path(path, "pass_mark"),
                    "pass_mark_range",
                    value=tm.entries["pass_mark"][1].value,
                )
            rectify_days = self.days_ok(self.get_integer(tm, "rectify_days"), tm, "rectify_days")
            if rectify_days is not None and rectify_days < 0:
                self.err(
                    tm.entries["rectify_days"][1],
                    joined_path(path, "rectify_days"),
                    "negative",
                    key="rectify_days",
                    value=rectify_days,
                )
            templates.append(
                InspectionTemplate(
                    id=template_id or "",
                    title=title or "",
                    areas=tuple(areas),
                    owners=owners,
                    items=tuple(items),
                    pass_mark=80.0 if pass_mark is None else float(pass_mark),
                    rectify_days=7 if rectify_days is None else rectify_days,
                )
            )
        return tuple(templates), set(ids)

    def area(self, node: Node, path: str, owners: dict[str, str]) -> str | None:
        """An area: its name as text, or `{name: 1号楼, owner: 张三}` (the owner noted in owners)."""
        if not isinstance(node, MappingNode):
            return self.text(node, path)
        am = self.mapping(node, path, AREA_KEYS)
        if am is None:  # pragma: no cover - it is a mapping
            return None
        name = self.get_text(am, "name", required=True)
        owner = self.get_text(am, "owner")
        if name is not None and owner is not None:
            owners[name] = owner.strip()
        return name

    def metrics(self, m: _Map) -> dict[str, str]:
        """`metrics:` map of metric id → Chinese name."""
        metrics: dict[str, str] = {}
        node = self.value(m, "metrics")
        if node is None:
            return metrics
        mm = self.mapping(node, "metrics", None)
        if mm is None:
            return metrics
        by_name: dict[str, str] = {}
        for name, (key_node, _) in mm.entries.items():
            metric_id = self.ident(key_node, joined_path("metrics", name))
            display = self.get_text(mm, name, required=True)
            if metric_id is None or display is None:
                continue
            display = display.strip()
            if display in by_name:
                self.err(
                    mm.entries[name][1],
                    joined_path("metrics", name),
                    "duplicate_metric_name",
                    name=display,
                    other=by_name[display],
                )
                continue
            by_name[display] = metric_id
            metrics[metric_id] = display
        return metrics

    def headcount(self, m: _Map, metrics: dict[str, str], goals: tuple[Goal, ...]) -> str | None:
        """`headcount:` a metric the plan knows (in `metrics:` or used by a target)."""
        metric = self.get_id(m, "headcount")
        if metric is None:
            return None
        known = set(metrics) | {t.metric for g in goals for t in g.targets if t.metric}
        if metric not in known:
            names = "、".join(sorted(known)) or LEDGER_DOC["no_metrics"]
            line = line_of(m.entries["headcount"][1])
            self.problems.append(
                Problem(
                    self.file,
                    line,
                    "headcount",
                    LEDGER_DOC["unknown_headcount"].format(metric=metric, known=names),
                )
            )
            return None
        return metric

    def item(self, node: Node, path: str, ids: dict[str, int | None]) -> InspectionItem | None:
        im = self.mapping(node, path, ITEM_KEYS)
        if im is None:
            return None
        item_id = self.get_id(im, "id", required=True)
        if item_id is not None:
            self.unique(ids, item_id, im, "id", "duplicate_item")
        text = self.get_text(im, "text", required=True)
        weight = self.get_number(im, "weight")
        if weight is not None and not weight > 0:
            self.err(
                im.entries["weight"][1],
                joined_path(path, "weight"),
                "weight_positive",
                value=im.entries["weight"][1].value,
            )
            weight = None
        if item_id is None or text is None:
            return None
        return InspectionItem(item_id, text, 1.0 if weight is None else float(weight))

    def task(
        self,
        node: Node,
        path: str,
        section_id: str,
        task_ids: dict[str, int | None],
        start: dt.date | None,
        end: dt.date | None,
        goal_ids: set[str] | None,
        template_ids: set[str] | None,
        calendar_names: set[str] | None,
    ) -> tuple[Task, str, int | None] | None:
        """The task, with the key path and line of its schedule (for later problems)."""
        tm = self.mapping(node, path, TASK_KEYS)
        if tm is None:
            return None
        task_id = self.get_id(tm, "id", required=True)
        if task_id is not None:
            self.unique(task_ids, task_id, tm, "id", "duplicate_task")
        title = self.get_text(tm, "title", required=True)
        detail = self.get_text(tm, "detail", allow_empty=True)
        owner = self.get_text(tm, "owner", allow_empty=True)
        tags = self.get_texts(tm, "tags")
        goal = self.reference(tm, "goal", goal_ids, "unknown_goal", "no_goals")
        inspection = self.reference(tm, "inspection", template_ids, "unknown_template", "no_templates")
        assumed = self.get_text(tm, "assumed")
        completed_by = self.get_text(tm, "completed_by")
        if completed_by is not None and completed_by not in COMPLETED_BY:
            node_cb = tm.entries["completed_by"][1]
            self.err(node_cb, joined_path(path, "completed_by"), "bad_completed_by", got=node_words(node_cb))
            completed_by = None

        present = [k for k in SCHEDULE_KEYS if k in tm.entries and not is_null(tm.entries[k][1])]
        schedule_path, schedule_line = path, line_of(tm.node)
        if present:
            schedule_path = joined_path(path, present[0])
            schedule_line = line_of(tm.entries[present[0]][0])
        if len(present) > 1:
            second = tm.entries[present[1]][0]
            self.err(
                second,
                joined_path(path, present[1]),
                "several_schedules",
                keys=PLANFILE.format("schedule_join").join(present),
            )

        due = self.get_date(tm, "due")
        if due is not None and start is not None and end is not None and not start <= due <= end:
            self.err(
                tm.entries["due"][1],
                joined_path(path, "due"),
                "outside_period",
                what=PLANFILE.format("what_due"),
                date=due,
                start=start,
                end=end,
            )

        every = self.get_text(tm, "every")
        if every is not None and not self.every_count_ok(every, tm):
            every = None
        elif every is not None and parse_every(every) is None:
            self.err(
                tm.entries["every"][1],
                joined_path(path, "every"),
                "bad_every",
                got=node_words(tm.entries["every"][1]),
            )
            every = None

        festival = self.get_text(tm, "festival")
        if (
            festival is not None
            and calendar_names is not None
            and festival not in calendar_names
            and festivals.canonical(festival) is None
        ):
            names = [*festivals.BUILTIN, *festivals.BUILTIN.values(), *calendar_names]
            self.err(
                tm.entries["festival"][1],
                joined_path(path, "festival"),
                "unknown_festival",
                name=festival,
                hint=_hint(festival, names),
            )

        options: dict[str, int] = {}
        for key in FESTIVAL_OPTIONS:
            value = self.days_ok(self.get_integer(tm, key), tm, key)
            if value is None:
                continue
            if "festival" not in present:
                self.err(tm.entries[key][0], joined_path(path, key), "festival_only", key=key)
            elif key != "offset" and value < 0:
                self.err(tm.entries[key][1], joined_path(path, key), "negative", key=key, value=value)
            else:
                options[key] = value

        if task_id is None or title is None:
            return None
        task = Task(
            id=task_id,
            title=title,
            section_id=section_id,
            detail=detail,
            owner=owner,
            tags=tags,
            goal=goal,
            inspection=inspection,
            due=due if present == ["due"] else None,
            every=every if present == ["every"] else None,
            festival=festival if present == ["festival"] else None,
            offset=options.get("offset", 0),
            lead=options.get("lead", 14),
            grace=options.get("grace", 14),
            line=line_of(tm.node),
            assumed=assumed,
            completed_by=completed_by,
        )
        return task, schedule_path, schedule_line

    def every_count_ok(self, every: str, m: _Map) -> bool:
        """The N of `every: "N weeks"` within 1…1000 (checked before it is converted), else reported."""
        count = re.match(r"\s*(\d+)", every)
        if count is None or (len(count.group(1)) <= 8 and int(count.group(1)) <= limits.MAX_EVERY):
            return True
        self.limit_err(
            m.entries["every"][1],
            joined_path(m.path, "every"),
            "plan_every_range",
            value=shortened(every),
            limit=limits.MAX_EVERY,
        )
        return False

    def reference(self, m: _Map, key: str, ids: set[str] | None, unknown: str, none: str) -> str | None:
        """A task's `goal` / `inspection`: the id of something else in this plan."""
        node = self.value(m, key)
        if node is None:
            return None
        value = self.text(node, joined_path(m.path, key))
        if value is None or ids is None:
            return value
        if value not in ids:
            hint = _hint(value, ids) if ids else PLANFILE.format(none)
            self.err(node, joined_path(m.path, key), unknown, name=value, hint=hint)
        return value

    def check_occurrences(self, plan: Plan, schedules: list[tuple[Task, str, int | None]]) -> None:
        if not self.within_cap(plan, schedules):
            return  # not expanded: the count says enough
        for task, path, line in schedules:
            try:
                found = occurrences(plan, task, tracked_only=False)
            except Exception as exc:  # a schedule that cannot be computed is a problem, not a crash
                self.err(line, path, "schedule_failed", error=exc)
                continue
            if not found:
                skips = _skipped_year(plan, task)
                if skips is not None:
                    self.err(line, path, "festival_skips", **skips)
                else:
                    self.err(line, path, "no_occurrence", start=plan.start, end=plan.end)

    def within_cap(self, plan: Plan, schedules: list[tuple[Task, str, int | None]]) -> bool:
        """At most MAX_OCCURRENCES occurrences in the plan (all tasks, within its period),
        counted from the schedules before any is made; over that, one problem at the task that
        produces the most, naming the five that produce the most."""
        counts = [occurrence_count(plan, task) for task, _, _ in schedules]
        if sum(counts) <= MAX_OCCURRENCES:
            return True
        for i, (task, _, _) in enumerate(schedules):  # festivals were counted high: exactly now
            if task.schedule_kind == "festival":
                counts[i] = len(occurrences(plan, task, tracked_only=False))
        total = sum(counts)
        if total <= MAX_OCCURRENCES:
            return True
        order = sorted(range(len(schedules)), key=lambda i: -counts[i])[:5]
        tasks = RELY["users_sep"].join(
            RELY["task_count"].format(task=schedules[i][0].id, n=f"{counts[i]:,}") for i in order
        )
        _, path, line = schedules[order[0]]
        self.problems.append(
            Problem(
                self.file,
                line,
                path,
                RELY["too_many_occurrences"].format(
                    total=f"{total:,}", limit=f"{MAX_OCCURRENCES:,}", tasks=tasks
                ),
            )
        )
        return False


def occurrence_count(plan: Plan, task: Task) -> int:
    """The occurrences a task has in the plan's period, counted from its schedule (an upper
    bound for a festival: plan/schedule.py, `count`)."""
    return count(plan, task)


def _skipped_year(plan: Plan, task: Task) -> dict[str, object] | None:
    """For a built-in lunar festival with no date inside the plan period (腊八 in 2023: it falls
    on 2022-12-30 and 2024-01-18), the fields of the message explaining it; else None."""
    if task.festival is None or task.festival in plan.calendar:
        return None
    if (plan.end - plan.start).days < 353:  # shorter than a lunar year: simply none inside it
        return None
    canon = festivals.canonical(task.festival)
    if canon is None or not festivals.is_computed(canon):
        return None
    offset = dt.timedelta(days=task.offset)
    start, end = plan.start - offset, plan.end - offset
    wide = dt.timedelta(days=400)
    try:
        before = festivals.dates_between(canon, start - wide, start, plan.festival_dates.get(canon))
        after = festivals.dates_between(canon, end, end + wide, plan.festival_dates.get(canon))
    except ValueError:
        return None
    if not before or not after:
        return None
    return {
        "name": task.festival,
        "start": plan.start,
        "end": plan.end,
        "before": before[-1],
        "after": after[0],
    }


def check_plan(
    root: MappingNode, file: str
) -> tuple[Plan | None, list[Problem], tuple[str, int | None] | None]:
    """A plan file's top mapping -> (the Plan or None, its problems, (plan id, line) when the id
    could be read)."""
    checker = _Checker(file)
    if not checker.tag_ok(root, ""):
        return None, checker.problems, None
    plan = checker.plan(root)
    ident = None if checker.plan_id is None else (checker.plan_id, checker.plan_id_line)
    return plan, checker.problems, ident
