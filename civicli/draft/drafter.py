"""A plan document's blocks → a drafted plan → plan-file YAML text with `#` comments.

The rules (patterns.py) are applied in this order:
1. numbering: each block's rank (一、 > （一） > 1、 > （1） > ①); a paragraph holding several
   items (`…。2、…`) is split; the top rank present makes the parts;
2. parts: 指导思想 → guiding_ideology, 方针原则 → principles, 目标 → goals, 意义 → comments,
   主要任务 → one section per numbered part under it, any other part → a section;
3. in a section, each sentence that begins with an action word (or a `一是…` clause) is a task,
   the sentences after it its detail; a sentence naming several festivals or named periods, or
   listing several activities (`A、B、C等活动`), gives one task each; a paragraph with no task is
   kept as a comment;
4. each task's time word gives its schedule, its post its owner (several posts answering
   together: a task each; none named: the post the item over it names, else no owner — as
   plan-format.md says — and a comment naming whom the customary division of labour (DUTIES,
   DUTIES_ELSE) or the section's words suggest, for the clerk to decide); numbers anywhere
   (`不少于500人次`, `达到90%以上`, `不发生重大火灾事故`) give targets.
Everything civicli chose (a date, a cadence for 定期, a count, a calendar period) is written in
`assumed`; nothing the document says is left out (what is not a task is a comment).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from civicli.draft import patterns as P
from civicli.draft.document import Block
from civicli.errors import InvalidInput
from civicli.i18n import DRAFT, DRAFT_OWNERS
from civicli.plan.schema import TARGET_KEYS

TITLE_MAX = 30  # a task title longer than this is shortened (the whole text stays in `detail`)


@dataclass
class Target:
    id: str
    text: str
    metric: str
    metric_name: str
    target: float
    direction: str
    count: str
    assumed: str


@dataclass
class Goal:
    id: str
    text: str
    targets: list[Target] = field(default_factory=list)


@dataclass
class Task:
    id: str
    title: str
    detail: str
    owner: str | None = None
    schedule: tuple[str, str] | None = None  # ("every", "month"), ("due", "2027-03-31"), ("festival", "中秋")
    assumed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # comments for the clerk


@dataclass
class Section:
    id: str
    title: str
    comments: list[str] = field(default_factory=list)  # words of the document that are no task
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Draft:
    id: str
    title: str
    community: str | None
    year: int
    year_stated: bool
    source: str
    guiding_ideology: str | None = None
    principles: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    calendar: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    head_comments: list[str] = field(default_factory=list)  # preamble and parts that are no tasks
    unplaced: list[str] = field(default_factory=list)  # sentences kept only as comments
    assumed: list[str] = field(default_factory=list)
    festivals: set[str] = field(default_factory=set)
    incomplete: str | None = None  # where the document breaks off mid-sentence


# ---------------------------------------------------------------- numbering


@dataclass
class Item:
    rank: int  # 0: an unnumbered paragraph
    marker: str
    text: str  # the words after the number
    line: int
    cells: tuple[str, ...] = ()
    children: list[Item] = field(default_factory=list)


_NUMBERING = [(rank, re.compile(p)) for rank, p in P.NUMBERING]
_ARABIC_ITEM = re.compile(r"(?<=[。；;！？!?])\s*(?=(\d{1,2})\s*[、.．](?!\d))")


def _numbered(text: str) -> tuple[int, str, str]:
    for rank, pattern in _NUMBERING:
        m = pattern.match(text)
        if m:
            return rank, m.group(0).strip(), text[m.end() :].strip(" ：:")
    return 0, "", text


def _split_inline_items(block: Block) -> list[Block]:
    """`1、甲。2、乙。3、丙。` in one paragraph → three blocks (only the next number in turn)."""
    rank, marker, _ = _numbered(block.text)
    if rank != 3:
        return [block]
    number = int(re.match(r"\d+", marker).group(0))  # type: ignore[union-attr]
    pieces, start = [], 0
    for m in _ARABIC_ITEM.finditer(block.text):
        if int(m.group(1)) == number + 1:
            pieces.append(block.text[start : m.start()].strip())
            start, number = m.start(), number + 1
    pieces.append(block.text[start:].strip())
    return [Block(p, block.line) for p in pieces if p]


def _items(blocks: list[Block]) -> list[Item]:
    out = []
    for block in blocks:
        if block.cells:
            out.append(Item(0, "", block.text, block.line, block.cells))
            continue
        for piece in _split_inline_items(block):
            rank, marker, text = _numbered(piece.text)
            out.append(Item(rank, marker, text or piece.text, piece.line))
    return out


def _tree(items: list[Item]) -> list[Item]:
    """Items under the nearest item before them of a lower rank; unnumbered paragraphs under the
    item before them."""
    roots: list[Item] = []
    stack: list[Item] = []
    for item in items:
        if item.rank == 0:
            (stack[-1].children if stack else roots).append(item)
            continue
        while stack and stack[-1].rank >= item.rank:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots


# ---------------------------------------------------------------- sentences


_STOPS = "。！？!?"


def _outside_brackets(text: str, stops: str) -> Iterator[int]:
    """The positions of the characters of `stops` that stand outside brackets, in order."""
    depth = 0
    for i, c in enumerate(text):
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        elif c in stops and depth == 0:
            yield i


def sentences(text: str) -> list[str]:
    """Sentences, split at 。！？ outside brackets, and where a `一是…` clause begins."""
    out: list[str] = []
    start = 0
    for i in _outside_brackets(text, _STOPS):
        out.append(text[start : i + 1])
        start = i + 1
    out.append(text[start:])
    split: list[str] = []
    clause = re.compile(P.CLAUSE)
    for s in out:
        cuts = [m.start() for m in clause.finditer(s) if m.start() > 0]
        last = 0
        for cut in cuts:
            split.append(s[last:cut])
            last = cut
        split.append(s[last:])
    return [s.strip() for s in split if s.strip(" ，,。；;")]


_SOFT = re.compile(P.SOFTENERS)
_CLAUSE_LEAD = re.compile(P.CLAUSE_LEAD)
_SUBJECT = re.compile(P.SUBJECT)
_LEAD = re.compile(P.LEAD_CLAUSE)
_RESPONSIBLE = re.compile(P.RESPONSIBLE)
_LOCATIVE = re.compile(P.LOCATIVE)
_SPLIT_CLAUSE = re.compile(P.SPLIT_CLAUSE)
_SLIP = re.compile(P.SLIP)


def _acts(text: str) -> bool:
    """The words begin (after 要, 继续, 积极 …, or a subject and 要) with an action word."""
    raw = re.sub(r"^[“\"「《]", "", text.strip())
    s = _SOFT.sub("", raw)
    if any(s.startswith(word) for word in P.ACTIONS):
        return True
    timed = _untimed(raw)
    if timed != raw and any(_SOFT.sub("", timed).startswith(word) for word in P.ACTIONS):
        return True
    for strip in (_SUBJECT, _LOCATIVE, _SLIP):
        for base in (raw, s):
            t = _SOFT.sub("", strip.sub("", base, count=1))
            if t != base and any(t.startswith(word) for word in P.ACTIONS):
                return True
    return False


_TIME_WORDS_LEAD = re.compile(P.TIME_LEAD)


def _untimed(text: str) -> str:
    """The words after a leading time phrase: a date or time word (年初, 3月底前, 每月), or a
    festival or named period with 节/期间/前夕 … (重阳节, 暑假期间)."""
    m = _TIME_WORDS_LEAD.match(text)
    if m and m.end() > 0:
        return text[m.end() :]
    found = _festivals(text[:8])
    if found and found[0][1] == 0:
        rest = text[len(found[0][3]) :] if text.startswith(found[0][3]) else text
        rest = re.sub(r"^[”\"]?(?:节)?(?:期间|前后|前夕|之际|当天|前)?[，,]?", "", rest)
        return rest
    return text


def bare(text: str) -> str:
    """A task's words for its title: without `一是`, a leading time phrase or place (在…期间)."""
    t = _CLAUSE_LEAD.sub("", text.strip())
    t = _untimed(t)
    m = _LOCATIVE.match(t)
    if m and re.match(r"在", t):
        rest = t[m.end() :].lstrip("，, ")
        if rest:
            t = rest
    return t


def _acts_after_festivals(clause: str) -> bool:
    """The clause does something after naming its festivals (在春节、国庆期间开展治安巡逻), not
    only names the occasions (利用“科普宣传日”…等宣传时机)."""
    found = _festivals(clause)
    if not found:
        return _acts(clause)
    last = max(clause.find(w) + len(w) for _, _, _, w in found)
    tail = re.sub(r"^[”\"、和及等]*(?:节)?(?:日)?(?:期间|前后|前夕|之际|当天)?[，,]?", "", clause[last:])
    return _acts(tail) and not re.search(r"(?:时机|契机|机会|载体|平台)$", tail)


def is_task(sentence: str) -> bool:
    """A sentence that states something to do: a `一是…` clause, one beginning with an action
    word (after 要, 继续, 积极 … or a subject and 要), one whose first clause only says when or
    how (在…前夕，组织…), or one that says who answers for it (由楼长负责…)."""
    if _CLAUSE_LEAD.match(sentence):
        return True
    if _acts(sentence):
        return True
    first, _, rest = sentence.partition("，")
    if rest and len(first) <= 30 and (_LEAD.search(first) or festivals_in(first)) and _acts(rest):
        return True
    return bool(_RESPONSIBLE.search(sentence))


def split_clauses(sentence: str) -> list[str]:
    """A task sentence cut before each later clause that begins (after softeners) with one of
    the SPLIT_VERBS (建立A，发展B，开展C → three tasks), when the sentence itself begins so."""
    if not is_task(sentence):
        return [sentence]
    pieces: list[str] = []
    start = 0
    for m in re.finditer("[，,]", sentence):
        clause = _SOFT.sub("", sentence[m.end() :])
        starts = next((v for v in P.SPLIT_VERBS if clause.startswith(v)), None)
        if starts is None and (_SPLIT_CLAUSE.match(clause) or _SPLIT_CLAUSE.match(sentence[m.end() :])):
            starts = "*"
        before = sentence[start : m.end()]
        tail = re.split(r"[。！？!?]", sentence[m.end() :])[0]
        if starts and m.start() - start >= 6 and len(tail) > 8 and is_task(before):
            pieces.append(before)
            start = m.end()
    pieces.append(sentence[start:])
    return [p for p in pieces if p.strip()]


def letters_in(text: str) -> str:
    """The letters and digits of a text (Chinese included), without punctuation or spaces."""
    return re.sub(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]", "", text)


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。；;，,：: ")


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """A title from the words: to the first full stop or colon (outside brackets); when still
    long, to the first comma; when still long, the first `limit` characters."""
    t = _CLAUSE_LEAD.sub("", text.strip())
    cut = next(_outside_brackets(t, "。：:！？!?；;"), -1)
    if cut >= 0:
        t = t[:cut]
    if len(t) > limit:
        comma = next(_outside_brackets(t, "，,"), -1)
        if comma >= 4:
            t = t[:comma]
    if len(t) > limit:
        t = t[:limit]
    return _strip_end(t) or _strip_end(text)[:limit] or "（无标题）"


# ---------------------------------------------------------------- time words, posts, numbers


_TIME = [(re.compile(p), kind, assumed) for p, kind, assumed in P.TIME_WORDS]
_FEST = [(re.compile(p), name) for p, name in P.FESTIVALS]
_PERIODS = [(re.compile(p), name, start, end) for p, name, start, end in P.NAMED_PERIODS]
_POSTS = [(re.compile(p), rid, name) for p, rid, name in P.POSTS]
_NOT_OWNER = re.compile(P.NOT_OWNER_BEFORE)
# 五老和义务监督员, “五老”志愿者: one list or one name, under one verb
_JOINED = re.compile(r"[”\"]?\s*(?:和|及|与|、|以及)?\s*")
_OWNER_PHRASE = re.compile(P.OWNER_PHRASE)
_SHARED = re.compile(P.SHARED)
_DUTIES = [(re.compile(p), rid, name) for p, rid, name in P.DUTIES]
_DUTIES_ELSE = [(re.compile(p), rid, name) for p, rid, name in P.DUTIES_ELSE]
_NUMBERS = [(re.compile(p), direction, count) for p, direction, count in P.NUMBERS]


def festivals_in(text: str) -> list[tuple[str, int, tuple[str, str | None] | None]]:
    """The festivals and named periods a text names, in the order named: (name, position,
    (start, end) for a named period the plan's calendar must hold, else None)."""
    return [(n, pos, cal) for n, pos, cal, _ in _festivals(text)]


def _festivals(text: str) -> list[tuple[str, int, tuple[str, str | None] | None, str]]:
    """festivals_in, with the words as written (`八一` for 建军节)."""
    found: dict[str, tuple[int, tuple[str, str | None] | None, str]] = {}
    for pattern, name in _FEST:
        m = pattern.search(text)
        if m and name not in found:
            found[name] = (m.start(), None, m.group(0).strip('“”"'))
    for pattern, name, start, end in _PERIODS:
        m = pattern.search(text)
        if m and name not in found:
            found[name] = (m.start(), (start, end), m.group(0).strip('“”"'))
    return sorted(((n, pos, cal, w) for n, (pos, cal, w) in found.items()), key=lambda x: x[1])


def time_word(text: str, year: int) -> tuple[tuple[str, str] | None, str | None, str | None]:
    """The schedule a text's time word gives: (schedule or None for ongoing, the word, what was
    assumed or None)."""
    for pattern, kind, assumed in _TIME:
        m = pattern.search(text)
        if not m:
            continue
        word = m.group(0)
        if kind == "ongoing":
            return None, word, None
        what, _, value = kind.partition(":")
        if what == "every":
            note = DRAFT["assumed_cadence"].format(word=word, every=value) if assumed else None
            return ("every", value), word, note
        if value == "end-of-month":
            month = int(next(g for g in m.groups() if g))
            if not 1 <= month <= 12:
                continue
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return ("due", f"{year}-{month:02d}-{last:02d}"), word, None
        if value == "month-day":
            month, day = int(m.group(1)), int(m.group(2))
            try:
                due = dt.date(year, month, day)
            except ValueError:
                continue
            return ("due", due.isoformat()), word, None
        due_text = f"{year}-{value}"
        note = DRAFT["assumed_due"].format(word=word, due=due_text) if assumed else None
        return ("due", due_text), word, note
    return None, None, None


def posts_in(text: str) -> list[tuple[str, str, int]]:
    """The posts a text names as doers (not as what is built: 建立志愿者队伍, nor a resource drawn
    on: 发挥“五老”和义务监督员的作用), in order: (role id, display name, position)."""
    matches = sorted(
        (m.start(), m.end(), rid, name) for pattern, rid, name in _POSTS for m in pattern.finditer(text)
    )
    excluded: list[tuple[int, int]] = []
    found: dict[str, tuple[str, int]] = {}
    for start, end, rid, name in matches:
        joined = any(e <= start and _JOINED.fullmatch(text[e:start]) for _, e in excluded)
        if joined or _NOT_OWNER.search(text[max(0, start - 8) : start]):
            excluded.append((start, end))
            continue
        if rid not in found:
            found[rid] = (name, start)
    posts = sorted(((rid, name, pos) for rid, (name, pos) in found.items()), key=lambda x: x[2])
    # a post inside another's words (专干 in 文体专干) is that one
    return [p for p in posts if not any(q is not p and q[2] <= p[2] < q[2] + len(q[1]) for q in posts)]


def owner_of(text: str) -> tuple[tuple[str, str] | None, list[str]]:
    """Who answers for a text's work: the one named `由…负责`/`…牵头` (a post, or the words
    themselves when they name no post: role id ""), else the first post named; with the other
    posts named, for a comment."""
    posts = posts_in(text)
    chosen: tuple[str, str] | None = (posts[0][0], posts[0][1]) if posts else None
    for m in _OWNER_PHRASE.finditer(text):
        who = (m.group("who") or m.group("who2") or "").strip(" “”")
        inside = posts_in(who)
        if inside:
            chosen = (inside[0][0], inside[0][1])
            break
        if m.group("who") and 2 <= len(who) <= 12 and not re.search(r"[，。、和及]", who):
            chosen = ("", who)  # free text: the document's own words for who answers
            break
    if chosen is None:
        return None, []
    others = [name for rid, name, _ in posts if rid != chosen[0]]
    return chosen, others


def duty_of(
    *texts: str, table: list[tuple[re.Pattern[str], str, str]] | None = None
) -> tuple[str, str] | None:
    """The post the customary division of labour (DUTIES) gives work of these words: in the first
    text any line matches, the line matching last in it (the head of a Chinese phrase is at its
    end: 加强宣传社区消防安全工作 is safety work, 利用宣传阵地开展法律…宣传教育 publicity); None
    when no line matches any text."""
    for text in texts:
        best: tuple[int, int, str, str] | None = None
        for n, (pattern, rid, name) in enumerate(_DUTIES if table is None else table):
            for m in pattern.finditer(text):
                if best is None or (m.end(), -n) > (best[0], best[1]):
                    best = (m.end(), -n, rid, name)
        if best is not None:
            return best[2], best[3]
    return None


def customary_owner(title: str, words: str, heading: str) -> tuple[str, str] | None:
    """Who the customary division of labour puts down for a task that names no post: DUTIES,
    else DUTIES_ELSE, in its title; else so in its words; else so in its section's heading."""
    for text in (title, words, heading):
        found = duty_of(text) or duty_of(text, table=_DUTIES_ELSE)
        if found is not None:
            return found
    return None


def targets_in(text: str) -> list[tuple[str, str, float, str, str, str]]:
    """Numbers stated as aims: (the words, metric name, number, direction, count, unit)."""
    out: list[tuple[int, str, str, float, str, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, direction, count in _NUMBERS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            groups = m.groupdict()
            what = re.sub(
                r"^(?:确保|力争|争取|要|使|全年|年内|努力|做到|并|和|及)+", "", groups.get("what") or ""
            )
            what = what.strip(' “”"')
            if groups.get("n") is None:  # 不发生…
                name = f"{what}起数" if what else "事故起数"
                words = m.group(0) if m.group(0).startswith(("不发生", "杜绝", "无")) else f"不发生{what}"
                out.append((m.start(), words, name, 0.0, direction, count, ""))
                continue
            unit = groups.get("unit") or ""
            unit_count, unit_name = P.UNIT_COUNT.get(unit, (count, f"{unit}数"))
            if direction == "at_most":
                unit_count = "latest"
            core = re.split(P.METRIC_AFTER, what)[-1] or what
            core = core[-12:]
            if unit in ("%", "％"):
                name = core or unit_name
            else:
                name = (core if core.endswith(unit_name) else core + unit_name) if core else unit_name
            try:
                number = float(groups["n"])
            except ValueError:
                continue
            if number > 1e15:
                continue
            out.append((m.start(), m.group(0), name[:20], number, direction, unit_count, unit))
    return [found[1:] for found in sorted(out, key=lambda x: x[0])]


# ---------------------------------------------------------------- the plan


_ID_CHARS = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")


def plan_id(community: str | None, year: int) -> str:
    """The plan id from the community's name and year: letters (Chinese too), digits and `-`."""
    name = _ID_CHARS.sub("", community or "") or "plan"
    return f"{name}-{year}"


def _part_kind(heading: str) -> str:
    for kind, pattern in P.PARTS:
        if re.search(pattern, heading[:24]):
            return kind
    return "section"


_SPLIT_HEADING = re.compile(r"(?<=.{8})(?=按照|结合本|结合社区|根据|为了|通过|坚持用|坚持以)")


def _heading_and_body(text: str) -> tuple[str, str]:
    """A part's heading and the words run on after it on the same line (篇2: `…建设按照…`)."""
    first = re.split(r"(?<=[。！？!?])", text, maxsplit=1)
    head, rest = first[0], first[1] if len(first) > 1 else ""
    if len(head) > TITLE_MAX:
        m = _SPLIT_HEADING.search(head)
        if m and m.start() <= 40:
            return _strip_end(head[: m.start()]), (head[m.start() :] + rest).strip()
        short = shorten(head)
        if short != _strip_end(head):
            return short, text.strip()
    return _strip_end(head), rest.strip()


def _headed(children: list[Item]) -> bool:
    """The numbered parts under 主要任务 are headings of sections (most have words under them),
    not tasks themselves."""
    numbered = [c for c in children if c.rank > 0]
    if not numbered:
        return False
    return 2 * sum(1 for c in numbered if c.children) >= len(numbered)


class _Builder:
    def __init__(self, source: str, today: dt.date) -> None:
        self.source = source
        self.today = today
        self.draft: Draft | None = None
        self.columns: dict[str, int] | None = None  # a table's columns, from its header row
        self.section_post: tuple[str, str] | None = None  # the first post the section's words name

    # -- the whole document
    def build(self, blocks: list[Block]) -> Draft:
        items = _items(blocks)
        title_text = ""
        if items and items[0].rank == 0 and not items[0].cells and len(items[0].text) <= 60:
            title_text = items.pop(0).text
        whole = " ".join(i.text for i in items[:6])
        year_m = re.search(P.YEAR, title_text) or re.search(P.YEAR, whole)
        year_stated = year_m is not None and 1900 < int(year_m.group(1)) < 2100
        year = int(year_m.group(1)) if year_m and year_stated else min(self.today.year + 1, 2100)
        community_m = re.search(P.COMMUNITY, title_text) or re.search(P.STREET, title_text)
        community = community_m.group(1) if community_m else None
        if community:
            community = re.sub(r"^(?:(?:19|20)\d\d\s*)?年度?", "", community)
            community = community if len(community) > 2 else None  # a name, not 社区 alone
        title = re.sub(r"^篇\s*\d+\s*[：:]", "", title_text).strip() or DRAFT["untitled"]
        d = Draft(
            id=plan_id(community, year),
            title=title,
            community=community,
            year=year,
            year_stated=year_stated,
            source=self.source,
        )
        self.draft = d
        if not year_stated:
            d.assumed.append(DRAFT["assumed_year"].format(year=year))
        numbered = [i for i in items if i.rank > 0]
        if not numbered:
            if not any(is_task(s) and _CLAUSE_LEAD.match(s) for i in items for s in sentences(i.text)):
                raise InvalidInput(DRAFT["err_no_parts"].format(path=self.source))
            section = self.section(title or DRAFT["untitled"], items)
            d.sections.append(section)
        else:
            top = min(i.rank for i in numbered)
            for item in items:  # preamble: before the first part of the top rank
                if item.rank == top:
                    break
                d.head_comments.append(item.marker + item.text)
            start = next(n for n, i in enumerate(items) if i.rank == top)
            self.parts(_tree(items[start:]))
        if not d.sections:
            raise InvalidInput(DRAFT["err_no_tasks"].format(path=self.source))
        last = blocks[-1]
        if not last.cells and len(last.text) > 15 and not re.search(r"[。！？!?；;…”’）)」』.]$", last.text):
            d.incomplete = DRAFT["incomplete"].format(end=last.text[-20:])
        for block in blocks:  # every post the document names is a role, owner of a task or not
            for pattern, rid, name in _POSTS:
                if pattern.search(block.text) and not any(v == name for v in d.roles.values()):
                    d.roles.setdefault(rid, name)
        return d

    def parts(self, parts: list[Item]) -> None:

        d = self.draft
        assert d is not None
        for part in parts:
            heading, body = _heading_and_body(part.text)
            kind = _part_kind(heading)
            if kind in ("ideology", "principles", "goals", "goals+tasks", "tasks"):
                d.head_comments.append(part.marker + heading)  # the heading's words, kept
            if kind == "ideology":
                words = [w for w in [body, *self.flat(part.children)] if w]
                if words:
                    d.guiding_ideology = "\n".join(words)
                else:
                    d.head_comments.append(part.marker + part.text)
            elif kind == "principles":
                said = [w for w in [body, *(c.text for c in self.flatten_items(part.children))] if w.strip()]
                d.principles.extend(said)
                if not said:
                    d.head_comments.append(part.marker + part.text)
            elif kind == "meaning":
                d.head_comments.append(part.marker + part.text)
                d.head_comments.extend(self.flat(part.children))
            elif kind in ("goals", "goals+tasks"):
                self.goals(part, body, headings_only=kind == "goals+tasks")
                if kind == "goals+tasks":
                    for child in part.children:
                        if child.rank > 0:
                            ch, cb = _heading_and_body(child.text)
                            units = [Item(0, "", cb, child.line)] if cb else []
                            units += self.flatten_items(child.children)
                            if units:
                                d.sections.append(self.section(ch, units))
            elif kind == "tasks" and _headed(part.children):
                if body:
                    d.head_comments.append(body)
                sub_rank = min(c.rank for c in part.children if c.rank > 0)
                loose: list[Item] = []
                for child in part.children:
                    if child.rank != sub_rank:
                        loose.append(child)
                        continue
                    ch, cb = _heading_and_body(child.text)
                    units = [Item(0, "", cb, child.line)] if cb else []
                    units += self.flatten_items(child.children)
                    if not units:  # a numbered task with nothing under it: itself the task
                        units = [Item(0, "", child.text, child.line)]
                    d.sections.append(self.section(ch, units))
                if loose and d.sections:
                    d.sections[-1].comments.extend(self.flat(loose))
            else:
                units = [Item(0, "", body, part.line)] if body else []
                units += self.flatten_items(part.children)
                if not units:
                    units = [Item(0, "", part.text, part.line)]
                section = self.section(heading, units, own=kind == "tasks")
                if section.tasks:
                    d.sections.append(section)
                else:  # a part that states nothing to do (工作要求): kept as comments
                    d.head_comments.append(part.marker + part.text)
                    d.head_comments.extend(self.flat(part.children))

    def flat(self, items: list[Item]) -> list[str]:
        out = []
        for item in items:
            out.append((item.marker + item.text) if item.marker else item.text)
            out.extend(self.flat(item.children))
        return out

    def flatten_items(self, items: list[Item]) -> list[Item]:
        out: list[Item] = []
        for item in items:
            out.append(Item(item.rank, item.marker, item.text, item.line, item.cells))
            out.extend(self.flatten_items(item.children))
        return out

    # -- goals and targets
    def goals(self, part: Item, body: str, headings_only: bool = False) -> None:
        """A goal for each paragraph and numbered item of a 目标 part, with its words; of a 任务目标
        part, whose items are also sections of tasks, a goal for each item's heading."""
        d = self.draft
        assert d is not None
        texts = [body] if body and not headings_only else []
        for item in self.flatten_items(part.children):
            if headings_only:
                if item.rank > 0:
                    texts.append(_heading_and_body(item.text)[0])
                continue
            if item.rank > 0:
                head, rest = _heading_and_body(item.text)
                if not rest and len(head) <= 8:  # (二)具体目标: a heading over goals
                    d.head_comments.append(item.marker + item.text)
                    continue
            texts.append(item.text)
        for text in texts:
            if not letters_in(text):  # nothing but punctuation: kept as written, as a comment
                d.head_comments.append(text)
                continue
            goal = Goal(id=f"g{len(d.goals) + 1}", text=_strip_end(text) or text)
            d.goals.append(goal)
            self.add_targets(goal, text)

    def add_targets(self, goal: Goal, text: str) -> None:
        d = self.draft
        assert d is not None
        for words, name, number, direction, count, _unit in targets_in(text):
            n = sum(len(g.targets) for g in d.goals) + 1
            metric = _ID_CHARS.sub("", name) or f"m{n}"
            goal.targets.append(
                Target(
                    id=f"t{n}",
                    text=words,
                    metric=metric,
                    metric_name=name,
                    target=number,
                    direction=direction,
                    count=count,
                    assumed=DRAFT["assumed_target"].format(metric=name, count=DRAFT[f"count_{count}"]),
                )
            )

    # -- sections and tasks
    def section(self, heading: str, units: list[Item], own: bool = True) -> Section:
        """A section of tasks from its units. `own`: a part of the 主要任务, whose paragraphs
        are tasks even when none begins with an action word; else a part with no task gets
        none (the caller keeps its words as comments)."""
        d = self.draft
        assert d is not None
        section = Section(id=str(len(d.sections) + 1), title=heading or DRAFT["untitled"])
        named = posts_in(" ".join(" ".join([u.text, *u.cells]) for u in units))
        self.section_post = (named[0][0], named[0][1]) if named else None
        # (the sentences before it in its paragraph, the task sentence or clause, the sentences
        #   after it, the whole sentence a clause was cut from or None)
        groups: list[tuple[list[str], str, list[str], str | None]] = []
        for unit in units:
            if unit.cells:
                for before, sentence, after, whole in groups:  # what came before the table, in order
                    self.tasks_from(section, sentence, after, before, whole=whole)
                groups = []
                self.table_row(section, unit)
                continue
            text = (unit.marker + unit.text) if unit.marker and not unit.text else unit.text
            pending: list[str] = []
            started = False
            for whole, s in ((w, c) for w in sentences(text) for c in split_clauses(w)):
                if is_task(s):
                    groups.append((pending, s, [], whole if whole != s else None))
                    pending = []
                    started = True
                elif started:
                    groups[-1][2].append(s)
                else:
                    pending.append(s)
            if pending:
                comment = "".join(pending)
                section.comments.append(comment)
                d.unplaced.append(comment)
        if not own and not groups and not section.tasks:
            for c in section.comments:
                if c in d.unplaced:
                    d.unplaced.remove(c)
            return section
        if not groups and not section.tasks and section.comments:  # no task sentence: each paragraph one
            for c in section.comments:
                if c in d.unplaced:
                    d.unplaced.remove(c)
            groups = [([], c, [], None) for c in section.comments]
            section.comments = []
        for before, sentence, after, whole in groups:
            self.tasks_from(section, sentence, after, before, whole=whole)
        if not section.tasks:
            self.add_task(section, heading, heading, [DRAFT["assumed_heading_task"]])
        return section

    def table_row(self, section: Section, unit: Item) -> None:
        """A table row (序号 | 工作任务 | 责任单位 | 完成时限): a header row names the columns
        (kept as a comment); in the rows after it the task column is the task, the 责任 column
        its owner, the 时限 column its time. Without a header, the longest cell is the task."""
        cells = list(unit.cells)
        if not any(cells):
            return
        header = self._header(cells)
        if header is not None:
            self.columns = header
            section.comments.append(" | ".join(c for c in cells if c))
            return
        cols = self.columns if self.columns and max(self.columns.values()) < len(cells) else None
        if cols is not None and cells[cols["task"]]:
            body = cells[cols["task"]]
            owner_text = cells[cols["owner"]] if "owner" in cols else ""
            when = cells[cols["time"]] if "time" in cols else ""
            others = [
                c
                for n, c in enumerate(cells)
                if c and n not in cols.values() and not re.fullmatch(r"\d{1,3}", c)
            ]
        else:
            texts = [c for c in cells if c and not re.fullmatch(r"\d{1,3}", c)]
            if not texts:
                section.comments.append(" | ".join(c for c in cells if c))
                return
            body = max(texts, key=len)
            owner_text, when = "", ""
            others = [c for c in texts if c is not body]
        context = " ".join([when, *others]).strip()
        before = len(section.tasks)
        self.tasks_from(section, body, [], context=context, owner_text=owner_text)
        for task in section.tasks[before:]:
            extra = [c for c in (owner_text, when, *others) if c]
            if extra:
                task.detail = f"{task.detail}（{'；'.join(extra)}）"

    @staticmethod
    def _header(cells: list[str]) -> dict[str, int] | None:
        """The columns a header row names, or None when the row is no header."""
        if any(len(c) > 8 for c in cells):
            return None
        cols: dict[str, int] = {}
        for n, c in enumerate(cells):
            if (
                "task" not in cols
                and re.search(r"任务|内容|项目|措施|事项|工作", c)
                and not re.search(r"责任|时限|时间", c)
            ):
                cols["task"] = n
            elif "owner" not in cols and re.search(r"责任|牵头|负责|主办", c):
                cols["owner"] = n
            elif "time" not in cols and re.search(r"时限|时间|完成|进度|日期", c):
                cols["time"] = n
        return cols if "task" in cols and len(cols) >= 2 else None

    def tasks_from(
        self,
        section: Section,
        sentence: str,
        after: list[str],
        before: list[str] | None = None,
        context: str = "",
        owner_text: str = "",
        whole: str | None = None,
    ) -> None:
        """One task for a task sentence (with its following sentences as detail); one per
        festival or named period when it names several; one per activity it lists. A clause cut
        from a longer sentence (`whole`) has the whole sentence as its detail, for the clerk to
        read it in its place; its time words, festivals and posts are read from its own words."""

        reading = "".join([*(before or []), sentence, *after])
        detail = "".join([*(before or []), whole, *after]) if whole else reading
        first, _, rest = sentence.partition("，")
        lead = rest and not _acts(sentence) and not _CLAUSE_LEAD.match(sentence) and _LEAD.search(first)
        title = shorten(bare(rest if lead else sentence))
        if not lead and not _acts(sentence) and not _CLAUSE_LEAD.match(sentence):
            responsible = _RESPONSIBLE.search(sentence)
            if responsible:
                title = shorten(sentence[responsible.start() :])
        fests = _festivals(sentence + context)
        if len(fests) >= 2:
            if rest and festivals_in(first) and _acts(rest) and not _acts_after_festivals(first):
                title = shorten(bare(rest))
            for name, _pos, _cal, word in fests:
                self.add_task(
                    section,
                    f"{title}（{word}）",
                    detail,
                    [],
                    festival=name,
                    context=context,
                    owner_text=owner_text,
                    reading=reading,
                )
            return
        listed = _listed(sentence)
        if listed:
            for element in listed:
                self.add_task(
                    section,
                    shorten(element),
                    detail,
                    [],
                    context=context,
                    owner_text=owner_text,
                    reading=reading,
                    own_words=element,
                )
            return
        shared = None if owner_text else _SHARED.search(sentence)
        posts = posts_in(shared.group("who")) if shared else []
        if shared and len(posts) >= 2:  # 由楼长、小组长负责楼道卫生: a task for each
            what = shorten(sentence[shared.end() :]) if letters_in(sentence[shared.end() :]) else title
            split = DRAFT_OWNERS["assumed_split"].format(names="、".join(p[1] for p in posts))
            for _, name, _ in posts:
                self.add_task(
                    section,
                    f"{what}（{name}）",
                    detail,
                    [split],
                    context=context,
                    owner_text=name,
                    reading=reading,
                )
            return
        self.add_task(section, title, detail, [], context=context, owner_text=owner_text, reading=reading)

    def add_task(
        self,
        section: Section,
        title: str,
        detail: str,
        assumed: list[str],
        festival: str | None = None,
        context: str = "",
        owner_text: str = "",
        own_words: str | None = None,
        reading: str | None = None,
    ) -> None:
        """`reading`: the words its time, festival, posts and numbers are read from, where `detail`
        holds more (a clause of a sentence); `own_words`: the task's own words for its owner's
        post (one activity of a list)."""
        d = self.draft
        assert d is not None
        task = Task(id=f"{section.id}.{len(section.tasks) + 1}", title=title, detail=detail)
        task.assumed.extend(assumed)
        read = detail if reading is None else reading
        words = read + " " + context
        if festival is None:
            fests = festivals_in(words)
            if fests:
                festival = fests[0][0]
        if festival is not None:
            task.schedule = ("festival", festival)
            d.festivals.add(festival)
            cal = next((c for n, _, c in festivals_in(words) if n == festival), None)
            if cal is None:
                cal = next((c for n, _, c in festivals_in(festival) if n == festival), None)
            if cal is not None and festival not in d.calendar:
                d.calendar[festival] = cal
                end = f"—{cal[1]}" if cal[1] else ""
                d.assumed.append(DRAFT["assumed_calendar"].format(name=festival, dates=f"{cal[0]}{end}"))
        else:
            schedule, word, note = time_word(words, d.year)
            if schedule is not None:
                task.schedule = schedule
                if note:
                    task.assumed.append(note)
            elif word is None:
                task.notes.append(DRAFT["note_ongoing"])
        owner, others = owner_of(owner_text) if owner_text else (None, [])
        if owner_text and (owner is None or owner[1] != owner_text.strip()):
            owner, others = ("", owner_text.strip()), []  # a 责任 column: its words are the owner
        if owner is None:
            owner, others = owner_of(title)
        if owner is None:
            owner, others = owner_of(words)
        if owner is None:  # the item over it names a post (1、加强领导：建立由社区党支部书记…)
            owner, others = owner_of(section.title)
            if owner is not None:
                task.notes.append(DRAFT_OWNERS["note_heading_owner"].format(name=owner[1]))
        if owner is None:  # plan-format.md: no owner, said in a comment — with whom custom suggests
            task.notes.append(DRAFT["note_no_owner"])
            own = own_words if own_words is not None else words
            suggested = customary_owner(title, own, section.title) or self.section_post
            if suggested is not None:
                task.notes.append(DRAFT_OWNERS["note_suggested_owner"].format(name=suggested[1]))
        else:
            rid, name = owner
            if rid:
                d.roles.setdefault(rid, name)
                task.owner = rid
            else:
                task.owner = name
            if others:
                task.notes.append(DRAFT["note_other_posts"].format(posts="、".join(others)))
        found = targets_in(read)
        if found:
            goal = Goal(id=f"g{len(d.goals) + 1}", text=_strip_end(shorten(read, 60)))
            known = {t.text for g in d.goals for t in g.targets}
            if not any(f[0] in known for f in found):
                d.goals.append(goal)
                self.add_targets(goal, read)
                if not goal.targets:
                    d.goals.remove(goal)
        section.tasks.append(task)


_LISTS = [(re.compile(p), seps, fewest, form) for p, seps, fewest, form in P.LISTS]


def _listed(sentence: str) -> list[str]:
    """The activities a sentence lists (`开展A、B、C等活动`, `发挥A、B和C的作用`), as task titles,
    when it lists enough of them; else []."""
    for pattern, seps, fewest, form in _LISTS:
        m = pattern.search(sentence)
        if not m:
            continue
        text = m.group("list")
        parts: list[str] = []
        depth, start = 0, 0
        for i, c in enumerate(text):
            if c in "（(":
                depth += 1
            elif c in "）)":
                depth = max(0, depth - 1)
            elif c in seps and depth == 0:
                parts.append(text[start:i])
                start = i + 1
        parts.append(text[start:])
        parts = [p.strip() for p in parts if p.strip(' “”"')]
        if len(parts) < fewest or any(len(re.sub(r"[（(].*?[）)]", "", p)) > 60 for p in parts):
            continue
        return [form.format(item=p) for p in parts]
    return []


def draft_plan(blocks: list[Block], source: str, today: dt.date) -> Draft:
    """The plan drafted from a document's blocks (InvalidInput when it has no numbered parts)."""
    if not blocks:
        raise InvalidInput(DRAFT["err_empty"].format(path=source))
    return _Builder(source, today).build(blocks)


# ---------------------------------------------------------------- YAML


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), on one line whatever it holds
    (line separators escaped), and with no ` #` a reader could take for a comment."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char in ("\x85", "\u2028", "\u2029"):
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted.replace(" #", "\\x20#")


def _comment(text: str, indent: str, width: int = 60) -> list[str]:
    """`# …` lines holding `text` whole (long text wrapped, never inside a Latin word or number)."""
    text = re.sub(r"\s+", " ", text).strip()
    lines: list[str] = []
    while text:
        cut = min(width, len(text))
        while (
            cut < len(text)
            and cut > 0
            and re.match(r"[\x21-\x7e]", text[cut])
            and re.match(r"[\x21-\x7e]", text[cut - 1])
        ):
            cut -= 1
        if cut == 0:
            cut = min(width, len(text))
        lines.append(f"{indent}# {text[:cut].rstrip()}")
        text = text[cut:].lstrip()
    return lines


def _yaml_number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def to_yaml(d: Draft) -> str:
    """The plan file's text: the plan in the contract's format, `#` comments where to look."""
    out: list[str] = []
    out.extend(_comment(DRAFT["yaml_head"].format(source=d.source), ""))
    out.extend(_comment(DRAFT["yaml_check"], ""))
    if d.head_comments:
        out.append("#")
        out.extend(_comment(DRAFT["yaml_kept"], ""))
        for text in d.head_comments:
            out.extend(_comment(text, ""))
    out.append("")
    out.append(f"id: {q(d.id)}")
    out.append(f"title: {q(d.title)}")
    if d.community:
        out.append(f"community: {q(d.community)}")
    else:
        out.extend(_comment(DRAFT["yaml_no_community"], ""))
    out.append(f"period: {{start: {d.year}-01-01, end: {d.year}-12-31}}")
    if d.assumed:
        out.append(f"assumed: {q('；'.join(d.assumed))}")
    if d.incomplete:
        out.append(f"incomplete: {q(d.incomplete)}")
    if d.guiding_ideology:
        out.append(f"guiding_ideology: {q(d.guiding_ideology)}")
    if d.principles:
        out.append("principles:")
        out.extend(f"  - {q(p)}" for p in d.principles)
    metrics = {tg.metric: tg.metric_name for g in d.goals for tg in g.targets}
    if metrics:
        out.append("metrics:")
        out.extend(f"  {q(k)}: {q(v)}" for k, v in metrics.items())
    if d.goals:
        out.append("goals:")
        for g in d.goals:
            out.append(f"  - id: {q(g.id)}")
            out.append(f"    text: {q(g.text)}")
            if g.targets:
                out.append("    targets:")
                for tg in g.targets:
                    out.append(f"      - id: {q(tg.id)}")
                    out.append(f"        text: {q(tg.text)}")
                    out.append(f"        metric: {q(tg.metric)}")
                    out.append(f"        target: {_yaml_number(tg.target)}")
                    out.append(f"        direction: {tg.direction}")
                    if "count" in TARGET_KEYS:
                        out.append(f"        count: {tg.count}")
                    elif tg.count != "sum":
                        out.extend(
                            _comment(DRAFT["yaml_count"].format(count=DRAFT[f"count_{tg.count}"]), "        ")
                        )
                    out.append(f"        assumed: {q(tg.assumed)}")
    if d.roles:
        out.append("roles:")
        out.extend(f"  {q(k)}: {q(v)}" for k, v in d.roles.items())
    if d.calendar:
        out.append("calendar:")
        for name, (start, end) in d.calendar.items():
            if end is None:
                out.append(f"  {q(name)}: {q(start)}")
            else:
                out.append(f"  {q(name)}: {{start: {q(start)}, end: {q(end)}}}")
    out.append("sections:")
    for s in d.sections:
        out.append(f"  - id: {q(s.id)}")
        out.append(f"    title: {q(s.title)}")
        for c in s.comments:
            out.extend(_comment(DRAFT["yaml_not_task"] + c, "    "))
        out.append("    tasks:")
        for t in s.tasks:
            out.append(f"      - id: {q(t.id)}")
            out.append(f"        title: {q(t.title)}")
            if t.detail and t.detail != t.title:
                out.append(f"        detail: {q(t.detail)}")
            if t.owner:
                out.append(f"        owner: {q(t.owner)}")
            if t.schedule:
                key, value = t.schedule
                if key == "due":
                    out.append(f"        due: {value}")
                else:
                    out.append(f"        {key}: {q(value)}")
            if t.assumed:
                out.append(f"        assumed: {q('；'.join(t.assumed))}")
            for note in t.notes:
                out.extend(_comment(note, "        "))
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Report:
    sections: int
    tasks: int
    roles: int
    targets: int
    festivals: int
    checks: list[str]


def report(d: Draft) -> Report:
    """What was found, and each thing the clerk must check (in the interface language)."""
    checks: list[str] = []
    if d.incomplete:
        checks.append(DRAFT["check_plan_assumed"].format(text=d.incomplete))
    for a in d.assumed:
        checks.append(DRAFT["check_plan_assumed"].format(text=a))
    for g in d.goals:
        for tg in g.targets:
            checks.append(DRAFT["check_target"].format(id=tg.id, text=tg.text, assumed=tg.assumed))
    for s in d.sections:
        for t in s.tasks:
            for a in t.assumed:
                checks.append(DRAFT["check_task_assumed"].format(id=t.id, title=t.title, text=a))
            if t.owner is None:
                checks.append(DRAFT["check_no_owner"].format(id=t.id, title=t.title))
    for text in d.unplaced:
        checks.append(DRAFT["check_unplaced"].format(text=text if len(text) <= 40 else text[:40] + "…"))
    return Report(
        sections=len(d.sections),
        tasks=sum(len(s.tasks) for s in d.sections),
        roles=len(d.roles),
        targets=sum(len(g.targets) for g in d.goals),
        festivals=len(d.festivals),
        checks=checks,
    )
