"""Scoring person resolution against a fixture set's gold.json: pairwise F1, look-alike merges, timelines.

A fixture set is a folder with docs/ and gold.json: `tests/data/resolution/` (46 documents,
14 people, EN and RU, with timelines), `tests/data/resolution-hard/` (40 documents written
blind, with look-alike pairs) and `tests/data/resolution-cases/` (invented cases, one per class
of miss). Each gold mention (a document and a piece of a mention's text) is looked up in that
document's extraction record, then followed to the stored person it was linked to. Two
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


def gold(data: Path = DATA) -> dict:
    return json.loads((data / "gold.json").read_text(encoding="utf-8"))


def _linked_person(session: Session, doc: Document, piece: str) -> int | None:
    for entry in doc.record["persons"]:
        if any(piece in m["text"] for m in entry["mentions"]):
            pid = session.execute(select(PersonName.person_id).where(
                PersonName.document_id == doc.id, PersonName.name == entry["name"])).scalars().first()
            return root_id(session, Person, pid) if pid else None
    return None


def score(session: Session, data: Path = DATA) -> ResolutionScore:
    g = gold(data)
    docs = {Path(d.path).name: d for d in session.execute(select(Document)).scalars()}
    truth: dict[str, str] = {}
    found: dict[str, int | str] = {}
    unfound = []
    for name, pieces in g["mentions"].items():
        for piece, who in pieces.items():
            label = f"{name}:{piece}"
            truth[label] = who
            pid = _linked_person(session, docs[name], piece)
            if pid is None:
                unfound.append(label)
            found[label] = pid if pid is not None else label
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
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    result = ResolutionScore(p, r, 2 * p * r / (p + r) if p + r else 0.0, wrong, missed, unfound)

    linked: dict[str, set[int | str]] = {}
    for label, who in truth.items():
        linked.setdefault(who, set()).add(found[label])
    for one, other in g.get("lookalikes", []):
        if linked.get(one, set()) & linked.get(other, set()):
            result.lookalikes_merged.append((one, other))

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
