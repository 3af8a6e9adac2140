"""Per-file cache for scheduled runs. An entry is keyed by the file's content hash plus a
fingerprint of the pipeline (its source code and lexicons), and for extraction also of the
organisations learned over the run; it is stored with a checksum and written atomically, so a
corrupt or half-written entry is detected, dropped and rebuilt, never trusted. Entries are
data only (JSON of the model's records, rebuilt from an allow-list of classes): a forged entry
can hold wrong data, never code. A stat index (size, mtime, ctime, inode) lets an unchanged file
be recognised without reading it. One run at a time uses a cache folder (an flock); outputs
that share a folder keep their own index and do not evict each other's entries. Deleting the
cache folder at any time changes nothing but the time a run takes."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import fcntl
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("pipeline")
PACKAGE = Path(__file__).parent
MAGIC = b"PIPECACHE2"


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
    `owner` names the output the run writes: each output keeps its own index and used list."""

    folder: Path
    enabled: bool = True
    owner: str = ""
    locked: bool = True  # False in a worker process: the run that started it holds the lock
    index: dict = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # keys this run read or wrote: the rest is stale

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "entries").mkdir(exist_ok=True)
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
        if self.enabled:
            self.index = self.load_index()

    def close(self) -> None:
        if self.lock is not None and not self.lock.closed:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
            self.lock.close()

    def path(self, key: str) -> Path:
        return self.folder / "entries" / key[:2] / key

    def get(self, key: str, always: bool = False):
        """The entry, or None; always=True reads even in a `--full` run (an entry it just wrote)."""
        if not (self.enabled or always):
            return None
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        checksum, payload = data[len(MAGIC):len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if not data.startswith(MAGIC) or hashlib.sha256(payload).digest() != checksum:
            log.warning("cache entry %s is corrupt: dropped and rebuilt", path.name[:12])
            path.unlink(missing_ok=True)
            return None
        try:
            value = from_data(json.loads(payload))
        except (ValueError, TypeError, KeyError, RecursionError):  # a record changed shape, or a forged entry
            path.unlink(missing_ok=True)
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        payload = json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomically(self.path(key), MAGIC + hashlib.sha256(payload).digest() + payload)
        self.used.add(key)

    def prune(self) -> int:
        """Remove the entries that neither this run nor the last run of another output sharing
        the folder used (edited or deleted posts, older code). Returns how many were removed."""
        write_atomically(self.folder / f"used-{self.tag}.json", json.dumps(sorted(self.used)).encode("utf-8"))
        keep = set()
        for path in self.folder.glob("used-*.json"):
            try:
                listed = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(listed, list):
                keep.update(k for k in listed if isinstance(k, str))
        removed = 0
        for path in (self.folder / "entries").glob("*/*"):
            if path.name not in keep and not path.name.startswith("."):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

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


@functools.lru_cache(maxsize=1)
def record_types() -> dict[str, tuple[type, tuple[str, ...]]]:
    """The model's record classes by name, with their field names: all a cache entry can build."""
    from pipeline import model
    return {cls.__name__: (cls, tuple(f.name for f in dataclasses.fields(cls)))
            for cls in (model.Post, model.Block, model.Reject, model.Extraction, model.Mention, model.MemberLine,
                        model.Affiliation)}


def to_data(value):
    """A model record as plain JSON data: a record is [class name, field values…], a tuple and
    an int-keyed dict are marked; strings, numbers, booleans and null stay as they are."""
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


def from_data(data):
    """The inverse of to_data; only the model's record classes can be built."""
    kind = type(data)
    if kind in PLAIN:
        return data
    if kind is list:
        return [from_data(v) for v in data]
    if kind is dict:
        if "$t" in data:
            cls, names = record_types()[data["$t"]]
            values = data["v"]
            if len(values) != len(names):
                raise ValueError("a record of another shape")
            return cls(*(from_data(v) for v in values))
        if "$tuple" in data:
            return tuple(from_data(v) for v in data["$tuple"])
        if "$dict" in data:
            return {from_data(k): from_data(v) for k, v in data["$dict"]}
    raise ValueError("not a cache record")


PLAIN = frozenset((str, int, float, bool, type(None)))


def write_atomically(path: Path, data: bytes) -> None:
    """Write then rename: a reader sees the old entry or the whole new one. No fsync: a cache
    entry torn by a power cut fails its checksum and is rebuilt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
