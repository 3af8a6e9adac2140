"""Wire the stages together: read -> parse -> learn organisations -> extract -> normalise ->
deduplicate -> export, with a per-file cache so that a scheduled re-run re-parses and
re-extracts only what changed. All file I/O is here, in `cache` and in `export`."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

from pipeline import __version__
from pipeline.cache import Cache, code_fingerprint, default_cache_dir, entry_key
from pipeline.deduplicate import build_tables, event_ids
from pipeline.export import OutputError, write_tables
from pipeline.extract import extract_post
from pipeline.extract.gazetteer import learn_organisations
from pipeline.extract.knowledge import Knowledge, build_knowledge
from pipeline.lexicons import load_lexicons
from pipeline.model import Extraction, Post, Reject
from pipeline.normalise import normalise_extraction
from pipeline.parse import InlineRenderer, parse_post
from pipeline.resolve import resolve
from pipeline.read import decode, find_posts, name_is_utf8, read_bytes, relative
from pipeline.runlock import RunLock

log = logging.getLogger("pipeline")
Progress = Callable[[str, int, int], None]


def parse_file(data: bytes, source_path: str, renderer: InlineRenderer) -> tuple[Post | None, list[Reject]]:
    """Read and parse stages for one file's bytes: a post and part-level rejects, or file rejects."""
    source = decode(source_path, data)
    if isinstance(source, Reject):
        return None, [source]
    rejects = [Reject(source_path, "read", "decoded_as_gb18030", w, file_rejected=False) for w in source.warnings]
    try:
        post, part_rejects = parse_post(source, renderer)
    except Exception as exc:  # a parser bug must not stop the run: the file becomes a reject
        return None, rejects + [Reject(source_path, "parse", "parser_error", f"{type(exc).__name__}: {exc}")]
    return post, rejects + part_rejects


def stat_signature(st) -> list[int]:
    """What says a file is unchanged without reading it: size, mtime, and ctime and inode,
    which any write changes even when a tool restores the mtime."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def parse_all(root: Path, cache: Cache | None = None, progress: Progress | None = None,
              fingerprint: str = "") -> dict:
    """Every post file below root, parsed or taken from the cache. Returns posts, rejects,
    the parse cache key and content digest of each post, and counts."""
    paths, rejects = find_posts(root)
    walk_refusals = sum(1 for r in rejects if r.file_rejected and r.error != "symlink_loop")
    fingerprint = fingerprint or code_fingerprint()
    renderer: InlineRenderer | None = None
    posts: list[Post] = []
    keys: dict[str, str] = {}
    index: dict[str, dict] = {}
    fresh = cached = 0
    known = cache.index if cache else {}
    for done, path in enumerate(paths, 1):
        source_path = relative(path, root)
        data = None
        try:
            stat = path.stat()
        except OSError as exc:
            rejects.append(Reject(source_path, "read", "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"))
            continue
        if not name_is_utf8(path):
            rejects.append(Reject(source_path, "read", "file_name_not_utf8",
                                  "the file name is not UTF-8; its bytes are written as \\xNN escapes",
                                  file_rejected=False))
        seen = known.get(source_path)
        fingerprint_of_stat = stat_signature(stat)
        if seen and seen.get("stat") == fingerprint_of_stat:
            digest = seen["sha256"]
        else:
            data = read_bytes(path, source_path)
            if isinstance(data, Reject):
                rejects.append(data)
                continue
            digest = hashlib.sha256(data).hexdigest()
        index[source_path] = {"stat": fingerprint_of_stat, "sha256": digest}
        key = entry_key("parse", fingerprint, source_path, digest)
        result = cache.get(key) if cache else None
        if result is None:
            if data is None:
                data = read_bytes(path, source_path)
                if isinstance(data, Reject):
                    rejects.append(data)
                    continue
            renderer = renderer or InlineRenderer()
            result = parse_file(data, source_path, renderer)
            if cache:
                cache.put(key, result)
            fresh += 1
        else:
            cached += 1
        post, post_rejects = result
        rejects.extend(post_rejects)
        if post is not None:
            posts.append(post)
            keys[post.source_path] = key
        if progress:
            progress("parse", done, len(paths))
    return {"posts": posts, "rejects": rejects, "keys": keys, "index": index, "found": len(paths) + walk_refusals,
            "parsed": fresh, "cached": cached}


def extract_all(posts: list[Post], keys: dict[str, str] | None = None, cache: Cache | None = None,
                progress: Progress | None = None) -> tuple[list[Extraction], list[Reject], dict]:
    """Learn organisations over all posts, then extract each post (or take it from the cache).
    jieba and its dictionary are loaded only when some post has to be extracted afresh."""
    lex = load_lexicons()
    light = build_knowledge(lex, set(), load_dictionary=False)
    orgs = learn_organisations(posts, light)
    orgs_fp = hashlib.sha256("\n".join(sorted(orgs)).encode("utf-8")).hexdigest()[:16]
    know: Knowledge | None = None
    extractions, rejects = [], []
    fresh = 0
    for done, post in enumerate(posts, 1):
        key = entry_key("extract", keys.get(post.source_path, ""), orgs_fp) if keys else ""
        extraction = cache.get(key) if cache and key else None
        if extraction is None:
            know = know or build_knowledge(lex, orgs)
            try:
                extraction = normalise_extraction(extract_post(post, know))
            except Exception as exc:  # keep the post; say the extraction failed
                rejects.append(Reject(post.source_path, "extract", "extractor_error",
                                      f"{type(exc).__name__}: {exc}", file_rejected=False))
                extraction = Extraction(post=post)
            if cache and key:
                cache.put(key, extraction)
            fresh += 1
        extractions.append(extraction)
        if progress:
            progress("extract", done, len(posts))
    return extractions, rejects, {"lexicon_fingerprint": lex.fingerprint, "organisations_learned": len(orgs),
                                  "posts_extracted": fresh}


class RefusedRun(Exception):
    """A run that would lose the operator's data: refused before anything is written."""


def published_posts(output: Path) -> bool:
    """The output already holds tables with posts."""
    posts = output / "posts.csv"
    try:
        with open(posts, encoding="utf-8") as handle:
            return sum(1 for _ in zip(range(2), handle)) > 1
    except OSError:
        return False


def extract_corpus(input_dir: Path, output_dir: Path, *, cache_dir: Path | None = None, full: bool = False,
                   progress: Progress | None = None, overrides: dict | None = None,
                   allow_empty: bool = False) -> dict:
    """Run every stage over input_dir and publish the tables at output_dir; returns the run info.
    full=True re-reads and re-extracts everything (the cache is rewritten, not read)."""
    with RunLock(output_dir):
        started = dt.datetime.now(dt.timezone.utc)
        try:
            cache = Cache(cache_dir or default_cache_dir(output_dir), enabled=not full,
                          owner=str(Path(output_dir).absolute()))
        except OSError as exc:
            raise OutputError(f"cannot write the cache: {exc.strerror or exc}") from exc
        try:
            return run_stages(input_dir, output_dir, cache, full, progress, overrides, allow_empty, started)
        finally:
            cache.close()


def run_stages(input_dir: Path, output_dir: Path, cache: Cache, full: bool, progress: Progress | None,
               overrides: dict | None, allow_empty: bool, started: dt.datetime) -> dict:
    """The stages of one run, inside the output's lock and the cache's."""
    timings = {}
    clock = time.perf_counter()
    fingerprint = code_fingerprint()
    parsed = parse_all(input_dir, cache, progress, fingerprint)
    timings["read_parse"] = time.perf_counter() - clock
    if not parsed["found"] and not allow_empty and published_posts(output_dir):
        raise RefusedRun(f"no post files below {input_dir}, but {output_dir} holds the tables of an earlier run: "
                         "refusing to replace them with empty ones (a missing mount or a wrong --input?); "
                         "pass --allow-empty to publish an empty run")
    clock = time.perf_counter()
    extractions, extract_rejects, knowledge_info = extract_all(parsed["posts"], parsed["keys"], cache, progress)
    timings["extract"] = time.perf_counter() - clock
    rejects = parsed["rejects"] + extract_rejects
    for reject in rejects:
        log.warning("reject %s [%s/%s]: %s", reject.source_path, reject.stage, reject.error, reject.message)
    clock = time.perf_counter()
    posts = [e.post for e in extractions]
    events = event_ids(posts)
    timings["deduplicate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    resolution = resolve(extractions, events, load_lexicons(), overrides)
    for reject in resolution.rejects:
        log.error("override not applied [%s]: %s", reject.error, reject.message)
    tables = build_tables(extractions, rejects + resolution.rejects, events, resolution)
    timings["resolve"] = time.perf_counter() - clock
    files_rejected = len({r.source_path for r in rejects if r.file_rejected and r.error != "symlink_loop"})
    input_fp = hashlib.sha256("\n".join(f"{p}\t{e['sha256']}" for p, e in sorted(parsed["index"].items()))
                              .encode("utf-8")).hexdigest()[:16]
    run_info = {
        "version": __version__,
        "code_fingerprint": fingerprint,
        "started": started.isoformat(timespec="seconds"),
        "input": str(input_dir),
        "input_fingerprint": input_fp,
        "full": full,
        "files_found": parsed["found"],
        "files_parsed": parsed["parsed"],
        "files_cached": parsed["cached"],
        "files_rejected": files_rejected,
        "rows": {name: len(rows) for name, rows in tables.items()},
        "overrides": {status: sum(1 for o in resolution.overrides if o["status"] == status)
                      for status in ("applied", "stale")},
        **knowledge_info,
    }
    clock = time.perf_counter()
    run_info["seconds"] = {k: round(v, 3) for k, v in timings.items()}
    run_info["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    write_tables(tables, output_dir, run_info)
    cache.save_index(parsed["index"])
    cache.prune()
    log.info("%d files: %d posts (%d parsed, %d from cache), %d rejected; export %.2fs; %s",
             parsed["found"], len(parsed["posts"]), parsed["parsed"], parsed["cached"], files_rejected,
             time.perf_counter() - clock, ", ".join(f"{k} {v}" for k, v in run_info["rows"].items()))
    return run_info
