"""Captions: blocks that stand alone and name a person (bold, <center>, <font>, a line right
under a photo or video, a heading), and guest lists inside captions or right under a photo."""
from __future__ import annotations

import re

from pipeline.extract.affiliation import (EDGE, bio_affiliations, credible_org, ends_with_title, has_title_word,
                                         reads_as_sentence, split_affiliations)
from pipeline.extract.names import LATIN_WORD, is_chinese_name, is_person_name, is_placed_name
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.people import (NAME_SEPARATORS, NUMBERING, TAG, TALK_BY, PersonText, affiliation_line, label_inside,
                                     label_word, labelled_people, parse_person_text, session_start, talk_then_person,
                                     too_long_for_caption)
from pipeline.extract.talks import JOINING, LEADING_CLOCK
from pipeline.model import Affiliation, Block, Mention

SENTENCE_END = re.compile(r"[。！？!?]")
GUEST_LIST = re.compile(r"(?:[左右][一二三四五六七八九十\d]+\s*[至到]\s*[左右][一二三四五六七八九十\d]+|从左到右|从左至右|自左向右|自左至右|左起|依次为|依次是|分别是|分别为|嘉宾有|嘉宾包括|嘉宾为)[^：:，,。]{0,12}[：:]")
# `左起 A、B`, `从左到右依次为A、B`: the order of a photo, without a colon
PHOTO_ORDER = re.compile(r"(?:从左到右|从左至右|自左向右|自左至右|左起)(?:依次为|依次是|分别是|分别为|为|是)?\s*(?=[\u4e00-\u9fffA-Z])")
LIST_EDGE = EDGE.replace("）", "").replace(")", "")  # an aside's closing bracket stays with it
ENTRY_SPLIT = re.compile(r"[，,；;](?![^（()）]*[）)])")  # not inside an aside: `徐立（主持人，星河社区运营）`
# `服务网格实践（星河云 架构师-王一 14:00-14:40）`, `主题 —— 王一（某某）`, `王一：《主题》`,
# `14:00-14:30 《主题》 王一 星河科技`, `《主题》 王一 星河科技 CTO`: an agenda item names its speaker
AGENDA_SHAPE = re.compile(r"\S\s*(?:——|—|\s-\s)\s*\S|[（(][^（）()]*[\u4e00-\u9fff]{2}[^（）()]*[）)]\s*$"
                          r"|^[^《》:：]{2,30}[:：]\s*《[^》]+》\s*$|^\s*\d{1,2}[:：]\d{2}.*《[^》]+》|^\s*《[^》]+》\s+\S"
                          r"|^[^《》]{4,40}《[^》]+》\s*$"  # `申一川 星河科技 高级工程师《存储引擎的演进》`
                          rf"|^\s*(?:{TAG})?\s*[^《》:：（）()，,]{{0,10}}[\u4e00-\u9fff]{{2}}[:：]\s*[^:：]{{4,60}}$")  # `莫一凡：…`
AGENDA_ROW = re.compile(LEADING_CLOCK.pattern + r"\S+(?: \S+){2,5}$")  # `10:00-10:10 开场致辞 星河社区理事长 马一涛`
NAME_BAR = re.compile(r"^\s*[^|｜\s:：]{2,20}(?:\s*[|｜]|\s[·•])\s*[^|｜]{2,40}$")  # `陈一杰 | 星河社区运营总监`,
# `陈一杰 · 星河社区运营总监`: a name, a bar or a spaced dot, more
# `孙嘉禾，北辰科技 CTO`, `孙嘉禾 (Tom Sun)，…`: a short name, a comma, one clause (the parser checks both)
NAME_COMMA = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff]{2,4})(?:\s*[（(][A-Za-z][A-Za-z .-]{1,30}[)）])?\s*(?P<mark>[，,：:])\s*"
                        r"[^，,。；;！!？?]{2,40}$")
BARS = re.compile(r"[|｜]|\s[/／·•]\s")  # `王一 | 某某科技 | 前端负责人`, `王一 / 某某科技 / 架构师`: three parts or more


def is_caption_candidate(block: Block, know: Knowledge) -> bool:
    if block.kind == "heading":
        return 2 <= len(block.text) <= 60
    if block.kind not in ("paragraph", "list_item", "alt_text"):
        return False
    names_after_talk = speaker_after_talk(block.text, know)
    labelled = starts_with_label(block, know)
    shaped = (block.emphasised or block.after_media or labelled
              or points_at_photo(block.text, know) or BOLD_NAME_LEAD.match(block.raw) or bold_name_card(block.raw, know)
              or titled_list(block.text, know)[1]
              or session_start(block.text, know) or NAME_BAR.match(block.text) or name_comma(block.text, know)
              or len(BARS.findall(block.text)) >= 2
              or ((block.kind == "list_item" or LEADING_CLOCK.match(block.text)) and AGENDA_SHAPE.search(block.text))
              or AGENDA_ROW.match(block.text) or titled_item(block, know)
              or label_inside(block.text, know) is not None or names_after_talk)
    if not (shaped or block.before_media):
        return False
    if not names_after_talk and know.talk_marker.match(block.text.lstrip()):
        return False  # `议题：…` gives a talk, it names nobody
    text = block.text.strip()
    if too_long_for_caption(text, labelled) or text.endswith((":", "：")):
        return False
    outside_titles = re.sub(r"《[^》]*》|“[^”]*”", "", text)
    if not shaped and (reads_as_sentence(outside_titles, know) or text.endswith("。")):
        return False  # a sentence that happens to stand above a photo (`首先，来自…为大家带来了…`, `…带来分享。`): prose
    return not SENTENCE_END.search(outside_titles.rstrip("。 "))


def titled_item(block: Block, know: Knowledge) -> bool:
    """A short list item that is a title, a space and a name (`- 开源基金会秘书长 冷一鸣`), or a name,
    a space and an affiliation that ends with a title (`1. 滕一琪 星河科技 高级工程师`): an item of a
    list of people, as a speaker list's are."""
    text = block.text.strip()
    return block.kind == "list_item" and len(text) <= 40 and titled_person_text(text, know)


def titled_person_text(text: str, know: Knowledge) -> bool:
    """A title, a space and a name, or a name, a space and an affiliation that ends with a title."""
    before, _, last = text.rpartition(" ")
    first, _, after = text.partition(" ")
    return any(is_chinese_name(name, know.lex, know.names) and ends_with_title(rest, know)
               and not reads_as_sentence(rest, know) for name, rest in ((last, before), (first, after)))


def speaker_after_talk(text: str, know: Knowledge) -> bool:
    """`分享主题：数据湖的演进（王一，北辰数据 架构师）`: a marked talk, then its speaker in brackets;
    `Keynote：《…》 by 王一（星河科技）`: then `by` and its speaker."""
    marker = know.talk_marker.match(text.lstrip())
    if marker is None:
        return False
    by = TALK_BY.match(marker.group("title"))
    if by and by.group("talk").strip():
        return parse_person_text(by.group("person"), know) is not None
    return ("（" in text or "(" in text) and talk_then_person(marker.group("title"), know) is not None


def name_comma(text: str, know: Knowledge) -> bool:
    """`王一，星河科技架构师`, `王一：星河科技 架构师`: a name, a comma or colon, a short rest; before a
    colon only a name no dictionary word could be (`文档：…`, `地点：…` are fields of the post)."""
    match = NAME_COMMA.match(text)
    return match is not None and (match.group("mark") in "，," or is_chinese_name(match.group("name"), know.lex, know.names))


BOLD_NAME_LEAD = re.compile(r"^\s*(\*\*|__)[^*_]{2,12}\1\s*[（(]")  # `**贺一鸣**（东方通高级工程师）`
BOLD_LEAD = re.compile(r"^\s*(?:[-*+]\s+)?(\*\*|__)(?P<lead>[^*_]{2,16})\1\s*(?P<rest>[^（(\s：:][^：:。！？!?]{1,40})$")


def bold_name_card(raw: str, know: Knowledge) -> bool:
    """`**1. 姬一鸣** 星河科技 架构师`: a name in bold (numbered or not), then a short affiliation
    that ends with a title (not what the person says: `**王一** 认为：…`)."""
    match = BOLD_LEAD.match(raw)
    if not match:
        return False
    lead = NUMBERING.sub("", match.group("lead"), count=1).strip(EDGE)
    return is_person_name(lead, know.lex, know.names) and ends_with_title(match.group("rest"), know)
def points_at_photo(text: str, know: Knowledge) -> bool:
    """A line that opens by pointing at a photo (`▲ …`, `图：…`, `图为…`): a photo's caption."""
    return text.lstrip().startswith(know.lex.photo_lead_ins)


def starts_with_label(block: Block, know: Knowledge) -> bool:
    """`演讲嘉宾：李铮 | openLooKeng PMC`: a speaker label opens the line."""
    return know.speaker_label.match(block.text) is not None


def is_bare_label(block: Block, know: Knowledge) -> bool:
    """A line that is only a speaker label (`Speakers:`, `演讲嘉宾：`, a heading `#### 演讲嘉宾` or a
    bold line `**分享嘉宾**`): the list after it names them."""
    text = block.text.strip()
    return (block.kind == "paragraph" and know.speaker_label.fullmatch(text) is not None) or (
        (block.kind == "heading" or (block.kind == "paragraph" and block.emphasised)) and label_word(text, know))


LIST_INTRO = re.compile(r"(?:以下|如下)[^。！？!?]{0,40}[:：]\s*$|^[^。！？!?]{0,40}如下\s*[:：]\s*$"
                        r"|(?:\d+|[一二两三四五六七八九十]+)\s*[名位]\s*[:：]\s*$")  # `新增 Maintainer 2 名：`


def introduces_people(block: Block, know: Knowledge) -> bool:
    """A sentence that announces the list after it as people (`以下贡献者获得…称号：`, `本次活动的讲师
    如下：`, `新增 Maintainer 2 名：`): the following (以下, 如下) or a head count, and a word for
    people (a speaker label or title word)."""
    text = block.text.strip()
    return block.kind == "paragraph" and len(text) <= 80 and LIST_INTRO.search(text) is not None and (
        has_title_word(text, know) or any(word in text for word in know.lex.speaker_labels))


def title_line(block: Block, know: Knowledge) -> str:
    """The title a bold line or a heading is wholly (`**新晋 Committer**`, `### 社区导师`), which the
    list right under it gives its people; "" for anything else (a name, a label, a sentence)."""
    text = block.text.strip(EDGE)
    if not (block.kind == "heading" or block.emphasised) or len(text) > 20 or not ends_with_title(text, know):
        return ""
    return text if parse_person_text(text, know) is None and not know.speaker_label.match(text + "：") else ""


def titled(affiliations: list[Affiliation], stated: Affiliation) -> list[Affiliation]:
    """A person's affiliations under a title stated for a list of people (a title label, a title line
    above the list): each without a title takes it; none at all is the stated affiliation."""
    return [Affiliation(a.org, a.title or stated.title) for a in affiliations] or [stated]


def listed_speaker_mentions(block: Block, know: Knowledge) -> list[Mention]:
    """An item of the list under a bare speaker label: one person-text (`Jon Doe (StarDB)`)."""
    return [to_mention(person, "caption", block, "caption:labelled", 0.85)
            for person in labelled_people(block.text, know)]


def caption_mentions(block: Block, know: Knowledge, following: Block | None = None) -> list[Mention]:
    """The person a caption names, or the people a labelled line lists (`布展人：朱一捷/杨一畅`).
    following: the block after it, which may vouch for a bare name (see caption_mention)."""
    label = know.speaker_label.match(block.text) if block.kind != "heading" else None
    session = session_start(block.text, know) if block.kind != "heading" and not label else 0
    listed = labelled_people(block.text[label.end() if label else session:], know) if label or session else []
    if len(listed) >= 2 or (session and listed):
        return [to_mention(person, "caption", block, "caption:labelled", 0.8) for person in listed]
    if not (label or session or TITLE_LABEL.match(block.text.strip())) and (
            JOINED_ASIDES.search(block.text) or enumerated(block.text, know)):  # a title label's list is titled_list's
        listed = labelled_people(PLACE_TAIL.sub("", block.text), know)  # `A（星河科技）与 B（北辰大学）在论坛上`,
        # `星河科技 王一、云海数据 李二`
        if len(listed) >= 2 and all(person.affiliations for person in listed):
            return [to_mention(person, "caption", block, "caption:affiliated", 0.85) for person in listed]
    parts = [p.strip() for p in BARS.split(block.text) if p.strip(EDGE)] if not (label or session) else []
    if len(parts) >= 2 and all(titled_person_text(p, know) for p in parts):  # `赵一 北辰大学教授 ｜ 钱二 星河科技
        people = [parse_person_text(p, know) for p in parts]  # 技术总监`: a person-text each (lines of a <br> list)
        if all(people):
            return [to_mention(person, "caption", block, "caption:affiliated", 0.85) for person in people]
    role, listed = titled_list(block.text, know) if not (label or session) and block.kind != "heading" else ("", [])
    if len(listed) >= 2:  # `新晋 Maintainer：A（星河科技）、B`: the label is their title, `星辰队队长：A、B` their body too
        stated = split_affiliations(role, know)
        stated = stated[0] if len(stated) == 1 and stated_body(stated[0].org, know) else Affiliation("", role)
        for person in listed:
            person.affiliations = titled(person.affiliations, stated)
        return [to_mention(person, "caption", block, "caption:labelled", 0.8) for person in listed]
    mention = caption_mention(block, know, following)
    return [mention] if mention else []


TITLE_LABEL = re.compile(r"^(?P<role>[^：:，,。！？!?\n]{2,14}?)\s*[：:]\s*(?P<rest>\S.*)$")


def stated_body(org: str, know: Knowledge) -> bool:
    """A body a title label names before its title (`中科大星辰队队长`, `华为 Maintainer`): known, Latin,
    or five characters or more with an organisation ending; not `项目社区` (a generic word, then 社区)."""
    return bool(org) and (know.org_prefix(org) == org or org.isascii() and credible_org(org, know)
                          or (len(org) >= 5 and credible_org(org, know)))


def titled_list(text: str, know: Knowledge) -> tuple[str, list[PersonText]]:
    """(title, people) of a line whose label is a title (`新晋 Maintainer：A、B`, `社区核心参与者：…`):
    the people its value lists, one name or more; ("", []) otherwise."""
    match = TITLE_LABEL.match(text.strip())
    role = match.group("role").strip(EDGE) if match else ""
    ends_in_title = role and (know.lex.han_title_heads.ending(role) or any(
        m.end() == len(role) for m in know.title_heads_only.finditer(role)))
    if not ends_in_title or is_person_name(role, know.lex, know.names) or role.startswith(know.lex.affiliation_lead_ins):
        return "", []  # `感谢以下贡献者：…`: people thanked, no title they hold
    people = labelled_people(match.group("rest"), know)
    return (role, people) if people and all(not p.talk for p in people) else ("", [])


JOINED_ASIDES = re.compile(rf"[）)]\s*[{JOINING}、]\s*\S")  # a name's aside, then the next name
ENUMERATED = re.compile(r"^(?:[^:：、]{4,24}、)+[^:：、]{4,24}$")  # `星河科技 王一、云海数据 李二`: short person-texts;
# not a title label's list (`队伍成员：A、B`)


def enumerated(text: str, know: Knowledge) -> bool:
    """Short person-texts joined by 、, the first ending with a name after a space (`星河科技 王一、云海数据
    李二`), not one person's titles (`…总经理、…TOC 主席 王一`)."""
    first = text.split("、", 1)[0].split()
    return ENUMERATED.search(text) is not None and bool(first) and is_chinese_name(first[-1], know.lex, know.names)


PLACE_TAIL = re.compile(r"(?<=[）)])\s*在[^（）()]*$")  # `…在 KubeCon 日本 2026 的分享`: where, after the last aside


def caption_mention(block: Block, know: Knowledge, following: Block | None = None) -> Mention | None:
    """A bare name stands for a person in bold under a photo, or in bold or under a photo with
    an affiliation line right after it (a speaker card: photo, name, `星河科技 架构师`)."""
    person = parse_person_text(block.text, know)
    if person is None and (block.emphasised or block.after_media) and carded(block.text.strip(EDGE), following, know):
        person = PersonText(block.text.strip(EDGE))  # a surname no list knows, vouched for by the card's line
    if person is None and block.after_media:
        person = role_above_name(block, following, know)
        block = following if person is not None else block
    if person is None:
        return None
    described = any(a.title or credible_org(a.org, know) for a in person.affiliations)
    has_context = bool(described or person.talk or person.labelled)
    if block.kind == "heading" and not (
            (person.labelled or any(a.title for a in person.affiliations) or (person.talk and "《" in block.text))
            and is_person_name(person.name, know.lex, know.names, strict=not person.labelled)) and not (
            NAME_SEPARATORS.search(block.text) and any(credible_org(a.org, know) for a in person.affiliations)
            and is_chinese_name(person.name, know.lex, know.names, strict=True)):
        return None  # a heading names a speaker with a label, a title or a 《talk》, and a name that is no
        # ordinary word (a label vouches for a surname no list knows); or a name set off from its body
        # (`### 白一帆 - 西辰数据`)
    if not has_context and not ((block.after_media and block.emphasised and len(person.name) <= 3) or (
            (block.after_media or block.emphasised) and carded(person.name, following, know))):
        return None
    if not person.affiliations and (person.labelled or block.kind == "heading"):
        person.affiliations = affiliations_below(block, following, person.name, know)
    kind = "heading" if block.kind == "heading" else "caption"
    if (len(BARS.findall(block.text)) >= 2 or NAME_BAR.match(block.text)) and kind == "caption":
        return to_mention(person, kind, block, "caption:parts", 0.9)
    if person.labelled and kind == "caption":
        return to_mention(person, kind, block, "caption:labelled", 0.9 if person.affiliations else 0.8)
    confidence = 0.95 if person.affiliations else (0.8 if has_context else 0.6)
    return to_mention(person, kind, block, f"{kind}:{'affiliated' if person.affiliations else 'bare'}",
                      confidence)


def affiliations_below(block: Block, following: Block | None, name: str, know: Knowledge) -> list[Affiliation]:
    """What the line right under a labelled name or a speaker heading says of the person when the
    name came alone: a bio label's bio (`嘉宾简介：星河科技高级架构师，…`) or an affiliation line
    (`星河科技 高级架构师`); nothing from a line that names someone else or is another record field."""
    if following is None or following.kind not in ("paragraph", "list_item"):
        return []
    label = know.speaker_label.match(following.text)
    if label and know.bio_label.match(following.text[:label.end()].strip()):
        return bio_affiliations(following.text[label.end():], know, subject=name)
    if label or parse_person_text(following.text, know) is not None:
        return []
    return affiliation_line(following, know, under_heading=block.kind == "heading")


def role_above_name(block: Block, following: Block | None, know: Knowledge) -> PersonText | None:
    """A photo card that opens with the person's role, then the name line: `IoT SIG Maintainer`
    then `name  body` (the role line is the title), or `星河科技 CEO` then the name alone (the
    role line is the affiliation)."""
    role = block.text.strip(EDGE)
    if (following is None or following.kind != "paragraph" or len(role) > 30 or SENTENCE_END.search(role)
            or not has_title_word(role, know)):
        return None
    person = parse_person_text(following.text, know)
    if person is None or person.talk or any(a.title for a in person.affiliations):
        return None
    if person.affiliations:
        person.affiliations = [Affiliation(a.org, role) for a in person.affiliations]
        return person
    person.affiliations = affiliation_line(block, know, under_heading=False)
    return person if person.affiliations and person.name == following.text.strip(EDGE) else None


def carded(name: str, following: Block | None, know: Knowledge) -> bool:
    """A name alone on its line, of no ordinary word, with an affiliation line right after it
    (which vouches for a surname no list knows)."""
    return (following is not None and following.kind in ("paragraph", "list_item")
            and is_person_name(name, know.lex, know.names, strict=False) and bool(affiliation_line(following, know, False)))


def to_mention(person: PersonText, kind: str, block: Block, rule: str, confidence: float) -> Mention:
    return Mention(name=person.name, source_kind=kind, line=block.line, raw=block.text, rule=rule,
                   confidence=confidence, affiliations=list(person.affiliations),
                   talks=[person.talk] if person.talk else [])


def guest_list_mentions(block: Block, know: Knowledge) -> list[Mention]:
    """`（出席本次圆桌论坛的嘉宾从左到右分别是：A，B，C）`: one mention per guest, a role word glued
    in front read as its label (`主持人李强、嘉宾王娟`); or names placed in the photo by position
    asides (`旧祠（左一）、织和（右一）、坤九九（中间），均为…`)."""
    match = GUEST_LIST.search(block.text) or PHOTO_ORDER.search(block.text)
    if not match:
        return positioned_mentions(block, know)
    listing = block.text[match.end():].strip(LIST_EDGE)
    while listing[-1:] in ("）", ")") and listing.count("）") + listing.count(")") > listing.count("（") + listing.count("("):
        listing = listing[:-1].strip(LIST_EDGE)  # `（…分别是：A，B）`: the bracket around the list, not an aside's
    mentions: list[Mention] = []
    for entry in ENTRY_SPLIT.split(listing):
        pending = ""
        for piece in re.split(r"、", entry):
            pending = f"{pending}、{piece}" if pending else piece
            text = pending.strip(EDGE + "等")
            label = next((w for w in know.lex.speaker_labels if text.startswith(w) and len(text) > len(w) + 1), "")
            person = parse_person_text(f"{label}：{text[len(label):]}" if label else text, know)  # `主持人李强`
            if person is not None:
                mentions.append(to_mention(person, "caption", block, "caption:guest_list", 0.85))
                pending = ""
    return mentions


POSITION = re.compile(r"\s*[（(](?:从?左|右|中|前|后)(?:[一二三四五六七八九十\d]|侧|边|间|排)?[）)]")
TRAILING_LATIN_NAME = re.compile(rf"(?:{LATIN_WORD}[ \-]){{1,2}}{LATIN_WORD}$")
TRAILING_HAN = re.compile(r"(?:^|[、，,和与及\s])([\u4e00-\u9fff]{2,4})$")


def positioned_mentions(block: Block, know: Knowledge) -> list[Mention]:
    """Two names or more, each followed by where it stands in the photo (`A（左一）、B（右）`): the
    asides vouch for names that no surname list knows. The text around them (`均为汉服爱好者…`)
    describes them all and is no affiliation."""
    marks = list(POSITION.finditer(block.text))
    if len(marks) < 2:
        return []
    names, start = [], 0
    people: dict[str, list[Affiliation]] = {}
    for mark in marks:
        before = block.text[start:mark.start()].rstrip()
        segment = SEGMENT_LEAD.sub("", before)
        person = parse_person_text(segment, know) if 2 <= len(segment) <= 40 else None
        if person is not None and person.affiliations and person.name in segment \
                and len(segment) - segment.rfind(person.name) - len(person.name) <= 2 \
                and all(credible_org(a.org, know) for a in person.affiliations if a.org):  # not `来自印度的贡献者`
            names.append(person.name)  # `CCF理事长梅宏教授（左一）`: a person text before the aside
            people[person.name] = person.affiliations
            start = mark.end()
            continue
        latin = TRAILING_LATIN_NAME.search(before)
        han = TRAILING_HAN.search(before)
        candidate = han.group(1) if han else ""
        if start and before.startswith(candidate) and candidate[:1] in JOINING \
                and is_placed_name(candidate[1:], know.lex, know.names):
            candidate = candidate[1:]  # `A（左）与B（右）`: the word joining B to A is no part of B
        name = latin.group() if latin else (candidate if candidate and is_placed_name(
            candidate, know.lex, know.names) else "")
        if not name:
            return []  # every aside must follow a name, or this is no such list
        names.append(name)
        start = mark.end()
    return [Mention(name=name, source_kind="caption", line=block.line, raw=block.text, rule="caption:positions",
                    confidence=0.85, affiliations=list(people.get(name, []))) for name in dict.fromkeys(names)]


SEGMENT_LEAD = re.compile(r"^[、，,\s]*(?:和|与|及|以及)?\s*")

