"""The inspection asked on a terminal: the area, then each unanswered item (pass, fail with a
note, not applicable), prompts on stderr. Imported by `inspect` only when it asks."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from civicli.errors import InvalidInput
from civicli.i18n import INSPECT as T
from civicli.store.inspections import Answer, Draft, Template
from civicli.text import printable

# what the clerk may type at the prompt for each answer
_CHOICES = {
    "p": "pass",
    "pass": "pass",
    "ok": "pass",
    "合格": "pass",
    "f": "fail",
    "fail": "fail",
    "x": "fail",
    "不合格": "fail",
    "n": "na",
    "na": "na",
    "n/a": "na",
    "-": "na",
    "不适用": "na",
}


def _read(console: Console, prompt: str, style: str = "bold") -> str | None:
    """One line from stdin after a prompt on stderr; None at end of input."""

    line = console.input(Text(printable(prompt), style=style), stream=sys.stdin)
    return None if line == "" else line.strip()


def ask_area(tpl: Template) -> str:

    console = Console(stderr=True, highlight=False)
    listing = " ".join(f"{i}) {a}" for i, a in enumerate(tpl.areas, 1))
    while True:
        raw = _read(console, T["ask_area"].format(areas=listing) + ": ")
        if raw is None:
            raise InvalidInput(T["err_no_area_given"].format(areas=", ".join(tpl.areas)))
        if raw in tpl.areas:
            return raw
        if raw.isdigit() and 1 <= int(raw) <= len(tpl.areas):
            return tpl.areas[int(raw) - 1]


def ask_items(draft: Draft) -> None:
    """Ask for every unanswered item, one by one (pass / fail + note / n/a)."""

    console = Console(stderr=True, highlight=False)
    missing = draft.missing

    console.print(
        printable(
            T["ask_header"].format(
                template=draft.template.key, area=draft.area, date=draft.date.isoformat(), n=len(missing)
            )
        ),
        markup=False,
    )
    for i, item in enumerate(missing, 1):
        weight = float(item["weight"])
        weight_text = (
            "" if weight == 1 else T["ask_weight"].format(w=int(weight) if weight == int(weight) else weight)
        )
        prompt = (
            T["ask_item"].format(
                i=i, n=len(missing), text=item["text"], item=item["item_id"], weight=weight_text
            )
            + ": "
        )
        while True:
            raw = _read(console, prompt)
            if raw is None:  # input ended: the rest stays unanswered
                left = ", ".join(it["item_id"] for it in missing[i - 1 :])
                raise InvalidInput(T["err_unanswered"].format(items=left))
            choice = _CHOICES.get(raw.lower())
            if choice:
                break
            console.print(T["ask_again"], markup=False, style="yellow")
        note = _read(console, T["ask_note"] + ": ", style="") if choice == "fail" else None
        draft.add(Answer(item["item_id"], choice, note or None))
