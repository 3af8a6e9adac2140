"""Read a short text that names one person: `云和恩墨西区业务部总经理 鲜亿福`,
`穆廷  openGauss项目总监`, `胡正策：openGauss 数据库领域总经理`, `演讲嘉宾：李铮 | openLooKeng PMC`,
`西北工业大学教授、博士生导师陈群`, `01-胡正策《开场致辞》`, `南京大学地球与科学工程学院周会群教授`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.affiliation import (EDGE, HANDLE, HANDLE_PIECE, SINGLE_LATIN_BODY, bio_affiliations, credible_org,
                                          ends_with_org, ends_with_title, has_title_word, reads_as_sentence,
                                          split_affiliations, starts_with_org, titles_of_last_body)
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.names import LATIN_NAME, LATIN_WORD, is_chinese_name, is_person_name, strip_honorific
from pipeline.extract.talks import BOOK, CLOCK, LEADING_CLOCK, clean_title, event_part, whole_talk
from pipeline.model import Affiliation, Block
from pipeline.normalise import strip_edge

NUMBERING = re.compile(r"^\s*(?:[（(]?[左右][一二三四五六七八九十\d]+[）)]?|\d{1,2}\s*[-.、:：)）/|｜]|\d{1,2}\s+(?=[\u4e00-\u9fff]{2,4}[:：\s])|part\s*\d+\s*[:：.|｜/]?|第[一二三四五六七八九十\d]+[位个][:：、]?|[①-⑳])\s*",
                       re.I)
SPEECH_ONLY = re.compile(r"致辞|致词|开场|欢迎|主持")
# a photo caption that is a sentence about its person: the name, then where they speak
PERSON_THEN_PLACE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?:在|于)\s*(?=\S)")
# `Jane Roe (Acme) presenting "Scaling Service Mesh"`: an English caption's verb, then the quoted talk
LATIN_PRESENTING = re.compile(r"\s+(?:presenting|presents|presented|talking about|talks about|speaking on|on)\s+"
                              r"[\"“](?P<title>[^\"“”]{3,120})[\"”]?\s*$", re.I)  # the closing mark may be cut as an edge
SPEECH_TAIL = re.compile(r"\s*(?:正在|在?现场|在|为大家|为现场观众|向大家)?\s*(?:发表|带来|分享|作|做|进行)?了?\s*(?:题为)?\s*的?\s*"
                         r"(?:精彩|主题|精彩的|主旨)*\s*(?:演讲|分享|报告|致(?:开幕|欢迎|闭幕|开场)?[辞词]|讲话|发言)\s*(?:现场|中)?\s*$")  # `…分享现场`
NAME_SEPARATORS = re.compile(r"\s*(?:[|｜:：]|——|—|--| [-–@] |\s?@(?=[\u4e00-\u9fff]))\s*")  # `王一 @星河科技`
BAR = re.compile(r"\s*[|｜]\s*|\s+[/／·•]\s+")  # `王一 · 星河科技 架构师`: a spaced dot too (a foreign name's has none)
DOTS = re.compile(r"\s*[·・•]\s*")  # parts set apart by middle dots (inside a foreign name, only two parts)
DASHES = re.compile(r"\s+[-–—―]{1,2}\s+")  # `王一 - 星河科技 - 架构师`: parts set apart by spaced dashes
TALK_THEN_PERSON = re.compile(r"^(?P<talk>[^（()）]{4,}?)\s*(?:[（(](?P<inner>[^（）()]+)[）)]|(?:——|—|--|\s-\s)\s*(?P<after>.+))$")
SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])([\u4e00-\u9fff]) ([\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])")
# `朱鹏飞（花名：敦谷）`, `李凯（知乎 ID：郁白）`, `王一 (Rick)`: a bracket right after the name
NICKNAME = re.compile(rf"^(?P<name>[^\s（()）:：，,|｜]{{2,20}}(?: {LATIN_WORD})?)\s*[（(](?P<inner>[^（）()]{{1,60}})[）)]\s*")
NICKNAME_LABEL = re.compile(r"^(?:花名|昵称|网名|英文名|又名|笔名|社区\s*ID|[^：:]{0,6}ID)\s*[:：]?\s*", re.I)
NAME_COMMA = re.compile(rf"^(?P<name>[^\s，,：:|｜]{{2,20}}|{LATIN_WORD}(?: {LATIN_WORD}){{0,2}})\s*[，,]\s*(?P<rest>.+)$")


@dataclass
class PersonText:
    name: str
    affiliations: list[Affiliation] = field(default_factory=list)
    talk: str = ""
    labelled: bool = False  # a speaker label (演讲嘉宾：…) stood in front
    nickname: str = ""  # `（花名：一刀）` after the name


LATIN_GIVEN_NAME = re.compile(r"[A-Z][a-z]{1,11}")  # `James`, `Pages`: one capitalised word
BRAND_WORD = re.compile(r"[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*|[A-Z]{3,}")  # `DaoCloud`, `PingCAP`, `IBM`: no given name


def split_nickname(text: str, know: Knowledge) -> tuple[str, str]:
    """(text without the bracket, nickname) when a name opens text and a bracket follows it."""
    match = NICKNAME.match(text)
    name, title = name_of(match.group("name"), know, beside=text[match.end():]) if match else ("", "")
    if not name:
        return text, ""
    inner = match.group("inner").strip()
    rest = text[match.end():]
    body_word = (match.group("name").isascii() and SINGLE_LATIN_BODY.fullmatch(inner) is not None) \
        or BRAND_WORD.fullmatch(inner) is not None  # `Jane Roe (Acme)`, `王一 (DaoCloud)`, where `王一 (Rick)` is another spelling
    if not NICKNAME_LABEL.match(inner) and (body_word or not HANDLE_WORD.fullmatch(inner)) \
            and not other_spelling(inner, know) and (
            body_word or affiliation_evidence(inner, know) or len(inner) >= 4):
        inner = f"{inner} {title}".strip()  # `周会群教授（北辰大学）`: the title after the name is the body's
        return f"{name} | {inner}{'，' + rest.lstrip('，, ') if rest.strip(EDGE) else ''}", ""
    nickname = NICKNAME_LABEL.sub("", inner).strip()
    named = f"{name} {title}".strip()  # `王一老师（Rick）`: an honorific is no title
    return (named + ((" " + rest) if rest and not rest[0] in "，,：:|｜" else rest)), nickname


SPELLED_AFTER = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}})\s+(?P<latin>{LATIN_WORD}(?: {LATIN_WORD}){{1,2}})"
                           r"(?P<rest>\s*[,，、|｜/]\s*.*|\s+[\u4e00-\u9fff].*)?$")


# `黎一泽/Armlly`, `王一凡 / Jane Roe`: a Han name, a slash, its handle or Latin name
SLASHED_SPELLING = re.compile(rf"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{{2,4}})\s*[/／]\s*"
                              rf"(?P<latin>@?[A-Za-z][\w.\-]*(?: {LATIN_WORD}){{0,2}})(?![\w.\-])")


# `黎一泽 Armlly｜星河科技 工程师`, `王一鸣 Jason，星河科技架构师`: a Han name, one Latin word, then a part of its own
HANDLE_AFTER = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})\s+(?P<latin>[A-Za-z][\w.\-]*)\s*[|｜，,：:]\s*(?P<rest>\S.*)$")


# `程一鹏 @chengyp （北辰科技）`, `Jane Roe (@janeroe), Acme Corp`: a name, then a handle
NAME_THEN_HANDLE = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}}|{LATIN_WORD}(?: {LATIN_WORD}){{1,2}})\s*"
                              r"(?P<open>[（(]\s*)?(?P<handle>@[A-Za-z0-9][\w.\-]*)(?(open)\s*[）)])(?P<rest>.*)$")


HANDLE_PART = re.compile(HANDLE_PIECE.pattern + r"\s*[，,、;；]?\s*")  # `@xuqiang，` in an aside
HANDLE_WORD = re.compile(r"@?[A-Za-z][\w.\-]*")  # `@wangyd`, `Reminiscent`: one word a person goes by
LABELLED_HANDLE = re.compile(rf"(?:[^：:]*[：:])?\s*{HANDLE_WORD.pattern}")  # `作者：Reminiscent`
HANDLE_THEN_BRACKETED_NAME = re.compile(rf"^(?P<handle>{HANDLE_WORD.pattern})\s*[（(](?P<name>[\u4e00-\u9fff]{{2,4}})"
                                        r"(?P<rest>(?:\s*[，,、|｜][^（）()]*)?)[）)]\s*"
                                        r"(?P<after>[，,|｜：:][^（）()]*)?$")  # `Jason（王一鸣），星河科技架构师`
HANDLE_THEN_NAME = re.compile(r"^(?P<handle>@[A-Za-z0-9][\w.\-]*)\s+(?P<name>[\u4e00-\u9fff]{2,4})(?P<rest>(?:[\s（(，,|｜].*)?)$")


def split_spelling(text: str, know: Knowledge) -> tuple[str, str]:
    """`张一帆 Zhang Yifan, 星河科技 CTO`, `黎一泽/Armlly 星河科技工程师`: a Han name with its Latin
    spelling or handle after it, unbracketed: (text without the spelling, the spelling as a
    nickname); else (text, ""). One Latin word is a handle only when the part after it opens
    with the organisation, or names one after a word of a given name's shape (`王一鸣 Jason，星河科技
    架构师`); `王一 StarDB｜架构师`, `王一 Google，架构师`: the word is the body."""
    match = SPELLED_AFTER.match(text)
    if match and other_spelling(match.group("latin"), know):
        return match.group("name") + (match.group("rest") or ""), match.group("latin")
    match = HANDLE_AFTER.match(text)
    if match and is_person_name(match.group("name"), know.lex, know.names) and (
            starts_with_org(match.group("rest"), know) or (LATIN_GIVEN_NAME.fullmatch(match.group("latin")) and any(
                a.org for a in split_affiliations(match.group("rest"), know)))) \
            and not know.org_prefix(match.group("latin")) and match.group("latin").lower() not in know.lex.latin_title_words:
        return f"{match.group('name')}｜{match.group('rest')}", match.group("latin")
    match = HANDLE_THEN_NAME.match(text)
    if match and is_person_name(match.group("name"), know.lex, know.names):
        return match.group("name") + match.group("rest"), match.group("handle")  # `@wangyd 王一东（北辰软件）`
    match = HANDLE_THEN_BRACKETED_NAME.match(text)
    if match and is_chinese_name(match.group("name"), know.lex, know.names):
        rest = "，".join(part for part in (match.group("rest").strip(EDGE), (match.group("after") or "").strip(EDGE))
                        if part)
        return match.group("name") + (f"，{rest}" if rest else ""), match.group("handle")  # `Reminiscent（鄢程鹏）`
    match = NAME_THEN_HANDLE.match(text)
    if match and is_person_name(match.group("name"), know.lex, know.names):
        rest = match.group("rest").strip()
        return match.group("name") + (rest if rest[:1] in "，,（(|｜" else f" {rest}" if rest else ""), \
            match.group("handle")
    match = SLASHED_SPELLING.search(text)
    if match and is_person_name(match.group("name"), know.lex, know.names):
        return text[:match.end("name")] + text[match.end():], match.group("latin")  # `导师：黎一泽/Armlly` too
    return text, ""


def other_spelling(text: str, know: Knowledge) -> bool:
    """`Tony Tai`, `Chen Wei`: a Latin name with a Chinese surname first or last, the same
    person's other spelling beside a Han name (`Red Hat` has none)."""
    words = text.split()
    return len(words) in (2, 3) and LATIN_NAME.fullmatch(text) is not None and (
        words[0].lower() in know.lex.surname_romanisations or words[-1].lower() in know.lex.surname_romanisations)


SEPARATED_REST = re.compile(r"(?:[:：]|——|—|--|[-–]\s)\s*(?P<rest>\S.*)$")


def aside_then_talk(text: str, know: Knowledge) -> PersonText | None:
    """`张一三（星河科技）：开源治理的实践`, `Tom Barlow (Globex) — Kubernetes at scale`: a name,
    its affiliation in brackets (NICKNAME's shape), a separator, then a talk (no title word, no
    organisation)."""
    match = NICKNAME.match(text)
    after = SEPARATED_REST.match(text, match.end()) if match else None
    if not after or not is_person_name(match.group("name"), know.lex, know.names):
        return None
    aside, rest = match.group("inner").strip(EDGE), after.group("rest").strip(EDGE)
    if (len(rest) < 6 or has_title_word(rest, know) or ends_with_org(rest, know) or know.org_prefix(rest)
            or other_spelling(aside, know) or is_person_name(aside, know.lex, know.names)):
        return None
    return PersonText(match.group("name"), split_affiliations(aside, know), clean_title(rest))


ASIDE_AT_END = re.compile(r"^(?P<lead>[^（）()]*[^\s（）()])\s*[（(](?P<aside>[^（）()]{2,40})[）)]$")


def aside_after_titled_name(text: str, know: Knowledge) -> PersonText | None:
    """`Pulsar PMC 成员 翟一佳（星河流 联合创始人）`: a person-text that ends with the name, then an
    aside that reads as one more affiliation (a bare name's bracket is split_nickname's); a title
    alone before the name and a body alone in the aside make one (`架构师 王一（星河科技）`)."""
    match = ASIDE_AT_END.match(text)
    aside = match.group("aside").strip(EDGE) if match else ""
    if not aside or other_spelling(aside, know) or HANDLE.search(aside) or not (
            affiliation_evidence(aside, know) or credible_org(aside, know)):
        return None
    lead = match.group("lead")
    if BAR.search(lead):
        return None  # `talk / name（body）`: the halves are read apart
    person = person_of(lead, "", False, know)
    if person is None or not person.affiliations or not lead.endswith(person.name) or not all(
            a.title or credible_org(a.org, know) for a in person.affiliations):
        return None
    more = split_affiliations(aside, know)
    titles = [a.title for a in person.affiliations if not a.org]
    if len(titles) == len(person.affiliations) and more and all(a.org and not a.title for a in more):
        person.affiliations = [Affiliation(a.org, title) for a in more for title in titles]
    else:
        person.affiliations = person.affiliations + more
    return person


def bio_person(text: str, know: Knowledge) -> PersonText | None:
    """`吴镝，今日头条数据库中间件负责人`, `聂殿辉，TiKV Committer，曾经是…`: a name, a comma,
    then the clauses of a bio (the first sentence's affiliation clauses only)."""
    text, labelled = strip_label(strip_edge(re.sub(r"\s+", " ", text), EDGE), know)
    text, nickname = split_nickname(text, know)
    match = NAME_COMMA.match(text)
    if not match:
        return None
    name, _ = name_of(match.group("name"), know, beside=match.group("rest"))
    first_clause = re.split(r"[，,、]", match.group("rest"))[0].strip(EDGE)
    if not name or name_of(first_clause, know)[0]:
        return None  # `张三，李四，王五`: a list of names, not a bio
    rest = match.group("rest").strip(EDGE)
    if LATIN_NAME.fullmatch(name) and " " in name and SINGLE_LATIN_BODY.fullmatch(rest) \
            and rest.lower() not in know.lex.latin_stopwords and rest.lower() not in know.lex.latin_title_words:
        return PersonText(name, [Affiliation(rest, "")], "", labelled, nickname)  # `Kevin Zhao, Bluewhale`: after
        # a Latin full name one capitalised word is a body (after a Han name it is as often an English name)
    return PersonText(name, bio_affiliations(match.group("rest"), know), "", labelled, nickname)


FIELD_LABEL = re.compile(r"^\s*(?P<label>[\u4e00-\u9fff]{2,6})\s*[：:]")


def field_values(text: str, know: Knowledge) -> bool:
    """`地点：Hall 1–5 · Gouda Zone · Poster Pavilion`: a field whose label is a word (no name) and
    whose value is parts set apart by bars or dots: the field's values, no person's parts."""
    field = FIELD_LABEL.match(text)
    return bool(field) and BAR.search(text, field.end()) is not None and field.group("label") in know.dictionary \
        and not is_person_name(field.group("label"), know.lex, know.names)


def bar_parts_person(text: str, know: Knowledge) -> PersonText | None:
    """`王一 | 某某科技 | 前端负责人`, `彭雪梅 | 创业者 | 全栈工程师 | fCC 活动组织者`, `韩一梅·北辰大学·副教授`:
    three parts or more, one of them the name; every other part is an affiliation of its own,
    but a time is no part, and a last part after the name or a first part before it that is
    marked or reads as no affiliation (six characters or more) is the talk
    (`14:00 | 王一 | 星河科技 | 服务网格实践`, `服务网格的演进 | 王一 | 星河科技`)."""
    for separator in (BAR, DOTS, DASHES):  # `韩一梅·北辰大学·副教授`, `王一 - 星河科技 - 架构师`
        parts = [p.strip(EDGE) for p in separator.split(text) if p.strip(EDGE) and not CLOCK.fullmatch(p)]
        if len(parts) >= 3:
            break
    else:
        return None
    surnamed = next((k for k, part in enumerate(parts) if is_person_name(part, know.lex, know.names)), -1)
    for k in sorted(range(len(parts)), key=lambda k: k != surnamed):  # `美团 | 高级工程师 | 钱七`: a part that is
        # a name a known surname opens is tried first
        part = parts[k]
        name, after = name_of(part, know, beside=" ".join(parts[:k] + parts[k + 1:]))
        if name:
            before, after_name = ([p for p in side if not event_entry(p, know)] for side in (parts[:k], parts[k + 1:]))
            rest, talk = before + after_name, ""
            sides = [(-1, bool(after_name)), (0, bool(before))]  # the last part after the name, the first before it
            for at, possible in sides:
                side = rest[at] if possible and len(rest) >= 2 else ""
                shortest = 4 if at == -1 and len(after_name) >= 2 and not has_title_word(after_name[-2], know) \
                    else 6  # `王一 | 星河科技 | 向量检索`: after a body's part, the last is the talk even when short
                if side and (whole_talk(side) or (len(side.replace(" ", "")) >= shortest and no_affiliation(side, know))):
                    rest, talk = rest[:-1] if at == -1 else rest[1:], clean_title(side)
                    if not any(has_title_word(p, know) or credible_org(p, know) for p in rest):
                        return None  # `面向 NVIDIA / Huawei Ascend / Enflame 的…实践`: a topic's parts, nobody's
                    break
            return PersonText(name, part_affiliations(rest, know), talk)
    return None


def event_entry(part: str, know: Knowledge) -> bool:
    """`开场致辞 | 王一 | 星河科技`: a part of the event among a person's parts, no body; a short
    one holds a word of the event's parts (`致辞`), else it is a body (`王一 | 美团 | 工程师`)."""
    return event_part(part, know) and no_affiliation(part, know) and (
        len(part) >= 4 or any(w in part for w in know.lex.generic_headings))


def part_affiliations(parts: list[str], know: Knowledge) -> list[Affiliation]:
    """Each part is an affiliation of its own, but an organisation alone (`星河科技`) joins the
    title part after it (`星河科技 / 架构师`), and a last one the title part before it that names
    no organisation (`Senior Engineer | Alibaba Cloud`)."""
    out: list[Affiliation] = []
    pending = ""
    for part in parts:
        if not has_title_word(part, know) and part is not parts[-1]:
            pending = f"{pending} {part}".strip()
            continue
        found = split_affiliations(f"{pending} {part}".strip(), know)
        if out and not out[-1].org and out[-1].title and not pending and len(found) == 1 and found[0].org \
                and not found[0].title:
            out[-1] = Affiliation(found[0].org, out[-1].title)
        else:
            out.extend(found)
        pending = ""
    return out


LATIN_FULL_NAME = rf"{LATIN_WORD}(?: {LATIN_WORD}){{1,2}}"
LATIN_LEAD = re.compile(rf"^(?P<name>{LATIN_FULL_NAME})\s+(?P<rest>[\u4e00-\u9fff].*)$")
LATIN_TAIL = re.compile(rf"^(?P<rest>.*[\u4e00-\u9fff])\s+(?P<name>{LATIN_FULL_NAME})"
                        r"(?:\s*[（(](?P<aside>[\u4e00-\u9fff]{2,4})[）)])?$")


def latin_name_person(text: str, know: Knowledge) -> PersonText | None:
    """`Kevin Wang 星河科技架构师`, `星河科技架构师 Kevin Wang（王凯文）`: a Latin full name before or
    after a Chinese affiliation with a title (the Han name in brackets is another spelling)."""
    match = LATIN_LEAD.match(text) or LATIN_TAIL.match(text)
    if not match or not is_person_name(match.group("name"), know.lex, know.names) \
            or not has_title_word(match.group("rest"), know):
        return None
    words = match.group("name").split(" ")
    if match.re is LATIN_LEAD and len(words) == 3 and words[1].lower() in know.lex.surname_romanisations \
            and words[2].lower() not in know.lex.surname_romanisations:  # `Tom Zhang Zilliz 解决方案架构师`
        return PersonText(" ".join(words[:2]), split_affiliations(f"{words[2]} {match.group('rest')}", know))
    last = match.group("rest").split(" ")[-1]
    if match.re is LATIN_LEAD and (is_person_name(last, know.lex, know.names) or trailing_name(last, know)):
        return None  # `Transfer Queue 社区 Maintainer 荣程浩`: a project before the person's affiliation
    aside = match.groupdict().get("aside") or ""
    return PersonText(match.group("name"), split_affiliations(match.group("rest"), know), nickname=aside)


TWO_SPELLINGS = re.compile(rf"^(?:(?P<latin>{LATIN_FULL_NAME})\s+(?P<han>[\u4e00-\u9fff]{{2,4}})"
                           rf"|(?P<han_first>[\u4e00-\u9fff]{{2,4}})\s+(?P<latin_after>{LATIN_FULL_NAME}))$")


def two_spellings_person(text: str, know: Knowledge) -> PersonText | None:
    """`Kevin Zhao 赵一凯`, `赵一凯 Kevin Zhao`: a Han name beside a Latin one with a romanised surname,
    nothing more: one person's two spellings (not `Red Hat 王一`, a body and a name)."""
    match = TWO_SPELLINGS.match(text)
    if not match:
        return None
    han, latin = match.group("han") or match.group("han_first"), match.group("latin") or match.group("latin_after")
    if not is_chinese_name(han, know.lex, know.names) or not is_person_name(latin, know.lex, know.names) or not any(
            word.lower() in know.lex.surname_romanisations for word in latin.split()):
        return None
    return PersonText(han, nickname=latin)


TALK_BY = re.compile(r"^(?P<talk>.*?)(?:^|(?<=\s))by\s+(?P<person>\S.*)$", re.I)  # `… by 祖一鸣（星河科技）`
PARTICIPLE = re.compile(r"[A-Za-z]+ed$", re.I)  # `Hosted by`, `Presented by`: a role, no talk


FROM_ORG = re.compile(rf"^(?P<name>{LATIN_FULL_NAME})\s+(?:\(\s*@?[\w.\-]+\s*\)\s+)?from\s+"
                      r"(?P<org>[A-Z0-9][\w.&'\-]*(?: [A-Z0-9&][\w.&'\-]*){0,4})\s*$")


def from_org_person(text: str, know: Knowledge) -> PersonText | None:
    """`Priya Nair from Acme Corp`, `Priya Nair (@priyan) from Acme Corp`: a Latin full name,
    `from`, a capitalised body (English's 来自)."""
    match = FROM_ORG.match(text)
    if not match or not is_person_name(match.group("name"), know.lex, know.names):
        return None
    return PersonText(match.group("name"), [Affiliation(match.group("org"), "")])


def talk_then_person(text: str, know: Knowledge) -> PersonText | None:
    """Agenda lines: `服务网格实践（星河云 架构师-王一 14:00-14:40）`, `服务网格实践 —— 王一（星河科技）`."""
    match = TALK_THEN_PERSON.match(CLOCK.sub(" ", text).strip())
    if not match:
        return None
    talk = match.group("talk").strip(EDGE)
    marked = know.talk_marker.match(talk)  # `分享主题：数据湖的演进（王一，…）`
    talk = marked.group("title").strip(EDGE) if marked else talk
    inner = re.sub(r"(?<=[\u4e00-\u9fffA-Za-z])-(?=[\u4e00-\u9fff])", " ", match.group("inner") or match.group("after"))
    if event_entry(talk, know):
        talk = ""  # `开场致辞 —— 王一（星河科技）`: a part of the event, no talk
    elif has_title_word(talk, know) or know.speaker_label.match(talk) or len(talk) < 4 or credible_org(talk, know):
        return None  # `星河大学 - 王一`: a body before the name, no talk
    person = parse_person_text(inner, know)
    if person is None or person.talk or not is_person_name(person.name, know.lex, know.names, single_latin=False):
        return None
    person.talk = talk
    return person


ISSUE_REFERENCE = re.compile(r"(?:[\w.-]+/[\w.-]+)?#\d{2,}\b")  # `#1235`, `org/repo#12`; not `#1` numbering


PERSON_THEN_TALK = re.compile(r"^(?P<person>.+)(?:\s*——\s*|\s+[—–]\s+|\s+--\s+)(?P<talk>[^—–]+)$")


def person_then_talk(text: str, know: Knowledge) -> PersonText | None:
    """`王一，星河科技架构师 —— 服务网格的落地实践`, `John Smith, Staff Engineer @ Globex — eBPF in
    Production`: a person text with an organisation, a long dash, then a talk (no title word, no
    organisation ending or known name: a capitalised phrase there is the talk, not a body, nor a
    person unless it says more of one)."""
    match = PERSON_THEN_TALK.match(text)
    if not match:
        return None
    talk = match.group("talk").strip(EDGE)
    if event_entry(talk, know):
        talk = ""  # `王一（星河科技）—— 开场致辞`: a part of the event, neither talk nor body
    second = parse_person_text(talk, know) if talk else None  # `… — Scaling Foo` may read as a name: not if it
    # says nothing more
    if talk and len(talk) < 4 or has_title_word(talk, know) or ends_with_org(talk, know) or know.org_prefix(talk) \
            or (second is not None and (second.affiliations or second.talk)):
        return None
    person = parse_person_text(match.group("person"), know)
    if person is None or person.talk or not any(a.org for a in person.affiliations):
        return None
    person.talk = clean_title(talk)
    return person


def label_inside(text: str, know: Knowledge) -> re.Match | None:
    """`**服务网格实践** 讲师：王一`: a speaker label after a space, inside the line (its match)."""
    if not any(mark in text for mark in "：:】]"):
        return None  # every label ends with a colon or a closing bracket
    match = know.speaker_label.search(text)
    if match and match.start() >= 4 and (match.group()[0].isspace() or text[match.start() - 1] == " "):
        return match
    return None


def bare_label(text: str, know: Knowledge, shape: re.Pattern | None = None) -> re.Match | None:
    """A speaker label word without its colon, then a space (`嘉宾 蓝一洋（北辰科技）`): read only
    where labels with colons or sibling records vouch for the line. shape: what follows the word
    instead (BAR_LABEL: `主持人 | 周立新 | …`, which needs no vouching)."""
    match = (shape or BARE_LABEL).match(text)
    return match if match and label_word(match.group(1), know) else None


def label_word(text: str, know: Knowledge) -> bool:
    """The text is a speaker label without its colon (`分享嘉宾`, `主持人：`)."""
    return know.speaker_label.fullmatch(text.strip().rstrip("：:") + "：") is not None


BARE_LABEL = re.compile(r"\s*(\S{1,8})\s+(?=\S)")
BAR_LABEL = re.compile(r"\s*(\S{1,8})\s*[|｜]\s*")
SESSION_LEAD = re.compile(r"\s*[^：:，,。；;\s]{2,12}[：:]\s*")


def session_start(text: str, know: Knowledge) -> int:
    """`圆桌对话：主持人 A（…）；嘉宾 B（…）`: a session's name as a label, then a speaker label
    (with or without its colon). The offset of the first person-text, or 0."""
    clock = LEADING_CLOCK.match(text)  # `11:30-12:00 圆桌对话：…`: an agenda row's time first
    start = clock.end() if clock else 0
    lead = SESSION_LEAD.match(text, start)
    if not lead or know.speaker_label.match(text, start):
        return 0
    rest = text[lead.end():]
    label = know.speaker_label.match(rest) or bare_label(rest, know)
    return lead.end() + label.end() if label else 0


def strip_label(text: str, know: Knowledge) -> tuple[str, bool]:
    """The text without the speaker label it opens with, a colon's (`讲师：`) or a bar's
    (`主持人 | 周立新 | …`), and whether it had one."""
    match = know.speaker_label.match(text) or bare_label(text, know, BAR_LABEL)
    return (text[match.end():], True) if match else (text, False)


def name_of(token: str, know: Knowledge, beside: str = "", vouched: bool = False,
            label_place: bool = False) -> tuple[str, str]:
    """(name, title after it) if token is a name, maybe with a title or honorific after it.
    `beside` is the text next to the token: an affiliation there vouches for a looser check;
    vouched: a speaker label stands in front, so a one-word Latin name (`讲师：Rick`) or a surname
    no list knows (`讲师：琴一舟`) is a name; label_place: the token stands before a colon, where a
    field's label does (`文档：…`), so an ordinary word is no name whatever stands beside it."""
    token = token.strip(EDGE)
    strict = not (vouched or know.title_heads_only.search(beside))  # a label or title vouches for a rare surname
    single_latin = vouched or has_han_title(beside, know)  # `平台工程师 James`, not `Plugin SIG`
    words = know.token_names if strict and affiliation_evidence(beside, know) and not label_place else know.names
    if is_person_name(token, know.lex, words, strict, single_latin):
        return token, ""
    base, tail = strip_honorific(token, know.lex)  # glued: the name must pass the dictionary check
    if tail and is_person_name(base, know.lex, know.names, strict):
        title = tail if tail in know.lex.title_heads and tail not in know.lex.honorifics else ""
        return base, title
    return "", ""


def trailing_name(text: str, know: Knowledge) -> tuple[str, str, str] | None:
    """(affiliation text, name, title after the name) for a name glued to the end of text."""
    text = text.strip(EDGE)
    base, tail = strip_honorific(text, know.lex)
    variants = [(text, "")] + ([(base, tail)] if tail else [])
    best = None
    for body, after in variants:
        for size in (3, 2, 4):
            if len(body) <= size:
                continue
            name, before = body[-size:], body[:-size].rstrip()
            before = re.sub(r"\s*[（(][^（）()]{1,20}[）)]$", "", before)  # `工业专员（创新及科技）葛明`
            if not is_person_name(name, know.lex, know.names):
                continue
            if ends_with_title(before, know) or (before and ends_with_org(before, know)) or (
                    after and before and know.org_prefix(before) and know.cuts_at(body, len(body) - size)):
                score = 2  # an organisation opening the text vouches only for a name jieba does not cut into (`社|区优秀`)
            else:
                score = 1 if has_title_word(before, know) else 0
            if best is None or score > best[0]:
                best = (score, before, name,
                        after if after in know.lex.title_heads and after not in know.lex.honorifics else "")
    if best and best[0] == 2:
        return best[1], best[2], best[3]
    return None


def has_han_title(text: str, know: Knowledge) -> bool:
    """A Chinese title word (主席, 工程师 …) in text: strong evidence that the token beside it is a name."""
    return know.han_titles.search(text) is not None


def affiliation_evidence(text: str, know: Knowledge) -> bool:
    """Text that reads as an affiliation: a title word, a known organisation, an organisation ending."""
    text = text.strip(EDGE)
    return bool(text) and (has_title_word(text, know) or bool(know.org_prefix(text))
                           or any(s in text for s in know.lex.org_suffixes))


def affiliations_of(text: str, title_after: str, know: Knowledge) -> list[Affiliation]:
    """`南京大学地球与科学工程学院` + `教授` (written after the name) read as one affiliation text;
    after a text that ends with a title of its own (`CCF理事长梅宏教授`, `…主任王怀民院士`) the
    title after the name is an affiliation of its own, unless a title before ends with it."""
    if title_after and ends_with_title(text, know):
        found = split_affiliations(text, know)
        return found if any(a.title.endswith(title_after) for a in found) else found + [Affiliation("", title_after)]
    return split_affiliations(text + title_after, know)


def no_affiliation(text: str, know: Knowledge) -> bool:
    """Text with no title word and no organisation at its start or end, and that is none
    (known, with an organisation ending, a trade name, a Latin name)."""
    text = text.strip(EDGE)
    return not (has_title_word(text, know) or ends_with_org(text, know) or know.org_prefix(text)
                or credible_org(text, know))


def reads_as_talk(text: str, know: Knowledge) -> bool:
    """A phrase beside a name that is no affiliation but a talk, with a 的 that joins its words
    (`推理集群优化的三个阶段`)."""
    return "的" in text.strip(EDGE)[1:-1] and no_affiliation(text, know)


def leading_talk(text: str, know: Knowledge) -> tuple[str, str]:
    """`共建 openGauss 企业级开源数据库 openGauss 数据库领域总经理`: the affiliation is the chunk
    with a title word and the organisation chunks right before it; what stands before those, if
    it opens with no organisation and has no title word, is a talk title. (talk, rest)."""
    chunks = text.strip().split(" ")
    titled = next((k for k, c in enumerate(chunks) if has_title_word(c, know)), None)
    if not titled:
        return "", text
    start = titled
    while start > 0 and (credible_org(chunks[start - 1], know) or know.org_prefix(chunks[start - 1])):
        start -= 1
    head = " ".join(chunks[:start])
    if (0 < start < titled or (start == titled and start > 0 and titled_opens_with_org(chunks[titled], know))) \
            and len(head.replace(" ", "")) >= 8 and not has_title_word(head, know) \
            and not credible_org(chunks[0], know) and not know.org_prefix(chunks[0]):
        return head, " ".join(chunks[start:])
    return "", text


MARKED_PARTS = re.compile(r"[|｜（()）—–]| - ")


def agenda_session(text: str, know: Knowledge) -> tuple[str, str]:
    """An agenda row after its time (`云原生可观测性实践 青云科技 王一明`, `openGauss 多核优化技术内幕
    openGauss 技术委员会周一高`): the person-text is the last chunk with the body and title chunks
    right before it; what stands before those is the session, unless it is a name. (its talk title,
    or "" for a part of the event such as 致辞; the person-text)."""
    chunks = text.split(" ")
    if MARKED_PARTS.search(text) or len(chunks) < 2:
        return "", text  # `开源治理实践 —— 王一（北辰大学）`: parts the other readers set apart
    k = len(chunks) - 1
    while k >= 1 and len(chunks) - k < 3 and (has_title_word(chunks[k - 1], know) or credible_org(chunks[k - 1], know)
                                              or know.org_prefix(chunks[k - 1])):
        k -= 1
    if k == len(chunks) - 1 and name_of(chunks[-1], know)[0] == chunks[-1]:
        k = 1  # a bare name after chunks none of which reads as a body or title: the first is the session
    session = " ".join(chunks[:k])
    if k < 1 or know.speaker_label.match(text) or name_of(chunks[0], know)[0] or not any(
            name_of(chunks[-1][-n:], know)[0] for n in (2, 3, 4)):  # `主办方致辞 星河社区`: nobody at the end
        return "", text
    return ("" if event_part(session, know) else clean_title(session)), " ".join(chunks[k:])


def titled_opens_with_org(chunk: str, know: Knowledge) -> bool:
    """The chunk with the title opens with a body: a known one or a Latin word that is no title
    (`openGauss数据库领域总经理`; not `CTO`)."""
    latin = re.match(r"[A-Za-z][\w.+-]*", chunk)
    return bool(know.org_prefix(chunk)) or (latin is not None and latin.group().lower() not in know.lex.latin_title_words)


LEADING_SYMBOLS = re.compile(r"^[\s\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+")  # `⏰ `, `🎤 `, `➡️ `


def labelled_parts(text: str, know: Knowledge) -> tuple[str, str]:
    """(text, talk) of a line whose bar-separated parts carry field labels (`丁一 | 公司：星河科技 |
    职位：架构师 | 议题：向量检索`): organisation and title labels dropped, since the reader tells
    the parts apart by what they hold; a talk label's part is the talk."""
    parts = BAR.split(text)
    if len(parts) < 2:
        return text, ""
    kept, talk = [], ""
    for part in parts:
        field = know.org_label.match(part) or know.title_label.match(part)
        stated = know.talk_label.match(part) if field is None else None
        if stated and not talk:
            talk = clean_title(part[stated.end():])
        else:
            kept.append(part[field.end():] if field else part)
    return " | ".join(kept), talk


def short_body(text: str, know: Knowledge) -> bool:
    """A bracket's short text that the run knows as an organisation (`王一（华为）`), not a place.
    An unknown one stays ambiguous (a nickname, a name's other spelling) and is dropped."""
    return text not in know.lex.place_names and know.org_prefix(text) == text


TAG = r"[【\[][^】\]]{1,6}[】\]]"  # `【视频】`: what a line links to
LEADING_TAG = re.compile(rf"^{TAG}\s*")


def parse_person_text(text: str, know: Knowledge) -> PersonText | None:
    """The one person a short text names, with affiliations and a talk title; None if none."""
    text = LEADING_SYMBOLS.sub("", re.sub(r"\s+", " ", text))
    if ISSUE_REFERENCE.match(text):
        return None  # `#1235 文档更新（by 王一）`: a change and its author, no person-text of the event
    label = know.speaker_label.match(text)
    if label and label.group().strip()[:1] in "【[":  # `【嘉宾】王一`: edge stripping would cut the bracket
        text = label.group().strip(" 【】[]") + "：" + text[label.end():]
    tag = LEADING_TAG.match(text)
    if tag and not label and not know.talk_marker.match(text):
        text = text[tag.end():]  # `【视频】莫一凡：…`: what the item links to, no part of the person
    text = strip_edge(text, EDGE)
    place = re.search(r"[（(]([^（）()]{1,12})[）)]$", text)  # `袁怡（上海）`, not `王一（星河大学）` nor `王一 (IBM)`
    if place and len(place.group(1)) <= 3 and not place.group(1).isascii() and not short_body(place.group(1).strip(), know) \
            and not (LABELLED_HANDLE.fullmatch(text[:place.start()].strip(EDGE))
                     and is_chinese_name(place.group(1).strip(), know.lex, know.names)):  # `Reminiscent（鄢程鹏）`
        text = text[:place.start()].strip(EDGE)
    clock = LEADING_CLOCK.match(text)
    text = NUMBERING.sub("", text[clock.end():] if clock else text, count=1)  # `14:00-14:30 《…》 王一`
    lead_in = next((w for w in know.lex.photo_lead_ins if text.startswith(w) and len(text) > len(w) + 1), "")
    text = text[len(lead_in):]
    talk = ""
    book = BOOK.search(text) or LATIN_PRESENTING.search(text)
    if book:
        talk = book.group(1).strip()
        text = (text[: book.start()] + " " + text[book.end():]).strip()
    elif clock:
        talk, text = agenda_session(text, know)
    by = TALK_BY.match(text) if "by" in text.lower() else None
    if by:  # `《开源的下一个十年》 by 王一（星河科技）`, `Scaling Foo by Jane Roe`: the speaker after `by`
        before, text = by.group("talk").strip(EDGE), by.group("person")
        if not talk and len(before) >= 4 and not PARTICIPLE.search(before):
            talk = clean_title(before)
    text, labelled = strip_label(text, know)
    text, spelling = split_spelling(text, know)  # before bars are read as parts: `王一 / Jane Roe`
    text, field_talk = labelled_parts(text, know)
    talk = talk or field_talk
    if not labelled and not talk:
        inside = label_inside(text, know)
        if inside:
            talk, text, labelled = text[:inside.start()].strip(EDGE), text[inside.end():], True  # `**talk** 讲师：王一`
    text = strip_edge(SPEECH_TAIL.sub("", text), EDGE)  # `…总监 刘飞发表《…》演讲`, `…葛明博士致辞`
    text = SPACED_NAME.sub(lambda m: m.group(1) + m.group(2) if m.group(1) in know.lex.surnames else m.group(), text)
    aside_first = aside_then_talk(text, know) if not talk else None
    if aside_first is not None:
        aside_first.labelled = labelled
        return aside_first
    text, nickname = split_nickname(text, know)
    person = person_of(text, talk, labelled, know)
    if person is not None:
        person.nickname = person.nickname or nickname or spelling
    return person


COLON_AFTER_NAME = re.compile(r"^[^:：]{2,12}[:：]")


def name_between(tokens: list[str], know: Knowledge) -> bool:
    """Three chunks: a body, a Han name, a title (`星河政务服务中心 周一敏 工程师`)."""
    return (len(tokens) == 3 and is_chinese_name(tokens[1], know.lex, know.names)
            and name_of(tokens[1], know, beside=tokens[2])[0] == tokens[1]
            and has_title_word(tokens[2], know) and not has_title_word(tokens[0], know)
            and (credible_org(tokens[0], know) or bool(know.org_prefix(tokens[0]))))


LATIN_WORD_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'.\-]*")
CAPTION_LENGTH = 90  # a caption or person-text longer than this is a paragraph


def too_long_for_caption(text: str, labelled: bool = False) -> bool:
    """Longer than a caption; in the value of a speaker label a Latin word counts as two characters
    (`Panelists: Li Na (Acme Cloud), Tom Brown (Umbrella Corp) and …`: `Tom Brown (Umbrella
    Corp)` says no more than `汤一姆（星河公司）`). A line without a label keeps the plain count: a
    quotation in English is as long as it looks."""
    return len(text) > CAPTION_LENGTH and (not labelled or len(LATIN_WORD_RUN.sub("xx", text)) > CAPTION_LENGTH)


def person_of(text: str, talk: str, labelled: bool, know: Knowledge) -> PersonText | None:
    """parse_person_text's readers, on the text left once labels, talk and spellings are set apart."""
    if not text or too_long_for_caption(text, labelled) or reads_as_sentence(text, know) or field_values(text, know):
        return None  # a sentence, not a caption
    where = PERSON_THEN_PLACE.match(text)
    if where and is_person_name(where.group("name"), know.lex, know.names) and any(
            cue in text for cue in know.lex.talk_cues):
        return PersonText(where.group("name"), [], talk, labelled)  # `张潇在 KubeCon 的…论坛上分享 HAMi`
    for reader in (two_spellings_person, bar_parts_person, person_then_talk, bio_person, talk_then_person,
                   latin_name_person, from_org_person, aside_after_titled_name):
        person = reader(text, know)
        if person is not None:
            person.talk = person.talk or talk
            person.labelled = person.labelled or labelled
            return person

    halves = [h for h in BAR.split(text, maxsplit=1) if h.strip(EDGE)]  # `talk | person`, `talk / person`
    if len(halves) == 2 and not talk:
        found = [parse_person_text(h, know) for h in halves]
        if sum(p is not None for p in found) == 1 and any(p and p.affiliations for p in found):
            k = 0 if found[0] is not None else 1
            person, other = found[k], halves[1 - k].strip(EDGE)
            if k == 0 and ends_with_title(other, know) and not whole_talk(other):
                more = split_affiliations(other, know)  # `王一 星河科技｜资深工程师`: the title of the body before
                if person.affiliations and more and not more[0].org:
                    more = titles_of_last_body(person.affiliations, more, know)
                person.affiliations = person.affiliations + more
            elif label_word(other, know):
                labelled = True  # `分享嘉宾 | 王一 星河科技…`: a label, no talk
            elif not person.talk and len(other) >= 4 and not SPEECH_ONLY.search(other):
                person.talk = clean_title(other)  # `面向AI的数据管理 | 西北工业大学教授 陈群`
            person.labelled = person.labelled or labelled
            return person

    sides = [s for s in NAME_SEPARATORS.split(text, maxsplit=1) if s.strip(EDGE)]
    field = len(sides) == 2 and NAME_SEPARATORS.search(text).group().strip() in (":", "：")  # `文档：…`: a field's label
    if len(sides) == 2:
        for k in (0, 1):
            name, after = name_of(sides[k], know, beside=sides[1 - k], label_place=field and k == 0)
            if name and not talk and not after and reads_as_talk(sides[1 - k], know) and (
                    BAR.search(text) or (k == 0 and COLON_AFTER_NAME.match(text))):
                return PersonText(name, [], sides[1 - k].strip(EDGE), labelled)  # `…的三个阶段｜李孟轩`, `莫一凡：流式计算的未来`
            if name:
                affs = affiliations_of(sides[1 - k], after, know)
                return PersonText(name, affs, talk, labelled)
    head = sides[0].strip(EDGE) if field else None  # a field's label, unless a name

    tokens = text.split(" ")
    if name_between(tokens, know):  # `星河政务服务中心 周一敏 工程师`
        return PersonText(tokens[1], split_affiliations(f"{tokens[0]} {tokens[2]}", know), talk, labelled)
    if len(tokens) >= 2:
        name, after = name_of(tokens[-1], know, beside=" ".join(tokens[:-1]))
        if name and LATIN_GIVEN_NAME.fullmatch(name) and re.search(r"[A-Za-z]$", tokens[-2]):
            name = ""  # `GitHub Pages`: the last word of a Latin run, no one-word name
        first, _ = name_of(tokens[0], know, beside=" ".join(tokens[1:])) if name else ("", "")
        if name and (has_title_word(" ".join(tokens[:-1]), know) or not first
                     or (is_chinese_name(name, know.lex, know.token_names, strict=False)
                         and not is_chinese_name(first, know.lex, know.token_names, strict=False))):
            first, rest = leading_talk(" ".join(tokens[:-1]), know) if not talk else ("", " ".join(tokens[:-1]))
            return PersonText(name, affiliations_of(rest, after, know), talk or first, labelled)
        name, after = name_of(tokens[0], know, beside=" ".join(tokens[1:]), label_place=tokens[0].strip(EDGE) == head)
        if name:
            affs = affiliations_of(" ".join(tokens[1:]), after, know)
            return PersonText(name, affs, talk, labelled)

    glued = trailing_name(text, know)
    if glued:
        before, name, after = glued
        return PersonText(name, affiliations_of(before, after, know),
                          talk, labelled)

    for size in (3, 2):
        head, rest = text[:size], text[size:]
        if len(know.org_prefix(text)) > size:
            break  # `云和恩墨分论坛`: the text opens with an organisation, not a name
        if len(rest.strip(EDGE)) >= 2 and is_person_name(head, know.lex, know.names) and (
                rest[0].isascii() or know.org_prefix(rest) or
                rest.startswith(know.lex.title_starters)):
            return PersonText(head, split_affiliations(rest, know), talk, labelled)

    name, after = name_of(text, know, vouched=labelled)
    if name:
        return PersonText(name, affiliations_of("", after, know), talk, labelled)
    return None


NAME_LIST = re.compile(r"\s*[、/／,，&|｜]\s*|\s+(?:和|and)\s+|(?<=\0)\s*[与和及]\s*")  # `A（星河）与 B（云海）`
ASIDE = re.compile(r"\s*[（(][^（）()]*[）)]")
HELD = re.compile(r"\0(\d+)\0")
SPELLING_MARK = "\x01"  # around a slashed spelling held out of a list's split (`黎一泽/Armlly、王一`)
HELD_SPELLING = re.compile(r"\x01([^\x01]*)\x01")
RECORD_SEPARATOR = re.compile(r"\s*[；;]\s*")


def labelled_people(value: str, know: Knowledge) -> list[PersonText]:
    """The people a label's value names: `周蓬岸、沈博文`, `喵喵喵/牛牛`, `Jon Doe (Acme CTO) & 李一轩
    （Yixuan Li）（@handle）` (several names, none taken for another's organisation; an aside
    after a name gives an affiliation unless it is another spelling or a handle), person-texts
    set apart by semicolons, or one person-text."""
    records = [r for r in RECORD_SEPARATOR.split(value) if r.strip(EDGE)]
    if len(records) >= 2:  # `房一舟，星河科技架构师；卢一航，云海数据高级工程师`: a person-text each
        people = [labelled_people(record[label.end():] if label else record, know)  # `…；嘉宾：B（…）、C（…）`
                  for record in records for label in [know.speaker_label.match(record) or bare_label(record, know)]]
        if all(found for found in people):
            return [person for found in people for person in found]
    asides: list[str] = []

    def hold(match: re.Match) -> str:
        asides.append(match.group().strip(" （）()"))
        return f"\0{len(asides) - 1}\0"
    value = SLASHED_SPELLING.sub(lambda m: m.group("name") + SPELLING_MARK + m.group("latin") + SPELLING_MARK
                                 if is_person_name(m.group("name"), know.lex, know.names) else m.group(), value)
    pieces = [p.strip(EDGE) for p in NAME_LIST.split(ASIDE.sub(hold, value).strip(EDGE)) if p.strip(EDGE)]
    listed = [listed_person(p, asides, know) for p in pieces] if len(pieces) >= 2 or asides else []
    if listed and all(listed) and not name_then_body(pieces, value, know):
        return listed
    if len(pieces) >= 2:  # `李一德 北辰大学、赵一平 天穹数据`: a person-text each, all of one layout
        texts = [HELD_SPELLING.sub(r"/\1", HELD.sub(lambda m: f"（{asides[int(m.group(1))]}）", p)) for p in pieces]
        people = [parse_person_text(text, know) for text in texts]
        if all(person is not None and not person.talk and is_chinese_name(person.name, know.lex)
               for person in people) and len({text.startswith(person.name) for text, person in zip(texts, people)}) == 1:
            return people
        first, others = people[0], listed[1:]
        if first and first.affiliations and not first.talk and not texts[0].startswith(first.name) and all(
                o and not o.affiliations and is_chinese_name(o.name, know.lex) for o in others):
            return [first] + [PersonText(o.name, list(first.affiliations)) for o in others]  # `星河科技 龚一鸣、车晓雯`
    value = HELD_SPELLING.sub(r"/\1", value)
    person = parse_person_text(value, know)
    if person is None and loose_name(value.strip(EDGE), know):
        person = PersonText(value.strip(EDGE))
    return [person] if person else []


PAIR_MARK = re.compile(r"[/／|｜,，]")  # what sets a name and its body apart (not 、, which lists)


def name_then_body(pieces: list[str], value: str, know: Knowledge) -> bool:
    """`柯一然 / 西湖云`, `Kevin Zhao, Bluewhale`: a name a known surname opens (or a Latin full name),
    a bar or a comma, then a word only a loose reading takes for a name: the name's organisation,
    no second person (`喵喵喵/牛牛` stays two)."""
    return len(pieces) == 2 and PAIR_MARK.search(value) is not None and "、" not in value \
        and is_person_name(pieces[0], know.lex, know.names) and not is_person_name(pieces[1], know.lex, know.names)


def listed_person(piece: str, asides: list[str], know: Knowledge) -> PersonText | None:
    """One name of a list, with the affiliations its asides give and its slashed spelling."""
    spelling = HELD_SPELLING.search(piece)
    text = HELD_SPELLING.sub("", HELD.sub("", piece)).strip(EDGE)
    named = [asides[int(k)] for k in HELD.findall(piece)]
    if HANDLE_WORD.fullmatch(text) and named and is_chinese_name(named[0], know.lex, know.names):
        return PersonText(named[0], nickname=text)  # `Reminiscent（鄢程鹏）`: a handle, then the name
    name = name_of(text, know, beside="")[0] or loose_name(text, know)
    if not name and is_chinese_name(text, know.lex, know.token_names) and any(
            affiliation_evidence(aside, know) for aside in named):
        name = text  # `常乐（北辰数据 CEO）`: a word of the dictionary, as a name its aside vouches for
    if not name:
        return None
    affiliations = []
    for k in HELD.findall(piece):
        aside = HANDLE_PART.sub("", asides[int(k)]).strip(EDGE)  # `（@xuqiang，中科方德）`: the handle is no body
        if aside and not is_person_name(aside, know.lex, know.names):
            affiliations += split_affiliations(aside, know)
    return PersonText(name, affiliations, nickname=spelling.group(1) if spelling else "")


def loose_name(text: str, know: Knowledge) -> str:
    """A name the record's label vouches for: no known surname needed, no ordinary word."""
    return text if is_person_name(text, know.lex, know.names, strict=False, single_latin=True) else ""


SEPARATED = re.compile(r"\s+-\s+|\s+—+\s+|\s*[|｜]\s*")


def affiliation_line(block: Block, know: Knowledge, under_heading: bool = True) -> list[Affiliation]:
    """A short line that is only an affiliation with a title (`亚马逊 AWS - 高级解决方案架构师`,
    `星河科技 高级架构师`, `北辰大学计算机专业，研二学生`), as under a name heading or a name
    caption; [] otherwise. Under a name heading any two parts are a body and a title (`Dimension - 现代前端魔法使`); under a
    caption the line must read as an affiliation and be no `label：value` or `a | b` record."""
    text = block.text.strip(EDGE)
    if len(text) > 60 or re.search(r"[。！？!?；;]", block.text) or (
            re.search(r"[，,]", text) and (len(text) > 30 or reads_as_sentence(text, know))):
        return []  # a short line with a comma may still be one (`重庆交通大学计算机科学专业，研二学生`)
    if not under_heading and (re.search(r"[:：|｜@]", text) or know.bio_label.match(text)):
        return []
    parts = [p for p in SEPARATED.split(text) if p.strip(EDGE)]
    if under_heading and len(parts) == 2 and not has_title_word(parts[0], know) and not name_of(parts[0], know)[0]:
        return [Affiliation(parts[0].strip(EDGE), parts[1].strip(EDGE))]  # `Dimension - 现代前端魔法使`
    found = split_affiliations(SEPARATED.sub(" ", text), know)
    return found if any(a.title for a in found) else []
