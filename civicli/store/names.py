"""Plans, tasks and inspection templates named the way the clerk names them: the one place a name
typed on the command line becomes a row.

- a PLAN: its id, or text found in exactly one plan's title (`篇1`);
- a TASK: `PLAN_ID/TASK_ID`, a task id unique across plans, or text found in exactly one active
  task's title (`领导小组`), optionally after the plan (`篇1/领导小组`, `pian1-2027/领导小组`);
- a TEMPLATE: `PLAN_ID/TEMPLATE_ID`, a template id unique across plans, or text found in exactly
  one template's title (`楼道`), read whole as a `Template`;
- a RECTIFICATION in place of a task: `PLAN/整改#N`, `整改#3` (`rectification_ref`);
- a DAY given with `--date` for a plan's task or template (`check_day`).

An id always wins over title text; a title that is the text exactly wins over titles that hold
it. Text that names several is an error listing each candidate by its id and title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from civicli.errors import Ambiguous, InvalidInput, NotFound
from civicli.i18n import ERR, RECTIFY, RELY, TERM
from civicli.i18n import INSPECT as T
from civicli.store.connection import Row, Store, rows_by_ref

_SHOWN = 8  # candidates listed in an error at most
_RECT_REF = r"(?:^|/)(?:整改|rect|rectification)#?(\d+)$"  # compiled (and cached by `re`) when used


def listed(rows: list[Row], id_column: str = "key") -> str:
    """Candidates as the clerk reads them: `pian1-2027/1.1（建立创建工作领导小组）、…`."""
    shown = [TERM["candidate"].format(id=r[id_column], title=r["title"]) for r in rows[:_SHOWN]]
    if len(rows) > _SHOWN:
        shown.append(TERM["more"].format(n=len(rows) - _SHOWN))
    return str(TERM["sep"]).join(shown)


def _best(rows: list[Row], text: str) -> list[Row]:
    """Of the rows whose title holds `text`, the one titled exactly `text` when there is one."""
    exact = [r for r in rows if r["title"].strip() == text]
    return exact if len(exact) == 1 else rows


def resolve_plan(store: Store, ref: str) -> str:
    """A plan named the way the clerk names it: its id, or text found in exactly one plan's title
    (`篇1`). An id wins; text in several titles is an error listing them."""
    rows = store.query("SELECT id, title FROM plans WHERE archived_at IS NULL ORDER BY id")
    if any(r["id"] == ref for r in rows):
        return ref
    text = ref.strip()
    if any(r["id"] == text for r in rows):
        return text
    found = _best([r for r in rows if text and text in r["title"]], text)
    if len(found) == 1:
        return str(found[0]["id"])
    if found:
        raise Ambiguous(ERR["ambiguous_plan"].format(plan=ref, plans=listed(found, "id")))
    if store.one("SELECT 1 AS x FROM plans WHERE id = ? AND archived_at IS NOT NULL", [text]):
        raise NotFound(RELY["plan_archived"].format(plan=text))
    raise NotFound(ERR["no_plan"].format(plan=ref))


def _by_title(store: Store, table: str, id_column: str, ref: str, *, active: bool) -> list[Row]:
    """Rows of `table` named by title text, or by `PLAN/ID-or-text` with the plan by its title."""
    text, plan_id = ref, None
    if "/" in ref:
        plan_part, rest = (part.strip() for part in ref.split("/", 1))
        try:
            plan_id = resolve_plan(store, plan_part)
        except NotFound:  # not a plan before the `/`: the whole is title text
            plan_id = None
        else:
            text = rest
            exact = store.query(f"SELECT * FROM {table} WHERE key = ?", [f"{plan_id}/{text}"])
            if exact:
                return exact
    if not text:
        return []
    where = "instr(title, ?) > 0" + (" AND plan_id = ?" if plan_id else "")
    params = [text, plan_id] if plan_id else [text]
    rows = store.query(f"SELECT * FROM {table} WHERE {where} ORDER BY key", params)
    live = [r for r in rows if r["archived_at"] is None]
    return _best(live if live or active else rows, text)


def resolve_task(store: Store, ref: str, *, active: bool = True) -> Row:
    """The task `ref` names (see the module). active: refuse archived tasks."""
    ref = ref.strip()
    rows = rows_by_ref(store, "tasks", "task_id", ref, active=active) if ref else []
    by_title = not rows
    if by_title and ref:
        rows = _by_title(store, "tasks", "task_id", ref, active=active)
    if not rows:
        number = rectification_ref(ref)
        if number is not None:  # a rectification in the checklist is not a task
            raise InvalidInput(RECTIFY["err_not_a_task"].format(ref=ref, id=number))
        raise NotFound(ERR["no_task"].format(ref=ref))
    if len(rows) > 1:
        message = TERM["ambiguous_task_title"] if by_title else ERR["ambiguous_task"]
        raise Ambiguous(message.format(ref=ref, keys=listed(rows)))
    row = rows[0]
    if active and row["archived_at"] is not None:
        raise InvalidInput(ERR["archived_task"].format(key=row["key"]))
    return row


def resolve_template_row(store: Store, ref: str, *, active: bool = True) -> Row:
    """The inspection template `ref` names (see the module). active: refuse archived ones."""
    ref = ref.strip()
    rows = rows_by_ref(store, "templates", "template_id", ref, active=active) if ref else []
    by_title = not rows
    if by_title and ref:
        rows = _by_title(store, "templates", "template_id", ref, active=active)
    if not rows:
        known = store.query("SELECT key, title FROM templates WHERE archived_at IS NULL ORDER BY key")
        shown = listed(known) if known else TERM["none_loaded"]
        raise NotFound(T["err_no_template"].format(ref=ref, known=shown))
    if len(rows) > 1:
        message = TERM["ambiguous_template_title"] if by_title else T["err_ambiguous"]
        raise Ambiguous(message.format(ref=ref, keys=listed(rows)))
    row = rows[0]
    if active and row["archived_at"] is not None:
        raise InvalidInput(T["err_archived"].format(key=row["key"]))
    return row


def rectification_ref(ref: str) -> int | None:
    """The number N when a task reference names a rectification (`PLAN/整改#N`, `整改#3`)."""
    match = re.search(_RECT_REF, ref.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Template:
    """One inspection template as stored, with its areas and items in file order."""

    key: str
    plan_id: str
    template_id: str
    title: str
    pass_mark: float
    rectify_days: int
    archived_at: str | None
    areas: tuple[str, ...]
    items: tuple[Row, ...]  # {item_id, text, weight, position}

    def item(self, item_id: str) -> Row | None:
        for it in self.items:
            if it["item_id"] == item_id:
                return it
        return None


def template_of(store: Store, row: Row) -> Template:
    """The template of a `templates` row, with its areas and items."""
    areas = tuple(
        r["area"]
        for r in store.query(
            "SELECT area FROM template_areas WHERE template_key = ? ORDER BY position", [row["key"]]
        )
    )
    items = tuple(
        store.query(
            "SELECT item_id, text, weight, position FROM template_items WHERE template_key = ? "
            "ORDER BY position",
            [row["key"]],
        )
    )
    return Template(
        key=row["key"],
        plan_id=row["plan_id"],
        template_id=row["template_id"],
        title=row["title"],
        pass_mark=float(row["pass_mark"]),
        rectify_days=int(row["rectify_days"]),
        archived_at=row["archived_at"],
        areas=areas,
        items=items,
    )


def resolve_template(store: Store, ref: str, *, active: bool = True) -> Template:
    """The template the clerk names (see the module), read whole. active: refuse archived ones."""
    return template_of(store, resolve_template_row(store, ref, active=active))


def linked_task(store: Store, tpl: Template) -> Row | None:
    """The first active task (in plan order) whose `inspection:` names this template."""
    return store.one(
        "SELECT key, task_id, owner, section_id, position FROM tasks "
        "WHERE plan_id = ? AND inspection_id = ? AND archived_at IS NULL ORDER BY position LIMIT 1",
        [tpl.plan_id, tpl.template_id],
    )


def check_day(store: Store, plan_id: str, day: dt.date, today: dt.date) -> None:
    """The day something happened, given with `--date`: never after today, never before the
    plan's period (today itself is always allowed: work done ahead of a plan counts)."""
    if day > today:
        raise InvalidInput(RECTIFY["err_date_future"].format(date=day.isoformat(), today=today.isoformat()))
    plan = store.one("SELECT start FROM plans WHERE id = ?", [plan_id])
    if plan is not None and day.isoformat() < plan["start"]:
        raise InvalidInput(
            RECTIFY["err_date_before_plan"].format(date=day.isoformat(), plan=plan_id, start=plan["start"])
        )
