"""One request at the desk: who asks (from the session cookie or an API token), their database session, their CSRF token.

Pages and their `/api/` twins get a `Desk` from `needs(role)`; writing routes use `writer(role)`,
which also checks the CSRF token of cookie sessions (API tokens carry no cookie, so no
cross-site request can use them) and commits the request's work at the end.

The dependencies are coroutines although their work is not: a synchronous dependency
is sent to a worker thread, and each such hop, with the interpreter lock passed back
and forth, cost more than the sign-in query it ran (bench/web.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from kuzet.errors import KuzetError
from kuzet.store.db import Database
from kuzet.web.auth import Reader, session_reader, token_reader

COOKIE = "kuzet_session"


class LoginRequired(Exception):  # noqa: N818 - a control-flow signal, turned into a redirect or a 401
    pass


class Forbidden(KuzetError):
    code = "E032"
    status = 403


class BadForm(KuzetError):
    code = "E033"
    status = 400


@dataclass(slots=True)
class Desk:
    request: Request
    session: Session
    reader: Reader
    csrf: str | None  # None for API-token requests

    def commit(self) -> None:
        """Routes that write commit before they answer, so a reported success is stored."""
        self.session.commit()

    @property
    def levels(self) -> tuple[str, ...]:
        return self.reader.levels

    @property
    def api(self) -> bool:
        return self.request.url.path.startswith("/api/")


def database(request: Request) -> Database:
    return request.app.state.db


async def db_session(request: Request) -> AsyncIterator[Session]:
    with database(request).sessions() as s:
        yield s


def _identify(request: Request, session: Session) -> tuple[Reader, str | None]:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        reader = token_reader(session, auth[7:].strip())
        if reader is None:
            raise LoginRequired()
        return reader, None
    token = request.cookies.get(COOKIE)
    found = session_reader(session, token) if token else None
    if found is None:
        raise LoginRequired()
    return found


def needs(role: str):  # noqa: ANN201 - a FastAPI dependency
    """A reader of at least `role` (viewer < monitor < editor < admin), with the request's database session.

    One dependency that opens the session itself: every nested dependency is another round of FastAPI's
    solving on every request.
    """

    async def check(request: Request) -> AsyncIterator[Desk]:
        with database(request).sessions() as session:
            reader, csrf = _identify(request, session)
            if not reader.can(role):
                raise Forbidden(f"this needs the {role} role")
            yield Desk(request, session, reader, csrf)

    return check


async def _posted_csrf(request: Request) -> str | None:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    if request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf")
        return value if isinstance(value, str) else None
    return None


def writer(role: str):  # noqa: ANN201 - a FastAPI dependency
    """Like `needs`, for a request that changes something: CSRF-checked; the route calls `Desk.commit`."""

    async def check(request: Request, session: Session = Depends(db_session)) -> Desk:
        reader, csrf = _identify(request, session)
        if not reader.can(role):
            raise Forbidden(f"this needs the {role} role")
        session.commit()
        if csrf is not None and await _posted_csrf(request) != csrf:
            raise Forbidden("the form is stale or was not sent from the desk (CSRF check failed); reload the page")
        return Desk(request, session, reader, csrf)

    return check
