"""Per-file cache for scheduled runs. An entry is keyed by the file's content hash plus a
fingerprint of the pipeline (its source code and lexicons), and for extraction also of the
organisations learned over the run; it is stored with a checksum, so a corrupt entry is
detected, dropped and rebuilt, never trusted. Entries are data only (JSON of the model's
records, rebuilt from an allow-list of classes): a forged entry can hold wrong data, never code.
The entries live in one SQLite database (`entries.sqlite`, write-ahead log): a worker writes
the entries of a batch of posts in one transaction, where a file per entry cost an open, a
write and a rename each, and hundreds of thousands of files at scale. A damaged database is
set aside and rebuilt. A stat index (size, mtime, ctime, inode) lets an unchanged file be
recognised without reading it. One run at a time uses a cache folder (an flock); outputs that
share a folder keep their own index and do not evict each other's entries. Deleting the cache
folder at any time changes nothing but the time a run takes."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import fcntl
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("pipeline")
PACKAGE = Path(__file__).parent
MAGIC = b"PIPECACHE2"
DATABASE = "entries.sqlite"
BATCH = 256  # entries held before they are written in one transaction


def code_fingerprint() -> str:
    """Hash of the pipeline's source files and lexicons: any change to either invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir(output: Path) -> Path:
    output = output.absolute()
    return output.parent / f".{output.name}.cache"


def entry_key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class CacheInUse(Exception):
    """Another run is using this cache folder."""


@dataclass
class Cache:
    """A cache folder; `enabled=False` (a `--full` run) reads nothing but still writes fresh entries.
    `owner` names the output the run writes: each output keeps its own index and used list.
    The database connection opens on first use and closes at `flush(close=True)`: a process
    pool must not fork with it open."""

    folder: Path
    enabled: bool = True
    owner: str = ""
    locked: bool = True  # False in a worker process: the run that started it holds the lock
    index: dict = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # keys this run read or wrote: the rest is stale
    pending: dict[str, bytes] = field(default_factory=dict)  # written at the next flush
    connection: sqlite3.Connection | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.locked:
            self.lock = None
            return
        self.lock = open(self.folder / ".lock", "a+")
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            self.lock.close()
            raise CacheInUse(f"the cache folder {self.folder} is in use by another run (of another output?); "
                             "give each output its own --cache-dir or run them one after the other") from None
        self.tag = hashlib.sha256(self.owner.encode("utf-8")).hexdigest()[:12]
        self.check_database()
        if self.enabled:
            self.index = self.load_index()

    def close(self) -> None:
        self.flush(close=True)
        if self.lock is not None and not self.lock.closed:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
            self.lock.close()

    def database(self) -> sqlite3.Connection:
        if self.connection is None:
            self.connection = sqlite3.connect(self.folder / DATABASE, timeout=600, isolation_level=None)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB) "
                                    "WITHOUT ROWID")
        return self.connection

    def check_database(self) -> None:
        """Set aside a database that SQLite cannot read (before any worker opens it); the
        entries of the old one-file-per-entry layout go too."""
        shutil.rmtree(self.folder / "entries", ignore_errors=True)
        try:
            self.database().execute("SELECT key FROM entries LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            log.warning("cache database %s is damaged (%s): rebuilt", self.folder / DATABASE, exc)
            self.remove_database()
        finally:
            self.flush(close=True)

    def remove_database(self) -> None:
        """Close and delete the database with its log (a run after this starts a new one)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        for suffix in ("", "-wal", "-shm"):
            (self.folder / (DATABASE + suffix)).unlink(missing_ok=True)

    def get(self, key: str, always: bool = False, with_digest: bool = False):
        """The entry, or None; always=True reads even in a `--full` run (an entry it just wrote).
        with_digest: (entry, its digest) or None."""
        if not (self.enabled or always):
            return None
        data = self.pending.get(key)
        if data is None:
            try:
                row = self.database().execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
            except sqlite3.DatabaseError as exc:
                log.warning("cache database unreadable (%s): entry %s rebuilt", exc, key[:12])
                return None
            if row is None:
                return None
            data = bytes(row[0]) if row[0] is not None else b""
        checked = self.verified(key, data)
        value = self.value(checked[1]) if checked is not None else None
        if value is None:
            return None
        self.used.add(key)
        return (value, checked[0]) if with_digest else value

    def get_many(self, keys: list[str], decode: bool = True) -> dict:
        """key -> entry for the keys that have a sound one, read in a few queries: a run whose
        posts are mostly unchanged reads its entries here rather than one lookup per post in
        the workers and one pickled round trip per result. decode=False: key -> (digest, the
        entry's stored data), checked but not decoded (see value), for a caller that may not
        need the entry itself."""
        if not self.enabled or not keys:
            return {}
        found = {k: self.pending[k] for k in keys if k in self.pending}
        wanted = [k for k in dict.fromkeys(keys) if k not in found]
        try:
            connection = self.database()
            for start in range(0, len(wanted), 900):  # SQLite's bound-parameter limit is 999
                part = wanted[start:start + 900]
                query = f"SELECT key, data FROM entries WHERE key IN ({','.join('?' * len(part))})"
                found.update(connection.execute(query, part).fetchall())
        except sqlite3.DatabaseError as exc:
            log.warning("cache database unreadable (%s): its entries are rebuilt", exc)
        finally:
            self.flush(close=True)
        entries = {}
        for k in list(found):
            data = found.pop(k)  # each row let go once read: the rows and the entries are not held twice
            checked = self.verified(k, bytes(data) if data is not None else b"")
            entry = checked if checked is None or not decode else self.value(checked[1])
            if entry is not None:
                self.used.add(k)
                entries[k] = entry
        return entries

    def verified(self, key: str, data: bytes) -> tuple[str, bytes] | None:
        """(digest, payload) of an entry whose checksum holds, else None (logged)."""
        checksum, payload = data[len(MAGIC):len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if not data.startswith(MAGIC) or hashlib.sha256(payload).digest() != checksum:
            log.warning("cache entry %s is corrupt: dropped and rebuilt", key[:12])
            return None
        return checksum.hex()[:32], payload

    @staticmethod
    def value(payload: bytes):
        """The value a checked payload holds, or None for an outdated or forged one."""
        try:
            return json.loads(payload, object_hook=record_of)
        except (ValueError, TypeError, KeyError, RecursionError):  # a record changed shape, or a forged entry
            return None

    def put(self, key: str, value) -> str:
        """Store the entry (at the next flush); returns its digest, which says whether two
        entries hold the same value."""
        payload = json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        checksum = hashlib.sha256(payload).digest()
        self.pending[key] = MAGIC + checksum + payload
        self.used.add(key)
        if len(self.pending) >= BATCH:
            self.flush()
        return checksum.hex()[:32]

    def copy_entries(self, pairs: list[tuple[str, str]]) -> None:
        """Store each (new key, stored key) pair's stored entry under the new key too, inside the
        database in one transaction (the entries' bytes never come back to Python)."""
        self.flush()
        try:
            connection = self.database()
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany("INSERT OR REPLACE INTO entries (key, data) SELECT ?, data FROM entries "
                                       "WHERE key = ?", sorted(pairs))
        except sqlite3.DatabaseError as exc:
            log.warning("cache database not written (%s): %d entries will be rebuilt", exc, len(pairs))
        self.used.update(new for new, _ in pairs)

    def flush(self, close: bool = False) -> None:
        """Write the pending entries in one transaction. A database that fails the write loses
        those entries only: the next run computes them again."""
        if self.pending:
            try:
                connection = self.database()
                with connection:
                    connection.execute("BEGIN IMMEDIATE")
                    connection.executemany("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)",
                                           sorted(self.pending.items()))
            except sqlite3.DatabaseError as exc:
                log.warning("cache database not written (%s): %d entries will be rebuilt", exc, len(self.pending))
            self.pending.clear()
        if close and self.connection is not None:
            self.connection.close()
            self.connection = None

    def prune(self) -> int:
        """Remove the entries that neither this run nor the last run of another output sharing
        the folder used (edited or deleted posts, older code). Returns how many were removed."""
        self.flush()
        write_atomically(self.folder / f"used-{self.tag}.json", json.dumps(sorted(self.used)).encode("utf-8"))
        keep = set()
        for path in self.folder.glob("used-*.json"):
            try:
                listed = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(listed, list):
                keep.update(k for k in listed if isinstance(k, str))
        try:
            connection = self.database()
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                stale = [k for (k,) in connection.execute("SELECT key FROM entries") if k not in keep]
                connection.executemany("DELETE FROM entries WHERE key = ?", ((k,) for k in stale))
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as exc:
            log.warning("cache database damaged (%s): removed, the next run rebuilds it", exc)
            self.remove_database()
            return 0
        finally:
            self.flush(close=True)
        return len(stale)

    def load_index(self) -> dict:
        """This output's stat index; anything that is not one (null, a list, a string, a
        truncated file) counts as no index: the files are read again."""
        try:
            data = json.loads((self.folder / f"index-{self.tag}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, dict)
                and isinstance(v.get("sha256"), str) and isinstance(v.get("stat"), list)}

    def save_index(self, index: dict) -> None:
        write_atomically(self.folder / f"index-{self.tag}.json",
                         json.dumps(index, sort_keys=True, ensure_ascii=False).encode("utf-8"))

    def previous_gazetteer(self) -> tuple[str, frozenset[str]] | None:
        """(fingerprint, organisations) of the gazetteer this output's last run extracted with,
        or None (no such run, an unreadable file, a `--full` run)."""
        if not self.enabled:
            return None
        try:
            data = json.loads((self.folder / f"gazetteer-{self.tag}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(data, dict) and isinstance(data.get("fingerprint"), str)
                and isinstance(data.get("organisations"), list)
                and all(isinstance(o, str) for o in data["organisations"])):
            return None
        return data["fingerprint"], frozenset(data["organisations"])

    def save_gazetteer(self, fingerprint: str, organisations: frozenset[str]) -> None:
        write_atomically(self.folder / f"gazetteer-{self.tag}.json", json.dumps(
            {"fingerprint": fingerprint, "organisations": sorted(organisations)}, ensure_ascii=False).encode("utf-8"))


@functools.lru_cache(maxsize=1)
def record_types() -> dict[str, tuple[type, tuple[str, ...]]]:
    """The model's record classes by name, with their field names: all a cache entry can build."""
    from pipeline import model
    return {cls.__name__: (cls, tuple(f.name for f in dataclasses.fields(cls)))
            for cls in (model.Post, model.Block, model.Reject, model.Extraction, model.Mention, model.MemberLine,
                        model.Affiliation)}


def entry_digest(value) -> str:
    """The digest of a value as a cache entry would store it (see Cache.put)."""
    return hashlib.sha256(json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()[:32]


def to_data(value):
    """A model record as plain JSON data (record_of reads it back): a record is [class name,
    field values…], a tuple and an int-keyed dict are marked; strings, numbers, booleans and
    null stay as they are."""
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is list:
        return [to_data(v) for v in value]
    if kind is tuple:
        return {"$tuple": [to_data(v) for v in value]}
    if kind is dict:
        return {"$dict": [[to_data(k), to_data(v)] for k, v in value.items()]}
    record = record_types().get(kind.__name__)
    if record is None or record[0] is not kind:
        raise TypeError(f"{kind.__name__} is not a cache record")
    return {"$t": kind.__name__, "v": [to_data(getattr(value, name)) for name in record[1]]}


def record_of(marked: dict):
    """One marked JSON object of to_data as what it stands for; json calls it for each object
    once its contents are built (innermost first), so only records cost a Python call, never
    the strings and numbers inside them."""
    if len(marked) == 2 and "$t" in marked:
        cls, names = record_types()[marked["$t"]]
        values = marked["v"]
        if type(values) is not list or len(values) != len(names):
            raise ValueError("a record of another shape")
        return cls(*values)
    if len(marked) == 1:
        if type(marked.get("$tuple")) is list:
            return tuple(marked["$tuple"])
        if type(marked.get("$dict")) is list:
            return dict(marked["$dict"])
    raise ValueError("not a cache record")


PLAIN = frozenset((str, int, float, bool, type(None)))


def write_atomically(path: Path, data: bytes) -> None:
    """Write then rename: a reader sees the old entry or the whole new one. No fsync: a cache
    entry torn by a power cut fails its checksum and is rebuilt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
