"""`python -m pipeline report --input data/out`: a self-contained `report.html` (no network):
a timeline of events, top speakers, top organisations, a people–organisation network, a
data-quality panel and sortable tables. The page carries its data as JSON and draws the charts
as SVG with a small inline script; when every chart has drawn, `<body data-charts-drawn>` says
how many, and `<body data-errors>` collects any script error (the browser test reads both)."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from pipeline.load import load_tables

TOP = 15


def report_data(folder: Path) -> dict:
    t = load_tables(folder)
    posts, appearances, affiliations = t["posts"], t["appearances"], t["affiliations"]
    organisations = t["organisations"].set_index("org_id")["name"]
    events = posts.drop_duplicates("event_id")
    months = pd.to_datetime(events["date"].astype("string")).dt.strftime("%Y-%m").dropna()
    timeline = months.value_counts().sort_index()

    speakers = appearances[appearances["source_kind"] != "member_list"]
    speaker_rows = (speakers.groupby(["person_id", "name"])
                    .agg(events=("event_id", "nunique"), posts=("post_id", "nunique")).reset_index()
                    .sort_values(["events", "posts", "name"], ascending=[False, False, True]))
    linked = affiliations[affiliations["org_id"].notna()]
    org_rows = (linked.groupby("org_id").agg(people=("person_id", "nunique"), events=("event_id", "nunique"))
                .reset_index())
    org_rows["name"] = org_rows["org_id"].map(organisations)
    org_rows = org_rows.sort_values(["people", "events", "name"], ascending=[False, False, True])
    orgs_of = linked.groupby("person_id")["org_id"].agg(lambda s: sorted(set(s)))
    speaker_rows["organisations"] = speaker_rows["person_id"].map(
        lambda p: "、".join(organisations[o] for o in orgs_of.get(p, []))[:80])

    top_people = speaker_rows.head(TOP)
    links = (linked[linked["person_id"].isin(top_people["person_id"])]
             .groupby(["person_id", "org_id"])["post_id"].nunique().reset_index())
    names = dict(zip(speaker_rows["person_id"], speaker_rows["name"]))
    network = {"people": [names[p] for p in top_people["person_id"]],
               "orgs": sorted({organisations[o] for o in links["org_id"]}),
               "links": [[names[r.person_id], organisations[r.org_id], int(r.post_id)]
                         for r in links.itertuples()]}

    rejects = t["rejects"]
    quality = {
        "files": int(len(posts) + rejects["file_rejected"].sum()),
        "files_rejected": int(rejects["file_rejected"].sum()),
        "part_rejects": int((~rejects["file_rejected"]).sum()),
        "low_confidence": int(len(t["review"])),
        "member_lines_repeated": int((t["memberships"]["repeats"] - 1).sum()),
        "report_copies": int(len(posts) - posts["event_id"].nunique()),
        "rejects_by_error": rejects.groupby("error").size().sort_values(ascending=False).to_dict(),
        "review_by_rule": t["review"].groupby("rule").size().sort_values(ascending=False).to_dict(),
    }
    return {
        "counts": {"posts": int(len(posts)), "events": int(posts["event_id"].nunique()),
                   "people": int(len(t["people"])), "organisations": int(len(t["organisations"])),
                   "talks": int(len(t["talks"])), "memberships": int(len(t["memberships"]))},
        "timeline": [[month, int(n)] for month, n in timeline.items()],
        "top_speakers": [[r.name, int(r.events)] for r in top_people.itertuples()],
        "top_organisations": [[r.name, int(r.people)] for r in org_rows.head(TOP).itertuples()],
        "network": network,
        "quality": quality,
        "tables": {
            "speakers": {"columns": ["name", "events", "posts", "organisations"],
                         "rows": [[r.name, int(r.events), int(r.posts), r.organisations]
                                  for r in speaker_rows.head(200).itertuples()]},
            "organisations": {"columns": ["organisation", "people", "events"],
                              "rows": [[r.name, int(r.people), int(r.events)]
                                       for r in org_rows.head(200).itertuples()]},
            "rejects": {"columns": ["source_path", "stage", "error", "message"],
                        "rows": [[r.source_path, r.stage, r.error, r.message]
                                 for r in rejects.head(200).itertuples()]},
        },
    }


def inert_json(data) -> str:
    """JSON that stays data inside a <script> whatever the strings hold (`<!--<script>`,
    `</script>`, U+2028): every <, >, & and line separator is a \\u escape."""
    text = json.dumps(data, ensure_ascii=False)
    for ch, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                       ("\u2029", "\\u2029")):
        text = text.replace(ch, escape)
    return text


def render(data: dict) -> str:
    payload = inert_json(data)
    template = (Path(__file__).parent / "report_template.html").read_text(encoding="utf-8")
    return template.replace("/*DATA*/null", payload).replace("{{title}}", html.escape("Community events report"))


def write_report(folder: Path, output: Path) -> Path:
    output.write_text(render(report_data(folder)), encoding="utf-8")
    return output
