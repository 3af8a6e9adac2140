"""Talk titles, tied to the person of their caption, of the paragraph that follows it, or of
the sentence that names them: `《…》`, `“…”` next to a talk word, `主题：…`, `题目：…`, `议题：…`."""
from __future__ import annotations

import re

from pipeline.extract.knowledge import Knowledge
from pipeline.model import Block, Mention

BOOK = re.compile(r"《(?P<title>[^《》]{2,120})》")
SPEECH_VERBS = r"带来了?|分享了?|发表了?|做了|作了"  # what a speaker does right before a talk's title
JOINING = "与和及"  # words joining two names
QUOTE_BEFORE = re.compile(rf"(?:关于|以|题为|主题为|主题是|主题：|{SPEECH_VERBS})\s*[“\"](?P<title>[^“”\"]{{4,120}})[”\"]"
                          r"(?=\s*(?:的?(?:主题|相关)?(?:分享|演讲|报告|主题|议题|讲座)|为题|为主题|[，,。；;]|$))")
QUOTE_AFTER = re.compile(r"[“\"](?P<title>[^“”\"]{4,120})[”\"]\s*(?:为主题|为题|的主题|主题|的分享|分享|的演讲|演讲|的报告|报告|议题|的相关分享|"
                         r"(?:这一|这个)话题(?:进行了?|做了?|作了?)?(?:分享|演讲|报告))")
SENTENCE = re.compile(r"[^。！？!?；;\n]+")
EVENT_WORDS = r"(?:大会|峰会|论坛|年会|活动|沙龙|比赛|大赛|黑客松|Meetup|meetup)"
# `以“一切为了开发者”为主题的开放原子开发者大会`, `大会以“数智赋能 共筑未来”为主题`: the event's theme, nobody's talk
EVENT_THEME = re.compile(rf"[”\"]\s*(?:为主题|为题|主题)?的?[^，,。；;]{{0,16}}?{EVENT_WORDS}")
THEME_OF_EVENT = re.compile(rf"{EVENT_WORDS}[^，,。；;“”\"]{{0,10}}以\s*[“\"]$")
TALK_ORDINAL = r"(?:分享|议题|话题|演讲|专题|session|talk)\s*[一二三四五六七八九十\d]{1,3}\s*(?:[:：、.|｜-]|\s)"  # `分享三：`
NUMBERING = re.compile(rf"^\s*(?:\d{{1,2}}\s*[、.:：)）-]|part\s*\d+\s*[:：.]?|{TALK_ORDINAL})\s*", re.I)


CLOCK = re.compile(r"\s*\d{1,2}[:：]\d{2}\s*(?:[-~～—–至到]+\s*\d{1,2}[:：]\d{2})?\s*")
LEADING_CLOCK = re.compile("^" + CLOCK.pattern + r"[|｜]?\s*")
WHOLE_TALK = re.compile(r"^\s*(?:[《「『](?P<book>[^《》「」『』]{2,120})[》」』]|[“\"](?P<quote>[^“”\"]{4,120})[”\"])\s*$")


def whole_talk(text: str) -> str:
    """The title when the whole text is one marked title (`《…》`, `「…」`, `“…”`), else ""."""
    match = WHOLE_TALK.match(text)
    return (match.group("book") or match.group("quote")).strip() if match else ""


def section_name(text: str, know: Knowledge, at_most: int | None = None) -> bool:
    """A heading or agenda entry that names a part of the event (`嘉宾简介`, `精彩回顾`) or a group
    of its people (`教练团队`, `嘉宾阵容`), not a talk; too short to be one (under four characters).
    at_most: a generic word counts only in a text that short (beyond, `LLVM 选型介绍及后续工作规划`
    is a talk)."""
    return len(text) < 4 or text.endswith(know.lex.people_headings) or (
        (at_most is None or len(text) <= at_most) and any(w in text for w in know.lex.generic_headings))


EVENT_PART_AT_MOST = 6  # an unmarked agenda entry holding a generic word is a part of the event up to this length


def event_part(text: str, know: Knowledge) -> bool:
    """A short unmarked agenda entry that names a part of the event (`开场致辞`, `主办方致辞`,
    `签到`), not a talk: opening remarks are a talk only when written as a title (`《开场致辞》`)."""
    text = text.strip()
    return not whole_talk(text) and section_name(text, know, EVENT_PART_AT_MOST)


def clean_title(title: str) -> str:
    """Without numbering, a closing full stop and the marks around the whole title (`「…」`)."""
    title = NUMBERING.sub("", title.strip().rstrip("。.")).strip()
    return whole_talk(title) or title


HEADING_NUMBERING = re.compile(rf"^\s*(?:\d{{1,2}}(?:\.\d{{1,2}})*(?!\d)\s*[、.:：)）-]?|part\s*\d+\s*[:：.]?|{TALK_ORDINAL}|"
                               r"[一二三四五六七八九十]+\s*[、.:：]|第[一二三四五六七八九十\d]+[部分章节篇个][:：、]?)\s*", re.I)


def heading_title(text: str) -> str:
    """A heading's text as a talk title: without its time of day (`13:50 - 14:30`), its numbering
    (`1.2`, `一、`, `议题一：`) and the marks around the whole title."""
    return HEADING_NUMBERING.sub("", clean_title(LEADING_CLOCK.sub("", text, count=1))).strip()


def numbered_talk(block: Block) -> str:
    """The marked title a line holds after its numbering (`1. 《…》`; a heading's `01 《…》`,
    `1.2 《…》`), else ""."""
    text = block.text.strip()
    return whole_talk(NUMBERING.sub("", text, count=1)) or (
        whole_talk(HEADING_NUMBERING.sub("", text, count=1)) if block.kind == "heading" else "")


def marked_talk(block: Block, know: Knowledge) -> str:
    """`议题题目：携手openGauss，专注做好数据库。`, `【议题】服务网格的演进` -> the title."""
    if len(block.text) > 130:
        return ""
    match = know.talk_marker.search(block.text)
    return clean_title(match.group("title")) if match else ""


def sentence_talk(sentence: str, know: Knowledge) -> tuple[str, int]:
    """A talk title in one sentence of prose, and where it stands; ("", -1) if none."""
    for pattern in (QUOTE_BEFORE, QUOTE_AFTER):
        match = pattern.search(sentence)
        if match and not EVENT_THEME.match(sentence, match.end("title")) \
                and not THEME_OF_EVENT.search(sentence, 0, match.start("title")):
            return clean_title(match.group("title")), match.start("title")
    if not any(cue in sentence for cue in know.lex.talk_cues):
        return "", -1
    published = -1  # end of the last title of a run of books (`出版了《A》、《B》`)
    for book in BOOK.finditer(sentence):
        if PUBLISHED.search(sentence, 0, book.start()) or (
                published >= 0 and re.fullmatch(JOINER, sentence[published:book.start()])):
            published = book.end()
            continue
        return clean_title(book.group("title")), book.start("title")
    return "", -1


PUBLISHED = re.compile(r"(?:出版|编著|著有|撰写|主编|合著|译著|编写)了?\s*$")  # a book, not a talk
JOINER = rf"\s*(?:[{JOINING}、，,]|以及)\s*"  # between two marked titles of one list
JOINED_TITLE = re.compile(rf"{JOINER}《(?P<title>[^《》]{{2,120}})》")
SPEECH_BEFORE_TITLE = re.compile(rf"(?:{SPEECH_VERBS}|讲解了?|介绍了?)\s*$")


def joined_talks(sentence: str, where: int) -> list[str]:
    """The marked titles joined to the one at offset `where`, right after a verb of speech
    (`分享了《分布式事务》和《存储引擎》`): more talks of the same speaker. Not where the sentence
    shares them out (`分别`), nor after other verbs (`出版了《…》、《…》`: books)."""
    if "分别" in sentence or not SPEECH_BEFORE_TITLE.search(sentence, 0, max(where - 1, 0)):
        return []
    end = sentence.find("》", where)
    out = []
    while end >= 0:
        match = JOINED_TITLE.match(sentence, end + 1)
        if not match:
            break
        out.append(clean_title(match.group("title")))
        end = match.end() - 1
    return out


def tie_talks(mentions: list[Mention], blocks: tuple[Block, ...], know: Knowledge) -> None:
    """Give each structured mention the talk of its section, else of a sentence naming them.
    Three passes: talk markers above speaker lines, the caption's own section, then any
    sentence of the post that names the person next to a talk title."""
    spots = [m for m in mentions if m.source_kind in ("caption", "heading", "table")]
    structured = [m for m in spots if m.rule != "caption:guest_list"]
    names = {m.name for m in mentions}
    claimed = markers_above_speakers(structured, blocks, know)
    spot_lines = sorted({m.line for m in spots})
    headings = [b.line for b in blocks if b.kind == "heading"]

    def trailing_talk(heading: Block) -> bool:
        """`### 分享主题：…` under a speaker's section with no speaker in its own: the talk of the one above."""
        end = next((line for line in headings if line > heading.line), 10 ** 9)
        return bool(marked_talk(heading, know)) and not any(heading.line < line < end for line in spot_lines) \
            and heading.line not in claimed
    boundaries = sorted(set(spot_lines) | {b.line for b in blocks if b.kind == "heading" and not talk_label_heading(b, know)
                                           and not trailing_talk(b)})
    section_talks(structured, blocks, boundaries, names, claimed, know)
    guest_lines = {m.line for m in mentions if m.rule == "caption:guest_list"}
    sentence_talks([m for m in mentions if m.rule != "caption:guest_list"], blocks, names, guest_lines, know)


def talk_label_heading(block: Block, know: Knowledge) -> bool:
    """A heading that is only a talk label (`### 演讲主题`): the line under it is the talk of
    the speaker above, within that speaker's section."""
    return block.kind == "heading" and know.talk_label.fullmatch(block.text.strip() + "：") is not None


def labelled_talk(block: Block) -> str:
    """The talk a line under a talk-label heading gives: a marked title, or the whole short line."""
    text = block.text.strip()
    if block.kind not in ("paragraph", "list_item") or len(text) > 80 or re.search(r"[。！？!?]", text.rstrip("。")):
        return ""
    return whole_talk(text) or clean_title(text)


SECTION_END = re.compile(r"[。！？!?]\s*$")  # a sentence of prose ends there


def label_line(text: str, know: Knowledge) -> bool:
    """A `label：value` line of a record: a person, organisation, title or talk label opens it."""
    return any(pattern.match(text) for pattern in (know.speaker_label, know.org_label, know.title_label,
                                                   know.talk_label))


def markers_above_speakers(structured: list[Mention], blocks: tuple[Block, ...], know: Knowledge) -> set[int]:
    """When a post puts `**议题：…**` above its first speaker line, every marker belongs to the
    speaker line right after it. Elsewhere see heads_record. Returns the lines of the markers so taken."""
    claimed: set[int] = set()
    by_line = {m.line: m for m in structured}
    readable = [b for b in blocks if b.kind != "media"]
    markers = [b.line for b in readable if marked_talk(b, know)]
    if not (markers and by_line):
        return claimed
    every = markers[0] < min(by_line)
    adjacent = {(a.line, b.line) for a, b in zip(blocks, blocks[1:])}
    for before, block, following, after in zip([None, *readable], readable, readable[1:], [*readable[2:], None]):
        owner = by_line.get(following.line)
        if owner is None or owner.talks or not marked_talk(block, know):
            continue
        if every or heads_record(before, block, following, after, (block.line, following.line) in adjacent,
                                 by_line, know):
            owner.talks.append(marked_talk(block, know))
            claimed.add(block.line)
    return claimed


def heads_record(before: Block | None, marker: Block, speaker: Block, after: Block | None, adjacent: bool,
                 by_line: dict[int, Mention], know: Knowledge) -> bool:
    """A talk marker that belongs to the speaker line under it, which opens with a speaker label and
    is no heading (a heading opens the next section). A marked heading heads its section's speaker
    line, a photo between or not (`## 议题一：…`, a photo, `**分享嘉宾**：…`). Any other marker only as
    a record of two lines (`主题：…` then `讲师：…`): the speaker line right under it, with no marker of
    its own right under that, and above the marker what ends a section (a heading, a sentence of
    prose, a speaker line that has its talk). Under a card or a record's field (`讲师：A`, `简介：…`,
    `主题：…`, then `讲师：B`) it stays A's."""
    if marker.kind == "heading":
        return speaker.kind != "heading" and know.speaker_label.match(speaker.text) is not None
    if not (adjacent and speaker.kind != "heading" and know.speaker_label.match(speaker.text)
            and not (after is not None and marked_talk(after, know))):
        return False
    return (before is None or before.kind == "heading"
            or (before.line in by_line and bool(by_line[before.line].talks))
            or (before.line not in by_line and SECTION_END.search(before.text) is not None
                and not label_line(before.text, know)))


def section_talks(structured: list[Mention], blocks: tuple[Block, ...], boundaries: list[int], names: set[str],
                  claimed: set[int], know: Knowledge) -> None:
    """The first talk title between a caption and the next caption, guest list or heading,
    unless a paragraph there introduces someone else first."""
    for mention in structured:
        if mention.talks:
            continue
        following = [b for b in boundaries if b > mention.line]
        end = following[0] if following else 10 ** 9
        labelled = False
        for block in blocks:
            if not mention.line < block.line < end:
                continue
            if block.line in claimed:
                break  # the next speaker's talk marker: this section has ended
            talk = marked_talk(block, know) or (labelled_talk(block) if labelled else "")
            more: list[str] = []  # marked titles joined to a sentence's talk
            labelled = talk_label_heading(block, know)
            if not talk and block.kind == "paragraph":
                if mention.name not in block.text and any(n in block.text for n in names if n != mention.name):
                    break  # this paragraph introduces someone else: the section is not theirs
                for sentence in SENTENCE.findall(block.text):
                    others = [n for n in names if n != mention.name and n in sentence]
                    if others and (mention.name not in sentence or listed_with(
                            sentence, mention.name, sentence.find(mention.name), {n: sentence.find(n) for n in others})):
                        continue
                    talk, where = sentence_talk(sentence, know)
                    if talk:
                        more = joined_talks(sentence, where)
                        break
            if talk:
                mention.talks.extend([talk, *more])
                claimed.add(block.line)
                break


def sentence_talks(mentions: list[Mention], blocks: tuple[Block, ...], names: set[str], guest_lines: set[int],
                   know: Knowledge) -> None:
    """For a person still without a talk: the first talk title of a paragraph that names them,
    if no other person's name stands closer to it."""
    for mention in mentions:
        if mention.talks:
            continue
        for block in blocks:
            own_item = block.kind == "list_item" and mention.source_kind == "prose" and block.line == mention.line
            if not (block.kind in ("paragraph", "summary") or own_item) or mention.name not in block.text \
                    or block.line in guest_lines:
                continue  # a list of panel guests: a topic there is nobody's own talk; a list item only
                # where its own sentence introduces the person (`- 第一位嘉宾是…刘大海，他带来了《…》`)
            at = block.text.find(mention.name)
            offset = 0
            for sentence in SENTENCE.findall(block.text):
                start = block.text.find(sentence, offset)
                offset = start + len(sentence)
                paired = respective_talks(sentence, names)
                if mention.name in paired:
                    mention.talks.append(paired[mention.name])
                    break
                talk, where = sentence_talk(sentence, know)
                if not talk or (mention.name not in sentence and any(
                        n in sentence for n in names if n != mention.name and mention.name not in n)):
                    continue  # another's sentence (`首先，A带来了《X》。随后，B分享了《Y》。`): not B's
                where += start
                others = {n: block.text.find(n) for n in names if n != mention.name and n in block.text}
                if presenting_pair(block.text, mention.name, at, others, where) or (
                        not listed_with(block.text, mention.name, at, others) and not any(
                        abs(o - where) < abs(at - where) and not joined(block.text, at, o) for o in others.values())):
                    mention.talks.extend([talk, *joined_talks(sentence, where - start)])
                break
            if mention.talks:
                break


def respective_talks(sentence: str, names: set[str]) -> dict[str, str]:
    """`A和B分别分享了《X》和《Y》`: as many people before 分别 as marked titles after it, each
    person's talk in the order written; {} otherwise."""
    at = sentence.find("分别")
    if at < 0:
        return {}
    people = sorted((sentence.find(n), n) for n in names if 0 <= sentence.find(n) < at)
    titles = [clean_title(m.group("title")) for m in BOOK.finditer(sentence, at)]
    return dict(zip((n for _, n in people), titles)) if len(people) == len(titles) >= 2 else {}


def listed_with(text: str, name: str, at: int, others: dict[str, int]) -> bool:
    """The name at offset `at` stands in a list with another (`王一、李二共同围绕“…”的主题`): what
    the sentence says of them together, a panel's topic, is no one's own talk."""
    return any(adjacent(text, at, name, o, other) for other, o in others.items())


def adjacent(text: str, a: int, name_a: str, b: int, name_b: str) -> bool:
    """The names at offsets a and b stand next to each other with a list mark between."""
    between = text[a + len(name_a):b] if a < b else text[b + len(name_b):a]
    return LIST_MARK.fullmatch(between) is not None


LIST_MARK = re.compile(r"\s*[、，,]\s*")


def presenting_pair(text: str, name: str, at: int, others: dict[str, int], where: int) -> bool:
    """`王一、李二分享了《X》`: two names listed, and right after the second a verb of presenting,
    then the talk at `where`: co-speakers, not a panel (a third name listed, or 圆桌, 讨论, 围绕 …
    before the talk, make one)."""
    partners = [(other, o) for other, o in others.items() if adjacent(text, at, name, o, other)]
    if len(partners) != 1:
        return False
    other, o = partners[0]
    if any(adjacent(text, o, other, p, third) for third, p in others.items() if third != other):
        return False
    between = text[max(at + len(name), o + len(other)):where]
    return len(between) <= 8 and PRESENTS.match(between) is not None and not PANEL.search(
        text[max(0, min(at, o) - 20):where])


PRESENTS = re.compile(r"\s*(?:共同|一起|联合)?(?:分享|带来|介绍|讲解|演讲|发表)")
PANEL = re.compile(r"圆桌|对话|讨论|座谈|围绕|论坛")


def joined(text: str, a: int, b: int) -> bool:
    """The names at offsets a and b are two co-speakers: one clause joins them with 与, 和 or 及
    (`中国移动架构师甲与高级工程师乙带来《…》`); not a list of several (`A、B、C 共同围绕…的主题`:
    a panel's topic is nobody's own talk)."""
    between = text[min(a, b):max(a, b)]
    return not CLAUSE_END.search(between) and "、" not in between and any(word in between for word in JOINING)


def heading_talks(mentions: list[Mention], blocks: tuple[Block, ...], know: Knowledge) -> None:
    """A section heading is the talk of the people its section presents: of the captions in a
    section that introduces a talk (an abstract label `议题简介：` or a bare speaker label
    `Speaker：` in it: `## openEuler Embedded…探索`, `议题简介：…`, `Speaker：`, a photo,
    `openEuler TC 委员 任慰`), and of a prose speaker who is the only person introduced there, in
    a sentence that says they present (`### HAMi 新特性…` then `…Maintainer 李孟轩介绍了…`)."""
    named = {m.line for m in mentions}
    top = 1 if sum(b.kind == "heading" and b.level == 1 for b in blocks) >= 2 else 2  # several `#`: sections, not a title
    headings = [b for b in blocks if (b.kind == "heading" and b.level >= top) or (
        untitled_heading(b) and b.line not in named)]
    by_section: dict[int, list[Mention]] = {}
    for mention in mentions:
        above = [h for h in headings if h.line < mention.line]
        if above and (above[-1].kind == "heading" or above[-1].emphasised):  # `**手搓一个脚手架**` over a photo
            by_section.setdefault(above[-1].line, []).append(mention)
    text_of = {h.line: h.text for h in headings}
    ends = {h.line: next((b.line for b in blocks if b.kind == "heading" and b.line > h.line), 10 ** 9) for h in headings}
    for line, group in by_section.items():
        people = {m.name for m in group}
        title = heading_title(text_of[line])
        if not title or any(name in title for name in people) or len(title) < 4:
            continue
        generic = section_name(title, know, GENERIC_AT_MOST)
        named_there = {m.name for m in group if m.source_kind != "prose"}
        numbered = HEADING_NUMBERING.match(text_of[line].strip()) is not None and len(named_there) == 1
        if not generic and (numbered or introduces_talk([b for b in blocks if line < b.line < ends[line]], know)):
            # `## 1. 湖仓一体架构实践` over one speaker's caption: a numbered section is that speaker's talk
            for mention in group:
                if mention.source_kind != "prose" and mention.rule != "caption:guest_list" and not mention.talks:
                    mention.talks.append(title)
        if len(people) != 1 or generic:
            continue
        for mention in group:
            presenting = any(cue in clause_after(mention.raw, mention.name) for cue in know.lex.talk_cues)
            if mention.source_kind == "prose" and not mention.talks and presenting:
                mention.talks.append(title)


GENERIC_AT_MOST = 10  # a heading holding a generic word is a section's name up to this length (`嘉宾简介`);
# beyond, a talk (`GCC 中的 RTL 语言简介`, `LLVM 选型介绍及后续工作规划`)


def untitled_heading(block: Block) -> bool:
    """A short line right above a photo, no sentence and no label (`从算力到应用：…实践探索` among
    `##` headings, a bold `**合影留念**`), naming nobody (checked by the caller): it opens a section
    of its own, so the section above ends there. Bold, it heads its section as a heading does
    (`**手搓一个脚手架**` over a photo, then the one person who presents it); plain, it may be a
    photo's caption and is no talk."""
    text = block.text.strip()
    return (block.kind == "paragraph" and block.before_media and (4 if block.emphasised else 6) <= len(text) <= 40
            and not text.endswith((":", "：")) and not re.search(r"[。！？!?，,]", text))  # not `Speaker：`


def introduces_talk(section: list[Block], know: Knowledge) -> bool:
    """A section that gives a talk's abstract (`议题简介：…`) or a bare speaker label (`Speaker：`;
    not an author's or a bio's: `*本文作者：*`, `作者简介：` introduce no talk)."""
    for block in section:
        text = block.text.strip()
        if block.kind in ("paragraph", "list_item") and (know.abstract_label.match(text)
                                                           or know.presenter_label.fullmatch(text)):
            return True
    return False


CLAUSE_END = re.compile(r"[，,；;。！？!?]")


def clause_after(sentence: str, name: str) -> str:
    """The clause a name opens in a sentence (what the person does there), or the whole
    sentence when the name is not in it."""
    at = sentence.find(name)
    if at < 0:
        return sentence
    end = CLAUSE_END.search(sentence, at + len(name))
    return sentence[at:end.start() if end else len(sentence)]
