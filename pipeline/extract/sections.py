"""Person-texts found through the post's structure rather than one line's shape.

- a heading that is a name (`#### 贺师俊`), with what its section says: a caption line
  (`<figcaption>蚂蚁金服 - 高级技术专家</figcaption>`), a bio (`熊洋是美团前端工程师，…`), a
  `> 《talk》` line, or the talk in the heading above (`### 《蚂蚁前端研发最佳实践》`);
- a bio label (`#### 讲师简介`, `*本文作者：*`, `嘉宾介绍：…`) and the name and bio after it, and a
  bio paragraph that opens with a bold name (`**聂殿辉**，TiKV Committer，…`);
- records of `label：value` lines (`- 讲师：向宇，…` beside `- 组织：华为云`);
- a bold answer label (`**华创资本谢佳：**`) opening a paragraph of an interview;
- the post's own title when it opens with a speaker (`刘寅：TiDB 工具链和生态`).
Headings that are names are read the same way across the post: once two headings are
certain names, a heading of the same shape that is a less certain name is read as one too.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipeline.extract.affiliation import (EDGE, bio_affiliations, credible_org, ends_with_title, has_title_word,
                                          split_affiliations)
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.names import is_chinese_name, is_person_name
from pipeline.extract.people import (FROM_ORG, LATIN_FULL_NAME, LEADING_SYMBOLS, NICKNAME, NUMBERING, PersonText,
                                     affiliation_line, bio_person, labelled_people, name_of, parse_person_text,
                                     split_nickname, too_long_for_caption)
from pipeline.extract.talks import (LEADING_CLOCK, SENTENCE, clean_title, heading_title, label_line, marked_talk,
                                    numbered_talk, section_name, sentence_talk, whole_talk)
from pipeline.model import Affiliation, Block, Mention, Post

BOLD_OPENING = re.compile(r"^[>\s]*(?:(?:[-+•·]|\d{1,3}[.、)）])\s+)?(?:\*\*|__|<strong>|<b>)(?P<name>[^*_<>]{2,24}?)(?:\*\*|__|</strong>|</b>)"
                          r"(?:\s*(?P<mark>[，,:：]|[-—–]{1,2}(?=\s))|\s+(?=\S))")
NAME_COMMA_OPENING = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}}|{LATIN_FULL_NAME})\s*[，,]")
ANSWER_LABEL = re.compile(r"^[>\s]*(?:\*\*|__)(?P<label>[^*_]{2,24}?)\s*[:：]\s*(?:\*\*|__)|"
                          r"^[>\s]*(?:\*\*|__)(?P<label2>[^*_]{2,24}?)(?:\*\*|__)\s*[:：]")
TITLE_SPEAKER = re.compile(r"^(?:[^|｜:：]{1,12}[|｜])?\s*(?P<person>[^|｜:：，,]{2,24}?)\s*[:：]\s*\S")
INTERVIEW_ROLE = re.compile(r"\s*(?P<person>[^|｜丨:：，,！!？?]{2,30}[:：]\s*[^|｜丨:：，,！!？?]{2,12})\s*")
INTERVIEW_REST = re.compile(r"\s*[|｜丨:：]?\s*(?P<person>[^|｜丨:：，,！!？?]{2,30}?)\s*(?:[|｜丨:：，,！!？?]|$)")
BAR_SPEAKER = re.compile(r"^(?P<person>[\u4e00-\u9fff]{2,4})\s*[|｜]\s*\S")  # `### 钱思远 | 向量数据库选型`
SAYS = re.compile(r"[：:，,。！？!?]")  # what a speaker says, or a bio, after a bold name: no affiliation line
TIME_OF_DAY = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])\s*[:：]\s*[0-5]\d(?!\d)")  # 14:10, 9：30


def section_mentions(post: Post, know: Knowledge) -> list[Mention]:
    blocks = table_records([b for b in post.blocks if b.kind not in ("media", "code")], know)
    return (name_heading_mentions(blocks, know) + talk_heading_mentions(blocks, know) + bio_mentions(blocks, know)
            + record_mentions(blocks, know) + answer_label_mentions(blocks, know) + title_mentions(post, know))


def heading_speaker(heading: Block, know: Knowledge, section: list[Block] | None = None) -> tuple[str, str]:
    """(name, what follows its colon) of a heading `### 王一：服务网格的落地实践`, or ("", ""). With
    the section under the heading, a name no list knows (`Maria Garcia: …`) counts where that
    section opens with it (introduced_below)."""
    text = NUMBERING.sub("", LEADING_CLOCK.sub("", LEADING_SYMBOLS.sub("", heading.text.strip())), count=1).strip()
    match = TITLE_SPEAKER.match(text) or BAR_SPEAKER.match(text)  # `### 14:40-15:20 王一：…`: after its time
    name = heading_name(match.group("person"), know, certain=True) if match else ""
    if match and not name and section is not None:
        name = heading_name(match.group("person"), know, certain=False)
        name = name if introduced_below(name, section) else ""
    return (name, text[match.end("person"):].strip(EDGE + " ")) if name else ("", "")


def introduced_below(name: str, section: list[Block]) -> bool:
    """The name opens the first lines under its heading: a Latin name of two words or more, whole
    or by its first word (`Maria is a principal engineer…`), or a Han name before a comma or 是
    (`张明，华为云数据库首席架构师。`): the section is about that person. One Latin word is as often
    a project (`### Higress：…` then `Higress 是…`)."""
    lines = [b.text for b in section[:2] if b.kind in ("paragraph", "list_item")]
    if not name.isascii():
        return any(text.startswith(name) and text[len(name):len(name) + 1] in ("，", ",", "是") for text in lines)
    return " " in name.strip() and any(text.startswith((name, name.split()[0] + " ")) for text in lines)


def talk_heading_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    """`### 王一：服务网格的落地实践` (a name, a colon, the talk), and `## 《talk》` with the speaker
    on the short line right under it (`王一 星河科技架构师`)."""
    out = []
    for k, heading in enumerate(blocks):
        if heading.kind != "heading":
            continue
        section = section_of(blocks, k)
        name, talk = heading_speaker(heading, know, section[:2])
        if name and not whole_talk(talk) and ends_with_title(talk, know):
            continue  # `### 王一：星河科技 高级架构师`: an affiliation, read as a caption
        if name:  # a Latin name the section opens with has a bio there (`Maria is a … at Initech`)
            out.append(Mention(name=name, source_kind="heading", line=heading.line, raw=heading.text,
                               rule="heading:name_talk", confidence=0.85, talks=[whole_talk(talk) or talk],
                               affiliations=section_affiliations(name, section, know)
                               if introduced_below(name, section) else []))
            continue
        talk = numbered_talk(heading)
        under = next((b for b in section[:2] if b.kind in ("paragraph", "list_item")), None)
        if not talk or under is None or len(under.text) > 40 or re.search(r"[。！？!?]", under.text):
            continue
        person = parse_person_text(under.text, know)
        if person and not person.talk and is_chinese_name(person.name, know.lex, know.names) \
                and not ordinary_given_name(person.name, know):
            out.append(Mention(name=person.name, source_kind="caption", line=under.line, raw=under.text,
                               rule="caption:under_talk", confidence=0.85 if person.affiliations else 0.75,
                               affiliations=person.affiliations, talks=[talk]))
    return out


def heading_talk(blocks: list[Block], k: int, level: int, know: Knowledge) -> str:
    """The talk of the heading above block k whose level is below `level` (its parent), when
    that heading is wholly a marked title (`### 《Deno 初体验》`)."""
    for j in range(k - 1, -1, -1):
        block = blocks[j]
        if block.kind == "heading" and block.level < level:
            if know.bio_label.match(block.text):
                level = block.level  # `#### 讲师简介` under `### 《Deno 初体验》`: look one level up
                continue
            return whole_talk(NUMBERING.sub("", block.text, count=1))
    return ""


def section_of(blocks: list[Block], k: int, limit: int = 6) -> list[Block]:
    """The blocks after block k up to the next heading (at most `limit`)."""
    out = []
    for block in blocks[k + 1:]:
        if block.kind == "heading" or len(out) >= limit:
            break
        out.append(block)
    return out


def heading_name(text: str, know: Knowledge, certain: bool) -> str:
    """The name a heading consists of; certain=False accepts a name without a known surname
    (`月影`, `水歌`) that is no ordinary word."""
    text, _ = split_nickname(NUMBERING.sub("", text.strip(), count=1), know)
    text = text.strip(EDGE)
    if is_chinese_name(text, know.lex, know.names, strict=True) and not ordinary_given_name(text, know):
        return text
    if not certain and is_person_name(text, know.lex, know.names, strict=False, single_latin=True) \
            and text not in know.lex.generic_headings and not any(w in text for w in know.lex.generic_headings):
        return text
    return ""


def ordinary_given_name(name: str, know: Knowledge) -> bool:
    """`高智能`, `公有云`: a surname character before an ordinary word reads as that word."""
    return len(name) == 3 and know.names.is_word(name[1:])


def name_heading_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    """Headings that are a person's name: certain ones (a surname the lists know), and, among two
    certain ones or more, names no list knows that their section or the agenda vouch for (`水歌`
    with a talk under it; `月影`, a word too, which an agenda row `月影《…》` names with a talk)."""
    headings = [k for k, b in enumerate(blocks) if b.kind == "heading"]
    names = {k: heading_name(blocks[k].text, know, certain=True) for k in headings}
    certain = {k for k in headings if names[k]}
    for k in headings:
        if not names[k]:
            names[k] = heading_name(blocks[k].text, know, certain=False) or agenda_named(blocks[k], blocks)
    groups = sibling_groups(blocks, headings)
    named_groups = {groups[k] for k in certain}
    candidates = certain | {k for k in headings if names[k] and (
        len(certain) >= 2 or groups[k] in named_groups or is_chinese_name(names[k], know.lex, know.names)
        or introduced_below(names[k], section_of(blocks, k)))}  # `### 张建国`: a known surname, a given name
    # that is a word too, vouched for by a section that reads like a speaker's
    out = []
    for k in sorted(candidates):
        heading = blocks[k]
        name = names[k]
        section = section_of(blocks, k)
        talk = next((whole_talk(b.text) for b in section[:2] if whole_talk(b.text)), "") or \
            heading_talk(blocks, k, heading.level, know) or agenda_talk(name, blocks)
        affiliations = section_affiliations(name, section, know)
        if k not in certain and not (talk or affiliations):
            continue  # an uncertain name needs its section to read like a speaker's
        out.append(Mention(name=name, source_kind="heading", line=heading.line, raw=heading.text,
                           rule="heading:name", confidence=0.9 if k in certain else 0.75,
                           affiliations=affiliations, talks=[talk] if talk else []))
    return out


def sibling_groups(blocks: list[Block], headings: list[int]) -> dict[int, tuple[int, int]]:
    """heading -> (its parent heading, its level): headings that share both are siblings (the
    speakers of one `讲师简介`, each under a heading of their name)."""
    groups, open_ = {}, []  # open_: the headings above the current one, outermost first
    for k in headings:
        level = blocks[k].level
        while open_ and blocks[open_[-1]].level >= level:
            open_.pop()
        groups[k] = (open_[-1] if open_ else -1, level)
        open_.append(k)
    return groups


def agenda_named(heading: Block, blocks: list[Block]) -> str:
    """A heading of two to four Han characters that an agenda row names with a talk, or ""."""
    text = NUMBERING.sub("", heading.text.strip(), count=1).strip(EDGE)
    return text if SHORT_HAN_NAME.fullmatch(text) and agenda_talk(text, blocks) else ""


SHORT_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def agenda_talk(name: str, blocks: list[Block]) -> str:
    """The talk an agenda row gives the name (`| 16:30 | 月影《基于 Canvas 的…》 |`), or ""."""
    for block in blocks:
        for cell in block.cells if block.kind == "table_row" else ():
            if cell.strip().startswith(name):
                talk = whole_talk(cell.strip()[len(name):])
                if talk:
                    return talk
    return ""


def section_affiliations(name: str, section: list[Block], know: Knowledge) -> list[Affiliation]:
    """What the first lines under a name say the person is: a short caption line
    (`亚马逊 AWS - 高级解决方案架构师`) or the opening clauses of a bio."""
    for block in section[:4]:
        if block.kind not in ("paragraph", "list_item", "alt_text") or whole_talk(block.text):
            continue
        if block.text.lstrip(" >").startswith(("——", "—", "--")):
            continue  # a tag line under the talk (`—— 给想要了解…的你`)
        about = introduced_below(name, [block])  # a sentence about the person (`Jonas Weber works as …`)
        found = (not about and affiliation_line(block, know)) or bio_affiliations(block.text.strip(EDGE), know,
                                                                                  subject=name)
        if found:
            return found
    return []


def name_caption_lines(mentions: list[Mention], blocks: tuple[Block, ...], know: Knowledge) -> None:
    """A caption that is only a name (`<h4>王一</h4>` under a photo, `分享嘉宾：王一`) takes the
    affiliation of the line right after it when that line is nothing else (`星河科技 高级架构师`),
    and of each such line after that one (a speaker card's lines, one per affiliation), or, like a heading that is only a name (`#### 第三位嘉宾：祁一鸣`), the affiliations of a bio
    right after it that opens with the same name (`祁一鸣，北辰大学副教授，…`)."""
    on_line: dict[int, list[int]] = {}  # a line may hold several blocks (`<h4>王一</h4><p>星河科技 架构师</p>`)
    for k, b in enumerate(blocks):
        on_line.setdefault(b.line, []).append(k)
    for mention in mentions:
        here = on_line.get(mention.line, [len(blocks)])
        k = next((i for i in here if mention.name in blocks[i].text), here[-1]) + 1  # the block after the name's
        after = blocks[k] if k < len(blocks) else None
        if mention.affiliations or after is None or after.kind not in ("paragraph", "list_item"):
            continue
        if mention.rule in ("caption:bare", "caption:labelled") and parse_person_text(after.text, know) is None:
            found = affiliation_line(after, know, under_heading=False) or card_bio(mention, after, know)
            while found:  # walks the blocks one by one: each is read once
                mention.affiliations.extend(found)
                k += 1
                after = blocks[k] if k < len(blocks) else None
                found = affiliation_line(after, know, under_heading=False) if after is not None and \
                    after.kind == "paragraph" and parse_person_text(after.text, know) is None else []
        elif mention.rule in ("caption:bare", "caption:labelled", "heading:bare"):
            bio = bio_person(after.text, know)
            if bio is not None and bio.name == mention.name:
                mention.affiliations = bio.affiliations
            elif bio is None and mention.rule == "heading:bare" and know.speaker_label.match(mention.raw):
                mention.affiliations = bio_affiliations(after.text, know)  # `#### 讲师：王一` then `星河科技…工程师，…`


def card_bio(mention: Mention, after: Block, know: Knowledge) -> list[Affiliation]:
    """Under a caption that is the name alone (`**刘军**` under a photo), the bio below it, labelled
    (`个人简介：阿里云高级技术专家，…`) or not: the affiliation clauses it opens with."""
    if mention.rule != "caption:bare" or mention.raw.strip(EDGE) != mention.name:
        return []
    label = know.speaker_label.match(after.text)
    if label and not know.bio_label.match(after.text[:label.end()].strip()):
        return []  # another field of a record (`分享主题：…`)
    return bio_affiliations(after.text[label.end() if label else 0:], know, subject=mention.name)


def bio_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    """A bio label and the name and bio after it; a paragraph opening with a bold name and a comma."""
    out = []
    for k, block in enumerate(blocks):
        if block.kind not in ("heading", "paragraph", "list_item"):
            continue
        person, line, raw = None, block.line, block.text
        if know.bio_label.match(block.text):
            person, line, raw = person_after_label(blocks, k, know)
        elif block.kind != "heading" and know.speaker_label.match(block.text) and too_long_for_caption(block.text):
            person = bio_person(block.text, know)  # `嘉宾介绍：邢学超（于怀），…` too long for a caption
        elif block.kind != "heading":
            bold = BOLD_OPENING.match(block.raw)
            mark = bold.group("mark") if bold else None
            if bold and mark is None and block.kind == "list_item":
                person = (titled_person(bold.group("name"), know) or titled_person(block.text, know)
                          or bracketed_body_person(bold.group("name"), know))
            elif bold and mark is None and is_person_name(bold.group("name").strip(), know.lex, know.names) \
                    and not SAYS.search(block.text.rstrip("。.")):
                person = titled_person(block.text, know)  # `**丁一凡** 星河科技 架构师`: a line of its own
            elif mark and mark[0] in "：:-—–":
                person = titled_person(block.text, know)  # `**吕一欣**：北辰大学副教授`, not an answer; `**Jon Doe** - CTO, Acme`
                if person is not None and person.name != bold.group("name").strip():
                    person = None  # `**圆桌嘉宾**：A（…）、B（…）`: a label in bold, read by the label readers
                person = person or bracketed_body_person(bold.group("name").strip(), know)  # `**晏一川（星衡科技）**：分享了…`
            elif mark and is_person_name(bold.group("name").strip(), know.lex, know.names, strict=False,
                                         single_latin=True):
                person = bio_person(block.text, know) or PersonText(bold.group("name").strip())
                if not person.affiliations:
                    person.affiliations = later_bio(blocks, k, person.name, know)
            elif block.kind == "list_item" and NAME_COMMA_OPENING.match(block.text):
                person = bio_person(block.text, know)  # `- 汪一墨，海纳数据产品总监，分享了《…》`
                if person is not None and not any(a.title for a in person.affiliations):
                    person = None
        if person is None:
            continue
        level = block.level if block.kind == "heading" else 7
        talk = heading_talk(blocks, k, level, know) if block.kind == "heading" else \
            heading_talk(blocks, k, nearest_heading_level(blocks, k) or 7, know) or own_talk(block, know)
        out.append(Mention(name=person.name, source_kind="caption", line=line, raw=raw, rule="caption:bio",
                           confidence=0.85 if person.affiliations else 0.7, affiliations=person.affiliations,
                           talks=[talk] if talk else []))
    return out


def titled_person(text: str, know: Knowledge) -> PersonText | None:
    """A short `name：affiliation` line whose affiliation has a title (or `Jon Doe from Acme`); None for anything longer
    (an interview's answer after a bold name). A list item that opens with a bold person-text
    (`- **苏茜（招商银行研发工程师）** 揭秘…`) is read by its bold part, else whole
    (`1. **童一彤** 云海数据 产品经理`)."""
    person = parse_person_text(text, know) if len(text) <= 60 else None
    return person if person is not None and (any(a.title for a in person.affiliations) or any(
        a.org and FROM_ORG.match(text) for a in person.affiliations)) else None


def bracketed_body_person(text: str, know: Knowledge) -> PersonText | None:
    """`**马达（燧原科技）** 展示…`: a bold name with an organisation in brackets and no title; the
    organisation must be credible (known, with an organisation ending, a trade name)."""
    person = parse_person_text(text, know) if NICKNAME.match(text) else None
    return person if person is not None and any(credible_org(a.org, know) for a in person.affiliations) else None


def own_talk(block: Block, know: Knowledge) -> str:
    """The talk a bio's own sentences give (`…，本次带来《对象存储的分层设计》`)."""
    for sentence in SENTENCE.findall(block.text):
        talk, _ = sentence_talk(sentence, know)
        if talk:
            return talk
    return ""


def nearest_heading_level(blocks: list[Block], k: int) -> int:
    for block in reversed(blocks[:k]):
        if block.kind == "heading":
            return block.level + 1
    return 0


def later_bio(blocks: list[Block], k: int, name: str, know: Knowledge) -> list[Affiliation]:
    """The affiliations of the next bio paragraph when the first says none (`她也是 … 核心成员`)."""
    for block in section_of(blocks, k, limit=2):
        found = bio_affiliations(block.text, know, subject=name) if block.kind == "paragraph" else []
        if found:
            return found
    return []


def person_after_label(blocks: list[Block], k: int, know: Knowledge) -> tuple[PersonText | None, int, str]:
    """After `本文作者`: `张波，社区ID …，Nacos Committer，…` on one line, or a name line
    (`朱鹏飞（花名：敦谷）`) and then the bio."""
    section = section_of(blocks, k, limit=3)
    for j, block in enumerate(section):
        person = bio_person(block.text, know)
        if person is not None:
            return person, block.line, block.text
        text, nickname = split_nickname(block.text.strip(), know)
        name, _ = name_of(text.strip(EDGE), know)
        if name and len(text.strip(EDGE)) <= 24:
            rest = section[j + 1:j + 2]
            affiliations = bio_affiliations(rest[0].text, know, subject=name) if rest else []
            return PersonText(name, affiliations, nickname=nickname), block.line, block.text
    return None, 0, ""


def record_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    """Runs of `label：value` lines: the people of the person labels, with the organisation and
    title of the organisation and title labels of their record (the lines from one person
    label to the next; a run with one organisation label gives it to all); a speaker's talk is
    the talk label's, a wholly marked title in the run, or the heading."""
    out = []
    for run in record_runs(blocks, know):
        orgs = [k for k in run if know.org_label.match(blocks[k].text)]
        session = any(TIME_OF_DAY.search(blocks[k].text) for k in run)  # a workshop's record, not a project's
        stated = next((blocks[k].text[m.end():].strip(EDGE) for k in run
                       for m in [know.talk_label.match(blocks[k].text)] if m), "")  # `- 议程：Keynote: …`
        stated = stated or next((t for k in run for t in [whole_talk(blocks[k].text.strip())] if t), "")
        for record in split_records(run, blocks, know):
            stated_affiliation = record_affiliation([k for k in record if k in orgs] or (orgs if len(orgs) == 1 else []),
                                                    record, blocks, know)
            own = next((blocks[j].text[m.end():].strip(EDGE) for j in record
                        for m in [know.talk_label.match(blocks[j].text)] if m), "")  # the record's own talk label
            for k in record:
                block = blocks[k]
                label = know.speaker_label.match(block.text)
                if not label or know.bio_label.match(block.text[:label.end()].strip()):
                    continue
                presence = know.presence_label.match(block.text) is not None or (
                    not session and know.leader_label.match(block.text) is not None)
                talk = clean_title(own) if presence or own else (
                    clean_title(stated) if len(stated) >= 4 else section_heading(blocks, k, know))
                for person in labelled_people(block.text[label.end():], know):
                    affiliations = [Affiliation(a.org or stated_affiliation.org, a.title)
                                    for a in person.affiliations] if stated_affiliation else person.affiliations
                    if stated_affiliation and not affiliations:
                        affiliations = [stated_affiliation]
                    own_talk = person.talk or talk  # `Keynote: Jane Roe (Acme CTO) — Scaling X`: the line's own
                    out.append(Mention(name=person.name, source_kind="heading" if block.kind == "heading" else "caption",
                                       line=block.line, raw=block.text, rule="caption:record", confidence=0.85,
                                       affiliations=affiliations, talks=[own_talk] if own_talk else []))
    return out


def table_records(blocks: list[Block], know: Knowledge) -> list[Block]:
    """The rows of a two-column `label | value` table (`| 讲师 | 甘一川 |` `| 公司 | 北辰大学 |`) as
    `label：value` lines, its label row first: a record laid out as a table."""
    out = []
    for k, block in enumerate(blocks):
        line = f"{block.cells[0]}：{block.cells[1]}" if block.kind == "table_row" and len(block.cells) == 2 else ""
        if not (line and label_line(line, know)):
            out.append(block)
            continue
        first = k == 0 or blocks[k - 1].kind != "table_row" or blocks[k - 1].header != block.header
        head = f"{block.header[0]}：{block.header[1]}" if len(block.header) == 2 else ""
        if first and head and label_line(head, know):
            out.append(replace(block, kind="paragraph", text=head, line=max(1, block.line - 2), cells=(), header=()))
        out.append(replace(block, kind="paragraph", text=line, cells=(), header=()))
    return out


def record_runs(blocks: list[Block], know: Knowledge) -> list[list[int]]:
    """Runs of adjacent list items; and runs of adjacent lines or headings that are each a
    `label：value` line, with a person label and an organisation or title label among them
    (`讲师：鲍一凡` `公司：星河科技` `职位：资深工程师`)."""
    runs: list[list[int]] = []
    for k, block in enumerate(blocks):
        if block.kind == "list_item" and runs and runs[-1][-1] == k - 1 and blocks[k - 1].kind == "list_item":
            runs[-1].append(k)
        elif block.kind == "list_item":
            runs.append([k])
    labelled: list[list[int]] = []
    for k, block in enumerate(blocks):
        if block.kind in ("paragraph", "heading") and label_line(block.text, know):
            if labelled and labelled[-1][-1] == k - 1:
                labelled[-1].append(k)
            else:
                labelled.append([k])
    return runs + [run for run in labelled if any(know.speaker_label.match(blocks[k].text) for k in run)
                   and any(know.org_label.match(blocks[k].text) or know.title_label.match(blocks[k].text)
                           for k in run)]


def split_records(run: list[int], blocks: list[Block], know: Knowledge) -> list[list[int]]:
    """The run cut before each person label line, or, in a run that opens with its talk label
    (`议题：…` then `讲师：…`, record after record), before a talk label right above one; lines
    before the first go with the first."""
    records: list[list[int]] = []
    speaker = [bool(know.speaker_label.match(blocks[k].text)) for k in run]
    talk = [know.talk_label.match(blocks[k].text) is not None for k in run]
    talk_first = True in talk and talk.index(True) < (speaker.index(True) if True in speaker else len(run))
    spoken = False  # the record being filled has its person label
    for i, k in enumerate(run):
        opens = speaker[i] or (talk_first and talk[i] and i + 1 < len(run) and speaker[i + 1])
        if records and not (opens and spoken):
            records[-1].append(k)
        else:
            records.append([k])
            spoken = False
        spoken = spoken or speaker[i]
    return records


def record_affiliation(org_lines: list[int], record: list[int], blocks: list[Block], know: Knowledge
                       ) -> Affiliation | None:
    """The organisation and title a record's labels give (`单位：云海数据 SRE 负责人` splits)."""
    org = next((blocks[k].text[m.end():].strip(EDGE) for k in org_lines
                for m in [know.org_label.match(blocks[k].text)] if m), "")
    title = next((blocks[k].text[m.end():].strip(EDGE) for k in record
                  for m in [know.title_label.match(blocks[k].text)] if m), "")
    if not (org or title):
        return None
    split = split_affiliations(org, know) if org and not title else []
    if len(split) == 1 and split[0].org and split[0].title:
        return split[0]
    return Affiliation(org, title)


def section_heading(blocks: list[Block], k: int, know: Knowledge) -> str:
    for block in reversed(blocks[:k]):
        if block.kind == "heading":
            text = heading_title(block.text).strip(EDGE)
            return "" if section_name(text, know) else text
    return ""


def answer_label_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    """`**华创资本谢佳：**` opening an answer: the label names the person answering, in a post
    whose labels come back (an exchange) or at least half name someone."""
    labelled = [(b, (m.group("label") or m.group("label2")).strip(EDGE))
                for b in blocks if b.kind == "paragraph" for m in [ANSWER_LABEL.match(b.raw)] if m]
    if len(labelled) < 2:
        return []  # an interview labels every answer; one bold label is not a layout
    out = []
    for block, label in labelled:
        person = parse_person_text(label, know)
        if person is None or not is_chinese_name(person.name, know.lex, know.names) \
                or ordinary_given_name(person.name, know):
            continue
        out.append(Mention(name=person.name, source_kind="caption", line=block.line, raw=label,
                           rule="caption:answer_label", confidence=0.8, affiliations=person.affiliations))
    labels = Counter(label for _, label in labelled)
    if max(labels.values()) == 1 and 2 * len({m.raw for m in out}) < len(labels):
        return []  # labels used once each, most naming no one: a list of topics, not an exchange
    return out


def title_mentions(post: Post, know: Knowledge) -> list[Mention]:
    """`刘寅：TiDB 工具链和生态`, `华为马海旭：…`: the post's title opens with a speaker; so does an
    interview's (`专访 | 星河科技 CTO 王一`, `对话王一：…`) after its opening word."""
    title = post.title.strip()
    opening = next((w for w in know.lex.interview_openings if title.startswith(w)), "")
    rest = title[len(opening):] if opening else ""  # `对话 Maintainer：王一`: the whole rest, a role then the name
    for text in (m.group("person") for m in (INTERVIEW_REST.match(title, len(opening)) if opening else None,
                                             TITLE_SPEAKER.match(title), INTERVIEW_ROLE.fullmatch(rest)) if m):
        person = parse_person_text(text, know)
        if person is not None and is_person_name(person.name, know.lex, know.names) and not person.talk:
            return [Mention(name=person.name, source_kind="heading", line=post.title_line or 1, raw=post.title,
                            rule="heading:post_title", confidence=0.8, affiliations=person.affiliations)]
    return []


# a field of a record, no talk: a short Han label (`时间：…`) or a short label and value (`项目难度：进阶`)
RECORD_FIELD = re.compile(r"^\s*[\u4e00-\u9fff]{1,6}[：:]|^[^：:]{1,6}[：:]\s*\S{1,6}$")
NUMBERED_ITEM = re.compile(r"^\s*\d{1,2}[.、)）]\s")


BOOK_LINE = re.compile(r"《[^《》]{2,120}》")  # a line that is wholly a marked title


def pseudo_heading_talks(mentions: list[Mention], blocks: tuple[Block, ...], know: Knowledge) -> None:
    """`**📚 AI 编程教育的探索之旅**` right above `> 彭雪梅 | 创业者 | …`: a bold line or heading that
    names nobody, right above a many-part person line, is that person's talk; so is a heading
    right above a labelled speaker line (`### Scaling Kafka` then `Speaker: Anna Schmidt, …`), and
    a bold line that is wholly a marked title right above any caption (`**《云原生架构》**`, a
    photo, `<center>星河云总经理 麦一东</center>`)."""
    readable = [b for b in blocks if b.kind not in ("media", "alt_text")]
    taken = {m.line for m in mentions}
    by_line: dict[int, list[Mention]] = {}  # a labelled line may list several speakers of one talk
    for m in mentions:
        if m.source_kind == "caption" and m.rule != "caption:guest_list" and not m.talks:
            by_line.setdefault(m.line, []).append(m)
    for above, block in zip(readable, readable[1:]):
        group = by_line.get(block.line, [])
        mention = group[0] if group else None
        if mention is None or above.line in taken or marked_talk(above, know) or (
                above.kind == "heading" and heading_speaker(above, know)[0]):  # `### 王一：…` names its own speaker
            continue
        if numbered_talk(above):
            for m in group:
                m.talks.append(numbered_talk(above))  # `1. 《服务网格实践》` above `演讲嘉宾：王一`
            continue
        if (mention.rule == "caption:labelled" and above.kind == "list_item" and NUMBERED_ITEM.match(above.raw)
                and len(above.text) >= 6 and not has_title_word(above.text, know)
                and not know.speaker_label.match(above.text) and not RECORD_FIELD.match(above.text)
                and not heading_speaker(above, know)[0]):  # `莫一凡：…` names its own
            for m in group:
                m.talks.append(clean_title(above.text))  # `1. OmniRuntime：…的框架解析` above `演讲嘉宾：罗旦 | …`
            continue
        text = heading_title(above.text)
        titled = above.emphasised or above.kind == "heading"
        if not ((titled and (mention.rule == "caption:parts" or BOOK_LINE.fullmatch(text.strip()))) or (
                mention.rule == "caption:labelled" and above.kind == "heading" and above.level >= 2
                and know.presenter_label.match(block.text.lstrip("-*_> "))  # not `布展人：`, `作者：`: no talk
                and not know.speaker_label.match(above.text + "：") and not know.talk_label.match(above.text + "："))):
            continue  # `### Scaling Kafka at Acme` right above `*Speaker: Anna Schmidt, …*`
        text = text.strip(EDGE)
        text = re.sub(r"^[^\w《“\"]+", "", text).strip()  # an emoji or bullet before the title
        if not section_name(text, know):
            for m in group:
                m.talks.append(whole_talk(text) or text)
