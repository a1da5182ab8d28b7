"""Storing one document's extraction record: linking its entries to what the database knows.

Everything for one document happens in the caller's transaction: the document, its
places, articles, organizations, persons (linked, new, or new with a review item),
events (merged with the same act reported before), involvements and search entries.
Either all of it is stored or none. Cases are rebuilt by the caller, once per batch,
for the persons `Linker.touched` names.

Ingest stores tens of thousands of documents, so the linker writes with Core
statements (no ORM unit of work per row) and keeps what it looks up often in memory
for one batch: places, articles, organizations, and (across batches) the `NameIndex`.
After a document fails and its savepoint is rolled back, `reload` brings those back in
line with the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kuzet.ingest.sources import SourceDocument
from kuzet.resolve.confidence import REVIEW_BELOW, event_confidence
from kuzet.resolve.curation import merge
from kuzet.resolve.identity import group_ids, root_id
from kuzet.resolve.matching import PersonMatcher
from kuzet.resolve.name_index import NameIndex
from kuzet.resolve.names import REVIEW, NameKeys
from kuzet.resolve.organizations import identity_key
from kuzet.store import search
from kuzet.store.models import (
    Affiliation,
    Document,
    Event,
    EventArticle,
    EventSource,
    Involvement,
    LawArticle,
    Organization,
    OrganizationName,
    Person,
    PersonDescriptor,
    PersonName,
    Place,
    ReviewItem,
)
from kuzet.text.chars import fold_for_matching

MACHINE = "kuzet"  # the actor of changes ingest makes by itself (a short form joining its full name)
# Organizations a victim named beside them belongs to ("activist of the «Oyan, Qazaqstan» movement").
_MEMBERSHIP_KINDS = frozenset({"civil_society", "political_party", "banned_organization", "media"})


def _script(text: str) -> str:
    return "cyrl" if any("\u0400" <= c <= "\u04ff" for c in text) else "latn"


@dataclass(slots=True)
class _StoredEvent:
    id: int
    outcome: str | None
    time: str | None
    place_id: int | None
    status: str


class Linker:
    """Stores documents into one session; build one per batch (it caches lookups for the batch)."""

    def __init__(self, session: Session, names: NameIndex | None = None) -> None:
        self.session = session
        self.names = names or NameIndex()
        self.touched: set[int] = set()
        self.matcher = PersonMatcher(session, self.names)
        self.reload()

    def reload(self) -> None:
        s = self.session
        self.names.refresh(s)
        self._places: dict[tuple[str, str], tuple[int, set[str]]] = {
            (name, kind): (pid, set(names or [])) for pid, name, kind, names in
            s.execute(select(Place.id, Place.name, Place.kind, Place.names))}
        self._articles: dict[tuple[str, str, str | None], int] = {
            (code, article, part): aid for aid, code, article, part in
            s.execute(select(LawArticle.id, LawArticle.code, LawArticle.article, LawArticle.part))}
        self._org_keys: dict[str, int] = {}
        for oid, key in s.execute(select(Organization.id, Organization.key).order_by(Organization.id)):
            self._org_keys.setdefault(key, oid)
        self._org_kinds: dict[int, str] = dict(s.execute(select(Organization.id, Organization.kind)).all())
        self._pairs: set[tuple[int, int]] | None = None  # same-person pairs already in review, read when first needed
        self._org_names: dict[str, int] = {}
        self._org_known: set[tuple[int, str]] = set()
        for oid, name in s.execute(select(OrganizationName.organization_id, OrganizationName.name)
                                   .order_by(OrganizationName.id)):
            self._org_names.setdefault(name, oid)
            self._org_known.add((oid, name))

    def forget(self) -> None:
        """After a rollback: what this linker remembers may name rows that are gone."""
        self.names.forget()
        self.matcher.forget()
        self.reload()

    def _insert(self, model: type, row: dict) -> int:
        return self.session.connection().execute(insert(model.__table__), row).inserted_primary_key[0]

    def _insert_many(self, model: type, rows: list[dict]) -> None:
        if rows:
            self.session.connection().execute(insert(model.__table__), rows)

    # -- entries ---------------------------------------------------------------------------

    def _place(self, entry: dict) -> int:
        spellings = {m["text"].lstrip("#") for m in entry["mentions"]}
        hit = self._places.get((entry["name"], entry["kind"]))
        if hit is None:
            pid = self._insert(Place, {"name": entry["name"], "kind": entry["kind"], "region": entry.get("region"),
                                       "lat": entry.get("lat"), "lon": entry.get("lon"), "names": sorted(spellings)})
            self._places[(entry["name"], entry["kind"])] = (pid, spellings)
            return pid
        pid = root_id(self.session, Place, hit[0])
        if pid != hit[0]:
            known = set(self.session.execute(select(Place.names).where(Place.id == pid)).scalar_one() or [])
        else:
            known = hit[1]
        if not spellings <= known:
            known |= spellings
            self.session.connection().execute(update(Place.__table__).where(Place.id == pid).values(names=sorted(known)))
        return pid

    def _article(self, entry: dict) -> int:
        key = (entry["code"], entry["article"], entry["part"])
        if key not in self._articles:
            self._articles[key] = self._insert(LawArticle, {"code": entry["code"], "article": entry["article"],
                                                            "part": entry["part"], "title": entry.get("title")})
        return self._articles[key]

    def _organization(self, entry: dict) -> int:
        key = identity_key(entry["name"], entry["kind"])
        spellings = {entry["name"], *(m["text"] for m in entry["mentions"])}
        oid = self._org_keys.get(key)
        if oid is None:
            oid = next((self._org_names[m["text"]] for m in entry["mentions"] if m["text"] in self._org_names), None)
        if oid is None:
            oid = self._insert(Organization, {"name": entry["name"], "kind": entry["kind"], "key": key})
            self._org_keys[key] = oid
            self._org_kinds[oid] = entry["kind"]
        else:
            oid = root_id(self.session, Organization, oid)
        new = sorted(name for name in spellings if (oid, name) not in self._org_known)
        self._insert_many(OrganizationName, [{"organization_id": oid, "name": name} for name in new])
        for name in new:
            self._org_known.add((oid, name))
            self._org_names.setdefault(name, oid)
        return oid

    def _person(self, entry: dict, doc_id: int, label: str, rows: dict[type, list[dict]]) -> int:
        choice = self.matcher.choose(entry)
        k: NameKeys = choice.keys
        doubts = choice.doubts
        pid = choice.person or self._insert(Person, {"name": entry["name"], "gender": k.gender})
        if choice.absorb:
            self._absorb(pid, choice.absorb)
        self.matcher.linked(entry, pid, k)
        for other, s in doubts:
            if s >= REVIEW and other != pid:
                self._review_pair(pid, other, s, f"{entry['name']} ({label})")
        self._name_rows(entry, pid, doc_id, k, rows)
        return pid

    def _name_rows(self, entry: dict, pid: int, doc_id: int, k: NameKeys, rows: dict[type, list[dict]]) -> None:
        """The rows that record how this document names person `pid`: spellings (indexed) and descriptors."""
        # Latin spellings as written ("ZHAKUPOVA Aliya"); Cyrillic ones by their nominative only,
        # since the mentions carry case endings ("Алию Жакупову").
        spellings = {fold_for_matching(m["text"]).lstrip("#⚡ ") for m in entry["mentions"] if _script(m["text"]) == "latn"}
        spellings.add(entry["name"])
        first = entry["mentions"][0] if entry["mentions"] else None
        surname, given, patronymic = entry.get("surname"), entry.get("given"), entry.get("patronymic")
        for spelling in sorted(spellings):
            rows[PersonName].append({
                "person_id": pid, "document_id": doc_id, "name": spelling, "surname": surname, "given": given,
                "patronymic": patronymic, "surname_key": k.surname, "consonant_key": k.consonants, "given_key": k.given,
                "script": _script(spelling), "mention_start": first["start"] if first else None,
                "mention_end": first["end"] if first else None})
        self.names.add((pid, surname, given, patronymic), k.surname, k.consonants)
        for d in dict.fromkeys(entry.get("descriptors") or []):
            rows[PersonDescriptor].append({"person_id": pid, "descriptor": d, "document_id": doc_id})

    def add_person(self, entry: dict, doc_id: int, label: str) -> int:
        """Link (or create) a person someone marked in a stored document; returns their id."""
        rows: dict[type, list[dict]] = defaultdict(list)
        pid = self._person(entry, doc_id, label, rows)
        for model in (PersonName, PersonDescriptor, ReviewItem):
            self._insert_many(model, rows[model])
        return pid

    def _absorb(self, keep: int, others: list[int]) -> None:
        """Merge stored persons the matcher found to be `keep` told by a short form, as the machine's decision."""
        for other in others:
            merge(self.session, keep, other, actor=MACHINE)
        self.matcher.absorbed(keep, others)
        self.touched |= {keep, *others}

    def _review_pair(self, a: int, b: int, s: float, reason: str) -> None:
        if self._pairs is None:
            self._pairs = set(self.session.execute(select(ReviewItem.a_id, ReviewItem.b_id)
                                                   .where(ReviewItem.kind == "same_person")).all())
        pair = (min(a, b), max(a, b))
        if pair not in self._pairs:
            self._pairs.add(pair)
            self._insert(ReviewItem, {"kind": "same_person", "a_id": pair[0], "b_id": pair[1], "score": s, "reason": reason})

    def _new_event(self, record: dict, ev: dict, when: date | None, place_id: int | None, review: list[dict]) -> int:
        """Store a new event of a record; one the machine is unsure of goes to the review queue."""
        confidence, doubts = event_confidence(record, ev)
        event_id = self._insert(Event, {
            "kind": ev["kind"], "date": when, "date_precision": ev.get("date_precision") or "day",
            "time": ev.get("time"), "status": ev["status"], "outcome": ev.get("outcome"),
            "summary": ev.get("summary") or "", "place_id": place_id, "confidence": confidence})
        if confidence < REVIEW_BELOW:
            review.append({"kind": "low_confidence", "a_id": event_id, "b_id": None, "score": confidence,
                           "reason": "; ".join(doubts)})
        return event_id

    def _same_event(self, kind: str, when: date | None, victims: list[int]) -> _StoredEvent | None:
        """The stored event this one retells: same kind, same stated date, a victim in common."""
        if when is None or not victims:
            return None
        ids = [i for v in victims for i in group_ids(self.session, Person, v)]
        row = self.session.execute(
            select(Event.id, Event.outcome, Event.time, Event.place_id, Event.status)
            .join(Involvement, Involvement.event_id == Event.id)
            .where(Event.kind == kind, Event.date == when, Involvement.role == "victim", Involvement.person_id.in_(ids))
            .order_by(Event.id).limit(1)).first()
        return _StoredEvent(*row) if row else None

    # -- a document --------------------------------------------------------------------------

    def store(self, src: SourceDocument, record: dict) -> int:
        """Store a document with its record and every link; returns its id. The caller commits."""
        source = record["source"]
        title = source.get("title") or src.title
        doc_id = self._insert(Document, {
            "sha256": src.sha256, "original": src.original, "media_type": src.media_type, "path": src.path,
            "channel": src.channel, "message_id": src.message_id, "hashtags": src.hashtags, "title": title,
            "language": source["language"], "date": date.fromisoformat(source["date"]) if source.get("date") else src.date,
            "text": src.text, "record": record})
        index = [("doc", doc_id, (title or "") + "\n" + src.text)]
        rows: dict[type, list[dict]] = defaultdict(list)
        label = src.path or src.sha256[:12]

        places = {p["id"]: self._place(p) for p in record["places"]}
        articles = {a["id"]: self._article(a) for a in record["law_articles"]}
        article_numbers = {a["id"]: a["article"] for a in record["law_articles"]}
        orgs = {o["id"]: self._organization(o) for o in record["organizations"]}
        self.matcher.begin(record, src.text)
        persons = {p["id"]: self._person(p, doc_id, label, rows) for p in record["persons"]}
        self.matcher.begin(None)
        names = {p["id"]: p["name"] for p in record["persons"]}

        sourced: set[int] = set()
        touched: set[int] = set()
        cited: set[tuple[int, int]] = set()
        # Events of this document by (kind, date, victim): its rows are written at its end,
        # so a second item retelling the same act is matched here rather than in the database.
        here: dict[tuple[str, date, int], _StoredEvent] = {}
        for ev in record["events"]:
            victims = [persons[v] for v in ev["victims"] if v in persons]
            when = date.fromisoformat(ev["date"]) if ev["date"] else None
            place_id = places.get(ev.get("place"))
            stored = next((here[(ev["kind"], when, v)] for v in victims if (ev["kind"], when, v) in here), None)
            if stored is None:
                stored = self._same_event(ev["kind"], when, victims)
            if stored is None:
                event_id = self._new_event(record, ev, when, place_id, rows[ReviewItem])
                index.append(("event", event_id, _event_text(ev, names, article_numbers)))
                stored = _StoredEvent(event_id, ev.get("outcome"), ev.get("time"), place_id, ev["status"])
            else:
                event_id = stored.id
                self._retold(stored, ev, place_id)
                cited |= {(event_id, a) for a in self.session.execute(
                    select(EventArticle.article_id).where(EventArticle.event_id == event_id)).scalars()}
            if when is not None:
                here.update({(ev["kind"], when, v): stored for v in victims})
            if event_id not in sourced:
                sourced.add(event_id)
                evidence = ev["evidence"][0] if ev["evidence"] else {"start": 0, "end": 0}
                rows[EventSource].append({"event_id": event_id, "document_id": doc_id,
                                          "evidence_start": evidence["start"], "evidence_end": evidence["end"]})
            for role, refs in (("victim", ev["victims"]), ("perpetrator", ev["perpetrators"]),
                               ("official", ev["officials"]), ("involved", ev["organizations"])):
                for ref in refs:
                    if ref in persons or ref in orgs:
                        rows[Involvement].append({"event_id": event_id, "person_id": persons.get(ref),
                                                  "organization_id": orgs.get(ref), "role": role, "document_id": doc_id})
            for ref in ev["law_articles"]:
                if ref in articles and (event_id, articles[ref]) not in cited:
                    cited.add((event_id, articles[ref]))
                    rows[EventArticle].append({"event_id": event_id, "article_id": articles[ref], "document_id": doc_id})
            touched.update(victims)
            for ref in ev["organizations"]:
                if ref in orgs and self._org_kinds.get(orgs[ref]) in _MEMBERSHIP_KINDS:
                    rows[Affiliation] += [{"person_id": p, "organization_id": orgs[ref], "document_id": doc_id}
                                         for p in victims]
        rows[PersonDescriptor] = _unique(rows[PersonDescriptor], ("person_id", "descriptor"))
        rows[Affiliation] = _unique(rows[Affiliation], ("person_id", "organization_id"))
        for model in (PersonName, PersonDescriptor, EventSource, Involvement, EventArticle, Affiliation, ReviewItem):
            self._insert_many(model, rows[model])
        search.add_many(self.session, index)
        self.touched |= touched
        return doc_id

    def _retold(self, stored: _StoredEvent, ev: dict, place_id: int | None) -> None:
        """Fill what an earlier report of this event left open."""
        changes: dict = {}
        if stored.outcome is None and ev.get("outcome"):
            changes["outcome"] = ev["outcome"]
        if stored.time is None and ev.get("time"):
            changes["time"] = ev["time"]
        if stored.place_id is None and place_id is not None:
            changes["place_id"] = place_id
        if stored.status == "scheduled" and ev["status"] == "happened":
            changes["status"] = "happened"
        if changes:
            self.session.connection().execute(update(Event.__table__).where(Event.id == stored.id).values(**changes))
            for name, value in changes.items():
                setattr(stored, name, value)


def _event_text(ev: dict, names: dict[str, str], article_numbers: dict[str, str]) -> str:
    return " ".join([ev["kind"].replace("_", " "), ev.get("summary") or "", ev.get("outcome") or "",
                     *(names[v] for v in ev["victims"] if v in names),
                     *(article_numbers[a] for a in ev["law_articles"] if a in article_numbers)])


def _unique(rows: list[dict], fields: tuple[str, ...]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for row in rows:
        seen.setdefault(tuple(row[f] for f in fields), row)
    return list(seen.values())
