"""Parse stage: front matter (TOML `+++`, YAML `---` or none) and the body as line-anchored blocks.

Blocks are cut from the source lines (so each keeps its 1-based line number); the inline
Markdown and HTML of a block are rendered with `markdown` and read back with BeautifulSoup,
which tells the block's plain text and whether it is wholly bold, centred or in a <font>.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass, replace

import markdown
import yaml
from bs4 import BeautifulSoup

from pipeline.model import Block, Post, Reject, SourceText

LEADING_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
EMPHASIS_TAGS = {"strong", "b", "em", "center", "font", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}
# `<p align="center">`, `<div class="img-caption">`: centred, or a caption by its class
CENTERED = re.compile(r"""\balign\s*=\s*["']?center|text-align\s*:\s*center|\bclass\s*=[^>]*?caption""", re.I)


def emphasising(name: str, attributes: str) -> bool:
    """A tag that sets its text apart as a caption: bold, a heading, a figure's caption, a centred
    paragraph or one whose class says it is a caption."""
    return name in EMPHASIS_TAGS or CENTERED.search(attributes) is not None


MARKUP_CHARS = re.compile(r"[*_<>\[\]`!&\\]")
MEDIA = re.compile(r"<img\b[^>]*>|<video\b.*?</video>|<video\b[^>]*>|</video>|<source\b[^>]*>|"
                   r"<iframe\b.*?</iframe>|!\[[^\]]*\]\([^)]*\)|<audio\b.*?</audio>|"
                   r"\{%\s*(?:asset_img|img|image)\b.*?%\}|\{\{[<%]\s*(?:figure|img|image)\b.*?[>%]\}\}|"
                   r"\{%\s*include\s+[\w./-]*(?:figure|image|img|photo)[\w./-]*\s.*?%\}", re.S | re.I)
# the words an image carries: Markdown alt text, an <img> alt or title, a Hexo tag's caption, a
# Hugo figure's or a Jekyll figure include's caption, title or alt
ALT_TEXT = re.compile(r"!\[(?P<md>[^\]]*)\]\(|<img\b[^>]*?\b(?:alt|title)\s*=\s*[\"'](?P<html>[^\"']*)[\"']|"
                      r"\{%\s*(?:asset_img|img|image)\s+\S+\s+(?P<hexo>[^%]+?)\s*%\}|"
                      r"\{\{[<%]\s*(?:figure|img|image)\b[^}]*?\b(?:caption|title|alt)\s*=\s*[\"'](?P<hugo>[^\"']*)[\"']|"
                      r"\{%\s*include\s+[\w./-]*(?:figure|image|img|photo)[\w./-]*\s[^%]*?\b(?:caption|title|alt)\s*=\s*"
                      r"[\"'](?P<liquid>[^\"']*)[\"']", re.I)
FILE_NAME = re.compile(r"^[\w.\-/ ]*\.(?:png|jpe?g|gif|webp|svg|bmp)$|^(?:image|img|图片|photo|pic)[\w\-. ]*$", re.I)
OPEN_MEDIA = re.compile(r"<(video|iframe|audio)\b", re.I)
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.、)）]|\.)\s+(?=\S)")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
SETEXT = re.compile(r"^\s{0,3}(=)=+\s*$|^\s{0,3}(-)-{2,}\s*$")
PLAIN_LINE = re.compile(r"^\s{0,3}(?![#>|<!\-*+=`~]|\d{1,3}[.)]\s)\S")  # a paragraph's line: no heading, quote, table, tag, list
DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")
YEAR_PATTERN = re.compile(r"^\s*(\d{4})\s*年?\s*$")
PATH_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
PATH_MONTH = re.compile(r"^((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])$")
LOCATION_LINE = re.compile(r"(?:活动地点|活动地址|会议地点|举办地点|地点|地址|Location|Venue)\s*[:：]|【(?:活动)?(?:地点|地址)】", re.I)
TIME_LINE = re.compile(r"(?:活动时间|会议时间|举办时间|活动日期|时间|日期|Date|When)\s*[:：]|【(?:活动)?(?:时间|日期)】", re.I)
ONLINE = re.compile(r"线上|在线|online|直播|云端|网络研讨", re.I)
REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")  # `[Vue Beauty 组件库][3]`: its definition is elsewhere
BLOCK_OPENERS = re.compile(r"<(center|font|p|div|strong|table)\b", re.I)
BLANKS = re.compile(r"[ \t\u00a0\u3000]+")
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]+")  # zero-width space, word joiner, BOM: a rich editor's, never text
WHITESPACE = re.compile(r"\s")
MARKER = re.compile(r"\*\*|__")
SPACE_OR_MARKER = re.compile(r"\s|\*\*|__")
MARKER_OR_TAG = re.compile(r"\*\*|__|<[^>]+>")
QUOTE_MARKS = re.compile(r"^(?:\s*>)+\s*")
LINE_OPENER = re.compile(r"^[\s>*#\-+•·]+")


class InlineRenderer:
    """Renders one block's inline Markdown/HTML to (plain text, emphasised). One per run."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[])

    def render(self, raw: str) -> tuple[str, bool]:
        raw = raw.strip()  # one block: indentation is not a code block here
        raw = REFERENCE_LINK.sub(r"\1", raw) if "][" in raw else raw
        if not MARKUP_CHARS.search(raw):
            return collapse(raw), False
        quick = render_simple(raw)
        if quick is not None:
            return quick
        return self.render_markdown(raw)

    def render_markdown(self, raw: str) -> tuple[str, bool]:
        """The full Markdown and HTML reading, for blocks the simple reader declines."""
        self._md.reset()
        html = self._md.convert(raw)
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        total = emphasised = 0
        for node in soup.find_all(string=True):
            size = len(SPACE_OR_MARKER.sub("", str(node)))
            total += size
            if any(emphasising(parent.name, " ".join(f"{k}={v}" for k, v in parent.attrs.items()))
                   for parent in node.parents if parent.name != "[document]"):
                emphasised += size
        text = collapse(soup.get_text(" "))
        stripped = text.strip()
        if stripped.startswith("**") and stripped.rstrip("\\").endswith("**"):
            emphasised = total
        text = collapse(MARKER.sub("", text)).strip("\\ ")
        return text, bool(total) and emphasised >= 0.9 * total


URL_SCHEME = r"(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://"  # what opens an autolink (`<https://…>`), in any case
SIMPLE_TOKEN = re.compile(rf"\*\*|__|<(?P<url>{URL_SCHEME}[^<>]*)>"
                          r"|<(?P<closing>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(?P<void>/?)>"
                          r"|\[(?P<link>[^\[\]]*)\]\([^()\s]*\)|`(?P<code>[^`]+)`")
ONLY_TAGS = re.compile(r"(?:\s*</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)+\s*")  # `</figure>`, `<hr/>`: no text
SIMPLE_TAGS = {"strong", "b", "em", "i", "center", "font", "span", "p", "div", "br", "a", "u", "sup", "sub", "small",
               "big", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "section", "label", "mark"}
VOID_TAGS = {"br", "img", "hr", "wbr"}
HTML_BLOCKS = set(markdown.Markdown().block_level_elements)


# What the simple reader leaves to Markdown: code spans of two backticks, escapes, images
# (`![`), single-star emphasis, an underscore that could open or close emphasis (one between
# two word characters, as in `sf1_count` or a URL, is text), comments, entities, list items,
# headings, link definitions.
SIMPLE_DECLINES = re.compile(r"``|\\|!\[|(?<!\w)_|_(?!\w)|(?<!\*)\*(?!\*)|\*{3}|<!--|&[a-zA-Z#]"
                             r"|^\s*(?:[-+*]|\d+[.)]|#)\s|^\s*\[[^\]]*\]:")


AUTOLINK = re.compile(f"<{URL_SCHEME}")
TAG_LIKE = re.compile(r"<[a-zA-Z/!?]")  # outside the tags the simple reader knows: Markdown may take it for HTML


def render_simple(raw: str) -> tuple[str, bool] | None:
    """(text, emphasised) for a block whose only markup is bold markers, links, autolinks, code
    spans and plain HTML tags, properly nested, read in one pass; None for anything else
    (italics, escapes, images, HTML blocks with more after them), which the full Markdown
    reading takes. Same answers as the full reading (a property test holds it to that),
    several times faster."""
    raw = QUOTE_MARKS.sub("", raw)  # a quoted line reads as its text
    if SIMPLE_DECLINES.search(raw):
        return None
    if ONLY_TAGS.fullmatch(raw):
        return "", False
    opener = re.match(r"\s*<([a-zA-Z][a-zA-Z0-9]*)", raw)
    if opener and opener.group(1).lower() in HTML_BLOCKS:
        close = raw.lower().find(f"</{opener.group(1).lower()}>")
        if "**" in raw or "](" in raw or "`" in raw or AUTOLINK.search(raw) or (
                close >= 0 and raw[close:].split(">", 1)[1].strip()):
            return None  # Markdown leaves an HTML block's inside as it is (no bold, link, code span or autolink
            # read there), and breaks the line after it
    stack: list[tuple[str, bool]] = []  # open bold markers and tags (and whether they emphasise), innermost last
    text: list[str] = []
    total = emphasised = 0

    def add(chunk: str) -> None:
        nonlocal total, emphasised
        size = len(WHITESPACE.sub("", chunk))
        total += size
        if any(emphasises for _, emphasises in stack):
            emphasised += size
        text.append(chunk)

    pos = 0
    for match in SIMPLE_TOKEN.finditer(raw):
        if TAG_LIKE.search(raw, pos, match.start()):
            return None
        add(raw[pos:match.start()])
        text.append(" ")  # text on either side of markup is two text nodes, read with a space between
        token = match.group()
        if token == "**":
            after, before = raw[match.end():match.end() + 1], raw[match.start() - 1:match.start()]
            closes = bool(stack) and stack[-1][0] == "**"
            if (before.isspace() or not before) if closes else (after.isspace() or not after):
                return None  # `** abc**`: a marker set apart by a space is no emphasis in Markdown
            if closes:
                stack.pop()
            elif ("**", True) in stack:
                return None  # markers and tags interleaved: left to the full reading
            else:
                stack.append(("**", True))
        elif token == "__":
            return None
        elif match.group("tag"):
            tag = match.group("tag").lower()
            if tag not in SIMPLE_TAGS:
                return None
            if not match.group("void") and tag not in VOID_TAGS:
                if not match.group("closing"):
                    stack.append((tag, emphasising(tag, token)))
                elif stack and stack[-1][0] == tag:
                    stack.pop()
                else:
                    return None  # a closing tag that closes nothing open
        elif match.group("code") is not None or match.group("url") is not None:
            # a code span (its text, without its edge spaces) or an autolink (its address)
            literal = match.group("url") or match.group("code").strip()
            if "__" in literal:
                return None  # Markdown's reading drops `__` from the text, even here
            add(literal)
            text.append(" ")
        else:
            if "`" in match.group("link"):
                return None  # code in a link's text
            add(match.group("link"))
            text.append(" ")
        pos = match.end()
    if stack:
        return None  # something left open: Markdown reads it otherwise
    if TAG_LIKE.search(raw, pos):
        return None
    add(raw[pos:])
    plain = collapse("".join(text)).strip("\\ ")
    if "](" in plain or "**" in plain:
        return None  # a link holding markup, or one with a title or spaces: the full reading knows these
    return plain, bool(total) and emphasised >= 0.9 * total


BAR_LOOKALIKES = str.maketrans({"丨": "｜", "︱": "｜"})  # `黎一泽丨华为 工程师`: the radical typed as a bar


def plain(text: str) -> str:
    """Text with its runs of blanks one space and no invisible characters: a front-matter value as
    written. (A pattern runs only where a character it acts on stands: most text has none.)"""
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        text = INVISIBLE.sub("", text)
    if "  " in text or "\t" in text or "\u00a0" in text or "\u3000" in text:
        text = BLANKS.sub(" ", text)
    return text.strip()


def collapse(text: str) -> str:
    """Block text as the readers take it: plain, and a bar where the writer typed a lookalike."""
    return plain(text.translate(BAR_LOOKALIKES) if "丨" in text or "︱" in text else text)


class NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: front matter never needs them, and a few hundred bytes
    of nested aliases expand to gigabytes (a 'billion laughs' file)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              event.start_mark)
        return super().compose_node(parent, index)


FAST_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


def load_yaml(text: str):
    """libyaml's safe loader for ordinary front matter; the alias-refusing one for any text that
    holds an anchor or alias (it refuses them)."""
    return yaml.load(text, Loader=NoAliasLoader if ANCHOR_OR_ALIAS.search(text) else FAST_YAML)


MAX_FIELD_CHARS = 4096  # no front-matter field needs more; a longer one is cut and said


@dataclass(frozen=True)
class FrontMatter:
    fields: dict
    body_start: int  # 0-based index of the first body line
    kind: str
    warnings: tuple[Reject, ...] = ()  # part-level: read leniently


def split_front_matter(lines: list[str], source_path: str) -> FrontMatter | Reject:
    """Find the `+++`/`---` block at the top (blank lines and invisible marks may precede it)."""
    first = 0
    while first < len(lines) and not lines[first].strip(LEADING_INVISIBLE + " \t"):
        first += 1
    if first == len(lines):
        return FrontMatter({}, len(lines), "none")
    opener = lines[first].strip(LEADING_INVISIBLE + " \t")
    if opener == "{":
        return json_front_matter(lines, first, source_path)
    if opener not in ("+++", "---"):
        return FrontMatter({}, 0, "none")
    for end in range(first + 1, len(lines)):
        if lines[end].strip() == opener:
            break
    else:
        return Reject(source_path, "parse", "front_matter_unclosed",
                      f"front matter opened with '{opener}' on line {first + 1} is never closed", line=first + 1)
    text = "\n".join(lines[first + 1:end])
    kind = "toml" if opener == "+++" else "yaml"
    warnings: tuple[Reject, ...] = ()
    try:
        data = tomllib.loads(text) if kind == "toml" else load_yaml(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        message = " ".join(str(exc).split())
        data = lenient_yaml(text) if kind == "yaml" else None
        if data is None:
            return Reject(source_path, "parse", f"front_matter_{kind}",
                          f"malformed {kind.upper()} front matter (lines {first + 1}-{end + 1}): {message}",
                          line=first + 1)
        warnings = (Reject(source_path, "parse", "front_matter_lenient",
                           f"YAML front matter (lines {first + 1}-{end + 1}) read after replacing tabs with "
                           f"spaces: {message}", file_rejected=False),)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Reject(source_path, "parse", "front_matter_not_mapping",
                      f"{kind.upper()} front matter on lines {first + 1}-{end + 1} is a "
                      f"{type(data).__name__}, not a table of fields", line=first + 1)
    return FrontMatter(data, end + 1, kind, warnings)


def json_front_matter(lines: list[str], first: int, source_path: str) -> FrontMatter | Reject:
    """Hugo's JSON front matter: an object opened by a `{` line at the top; the body starts on the
    line after its closing brace."""
    text = "\n".join(lines[first:])
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except ValueError as exc:
        return Reject(source_path, "parse", "front_matter_json",
                      f"malformed JSON front matter from line {first + 1}: {exc}", line=first + 1)
    if not isinstance(data, dict):
        return Reject(source_path, "parse", "front_matter_not_mapping",
                      f"JSON front matter on line {first + 1} is a {type(data).__name__}, not a table of fields",
                      line=first + 1)
    return FrontMatter(data, first + text.count("\n", 0, end) + 1, "json")


def lenient_yaml(text: str):
    """YAML that fails only for a stray tab (a common hand edit): read with tabs as spaces."""
    if "\t" not in text:
        return None
    try:
        data = load_yaml(text.replace("\t", "  "))
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def dated(value) -> tuple[str, str] | None:
    """(ISO date, precision) from a date, a datetime or a string: `2022-08-26` (day),
    `2022.07` / `2022-07` / `2022年7月` (month: the first of the month), `2022年` (year)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and 1990 <= value <= 2100:
        return f"{value}-01-01", "year"
    if not isinstance(value, str):
        return None
    for pattern, precision in ((DATE_PATTERN, "day"), (MONTH_PATTERN, "month"), (YEAR_PATTERN, "year")):
        match = pattern.search(value)
        if match:
            parts = [int(g) for g in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                return dt.date(*parts).isoformat(), precision
            except ValueError:
                continue
    return None


def path_date(source_path: str) -> tuple[str, str] | None:
    """A date the file or folder name holds: `events/2022-08-26/meetup.md`, `20220718.md`,
    `2021-10/meetup3.md`; the most precise one, nearest the file first."""
    parts = list(reversed(source_path.split("/")))
    for pattern in (PATH_DAY, PATH_MONTH):
        for part in parts:
            match = pattern.search(part)
            if match:
                found = dated("-".join(match.groups()))
                if found:
                    return found
    return None


def body_field(lines: list[str], labels: re.Pattern) -> str:
    """The value of the first `活动地点：…` line of the body, as plain text."""
    for line in lines:
        if "：" not in line and ":" not in line and "【" not in line:
            continue  # every label ends with a colon or stands in 【】
        text = LINE_OPENER.sub("", collapse(MARKER_OR_TAG.sub("", line)))
        match = labels.match(text)
        if match:
            value = text[match.end():].strip(" ：:")
            if value:
                return value[:120]
    return ""


def city_of(location: str, places: tuple[str, ...], provinces: tuple[str, ...] = ()) -> tuple[str | None, bool | None]:
    """(city, online) of a location as written: `中国上海` -> 上海; `四川省成都市` -> 成都 (a city
    before its province); `线上` -> (None, True); `待定` -> (None, None); `北京 / 成都` -> 北京."""
    if not location:
        return None, None
    online = bool(ONLINE.search(location))
    found = [(location.find(p), p not in provinces, p) for p in places if p in location]
    if found:
        cities = [f for f in found if f[1]] or found
        return min(cities)[2], online or False
    return None, True if online else None


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(v) for v in value if v is not None)
    return plain(str(value))


def as_tags(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = [as_text(v) for v in value]
    else:
        items = re.split(r"[,，、;；]", as_text(value))
    return tuple(item.strip() for item in items if item and item.strip())


def first_key(fields: dict, *names: str) -> str | None:
    """The first of names that the front matter gives a value."""
    return next((name for name in names if fields.get(name) not in (None, "")), None)


def first_field(fields: dict, *names: str):
    key = first_key(fields, *names)
    return fields[key] if key is not None else None


def parse_post(source: SourceText, renderer: InlineRenderer) -> tuple[Post | None, list[Reject]]:
    """A post, plus part-level rejects (a bad date, say); or no post and a file-level reject."""
    lines = source.text.split("\n")
    front = split_front_matter(lines, source.source_path)
    if isinstance(front, Reject):
        return None, [front]
    fields = front.fields
    rejects: list[Reject] = list(front.warnings)
    for name, value in list(fields.items()):
        if isinstance(value, (str, list, tuple)) and len(as_text(value)) > MAX_FIELD_CHARS:
            fields[name] = as_text(value)[:MAX_FIELD_CHARS]
            rejects.append(Reject(source.source_path, "parse", "field_truncated",
                                  f"front matter field {str(name)[:40]!r} is over {MAX_FIELD_CHARS} characters; "
                                  "kept its first part", file_rejected=False))
    raw_date = first_field(fields, "date", "time", "publishDate", "pubDate", "start")
    found = dated(raw_date)
    if raw_date is not None and found is None:
        found = path_date(source.source_path)
        rejects.append(Reject(source.source_path, "parse", "bad_date",
                              f"front matter date {raw_date!r} is not a date; "
                              + (f"took {found[0]} ({found[1]}) from the file's path" if found else "left empty"),
                              line=key_line(lines, front.body_start, "date") or None, file_rejected=False))
    found = found or path_date(source.source_path) or dated(body_field(lines[front.body_start:], TIME_LINE))
    blocks = front_matter_records(fields, lines, front.body_start) + split_blocks(lines, front.body_start, renderer)
    body_text = "\n".join(b.text for b in blocks if b.kind not in ("media", "record") and b.text)
    summary_key = first_key(fields, "summary", "description")
    summary = as_text(fields[summary_key]) if summary_key else ""
    if summary and not repeated(summary, body_text):
        blocks.insert(0, Block(key_line(lines, front.body_start, summary_key), "summary", summary, summary))
    location = re.sub(r"^[\W_]*(?:地点|地址|location)\s*[:：]\s*", "",
                      as_text(first_field(fields, "location", "address", "city", "venue")), flags=re.I) \
        or body_field(lines[front.body_start:], LOCATION_LINE)
    title = as_text(fields.get("title")) or next((b.text for b in blocks if b.kind == "heading" and b.text), "")
    post = Post(
        source_path=source.source_path,
        title=title,
        title_line=key_line(lines, front.body_start, "title") or next(
            (b.line for b in blocks if b.kind == "heading" and b.text == title), 0),
        date=found[0] if found else None,
        date_precision=found[1] if found else None,
        location=location,
        label=as_text(fields.get("label")),
        tags=as_tags(first_field(fields, *TAG_FIELDS)),
        author=as_text(first_field(fields, *AUTHOR_FIELDS)),
        category=as_text(fields.get("category")),
        summary=summary,
        link=as_text(fields.get("link")),
        blocks=tuple(blocks),
        body_text=body_text,
        front_matter_format=front.kind,
    )
    return post, rejects


def repeated(summary: str, body_text: str) -> bool:
    """The body repeats the summary's opening (or the summary is too short to tell): the summary
    is then no block of its own. One the body leaves out is read as a sentence of the post, a
    block of kind `summary` at its line: the site shows it with the post, and it may be the only
    sentence that says who spoke on what (`华为智能计算业务部总裁马海旭发表了《…》的主题演讲`)."""
    opening = re.sub(r"\s+", "", summary.rstrip("…. "))[:30]
    return len(opening) < 8 or opening in re.sub(r"\s+", "", body_text)


TAG_FIELDS = ("tags", "tag")  # front-matter fields of the post's own columns
AUTHOR_FIELDS = ("author", "authors")


def front_matter_records(fields: dict, lines: list[str], body_start: int) -> list[Block]:
    """A front-matter field that lists records (`speakers:` then `- name: …` items, TOML
    `[[speakers]]`, or strings: `guests: ["王一（星河科技）"]`, each a record of one value, no keys):
    one block of kind `record` per item, its text the field's name, its
    header the item's keys and its cells their values, at the item's line. Which fields name
    people the extract stage decides (its lexicons)."""
    blocks = []
    for key, value in fields.items():
        if not (isinstance(value, list) and value and all(isinstance(item, (dict, str)) for item in value)) \
                or key in TAG_FIELDS + AUTHOR_FIELDS:
            continue  # the post's own columns are no records
        starts = item_lines(lines, body_start, str(key))
        for k, item in enumerate(value):
            line = starts[k] if k < len(starts) else key_line(lines, body_start, str(key))
            if isinstance(item, str):  # `guests: ["王一（星河科技）", …]`: a record of one value and no keys
                blocks.append(Block(line, "record", str(key), as_text(item), cells=(as_text(item),)))
                continue
            cells = tuple(as_text(v) for v in item.values())
            blocks.append(Block(line, "record", str(key), "; ".join(f"{name}: {cell}" for name, cell in zip(item, cells)),
                                cells=cells, header=tuple(str(name) for name in item)))
    return blocks


def item_lines(lines: list[str], body_start: int, key: str) -> list[int]:
    """1-based lines where the items of a front-matter list of records start: YAML `- ` lines
    after the key (up to the next top-level key), or TOML `[[key]]` headers."""
    table = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]")
    found = [k + 1 for k in range(body_start) if table.match(lines[k])]
    start = key_line(lines, body_start, key)
    if found or not start:
        return found
    for k in range(start, body_start):
        if lines[k].strip() and not lines[k][:1].isspace() and not lines[k].startswith("-"):
            break  # the next top-level key
        if re.match(r"^\s*-\s", lines[k]):
            found.append(k + 1)
    return found


def key_line(lines: list[str], body_start: int, key: str) -> int:
    """1-based line of a front-matter key (0 when the front matter does not hold it)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*[:=]")
    return next((k + 1 for k in range(body_start) if pattern.match(lines[k])), 0)


def split_blocks(lines: list[str], start: int, renderer: InlineRenderer) -> list[Block]:
    """Cut the body into blocks: headings, table rows, list items, media, paragraphs (one a line)."""
    blocks: list[Block] = []
    pending_media = False
    i = start
    n = len(lines)
    while i < n:
        line = lines[i]
        lineno = i + 1
        if not line.strip() or (line.startswith(("import", "export")) and MDX_STATEMENT.match(line)):
            i += 1  # a blank line; an MDX module statement (`import Speaker from '…'`): no text of the post
            continue
        code = CODE_ELEMENT.match(line) if "<" in line else None
        if code:  # `<script setup>…</script>`, `<style>…</style>`: a page's code, no text of the post
            j = i
            while j < n and f"</{code.group(1).lower()}" not in lines[j].lower():
                j += 1
            j = j if j < n else i  # never closed (broken HTML): only its own line is code
            blocks.append(Block(lineno, "code", "", "\n".join(lines[i:j + 1])))
            i = j + 1
            continue
        if FENCE.match(line):
            fence = FENCE.match(line).group(1)
            j = i + 1
            while j < n and not lines[j].strip().startswith(fence):
                j += 1
            blocks.append(Block(lineno, "code", "", "\n".join(lines[i:j + 1])))
            i = j + 1
            continue
        underline = SETEXT.match(lines[i + 1]) if i + 1 < n else None
        if underline and PLAIN_LINE.match(line) and len(line.strip()) <= 60:  # `Title` over `===` (or `---`): a
            # heading as Markdown reads it (a longer line over a rule is read as the paragraph it looks like)
            text, _ = renderer.render(line.strip())
            blocks.append(Block(lineno, "heading", text, line, level=1 if underline.group(1) == "=" else 2))
            pending_media = False
            i += 2
            continue
        heading = HEADING.match(line)
        if heading and not line.lstrip().startswith("#!"):
            text, _ = renderer.render(heading.group(2))
            blocks.append(Block(lineno, "heading", text, line, level=len(heading.group(1))))
            pending_media = False
            i += 1
            continue
        if line.lstrip().startswith("|"):
            j = i
            while j < n and lines[j].lstrip().startswith("|"):
                j += 1
            blocks.extend(table_blocks(lines, i, j, renderer))
            pending_media = False
            i = j
            continue
        if "<" in line and TABLE_OPEN.match(line):
            j = i
            while j < n and "</table>" not in lines[j].lower():
                j += 1
            blocks.extend(html_table_blocks("\n".join(lines[i:j + 1]), lineno, renderer))
            pending_media = False
            i = j + 1
            continue
        # gather a multi-line HTML element (a <video>, an unclosed <center>/<font>, a component
        # whose attributes stand one a line)
        j = i
        chunk = line
        while j + 1 < n and lines[j + 1].strip() and j - i < 12:
            joiner = "\n" if unclosed(chunk) else soft_wrap(lines[j], lines[j + 1])
            if joiner is None:
                break
            j += 1
            chunk += joiner + lines[j]
        blocks.extend(attribute_records(chunk, lineno))
        rest = MEDIA.sub(" ", chunk)
        has_media = rest != chunk
        if has_media:
            blocks.append(Block(lineno, "media", "", chunk))
            pending_media = True
            blocks.extend(alt_text_blocks(chunk, lineno, renderer))
        rest = media_line_text(rest) if has_media else rest
        list_match = LIST_ITEM.match(rest) if not has_media and rest.strip() else None
        kind = "list_item" if list_match else "paragraph"
        for body in html_elements(rest[list_match.end():] if list_match else rest):
            text, emphasised = card_text(body, renderer)
            html_heading = HTML_HEADING.fullmatch(body) if not has_media and not list_match else None
            if text and html_heading:  # `<h3>议题一：…</h3>`: a heading, as `### 议题一：…` is
                blocks.append(Block(lineno + first_text_line(chunk), "heading", text, chunk,
                                    level=int(html_heading.group(1))))
                pending_media = False
            elif text:
                blocks.append(Block(lineno + first_text_line(chunk), "list_item" if HTML_LIST_ITEM.match(body) else kind,
                                    text, chunk, emphasised=emphasised, after_media=pending_media))
                pending_media = False
        i = j + 1
    return mark_before_media(blocks)


PIECE_BOUNDARY = re.compile(r"</?(?:p|div|section)\b[^>]*>|<br\s*/?>", re.I)


def media_line_text(rest: str) -> str:
    """The text of a line that holds a photo, as one block: its paragraphs as line breaks, which
    card_text sets apart as a photo card's fields (`分享嘉宾：王一`, `星河科技 架构师`, `议题：《…》`)."""
    rest = re.sub(r"</?span\b[^>]*>", " ", rest, flags=re.I)
    return "<br>".join(piece.strip() for piece in PIECE_BOUNDARY.split(rest) if ANY_TAG.sub("", piece).strip())


CODE_ELEMENT = re.compile(r"\s*<(script|style)\b", re.I)
MDX_STATEMENT = re.compile(r"""(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"]+['"]|"""
                           r"export\s+(?:default\s+)?(?:const|let|var|function|class)\b.*);?\s*$")
HTML_LIST_ITEM = re.compile(r"\s*<li\b", re.I)
HTML_HEADING = re.compile(r"\s*<h([1-6])\b[^>]*>(?:(?!</?h[1-6]\b).)*</h\1>\s*", re.I | re.S)
TABLE_OPEN = re.compile(r"\s*<table\b", re.I)
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)


def card_text(body: str, renderer: InlineRenderer) -> tuple[str, bool]:
    """(text, emphasised) of a block; one whose lines, set apart by <br>, are short
    (`<strong>王一</strong><br/>星河科技 架构师<br/>议题：…`) keeps them apart with a bar, as the
    fields of a person-text are; a longer line makes them a paragraph run together."""
    text, emphasised = renderer.render(body.replace("\n", " "))
    if len(text) <= CARD_LENGTH and LINE_BREAK.search(body):
        lines = [line for line in (renderer.render(piece.replace("\n", " "))[0] for piece in LINE_BREAK.split(body))
                 if line]
        text = " ｜ ".join(lines) if len(lines) >= 2 and all(len(line) <= CARD_FIELD for line in lines) else text
    return text, emphasised


CARD_LENGTH, CARD_FIELD = 120, 40  # a photo card's text, and each of its fields, at most


BLOCK_ELEMENTS = r"(?:h[1-6]|p|div|li|section|figcaption)"
HTML_ELEMENT_END = re.compile(rf"</{BLOCK_ELEMENTS}>\s*(?=<{BLOCK_ELEMENTS}\b)", re.I)


def html_elements(text: str) -> list[str]:
    """The block-level HTML elements written one after another on a line (`<h4>王一</h4><p>星河科技
    架构师</p>`), each a block of its own as on lines of their own; other text whole."""
    if "</" not in text:
        return [text] if text.strip() else []
    cuts = [m.end() for m in HTML_ELEMENT_END.finditer(text)]
    return [piece for piece in (text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])) if piece.strip()]


ATTRIBUTE_VALUE = r"(?:\"[^\"]*\"|'[^']*'|\{\"[^\"]*\"\})"  # "…", '…', or JSX's {"…"}
ATTRIBUTES = rf"(?:\s+[\w:-]+\s*=\s*{ATTRIBUTE_VALUE})+"
ATTRIBUTE_TAG = re.compile(rf"\{{\{{[<%]\s*(?P<shortcode>[\w-]+)(?P<shortcode_attrs>{ATTRIBUTES})\s*/?\s*[>%]\}}\}}"
                           rf"|<(?P<tag>[A-Za-z][\w.-]*)(?P<tag_attrs>{ATTRIBUTES})\s*/?>")
ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(?:\{?\"([^\"]*)\"\}?|'([^']*)')")
PERSON_KEYS = re.compile(r"(?:name|speaker|姓名|名字)", re.I)


def attribute_records(line: str, lineno: int) -> list[Block]:
    """A shortcode or component whose attributes describe a person (`{{< speaker name="王一"
    company="星河科技" >}}`, `<SpeakerCard name="王一" title="架构师" />`): a record block, as a
    front-matter record is (its text the tag's name, its header and cells the attributes)."""
    out = []
    for match in ATTRIBUTE_TAG.finditer(line) if "=" in line else ():
        attrs = ATTRIBUTE.findall(match.group("shortcode_attrs") or match.group("tag_attrs"))
        pairs = [(key, double or single) for key, double, single in attrs]
        if len(pairs) >= 2 and any(PERSON_KEYS.fullmatch(key) for key, _ in pairs):
            out.append(Block(lineno, "record", match.group("shortcode") or match.group("tag"), match.group(),
                             cells=tuple(collapse(value) for _, value in pairs), header=tuple(k for k, _ in pairs)))
    return out


HAN_SEPARATOR = re.compile(r"(?<=[\u4e00-\u9fff])_+|_+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])")


def alt_text_blocks(chunk: str, lineno: int, renderer: InlineRenderer) -> list[Block]:
    """An image's alt text or title (`![HAMi Maintainer 李孟轩 演讲](…)`) is a caption of its own;
    file names and placeholders (`image.png`, `图片`) are not."""
    out = []
    for match in ALT_TEXT.finditer(chunk):
        alt = next(g for g in match.groups() if g is not None) if any(match.groups()) else ""
        text, _ = renderer.render(alt)
        text = HAN_SEPARATOR.sub(" ", text)  # `冯一凡_云海数据_架构师`, `冯一凡-云海数据-架构师`: a file name's separators
        if len(text) >= 2 and not FILE_NAME.match(text):
            out.append(Block(lineno + chunk[:match.start()].count("\n"), "alt_text", text, match.group(),
                             emphasised=True, after_media=True))
    return out


def mark_before_media(blocks: list[Block]) -> list[Block]:
    """A short line right above a photo or video (`01-胡正策《开场致辞》`) is a caption candidate too."""
    out = list(blocks)
    for k in range(len(out) - 1):
        block, after = out[k], out[k + 1]
        if block.kind == "paragraph" and after.kind == "media" and after.line - block.line <= 2:
            out[k] = replace(block, before_media=True)
    return out


def first_text_line(chunk: str) -> int:
    """Offset of the first line of chunk with text besides media tags (`</video><center>…`)."""
    if "\n" not in chunk:
        return 0
    for offset, line in enumerate(chunk.split("\n")):
        if ANY_TAG.sub("", MEDIA.sub(" ", line)).strip():
            return offset
    return 0


ANY_TAG = re.compile(r"<[^>]*>")


def soft_wrap(line: str, following: str) -> str | None:
    """How a line goes on in the next, Markdown's soft line break, or None where it does not (a hard
    break, two spaces or a backslash, at its end; the next line a block of its own). Only where the
    line ends mid-phrase, as an editor's wrap leaves it: with a Latin word, the next going on with no
    space (`openEuler Compiler SIG` / `Maintainer李彦成给大家…`), joined by a line break read as a
    space; or a long Han line (40 characters or more: card lines, one short line each, stay apart)
    cut mid-phrase before more Han text, joined with nothing between."""
    if line.endswith(("  ", "\\")) or not following.strip() or BLOCK_START.match(following):
        return None
    end, start = line.rstrip()[-1:], following[:1]
    if not re.match(r"[A-Za-z0-9\u4e00-\u9fff]", start):
        return None
    if re.match(r"[A-Za-z0-9]", end):
        return "\n"
    if len(line.strip()) >= 40 and HAN.match(end):
        return "" if HAN.match(start) else "\n"
    return None


HAN = re.compile(r"[\u4e00-\u9fff]")
BLOCK_START = re.compile(r"\s*(?:#|[-*+•]\s|\d{1,3}[.、)）]\s|\||<|!\[|>|\{[{%]|```|~~~|\*\*|__|\d{1,2}[:：]\d{2}\b)")  # `10:50-11:30 …`: an agenda row


OPEN_TAG = re.compile(r"<[A-Za-z][\w.-]*(?:\s[^<>]*)?$")


def unclosed(chunk: str) -> bool:
    """An element opened in chunk whose closing tag has not come yet, or a tag whose `>` has not
    (`<SpeakerCard` with its attributes one a line)."""
    if OPEN_TAG.search(chunk):
        return True
    lowered = chunk.lower()
    for tag in ("video", "center", "font", "iframe", "audio"):
        if lowered.count(f"<{tag}") > lowered.count(f"</{tag}"):
            return True
    return False


def split_row(line: str) -> list[str]:
    cells = line.strip()
    if cells.startswith("|"):
        cells = cells[1:]
    if cells.endswith("|"):
        cells = cells[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", cells)]


def table_blocks(lines: list[str], i: int, j: int, renderer: InlineRenderer) -> list[Block]:
    rows = lines[i:j]
    header: tuple[str, ...] = ()
    out: list[Block] = []
    body_start = 0
    if len(rows) >= 2 and TABLE_SEPARATOR.match(rows[1]):
        header = tuple(renderer.render(c)[0] for c in split_row(rows[0]))
        body_start = 2
    for k in range(body_start, len(rows)):
        if TABLE_SEPARATOR.match(rows[k]):
            continue
        cells = tuple(renderer.render(c)[0] for c in split_row(rows[k]))
        out.append(Block(i + k + 1, "table_row", " ".join(c for c in cells if c), rows[k],
                         cells=cells, header=header))
    return out


def spanned_cells(tags, spanning: dict[int, list]) -> list[str]:
    """A row's cell texts with the cells of rows above that span into it (`rowspan="5"`) put
    back in their columns, so that every row reads by the header."""
    cells: list[str] = []
    tags = list(tags)
    while tags or len(cells) in spanning:
        column = len(cells)
        if column in spanning:
            text, left = spanning[column]
            cells.append(text)
            if left <= 1:
                del spanning[column]
            else:
                spanning[column][1] = left - 1
            continue
        tag = tags.pop(0)
        text = collapse(tag.get_text(" "))
        span = tag.get("rowspan", "1")
        if str(span).isdigit() and int(span) > 1:
            spanning[column] = [text, int(span) - 1]
        cells.append(text)
    return cells


CELL_BREAK = re.compile(LINE_BREAK.pattern + r"|</(?:p|div|section|h[1-6]|figcaption|li)>", re.I)
TABLE_ROW = re.compile(r"<tr\b", re.I)
CARD_MARK = re.compile(r"<img\b|<(?:b|strong|h[1-6])\b", re.I)
CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</t[dh]>|</tr>|</table>|$)", re.I | re.S)


def card_lines(inside: str, start: int, html: str, lineno: int) -> list[tuple[int, str]]:
    """A cell's inside (at offset start of html, whose first line is lineno) as (source line,
    source text) per line break (<br>, a paragraph's end)."""
    out, cut = [], 0
    for piece_end in [m.start() for m in CELL_BREAK.finditer(inside)] + [len(inside)]:
        piece = inside[cut:piece_end]
        offset = start + cut + len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((lineno + html.count("\n", 0, offset), " ".join(piece.split())))
        match = CELL_BREAK.match(inside, piece_end)
        cut = match.end() if match else piece_end
    return out


def layout_table_blocks(html: str, lineno: int, renderer: InlineRenderer) -> list[Block] | None:
    """A table used to lay out cards side by side, no data table: no header cells, and a cell
    of its first row holds several lines, one of them a photo or a bold line (`<td><img …><br><b>王一</b><br>
    星河科技 架构师<br>议题：…</td>`). Each cell is read as the body it stands for, a line a
    block at its source line, in reading order; None for any other table."""
    if re.search(r"<th\b", html, re.I):
        return None
    cells = [(m.start(1), m.group(1), card_lines(m.group(1), m.start(1), html, lineno)) for m in CELL.finditer(html)]
    rows = [m.start() for m in TABLE_ROW.finditer(html)] + [len(html)] * 2
    if not any(start < rows[1] and len(found) >= 2 and CARD_MARK.search(inside) for start, inside, found in cells):
        return None
    out: list[Block] = []
    for _, _, found in cells:
        if len({line for line, _ in found}) == 1 < len(found):  # a card written on one line: its text lines
            # as one block, set apart as <br> sets them (card_text), after its photo
            photos = [text for _, text in found if MEDIA.fullmatch(text)]
            found = [(found[0][0], text) for text in photos + ["<br>".join(t for _, t in found if t not in photos)]]
        spaced = [line for _, text in found for line in (text, "")]  # a <br> is a hard break
        out.extend(replace(block, line=found[(block.line - 1) // 2][0])
                   for block in split_blocks(spaced, 0, renderer))
    return out


def html_table_blocks(html: str, lineno: int, renderer: InlineRenderer) -> list[Block]:
    cards = layout_table_blocks(html, lineno, renderer)
    if cards is not None:
        return cards
    soup = BeautifulSoup(html, "html.parser")
    out: list[Block] = []
    header: tuple[str, ...] = ()
    row_starts = [m.start() for m in TABLE_ROW.finditer(html)]
    spanning: dict[int, list] = {}  # column -> [text, rows still to fill] of a cell with rowspan
    for k, row in enumerate(soup.find_all("tr")):
        cells = tuple(spanned_cells(row.find_all(["td", "th"]), spanning))
        if row.find("th") and not header:
            header = cells
            continue
        line = lineno + html[:row_starts[k]].count("\n") if k < len(row_starts) else lineno
        out.append(Block(line, "table_row", " ".join(c for c in cells if c), str(row),
                         cells=cells, header=header))
    return out
