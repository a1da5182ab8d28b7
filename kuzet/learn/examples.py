"""Labelled examples for the event reader's three decisions, read off annotated documents.

Gold files say which acts a document tells (kinds, date, victims, and for documents written for
training also the evidence: the exact text that states the act). Every candidate the reader
proposes is labelled by the gold events it could be:
- *act*: 1 when a gold event of its kind is told in its sentence (or, without evidence, concerns a
  person it could take as victim); 0 when none is. A candidate whose act is real but whose victim the
  reader cannot see teaches nothing about the wording and is left out.
- *date*: for a kept act, each way to date it is right when its value is the gold date (or an
  alternative), "none" when the gold has no date.
- *victim*: each person it could take is right when the gold names them.
In a partial annotation (reviews from the desk) only candidates a gold event speaks of are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kuzet.evaluate import norm, same
from kuzet.extract.event_candidates import Candidate, propose
from kuzet.extract.persons import Person
from kuzet.extract.pipeline import analyse
from kuzet.learn.corpus import GoldDoc


@dataclass(slots=True)
class Examples:
    """Feature lists with 0/1 labels per decision, and groups of date options (one group per act)."""

    act: list[tuple[list[str], int]] = field(default_factory=list)
    date: list[tuple[list[str], int]] = field(default_factory=list)
    victim: list[tuple[list[str], int]] = field(default_factory=list)

    def extend(self, other: Examples) -> None:
        self.act += other.act
        self.date += other.date
        self.victim += other.victim


def _is(person: Person, name: str) -> bool:
    forms = [person.name, *(m.span.text.lstrip("#") for m in person.mentions)]
    return any(norm(f) == norm(name) for f in forms) or any(same(f, name) for f in forms)


def _evidence_spans(text: str, events: list[dict]) -> list[tuple[int, int] | None]:
    spans: list[tuple[int, int] | None] = []
    for g in events:
        ev = g.get("evidence")
        at = text.find(ev) if ev else -1
        spans.append((at, at + len(ev)) if at >= 0 else None)
    return spans


def label(gd: GoldDoc) -> Examples:
    """The examples one annotated document gives.

    RETURNS (Examples): act, date and victim examples.
    """
    a = analyse(gd.text, path=gd.name, doc_date=gd.doc_date)
    candidates = propose(a.doc, a.layout, persons=a.persons, dates=a.dates)
    events = [g for g in gd.gold.get("events", []) if g.get("victims")]
    spans = _evidence_spans(gd.text, events)
    out = Examples()
    for c in candidates:
        c.complete()
        sent = a.layout.sentences[c.sentence]
        matched = []
        rejected = False
        for g, span in zip(events, spans, strict=True):
            if c.kind not in g.get("kinds", []):
                continue
            if span is not None and not (span[0] < sent.end and sent.start < span[1]):
                continue
            seen = [o for o in c.victims if any(_is(o.person, v) for v in g["victims"])]
            if span is None and not seen:
                continue
            if g.get("rejected"):
                rejected = True
                continue
            matched.append((g, seen))
        if rejected and not matched:
            out.act.append((c.features, 0))
            continue
        if not matched:
            if not gd.partial:
                out.act.append((c.features, 0))
            continue
        if not any(seen for _, seen in matched):
            continue  # the act is real, but the reader does not see its victim here
        out.act.append((c.features, 1))
        _label_options(c, [g for g, seen in matched if seen], out)
    return out


def _label_options(c: Candidate, golds: list[dict], out: Examples) -> None:
    wanted = {d for g in golds for d in [g.get("date"), *g.get("date_alternatives", [])]}
    labels = [int((o.value.isoformat() if o.value else None) in wanted) for o in c.dates]
    if any(labels) and not all(labels):
        out.date += [(o.features, y) for o, y in zip(c.dates, labels, strict=True)]
    names = [v for g in golds for v in g["victims"]]
    for o in c.victims:
        out.victim.append((o.features, int(any(_is(o.person, v) for v in names))))


def examples(docs: list[GoldDoc]) -> Examples:
    """The examples of many documents."""
    out = Examples()
    for gd in docs:
        out.extend(label(gd))
    return out
