"""Read stage: find post files and decode their bytes to text."""
from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from pipeline.model import Reject, SourceText

MAX_POST_BYTES = 20 * 1024 * 1024
POST_SUFFIXES = (".md", ".mdx", ".markdown")  # Markdown, and MDX (Docusaurus, Astro): Markdown with components


def find_posts(root: Path) -> tuple[list[Path], list[Reject]]:
    """Every post file (POST_SUFFIXES: `*.md`, `*.mdx`, `*.markdown`) below root in a stable order. The input is not trusted: the walk is
    iterative (any depth), a symbolic link that leads out of the input folder is refused and not
    followed, a folder seen twice (a link loop) is walked once, and anything that is not a
    regular file (a named pipe, a device) is refused unopened. Each refusal is a rejects row."""
    root_real = Path(os.path.realpath(root))
    found: list[Path] = []
    rejects: list[Reject] = []
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            rejects.append(Reject(relative(folder, root), "read", "unreadable_folder",
                                  f"{type(exc).__name__}: {exc.strerror or exc}"))
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            rejects.append(Reject(relative(folder, root), "read", "symlink_loop",
                                  "folder already visited through another path (symlink loop)"))
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        for entry in entries:
            path = Path(entry.path)
            is_post = entry.name.lower().endswith(POST_SUFFIXES)
            if entry.is_symlink() and not inside(path, root_real):
                if is_post or is_dir_entry(entry):
                    rejects.append(Reject(relative(path, root), "read", "symlink_outside_input",
                                          f"a symbolic link to {os.path.realpath(path)}, outside the input folder: "
                                          "not followed"))
                continue
            if is_dir_entry(entry):
                stack.append(path)
            elif is_post:
                found.append(path)
    return sorted(found, key=lambda p: relative(p, root)), rejects


def is_dir_entry(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def inside(path: Path, root_real: Path) -> bool:
    """The real place a path leads to lies in the input folder."""
    real = os.path.realpath(path)
    return real == str(root_real) or real.startswith(str(root_real) + os.sep)


def relative(path: Path, root: Path) -> str:
    """The contract's source_path: relative to the input folder, with `/` separators; bytes of
    a file name that are not UTF-8 are written as `\\xNN` escapes."""
    text, base = str(path), str(root).rstrip(os.sep)
    if os.sep == "/" and base and text.startswith(base + "/"):  # the common case, without pathlib's parsing
        rel = text[len(base) + 1:]
    else:
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = path.as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def name_is_utf8(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def decode(source_path: str, data: bytes) -> SourceText | Reject:
    """UTF-8 (BOM or not); UTF-16 with its BOM (as Windows editors save "Unicode"); else GB18030
    with a warning; else a reject. Line endings become LF."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Reject(source_path, "read", "encoding",
                          f"UTF-16 by its byte order mark, but a bad unit at offset {exc.start}")
        return SourceText(source_path, text.replace("\r\n", "\n").replace("\r", "\n"), "utf-16")
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
    """The file's bytes, or a reject when it is not a regular file, too large or unreadable.
    At most the size limit is read, whatever the file claims (a device says 0 bytes)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return Reject(source_path, "read", "not_a_regular_file",
                          "not a regular file (a named pipe, a device or a socket): not opened")
        if st.st_size > MAX_POST_BYTES:
            return Reject(source_path, "read", "too_large",
                          f"{st.st_size} bytes is over the {MAX_POST_BYTES} byte limit for one post")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_POST_BYTES + 1)
        if len(data) > MAX_POST_BYTES:
            return Reject(source_path, "read", "too_large", f"over the {MAX_POST_BYTES} byte limit for one post")
        return data
    except OSError as exc:
        return Reject(source_path, "read", "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")


def read_post(path: Path, root: Path) -> SourceText | Reject:
    source_path = relative(path, root)
    data = read_bytes(path, source_path)
    return data if isinstance(data, Reject) else decode(source_path, data)
