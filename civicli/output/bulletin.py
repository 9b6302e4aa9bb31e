"""The weekly bulletin (创建简报) laid out: plain text, markdown and JSON, from the one frozen
`reports.bulletin.Bulletin` (output/docx.py lays out the same `Page`).

`page(b)` turns the bulletin into the parts of the customary 简报, in their order — the 报头
(title, 第N期 or （未编号）, issuer and date of issue), the week by its dates, 一、工作动态,
二、检查整改, 三、近期安排, 四、各计划完成情况 (内部: 五、督办事项), the 报尾 (报送, 抄送,
编辑/审核/签发, 共印N份) — and each renderer only draws those parts, so the formats cannot
drift apart. Text and markdown are never wrapped or cut (a title is always whole on its line),
with no ANSI codes and no control characters of the data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from civicli.i18n import BULLETIN as B
from civicli.output.json import json_text
from civicli.plan.naming import occurrence_name
from civicli.text import printable

if TYPE_CHECKING:
    from civicli.reports.bulletin import Bulletin, InspectionItem

RULE_WIDTH = 40


# ---------------------------------------------------------------- small formatters


def width(text: str) -> int:
    """Display width in a monospace terminal: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def centred(text: str, total: int = RULE_WIDTH) -> str:
    return " " * max(0, (total - width(text)) // 2) + text


@functools.lru_cache(maxsize=4096)
def day(value: str | None, year: int | None = None) -> str:
    """`2027-09-15` → `9月15日` (the year added when it is not `year`)."""
    if not value:
        return ""
    d = dt.date.fromisoformat(value)
    if year is not None and d.year == year:
        return str(B["month_day"]).format(m=d.month, d=d.day)
    return str(B["year_month_day"]).format(y=d.year, m=d.month, d=d.day)


def one_line(text: str) -> str:
    """Free text on one line, with no control characters (no ANSI escapes, no line breaks)."""
    return printable(text, replace=" ").strip()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Escape markdown syntax in free text (titles, notes, names)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _n(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


# ---------------------------------------------------------------- the page: parts in their order


@dataclass(frozen=True)
class Line:
    """A line of the body: `item` (numbered within its section), `lead` (a line before items),
    `sub` (under the item before it), `group` (a plan's title over its lines)."""

    text: str
    kind: str = "item"
    photos: tuple[str, ...] = ()  # an activity's photos (paths relative to the database folder)


@dataclass(frozen=True)
class Part:
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Head:
    title: str
    issue: str  # 第N期 or （未编号）
    issuer: str
    issued: str  # 2027年9月13日
    week: str  # 本周（9月6日—9月12日）
    notes: tuple[str, ...]  # a preview's, the 内部 version's mark


@dataclass(frozen=True)
class Tail:
    send_to: str | None
    copy_to: str | None
    signatures: str | None  # 编辑：…　审核：…　签发：…
    copies: str | None  # 共印N份

    @property
    def lines(self) -> list[str]:
        return [x for x in (self.send_to, self.copy_to, self.signatures, self.copies) if x]


@dataclass(frozen=True)
class Page:
    head: Head
    parts: tuple[Part, ...]
    tail: Tail
    folder: str = ""
    numbered_parts: bool = field(default=True)


def _issuer(name: str) -> str:
    """`幸福社区居委会` → `幸福社区居委会编`, as the 报头 names who made it."""
    return name if not name or name.endswith(str(B["made_by"])) else name + str(B["made_by"])


def _head(b: Bulletin) -> Head:
    start = dt.date.fromisoformat(b.start)
    notes = []
    if b.preview:
        notes.append(str(B["preview"]).format(date=day(b.as_of)))
    if b.internal:
        notes.append(str(B["internal_mark"]))
    return Head(
        title=one_line(b.title) or str(B["title"]),
        issue=str(B["unnumbered"]) if b.issue is None else str(B["issue"]).format(n=b.issue),
        issuer=_issuer(one_line(b.issuer)),
        issued=day(b.issued),
        week=str(B["week"]).format(start=day(b.start, start.year), end=day(b.end, start.year)),
        notes=tuple(notes),
    )


def _activities(b: Bulletin) -> Part:
    lines = [Line(one_line(a.sentence), photos=a.photos) for a in b.activities]
    if b.briefs:
        titles = b.plan_titles
        lines.append(Line(str(B["brief_lead"]), "lead"))
        by_plan: dict[str, list[str]] = {}
        for x in b.briefs:
            by_plan.setdefault(x.plan or "", []).append(one_line(x.text))
        for plan, texts in by_plan.items():
            said = str(B["sep"]).join(texts) + "。"
            lines.append(
                Line(
                    f"{one_line(titles.get(plan, plan))}：{said}" if len(by_plan) > 1 or plan else said, "sub"
                )
            )
    if not lines:
        lines.append(Line(str(B["no_activities"]), "lead"))
    return Part(str(B["s_activities"]), tuple(lines))


def _inspections(b: Bulletin) -> Part:
    """Each inspection in a sentence; several of one template in the week, in one sentence
    (`9月8日—9月10日，开展…检查3次：3号楼得分80分，合格；…`)."""
    year = dt.date.fromisoformat(b.start).year
    by_template: dict[str, list[InspectionItem]] = {}
    for i in b.inspections:
        by_template.setdefault(i.key, []).append(i)
    lines = []
    for group in by_template.values():
        if len(group) == 1:
            lines.append(Line(one_line(group[0].sentence)))
            continue
        first, last = group[0].date, group[-1].date
        when = (
            day(first, year)
            if first == last
            else str(B["range"]).format(start=day(first, year), end=day(last, year))
        )
        lines.append(
            Line(
                str(B["inspections"]).format(
                    date=when,
                    template=one_line(group[0].title),
                    n=len(group),
                    clauses=str(B["sep"]).join(one_line(i.clause) for i in group),
                )
            )
        )
    if not lines:
        lines.append(Line(str(B["no_inspections"]), "lead"))
    # one opened and closed in the week is told once, closed (its line says when it was found)
    opened = [r for r in b.rectifications_opened if r.closed is None or r.closed > b.as_of]
    for lead, rows in (
        ("rect_opened", opened),
        ("rect_advanced", b.rectifications_advanced),
        ("rect_closed_lead", b.rectifications_closed),
    ):
        if rows:
            lines.append(Line(str(B[lead]).format(n=len(rows)), "lead"))
            lines += [Line(one_line(r.sentence), "sub") for r in rows]
    return Part(str(B["s_inspections"]), tuple(lines))


def _upcoming(b: Bulletin) -> Part:
    year = dt.date.fromisoformat(b.as_of).year
    lines = []
    for u in b.upcoming:
        if u.routine:
            continue
        title = one_line(u.title)
        if u.festival:
            line = str(B["festival"]).format(name=u.festival, date=day(u.festival_date, year), title=title)
            if u.due and u.due != u.festival_date:
                line += str(B["festival_due"]).format(date=day(u.due, year))
        else:
            key = "due" if u.due_in_window else "opens"
            line = str(B[key]).format(date=day(u.date, year), title=title)
        lines.append(Line(line))
    if b.routine:
        lines.append(Line(str(B["routine" if lines else "routine_only"]).format(n=b.routine), "lead"))
    if not lines:
        lines.append(Line(str(B["no_upcoming"]), "lead"))
    first = dt.date.fromisoformat(b.as_of) + dt.timedelta(days=1)
    span = str(B["upcoming_range"]).format(
        start=day(first.isoformat(), year), end=day(b.upcoming_until, year)
    )
    return Part(str(B["s_upcoming"]) + span, tuple(lines))


def _plans(b: Bulletin) -> Part:
    lines = []
    for p in b.plans:
        line = str(B["plan_line"]).format(title=one_line(p.title), percent=_n(p.percent), done=p.done)
        if b.internal and p.overdue:
            line += str(B["plan_overdue"]).format(n=p.overdue)
        lines.append(Line(line))
        targets = []
        for g in p.goals:
            for t in g.targets:
                words = str(B["target_line"]).format(text=one_line(t.text), words=t.words)
                if t.assumed:
                    words += str(B["target_assumed"]).format(text=one_line(t.assumed))
                targets.append(words)
        if targets:  # a plan's targets in one paragraph: a quiet week stays on one page
            lines.append(Line(str(B["sep"]).join(targets) + "。", "sub"))
        if p.incomplete:
            lines.append(Line(str(B["plan_incomplete"]).format(text=one_line(p.incomplete)), "sub"))
        if p.assumed:
            lines.append(Line(str(B["plan_assumed"]).format(text=one_line(p.assumed)), "sub"))
    if not lines:
        lines.append(Line(str(B["no_plans"]), "lead"))
    return Part(str(B["s_plans"]), tuple(lines))


def _supervise(b: Bulletin) -> Part:
    year = dt.date.fromisoformat(b.as_of).year
    lines = []
    for o in b.overdue:
        occ = occurrence_name(o.occurrence, o.schedule, year) if o.occurrence != "once" else ""
        title = one_line(o.title) + (f"（{occ}）" if occ and occ not in o.title else "")
        line = str(B["overdue_item"]).format(title=title, due=day(o.due, year), n=o.days_late)
        if o.areas_total:
            line += str(B["overdue_areas"]).format(done=o.areas_done or 0, total=o.areas_total)
        if o.owner_name:
            line += str(B["overdue_owner"]).format(name=one_line(o.owner_name))
        lines.append(Line(line))
    if b.rectifications_overdue:
        lines.append(Line(str(B["rect_overdue"]).format(n=len(b.rectifications_overdue)), "lead"))
        lines += [Line(one_line(r.sentence), "sub") for r in b.rectifications_overdue]
    if not lines:
        lines.append(Line(str(B["no_overdue"]), "lead"))
    return Part(str(B["s_supervise"]), tuple(lines))


def _tail(b: Bulletin) -> Tail:
    names = [
        str(B[key]).format(name=one_line(value))
        for key, value in (("editor", b.editor), ("reviewer", b.reviewer), ("signer", b.signer))
        if value.strip()
    ]
    return Tail(
        send_to=str(B["send_to"]).format(text=one_line(b.send_to)) if b.send_to.strip() else None,
        copy_to=str(B["copy_to"]).format(text=one_line(b.copy_to)) if b.copy_to.strip() else None,
        signatures="　　".join(names) or None,
        copies=str(B["copies"]).format(n=b.copies) if b.copies.strip() else None,
    )


def page(b: Bulletin) -> Page:
    """The bulletin's parts in the order of the customary 简报."""
    parts = [_activities(b), _inspections(b), _upcoming(b), _plans(b)]
    if b.internal:
        parts.append(_supervise(b))
    return Page(_head(b), tuple(parts), _tail(b), b.folder)


# ---------------------------------------------------------------- renderers


def to_text(b: Bulletin) -> str:
    """The bulletin as plain UTF-8 text (no markup, no ANSI, lines never wrapped)."""
    pg = page(b)
    h = pg.head
    lines = [centred(h.title), centred(h.issue), "", f"{h.issuer}　　{h.issued}", "=" * RULE_WIDTH]
    lines += [*h.notes, h.week]
    numerals = str(B["numerals"])
    for n, part in enumerate(pg.parts):
        lines += ["", f"{numerals[n]}、{part.title}"]
        k = 0
        for line in part.lines:
            if line.kind == "item":
                k += 1
                lines.append(f"  {k}. {line.text}")
            elif line.kind == "sub":
                lines.append(f"     {line.text}")
            else:
                lines.append(f"  {line.text}")
    tail = pg.tail.lines
    if tail:
        lines += ["", "-" * RULE_WIDTH, *tail]
    return "\n".join(lines) + "\n"


def to_markdown(b: Bulletin) -> str:
    """The bulletin as markdown: begins with a `#` heading; free text escaped."""
    pg = page(b)
    h = pg.head
    e = md_escape
    lines = [f"# {e(h.title)}", "", f"**{h.issue}**", "", f"{e(h.issuer)}　　{h.issued}", "", "---", ""]
    lines += [f"*{e(note)}*\n" for note in h.notes]
    lines += [f"**{h.week}**"]
    numerals = str(B["numerals"])
    for n, part in enumerate(pg.parts):
        lines += ["", f"## {numerals[n]}、{e(part.title)}", ""]
        k = 0
        for line in part.lines:
            if line.kind == "item":
                k += 1
                lines.append(f"{k}. {e(line.text)}")
            elif line.kind == "sub":
                lines.append(f"   - {e(line.text)}")
            else:
                lines += ["", e(line.text), ""] if k else [e(line.text), ""]
    tail = pg.tail.lines
    if tail:
        lines += ["", "---", ""]
        lines += [f"{e(t)}  " for t in tail[:-1]] + [e(tail[-1])]
    # no blank line twice, none at the end
    out: list[str] = []
    for text in lines:
        if text == "" and out and out[-1] == "":
            continue
        out.append(text)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# the structure's own bookkeeping, not facts of the week
_NOT_JSON = ("internal", "folder")


def to_data(b: Bulletin) -> dict[str, Any]:
    """The bulletin as JSON data: `cli.md`'s keys, `activities`, `version`, and the rest of the
    structure (the same facts as the text of its version: in 上报, `overdue` is empty)."""
    data = _plain(b)
    for key in _NOT_JSON:
        data.pop(key, None)
    return dict(data)


def render(b: Bulletin, fmt: str) -> str:
    """`text`, `markdown` or `json`. No control character of the data (titles, names, notes)
    reaches text or markdown: each run of them becomes a space; JSON keeps the text exactly."""
    if fmt == "json":
        return json_text(to_data(b))
    text = to_markdown(b) if fmt == "markdown" else to_text(b)
    return "\n".join(printable(line, replace=" ") for line in text.split("\n"))
