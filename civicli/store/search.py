"""Finding what was written (`civicli search`): records, inspections, rectification steps, task
and plan titles holding a piece of text, newest first.

Records, inspections and steps are found through `search_text` (migration 0016), an FTS5 table
with the trigram tokenizer kept in step by triggers, each text followed by two U+001F. A query of
three characters or more is a phrase of trigrams; a shorter one (two characters: a name, `消防`)
is any of the trigrams that begin with it — every piece of one or two characters begins one,
thanks to the two U+001F — read from `search_terms`, the index's own list of trigrams (a
one-character query with more of them than FTS5 can take at once reads every row instead). Rows
come in rowid order, newest first, so a word found in every record still stops reading at the
limit. What `undo` took back is not found. Task titles (active tasks) and plan titles are read
from their tables: a few thousand rows, not a year of history.
"""

from __future__ import annotations

from typing import NamedTuple

from civicli.errors import InvalidInput
from civicli.i18n import SEARCH
from civicli.store.connection import Store

# search_text's rowid: days since 1900-01-01 << 46 | the source row's id << 4 | field code
_ID_MASK = (1 << 42) - 1
_FIELDS: dict[int, tuple[str, str]] = {
    0: ("record", "by"),
    1: ("record", "people"),
    2: ("record", "place"),
    3: ("record", "note"),
    4: ("inspection", "by"),
    5: ("inspection", "area"),
    6: ("inspection", "failed"),
    7: ("inspection", "note"),
    8: ("step", "by"),
    9: ("step", "text"),
}
SHORT = 3  # queries of fewer characters match the trigrams that begin with them
MAX_TERMS = 500  # more trigrams than this for a short query: read every row instead
PAD = "\x1f\x1f"  # after every text in search_text


class Hit(NamedTuple):
    """One thing found."""

    kind: str  # record, inspection, step, task, plan
    id: int | str  # the record's, inspection's or step's number; the task key; the plan id
    date: str  # the day it happened (ISO); for a task or a plan, the plan's start
    key: str  # the task key (record, task), template key (inspection), rectification number (step), plan id
    field: str  # note, place, people, by, area, failed, measure, recheck, title
    text: str  # the whole text the match is in
    title: str  # what it belongs to: the task's title, the template's, the problem, the plan's
    detail: str  # the occurrence of a record, the area of an inspection or rectification
    place: str = ""  # a record's place and people, whichever field matched ("who came?")
    people: str = ""


class Found(NamedTuple):
    hits: list[Hit]
    more: bool  # more were found than the limit let through


def search(store: Store, text: str, limit: int | None = None) -> Found:
    """What holds `text` (spaces at its ends left out), newest first, at most `limit` hits
    (None: all). Records, inspections and steps taken back with `undo` are left out."""
    query = text.strip()
    if not query:
        raise InvalidInput(SEARCH["err_empty"])
    want = None if limit is None else limit + 1
    hits = _dated(store, _written(store, query, want))
    if want is None or len(hits) < want:
        hits += _titles(store, query, None if want is None else want - len(hits))
    more = want is not None and len(hits) >= want
    return Found(hits[:limit] if limit is not None else hits, more)


def _written(store: Store, query: str, want: int | None) -> list[tuple[str, int, str, str]]:
    """(kind, id, field, text) of the records, inspections and steps holding `query`, newest
    first, each once, at most `want`."""
    sql = "SELECT rowid, text FROM search_text WHERE search_text MATCH ? ORDER BY rowid DESC"
    if len(query) >= SHORT:
        param = _phrase(query)
    else:
        folded = query.lower()  # the index's trigrams are folded to lower case
        terms = [
            str(r[0])
            for r in store.conn.execute(
                "SELECT term FROM search_terms WHERE term >= ? AND term < ?", [folded, folded + "\U0010ffff"]
            )
        ]
        if not terms:
            return []
        if len(terms) <= MAX_TERMS:
            param = " OR ".join(map(_phrase, terms))
        else:  # read every row, newest first
            sql = "SELECT rowid, text FROM search_text WHERE instr(lower(text), ?) > 0 ORDER BY rowid DESC"
            param = folded
    undone = {(str(k), int(i)) for k, i in store.conn.execute("SELECT kind, target_id FROM takebacks")}
    found: list[tuple[str, int, str, str]] = []
    seen: set[tuple[str, int]] = set()
    cursor = store.conn.execute(sql, [param])
    try:
        for rowid, body in cursor:
            kind, field = _FIELDS[rowid & 15]
            ident = (rowid >> 4) & _ID_MASK
            if (kind, ident) in seen or (kind, ident) in undone:
                continue
            seen.add((kind, ident))
            found.append((kind, ident, field, body.removesuffix(PAD)))
            if want is not None and len(found) >= want:
                break
    finally:
        cursor.close()
    return found


def _phrase(text: str) -> str:
    """`text` as an FTS5 string: its characters, nothing of the query syntax."""
    return '"' + text.replace('"', '""') + '"'


def _dated(store: Store, found: list[tuple[str, int, str, str]]) -> list[Hit]:
    """The hits in `found` (in its order) with what they belong to."""
    ids: dict[str, list[int]] = {"record": [], "inspection": [], "step": []}
    for kind, ident, _, _ in found:
        ids[kind].append(ident)
    about: dict[tuple[str, int], tuple[str, str, str, str, str]] = {}  # date, key, title, detail, step kind
    activity: dict[int, tuple[str, str]] = {}  # a record's place and people
    if ids["record"]:
        for r in store.query(
            "SELECT r.id, r.date, r.task_key, r.occurrence, r.place, r.people, t.title FROM records r "
            "LEFT JOIN tasks t ON t.key = r.task_key WHERE r.id IN (SELECT value FROM json_each(?))",
            [_json(ids["record"])],
        ):
            about["record", r["id"]] = (r["date"], r["task_key"], r["title"] or "", r["occurrence"], "")
            activity[r["id"]] = (r["place"] or "", r["people"] or "")
    if ids["inspection"]:
        for r in store.query(
            "SELECT i.id, i.date, i.template_key, i.area, tp.title FROM inspections i "
            "LEFT JOIN templates tp ON tp.key = i.template_key WHERE i.id IN (SELECT value FROM json_each(?))",
            [_json(ids["inspection"])],
        ):
            about["inspection", r["id"]] = (r["date"], r["template_key"], r["title"] or "", r["area"], "")
    if ids["step"]:
        for r in store.query(
            "SELECT s.id, s.date, s.kind, s.rectification_id, x.area, x.note, "
            "COALESCE(ti.text, x.item_id) AS item FROM rectification_steps s "
            "JOIN rectifications x ON x.id = s.rectification_id "
            "LEFT JOIN template_items ti ON ti.template_key = x.template_key AND ti.item_id = x.item_id "
            "WHERE s.id IN (SELECT value FROM json_each(?))",
            [_json(ids["step"])],
        ):
            problem = r["item"] + (f"：{r['note']}" if r["note"] else "")
            about["step", r["id"]] = (r["date"], str(r["rectification_id"]), problem, r["area"], r["kind"])
    hits = []
    for kind, ident, field, body in found:
        date, key, title, detail, step_kind = about[kind, ident]
        if kind == "step" and field == "text":
            field = step_kind  # measure or recheck
        place, people = activity.get(ident, ("", "")) if kind == "record" else ("", "")
        hits.append(Hit(kind, ident, date, key, field, body, title, detail, place, people))
    return hits


def _titles(store: Store, query: str, limit: int | None) -> list[Hit]:
    """Plans, then active tasks, whose title holds the query (letters in either case)."""
    needle = query.lower()
    plans = store.query(
        "SELECT id, title, start FROM plans WHERE instr(lower(title), ?) > 0 AND archived_at IS NULL "
        "ORDER BY start DESC, id",
        [needle],
    )
    hits = [Hit("plan", p["id"], p["start"], p["id"], "title", p["title"], p["title"], "") for p in plans]
    if limit is not None and len(hits) >= limit:
        return hits[:limit]
    tasks = store.query(
        "SELECT t.key, t.title, p.start, p.title AS plan_title FROM tasks t JOIN plans p ON p.id = t.plan_id "
        "WHERE t.archived_at IS NULL AND instr(lower(t.title), ?) > 0 "
        "ORDER BY p.start DESC, t.plan_id, t.position"
        + ("" if limit is None else f" LIMIT {int(limit) - len(hits)}"),
        [needle],
    )
    hits += [
        Hit("task", t["key"], t["start"], t["key"], "title", t["title"], t["plan_title"], "") for t in tasks
    ]
    return hits


def _json(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
