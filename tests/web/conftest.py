"""A desk over a real database with one user per role and the seed bulletin stored, and clients signed in as each."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from kuzet.ingest.run import ingest_documents
from kuzet.ingest.sources import from_bytes
from kuzet.store.db import Database
from kuzet.store.models import ROLES
from kuzet.web.app import create_app
from kuzet.web.auth import add_user

PASSWORD = "correct horse battery"


@dataclass
class Desk:
    db: Database
    app: object

    def client(self, role: str | None) -> TestClient:
        """A browser signed in as the user of `role` (None: nobody signed in)."""
        c = TestClient(self.app, raise_server_exceptions=False, follow_redirects=False)
        if role:
            r = c.post("/login", data={"name": role, "password": PASSWORD})
            assert r.status_code == 303 and r.headers["location"] == "/", r.text
        return c


def csrf_of(client: TestClient, page: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(page).text).group(1)


def store_text(db: Database, text: str, name: str) -> int:
    report = ingest_documents(db, [from_bytes(name, text.encode("utf-8"))])
    assert report.stored, report.failed
    return report.stored[0]


@pytest.fixture
def desk(db_url, seed_text) -> Desk:
    db = Database(db_url, auto_upgrade=True)
    with db.session() as s:
        for role in ROLES:
            add_user(s, role, role, PASSWORD)
    store_text(db, seed_text, "monitoring-2021-04-21.txt")
    yield Desk(db, create_app(db))
    db.close()
