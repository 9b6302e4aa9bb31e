"""Every word a user reads, one catalog per language (zh.py, en.py), chosen once at start-up.

Modules read the catalogs through the proxies below (`ERR["no_plan"]`), which look the key up
in the language in force; `set_language` is called once, before any command runs.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

LANGUAGES = ("zh", "en")
_language = "zh"


def set_language(language: str) -> None:
    """Choose the interface language for the rest of the process ('zh' or 'en')."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(language)
    _language = language


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The interface language for this run: `--lang X` (anywhere on the command line, the first one),
    else CIVICLI_LANG, else English when LC_ALL, LC_MESSAGES or LANG (the first one set) begins
    with `en`, else Chinese (LANG=C and cron included). An unknown value is passed over here (the
    option parser refuses it, in the language chosen from the rest)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
    chosen = environ.get("CIVICLI_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def language() -> str:
    """The interface language in force."""
    return _language


def _module() -> ModuleType:
    if _language == "en":
        from civicli.i18n import en

        return en
    from civicli.i18n import zh

    return zh


class Catalog(Mapping[str, "Any"]):
    """One named table of a catalog (ERR, MSG, H, …) in the language in force (the table is
    looked up again only when the language has changed: a district's bulletin reads the
    catalogs some 200,000 times)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._for: str | None = None
        self._cached: Mapping[str, Any] = {}

    def _table(self) -> Mapping[str, Any]:
        if self._for != _language:
            self._cached = getattr(_module(), self._name)
            self._for = _language
        return self._cached

    def __getitem__(self, key: str) -> Any:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def format(self, name: str, /, **fields: object) -> str:
        """The text of entry `name` with its {placeholders} filled."""
        text: str = self._table()[name]
        return text.format(**fields)


STATE = Catalog("STATE")
STATUS = Catalog("STATUS")
H = Catalog("H")
MSG = Catalog("MSG")
ERR = Catalog("ERR")
EVERY_UNIT = Catalog("EVERY_UNIT")
INSPECT = Catalog("INSPECT")
SUMMARY = Catalog("SUMMARY")
STORE = Catalog("STORE")  # the store: opening, locks, disk errors, backup, check
PLAN_HONESTY = Catalog("PLAN_HONESTY")  # what a plan says it assumed, or that its source is incomplete
RECTIFY = Catalog("RECTIFY")
# ledgers (台账) and `config`
LEDGER = Catalog("LEDGER")
LEDGER_STATUS = Catalog("LEDGER_STATUS")
LEDGER_STATE = Catalog("LEDGER_STATE")
SETTINGS = Catalog("SETTINGS")
UNDO = Catalog("UNDO")
# the Chinese interface (zh): command-line help, the option parser's words, the plan-file checker
HELP = Catalog("HELP")
CLI = Catalog("CLI")
PLANFILE = Catalog("PLANFILE")
# doubles refused, evidence checked, plans archived, limits (issue: nothing lost, hung or doubled)
RELY = Catalog("RELY")
SEARCH = Catalog("SEARCH")  # civicli search
ICAL = Catalog("ICAL")  # civicli calendar
DRAFT = Catalog("DRAFT")  # civicli draft: a plan file from a plan document
# the weekly bulletin (创建简报) as a document: Chinese in both languages
BULLETIN = Catalog("BULLETIN")
BULLETIN_MSG = Catalog("BULLETIN_MSG")
# the ledgers as documents: headers, foot, the 活动记录表, headcount
LEDGER_DOC = Catalog("LEDGER_DOC")
# at the clerk's terminal: record numbers, names for ids, OS errors, starting mid-year
TERM = Catalog("TERM")

OCC = Catalog("OCC")  # occurrences and schedules named for people (plan/naming.py)
TARGETS = Catalog("TARGETS")  # goal targets: how counted, the checker's words, the office's words
DRAFT_OWNERS = Catalog("DRAFT_OWNERS")  # civicli draft: owners by the customary division of labour
PICTURES = Catalog("PICTURES")  # photos in the documents that cannot be shown


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is (its st_mode), in words: a folder, a FIFO, …"""
    for test, key in (
        (stat.S_ISDIR, "kind_folder"),
        (stat.S_ISFIFO, "kind_fifo"),
        (stat.S_ISCHR, "kind_device"),
        (stat.S_ISBLK, "kind_device"),
        (stat.S_ISSOCK, "kind_socket"),
    ):
        if test(mode):
            return str(ERR[key])
    return str(ERR["kind_other"])


def os_reason(exc: BaseException) -> str:
    """Why the system refused (an OSError's errno, an SQLite error's message) in the interface's
    words: in Chinese from the TERM catalog (`No such file or directory` → 文件或文件夹不存在);
    in English the system's own words."""
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and isinstance(exc, OSError):
        words = TERM["errno"].get(errno.errorcode.get(code, ""))
        if words is not None:
            return str(words)
        if language() == "en":
            return str(exc.strerror or exc)
        return str(TERM["errno_other"]).format(n=code)
    text = str(exc)
    known = TERM["sqlite"].get(text.strip().lower())
    if known is not None:
        return str(known)
    if language() == "en" or not text.isascii():
        return text
    return str(TERM["sqlite_other"]).format(detail=text)
