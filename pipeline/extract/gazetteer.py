"""Learn organisation names from places that state them unambiguously, over the whole run:

- member lines of the form `. Member 熊小红 海量数据` (a name, then an organisation and no title);
- captions of the form `陕西鲲鹏生态创新中心 COO 王涛` (an organisation, a space, a title, a name);
- host and participant enumerations: `由A、B、C主办`, `主办单位：A、B`, `包括A、B、C等30+家单位`;
- any enumeration that names bodies only (two of its items with an organisation ending):
  `邮储银行、中国移动、民生银行`;
- the organisation column of a table with a column of names (`| 周立新 | 北斗云 | 组长 |`).

The result feeds the affiliation splitter (longest known prefix) and jieba's user dictionary,
so that glued captions such as `海量数据内核开发工程师余鹏` split at the right place.
"""
from __future__ import annotations

import dataclasses
import functools
import re

from pipeline.extract.affiliation import EDGE, has_title_word
from pipeline.extract.knowledge import Knowledge, trie_pattern
from pipeline.extract.members import split_role
from pipeline.extract.names import is_person_name
from pipeline.extract.tables import cell_under, column
from pipeline.lexicons import Lexicons
from pipeline.model import Block, Post

HOST_VERBS = r"(?:联合主办|共同主办|主办|承办|协办|合办|联合举办|共同举办|举办|指导|支持|发起)"
HOSTED_BY = re.compile(rf"(?<![理自])由(?!于)([^。！？；：:\n]{{2,160}}?)(?P<verb>{HOST_VERBS})")
HOSTING = ("主办", "承办", "协办", "合办", "举办")  # verbs (or 共同 and 联合 before any) that make a list
# across clauses a list of hosts
INCLUDING = re.compile(r"(?:包括|包含)([^。！？；：:\n]{4,300}?)等\s*(?:\d+\s*\+?\s*)?(?:多|余)?家")
HOST_ROLES = r"(?:主办|承办|协办|合办|支持|合作|指导)"  # what a host label names (`主办单位：`, `## 合作宣传`)
HOST_LINE = re.compile(rf"{HOST_ROLES}(?:单位|方|伙伴)\s*[:：]\s*(?P<list>[^。；\n]{{2,200}})")
# a heading that is only a host label (`主办单位`, `合作宣传`), not one about support (`操作系统支持`)
HOST_HEADING = re.compile(rf"\W*(?:联合|战略)?{HOST_ROLES}(?:单位|方|伙伴|媒体|宣传|社区)?\W*")
CLAUSE_BREAK = re.compile(r"[，,]")
SENTENCE_MARK = re.compile(r"[，。！？!?]")
ENUM_SPLIT = re.compile(r"[、，,；;和及与]|以及")


def candidate_orgs(text: str, lex: Lexicons) -> list[str]:
    """Items of an enumeration `A、B、C` that look like organisation names (two items at least).
    An item shaped like a name (`华为`) is kept: host lists name organisations, not people."""
    items = ENUM_SPLIT.split(text)
    if len(items) < 2 or lex.han_title_heads.ending(text.strip(EDGE + " ")):
        return []  # `由张潇、李孟轩等维护者发起`: a role after the list says its items are people
    out = []
    for item in map(enumerated_item, items):
        if 2 <= len(item.replace(" ", "")) <= 24 and plausible_org(item, lex) and item not in lex.not_names:
            out.append(item)
    return out


def enumerated_item(item: str) -> str:
    """An item of an enumeration without the words around it: `由`, `包括` before, `等单位`,
    `联合举办的` after."""
    item = ITEM_BEFORE.sub("", item.strip(EDGE + " ")).strip(EDGE)
    return ITEM_AFTER.sub("", item).strip(EDGE)


ITEM_BEFORE = re.compile(r"^(?:由|和|及|与|以及|包括|来自|的)")
ITEM_AFTER = re.compile(rf"\s*等[\u4e00-\u9fff]{{0,4}}$|(?:共同|联合|携手|社区联合)?(?:{HOST_VERBS}|协助|参与)*的?$")


ENUMERATION_EDGE = re.compile(r"[，,。；;：:！？!?\n《》“”\"*【】]")


def enumerated_orgs(text: str, lex: Lexicons) -> list[str]:
    """`邮储银行、中国移动、民生银行`: an enumeration of three items or more (a clause's parts
    between 、), two of them with an organisation ending, none a place or a person's name and
    nearly all plausible organisations, names organisations only: its plausible items without
    an ending are learned (those with one need no learning)."""
    learned = []
    for clause in ENUMERATION_EDGE.split(text) if text.count("、") >= 2 else ():
        if clause.count("、") < 2 or len(org_endings(lex.org_suffixes).findall(clause)) < 2:
            continue  # the cheap tests first: most lists are of things, with no organisation ending
        items = [enumerated_item(i) for i in clause.split("、")]
        ended = [bool(lex.org_suffix_set.ending(i)) for i in items]
        if sum(ended) < 2 or any(i in lex.place_names or i in lex.not_names or is_person_name(i, lex) for i in items):
            continue
        plausible = [2 <= len(i) <= 24 and plausible_org(i, lex) for i in items]
        if 3 * sum(plausible) < 2 * len(items) or sum(p and e for p, e in zip(plausible, ended)) < 2:
            continue
        learned.extend(i for i, ok in zip(items, plausible) if ok and learnable(i, lex))
    return learned


@functools.lru_cache(maxsize=4)
def org_endings(suffixes: tuple[str, ...]) -> re.Pattern:
    return re.compile(trie_pattern(list(suffixes)))


def learnable(item: str, lex: Lexicons) -> bool:
    """An enumerated item worth learning: no organisation ending (it needs none), 12 characters
    or less, no conjunction inside (`用户和科研院校`), and, written in Han, three characters or
    more (two are as often a word: 移动, 浪潮)."""
    return (not lex.org_suffix_set.ending(item) and len(item) <= 12 and not CONJOINED.search(item)
            and (len(item) >= 3 or item.isascii()))


CONJOINED = re.compile(r"[和与及]")


def plausible_org(item: str, lex: Lexicons) -> bool:
    if re.search(r"[。！？：:“”《》()（）%#@]", item) or any(w in item for w in lex.not_org_words):
        return False
    if item.count(" ") > 2 or re.match(r"^[\d\W]", item):
        return False
    if item.startswith(lex.long_title_modifiers) or lex.han_title_heads.ending(item):
        return False
    return not item.endswith(lex.not_org_endings)


def member_line_org(text: str, know: Knowledge) -> str:
    """`Member 熊小红 海量数据` -> `海量数据` (a name first, then an organisation with no title)."""
    role, rest = split_role(text, know)
    tokens = rest.split() if role else []
    if len(tokens) >= 2 and is_person_name(tokens[0], know.lex):
        org = " ".join(tokens[1:]).strip(EDGE)
        if not has_title_word(org, know) and 2 <= len(org) <= 30:
            return org
    return ""


def caption_org(text: str, know: Knowledge) -> str:
    """`陕西鲲鹏生态创新中心 COO 王涛`: an organisation set apart by a space from the title that
    follows it, in a caption ending with a name."""
    tokens = text.split()
    if len(tokens) < 3 or re.search(r"[|｜《》]", text) or not is_person_name(tokens[-1], know.lex):
        return ""  # `talk | affiliation name` lines open with a talk, not an organisation
    first, second = tokens[0].strip(EDGE), tokens[1]
    opens_title = second.startswith(know.long_title_starters) or \
        know.title_words.match(second) is not None or second.lower() in know.lex.latin_title_words
    if opens_title and 2 <= len(first) <= 20 and not has_title_word(first, know) \
            and not is_person_name(first, know.lex) and plausible_org(first, know.lex):
        return first
    return ""


def table_org(block: Block, know: Knowledge) -> str:
    """`| 周立新 | 北斗云 | 组长 |` under `| 姓名 | 单位 | 角色 |`: the cell of an organisation column
    in a row whose name column holds a person's name, when it holds no title."""
    name = cell_under(block, know.columns.name).strip(EDGE + " ")
    org = cell_under(block, know.columns.org, column(block.header, know.columns.name)).strip(EDGE + " ")
    if (name and is_person_name(name, know.lex) and 2 <= len(org) <= 30
            and not has_title_word(org, know) and plausible_org(org, know.lex) and not is_person_name(org, know.lex)):
        return org
    return ""


def run_gazetteer(posts: list[Post]) -> frozenset[str]:
    """The run's gazetteer: the union of the organisations each post states, read from the
    posts' summaries (`learned_orgs`, filled per post by `post_organisations`)."""
    return frozenset(org for post in posts for org in post.learned_orgs)


def organisation_form(text: str) -> str:
    """The form in which an organisation is sought in a post's text: lower case, no white
    space (the org lookups skip spaces; a wider match only costs a re-extraction)."""
    return WHITE_SPACE.sub("", text.lower())


WHITE_SPACE = re.compile(r"\s+")


def organisation_text(post: Post) -> str:
    """Every text of a post (front matter fields, blocks, their cells and markup) in
    organisation_form, set apart by NULs: an organisation that occurs in none of it cannot
    change the post's extraction, since each lookup of the gazetteer is of a piece of that
    text and jieba cuts a text by the words it contains (see build_knowledge)."""
    texts: dict[str, None] = {}
    for record in (post, *post.blocks):
        for name in field_names(type(record)):
            value = getattr(record, name)
            if type(value) is str:
                texts[value] = None
            elif type(value) is tuple:
                texts.update((text, None) for text in value if type(text) is str)
    return organisation_form("\0".join(texts))


@functools.cache
def field_names(record_type: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(record_type))


def post_organisations(post: Post, bare: Knowledge) -> set[str]:
    """The organisations one post states unambiguously: what it adds to the run's gazetteer."""
    lex = bare.lex
    learned: set[str] = set()
    previous_heading = ""
    for block in post.blocks:
        if block.kind == "heading":
            previous_heading = block.text
            continue
        if block.kind == "list_item":
            org = member_line_org(block.text, bare)
            if org:
                learned.add(org)
        if block.kind == "table_row":
            org = table_org(block, bare)
            if org:
                learned.add(org)
        if block.emphasised or block.after_media:
            org = caption_org(block.text, bare)
            if org:
                learned.add(org)
        for match in HOSTED_BY.finditer(block.text):
            if (match.group("verb").endswith(HOSTING) or match.group(1).endswith(("共同", "联合"))
                    or not CLAUSE_BREAK.search(match.group(1))):
                learned.update(candidate_orgs(match.group(1), lex))  # not `由多个主机构成，…，提供修复工具支持`
        for match in HOST_LINE.finditer(block.text):
            learned.update(candidate_orgs(match.group("list"), lex))
        for match in INCLUDING.finditer(block.text):
            learned.update(candidate_orgs(match.group(1), lex))
        learned.update(enumerated_orgs(block.text, lex))
        if HOST_HEADING.fullmatch(previous_heading) and block.kind == "paragraph" and len(block.text) < 200 \
                and not SENTENCE_MARK.search(block.text):  # a list of bodies, not `目前，A 已与…达成合作，…`
            learned.update(candidate_orgs(block.text, lex))
        previous_heading = "" if block.kind != "media" else previous_heading
    return learned
