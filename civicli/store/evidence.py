"""Evidence files (photos of activities, inspections and rectification steps).

A photo given on the command line is copied into the evidence folder beside the database
(`civicli.db` → `civicli-files/`), so the record keeps it when the original is moved or
deleted. Each distinct photo is stored once (the `evidence` table is keyed by its SHA-256, with
its size); its file name holds the original name and the start of the hash, so two photos never
share a name.

A photo is read, hashed and copied BEFORE the database's write lock is taken (`photos_ready`): a
large file, a slow disk or a FIFO put in a photo's place never holds up the other writers. It is
opened without blocking (O_NONBLOCK: a FIFO never hangs), must be a regular file by fstat of
what was opened, and at most MAX_PHOTO bytes. The copy is a temporary file in the evidence
folder, locked while this process has it (whole_files.locked_temp); under the lock
(`store_photos`) it is renamed into place, or removed when the same content is stored already
and intact. A temporary left by a process killed mid-copy is removed by the next one that
attaches a photo; on any failure, the temporaries of this process are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from civicli.errors import InvalidInput, NotFound
from civicli.i18n import ERR, RELY, os_reason
from civicli.store.connection import Store, now_stamp
from civicli.whole_files import locked_temp, put_in_place, remove_stale, signals_held, write_all

OWNER_KINDS = ("record", "inspection", "step")
MAX_PHOTO = 20 * 1024 * 1024  # bytes: a photo at most 20 MB (README, limits)
TEMP_PREFIX, TEMP_SUFFIX = ".photo.", ".tmp"
_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass
class ReadyPhoto:
    """A photo read and copied into the evidence folder, not yet stored: its temporary copy
    (held open and locked by `fd` until stored or given up), its SHA-256 and size."""

    given: str
    original_name: str
    tmp: str | None
    fd: int
    sha256: str
    size: int
    intact: int | None = None  # the evidence row with this content whose file is intact, if any
    placed: str | None = None  # the name it was renamed to as a new evidence file (store_photos)


def evidence_folder(db_path: str | Path) -> Path:
    """The evidence folder of a database: `civicli.db` → `civicli-files/` beside it."""
    db = Path(db_path)
    return db.parent / f"{db.stem}-files"


def stored_path(db_path: str | Path, relative: str) -> str:
    """An evidence file's path relative to the database's folder (`civicli-files/…`)."""
    return f"{evidence_folder(db_path).name}/{relative}"


def _open_photo(given: str) -> tuple[int, os.stat_result]:
    """Open a photo for reading without ever blocking (a FIFO, a device), and check what was
    opened: a regular file of at most MAX_PHOTO bytes."""
    path = os.path.expanduser(given)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise NotFound(ERR["photo_missing"].format(path=given)) from None
    except IsADirectoryError:
        raise InvalidInput(ERR["photo_not_file"].format(path=given)) from None
    except OSError as exc:
        raise InvalidInput(ERR["photo_unreadable"].format(path=given, reason=os_reason(exc))) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InvalidInput(ERR["photo_not_file"].format(path=given))
        if st.st_size > MAX_PHOTO:
            raise InvalidInput(
                RELY["photo_too_big"].format(path=given, size=_mb(st.st_size), limit=_mb(MAX_PHOTO))
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_photos(paths: Iterable[str | Path]) -> None:
    """Each photo must be a readable regular file of at most MAX_PHOTO bytes (checked again when
    it is read: this only answers early, before anything is asked or written)."""
    for p in paths:
        fd, _ = _open_photo(str(p))
        os.close(fd)


def _copy(src: int, dst: int, given: str) -> tuple[str, int]:
    """Copy src to dst, hashing on the way: (sha256, size). A file that grows past MAX_PHOTO
    while read is refused."""
    digest = hashlib.sha256()
    size = 0
    while chunk := os.read(src, _CHUNK):
        size += len(chunk)
        if size > MAX_PHOTO:
            raise InvalidInput(RELY["photo_too_big"].format(path=given, size=_mb(size), limit=_mb(MAX_PHOTO)))
        digest.update(chunk)
        write_all(dst, chunk)
    os.fsync(dst)
    return digest.hexdigest(), size


def file_intact(path: Path, sha256: str, size: int | None) -> bool:
    """The stored file is there, of the size and SHA-256 recorded (the size alone when it is
    wrong: no need to read it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (size is not None and st.st_size != size):
            return False
        digest = hashlib.sha256()
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
        return digest.hexdigest() == sha256
    except OSError:
        return False
    finally:
        os.close(fd)


@contextlib.contextmanager
def photos_ready(store: Store, paths: Sequence[str | Path]) -> Iterator[list[ReadyPhoto]]:
    """Read, check, hash and copy the photos into the evidence folder before the write lock is
    taken; the same content given twice is kept once. On leaving, whatever was not stored is
    removed (a failure, Ctrl-C, SIGTERM: nothing is left behind)."""
    ready: list[ReadyPhoto] = []
    if not paths:
        yield ready
        return
    check_photos(paths)  # every photo's problem before any copy is made
    folder = evidence_folder(store.path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(ERR["evidence_folder"].format(path=folder, reason=os_reason(exc))) from None
    remove_stale(folder, TEMP_PREFIX, TEMP_SUFFIX)  # left by a process killed mid-copy
    try:
        for p in paths:
            given = str(p)
            src, _ = _open_photo(given)
            try:
                try:
                    with signals_held():  # made and noted for removal in one step
                        fd, tmp = locked_temp(folder, TEMP_PREFIX, TEMP_SUFFIX)
                        photo = ReadyPhoto(given, os.path.basename(given), tmp, fd, "", 0)
                        ready.append(photo)
                except OSError as exc:
                    raise InvalidInput(
                        ERR["evidence_folder"].format(path=folder, reason=os_reason(exc))
                    ) from None
                try:
                    photo.sha256, photo.size = _copy(src, fd, given)
                except OSError as exc:
                    raise InvalidInput(
                        ERR["photo_unreadable"].format(path=given, reason=os_reason(exc))
                    ) from None
            finally:
                os.close(src)
            if any(r.sha256 == photo.sha256 for r in ready[:-1]):  # the same photo twice
                _give_up(ready.pop())
                continue
            known = store.one("SELECT id, path, size FROM evidence WHERE sha256 = ?", [photo.sha256])
            if known is not None and file_intact(folder / known["path"], photo.sha256, known["size"]):
                photo.intact = int(known["id"])
        yield ready
    except BaseException:
        _unplace(store, folder, ready)
        raise
    finally:
        for photo in ready:
            _give_up(photo)


def _unplace(store: Store, folder: Path, ready: Sequence[ReadyPhoto]) -> None:
    """After a failure: the new evidence files placed for a record that was not written (the
    transaction rolled back, or was never committed) are removed; one whose row is in the
    database (the failure came after the commit) stays."""
    for photo in ready:
        if photo.placed is None:
            continue
        try:
            kept = store.one("SELECT 1 AS x FROM evidence WHERE path = ?", [photo.placed]) is not None
        except Exception:  # the database cannot say: keep the file (check names it if unused)
            kept = True
        if not kept:
            with contextlib.suppress(OSError):
                os.unlink(folder / photo.placed)


def _give_up(photo: ReadyPhoto) -> None:
    """Close a ready photo's temporary, removing it unless it was renamed into place."""
    if photo.fd >= 0:
        with contextlib.suppress(OSError):
            os.close(photo.fd)
        photo.fd = -1
    if photo.tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(photo.tmp)
        photo.tmp = None


def _safe_name(name: str) -> tuple[str, str]:
    """A file name's stem and suffix with anything a file system may dislike replaced."""
    stem, suffix = os.path.splitext(name)
    stem = _UNSAFE.sub("_", stem).strip("._")[:60] or "photo"
    suffix = _UNSAFE.sub("", suffix)[:10].lower()
    return stem, suffix


def _free_name(store: Store, folder: Path, stem: str, suffix: str, sha: str) -> str:
    """A name not used by another evidence row nor by another file in the folder."""
    for n in (8, 16, 64):
        name = f"{stem}_{sha[:n]}{suffix}"
        taken = store.one("SELECT sha256 FROM evidence WHERE path = ?", [name])
        if taken is None and not (folder / name).exists():
            return name
    raise InvalidInput(ERR["photo_name_taken"].format(name=f"{stem}_{sha}{suffix}"))  # pragma: no cover


def store_photos(store: Store, owner_kind: str, owner_id: int, ready: Sequence[ReadyPhoto]) -> list[str]:
    """Keep the photos made ready (`photos_ready`) as evidence of one record, inspection or
    rectification step.

    Call inside the write transaction that made the owner. A photo whose content is stored and
    intact is not stored again; one stored but missing or damaged is put back from this copy
    (repaired); a new one is renamed into place. The owner's photos are listed in the order
    given. Returns the stored paths, relative to the database's folder. On failure the files this
    call created are removed (the transaction rolls the rows back)."""
    if owner_kind not in OWNER_KINDS:
        raise ValueError(owner_kind)
    if not ready:
        return []
    folder = evidence_folder(store.path)
    created: list[Path] = []
    out: list[str] = []
    try:
        start = store.one(
            "SELECT COALESCE(MAX(position), 0) AS n FROM photos WHERE owner_kind = ? AND owner_id = ?",
            [owner_kind, owner_id],
        )
        position = int(start["n"]) if start else 0
        for photo in ready:
            known = store.one("SELECT id, path, size FROM evidence WHERE sha256 = ?", [photo.sha256])
            if known is not None and (
                photo.intact == known["id"]
                or file_intact(folder / known["path"], photo.sha256, known["size"])
            ):
                evidence_id, name = int(known["id"]), str(known["path"])
                _give_up(photo)
            else:
                if known is not None:  # its file was lost or damaged: put this copy back in its place
                    name = str(known["path"])
                else:
                    name = _free_name(store, folder, *_safe_name(photo.original_name), photo.sha256)
                assert photo.tmp is not None
                with signals_held():  # renamed and noted in one step
                    put_in_place(photo.tmp, folder / name, replace=True)
                    photo.tmp = None
                    if known is None:
                        photo.placed = name
                _give_up(photo)
                if known is not None:
                    evidence_id = int(known["id"])
                    store.conn.execute("UPDATE evidence SET size = ? WHERE id = ?", [photo.size, evidence_id])
                else:
                    created.append(folder / name)
                    cur = store.conn.execute(
                        "INSERT INTO evidence (sha256, path, original_name, added_at, size) VALUES (?, ?, ?, ?, ?)",
                        [photo.sha256, name, photo.original_name, now_stamp(), photo.size],
                    )
                    evidence_id = int(cur.lastrowid or 0)
            position += 1
            store.conn.execute(
                "INSERT INTO photos (owner_kind, owner_id, evidence_id, position) VALUES (?, ?, ?, ?)",
                [owner_kind, owner_id, evidence_id, position],
            )
            out.append(stored_path(store.path, name))
    except OSError as exc:
        _remove(created)
        raise InvalidInput(ERR["evidence_folder"].format(path=folder, reason=os_reason(exc))) from None
    except BaseException:
        _remove(created)
        raise
    return out


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


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
