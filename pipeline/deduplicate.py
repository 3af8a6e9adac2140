"""Deduplicate stage: one row per person per post (captions, tables and prose merged), one row
per repeated member line, one event_id for copies of one report, one people / organisations
row per distinct normalised name; stable ids and row order."""
from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
import zlib
from collections import defaultdict

import numpy as np

from pipeline.ids import stable_id
from pipeline.model import Affiliation, Extraction, Mention, Post, Reject, Rows
from pipeline.resolve import ONE_POST, Resolution
from pipeline.normalise import key
from pipeline.schema import TABLES

STRUCTURED_ORDER = {"caption": 0, "heading": 1, "table": 2, "member_list": 3, "prose": 4}
SAME_REPORT_SIMILARITY = 0.5
SAME_REPORT_MAX_DAYS = 3  # copies of one report are dated alike; templates reused weeks apart are not
MIN_SHINGLES = 60  # a post with next to no text (a front-matter-only template) is its own event
SKETCH_SIZE = 12  # sketch values that make two posts candidates for one report
SKETCH_K = 128  # sketch values kept per post to estimate the Jaccard of two candidates
MAX_BLOCK = 24  # posts sharing one sketch value beyond this are a template, not copies
REVIEW_BELOW = 0.75
TALK_KIND = re.compile(r"\s*[^\s:：][^:：]{0,23}[:：]\s*")  # `Keynote: `, `主题演讲：`


def merge_mentions(mentions: list[Mention]) -> list[Mention]:
    """One mention per person in a post: the first structured spot wins; affiliations are the
    union over structured spots (a bio or prose adds only to a person no other spot describes),
    less a title without organisation that another spot gives with one."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[key(mention.name)].append(mention)
    merged = []
    for group in by_name.values():
        group.sort(key=lambda m: (STRUCTURED_ORDER.get(m.source_kind, 9) == 4, m.line))
        first = group[0]
        structured = [m for m in group if m.source_kind != "prose"]
        spots = [m for m in structured if m.rule != "caption:bio"]
        sources = spots if any(m.affiliations for m in spots) else structured or group  # a bio adds nothing then
        affiliations: list[Affiliation] = []
        seen = set()
        for mention in sources:
            for aff in mention.affiliations:
                k = (key(aff.org), key(aff.title))
                if k not in seen:
                    seen.add(k)
                    affiliations.append(aff)
        placed = {t for o, t in seen if o and t}  # a title one spot gives with its organisation
        affiliations = [a for a in affiliations if a.org or key(a.title) not in placed]
        talks = distinct_talks([t for m in group for t in m.talks])
        merged.append(Mention(name=first.name, source_kind=first.source_kind, line=first.line,
                              raw=first.raw, rule=first.rule,
                              confidence=max(m.confidence for m in sources),
                              affiliations=affiliations, talks=talks))
    return sorted(merged, key=lambda m: (m.line, m.name))


def distinct_talks(talks: list[str]) -> list[str]:
    """Each talk once, in order, less one that is another written after its kind's label
    (`Welcome` where a record gives `Keynote: Welcome`): two readers of one line, one talk."""
    talks = list(dict.fromkeys(talks))
    return [t for t in talks if not any(u != t and u.endswith(t) and TALK_KIND.fullmatch(u[:-len(t)]) for u in talks)]


def window_crc_tables(width: int = 16) -> tuple[np.ndarray, int]:
    """CRC32 is affine over GF(2): for messages of one length, crc(x) is crc(0...0) XOR, for
    each byte, a value that depends on its position and value only. These are those values,
    one row per position, and crc(0...0), so the CRC32 of every window of a text is a few
    table lookups per byte over whole arrays, equal to zlib.crc32 of each window."""
    zero = zlib.crc32(bytes(width))
    rows = [[zlib.crc32(bytes(j) + bytes([b]) + bytes(width - 1 - j)) ^ zero for b in range(256)]
            for j in range(width)]
    return np.array(rows, dtype=np.uint32), zero


WINDOW_CRC, ZERO_CRC = window_crc_tables()


def text_sketch(text: str) -> tuple[str, int]:
    """(bottom-k sketch, distinct 4-gram count) of a text: the SKETCH_K smallest CRC32 values of
    its character 4-grams (UTF-32-LE, punctuation and case ignored), ascending, as 8 hex digits
    each (a kilobyte a post, where a tuple of ints takes four). A post is kept as this, not as
    its text."""
    flat = "".join(filter(str.isalnum, unicodedata.normalize("NFKC", text))).lower()  # = re [\W_]+ removed
    windows = len(flat) - 3
    if windows <= 0:
        return "", 0
    wide = np.frombuffer(flat.encode("utf-32-le"), np.uint8)
    crc = np.full(windows, ZERO_CRC, np.uint32)
    for j, table in enumerate(WINDOW_CRC):
        crc ^= table[wide[j:j + 4 * windows:4]]
    distinct = np.unique(crc)
    return "".join(f"{h:08x}" for h in distinct[:SKETCH_K].tolist()), len(distinct)


def sketch_values(sketch: str, count: int = SKETCH_K) -> list[int]:
    """The first count values of a sketch."""
    return [int(sketch[i:i + 8], 16) for i in range(0, min(len(sketch), 8 * count), 8)]


def event_ids(posts: list[Post]) -> dict[str, str]:
    """Cluster posts that are one report published twice (two site formats): bodies near-identical
    (character 4-gram Jaccard ≥ 0.5), or the same title on the same date; and dates at most a
    few days apart over the whole cluster. Candidates share a bottom-k sketch value or a date."""
    by_path = {p.source_path: p for p in posts}
    sketches: dict[str, tuple[set[int], int]] = {}  # decoded for candidates only

    def sketch_of(path: str) -> tuple[set[int], int]:
        if path not in sketches:
            sketches[path] = (set(sketch_values(by_path[path].sketch)), by_path[path].shingle_count)
        return sketches[path]

    candidates: dict[object, list[str]] = defaultdict(list)
    for post in posts:
        for value in sketch_values(post.sketch, SKETCH_SIZE):
            candidates[value].append(post.source_path)
        if post.date and key(post.title):
            candidates[("heading", key(post.title), post.date)].append(post.source_path)
    # a value that many posts share is boilerplate (a site's template), not the mark of a copy:
    # copies of one report share many rarer values too. Blocks stay small, so no step is quadratic.
    candidates = {k: v for k, v in candidates.items() if 1 < len(v) <= MAX_BLOCK}
    parent = {p.source_path: p.source_path for p in posts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    span = {p.source_path: (p.date, p.date) for p in posts}  # a cluster's first and last date

    def merged_span(ra: str, rb: str):
        dated = [d for d in (*span[ra], *span[rb]) if d]
        if not dated:
            return (None, None)
        first, last = min(dated), max(dated)
        gap = dt.date.fromisoformat(last) - dt.date.fromisoformat(first)
        return (first, last) if gap.days <= SAME_REPORT_MAX_DAYS else None

    heading = {p.source_path: (key(p.title), p.date) for p in posts}

    def same_heading(a: str, b: str) -> bool:
        """Same title on the same date: one report, however little text it has (an image post)."""
        return bool(heading[a][0] and heading[a][1]) and heading[a] == heading[b]

    checked = set()
    for paths in candidates.values():
        for i, a in enumerate(paths):
            for b in paths[i + 1:]:
                pair = (a, b) if a < b else (b, a)
                if pair in checked or find(a) == find(b):
                    continue
                checked.add(pair)
                ra, rb = find(a), find(b)
                joined = merged_span(ra, rb)
                if joined is None or not (same_heading(a, b) or similar_text(sketch_of(a), sketch_of(b))):
                    continue
                root = min(ra, rb)
                parent[max(ra, rb)] = root
                span[root] = joined
    return {path: stable_id("event", find(path)) for path in parent}


def similar_text(a: tuple[set[int], int], b: tuple[set[int], int]) -> bool:
    """Jaccard of the two texts' 4-grams, estimated from their bottom-k sketches, is at least
    SAME_REPORT_SIMILARITY."""
    (sa, na), (sb, nb) = a, b
    small, large = sorted((na, nb))
    if small < MIN_SHINGLES or small < SAME_REPORT_SIMILARITY * large:
        return False  # Jaccard can reach the threshold only for sets of comparable size
    union = heapq.nsmallest(SKETCH_K, sa | sb)
    shared = sum(1 for h in union if h in sa and h in sb)
    return shared / len(union) >= SAME_REPORT_SIMILARITY


def build_tables(extractions: list[Extraction], rejects: list[Reject], events: dict[str, str],
                 resolution: Resolution) -> dict[str, Rows]:
    """All contract tables, as columns (types follow pipeline/schema.py); ids come from the
    resolve stage. The extractions list is consumed (emptied, each extraction let go once its
    rows are built), so memory holds the extractions or the tables, not both at their peak."""
    tables = {t.name: Rows(t.columns) for t in TABLES}
    ordered = sorted(extractions, key=lambda e: e.post.source_path)
    extractions.clear()
    person_names: dict[str, str] = {}
    person_posts: dict[str, set] = defaultdict(set)
    org_people: dict[str, set] = defaultdict(set)
    org_posts: dict[str, set] = defaultdict(set)

    def person(name: str, path: str) -> str:
        pid = resolution.person_of.get((path, key(name))) or stable_id("person", key(name))
        person_names.setdefault(pid, name)
        return pid

    def organisation(name: str, pid: str, post_id: str) -> str | None:
        oid = resolution.org_id(name)
        if oid:
            org_people[oid].add(pid)
            org_posts[oid].add(post_id)
        return oid

    def written_org(name: str) -> str:
        """The organisation as written, or "" for a spelling that names no organisation."""
        return name if resolution.org_of.get(key(name), None) != "" else ""

    for position in range(len(ordered)):
        extraction, ordered[position] = ordered[position], None
        post = extraction.post
        post_id, event_id, path = stable_id("post", post.source_path), events[post.source_path], post.source_path
        base = {"post_id": post_id, "event_id": event_id, "source_path": path}
        city, online = resolution.places.get(path, (None, None))
        tables["posts"].append({**base, "title": post.title, "date": post.date,
                                "date_precision": post.date_precision, "location": post.location,
                                "city": city, "online": online, "label": post.label,
                                "tags": "; ".join(post.tags), "author": post.author,
                                "category": post.category, "summary": post.summary,
                                "front_matter": post.front_matter_format})
        merged = merge_mentions(extraction.mentions)
        named = {key(m.name) for m in merged}
        affiliation_seen = set()

        def add_affiliation(pid: str, name: str, aff: Affiliation, kind: str, line: int) -> None:
            """One affiliations row per (person, organisation, title) in a post."""
            org = written_org(aff.org)
            k = (pid, key(org), key(aff.title))
            if k not in affiliation_seen:
                affiliation_seen.add(k)
                tables["affiliations"].append({**base, "person_id": pid, "name": name,
                                               "org_id": organisation(org, pid, post_id), "org": org,
                                               "title": aff.title, "source_kind": kind, "line": line})
        for mention in merged:
            pid = person(mention.name, path)
            person_posts[pid].add((post_id, event_id))
            tables["appearances"].append({**base, "person_id": pid, "name": mention.name,
                                          "source_kind": mention.source_kind, "line": mention.line,
                                          "rule": mention.rule, "confidence": mention.confidence,
                                          "raw": mention.raw})
            if mention.confidence < REVIEW_BELOW:
                tables["review"].append({"post_id": post_id, "source_path": path, "person_id": pid,
                                         "name": mention.name, "source_kind": mention.source_kind,
                                         "rule": mention.rule, "confidence": mention.confidence,
                                         "line": mention.line, "raw": mention.raw})
            for aff in mention.affiliations or [Affiliation("", "")]:
                add_affiliation(pid, mention.name, aff, mention.source_kind, mention.line)
            for talk in mention.talks:
                tables["talks"].append({**base, "person_id": pid, "name": mention.name,
                                        "talk_title": talk, "line": mention.line})
        member_rows: dict[tuple, dict] = {}
        for member in extraction.members:
            pid = person(member.name, path)
            k = (key(member.group_name), key(member.role), pid, key(member.org), key(member.title))
            if k in member_rows:
                member_rows[k]["repeats"] += 1
                continue
            person_posts[pid].add((post_id, event_id))
            org = written_org(member.org)
            member_rows[k] = {**base, "group_id": resolution.group_id(member.group_name),
                              "group_name": member.group_name, "role": member.role,
                              "person_id": pid, "name": member.name,
                              "org_id": organisation(org, pid, post_id), "org": org,
                              "title": member.title, "line": member.line, "repeats": 1,
                              "raw": member.raw}
            if key(member.name) not in named:
                named.add(key(member.name))
                tables["appearances"].append({**base, "person_id": pid, "name": member.name,
                                              "source_kind": "member_list", "line": member.line,
                                              "rule": "member_list:role_line", "confidence": 0.9,
                                              "raw": member.raw})
            for aff in extraction.member_affiliations.get(member.line, []) or [
                    Affiliation(member.org, member.title)]:
                add_affiliation(pid, member.name, aff, "member_list", member.line)
        tables["memberships"].extend(member_rows.values())

    for pid, name in person_names.items():
        visits = person_posts[pid]
        evidence, confidence = resolution.person_evidence.get(pid, ONE_POST)
        tables["people"].append({"person_id": pid, "name": name, "post_count": len({p for p, _ in visits}),
                                 "event_count": len({e for _, e in visits}), "evidence": evidence,
                                 "id_confidence": confidence})
    for oid, name in resolution.org_names.items():
        if org_posts[oid]:
            tables["organisations"].append({"org_id": oid, "name": name, "people_count": len(org_people[oid]),
                                            "post_count": len(org_posts[oid])})
    tables["organisation_aliases"].extend(row for row in resolution.aliases if org_posts[row["org_id"]])
    tables["groups"].extend(resolution.groups)
    tables["overrides"].extend(resolution.overrides)
    for reject in rejects:
        tables["rejects"].append({"source_path": reject.source_path, "stage": reject.stage,
                                  "error": reject.error, "message": reject.message,
                                  "line": reject.line, "file_rejected": reject.file_rejected})
    return sort_tables(tables)


SORT_KEYS = {
    "posts": ("source_path",),
    "people": ("name", "person_id"),
    "appearances": ("source_path", "line", "name"),
    "affiliations": ("source_path", "line", "name", "org", "title"),
    "memberships": ("source_path", "line", "name"),
    "talks": ("source_path", "line", "name", "talk_title"),
    "organisations": ("name", "org_id"),
    "organisation_aliases": ("org_id", "alias"),
    "groups": ("name", "group_id"),
    "overrides": ("kind", "target"),
    "review": ("source_path", "line", "name"),
    "rejects": ("source_path", "stage", "error", "line", "message"),
}


def sort_tables(tables: dict[str, Rows]) -> dict[str, Rows]:
    """Each table in the order of its SORT_KEYS (integers compared as zero-padded text)."""
    def sortable(values: list) -> list[str]:
        return ["" if v is None else str(v).zfill(8) if isinstance(v, int) else str(v) for v in values]

    def order(rows: Rows, columns: tuple[str, ...]) -> list[int]:
        keys = list(zip(*(sortable(rows.column(c)) for c in columns)))
        return sorted(range(len(keys)), key=keys.__getitem__)
    return {name: rows.ordered(order(rows, SORT_KEYS[name])) for name, rows in tables.items()}
