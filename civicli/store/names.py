"""Plans, tasks and inspection templates named the way the clerk names them: the one place a name
typed on the command line becomes a row.

- a PLAN: its id, or text found in exactly one plan's title (`篇1`);
- a TASK: `PLAN_ID/TASK_ID`, a task id unique across plans, or text found in exactly one active
  task's title (`领导小组`), optionally after the plan (`篇1/领导小组`, `pian1-2027/领导小组`);
- a TEMPLATE: `PLAN_ID/TEMPLATE_ID`, a template id unique across plans, or text found in exactly
  one template's title (`楼道`).

An id always wins over title text; a title that is the text exactly wins over titles that hold
it. Text that names several is an error listing each candidate by its id and title.
"""

from __future__ import annotations

from civicli.errors import Ambiguous, InvalidInput, NotFound
from civicli.i18n import ERR, TERM
from civicli.i18n import INSPECT as T
from civicli.store.connection import Row, Store, rows_by_ref

_SHOWN = 8  # candidates listed in an error at most


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
        from civicli.i18n import RELY

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
        from civicli.store.rectifications import rectification_ref

        number = rectification_ref(ref)
        if number is not None:  # a rectification in the checklist is not a task
            from civicli.i18n import RECTIFY

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
