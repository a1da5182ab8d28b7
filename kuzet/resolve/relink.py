"""Linking a stored document's new reading into the case database, keeping what people decided.

`Relinker.relink` compares what the document contributes now (its names, descriptors, event
sources, involvements, articles, affiliations) with what its new reading says, and changes
only the difference, so ids stay where the reading stays:

- a person the document names is the same row as before when the new reading names them on
  the same words (merges, splits and corrections live on that row and stay; relink_persons.py);
- an event the document reports is the same row when the new reading tells an act of the
  same kind on the same words. An event a person touched (verified, corrected, given a
  confidentiality, decided in review, or stood behind on the reading screen) keeps its
  fields: the new reading only fills what is empty and was not corrected, as a second
  report of an act does at ingest. Untouched, and reported by this document alone, it takes
  the new reading's fields (and joins the same act stored from another document, if the
  new reading now dates it so). An event people rejected is not read back in;
- what the new reading adds is linked as ingest links it (unverified); what it no longer
  finds, nobody touched and nothing else reports is removed, and so is a person only it
  named whom nobody touched. Organizations, places and articles stay: every document that
  mentions one shares its row, and no row says which do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, delete, func, select, update

from kuzet.resolve.carry import Carried, decided_events, overlap, pair, spans
from kuzet.resolve.confidence import REVIEW_BELOW, event_confidence
from kuzet.resolve.linker import _MEMBERSHIP_KINDS, _event_text, _StoredEvent
from kuzet.resolve.relink_persons import PersonRelinker
from kuzet.store import search
from kuzet.store.models import (
    MACHINE,
    Affiliation,
    Change,
    Document,
    Event,
    EventArticle,
    EventSource,
    Involvement,
    ReviewItem,
)

# Statements run for every document, built once (building one costs more than SQLite's work on it).
_DOC, _IDS = bindparam("doc"), bindparam("ids", expanding=True)
_SOURCES = (select(EventSource.id, EventSource.event_id, EventSource.evidence_start, EventSource.evidence_end)
            .where(EventSource.document_id == _DOC, EventSource.read_by == MACHINE).order_by(EventSource.id))
_REPORTED = select(EventSource.event_id).where(EventSource.document_id == _DOC)
_EVENTS = select(Event).where(Event.id.in_(_IDS))
_REPORTERS = select(EventSource.event_id, func.count()).where(EventSource.event_id.in_(_IDS)).group_by(EventSource.event_id)
_OPEN_ITEM = select(ReviewItem).where(ReviewItem.kind == "low_confidence", ReviewItem.a_id == bindparam("event"),
                                      ReviewItem.status == "open")
_INVOLVED = select(Involvement.id, Involvement.event_id, Involvement.role, Involvement.person_id,
                   Involvement.organization_id, Involvement.read_by).where(
    Involvement.document_id == _DOC, Involvement.event_id.in_(_IDS))
# This document's word on events it no longer reports (others still do).
_NO_LONGER = (Involvement.document_id == _DOC) & (Involvement.read_by == MACHINE) & Involvement.event_id.not_in(_REPORTED)
_INVOLVED_GONE = select(Involvement.person_id, Involvement.role).where(_NO_LONGER)
_DROP_INVOLVED_GONE = delete(Involvement).where(_NO_LONGER)
_CITED = select(EventArticle.id, EventArticle.event_id, EventArticle.article_id, EventArticle.document_id).where(
    EventArticle.event_id.in_(_IDS))
_DROP_CITED_GONE = delete(EventArticle).where(EventArticle.document_id == _DOC, EventArticle.event_id.not_in(_REPORTED))
_AFFILIATED = select(Affiliation.person_id, Affiliation.organization_id).where(Affiliation.document_id == _DOC)

_FIELDS = ("kind", "date", "date_precision", "time", "status", "outcome", "summary", "place_id")
_FILLABLE = ("date", "time", "outcome", "place_id")


@dataclass(slots=True)
class Relinked:
    events_before: set[int] = field(default_factory=set)
    events_after: set[int] = field(default_factory=set)
    victims: set[int] = field(default_factory=set)  # persons whose cases to rebuild
    people: set[int] = field(default_factory=set)  # persons this document may have been the last to name


@dataclass(slots=True)
class _Source:
    id: int
    event_id: int
    start: int
    end: int


class Relinker(PersonRelinker):
    """A `Linker` that links a stored document again; one per run (its lookups are cached across documents)."""

    def reload(self) -> None:
        super().reload()
        self._rejected: dict[int, list[tuple[int, int, str]]] | None = None

    def relink(self, doc: Document, earlier: dict, record: dict, carried: Carried) -> Relinked:
        """Bring `doc`'s links in line with `record` (its new reading; `earlier` the stored one). The caller commits."""
        s, out = self.session, Relinked()
        label = doc.path or doc.sha256[:12]
        places = {p["id"]: self._place(p) for p in record["places"]}
        articles = {a["id"]: self._article(a) for a in record["law_articles"]}
        orgs = {o["id"]: self._organization(o) for o in record["organizations"]}
        gone_people = set()
        self.matcher.begin(record, doc.text)  # a person new to this reading is matched with its context too
        persons = self._persons(doc.id, record, carried, label, gone_people)
        self.matcher.begin(None)
        names = {p["id"]: p["name"] for p in record["persons"]}
        numbers = {a["id"]: a["article"] for a in record["law_articles"]}

        given = {"doc": doc.id}
        sources = [_Source(*r) for r in s.execute(_SOURCES, given)]
        out.events_before = set(s.execute(_REPORTED, given).scalars())
        ids = {"ids": list(out.events_before)}
        stored = {e.id: e for e in s.execute(_EVENTS, ids).scalars()}
        reporters = dict(s.execute(_REPORTERS, ids).all())
        touched, corrected = self._touched(out.events_before, stored, sources, carried)
        read_at: dict[int, set[str]] = defaultdict(set)  # the kinds the earlier reading read at each evidence start
        for ev in earlier.get("events", []):
            if ev["evidence"]:
                read_at[ev["evidence"][0]["start"]].add(ev["kind"])
        rejected = self._rejected_spans(doc.id)
        by_source = pair([(str(src.id), [(src.start, src.end)], {stored[src.event_id].kind} | read_at[src.start])
                          for src in sources], [(ev["id"], spans(ev, "events"), ev["kind"]) for ev in record["events"]])
        by_id = {str(src.id): src for src in sources}
        matched = {ev_id: by_id[sid] for sid, ev_id in by_source.items()}
        claimed: dict[int, _Source | None] = {}  # event id -> this document's source of it, if it had one
        mine = {src.event_id: src for src in sources}
        wanted_inv: dict[int, set[tuple]] = defaultdict(set)
        wanted_art: dict[int, set[int]] = defaultdict(set)
        new_sources: list[dict] = []
        index: list[tuple[str, int, str]] = []
        review: list[dict] = []
        here: dict[tuple[str, date, int], _StoredEvent] = {}
        doomed: set[int] = set()

        for ev in record["events"]:
            if ev["id"] in carried.rejected or any(
                    kind == ev["kind"] and overlap(spans(ev, "events"), [(start, end)]) for start, end, kind in rejected):
                continue  # people rejected this act as read here: it is not read back in
            victims = [persons[v] for v in ev["victims"] if v in persons]
            when = date.fromisoformat(ev["date"]) if ev["date"] else None
            place_id = places.get(ev.get("place"))
            src = matched.get(ev["id"])
            event_id = None
            if src is not None and src.event_id not in claimed:
                x = stored[src.event_id]
                if x.id in touched:
                    self._fill(x, ev, place_id, corrected.get(x.id, set()))
                    event_id = x.id
                elif reporters.get(x.id, 0) > 1:
                    self._retold(_StoredEvent(x.id, x.outcome, x.time, x.place_id, x.status), ev, place_id)
                    event_id = x.id
                else:
                    other = None
                    if (x.kind, x.date) != (ev["kind"], when):
                        other = self._same_event(ev["kind"], when, victims, besides=x.id)
                    if other is None:
                        if self._update(x, record, ev, place_id):
                            index.append(("event", x.id, _event_text(ev, names, numbers)))
                            search.remove(s, "event", x.id)
                        event_id = x.id
                    else:
                        doomed.add(x.id)  # the same act as `other` now: it joins it below
                if event_id is not None:
                    claimed[event_id] = src
                    self._evidence(src, ev)
            if event_id is None:
                found = next((here[(ev["kind"], when, v)] for v in victims if (ev["kind"], when, v) in here), None) \
                    or self._same_event(ev["kind"], when, victims)
                if found is not None and found.id in mine and found.id not in claimed:
                    # An act this document reported before, now told on other words.
                    doomed.discard(found.id)
                    claimed[found.id] = mine[found.id]
                    self._evidence(mine[found.id], ev)
                    event_id = found.id
                elif found is not None:
                    event_id = found.id
                    if found.id not in claimed and found.id not in out.events_before:
                        self._retold(found, ev, place_id)
                        first = ev["evidence"][0] if ev["evidence"] else {"start": 0, "end": 0}
                        new_sources.append({"event_id": found.id, "document_id": doc.id,
                                            "evidence_start": first["start"], "evidence_end": first["end"]})
                    claimed.setdefault(found.id, None)
                else:
                    event_id = self._new_event(record, ev, when, place_id, review)
                    index.append(("event", event_id, _event_text(ev, names, numbers)))
                    claimed[event_id] = None
                    first = ev["evidence"][0] if ev["evidence"] else {"start": 0, "end": 0}
                    new_sources.append({"event_id": event_id, "document_id": doc.id,
                                        "evidence_start": first["start"], "evidence_end": first["end"]})
                    found = _StoredEvent(event_id, ev.get("outcome"), ev.get("time"), place_id, ev["status"])
                if when is not None:
                    here.update({(ev["kind"], when, v): found for v in victims})
            elif when is not None:
                x = stored[event_id]
                here.update({(ev["kind"], when, v): _StoredEvent(x.id, x.outcome, x.time, x.place_id, x.status)
                             for v in victims})
            for role, refs in (("victim", ev["victims"]), ("perpetrator", ev["perpetrators"]),
                               ("official", ev["officials"]), ("involved", ev["organizations"])):
                wanted_inv[event_id] |= {(role, persons.get(r), orgs.get(r)) for r in refs if r in persons or r in orgs}
            wanted_art[event_id] |= {articles[a] for a in ev["law_articles"] if a in articles}
            out.victims.update(victims)

        self._insert_many(EventSource, new_sources)
        self._insert_many(ReviewItem, review)
        kept = set(claimed)
        for src in sources:
            if src.event_id in kept:
                continue
            if src.event_id in touched:
                kept.add(src.event_id)  # a person stood behind it: this document still reports it, as before
            elif reporters.get(src.event_id, 0) > 1 and src.event_id not in doomed:
                s.execute(delete(EventSource).where(EventSource.id == src.id))
            else:
                doomed.add(src.event_id)
        self._involve(doc.id, kept, touched, wanted_inv, out)
        self._cite(doc.id, kept, touched, wanted_art)
        for event_id in doomed - kept:
            self._delete_event(stored[event_id], out)
        self._affiliate(doc.id, record, persons, orgs)
        search.add_many(s, index)
        out.events_after = set(s.execute(_REPORTED, given).scalars())
        out.people |= gone_people
        out.victims |= gone_people
        return out

    # -- events ----------------------------------------------------------------------------------

    def _touched(self, ids: set[int], stored: dict[int, Event], sources: list[_Source],
                 carried: Carried) -> tuple[set[int], dict[int, set[str]]]:
        """Events a person touched (decided on, or stood behind on the reading screen), and the fields people
        corrected on each."""
        touched, corrected = decided_events(self.session, ids)
        touched |= {src.event_id for src in sources if (src.start, stored[src.event_id].kind) in carried.vouched_events}
        return touched, corrected

    def _rejected_spans(self, doc_id: int) -> list[tuple[int, int, str]]:
        """(start, end, kind) of this document's events people rejected (the change keeps the whole event).

        Read once a run, for every document: a run re-reads many, and nobody rejects through it."""
        if self._rejected is None:
            self._rejected = defaultdict(list)
            for before in self.session.execute(select(Change.before).where(
                    Change.table == "events", Change.action == "reject")).scalars():
                for src in (before or {}).get("sources") or []:
                    self._rejected[src.get("document")].append((src["start"], src["end"], before.get("kind")))
        return self._rejected.get(doc_id, [])

    def _same_event(self, kind: str, when: date | None, victims: list[int], besides: int | None = None):  # noqa: ANN202
        found = super()._same_event(kind, when, victims)
        return None if found is not None and found.id == besides else found

    def _fill(self, x: Event, ev: dict, place_id: int | None, corrected: set[str]) -> None:
        """What a touched event leaves empty, filled from the new reading (never a field people corrected)."""
        new = {"date": date.fromisoformat(ev["date"]) if ev["date"] else None, "time": ev.get("time"),
               "outcome": ev.get("outcome"), "place_id": place_id}
        for k in _FILLABLE:
            if getattr(x, k) is None and new[k] is not None and k not in corrected:
                setattr(x, k, new[k])
                if k == "date":
                    x.date_precision = ev.get("date_precision") or "day"
        if x.status == "scheduled" and ev["status"] == "happened" and "status" not in corrected:
            x.status = "happened"

    def _update(self, x: Event, record: dict, ev: dict, place_id: int | None) -> bool:
        """An untouched event of this document alone takes the new reading; returns whether a field changed."""
        new = {"kind": ev["kind"], "date": date.fromisoformat(ev["date"]) if ev["date"] else None,
               "date_precision": ev.get("date_precision") or "day", "time": ev.get("time"), "status": ev["status"],
               "outcome": ev.get("outcome"), "summary": ev.get("summary") or "", "place_id": place_id}
        changed = False
        for k in _FIELDS:
            if getattr(x, k) != new[k]:
                setattr(x, k, new[k])
                changed = True
        confidence, doubts = event_confidence(record, ev)
        if x.confidence != confidence:
            x.confidence = confidence
        item = self.session.execute(_OPEN_ITEM, {"event": x.id}).scalars().first()
        if confidence < REVIEW_BELOW and item is None:
            self._insert(ReviewItem, {"kind": "low_confidence", "a_id": x.id, "b_id": None, "score": confidence,
                                      "reason": "; ".join(doubts)})
        elif confidence < REVIEW_BELOW:
            item.score, item.reason = confidence, "; ".join(doubts)
        elif item is not None:
            self.session.delete(item)
        return changed

    def _evidence(self, src: _Source | None, ev: dict) -> None:
        first = ev["evidence"][0] if ev["evidence"] else {"start": 0, "end": 0}
        if src is not None and (src.start, src.end) != (first["start"], first["end"]):
            self.session.execute(update(EventSource).where(EventSource.id == src.id).values(
                evidence_start=first["start"], evidence_end=first["end"]))

    def _involve(self, doc_id: int, kept: set[int], touched: set[int], wanted: dict[int, set[tuple]],
                      out: Relinked) -> None:
        s = self.session
        have: dict[int, dict[tuple, int]] = defaultdict(dict)
        for iid, event_id, role, pid, oid, read_by in s.execute(_INVOLVED, {"doc": doc_id, "ids": list(kept)}):
            if read_by == MACHINE:
                have[event_id][(role, pid, oid)] = iid
        drop = []
        for event_id in kept:
            for key, iid in have[event_id].items():
                if key not in wanted[event_id] and event_id not in touched:
                    drop.append(iid)
                    out.people.add(key[1])
                    if key[0] == "victim" and key[1]:
                        out.victims.add(key[1])
        if drop:
            s.execute(delete(Involvement).where(Involvement.id.in_(drop)))
        self._insert_many(Involvement, [
            {"event_id": event_id, "person_id": pid, "organization_id": oid, "role": role, "document_id": doc_id}
            for event_id in sorted(kept) for role, pid, oid in sorted(wanted[event_id], key=str)
            if (role, pid, oid) not in have[event_id]])
        # Involvements of events this document no longer reports (others still do): its word on them goes.
        for pid, role in s.execute(_INVOLVED_GONE, {"doc": doc_id}):
            out.people.add(pid)
            if role == "victim" and pid:
                out.victims.add(pid)
        s.execute(_DROP_INVOLVED_GONE, {"doc": doc_id})

    def _cite(self, doc_id: int, kept: set[int], touched: set[int], wanted: dict[int, set[int]]) -> None:
        s = self.session
        cited: dict[int, dict[int, int | None]] = defaultdict(dict)  # event -> article -> id of this document's row
        for rid, event_id, article_id, doc in s.execute(_CITED, {"ids": list(kept)}):
            cited[event_id][article_id] = rid if doc == doc_id else None
        drop = [rid for event_id in kept if event_id not in touched for article_id, rid in cited[event_id].items()
                if rid is not None and article_id not in wanted[event_id]]
        if drop:
            s.execute(delete(EventArticle).where(EventArticle.id.in_(drop)))
        self._insert_many(EventArticle, [{"event_id": e, "article_id": a, "document_id": doc_id}
                                         for e in sorted(kept) for a in sorted(wanted[e]) if a not in cited[e]])
        s.execute(_DROP_CITED_GONE, {"doc": doc_id})

    def _delete_event(self, x: Event, out: Relinked) -> None:
        s = self.session
        for pid, role in s.execute(select(Involvement.person_id, Involvement.role).where(Involvement.event_id == x.id)):
            out.people.add(pid)
            if role == "victim" and pid:
                out.victims.add(pid)
        for model in (EventArticle, Involvement, EventSource):
            s.execute(delete(model).where(model.event_id == x.id))
        s.execute(delete(ReviewItem).where(ReviewItem.kind == "low_confidence", ReviewItem.a_id == x.id))
        search.remove(s, "event", x.id)
        s.delete(x)
        s.flush()

    def _affiliate(self, doc_id: int, record: dict, persons: dict[str, int], orgs: dict[str, int]) -> None:
        s = self.session
        want = {(persons[v], orgs[o]) for ev in record["events"] for o in ev["organizations"]
                if o in orgs and self._org_kinds.get(orgs[o]) in _MEMBERSHIP_KINDS for v in ev["victims"] if v in persons}
        have = set(s.execute(_AFFILIATED, {"doc": doc_id}).all())
        for pid, oid in have - want:
            s.execute(delete(Affiliation).where(Affiliation.person_id == pid, Affiliation.organization_id == oid,
                                                Affiliation.document_id == doc_id))
        self._insert_many(Affiliation, [{"person_id": p, "organization_id": o, "document_id": doc_id}
                                        for p, o in sorted(want - have)])
