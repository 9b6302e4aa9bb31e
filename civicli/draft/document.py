"""A plan document (.txt, .md, .docx) read into blocks: its paragraphs and table rows, in order.

A `.txt` file may be UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's "Unicode") or
GB18030/GBK (what Windows Notepad and WPS save in a Chinese locale). A `.docx` is read with
python-docx, its paragraphs and tables in the order they stand in the body. Anything else is
refused. Nothing here interprets the text: drafter.py does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from civicli.errors import InvalidInput
from civicli.i18n import DRAFT

SUFFIXES = (".txt", ".md", ".docx")
MAX_BYTES = 20 * 1024 * 1024  # a plan document is a few pages; a larger file is not one

# what XML and YAML cannot hold, and control characters: not words of the document
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


@dataclass(frozen=True)
class Block:
    """One paragraph (`cells` empty) or one table row (`cells` its cells' texts); `line` is the
    line of a text file, or the paragraph/row number in a Word document."""

    text: str
    line: int
    cells: tuple[str, ...] = ()


def clean(text: str) -> str:
    """A paragraph's words: control characters removed, spaces (the full-width one too) squeezed."""
    text = _NOT_TEXT.sub("", text)
    for space in ("\u3000", "\xa0", "\u2028", "\u2029"):  # line separators too: one paragraph
        text = text.replace(space, " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def decode(raw: bytes, path: str) -> str:
    """A text file's bytes as text: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(DRAFT["err_encoding"].format(path=path))


def read_document(path: Path) -> list[Block]:
    """The document's blocks, or InvalidInput naming the file (unknown kind, unreadable, not
    text, not a Word document)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(DRAFT["err_suffix"].format(path=path, suffix=path.suffix or "（无）"))
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InvalidInput(DRAFT["err_not_file"].format(path=path))
        if size > MAX_BYTES:
            raise InvalidInput(DRAFT["err_too_big"].format(path=path, mb=MAX_BYTES // (1024 * 1024)))
        if suffix == ".docx":
            return _docx_blocks(path)
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(DRAFT["err_read"].format(path=path, reason=exc.strerror or exc)) from None
    text = decode(raw, str(path))
    return _markdown_blocks(text) if suffix == ".md" else _text_blocks(text)


def _text_blocks(text: str) -> list[Block]:
    blocks = []
    for n, line in enumerate(text.splitlines(), 1):
        words = clean(line)
        if words:
            blocks.append(Block(words, n))
    return blocks


_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def _markdown_blocks(text: str) -> list[Block]:
    """Markdown: headings' `#`, list markers, quotes and emphasis taken off; a table row's cells."""
    blocks = []
    for n, line in enumerate(text.splitlines(), 1):
        raw = line.strip()
        if _MD_TABLE_RULE.match(raw):
            continue
        if raw.startswith("|") and raw.count("|") >= 2:
            cells = tuple(clean(c) for c in raw.strip("|").split("|"))
            if any(cells):
                blocks.append(Block(" ".join(c for c in cells if c), n, cells))
            continue
        raw = re.sub(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+)", "", raw)
        raw = re.sub(r"(\*\*|__)(.+?)\1", r"\2", raw)
        words = clean(raw)
        if words:
            blocks.append(Block(words, n))
    return blocks


def _docx_blocks(path: Path) -> list[Block]:
    """A Word document's paragraphs and table rows, in body order."""
    try:
        document = docx.Document(str(path))
        body = document.element.body
        blocks: list[Block] = []
        n = 0
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                n += 1
                words = clean(Paragraph(child, document).text)
                if words:
                    blocks.append(Block(words, n))
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    n += 1
                    cells: list[str] = []
                    for cell in row.cells:
                        words = clean(" ".join(p.text for p in cell.paragraphs))
                        if not cells or words != cells[-1] or not words:  # a merged cell repeats
                            cells.append(words)
                    if any(cells):
                        blocks.append(Block(" ".join(c for c in cells if c), n, tuple(cells)))
    except InvalidInput:
        raise
    except OSError:
        raise
    except Exception as exc:  # a damaged or foreign file named .docx: python-docx's many errors
        raise InvalidInput(DRAFT["err_docx"].format(path=path, reason=type(exc).__name__)) from None
    return blocks
