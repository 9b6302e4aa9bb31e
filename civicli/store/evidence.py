"""Evidence files (photos of activities, inspections and rectification steps).

A photo given on the command line is copied into the evidence folder beside the database
(`civicli.db` → `civicli-files/`), so the record keeps it when the original is moved or
deleted. Each distinct photo is stored once (the `evidence` table is keyed by its SHA-256);
its file name holds the original name and the start of the hash, so two photos never share a
name. A file is written whole or not at all: copied to a temporary file in the folder, flushed,
then renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR
from civicli.store.connection import Store, now_stamp

OWNER_KINDS = ("record", "inspection", "step")
_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Photo:
    """A photo checked on the command line: where it is and the name it was given."""

    source: Path
    original_name: str


def evidence_folder(db_path: str | Path) -> Path:
    """The evidence folder of a database: `civicli.db` → `civicli-files/` beside it."""
    db = Path(db_path)
    return db.parent / f"{db.stem}-files"


def stored_path(db_path: str | Path, relative: str) -> str:
    """An evidence file's path relative to the database's folder (`civicli-files/…`)."""
    return f"{evidence_folder(db_path).name}/{relative}"


def check_photos(paths: Iterable[str | Path]) -> list[Photo]:
    """Each photo must exist and be a regular file (not a folder, FIFO or device); checked
    before anything is written. The same file given twice is kept once."""
    out: list[Photo] = []
    seen: set[Path] = set()
    for p in paths:
        path = Path(p).expanduser()
        try:
            is_file = path.is_file()
            exists = is_file or path.exists()
        except OSError as exc:
            raise InvalidInput(ERR["photo_unreadable"].format(path=p, reason=exc.strerror or exc)) from None
        if not exists:
            raise NotFound(ERR["photo_missing"].format(path=p))
        if not is_file:
            raise InvalidInput(ERR["photo_not_file"].format(path=p))
        if not os.access(path, os.R_OK):
            raise InvalidInput(ERR["photo_unreadable"].format(path=p, reason="permission denied"))
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            out.append(Photo(resolved, path.name))
    return out


def _safe_name(name: str) -> tuple[str, str]:
    """A file name's stem and suffix with anything a file system may dislike replaced."""
    stem, suffix = os.path.splitext(name)
    stem = _UNSAFE.sub("_", stem).strip("._")[:60] or "photo"
    suffix = _UNSAFE.sub("", suffix)[:10].lower()
    return stem, suffix


def _copy_hashing(source: Path, folder: Path) -> tuple[str, str]:
    """Copy `source` to a temporary file in `folder`, hashing on the way: (temp path, sha256)."""
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".photo.", suffix=".tmp")
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # the usual permissions of a new file (mkstemp makes it 0600)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp, digest.hexdigest()


def _free_name(store: Store, folder: Path, stem: str, suffix: str, sha: str) -> str:
    """A name not used by another evidence row nor by another file in the folder."""
    for n in (8, 16, 64):
        name = f"{stem}_{sha[:n]}{suffix}"
        taken = store.one("SELECT sha256 FROM evidence WHERE path = ?", [name])
        if taken is None and not (folder / name).exists():
            return name
    raise InvalidInput(ERR["photo_name_taken"].format(name=f"{stem}_{sha}{suffix}"))  # pragma: no cover


def store_photos(store: Store, owner_kind: str, owner_id: int, paths: Sequence[str | Path]) -> list[str]:
    """Keep the photos as evidence of one record, inspection or rectification step.

    Call inside the write transaction that made the owner. Each photo is copied into the
    evidence folder unless a photo with the same content is there already; the owner's photos
    are listed in the order given. Returns the stored paths, relative to the database's folder.
    On failure the files this call created are removed (the transaction rolls the rows back)."""
    if owner_kind not in OWNER_KINDS:
        raise ValueError(owner_kind)
    photos = check_photos(paths)
    if not photos:
        return []
    folder = evidence_folder(store.path)
    created: list[Path] = []
    out: list[str] = []
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                ERR["evidence_folder"].format(path=folder, reason=exc.strerror or exc)
            ) from None
        start = store.one(
            "SELECT COALESCE(MAX(position), 0) AS n FROM photos WHERE owner_kind = ? AND owner_id = ?",
            [owner_kind, owner_id],
        )
        position = int(start["n"]) if start else 0
        for photo in photos:
            try:
                tmp, sha = _copy_hashing(photo.source, folder)
            except OSError as exc:
                raise InvalidInput(
                    ERR["photo_unreadable"].format(path=photo.source, reason=exc.strerror or exc)
                ) from None
            known = store.one("SELECT id, path FROM evidence WHERE sha256 = ?", [sha])
            if known is not None and (folder / known["path"]).is_file():
                os.unlink(tmp)
                evidence_id, name = int(known["id"]), str(known["path"])
            else:
                if known is not None:  # its file was lost: put this copy back under the same name
                    name = str(known["path"])
                else:
                    name = _free_name(store, folder, *_safe_name(photo.original_name), sha)
                os.replace(tmp, folder / name)
                created.append(folder / name)
                if known is not None:
                    evidence_id = int(known["id"])
                else:
                    cur = store.conn.execute(
                        "INSERT INTO evidence (sha256, path, original_name, added_at) VALUES (?, ?, ?, ?)",
                        [sha, name, photo.original_name, now_stamp()],
                    )
                    evidence_id = int(cur.lastrowid or 0)
            position += 1
            store.conn.execute(
                "INSERT INTO photos (owner_kind, owner_id, evidence_id, position) VALUES (?, ?, ?, ?)",
                [owner_kind, owner_id, evidence_id, position],
            )
            out.append(stored_path(store.path, name))
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return out


def photos_of(store: Store, owner_kind: str, owner_ids: Sequence[int]) -> dict[int, list[str]]:
    """The stored photos of each owner (paths relative to the database's folder), in order."""
    if not owner_ids:
        return {}
    out: dict[int, list[str]] = {}
    for r in store.query(
        "SELECT p.owner_id, e.path FROM photos p JOIN evidence e ON e.id = p.evidence_id "
        "WHERE p.owner_kind = ? AND p.owner_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY p.owner_id, p.position",
        [owner_kind, _json_ids(owner_ids)],
    ):
        out.setdefault(int(r["owner_id"]), []).append(stored_path(store.path, r["path"]))
    return out


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def missing_evidence(store: Store) -> list[str]:
    """Evidence files the database lists that are not in the evidence folder (for `check`)."""
    folder = evidence_folder(store.path)
    return [
        stored_path(store.path, r["path"])
        for r in store.query("SELECT path FROM evidence ORDER BY id")
        if not (folder / r["path"]).is_file()
    ]
