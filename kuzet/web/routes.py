"""The desk's pages. Each is one function that returns the page's data; `twin` serves it
as HTML at its path and as JSON under /api/ (documented in the OpenAPI schema), so a
script and a person always see the same facts.

Pages run on the event loop, one at a time per server process: their work is Python and
SQLite, which threads would only take turns at (under one interpreter lock) while paying
for every hop. A team server runs one process per core (`kuzet serve --workers N`).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import func, select

from kuzet.errors import NotFoundInDatabaseError
from kuzet.resolve.accuracy import reader_accuracy
from kuzet.resolve.corrections import facts as document_facts
from kuzet.store import queries
from kuzet.store.models import ROLES, ApiToken, Document, Event, ReviewItem, User
from kuzet.web.desk import Desk, needs
from kuzet.web.highlight import pieces

router = APIRouter()
PAGE = 50


def twin(path: str, template: str):  # noqa: ANN201 - a decorator
    def register(fn):  # noqa: ANN001, ANN202
        @functools.wraps(fn)
        async def page(*args: Any, **kwargs: Any) -> HTMLResponse:
            data = fn(*args, **kwargs)
            d: Desk = kwargs["d"]
            return d.request.app.state.templates.TemplateResponse(d.request, template, {"data": data, "d": d})

        @functools.wraps(fn)
        async def api(*args: Any, **kwargs: Any) -> Response:
            # The data are plain JSON values already (queries write dates as ISO strings), so they are
            # dumped directly rather than walked again by FastAPI's encoder (a quarter of a dossier's time),
            # by orjson (a 52 KB dossier in 0.13 ms, against 1.1 ms for the standard library).
            return Response(orjson.dumps(fn(*args, **kwargs), option=orjson.OPT_NON_STR_KEYS),
                            media_type="application/json")

        router.add_api_route("/api" + path, api, methods=["GET"], summary=(fn.__doc__ or "").split("\n")[0],
                             response_class=JSONResponse)
        router.add_api_route(path, page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
        return fn

    return register


@twin("/", "dashboard.html")
def dashboard(d: Desk = Depends(needs("viewer")), today: date | None = None) -> dict:
    """This week's events, upcoming hearings, the review backlog, and events by kind per month."""
    today = today or date.today()
    s = d.session
    week = queries.events(s, since=today - timedelta(days=7), until=today, levels=d.levels, limit=100)
    months: Counter[tuple[str, str]] = Counter()
    start = date(today.year - 1, today.month, 1)
    for when, kind in s.execute(select(Event.date, Event.kind).where(
            Event.date >= start, Event.date <= today, Event.confidentiality.in_(d.levels))):
        months[(when.strftime("%Y-%m"), kind)] += 1
    backlog = s.execute(select(func.count(ReviewItem.id)).where(ReviewItem.status == "open")).scalar_one() \
        if d.reader.can("monitor") else None
    return {"today": today.isoformat(), "week": week,
            "hearings": queries.hearings(s, today=today, levels=d.levels)[:10],
            "review_backlog": backlog,
            "by_month": [{"month": m, "kind": k, "events": n} for (m, k), n in sorted(months.items())]}


@twin("/documents", "documents.html")
def documents(d: Desk = Depends(needs("viewer")), page: int = Query(1, ge=1)) -> dict:
    """Stored documents, newest first, 50 a page."""
    rows = d.session.execute(select(Document.id, Document.path, Document.title, Document.date, Document.language,
                                    Document.confidentiality, Document.ingested_at)
                             .where(Document.confidentiality.in_(d.levels))
                             .order_by(Document.id.desc()).offset((page - 1) * PAGE).limit(PAGE)).all()
    return {"page": page, "documents": [
        {"id": r.id, "path": r.path, "title": r.title, "date": r.date.isoformat() if r.date else None,
         "language": r.language, "confidentiality": r.confidentiality} for r in rows]}


def visible_document(d: Desk, doc_id: int) -> Document:
    doc = d.session.get(Document, doc_id)
    if doc is None or doc.confidentiality not in d.levels:
        raise NotFoundInDatabaseError(f"no document with id {doc_id}")
    return doc


@twin("/documents/{doc_id}", "document.html")
def document(doc_id: int, d: Desk = Depends(needs("viewer"))) -> dict:
    """The reading screen: a document's text, its facts (machine-read or reviewed), and where each stands in it."""
    doc = visible_document(d, doc_id)
    facts = document_facts(d.session, doc_id)
    return {"id": doc.id, "path": doc.path, "title": doc.title, "date": doc.date.isoformat() if doc.date else None,
            "language": doc.language, "confidentiality": doc.confidentiality, "sha256": doc.sha256,
            "channel": doc.channel, "hashtags": doc.hashtags, "text": doc.text, "facts": facts,
            "pieces": [asdict(p) for p in pieces(doc.text, facts)]}


@twin("/persons", "persons.html")
def persons(d: Desk = Depends(needs("viewer")), page: int = Query(1, ge=1)) -> dict:
    """People with the number of events against them and their latest status, most events first."""
    rows = queries.persons(d.session, levels=d.levels)
    return {"page": page, "total": len(rows), "persons": rows[(page - 1) * PAGE: page * PAGE]}


@twin("/persons/{person_id}", "person.html")
def person(person_id: int, d: Desk = Depends(needs("viewer"))) -> dict:
    """A dossier: names in every spelling, descriptors, affiliations, case cards, timeline with sources."""
    return queries.dossier(d.session, person_id, levels=d.levels)


@twin("/organizations", "organizations.html")
def organizations(d: Desk = Depends(needs("viewer"))) -> dict:
    """Organizations with the number of events they took part in."""
    return {"organizations": queries.organizations(d.session)}


@twin("/organizations/{org_id}", "organization.html")
def organization(org_id: int, d: Desk = Depends(needs("viewer"))) -> dict:
    """Everything an organization (a court, a police department, an akimat) did, by date."""
    return queries.organization(d.session, org_id, levels=d.levels)


@twin("/places/{place_id}", "place.html")
def place(place_id: int, d: Desk = Depends(needs("viewer"))) -> dict:
    """A place's spellings and the events that happened there."""
    return queries.place(d.session, place_id, levels=d.levels)


@twin("/events", "events.html")
def events(d: Desk = Depends(needs("viewer")), kind: str | None = None, since: date | None = None,
           until: date | None = None, place: str | None = None, article: str | None = None,
           person: str | None = None, organization: str | None = None, page: int = Query(1, ge=1)) -> dict:
    """Events filtered by kind, date range, place, article, person, organization; by date, 50 a page."""
    filters = {"kind": kind, "since": since, "until": until, "place": place, "article": article, "person": person,
               "organization": organization}
    given = {k: v for k, v in filters.items() if v not in (None, "")}
    try:
        rows = queries.events(d.session, levels=d.levels, limit=PAGE + 1, offset=(page - 1) * PAGE, **given)
    except NotFoundInDatabaseError:
        rows = []  # a person or place nobody recorded: no events, not an error
    shown = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in filters.items()}
    return {"filters": shown, "page": page, "more": len(rows) > PAGE, "events": rows[:PAGE],
            "query": urlencode({k: v for k, v in shown.items() if v not in (None, "")})}


@twin("/search", "search.html")
def search(d: Desk = Depends(needs("viewer")), q: str = "", kind: str | None = None) -> dict:
    """Full text over documents and events, Latin and Cyrillic, with snippets."""
    hits = queries.full_text(d.session, q, kind=kind or None, levels=d.levels) if q.strip() else []
    return {"q": q, "kind": kind, "hits": hits}


@twin("/hearings", "hearings.html")
def hearings(d: Desk = Depends(needs("viewer")), today: date | None = None) -> dict:
    """Court hearings from today on, soonest first."""
    today = today or date.today()
    return {"today": today.isoformat(), "hearings": queries.hearings(d.session, today=today, levels=d.levels)}


@twin("/review", "review.html")
def review(d: Desk = Depends(needs("monitor"))) -> dict:
    """What the machine was not sure of: possible same-person pairs (with both dossiers), low-confidence facts."""
    items = queries.review(d.session)[:100]
    for item in items:
        if item["kind"] == "same_person":
            for side in ("a", "b"):
                try:
                    item[side]["dossier"] = queries.dossier(d.session, item[side]["id"], levels=d.levels)
                except NotFoundInDatabaseError:
                    item[side]["dossier"] = None
    return {"queue": items}


@twin("/accuracy", "accuracy.html")
def accuracy(d: Desk = Depends(needs("editor"))) -> dict:
    """How the reader did on the facts people reviewed: as read, corrected, rejected, missed; per field and language."""
    return reader_accuracy(d.session, levels=d.levels)


@twin("/history/{table}/{row_id}", "history.html")
def history(table: str, row_id: int, d: Desk = Depends(needs("editor"))) -> dict:
    """Every change made to one record, oldest first, with what it was before and after."""
    return {"table": table, "row_id": row_id, "changes": queries.history(d.session, table, row_id)}


@twin("/admin/users", "users.html")
def users(d: Desk = Depends(needs("admin"))) -> dict:
    """The desk's users and their roles."""
    rows = d.session.execute(select(User).order_by(User.name)).scalars()
    return {"roles": list(ROLES), "users": [{"id": u.id, "name": u.name, "role": u.role, "active": u.active}
                                            for u in rows]}


@twin("/account", "account.html")
def account(d: Desk = Depends(needs("viewer"))) -> dict:
    """Your account: name, role, what you may read, your API tokens."""
    tokens = d.session.execute(select(ApiToken).where(ApiToken.user_id == d.reader.user_id).order_by(ApiToken.id)).scalars()
    return {"name": d.reader.name, "role": d.reader.role, "levels": list(d.levels),
            "tokens": [{"id": t.id, "label": t.label, "created": t.created_at.isoformat() if t.created_at else None,
                        "revoked": t.revoked} for t in tokens]}
