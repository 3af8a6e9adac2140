"""`python -m pipeline report --input data/out`: a self-contained `report.html` (no network):
events per month (every month on a date axis), per year and community, per city, top speakers
and organisations (canonical, names in full), speakers linked to their organisations, a
data-quality panel and sortable, filterable tables that say when they hold only part of the
rows. Charts are drawn by Plotly, whose JavaScript is inlined from the `plotly` package; the page
names a CJK font first. `<body data-charts-drawn>` counts the charts drawn, `<body data-errors>`
collects script errors and `<body data-cjk>` says whether Chinese renders as glyphs (the
browser test reads all three)."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from pipeline.load import load_tables

TOP = 15


TABLE_ROWS = 2000  # rows a table of the page holds; it says when there are more


def report_data(folder: Path) -> dict:
    t = load_tables(folder)
    posts, appearances, affiliations = t["posts"], t["appearances"], t["affiliations"]
    organisations = t["organisations"].set_index("org_id")["name"]
    events = posts.drop_duplicates("event_id")
    dated = events.dropna(subset=["date"])
    months = pd.period_range(dated["date"].min(), dated["date"].max(), freq="M") if len(dated) else []
    per_month = dated["date"].dt.to_period("M").value_counts()
    timeline = [[str(m), int(per_month.get(m, 0))] for m in months]
    community = events["source_path"].map(site_of)
    years = dated.assign(year=dated["date"].dt.year.astype(str), community=community)
    by_year = years.groupby(["community", "year"]).size()
    year_list = sorted(years["year"].unique())
    communities = sorted(years["community"].unique())
    cities = events.dropna(subset=["city"]).groupby("city").size().sort_values(ascending=False)

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
        lambda p: "、".join(organisations[o] for o in orgs_of.get(p, [])))

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
        "spellings_joined": int(len(t["organisation_aliases"]) - len(t["organisations"])),
        "thin_identities": int((t["people"]["id_confidence"] < 0.75).sum()),
        "rejects_by_error": rejects.groupby("error").size().sort_values(ascending=False).to_dict(),
        "review_by_rule": t["review"].groupby("rule").size().sort_values(ascending=False).to_dict(),
    }
    return {
        "note": f"{len(posts)} posts of {posts['source_path'].map(site_of).nunique()} sites; people and "
                "organisations are resolved across posts (one id per human and per body).",
        "counts": {"posts": int(len(posts)), "events": int(posts["event_id"].nunique()),
                   "people": int(len(t["people"])), "organisations": int(len(t["organisations"])),
                   "talks": int(len(t["talks"])), "memberships": int(len(t["memberships"]))},
        "timeline": timeline,
        "years": {"years": year_list, "communities": communities,
                  "counts": {c: [int(by_year.get((c, y), 0)) for y in year_list] for c in communities}},
        "cities": [[c, int(n)] for c, n in cities.head(TOP).items()],
        "top_speakers": [[r.name, int(r.events)] for r in top_people.itertuples()],
        "top_organisations": [[r.name, int(r.people)] for r in org_rows.head(TOP).itertuples()],
        "network": network,
        "quality": quality,
        "tables": {
            "speakers": table_spec(["name", "events", "posts", "organisations"],
                                   [[r.name, int(r.events), int(r.posts), r.organisations]
                                    for r in speaker_rows.itertuples()]),
            "organisations": table_spec(["organisation", "people", "events"],
                                        [[r.name, int(r.people), int(r.events)] for r in org_rows.itertuples()]),
            "rejects": table_spec(["source_path", "stage", "error", "line", "message"],
                                  [[r.source_path, r.stage, r.error, "" if pd.isna(r.line) else int(r.line), r.message]
                                   for r in rejects.itertuples()]),
        },
    }


def site_of(source_path: str) -> str:
    """The site (community) a post comes from: the first folder of its path."""
    return source_path.split("/", 1)[0] if "/" in source_path else "(top folder)"


def table_spec(columns: list[str], rows: list[list]) -> dict:
    """A table of the page: its first TABLE_ROWS rows and how many there are in all."""
    return {"columns": columns, "rows": rows[:TABLE_ROWS], "total": len(rows)}


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
    from plotly.offline import get_plotlyjs

    plotly_js = get_plotlyjs().replace("</script", "<\\/script")
    return (template.replace("/*DATA*/null", payload).replace("{{title}}", html.escape("Community events report"))
            .replace("/*PLOTLY*/", plotly_js))


def write_report(folder: Path, output: Path) -> Path:
    output.write_text(render(report_data(folder)), encoding="utf-8")
    return output
