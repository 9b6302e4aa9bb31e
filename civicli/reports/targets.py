"""A goal target in the office's words: the one function `show` and the bulletin call.

`全年参与活动居民人次：已达320人次，目标500人次`, `不发生重大火灾事故：未发生，达标`,
`法律志愿者人数：尚无记录，目标10人`, `学法用法培训：已开展2次，目标4次`. The facts are a
target row of store/targets.goal_rows (a mapping: text, count, direction, target, actual, met,
recorded, metric_name, tasks, task_titles, templates, template_titles). Pure: no SQL, no I/O.

Documents (the bulletin) are Chinese whatever the interface language: they pass `zh=True`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from civicli.i18n import TARGETS
from civicli.i18n import zh as catalog
from civicli.text import number_shown


def _table(zh: bool) -> Mapping[str, Any]:
    if zh:
        return catalog.TARGETS

    return TARGETS


def unit_of(metric_name: str | None, zh: bool = True, text: str | None = None) -> str:
    """The unit a target's numbers are read in: from the ending of its metric's Chinese name
    (参与人次 → 人次, 法律志愿者人数 → 人, 重大火灾起数 → 起), else from the end of the target's
    `text` (…不少于100人次 → 人次, …队伍（人数） → 人, …不少于10人 → 人); "" when none fits."""
    w = _table(zh)
    said = (text or "").strip().rstrip("）)")
    for name in (metric_name or "", said):
        for ending, unit in w["units"]:
            if name and name.endswith(ending):
                return str(unit)
    return next((str(unit) for unit in w["text_units"] if said.endswith(unit)), "")


def target_words(t: Mapping[str, Any], *, zh: bool = True) -> str:
    """What the target stands at, in the office's words, without its text:
    `已达320人次，目标500人次`, `未发生，达标`, `尚无记录，目标10人`."""
    w = _table(zh)
    count, direction = t.get("count") or "sum", t["direction"]
    actual, target, met = t.get("actual"), t["target"], t.get("met")
    if count == "done":
        unit = "次" if zh else ""
    elif count == "closed":
        unit = "项" if zh else ""
    else:
        unit = unit_of(t.get("metric_name") or t.get("metric"), zh, t.get("text"))
    fields = {"target": number_shown(target), "unit": unit}
    if direction == "at_most":
        if not actual:  # nothing reported, or 0: nothing happened
            return str(w["ceiling_none"])
        text = str(w["ceiling_some"]).format(actual=number_shown(actual), **fields)
        return text + str(w["met"] if met else w["not_met"])
    if actual is None:
        return str(w["none_yet_target"]).format(**fields)
    key = {"done": "held", "closed": "closed"}.get(count, "reached")
    text = str(w[key]).format(actual=number_shown(actual), **fields)
    return text + str(w["met"]) if met else text


def target_line(t: Mapping[str, Any], *, zh: bool = True) -> str:
    """The target's text and its words: `全年参与活动居民人次：已达320人次，目标500人次`."""
    return str(_table(zh)["line"]).format(text=t["text"], words=target_words(t, zh=zh))


def how_counted(t: Mapping[str, Any], *, zh: bool = False) -> str:
    """How the target is counted (按记录合计, 取最新值, 取最大值, 按完成次数, 按销号整改数) and,
    when narrowed, by which tasks or templates: `按完成次数（只计任务 4.3 组织居民学法用法培训）`."""
    w = _table(zh)
    how = str(w["count_" + (t.get("count") or "sum")])
    sep = str(w["sep"])
    tasks = t.get("tasks") or []
    if tasks:
        titles = t.get("task_titles") or tasks
        named = sep.join(f"{i} {title}" if title != i else i for i, title in zip(tasks, titles, strict=False))
        return str(w["only_tasks"]).format(how=how, tasks=named)
    templates = t.get("templates") or []
    if templates:
        titles = t.get("template_titles") or templates
        return str(w["only_templates"]).format(how=how, templates=sep.join(titles))
    return how
