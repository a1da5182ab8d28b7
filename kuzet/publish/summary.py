"""The readable summary `kuzet extract` prints: events by date, people with roles, articles."""

from __future__ import annotations

from collections import defaultdict


def render_summary(record: dict) -> str:
    """Render one extraction record as plain text for a monitor to skim.

    record (dict): a kuzet.extraction/1 record.
    RETURNS (str): the summary, ending with a newline.
    """
    src = record["source"]
    names = {p["id"]: p["name"] for p in record["persons"]}
    names.update({o["id"]: o["name"] for o in record["organizations"]})
    places = {p["id"]: p["name"] for p in record["places"]}
    laws = {a["id"]: a for a in record["law_articles"]}
    roles: dict[str, set[str]] = defaultdict(set)
    lines = [f"== {src.get('path') or '<stdin>'} ({src['language']}, {src.get('date') or 'undated'})"]
    if src.get("title"):
        lines.append(src["title"])
    by_date: dict[str, list[dict]] = defaultdict(list)
    for e in record["events"]:
        by_date[e["date"] or "date not stated"].append(e)
        for pid in e["victims"]:
            roles[pid].add("victim")
        for pid in e["officials"]:
            roles[pid].add("official")
        for pid in e["perpetrators"]:
            roles[pid].add("perpetrator")
    lines.append("")
    lines.append(f"Events ({len(record['events'])}):")
    for day in sorted(by_date, key=lambda d: (d == "date not stated", d)):
        lines.append(f"  {day}")
        for e in by_date[day]:
            who = ", ".join(names[v] for v in e["victims"])
            extra = []
            if e["time"]:
                extra.append(e["time"])
            if e["status"] != "happened":
                extra.append(e["status"])
            if e["place"]:
                extra.append(places[e["place"]])
            arts = [_article(laws[a]) for a in e["law_articles"]]
            if arts:
                extra.append("; ".join(arts))
            if e["perpetrators"]:
                extra.append("by " + ", ".join(names[x] for x in e["perpetrators"]))
            if e["officials"]:
                extra.append("officials: " + ", ".join(names[x] for x in e["officials"]))
            if e["outcome"]:
                extra.append(f"outcome: {e['outcome']}")
            lines.append(f"    - {e['kind']}: {who}" + (f" ({'; '.join(extra)})" if extra else ""))
    lines.append("")
    lines.append(f"People ({len(record['persons'])}):")
    for p in record["persons"]:
        desc = ", ".join(p["descriptors"])
        role = "/".join(sorted(roles.get(p["id"], {"mentioned"})))
        spellings = sorted({m["text"] for m in p["mentions"]} - {p["name"]})
        line = f"  - {p['name']} [{role}]" + (f", {desc}" if desc else "")
        if spellings:
            line += f" (also: {'; '.join(spellings)})"
        lines.append(line)
    if record["organizations"]:
        lines.append("")
        lines.append("Organizations: " + "; ".join(f"{o['name']} ({o['kind']})" for o in record["organizations"]))
    if record["places"]:
        lines.append("Places: " + "; ".join(p["name"] for p in record["places"]))
    if record["law_articles"]:
        lines.append("")
        lines.append("Articles:")
        for a in record["law_articles"]:
            lines.append(f"  - {_article(a)}" + (f": {a['title']}" if a["title"] else ""))
    return "\n".join(lines) + "\n"


def _article(a: dict) -> str:
    code = {"criminal": "CC", "administrative": "CAO"}.get(a["code"], a["code"])
    return f"{code} art. {a['article']}" + (f" part {a['part']}" if a["part"] else "")
