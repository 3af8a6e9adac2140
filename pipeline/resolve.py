"""Resolve stage: one id per organisation, per group and per person across the whole run.

Organisations: spellings are joined by general rules, each recorded as how the alias was
joined: case and spacing; a registered name and its body (华为技术有限公司 / 华为: place prefix,
trade words and legal ending dropped); a project and its community (openGauss 社区 / openGauss);
a short name the corpus itself declares (`…有限公司（以下简称“…”）`, `中国计算机学会（CCF）`);
near-identical spellings of six characters or more (one character typed differently, one
missing). A body whose name merely contains another's (华为 / 华为云, a branch 分公司) stays apart.
Words that are no organisation (该, 感谢, a number, one character) get no id.

People: mentions are blocked by name and joined only on evidence (the same event, a shared
resolved organisation, the same group); a mention with no evidence joins the one cluster its
community has for that name. Namesakes with different employers and nothing linking them keep
different ids. Each person row says what joined it (`evidence`, `id_confidence`).

Overrides (`--overrides FILE`, TOML) are corrections an analyst writes once; every run applies
them and reports each as applied or stale.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pipeline.ids import stable_id
from pipeline.lexicons import Lexicons, made_of
from pipeline.model import Extraction, Reject
from pipeline.normalise import key
from pipeline.parse import city_of

DECLARED_SHORT = re.compile(r"[（(]\s*(?:以下)?简称\s*[:：]?\s*[“\"「]?(?P<short>[^”\"」）)，,]{2,20})[”\"」]?\s*[）)]")
ACRONYM = re.compile(r"(?<=[^\s（()）])[（(](?P<short>[A-Z][A-Za-z]{1,9})[）)]")
BODY_ENDING = re.compile(r"(公司|集团|大学|学院|学会|协会|基金会|联盟|中心|研究院|研究所)$")
SITE_WORDS = {"website", "blog", "mirror", "group", "wiki", "portal", "project", "github", "docs"}
NUMERALS = set("0123456789一二三四五六七八九十百零")
OVERRIDE_KINDS = ("merge_people", "split_person", "org_alias", "not_org", "split_org")


class OverrideError(ValueError):
    """An overrides file that cannot be read: the operator's mistake, refused before the run."""


@dataclass
class Resolution:
    org_of: dict[str, str] = field(default_factory=dict)  # spelling key -> org_id ('' = not an organisation)
    org_names: dict[str, str] = field(default_factory=dict)  # org_id -> canonical name
    aliases: list[dict] = field(default_factory=list)  # organisation_aliases rows
    group_of: dict[str, str] = field(default_factory=dict)  # group key -> group_id
    groups: list[dict] = field(default_factory=list)  # groups rows
    # org_id -> org_id of the short name it extends with trade words only (普元信息 -> 普元): one
    # employer when people's mentions are compared, two bodies in the tables
    employer_of: dict[str, str] = field(default_factory=dict)
    person_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (source_path, name key) -> person_id
    person_evidence: dict[str, tuple[str, float]] = field(default_factory=dict)  # person_id -> (evidence, confidence)
    overrides: list[dict] = field(default_factory=list)  # overrides rows: kind, target, status, message
    places: dict[str, tuple[str | None, bool | None]] = field(default_factory=dict)  # source_path -> (city, online)
    rejects: list[Reject] = field(default_factory=list)

    def org_id(self, spelling: str) -> str | None:
        return self.org_of.get(key(spelling)) or None

    def group_id(self, name: str) -> str | None:
        return self.group_of.get(group_key(name)) or None


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.how: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, how: str) -> None:
        """Join a's and b's sets; each of a and b keeps the first reason that joined it."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = sorted((ra, rb), key=lambda k: (len(k), k))
            self.parent[gone] = keep
            self.how.setdefault(a, how)
            self.how.setdefault(b, how)


# --- organisations -------------------------------------------------------------------------

def is_junk_org(spelling: str, lex: Lexicons) -> bool:
    """No organisation: one character, a number, a function word or lead-in (该, 感谢, 20), an
    organisation ending alone (股份有限公司)."""
    k = key(spelling)
    number = re.fullmatch(r"[\d\W_]+", k)
    return (len(k) <= 1 or bool(number and (len(k) <= 2 or re.fullmatch(r"(19|20)\d\d\W*", k) or re.search(r"\W", k)))
            or k in lex.junk_org_keys)


def strip_ending(k: str, endings: tuple[str, ...]) -> tuple[str, bool]:
    """k without the first of endings (comparison keys, longest first) it ends with."""
    for e in endings:
        if k.endswith(e) and len(k) > len(e) + 1 and not k[:-len(e)].endswith(("分", "子")):
            return k[:-len(e)], True
    return k, False


def org_core(k: str, lex: Lexicons) -> tuple[str, bool]:
    """(core, registered): a registered name without its bracketed place, place prefix and legal
    ending (北京海量数据技术股份有限公司 -> 海量数据技术); a project name without 社区 / 开源社区."""
    core = re.sub(r"[（(][^（）()]{1,6}[）)]", lambda m: "" if m.group()[1:-1] in lex.places or
                  m.group()[1:-1] in ("集团",) else m.group(), k)
    core, registered = strip_ending(core, lex.legal_suffix_keys)
    if registered:
        for place in lex.places:
            for form in (place + "市", place + "省", place):
                if core.startswith(form) and len(core) > len(form) + 1:
                    core = core[len(form):]
                    break
            else:
                continue
            break
        core = re.sub(r"[（(][^（）()]{1,6}[）)]$", "", core)
    else:
        core, _ = strip_ending(core, lex.community_suffix_keys)
    return core, registered


def declared_pairs(text: str) -> list[tuple[str, str]]:
    """(full, short) as a post writes them: `北京新数科技有限公司（以下简称新数科技）`, `中国计算机学会（CCF）`;
    the full side is the 40 characters before the bracket, cut back to a known name later."""
    text = unicodedata.normalize("NFKC", text)
    pairs = []
    for pattern in (DECLARED_SHORT, ACRONYM):
        for match in pattern.finditer(text):
            start = match.start()
            before = re.split(r"[，。、；;：:\s“”\"（）()]", text[max(0, start - 40):start])[-1]
            if len(before) >= 4:
                pairs.append((("short" if pattern is DECLARED_SHORT else "acronym") + ":" + key(before),
                              key(match.group("short"))))
    return pairs


def declared_aliases(pairs, known: set[str]) -> list[tuple[str, str]]:
    """The declared pairs whose full side ends with a known spelling (its longest such tail);
    an acronym only for a body's name (`中国计算机学会（CCF）`, not `HAMi（CNCF）`)."""
    out = []
    for tagged, short in pairs:
        kind, full = tagged.split(":", 1)
        tails = [full[i:] for i in range(len(full) - 1) if full[i:] in known]
        if tails and (kind == "short" or BODY_ENDING.search(tails[0])):
            out.append((tails[0], short))
    return out


def company_units(keys: list[str], registered_cores: dict[str, list[str]], lex: Lexicons) -> list[tuple[str, str]]:
    """(unit, company): `海量数据研究院`, `海量数据北京研究所`, and a named unit (`海量数据高斯实验室`: a
    few characters between) belong to 海量数据 when that body has a registered company name in the
    run; an academy's institutes (中国科学院软件研究所) do not."""
    companies = {core for cores in registered_cores.values() for core in cores}
    known = set(keys)

    def company(body: str) -> bool:
        return body in known and any(
            c == body or c.startswith(body) and made_of(c[len(body):], lex.industry_words) for c in companies)
    pairs = []
    for k in keys:
        for unit in lex.company_units:
            if not k.endswith(unit):
                continue
            body = k[:-len(unit)]
            body = next((body[:-len(p)] for p in lex.places if body.endswith(p) and len(body) > len(p) + 1), body)
            named = (body[:n] for n in range(len(body) - 1, max(1, len(body) - UNIT_NAME_LENGTH - 1), -1))
            owner = body if company(body) else next((b for b in named if company(b)), None)
            if owner:
                pairs.append((k, owner))
    return pairs


UNIT_NAME_LENGTH = 4  # characters that name a unit between its company and its ending (高斯 in 华为高斯实验室)


def bilingual_names(keys: list[str], lex: Lexicons) -> list[tuple[str, str]]:
    """(spelling, the run's other spelling of it): a Latin brand before the Chinese name
    (`Dynamia 密瓜智能` / `密瓜智能`), an English type word for the Chinese one (`Linux Foundation` /
    `Linux 基金会`, through org_type_translations.txt)."""
    known = set(keys)
    pairs = []
    for k in keys:
        brand = LATIN_BRAND.match(k)
        if brand and len(k) - brand.end() >= 4 and k[brand.end():] in known:
            pairs.append((k, k[brand.end():]))
        for english, chinese in lex.org_type_translations:
            if k.endswith(english) and k[:-len(english)].isascii() and k[:-len(english)] + chinese in known:
                pairs.append((k, k[:-len(english)] + chinese))
    return pairs


LATIN_BRAND = re.compile(r"[a-z][a-z0-9.+&'-]*(?=[\u4e00-\u9fff])")


BRACKETED_SHORT = re.compile(r"(?P<body>.{2,}?)\((?P<short>[a-z][a-z0-9.&-]{0,19})\)?")  # a key may lose the `)`


def bracketed_short_names(keys: list[str]) -> list[tuple[str, str]]:
    """(body, spelling) for a spelling that is a known body followed by a bracketed Latin short
    name (`密瓜智能（Dynamia）` is `密瓜智能`)."""
    known = set(keys)
    out = []
    for k in keys:
        match = BRACKETED_SHORT.fullmatch(k)
        if match and match.group("body") in known:
            out.append((match.group("body"), k))
    return out


def abbreviations(keys: list[str]) -> list[tuple[str, str]]:
    """(short, long): `邮储银行` / `中国邮政储蓄银行`, `中移信息技术中心` / `中国移动信息技术中心`: the short
    name keeps the long one's characters in order and its two-character ending; four characters
    or more, Han only. Or the initials of a two-word name of four Han characters (`中移` / `中国移动`,
    `北大` / `北京大学`). Blocked by ending and first character, initials looked up: no all-pairs step."""
    by_block: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys:
        if len(k) >= 5 and re.fullmatch(r"[\u4e00-\u9fff]+", k):
            for ch in set(k[:-2]):
                by_block[(k[-2:], ch)].append(k)
    pairs = []
    for short in keys:
        if len(short) < 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", short):
            continue
        for long in by_block.get((short[-2:], short[0]), ()):
            if len(long) > len(short) and not long.startswith(short) and is_subsequence(short, long):
                pairs.append((short, long))
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k) == 4 and re.fullmatch(r"[\u4e00-\u9fff]+", k):
            by_initials[k[0] + k[2]].append(k)
    pairs += [(short, long) for short in keys for long in by_initials.get(short, ())]  # 中移 / 中国移动
    return unambiguous(pairs)


def unambiguous(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The abbreviation pairs whose long name no unrelated short name also abbreviates, and whose
    short name abbreviates no unrelated long name: `星河启明科技` would otherwise bridge 星启科技,
    河启科技 and 河明科技 into one body. Two short names are related when one holds the other
    (邮储银行 in 中邮储银行)."""
    shorts_of: dict[str, list[str]] = defaultdict(list)
    longs_of: dict[str, list[str]] = defaultdict(list)
    for short, long in pairs:
        shorts_of[long].append(short)
        longs_of[short].append(long)

    def related(names: list[str]) -> bool:
        return all(a in b or b in a for a in names for b in names)
    return [(short, long) for short, long in pairs if related(shorts_of[long]) and related(longs_of[short])]


def is_subsequence(short: str, long: str) -> bool:
    """short keeps long's characters in order, dropping at least two separate runs of one or two
    characters (邮[政]储[蓄]银行, 中[国]移[动]…): an abbreviation. Dropping one longer run is a
    different body that shares words (北京[航空航天]大学 is not 北京大学, [陕西鲲鹏]生态创新中心 not 生态创新中心)."""
    kept, k = [], 0
    for i, ch in enumerate(long):
        if k < len(short) and ch == short[k]:
            kept.append(i)
            k += 1
    if k < len(short):
        return False
    runs, previous = [], -1
    for i in kept + [len(long)]:
        if i - previous > 1:
            runs.append(i - previous - 1)
        previous = i
    return len(runs) >= 2 and max(runs) <= 2


def one_edit_apart(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of spellings of six characters or more that differ by one character (typed
    differently, or missing), found through shared one-deletion variants: no all-pairs step."""
    buckets: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        if len(k) >= 6:
            buckets[k].add(k)
            for i in range(len(k)):
                buckets[k[:i] + k[i + 1:]].add(k)
    pairs = set()
    for members in buckets.values():
        if 1 < len(members) <= 8:
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    if not numeral_difference(a, b):
                        pairs.add((a, b))
    return sorted(pairs)


def place_difference(a: str, b: str, places: tuple[str, ...]) -> bool:
    """`江苏…中心` / `江西…中心`: where the two spellings differ, one of them names a place: two
    regional bodies, not a typo."""
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    for text in (a, b):
        for place in places:
            at = text.find(place)
            while at != -1:
                if at <= start < at + len(place):
                    return True
                at = text.find(place, at + 1)
    return False


def numeral_difference(a: str, b: str) -> bool:
    """`…第十四研究所` / `…第十五研究所`: bodies numbered apart are different bodies."""
    diff = {ch for ch in set(a) ^ set(b)}
    return bool(diff & NUMERALS) or (len(a) == len(b) and any(
        x != y and (x in NUMERALS or y in NUMERALS or x.isascii() and y.isascii()) for x, y in zip(a, b)))


def resolve_organisations(spellings: Counter, declared, lex: Lexicons, overrides: dict, out: Resolution) -> None:
    junk = {k for k in spellings if is_junk_org(k, lex)}
    forced_junk = {key(o.get("alias", "")) for o in overrides.get("not_org", [])}
    keys = sorted(k for k in spellings if k not in junk and k not in forced_junk)
    uf = UnionFind()
    for k in keys:
        uf.find(k)
    cores: dict[str, list[str]] = defaultdict(list)
    registered_cores: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        core, registered = org_core(k, lex)
        cores[core].append(k)
        if registered:
            registered_cores[core[:2]].append(core)
    for members in cores.values():
        for k in members[1:]:
            uf.union(members[0], k, "legal or community ending")
    shorts_of: dict[str, list[str]] = defaultdict(list)
    for core in cores:
        for legal in registered_cores.get(core[:2], ()):
            if legal != core and legal.startswith(core) and made_of(legal[len(core):], lex.industry_words):
                shorts_of[legal].append(core)
    for legal, shorts in shorts_of.items():
        short = max(shorts, key=len)  # 华为云计算技术 is 华为云's, not 华为's
        uf.union(cores[short][0], cores[legal][0], "short name of a registered name")
    known = set(keys)
    for unit, body in company_units(keys, registered_cores, lex):
        uf.union(body, unit, "research unit of a company")
    for a, b in bilingual_names(keys, lex):
        uf.union(b, a, "the same name in two languages")
    for full, short in declared_aliases(declared, known):
        if full in known and short in known:
            uf.union(full, short, "short name declared in a post")
    for body, written in bracketed_short_names(keys):
        uf.union(body, written, "the body with its short name in brackets")
    for short, long in abbreviations([k for k in keys if not org_core(k, lex)[1]]):  # registered names have their rule
        uf.union(long, short, "abbreviation")
    for a, b in one_edit_apart(keys):
        if len(org_core(a, lex)[0]) >= 5 and not place_difference(a, b, lex.places):
            uf.union(a, b, "near-identical spelling")
    for item in overrides.get("org_alias", []):
        alias, target = key(item.get("alias", "")), key(item.get("org", ""))
        ok = alias in known and target in known
        record_override(out, "org_alias", f"{item.get('alias')} -> {item.get('org')}", ok,
                        "" if ok else "alias or organisation not found among this run's organisations")
        if ok:
            uf.union(target, alias, "override")
    for item in overrides.get("not_org", []):
        alias = key(item.get("alias", ""))
        ok = alias in spellings
        record_override(out, "not_org", str(item.get("alias")), ok,
                        "" if ok else "no organisation is written this way in this run")
    split = {key(o.get("alias", "")) for o in overrides.get("split_org", [])}
    for item in overrides.get("split_org", []):
        ok = key(item.get("alias", "")) in known
        record_override(out, "split_org", str(item.get("alias")), ok,
                        "" if ok else "no organisation is written this way in this run")
    clusters: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        clusters[k if k in split else uf.find(k)].append(k)
    for root, members in sorted(clusters.items()):
        anchor = min(members, key=lambda k: (len(k), k))
        oid = stable_id("org", anchor)
        names = Counter({spellings.display[k]: spellings[k] for k in members})
        canonical = min(names, key=lambda n: (-names[n], len(n), n))
        out.org_names[oid] = canonical
        for k in members:
            out.org_of[k] = oid
            how = "canonical" if spellings.display[k] == canonical else (
                "override" if k in split else uf.how.get(k, "case and spacing"))
            out.aliases.append({"org_id": oid, "alias": spellings.display[k], "joined_by": how,
                                "rows": spellings[k]})
    for k in junk | forced_junk:
        out.org_of[k] = ""
    for k in keys:
        short = next((k[:i] for i in range(2, len(k) - 1)
                      if out.org_of.get(k[:i]) and made_of(k[i:], lex.industry_words)), "")
        if short and out.org_of[short] != out.org_of[k]:
            out.employer_of[out.org_of[k]] = out.org_of[short]


def record_override(out: Resolution, kind: str, target: str, applied: bool, message: str) -> None:
    out.overrides.append({"kind": kind, "target": target, "status": "applied" if applied else "stale",
                          "message": message})
    if not applied:
        out.rejects.append(Reject("(overrides)", "resolve", "stale_override", f"{kind} {target}: {message}",
                                  file_rejected=False))


# --- groups --------------------------------------------------------------------------------

def group_key(name: str) -> str:
    """`openGauss 成都用户组` = `openGauss成都用户组`; `Cloud Native SIG` = `CloudNative兴趣小组`."""
    k = key(name)
    k = re.sub(r"(兴趣小组|特别兴趣小组|specialinterestgroup)$", "sig", k)
    return re.sub(r"[\-_·.]", "", k)


def resolve_groups(names: Counter, lex: Lexicons, out: Resolution) -> None:
    by_key: dict[str, Counter] = defaultdict(Counter)
    for name, count in names.items():
        if key(name):
            by_key[group_key(name)][name] += count
    for gk, spellings in sorted(by_key.items()):
        gid = stable_id("group", gk)
        canonical = min(spellings, key=lambda n: (-spellings[n], n))
        city = next((p for p in lex.places if p in canonical), None)
        community = re.match(r"[A-Za-z][A-Za-z0-9\-]*", canonical.strip())
        out.group_of[gk] = gid
        out.groups.append({"group_id": gid, "name": canonical, "community": community.group() if community else None,
                           "city": city, "spellings": len(spellings)})


# --- people --------------------------------------------------------------------------------

def community_of(source_path: str) -> str:
    return source_path.split("/", 1)[0]


def community_tokens(community: str) -> set[str]:
    """`opengauss-website` -> {opengauss}: the project a site's folder is named after."""
    return {t for t in re.split(r"[+\-_.]", community.lower()) if len(t) >= 4} - SITE_WORDS


def project_communities(folders: set[str]) -> dict[str, str]:
    """folder -> its community: folders named after one project (`openeuler-mirror+website-v2`,
    `opensourceways-portal+openeuler-portal-mirror`) hold one community's sites and mirrors."""
    uf = UnionFind()
    by_token: dict[str, list[str]] = defaultdict(list)
    for folder in sorted(folders):
        uf.find(folder)
        for token in community_tokens(folder):
            by_token[token].append(folder)
    for token, members in by_token.items():
        for other in members[1:]:
            uf.union(members[0], other, token)
    return {folder: uf.find(folder) for folder in folders}


def person_records(extractions: list[Extraction], events: dict[str, str], out: Resolution,
                   lex: Lexicons) -> dict[str, list["PersonRecord"]]:
    """name key -> one record per post that names the person: the post, its event and
    community, the resolved organisations (employers apart from the community's own body),
    groups and titles the post gives."""
    records: dict[str, list[PersonRecord]] = defaultdict(list)
    heads = {key(h) for h in lex.title_heads} - {""}
    head_lengths = sorted({len(h) for h in heads})  # the plainest role first: 架构师, not 首席架构师
    org_keys: dict[str, str] = {}
    seen: dict[tuple, tuple] = {}

    def shared(values: set) -> tuple[str, ...]:
        """The values as a sorted tuple, one object for equal evidence across records."""
        ordered = tuple(sorted(values))
        return seen.setdefault(ordered, ordered)
    communities = project_communities({community_of(e.post.source_path) for e in extractions})
    for extraction in extractions:
        path = extraction.post.source_path
        folder = community_of(path)
        community = communities[folder]
        tokens = community_tokens(folder)
        found: dict[str, dict] = {}

        def record(name: str) -> dict:
            return found.setdefault(key(name), {"path": path, "event": events.get(path, path), "community": community,
                                                "orgs": set(), "employers": set(), "groups": set(), "roles": set()})

        def add(rec: dict, org: str, title: str) -> None:
            oid = out.org_id(org) if org else None
            if oid:
                if oid not in org_keys:
                    org_keys[oid] = key(out.org_names.get(oid, ""))
                community_body = any(t in org_keys[oid] for t in tokens)
                rec["orgs"].add(oid)
                if not community_body:
                    rec["employers"].add(out.employer_of.get(oid, oid))
            else:
                community_body = False
            if title and not community_body:
                title_key = key(title)
                head = next((title_key[-n:] for n in head_lengths if title_key[-n:] in heads), "")
                if head:
                    rec["roles"].add(head)  # a job's role; a role in the community itself (Committer) is no job
        for m in extraction.mentions:
            rec = record(m.name)
            for a in m.affiliations:
                add(rec, a.org, a.title)
        for m in extraction.members:
            rec = record(m.name)
            add(rec, m.org, m.title)
            if out.group_id(m.group_name):
                rec["groups"].add(out.group_id(m.group_name))
        for k, rec in found.items():  # a tuple of sorted tuples, each kept once: a fraction of a dict's memory
            records[k].append(PersonRecord(rec["path"], rec["event"], rec["community"],
                                           *(shared(rec[f]) for f in PersonRecord._fields[3:])))
    return records


ONE_POST = ("one post", 1.0)  # the evidence of a person named in one post only


class PersonRecord(NamedTuple):
    """What one post says of a name: where, and the evidence it gives for joining."""

    path: str
    event: str
    community: str
    orgs: tuple[str, ...]
    employers: tuple[str, ...]
    groups: tuple[str, ...]
    roles: tuple[str, ...]


def resolve_people(extractions: list[Extraction], events: dict[str, str], overrides: dict,
                   out: Resolution, lex: Lexicons) -> None:
    """Block by name, join on evidence; see the module's docstring."""
    records = person_records(extractions, events, out, lex)
    split = {(o.get("source_path", ""), key(o.get("name", ""))) for o in overrides.get("split_person", [])}
    for item in overrides.get("split_person", []):
        ok = any(r.path == item.get("source_path") for r in records.get(key(item.get("name", "")), []))
        record_override(out, "split_person", f"{item.get('name')} in {item.get('source_path')}", ok,
                        "" if ok else "no such person in that post in this run")
    for name_key, recs in records.items():
        assign_people(name_key, recs, split, out)
    apply_person_merges(overrides, out)


@dataclass
class Cluster:
    """Records of one name taken for one person, with the unions its joins compare."""

    members: list["PersonRecord"]
    joined: set[str] = field(default_factory=set)  # kinds of evidence that joined members

    def __post_init__(self) -> None:
        self.communities = {m.community for m in self.members}
        self.employers = self.union("employers")
        self.roles = self.union("roles")
        self.anchored = bool(self.union("orgs") or self.union("groups"))

    def union(self, key_: str) -> set:
        return set().union(*(getattr(m, key_) for m in self.members))

    def absorb(self, other: "Cluster", how: str) -> None:
        self.members.extend(other.members)
        self.joined.add(how)
        self.communities |= other.communities
        self.employers |= other.employers
        self.roles |= other.roles
        self.anchored = self.anchored or other.anchored

    def joins(self, other: "Cluster") -> str:
        """The evidence that other is the same person, or "". Within one community: a mention
        that says nothing of the person joins; otherwise no two different employers and no two
        different roles (title heads: 架构师, 教师 …), a shared role counting for the join."""
        if not self.communities & other.communities:
            return ""
        if not other.anchored:
            return "name"
        mine, theirs = self.employers, other.employers
        if mine and theirs and not mine & theirs:
            return ""
        if self.roles and other.roles and not self.roles & other.roles:
            return ""
        return "titles" if self.roles & other.roles else "community"


def assign_people(name_key: str, recs: list[PersonRecord], split: set, out: Resolution) -> None:
    """Join one name's records: first on strong evidence (the same event, a shared organisation
    or group), then clusters of one community that do not conflict; a split override stands alone."""
    if len(recs) == 1:  # most names: one post, one person
        pid = stable_id("person", name_key)
        out.person_of[(recs[0].path, name_key)] = pid
        out.person_evidence[pid] = ONE_POST
        return
    uf = UnionFind()
    ids = [str(i) for i in range(len(recs))]
    alone = {i for i in ids if (recs[int(i)].path, name_key) in split}
    by_evidence: dict[tuple, list[str]] = defaultdict(list)
    for i in ids:
        uf.find(i)
        if i in alone:
            continue
        rec = recs[int(i)]
        by_evidence[("event", rec.event)].append(i)
        for kind in ("orgs", "groups"):
            for value in getattr(rec, kind):
                by_evidence[(kind, value)].append(i)
    kinds_of: dict[str, set] = defaultdict(set)
    for (kind, _), members in by_evidence.items():
        for a in members[1:]:
            if uf.find(members[0]) != uf.find(a):
                kinds_of[members[0]].add(kind)
                kinds_of[a].add(kind)
            uf.union(members[0], a, kind)
    grouped: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        grouped[uf.find(i)].append(i)
    clusters = [Cluster([recs[int(i)] for i in m], set().union(*(kinds_of[i] for i in m)))
                for m in sorted(grouped.values(), key=lambda m: (-len(m), min(int(i) for i in m)))]
    lone = {id(recs[int(i)]) for i in alone}
    kept: list[Cluster] = []
    by_community: dict[str, set[int]] = defaultdict(set)  # community -> kept clusters there
    for cluster in sorted(clusters, key=lambda c: not c.anchored):  # anchored first, then name-only ones
        solo = any(id(m) in lone for m in cluster.members)
        target, how = None, ""
        # only a kept cluster sharing a community can join: those, in the order they were kept
        candidates = [] if solo else sorted(set().union(*(by_community[c] for c in cluster.communities)))
        for k in candidates:
            how = kept[k].joins(cluster)
            if how and not any(id(m) in lone for m in kept[k].members):
                target = k
                break
        if target is None:
            target = len(kept)
            kept.append(cluster)
        else:
            kept[target].absorb(cluster, how)
        for community in cluster.communities:
            by_community[community].add(target)
    for rank, cluster in enumerate(kept):
        first = min(m.path for m in cluster.members)
        pid = stable_id("person", name_key) if rank == 0 else stable_id("person", f"{name_key}|{first}")
        for m in cluster.members:
            out.person_of[(m.path, name_key)] = pid
        out.person_evidence[pid] = person_evidence(cluster, len(kept))


def person_evidence(cluster: Cluster, namesakes: int) -> tuple[str, float]:
    """What joined a person's mentions, and how sure that is."""
    names = {"event": "same event", "orgs": "shared organisation", "groups": "same group",
             "titles": "same role, no conflicting employer",
             "community": "same community, no conflicting employer or role", "name": "name only, same community"}
    if len(cluster.members) == 1:
        evidence, confidence = ONE_POST
    else:
        joined = sorted(cluster.joined)
        evidence = "; ".join(names[k] for k in joined)
        confidence = 0.6 if {"name", "community"} & cluster.joined else 0.75 if "titles" in joined else \
            0.95 if {"orgs", "groups"} & cluster.joined else 0.9
    if namesakes > 1:
        evidence += f"; {namesakes} people share this name"
    return evidence, confidence


def apply_person_merges(overrides: dict, out: Resolution) -> None:
    known = set(out.person_of.values())
    for item in overrides.get("merge_people", []):
        ids = [str(i) for i in item.get("ids", [])]
        missing = [i for i in ids if i not in known]
        record_override(out, "merge_people", ", ".join(ids), not missing and len(ids) >= 2,
                        f"unknown person_id {', '.join(missing)}" if missing else
                        ("" if len(ids) >= 2 else "name at least two person_ids"))
        if missing or len(ids) < 2:
            continue
        keep = ids[0]
        for k, pid in list(out.person_of.items()):
            if pid in ids:
                out.person_of[k] = keep
        out.person_evidence[keep] = ("override: merged " + ", ".join(ids), 1.0)


# --- the stage -----------------------------------------------------------------------------

class Spellings(Counter):
    """Row counts per spelling key, with the first way each key was written."""

    def __init__(self) -> None:
        super().__init__()
        self.display: dict[str, str] = {}

    def add(self, written: str) -> None:
        k = key(written)
        if k:
            self[k] += 1
            self.display.setdefault(k, written)


def load_overrides(path: Path | None) -> dict:
    """The overrides file, checked: unknown kinds and malformed entries are refused."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OverrideError(f"cannot read overrides file {path}: {exc}") from exc
    unknown = sorted(set(data) - set(OVERRIDE_KINDS))
    if unknown:
        raise OverrideError(f"overrides file {path}: unknown kind(s) {', '.join(unknown)}; "
                            f"known: {', '.join(OVERRIDE_KINDS)}")
    needs = {"merge_people": ("ids",), "split_person": ("source_path", "name"), "org_alias": ("alias", "org"),
             "not_org": ("alias",), "split_org": ("alias",)}
    for kind, items in data.items():
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise OverrideError(f"overrides file {path}: [[{kind}]] must be a list of tables")
        for n, item in enumerate(items, 1):
            missing = [f for f in needs[kind] if not item.get(f)]
            if missing:
                raise OverrideError(f"overrides file {path}: [[{kind}]] entry {n} lacks {', '.join(missing)}")
    return data


def resolve(extractions: list[Extraction], events: dict[str, str], lex: Lexicons,
            overrides: dict | None = None) -> Resolution:
    overrides = overrides or {}
    out = Resolution()
    orgs, groups = Spellings(), Counter()
    for extraction in extractions:
        for m in extraction.mentions:
            for a in m.affiliations:
                if a.org:
                    orgs.add(a.org)
        for m in extraction.members:
            if m.org:
                orgs.add(m.org)
            if m.group_name:
                groups[m.group_name] += 1
        for affs in extraction.member_affiliations.values():
            for a in affs:
                if a.org:
                    orgs.add(a.org)
    declared = [pair for e in extractions for pair in e.post.declared]
    resolve_organisations(orgs, declared, lex, overrides, out)
    resolve_groups(groups, lex, out)
    out.places = {e.post.source_path: city_of(e.post.location, lex.places, lex.provinces) for e in extractions}
    resolve_people(extractions, events, overrides, out, lex)
    return out
