"""Turning the pipeline's findings into the `kuzet.extraction/1` record (spec/extraction.md)."""

from __future__ import annotations

from kuzet import SCHEMA
from kuzet.extract.event_details import Event
from kuzet.extract.law_articles import ArticleMention
from kuzet.extract.organizations import Organization
from kuzet.extract.persons import Person
from kuzet.extract.places import Place
from kuzet.resources import law_table
from kuzet.text.doc import Doc, Span


def _mention(doc: Doc, start: int, end: int) -> dict:
    return Span(start, end, doc.text[start:end]).to_json()


def build_record(doc: Doc, *, persons: list[Person], organizations: list[Organization], places: list[Place],
                 articles: list[ArticleMention], events: list[Event]) -> dict:
    """Assemble the record, giving each entity a local id (p1, o1, l1, a1, e1).

    RETURNS (dict): the record.
    """
    pid = {id(p): f"p{i}" for i, p in enumerate(persons, 1)}
    oid = {id(o): f"o{i}" for i, o in enumerate(organizations, 1)}
    lid = {id(p): f"l{i}" for i, p in enumerate(places, 1)}
    law_rows: dict[tuple[str, str, str | None], dict] = {}
    table = law_table()
    for a in articles:
        key = (a.code, a.article, a.part)
        if key not in law_rows:
            row = table.get((a.code, a.article))
            title_lang = "ru" if doc.language in ("ru", "kk") else "en"
            law_rows[key] = {
                "id": f"a{len(law_rows) + 1}", "code": a.code, "jurisdiction": "KZ", "article": a.article,
                "part": a.part, "title": row[title_lang] if row else None, "mentions": [],
            }
        law_rows[key]["mentions"].append(_mention(doc, a.start, a.end))
    record = {
        "schema": SCHEMA,
        "source": {"path": doc.path, "sha256": doc.sha256, "language": doc.language, "title": doc.title,
                   "date": doc.doc_date.isoformat() if doc.doc_date else None},
        "persons": [{
            "id": pid[id(p)], "name": p.name, "surname": p.surname, "given": p.given, "patronymic": p.patronymic,
            "gender": p.gender if p.gender in ("m", "f") else None,
            "descriptors": p.descriptors, "mentions": [m.span.to_json() for m in p.mentions],
        } for p in persons],
        "organizations": [{
            "id": oid[id(o)], "name": o.name, "kind": o.kind, "mentions": [m.to_json() for m in o.mentions],
        } for o in organizations],
        "places": [{
            "id": lid[id(p)], "name": p.entry["name"], "kind": p.entry["kind"],
            "region": p.entry.get("region"), "city": p.entry.get("city"), "country": p.entry["country"],
            "lat": p.entry["lat"], "lon": p.entry["lon"], "mentions": [m.to_json() for m in p.mentions],
        } for p in places],
        "law_articles": list(law_rows.values()),
        "events": [],
    }
    for i, ev in enumerate(events, 1):
        record["events"].append({
            "id": f"e{i}", "kind": ev.kind, "date": ev.date.isoformat() if ev.date else None,
            "date_precision": ev.precision if ev.date else None, "time": ev.time, "status": ev.status,
            "place": lid[id(ev.place)] if ev.place else None,
            "victims": [pid[id(v)] for v in ev.victims],
            "perpetrators": [pid[id(x)] if id(x) in pid else oid[id(x)] for x in ev.perpetrators],
            "officials": [pid[id(o)] for o in ev.officials],
            "organizations": [oid[id(o)] for o in ev.organizations],
            "law_articles": sorted({law_rows[(a.code, a.article, a.part)]["id"] for a in ev.articles}),
            "outcome": ev.outcome, "summary": ev.summary, "confidence": ev.confidence,
            "evidence": [{"start": s.start, "end": s.end} for s in ev.evidence],
        })
    return record
