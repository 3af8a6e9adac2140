"""Read stage: find post files and decode their bytes to text."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.model import Reject, SourceText

MAX_POST_BYTES = 20 * 1024 * 1024


def find_posts(root: Path) -> tuple[list[Path], list[Reject]]:
    """Every `*.md` below root, recursively, in a stable order; loops and dead links become rejects."""
    found: list[Path] = []
    rejects: list[Reject] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            rejects.append(Reject(relative(folder, root), "read", "unreadable_folder", str(exc)))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            rejects.append(Reject(relative(folder, root), "read", "symlink_loop",
                                  "folder already visited through another path (symlink loop)"))
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            rejects.append(Reject(relative(folder, root), "read", "unreadable_folder", str(exc)))
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                walk(path)
            elif entry.name.lower().endswith(".md"):
                found.append(path)

    walk(root)
    return sorted(found, key=lambda p: relative(p, root)), rejects


def relative(path: Path, root: Path) -> str:
    """The contract's source_path: relative to the input folder, with `/` separators."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = path
    return rel.as_posix()


def decode(source_path: str, data: bytes) -> SourceText | Reject:
    """UTF-8 (BOM or not); else GB18030 with a warning; else a reject. Line endings become LF."""
    if b"\x00" in data:
        return Reject(source_path, "read", "binary", "file contains NUL bytes: not a text post")
    warnings: tuple[str, ...] = ()
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            return Reject(source_path, "read", "encoding",
                          f"not UTF-8 (bad byte at offset {exc.start}) and not GB18030")
        warnings = (f"not UTF-8 (bad byte at offset {exc.start}); decoded as GB18030",)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(source_path, text, encoding, warnings)


def read_bytes(path: Path, source_path: str) -> bytes | Reject:
    """The file's bytes, or a reject when it is too large or cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_POST_BYTES:
            return Reject(source_path, "read", "too_large",
                          f"{size} bytes is over the {MAX_POST_BYTES} byte limit for one post")
        return path.read_bytes()
    except OSError as exc:
        return Reject(source_path, "read", "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")


def read_post(path: Path, root: Path) -> SourceText | Reject:
    source_path = relative(path, root)
    data = read_bytes(path, source_path)
    return data if isinstance(data, Reject) else decode(source_path, data)
