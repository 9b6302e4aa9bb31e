"""Settings kept in the database (`civicli config`): the bulletin's 报头 and 报尾.

A setting not set reads as its default; setting a key to the empty text puts it back to its
default. Values are text; `bulletin.copies` and `bulletin.next_issue` must be whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR, SETTINGS, TERM
from civicli.store.connection import Store, now_stamp

KEYS = (
    "bulletin.issuer",
    "bulletin.send_to",
    "bulletin.copy_to",
    "bulletin.copies",
    "bulletin.title",
    "bulletin.next_issue",
    "bulletin.editor",
    "bulletin.reviewer",
    "bulletin.signer",
    "ledger.preparer",
    "ledger.reviewer",
)
# the Chinese name of each key, accepted wherever a KEY is (cli.md, "Settings")
NAMES = {
    "bulletin.issuer": "编印单位",
    "bulletin.send_to": "报送",
    "bulletin.copy_to": "抄送",
    "bulletin.copies": "印数",
    "bulletin.title": "简报名称",
    "bulletin.next_issue": "下期期号",
    "bulletin.editor": "编辑",
    "bulletin.reviewer": "审核",
    "bulletin.signer": "签发",
    "ledger.preparer": "制表人",
    "ledger.reviewer": "台账审核人",
}
DEFAULT_TITLE = "创建简报"
_NUMBERS = ("bulletin.copies", "bulletin.next_issue")


@dataclass(frozen=True)
class Setting:
    key: str
    name: str  # its Chinese name
    value: str  # the value in force: the one set, else the default
    is_set: bool
    default: str  # the default as it reads today
    meaning: str


def check_key(key: str) -> str:
    """A setting's key, from its key or its Chinese name (`报送` → `bulletin.send_to`)."""
    wanted = key.strip()
    if wanted in KEYS:
        return wanted
    for known in KEYS:
        if NAMES.get(known) == wanted:
            return known

    listed = TERM["sep"].join(
        TERM["candidate"].format(id=k, title=NAMES[k]) if k in NAMES else k for k in KEYS
    )
    raise NotFound(ERR["unknown_setting"].format(key=key, known=listed))


def _communities(store: Store) -> str:
    rows = store.query("SELECT DISTINCT community FROM plans WHERE community IS NOT NULL ORDER BY start, id")
    return "、".join(r["community"] for r in rows if r["community"])


def highest_issue(store: Store) -> int:
    found = store.one("SELECT MAX(number) AS n FROM bulletins")
    return int(found["n"]) if found and found["n"] is not None else 0


def default_of(store: Store, key: str) -> str:
    if key == "bulletin.issuer":
        community = _communities(store)
        return (
            str(SETTINGS["issuer_default"]).format(community=community)
            if community
            else str(SETTINGS["issuer_unknown"])
        )
    if key == "bulletin.title":
        return DEFAULT_TITLE
    if key == "bulletin.next_issue":
        return str(highest_issue(store) + 1)
    return ""


def stored(store: Store, key: str) -> str | None:
    found = store.one("SELECT value FROM settings WHERE key = ?", [key])
    return None if found is None else str(found["value"])


def get_setting(store: Store, key: str) -> str:
    """The value in force (set, else default)."""
    key = check_key(key)
    value = stored(store, key)
    return default_of(store, key) if value is None else value


def all_settings(store: Store) -> list[Setting]:
    out = []
    for key in KEYS:
        value = stored(store, key)
        default = default_of(store, key)
        out.append(
            Setting(
                key=key,
                name=NAMES.get(key, ""),
                value=default if value is None else value,
                is_set=value is not None,
                default=default,
                meaning=str(SETTINGS[key]),
            )
        )
    return out


def _check_value(store: Store, key: str, value: str) -> str:
    if not value.isprintable():  # a line break or an escape code has no place in a 报头 line
        raise InvalidInput(
            ERR["bad_setting"].format(
                key=key, value=value.encode("unicode_escape").decode(), reason=ERR["control_chars"]
            )
        )
    if key in _NUMBERS:
        try:
            n = int(value)
        except ValueError:
            n = 0
        if n < 1 or n > 10**9:
            raise InvalidInput(
                ERR["bad_setting"].format(key=key, value=value, reason=ERR["positive_integer"])
            )
        if key == "bulletin.next_issue":
            taken = store.one(
                "SELECT week FROM bulletins WHERE number >= ? ORDER BY number DESC LIMIT 1", [n]
            )
            if taken:
                raise InvalidInput(
                    ERR["bad_setting"].format(
                        key=key,
                        value=value,
                        reason=ERR["issue_taken"].format(n=n, week=taken["week"], max=highest_issue(store)),
                    )
                )
        return str(n)
    return value


def set_setting(store: Store, key: str, value: str) -> str | None:
    """Set `key` to `value` (empty: back to the default). Returns the value stored, or None."""
    key = check_key(key)
    value = value.strip()
    with store.write():
        if not value:
            store.conn.execute("DELETE FROM settings WHERE key = ?", [key])
            return None
        value = _check_value(store, key, value)
        store.conn.execute(
            "INSERT INTO settings (key, value, set_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
            [key, value, now_stamp()],
        )
    return value


def take_next_issue(store: Store) -> int | None:
    """Inside the write transaction numbering a bulletin: the `bulletin.next_issue` set by the
    clerk, consumed (removed) as it is used; None when not set."""
    value = stored(store, "bulletin.next_issue")
    if value is None:
        return None
    store.conn.execute("DELETE FROM settings WHERE key = 'bulletin.next_issue'")
    return int(value)
