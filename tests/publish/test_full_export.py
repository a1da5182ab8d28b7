"""`kuzet export --format json` and `kuzet import`: everything, history included, into an empty database and
out again byte for byte, on SQLite and PostgreSQL; the ESF tables; a bad dump changes nothing."""

from __future__ import annotations

import csv
import json

from sqlalchemy import func, select

from kuzet.resolve import audit
from kuzet.store.db import Database
from kuzet.store.models import Change, Document
from tests.conftest import ROOT, SEED, run_kuzet

CORPUS = ROOT / "tests" / "data" / "resolution" / "docs"


def _ok(*args: str) -> bytes:
    out = run_kuzet(*args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _history(db: str) -> None:
    """Work a desk would have done: a verification, a merge, a confidentiality change."""
    hearing = next(e for e in json.loads(_ok("hearings", "--all", "--format", "json", "--db", db)))
    _ok("event", str(hearing["id"]), "--verify", "--db", db)
    people = json.loads(_ok("persons", "--format", "json", "--db", db))
    _ok("person", "merge", str(people[-1]["id"]), str(people[-2]["id"]), "--db", db)
    database = Database(db)
    try:
        with database.session() as s:
            audit.set_confidentiality(s, "events", hearing["id"], "public", actor="editor1")
    finally:
        database.close()


def test_export_import_export_is_identical_on_both_engines(db_url: str, tmp_path) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    _ok("ingest", str(CORPUS), str(SEED), "--db", source)
    _history(source)
    _ok("export", "-f", "json", "-o", str(tmp_path / "a"), "--db", source)
    first = (tmp_path / "a" / "kuzet-export.json").read_bytes()
    dump = json.loads(first)
    assert dump["format"] == "kuzet.dump/1" and len(dump["tables"]["documents"]["rows"]) == 47
    assert dump["tables"]["changes"]["rows"], "the audit trail travels"
    assert "web_sessions" not in dump["tables"] and "api_tokens" not in dump["tables"]

    out = run_kuzet("import", str(tmp_path / "a" / "kuzet-export.json"), "--db", db_url)
    assert out.returncode == 0, out.stderr
    _ok("export", "-f", "json", "-o", str(tmp_path / "b"), "--db", db_url)
    assert (tmp_path / "b" / "kuzet-export.json").read_bytes() == first
    for args in (("person", "Zhakupova"), ("hearings", "--all")):
        assert _ok(*args, "--format", "json", "--db", db_url) == _ok(*args, "--format", "json", "--db", source), args

    def found(db: str) -> list[tuple]:  # the latest stored first, on both engines, before and after the import
        return [(h["type"], h["id"]) for h in json.loads(_ok("search", "Жакупова", "--format", "json", "--db", db))]

    assert found(db_url) == found(source) and len(found(source)) > 3
    # New rows after an import get ids of their own (PostgreSQL's sequences moved past the imported ids).
    extra = tmp_path / "new.txt"
    extra.write_text("On 2 December 2022 police detained activist Dana ORAZOVA in Almaty.\n", encoding="utf-8")
    assert run_kuzet("ingest", str(extra), "--db", db_url).returncode == 0


def test_import_refuses_a_database_that_is_not_empty_and_a_broken_dump(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    _ok("ingest", str(SEED), "--db", db)
    _ok("export", "-f", "json", "-o", str(tmp_path / "x"), "--db", db)
    dump = tmp_path / "x" / "kuzet-export.json"
    again = run_kuzet("import", str(dump), "--db", db)
    assert again.returncode == 1 and b"not empty" in again.stderr and b"Traceback" not in again.stderr

    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    cut = tmp_path / "cut.json"
    cut.write_bytes(dump.read_bytes()[: len(dump.read_bytes()) * 2 // 3])  # a transfer that broke off
    out = run_kuzet("import", str(cut), "--db", empty)
    assert out.returncode == 1 and str(cut).encode() in out.stderr and len(out.stderr.strip().splitlines()) == 1
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "something/2", "tables": {}}), encoding="utf-8")
    out = run_kuzet("import", str(wrong), "--db", empty)
    assert out.returncode == 1 and b"not a Kuzet full export" in out.stderr
    database = Database(empty)
    try:
        with database.session() as s:  # nothing half-written
            assert s.execute(select(func.count()).select_from(Document)).scalar_one() == 0
            assert s.execute(select(func.count()).select_from(Change)).scalar_one() == 0
    finally:
        database.close()


def test_esf_tables_join_up(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    _ok("ingest", str(CORPUS), "--db", db)
    _ok("export", "-f", "esf", "-o", str(tmp_path), "--db", db)

    def table(name: str) -> list[dict]:
        with open(tmp_path / "esf" / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    events, acts, persons, sources = table("events"), table("acts"), table("persons"), table("sources")
    involvements = table("involvements")
    event_ids = {e["event_id"] for e in events}
    listed = json.loads(_ok("events", "--format", "json", "--db", db))
    assert len(events) == len(listed) and len(acts) == sum(len(e["victims"]) for e in listed)
    assert {a["event_id"] for a in acts} <= event_ids and {s["event_id"] for s in sources} <= event_ids
    assert {a["victim_id"] for a in acts} <= {p["person_id"] for p in persons}
    assert {i["role"] for i in involvements} >= {"perpetrator", "official"}
    zhakupova = next(p for p in persons if p["name"].endswith("Zhakupova"))
    assert "Жакупова" in zhakupova["other_names"], "every spelling goes along"
    assert all(s["evidence"] for s in sources)
