"""Wire the stages together: read -> parse -> learn organisations -> extract -> normalise ->
deduplicate -> export, with a per-file cache so that a scheduled re-run re-parses and
re-extracts only what changed. All file I/O is here, in `cache` and in `export`."""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import __version__

from pipeline.cache import Cache, code_fingerprint, default_cache_dir
from pipeline.deduplicate import build_tables, event_ids
from pipeline.export import DATABASE, OutputError, remove_unpublished, republish, write_tables
from pipeline.extract.gazetteer import run_gazetteer
from pipeline.extract.knowledge import load_dictionary
from pipeline.lexicons import load_lexicons
from pipeline.model import Extraction, Post, Reject, shared_strings
from pipeline.read import find_posts, name_is_utf8, relative
from pipeline.resolve import resolve
from pipeline.runlock import RunLock
from pipeline.schema import TABLES
from pipeline.workers import (Prefetch, WorkerState, cached_pass_one, extractions_kept_across_gazetteers, pass_one,
                              pass_two, run_map, stored_extractions)

log = logging.getLogger("pipeline")
Progress = Callable[[str, int, int], None]


def stat_signature(st) -> list[int]:
    """What says a file is unchanged without reading it: size, mtime, and ctime and inode,
    which any write changes even when a tool restores the mtime."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def survey(root: Path, index: dict) -> dict:
    """Walk the input and stat every post file: the jobs of pass 1 (a digest where the stat
    index vouches for the content), walk rejects, and the new stat index entries so far."""
    paths, rejects = find_posts(root)
    walk_refusals = sum(1 for r in rejects if r.file_rejected and r.error != "symlink_loop")
    jobs, stats = [], {}
    for path in paths:
        source_path = relative(path, root)
        try:
            st = path.stat()
        except OSError as exc:
            rejects.append(Reject(source_path, "read", "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"))
            continue
        if not name_is_utf8(path):
            rejects.append(Reject(source_path, "read", "file_name_not_utf8",
                                  "the file name is not UTF-8; its bytes are written as \\xNN escapes",
                                  file_rejected=False))
        signature = stat_signature(st)
        seen = index.get(source_path)
        stats[source_path] = signature
        jobs.append((str(path), source_path, seen["sha256"] if seen and seen.get("stat") == signature else None))
    return {"jobs": jobs, "rejects": rejects, "stats": stats, "found": len(paths) + walk_refusals}


def parse_all(root: Path, cache: Cache | None = None, progress: Progress | None = None,
              fingerprint: str = "", workers: int = 1, surveyed: dict | None = None,
              lock_fds: tuple[int, ...] = (), meanwhile: Prefetch | None = None) -> dict:
    """Pass 1 over every post file below root: light posts (no body, with summaries), rejects,
    the parse cache key and content digest of each post, and counts. meanwhile: what the main
    process prepares while the workers parse."""
    fingerprint = fingerprint or code_fingerprint()
    surveyed = surveyed or survey(root, cache.index if cache else {})
    state = WorkerState(fingerprint, str(cache.folder) if cache else None, cache.enabled if cache else False,
                        lock_fds=lock_fds)
    known = cached_pass_one(surveyed["jobs"], cache, fingerprint) if cache else {}
    results = run_map(pass_one, surveyed["jobs"], state, workers, progress, "parse", meanwhile=meanwhile, known=known)
    rejects, posts, keys, paths, index, summaries = list(surveyed["rejects"]), [], {}, {}, {}, {}
    fresh = cached = 0
    for job, result in zip(surveyed["jobs"], results):
        rejects.extend(result["rejects"])
        if cache:
            cache.used.update(result.get("used", ()))
        if result.get("digest"):
            index[result["source_path"]] = {"stat": surveyed["stats"][result["source_path"]],
                                            "sha256": result["digest"]}
        if "fresh" in result:
            fresh += result["fresh"]
            cached += not result["fresh"]
        if result["post"] is not None:
            posts.append(result["post"])
            keys[result["source_path"]] = result["key"]
            paths[result["source_path"]] = job[0]
            summaries[result["source_path"]] = result["summary"]
    return {"posts": posts, "rejects": rejects, "keys": keys, "paths": paths, "index": index,
            "found": surveyed["found"], "parsed": fresh, "cached": cached, "summaries": summaries}


@dataclass
class PassTwo:
    """Pass 2's outcome. The extractions of unchanged posts stay as their cache entries' data
    until the corpus stages ask for them (`extractions`): a run whose tables stand as
    published never decodes them."""

    posts: list[Post]
    jobs: list[tuple]
    fresh: dict[int, dict]  # job index -> pass_two's result, for the posts extracted in this run
    stored: dict[int, tuple[str, bytes]]  # job index -> (digest, stored data)
    state: WorkerState
    seen: dict[str, str]  # strings shared across the extractions
    rejects: list[Reject]
    digests: dict[str, str | None]  # source path -> digest of its extraction (None without a cache)
    info: dict

    def extractions(self) -> list[Extraction]:
        """Every post's extraction, in order; a stored one that no longer decodes is extracted again."""
        found = {i: result["extraction"] for i, result in self.fresh.items()}
        for i in list(self.stored):
            value = Cache.value(self.stored.pop(i)[1])  # each stored entry let go as it is decoded
            if value is not None:
                found[i] = shared_strings(value, self.seen)
        redo = [i for i in range(len(self.posts)) if i not in found]
        for i, result in zip(redo, run_map(pass_two, [self.jobs[i] for i in redo], self.state, 1)):
            found[i] = shared_strings(result["extraction"], self.seen)
            self.rejects.extend(result["rejects"])
            self.digests[self.posts[i].source_path] = None  # the corpus fingerprint no longer holds
        self.fresh.clear()
        return [replace(found.pop(i), post=post) for i, post in enumerate(self.posts)]


def extract_all(posts: list[Post], keys: dict[str, str], paths: dict[str, str], cache: Cache | None = None,
                progress: Progress | None = None, workers: int = 1, fingerprint: str = "",
                lock_fds: tuple[int, ...] = (), dictionary: Prefetch | None = None) -> PassTwo:
    """Pass 2: the run's gazetteer from every post's learned organisations, then each post's
    extraction: afresh from the full post where the cache has none, else the cache's stored
    entry (decoded when asked for). dictionary: jieba's, being loaded since pass 1 (else
    loaded here if some post needs extracting)."""
    lex = load_lexicons()
    orgs = run_gazetteer(posts)
    orgs_fp = hashlib.sha256("\n".join(sorted(orgs)).encode("utf-8")).hexdigest()[:16]
    state = WorkerState(fingerprint or code_fingerprint(), str(cache.folder) if cache else None,
                        cache.enabled if cache else False, orgs=orgs, orgs_fp=orgs_fp, lock_fds=lock_fds)
    jobs = [(post, keys[post.source_path], paths[post.source_path]) for post in posts]
    stored = stored_extractions(jobs, cache, orgs_fp) if cache else {}
    missing = [i for i in range(len(jobs)) if i not in stored]
    if cache:
        stored.update(extractions_kept_across_gazetteers(jobs, missing, cache, orgs, orgs_fp))
        missing = [i for i in missing if i not in stored]
    if dictionary is not None and (missing or dictionary.started):  # no fork while it loads
        state.dictionary = dictionary.take()
    if missing:
        state.setup().knowledge()  # built once here: forked workers share it instead of each loading jieba
    seen: dict[str, str] = {}
    results = run_map(pass_two, [jobs[i] for i in missing], state, workers, progress, "extract",
                      keep=lambda result: {**result, "extraction": shared_strings(result["extraction"], seen)})
    fresh = dict(zip(missing, results))
    rejects = [r for result in results for r in result["rejects"]]
    digests = {post.source_path: (fresh[i].get("digest") if i in fresh else stored[i][0])
               for i, post in enumerate(posts)}
    if cache:
        cache.used.update(k for result in results for k in result["used"])
    info = {"lexicon_fingerprint": lex.fingerprint, "organisations_learned": len(orgs), "posts_extracted": len(fresh)}
    return PassTwo(posts, jobs, fresh, stored, state, seen, rejects, digests, info)


def log_rejects(rejects: list[Reject]) -> None:
    for reject in rejects:
        log.warning("reject %s [%s/%s]: %s", reject.source_path, reject.stage, reject.error, reject.message,
                    extra={"path": reject.source_path, "stage": reject.stage, "error": reject.error,
                           "line": reject.line})


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


def input_fingerprint(index: dict) -> str:
    """Hash of every post's path and content digest."""
    return hashlib.sha256("\n".join(f"{p}\t{e['sha256']}" for p, e in sorted(index.items()))
                          .encode("utf-8")).hexdigest()[:16]


def corpus_fingerprint(summaries: dict[str, str], digests: dict[str, str | None], events: dict[str, str],
                       rejects: list[Reject], fingerprints: dict) -> str:
    """Digest of everything the corpus-level stages (resolve, tables) take: each post's pass-1
    summary and extraction digests, its event, every reject, the code and overrides; "" when
    some post's digests are unknown. Two runs with one corpus fingerprint have the same tables."""
    digest = hashlib.sha256(json.dumps(fingerprints, sort_keys=True).encode("utf-8"))
    for path in sorted(summaries):
        extraction = digests.get(path)
        if not (summaries[path] and extraction):
            return ""
        digest.update(f"{path}\t{summaries[path]}\t{extraction}\t{events.get(path, path)}\n".encode("utf-8"))
    for reject in sorted(repr(r) for r in rejects):
        digest.update(reject.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]


def same_corpus_published(output: Path, corpus_fp: str) -> dict | None:
    """The published run's info when it was made from the same corpus-level inputs and all
    its files are there."""
    info = published_info(output) if corpus_fp else {}
    if info.get("corpus_fingerprint") != corpus_fp or not isinstance(info.get("rows"), dict):
        return None
    expected = [f"{t.name}.{ext}" for t in TABLES for ext in ("csv", "parquet")] + [DATABASE, "_schema.json"]
    return info if all((output / name).is_file() for name in expected) else None


def unchanged_since_last_run(surveyed: dict, cache: Cache, output: Path, fingerprints: dict) -> dict | None:
    """The published run's info when nothing it depends on changed: every file's stat matches
    the index, the same files, the same code, lexicons and overrides. Then the published tables
    are already this run's tables, byte for byte, and nothing needs doing."""
    if not cache.enabled or any(job[2] is None for job in surveyed["jobs"]):
        return None
    if {job[1] for job in surveyed["jobs"]} != set(cache.index) or surveyed["rejects"]:
        return None
    info = published_info(output)
    expected = {"input_fingerprint": input_fingerprint(cache.index), **fingerprints}
    return info if info and all(info.get(k) == v for k, v in expected.items()) else None


def published_info(output: Path) -> dict:
    """The published run's `_run.json`, or {} when there is none or it is not a run's info."""
    try:
        info = json.loads((output / "_run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def extract_corpus(input_dir: Path, output_dir: Path, *, cache_dir: Path | None = None, full: bool = False,
                   progress: Progress | None = None, overrides: dict | None = None,
                   allow_empty: bool = False, workers: int = 1) -> dict:
    """Run every stage over input_dir and publish the tables at output_dir; returns the run info.
    full=True re-reads and re-extracts everything (the cache is rewritten, not read)."""
    with RunLock(output_dir) as run_lock:
        started = dt.datetime.now(dt.timezone.utc)
        try:
            cache = Cache(cache_dir or default_cache_dir(output_dir), enabled=not full,
                          owner=str(Path(output_dir).absolute()))
        except OSError as exc:
            raise OutputError(f"cannot write the cache: {exc.strerror or exc}") from exc
        collecting = gc.isenabled()
        gc.disable()  # see below
        try:
            lock_fds = tuple(h.fileno() for h in (run_lock.handle, cache.lock) if h is not None)
            return run_stages(input_dir, output_dir, cache, full, progress, overrides, allow_empty, started, workers,
                              lock_fds)
        finally:
            cache.close()
            if collecting:
                gc.enable()


# The cycle collector is off in the run's main process: its records (posts, extractions, table
# columns) are acyclic and live until the tables are written, and the collector's full passes
# over millions of them cost more than the run's own work at scale (20,000 posts: 63.5 -> 50 s).
# Forked workers collect as usual.


def run_stages(input_dir: Path, output_dir: Path, cache: Cache, full: bool, progress: Progress | None,
               overrides: dict | None, allow_empty: bool, started: dt.datetime, workers: int = 1,
               lock_fds: tuple[int, ...] = ()) -> dict:
    """The stages of one run, inside the output's lock and the cache's."""
    timings = {}
    clock = time.perf_counter()
    fingerprint = code_fingerprint()
    fingerprints = {"code_fingerprint": fingerprint, "overrides_fingerprint": hashlib.sha256(
        json.dumps(overrides or {}, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]}
    surveyed = survey(input_dir, cache.index)
    previous = unchanged_since_last_run(surveyed, cache, output_dir, fingerprints)
    if previous is not None:
        remove_unpublished(output_dir)
        log.info("%d files, none changed since the run of %s: its tables stand (%.2fs)", surveyed["found"],
                 previous.get("finished"), time.perf_counter() - clock)
        return {**previous, "unchanged": True, "files_parsed": 0, "posts_extracted": 0,
                "files_cached": previous.get("files_found", 0)}
    # jieba's dictionary loads while the workers parse when some post is likely to need extracting
    dictionary = Prefetch(load_dictionary)
    likely = not cache.enabled or any(job[2] is None for job in surveyed["jobs"])
    parsed = parse_all(input_dir, cache, progress, fingerprint, workers, surveyed, lock_fds,
                       meanwhile=dictionary if likely else None)
    timings["read_parse"] = time.perf_counter() - clock
    if not parsed["found"] and not allow_empty and published_posts(output_dir):
        raise RefusedRun(f"no post files below {input_dir}, but {output_dir} holds the tables of an earlier run: "
                         "refusing to replace them with empty ones (a missing mount or a wrong --input?); "
                         "pass --allow-empty to publish an empty run")
    clock = time.perf_counter()
    extracted = extract_all(parsed["posts"], parsed["keys"], parsed["paths"], cache, progress, workers, fingerprint,
                            lock_fds, dictionary)
    timings["extract"] = time.perf_counter() - clock
    gazetteer = (extracted.state.orgs_fp, extracted.state.orgs)  # not the state: its knowledge (jieba) goes with `extracted`
    rejects = parsed["rejects"] + extracted.rejects
    log_rejects(rejects)
    clock = time.perf_counter()
    events = event_ids(parsed["posts"])
    timings["deduplicate"] = time.perf_counter() - clock
    files_rejected = len({r.source_path for r in rejects if r.file_rejected and r.error != "symlink_loop"})
    run_info = {
        "version": __version__,
        **fingerprints,
        "workers": workers,
        "started": started.isoformat(timespec="seconds"),
        "input": str(input_dir),
        "input_fingerprint": input_fingerprint(parsed["index"]),
        "corpus_fingerprint": corpus_fingerprint(parsed["summaries"], extracted.digests, events, rejects,
                                                 fingerprints),
        "full": full,
        "files_found": parsed["found"],
        "files_parsed": parsed["parsed"],
        "files_cached": parsed["cached"],
        "files_rejected": files_rejected,
        **extracted.info,
    }
    post_count = len(parsed["posts"])
    published = same_corpus_published(output_dir, run_info["corpus_fingerprint"]) if cache.enabled else None
    clock = time.perf_counter()
    if published is not None:  # every table would come out as published: publish those again
        del extracted, events, parsed["posts"]
        run_info.update(rows=published["rows"], overrides=published.get("overrides", {}), tables_reused=True,
                        seconds={k: round(v, 3) for k, v in timings.items()},
                        finished=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        republish(output_dir, run_info)
    else:
        seen = len(extracted.rejects)
        extractions = extracted.extractions()  # the stored ones decoded only now
        if None in extracted.digests.values():
            run_info["corpus_fingerprint"] = ""  # an entry had to be extracted again: no later run reuses these tables
        log_rejects(extracted.rejects[seen:])
        rejects = parsed["rejects"] + extracted.rejects
        del extracted
        resolution = resolve(extractions, events, load_lexicons(), overrides)
        for reject in resolution.rejects:
            log.error("override not applied [%s]: %s", reject.error, reject.message)
        tables = build_tables(extractions, rejects + resolution.rejects, events, resolution)
        timings["resolve"] = time.perf_counter() - clock
        run_info["overrides"] = {status: sum(1 for o in resolution.overrides if o["status"] == status)
                                 for status in ("applied", "stale")}
        del extractions, events, resolution, parsed["posts"]  # the tables hold all that is left to write
        run_info["rows"] = {name: len(rows) for name, rows in tables.items()}
        clock = time.perf_counter()
        run_info["seconds"] = {k: round(v, 3) for k, v in timings.items()}
        run_info["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        write_tables(tables, output_dir, run_info)
    cache.save_index(parsed["index"])
    cache.save_gazetteer(*gazetteer)
    cache.prune()
    log.info("%d files: %d posts (%d parsed, %d from cache), %d rejected; export %.2fs%s; %s",
             parsed["found"], post_count, parsed["parsed"], parsed["cached"], files_rejected,
             time.perf_counter() - clock, " (the published tables stand: same extractions)" if published else "",
             ", ".join(f"{k} {v}" for k, v in run_info["rows"].items()))
    return run_info
