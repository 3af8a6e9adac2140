"""Load the word lists of `pipeline/lexicons/` once per run."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.normalise import key

LEXICON_DIR = Path(__file__).parent / "lexicons"


def read_list(path: Path) -> tuple[str, ...]:
    """Entries are separated by white space or new lines; `#` starts a comment."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words.extend(line.split("#", 1)[0].split())
    return tuple(dict.fromkeys(words))


@dataclass(frozen=True)
class Lexicons:
    surnames: frozenset[str]
    surname_romanisations: frozenset[str]  # lower case
    compound_surnames: frozenset[str]
    title_heads: tuple[str, ...]  # longest first
    title_modifiers: tuple[str, ...]  # longest first, the domain words among them
    speaker_label_endings: tuple[str, ...]  # what ends a short speaker label (`重磅嘉宾：`, `圆桌主持：`)
    thanks_words: tuple[str, ...]  # 感谢, 致谢: a sentence of thanks
    list_openers: tuple[str, ...]  # `：`, 包括: what opens a sentence's list of people
    domain_words: tuple[str, ...]  # technical domains (Web, 前端): title modifiers that may stand in a Latin name
    org_suffixes: tuple[str, ...]  # longest first
    member_roles: tuple[str, ...]
    speaker_labels: tuple[str, ...]
    not_names: frozenset[str]
    talk_cues: tuple[str, ...]
    honorifics: tuple[str, ...]
    name_followers: frozenset[str]
    latin_stopwords: frozenset[str]
    latin_fields: frozenset[str]  # lower case: `Engineering`, `Open Source` (in `VP of …`)
    columns_name: tuple[str, ...]  # words of a table's column labels, by what the column holds
    columns_org: tuple[str, ...]
    columns_title: tuple[str, ...]
    columns_talk: tuple[str, ...]
    columns_role: tuple[str, ...]
    columns_time: tuple[str, ...]
    group_words: tuple[str, ...]  # `用户组`, `工作组`: what a mentioned group's name ends with
    group_endings: tuple[str, ...]  # `组`, `委员会`, `Team`: what a listed group's name ends with
    talk_markers: tuple[str, ...]  # `议题`, `Topic`: before a colon or in brackets, they mark a talk's title
    function_chars: frozenset[str]
    sentence_markers: tuple[str, ...]
    affiliation_lead_ins: tuple[str, ...]
    photo_lead_ins: tuple[str, ...]
    label_lead_ins: tuple[str, ...]
    generic_headings: tuple[str, ...]
    name_verbs: frozenset[str]
    clause_lead_ins: frozenset[str]
    after_name_words: tuple[str, ...]
    not_org_words: tuple[str, ...]
    not_org_endings: tuple[str, ...]
    no_organisation: tuple[str, ...]
    unit_suffixes: tuple[str, ...]
    bio_verbs: tuple[str, ...]
    bio_labels: tuple[str, ...]
    org_labels: tuple[str, ...]
    title_labels: tuple[str, ...]
    presence_labels: tuple[str, ...]
    award_endings: tuple[str, ...]
    award_openings: tuple[str, ...]
    ministry_endings: tuple[str, ...]  # longest first
    brand_suffixes: tuple[str, ...]  # longest first
    people_headings: tuple[str, ...]  # longest first
    ministry_units: tuple[str, ...]
    interest_heads: tuple[str, ...]
    academy_endings: tuple[str, ...]
    leader_labels: tuple[str, ...]
    talk_labels: tuple[str, ...]
    abstract_labels: tuple[str, ...]
    places: tuple[str, ...]  # cities first, then provinces
    provinces: tuple[str, ...]
    countries: frozenset[str]
    legal_suffixes: tuple[str, ...]
    community_suffixes: tuple[str, ...]
    industry_words: tuple[str, ...]
    branch_suffixes: tuple[str, ...]  # a branch written right after its company's legal name (…公司北京分公司)
    interview_openings: tuple[str, ...]  # a post's title about one person opens with one (专访, 对话)
    company_heads: tuple[str, ...]
    junk_orgs: frozenset[str]
    company_units: tuple[str, ...]
    prose_function_surnames: frozenset[str]
    org_type_translations: tuple[tuple[str, str], ...]  # (English type word as a key, its Chinese word)
    relation_nouns: tuple[str, ...]  # a body named by its relation to the body before (集成商, 合作伙伴)
    fingerprint: str
    # derived once here, so that per-post code does not rebuild them on every call
    han_title_heads: "WordSet" = None  # Chinese title heads of two characters or more
    latin_title_words: frozenset[str] = frozenset()  # Latin heads and modifiers, lower-cased
    no_organisation_keys: tuple[str, ...] = ()  # no_organisation lower-cased, for a test in any case
    latin_domain_words: frozenset[str] = frozenset()  # Latin technical domains, lower-cased (web, java)
    title_starters: tuple[str, ...] = ()  # heads and modifiers: what an affiliation's title opens with
    long_title_modifiers: tuple[str, ...] = ()  # modifiers of two characters or more
    field_words: tuple[str, ...] = ()  # technical domains and trade words: what may end a company's name
    long_not_names: "WordSet" = None  # not_names of two characters or more
    name_tails: dict = field(default_factory=dict, hash=False, compare=False)  # honorific/title -> order tried
    name_tail_lengths: tuple[int, ...] = ()
    member_role_words: frozenset[str] = frozenset()  # member roles, lower-cased (`### Organizer` headings)
    speaker_label_words: frozenset[str] = frozenset()  # speaker labels as a set (`主持人` as an item of an aside)
    place_names: frozenset[str] = frozenset()  # cities, provinces and countries: where one is from, no body
    legal_suffix_keys: tuple[str, ...] = ()  # comparison keys (normalise.key), longest first
    community_suffix_keys: tuple[str, ...] = ()
    junk_org_keys: frozenset[str] = frozenset()  # spellings that are no organisation: junk words, endings alone
    org_suffix_set: "WordSet" = None  # org_suffixes, for hashed lookups


@dataclass(frozen=True)
class WordSet:
    """A word list for hashed lookups in short texts (a name, an organisation): a set lookup per
    word length instead of a scan of the list."""

    words: frozenset[str]
    lengths: tuple[int, ...]  # longest first

    @classmethod
    def of(cls, words) -> "WordSet":
        words = frozenset(w for w in words if w)
        return cls(words, tuple(sorted({len(w) for w in words}, reverse=True)))

    def ending(self, text: str) -> str:
        """The longest word text ends with, or ""."""
        return next((text[-n:] for n in self.lengths if n <= len(text) and text[-n:] in self.words), "")

    def inside(self, text: str) -> bool:
        """Some word occurs in text."""
        return any(text[i:i + n] in self.words for n in self.lengths for i in range(len(text) - n + 1))


def made_of(text: str, words: tuple[str, ...], at_end: bool = False) -> bool:
    """text is words of the list one after another and nothing else (the empty text too), taken
    from its start, or from its end (at_end); the list longest first, as LONGEST_FIRST holds it."""
    while text:
        word = next((w for w in words if (text.endswith(w) if at_end else text.startswith(w))), "")
        if not word:
            return False
        text = text[:-len(word)] if at_end else text[len(word):]
    return True


def by_length(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def with_derived(lex: Lexicons) -> Lexicons:
    not_names = lex.not_names | frozenset(lex.affiliation_lead_ins)  # `来自 Intel 的…`: a lead-in is never a name
    tails: dict[str, int] = {}
    for k, tail in enumerate(lex.honorifics + lex.title_heads):
        if not tail.isascii():
            tails.setdefault(tail, k)
    return replace(
        lex,
        han_title_heads=WordSet.of(h for h in lex.title_heads if not h.isascii() and len(h) >= 2),
        latin_title_words=frozenset(w.lower() for w in lex.title_heads + lex.title_modifiers if w.isascii()),
        no_organisation_keys=tuple(w.lower() for w in lex.no_organisation),
        latin_domain_words=frozenset(w.lower() for w in lex.domain_words if w.isascii()),
        title_starters=by_length(lex.title_heads + lex.title_modifiers),
        long_title_modifiers=tuple(m for m in lex.title_modifiers if len(m) >= 2),
        field_words=by_length(lex.domain_words + lex.industry_words),
        not_names=not_names,
        long_not_names=WordSet.of(w for w in not_names if len(w) >= 2),
        name_tails=tails,
        name_tail_lengths=tuple(sorted({len(t) for t in tails})),
        member_role_words=frozenset(r.lower() for r in lex.member_roles),
        speaker_label_words=frozenset(lex.speaker_labels),
        place_names=frozenset(lex.places) | lex.countries,
        legal_suffix_keys=keys_longest_first(lex.legal_suffixes),
        community_suffix_keys=keys_longest_first(lex.community_suffixes),
        org_suffix_set=WordSet.of(lex.org_suffixes),
        junk_org_keys=frozenset(keys_longest_first(lex.legal_suffixes + lex.community_suffixes + lex.org_suffixes
                                                   + lex.not_org_words + tuple(lex.junk_orgs))),
    )


def translations(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A list written as `English 中文` pairs, as (comparison key of the English, the Chinese)."""
    return tuple((key(words[i]), words[i + 1]) for i in range(0, len(words) - 1, 2))


def keys_longest_first(words) -> tuple[str, ...]:
    """The comparison keys of a word list (as organisations are compared), longest first."""
    return tuple(sorted(dict.fromkeys(key(w) for w in words), key=lambda w: (-len(w), w)))


# How each word list is held: longest first (for longest-match scans), as a set, or as written.
LONGEST_FIRST = ("title_heads", "domain_words", "org_suffixes", "member_roles", "speaker_labels", "honorifics",
                 "affiliation_lead_ins", "photo_lead_ins", "label_lead_ins", "after_name_words", "no_organisation",
                 "unit_suffixes", "bio_verbs", "bio_labels", "org_labels", "title_labels", "presence_labels", "award_endings",
                 "award_openings", "ministry_endings", "ministry_units", "interest_heads", "brand_suffixes", "people_headings",
                 "academy_endings", "leader_labels", "talk_labels", "abstract_labels", "provinces", "legal_suffixes",
                 "community_suffixes", "industry_words", "company_heads", "company_units", "relation_nouns",
                 "branch_suffixes", "interview_openings", "speaker_label_endings", "thanks_words",
                 "list_openers")
AS_SET = ("countries", "prose_function_surnames", "not_names", "name_followers", "function_chars", "name_verbs", "clause_lead_ins", "junk_orgs")
AS_WRITTEN = ("talk_cues", "sentence_markers", "generic_headings", "not_org_words", "not_org_endings", "columns_name",
              "columns_org", "columns_title", "columns_talk", "columns_role", "columns_time", "group_words",
              "group_endings", "talk_markers")


def load_lexicons(folder: Path = LEXICON_DIR) -> Lexicons:
    lists = {p.stem: read_list(p) for p in sorted(folder.glob("*.txt"))}
    digest = hashlib.sha256()
    for name in sorted(lists):
        digest.update(name.encode() + b"\0" + "\n".join(lists[name]).encode())
    surnames = lists["surnames"]
    return with_derived(Lexicons(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        surname_romanisations=frozenset(w.lower() for w in lists["surname_romanisations"]),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        latin_stopwords=frozenset(w.lower() for w in lists["latin_stopwords"]),
        latin_fields=frozenset(w.lower() for w in lists["latin_fields"]),
        fingerprint=digest.hexdigest()[:16],
        places=by_length(lists["places"]) + by_length(lists["provinces"]),
        title_modifiers=by_length(lists["title_modifiers"] + lists["domain_words"]),
        org_type_translations=translations(lists["org_type_translations"]),
        **{name: by_length(lists[name]) for name in LONGEST_FIRST},
        **{name: frozenset(lists[name]) for name in AS_SET},
        **{name: lists[name] for name in AS_WRITTEN},
    ))
