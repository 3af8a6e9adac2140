"""Prose speakers: running text that introduces a person with organisation and title,
`联通数科操作系统研发工程师余昇锦分享了…`, `来自云和恩墨的高级研究员刘伟`."""
from __future__ import annotations

import re

from pipeline.extract.affiliation import EDGE, has_title_word, split_affiliations
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.names import LATIN_NAME, is_person_name
from pipeline.model import Affiliation, Block, Mention

SENTENCE = re.compile(r"[^。！？!?；;\n]+")
CLAUSE_BREAK = re.compile(r"[，,；;：:（）()“”\"]")
LEAD_IN = re.compile(
    r"^(?:.*?(?:此外|随后|之后|其后|最后|首先|接着|然后|会上|会议当天|活动开始|同时|另外|其中|其次|本次|此次|期间|论坛期间|现场))?"
    r".*(?:邀请到了|邀请到|邀请了|邀约|邀请|特邀|请到|包括|是|由(?!于))(?=.{4,})")
CONJUNCTION = re.compile(r"^(?:和|与|及|以及|、|并)\s*")
FROM_ORG = re.compile(r"来自(?P<org>.+?)的(?P<title>.+)$")


def heads_pattern(know: Knowledge) -> re.Pattern:
    """Title heads that introduce a name in prose; heads that are verbs too (开发) are left out."""
    parts = []
    for head in know.lex.title_heads:
        if head in know.verbs:
            continue
        escaped = re.escape(head)
        parts.append(rf"(?<![A-Za-z]){escaped}(?![A-Za-z])" if head.isascii() else escaped)
    return re.compile("|".join(parts))


def name_after(text: str, know: Knowledge) -> str:
    """A name at the start of text (after a title head): 3 characters unless the third is a
    character that follows names (在, 表示 …), else 2; or a Latin name."""
    stripped = text.lstrip(" ")
    latin = LATIN_NAME.match(stripped)
    if latin and is_person_name(latin.group(), know.lex):
        return latin.group()
    for size in (3, 2):
        candidate = stripped[:size]
        if len(candidate) < size or not all("\u4e00" <= ch <= "\u9fff" for ch in candidate):
            continue
        if size == 3 and candidate[2] in know.lex.name_followers:
            continue
        if is_person_name(candidate, know.lex, know.names) and ends_on_word_boundary(stripped, size, know):
            return candidate
    return ""


def ends_on_word_boundary(text: str, size: int, know: Knowledge) -> bool:
    """jieba's cut of the text around a candidate must not run across its end
    (`齐聚一|堂`, `全生命|周期` are not names)."""
    window = text[: size + 4]
    end = 0
    for word in know.tokenizer.lcut(window, HMM=False):
        end += len(word)
        if end == size:
            return True
        if end > size:
            return False
    return True


def affiliation_text_before(clause: str) -> str:
    """The affiliation words at the end of clause: drop the lead-in (`随后，由…`, `…的是`)."""
    clause = CLAUSE_BREAK.split(clause)[-1]
    clause = LEAD_IN.sub("", clause, count=1)
    return CONJUNCTION.sub("", clause.strip(EDGE)).strip(EDGE)


def introduced_people(sentence: str, know: Knowledge, heads: re.Pattern) -> list[tuple[str, list, int]]:
    """(name, affiliations, offset) for each `…title name` in a sentence."""
    found = []
    previous_end = 0
    for match in heads.finditer(sentence):
        name = name_after(sentence[match.end():], know)
        if not name:
            continue
        start = sentence.index(name, match.end())
        if start - match.end() > 1:
            continue
        clause = sentence[previous_end:match.end()]
        # enumerations: `A总经理张三、B总监李四` – the clause starts after the previous name
        clause = re.split(r"[、，,]", clause)[-1] if found else clause
        from_org = FROM_ORG.search(affiliation_text_before_raw(clause))
        if from_org:
            affiliations = split_affiliations(from_org.group("org") + " " + from_org.group("title"), know)
        else:
            affiliations = split_affiliations(affiliation_text_before(clause), know)
        if affiliations:
            found.append((name, affiliations, start))
        previous_end = start + len(name)
    return found


def affiliation_text_before_raw(clause: str) -> str:
    return CLAUSE_BREAK.split(clause)[-1]


ENUM_ITEM = re.compile(r"[^、，,；;。]+")
ITEM_LEAD_IN = re.compile(r"来自|包括|以及|分别是|分别为|有|和|与|及")
ITEM_TAIL = re.compile(r"(?:先生|女士|老师|博士|同学)?(?:等.*)?$")


def org_named_people(sentence: str, know: Knowledge) -> list[tuple[str, list, int]]:
    """`来自云和恩墨王潇、华为梁冰、普元袁怡等`: items of an enumeration that are an organisation
    followed by a name. Items with a known organisation count; once two of them do, items of
    the same shape with an organisation not seen before are read the same way."""
    known, unknown = [], []
    for match in ENUM_ITEM.finditer(sentence):
        item = match.group()
        for lead in ITEM_LEAD_IN.finditer(item):
            if know.org_prefix(item[lead.end():]):
                item = item[lead.end():]  # `…来自云和恩墨王潇`: the first lead-in followed by an organisation
                break
        item = ITEM_TAIL.sub("", item.strip()).strip()
        org = know.org_prefix(item)
        rest = item[len(org):].strip() if org else ""
        if org and is_person_name(rest, know.lex, know.names):
            known.append((rest, [Affiliation(org.strip(), "")], match.start()))
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]{4,14}", item):
            for size in (3, 2):
                name, before = item[-size:], item[:-size]
                if (len(before) >= 2 and is_person_name(name, know.lex, know.names)
                        and not has_title_word(before, know) and not is_person_name(before, know.lex)):
                    unknown.append((name, [Affiliation(before, "")], match.start()))
                    break
    return sorted(known + unknown, key=lambda t: t[2]) if len(known) >= 2 else known


def prose_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    heads = heads_pattern(know)
    mentions = []
    for block in blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        for sentence in SENTENCE.findall(block.text):
            introduced = introduced_people(sentence, know, heads)
            for name, affiliations, _ in introduced:
                mentions.append(Mention(name=name, source_kind="prose", line=block.line,
                                        raw=sentence.strip(), rule="prose:title_then_name",
                                        confidence=0.7, affiliations=affiliations))
            seen = {name for name, _, _ in introduced}
            for name, affiliations, _ in org_named_people(sentence, know):
                if name not in seen:
                    mentions.append(Mention(name=name, source_kind="prose", line=block.line,
                                            raw=sentence.strip(), rule="prose:org_then_name",
                                            confidence=0.6, affiliations=affiliations))
    return mentions
