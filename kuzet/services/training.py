"""The desk improves its reader: retrain the event decisions on the bundled documents plus what
editors reviewed in this database, measure both models on a held-back part, keep the better one.

What people decided becomes annotation: a document fact accepted, corrected or verified is an act
the reader should read that way (with the corrected kind or date); a rejected one is an act it
should not read; a case-database event an editor verified or rejected counts the same for each
document it was read from. Such documents are annotated only where someone looked, so the reader's
other candidates in them are left out of training rather than taken as wrong.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kuzet.errors import ModelError
from kuzet.evaluate import Score, score
from kuzet.learn.corpus import GoldDoc, load_golds
from kuzet.learn.examples import Examples, label
from kuzet.learn.fit import fit, read, split
from kuzet.resolve import corrections
from kuzet.store import queries
from kuzet.store.models import Change, Document, Event, FactReview, ReaderModelRow

# An editor's decision counts as much as this many annotated examples of the bundled documents:
# they speak of this group's own documents.
REVIEW_WEIGHT = 10
# The new model is refused only when it is worse beyond the noise of the held-back set: when it reads
# events worse in this share of resamplings of the held-back documents (a paired bootstrap).
WORSE_BEYOND_NOISE = 0.95
_RESAMPLINGS = 400


def bundled_documents() -> list[GoldDoc]:
    """The annotated documents shipped with Kuzet (kuzet/data/training/)."""
    root = Path(str(resources.files("kuzet.data").joinpath("training")))
    return load_golds(root / "gold", root / "corpus")


def _victim_names(record: dict, ids: list[str]) -> list[str]:
    names = {p["id"]: p["name"] for p in record.get("persons", [])}
    return [names[i] for i in ids if i in names]


def reviewed_documents(session: Session) -> list[GoldDoc]:
    """Every document with reviewed events, as a partial annotation of what people decided."""
    golds: dict[int, list[dict]] = {}
    doc_ids = session.execute(select(FactReview.document_id).where(FactReview.fact_id.like("e%") | FactReview.fact_id.like("he%"))
                              .distinct()).scalars().all()
    for doc_id in doc_ids:
        doc = session.get(Document, doc_id)
        machine = {e["id"]: e for e in doc.record.get("events", [])}
        for fact in corrections.facts(session, doc_id)["events"]:
            if fact["state"] == "machine" or not fact["spans"]:
                continue
            entry = machine.get(fact["id"], {})
            span = fact["spans"][0]
            golds.setdefault(doc_id, []).append({
                "kinds": [fact["fields"].get("kind") or entry.get("kind")], "date": fact["fields"].get("date"),
                "victims": _victim_names(doc.record, entry.get("victims", [])) or list(fact["fields"].get("victims") or []),
                "evidence": doc.text[span["start"]:span["end"]], "rejected": fact["state"] == "rejected"})
    verified = session.execute(select(Event).where(Event.verified_by.is_not(None))).scalars().all()
    snapshots = [(r, False) for r in queries.event_records(session, verified)]
    snapshots += [(c.before, True) for c in session.execute(select(Change).where(
        Change.action == "reject", Change.table == "events")).scalars() if c.before]
    for rec, rejected in snapshots:
        for src in rec.get("sources", []):
            doc = session.get(Document, src["document"])
            if doc is None:
                continue
            golds.setdefault(doc.id, []).append({
                "kinds": [rec["kind"]], "date": rec.get("date"), "victims": [v["name"] for v in rec.get("victims", [])],
                "evidence": doc.text[src["start"]:src["end"]], "rejected": rejected})
    out = []
    for doc_id, events in sorted(golds.items()):
        doc = session.get(Document, doc_id)
        gold = {"document": f"desk-document-{doc_id}", "language": doc.language,
                "date": doc.date.isoformat() if doc.date else None, "events": [e for e in events if e["victims"]]}
        out.append(GoldDoc(gold["document"], doc.text, gold, partial=True))
    return out


def _scored(docs: list[GoldDoc]) -> list[GoldDoc]:
    """Annotations as the scorer takes them: rejected acts are not events."""
    return [GoldDoc(d.name, d.text, {**d.gold, "events": [e for e in d.gold.get("events", []) if not e.get("rejected")]},
                    d.partial) for d in docs]


@dataclass(slots=True)
class TrainReport:
    """What `kuzet train` did: figures of both models on the held-back documents and which it kept."""

    bundled: int
    reviewed: int
    held: int
    before: Score
    after: Score
    kept: str  # "new" | "current"
    p_worse: float = 0.0  # the share of resamplings of the held-back documents in which the new model read events worse
    model_id: int | None = None
    info: dict = field(default_factory=dict)


def train(session: Session, *, actor: str, held_share: float = 0.2) -> TrainReport:
    """Retrain the event reader with this database's reviews; keep it unless it reads the held-back documents worse
    beyond their noise.

    Both sides of the comparison are trained on the same part of the bundled documents, one without the
    reviews (the reader as shipped) and one with them, and measured on the same held-back documents
    (bundled and reviewed), which neither saw: the shipped model itself has seen every bundled document.
    RETURNS (TrainReport): the figures without and with the reviews, and whether the new model was kept.
    """
    bundled, reviewed = bundled_documents(), reviewed_documents(session)
    if not reviewed:
        raise ModelError("nothing reviewed in this database yet: verify, correct or reject some events first")
    b_train, b_held = split(bundled, held_share)
    r_train, r_held = split(reviewed, held_share)
    held = _scored(b_held + r_held)
    labelled = {d.name: label(d) for d in bundled + reviewed}  # each document is read for training once
    old, new = read(fit(_pool(labelled, b_train, [])), held), read(fit(_pool(labelled, b_train, r_train)), held)
    before, after = score([d.gold for d in held], old), score([d.gold for d in held], new)
    report = TrainReport(len(bundled), len(reviewed), len(held), before, after, "current")
    report.p_worse = _p_worse(held, old, new)
    if report.p_worse >= WORSE_BEYOND_NOISE:
        return report
    # Kept: trained again on everything, held-back documents included.
    final_ex = _pool(labelled, bundled, reviewed)
    info = {"bundled_documents": len(bundled), "reviewed_documents": len(reviewed), "held_back": len(held),
            "before": {"macro_f1": round(before.macro_f1, 4), "events_f1": round(before.tallies["events"].prf[2], 4)},
            "after": {"macro_f1": round(after.macro_f1, 4), "events_f1": round(after.tallies["events"].prf[2], 4)}}
    model = fit(final_ex, info={"trained_by": actor, **info})
    session.execute(update(ReaderModelRow).values(active=False))
    row = ReaderModelRow(created_by=actor, active=True, model=model.dumps(), info=info)
    session.add(row)
    session.flush()
    session.add(Change(actor=actor, action="train", table="reader_models", row_id=row.id, before=None, after=info))
    report.kept, report.model_id, report.info = "new", row.id, info
    return report


def _pool(labelled: dict[str, Examples], bundled: list[GoldDoc], reviewed: list[GoldDoc]) -> Examples:
    """The examples of the bundled documents and, REVIEW_WEIGHT times over, of the reviewed ones."""
    out = Examples()
    for d in bundled:
        out.extend(labelled[d.name])
    for _ in range(REVIEW_WEIGHT):
        for d in reviewed:
            out.extend(labelled[d.name])
    return out


def _p_worse(docs: list[GoldDoc], old: list[dict], new: list[dict]) -> float:
    """How often the new reading's events F1 is below the old one's over resamplings of the documents (paired)."""
    tallies = []
    for d, a, b in zip(docs, old, new, strict=True):
        ta, tb = score([d.gold], [a]).tallies["events"], score([d.gold], [b]).tallies["events"]
        tallies.append(((ta.tp, ta.fp, ta.fn), (tb.tp, tb.fp, tb.fn)))
    if not tallies:
        return 0.0
    rng = random.Random(14)
    worse = 0
    for _ in range(_RESAMPLINGS):
        pick = [tallies[rng.randrange(len(tallies))] for _ in tallies]
        fa = _f1(*(sum(t[0][i] for t in pick) for i in range(3)))
        fb = _f1(*(sum(t[1][i] for t in pick) for i in range(3)))
        worse += fb < fa
    return worse / _RESAMPLINGS


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _figures(score: Score) -> dict:
    out = {f: {"precision": round(t.prf[0], 4), "recall": round(t.prf[1], 4), "f1": round(t.prf[2], 4)}
           for f, t in score.tallies.items()}
    return {**out, "macro_f1": round(score.macro_f1, 4)}


def report_json(report: TrainReport) -> dict:
    """A training report as plain data (`kuzet train --format json`)."""
    return {"bundled_documents": report.bundled, "reviewed_documents": report.reviewed, "held_back": report.held,
            "before": _figures(report.before), "after": _figures(report.after), "p_worse": round(report.p_worse, 3),
            "kept": report.kept,
            "model": report.model_id}
