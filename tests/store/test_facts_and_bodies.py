"""Organizations and places across languages, their merges and splits, and low-confidence facts (issue 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kuzet.ingest.run import ingest
from kuzet.resolve import curation, verification
from kuzet.store import queries
from kuzet.store.db import Database
from kuzet.store.models import Change, Event, Organization, Place, ReviewItem
from tests.conftest import run_kuzet

pytestmark = pytest.mark.issue(3)

# The same court in English, Russian and Kazakh, and a regional court that is another body.
COURTS = {
    "en.txt": "Monitoring, 2 March 2023\n\n— On 1 March 2023 the Uralsk City Court fined activist Bolat ESIMOV 40 MCI "
              "under Article 488 of the Administrative Code.\n",
    "ru.txt": "Мониторинг за 9 марта 2023 года\n\n— 7 марта 2023 года Уральский городской суд оштрафовал Болата Есимова "
              "на 50 МРП по ст. 488 КоАП РК.\n",
    "kk.txt": "2023 жылғы 15 наурыз\n\n— 14 наурызда Орал қалалық соты белсенді Болат Есімовке айыппұл салды. "
              "Бұл туралы облысы және қаласы үшін хабарланды.\n",
    "region.txt": "Monitoring, 20 March 2023\n\n— On 19 March 2023 the West Kazakhstan Regional Court upheld the arrest "
                  "of Bolat Esimov.\n",
}
# An act the text dates three years before the bulletin: usually a typo, sometimes background.
DOUBTFUL = {"late.txt": "Monitoring, 5 April 2023\n\n— On 4 April 2020 police in Taraz detained activist Meruert "
                        "ABDIKARIMOVA near the akimat.\n"}


@pytest.fixture
def db(db_url: str):
    database = Database(db_url)
    yield database
    database.close()


def _ingest(db: Database, folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = ingest(db, [str(folder)])
    assert (len(report.stored), report.failed) == (len(files), [])


def test_a_court_named_in_three_languages_is_one_organization(db: Database, tmp_path: Path) -> None:
    _ingest(db, tmp_path / "docs", COURTS)
    with db.session() as s:
        courts = [o for o in queries.organizations(s) if o["kind"] == "court"]
        city = queries.organization(s, queries.find_organization(s, "Уральский"))
        assert {"Uralsk City Court", "Уральский городской суд", "Орал қалалық соты"} <= set(city["names"]), courts
        assert [e["date"] for e in city["timeline"]] == ["2023-03-01", "2023-03-07", "2023-03-14"]
        assert len(courts) == 2  # the regional court stays its own body
        # Filtering events by any of its names finds all three acts.
        assert len(queries.events(s, organization="Орал қалалық")) == 3


def test_organizations_and_places_merge_and_split_with_a_record(db: Database, tmp_path: Path) -> None:
    _ingest(db, tmp_path / "docs", COURTS)
    with db.session() as s:
        city = queries.find_organization(s, "Uralsk City")
        region = queries.find_organization(s, "West Kazakhstan")
        curation.merge(s, city, region, actor="editor1", model=Organization)
        assert len(queries.organization(s, city)["timeline"]) == 4
        assert len([o for o in queries.organizations(s) if o["kind"] == "court"]) == 1
    with db.session() as s:
        assert curation.unmerge(s, city, actor="editor1", model=Organization) == region
        assert len(queries.organization(s, city)["timeline"]) == 3
        oral = queries.find_place(s, "Уральск")
        other = Place(name="Uralsk (old spelling)", kind="city", names=["Uralsk"])
        s.add(other)
        s.flush()
        curation.merge(s, oral, other.id, actor="editor1", model=Place)
        assert queries.place(s, other.id)["id"] == oral
        assert {"Uralsk (old spelling)", "Oral"} <= set(queries.place(s, oral)["names"])
        curation.unmerge(s, oral, actor="editor1", model=Place)
        assert queries.place(s, other.id)["id"] == other.id
        actions = s.execute(select(Change.table, Change.action).order_by(Change.id)).all()
    assert actions == [("organizations", "merge"), ("organizations", "split"), ("places", "merge"), ("places", "split")]


def test_low_confidence_facts_wait_in_review_until_verified_or_rejected(db: Database, tmp_path: Path) -> None:
    _ingest(db, tmp_path / "docs", {**DOUBTFUL, **COURTS})
    with db.session() as s:
        items = [r for r in queries.review(s) if r["kind"] == "low_confidence"]
        assert len(items) == 1, items
        assert items[0]["event"]["date"] == "2020-04-04" and "more than a year" in items[0]["reason"]
        # A plain act is trusted: nothing else of these documents is in review.
        confident = s.execute(select(func.min(Event.confidence)).where(Event.id != items[0]["event"]["id"])).scalar_one()
        assert confident >= 0.75
        hearing = queries.events(s, organization="Uralsk City")[0]
        verification.verify(s, hearing["id"], actor="editor1")
    with db.session() as s:
        shown = queries.events(s, organization="Uralsk City")[0]
        assert shown["verified_by"] == "editor1"
        verification.reject(s, items[0]["event"]["id"], actor="editor1")
    with db.session() as s:
        assert s.get(Event, items[0]["event"]["id"]) is None
        assert [r for r in queries.review(s) if r["kind"] == "low_confidence"] == []
        assert s.execute(select(ReviewItem.status).where(ReviewItem.kind == "low_confidence")).scalar_one() == "rejected"
        kept = s.execute(select(Change).where(Change.action == "reject")).scalar_one()
        assert kept.before["date"] == "2020-04-04" and kept.before["victims"][0]["name"] == "Meruert Abdikarimova"
        # The person stays known, with no event left against them.
        assert queries.dossier(s, queries.find_person(s, "Abdikarimova"))["timeline"] == []


def test_review_verify_and_organization_commands(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in {**DOUBTFUL, **COURTS}.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert run_kuzet("ingest", str(folder), "--db", db_url).returncode == 0
    out = run_kuzet("review", "--db", db_url, "-f", "json")
    (item,) = json.loads(out.stdout)
    text = run_kuzet("review", "--db", db_url).stdout.decode()
    assert "low confidence" in text and "machine-read" in text
    done = run_kuzet("review", "--verify", str(item["id"]), "--db", db_url, "--actor", "aigul", "-f", "json")
    assert done.returncode == 0 and json.loads(done.stdout) == []
    shown = run_kuzet("event", str(item["event"]["id"]), "--db", db_url).stdout.decode()
    assert "verified by aigul" in shown and "machine-read" not in shown
    bad = run_kuzet("review", "--verify", "999", "--db", db_url)
    assert bad.returncode == 1 and b"no low confidence review item 999" in bad.stderr and b"Traceback" not in bad.stderr
    org = run_kuzet("organization", "Орал қалалық соты", "--db", db_url).stdout.decode()
    assert "Uralsk City Court" in org and "Уральский городской суд" in org and org.count("2023-03-") == 3
