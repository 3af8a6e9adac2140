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


FIELDS: dict[str, Field] = {
    "post_id": Field(pa.string(), "Stable id of a post file: hash of its source_path."),
    "event_id": Field(pa.string(), "Stable id of the event a post reports; copies of one report "
                                   "(the same event in two site formats) share it."),
    "person_id": Field(pa.string(), "Stable id of a distinct person: hash of the normalised name."),
    "org_id": Field(pa.string(), "Stable id of a distinct organisation: hash of the normalised name "
                                 "(empty where no organisation is given)."),
    "source_path": Field(pa.string(), "The post's path relative to the input folder, with `/`."),
    "title": Field(pa.string(), "Job title or position as written, department included "
                                "(`计算机学院副教授`); `\"\"` where none is given."),
    "post_title": Field(pa.string(), "The post's title from its front matter."),
    "date": Field(pa.date32(), "Date of the post from front matter `date` (else `time`), ISO."),
    "location": Field(pa.string(), "Front matter `location`."),
    "label": Field(pa.string(), "Front matter `label` (线上/线下 …)."),
    "tags": Field(pa.string(), "Front matter `tags`/`tag`, joined with `; `."),
    "author": Field(pa.string(), "Front matter `author`/`authors`."),
    "category": Field(pa.string(), "Front matter `category`."),
    "summary": Field(pa.string(), "Front matter `summary`/`description`."),
    "front_matter": Field(pa.string(), "Front matter format: toml, yaml or none."),
    "name": Field(pa.string(), "Person's name as written (Chinese without spaces), NFKC for Latin "
                               "letters and digits."),
    "org": Field(pa.string(), "Organisation as written, without the department; `\"\"` where none."),
    "source_kind": Field(pa.string(), "Where the person was named: caption, table, member_list, "
                                      "heading or prose."),
    "line": Field(pa.int32(), "1-based line of the source file where the mention starts."),
    "group_name": Field(pa.string(), "The user group / SIG / committee a member list names."),
    "role": Field(pa.string(), "Member role as written (Organizer, Member, 组长 …); `\"\"` if none."),
    "talk_title": Field(pa.string(), "Talk or speech title without marks or numbering."),
    "rule": Field(pa.string(), "The extraction rule that produced the row."),
    "confidence": Field(pa.float64(), "Confidence of the extraction, 0-1."),
    "raw": Field(pa.string(), "The source text the row was read from (provenance)."),
    "repeats": Field(pa.int32(), "How many times the source repeats this line (1 = once)."),
    "stage": Field(pa.string(), "Pipeline stage that rejected the input: read, parse, extract."),
    "error": Field(pa.string(), "Error kind (encoding, front_matter_toml, bad_date …)."),
    "message": Field(pa.string(), "What is wrong and where."),
    "file_rejected": Field(pa.bool_(), "True when the whole file was rejected (it has no posts row)."),
    "people_count": Field(pa.int32(), "Number of distinct people."),
    "post_count": Field(pa.int32(), "Number of posts."),
    "event_count": Field(pa.int32(), "Number of distinct events."),
}


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]
    columns: tuple[str, ...]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c, FIELDS[c].type) for c in self.columns])


TABLES: tuple[Table, ...] = (
    Table("posts", "one row per input post that was read", ("post_id",),
          ("post_id", "event_id", "source_path", "title", "date", "location", "label", "tags",
           "author", "category", "summary", "front_matter")),
    Table("people", "one row per distinct person over the whole run", ("person_id",),
          ("person_id", "name", "post_count", "event_count")),
    Table("appearances", "one row per person named in a post", ("post_id", "person_id"),
          ("post_id", "event_id", "source_path", "person_id", "name", "source_kind", "line",
           "rule", "confidence", "raw")),
    Table("affiliations", "one row per (person, organisation, title) stated in a post",
          ("post_id", "person_id", "org", "title"),
          ("post_id", "event_id", "source_path", "person_id", "name", "org_id", "org", "title",
           "source_kind", "line")),
    Table("memberships", "one row per member line of a group list, after de-duplication",
          ("post_id", "group_name", "role", "person_id", "org"),
          ("post_id", "event_id", "source_path", "group_name", "role", "person_id", "name",
           "org_id", "org", "title", "line", "repeats", "raw")),
    Table("talks", "one row per talk or speech tied to a person in a post",
          ("post_id", "person_id", "talk_title"),
          ("post_id", "event_id", "source_path", "person_id", "name", "talk_title", "line")),
    Table("organisations", "one row per distinct organisation", ("org_id",),
          ("org_id", "name", "people_count", "post_count")),
    Table("review", "one row per low-confidence extraction, for a person to check",
          ("post_id", "person_id", "line"),
          ("post_id", "source_path", "person_id", "name", "source_kind", "rule", "confidence",
           "line", "raw")),
    Table("rejects", "one row per input, or part of one, that could not be used",
          ("source_path", "stage", "error", "line"),
          ("source_path", "stage", "error", "message", "line", "file_rejected")),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}
# posts.title is the post's own title; the column dictionary has one meaning per name.
COLUMN_DESCRIPTION_OVERRIDES = {("posts", "title"): FIELDS["post_title"].description}


def description(table: str, column: str) -> str:
    return COLUMN_DESCRIPTION_OVERRIDES.get((table, column), FIELDS[column].description)


def schema_json() -> str:
    """Machine-readable schema, written as `_schema.json` with each run."""
    doc = {"schema_version": SCHEMA_VERSION, "tables": [
        {"name": t.name, "grain": t.grain, "primary_key": list(t.key),
         "columns": [{"name": c, "type": str(FIELDS[c].type), "description": description(t.name, c)}
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
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c}` | {FIELDS[c].type} | {description(t.name, c)} |" for c in t.columns]
        lines.append("")
    return "\n".join(lines)
