"""Plain records passed between stages."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Reject:
    """Input, or part of it, that could not be used."""

    source_path: str
    stage: str
    error: str
    message: str
    line: int | None = None
    file_rejected: bool = True


@dataclass(frozen=True, slots=True)
class SourceText:
    """A post file decoded to text (read stage)."""

    source_path: str
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a post body, with the 1-based line of the source file where it starts.

    kind: heading, paragraph, list_item, table_row, media, alt_text (an image's alt text or
    title, at the image's line), code, record (an item of a front-matter list of records, or a
    shortcode's or component's attributes that describe a person: text is the field's or tag's
    name, header and cells the keys and values).
    emphasised: the whole text is bold, centred or in a <font> (a caption candidate).
    after_media: an image or video stands right above (or on the same line before) it.
    before_media: an image or video follows right under it.
    """

    line: int
    kind: str
    text: str
    raw: str
    level: int = 0
    emphasised: bool = False
    after_media: bool = False
    before_media: bool = False
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Post:
    """A parsed post: normalised front matter fields and the body as blocks."""

    source_path: str
    title: str
    date: str | None
    location: str
    label: str
    tags: tuple[str, ...]
    author: str
    category: str
    summary: str
    link: str
    blocks: tuple[Block, ...]
    body_text: str
    front_matter_format: str
    title_line: int = 0  # line of the front matter's title, 0 when there is none
    date_precision: str | None = None  # day, month or year: how much of `date` the post gives
    # compact summaries the corpus-level stages use, so that they never need the body:
    learned_orgs: tuple[str, ...] = ()  # organisations the post states unambiguously (gazetteer)
    sketch: str = ""  # bottom-k hashes of the text's character 4-grams, hex (report copies)
    shingle_count: int = 0  # how many distinct 4-grams the text has
    declared: tuple[tuple[str, str], ...] = ()  # (full name, short name) pairs the post declares


@dataclass(frozen=True, slots=True)
class Affiliation:
    org: str
    title: str


@dataclass(slots=True)
class Mention:
    """A person named in a post, with what that spot says of them."""

    name: str
    source_kind: str
    line: int
    raw: str
    rule: str
    confidence: float
    affiliations: list[Affiliation] = field(default_factory=list)
    talks: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MemberLine:
    """One line of a user-group / SIG / committee member list."""

    group_name: str
    role: str
    name: str
    org: str
    title: str
    line: int
    raw: str


@dataclass(slots=True)
class Extraction:
    """Everything the extract stage found in one post."""

    post: Post
    mentions: list[Mention] = field(default_factory=list)
    members: list[MemberLine] = field(default_factory=list)
    member_affiliations: dict[int, list[Affiliation]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)


def shared_strings(extraction: Extraction, seen: dict[str, str]) -> Extraction:
    """The extraction with each string replaced, in place, by the first equal one seen in the run:
    names, organisations, titles and rule names recur across posts, and each unpickled result
    from a worker would otherwise hold its own copies (half of an extraction's strings at
    scale). Records are frozen for the stages; this is their owner's one rewrite."""
    one = seen.setdefault
    put = object.__setattr__
    for m in extraction.mentions:
        m.name, m.source_kind, m.rule = one(m.name, m.name), one(m.source_kind, m.source_kind), one(m.rule, m.rule)
        m.talks = [one(t, t) for t in m.talks]
        for a in m.affiliations:
            put(a, "org", one(a.org, a.org))
            put(a, "title", one(a.title, a.title))
    for m in extraction.members:
        for name in ("group_name", "role", "name", "org", "title"):
            value = getattr(m, name)
            put(m, name, one(value, value))
    for affiliations in extraction.member_affiliations.values():
        for a in affiliations:
            put(a, "org", one(a.org, a.org))
            put(a, "title", one(a.title, a.title))
    return extraction


class Rows:
    """The rows of one output table, kept as a list per column: a pointer per cell, where a
    dict per row costs several hundred bytes (the tables of 100,000 posts hold millions of
    rows). Appended and read as dicts; the export stage takes the columns whole."""

    def __init__(self, names: tuple[str, ...], rows=()) -> None:
        self.names = tuple(names)
        self.columns: dict[str, list] = {name: [] for name in self.names}
        self.extend(rows)

    def append(self, row: dict) -> None:
        get = row.get
        for name, column in self.columns.items():
            column.append(get(name))

    def extend(self, rows) -> None:
        for row in rows:
            self.append(row)

    def column(self, name: str) -> list:
        return self.columns[name]

    def slice(self, start: int, stop: int) -> "Rows":
        """Rows start to stop (the cells are shared, not copied)."""
        out = Rows(self.names)
        out.columns = {name: column[start:stop] for name, column in self.columns.items()}
        return out

    def ordered(self, order: list[int]) -> "Rows":
        """The same rows in the order of the given row numbers."""
        out = Rows(self.names)
        out.columns = {name: [column[i] for i in order] for name, column in self.columns.items()}
        return out

    def __len__(self) -> int:
        return len(self.columns[self.names[0]]) if self.names else 0

    def __getitem__(self, i: int) -> dict:
        return {name: column[i] for name, column in self.columns.items()}

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __eq__(self, other) -> bool:
        return list(self) == list(other)
