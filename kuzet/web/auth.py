"""Accounts at the desk: users and roles, Argon2id passwords, signed-in sessions, API tokens, login throttling.

Secrets never rest in the database as given: passwords are Argon2id hashes, session
and API tokens are stored as their sha256 (a stolen database opens no session). Each
session carries its own CSRF token, which every form posts back.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from kuzet.errors import KuzetError
from kuzet.store.models import CONFIDENTIALITY, ROLES, ApiToken, User, WebSession

SESSION_HOURS = 12
_hasher = PasswordHasher()  # argon2-cffi's default type is Argon2id
# Verifying against this when the user does not exist takes as long as a real check,
# so response times do not tell which user names exist.
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(KuzetError):
    code = "E030"


@dataclass(frozen=True, slots=True)
class Reader:
    """Who is asking, and what they may see."""

    user_id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def levels(self) -> tuple[str, ...]:
        """Viewers read what is published; monitors also internal records; editors and admins everything."""
        if self.role == "viewer":
            return ("public",)
        if self.role == "monitor":
            return ("public", "internal")
        return CONFIDENTIALITY


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(session: Session, name: str, role: str, password: str | None = None) -> tuple[User, str]:
    """Create a user; returns it with its password (a new random one when none is given)."""
    name = name.strip()
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (choose from {', '.join(ROLES)})")
    if not name or len(name) > 120:
        raise AccountError("a user name is 1 to 120 characters")
    if session.execute(select(User.id).where(User.name == name)).first():
        raise AccountError(f"a user named {name!r} exists already")
    password = password or secrets.token_urlsafe(12)
    if len(password) < 10:
        raise AccountError("a password is at least 10 characters")
    user = User(name=name, role=role, password_hash=_hasher.hash(password), active=True)
    session.add(user)
    session.flush()
    return user, password


def set_password(session: Session, user: User, password: str) -> None:
    if len(password) < 10:
        raise AccountError("a password is at least 10 characters")
    user.password_hash = _hasher.hash(password)


def authenticate(session: Session, name: str, password: str) -> User | None:
    user = session.execute(select(User).where(User.name == name.strip())).scalar_one_or_none()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def open_session(session: Session, user: User, *, hours: float = SESSION_HOURS) -> tuple[str, str]:
    """A new signed-in session: (cookie token, csrf token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    session.add(WebSession(token_hash=_digest(token), user_id=user.id, csrf=csrf, created_at=now,
                           expires_at=now + timedelta(hours=hours)))
    return token, csrf


# Every request runs one of these: built once, as building a statement cost more than running it.
_SESSION_READER = (select(WebSession.expires_at, WebSession.csrf, User.id, User.name, User.role, User.active)
                   .join(User, User.id == WebSession.user_id).where(WebSession.token_hash == bindparam("digest")))
_TOKEN_READER = (select(ApiToken.revoked, User.id, User.name, User.role, User.active)
                 .join(User, User.id == ApiToken.user_id).where(ApiToken.token_hash == bindparam("digest")))


def session_reader(session: Session, token: str) -> tuple[Reader, str] | None:
    """The reader and csrf token of a live session, or None (unknown, expired, or user disabled)."""
    row = session.execute(_SESSION_READER, {"digest": _digest(token)}).first()
    if row is None or row.expires_at < _now() or not row.active:
        return None
    return Reader(row.id, row.name, row.role), row.csrf


def close_session(session: Session, token: str) -> None:
    ws = session.execute(select(WebSession).where(WebSession.token_hash == _digest(token))).scalar_one_or_none()
    if ws is not None:
        session.delete(ws)


def new_api_token(session: Session, user: User, label: str) -> str:
    token = "kz_" + secrets.token_urlsafe(32)
    session.add(ApiToken(token_hash=_digest(token), user_id=user.id, label=label[:120] or "token", revoked=False))
    return token


def token_reader(session: Session, token: str) -> Reader | None:
    row = session.execute(_TOKEN_READER, {"digest": _digest(token)}).first()
    if row is None or row.revoked or not row.active:
        return None
    return Reader(row.id, row.name, row.role)


class LoginThrottle:
    """At most `limit` failed logins per user name, and `address_limit` per address, in `window` seconds.

    The address limit is higher: a whole office often shares one address, and one
    person's typos must not lock their colleagues out.
    """

    def __init__(self, limit: int = 5, address_limit: int = 25, window: float = 300.0) -> None:
        self.limits = {"u": limit, "a": address_limit}
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        q = self._failures[key]
        while q and q[0] < time.monotonic() - self.window:
            q.popleft()
        return q

    def blocked(self, name: str, address: str) -> bool:
        return any(len(self._recent(k)) >= self.limits[k[0]] for k in (f"u:{name.lower()}", f"a:{address}"))

    def failed(self, name: str, address: str) -> None:
        for k in (f"u:{name.lower()}", f"a:{address}"):
            self._recent(k).append(time.monotonic())

    def succeeded(self, name: str) -> None:
        self._failures.pop(f"u:{name.lower()}", None)
