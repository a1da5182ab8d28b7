"""`kuzet export`: events as CSV (one row per event and victim), upcoming hearings as iCalendar, --public redaction."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select, update

from kuzet.publish.exports import CSV_COLUMNS
from kuzet.store.db import Database
from kuzet.store.models import Document, Event, EventSource, Person, PersonName
from tests.conftest import SEED, run_kuzet

MARKER = "Qwertyova"


def _desk(tmp_path) -> str:
    db = tmp_path / "k.db"
    secret = tmp_path / "secret.txt"
    secret.write_text(f"The trial of activist Zarina {MARKER.upper()} is scheduled for 22 June 2021 in the Almaty City Court "
                      "under Article 174 Part 1 of the Criminal Code.", encoding="utf-8")
    out = run_kuzet("ingest", str(SEED), str(secret), "--db", str(db))
    assert out.returncode == 0, out.stderr
    return str(db)


def _publish_seed(db: str) -> None:
    database = Database(f"sqlite:///{db}")
    try:
        with database.session() as s:
            seed = s.execute(select(Document.id).where(Document.path.endswith("monitoring-2021-04-21.txt"))).scalar_one()
            s.execute(update(Event).where(Event.id.in_(select(EventSource.event_id).where(EventSource.document_id == seed)))
                      .values(confidentiality="public"))
            s.execute(update(Person).where(Person.id.in_(select(PersonName.person_id).where(PersonName.document_id == seed)))
                      .values(confidentiality="public"))
    finally:
        database.close()


def test_csv_has_a_row_per_event_and_victim_with_documented_columns(tmp_path) -> None:
    db = _desk(tmp_path)
    out = run_kuzet("export", "--format", "csv", "-o", str(tmp_path / "out"), "--db", db)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "events.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    events = run_kuzet("events", "--format", "json", "--db", db)
    import json

    expected = sum(max(1, len(e["victims"])) for e in json.loads(events.stdout))
    assert len(rows) == expected and f"{len(rows)} rows" in out.stdout.decode()
    hearing = next(r for r in rows if r["victim"] == "Alia Zhakupova" and r["kind"] == "court_hearing")
    assert (hearing["date"], hearing["time"], hearing["status"], hearing["articles"]) == ("2021-04-22", "15:40", "scheduled",
                                                                                         "CC 405-2")
    assert hearing["verified_by"] == "" and hearing["sources"]


def test_public_exports_leave_out_what_is_not_published(tmp_path) -> None:
    db = _desk(tmp_path)
    _publish_seed(db)
    for fmt, name in (("csv", "events.csv"), ("ics", "hearings.ics")):
        full = run_kuzet("export", "--format", fmt, "-o", str(tmp_path / "all"), "--today", "2021-04-01", "--db", db)
        public = run_kuzet("export", "--format", fmt, "-o", str(tmp_path / "pub"), "--today", "2021-04-01", "--public",
                           "--db", db)
        assert full.returncode == public.returncode == 0
        assert MARKER.upper() in (tmp_path / "all" / name).read_text(encoding="utf-8").upper()
        text = (tmp_path / "pub" / name).read_text(encoding="utf-8")
        assert MARKER.upper() not in text.upper() and "Zhakupova" in text


def test_hearings_calendar_is_valid_icalendar(tmp_path) -> None:
    db = _desk(tmp_path)
    out = run_kuzet("export", "--format", "ics", "-o", str(tmp_path), "--today", "2021-04-01", "--db", db)
    assert out.returncode == 0, out.stderr
    raw = (tmp_path / "hearings.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    text = raw.decode("utf-8").replace("\r\n ", "")  # unfold
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 3  # 21 and 22 April, 22 June
    assert "DTSTART:20210422T154000" in text and "DTSTART;VALUE=DATE:20210622" in text
    assert "SUMMARY:Hearing: Alia Zhakupova (CC 405-2)" in text
    assert "\\, " in text or "\\;" in text  # commas and semicolons in descriptions are escaped
    again = run_kuzet("export", "--format", "ics", "-o", str(tmp_path), "--today", "2021-12-31", "--db", db)
    assert again.returncode == 0 and "0 hearings" in again.stdout.decode()


def test_an_unwritable_folder_is_one_line_and_no_partial_file(tmp_path) -> None:
    db = _desk(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = run_kuzet("export", "--format", "csv", "-o", str(blocker / "out"), "--db", db)
    assert out.returncode == 1 and out.stderr.decode().count("\n") == 1 and b"Traceback" not in out.stderr
