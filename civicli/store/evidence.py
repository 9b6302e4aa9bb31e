"""Evidence files (photos): copied into the folder beside the database, once each.

`civicli.db` keeps its files in `civicli-files/`. A file is named by its content hash, so the
same photo given twice is stored once and two different photos never collide; the record
keeps it when the original is moved or deleted. Each file is written whole (a temporary file
renamed into place) or not at all.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import RECTIFY as R
from civicli.store.connection import Store, now_stamp

OWNER_KINDS = ("record", "inspection", "step")


def evidence_folder(store: Store) -> Path:
    """The folder beside the database: `civicli.db` → `civicli-files/`."""
    db = Path(store.path)
    return db.with_name(f"{db.stem}-files")


def check_photo_files(paths: Sequence[str | Path]) -> list[Path]:
    """Each photo must be an existing regular file; returns them resolved (repeats dropped)."""
    out: list[Path] = []
    for p in paths:
        path = Path(p).expanduser()
        if not path.exists():
            raise NotFound(R["err_no_photo"].format(path=p))
        if not path.is_file():
            raise InvalidInput(R["err_photo_not_file"].format(path=p))
        resolved = path.resolve()
        if resolved not in out:
            out.append(resolved)
    return out


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _copy_whole(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_photos(store: Store, owner_kind: str, owner_id: int, paths: Sequence[str | Path]) -> list[str]:
    """Copy each photo into the evidence folder (named by content hash, stored once), and add
    the `evidence` and `photos` rows for the owner. Call inside a write transaction. Returns
    the stored paths, relative to the evidence folder, in the order given."""
    if owner_kind not in OWNER_KINDS:
        raise ValueError(owner_kind)
    files = check_photo_files(paths)
    folder = evidence_folder(store)
    row = store.one(
        "SELECT MAX(position) AS p FROM photos WHERE owner_kind = ? AND owner_id = ?", [owner_kind, owner_id]
    )
    position = -1 if row is None or row["p"] is None else int(row["p"])
    stored: list[str] = []
    for path in files:
        sha = _digest(path)
        found = store.one("SELECT id, path FROM evidence WHERE sha256 = ?", [sha])
        if found is None:
            relative = f"{sha[:2]}/{sha}{path.suffix.lower()}"
            target = folder / relative
            if not target.is_file() or _digest(target) != sha:
                _copy_whole(path, target)
            cur = store.conn.execute(
                "INSERT INTO evidence (sha256, path, original_name, added_at) VALUES (?, ?, ?, ?)",
                [sha, relative, path.name, now_stamp()],
            )
            evidence_id, rel = int(cur.lastrowid or 0), relative
        else:
            evidence_id, rel = int(found["id"]), str(found["path"])
            if not (folder / rel).is_file():  # the file was lost: put it back
                _copy_whole(path, folder / rel)
        position += 1
        store.conn.execute(
            "INSERT INTO photos (owner_kind, owner_id, evidence_id, position) VALUES (?, ?, ?, ?)",
            [owner_kind, owner_id, evidence_id, position],
        )
        stored.append(rel)
    return stored
