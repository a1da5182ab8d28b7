"""Storing one document's extraction record: linking its entries to what the database knows.

Everything for one document happens in the caller's transaction: the document, its
places, articles, organizations, persons (linked, new, or new with a review item),
events (merged with the same act reported before), involvements, search entries and
the rebuilt cases of every person it touches. Either all of it is stored or none.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kuzet.ingest.sources import SourceDocument
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.confidence import REVIEW_BELOW, event_confidence
from kuzet.resolve.identity import group_ids, root_id
from kuzet.resolve.names import LINK, REVIEW, NameKeys, keys, score
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


def _place(session: Session, entry: dict) -> Place:
    place = session.execute(select(Place).where(Place.name == entry["name"], Place.kind == entry["kind"])).scalar_one_or_none()
    spellings = {m["text"].lstrip("#") for m in entry["mentions"]}
    if place is None:
        place = Place(name=entry["name"], kind=entry["kind"], region=entry.get("region"), lat=entry.get("lat"),
                      lon=entry.get("lon"), names=sorted(spellings))
        session.add(place)
        session.flush()
        return place
    place = session.get(Place, root_id(session, Place, place.id))
    if not spellings <= set(place.names):
        place.names = sorted(spellings | set(place.names))
    return place


def _article(session: Session, entry: dict) -> LawArticle:
    row = session.execute(select(LawArticle).where(
        LawArticle.code == entry["code"], LawArticle.article == entry["article"],
        LawArticle.part.is_(None) if entry["part"] is None else LawArticle.part == entry["part"])).scalar_one_or_none()
    if row is None:
        row = LawArticle(code=entry["code"], article=entry["article"], part=entry["part"], title=entry.get("title"))
        session.add(row)
        session.flush()
    return row


def _organization(session: Session, entry: dict) -> Organization:
    key = identity_key(entry["name"], entry["kind"])
    org = session.execute(select(Organization).where(Organization.key == key).order_by(Organization.id)).scalars().first()
    if org is None:
        hit = session.execute(select(OrganizationName.organization_id).where(
            OrganizationName.name.in_([m["text"] for m in entry["mentions"]]))).scalars().first()
        org = session.get(Organization, hit) if hit else None
    if org is None:
        org = Organization(name=entry["name"], kind=entry["kind"], key=key)
        session.add(org)
        session.flush()
    else:
        org = session.get(Organization, root_id(session, Organization, org.id))
    known = set(session.execute(select(OrganizationName.name).where(OrganizationName.organization_id == org.id)).scalars())
    for name in {entry["name"], *(m["text"] for m in entry["mentions"])} - known:
        session.add(OrganizationName(organization_id=org.id, name=name))
    return org


def _script(text: str) -> str:
    return "cyrl" if any("\u0400" <= c <= "\u04ff" for c in text) else "latn"


@lru_cache(maxsize=65536)
def _stored_keys(surname: str | None, given: str | None, patronymic: str | None) -> NameKeys:
    return keys(surname, given, patronymic)


def _candidates(session: Session, k: NameKeys) -> list[tuple[int, float]]:
    """Stored persons (as roots) this name could be, best first, with scores."""
    if not k.surname:
        return []
    rows = session.execute(select(PersonName.person_id, PersonName.surname, PersonName.given, PersonName.patronymic)
                           .where(or_(PersonName.surname_key == k.surname, PersonName.consonant_key == k.consonants,
                                      PersonName.surname_key.startswith(k.surname[:3])))
                           .distinct()).all()
    best: dict[int, float] = {}
    for person_id, surname, given, patronymic in rows:
        s = score(k, _stored_keys(surname, given, patronymic))
        if s >= REVIEW:
            r = root_id(session, Person, person_id)
            best[r] = max(best.get(r, 0.0), s)
    return sorted(best.items(), key=lambda kv: -kv[1])


def _person(session: Session, entry: dict, doc: Document) -> int:
    k = keys(entry.get("surname"), entry.get("given"), entry.get("patronymic"))
    found = _candidates(session, k)
    if k.given is None and len(found) == 1 and found[0][1] >= 0.84:
        # A surname alone ("#YNTYMAKOVA") that only one known person carries.
        found = [(found[0][0], LINK)]
    if found and found[0][1] >= LINK:
        pid = found[0][0]
        doubts = found[1:]
    else:
        person = Person(name=entry["name"], gender=k.gender)
        session.add(person)
        session.flush()
        pid = person.id
        doubts = found
    for other, s in doubts:
        if s >= REVIEW and other != pid:
            a, b = sorted((pid, other))
            exists = session.execute(select(ReviewItem.id).where(
                ReviewItem.kind == "same_person", ReviewItem.a_id == a, ReviewItem.b_id == b)).first()
            if not exists:
                session.add(ReviewItem(kind="same_person", a_id=a, b_id=b, score=s,
                                       reason=f"{entry['name']} ({doc.path or doc.sha256[:12]})"))
    # Latin spellings as written ("ZHAKUPOVA Aliya"); Cyrillic ones by their nominative only,
    # since the mentions carry case endings ("Алию Жакупову").
    spellings = {fold_for_matching(m["text"]).lstrip("#⚡ ") for m in entry["mentions"] if _script(m["text"]) == "latn"}
    spellings.add(entry["name"])
    first = entry["mentions"][0] if entry["mentions"] else None
    for spelling in sorted(spellings):
        session.add(PersonName(
            person_id=pid, document_id=doc.id, name=spelling, surname=entry.get("surname"), given=entry.get("given"),
            patronymic=entry.get("patronymic"), surname_key=k.surname, consonant_key=k.consonants, given_key=k.given,
            script=_script(spelling), mention_start=first["start"] if first else None, mention_end=first["end"] if first else None))
    for d in dict.fromkeys(entry.get("descriptors") or []):
        session.add(PersonDescriptor(person_id=pid, descriptor=d, document_id=doc.id))
    return pid


def _same_event(session: Session, kind: str, when: date | None, victims: list[int]) -> Event | None:
    """The stored event this one retells: same kind, same stated date, a victim in common."""
    if when is None or not victims:
        return None
    ids = [i for v in victims for i in group_ids(session, Person, v)]
    return session.execute(
        select(Event).join(Involvement, Involvement.event_id == Event.id)
        .where(Event.kind == kind, Event.date == when, Involvement.role == "victim", Involvement.person_id.in_(ids))
        .order_by(Event.id)).scalars().first()


def store(session: Session, src: SourceDocument, record: dict, *, defer_cases: set[int] | None = None) -> Document:
    """Store a document with its record and every link; the caller commits.

    Cases of the persons it touches are rebuilt at once, or, when `defer_cases` is given,
    their root ids are added to it for the caller to rebuild once per batch.
    """
    source = record["source"]
    doc = Document(sha256=src.sha256, original=src.original, media_type=src.media_type, path=src.path,
                   channel=src.channel, message_id=src.message_id, hashtags=src.hashtags,
                   title=source.get("title") or src.title, language=source["language"],
                   date=date.fromisoformat(source["date"]) if source.get("date") else src.date,
                   text=src.text, record=record)
    session.add(doc)
    session.flush()
    search.add(session, "doc", doc.id, ((doc.title or "") + "\n" + src.text))

    places = {p["id"]: _place(session, p) for p in record["places"]}
    articles = {a["id"]: _article(session, a) for a in record["law_articles"]}
    orgs = {o["id"]: _organization(session, o) for o in record["organizations"]}
    persons = {p["id"]: _person(session, p, doc) for p in record["persons"]}
    names = {p["id"]: p["name"] for p in record["persons"]}

    touched: set[int] = set()
    for ev in record["events"]:
        victims = [persons[v] for v in ev["victims"] if v in persons]
        when = date.fromisoformat(ev["date"]) if ev["date"] else None
        event = _same_event(session, ev["kind"], when, victims)
        new = event is None
        if event is None:
            confidence, doubts = event_confidence(record, ev)
            event = Event(kind=ev["kind"], date=when, date_precision=ev.get("date_precision") or "day", time=ev.get("time"),
                          status=ev["status"], outcome=ev.get("outcome"), summary=ev.get("summary") or "",
                          place_id=places[ev["place"]].id if ev.get("place") in places else None, confidence=confidence)
            session.add(event)
            session.flush()
            if confidence < REVIEW_BELOW:
                session.add(ReviewItem(kind="low_confidence", a_id=event.id, score=confidence, reason="; ".join(doubts)))
        else:
            event.outcome = event.outcome or ev.get("outcome")
            event.time = event.time or ev.get("time")
            if event.place_id is None and ev.get("place") in places:
                event.place_id = places[ev["place"]].id
            if event.status == "scheduled" and ev["status"] == "happened":
                event.status = "happened"
        evidence = ev["evidence"][0] if ev["evidence"] else {"start": 0, "end": 0}
        if new or not session.execute(select(EventSource.id).where(
                EventSource.event_id == event.id, EventSource.document_id == doc.id)).first():
            session.add(EventSource(event_id=event.id, document_id=doc.id, evidence_start=evidence["start"],
                                    evidence_end=evidence["end"]))
        roles = [("victim", ev["victims"]), ("perpetrator", ev["perpetrators"]), ("official", ev["officials"]),
                 ("involved", ev["organizations"])]
        for role, ids in roles:
            for ref in ids:
                if ref in persons:
                    session.add(Involvement(event_id=event.id, person_id=persons[ref], role=role, document_id=doc.id))
                elif ref in orgs:
                    session.add(Involvement(event_id=event.id, organization_id=orgs[ref].id, role=role, document_id=doc.id))
        have = set(session.execute(select(EventArticle.article_id).where(EventArticle.event_id == event.id)).scalars())
        for ref in ev["law_articles"]:
            if ref in articles and articles[ref].id not in have:
                session.add(EventArticle(event_id=event.id, article_id=articles[ref].id, document_id=doc.id))
                have.add(articles[ref].id)
        if new:
            _index_event(session, event.id, ev, names, articles)
        touched.update(victims)
    # "activist of the «Oyan, Qazaqstan» movement": a person tied to a movement named beside them.
    for ev in record["events"]:
        for ref in ev["organizations"]:
            if ref in orgs and orgs[ref].kind in ("civil_society", "political_party", "banned_organization", "media"):
                for v in ev["victims"]:
                    if v in persons:
                        _affiliate(session, persons[v], orgs[ref].id, doc.id)
    session.flush()
    roots = {root_id(session, Person, pid) for pid in touched}
    if defer_cases is not None:
        defer_cases.update(roots)
    else:
        for pid in roots:
            rebuild_cases(session, pid)
    return doc


def _index_event(session: Session, event_id: int, ev: dict, names: dict[str, str], articles: dict[str, LawArticle]) -> None:
    text = " ".join([ev["kind"].replace("_", " "), ev.get("summary") or "", ev.get("outcome") or "",
                     *(names[v] for v in ev["victims"] if v in names),
                     *(articles[a].article for a in ev["law_articles"] if a in articles)])
    search.add(session, "event", event_id, text)


def _affiliate(session: Session, person_id: int, org_id: int, doc_id: int) -> None:
    exists = session.execute(select(Affiliation.id).where(
        Affiliation.person_id == person_id, Affiliation.organization_id == org_id, Affiliation.document_id == doc_id)).first()
    if not exists:
        session.add(Affiliation(person_id=person_id, organization_id=org_id, document_id=doc_id))
