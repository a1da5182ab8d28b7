"""The web desk: `create_app(db)` builds the FastAPI application `kuzet serve` runs.

Errors never show a stack trace: a KuzetError is a message on the page (or a JSON
`{"error": ...}` with its status under /api/), anything else a plain 500 that says
nothing was saved (the request's transaction was not committed). Every response
carries a strict Content-Security-Policy: scripts only from the desk's own static
files, so text from a bulletin can never run as script even if it slipped through
escaping.
"""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager
from importlib import resources

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException

from kuzet.errors import KuzetError, NotFoundInDatabaseError
from kuzet.store.db import Database
from kuzet.web import actions, routes
from kuzet.web.auth import LoginThrottle
from kuzet.web.desk import LoginRequired

log = logging.getLogger(__name__)
THREADS = 12  # fewer than the database pool's connections (kuzet.store.db.POOL)
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class _Guard:
    """Security headers on every response, and a plain 500 for anything unexpected.

    A pure ASGI middleware (Starlette's `BaseHTTPMiddleware` costs a stream per request).
    What went wrong is logged by kind only; its details, which may name people, at DEBUG.
    """

    def __init__(self, app, render_error) -> None:  # noqa: ANN001 - an ASGI app and app.py's _error
        self.app, self.render_error = app, render_error

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        private = scope["path"].startswith("/api/") or scope["method"] == "POST"

        async def with_headers(message) -> None:  # noqa: ANN001 - an ASGI message
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for k, v in _HEADERS.items():
                    headers.setdefault(k, v)
                if private:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:  # noqa: BLE001 - answered plainly
            log.error("unexpected %s on %s %s", type(exc).__name__, scope["method"], scope["path"])
            log.debug("details", exc_info=exc)
            if not started:
                response = self.render_error(Request(scope), 500, "something went wrong on the server; nothing was saved")
                await response(scope, receive, with_headers)


def _behind_tls(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


@asynccontextmanager
async def _lifespan(_app: FastAPI):  # noqa: ANN202
    # Only slow actions (a password check, reading an added document) use worker threads; pages run
    # on the event loop. A few threads are plenty and keep within the database pool.
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    # What start-up built (modules, models, statements, templates) lives as long as the server: kept out of
    # the collector's full passes, each of which stopped every page for 140 ms (15 ms after this).
    gc.freeze()
    yield


def _chart(rows: list[dict], x: str, stack: str, title: str) -> Markup:
    """The same chart as `kuzet stats --chart` draws (publish/charts.py), inline in a page."""
    from kuzet.publish import charts

    bars = tuple((r[x], str(r[stack]).replace("_", " "), r["events"]) for r in rows)
    return Markup(charts.inline(charts.svg(bars, title)))


def create_app(db: Database, *, secure_cookies: bool | None = None) -> FastAPI:
    """The desk over `db`. Cookies are Secure when `secure_cookies`, or (None) when the request came over TLS."""
    app = FastAPI(title="Kuzet desk", version="1", docs_url="/api/docs", redoc_url=None, lifespan=_lifespan,
                  openapi_url="/api/openapi.json", swagger_ui_oauth2_redirect_url=None)
    app.state.db = db
    app.state.throttle = LoginThrottle()
    app.state.secure_cookies = (lambda r: secure_cookies) if secure_cookies is not None else _behind_tls
    web = resources.files("kuzet.web")
    templates = Jinja2Templates(directory=str(web.joinpath("templates")))
    templates.env.globals["levels"] = ("public", "internal", "confidential")
    templates.env.globals["chart"] = _chart
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(web.joinpath("static"))), name="static")

    def _error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "d": None},
                                          status_code=status)

    app.add_middleware(_Guard, render_error=_error)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "sign in, or send 'Authorization: Bearer <token>'"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(KuzetError)
    async def kuzet_error(request: Request, exc: KuzetError) -> Response:
        status = 404 if isinstance(exc, NotFoundInDatabaseError) else getattr(exc, "status", 400)
        return _error(request, status, f"{exc.path}: {exc.message}" if exc.path else exc.message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body"))
        return _error(request, 422, f"{where or 'request'}: {first.get('msg', 'invalid')}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail) if exc.status_code != 404 else "no such page")

    @app.get("/login", include_in_schema=False, response_class=HTMLResponse)
    def login_page(request: Request, error: str | None = None, next: str = "/") -> Response:  # noqa: A002
        messages = {"bad": "Wrong name or password.", "throttled": "Too many failed attempts; wait a few minutes."}
        return templates.TemplateResponse(request, "login.html", {"d": None, "error": messages.get(error or ""),
                                                                  "next": next})

    app.include_router(routes.router)
    app.include_router(actions.router)
    return app


def app_from_environment() -> FastAPI:
    """The desk over $KUZET_DATABASE_URL, for `kuzet serve --workers N` (each worker process builds its own)."""
    from kuzet.store.db import open_database

    return create_app(open_database())
