"""Scoring person resolution against a fixture set's gold.json: pairwise F1, look-alike merges, timelines.

A fixture set is a folder with docs/ and gold.json: `tests/data/resolution/` (46 documents,
14 people, EN and RU, with timelines), `tests/data/resolution-hard/` (40 documents written
blind, with look-alike pairs) and `tests/data/resolution-cases/` (invented cases, one per class
of miss). Each gold mention (a document and a piece of a mention's text, or a piece of the text holding
one mention) is looked up in that document's extraction record, then followed to the stored
person it was linked to. Two
mentions form a pair when they are the same person; precision and recall are counted over
pairs, the usual measure for entity resolution (a mention the reader missed counts as a
person of its own). A look-alike pair (two different people with near names) is merged when
any mention of one was linked to the same stored person as any mention of the other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.resolve.identity import root_id
from kuzet.store import queries
from kuzet.store.models import Document, Person, PersonName

FIXTURES = Path(__file__).resolve().parents[1] / "data"
DATA = FIXTURES / "resolution"
HARD = FIXTURES / "resolution-hard"
CASES = FIXTURES / "resolution-cases"


@dataclass
class ResolutionScore:
    precision: float
    recall: float
    f1: float
    wrong_pairs: list[tuple[str, str]] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)
    unfound: list[str] = field(default_factory=list)
    timeline_problems: dict[str, list[str]] = field(default_factory=dict)
    lookalikes_merged: list[tuple[str, str]] = field(default_factory=list)
    found_f1: float = 0.0  # pairwise F1 over the mentions the reader found: resolution's own share
    # Look-alike pairs merged by linking, not by the reader joining both in one document's person.
    lookalikes_linked: list[tuple[str, str]] = field(default_factory=list)


def gold(data: Path = DATA) -> dict:
    return json.loads((data / "gold.json").read_text(encoding="utf-8"))


def _entry_at(doc: Document, piece: str) -> dict | None:
    """The record's person whose mention is (or lies in) the first occurrence of `piece` naming one."""
    for entry in doc.record["persons"]:
        if any(piece in m["text"] for m in entry["mentions"]):
            return entry
    # A piece with words around the name ("activist A. Zhakupova"): the person named inside it.
    at = doc.text.find(piece)
    while at >= 0:
        end = at + len(piece)
        overlap = [(min(end, m["end"]) - max(at, m["start"]), i) for i, e in enumerate(doc.record["persons"])
                   for m in e["mentions"] if m["start"] < end and at < m["end"]]
        if overlap:
            return doc.record["persons"][max(overlap)[1]]
        at = doc.text.find(piece, at + 1)
    return None


def _linked_person(session: Session, doc: Document, piece: str) -> tuple[int, str] | None:
    """The stored person (root) the piece's mention was linked to, and the record entry it is in."""
    entry = _entry_at(doc, piece)
    if entry is None:
        return None
    pid = session.execute(select(PersonName.person_id).where(
        PersonName.document_id == doc.id, PersonName.name == entry["name"])).scalars().first()
    return (root_id(session, Person, pid), f"{doc.id}:{entry['id']}") if pid else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(truth: dict[str, str], found: dict[str, int | str]) -> tuple[float, float, list, list]:
    """Pairwise precision and recall, with the wrong and the missed pairs."""
    tp = fp = fn = 0
    wrong, missed = [], []
    for a, b in combinations(sorted(truth), 2):
        same_gold, same_found = truth[a] == truth[b], found[a] == found[b]
        tp += same_gold and same_found
        if same_found and not same_gold:
            fp += 1
            wrong.append((a, b))
        if same_gold and not same_found:
            fn += 1
            missed.append((a, b))
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0), wrong, missed


def score(session: Session, data: Path = DATA) -> ResolutionScore:
    g = gold(data)
    docs = {Path(d.path).name: d for d in session.execute(select(Document)).scalars()}
    truth: dict[str, str] = {}
    found: dict[str, int | str] = {}
    entries: dict[str, str] = {}
    unfound = []
    for name, pieces in g["mentions"].items():
        for piece, who in pieces.items():
            label = f"{name}:{piece}"
            truth[label] = who
            hit = _linked_person(session, docs[name], piece)
            if hit is None:
                unfound.append(label)
            found[label], entries[label] = hit if hit is not None else (label, label)
    p, r, wrong, missed = _pairs(truth, found)
    result = ResolutionScore(p, r, _f1(p, r), wrong, missed, unfound)
    seen = [label for label in truth if label not in unfound]
    result.found_f1 = _f1(*_pairs({m: truth[m] for m in seen}, found)[:2])

    people_in: dict[str, set[str]] = {}
    for label, who in truth.items():
        people_in.setdefault(entries[label], set()).add(who)
    for one, other in g.get("lookalikes", []):
        ones = [m for m, w in truth.items() if w == one]
        others = [m for m, w in truth.items() if w == other]
        if any(found[a] == found[b] for a in ones for b in others):
            result.lookalikes_merged.append((one, other))
        clean = [m for m in ones + others if len(people_in[entries[m]]) == 1]
        if any(found[a] == found[b] for a in clean for b in clean if truth[a] == one and truth[b] == other):
            result.lookalikes_linked.append((one, other))

    # The person most of a key's mentions were linked to carries that key's timeline.
    for who, expected in g.get("timelines", {}).items():
        ids = [found[m] for m, w in truth.items() if w == who and isinstance(found[m], int)]
        problems = []
        if not ids:
            result.timeline_problems[who] = ["never linked"]
            continue
        pid = max(set(ids), key=ids.count)
        timeline = [(e["date"], e["kind"]) for e in queries.dossier(session, pid)["timeline"]]
        for when, kind in expected:
            n = timeline.count((when, kind))
            if n != 1:
                problems.append(f"{when} {kind} x{n}")
        dated = [t[0] for t in timeline if t[0]]
        if dated != sorted(dated):
            problems.append("out of order")
        if problems:
            result.timeline_problems[who] = problems
    return result
