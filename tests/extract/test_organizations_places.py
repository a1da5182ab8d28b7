"""Organizations and places as classes: every level of a state body in three languages, the region's
known bodies in any case form, the neighbours' places, and the words that only look like places.

The sentences are invented; none comes from a real bulletin.
"""

from __future__ import annotations

import time

import pytest

from kuzet.extract.pipeline import extract_record

# Enough Kazakh function words for the language detector to call a short sentence Kazakh.
KK = " Бұл туралы облысы және қаласы үшін хабарланды."


def _orgs(text: str) -> list[tuple[str, str, list[str]]]:
    return [(o["name"], o["kind"], [m["text"] for m in o["mentions"]]) for o in extract_record(text)["organizations"]]


def _places(text: str) -> list[tuple[str, str]]:
    return [(p["name"], p["kind"]) for p in extract_record(text)["places"]]


@pytest.mark.parametrize(("text", "mention", "kind"), [
    ("On 5 March officers of the Karaganda city police department detained him.", "Karaganda city police department", "police"),
    ("He was taken to the Bostandyk district police department.", "Bostandyk district police department", "police"),
    ("Сотрудники УП Алмалинского района задержали его.", "УП Алмалинского района", "police"),
    ("Его доставили в департамент полиции города Павлодара.", "департамент полиции города Павлодара", "police"),
    ("He is serving his sentence in Institution No. 14.", "Institution No. 14", "penitentiary"),
    ("Его этапировали в учреждение ЕЦ-166/18.", "учреждение ЕЦ-166/18", "penitentiary"),
    ("The Military Court of the Astana Garrison sentenced him.", "Military Court of the Astana Garrison", "court"),
    ("the Specialized Inter-District Administrative Court of Pavlodar fined her.",
     "Specialized Inter-District Administrative Court of Pavlodar", "court"),
    ("Дело рассмотрел Специализированный межрайонный административный суд города Костаная.",
     "Специализированный межрайонный административный суд города Костаная", "court"),
    ("Дело рассмотрели в городском суде № 3 Семея.", "городском суде № 3 Семея", "court"),
    ("Its members were fined by the Ekibastuz City Court.", "Ekibastuz City Court", "court"),
    ("Павлодар облысының әкімдігі митингке рұқсат бермеді." + KK, "Павлодар облысының әкімдігі", "local_government"),
    ("Қостанай қаласы мамандандырылған ауданаралық әкімшілік соты айыппұл салды." + KK,
     "Қостанай қаласы мамандандырылған ауданаралық әкімшілік соты", "court"),
    ("Отдел внутренней политики города Костаная отказал в митинге.", "Отдел внутренней политики города Костаная", "local_government"),
    ("The Semey city akimat refused the rally.", "Semey city akimat", "local_government"),
    ("He was questioned at the Pavlodar Regional Prosecutor's Office.", "Pavlodar Regional Prosecutor's Office", "prosecutor"),
])
def test_state_bodies_at_every_level(text: str, mention: str, kind: str) -> None:
    orgs = _orgs(text)
    assert any(mention in texts and k == kind for _, k, texts in orgs), orgs


def test_known_bodies_in_any_case_form() -> None:
    orgs = {name for name, _, _ in _orgs("Его вызвали в Комитет национальной безопасности, затем в "
                                         "Генеральную прокуратуру и в Министерстве юстиции ему отказали.")}
    assert orgs == {"National Security Committee", "Prosecutor General's Office", "Ministry of Justice"}
    kk = {name for name, _, _ in _orgs("Белсендіні Ұлттық қауіпсіздік комитетінің қызметкерлері ұстады." + KK)}
    assert kk == {"National Security Committee"}


@pytest.mark.parametrize(("text", "name"), [
    ("Tajikistan's Supreme Court upheld the sentence.", "Supreme Court of Tajikistan"),
    ("Задержание провели сотрудники МВД Кыргызстана.", "Ministry of Internal Affairs of Kyrgyzstan"),
    ("Белсендіні Ресей ІІМ қызметкерлері ұстады." + KK, "Ministry of Internal Affairs of Russia"),
    ("The Supreme Court of Kazakhstan refused.", "Supreme Court"),
])
def test_a_body_every_country_has_belongs_to_the_country_named(text: str, name: str) -> None:
    assert [n for n, _, _ in _orgs(text)] == [name]


def test_akimats_of_two_cities_are_two_bodies() -> None:
    orgs = {name for name, _, _ in _orgs("The akimats of Aktau and Zhanaozen refused to allow the rally.")}
    assert orgs == {"Akimat of Aktau", "Akimat of Zhanaozen"}


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Workers of Arlan Logistics LLP went on strike.", "Arlan Logistics LLP", "business"),
    ('Белсенділер "Жаңа Толқын" қозғалысының мүшелері.' + KK, "Жаңа Толқын", "civil_society"),
    ("The Steppe Monitoring Network reported the detentions.", "Steppe Monitoring Network", "civil_society"),
    ("A statement of the Foundation for Civic Dialogue followed.", "Foundation for Civic Dialogue", "civil_society"),
    ("Members of the Zhana Kadam movement were fined.", "Zhana Kadam", "civil_society"),
    ("The OSCE and Human Rights Watch called for his release.", "OSCE", "other"),
])
def test_unknown_bodies_by_their_form(text: str, name: str, kind: str) -> None:
    assert (name, kind) in [(n, k) for n, k, _ in _orgs(text)]


@pytest.mark.parametrize("text", [
    "Activists Sent To Prison After Opposition Party Rally",
    "The police detained him and the court fined him.",
    "Peaceful movement was impossible in the crowd.",
])
def test_headlines_and_generic_words_are_no_named_body(text: str) -> None:
    assert _orgs(text) == []


@pytest.mark.parametrize(("text", "place"), [
    ("A rally in Kostanay region was banned.", ("Kostanay Region", "region")),
    ("Митинг в Жамбылской области запретили.", ("Zhambyl Region", "region")),
    ("Ақтөбе облысында белсенді ұсталды." + KK, ("Aktobe Region", "region")),
    ("He moved to Bishkek.", ("Bishkek", "city")),
    ("Он живёт в Каракалпакстане.", ("Karakalpakstan", "region")),
    ("Protesters gathered in Khorog.", ("Khorugh", "city")),
    ("The trial took place in Mogilev.", ("Mahilyow", "city")),
    ("Суд в Челябинской области оштрафовал его.", ("Chelyabinsk Region", "region")),
    ("He was detained in Qaraghandy.", ("Karagandy", "city")),
    ("Police stopped them in Aqsai.", ("Aqsay", "city")),
    ("A picket in Chimkent.", ("Shymkent", "city")),
    ("She lives in the Baiganin district.", ("Baiganin District", "district")),
])
def test_places_of_the_region_and_its_neighbours(text: str, place: tuple[str, str]) -> None:
    assert place in _places(text)


def test_an_unknown_village_after_a_settlement_word_is_a_place() -> None:
    places = extract_record("Активиста задержали в селе Жаңаталап.")["places"]
    assert [(p["name"], p["kind"], p["lat"]) for p in places] == [("Жаңаталап", "city", None)]


@pytest.mark.parametrize("text", [
    "Supporters of Democratic Choice of Kazakhstan were detained.",
    "Его обвинили в нарушении КОАП РК.",
    "The Kazakh activist spoke to reporters.",
    "They laid flowers at the monument to Abay.",
])
def test_words_that_only_look_like_places(text: str) -> None:
    assert _places(text) == []


def test_region_is_never_the_city_of_the_same_name() -> None:
    places = _places("Activists from Pavlodar region came to Pavlodar.")
    assert ("Pavlodar Region", "region") in places and ("Pavlodar", "city") in places


def test_reading_stays_linear_in_document_length() -> None:
    # Many bodies and places in a long text: the gazetteer and the patterns must not rescan per mention.
    para = ("On 3 May the Almaty city police department detained activist Marat Iskakov in Almaty region; "
            "Медеуский районный суд оштрафовал его, акимат города Алматы отказал. ")
    short, long = para * 20, para * 200
    extract_record(short)
    t0 = time.perf_counter()
    extract_record(short)
    t_short = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_record(long)
    t_long = time.perf_counter() - t0
    assert t_long < t_short * 10 * 3
