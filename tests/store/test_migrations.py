"""Schema changes go through migrations: a database made by an older Kuzet is upgraded with its data kept."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from kuzet.store import search
from kuzet.store.db import Database, current_revision, head_revision, make_engine, upgrade
from tests.conftest import run_kuzet

pytestmark = pytest.mark.issue(3)


def test_database_of_the_first_schema_is_upgraded_with_its_rows(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO places (id, name, kind, names) VALUES (1, 'Aktau', 'city', '[]')"))
            for ev_id, kind in ((1, "detention"), (2, "court_hearing"), (3, "court_hearing")):
                conn.execute(text("INSERT INTO events (id, kind, date_precision, status, summary, place_id, confidence, "
                                  "confidentiality) VALUES (:i, :k, 'day', 'happened', 's', 1, 1.0, 'internal')"),
                             {"i": ev_id, "k": kind})
            for ref, body in ((3, "заседание суда отложено"), (2, "судья отказал"), (1, "задержан в актау")):
                conn.execute(text("INSERT INTO search_index (kind, ref_id, body) VALUES ('event', :r, :b)"),
                             {"r": ref, "b": body})
        assert "merged_into_id" not in {c["name"] for c in inspect(engine).get_columns("places")}
    finally:
        engine.dispose()
    if db_url.startswith("postgresql"):
        # A team server is upgraded by its admin, never behind their back.
        with pytest.raises(Exception, match="kuzet db upgrade"):
            Database(db_url)
        result = run_kuzet("db", "upgrade", "--db", db_url)
        assert result.returncode == 0, result.stderr
    db = Database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        assert "merged_into_id" in {c["name"] for c in inspect(db.engine).get_columns("places")}
        assert "ix_events_kind_place_date" in {i["name"] for i in inspect(db.engine).get_indexes("events")}
        with db.session() as s:
            assert s.execute(text("SELECT e.kind, p.name FROM events e JOIN places p ON p.id = e.place_id "
                                  "WHERE e.id = 1")).all() == [("detention", "Aktau")]
            # The search index is rebuilt (SQLite: with word beginnings) and keeps its rows in stored order.
            assert [h.ref_id for h in search.find(s, "суд")] == [2, 3]
            assert [h.ref_id for h in search.find(s, "су")] == [2, 3]
            if db.dialect == "sqlite":
                assert "prefix='2 3'" in s.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")).scalar()
    finally:
        db.close()
