"""The desk as people use it, in a real browser (Debian's chromium driven by Playwright), writing screenshots.

A monitor pastes the seed bulletin, sees Kuandyk Kumekbayev highlighted and corrects a
fact; an editor verifies it and opens Aliya Zhakupova's dossier; a viewer fails to see
a confidential record. Screenshots of the main screens go to screenshots/ (or
$KUZET_SCREENSHOTS) for people to look at.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Page, expect, sync_playwright

from kuzet.store.db import Database
from kuzet.store.models import ROLES
from kuzet.web.app import create_app
from kuzet.web.auth import add_user
from tests.conftest import ROOT
from tests.web.conftest import PASSWORD, store_text

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("KUZET_SCREENSHOTS", ROOT / "screenshots"))


@pytest.fixture
def server(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'desk.db'}")
    with db.session() as s:
        for role in ROLES:
            add_user(s, role, role, PASSWORD)
    secret = store_text(db, "On 3 May 2021 in Almaty police detained civil activist Zarina QWERTYOVA.", "secret.txt")
    from kuzet.resolve.audit import set_confidentiality

    with db.session() as s:
        set_confidentiality(s, "documents", secret, "confidential", actor="admin")
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", secret
    srv.should_exit = True
    thread.join(timeout=10)
    db.close()


@pytest.fixture
def page():
    assert Path(CHROMIUM).exists(), "chromium is missing: scripts/system-deps.sh installs it"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        context = browser.new_context(viewport={"width": 1366, "height": 800})
        yield context.new_page()
        context.close()
        browser.close()


def _login(page: Page, base: str, role: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=name]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("header .who")).to_contain_text(role)


def _logout(page: Page) -> None:
    page.click("header .who button")
    expect(page.locator("h1")).to_have_text("Sign in")


def test_monitor_editor_viewer_at_the_desk(server, page, seed_text) -> None:
    base, secret = server
    # A monitor pastes the bulletin and sees what Kuzet read.
    _login(page, base, "monitor")
    page.fill("textarea[name=text]", seed_text)
    page.click("text=Read and store")
    mark = page.locator("mark.persons", has_text="Kuandyk KUMEKBAYEV").first
    expect(mark).to_be_visible()
    expect(mark).to_have_class("mark persons machine")
    page.screenshot(path=str(SHOTS / "reading-screen.png"), full_page=False)
    doc_url = page.url.split("#")[0]

    # Clicking the highlight opens its fact; the monitor corrects the first hearing's date.
    mark.click()
    person_fact = page.locator("details.fact[open]")
    expect(person_fact.locator("summary")).to_contain_text("Kuandyk Kumekbayev")
    hearing = page.locator("details.fact", has_text="court hearing · 2021-04-21").first
    fact_id = hearing.get_attribute("id")
    hearing.locator("summary").click()
    hearing.locator("input[name=f_date]").fill("2021-04-20")
    hearing.locator("button[value=correct]").click()
    corrected = page.locator(f"details.fact#{fact_id}")
    expect(corrected.locator(".badge")).to_contain_text("corrected · monitor")
    expect(corrected.locator("s")).to_have_text("2021-04-21")  # the machine's reading stays beside the correction
    _logout(page)

    # An editor verifies the corrected fact.
    _login(page, base, "editor")
    page.goto(doc_url)
    fact = page.locator(f"details.fact#{fact_id}")
    fact.locator("summary").click()
    fact.locator("button[value=verify]").click()
    expect(page.locator(f"details.fact#{fact_id} .badge")).to_contain_text("verified · editor")

    # ... and opens Aliya Zhakupova's dossier: her timeline, each line with its source.
    page.goto(base + "/persons")
    page.click("text=Zhakupova")  # the seed spells her Alia
    expect(page.locator("h1")).to_contain_text("Zhakupova")
    timeline = page.locator("ol.timeline li")
    expect(timeline.first).to_be_visible()
    assert timeline.count() >= 2
    expect(timeline.first.locator(".sources a").first).to_contain_text("source: document")
    page.screenshot(path=str(SHOTS / "dossier.png"), full_page=True)
    page.goto(base + "/?today=2021-04-25")
    expect(page.locator(".chart svg g[id^='bar-'] path").first).to_be_attached()
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
    page.goto(base + "/events?since=2021-04-01")
    page.screenshot(path=str(SHOTS / "events.png"), full_page=False)
    page.goto(base + "/review")
    page.screenshot(path=str(SHOTS / "review.png"), full_page=False)
    _logout(page)

    # A viewer cannot see the confidential record, by link or by search.
    _login(page, base, "viewer")
    page.goto(f"{base}/documents/{secret}")
    expect(page.locator("h1")).to_have_text("Not found")
    page.screenshot(path=str(SHOTS / "viewer-not-found.png"))
    page.goto(base + "/search?q=QWERTYOVA")
    expect(page.locator("ul.hits li")).to_have_count(0)
    page.goto(base + "/persons")
    expect(page.locator("main")).not_to_contain_text("Qwertyova")
