"""The data itself, for researchers and partners: events as CSV, an ESF-style set of tables,
upcoming hearings as iCalendar. (The lossless full export is store/dump.py.)

Both are written from the same event dicts the desk shows (store/queries.py), so a
reader limited to some confidentiality levels (`--public`, a viewer's feed) gets
exactly what they may see. The CSV streams: events are read a page at a time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.publish.listing import article_label
from kuzet.resolve.identity import group_ids
from kuzet.store import queries
from kuzet.store.models import Event, Person
from kuzet.store.queries import Levels, event_records

# One row per event and victim (an event with no victim in view gets one row with the victim blank).
CSV_COLUMNS = {
    "event_id": "the event's id in this Kuzet",
    "kind": "event kind (see the vocabulary)",
    "date": "ISO date, as precise as date_precision says",
    "date_precision": "day | month | year",
    "time": "HH:MM when stated",
    "status": "happened | scheduled",
    "place": "city, district or region",
    "victim_id": "the person's id in this Kuzet",
    "victim": "the person's name",
    "articles": "law articles, ';'-separated (CC = Criminal Code, CAO = Code of Administrative Offences)",
    "organizations": "bodies involved, ';'-separated",
    "officials": "judges, prosecutors, investigators, ';'-separated",
    "outcome": "sentence, fine, arrest term when stated",
    "summary": "the sentence(s) the event was read from",
    "verified_by": "who vouched for the event; empty: machine-read",
    "sources": "ids of the documents that report it, ';'-separated",
}
PAGE = 500


def _events(session: Session, levels: Levels) -> Iterator[dict]:
    last = 0
    while True:
        q = select(Event).where(Event.id > last).order_by(Event.id).limit(PAGE)
        if levels is not None:
            q = q.where(Event.confidentiality.in_(levels))
        rows = list(session.execute(q).scalars())
        if not rows:
            return
        yield from event_records(session, rows, levels=levels)
        last = rows[-1].id
        session.expunge_all()  # memory stays flat however many events there are


def events_csv(session: Session, out: TextIO, *, levels: Levels = None) -> int:
    """Write the events as CSV to `out`; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    n = 0
    for e in _events(session, levels):
        base = {"event_id": e["id"], "kind": e["kind"], "date": e["date"], "date_precision": e["date_precision"],
                "time": e["time"], "status": e["status"], "place": e["place"],
                "articles": ";".join(article_label(a) for a in e["law_articles"]),
                "organizations": ";".join(o["name"] for o in e["organizations"]),
                "officials": ";".join(o["name"] for o in e["officials"]), "outcome": e["outcome"],
                "summary": " ".join(e["summary"].split()), "verified_by": e["verified_by"],
                "sources": ";".join(str(s["document"]) for s in e["sources"])}
        for v in e["victims"] or [{"person": None, "name": None}]:
            writer.writerow({**base, "victim_id": v["person"], "victim": v["name"]})
            n += 1
    return n


# HURIDOCS Events Standard Formats, flattened to five tables joined by ids: an event is the
# whole happening, an act is what was done to one victim in it, an involvement is a
# perpetrator's or official's part in it, a source is the document span it was read from.
ESF_TABLES = {
    "events": ["event_id", "title", "kind", "date", "date_precision", "time", "status", "place", "case_id",
               "summary", "verified_by", "confidentiality"],
    "acts": ["act_id", "event_id", "victim_id", "act_type", "date", "status", "place", "law_articles", "outcome"],
    "involvements": ["event_id", "role", "person_id", "organization_id", "name"],
    "persons": ["person_id", "name", "other_names", "gender", "confidentiality"],
    "sources": ["event_id", "document_id", "document_path", "document_date", "evidence_start", "evidence_end",
                "read_by", "evidence"],
}


def esf_tables(session: Session, open_table, *, levels: Levels = None) -> dict[str, int]:  # noqa: ANN001
    """Write the ESF-style tables; `open_table(name)` gives a text file for each. RETURNS rows per table."""
    writers = {name: csv.DictWriter(open_table(name), fieldnames=cols) for name, cols in ESF_TABLES.items()}
    for w in writers.values():
        w.writeheader()
    counts = dict.fromkeys(ESF_TABLES, 0)

    def write(table: str, row: dict) -> None:
        writers[table].writerow(row)
        counts[table] += 1

    people: set[int] = set()
    for e in _events(session, levels):
        write("events", {"event_id": e["id"], "title": f"{e['kind'].replace('_', ' ')}, {e['date'] or 'undated'}"
                         + (f", {e['place']}" if e["place"] else ""), "kind": e["kind"], "date": e["date"],
                         "date_precision": e["date_precision"], "time": e["time"], "status": e["status"],
                         "place": e["place"], "case_id": e["case"], "summary": " ".join(e["summary"].split()),
                         "verified_by": e["verified_by"], "confidentiality": e["confidentiality"]})
        for v in e["victims"]:
            people.add(v["person"])
            write("acts", {"act_id": f"{e['id']}-{v['person']}", "event_id": e["id"], "victim_id": v["person"],
                           "act_type": e["kind"], "date": e["date"], "status": e["status"], "place": e["place"],
                           "law_articles": ";".join(article_label(a) for a in e["law_articles"]),
                           "outcome": e["outcome"]})
        for role, key in (("perpetrator", "perpetrators"), ("official", "officials"), ("involved", "organizations")):
            for who in e[key]:
                if "person" in who:
                    people.add(who["person"])
                write("involvements", {"event_id": e["id"], "role": role, "person_id": who.get("person"),
                                       "organization_id": who.get("organization"), "name": who["name"]})
        for src in e["sources"]:
            write("sources", {"event_id": e["id"], "document_id": src["document"], "document_path": src["path"],
                              "document_date": src["date"], "evidence_start": src["start"],
                              "evidence_end": src["end"], "read_by": src["read_by"],
                              "evidence": " ".join((src["text"] or "").split())})
    ordered = sorted(people)
    for i in range(0, len(ordered), PAGE):
        q = select(Person).where(Person.id.in_(ordered[i:i + PAGE])).order_by(Person.id)
        if levels is not None:
            q = q.where(Person.confidentiality.in_(levels))
        for person in session.execute(q).scalars():
            # As the documents the reader may see spell them: a hidden report's spelling could name its source.
            spellings = dict.fromkeys(
                name for name, _, _ in queries.spellings(session, group_ids(session, Person, person.id), levels=levels))
            spellings.pop(person.name, None)
            write("persons", {"person_id": person.id, "name": person.name, "other_names": ";".join(spellings),
                              "gender": person.gender, "confidentiality": person.confidentiality})
    return counts


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue on lines starting with a space."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > (75 if not out else 74):
            out.append(cur.decode("utf-8"))
            cur = b""
        cur += b
    out.append(cur.decode("utf-8"))
    return "\r\n ".join(out)


def hearings_ics(hearings: list[dict], *, name: str = "Kuzet: court hearings") -> str:
    """An iCalendar of hearings (from queries.hearings): one VEVENT each, times as stated (local, floating)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kuzet//hearings//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(name)}"]
    for h in hearings:
        if not h["date"]:
            continue
        day = date.fromisoformat(h["date"]).strftime("%Y%m%d")
        start = f"DTSTART:{day}T{h['time'].replace(':', '')}00" if h.get("time") else f"DTSTART;VALUE=DATE:{day}"
        who = ", ".join(v["name"] for v in h["victims"]) or "unnamed"
        arts = ", ".join(article_label(a) for a in h["law_articles"])
        where = "; ".join([o["name"] for o in h["organizations"]] + ([h["place"]] if h["place"] else []))
        lines += ["BEGIN:VEVENT", f"UID:kuzet-event-{h['id']}@kuzet", f"DTSTAMP:{stamp}", start,
                  f"SUMMARY:{_ics_text('Hearing: ' + who + (' (' + arts + ')' if arts else ''))}"]
        if where:
            lines.append(f"LOCATION:{_ics_text(where)}")
        lines += [f"DESCRIPTION:{_ics_text(' '.join(h['summary'].split()))}",
                  f"STATUS:{'CONFIRMED' if h.get('verified_by') else 'TENTATIVE'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
