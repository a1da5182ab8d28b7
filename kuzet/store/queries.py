"""Read the case database the way the desk shows it: plain dicts, with ids and the source of each fact.

The CLI prints these (or dumps them with --format json) and the web desk renders the
same dicts, so both always agree. `levels` is the confidentiality levels the reader
may see (None: all, as on the command line): a record outside them is not found, and
facts drawn from one are left out, so nothing of it shows through a count, a spelling
or a case card.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Row, bindparam, func, or_, select, true
from sqlalchemy.orm import Session

from kuzet.errors import NotFoundInDatabaseError
from kuzet.resolve.identity import group_ids, resolver, root_id
from kuzet.store import search
from kuzet.store.models import (
    CONFIDENTIALITY,
    Affiliation,
    Case,
    Change,
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

Levels = tuple[str, ...] | None

# An event's own columns as plain rows: a listing reads hundreds, and ORM objects cost ten times as much.
EVENT_COLUMNS = (Event.id, Event.kind, Event.date, Event.date_precision, Event.time, Event.status, Event.place_id,
                 Event.outcome, Event.summary, Event.case_id, Event.verified_by, Event.confidentiality)


def _many(name: str):  # noqa: ANN202 - a bound parameter
    return bindparam(name, expanding=True)


# The statements the desk runs on every page, built once: building one cost more than SQLite's work on it.
# `:levels` is the confidentiality levels the reader may see (all three when nothing is hidden).
_INVOLVED = (select(Involvement.event_id, Involvement.role, Involvement.person_id, Involvement.organization_id)
             .where(Involvement.event_id.in_(_many("ids"))).order_by(Involvement.id))
_PERSONS = select(Person.id, Person.name, Person.confidentiality).where(Person.id.in_(_many("ids")))
_ORGANIZATIONS = select(Organization.id, Organization.name).where(Organization.id.in_(_many("ids")))
_PLACES = select(Place.id, Place.name).where(Place.id.in_(_many("ids")))
_ARTICLES = (select(EventArticle.event_id, LawArticle.code, LawArticle.article, LawArticle.part, LawArticle.title)
             .join(LawArticle, LawArticle.id == EventArticle.article_id).where(EventArticle.event_id.in_(_many("ids"))))
_SOURCES = (select(EventSource.event_id, EventSource.document_id, EventSource.evidence_start, EventSource.evidence_end,
                   EventSource.read_by, Document.path, Document.date,
                   func.substr(Document.text, EventSource.evidence_start + 1,
                               EventSource.evidence_end - EventSource.evidence_start))
            .join(Document, Document.id == EventSource.document_id)
            .where(EventSource.event_id.in_(_many("ids")), Document.confidentiality.in_(_many("levels")))
            .order_by(Document.date, Document.id))
_NAMES = (select(PersonName.name, PersonName.script, PersonName.document_id)
          .join(Document, Document.id == PersonName.document_id)
          .where(PersonName.person_id.in_(_many("ids")), Document.confidentiality.in_(_many("levels")))
          .order_by(PersonName.id))
_DESCRIPTORS = (select(PersonDescriptor.descriptor).join(Document, Document.id == PersonDescriptor.document_id)
                .where(PersonDescriptor.person_id.in_(_many("ids")), Document.confidentiality.in_(_many("levels"))))
_AFFILIATIONS = (select(Organization.name).join(Affiliation, Affiliation.organization_id == Organization.id)
                 .join(Document, Document.id == Affiliation.document_id)
                 .where(Affiliation.person_id.in_(_many("ids")), Document.confidentiality.in_(_many("levels"))))
_VICTIM_OF = (select(*EVENT_COLUMNS).join(Involvement, Involvement.event_id == Event.id)
              .where(Involvement.person_id.in_(_many("ids")), Involvement.role == "victim",
                     Event.confidentiality.in_(_many("levels"))).distinct())
_ACTING_IN = (select(*EVENT_COLUMNS).join(Involvement, Involvement.event_id == Event.id)
              .where(Involvement.person_id.in_(_many("ids")), Involvement.role.in_(("official", "perpetrator")),
                     Event.confidentiality.in_(_many("levels")))
              .order_by(Event.date.is_(None), Event.date, Event.id))
_CASES = select(Case).where(Case.person_id == bindparam("person")).order_by(Case.opened)
# Only the columns a search hit shows: a document row also holds its original bytes and record.
_HIT_DOCUMENTS = select(Document.id, Document.path, Document.date, Document.title, Document.text,
                        Document.confidentiality).where(Document.id.in_(_many("ids")))
_HIT_EVENTS = (select(Event.id, Event.kind, Event.date, Event.summary, Event.confidentiality)
               .where(Event.id.in_(_many("ids"))))


def _iso(d: date | datetime | None) -> str | None:
    return d.isoformat() if d else None


def _seen(column, levels: Levels):  # noqa: ANN001, ANN202 - a model's confidentiality column
    return column.in_(levels) if levels is not None else true()


def _visible(levels: Levels) -> tuple[str, ...]:
    """The value of a statement's `:levels`: every level when the reader may see all."""
    return CONFIDENTIALITY if levels is None else levels


def _all_or(levels: Levels) -> Levels:
    """None when `levels` hold every level (nothing to filter), else `levels`."""
    return None if levels is None or set(CONFIDENTIALITY) <= set(levels) else tuple(levels)


def _roots(session: Session) -> list[Person]:
    return list(session.execute(select(Person).where(Person.merged_into_id.is_(None)).order_by(Person.id)).scalars())


def _victim_events(session: Session, ids: list[int], levels: Levels = None) -> list[Row]:
    return list(session.execute(_VICTIM_OF, {"ids": ids, "levels": _visible(levels)}))


def persons(session: Session, *, top: int | None = None, levels: Levels = None) -> list[dict]:
    """People with the number of events against them and their latest status, most events first."""
    counted: dict[int, set[int]] = {}
    latest: dict[int, tuple[date, str]] = {}
    for pid, ev_id, kind, when in session.execute(
            select(Involvement.person_id, Event.id, Event.kind, Event.date).join(Event, Event.id == Involvement.event_id)
            .where(Involvement.role == "victim", Involvement.person_id.is_not(None), _seen(Event.confidentiality, levels))):
        root = root_id(session, Person, pid)
        counted.setdefault(root, set()).add(ev_id)
        if when and (root not in latest or when > latest[root][0]):
            latest[root] = (when, kind)
    # A case's status draws on all its events, so readers limited to some levels get the latest act instead.
    status = {} if levels is not None else {
        c.person_id: c.status for c in session.execute(select(Case).order_by(Case.updated)).scalars()}
    out = []
    for pid, name in session.execute(select(Person.id, Person.name).where(
            Person.merged_into_id.is_(None), _seen(Person.confidentiality, levels)).order_by(Person.id)):
        last = latest.get(pid)
        out.append({"id": pid, "name": name, "events": len(counted.get(pid, ())),
                    "status": status.get(pid) or (last[1].replace("_", " ") if last else None),
                    "latest": _iso(last[0]) if last else None})
    out.sort(key=lambda r: (-r["events"], r["name"]))
    return out[:top] if top else out


def _visible_person(session: Session, person_id: int, levels: Levels) -> bool:
    p = session.get(Person, person_id)
    return p is not None and (levels is None or p.confidentiality in levels)


def find_person(session: Session, query: str, *, levels: Levels = None) -> int:
    """The root id of the person `query` names: an id, or any spelling (in any script)."""
    if query.isdigit():
        if not _visible_person(session, int(query), levels):
            raise NotFoundInDatabaseError(f"no person with id {query}")
        return root_id(session, Person, int(query))
    from kuzet.resolve.names import keys

    words = query.replace(",", " ").split()
    ranked: Counter[int] = Counter()
    for w in words:
        k = keys(w, None)
        for pid in session.execute(select(PersonName.person_id).where(or_(
                PersonName.surname_key == k.surname, PersonName.given_key == k.surname,
                PersonName.consonant_key == k.consonants))).scalars():
            ranked[root_id(session, Person, pid)] += 1
    if levels is not None:
        ranked = Counter({pid: n for pid, n in ranked.items() if _visible_person(session, pid, levels)})
    if not ranked:
        raise NotFoundInDatabaseError(f"no person named {query!r}")
    best = ranked.most_common()
    return best[0][0]


def event_record(session: Session, e: Event, *, with_sources: bool = True, levels: Levels = None) -> dict:
    return event_records(session, [e], with_sources=with_sources, levels=levels)[0]


def event_records(session: Session, events: Sequence[Event | Row], *, with_sources: bool = True,
                  levels: Levels = None) -> list[dict]:
    """Each event (an Event, or a row of EVENT_COLUMNS) as the desk shows it: who was involved in which role,
    articles, place, sources (a handful of queries, whatever the number of events)."""
    if not events:
        return []
    ids = [e.id for e in events]
    person_root, org_root, place_root = (resolver(session, m) for m in (Person, Organization, Place))
    inv = session.execute(_INVOLVED, {"ids": ids}).all()
    person_ids = {person_root(pid) for _, _, pid, _ in inv if pid is not None}
    org_ids = {org_root(oid) for _, _, pid, oid in inv if pid is None and oid is not None}
    persons = {pid: (name, level) for pid, name, level in session.execute(_PERSONS, {"ids": list(person_ids)})} \
        if person_ids else {}
    orgs = dict(session.execute(_ORGANIZATIONS, {"ids": list(org_ids)}).all()) if org_ids else {}
    people: dict[int, dict[str, list[dict]]] = {i: {} for i in ids}
    seen = set()
    for ev_id, role, pid, oid in inv:
        if pid is not None:
            rid = person_root(pid)
            name, level = persons[rid]
            if levels is not None and level not in levels:
                continue
            key, entry = (ev_id, role, "person", rid), {"person": rid, "name": name}
        elif oid is not None:
            rid = org_root(oid)
            key, entry = (ev_id, role, "organization", rid), {"organization": rid, "name": orgs[rid]}
        else:
            continue
        if key not in seen:
            seen.add(key)
            people[ev_id].setdefault(role, []).append(entry)
    arts: dict[int, list[dict]] = {}
    for ev_id, code, article, part, title in session.execute(_ARTICLES, {"ids": ids}):
        arts.setdefault(ev_id, []).append({"code": code, "article": article, "part": part, "title": title})
    place_ids = {place_root(e.place_id) for e in events if e.place_id}
    places = dict(session.execute(_PLACES, {"ids": list(place_ids)}).all()) if place_ids else {}
    sources: dict[int, list[dict]] = {}
    if with_sources:
        rows = session.execute(_SOURCES, {"ids": ids, "levels": _visible(levels)})
        for ev_id, doc_id, start, end, read_by, path, when, text in rows:
            sources.setdefault(ev_id, []).append(
                {"document": doc_id, "path": path, "date": _iso(when), "start": start, "end": end, "read_by": read_by,
                 "text": text})
    out = []
    for e in events:
        p = people[e.id]
        rec = {"id": e.id, "kind": e.kind, "date": _iso(e.date), "date_precision": e.date_precision, "time": e.time,
               "status": e.status, "place": places.get(place_root(e.place_id)) if e.place_id else None,
               "outcome": e.outcome, "summary": e.summary,
               "victims": p.get("victim", []), "perpetrators": p.get("perpetrator", []),
               "officials": p.get("official", []), "organizations": p.get("involved", []),
               "law_articles": arts.get(e.id, []),
               "case": e.case_id, "verified_by": e.verified_by, "confidentiality": e.confidentiality}
        if with_sources:
            rec["sources"] = sources.get(e.id, [])
        out.append(rec)
    return out


def spellings(session: Session, ids: list[int], *, levels: Levels = None) -> list[Row]:
    """(name, script, document id) of every mention of these persons in a document the reader may see, in order."""
    return list(session.execute(_NAMES, {"ids": ids, "levels": _visible(levels)}))


def dossier(session: Session, person_id: int, *, levels: Levels = None) -> dict:
    """Everything known of one person: names in every spelling, descriptors, cases, timeline with sources."""
    root = root_id(session, Person, person_id)
    p = session.get(Person, root)
    if p is None or (levels is not None and p.confidentiality not in levels):
        raise NotFoundInDatabaseError(f"no person with id {person_id}")
    levels = _all_or(levels)
    ids = group_ids(session, Person, root)
    # Facts drawn from documents the reader may not see are left out (a join: no scan of all documents).
    given = {"ids": ids, "levels": _visible(levels)}
    names: dict[str, dict] = {}
    for name, script, doc_id in spellings(session, ids, levels=levels):
        names.setdefault(name, {"name": name, "script": script, "documents": []})["documents"].append(doc_id)
    descriptors = sorted(set(session.execute(_DESCRIPTORS, given).scalars()))
    affiliations = sorted(set(session.execute(_AFFILIATIONS, given).scalars()))
    events = sorted(_victim_events(session, ids, levels), key=lambda e: (e.date is None, e.date or date.min, e.id))
    cases = session.execute(_CASES, {"person": root}).scalars().all()
    if levels is not None:
        cases = _cases_from(session, cases, events)
    return {
        "id": root, "name": p.name, "gender": p.gender, "merged": [i for i in ids if i != root],
        "confidentiality": p.confidentiality,
        "names": list(names.values()), "descriptors": descriptors, "affiliations": affiliations,
        "cases": [{"id": c.id, "code": c.code, "articles": c.articles, "court": c.court, "judge": c.judge,
                   "prosecutor": c.prosecutor, "investigator": c.investigator, "measure": c.measure,
                   "verdict": c.verdict, "sentence": c.sentence, "appeal": c.appeal, "status": c.status,
                   "opened": _iso(c.opened), "updated": _iso(c.updated),
                   "timeline": [{"event": e.id, "date": _iso(e.date), "kind": e.kind, "status": e.status}
                                for e in events if e.case_id == c.id]} for c in cases],
        "timeline": event_records(session, events, levels=levels),
        # What they did: a judge's hearings, an officer's detentions (everything a deputy akim signed).
        "acts": event_records(session, _acting_events(session, ids, levels), levels=levels),
    }


def _acting_events(session: Session, ids: list[int], levels: Levels) -> list[Row]:
    rows = session.execute(_ACTING_IN, {"ids": ids, "levels": _visible(levels)})
    return list({r.id: r for r in rows}.values())


def _cases_from(session: Session, cases: list[Case], events: list[Row]) -> list[Case]:
    """The case cards as the visible events alone tell them (unsaved copies), for readers limited to some levels."""
    from kuzet.resolve.cases import case_fields

    out = []
    for c in cases:
        evs = [e for e in events if e.case_id == c.id]
        if evs:
            out.append(Case(id=c.id, person_id=c.person_id, code=c.code, **case_fields(session, evs)))
    return out


def events(session: Session, *, kind: str | None = None, place: str | None = None, since: date | None = None,
           until: date | None = None, article: str | None = None, person: str | None = None,
           organization: str | None = None, limit: int = 500, offset: int = 0, levels: Levels = None) -> list[dict]:
    """Events matching every filter given, by date (`limit` of them from the `offset`-th on)."""
    q = select(*EVENT_COLUMNS).where(_seen(Event.confidentiality, levels))
    if kind:
        q = q.where(Event.kind == kind)
    if since:
        q = q.where(Event.date >= since)
    if until:
        q = q.where(Event.date <= until)
    if place:
        from kuzet.extract.places import lookup

        entry = lookup(place, kazakh=True)
        place_ids = {i for pid in _places_named(session, entry["name"] if entry else place)
                     for i in group_ids(session, Place, root_id(session, Place, pid))}
        q = q.where(Event.place_id.in_(place_ids))
    if article:
        num, _, part = article.partition("-")
        arts = select(LawArticle.id).where(LawArticle.article == num)
        if part:
            arts = arts.where(LawArticle.part == part)
        q = q.where(Event.id.in_(select(EventArticle.event_id).where(EventArticle.article_id.in_(arts))))
    if person:
        ids = group_ids(session, Person, find_person(session, person, levels=levels))
        q = q.where(Event.id.in_(select(Involvement.event_id).where(Involvement.person_id.in_(ids))))
    if organization:
        # Part of any name in any language: "court" is every court, "Актауский" the Aktau City Court too.
        org_ids = {i for oid in _organizations_named(session, organization)
                   for i in group_ids(session, Organization, root_id(session, Organization, oid))}
        q = q.where(Event.id.in_(select(Involvement.event_id).where(Involvement.organization_id.in_(org_ids))))
    rows = session.execute(q.order_by(Event.date.is_(None), Event.date, Event.id).offset(offset).limit(limit)).all()
    return event_records(session, rows, levels=levels)


def hearings(session: Session, *, today: date, upcoming: bool = True, levels: Levels = None) -> list[dict]:
    """Court hearings from `today` on (soonest first), or all of them."""
    q = select(*EVENT_COLUMNS).where(Event.kind == "court_hearing", _seen(Event.confidentiality, levels))
    if upcoming:
        q = q.where(Event.date >= today)
    return event_records(session, session.execute(q.order_by(Event.date, Event.time, Event.id)).all(), levels=levels)


def full_text(session: Session, query: str, *, kind: str | None = None, since: date | None = None,
              until: date | None = None, limit: int = 50, levels: Levels = None) -> list[dict]:
    """Documents and events holding every word of `query`, with a snippet each."""
    levels = _all_or(levels)
    hits = search.find(session, query, event_kind=kind, since=since, until=until, levels=levels, limit=limit)
    docs = {r.id: r for r in session.execute(_HIT_DOCUMENTS, {"ids": [h.ref_id for h in hits if h.kind == "doc"]})}
    events = {r.id: r for r in session.execute(_HIT_EVENTS, {"ids": [h.ref_id for h in hits if h.kind == "event"]})}
    # An event is found by its facts as well as its sentence ("405" names its article): the snippet shows them too.
    cited: dict[int, list[str]] = {}
    for ev_id, _code, art, part, _title in session.execute(_ARTICLES, {"ids": list(events)}):
        cited.setdefault(ev_id, []).append(f"Article {art}" + (f" Part {part}" if part else ""))
    out = []
    for hit in hits:
        row = (docs if hit.kind == "doc" else events).get(hit.ref_id)
        # The search filtered by level already; checked again here, as nothing hidden may ever show.
        if row is None or (levels is not None and row.confidentiality not in levels):
            continue
        if hit.kind == "doc":
            out.append({"type": "document", "id": row.id, "path": row.path, "date": _iso(row.date), "title": row.title,
                        "snippet": search.snippet(row.text, query)})
        else:
            out.append({"type": "event", "id": row.id, "kind": row.kind, "date": _iso(row.date),
                        "snippet": search.snippet(" ".join([row.summary, *cited.get(row.id, [])]), query)})
    return out


def review(session: Session) -> list[dict]:
    """Open review items, best score first: possible same-person pairs with both names, low-confidence events."""
    rows = session.execute(select(ReviewItem).where(ReviewItem.status == "open").order_by(ReviewItem.score.desc())).scalars()
    out = []
    for r in rows:
        item = {"id": r.id, "kind": r.kind, "score": r.score, "reason": r.reason}
        if r.kind == "same_person":
            item["a"] = {"id": r.a_id, "name": session.get(Person, r.a_id).name}
            item["b"] = {"id": r.b_id, "name": session.get(Person, r.b_id).name}
        elif r.kind == "low_confidence":
            item["event"] = event_record(session, session.get(Event, r.a_id))
        out.append(item)
    return out


def _organizations_named(session: Session, part: str) -> list[int]:
    """Ids of organizations with `part` in any of their names, in any language, oldest first."""
    key = search.fold(part)
    rows = session.execute(select(OrganizationName.organization_id, OrganizationName.name)
                           .order_by(OrganizationName.organization_id))
    return list(dict.fromkeys(oid for oid, n in rows if key in search.fold_name(n)))


def _places_named(session: Session, part: str) -> list[int]:
    """Ids of places with `part` in their name or any other spelling, oldest first."""
    key = search.fold(part)
    rows = session.execute(select(Place.id, Place.name, Place.names).order_by(Place.id))
    return [pid for pid, name, names in rows if any(key in search.fold_name(n) for n in [name, *names])]


def _find(session: Session, model: type[Organization] | type[Place], query: str) -> int:
    noun = model.__tablename__[:-1]
    if query.isdigit():
        if session.get(model, int(query)) is None:
            raise NotFoundInDatabaseError(f"no {noun} with id {query}")
        return root_id(session, model, int(query))
    hits = (_organizations_named if model is Organization else _places_named)(session, query)
    if not hits:
        raise NotFoundInDatabaseError(f"no {noun} named {query!r}")
    return root_id(session, model, hits[0])


def find_organization(session: Session, query: str) -> int:
    """The root id of the organization `query` names: an id, or part of any of its names."""
    return _find(session, Organization, query)


def find_place(session: Session, query: str) -> int:
    """The root id of the place `query` names: an id, or part of any of its spellings."""
    from kuzet.extract.places import lookup

    entry = lookup(query, kazakh=True)
    return _find(session, Place, entry["name"] if entry and not query.isdigit() else query)


def organizations(session: Session) -> list[dict]:
    """Organizations with the number of events they took part in, most first."""
    counts: Counter[int] = Counter()
    for oid, n in session.execute(select(Involvement.organization_id, func.count(func.distinct(Involvement.event_id)))
                                  .where(Involvement.organization_id.is_not(None)).group_by(Involvement.organization_id)):
        counts[root_id(session, Organization, oid)] += n
    rows = session.execute(select(Organization).where(Organization.merged_into_id.is_(None))).scalars()
    out = [{"id": o.id, "name": o.name, "kind": o.kind, "events": counts.get(o.id, 0)} for o in rows]
    return sorted(out, key=lambda r: (-r["events"], r["name"]))


def organization(session: Session, org_id: int, *, levels: Levels = None) -> dict:
    """One organization: its names in every language, and every event it took part in, by role and date."""
    if session.get(Organization, org_id) is None:
        raise NotFoundInDatabaseError(f"no organization with id {org_id}")
    root = root_id(session, Organization, org_id)
    o = session.get(Organization, root)
    ids = group_ids(session, Organization, root)
    names = sorted(set(session.execute(select(OrganizationName.name).where(OrganizationName.organization_id.in_(ids))).scalars()))
    rows = session.execute(select(Event, Involvement.role).join(Involvement, Involvement.event_id == Event.id)
                           .where(Involvement.organization_id.in_(ids), _seen(Event.confidentiality, levels))
                           .order_by(Event.date.is_(None), Event.date, Event.id)).all()
    roles: dict[Event, str] = {}
    for e, role in rows:
        roles.setdefault(e, role)
    timeline = [{**rec, "role": role} for rec, role in zip(event_records(session, list(roles), levels=levels),
                                                           roles.values(), strict=True)]
    return {"id": root, "name": o.name, "kind": o.kind, "merged": [i for i in ids if i != root], "names": names,
            "timeline": timeline}


def place(session: Session, place_id: int, *, levels: Levels = None) -> dict:
    """One place: its spellings, and the events that happened there, by date."""
    if session.get(Place, place_id) is None:
        raise NotFoundInDatabaseError(f"no place with id {place_id}")
    root = root_id(session, Place, place_id)
    p = session.get(Place, root)
    ids = group_ids(session, Place, root)
    names = sorted({n for i in ids for row in [session.get(Place, i)] for n in [row.name, *row.names]})
    rows = session.execute(select(Event).where(Event.place_id.in_(ids), _seen(Event.confidentiality, levels))
                           .order_by(Event.date.is_(None), Event.date, Event.id)).scalars()
    return {"id": root, "name": p.name, "kind": p.kind, "region": p.region, "lat": p.lat, "lon": p.lon,
            "merged": [i for i in ids if i != root], "names": names,
            "timeline": event_records(session, list(rows), levels=levels)}


def history(session: Session, table: str, row_id: int) -> list[dict]:
    return [{"id": c.id, "at": _iso(c.at), "actor": c.actor, "action": c.action, "before": c.before, "after": c.after}
            for c in session.execute(select(Change).where(Change.table == table, Change.row_id == row_id)
                                     .order_by(Change.id)).scalars()]
