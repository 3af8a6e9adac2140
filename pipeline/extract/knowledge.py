"""What the extractors share within one run: the lexicons, the organisation gazetteer learned
from the corpus, and a jieba tokenizer that knows those organisations. Built once per run."""
from __future__ import annotations

import marshal
import os
import re
import struct
import tempfile
from collections import Counter
from dataclasses import dataclass

import jieba

from pipeline.extract.names import NameFilter, name_filter
from pipeline.lexicons import Lexicons, WordSet

@dataclass(frozen=True)
class Columns:
    """What a table's column label says the column holds (its words matched inside the label)."""

    name: re.Pattern
    org: re.Pattern
    title: re.Pattern
    talk: re.Pattern
    role: re.Pattern
    time: re.Pattern

    def of_person(self) -> tuple[re.Pattern, ...]:
        """Columns that say more of a person than a name."""
        return self.org, self.title, self.talk, self.role, self.time


def columns_of(lex: Lexicons) -> Columns:
    def words(found: tuple[str, ...]) -> re.Pattern:
        return re.compile(trie_pattern(list(dict.fromkeys(w.lower() for w in found))) or "(?!)", re.I)
    return Columns(words(lex.columns_name), words(lex.columns_org), words(lex.columns_title),
                   words(lex.columns_talk), words(lex.columns_role), words(lex.columns_time))


@dataclass(frozen=True)
class Knowledge:
    lex: Lexicons
    orgs: WordSet  # the run's gazetteer
    org_index: dict[str, tuple[str, ...]]  # an organisation without its spaces -> its spellings
    org_lengths: dict[str, tuple[int, ...]]  # first character -> lengths (without spaces), longest first
    org_endings: frozenset[str]  # Han endings of four characters or more that two learned organisations share
    tokenizer: jieba.Tokenizer | None
    names: NameFilter  # for names cut out of glued text and prose
    token_names: NameFilter  # for names set apart by spaces or separators: organisations only
    title_words: re.Pattern  # any title head, or an upper-case Latin title modifier (SIG, TC)
    title_heads_only: re.Pattern  # a title head (总监, CTO), not a modifier
    member_role: re.Pattern  # a member role at the start of a line, then a space or a bar
    member_role_label: re.Pattern  # a member role as a label (`组长：`), read only under a member list
    speaker_label: re.Pattern  # `演讲嘉宾：`, `布展人：`, `嘉宾介绍：` at the start of a line
    presence_label: re.Pattern  # a label of people present without a talk (`布展人：`)
    presenter_label: re.Pattern  # a label of who speaks or leads (`演讲嘉宾：`, `导师：`): not presence, not a bio
    leader_label: re.Pattern  # a label of who leads a workshop or a project (`导师：`)
    talk_label: re.Pattern  # a record label that gives the talk (`议程：`, `主题：`)
    abstract_label: re.Pattern  # the label of a talk's abstract (`议题简介：`)
    bio_label: re.Pattern  # a whole line or heading that introduces a bio (`讲师简介`, `*本文作者：*`)
    org_label: re.Pattern  # `组织：` opening a record line
    title_label: re.Pattern  # `职位：` opening a record line
    han_titles: re.Pattern  # a Chinese title head
    prose_heads: re.Pattern  # title heads that introduce a name in prose (not verbs such as 开发)
    long_title_starters: tuple[str, ...]  # title heads and modifiers of two characters or more
    name_then_honorific: re.Pattern  # `万丹博士`: groups (name run, word after it), overlapping
    speech_word: re.Pattern  # a verb of speech or a talk cue anywhere in a text (分享, 介绍, 带来 …)
    dictionary: dict[str, str]  # jieba's part-of-speech tag of each short word
    columns: Columns  # table column labels
    group_mention: re.Pattern  # a group a text names (`Graph SIG`, `SIG KnowledgeGraph`, `…成都用户组`)
    talk_marker: re.Pattern  # `议题一：<title>`, `Topic 2: <title>`, `【议题】<title>` (group `title`)
    role_copula: re.Pattern  # a speaker label as a sentence's subject (`出品人为…`, `主持人是…`)
    thanks: re.Pattern  # a word of thanks anywhere in a text
    list_opener: re.Pattern  # what opens a sentence's list of people (a colon, 包括, a speaker label) anywhere
    list_after_opener: re.Pattern  # a sentence read up to its last list opener, then the list (group `list`)

    def cuts_at(self, text: str, position: int) -> bool:
        """jieba's cut of text does not run across position (`齐聚一|堂`, `全生命|周期`, `社|区优秀`
        are no name's edges); only the few characters after it are cut."""
        if position <= 0:
            return True
        end = 0
        for word in self.tokenizer.lcut(text[: position + 4], HMM=False):
            end += len(word)
            if end >= position:
                return end == position
        return True

    def org_prefix(self, text: str) -> str:
        """The longest known organisation that text starts with (spaces in text are skipped).
        A hashed lookup per candidate length, so the cost does not grow with the gazetteer."""
        if not text:
            return ""
        lengths = self.org_lengths.get(text[0])
        if not lengths:
            return ""
        compact = text.replace(" ", "")
        found = [org for n in lengths if n <= len(compact) for org in self.org_index.get(compact[:n], ())]
        for org in sorted(found, key=lambda o: (-len(o), o)):
            end = match_ignoring_spaces(text, org)
            if end and (end == len(text) or not (text[end - 1].isascii() and text[end].isascii()
                                                  and text[end].isalnum())):
                return text[:end]
        return ""


def match_ignoring_spaces(text: str, word: str) -> int:
    """End offset in text if text starts with word, white space in text not counting; else 0."""
    i = 0
    for ch in word:
        while i < len(text) and text[i] == " " and ch != " ":
            i += 1
        if i >= len(text) or text[i] != ch:
            return 0
        i += 1
    return i


@dataclass(frozen=True)
class Dictionary:
    """jieba's main dictionary as the extractors use it: the prefix frequencies its tokenizer
    segments with (jieba's own FREQ and total) and the part-of-speech tag of each two- and
    three-character word."""

    freq: dict[str, int]
    total: int
    tags: dict[str, str]


DICTIONARY_CHUNK = 25_000  # entries per record of the store: a record loads in a few ms
DICTIONARY_FORMAT = 2
RECORD_LENGTH = struct.Struct("<Q")


def load_dictionary(store_dir: str | None = None) -> Dictionary:
    """jieba's dictionary, from a store beside jieba's own cache (the temporary folder, or
    store_dir) built on first use. The store is a series of small marshal records, each read
    from memory (a third of the time of one marshal.load from a file): loaded in a thread while
    the pool's workers parse, the thread lets the pool's threads run between two records."""
    source = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    st = os.stat(source)
    signature = f"{DICTIONARY_FORMAT}-{jieba.__version__}-{st.st_size}-{st.st_mtime_ns}"
    store = os.path.join(store_dir or tempfile.gettempdir(), f"pipeline-jieba-{signature}.marshal")
    try:
        with open(store, "rb") as handle:
            if os.fstat(handle.fileno()).st_uid == os.getuid():  # in a shared folder, only a store of ours
                return read_dictionary(handle.read())
    except (OSError, EOFError, ValueError, TypeError, struct.error):
        pass
    dictionary = parse_dictionary(source)
    try:
        write_dictionary(dictionary, store)
    except OSError:
        pass  # an unwritable temporary folder: the next run parses jieba's dictionary again
    return dictionary


def parse_dictionary(source: str) -> Dictionary:
    with open(source, "rb") as handle:
        freq, total = jieba.Tokenizer().gen_pfdict(handle)
    tags = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 3:
                tags[parts[0]] = parts[2]
    return Dictionary(freq, total, tags)


def dictionary_records(dictionary: Dictionary):
    """The store's records: the sizes, then the frequencies and the tags in small dicts."""
    yield (dictionary.total, len(dictionary.freq), len(dictionary.tags))
    for mapping in (dictionary.freq, dictionary.tags):
        items = list(mapping.items())
        for start in range(0, len(items), DICTIONARY_CHUNK):
            yield dict(items[start:start + DICTIONARY_CHUNK])


def write_dictionary(dictionary: Dictionary, store: str) -> None:
    """The store, each record after its length, written under a temporary name and renamed,
    so that a reader never sees half of it."""
    partial = f"{store}.{os.getpid()}.tmp"
    try:
        with open(partial, "wb") as handle:
            for record in dictionary_records(dictionary):
                data = marshal.dumps(record)
                handle.write(RECORD_LENGTH.pack(len(data)) + data)
        os.replace(partial, store)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def read_dictionary(data: bytes) -> Dictionary:
    view, offset = memoryview(data), 0

    def record():
        nonlocal offset
        (length,) = RECORD_LENGTH.unpack_from(data, offset)
        offset += RECORD_LENGTH.size + length
        if offset > len(data):
            raise ValueError("a dictionary store cut short")
        return marshal.loads(view[offset - length:offset])
    total, freq_size, tags_size = record()
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    for mapping, size in ((freq, freq_size), (tags, tags_size)):
        while len(mapping) < size:
            mapping.update(record())
    if len(freq) != freq_size or len(tags) != tags_size or offset != len(data):
        raise ValueError("a damaged dictionary store")
    return Dictionary(freq, total, tags)


def dictionary_tokenizer(dictionary: Dictionary) -> jieba.Tokenizer:
    """A jieba tokenizer over the dictionary. It takes the frequencies over, not a copy (half a
    million entries): the run's words are added to them, so a dictionary serves one knowledge.
    jieba's initialize() sets these same three attributes from its cache."""
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dictionary.freq, dictionary.total
    tokenizer.initialized = True
    return tokenizer


def title_words_pattern(lex: Lexicons, with_modifiers: bool = True) -> re.Pattern:
    words = list(lex.title_heads)
    if with_modifiers:
        words += [m for m in lex.title_modifiers if m.isascii() and m.isupper()]
    return alternation(words, re.I)


def alternation(words, flags: int = 0) -> re.Pattern:
    """One pattern for a word list; Latin words only as whole words. Built as a trie, several
    times faster than a flat alternation of a long list; where words share a start, the
    longest is tried first (the lexicons' own order)."""
    fold = str.lower if flags & re.I else str
    words = [w for w in words if w]
    han = [w for w in words if not w.isascii()]
    latin = list(dict.fromkeys(fold(w) for w in words if w.isascii()))
    parts = [trie_pattern(han)] if han else []
    if latin:
        parts.append(rf"(?<![A-Za-z0-9]){trie_pattern(latin)}(?![A-Za-z0-9])")  # not TC in TC39
    return re.compile("|".join(parts) or "(?!)", flags)


def trie_pattern(words: list[str]) -> str:
    """Regular expression source matching exactly the words, longest continuation first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def depth(node: dict) -> int:
        return max((1 + depth(child) for ch, child in node.items() if ch), default=0)

    def emit(node: dict) -> str:
        branches = sorted((ch for ch in node if ch), key=lambda ch: (-depth(node[ch]), ch))
        alternatives = [re.escape(ch) + emit(node[ch]) for ch in branches]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and (len(alternatives[0]) == 1 or "" not in node):
            body = alternatives[0]
        else:
            body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if "" in node else body
    return emit(trie)


def member_role_pattern(lex: Lexicons) -> re.Pattern:
    roles = "|".join(re.escape(r) for r in lex.member_roles)
    return re.compile(rf"({roles})(?:\s+|\s*[|｜]\s*)(?=\S)", re.I)


# pictographs, arrows, shapes and the joiners of emoji sequences that may stand before a label (`🎤 讲师：`)
LABEL_MARKS = "\\s\U0001F000-\U0001FAFF\u2190-\u21FF\u2500-\u27BF\u2B00-\u2BFF\u200d\ufe0f"


def talk_marker_pattern(markers) -> re.Pattern:
    """A talk marker, with a number (`议题一：`, `Topic 2:`) or in brackets (`【议题】`), then the title."""
    words = trie_pattern(list(dict.fromkeys(w.lower() for w in markers if w))) or "(?!)"
    return re.compile(rf"(?:(?:{words})\s*(?:[一二三四五六七八九十]{{1,3}}|\d{{1,2}})?\s*[:：]|[【\[](?:{words})[】\]])"
                      r"\s*(?P<title>.{2,120})$", re.I)


def label_pattern(labels, lead_ins=(), endings=(), awarded: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
                  ) -> re.Pattern:
    """`label：` or `【label】` at the start of a line, longest label first, maybe after an emoji
    or a word that points at this event, and with a number (`🎤 分享嘉宾：`, `本期讲师：`, `嘉宾一：`);
    endings: a short Han name ending with one is a label too (`最佳贡献奖：`); awarded (openings,
    heads): a short Han name that opens with an award's word and ends with a title head names
    the award too (`年度最佳贡献者：`, `优秀讲师：`), no title of the people after it."""
    words = trie_pattern(list(dict.fromkeys(w.lower() for w in labels if w)))
    if endings:
        words = rf"{words}|[\u4e00-\u9fff]{{1,10}}(?:{trie_pattern(list(endings))})"
    openings, heads = awarded
    if openings and heads:
        words = rf"{words}|(?:{trie_pattern(list(openings))})[\u4e00-\u9fff]{{0,8}}?(?:{trie_pattern(list(heads))})"
    lead = f"(?:{'|'.join(re.escape(w) for w in lead_ins)})?" if lead_ins else ""
    return re.compile(rf"[{LABEL_MARKS}]*{lead}(?:(?:{words})\s*(?:[一二三四五六七八九十]{{1,2}}|\d)?\s*[:：](?!\d)|"
                      rf"[【\[](?:{words})[】\]])\s*", re.I)  # `讲师：`, `【嘉宾】`


TERM = r"(?:第[一二三四五六七八九十\d]{1,3}届|首届|本届|新一届)"  # `用户组第一届委员会`: one group, in its term


def group_mention_pattern(lex: Lexicons) -> re.Pattern:
    """Where a text names a group: `Graph SIG`, `SIG KnowledgeGraph` (`after` holds the word after
    SIG: a title word there names a role, not a group), `星河 SIG` (a Han name before SIG, unless
    a capitalised name that is no title word follows: `…成立 SIG KnowledgeGraph`), or a name
    before group words (`成都用户组`, `用户组委员会`: words that follow each other make one group)."""
    latin_titles = trie_pattern(sorted(lex.latin_title_words)) or "(?!)"
    return re.compile(r"[A-Za-z][A-Za-z0-9\- ]{0,40}?\s?SIG(?![A-Za-z])|SIG[ -]?(?P<after>[A-Z][A-Za-z0-9\-]+)|"
                      rf"[\u4e00-\u9fff]{{2,8}}\s?SIG(?![A-Za-z])(?![ -]?(?!(?i:{latin_titles})\b)[A-Z])|"
                      r"(?:[A-Za-z][A-Za-z0-9\-]* )?[\u4e00-\u9fffA-Za-z]{2,20}?"
                      rf"(?:{TERM}?(?:{trie_pattern(list(lex.group_words)) or '(?!)'}))+")



HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def shared_endings(compact_orgs) -> frozenset[str]:
    """Han endings (four to eight characters, after at least two more) that two or more learned
    organisations share (`生态创新中心` of 江苏鲲鹏生态创新中心 and 四川鲲鹏生态创新中心): an ending
    organisations are named with, not a unit of one."""
    counts = Counter(org[-n:] for org in compact_orgs for n in range(4, min(8, len(org) - 2) + 1)
                     if HAN_RUN.fullmatch(org[-n:]))
    return frozenset(ending for ending, count in counts.items() if count >= 2)


def build_knowledge(lex: Lexicons, orgs: set[str] | frozenset[str], dictionary: Dictionary | None) -> Knowledge:
    """Knowledge for a run, built once; it takes the dictionary over (see dictionary_tokenizer).
    The organisations become words of the tokenizer without raising its total: a text is cut
    as before unless it contains one of them, whatever the size of the gazetteer.
    Without a dictionary, a light knowledge without jieba (enough to learn organisations, and
    all a run needs when every post is cached)."""
    if dictionary is None:
        tokenizer, tags = None, {}
    else:
        tokenizer = dictionary_tokenizer(dictionary)
        for word in lex.title_heads + lex.title_modifiers:
            if not word.isascii():
                tokenizer.add_word(word, freq=20000)
        tags = dictionary.tags
    total = tokenizer.total if tokenizer else 0
    for word in sorted(orgs) if tokenizer else ():
        tokenizer.add_word(word.replace(" ", ""), freq=50000, tag="nt")
    if tokenizer:
        tokenizer.total = total  # jieba's add_word raises the total, a cost on every word of every text
    index: dict[str, list[str]] = {}
    lengths: dict[str, set[int]] = {}
    for org in orgs:
        compact = org.replace(" ", "")
        if compact:
            index.setdefault(compact, []).append(org)
            lengths.setdefault(org[0], set()).add(len(compact))
    awarded = (lex.award_openings, tuple(h for h in lex.title_heads if not h.isascii()))
    return Knowledge(
        lex=lex, orgs=WordSet.of(orgs), org_index={k: tuple(v) for k, v in index.items()},
        org_lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        org_endings=shared_endings(index),
        tokenizer=tokenizer,
        names=name_filter(orgs, tags), token_names=name_filter(orgs, tags, function_words_only=True),
        title_words=title_words_pattern(lex),
        title_heads_only=title_words_pattern(lex, with_modifiers=False),
        member_role=member_role_pattern(lex), member_role_label=label_pattern(lex.member_roles), dictionary=tags,
        thanks=alternation(lex.thanks_words),
        list_opener=alternation(lex.list_openers + lex.speaker_labels),
        list_after_opener=re.compile(rf".*(?P<opener>{trie_pattern(list(lex.list_openers + lex.speaker_labels))})"
                                     r"(?P<list>[^：:]*[）)][^：:（）()]*)$"),
        role_copula=re.compile(rf"(?:{trie_pattern(list(dict.fromkeys(lex.speaker_labels + lex.presence_labels)))})"
                               r"\s*(?:为|是)(?![:：])"),
        speaker_label=label_pattern(lex.speaker_labels + lex.presence_labels + lex.leader_labels + lex.bio_labels,
                                    lex.label_lead_ins, lex.award_endings + lex.speaker_label_endings, awarded),
        presence_label=label_pattern(lex.presence_labels, endings=lex.award_endings, awarded=awarded),
        presenter_label=label_pattern(lex.speaker_labels + lex.leader_labels, lex.label_lead_ins),
        leader_label=label_pattern(lex.leader_labels),
        talk_label=label_pattern(lex.talk_labels),
        abstract_label=label_pattern(lex.abstract_labels),
        bio_label=re.compile(rf"^\W*(?:{'|'.join(re.escape(w) for w in lex.bio_labels)})\W*$", re.I),
        org_label=label_pattern(lex.org_labels),
        title_label=label_pattern(lex.title_labels),
        han_titles=alternation(h for h in lex.title_heads if not h.isascii()),
        prose_heads=alternation((h for h in lex.title_heads if tags.get(h) not in ("v", "vn") or h.endswith("长")),
                                re.I),  # `sig-ops committer 王一`; a head of a unit (处长, 组长) whatever jieba's tag
        long_title_starters=tuple(w for w in lex.title_starters if len(w) >= 2),
        name_then_honorific=re.compile(
            rf"(?=([\u4e00-\u9fff]{{2,3}})({'|'.join(re.escape(w) for w in lex.after_name_words)}))"),
        speech_word=alternation(list(lex.name_verbs) + list(lex.talk_cues)),
        columns=columns_of(lex),
        talk_marker=talk_marker_pattern(lex.talk_markers),
        group_mention=group_mention_pattern(lex))
