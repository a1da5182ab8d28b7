"""Every route with every role: what each may see and do, and confidentiality through pages, search, API and errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from kuzet.store.models import Document, Event, EventSource, Person, PersonName, User
from tests.web.conftest import csrf_of, store_text

# Each GET route and the least role that may open it.
ROUTES = {
    "/": "viewer", "/documents": "viewer", "/documents/{doc_id}": "viewer", "/persons": "viewer",
    "/persons/{person_id}": "viewer", "/organizations": "viewer", "/organizations/{org_id}": "viewer",
    "/places/{place_id}": "viewer", "/events": "viewer", "/search": "viewer", "/hearings": "viewer",
    "/account": "viewer", "/review": "monitor", "/accuracy": "editor", "/history/{table}/{row_id}": "editor",
    "/admin/users": "admin",
}
ORDER = ["viewer", "monitor", "editor", "admin"]
SECRET, INTERNAL = "Qwertyova", "Asdfgov"


def _level(desk, doc_id: int, level: str) -> None:
    with desk.db.session() as s:
        s.execute(update(Document).where(Document.id == doc_id).values(confidentiality=level))
        events = select(EventSource.event_id).where(EventSource.document_id == doc_id)
        s.execute(update(Event).where(Event.id.in_(events)).values(confidentiality=level))
        people = select(PersonName.person_id).where(PersonName.document_id == doc_id)
        s.execute(update(Person).where(Person.id.in_(people)).values(confidentiality=level))


@pytest.fixture
def desk_with_secrets(desk):
    _level(desk, 1, "public")
    secret = store_text(desk.db, f"On 3 May 2021 in Almaty police detained civil activist Zarina {SECRET.upper()} "
                                 "under Article 174 of the Criminal Code.", "secret.txt")
    internal = store_text(desk.db, f"On 4 May 2021 in Aktau police detained journalist Bolat {INTERNAL.upper()}.",
                          "internal.txt")
    _level(desk, secret, "confidential")
    _level(desk, internal, "internal")
    with desk.db.sessions() as s:
        ids = {name: s.execute(select(PersonName.person_id).where(PersonName.name.contains(name))).scalars().first()
               for name in (SECRET, INTERNAL)}
    return desk, secret, internal, ids


def _paths(ids: dict, secret: int, internal: int) -> list[str]:
    fill = {"doc_id": "1", "person_id": "1", "org_id": "1", "place_id": "1", "table": "documents", "row_id": "1"}
    base = [p.format(**fill) for p in ROUTES]
    extra = [f"/documents/{secret}", f"/documents/{internal}", f"/persons/{ids[SECRET]}", f"/persons/{ids[INTERNAL]}",
             f"/search?q={SECRET}", f"/search?q={INTERNAL}", "/search?q=174", f"/events?person={SECRET}",
             "/events?place=Almaty", "/events?place=Aktau", "/?today=2021-05-05", "/hearings?today=2021-01-01"]
    return base + extra


def _gets(app) -> set[str]:
    """Every GET path the app serves (included routers are walked)."""
    out, stack = set(), list(app.routes)
    while stack:
        r = stack.pop()
        if hasattr(r, "original_router"):
            stack.extend(r.original_router.routes)
        elif "GET" in (getattr(r, "methods", None) or ()):
            out.add(r.path)
    return out


def test_every_route_is_in_the_table(desk) -> None:
    gets = _gets(desk.app)
    assert {p for p in gets if not p.startswith("/api")} - {"/login"} == set(ROUTES)
    assert {p for p in gets if p.startswith("/api/")} - {"/api/openapi.json", "/api/docs"} == {
        "/api" + p for p in ROUTES}, "every page has a JSON twin"
    schema = desk.client(None).get("/api/openapi.json").json()
    assert "/api/persons/{person_id}" in schema["paths"] and "/api/documents/{doc_id}/facts/{fact_id}" in schema["paths"]


@pytest.mark.parametrize("role", ORDER)
def test_each_role_opens_what_it_may_and_no_more(desk, role) -> None:
    _level(desk, 1, "public")
    client = desk.client(role)
    for path, least in ROUTES.items():
        url = path.format(doc_id=1, person_id=1, org_id=1, place_id=1, table="documents", row_id=1)
        allowed = ORDER.index(role) >= ORDER.index(least)
        page, api = client.get(url), client.get("/api" + url)
        assert page.status_code == (200 if allowed else 403), (role, url, page.status_code)
        assert api.status_code == (200 if allowed else 403), (role, url, api.status_code)
        if not allowed:
            assert api.json() == {"error": f"this needs the {least} role"}


def test_nobody_signed_in_sees_nothing(desk) -> None:
    client = desk.client(None)
    for path in ROUTES:
        url = path.format(doc_id=1, person_id=1, org_id=1, place_id=1, table="documents", row_id=1)
        r = client.get(url)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), url
        assert client.get("/api" + url).status_code == 401
    assert client.post("/documents", data={"text": "x"}).status_code == 303  # to the login page, nothing stored
    with desk.db.sessions() as s:
        assert s.execute(select(Document.id)).scalars().all() == [1]


@pytest.mark.parametrize("role, sees", [("viewer", set()), ("monitor", {INTERNAL}), ("editor", {INTERNAL, SECRET}),
                                        ("admin", {INTERNAL, SECRET})])
def test_confidential_records_never_show_through(desk_with_secrets, role, sees) -> None:
    desk, secret, internal, ids = desk_with_secrets
    client = desk.client(role)
    shown: set[str] = set()
    leaks: list = []
    for path in _paths(ids, secret, internal):
        for url in (path, "/api" + path):
            r = client.get(url)
            assert r.status_code in (200, 403, 404), (url, r.status_code)
            body = r.text.lower()
            for name in (SECRET, INTERNAL):
                # A search or filter shows its own query back; only what else the page holds counts.
                echoed = body.replace(f"q={name.lower()}", "").replace(f"person={name.lower()}", "")
                echoed = echoed.replace(f'value="{name.lower()}"', "").replace(f"“{name.lower()}”", "")
                echoed = echoed.replace(f'"q":"{name.lower()}"', "").replace(f'"person":"{name.lower()}"', "")
                if name.lower() in echoed:
                    shown.add(name)
                    leaks.append((url, name))
    assert shown == sees, leaks
    if role == "viewer":
        r = client.get(f"/api/documents/{secret}")
        assert r.status_code == 404 and r.json() == {"error": f"no document with id {secret}"}
        assert client.get("/api/persons").json()["persons"], "viewers still see what is public"
        assert "Kumekbayev" in client.get("/persons").text


def test_publishing_is_for_editors_and_recorded(desk) -> None:
    monitor, editor = desk.client("monitor"), desk.client("editor")
    r = monitor.post("/confidentiality/documents/1", data={"level": "public", "csrf": csrf_of(monitor)})
    assert r.status_code == 403
    r = editor.post("/confidentiality/documents/1", data={"level": "public", "csrf": csrf_of(editor)})
    assert r.status_code == 303
    history = editor.get("/api/history/documents/1").json()["changes"]
    assert [(c["actor"], c["action"], c["before"], c["after"]) for c in history] == [
        ("editor", "confidentiality", {"confidentiality": "internal"}, {"confidentiality": "public"})]
    assert "Kumekbayev" not in desk.client("viewer").get("/documents").text  # the document, not yet its people
    assert 'href="/documents/1"' in desk.client("viewer").get("/documents").text


def test_users_are_added_by_admins_with_a_password_shown_once(desk) -> None:
    admin = desk.client("admin")
    r = admin.post("/api/admin/users", json={"name": "Айгерим", "role": "monitor"}, headers={"x-csrf-token": csrf_of(admin)})
    assert r.status_code == 200
    password = r.json()["password"]
    assert len(password) >= 12
    with desk.db.sessions() as s:
        stored = s.execute(select(User.password_hash).where(User.name == "Айгерим")).scalar_one()
    assert stored.startswith("$argon2id$") and password not in stored
    fresh = desk.client(None)
    assert fresh.post("/login", data={"name": "Айгерим", "password": password}).headers["location"] == "/"
