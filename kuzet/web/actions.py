"""What people do at the desk: sign in and out, add documents, review facts, decide review items,
publish, revert, manage users and tokens. Each action answers a form with a redirect to
the page that shows its result, and its /api/ twin with JSON; both commit before answering.

Actions run on the event loop like the pages (short writes). The two slow ones go to a
worker thread so that nobody else waits for them: checking a password (Argon2id is slow
on purpose) and reading an added document.
"""

from __future__ import annotations

import logging
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from kuzet.ingest.run import ingest_documents
from kuzet.ingest.sources import from_bytes
from kuzet.resolve import audit, curation, verification
from kuzet.resolve.corrections import add_fact, review_fact
from kuzet.store.models import Change, Document, ReviewItem, User
from kuzet.web.auth import AccountError, add_user, authenticate, close_session, new_api_token, open_session, set_password
from kuzet.web.desk import COOKIE, BadForm, Desk, db_session, writer
from kuzet.web.routes import visible_document

log = logging.getLogger(__name__)
router = APIRouter()
MAX_UPLOAD_MB = 10.0


async def payload(request: Request) -> dict[str, Any]:
    """The posted fields, from a form or a JSON body."""
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise BadForm("the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise BadForm("the body must be a JSON object")
        return body
    form = await request.form(max_part_size=int(MAX_UPLOAD_MB * 1024 * 1024) + 1024)
    return dict(form)


def done(d: Desk, where: str, result: dict) -> RedirectResponse | JSONResponse:
    d.commit()
    if d.api:
        return JSONResponse(result)
    return RedirectResponse(where, status_code=303)


def action(path: str):  # noqa: ANN201 - a decorator
    """Register a POST handler at `path` (forms) and /api`path` (JSON)."""

    def register(fn):  # noqa: ANN001, ANN202
        router.add_api_route(path, fn, methods=["POST"], include_in_schema=False)
        router.add_api_route("/api" + path, fn, methods=["POST"], summary=(fn.__doc__ or "").split("\n")[0])
        return fn

    return register


def _int(value: object, name: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise BadForm(f"{name} must be a number") from None


# -- signing in -------------------------------------------------------------------------------


@router.post("/login", include_in_schema=False)
async def login(request: Request, session: Session = Depends(db_session)) -> RedirectResponse:
    form = await request.form()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    address = request.client.host if request.client else "?"
    throttle = request.app.state.throttle
    nxt = str(form.get("next") or "/")
    nxt = nxt if nxt.startswith("/") and not nxt.startswith("//") else "/"
    if throttle.blocked(name, address):
        return RedirectResponse("/login?error=throttled", status_code=303)
    user = await to_thread.run_sync(authenticate, session, name, password)
    if user is None:
        throttle.failed(name, address)
        session.commit()
        return RedirectResponse("/login?error=bad", status_code=303)
    throttle.succeeded(name)
    token, _csrf = open_session(session, user)
    session.commit()
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.app.state.secure_cookies(request),
                        max_age=12 * 3600, path="/")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request, d: Desk = Depends(writer("viewer"))) -> RedirectResponse:
    close_session(d.session, request.cookies.get(COOKIE, ""))
    d.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# -- documents and facts ----------------------------------------------------------------------


@action("/documents")
async def add_document(request: Request, d: Desk = Depends(writer("monitor"))) -> Any:
    """Store a pasted text or an uploaded file (txt, md, html, docx, pdf) and read it."""
    data = await payload(request)
    upload = data.get("file")
    raw = b""
    if isinstance(upload, UploadFile):
        raw = await upload.read(int(MAX_UPLOAD_MB * 1024 * 1024) + 1) if upload.filename else b""
        await upload.close()
    if raw or (isinstance(upload, UploadFile) and upload.filename):
        name = upload.filename
    else:
        text = str(data.get("text") or "")
        if not text.strip():
            raise BadForm("paste a text or choose a file")
        raw, name = text.replace("\r\n", "\n").encode("utf-8"), str(data.get("name") or "pasted.txt")
        if not name.endswith((".txt", ".md")):
            name += ".txt"
    src = await to_thread.run_sync(lambda: from_bytes(name, raw, max_mb=MAX_UPLOAD_MB))
    existing = d.session.execute(select(Document.id).where(Document.sha256 == src.sha256)).scalar_one_or_none()
    if existing is None:
        d.session.rollback()  # the ingest writes in its own transaction
        report = await to_thread.run_sync(ingest_documents, request.app.state.db, [src])
        if report.failed:
            raise BadForm(report.failed[0])
        existing = report.stored[0] if report.stored else d.session.execute(
            select(Document.id).where(Document.sha256 == src.sha256)).scalar_one()
        stored = True
    else:
        stored = False
    return done(d, f"/documents/{existing}", {"document": existing, "stored": stored})


@action("/documents/{doc_id}/facts/{fact_id}")
async def decide_fact(doc_id: int, fact_id: str, request: Request, d: Desk = Depends(writer("monitor"))) -> Any:
    """Accept, correct, reject or (editors) verify one fact of a document's reading."""
    visible_document(d, doc_id)
    data = await payload(request)
    act = str(data.get("action", ""))
    if act == "verify" and not d.reader.can("editor"):
        raise BadForm("verifying needs the editor role")
    fields = {k[2:]: v for k, v in data.items() if k.startswith("f_")} or data.get("fields")
    row = review_fact(d.session, doc_id, fact_id, act, actor=d.reader.name, fields=fields if isinstance(fields, dict) else None)
    return done(d, f"/documents/{doc_id}#{fact_id}", {"fact": fact_id, "action": row.action, "fields": row.fields})


@action("/documents/{doc_id}/facts")
async def add_missed_fact(doc_id: int, request: Request, d: Desk = Depends(writer("monitor"))) -> Any:
    """Add a fact the machine missed, from a selected span of the text."""
    visible_document(d, doc_id)
    data = await payload(request)
    fields = {k[2:]: v for k, v in data.items() if k.startswith("f_")}
    row = add_fact(d.session, doc_id, str(data.get("group", "")), _int(data.get("start"), "start"),
                   _int(data.get("end"), "end"), actor=d.reader.name, fields=fields)
    return done(d, f"/documents/{doc_id}#{row.fact_id}", {"fact": row.fact_id, "fields": row.fields})


@action("/confidentiality/{table}/{row_id}")
async def confidentiality(table: str, row_id: int, request: Request, d: Desk = Depends(writer("editor"))) -> Any:
    """Set a document's, person's or event's confidentiality (public is what viewers may read)."""
    data = await payload(request)
    audit.set_confidentiality(d.session, table, row_id, str(data.get("level", "")), actor=d.reader.name)
    back = {"documents": f"/documents/{row_id}", "persons": f"/persons/{row_id}"}.get(table, f"/history/{table}/{row_id}")
    return done(d, back, {"table": table, "id": row_id, "level": data.get("level")})


# -- review queue and history ---------------------------------------------------------------------


@action("/review/batch")
async def decide_reviews(request: Request, d: Desk = Depends(writer("editor"))) -> Any:
    """Apply one decision to several review items at once (all or nothing)."""
    if request.headers.get("content-type", "").startswith("application/json"):
        data = await payload(request)
        items = data.get("items") or []
    else:
        form = await request.form()
        data, items = dict(form), form.getlist("item")
    if not items:
        raise BadForm("tick the items to decide first")
    decision = str(data.get("decision", ""))
    for item_id in items:
        _decide(d, _int(item_id, "item"), decision)
    return done(d, "/review", {"items": [int(i) for i in items], "decision": decision})


@action("/review/{item_id}")
async def decide_review(item_id: int, request: Request, d: Desk = Depends(writer("editor"))) -> Any:
    """Decide a review item: merge or keep apart a pair of persons; verify or reject a low-confidence event."""
    data = await payload(request)
    decision = str(data.get("decision", ""))
    _decide(d, item_id, decision)
    return done(d, "/review", {"item": item_id, "decision": decision})


def _decide(d: Desk, item_id: int, decision: str) -> None:
    item = d.session.get(ReviewItem, item_id)
    if item is None or item.status != "open":
        raise BadForm(f"review item {item_id} is not open")
    actor = d.reader.name
    if item.kind == "same_person" and decision == "merge":
        curation.merge(d.session, item.a_id, item.b_id, actor=actor)
    elif item.kind == "same_person" and decision == "keep_apart":
        curation.keep_apart(d.session, item_id, actor=actor)
    elif item.kind == "low_confidence" and decision == "verify":
        verification.verify(d.session, item.a_id, actor=actor)
    elif item.kind == "low_confidence" and decision == "reject":
        verification.reject(d.session, item.a_id, actor=actor)
    else:
        raise BadForm(f"cannot {decision!r} a {item.kind.replace('_', ' ')} item")


@action("/changes/{change_id}/revert")
async def revert_change(change_id: int, request: Request, d: Desk = Depends(writer("editor"))) -> Any:
    """Take back a change (the revert is itself recorded)."""
    undo = audit.revert(d.session, change_id, actor=d.reader.name)
    return done(d, f"/history/{undo.table}/{undo.row_id}", {"change": undo.id, "reverts": change_id})


# -- accounts ---------------------------------------------------------------------------------------


@action("/admin/users")
async def create_user(request: Request, d: Desk = Depends(writer("admin"))) -> Any:
    """Add a user with a role; the new password is shown once."""
    data = await payload(request)
    user, password = add_user(d.session, str(data.get("name", "")), str(data.get("role", "")))
    d.session.add(Change(actor=d.reader.name, action="add_user", table="users", row_id=user.id, before=None,
                         after={"name": user.name, "role": user.role}))
    d.commit()
    if d.api:
        return JSONResponse({"user": user.id, "name": user.name, "role": user.role, "password": password})
    return d.request.app.state.templates.TemplateResponse(
        request, "secret.html", {"d": d, "title": f"User {user.name} added",
                                 "secret": password, "note": "Give this password to them; it is not shown again."})


@action("/account/tokens")
async def create_token(request: Request, d: Desk = Depends(writer("viewer"))) -> Any:
    """Create a personal API token for scripts; it is shown once."""
    data = await payload(request)
    user = d.session.get(User, d.reader.user_id)
    token = new_api_token(d.session, user, str(data.get("label") or "token"))
    d.commit()
    if d.api:
        return JSONResponse({"token": token})
    return d.request.app.state.templates.TemplateResponse(
        request, "secret.html", {"d": d, "title": "Your new API token", "secret": token,
                                 "note": "Send it as 'Authorization: Bearer <token>'. It is not shown again."})


@action("/account/password")
async def change_password(request: Request, d: Desk = Depends(writer("viewer"))) -> Any:
    """Change your own password."""
    data = await payload(request)
    user = d.session.get(User, d.reader.user_id)
    if authenticate(d.session, user.name, str(data.get("current", ""))) is None:
        raise AccountError("the current password is wrong")
    set_password(d.session, user, str(data.get("new", "")))
    return done(d, "/", {"changed": True})

