"""Person matching across documents: spellings, initials, case forms, gender, and context (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuzet.extract.pipeline import extract_record
from kuzet.ingest.run import ingest
from kuzet.resolve.context import person_context, shared, support
from kuzet.resolve.names import LINK, REVIEW, conflict, keys, mention_gender, score
from kuzet.store import queries
from kuzet.store.db import Database
from tests.store.resolution_score import CASES, HARD, ResolutionScore, gold
from tests.store.resolution_score import score as resolution_score

pytestmark = pytest.mark.issue(14)


def _score(a: tuple, b: tuple) -> float:
    return score(keys(*a), keys(*b))


@pytest.mark.parametrize(("a", "b"), [
    (("Zhakupova", "Aliya"), ("Zhaqypova", "Aliya")),
    (("Zhakupova", "Aliya"), ("Jakupova", "Aliya")),
    (("Жакупова", "Алия"), ("Жақыпова", "Әлия")),
    (("Zhakupova", "Aliya"), ("Жақыпова", "Әлия")),
    (("Seitkaliyev", "Daniyar"), ("Seitkalev", "Daniyar")),
    (("Seitkaliyev", "Daniyar"), ("Сейітқалиев", "Данияр")),
    (("Nurpeisov", "Bolat"), ("Nurpeissov", "Bulat")),
    (("Ibraeva", "Гүлнар"), ("Ibrayeva", "Гульнара")),
    (("Касымова", "Асели"), ("Kasymova", "Asel")),
])
def test_spellings_of_one_name_meet(a: tuple, b: tuple) -> None:
    assert not conflict(keys(*a), keys(*b))
    assert _score(a, b) >= 0.85


@pytest.mark.parametrize(("a", "b"), [
    (("Ospanov", "Marat"), ("Ospanov", "Murat")),
    (("Zhakupova", "Aliya"), ("Zhakupova", "Alina")),
    (("Mukhametova", "Zhanar"), ("Mukhametova", "Zhanna")),
    (("Kasymova", "Asel"), ("Kasymova", "Asem")),
    (("Seitkaliyev", "Daniyar"), ("Seitkaliyev", "Daniyal")),
    (("Zhaksybekov", "Yerkebulan"), ("Zhaksybekov", "Yerbolat")),
    (("Zhakupova", "Aliya"), ("Zhakupov", "Serik")),
    (("Akhmetov", "Askar"), ("Akhmetov", "Askhat")),
    (("Rakhimov", "Yerlan"), ("Rakhimov", "Yerzhan")),
    (("Ospanov", "Ali"), ("Ospanova", "Aliya")),
])
def test_another_given_name_is_another_person(a: tuple, b: tuple) -> None:
    assert conflict(keys(*a), keys(*b))
    assert _score(a, b) == 0.0


def test_near_surnames_are_not_spellings() -> None:
    # One consonant apart: a possible typo for review, never a link (context cannot lift it).
    assert REVIEW <= _score(("Nurgaliyev", "Yerlan"), ("Nurgaziyev", "Yerlan")) < LINK
    assert _score(("Asanov", "Yerlan"), ("Esenov", "Yerlan")) == 0.0
    assert _score(("Lesova", "Aigul"), ("Lepesova", "Aigul")) == 0.0
    assert _score(("Akhmetov", "Maksat"), ("Khamitov", "Maksat")) == 0.0  # same consonants, other vowels


def test_initials_fit_by_their_sound_and_never_link_alone() -> None:
    full = ("Mukhametova", "Zhanar", "Bolatovna")
    for initial in ("Zh.", "Zh", "Ж.", "Ж.Б."):
        assert REVIEW <= _score(("Mukhametova", initial), full) < LINK, initial
    assert conflict(keys("Мухаметова", "Ж.С."), keys(*full))  # patronymic initial S, not B
    assert REVIEW <= _score(("Nurlanov", "Ye."), ("Nurlanov", "Yerlan")) < LINK
    assert REVIEW <= _score(("Nurlanov", "Е."), ("Nurlanov", "Yerlan")) < LINK
    assert conflict(keys("Nurlanov", "A."), keys("Nurlanov", "Yerlan"))
    assert REVIEW <= _score(("Zhakupova", None), ("Zhakupova", "Aliya")) < LINK
    assert _score(("Zhakupova", "Aliya"), ("Жакупова", "Алия")) >= LINK


def test_case_forms_meet_their_nominative() -> None:
    # Kazakh endings a text read as Russian leaves on the name, and Russian endings on Kazakh surnames.
    assert _score(("Жақыпованың", "Әлияның"), ("Zhakupova", "Aliya")) >= REVIEW
    assert _score(("Оспановқа", "Маратқа"), ("Ospanov", "Marat")) >= LINK
    assert _score(("Серікұлын", "Бауыржан"), ("Serikuly", "Bauyrzhan")) >= LINK
    assert _score(("Қуанышқызына", "Айжан"), ("Куанышкызы", "Айжан")) >= LINK
    assert _score(("Токмырзу", "Гульнар"), ("Токмырза", "Гульнар")) >= LINK
    assert _score(("Serikov", "Baurzhan"), ("Serikuly", "Bauyrzhan")) == 0.0


def test_gender_comes_from_forms_that_show_it() -> None:
    def entry(surname: str, given: str | None, *texts: str) -> dict:
        return {"surname": surname, "given": given, "mentions": [{"text": t} for t in texts]}

    # "Жакупову" is a woman's accusative or a man's dative: no gender, so no conflict with Aliya.
    assert mention_gender(entry("Жакупов", "А.", "Жакупову А.")) == "u"
    assert mention_gender(entry("Жакупов", None, "Жакуповой")) == "f"
    assert mention_gender(entry("Сапаров", "Назгуль", "Назгуль Сапаровой")) == "f"
    assert mention_gender(entry("Zhakupova", None, "ZHAKUPOVA")) == "f"
    assert keys("Жакупов", "А.").gender == "u"  # a stored Russian nominative was the reader's guess
    assert not conflict(keys("Жакупов", "А.", gender="u"), keys("Zhakupova", "Aliya"))


# Invented: the same case told three times, and another person in the same town.
_ARTICLE = ("Aktau court extends activist's arrest\n\nOn 28 February 2023 the Aktau City Court extended the "
            "detention of activist A. Zhaqypova, charged under Article 405 Part 2 of the Criminal Code. Lawyer "
            "Nurlan Beisenov said the defence would appeal.\n")
_BULLETIN = ("Мониторинг за 14 февраля 2023 года\n\n#Актау\n13 февраля 2023 года Актауский городской суд "
             "арестовал активистку Алию Жакупову на два месяца по ч. 2 ст. 405 УК РК. Адвокат Нурлан Бейсенов "
             "обжалует решение.\n\n#Алматы\n12 февраля 2023 года в Алматы полиция задержала журналиста Алину "
             "Жакупову у здания акимата.\n")
_HEADLINE = ("Aktau activist's sister questioned\n\nInvestigators questioned the activist's younger sister "
             "Dana Zhakupova on 2 March 2023.\n\nHer lawyer Marat Ibrayev was not admitted.\n")


def _context(text: str, surname_start: str):
    record = extract_record(text, path="t.txt")
    entry = next(p for p in record["persons"] if any(m["text"].startswith(surname_start) for m in p["mentions"]))
    return person_context(record, text, entry)


def test_context_is_the_case_around_a_person() -> None:
    told = _context(_ARTICLE, "A. Zhaqypova")
    aliya = _context(_BULLETIN, "Алию")
    alina = _context(_BULLETIN, "Алину")
    assert {"people", "bodies", "articles", "places"} <= set(shared(told, aliya))
    assert support(told, aliya) > 0.8
    # Alina is in the same bulletin, but in another item: another town, no article, no lawyer.
    assert "articles" not in shared(told, alina) and "people" not in shared(told, alina)
    assert support(told, alina) < 0.2
    # A news headline names the town for every person of the article.
    assert "Aktau" in _context(_HEADLINE, "Marat").places


def test_a_name_without_surname_is_the_person_of_its_document(tmp_path: Path) -> None:
    # Invented. Russian texts call a person by given name and patronymic after naming them in full.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        "Мониторинг за 3 мая 2023 года\n\n2 мая 2023 года Павлодарский городской суд оштрафовал "
        "правозащитницу Ахметову Г.С. на 50 МРП по ст. 488 КоАП.\n\nКак рассказала Гульмира Сериковна, "
        "штраф она обжалует.\n", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text(
        "Мониторинг за 9 мая 2023 года\n\n8 мая 2023 года в Павлодаре полиция задержала правозащитницу "
        "Гульмиру Ахметову у здания акимата.\n", encoding="utf-8")
    db = Database(f"sqlite:///{tmp_path / 'kuzet.db'}")
    try:
        ingest(db, [str(tmp_path / "docs")])
        with db.session() as session:
            names = {n["name"] for n in queries.persons(session)}
            (person,) = [p for p in queries.persons(session) if "Ахметова" in p["name"]]
            spellings = {n["name"] for n in queries.dossier(session, person["id"])["names"]}
    finally:
        db.close()
    assert not any("Сериков" in n for n in names), names
    assert any("Сериков" in s for s in spellings), spellings


# Invented. A short form told first, the full name later: first in another case, then in the short form's case.
_ORDER = {
    "a.txt": "Bulletin 3 April 2023\n\n#Semey: On 2 April the Semey City Court fined B. Tleubayev 40 MCI under "
             "Article 488 Part 6 of the Administrative Code for a solitary picket.\n",
    "b.txt": "Bulletin 20 September 2023\n\nPolice in Ust-Kamenogorsk questioned blogger Bakhyt Tleubayev on "
             "19 September.\n",
    "c.txt": "Bulletin 5 October 2023\n\n#Semey: On 4 October the Semey City Court fined Bakhyt Tleubayev under "
             "Article 488 Part 6 of the Administrative Code.\n",
    "d.txt": "Bulletin 9 October 2023\n\n#Semey: Police in Semey detained D. Tleubayev, a taxi driver, on 8 October.\n",
}


def test_a_short_form_told_first_joins_the_full_name_when_the_case_agrees(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for name, text in _ORDER.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    db = Database(f"sqlite:///{tmp_path / 'kuzet.db'}")
    try:
        ingest(db, [str(tmp_path / "docs")])
        with db.session() as session:
            people = [p for p in queries.persons(session) if "Tleubayev" in p["name"]]
            spellings = {p["name"]: {n["name"] for n in queries.dossier(session, p["id"])["names"]} for p in people}
    finally:
        db.close()
    # The court and article join "B. Tleubayev" to Bakhyt, whatever the order; D. is another person.
    (full,) = [names for names in spellings.values() if "Bakhyt Tleubayev" in names]
    assert any(n.startswith("B.") or n.endswith("B.") for n in full), spellings
    assert not any(n.startswith("D.") for n in full)


def _ingest_and_score(url: str, data: Path) -> ResolutionScore:
    db = Database(url)
    try:
        report = ingest(db, [str(data / "docs")])
        assert (len(report.stored), report.failed) == (len(gold(data)["mentions"]), [])
        with db.session() as session:
            return resolution_score(session, data)
    finally:
        db.close()


def test_invented_cases_resolve_and_look_alikes_stay_apart(db_url: str) -> None:
    result = _ingest_and_score(db_url, CASES)
    print(f"cases: P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f}")
    assert result.lookalikes_merged == []
    assert result.f1 == 1.0, (result.wrong_pairs[:10], result.missed_pairs[:10], result.unfound)


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory) -> ResolutionScore:
    result = _ingest_and_score(f"sqlite:///{tmp_path_factory.mktemp('hard') / 'kuzet.db'}", HARD)
    print(f"hard set: P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
          f"(found mentions only: F1={result.found_f1:.3f}; not found: {len(result.unfound)})")
    return result


def test_hard_set_is_what_the_issue_asks_for() -> None:
    g = gold(HARD)
    assert len(list((HARD / "docs").iterdir())) == len(g["mentions"]) == 40
    assert len(g["lookalikes"]) == 10 and all(k in g["people"] for pair in g["lookalikes"] for k in pair)


def test_hard_set_links_no_look_alike_and_no_wrong_pair(hard: ResolutionScore) -> None:
    # Every wrong pair left comes from the reader joining two people in one document's person.
    assert hard.lookalikes_linked == []
    assert hard.precision >= 0.95 and hard.found_f1 >= 0.85, (hard.wrong_pairs[:10], hard.missed_pairs[:10])


def test_hard_set_reaches_the_issue_target(hard: ResolutionScore) -> None:
    assert hard.lookalikes_merged == []
    assert hard.f1 >= 0.97
