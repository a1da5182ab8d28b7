"""`kuzet reread`: read stored documents again with the current reader, keeping every human decision.

The current reader is this Kuzet's, with the event model `kuzet train` kept for the database
(the bundled one when it kept none). A document is read from its stored text, not from its bytes again: every span a person
marked, and every fact's offsets, point into that text. Its date is the one its text
states, else the one it was stored with, else the one given (`--date`); naming documents
(`--document`) with a date gives them that date unless their text states one.

Each document is re-read inside a savepoint of its own (in batches, as ingest stores them): a
failure leaves it as it was and the run goes on. A document whose new reading is the stored
one is left alone, so re-reading twice with the same reader changes nothing the second time.
Otherwise the decisions on its facts follow them to the new reading (`carry`), its links in
the case database are brought in line (`relink`), the new reading replaces the stored one, and
a `changes` row (action `reread`) records who re-read it, when, and the counts before and
after; cases are rebuilt once a batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kuzet import __version__
from kuzet.errors import KuzetError, NotFoundInDatabaseError
from kuzet.extract.event_model import ReaderModel
from kuzet.extract.pipeline import extract_record
from kuzet.resolve.carry import carry
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.corrections import GROUPS
from kuzet.resolve.identity import forget_merges, group_ids, root_id
from kuzet.resolve.name_index import NameIndex
from kuzet.resolve.relink import Relinked, Relinker
from kuzet.store import search
from kuzet.store.db import Database
from kuzet.store.models import (
    Change,
    Document,
    EventSource,
    FactReview,
    Organization,
    Person,
    PersonName,
    Place,
)
from kuzet.store.reader_models import reader

BATCH = 50


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
           progress: Callable[[int], None] | None = None, batch: int = BATCH) -> RereadReport:
    """Re-read `documents` (ids; None: every stored document) into `db`, with the database's reader (`reader`).

    Like ingest, documents go in batches: one transaction a batch, a savepoint a document (a document
    that fails is left as it was, the others go on), the cases of everyone touched rebuilt once a batch.
    """
    report = RereadReport()
    names = NameIndex()
    with db.sessions() as s:
        ids = documents if documents is not None else list(s.execute(select(Document.id).order_by(Document.id)).scalars())
        model = reader(s)
        s.rollback()
        for start in range(0, len(ids), batch):
            _batch(s, names, ids[start:start + batch], named=documents is not None, doc_date=doc_date, actor=actor,
                   model=model, report=report, progress=progress)
    return report


def _failure(doc_id: int, err: Exception) -> str:
    message = str(err) if isinstance(err, KuzetError) else f"{type(err).__name__}: {str(err).splitlines()[0]}"
    return f"document {doc_id}: {message}"


def _batch(s: Session, names: NameIndex, chunk: list[int], *, named: bool, doc_date: date | None, actor: str,
           model: tuple[ReaderModel | None, str], report: RereadReport, progress: Callable[[int], None] | None) -> None:
    done: list[tuple[int, dict | None]] = []
    failed: list[str] = []
    try:
        with s.begin():
            s.expunge_all()  # rows read in an earlier batch may have changed since (other writers)
            linker = Relinker(s, names)
            victims: set[int] = set()
            people: set[int] = set()
            for doc_id in chunk:
                for table in (Person, Organization, Place):
                    forget_merges(s, table)
                try:
                    with s.begin_nested():
                        got = reread_document(s, linker, doc_id, date_given=doc_date if named else None,
                                              fill_date=doc_date, actor=actor, model=model)
                except (KuzetError, SQLAlchemyError) as err:
                    failed.append(_failure(doc_id, err))
                    linker.forget()
                    continue
                done.append((doc_id, got.counts if got else None))
                if got:
                    victims |= got.linked.victims
                    people |= got.linked.people
            rebuild_cases(s, {root_id(s, Person, p) for p in victims if p is not None})
            linker.sweep(people)
    except SQLAlchemyError as err:
        names.forget()
        if len(chunk) > 1:
            # The batch could not be committed (another writer got in the way): each document alone.
            for doc_id in chunk:
                _batch(s, names, [doc_id], named=named, doc_date=doc_date, actor=actor, model=model, report=report,
                       progress=progress)
            return
        done, failed = [], [_failure(chunk[0], err)]
    report.failed += failed
    for doc_id, counts in done:
        if counts is None:
            report.unchanged.append(doc_id)
        else:
            report.changed.append(doc_id)
            report.added += counts["added"]
            report.removed += counts["removed"]
            report.kept += counts["kept"]
            report.decisions += counts["decisions"]
    if progress:
        for doc_id in chunk:
            progress(doc_id)


@dataclass(slots=True)
class _Reread:
    counts: dict
    linked: Relinked


def reread_document(s: Session, linker: Relinker, doc_id: int, *, date_given: date | None, fill_date: date | None,
                    actor: str, model: tuple[ReaderModel | None, str] = (None, "bundled model")) -> _Reread | None:
    """Re-read one document in the caller's transaction; None when its reading has not changed.

    date_given: the date of a document named on purpose (its text's own date still wins).
    fill_date: the date of a document whose text states none and that was stored without one.
    model: the event reader and its name (`reader`).
    The caller rebuilds the cases of `linked.victims` and sweeps `linked.people` (`Relinker.sweep`).
    """
    doc = s.get(Document, doc_id)
    if doc is None:
        raise NotFoundInDatabaseError(f"no document with id {doc_id}")
    fallback = date_given or doc.date or fill_date
    # As stored: JSON has no tuples, and an unchanged reading must compare equal to the stored one.
    record = json.loads(json.dumps(extract_record(doc.text, path=doc.path, sha256=doc.sha256, doc_date=fallback,
                                                  model=model[0])))
    source = record["source"]
    when = date.fromisoformat(source["date"]) if source.get("date") else None
    title = source.get("title") or doc.title
    if record == doc.record and when == doc.date and title == doc.title:
        return None
    earlier = doc.record
    decisions = _decisions(s, doc.id)
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
    counts = {"added": len(linked.events_after - linked.events_before),
              "removed": len(linked.events_before - linked.events_after),
              "kept": len(linked.events_before & linked.events_after), "decisions": decisions}
    change.before = {**change.before, "events": len(linked.events_before)}
    change.after = {"date": _iso(when), "language": source["language"], "facts": _counts(record),
                    "events": len(linked.events_after), "reader": f"kuzet {__version__}, {model[1]}",
                    "events_added": counts["added"], "events_removed": counts["removed"], "events_kept": counts["kept"],
                    "decisions_kept": decisions, "decisions_moved": carried.moved, "facts_kept_by_people": carried.kept,
                    "rejections_retired": carried.retired}
    s.flush()
    return _Reread(counts, linked)


_REVIEWS = select(func.count(FactReview.id)).where(FactReview.document_id == bindparam("doc"))
_EVENTS_OF = select(EventSource.event_id).where(EventSource.document_id == bindparam("doc"))
_PEOPLE_OF = select(PersonName.person_id).where(PersonName.document_id == bindparam("doc")).distinct()
_CHANGES = select(func.count(Change.id)).where(Change.action.not_in(("reread", "add")), or_(
    (Change.table == "events") & Change.row_id.in_(bindparam("events", expanding=True)),
    (Change.table == "persons") & Change.row_id.in_(bindparam("people", expanding=True)),
    (Change.table == "documents") & (Change.row_id == bindparam("doc"))))


def _decisions(s: Session, doc_id: int) -> int:
    """People's decisions in this document's scope: on its facts, and on the events and persons it links."""
    given = {"doc": doc_id}
    events = list(s.execute(_EVENTS_OF, given).scalars())
    people = [i for pid in s.execute(_PEOPLE_OF, given).scalars() for i in group_ids(s, Person, root_id(s, Person, pid))]
    return s.execute(_REVIEWS, given).scalar_one() + s.execute(
        _CHANGES, {**given, "events": events, "people": people}).scalar_one()


def _counts(record: dict) -> dict[str, int]:
    return {g: len(record.get(g) or []) for g in GROUPS.values()}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
