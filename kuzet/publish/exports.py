"""The data itself, for researchers and partners: events as CSV, upcoming hearings as iCalendar.

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
from kuzet.store.models import Event
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
