"""The reading-accuracy page: the reader measured against facts people reviewed at the desk, for editors."""

from __future__ import annotations

from tests.web.conftest import csrf_of


def _fields(client) -> dict[str, dict]:
    return {r["field"]: r for r in client.get("/api/accuracy").json()["fields"]}


def test_reviews_at_the_desk_show_on_the_accuracy_page(desk) -> None:
    monitor, editor = desk.client("monitor"), desk.client("editor")
    assert all(r["reviewed"] == 0 and r["missed"] == 0 for r in _fields(editor).values())
    facts = monitor.get("/api/documents/1").json()["facts"]
    hearing = next(f for f in facts["events"] if f["fields"]["kind"] == "court_hearing")
    person = next(f for f in facts["persons"] if f["fields"]["name"] == "Kuandyk Kumekbayev")
    others = [f for f in facts["persons"] if f["id"] != person["id"]]
    article = facts["law_articles"][0]
    headers = {"x-csrf-token": csrf_of(monitor)}
    post = monitor.post
    assert post(f"/api/documents/1/facts/{hearing['id']}", json={"action": "correct", "fields": {"date": "2021-04-22"}},
                headers=headers).status_code == 200
    assert post(f"/api/documents/1/facts/{person['id']}", json={"action": "accept"}, headers=headers).status_code == 200
    assert post(f"/api/documents/1/facts/{others[0]['id']}", json={"action": "reject"}, headers=headers).status_code == 200
    assert post(f"/api/documents/1/facts/{article['id']}", json={"action": "accept"}, headers=headers).status_code == 200
    # Words no reading takes for an organization, marked as one: a miss.
    assert post("/api/documents/1/facts", json={"group": "organizations", "start": 0, "end": len("Monitoring")},
                headers=headers).status_code == 200
    # An editor verifies the corrected hearing: still a correction of what the machine read.
    assert editor.post(f"/api/documents/1/facts/{hearing['id']}", json={"action": "verify"},
                       headers={"x-csrf-token": csrf_of(editor)}).status_code == 200
    shown = _fields(editor)
    assert {k: shown["persons"][k] for k in ("as_read", "corrected", "rejected", "missed")} == {
        "as_read": 1, "corrected": 0, "rejected": 1, "missed": 0}
    assert shown["persons"]["precision"] == 0.5 and shown["persons"]["recall"] == 1.0
    assert (shown["events"]["corrected"], shown["events"]["precision"]) == (1, 0.0)
    assert (shown["law_articles"]["as_read"], shown["law_articles"]["precision"]) == (1, 1.0)
    assert (shown["organizations"]["missed"], shown["organizations"]["recall"]) == (1, 0.0)
    body = editor.get("/api/accuracy").json()
    assert body["documents"] == 1 and body["total"]["reviewed"] == 4
    assert [lang["language"] for lang in body["languages"]] == ["en"]
    page = editor.get("/accuracy")
    assert page.status_code == 200 and "Reading accuracy" in page.text and "law articles" in page.text
    assert 'href="/accuracy"' in page.text and 'href="/accuracy"' not in monitor.get("/").text
    assert monitor.get("/api/accuracy").status_code == 403
