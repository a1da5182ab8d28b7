"""`kuzet reread`: stored documents read again by the current reader, every human decision kept.

An older reader is stood in for by storing a document with an older reading of it: the
current reader's record with the last act (and the person only it names) missed, the first
act misdated, and three things read that are not there. People then decide on that reading
through the functions the desk and the command line use, and the re-read must keep all of it.
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql
from typer.testing import CliRunner

from kuzet.cli import app
from kuzet.extract.event_model import Linear, bundled_model
from kuzet.extract.pipeline import extract_record
from kuzet.ingest.run import ingest_documents
from kuzet.ingest.sources import from_bytes
from kuzet.resolve import audit, curation, verification
from kuzet.resolve.accuracy import reader_accuracy
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.corrections import add_fact, facts, linked_event, linked_person, review_fact
from kuzet.resolve.linker import Linker
from kuzet.resolve.reread import reread
from kuzet.store import dump, queries
from kuzet.store.db import Database
from kuzet.store.models import (
    Change,
    Document,
    Event,
    EventSource,
    FactReview,
    Organization,
    Person,
    PersonName,
    ReaderModelRow,
)

# Invented documents. The first states its date; the second states none.
DATED = (
    "Monitoring of human rights violations for 21 May 2022\n\n"
    "— On 20 May 2022 police in Uralsk detained activist Bolat ESIMOV near the city akimat.\n\n"
    "— On 21 May 2022 the Uralsk City Court fined civil activist Marat ZHYLANBAYEV 50 MCI under Article 488 "
    "of the Code of Administrative Offences.\n\n"
    "— On 19 May 2022 blogger Aidos SADYKOV was interrogated by the Uralsk police as a witness.\n"
)
UNDATED = (
    "Monitoring of politically motivated persecution\n\n"
    "— On 14 March police in Aktobe detained civil activist Nurlan ABDRAKHMANOV after a picket near the regional akimat. "
    "On 15 March the Aktobe City Court sentenced him to 10 days of administrative arrest under Article 488 Part 6 "
    "of the Code of Administrative Offences.\n\n"
    "— On 16 March journalist Gulnara SEITKALIYEVA was summoned to the Aktobe police department for questioning "
    "as a witness.\n"
)


def _older(record: dict, text: str) -> dict:
    """What a weaker reader made of `text`: see the module docstring."""
    old = copy.deepcopy(record)
    assert len(old["events"]) >= 3, "the fixture needs three acts"
    old["events"].pop()
    used = {v for e in old["events"] for k in ("victims", "perpetrators", "officials") for v in e[k]}
    old["persons"] = [p for p in old["persons"] if p["id"] in used]
    first = old["events"][0]
    first["date"] = "2022-05-02"
    start = text.index("Uralsk City Court")
    old["persons"].append({"id": "p9", "name": "Uralsk City", "surname": "City", "given": "Uralsk", "patronymic": None,
                           "gender": None, "descriptors": [],
                           "mentions": [{"text": "Uralsk City", "start": start, "end": start + 11}]})
    title = text.index("\n")
    old["events"].append({**copy.deepcopy(first), "id": "e9", "kind": "pressure", "date": "2022-05-21", "outcome": None,
                          "law_articles": [], "organizations": [], "summary": text[:title],
                          "evidence": [{"start": 0, "end": title}]})
    # Untouched, and gone from the new reading: removed.
    old["events"].append({**copy.deepcopy(first), "id": "e8", "kind": "search", "date": "2022-05-20", "outcome": None})
    return old


def _store(db: Database, name: str, text: str, record: dict) -> int:
    """Store a document with `record` as its reading, as ingest stores one."""
    with db.session() as s:
        linker = Linker(s)
        doc_id = linker.store(from_bytes(name, text.encode("utf-8")), record)
        rebuild_cases(s, linker.touched)
    return doc_id


def _fact(s, doc_id: int, group: str, **match) -> dict:
    return next(f for f in facts(s, doc_id)[group] if all(f["fields"].get(k) == v for k, v in match.items()))


def _person(s, name: str) -> int:
    return s.execute(select(PersonName.person_id).where(PersonName.name == name)).scalars().first()


def _decide(db: Database) -> dict:
    """The older reading stored, the undated document ingested, and people's decisions on both; returns ids."""
    report = ingest_documents(db, [from_bytes("undated.txt", UNDATED.encode("utf-8"))])
    assert report.stored, report.failed
    undated = report.stored[0]
    current = extract_record(DATED, path="dated.txt", sha256=from_bytes("dated.txt", DATED.encode()).sha256)
    dated = _store(db, "dated.txt", DATED, _older(current, DATED))
    ids: dict = {"dated": dated, "undated": undated}
    with db.session() as s:
        e1 = _fact(s, dated, "events", date="2022-05-02")
        review_fact(s, dated, e1["id"], "correct", actor="monitor", fields={"date": "2022-05-20"})
        ids["detention"] = linked_event(s, dated, e1).id
        fine = _fact(s, dated, "events", kind="fine")
        ids["fine_start"] = fine["spans"][0]["start"]
        verification.reject(s, linked_event(s, dated, fine).id, actor="editor")
        pressure = _fact(s, dated, "events", kind="pressure")
        review_fact(s, dated, pressure["id"], "verify", actor="editor")
        ids["pressure"] = linked_event(s, dated, pressure).id
        esimov = _fact(s, dated, "persons", name="Bolat Esimov")
        ids["esimov"] = linked_person(s, dated, esimov).id
        review_fact(s, dated, esimov["id"], "correct", actor="monitor", fields={"name": "Bolat Yesimov"})
        review_fact(s, dated, _fact(s, dated, "places")["id"], "accept", actor="monitor")
        start = DATED.index("Aidos SADYKOV")
        add_fact(s, dated, "persons", start, start + len("Aidos SADYKOV"), actor="monitor")
        audit.set_confidentiality(s, "persons", ids["esimov"], "confidential", actor="editor")
        audit.set_confidentiality(s, "events", ids["detention"], "public", actor="editor")
        ids["abdrakhmanov"], ids["zhylanbayev"] = _person(s, "Nurlan Abdrakhmanov"), _person(s, "Marat Zhylanbayev")
        curation.merge(s, ids["abdrakhmanov"], ids["zhylanbayev"], actor="editor")
        courts = {o["name"]: o["id"] for o in queries.organizations(s) if o["kind"] == "court"}
        ids["aktobe_court"], ids["uralsk_court"] = courts["Aktobe City Court"], courts["Uralsk City Court"]
        curation.merge(s, ids["aktobe_court"], ids["uralsk_court"], actor="editor", model=Organization)
        detained = next(e for e in queries.events(s, person="Abdrakhmanov") if e["kind"] == "detention")
        verification.verify(s, detained["id"], actor="editor")
        ids["undated_detention"] = detained["id"]
        ids["reviews"] = [(r.id, r.actor, r.action) for r in s.execute(select(FactReview).order_by(FactReview.id)).scalars()]
    return ids


def _snapshot(db: Database) -> str:
    buf = io.StringIO()
    with db.sessions() as s:
        dump.write_dump(s, buf)
    return buf.getvalue()


@pytest.fixture
def db(db_url: str):
    database = Database(db_url)
    yield database
    database.close()


def test_reread_keeps_every_decision_and_reads_what_was_missed(db: Database) -> None:
    ids = _decide(db)
    dated, undated = ids["dated"], ids["undated"]
    with db.sessions() as s:
        undated_events = set(s.execute(select(EventSource.event_id).where(EventSource.document_id == undated)).scalars())
    report = reread(db, doc_date=date(2022, 3, 20), actor="rereader")
    assert report.failed == [] and sorted(report.changed) == sorted([dated, undated])
    assert report.removed >= 1 and report.added >= 1 and report.kept >= 3 and report.decisions >= 10
    with db.sessions() as s:
        doc = s.get(Document, dated)
        assert doc.record == extract_record(DATED, path="dated.txt", sha256=doc.sha256), "the current reading is stored"
        # What the older reader missed is read now, unverified; the person marked by hand is the same person.
        sadykov = [e for e in queries.events(s, person="Sadykov") if e["kind"] == "interrogation"]
        assert len(sadykov) == 1 and sadykov[0]["verified_by"] is None
        assert {"type": "event", "id": sadykov[0]["id"]} in [{"type": h["type"], "id": h["id"]}
                                                             for h in queries.full_text(s, "Sadykov")]
        assert s.execute(select(func.count(func.distinct(PersonName.person_id))).where(
            PersonName.name.contains("Sadykov"))).scalar_one() == 1
        # What it read that is not there and nobody touched is gone, person and all.
        assert s.execute(select(PersonName.id).where(PersonName.name == "Uralsk City")).first() is None
        assert s.execute(select(func.count(Person.id)).where(Person.name == "Uralsk City")).scalar_one() == 0
        # The act an editor verified stays, though the new reading no longer has it: as a fact people hold.
        pressure = s.get(Event, ids["pressure"])
        assert pressure is not None and pressure.verified_by == "editor" and pressure.kind == "pressure"
        kept = _fact(s, dated, "events", kind="pressure")
        assert kept["machine"] is None and kept["state"] == "verified" and kept["by"] == "editor"
        assert kept["spans"] == [{"start": 0, "end": DATED.index("\n")}]
        # The corrected date stands, in the case database and on the reading screen; the confidentiality too.
        detention = s.get(Event, ids["detention"])
        assert detention.date == date(2022, 5, 20) and detention.confidentiality == "public"
        fact = _fact(s, dated, "events", kind="detention")
        assert fact["state"] == "corrected" and fact["fields"]["date"] == "2022-05-20" and fact["by"] == "monitor"
        assert linked_event(s, dated, fact).id == ids["detention"]
        # The rejected act is not read back in.
        assert not [e for e in queries.events(s, kind="fine") if e["date"] == "2022-05-21"]
        assert _fact(s, dated, "events", kind="fine")["state"] == "machine"
        # The corrected name and the confidentiality of the person stand; so do both merges.
        esimov = s.get(Person, ids["esimov"])
        assert (esimov.name, esimov.confidentiality) == ("Bolat Yesimov", "confidential")
        person = _fact(s, dated, "persons", name="Bolat Yesimov")
        assert person["state"] == "corrected" and person["machine"]["name"] == "Bolat Esimov"
        assert linked_person(s, dated, person).id == ids["esimov"]
        assert s.get(Person, ids["zhylanbayev"]).merged_into_id == ids["abdrakhmanov"]
        assert "Marat Zhylanbayev" in {n["name"] for n in queries.dossier(s, ids["abdrakhmanov"])["names"]}
        assert s.get(Organization, ids["uralsk_court"]).merged_into_id == ids["aktobe_court"]
        assert _fact(s, dated, "places")["state"] == "accepted"
        # Every decision row is still there, by the same people; one more row holds the kept act.
        rows = [(r.id, r.actor, r.action) for r in s.execute(select(FactReview).order_by(FactReview.id)).scalars()]
        assert rows[:len(ids["reviews"])] == ids["reviews"]
        assert rows[len(ids["reviews"]):] == [(rows[-1][0], "rereader", "add")] and len(rows) == len(ids["reviews"]) + 1
        # The undated document has its date now, and its verified act with it.
        assert s.get(Document, undated).date == date(2022, 3, 20)
        verified = s.get(Event, ids["undated_detention"])
        assert verified.verified_by == "editor" and verified.date == date(2022, 3, 14)
        assert set(s.execute(select(EventSource.event_id).where(EventSource.document_id == undated)).scalars()) == \
            undated_events, "the same acts, newly dated, under the same ids"
        # The audit trail: who re-read which document, with the counts before and after.
        change = s.execute(select(Change).where(Change.action == "reread", Change.row_id == dated)).scalar_one()
        assert change.actor == "rereader" and change.table == "documents" and change.at is not None
        assert change.before["facts"]["events"] == 4 and change.after["facts"]["events"] == 3
        assert change.before["date"] == change.after["date"] == "2022-05-21"
        assert change.after["events_added"] >= 1 and change.after["events_removed"] >= 1
        assert s.execute(select(func.count(Change.id)).where(Change.action == "reject")).scalar_one() == 1
    # Re-reading with the same reader changes nothing.
    before = _snapshot(db)
    again = reread(db, doc_date=date(2022, 3, 20), actor="rereader")
    assert again.changed == [] and sorted(again.unchanged) == sorted([dated, undated])
    assert _snapshot(db) == before


def test_accuracy_measures_the_reading_people_reviewed(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    ids = _decide(db)
    with db.sessions() as s:
        before = {r["field"]: r for r in reader_accuracy(s)["fields"]}
    # Older reading: a name and a date corrected, a place accepted, the act on the title verified as read (people
    # were wrong to), an act rejected in review, an act verified in review, a person marked by hand.
    assert {k: before["persons"][k] for k in ("as_read", "corrected", "rejected", "missed")} == {
        "as_read": 0, "corrected": 1, "rejected": 0, "missed": 1}
    assert before["places"]["as_read"] == 1 and before["places"]["precision"] == 1.0
    assert {k: before["events"][k] for k in ("as_read", "corrected", "rejected", "missed")} == {
        "as_read": 2, "corrected": 1, "rejected": 1, "missed": 0}
    assert before["events"]["precision"] == 0.5 and before["events"]["recall"] == 1.0
    assert before["persons"]["recall"] == 0.5
    # Rejecting in review one of two acts read from one sentence counts against that act alone.
    with db.session() as s:
        sentence = {f["fields"]["kind"]: f for f in facts(s, ids["undated"])["events"]}
        assert sentence["verdict"]["spans"][0] == sentence["administrative_arrest"]["spans"][0]
        verdict = linked_event(s, ids["undated"], sentence["verdict"])
        assert verdict.kind == "verdict" and linked_event(s, ids["undated"], sentence["administrative_arrest"]).kind == \
            "administrative_arrest", "each fact of the sentence reaches its own event"
        verification.reject(s, verdict.id, actor="editor")
        events = {r["field"]: r for r in reader_accuracy(s)["fields"]}["events"]
    assert (events["rejected"], events["as_read"]) == (2, 2)
    reread(db, actor="rereader", documents=[ids["dated"]])
    with db.sessions() as s:
        after = {r["field"]: r for r in reader_accuracy(s)["fields"]}
    # The current reader reads the date people corrected, finds the person they marked, and not the act they
    # verified on the title: that one is a miss now.
    assert {k: after["events"][k] for k in ("as_read", "corrected", "rejected", "missed")} == {
        "as_read": 2, "corrected": 0, "rejected": 2, "missed": 1}
    assert after["persons"]["missed"] == 0 and after["persons"]["corrected"] == 1
    db.close()


def test_a_failure_leaves_that_document_as_it_was(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    ids = _decide(db)
    dated = ids["dated"]
    with db.session() as s:
        # The database refuses this document's new event sources, as a full disk or a lock would.
        s.execute(sql(f"CREATE TRIGGER refuse BEFORE INSERT ON event_sources WHEN NEW.document_id = {dated} "
                      "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    before, mine = _snapshot(db), _of(db, dated)
    report = reread(db, documents=[dated, ids["undated"]], doc_date=date(2022, 3, 20), actor="rereader")
    assert report.changed == [ids["undated"]] and len(report.failed) == 1
    assert report.failed[0].startswith(f"document {dated}: ") and "refused" in report.failed[0]
    with db.sessions() as s:
        s.execute(sql("DROP TRIGGER refuse"))
        s.commit()
        assert s.execute(select(func.count(Change.id)).where(Change.action == "reread")).scalar_one() == 1
    after = _snapshot(db)
    # Everything of the failed document is as it was; only the other one's rows moved.
    for table in ("fact_reviews", "person_names"):
        assert _table(before, table) == _table(after, table)
    assert _of(db, dated) == mine
    # Without the obstacle it goes through.
    assert reread(db, documents=[dated], actor="rereader").changed == [dated]
    db.close()


# The same detention as UNDATED's first, told by a bulletin that dates it.
TOLD_BEFORE = ("Monitoring, 15 March 2022\n\n— On 14 March 2022 police in Aktobe detained civil activist Nurlan "
               "ABDRAKHMANOV near the akimat.\n")


@pytest.mark.parametrize("split", [False, True])
def test_a_dated_reading_joins_the_same_act_unless_people_split_the_person(tmp_path, split: bool) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    report = ingest_documents(db, [from_bytes("told.txt", TOLD_BEFORE.encode()), from_bytes("undated.txt", UNDATED.encode())])
    told, undated = report.stored
    with db.session() as s:
        person = _person(s, "Nurlan Abdrakhmanov")
        assert {n.document_id for n in s.execute(select(PersonName).where(PersonName.person_id == person)).scalars()} == {
            told, undated}, "one person in both documents"
        if split:
            other = curation.split(s, person, actor="editor", document=undated)
    reread(db, documents=[undated], doc_date=date(2022, 3, 20), actor="rereader")
    with db.sessions() as s:
        detentions = [e for e in queries.events(s, kind="detention") if e["date"] == "2022-03-14"]
        if not split:
            # One act, now reported by both documents; the undated reading's own event is gone.
            assert len(detentions) == 1 and {src["document"] for src in detentions[0]["sources"]} == {told, undated}
            assert [v["person"] for v in detentions[0]["victims"]] == [person]
        else:
            # People said these are two persons: two acts, each with its own victim, and the split stands.
            assert sorted(v["person"] for e in detentions for v in e["victims"]) == sorted([person, other])
            names = s.execute(select(PersonName.document_id, PersonName.person_id).where(
                PersonName.name.contains("Abdrakhmanov"))).all()
            assert set(names) == {(told, person), (undated, other)}
            assert s.execute(select(Change.action).where(Change.table == "persons")).scalars().all() == ["split"]
        case = queries.dossier(s, other if split else person)["cases"]  # the arrest of the undated document
        assert case and case[0]["opened"] is not None
    db.close()


def test_what_people_vouched_for_is_pinned_and_untouched_names_take_the_new_reading(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    current = extract_record(TOLD_BEFORE, path="told.txt", sha256=from_bytes("told.txt", TOLD_BEFORE.encode()).sha256)
    older = copy.deepcopy(current)
    older["persons"][0].update(name="Nurlan Abdrakhmanv", surname="Abdrakhmanv")  # an older reader's slip
    older["events"][0]["date"] = "2022-03-13"
    doc = _store(db, "told.txt", TOLD_BEFORE, older)
    with db.session() as s:
        fact = facts(s, doc)["events"][0]
        review_fact(s, doc, fact["id"], "verify", actor="editor")  # the editor vouched for the misread date
        event_id, person_id = linked_event(s, doc, fact).id, _person(s, "Nurlan Abdrakhmanv")
    assert reread(db, documents=[doc], actor="rereader").changed == [doc]
    with db.sessions() as s:
        fact = facts(s, doc)["events"][0]
        assert (fact["state"], fact["by"], fact["fields"]["date"], fact["machine"]["date"]) == (
            "verified", "editor", "2022-03-13", "2022-03-14")
        event = s.get(Event, event_id)
        assert (event.date, event.verified_by) == (date(2022, 3, 13), "editor")
        # Nobody touched the person: the same row takes the new reading of the name, in every listing.
        assert s.get(Person, person_id).name == "Nurlan Abdrakhmanov"
        names = set(s.execute(select(PersonName.name).where(PersonName.document_id == doc)).scalars())
        assert "Nurlan Abdrakhmanov" in names and "Nurlan Abdrakhmanv" not in names
        assert queries.find_person(s, "Abdrakhmanov") == person_id
        events = {r["field"]: r for r in reader_accuracy(s)["fields"]}["events"]
        assert (events["as_read"], events["corrected"]) == (0, 1), "the current reader reads another date than vouched for"
    db.close()


def test_a_fact_people_accepted_survives_one_re_read_after_another(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    sha = from_bytes("undated.txt", UNDATED.encode()).sha256
    older = copy.deepcopy(extract_record(UNDATED, path="undated.txt", sha256=sha))
    title = UNDATED.index("\n")
    older["events"].append({**copy.deepcopy(older["events"][0]), "id": "e9", "kind": "pressure", "outcome": None,
                            "law_articles": [], "organizations": [], "summary": UNDATED[:title],
                            "evidence": [{"start": 0, "end": title}]})
    doc = _store(db, "undated.txt", UNDATED, older)
    with db.session() as s:
        fact = _fact(s, doc, "events", kind="pressure")
        review_fact(s, doc, fact["id"], "accept", actor="monitor")  # no mark in the case database, only on the reading
        event_id = linked_event(s, doc, fact).id
    for year in (2022, 2023):
        assert reread(db, documents=[doc], doc_date=date(year, 3, 20), actor="rereader").changed == [doc]
        with db.sessions() as s:
            assert s.get(Event, event_id) is not None and s.get(Event, event_id).kind == "pressure", year
            kept = _fact(s, doc, "events", kind="pressure")
            assert (kept["machine"], kept["state"], kept["by"]) == (None, "accepted", "monitor")
            assert linked_event(s, doc, kept).id == event_id
            assert {e["date"][:4] for e in queries.events(s) if e["date"] and e["kind"] != "pressure"} == {str(year)}
    with db.sessions() as s:
        assert s.execute(select(func.count(FactReview.id)).where(FactReview.action == "add")).scalar_one() == 1
    db.close()


def test_the_model_the_database_kept_reads_and_what_people_touched_outlives_it(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    (doc,) = ingest_documents(db, [from_bytes("undated.txt", UNDATED.encode())]).stored
    with db.session() as s:
        by_kind = {f["fields"]["kind"]: f for f in facts(s, doc)["events"]}
        detention = linked_event(s, doc, by_kind["detention"]).id
        verification.verify(s, detention, actor="editor")  # in review, not on the reading screen
        review_fact(s, doc, by_kind["interrogation"]["id"], "correct", actor="monitor", fields={"outcome": "as a witness"})
        interrogation = linked_event(s, doc, by_kind["interrogation"]).id
        untouched = {linked_event(s, doc, by_kind[k]).id for k in ("verdict", "administrative_arrest")}
        # A model `kuzet train` kept that reads no act at all: the most different reader there is.
        blind = replace(bundled_model(), act=Linear(-1000.0, {}), info={"note": "reads nothing"})
        s.add(ReaderModelRow(created_by="editor", active=True, model=blind.dumps(), info={}))
    assert reread(db, actor="rereader").changed == [doc]
    with db.sessions() as s:
        assert s.get(Document, doc).record["events"] == []
        assert s.get(Event, detention).verified_by == "editor" and s.get(Event, interrogation).outcome == "as a witness"
        assert all(s.get(Event, i) is None for i in untouched), "acts nobody touched go with the reading"
        held = {f["fields"]["kind"]: f for f in facts(s, doc)["events"]}
        assert set(held) == {"interrogation", "detention"} and all(f["machine"] is None for f in held.values())
        assert held["interrogation"]["state"] == "corrected" and held["interrogation"]["fields"]["outcome"] == "as a witness"
        # Verified in review, not on the reading screen: the reading screen still shows what the event stands on.
        assert (held["detention"]["state"], held["detention"]["by"]) == ("added", "rereader")
        assert linked_event(s, doc, held["detention"]).id == detention
        change = s.execute(select(Change).where(Change.action == "reread")).scalar_one()
        assert change.after["reader"].endswith("model 1") and change.after["events_removed"] == 2
        assert {e["kind"] for e in queries.dossier(s, _person(s, "Nurlan Abdrakhmanov"))["timeline"]} == {"detention"}
    assert reread(db, actor="rereader").changed == []
    db.close()


def _table(snapshot: str, name: str) -> list:
    return json.loads(snapshot)["tables"][name]["rows"]


def _of(db: Database, doc_id: int) -> tuple:
    """A document's reading and its links."""
    with db.sessions() as s:
        doc = s.get(Document, doc_id)
        links = [sorted(tuple(r) for r in s.execute(select(*cols).where(model.document_id == doc_id)))
                 for model, cols in ((EventSource, (EventSource.event_id, EventSource.evidence_start)),
                                     (PersonName, (PersonName.person_id, PersonName.name)))]
        events = sorted(tuple(r) for r in s.execute(select(Event.id, Event.kind, Event.date, Event.verified_by).join(
            EventSource, EventSource.event_id == Event.id).where(EventSource.document_id == doc_id)))
        return doc.record, doc.date, links, events


def _kuzet(*args: str):  # noqa: ANN202 - click's Result
    """The real command line, in this process (a subprocess costs two seconds of imports a call)."""
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_the_command(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    assert _kuzet("ingest", str(folder), "--db", url).exit_code == 0
    neither = _kuzet("reread", "--db", url)
    assert neither.exit_code == 1 and neither.stderr.strip().endswith(
        "name the documents to re-read (--document ID, repeated) or give --all")
    done = _kuzet("reread", "--document", "1", "--document", "7", "--date", "2022-03-20", "--db", url, "--actor", "ed")
    assert done.exit_code == 1
    assert done.stderr.strip() == "kuzet reread: document 7: [E010] no document with id 7"
    assert done.stdout.strip() == ("re-read 2 documents: 1 changed, 0 unchanged, 1 failed; "
                                   "events 0 added, 0 removed, 4 kept; 0 human decisions kept")
    events = _kuzet("events", "--db", url).stdout
    assert "2022-03-14" in events and "undated" not in events
    again = _kuzet("reread", "--all", "--db", url, "-f", "json")
    assert again.exit_code == 0 and json.loads(again.stdout) == {
        "changed": [], "unchanged": [1], "errors": [], "events": {"added": 0, "removed": 0, "kept": 0},
        "decisions_kept": 0}
