"""How well the reader reads, measured against the facts people reviewed.

Every fact people decided on is a measurement of the machine's reading as it stands in
`Document.record` (after a re-read, of the current reader's; see carry.py):

- as read: accepted or verified with every field as the machine read it;
- corrected: accepted, corrected or verified, with a field people set otherwise;
- rejected: not a fact, or not this one;
- missed: a fact people marked by hand that the machine's reading has nothing on (a fact a
  re-read kept because people stood behind it and the new reader no longer finds counts here).

Events decided outside the reading screen count too: an event verified in review (or by
`kuzet event --verify`) counts as read for each document whose reading of it has the same
kind and date, and an event rejected there counts as rejected for each document that
reported it. Facts nobody decided on are not counted.

precision = as read / (as read + corrected + rejected): how much of what the machine reads is right as read.
recall = (as read + corrected) / (as read + corrected + missed): how much of what is there the machine finds.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.resolve.carry import VOUCHED, overlap
from kuzet.resolve.corrections import EDITABLE, GROUPS, facts
from kuzet.store.models import CONFIDENTIALITY, Change, Document, Event, EventSource, FactReview

COUNTS = ("as_read", "corrected", "rejected", "missed")
FIELDS = tuple(GROUPS.values())


def _plain(value: object) -> object:
    value = str(value).strip() if value is not None else None
    return value or None


def _as_read(fields: dict, machine: dict, group: str) -> bool:
    return all(_plain(fields.get(k)) == _plain(machine.get(k)) for k in EDITABLE[group])


def _figures(counts: dict[str, int]) -> dict:
    reviewed = counts["as_read"] + counts["corrected"] + counts["rejected"]
    found = counts["as_read"] + counts["corrected"]
    return {**counts, "reviewed": reviewed,
            "precision": round(counts["as_read"] / reviewed, 3) if reviewed else None,
            "recall": round(found / (found + counts["missed"]), 3) if found + counts["missed"] else None}


def _table(tally: dict[str, dict[str, int]]) -> dict:
    total = {k: sum(tally[f][k] for f in FIELDS) for k in COUNTS}
    return {"fields": [{"field": f, **_figures(tally[f])} for f in FIELDS], "total": _figures(total)}


Where = tuple[int, int, str]  # document, evidence start, kind: several acts of one sentence share a start


def _decided_elsewhere(session: Session) -> tuple[dict[Where, set[str | None]], set[Where]]:
    """Where the events verified in review are reported, with the dates they were verified with; and the rejected."""
    verified: dict[Where, set[str | None]] = defaultdict(set)
    for doc, start, kind, when in session.execute(
            select(EventSource.document_id, EventSource.evidence_start, Event.kind, Event.date)
            .join(Event, Event.id == EventSource.event_id).where(Event.verified_by.is_not(None))):
        verified[(doc, start, kind)].add(when.isoformat() if when else None)
    rejected = set()
    for before in session.execute(select(Change.before).where(Change.table == "events",
                                                              Change.action == "reject")).scalars():
        for src in (before or {}).get("sources") or []:
            rejected.add((src.get("document"), src.get("start"), before.get("kind")))
    return verified, rejected


def reader_accuracy(session: Session, *, levels: tuple[str, ...] | None = None) -> dict:
    """Counts and figures per field (persons, organizations, places, law_articles, events), over all documents
    a reader of `levels` may see and per language, from the facts people decided on."""
    verified, rejected = _decided_elsewhere(session)
    ids = set(session.execute(select(FactReview.document_id).distinct()).scalars()) | {w[0] for w in verified} | {
        w[0] for w in rejected}
    rows = session.execute(select(Document.id, Document.language).where(
        Document.id.in_(ids), Document.confidentiality.in_(CONFIDENTIALITY if levels is None else levels)).order_by(Document.id)).all()
    overall: dict[str, dict[str, int]] = {f: dict.fromkeys(COUNTS, 0) for f in FIELDS}
    by_language: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: {f: dict.fromkeys(COUNTS, 0) for f in FIELDS})
    documents: dict[str, set[int]] = defaultdict(set)
    for doc_id, language in rows:
        for group, items in facts(session, doc_id).items():
            read = [[(s["start"], s["end"]) for s in f["spans"]] for f in items if f["machine"] is not None]
            for f in items:
                kind = _classify(doc_id, group, f, read, verified, rejected)
                if kind:
                    overall[group][kind] += 1
                    by_language[language][group][kind] += 1
                    documents[language].add(doc_id)
    return {"documents": sum(len(d) for d in documents.values()), **_table(overall),
            "languages": [{"language": lang, "documents": len(documents[lang]), **_table(by_language[lang])}
                          for lang in sorted(by_language)]}


def _classify(doc_id: int, group: str, f: dict, read: list[list[tuple[int, int]]],
              verified: dict[Where, set[str | None]], rejected: set[Where]) -> str | None:
    if f["machine"] is None:
        if f["state"] == "rejected":
            return None  # marked by hand, then taken back
        mine = [(s["start"], s["end"]) for s in f["spans"]]
        # A fact marked by hand that the machine now reads on the same words is no longer a miss.
        return None if any(overlap(mine, spans) for spans in read) else "missed"
    if f["state"] == "rejected":
        return "rejected"
    if f["state"] in VOUCHED:
        return "as_read" if _as_read(f["fields"], f["machine"], group) else "corrected"
    if group != "events" or not f["spans"]:
        return None
    where = (doc_id, f["spans"][0]["start"], f["machine"]["kind"])
    if where in rejected:
        return "rejected"
    return "as_read" if f["machine"]["date"] in verified.get(where, ()) else None
