"""People's word on a document's facts, carried from its earlier reading to a new one (`kuzet reread`).

A `FactReview` names a fact by its id in the record (p1, e3, ...), and a new reading numbers
its facts afresh. So each fact of the earlier reading is paired with the fact of the new
reading that stands on the same words (overlapping spans; an event of the same kind, as
read or as corrected), and every decision on it follows it there:

- paired: the decisions now name the new fact. Where the new reading gives another value
  than the one a person stood behind (accepted, corrected, verified), that value is pinned
  in the first of their decisions, so the fact reads as they left it; a field they left
  empty is not pinned, and the new reading may fill it.
- not found again, but accepted, corrected or verified: the earlier reading of it becomes a
  fact a person holds (an `add` row marked `kept_from`), and the decisions follow it there.
- not found again and rejected: the new reading agrees; the decisions stay, under a retired
  id (`r<change>.e3`) that no fact of any reading can take.
- not found again, undecided here, but its event decided on in the case database (verified
  in review, corrected, given a confidentiality): the event stays there (relink.py), so the
  document keeps the fact too, as one people hold.

Facts people added by hand (hp1, he2, ...) are theirs and stay as they are.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from kuzet.resolve.corrections import EDITABLE, GROUPS, facts, linked_event
from kuzet.store.models import Change, Document, Event, FactReview, ReviewItem

VOUCHED = ("accepted", "corrected", "verified")


@dataclass(slots=True)
class Carried:
    """What the carrying found, for linking the new reading into the case database."""

    rejected: set[str] = field(default_factory=set)  # new fact ids people had rejected
    # Where each earlier fact a person stood behind begins (persons), or begins and of what kinds (events):
    # the case-database rows read there stay. Several acts of one sentence share a start.
    vouched_persons: set[int] = field(default_factory=set)
    vouched_events: set[tuple[int, str]] = field(default_factory=set)
    added_person_starts: set[int] = field(default_factory=set)  # persons people marked by hand
    moved: int = 0  # decisions now naming a fact of the new reading
    kept: int = 0  # facts kept as people's own, with their decisions
    retired: int = 0  # rejected facts the new reading no longer has
    reviews: int = 0  # decision rows on the document, all kept


_IDS = bindparam("ids", expanding=True)
_VERIFIED = select(Event.id).where(Event.id.in_(_IDS), Event.verified_by.is_not(None))
_CHANGED = select(Change.row_id, Change.action, Change.before, Change.after).where(
    Change.table == "events", Change.row_id.in_(_IDS))
_DECIDED = select(ReviewItem.a_id).where(ReviewItem.kind == "low_confidence", ReviewItem.a_id.in_(_IDS),
                                         ReviewItem.status != "open")


def decided_events(session: Session, ids: set[int]) -> tuple[set[int], dict[int, set[str]]]:
    """Those of these events people decided on in the case database (verified, corrected, given a
    confidentiality, reverted, decided in review), and the fields people corrected on each."""
    given = {"ids": list(ids)}
    decided = set(session.execute(_VERIFIED, given).scalars()) | set(session.execute(_DECIDED, given).scalars())
    corrected: dict[int, set[str]] = defaultdict(set)
    for row_id, action, before, after in session.execute(_CHANGED, given):
        decided.add(row_id)
        if action in ("correct", "revert"):
            corrected[row_id] |= set(after or {}) | set(before or {})
    return decided, corrected


def spans(entry: dict, group: str) -> list[tuple[int, int]]:
    key = "evidence" if group == "events" else "mentions"
    return [(s["start"], s["end"]) for s in entry.get(key) or []]


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters two lists of spans share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def pair(old: list[tuple[str, list[tuple[int, int]], set[str]]],
         new: list[tuple[str, list[tuple[int, int]], str]]) -> dict[str, str]:
    """Pair items one to one, most shared characters first.

    old: (id, spans, the kinds it may pair with or an empty set for any); new: (id, spans, kind).
    RETURNS (dict[str, str]): old id -> new id.
    """
    # The new spans by start, so each old span meets only those near it (a long bulletin has thousands).
    flat = sorted((a, b, j) for j, (_, spans_, _) in enumerate(new) for a, b in spans_)
    starts = [a for a, _, _ in flat]
    longest = max((b - a for a, b, _ in flat), default=0)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for i, (_, ospans, kinds) in enumerate(old):
        for a, b in ospans:
            k = bisect_left(starts, a - longest)
            while k < len(flat) and flat[k][0] < b:
                na, nb, j = flat[k]
                if min(b, nb) > max(a, na) and (not kinds or new[j][2] in kinds):
                    shared[(i, j)] += min(b, nb) - max(a, na)
                k += 1
    out: dict[str, str] = {}
    taken: set[str] = set()
    for _, i, j in sorted((-n, i, j) for (i, j), n in shared.items()):
        oid, nid = old[i][0], new[j][0]
        if oid not in out and nid not in taken:
            out[oid] = nid
            taken.add(nid)
    return out


def _pair_group(group: str, earlier: list[dict], entries: list[dict]) -> dict[str, str]:
    def kinds(f: dict) -> set[str]:
        return {f["machine"]["kind"], f["fields"]["kind"]} if group == "events" else set()

    return pair([(f["id"], [(s["start"], s["end"]) for s in f["spans"]], kinds(f)) for f in earlier],
                [(e["id"], spans(e, group), e.get("kind", "")) for e in entries])


def carry(session: Session, doc: Document, record: dict, *, actor: str, tag: str) -> Carried:
    """Make the decisions on `doc`'s facts name the facts of `record`, its new reading; call before storing it.

    tag: what retired ids begin with (the re-read's change, "r42"). actor: who re-reads (named on kept facts).
    """
    earlier = facts(session, doc.id)
    rows: dict[str, list[FactReview]] = defaultdict(list)
    for r in session.execute(select(FactReview).where(FactReview.document_id == doc.id).order_by(FactReview.id)).scalars():
        rows[r.fact_id].append(r)
    out = Carried(reviews=sum(len(v) for v in rows.values()))
    numbers: dict[str, int] = defaultdict(int)
    for fid, rs in rows.items():
        if fid.startswith("h") and any(r.action == "add" for r in rs):
            numbers[fid[1]] += 1
    known: set[str] = set()
    for group, letter in ((g, k) for k, g in GROUPS.items()):
        machine = [f for f in earlier[group] if f["machine"] is not None]
        # Facts people hold (marked by hand, or kept by an earlier re-read) keep their rows, unless since rejected.
        held = [f for f in earlier[group] if f["machine"] is None and f["spans"] and f["state"] != "rejected"]
        if group == "persons":
            out.added_person_starts = {f["spans"][0]["start"] for f in held}
        elif group == "events":
            out.vouched_events |= {(f["spans"][0]["start"], f["fields"]["kind"]) for f in held}
        entries = {e["id"]: e for e in record.get(group, [])}
        paired = _pair_group(group, machine, list(entries.values()))
        held_elsewhere = _held_elsewhere(session, doc, group, [f for f in machine if f["id"] not in paired
                                                                and f["id"] not in rows])
        for f in machine:
            known.add(f["id"])
            decided = rows.get(f["id"])
            if f["id"] in held_elsewhere:
                # Decided on in the case database (verified in review, say), and the new reading lost it: the
                # event stays there, so the document keeps it as a fact people hold.
                numbers[letter] += 1
                _keep(session, doc, f, f"h{letter}{numbers[letter]}", group, actor)
                out.kept += 1
                continue
            if not decided:
                continue
            vouched = f["state"] in VOUCHED
            if vouched and f["spans"] and group == "persons":
                out.vouched_persons.add(f["spans"][0]["start"])
            elif vouched and f["spans"] and group == "events":
                out.vouched_events |= {(f["spans"][0]["start"], k) for k in (f["machine"]["kind"], f["fields"]["kind"])}
            new_id = paired.get(f["id"])
            if new_id is not None:
                for r in decided:
                    r.fact_id = new_id
                out.moved += len(decided)
                if f["state"] == "rejected":
                    out.rejected.add(new_id)
                elif vouched:
                    _pin(decided, f["fields"], entries[new_id], group)
            elif vouched:
                numbers[letter] += 1
                hid = f"h{letter}{numbers[letter]}"
                _keep(session, doc, f, hid, group, actor)
                for r in decided:
                    r.fact_id = hid
                out.kept += 1
            else:
                _retire(decided, tag)
                out.retired += 1
    # Decisions naming a fact no reading had (an inconsistent import): retired, so no new fact inherits them.
    for fid, rs in rows.items():
        if not fid.startswith("h") and "." not in fid and fid not in known:
            _retire(rs, tag)
            out.retired += 1
    session.flush()
    return out


def _held_elsewhere(session: Session, doc: Document, group: str, lost: list[dict]) -> set[str]:
    """Ids of `lost` event facts whose case-database event people decided on."""
    if group != "events" or not lost:
        return set()
    linked = {f["id"]: linked_event(session, doc.id, f) for f in lost}
    decided, _ = decided_events(session, {e.id for e in linked.values() if e is not None})
    return {fid for fid, e in linked.items() if e is not None and e.id in decided}


def _keep(session: Session, doc: Document, f: dict, hid: str, group: str, actor: str) -> None:
    """The earlier reading of a fact, kept as one people hold (an `add` row naming where it came from)."""
    key = "evidence" if group == "events" else "mentions"
    entry = {**f["machine"], "kept_from": f["id"],
             key: [{"start": s["start"], "end": s["end"], "text": doc.text[s["start"]:s["end"]]} for s in f["spans"]]}
    session.add(FactReview(document_id=doc.id, fact_id=hid, action="add", fields=entry, actor=actor))


def _pin(decided: list[FactReview], stood: dict, entry: dict, group: str) -> None:
    """Keep the values a person stood behind where the new reading gives others (see the module docstring)."""
    changed: dict = {}
    for r in decided:
        if r.action in ("correct", "verify", "accept") and r.fields:
            changed.update(r.fields)
    pins = {k: v for k, v in stood.items()
            if k in EDITABLE[group] and k not in changed and v is not None and entry.get(k) != v}
    first = next((r for r in decided if r.action in ("accept", "correct", "verify")), None)
    if pins and first is not None:
        first.fields = {**pins, **(first.fields or {})}


def _retire(decided: list[FactReview], tag: str) -> None:
    for r in decided:
        r.fact_id = f"{tag}.{r.fact_id}"[:20]
