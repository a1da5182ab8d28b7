"""`kuzet reread`: read stored documents again with the current reader, keeping every human decision.

A document is read from its stored text, not from its bytes again: every span a person
marked, and every fact's offsets, point into that text. Its date is the one its text
states, else the one it was stored with, else the one given (`--date`); naming documents
(`--document`) with a date gives them that date unless their text states one.

Each document is re-read in a transaction of its own: a failure leaves it as it was and the
run goes on. A document whose new reading is the stored one is left alone, so re-reading
twice with the same reader changes nothing the second time. Otherwise the decisions on its
facts follow them to the new reading (`carry`), its links in the case database are brought
in line (`relink`), cases are rebuilt, the new reading replaces the stored one, and a
`changes` row (action `reread`) records who re-read it, when, and the counts before and after.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kuzet import __version__
from kuzet.errors import KuzetError, NotFoundInDatabaseError
from kuzet.extract.pipeline import extract_record
from kuzet.resolve.carry import carry
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.corrections import GROUPS
from kuzet.resolve.identity import forget_merges, group_ids, root_id
from kuzet.resolve.name_index import NameIndex
from kuzet.resolve.relink import Relinker
from kuzet.store import search
from kuzet.store.db import Database
from kuzet.store.models import Change, Document, EventSource, FactReview, Organization, Person, PersonName, Place


@dataclass(slots=True)
class RereadReport:
    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each, naming the document
    added: int = 0  # events the documents report now and did not before
    removed: int = 0
    kept: int = 0
    decisions: int = 0  # people's decisions in the re-read documents' scope, all kept

    def summary(self) -> str:
        n = len(self.changed) + len(self.unchanged) + len(self.failed)
        return (f"re-read {n} document{'s' if n != 1 else ''}: {len(self.changed)} changed, {len(self.unchanged)} "
                f"unchanged, {len(self.failed)} failed; events {self.added} added, {self.removed} removed, "
                f"{self.kept} kept; {self.decisions} human decisions kept")

    def as_json(self) -> dict:
        return {"changed": self.changed, "unchanged": self.unchanged, "errors": self.failed,
                "events": {"added": self.added, "removed": self.removed, "kept": self.kept},
                "decisions_kept": self.decisions}


def reread(db: Database, documents: list[int] | None = None, *, doc_date: date | None = None, actor: str,
           progress: Callable[[int], None] | None = None) -> RereadReport:
    """Re-read `documents` (ids; None: every stored document) into `db`."""
    report = RereadReport()
    names = NameIndex()
    with db.sessions() as s:
        ids = documents if documents is not None else list(s.execute(select(Document.id).order_by(Document.id)).scalars())
        s.rollback()
        linker: Relinker | None = None
        for doc_id in ids:
            try:
                with s.begin():
                    s.expunge_all()  # rows read for the last document may have changed since (other writers, Core updates)
                    for model in (Person, Organization, Place):
                        forget_merges(s, model)  # people may have merged or split since the last document
                    if linker is None:
                        linker = Relinker(s, names)
                    else:
                        names.refresh(s)
                    when = doc_date if documents is not None else None
                    counts = reread_document(s, linker, doc_id, date_given=when, fill_date=doc_date, actor=actor)
            except (KuzetError, SQLAlchemyError) as err:
                message = str(err) if isinstance(err, KuzetError) else f"{type(err).__name__}: {str(err).splitlines()[0]}"
                report.failed.append(f"document {doc_id}: {message}")
                names.forget()
                linker = None
            else:
                if counts is None:
                    report.unchanged.append(doc_id)
                else:
                    report.changed.append(doc_id)
                    report.added += counts["added"]
                    report.removed += counts["removed"]
                    report.kept += counts["kept"]
                    report.decisions += counts["decisions"]
            if progress:
                progress(doc_id)
    return report


def reread_document(s: Session, linker: Relinker, doc_id: int, *, date_given: date | None, fill_date: date | None,
                    actor: str) -> dict | None:
    """Re-read one document in the caller's transaction; None when its reading has not changed.

    date_given: the date of a document named on purpose (its text's own date still wins).
    fill_date: the date of a document whose text states none and that was stored without one.
    """
    doc = s.get(Document, doc_id)
    if doc is None:
        raise NotFoundInDatabaseError(f"no document with id {doc_id}")
    fallback = date_given or doc.date or fill_date
    # As stored: JSON has no tuples, and an unchanged reading must compare equal to the stored one.
    record = json.loads(json.dumps(extract_record(doc.text, path=doc.path, sha256=doc.sha256, doc_date=fallback)))
    source = record["source"]
    when = date.fromisoformat(source["date"]) if source.get("date") else None
    title = source.get("title") or doc.title
    if record == doc.record and when == doc.date and title == doc.title:
        return None
    earlier = doc.record
    decisions = _decisions(s, doc)
    change = Change(actor=actor, action="reread", table="documents", row_id=doc.id,
                    before={"date": _iso(doc.date), "language": doc.language, "facts": _counts(earlier)})
    s.add(change)
    s.flush()
    carried = carry(s, doc, record, actor=actor, tag=f"r{change.id}")
    linked = linker.relink(doc, earlier, record, carried)
    if title != doc.title:
        search.remove(s, "doc", doc.id)
        search.add(s, "doc", doc.id, (title or "") + "\n" + doc.text)
    doc.record, doc.date, doc.language, doc.title = record, when, source["language"], title
    s.flush()
    rebuild_cases(s, {root_id(s, Person, p) for p in linked.victims if p is not None})
    swept = linker.sweep(linked.people)
    counts = {"added": len(linked.events_after - linked.events_before),
              "removed": len(linked.events_before - linked.events_after),
              "kept": len(linked.events_before & linked.events_after), "decisions": decisions}
    change.before = {**change.before, "events": len(linked.events_before)}
    change.after = {"date": _iso(when), "language": source["language"], "facts": _counts(record),
                    "events": len(linked.events_after), "reader": f"kuzet {__version__}",
                    "events_added": counts["added"], "events_removed": counts["removed"], "events_kept": counts["kept"],
                    "decisions_kept": decisions, "decisions_moved": carried.moved, "facts_kept_by_people": carried.kept,
                    "rejections_retired": carried.retired, "persons_removed": swept}
    s.flush()
    return counts


def _decisions(s: Session, doc: Document) -> int:
    """People's decisions in this document's scope: on its facts, and on the events and persons it links."""
    reviews = s.execute(select(func.count(FactReview.id)).where(FactReview.document_id == doc.id)).scalar_one()
    events = list(s.execute(select(EventSource.event_id).where(EventSource.document_id == doc.id)).scalars())
    people = {i for pid in set(s.execute(select(PersonName.person_id).where(PersonName.document_id == doc.id)).scalars())
              for i in group_ids(s, Person, root_id(s, Person, pid))}
    changes = s.execute(select(func.count(Change.id)).where(Change.action.not_in(("reread", "add")), or_(
        (Change.table == "events") & Change.row_id.in_(events), (Change.table == "persons") & Change.row_id.in_(people),
        (Change.table == "documents") & (Change.row_id == doc.id)))).scalar_one()
    return reviews + changes


def _counts(record: dict) -> dict[str, int]:
    return {g: len(record.get(g) or []) for g in GROUPS.values()}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
