"""How close a drafted plan comes to the plan written by hand from the same document.

- A hand-written task is *found* when a drafted task holds most of its title's words: the
  share of the title's character pairs (bigrams of its letters, punctuation left out) that
  occur in the drafted task's title and detail is at least FOUND. Each drafted task is
  matched to at most one hand-written task (best pairs first), so one long drafted task
  cannot stand for many. Between pairs that hold the words equally well (由楼长、小组长负责 drafted
  as a task for each post, the same words in both), the pair whose schedule and owner agree goes
  first; otherwise the order of the ids decides.
- Of the found tasks, the *schedule* agrees when both are the same (`every` value, festival,
  due date, or both ongoing); *leniently* also when the hand-written one is a choice its
  author marked assumed and the draft leaves the choice open (ongoing) or marks its own
  assumed — the document said nothing the draft got wrong.
- The *owner* is the same when both name the same post: each owner is read as a post through
  the posts table (社区主任 and 居委会主任 are one post, 居民小组长 and 小组长 one), or as its
  role's name where the table has no such post; two owners left open are the same too. It
  *agrees* when it is the same, or when the hand-written owner is one its author assumed (the
  document names nobody) and the draft leaves the owner open, as plan-format.md says a draft
  must ("a task whose item names none has no owner and says so in a comment"): the draft says
  what the document says. The found tasks whose hand-written owner the document states and
  those whose owner the hand-writer assumed are counted apart (`owners_stated`,
  `owners_assumed`; of these, `owner_assumed_same` drafted as the same post).
- A hand-written target is *found* when a drafted target has its direction and number and
  shares half its text's character pairs. Targets whose number the author assumed (`assumed`
  set: the document gives no number) cannot be found by reading and are counted apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civicli.draft.drafter import posts_in
from civicli.plan.model import Plan, Task

FOUND = 0.5
# words in a hand-written task's `assumed` that say its schedule was the author's choice
SCHEDULE_ASSUMED = re.compile(
    r"原文写“|没有写时间|\d+月\d+日|截止日期|每.{0,4}(?:一次|一期|召开|检查|培训)|周期|结合|节前|举办|日期|当天|放在|理解|按.{0,6}一次"
)


def bigrams(text: str) -> set[str]:
    letters = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]", "", text)
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def own_words(title: str) -> str:
    """A hand-written title without what its author added in brackets (`（119消防日）`)."""
    bare = re.sub(r"[（(][^）)]*[）)]", "", title)
    return bare if len(bare) >= 4 else title


def overlap(title: str, words: str) -> float:
    b = bigrams(own_words(title))
    return len(b & bigrams(words)) / len(b) if b else 0.0


def tasks(plan: Plan) -> list[Task]:
    return [t for s in plan.sections for t in s.tasks]


def schedule(task: Task) -> tuple[str, str]:
    if task.every:
        return ("every", task.every)
    if task.festival:
        return ("festival", task.festival)
    if task.due:
        return ("due", task.due.isoformat())
    return ("ongoing", "")


def post(plan: Plan, owner: str | None) -> str | None:
    if owner is None:
        return None
    name = plan.roles.get(owner, owner)
    found = posts_in(name)
    return found[0][0] if found else name


@dataclass
class Figures:
    tasks: int  # hand-written tasks counted
    found: int
    schedule_same: int
    schedule_agree: int
    owner_same: int
    owner_agree: int  # the same, or assumed by the hand-writer and left open by the draft
    owners_stated: int  # found tasks whose hand-written owner the document states
    owner_stated_same: int
    owners_assumed: int  # found tasks whose hand-written owner its author assumed
    owner_assumed_same: int
    targets: int  # hand-written targets with the document's number
    targets_found: int

    def pct(self, n: int, of: int) -> int:
        return round(100 * n / of) if of else 100


def match(drafted: Plan, written: Plan, skip: frozenset[str] = frozenset()) -> list[tuple[Task, Task]]:
    """(hand-written task, drafted task) pairs, best overlap first, one-to-one."""
    ws = [t for t in tasks(written) if t.id not in skip]
    ds = tasks(drafted)
    scored = []
    for w in ws:
        for d in ds:
            words = f"{d.title} {d.detail or ''} {d.festival or ''}"
            score = overlap(w.title, words)
            if score >= FOUND:
                alike = (schedule(w) == schedule(d)) + (post(written, w.owner) == post(drafted, d.owner))
                scored.append(
                    (score, overlap(w.title, d.title + (d.festival or "")), alike, w.id, d.id, w, d)
                )
    scored.sort(key=lambda x: (-(x[0] + x[1]), -x[2], x[3], x[4]))
    used_w: set[str] = set()
    used_d: set[str] = set()
    pairs = []
    for _, _, _, wid, did, w, d in scored:
        if wid in used_w or did in used_d:
            continue
        used_w.add(wid)
        used_d.add(did)
        pairs.append((w, d))
    return pairs


def compare(
    drafted: Plan,
    written: Plan,
    skip: frozenset[str] = frozenset(),
    owners_stated: frozenset[str] | None = None,
) -> Figures:
    """The figures of a draft against the hand-written plan. `skip`: hand-written tasks the
    author made up beyond the document (their own `assumed` says so); `owners_stated`: the
    hand-written tasks whose owner the document names (None: every owner not marked assumed)."""
    pairs = match(drafted, written, skip)
    sched_same = sched_agree = owner_same = owner_agree = stated_n = stated_same = 0
    for w, d in pairs:
        sw, sd = schedule(w), schedule(d)
        same = sw == sd
        w_assumed = sw[0] != "ongoing" and bool(w.assumed and SCHEDULE_ASSUMED.search(w.assumed))
        d_open = sd[0] == "ongoing" or bool(d.assumed)
        sched_same += same
        sched_agree += same or (w_assumed and d_open)
        ow, od = post(written, w.owner), post(drafted, d.owner)
        stated = (w.id in owners_stated) if owners_stated is not None else not w.assumed
        owner_same += ow == od
        owner_agree += ow == od or (not stated and d.owner is None)
        stated_n += stated
        stated_same += stated and ow == od
    written_targets = [t for g in written.goals for t in g.targets if not t.assumed]
    drafted_targets = [t for g in drafted.goals for t in g.targets]
    targets_found = sum(
        any(
            d.direction == w.direction and d.target == w.target and overlap(w.text, d.text) >= FOUND
            for d in drafted_targets
        )
        for w in written_targets
    )
    return Figures(
        tasks=len([t for t in tasks(written) if t.id not in skip]),
        found=len(pairs),
        schedule_same=sched_same,
        schedule_agree=sched_agree,
        owner_same=owner_same,
        owner_agree=owner_agree,
        owners_stated=stated_n,
        owner_stated_same=stated_same,
        owners_assumed=len(pairs) - stated_n,
        owner_assumed_same=owner_same - stated_same,
        targets=len(written_targets),
        targets_found=targets_found,
    )
