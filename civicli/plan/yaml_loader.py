"""Reading a plan file's text into a YAML node tree, with the limits that keep a hostile file
harmless.

The loader never calls `yaml.safe_load`: it composes the node tree with a loader whose implicit
scalar resolvers follow the YAML 1.2 core schema. So every scalar is available exactly as
written (`id: 1.10` is "1.10", `no` is "no"), every key and value has a line number, nothing is
ever constructed from a tag, and an alias bomb is stopped by counting nodes before anything is
expanded. Mistakes of a Chinese keyboard are found on the raw text first (plan/keyboard.py);
the schema checker (plan/schema.py) walks the tree this module hands it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from civicli.errors import Problem
from civicli.i18n import ERR, PLANFILE, RELY
from civicli.plan.keyboard import keyboard_problems

MAX_NODES = 100_000  # node visits (aliases counted at every use) before a file is refused
MAX_DEPTH = 100  # nesting levels before a file is refused

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ, TIMESTAMP = (_TAG + t for t in ("map", "seq", "timestamp"))
_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})

_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


class _Loader(yaml.SafeLoader):
    """Composes nodes only (nothing is constructed); plain scalars resolve per YAML 1.2 core:
    `yes`/`no`/`on`/`off` are strings, `<<` is an ordinary string key, no timestamps."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own convention


_Loader.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


def line_of(node: Node) -> int | None:
    mark = node.start_mark
    return None if mark is None else mark.line + 1


def joined_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def shortened(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_words(node: Node) -> str:
    if isinstance(node, MappingNode):
        return PLANFILE.format("got_mapping")
    if isinstance(node, SequenceNode):
        return PLANFILE.format("got_list")
    if isinstance(node, ScalarNode) and node.style in ("'", '"') and node.tag == STR:
        return PLANFILE.format("got_quoted", value=shortened(str(node.value)))
    return PLANFILE.format("got_scalar", value=shortened(str(node.value)))


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


def tag_known(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.tag in _SCALAR_TAGS
    if isinstance(node, MappingNode):
        return node.tag == MAP
    if isinstance(node, SequenceNode):
        return node.tag == SEQ
    return False


def shown_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def yaml_number(text: str) -> int | float | None:
    if _INT_RE.fullmatch(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    return None


def too_big(root: Node) -> tuple[str, Node] | None:
    """Count node visits without expanding anything: ("alias_bomb"|"too_many"|"too_deep", node)
    or None. Past MAX_NODES visits it is an alias bomb when most visits were of nodes already
    seen (aliases), else simply a file with too many entries."""
    count = 1
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return "too_deep", node
        children: list[Node]
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            continue
        count += len(children)
        seen.update(map(id, children))
        if count > MAX_NODES:
            return ("alias_bomb" if count > 2 * len(seen) else "too_many"), node
        if children and depth + 1 > MAX_DEPTH:  # the child popped next, the last one, is too deep
            return "too_deep", children[-1]
        # a scalar child ends there: only mappings and lists are walked on
        stack.extend((child, depth + 1) for child in children if not isinstance(child, ScalarNode))
    return None


_SURROGATE = re.compile(r"[\ud800-\udfff]")
# what XML cannot hold (civicli.text): lone surrogates and the noncharacters, and how they get
# into a file (U+FFFE and U+FFFF only as escapes: the YAML reader refuses them written as is)
_NOT_TEXT = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_MAYBE_NOT_TEXT = re.compile(r"\\(?:u|U0000)(?:[dD][89a-fA-F]|[fF][dD][dDeE]|[fF]{3}[eEfF])|[\ufdd0-\ufdef]")


def _not_text(root: Node, file: str) -> list[Problem]:
    """Scalars (keys and values) holding a lone surrogate, written as an escape such as "\\ud800"
    in a double-quoted scalar: not a character, so it cannot be stored or shown. Run after
    `_too_big` (the walk visits an alias at every use)."""
    problems: list[Problem] = []
    stack: list[tuple[Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, ScalarNode):
            found = _NOT_TEXT.search(str(node.value))
            if found and _SURROGATE.match(found.group(0)):
                char = f"\\u{ord(found.group(0)):04x}"
                problems.append(Problem(file, line_of(node), path, ERR["plan_surrogate"].format(char=char)))
            elif found:  # a noncharacter: XML (the docx bulletin, the xlsx ledgers) cannot hold it
                char = f"U+{ord(found.group(0)):04X}"
                problems.append(Problem(file, line_of(node), path, RELY["plan_xml_char"].format(char=char)))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                name = str(key.value) if isinstance(key, ScalarNode) else "?"
                stack.append((value, joined_path(path, name)))
                stack.append((key, path))
        elif isinstance(node, SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(node.value))))
    return problems


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
    try:
        raw.decode("gb18030")
        key = "not_utf8_gbk"
    except UnicodeDecodeError:
        key = "not_utf8"
    return None, Problem(file, line, "", PLANFILE.format(key))


if hasattr(yaml, "CSafeLoader"):
    _RESOLVERS: dict[Any, list[tuple[str, re.Pattern[str]]]] = _Loader.yaml_implicit_resolvers

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """libyaml's parser with the same YAML 1.2 resolvers: about twice as fast on big files."""

        yaml_implicit_resolvers = _RESOLVERS

        # libyaml calls these for every node: what PyYAML's BaseResolver does with these
        # resolvers and no path resolvers, in fewer steps
        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in _RESOLVERS.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return STR
            return MAP if kind is MappingNode else SEQ

        def descend_resolver(self, parent: Node | None, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _LOADERS: tuple[Any, ...] = (_FastLoader, _Loader)
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADERS = (_Loader,)


REWORD_CHARS = 256 * 1024
"""A YAML error in a file up to this many characters is worded by the pure-Python parser (it names the
character it found); a bigger file is never parsed twice: libyaml's own words are used."""


_YAML_EXPLAINED = (
    ("'\\t'", "yaml_tab"),
    ("mapping values are not allowed", "yaml_colon"),
    ("could not find expected ':'", "yaml_indent"),
    ("expected <block end>", "yaml_indent"),
    ("did not find expected key", "yaml_indent"),
    ("expected ',' or ']'", "yaml_unclosed"),
    ("expected ',' or '}'", "yaml_unclosed"),
    ("found unexpected end of stream", "yaml_unclosed"),
    ("cannot start any token", "yaml_start"),
)


def _explain_yaml(exc: yaml.MarkedYAMLError, problem: str) -> str:
    """The YAML parser's problem in the clerk's words, with a hint; else the parser's own words."""
    text = f"{exc.context or ''} {problem}"
    for needle, key in _YAML_EXPLAINED:
        if needle in text:
            char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
            return PLANFILE.format(key, char=char) + PLANFILE.format("yaml_hint")
    return problem


def _compose(text: str, file: str) -> tuple[Node | None, Problem | None]:
    loaders = _LOADERS if len(text) <= REWORD_CHARS else _LOADERS[:1]
    for loader in loaders[:-1]:
        try:
            return yaml.compose(text, Loader=loader), None
        except Exception:  # the pure-Python loader below words the error
            pass
    try:
        return yaml.compose(text, Loader=loaders[-1]), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        if (
            isinstance(exc, yaml.composer.ComposerError)
            and exc.context == "expected a single document in the stream"
        ):
            return None, Problem(file, line, "", PLANFILE.format("several_documents"))
        problem = exc.problem or exc.context or str(exc)
        return None, Problem(
            file, line, "", PLANFILE.format("yaml_syntax", problem=_explain_yaml(exc, problem))
        )
    except yaml.reader.ReaderError as exc:
        position = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, position) + 1
        char = exc.character
        if isinstance(char, str) and len(char) == 1:
            char = ord(char)
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return None, Problem(file, line, "", PLANFILE.format("bad_char", char=shown))
    except yaml.YAMLError as exc:
        return None, Problem(file, None, "", PLANFILE.format("yaml_syntax", problem=exc))
    except RecursionError:
        return None, Problem(file, None, "", PLANFILE.format("too_deep", limit=MAX_DEPTH))
    except Exception as exc:  # libyaml failing otherwise on a big file (not worded again)
        return None, Problem(file, None, "", PLANFILE.format("yaml_syntax", problem=exc))


def read_tree(raw: bytes, file: str) -> tuple[MappingNode | None, list[Problem]]:
    """A plan file's bytes -> (its top mapping, []) or (None, the problems that stop it being
    read): not UTF-8, a Chinese keyboard's mistakes, YAML it cannot read, an empty file, a top
    that is not a mapping, too many or too deep entries (an alias bomb), text XML cannot hold."""
    text, problem = _decode(raw, file)
    if text is None or problem is not None:
        return None, [problem] if problem else []
    typed = keyboard_problems(text, file)
    if typed:
        return None, typed
    root, problem = _compose(text, file)
    if problem is not None:
        return None, [problem]
    if root is None or is_null(root):
        return None, [Problem(file, None, "", PLANFILE.format("empty_file"))]
    if not isinstance(root, MappingNode):
        return None, [
            Problem(file, line_of(root), "", PLANFILE.format("top_not_mapping", got=node_words(root)))
        ]
    big = too_big(root)
    if big is not None:
        kind, node = big
        if kind == "too_many":
            return None, [Problem(file, line_of(node), "", ERR["plan_too_many"].format(limit=MAX_NODES))]
        limit = MAX_NODES if kind == "alias_bomb" else MAX_DEPTH
        return None, [Problem(file, line_of(node), "", PLANFILE.format(kind, limit=limit))]
    not_text = _not_text(root, file) if _MAYBE_NOT_TEXT.search(text) else []
    if not_text:
        return None, not_text
    return root, []
