"""The per-post stages as a pure map over posts, run in a process pool (`--workers`) or inline.

Pass 1 (read, parse, summarise) turns a file into a light post: its fields without the body,
plus the compact summaries the corpus-level stages need (organisations it states, a text
sketch, declared short names). The full post goes to the cache only, with its text in the
form organisations are sought in (organisation_text). Pass 2 (extract) reads
the full post back (or parses the file again) for the posts whose extraction is not cached.
Each worker process loads the lexicons once; jieba and the run's gazetteer (the knowledge) are
built once in the main process before pass 2 forks, and only when some post needs extracting;
jieba's dictionary loads in a thread of the main process while pass 1's workers parse.
Jobs go to the workers in batches; a batch's cache entries are written in one transaction.
Results come back in input order, so the output is the same whatever the number of workers.
"""
from __future__ import annotations

import ctypes
import gc
import hashlib
import os
import re
import signal
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from pipeline.cache import Cache, entry_digest, entry_key
from pipeline.deduplicate import text_sketch
from pipeline.extract import extract_post
from pipeline.extract.gazetteer import organisation_form, organisation_text, post_organisations
from pipeline.extract.knowledge import Dictionary, Knowledge, build_knowledge, load_dictionary, trie_pattern
from pipeline.lexicons import Lexicons, load_lexicons
from pipeline.model import Extraction, Post, Reject
from pipeline.normalise import normalise_extraction
from pipeline.parse import InlineRenderer, parse_post
from pipeline.read import decode, read_bytes
from pipeline.resolve import declared_pairs


@dataclass
class WorkerState:
    """What one process builds once and reuses for every post it handles."""

    fingerprint: str
    cache_dir: str | None
    cache_enabled: bool
    lex: Lexicons | None = None
    renderer: InlineRenderer | None = None
    light: Knowledge | None = None
    know: Knowledge | None = None
    know_orgs_fp: str | None = None
    cache: Cache | None = None
    orgs: frozenset[str] = frozenset()  # the run's gazetteer, for pass 2
    orgs_fp: str = ""
    dictionary: Dictionary | None = None  # jieba's, loaded when a post first needs extracting
    lock_fds: tuple[int, ...] = ()  # the run's lock files: a forked worker closes its copies

    def setup(self) -> "WorkerState":
        if self.lex is None:
            self.lex = load_lexicons()
            self.renderer = InlineRenderer()
            self.light = build_knowledge(self.lex, set(), None)
            if self.cache_dir:
                self.cache = Cache(Path(self.cache_dir), enabled=self.cache_enabled, locked=False)
        return self

    def knowledge(self) -> Knowledge:
        if self.know is None or self.know_orgs_fp != self.orgs_fp:
            dictionary, self.dictionary = self.dictionary or load_dictionary(), None  # the knowledge takes it over
            self.know, self.know_orgs_fp = build_knowledge(self.lex, self.orgs, dictionary), self.orgs_fp
        return self.know


STATE: WorkerState | None = None  # one per worker process, set by its initializer


def init_worker(state: WorkerState, forked: bool = True, parent: int | None = None) -> None:
    """Set up a worker process: end it with the run that started it (a killed run must not leave
    workers waiting on their queue for ever, nor holding its locks: the inherited lock files are
    closed), then keep the state for the posts to come."""
    global STATE
    if forked:
        die_with_parent(parent)
        gc.enable()  # the run's main process works without the cycle collector; a worker does not
        for fd in state.lock_fds:
            try:
                os.close(fd)
            except OSError:
                pass
    STATE = state


def release_worker() -> None:
    """This process is done acting as a worker: drop its state (the knowledge, jieba)."""
    global STATE
    STATE = None


def die_with_parent(parent: int | None) -> None:
    """Ask Linux to kill this process when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere
    nothing. A parent already gone ends it at once."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


PR_SET_PDEATHSIG = 1


def parse_key(fingerprint: str, source_path: str, digest: str) -> str:
    return entry_key("parse", fingerprint, source_path, digest)


def extraction_key(parse_key_: str, orgs_fp: str) -> str:
    return entry_key("extract", parse_key_, orgs_fp)


def organisation_text_key(parse_key_: str) -> str:
    return entry_key("organisation-text", parse_key_)


def summarised(post: Post, light: Knowledge) -> Post:
    """The post with the summaries the corpus-level stages use: the organisations it states,
    a sketch of its text, the short names it declares."""
    body = unicodedata.normalize("NFKC", post.body_text)  # once: both readers normalise, and a normal text passes at once
    sketch, count = text_sketch(unicodedata.normalize("NFKC", post.title) + "\n" + body)
    return replace(post, learned_orgs=tuple(sorted(post_organisations(post, light))), sketch=sketch,
                   shingle_count=count, declared=tuple(declared_pairs(body)))


def light_post(post: Post, light: Knowledge) -> Post:
    """The summarised post without its body: what the main process keeps of it."""
    return replace(summarised(post, light), blocks=(), body_text="")


def parse_bytes(data: bytes, source_path: str, state: WorkerState) -> tuple[Post | None, list[Reject]]:
    """Read (decode) and parse stages for one file's bytes: a full post and part-level rejects,
    or file rejects."""
    source = decode(source_path, data)
    if isinstance(source, Reject):
        return None, [source]
    rejects = [Reject(source_path, "read", "decoded_as_gb18030", w, file_rejected=False) for w in source.warnings]
    try:
        post, part_rejects = parse_post(source, state.renderer)
    except Exception as exc:  # a parser bug must not stop the run: the file becomes a reject
        return None, rejects + [Reject(source_path, "parse", "parser_error", f"{type(exc).__name__}: {exc}")]
    return post, rejects + part_rejects


def pass_one(job: tuple[str, str, str | None]) -> dict:
    """(path, source_path, digest known from the stat index or None) -> light post, rejects,
    content digest, cache key, whether it was parsed afresh, cache keys used."""
    path, source_path, digest = job
    state = STATE.setup()
    used: list[str] = []
    data = None
    if digest is None:
        data = read_bytes(Path(path), source_path)
        if isinstance(data, Reject):
            return {"source_path": source_path, "rejects": [data], "post": None, "digest": None}
        digest = hashlib.sha256(data).hexdigest()
    key = parse_key(state.fingerprint, source_path, digest)
    light_key = entry_key("light", key)
    cached = state.cache.get(light_key) if state.cache else None
    if cached is not None:
        return cached_light(cached, source_path, digest, key, light_key)
    if data is None:
        data = read_bytes(Path(path), source_path)
        if isinstance(data, Reject):
            return {"source_path": source_path, "rejects": [data], "post": None, "digest": None}
    post, rejects = parse_bytes(data, source_path, state)
    light = light_post(post, state.light) if post is not None else None
    summary = tables_digest(light, rejects)
    if state.cache:
        state.cache.put(key, post)
        state.cache.put(light_key, (light, rejects, summary))
        if post is not None:
            state.cache.put(organisation_text_key(key), organisation_text(post))
        used = [light_key, key, organisation_text_key(key)]
    return {"source_path": source_path, "post": light, "rejects": rejects, "digest": digest, "key": key,
            "fresh": True, "used": used, "summary": summary}


def tables_digest(light: Post | None, rejects: list[Reject]) -> str:
    """Digest of what the tables take from a file's pass 1 apart from the event stage: the light
    post without its text sketch (which only finds copies of one report), and its rejects."""
    return entry_digest((replace(light, sketch="", shingle_count=0) if light is not None else None, rejects))


def cached_pass_one(jobs: list[tuple[str, str, str | None]], cache: Cache | None, fingerprint: str) -> dict[int, dict]:
    """Job index -> pass 1's result, for the jobs whose digest the stat index vouches for and
    whose light post is cached: read in bulk here, not by the workers one by one."""
    keys = {i: parse_key(fingerprint, source_path, digest) for i, (_, source_path, digest) in enumerate(jobs) if digest}
    light_keys = {i: entry_key("light", key) for i, key in keys.items()}
    found = cache.get_many(list(light_keys.values())) if cache and keys else {}
    return {i: cached_light(found[light_key], jobs[i][1], jobs[i][2], keys[i], light_key)
            for i, light_key in light_keys.items() if light_key in found}


def cached_light(entry: tuple, source_path: str, digest: str, key: str, light_key: str) -> dict:
    """Pass 1's result from a cached light entry (light post, rejects, tables digest)."""
    post, rejects, summary = entry
    return {"source_path": source_path, "post": post, "rejects": rejects, "digest": digest, "key": key,
            "fresh": False, "used": [light_key, key, organisation_text_key(key)], "summary": summary}


def stored_extractions(jobs: list[tuple[Post, str, str]], cache: Cache | None, orgs_fp: str
                       ) -> dict[int, tuple[str, bytes]]:
    """Job index -> (digest, stored data) for the posts whose extraction is cached, read in
    bulk and checked, not yet decoded (Cache.value decodes it)."""
    keys = {i: extraction_key(key, orgs_fp) for i, (_, key, _) in enumerate(jobs)}
    found = cache.get_many(list(keys.values()), decode=False) if cache else {}
    return {i: found.pop(k) for i, k in keys.items() if k in found}


def extractions_kept_across_gazetteers(jobs: list[tuple[Post, str, str]], wanted: list[int], cache: Cache,
                                       orgs: frozenset[str], orgs_fp: str) -> dict[int, tuple[str, bytes]]:
    """Job index -> (digest, stored data) of the extractions that the output's last run made
    with another gazetteer and that still hold: those of posts whose text contains none of
    the organisations learned or forgotten since. An extraction depends on the gazetteer only
    through the organisations its post contains (see organisation_text), so a post that
    teaches the run a new organisation costs the posts that name it, not the whole corpus.
    Each one kept is stored again under this gazetteer's key (copied inside the database)."""
    previous = cache.previous_gazetteer()
    if previous is None or previous[0] == orgs_fp or not wanted:
        return {}
    changed = {organisation_form(org) for org in orgs.symmetric_difference(previous[1])} - {""}
    touched = re.compile(trie_pattern(sorted(changed))) if changed else None
    kept, copies = {}, []
    for start in range(0, len(wanted), TEXTS_AT_ONCE):
        part = wanted[start:start + TEXTS_AT_ONCE]
        earlier = stored_extractions([jobs[i] for i in part], cache, previous[0])
        texts = cache.get_many([organisation_text_key(jobs[part[j]][1]) for j in earlier])
        for j, entry in earlier.items():
            key = jobs[part[j]][1]
            text = texts.pop(organisation_text_key(key), None)
            if isinstance(text, str) and (touched is None or not touched.search(text)):
                copies.append((extraction_key(key, orgs_fp), extraction_key(key, previous[0])))
                kept[part[j]] = entry
            cache.used.discard(extraction_key(key, previous[0]))
    cache.copy_entries(copies)
    return kept


TEXTS_AT_ONCE = 5_000  # posts whose organisation texts are held at a time


def pass_two(job: tuple[Post, str, str]) -> dict:
    """(light post, parse key, file path) -> extraction (without its post), extract rejects,
    whether it was extracted afresh, cache keys used."""
    light, key, path = job
    state = STATE.setup()
    extract_key = extraction_key(key, state.orgs_fp)
    cached = state.cache.get(extract_key, with_digest=True) if state.cache else None
    if cached is not None:
        return {"extraction": cached[0], "rejects": [], "fresh": False, "used": [extract_key], "digest": cached[1]}
    full = state.cache.get(key, always=True) if state.cache else None
    if full is None:  # not in the cache (deleted meanwhile, or no cache): parse the file again
        data = read_bytes(Path(path), light.source_path)
        full = parse_bytes(data, light.source_path, state)[0] if not isinstance(data, Reject) else None
    rejects: list[Reject] = []
    if full is None:
        extraction = Extraction(post=light)
    else:
        try:
            extraction = normalise_extraction(extract_post(full, state.knowledge()))
        except Exception as exc:  # keep the post; say the extraction failed
            rejects.append(Reject(light.source_path, "extract", "extractor_error", f"{type(exc).__name__}: {exc}",
                                  file_rejected=False))
            extraction = Extraction(post=light)
    extraction = replace(extraction, post=None)
    used, extraction_digest = [], None
    if state.cache:
        extraction_digest = state.cache.put(extract_key, extraction)
        used = [extract_key, key]
    return {"extraction": extraction, "rejects": rejects, "fresh": True, "used": used, "digest": extraction_digest}


def run_chunk(fn, jobs: list) -> list:
    """fn over a batch of jobs in this process; the batch's cache entries are then written in
    one transaction."""
    try:
        return [fn(job) for job in jobs]
    finally:
        if STATE is not None and STATE.cache is not None:
            STATE.cache.flush()


def run_map(fn, jobs: list, state: WorkerState, workers: int, progress=None, stage: str = "",
            keep=None, meanwhile: "Prefetch | None" = None, known: dict[int, dict] | None = None) -> list:
    """fn over jobs, in order: inline for one worker, else in a pool of `workers` processes.
    keep(result), if given, is what is kept of each result, applied as results arrive.
    meanwhile, if given, starts once the pool's workers are forked (never inline: it would only
    take turns with the work in this one process). known: job index -> its result already
    (from the cache); fn runs on the other jobs only."""
    if known:
        rest = [job for i, job in enumerate(jobs) if i not in known]
        counted = (lambda stage_, done, _: progress(stage_, done + len(known), len(jobs))) if progress else None
        computed = iter(run_map(fn, rest, state, workers, counted, stage, keep, meanwhile))
        return [(keep(known[i]) if keep else known[i]) if i in known else next(computed) for i in range(len(jobs))]
    if STATE is not None and STATE.cache is not None:
        STATE.cache.flush(close=True)  # no database connection may cross a fork
    chunks = batches(jobs, workers)
    results: list = []
    if workers <= 1 or len(jobs) < 2 * workers:
        init_worker(state, forked=False)
        try:
            for chunk in chunks:
                results += map(keep, run_chunk(fn, chunk)) if keep else run_chunk(fn, chunk)
                if progress:
                    progress(stage, len(results), len(jobs))
        finally:
            if state.cache is not None:
                state.cache.flush(close=True)
            release_worker()
        return results
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"),
                             initializer=init_worker, initargs=(state, True, os.getpid())) as pool:
        chunk_results_in_order = pool.map(partial(run_chunk, fn), chunks)  # forks the workers
        if meanwhile is not None:
            meanwhile.start()
        for chunk_results in chunk_results_in_order:
            results += map(keep, chunk_results) if keep else chunk_results
            if progress:
                progress(stage, len(results), len(jobs))
    return results


def batches(jobs: list, workers: int) -> list[list]:
    """The jobs in batches that shrink towards the end (guided scheduling): large ones while
    many jobs remain (each batch costs a transaction and a round trip), small last ones so the
    workers finish together instead of one waiting for the other's last large batch."""
    out, start = [], 0
    while start < len(jobs):
        size = max(1, min(BATCH_MOST, (len(jobs) - start) // (workers * 4)))
        out.append(jobs[start:start + size])
        start += size
    return out


BATCH_MOST = 64


class Prefetch:
    """A value computed in a thread of the main process while a pool's workers use the cores
    (the main process only waits for their results then), or when first asked for. The thread
    starts after the pool has forked: no fork happens while it runs."""

    def __init__(self, compute):
        self.compute = compute
        self.thread: threading.Thread | None = None
        self.outcome: tuple | None = None

    @property
    def started(self) -> bool:
        return self.thread is not None

    def start(self) -> None:
        if self.thread is None and self.outcome is None:
            self.thread = threading.Thread(target=self.run, name="prefetch", daemon=True)
            self.thread.start()

    def run(self) -> None:
        try:
            self.outcome = (self.compute(), None)
        except BaseException as exc:  # raised again by take(), in the thread that asks
            self.outcome = (None, exc)

    def take(self):
        """The value (computed now if the thread never started), handed over: the prefetch
        keeps no reference to it, so it lives only as long as its taker keeps it."""
        if self.thread is not None:
            self.thread.join()
        elif self.outcome is None:
            self.run()
        (value, error), self.outcome, self.thread = self.outcome, None, None
        if error is not None:
            raise error
        return value


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
