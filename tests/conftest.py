"""Shared helpers: the fixture set, the record validator and a runner for the real `kuzet` command."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
# Annotated invented documents (corpus/, gold/): the bundled training set, which holds the first fixture set.
FIXTURES = ROOT / "kuzet" / "data" / "training"
FIXTURE_NAMES = [line.strip() for line in (ROOT / "tests" / "data" / "fixtures.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "monitoring-2021-04-21.txt"
SEED_GOLD = SHARED / "spec" / "seed-gold.json"


def golds() -> list[dict]:
    """The gold files of the first fixture set (tests/data/fixtures.txt)."""
    return [json.loads((FIXTURES / "gold" / (n[:-4] + ".json")).read_text(encoding="utf-8")) for n in FIXTURE_NAMES]


_SCHEMA = json.loads(resources.files("kuzet.schema").joinpath("extraction-1.schema.json").read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(_SCHEMA)


def validate(record: dict, text: str) -> None:
    """Check a record against the JSON Schema, its offsets against the text, and its ids against each other."""
    _VALIDATOR.validate(record)
    ids: set[str] = set()
    for fld in ("persons", "organizations", "places", "law_articles"):
        for ent in record[fld]:
            ids.add(ent["id"])
            for m in ent["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"], (fld, m)
    for ev in record["events"]:
        for ref in ev["victims"] + ev["perpetrators"] + ev["officials"] + ev["organizations"] + ev["law_articles"]:
            assert ref in ids, (ev["id"], ref)
        assert ev["victims"], ev
        for span in ev["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert text[span["start"]:span["end"]].strip()


def run_kuzet(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real command line in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kuzet", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("shared/seed is not beside the repo")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def postgres_server():
    from tests.postgres import PostgresServer

    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty case database on each engine: a SQLite file, and a database on a real PostgreSQL 15."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kuzet.db'}"
    return request.getfixturevalue("postgres_server").new_database()
