"""Per-file cache for scheduled runs. An entry is keyed by the file's content hash plus a
fingerprint of the pipeline (its source code and lexicons), and for extraction also of the
organisations learned over the run; it is stored with a checksum and written atomically, so a
corrupt or half-written entry is detected, dropped and rebuilt, never trusted. A stat index
(size, mtime) lets an unchanged file be recognised without reading it. Deleting the cache
folder at any time changes nothing but the time a run takes."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("pipeline")
PACKAGE = Path(__file__).parent
MAGIC = b"PIPECACHE1"


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


@dataclass
class Cache:
    """A cache folder; `enabled=False` (a `--full` run) reads nothing but still writes fresh entries."""

    folder: Path
    enabled: bool = True
    index: dict = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # keys this run read or wrote: the rest is stale

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "entries").mkdir(exist_ok=True)
        if self.enabled:
            self.index = self.load_index()

    def path(self, key: str) -> Path:
        return self.folder / "entries" / key[:2] / key

    def get(self, key: str):
        if not self.enabled:
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
            value = pickle.loads(payload)
        except Exception:  # a class changed shape: treat as a miss
            path.unlink(missing_ok=True)
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(self.path(key), MAGIC + hashlib.sha256(payload).digest() + payload)
        self.used.add(key)

    def prune(self) -> int:
        """Remove the entries this run did not use (edited or deleted posts, older code): the
        cache holds one run's worth. Returns how many were removed."""
        removed = 0
        for path in (self.folder / "entries").glob("*/*"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def load_index(self) -> dict:
        try:
            return json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save_index(self, index: dict) -> None:
        write_atomically(self.folder / "index.json",
                         json.dumps(index, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write then rename: a reader sees the old entry or the whole new one. No fsync: a cache
    entry torn by a power cut fails its checksum and is rebuilt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
