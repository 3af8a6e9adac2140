"""The one schema definition: every column's Arrow type and meaning, and every table's grain,
key and columns. It generates the Arrow schemas of the export stage, `_schema.json` and
`docs/data-dictionary.md`."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Field:
    type: pa.DataType
    description: str
    example: str
    derived: str
    nullable: bool = False  # a text column that holds null for "unknown" (an empty CSV cell reads back as null)


FIELDS: dict[str, Field] = {
    "post_id": Field(pa.string(), "Stable id of a post file.", "3f9a0c2e5b7d1a44",
                     "first 16 hex digits of sha1(`post:` + source_path)"),
    "event_id": Field(pa.string(), "Stable id of the event a post reports; copies of one report "
                                   "(the same event in two site formats) share it.", "9be1c0f2a7d45e13",
                      "posts clustered when their texts are near-identical (character 4-gram Jaccard ≥ 0.5) "
                      "or have the same title and date, with dates at most 3 days apart; id of the "
                      "cluster's first source_path"),
    "person_id": Field(pa.string(), "Stable id of a distinct person: namesakes get different ids.",
                       "c41d9e0b2f6a8173",
                       "resolve stage: mentions of one name joined on evidence (same event, shared organisation, "
                       "same group); hash of the name (plus the first post for a second namesake)"),
    "org_id": Field(pa.string(), "Stable id of a distinct organisation (all its spellings); null where no "
                                 "organisation is given or the spelling names none.",
                    "5e7a2b9c0d1f3e46", "resolve stage: hash of the cluster's shortest spelling key", nullable=True),
    "group_id": Field(pa.string(), "Stable id of a distinct user group, SIG or committee; null where the list "
                                   "names no group.", "0d4e6b1a9c3f2e57",
                      "resolve stage: hash of the group key (NFKC, no spaces, lower-case, 兴趣小组 = SIG)", nullable=True),
    "alias": Field(pa.string(), "A spelling of the organisation as written in posts.", "华为技术有限公司",
                   "affiliations and member lines"),
    "joined_by": Field(pa.string(), "How this spelling was joined to its organisation.", "legal or community ending",
                       "canonical, case and spacing, legal or community ending, short name of a registered name, "
                       "short name declared in a post, near-identical spelling, override"),
    "rows": Field(pa.int32(), "Rows (affiliations and member lines) that write the organisation this way.", "14",
                  "over the whole run"),
    "community": Field(pa.string(), "The community a group belongs to; null when its name gives none.",
                       "openGauss", "the Latin project name that opens the group name", nullable=True),
    "spellings": Field(pa.int32(), "Number of spellings of the group name joined into this row.", "2",
                       "over the whole run"),
    "evidence": Field(pa.string(), "What joined this person's mentions into one id.", "same event; same org",
                      "resolve stage: one post, same event, same org, same group, name only (thin), and whether "
                      "other people share the name"),
    "id_confidence": Field(pa.float64(), "How sure the resolution of this person is, 0-1.", "0.95",
                           "1 for one post, 0.95 joined by organisation or group, 0.9 by event copies, 0.6 by name only"),
    "kind": Field(pa.string(), "Kind of correction in the overrides file.", "org_alias",
                  "merge_people, split_person, org_alias, not_org, split_org"),
    "target": Field(pa.string(), "What the correction names.", "华为公司 -> 华为", "the overrides file"),
    "status": Field(pa.string(), "Whether this run applied the correction.", "applied",
                    "applied, or stale when it names nothing in this run (also a rejects row)"),
    "source_path": Field(pa.string(), "The post's path relative to the input folder, with `/`.",
                         "opengauss-website/content/zh/events/2022-08-26/meetup.md", "read stage"),
    "title": Field(pa.string(), "Job title or position as written, department included; `\"\"` where none.",
                   "计算机学院副教授", "the part of an affiliation text after the organisation"),
    "post_title": Field(pa.string(), "The post's title.", "【广州】openGauss Meetup", "front matter `title`"),
    "date": Field(pa.date32(), "Date of the post (the first of the month or year when only those are "
                               "known: see `date_precision`); null when neither the post nor its path gives one.",
                  "2022-08-26",
                  "front matter `date`/`time`/`start` (2022-08-26, 2022/08/26, 2021.05.15, 2022.07, datetimes), "
                  "else a date in the file or folder name (`2022-08-26/meetup.md`, `20220718.md`, `2021-10/`)"),
    "date_precision": Field(pa.string(), "How much of `date` the post gives: day, month or year; null without a date.",
                            "month", "the form of the date found", nullable=True),
    "city": Field(pa.string(), "The city of the event, normalised; null when online or unknown.", "上海",
                  "the first place of pipeline/lexicons/places.txt in `location` (`中国上海` -> 上海)", nullable=True),
    "online": Field(pa.bool_(), "True when the event was online, false when it had a place; null when unknown.",
                    "false", "`location` says 线上/在线/online/直播, or names a city"),
    "location": Field(pa.string(), "Where the event took place, as written; null when the post does not say.", "成都",
                      "front matter `location`/`address`/`city`, else a `活动地点：`/`地点：` line of the body",
                      nullable=True),
    "label": Field(pa.string(), "Online or on-site label.", "线下", "front matter `label`"),
    "tags": Field(pa.string(), "Tags joined with `; `.", "会议; meetup", "front matter `tags` or `tag`"),
    "author": Field(pa.string(), "Author(s) of the post.", "openGauss", "front matter `author`/`authors`"),
    "category": Field(pa.string(), "Site category.", "events", "front matter `category`"),
    "summary": Field(pa.string(), "Summary of the post.", "openGauss携手合作伙伴海量数据，约你广州见",
                     "front matter `summary`/`description`"),
    "front_matter": Field(pa.string(), "Front matter format.", "toml", "`+++` is toml, `---` is yaml, `{` is json, else none"),
    "name": Field(pa.string(), "Person's name as written (Chinese without spaces).", "鲜亿福",
                  "captions, tables, member lists, headings and prose; NFKC for Latin letters and digits"),
    "org": Field(pa.string(), "Organisation as written, without the department; `\"\"` where none.", "云和恩墨",
                 "the longest organisation learned from the run's posts, else the text up to an organisation "
                 "ending (大学, 公司 …), else a leading Latin name, else jieba's words before the title"),
    "source_kind": Field(pa.string(), "Where the person was named.", "caption",
                         "one of caption, table, member_list, heading, prose"),
    "line": Field(pa.int32(), "1-based line of the source file where the mention starts.", "26", "parse stage"),
    "group_name": Field(pa.string(), "The user group / SIG / committee a member list names.",
                        "openGauss成都用户组", "the heading above the list (`…首批成员分别是：`)"),
    "role": Field(pa.string(), "Member role as written; `\"\"` if none.", "Organizer",
                  "the role word opening a member line (pipeline/lexicons/member_roles.txt)"),
    "talk_title": Field(pa.string(), "Talk or speech title without marks or numbering.",
                        "金融机构核心交易系统数据库选型和应用实践",
                        "《…》, “…” next to a talk word, or after 主题：/题目：/议题：, tied to the caption's person"),
    "rule": Field(pa.string(), "The extraction rule that produced the row.", "caption:affiliated",
                  "`<source_kind>:<rule>`"),
    "confidence": Field(pa.float64(), "Confidence of the extraction, 0-1.", "0.95",
                        "set per rule and evidence: captions with an affiliation 0.95, guest lists 0.85, "
                        "prose 0.6 plus 0.15 for a known or suffixed organisation and 0.1 for a talk word; "
                        "below 0.75 the row is also in `review`"),
    "raw": Field(pa.string(), "The source text the row was read from (provenance).",
                 "云和恩墨西区业务部总经理 鲜亿福", "the block's text before normalisation"),
    "repeats": Field(pa.int32(), "How many times the source gives this member line.", "2",
                     "identical lines of one list counted, one row kept"),
    "stage": Field(pa.string(), "Stage that rejected the input.", "parse", "read, parse or extract"),
    "error": Field(pa.string(), "Error kind.", "front_matter_toml",
                   "encoding, binary, too_large, unreadable, symlink_loop, front_matter_*, bad_date, "
                   "decoded_as_gb18030, parser_error, extractor_error"),
    "message": Field(pa.string(), "What is wrong and where.",
                     "malformed TOML front matter (lines 1-12): …", "the stage's own message"),
    "file_rejected": Field(pa.bool_(), "True when the whole file was rejected (it has no posts row).", "true",
                           "false for a problem with part of a post that is kept"),
    "people_count": Field(pa.int32(), "Number of distinct people.", "12", "over the whole run"),
    "post_count": Field(pa.int32(), "Number of posts.", "3", "over the whole run"),
    "event_count": Field(pa.int32(), "Number of distinct events.", "2", "distinct event_id over the whole run"),
}


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]
    columns: tuple[str, ...]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c, field_of(self.name, c).type) for c in self.columns])


TABLES: tuple[Table, ...] = (
    Table("posts", "one row per input post that was read", ("post_id",),
          ("post_id", "event_id", "source_path", "title", "date", "date_precision", "location", "city", "online",
           "label", "tags", "author", "category", "summary", "front_matter")),
    Table("people", "one row per distinct person over the whole run", ("person_id",),
          ("person_id", "name", "post_count", "event_count", "evidence", "id_confidence")),
    Table("appearances", "one row per person named in a post", ("post_id", "person_id"),
          ("post_id", "event_id", "source_path", "person_id", "name", "source_kind", "line",
           "rule", "confidence", "raw")),
    Table("affiliations", "one row per (person, organisation, title) stated in a post",
          ("post_id", "person_id", "org", "title"),
          ("post_id", "event_id", "source_path", "person_id", "name", "org_id", "org", "title",
           "source_kind", "line")),
    Table("memberships", "one row per member line of a group list, after de-duplication",
          ("post_id", "group_name", "role", "person_id", "org"),
          ("post_id", "event_id", "source_path", "group_id", "group_name", "role", "person_id", "name",
           "org_id", "org", "title", "line", "repeats", "raw")),
    Table("talks", "one row per talk or speech tied to a person in a post",
          ("post_id", "person_id", "talk_title"),
          ("post_id", "event_id", "source_path", "person_id", "name", "talk_title", "line")),
    Table("organisations", "one row per distinct organisation (all its spellings resolved to one row)", ("org_id",),
          ("org_id", "name", "people_count", "post_count")),
    Table("organisation_aliases", "one row per spelling of an organisation as written in posts", ("alias",),
          ("org_id", "alias", "joined_by", "rows")),
    Table("groups", "one row per distinct user group, SIG or committee", ("group_id",),
          ("group_id", "name", "community", "city", "spellings")),
    Table("overrides", "one row per correction of the overrides file, as this run applied it", ("kind", "target"),
          ("kind", "target", "status", "message")),
    Table("review", "one row per low-confidence extraction, for a person to check",
          ("post_id", "person_id", "line"),
          ("post_id", "source_path", "person_id", "name", "source_kind", "rule", "confidence",
           "line", "raw")),
    Table("rejects", "one row per input, or part of one, that could not be used",
          ("source_path", "stage", "error", "line"),
          ("source_path", "stage", "error", "message", "line", "file_rejected")),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}
# Columns whose name means something else in one table than in the others.
TABLE_FIELDS: dict[tuple[str, str], Field] = {
    ("posts", "title"): FIELDS["post_title"],
    ("organisations", "name"): Field(pa.string(), "The organisation's canonical name: its most written spelling.",
                                     "华为", "resolve stage: the alias with most rows, then the shortest"),
    ("groups", "city"): Field(pa.string(), "The city a group belongs to; null when its name names none.", "成都",
                              "a place of pipeline/lexicons/places.txt in the group name", nullable=True),
    ("groups", "name"): Field(pa.string(), "The group's canonical name: its most written spelling.",
                              "openGauss成都用户组", "member-list headings"),
    ("overrides", "message"): Field(pa.string(), "Why a correction was not applied; \"\" when it was.",
                                    "unknown person_id 0123abcd", "resolve stage"),
    ("organisations", "people_count"): Field(pa.int32(), "Number of distinct people with this organisation.",
                                             "12", "affiliations and member lines, over the whole run"),
    ("organisations", "post_count"): Field(pa.int32(), "Number of posts that name this organisation.", "3",
                                           "over the whole run"),
    ("people", "post_count"): Field(pa.int32(), "Number of posts that name this person.", "3", "over the whole run"),
    ("rejects", "line"): Field(pa.int32(), "Line of the file where the problem starts; null when it concerns "
                                           "the whole file (its encoding, its size) or no file (an override).",
                               "1", "the stage that found the problem"),
    ("rejects", "source_path"): Field(pa.string(), "The file (or folder) the problem is in, relative to the input "
                                                   "folder; `(overrides)` for the overrides file.",
                                      "events/2021-10/meetup.md", "read stage"),
}


def field_of(table: str, column: str) -> Field:
    return TABLE_FIELDS.get((table, column), FIELDS[column])


def description(table: str, column: str) -> str:
    return field_of(table, column).description


def example(table: str, column: str) -> str:
    return f"`{field_of(table, column).example}`"


def derived(table: str, column: str) -> str:
    return field_of(table, column).derived


def schema_json() -> str:
    """Machine-readable schema, written as `_schema.json` with each run."""
    doc = {"schema_version": SCHEMA_VERSION, "tables": [
        {"name": t.name, "grain": t.grain, "primary_key": list(t.key),
         "columns": [{"name": c, "type": str(field_of(t.name, c).type), "description": description(t.name, c),
                      "example": field_of(t.name, c).example, "derived": derived(t.name, c)}
                     for c in t.columns]} for t in TABLES]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def data_dictionary() -> str:
    """`docs/data-dictionary.md`, generated from the definitions above."""
    lines = ["# Data dictionary", "",
             f"Generated from `pipeline/schema.py` (schema version {SCHEMA_VERSION}) by "
             "`python -m pipeline docs`; do not edit by hand.", "",
             "Every table is written as `<table>.csv` (UTF-8, header row) and `<table>.parquet` "
             "with the same rows in a stable order. CSV cells that begin with `=`, `+`, `-`, `@`, "
             "a tab or a carriage return are written with a leading `'` so that spreadsheet "
             "programs do not run them as formulas; Parquet keeps the raw value.", ""]
    for t in TABLES:
        lines += [f"## `{t.name}`", "", f"Grain: {t.grain}. Primary key: "
                  f"{', '.join(f'`{k}`' for k in t.key)}.", "",
                  "| column | type | meaning | example | derived from |", "|---|---|---|---|---|"]
        lines += [f"| `{c}` | {field_of(t.name, c).type} | {description(t.name, c)} | {example(t.name, c)} | "
                  f"{derived(t.name, c)} |" for c in t.columns]
        lines.append("")
    return "\n".join(lines)
