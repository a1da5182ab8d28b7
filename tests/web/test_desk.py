"""Working at the desk over HTTP: sessions, CSRF, throttling, tokens; reviewing facts; history and revert; bad input."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from kuzet.store import queries
from kuzet.store.models import CONFIDENTIALITY, Change, Document, Event, FactReview, PersonName, WebSession
from kuzet.web.desk import COOKIE
from tests.web.conftest import PASSWORD, csrf_of, store_text


def _count(desk, model) -> int:
    with desk.db.sessions() as s:
        return len(s.execute(select(model.id)).all())


def test_session_cookie_is_httponly_samesite_and_secure_behind_tls(desk) -> None:
    c = desk.client(None)
    r = c.post("/login", data={"name": "monitor", "password": PASSWORD})
    cookie = r.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower() and "secure" not in cookie.lower()
    r = c.post("/login", data={"name": "monitor", "password": PASSWORD}, headers={"x-forwarded-proto": "https"})
    assert "; secure" in r.headers["set-cookie"].lower()
    assert "script-src 'self'" in c.get("/login").headers["content-security-policy"]


def test_forms_without_the_csrf_token_change_nothing(desk) -> None:
    c = desk.client("monitor")
    before = _count(desk, Document)
    r = c.post("/api/documents", json={"text": "On 1 May 2021 police detained activist Erlan Nurov."})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    r = c.post("/documents", data={"text": "On 1 May 2021 police detained activist Erlan Nurov.", "csrf": "forged"})
    assert r.status_code == 403
    assert _count(desk, Document) == before


def test_failed_logins_are_throttled_even_for_the_right_password(desk) -> None:
    c = desk.client(None)
    for _ in range(5):
        assert c.post("/login", data={"name": "editor", "password": "wrong password"}).headers["location"] == "/login?error=bad"
    r = c.post("/login", data={"name": "editor", "password": PASSWORD})
    assert r.headers["location"] == "/login?error=throttled" and COOKIE not in r.headers.get("set-cookie", "")
    assert desk.client("monitor").get("/").status_code == 200  # other users are not locked out


def test_sessions_expire_and_sign_out_ends_them(desk) -> None:
    c = desk.client("viewer")
    with desk.db.session() as s:
        s.execute(update(WebSession).values(expires_at=datetime.utcnow() - timedelta(minutes=1)))  # noqa: DTZ003
    assert c.get("/").headers["location"] == "/login?next=/"
    c = desk.client("viewer")
    c.post("/logout", data={"csrf": csrf_of(c)})
    assert c.get("/").status_code == 303


def test_scripts_use_personal_api_tokens(desk) -> None:
    c = desk.client("editor")
    token = c.post("/api/account/tokens", json={"label": "nightly export"}, headers={"x-csrf-token": csrf_of(c)}).json()["token"]
    bare = desk.client(None)
    assert bare.get("/api/persons").status_code == 401
    r = bare.get("/api/persons/1", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["name"] == "Kuandyk Kumekbayev"
    assert bare.get("/api/persons", headers={"authorization": "Bearer kz_not-a-token"}).status_code == 401


def _event_fact(client, doc_id: int = 1, kind: str = "court_hearing") -> dict:
    return next(f for f in client.get(f"/api/documents/{doc_id}").json()["facts"]["events"] if f["fields"]["kind"] == kind)


def test_a_monitor_corrects_an_editor_verifies_and_the_machine_reading_stays(desk) -> None:
    monitor, editor = desk.client("monitor"), desk.client("editor")
    fact = _event_fact(monitor)
    r = monitor.post(f"/documents/1/facts/{fact['id']}", data={"action": "correct", "f_date": "2021-04-22",
                                                              "csrf": csrf_of(monitor)})
    assert r.status_code == 303
    now = _event_fact(monitor)
    assert now["state"] == "corrected" and now["fields"]["date"] == "2021-04-22" and now["machine"]["date"] == "2021-04-21"
    assert monitor.post(f"/api/documents/1/facts/{fact['id']}", json={"action": "verify"},
                        headers={"x-csrf-token": csrf_of(monitor)}).status_code == 400
    r = editor.post(f"/api/documents/1/facts/{fact['id']}", json={"action": "verify"}, headers={"x-csrf-token": csrf_of(editor)})
    assert r.status_code == 200
    assert _event_fact(editor)["state"] == "verified"
    with desk.db.sessions() as s:
        doc = s.get(Document, 1)
        machine = next(e for e in doc.record["events"] if e["id"] == fact["id"])
        assert machine["date"] == "2021-04-21", "the machine's reading is kept as it was"
        hearing = s.execute(select(Event).where(Event.verified_by == "editor")).scalar_one()
        assert (hearing.kind, hearing.date.isoformat()) == ("court_hearing", "2021-04-22")
        actions = [(r.actor, r.action) for r in s.execute(select(FactReview).order_by(FactReview.id)).scalars()]
        assert actions == [("monitor", "correct"), ("editor", "verify")]
    person = editor.get("/api/persons/1").json()
    assert any(e["date"] == "2021-04-22" and e["verified_by"] == "editor" for e in person["timeline"])


def test_a_correction_is_in_the_history_and_can_be_reverted(desk) -> None:
    editor = desk.client("editor")
    fact = _event_fact(editor)
    editor.post(f"/api/documents/1/facts/{fact['id']}", json={"action": "correct", "fields": {"status": "scheduled"}},
                headers={"x-csrf-token": csrf_of(editor)})
    with desk.db.sessions() as s:
        change = s.execute(select(Change).where(Change.action == "correct")).scalar_one()
        event_id = change.row_id
    history = editor.get(f"/api/history/events/{event_id}").json()["changes"]
    assert history[-1]["before"] == {"status": "happened"} and history[-1]["after"] == {"status": "scheduled"}
    r = editor.post(f"/changes/{change.id}/revert", data={"csrf": csrf_of(editor)})
    assert r.status_code == 303
    history = editor.get(f"/api/history/events/{event_id}").json()["changes"]
    assert [c["action"] for c in history] == ["correct", "revert"]
    with desk.db.sessions() as s:
        assert s.get(Event, event_id).status == "happened"


def test_rejecting_a_person_takes_this_document_s_word_out(desk) -> None:
    monitor = desk.client("monitor")
    facts = monitor.get("/api/documents/1").json()["facts"]["persons"]
    fact = next(f for f in facts if f["fields"]["name"] == "Kuandyk Kumekbayev")
    r = monitor.post(f"/api/documents/1/facts/{fact['id']}", json={"action": "reject"}, headers={"x-csrf-token": csrf_of(monitor)})
    assert r.status_code == 200
    with desk.db.sessions() as s:
        assert not s.execute(select(PersonName).where(PersonName.name == "Kuandyk Kumekbayev")).first()
        assert s.execute(select(Change).where(Change.action == "reject", Change.table == "persons")).scalar_one().before["names"]


def test_a_missed_fact_is_added_from_a_selection(desk, seed_text) -> None:
    monitor = desk.client("monitor")
    start = seed_text.index("Kuandyk")
    r = monitor.post("/api/documents/1/facts", json={"group": "persons", "start": start, "end": start + 7},
                     headers={"x-csrf-token": csrf_of(monitor)})
    assert r.status_code == 200
    added = [f for f in monitor.get("/api/documents/1").json()["facts"]["persons"] if f["state"] == "added"]
    assert added[0]["fields"]["name"] == "Kuandyk" and added[0]["spans"] == [{"start": start, "end": start + 7}]
    r = monitor.post("/api/documents/1/facts", json={"group": "persons", "start": 10, "end": 10 ** 7},
                     headers={"x-csrf-token": csrf_of(monitor)})
    assert r.status_code == 400 and "selection" in r.json()["error"]


@pytest.mark.parametrize("upload, message", [
    (("big.txt", b"a" * (11 * 1024 * 1024)), "over the 10 MB limit"),
    (("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "pdf"),
    (("report.docx", b"PK\x03\x04 not really a word file"), "docx"),
])
def test_bad_uploads_get_a_message_and_store_nothing(desk, upload, message) -> None:
    c = desk.client("monitor")
    before = _count(desk, Document)
    r = c.post("/documents", files={"file": upload}, data={"csrf": csrf_of(c)})
    assert r.status_code in (400, 415) and "Traceback" not in r.text
    assert message.lower() in r.text.lower()
    r = c.post("/api/documents", files={"file": upload}, headers={"x-csrf-token": csrf_of(c)})
    assert r.status_code in (400, 415) and upload[0] in r.json()["error"]
    assert _count(desk, Document) == before


def test_script_in_a_bulletin_is_shown_as_text(desk) -> None:
    c = desk.client("monitor")
    text = 'On 2 May 2021 police detained <script>alert("x")</script> activist <b>Erlan NUROV</b> in Almaty.'
    r = c.post("/documents", data={"text": text, "csrf": csrf_of(c)})
    page = c.get(r.headers["location"]).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<b>Erlan" not in page


@pytest.mark.parametrize("url, status", [("/documents/999", 404), ("/persons/abc", 422), ("/events?since=yesterday", 422),
                                         ("/api/persons/999", 404), ("/nowhere", 404)])
def test_invalid_ids_and_parameters_get_a_plain_message(desk, url, status) -> None:
    r = desk.client("editor").get(url)
    assert r.status_code == status and "Traceback" not in r.text
    if url.startswith("/api/"):
        assert set(r.json()) == {"error"}


def test_malformed_json_and_forms_are_refused_whole(desk) -> None:
    c = desk.client("editor")
    headers = {"x-csrf-token": csrf_of(c), "content-type": "application/json"}
    assert c.post("/api/documents", content=b"{not json", headers=headers).json() == {"error": "the body is not valid JSON"}
    r = c.post("/api/documents/1/facts/e1", json={"action": "correct", "fields": {"date": "21.04.2021"}}, headers=headers)
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["error"]
    assert c.post("/api/documents/1/facts/zz", json={"action": "accept"}, headers=headers).status_code == 400
    assert _count(desk, FactReview) == 0


def test_review_items_are_decided_in_a_batch_all_or_nothing(desk) -> None:
    from tests.web.conftest import store_text

    store_text(desk.db, "On 3 May 2021 in Almaty police detained activist Aigerim BEKOVA.", "a.txt")
    store_text(desk.db, "On 9 May 2021 in Almaty police detained activist Aigerim BEKNOVA.", "b.txt")
    editor = desk.client("editor")
    queue = editor.get("/api/review").json()["queue"]
    pair = [i for i in queue if i["kind"] == "same_person" and {i["a"]["name"], i["b"]["name"]} ==
            {"Aigerim Bekova", "Aigerim Beknova"}]
    assert len(pair) == 1 and pair[0]["a"]["dossier"]["timeline"], "both dossiers come with the pair"
    headers = {"x-csrf-token": csrf_of(editor)}
    r = editor.post("/api/review/batch", json={"items": [pair[0]["id"], 10 ** 6], "decision": "keep_apart"}, headers=headers)
    assert r.status_code == 400, "an unknown item fails the whole batch"
    assert pair[0]["id"] in [i["id"] for i in editor.get("/api/review").json()["queue"]]
    r = editor.post("/api/review/batch", json={"items": [pair[0]["id"]], "decision": "keep_apart"}, headers=headers)
    assert r.status_code == 200
    assert pair[0]["id"] not in [i["id"] for i in editor.get("/api/review").json()["queue"]]
    assert desk.client("monitor").post("/api/review/batch", json={"items": [1], "decision": "merge"},
                                       headers={"x-csrf-token": csrf_of(desk.client("monitor"))}).status_code == 403


def test_a_judge_s_dossier_lists_what_they_did(desk) -> None:
    judges = [p for p in desk.client("editor").get("/api/persons").json()["persons"] if p["name"] == "Bolat Seitovich Pazylov"]
    dossier = desk.client("editor").get(f"/api/persons/{judges[0]['id']}").json()
    assert [e["kind"] for e in dossier["acts"]] and not dossier["timeline"]
    assert any(v["name"] == "Kuandyk Kumekbayev" for e in dossier["acts"] for v in e["victims"])


def test_a_person_the_machine_missed_joins_their_dossier(desk) -> None:
    from tests.web.conftest import store_text

    store_text(desk.db, "On 3 May 2021 in Almaty police detained activist Aigerim BEKOVA.", "a.txt")
    text = "On 5 May 2021 police questioned aigerim bekova again."
    doc = store_text(desk.db, text, "b.txt")
    monitor = desk.client("monitor")
    start = text.index("aigerim")
    r = monitor.post(f"/api/documents/{doc}/facts", json={"group": "persons", "start": start, "end": start + 14},
                     headers={"x-csrf-token": csrf_of(monitor)})
    assert r.status_code == 200
    people = [p for p in monitor.get("/api/persons").json()["persons"] if p["name"] == "Aigerim Bekova"]
    assert len(people) == 1, "linked to the person already known, not a new one"
    names = monitor.get(f"/api/persons/{people[0]['id']}").json()["names"]
    assert any(doc in n["documents"] for n in names)


def test_accepting_after_a_correction_keeps_the_correction(desk) -> None:
    monitor = desk.client("monitor")
    headers = {"x-csrf-token": csrf_of(monitor)}
    fact = _event_fact(monitor)
    monitor.post(f"/api/documents/1/facts/{fact['id']}", json={"action": "correct", "fields": {"outcome": "acquitted"}},
                 headers=headers)
    monitor.post(f"/api/documents/1/facts/{fact['id']}", json={"action": "accept"}, headers=headers)
    now = _event_fact(monitor)
    assert (now["state"], now["fields"]["outcome"], now["machine"]["outcome"]) == ("accepted", "acquitted", None)


def test_an_unexpected_failure_is_a_plain_500_with_the_security_headers(desk, caplog) -> None:
    from sqlalchemy import text

    client = desk.client("editor")
    with desk.db.session() as s:
        s.execute(text("DROP TABLE fact_reviews"))  # the reading screen can no longer read its reviews
    with caplog.at_level("ERROR"):
        r = client.get("/api/documents/1")
        page = client.get("/documents/1")
    assert r.status_code == 500 and r.json() == {"error": "something went wrong on the server; nothing was saved"}
    assert page.status_code == 500 and "Traceback" not in page.text and "fact_reviews" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unexpected" in caplog.text and "Kumekbayev" not in caplog.text and "SELECT" not in caplog.text


def test_events_come_fifty_a_page_in_date_order_with_the_filters_kept(desk) -> None:
    syllables = ["Bek", "Nur", "Ask", "Dau", "Yer", "Tal", "Sai", "Mur"]
    lines = [f"On {1 + i % 28} {('March', 'April', 'May')[i // 28]} 2021 police detained activist "
             f"{syllables[i % 8]}an {syllables[i // 8]}{syllables[(i + 3) % 8].lower()}ov in Almaty."
             for i in range(64)]
    store_text(desk.db, "\n".join(lines) + "\n", "many-detentions.txt")
    c = desk.client("editor")
    first = c.get("/api/events", params={"kind": "detention", "place": "Almaty"}).json()
    second = c.get("/api/events", params={"kind": "detention", "place": "Almaty", "page": 2}).json()
    assert len(first["events"]) == 50 and first["more"] and not second["more"] and second["events"]
    listed = [e["id"] for e in first["events"] + second["events"]]
    with desk.db.sessions() as s:
        whole = queries.events(s, kind="detention", place="Almaty", levels=CONFIDENTIALITY)
    assert listed == [e["id"] for e in whole] and len(set(listed)) == len(listed) >= 60
    dates = [e["date"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates)
    html = c.get("/events", params={"kind": "detention", "place": "Almaty"}).text
    assert 'href="?kind=detention&amp;place=Almaty&amp;page=2"' in html and "Events 1–50" in html
