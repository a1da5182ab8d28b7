"""People's word on a document's machine reading: accept, correct, reject, add, verify.

The machine's record stays in `Document.record` untouched; each decision is a
`FactReview` row, and the reading a person stands behind is the record with the latest
decision on each fact applied (`facts`). Where a fact is in the case database too (an
event, a person), the decision reaches it there, with a `Change` row holding before
and after, so the desk's history shows it and reading quality can be measured by
comparing the two readings.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kuzet.errors import KuzetError, NotFoundInDatabaseError
from kuzet.resolve import verification
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.identity import root_id
from kuzet.store.models import (
    MACHINE,
    Change,
    Document,
    Event,
    EventSource,
    FactReview,
    Involvement,
    Person,
    PersonName,
)

GROUPS = {"p": "persons", "o": "organizations", "l": "places", "a": "law_articles", "e": "events"}
ACTIONS = ("accept", "correct", "reject", "verify")
# What a correction may change, per kind of fact.
EDITABLE = {
    "persons": ("name", "surname", "given", "patronymic"),
    "organizations": ("name", "kind"),
    "places": ("name",),
    "law_articles": ("code", "article", "part"),
    "events": ("kind", "date", "status", "outcome", "summary"),
}


class CorrectionError(KuzetError):
    code = "E031"


def _group(fact_id: str) -> str:
    """The record group of a fact id: p1 a person, e2 an event; hp1 a person someone added."""
    letter = fact_id[1:2] if fact_id.startswith("h") else fact_id[:1]
    if letter not in GROUPS or not fact_id.lstrip("h")[1:].isdigit():
        raise CorrectionError(f"no fact {fact_id!r} in this document")
    return GROUPS[letter]


def _document(session: Session, doc_id: int) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFoundInDatabaseError(f"no document with id {doc_id}")
    return doc


def facts(session: Session, doc_id: int) -> dict[str, list[dict]]:
    """The document's facts by group, each with its spans, the machine's fields, the human ones, and its state.

    state: machine | accepted | corrected | rejected | added | verified (by whom in `by`).
    """
    doc = _document(session, doc_id)
    reviews = session.execute(select(FactReview).where(FactReview.document_id == doc_id).order_by(FactReview.id)).scalars()
    latest: dict[str, FactReview] = {}
    added: dict[str, FactReview] = {}
    changed: dict[str, dict] = {}  # every correction so far, in order: accepting later keeps them
    for r in reviews:
        if r.action == "add":
            added[r.fact_id] = r
            if r.fact_id in latest:
                # A fact a re-read kept as a human one (kuzet/resolve/carry.py): its decisions came first.
                continue
        # An accept carries fields only when a re-read pinned what was accepted (the reading changed since).
        if r.action in ("correct", "verify", "accept") and r.fields:
            changed.setdefault(r.fact_id, {}).update(r.fields)
        if r.action == "verify" and r.fact_id in latest and latest[r.fact_id].action == "reject":
            continue
        latest[r.fact_id] = r
    out: dict[str, list[dict]] = {g: [] for g in GROUPS.values()}
    for group in GROUPS.values():
        for entry in doc.record.get(group, []):
            out[group].append(_fact(entry, group, latest.get(entry["id"]), changed.get(entry["id"], {})))
    for fid, r in added.items():
        entry = {"id": fid, **(r.fields or {})}
        out[_group(fid)].append(_fact(entry, _group(fid), latest.get(fid), changed.get(fid, {}), added=True))
    return out


def _spans(entry: dict, group: str) -> list[dict]:
    if group == "events":
        return [{"start": e["start"], "end": e["end"]} for e in entry.get("evidence", [])]
    return [{"start": m["start"], "end": m["end"]} for m in entry.get("mentions", [])]


def _fact(entry: dict, group: str, review: FactReview | None, changed: dict, *, added: bool = False) -> dict:
    machine = {k: entry.get(k) for k in EDITABLE[group]}
    human = {**machine, **changed}
    state, by = ("added", None) if added else ("machine", MACHINE)
    if review is not None:
        by = review.actor
        state = {"correct": "corrected", "accept": "accepted", "reject": "rejected", "verify": "verified",
                 "add": "added"}[review.action]
    return {"id": entry["id"], "group": group, "spans": _spans(entry, group), "machine": None if added else machine,
            "fields": human, "state": state, "by": by}


def review_fact(session: Session, doc_id: int, fact_id: str, action: str, *, actor: str,
                fields: dict | None = None) -> FactReview:
    """Record a decision on one fact and carry it into the case database."""
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r}")
    doc = _document(session, doc_id)
    group = _group(fact_id)
    current = next((f for f in facts(session, doc_id)[group] if f["id"] == fact_id), None)
    if current is None:
        raise CorrectionError(f"no fact {fact_id!r} in this document")
    clean = None
    if action == "correct":
        clean = {k: (str(v).strip() or None) for k, v in (fields or {}).items() if k in EDITABLE[group]}
        clean = {k: v for k, v in clean.items() if v != current["fields"].get(k)}
        if not clean:
            raise CorrectionError("nothing to correct: no field differs from what is recorded")
        if group == "events" and clean.get("date"):
            try:
                date.fromisoformat(clean["date"])
            except ValueError:
                raise CorrectionError(f"not a date: {clean['date']!r} (write YYYY-MM-DD)") from None
    if action == "verify":
        # An editor vouches for the reading as it now stands, corrections included.
        machine = current["machine"] or {}
        clean = {k: v for k, v in current["fields"].items() if v != machine.get(k)} or None
    row = FactReview(document_id=doc_id, fact_id=fact_id, action=action, fields=clean, actor=actor)
    session.add(row)
    if group == "events":
        _event_decision(session, doc, current, action, clean, actor)
    elif group == "persons":
        _person_decision(session, doc, current, action, clean, actor)
    session.flush()
    return row


def linked_event(session: Session, doc_id: int, fact: dict) -> Event | None:
    """The case-database event a document's event fact was stored as (matched by its evidence span)."""
    if not fact["spans"]:
        return None
    start = fact["spans"][0]["start"]
    events = session.execute(select(Event).join(EventSource, EventSource.event_id == Event.id).where(
        EventSource.document_id == doc_id, EventSource.evidence_start == start).order_by(Event.id)).scalars().all()
    # Several acts of one sentence share its start (a verdict and the arrest it gave): the one of this fact's kind.
    kinds = {(fact.get("machine") or {}).get("kind"), fact["fields"].get("kind")}
    return next((e for e in events if e.kind in kinds), events[0] if events else None)


def linked_person(session: Session, doc_id: int, fact: dict) -> Person | None:
    if not fact["spans"]:
        return None
    pid = session.execute(select(PersonName.person_id).where(
        PersonName.document_id == doc_id, PersonName.mention_start == fact["spans"][0]["start"])).scalars().first()
    return session.get(Person, root_id(session, Person, pid)) if pid else None


def _event_decision(session: Session, doc: Document, fact: dict, action: str, fields: dict | None, actor: str) -> None:
    event = linked_event(session, doc.id, fact)
    if event is None:
        return
    if action == "reject":
        verification.reject(session, event.id, actor=actor)
    elif action == "verify":
        _apply_event(session, event, fields, actor)
        verification.verify(session, event.id, actor=actor)
    elif action == "correct":
        _apply_event(session, event, fields, actor)


def _apply_event(session: Session, event: Event, fields: dict | None, actor: str) -> None:
    if not fields:
        return
    before = {k: _plain(getattr(event, k)) for k in fields}
    for k, v in fields.items():
        setattr(event, k, date.fromisoformat(v) if k == "date" and v else v)
    session.add(Change(actor=actor, action="correct", table="events", row_id=event.id, before=before, after=fields))
    session.flush()
    victims = {i.person_id for i in event.involvements if i.role == "victim" and i.person_id}
    rebuild_cases(session, {root_id(session, Person, v) for v in victims})


def _person_decision(session: Session, doc: Document, fact: dict, action: str, fields: dict | None, actor: str) -> None:
    person = linked_person(session, doc.id, fact)
    if person is None:
        return
    if action in ("correct", "verify") and fields and fields.get("name") and fields["name"] != person.name:
        session.add(Change(actor=actor, action="correct", table="persons", row_id=person.id,
                           before={"name": person.name}, after={"name": fields["name"]}))
        person.name = fields["name"]
    elif action == "reject":
        # Not a person (or not this one): what this document said of them leaves the case database.
        names = session.execute(select(PersonName).where(PersonName.document_id == doc.id,
                                                         PersonName.person_id == person.id)).scalars().all()
        events = [i.event_id for i in session.execute(select(Involvement).where(
            Involvement.document_id == doc.id, Involvement.person_id == person.id)).scalars()]
        session.add(Change(actor=actor, action="reject", table="persons", row_id=person.id,
                           before={"document": doc.id, "names": [n.name for n in names], "events": events}, after=None))
        session.execute(delete(PersonName).where(PersonName.document_id == doc.id, PersonName.person_id == person.id))
        session.execute(delete(Involvement).where(Involvement.document_id == doc.id, Involvement.person_id == person.id))
        session.flush()
        rebuild_cases(session, [person.id])


def add_fact(session: Session, doc_id: int, group: str, start: int, end: int, *, actor: str,
             fields: dict | None = None) -> FactReview:
    """Record a fact the machine missed, from a span of the text a person selected."""
    doc = _document(session, doc_id)
    if group not in EDITABLE:
        raise CorrectionError(f"cannot add a fact of kind {group!r}")
    if not (0 <= start < end <= len(doc.text)):
        raise CorrectionError("the selection is not inside the document's text")
    letter = next(k for k, v in GROUPS.items() if v == group)
    n = 1 + sum(1 for r in session.execute(select(FactReview.fact_id).where(
        FactReview.document_id == doc_id, FactReview.action == "add")).scalars() if r.startswith("h" + letter))
    text = doc.text[start:end]
    entry = {k: (str(v).strip() or None) for k, v in (fields or {}).items() if k in EDITABLE[group]}
    entry.setdefault("name", text) if group != "events" else entry.setdefault("summary", text)
    span_key = "evidence" if group == "events" else "mentions"
    entry[span_key] = [{"start": start, "end": end, "text": text}]
    row = FactReview(document_id=doc_id, fact_id=f"h{letter}{n}", action="add", fields=entry, actor=actor)
    session.add(row)
    after = {"fact": row.fact_id, group: entry}
    if group == "persons":
        after["person"] = _link_added_person(session, doc, entry, start, end)
    session.add(Change(actor=actor, action="add", table="documents", row_id=doc_id, before=None, after=after))
    session.flush()
    return row


def _link_added_person(session: Session, doc: Document, entry: dict, start: int, end: int) -> int:
    """The person a marked name is: read by the extraction core when it can, else by its words; linked like ingest does."""
    from kuzet.extract.pipeline import extract_record
    from kuzet.resolve.linker import Linker

    read = (extract_record(entry["name"]).get("persons") or [{}])[0]
    words = entry["name"].split()
    person = {"name": read.get("name") or " ".join(w.capitalize() for w in words),
              "surname": read.get("surname") or (words[-1].capitalize() if words else None),
              "given": read.get("given") or (words[0].capitalize() if len(words) > 1 else None),
              "patronymic": read.get("patronymic"), "descriptors": [],
              "mentions": [{"text": doc.text[start:end], "start": start, "end": end}]}
    session.flush()
    return Linker(session).add_person(person, doc.id, doc.path or doc.sha256[:12])


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
