"""Statistics over the case database, every figure with the ids of the events it counts.

Four views monitoring groups publish: events counted by any of kind, month, region, place
and article (and their combinations); people currently prosecuted, convicted or under a
measure of restraint (from their cases); refused assemblies month by month with running
totals and the places they were refused in; and officials and judges with the acts and
cases they took part in and the outcomes. Only verified events unless asked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from kuzet.publish.listing import article_label
from kuzet.resolve.identity import root_id
from kuzet.store.models import Case, Event, EventArticle, Involvement, LawArticle, Person, Place
from kuzet.store.queries import Levels

DIMENSIONS = ("kind", "month", "region", "place", "article")
PROSECUTED = ("under investigation", "under a measure of restraint", "on trial", "trial scheduled")
CONVICTED = ("sentenced", "administrative arrest", "fined")
_ACQUIT = re.compile(r"acquit|оправда", re.I)


def _decision(e: Row) -> str | None:
    """What an act decided, for an official's tally: acquitted, sentenced, fined, arrested, refused."""
    if e.kind == "verdict":
        return "acquitted" if _ACQUIT.search(f"{e.summary} {e.outcome or ''}") else "sentenced"
    return {"fine": "fined", "administrative_arrest": "arrested", "assembly_restriction": "refused"}.get(e.kind)


def statistics(session: Session, start: date, end: date, *, by: tuple[str, ...] = ("kind", "month"),
               levels: Levels = None, include_unverified: bool = False) -> dict:
    """The statistics for events dated from `start` to `end`.

    by (tuple[str, ...]): dimensions of the main table, from DIMENSIONS.
    RETURNS (dict): {from, to, by, total, table, people, refusals, officials}; rows carry `event_ids`.
    """
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"cannot count by {', '.join(unknown)} (choose from {', '.join(DIMENSIONS)})")
    # Plain rows, not ORM objects: a year of events is thousands of them, and building objects was half the time.
    q = select(Event.id, Event.kind, Event.date, Event.case_id, Event.summary, Event.outcome,
               Place.name.label("place"), Place.region).outerjoin(Place, Place.id == Event.place_id) \
        .where(Event.date >= start, Event.date <= end)
    if levels is not None:
        q = q.where(Event.confidentiality.in_(levels))
    if not include_unverified:
        q = q.where(Event.verified_by.is_not(None))
    rows = session.execute(q.order_by(Event.date, Event.id)).all()
    ids = [r.id for r in rows]
    articles: dict[int, list[str]] = defaultdict(list)
    for chunk in range(0, len(ids), 5000):
        for ev_id, code, art, part in session.execute(
                select(EventArticle.event_id, LawArticle.code, LawArticle.article, LawArticle.part)
                .join(LawArticle, LawArticle.id == EventArticle.article_id)
                .where(EventArticle.event_id.in_(ids[chunk:chunk + 5000]))):
            label = article_label({"code": code, "article": art, "part": part})
            if label not in articles[ev_id]:
                articles[ev_id].append(label)

    def values(ev: Row, dim: str) -> list[str | None]:
        return {"kind": [ev.kind], "month": [ev.date.strftime("%Y-%m")], "region": [ev.region],
                "place": [ev.place], "article": articles.get(ev.id) or [None]}[dim]

    table: dict[tuple, list[int]] = defaultdict(list)
    for ev in rows:
        keys: list[tuple] = [()]
        for dim in by:
            keys = [k + (v,) for k in keys for v in values(ev, dim)]
        for k in keys:
            table[k].append(ev.id)
    return {
        "from": start.isoformat(), "to": end.isoformat(), "by": list(by), "verified_only": not include_unverified,
        "total": len(rows), "event_ids": ids,
        "table": [dict(zip(by, k, strict=True), events=len(v), event_ids=v)
                  for k, v in sorted(table.items(), key=lambda kv: [(x is None, x or "") for x in kv[0]])],
        "refusals": _refusals([ev for ev in rows if ev.kind == "assembly_restriction"]),
        "people": _people(session, levels, {ev.case_id for ev in rows if ev.case_id}),
        "officials": _officials(session, rows, levels),
    }


def _refusals(rows: list[Row]) -> dict:
    months: dict[str, list[Row]] = defaultdict(list)
    places: dict[str, set[str]] = defaultdict(set)
    for ev in rows:
        months[ev.date.strftime("%Y-%m")].append(ev)
        if ev.place:
            places[ev.date.strftime("%Y-%m")].add(ev.place)
    running, seen, out = 0, set(), []
    for month in sorted(months):
        running += len(months[month])
        seen |= places[month]
        out.append({"month": month, "refusals": len(months[month]), "running_total": running,
                    "places": sorted(places[month]), "places_so_far": len(seen),
                    "event_ids": [e.id for e in months[month]]})
    return {"total": running, "places": len(seen), "by_month": out}


def _people(session: Session, levels: Levels, case_ids: set[int]) -> dict:
    """People whose cases the period's events belong to, by where their case stands now."""
    out: dict[str, list[dict]] = {"prosecuted": [], "convicted": [], "under_measure_of_restraint": []}
    if not case_ids:
        return out
    q = select(Case, Person.name).join(Person, Person.id == Case.person_id).where(Case.id.in_(case_ids))
    if levels is not None:
        q = q.where(Person.confidentiality.in_(levels))
    events: dict[int, list[int]] = defaultdict(list)
    for ev_id, case_id in session.execute(select(Event.id, Event.case_id).where(Event.case_id.in_(case_ids))):
        events[case_id].append(ev_id)
    for case, name in session.execute(q.order_by(Person.name)):
        row = {"person": case.person_id, "name": name, "case": case.id, "status": case.status,
               "articles": case.articles, "measure": case.measure, "event_ids": sorted(events[case.id])}
        if case.status in PROSECUTED:
            out["prosecuted"].append(row)
        if case.status in CONVICTED:
            out["convicted"].append(row)
        if case.measure and case.status in PROSECUTED:
            out["under_measure_of_restraint"].append(row)
    return out


def _officials(session: Session, events: list[Row], levels: Levels) -> list[dict]:
    """Officials and judges: the acts they took part in, the cases those belong to, and what the acts decided."""
    by_id = {e.id: e for e in events}
    tally: dict[int, dict] = {}
    names: dict[int, str] = {}
    ids = list(by_id)
    for chunk in range(0, len(ids), 5000):
        for ev_id, pid in session.execute(select(Involvement.event_id, Involvement.person_id).where(
                Involvement.role == "official", Involvement.person_id.is_not(None),
                Involvement.event_id.in_(ids[chunk:chunk + 5000]))):
            pid = root_id(session, Person, pid)
            t = tally.setdefault(pid, {"event_ids": [], "cases": set(), "outcomes": Counter()})
            if ev_id in t["event_ids"]:
                continue
            ev = by_id[ev_id]
            t["event_ids"].append(ev_id)
            if ev.case_id:
                t["cases"].add(ev.case_id)
            if (d := _decision(ev)) is not None:
                t["outcomes"][d] += 1
    if tally:
        q = select(Person.id, Person.name).where(Person.id.in_(tally))
        if levels is not None:
            q = q.where(Person.confidentiality.in_(levels))
        names = dict(session.execute(q).all())
    rows = [{"person": pid, "name": names[pid], "events": len(t["event_ids"]), "cases": len(t["cases"]),
             "outcomes": dict(t["outcomes"]), "event_ids": t["event_ids"]} for pid, t in tally.items() if pid in names]
    return sorted(rows, key=lambda r: (-r["events"], r["name"]))


def tables(stats: dict) -> list[tuple[str, list[str], list[list]]]:
    """The statistics as titled tables: (title, column heads, rows)."""
    ref = stats["refusals"]
    out = [("Events by " + ", ".join(stats["by"]), [*stats["by"], "events"],
            [[r[d] or "(unknown)" for d in stats["by"]] + [r["events"]] for r in stats["table"]]),
           (f"Refused assemblies: {ref['total']} in {ref['places']} places", ["month", "refusals", "running total", "places"],
            [[r["month"], r["refusals"], r["running_total"], ", ".join(r["places"])] for r in ref["by_month"]])]
    for key, title in (("prosecuted", "Currently prosecuted"), ("convicted", "Convicted"),
                       ("under_measure_of_restraint", "Under a measure of restraint")):
        people = stats["people"][key]
        out.append((f"{title}: {len(people)}", ["person", "status", "articles", "measure"],
                    [[p["name"], p["status"], ", ".join(p["articles"]), p["measure"]] for p in people]))
    out.append(("Officials and judges", ["official", "acts", "cases", "outcomes"],
                [[o["name"], o["events"], o["cases"], ", ".join(f"{k} {v}" for k, v in sorted(o["outcomes"].items()))]
                 for o in stats["officials"]]))
    return out


def heading(stats: dict) -> str:
    return (f"Statistics, {stats['from']} to {stats['to']}: {stats['total']} events"
            + (" (verified)" if stats["verified_only"] else " (verified and machine-read)"))


def render(stats: dict, fmt: str, chart_svg: str | None = None) -> str | bytes:
    """The statistics as plain text, Markdown tables, or an HTML page or PDF with the chart."""
    if fmt in ("html", "pdf"):
        from kuzet.publish import report
        from kuzet.publish.charts import inline

        sections = [{"heading": t, "table": {"head": h, "rows": r} if r else None, "lines": [] if r else ["(none)"]}
                    for t, h, r in tables(stats)]
        if chart_svg:
            sections[0]["svg"] = inline(chart_svg)
        return report.publish(heading(stats), sections, lang="en", fmt=fmt)
    md = fmt == "md"
    out = [("# " if md else "") + heading(stats)]
    for title, head, rows in tables(stats):
        out.append(("\n## " if md else "\n") + title)
        if not rows:
            out.append("(none)")
            continue
        cells = [[str("" if c is None else c) for c in r] for r in rows]
        if md:
            out.append("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
            out.extend("| " + " | ".join(r) + " |" for r in cells)
            continue
        widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(head)]
        out.append("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip())
        out.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)
    return "\n".join(out) + "\n"
