"""Prose speakers: running text that introduces a person with organisation and title,
`联通数科操作系统研发工程师余昇锦分享了…`, `来自云和恩墨的高级研究员刘伟`."""
from __future__ import annotations

import re

from pipeline.extract.affiliation import (EDGE, PART_SEPARATORS, credible_org, ends_with_org, ends_with_title,
                                         has_title_word, named_org, reads_as_sentence, split_affiliations, trade_name)
from pipeline.extract.gazetteer import plausible_org
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.names import LATIN_NAME, is_chinese_name, is_person_name, is_placed_name, strip_honorific
from pipeline.extract.people import NICKNAME_LABEL, affiliations_of, labelled_people
from pipeline.extract.talks import JOINING, SENTENCE
from pipeline.model import Affiliation, Block, Mention

CLAUSE_BREAK = re.compile(r"[，,；;：:（）()“”\"]")
FOLLOWING_TAGS = {"v", "vn", "vd", "p", "d", "c"}  # what may follow a name: 分享, 针对, 共同, 和 …
CONJUNCTION = re.compile(r"^(?:和|与|及|以及|、|并)\s*")
FROM_ORG = re.compile(r"来自(?P<org>.+?)的(?P<title>.+)$")
FROM_BODY = re.compile(r"来自[^，,。；;、]{2,30}的$")
POSSESSIVE = re.compile(r"的\s*")
LOCATIVES = "上下中里内外"
CONNECTIVE_TAGS = {"c", "p", "d"}  # jieba's conjunctions, prepositions, adverbs (于是, 以及, 随后): never a body


def name_after(text: str, know: Knowledge) -> str:
    """A name at the start of text (after a title head): 3 characters unless the third is a
    character that follows names (在, 表示 …), else 2; or a Latin name."""
    stripped = text.lstrip(" ")
    latin = LATIN_NAME.match(stripped)
    if latin and is_person_name(latin.group(), know.lex):
        return latin.group()
    if latin and is_person_name(latin.group(), know.lex, single_latin=True) and speaks_next(
            stripped[latin.end():], know):
        return latin.group()  # `第四范式平台工程师 James 介绍了…`: a one-word name, then what the person does
    if text[:1] == " ":  # `…开发工程师 水歌分享了…`: set apart by a space, then what the person does: a name
        spaced = next((stripped[:n] for n in (2, 3) if is_placed_name(stripped[:n], know.lex, know.names)
                       and not any(ch in know.lex.name_followers or ch in know.lex.function_chars for ch in stripped[:n])
                       and not know.names.is_word(stripped[:2]) and speaks_next(stripped[n:], know)), "")
        if spaced:
            return spaced
    for size in (4, 3, 2) if stripped[:2] in know.lex.compound_surnames else (3, 2):
        candidate = stripped[:size]
        if len(candidate) < size or not all("\u4e00" <= ch <= "\u9fff" for ch in candidate):
            continue
        if size == 3 and candidate[2] in know.lex.name_followers:
            continue
        if candidate[0] in know.lex.prose_function_surnames:
            continue  # `贡献者来贡献`, `开发者全景图`: in running text the character is a word of its own
        if size == 3 and candidate[2] in LOCATIVES and candidate[:2] in know.dictionary:
            continue  # `开发者沙龙上`: a noun and a locative, a place in the sentence
        following = stripped[size:size + 1]
        if candidate in know.dictionary and following and "\u4e00" <= following <= "\u9fff" \
                and following not in know.lex.name_followers:
            continue  # a dictionary word (许可 in 许可协议) is a name only where a name's break follows
        if (is_person_name(candidate, know.lex, know.names) and (know.cuts_at(stripped, size) or joined_by_and(stripped, size, know))
                and followed_like_a_name(stripped[size:], know)):
            return candidate
    return ""


def name_after_body(text: str, end: int, longest: int, know: Knowledge, glued: bool = False) -> int:
    """Start of a Han name of up to `longest` characters that ends at `end` right after an
    organisation (`北辰大学的卫一轩`, `来自星河社区集成商鸿鹄元数的胡一云`: 来自 vouches for the body;
    `海量数据潘春宝`, `由星野数据符一舟`: a trade name no list knows), or -1. glued: the body
    must stand right against the name, the cut of the words running apart there (no name in
    `当前数据库产品`)."""
    for size in (3, 2):
        start = end - size
        if size > longest or start <= 0 or text[start] not in know.lex.surnames or (
                glued and not "\u4e00" <= text[start - 1] <= "\u9fff"):
            continue  # cheap tests first: a surname (glued: against a Han character)
        name = text[start:end]
        if not is_person_name(name, know.lex, know.names):
            continue
        before = text[:start].rstrip()
        if glued:
            before = BY_AGENT.sub("", last_clause(before, know))
            if before and know.cuts_at(before + name, len(before)) and (
                    ends_with_org(before, know) or trade_name(before, know)):
                return start
        elif before and (ends_with_org(before.removesuffix("的"), know) or FROM_BODY.search(before)
                         or trade_name(before, know)):
            return start
    return -1


def listed_speaking(rest: str, know: Knowledge) -> bool:
    """One of an enumeration of bodies' people that a verb of speech ends (`星河的A、北辰的B分别从…
    角度分享了观点`): the rest of the clause goes on with 、 or 分别 and holds the verb."""
    clause = CLAUSE_END.split(rest, maxsplit=1)[0]
    return (rest[:1] == "、" or clause.startswith("分别")) and know.speech_word.search(clause) is not None


GUEST_COUNT = re.compile(r"(?:等|[一二两三四五六七八九十几\d]+\s*[位名])\s*(?:分享|演讲|特邀)?(?:嘉宾|讲师|专家|老师)")


def listed_guest(rest: str) -> bool:
    """One of an enumeration of bodies' people that a headcount of guests ends (`邀请了星河的A、北辰的B
    两位嘉宾`): the rest of the clause goes on with 、 or is that headcount."""
    clause = CLAUSE_END.split(rest, maxsplit=1)[0]
    return (rest[:1] == "、" or GUEST_COUNT.match(clause) is not None) and GUEST_COUNT.search(clause) is not None


def joined_by_and(text: str, size: int, know: Knowledge) -> bool:
    """A name whose last character jieba joins with the 和 or 与 after it (`刘祥和信息学院…`,
    `陶佳怡和星野…`: 祥和 and 怡和 are words): the name ends there, and the conjunction joins the next person."""
    return text[size:size + 1] in ("和", "与") and text[size - 1:size + 1] in know.dictionary


def speaks_next(rest: str, know: Knowledge) -> bool:
    """What follows is a verb of speaking or presenting (介绍了, 分享, 带来 …): stricter than
    followed_like_a_name, for a one-word Latin name (`2位Committer Karsonto 和 …` is no speaker)."""
    rest = rest.lstrip()
    rest = rest[next((len(h) for h in know.lex.honorifics if rest.startswith(h)), 0):]  # `杨一川老师介绍了`
    if CONJUNCTION.match(rest):  # `贺一鸣和海量数据的邹一帆分别分享了…`: a co-speaker's name, then the verb
        clause = CLAUSE_END.split(rest, maxsplit=1)[0]
        for verb in know.speech_word.finditer(clause):
            before = ASIDE_AT_END.sub("", PERFORMED_AT_END.sub("", ADVERBS_AT_END.sub("", clause[:verb.start()])))
            if any(is_chinese_name(before[-n:], know.lex, know.names) for n in (3, 2)):
                return True
        return False
    rest = PERFORMED.sub("", AUDIENCE.sub("", RESPECTIVELY.sub("", rest, count=1), count=1), count=1)
    # `分别分享了…`, `为大家带来了…`, `进行了主题分享`
    return any(rest.startswith(word) for word in know.lex.name_verbs) or any(
        rest.startswith(cue) for cue in know.lex.talk_cues)


PERFORMED = re.compile(r"^(?:进行|做|作(?!为))了?(?:题为[^，,。]{0,40}的)?(?:精彩|主题|精彩的)?")  # before the speech
# noun; not the 作 of 作为 (`…作为嘉宾参加了…`)
PERFORMED_AT_END = re.compile(r"(?:进行|做|作)了?$")
ASIDE_AT_END = re.compile(r"\s*[（(][^（）()]{1,40}[）)]$")  # `和李一明（北辰大学）进行了对谈`: the co-speaker's aside
AUDIENCE = re.compile(r"^[为给向]\s*(?:大家|我们|现场观众|与会者|观众|开发者们?|同学们?)")
ADVERBS = r"(?:分别|先后|相继|依次|也|还|则|都|共同|联合|一起)+"
RESPECTIVELY = re.compile(rf"^{ADVERBS}")
ADVERBS_AT_END = re.compile(rf"{ADVERBS}$")
CLAUSE_END = re.compile(r"[，,；;。！？!?]")


HEADCOUNT = re.compile(r"(?:[一二两三四五六七八九十几]+|\d+)\s*[位名]")


def followed_like_a_name(rest: str, know: Knowledge) -> bool:
    """In running text a name is followed by a break, a function character (在, 表示 …) or a
    verb (分享, 介绍); `开发者齐聚现场` is not `开发者` + a name."""
    if not rest or not ("\u4e00" <= rest[0] <= "\u9fff") or rest[0] in know.lex.name_followers or IS_WORD.match(rest) \
            or HEADCOUNT.match(rest) or RESPECTIVELY.match(rest):
        return True  # IS_WORD: `丁一凡现任…` (jieba tags 现任 a noun); HEADCOUNT: `郭晧、蓝登峰五位评委`; the
        # adverbs of people who act in turn (`…奚一岚先后发表`: jieba tags 先后 a time word)
    first = know.tokenizer.lcut(rest[:6], HMM=False)[0]
    return (know.dictionary.get(first) in FOLLOWING_TAGS or first in know.lex.talk_cues
            or first in know.lex.honorifics or first in know.lex.name_verbs
            or know.title_heads_only.match(rest) is not None)


BRACKETED_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?P<place>[\u4e00-\u9fff]{2,4})[）)](?=[\u4e00-\u9fff])")
SHORT_NAME = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?P<alias>[A-Za-z][A-Za-z0-9 .&-]{0,19})[）)]")


def last_clause(text: str, know: Knowledge) -> str:
    """What follows the last clause break of text; the bracketed short name right after a body
    (`星瓜智能（Dynamia）`) and a bracketed place inside a body's name (`自动系统（香港）有限公司`)
    are no break."""
    masked = SHORT_NAME.sub(lambda m: "\x01" + m.group("alias") + "\x02", text)
    masked = BRACKETED_HAN.sub(lambda m: "\x01" + m.group("place") + "\x02" if know.lex.org_suffix_set.inside(
        masked[m.end():m.end() + 10]) else m.group(), masked)  # `（香港）有限公司`: an organisation ending follows
    return CLAUSE_BREAK.split(masked)[-1].replace("\x01", "（").replace("\x02", "）")


LATIN_AFTER_SPACE = re.compile(r"(?<= )[A-Za-z][\w.+-]*")
HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def sentence_fragment(text: str, know: Knowledge) -> bool:
    """Han words before a Latin-named body that are part of the sentence, not of the body: words
    of running sentences, a time word or a pronoun (`今天我们就来看看`)."""
    return HAN_ONLY.fullmatch(text) is not None and (
        reads_as_sentence(text, know) or any(know.dictionary.get(w) in ("t", "r") for w in know.tokenizer.lcut(text)))


def affiliation_text_before(clause: str, know: Knowledge) -> str:
    """The affiliation words at the end of clause: drop the lead-in (`随后，由…`, `…的是`,
    `指导老师为…`, `于是…`: a listed lead-in or a connective word of two characters or more).
    Lead-in words count only as whole jieba words, so 为 in 华为 is no lead-in."""
    clause = last_clause(clause, know)
    cut = 0
    position = 0
    words = know.tokenizer.lcut(clause, HMM=False)
    for k, word in enumerate(words):
        position += len(word)
        lead_in = word in know.lex.clause_lead_ins or (len(word) >= 2 and know.dictionary.get(word) in CONNECTIVE_TAGS
                                                       and not PART_SEPARATORS.fullmatch(word))  # 以及 joins bodies
        if lead_in and (len(clause) - position >= 4 or named_org(clause[position:].removesuffix("的"), know)):
            cut = position  # `邀请到了|华为的…`: a short rest is cut only when it is a body
    text = CONJUNCTION.sub("", clause[cut:].strip(EDGE)).strip(EDGE)
    latin = LATIN_AFTER_SPACE.search(text)
    if latin and latin.start() > 0:
        head = text[:latin.start()]
        if sentence_fragment(head.strip(), know):
            text = text[latin.start():].strip()  # `今天我们就来看看 TiDB Committer`
    return text


LISTED_LATIN_TITLE = re.compile(r"、\s*[A-Za-z][A-Za-z0-9-]{1,11}(?=\s)")  # one more title, an acronym


def introduced_people(sentence: str, know: Knowledge) -> list[tuple[str, list, int]]:
    """(name, affiliations, offset) for each person a sentence introduces: `…总经理张三`
    (a title, then the name) or `…学院万丹博士` (an organisation, the name, an honorific)."""
    anchors: dict[int, tuple[str, int, str]] = {}  # name offset -> (name, affiliation text end, title after)
    for match in know.prose_heads.finditer(sentence):
        listed = LISTED_LATIN_TITLE.match(sentence, match.end())  # `Maintainer、oEVP 王玺源`: a title of its own
        end = (listed or match).end()
        name = name_after(sentence[end:], know)
        if name:
            start = sentence.index(name, end)
            if start - end <= 1:
                anchors.setdefault(start, (name, match.end(), listed.group().strip("、 ") if listed else ""))
    honorific = any(word in sentence for word in know.lex.after_name_words)  # the pattern looks ahead at every character
    for match in know.name_then_honorific.finditer(sentence) if honorific else ():
        run, honorific = match.group(1), match.group(2)
        start = name_after_body(sentence, match.start() + len(run), len(run), know)  # `海量数据潘春宝先生加入…`
        if start >= 0:
            title = "" if honorific in know.lex.honorifics else honorific  # 博士 as address is dropped
            anchors.setdefault(start, (sentence[start:match.start() + len(run)], start, title))
    for verb in know.speech_word.finditer(sentence):  # `由星野数据符一舟带来的《…》`: a body glued to the name, then the verb
        head = sentence[:verb.start()]
        head = head[:-8] + ADVERBS_AT_END.sub("", head[-8:])  # `…符一舟分别带来`: the adverbs are short
        start = name_after_body(head, len(head), 3, know, glued=True)
        if start >= 0:
            anchors.setdefault(start, (head[start:], start, ""))
    from_body = "来自" in sentence
    guests = GUEST_COUNT.search(sentence) is not None
    for match in POSSESSIVE.finditer(sentence) if from_body or guests or know.speech_word.search(sentence) else ():
        following = sentence[match.end():match.end() + 1]
        if not (following in know.lex.surnames or following.isascii() and following.isalpha()):
            continue  # a name opens with a surname or a Latin letter: most 的 are followed by neither
        start = match.end()  # the possessive's spaces are part of its match
        name = name_after(sentence[start:], know)
        if not name or not sentence.startswith(name, start):
            continue
        since = max((at + len(anchors[at][0]) for at in anchors if at + len(anchors[at][0]) <= match.start()), default=0)
        if (from_body and FROM_BODY.search(sentence[:match.end()])) or (
                credible_org(affiliation_text_before(sentence[since:match.start()], know), know)
                and (speaks_next(sentence[start + len(name):].lstrip("，, "), know)
                     or listed_speaking(sentence[start + len(name):], know)
                     or (guests and listed_guest(sentence[start + len(name):])))):  # since the person before:
            # `A和星河的B…`; the verb may follow a comma (`小米的王亮，介绍了…`)
            anchors.setdefault(start, (name, start, ""))  # `来自StarDB的黄一旭…`, `北辰大学的邓一桐介绍了…`
    found = []
    previous_end = 0
    for start in sorted(anchors):
        name, aff_end, title_after = anchors[start]
        if start < previous_end:
            continue
        clause = sentence[previous_end:aff_end]
        # enumerations: `A总经理张三、B总监李四` – the clause starts after the previous name; where a
        # comma follows it, 、 joins one person's affiliations (`，星河实验室专家、openGauss Maintainer 陈浩`)
        if found:
            first = ENUMERATION.search(clause)
            clause = (ENUMERATION if first and first.group() == "、" else COMMA).split(clause)[-1]
        from_org = FROM_ORG.search(last_clause(clause, know))
        if from_org:  # `来自北辰大学的…`; `来自北京的开发者`: a place, no organisation
            place = from_org.group("org").strip() in know.lex.place_names
            text = ("" if place else from_org.group("org") + " ") + from_org.group("title")
        else:
            text = affiliation_text_before(clause, know).removesuffix("的")  # `北辰大学的卫一轩老师`
        affiliations = affiliations_of(text, title_after or title_written_after(sentence, start + len(name), know),
                                       know)  # `…委员会主任王怀民院士`
        if affiliations:
            sharing = names_sharing(sentence, start + len(name), know)
            each = bodies_in_order(affiliations, 1 + len(sharing), know)
            found.append((name, each[0] if each else affiliations, start))
            found.extend((other, each[k + 1] if each else affiliations, at) for k, (other, at) in enumerate(sharing))
        previous_end = max(previous_end, found[-1][2] + len(found[-1][0])) if affiliations else start + len(name)
    return posts_taken_up(sentence, found, know)


def posts_taken_up(sentence: str, found: list[tuple[str, list, int]], know: Knowledge) -> list[tuple[str, list, int]]:
    """`A、B加入StarDB用户委员会，成为StarDB用户委员会委员`: a post the sentence says the people named
    before it take up (成为, 当选为 …) is theirs too, when it ends with a title."""
    last = max((start + len(name) for name, _, start in found), default=-1)
    taken = BECOMES.search(sentence, last) if found else None
    if not taken or not ends_with_title(taken.group("post"), know):
        return found
    post = split_affiliations(taken.group("post"), know)
    return [(name, affiliations + [a for a in post if a not in affiliations], start)
            for name, affiliations, start in found]


BECOMES = re.compile(r"(?:成为|当选为|当选|出任|荣任|获聘为|受聘为)了?(?P<post>[^，,。；;！!？?]{3,40})")


def title_written_after(sentence: str, end: int, know: Knowledge) -> str:
    """The title right after a name (`王怀民院士`, `周会群教授`) that is no form of address."""
    tail = next((w for w in know.lex.after_name_words if sentence.startswith(w, end)), "")
    return tail if tail and tail not in know.lex.honorifics else ""


def bodies_in_order(affiliations: list, count: int, know: Knowledge) -> list[list[Affiliation]]:
    """`来自星河科技、云海数据的专家A、B`: as many bodies joined by 、 as people listed, each a
    credible organisation: the people's affiliations in the order written; [] otherwise (one body
    with 、 in its name, `江苏鲲鹏、昇腾生态创新中心`, stays whole)."""
    if count < 2 or len(affiliations) != 1 or "、" not in affiliations[0].org:
        return []
    bodies = [b.strip() for b in affiliations[0].org.split("、")]
    if len(bodies) != count or not all(credible_org(b, know) for b in bodies):
        return []
    return [[Affiliation(b, affiliations[0].title)] for b in bodies]


def names_sharing(sentence: str, end: int, know: Knowledge) -> list[tuple[str, int]]:
    """`…资深行业研究员郭晧、蓝登峰五位评委`: bare Han names joined by 、 right after a named
    person share that person's affiliation; (name, offset) of each. Not Latin ones: `Karena
    Angell、Red Hat 以及…` lists a body next."""
    out = []
    while sentence.startswith("、", end):
        other = name_after(sentence[end + 1:], know)
        if not other or not sentence.startswith(other, end + 1) or not is_chinese_name(other, know.lex, know.names):
            break
        out.append((other, end + 1))
        end += 1 + len(other)
    return out


ENUMERATION = re.compile(r"[、，,]")
IS_WORD = re.compile(r"是|现任|现为|担任|作为")
# a clause start followed, within a name's length, by 是 (`丁一凡老师是…`): where a name may open the clause
NAME_IS_AHEAD = re.compile(r"(?:^|(?<=[，,：:]))\s*(?=[\u4e00-\u9fff]{2,4}?(?:老师|先生|女士)?(?:是|现任|现为|担任|作为))")
IS_AFFILIATION = re.compile(r"(?:老师|先生|女士)?(?:是|现任|现为|担任|作为)(?P<aside>[^，,。；;：:]{3,40})(?=[，,。；;]|$)")
AGENT_WORDS = r"(?:由|邀请|特邀|请到|在)"  # what stands before the person who acts (`由…主持`, `在…的主持下`)
BY_AGENT = re.compile(rf"^\s*{AGENT_WORDS}")  # opening a clause before the body the person is with
AGENT = re.compile(rf"{AGENT_WORDS}(?=[\u4e00-\u9fff]{{2,4}}(?:老师|先生|女士)?$)")  # the name after it ends the clause
ASIDE_AFTER_NAME = re.compile(r"[（(](?P<aside>[^（）()]{3,40})[）)]")
COMMA = re.compile(r"[，,]")


def described_people(sentence: str, know: Knowledge) -> list[tuple[str, list, int]]:
    """A name with its affiliation after it: in brackets (`汪一墨（海纳数据产品总监）分享了…`) or
    set off by commas before what the person does (`邓一桐，北辰大学博士生，介绍了…`). The aside
    must end with a title; the apposition must be followed by a talk word or a verb of speech."""
    found = []
    for match in ASIDE_AFTER_NAME.finditer(sentence) if "（" in sentence or "(" in sentence else ():
        written = CONJUNCTION.sub("", CLAUSE_BREAK.split(sentence[:match.start()])[-1].strip())  # the clause
        # opens with the name, or a co-speaker's does after 和 (`A（…）和B（…）进行了对谈`)
        agent = AGENT.search(written)  # `…环节由贺一鸣（…）主持`: the name after 由
        written = written[agent.end():] if agent else written
        role = next((w for w in know.lex.speaker_labels if written.startswith(w) and len(written) > len(w)), "")
        written = written[len(role):]  # `主持人尹一慧（星河社区运营经理）`: the role at the event, then the name
        name, _ = strip_honorific(written, know.lex)  # `邵一航老师（东辰软件）`
        aside = COMMA.split(match.group("aside"), maxsplit=1)
        if NICKNAME_LABEL.match(aside[0]):
            aside = aside[1:]  # `丁一（花名：叔同，研究员）`
        if aside and is_person_name(name, know.lex, know.names) and (ends_with_title(aside[0], know) or (
                len(aside) == 1 and credible_org(aside[0], know) and speaks_next(sentence[match.end():], know))):
            found.append((name, split_affiliations(aside[0], know), match.start() - len(written)))  # `（东辰软件）带来…`
    for start in NAME_IS_AHEAD.finditer(sentence) if IS_WORD.search(sentence) and know.speech_word.search(sentence) else ():
        name = name_after(sentence[start.end():], know)
        position = start.end() + len(name)
        match = IS_AFFILIATION.match(sentence, position) if name else None
        aside = match.group("aside").strip() if match else ""
        if aside and ends_with_title(aside, know) and not reads_as_sentence(aside, know):
            found.append((name, split_affiliations(aside, know), start.end()))  # `丁一凡老师是星河科技的架构师，分享了…`
    clauses = COMMA.split(sentence) if sentence.count("，") + sentence.count(",") >= 2 else []
    for k in range(len(clauses) - 2):
        name, aside = clauses[k].strip(), clauses[k + 1].strip()
        if not (2 <= len(name) <= 20 and 3 <= len(aside) <= 40 and is_person_name(name, know.lex, know.names)):
            continue
        speaking = speaks_next(clauses[k + 2], know)  # `，分享了…`, `，为大家解读了…`
        if speaking and ends_with_title(aside, know) and not reads_as_sentence(aside, know):
            found.append((name, split_affiliations(aside, know), sentence.find(name)))
    return [item for item in found if item[1]]


ENUM_ITEM = re.compile(r"[^、，,；;。]+")
ITEM_LEAD_IN = re.compile(r"来自|包括|以及|分别是|分别为|有|和|与|及")
OPENING_LEAD_IN = re.compile(r"^(?:来自|包括|以及|分别是|分别为)")
ITEM_TAIL = re.compile(r"(?:先生|女士|老师|博士|同学)?(?:等.*)?$")
HAN_ITEM = re.compile(r"[\u4e00-\u9fff]{4,14}")


def org_named_people(sentence: str, know: Knowledge) -> list[tuple[str, list, int]]:
    """`来自云和恩墨王潇、华为梁冰、普元袁怡等`: items of an enumeration that are an organisation
    followed by a name. Items with a known organisation count; once two of them do, items of
    the same shape with an organisation not seen before are read the same way. An enumeration
    has 、 (most sentences have none and are not scanned)."""
    if "、" not in sentence:
        return []
    known, shaped = [], []
    for match in ENUM_ITEM.finditer(sentence):
        item = match.group()
        for lead in ITEM_LEAD_IN.finditer(item):
            if know.org_prefix(item[lead.end():]):
                item = item[lead.end():]  # `…来自云和恩墨王潇`: the first lead-in followed by an organisation
                break
        item = ITEM_TAIL.sub("", item.strip()).strip()
        org = know.org_prefix(item) or (next((item[:-size] for size in (3, 2) if len(item) - size >= 3
                                              and know.lex.org_suffix_set.ending(item[:-size])
                                              and plausible_org(item[:-size], know.lex)), "")
                                        if HAN_ITEM.fullmatch(item) else "")  # `光大银行程小舰`: by its ending
        rest = item[len(org):].strip() if org else ""
        if org and is_person_name(rest, know.lex, know.names):
            known.append((rest, [Affiliation(org.strip(), "")], match.start()))
            continue
        item = OPENING_LEAD_IN.sub("", item)  # `来自星河数据王一`: the lead-in before a body no list knows
        if HAN_ITEM.fullmatch(item):
            shaped.append((item, match.start()))
    if len(known) < 2:
        return known
    split = []  # (name, body, start, whether the body could itself be a name)
    for item, start in shaped:  # read only now that two known items vouch for the enumeration
        for strict, size in ((True, 3), (True, 2), (False, 3)):  # a rare surname last: `神舟通用峁亚明`
            name, before = item[-size:], item[:-size]
            if (len(before) >= 2 and is_person_name(name, know.lex, know.names, strict=strict)
                    and not has_title_word(before, know)):
                split.append((name, before, start, is_person_name(before, know.lex)))
                break
    # three known bodies, and bodies that could pass for names a minority: `普元袁怡` is a body and a name
    bodies_most = len(known) >= 3 and 2 * sum(named for *_, named in split) < len(known) + len(split)
    unknown = [(name, [Affiliation(before, "")], start) for name, before, start, named in split
               if bodies_most or not named]
    return sorted(known + unknown, key=lambda t: t[2])




PREDICATE_AFTER_LIST = re.compile(rf"(?<=[）)])[^、，,（）(){JOINING}]+$")  # what the people of a list did


def listed_after_colon(sentence: str, know: Knowledge) -> list[tuple[str, list, int]]:
    """`…获得“优秀贡献者”称号：陈一诺（北辰大学）、杨一川（天穹数据）`: a sentence that ends in a list of
    two names or more, each with its body in brackets, after a verb of presence or speech, a
    speaker's label or a role (`成为星河 Committer：`); not `感谢以下同事…：` (people thanked)."""
    match = know.list_after_opener.match(sentence.rstrip("。 ")) if know.list_opener.search(sentence) else None
    if not match:
        return []
    head, lex = sentence[:match.start("opener")], know.lex
    if not (match.group("opener") in lex.speaker_label_words or know.speech_word.search(head)
            or any(w in head for w in lex.speaker_labels + lex.presence_labels) or ends_with_title(head, know)):  # `恭喜以下同学成为星河 Committer：`: a role they take
        return []
    listed = PREDICATE_AFTER_LIST.sub("", match.group("list"))  # `…、宓一鸣（天河云）获颁证书`: what they did
    people = labelled_people(listed, know)
    if len(people) < 2 or not all(p.affiliations and not p.talk for p in people):
        return []
    return [(p.name, p.affiliations, match.start("list")) for p in people]


def prose_mentions(blocks: list[Block], know: Knowledge) -> list[Mention]:
    mentions = []
    for block in blocks:
        if block.kind not in ("paragraph", "list_item", "summary"):
            continue
        for sentence in SENTENCE.findall(block.text):
            if know.thanks.search(sentence) and not know.speech_word.search(sentence):
                continue  # `感谢志愿者冯十全的辛勤付出`: people thanked, no speakers (`感谢…的精彩分享` names one)
            introduced = introduced_people(sentence, know)
            for name, affiliations, _ in introduced:
                # evidence: an organisation we can vouch for, and a talk word in the sentence
                confidence = 0.6 + 0.15 * any(credible_org(a.org, know) for a in affiliations) \
                    + 0.1 * any(cue in sentence for cue in know.lex.talk_cues)
                mentions.append(Mention(name=name, source_kind="prose", line=block.line,
                                        raw=sentence.strip(), rule="prose:title_then_name",
                                        confidence=round(confidence, 2), affiliations=affiliations))
            seen = {name for name, _, _ in introduced}
            for reader, rule, confidence in LATER_READERS:
                for name, affiliations, _ in reader(sentence, know):
                    if name not in seen:
                        seen.add(name)
                        mentions.append(Mention(name=name, source_kind="prose", line=block.line, raw=sentence.strip(),
                                                rule=rule, confidence=confidence, affiliations=affiliations))
    return mentions


# after introduced_people, each naming only people not named yet in the sentence: (reader, rule, confidence)
LATER_READERS = ((described_people, "prose:name_then_affiliation", 0.75), (org_named_people, "prose:org_then_name", 0.6),
                 (listed_after_colon, "prose:listed", 0.7))
