"""Each reading component on the conventions real bulletins use, beyond the seed's wording."""

from __future__ import annotations

from datetime import date

import pytest

from kuzet.extract.dates import find_dates
from kuzet.extract.law_articles import find_articles
from kuzet.extract.pipeline import extract_record
from kuzet.text.chars import fold_for_matching
from kuzet.text.segment import segment


def _record(text: str, **kw) -> dict:
    return extract_record(text, **kw)


@pytest.mark.parametrize(("text", "expected"), [
    ("Article 405 Part 2 of the Criminal Code", ("criminal", "405", "2")),
    ("under part 2 of article 174 of the Criminal Code", ("criminal", "174", "2")),
    ("по ст. 488 ч. 6 КоАП РК", ("administrative", "488", "6")),
    ("по признакам статьи 405 УК", ("criminal", "405", None)),
    ("по ч. 1 ст. 274 УК РК", ("criminal", "274", "1")),
    ("under Article 667 of the Code of Administrative Offences", ("administrative", "667", None)),
    ("fined under Article 669", ("administrative", "669", None)),
    ("ҚР ҚК-нің 405-бабы 2-бөлігі бойынша", ("criminal", "405", "2")),
    ("ӘҚБтК-нің 488-бабы 6-бөлігі бойынша", ("administrative", "488", "6")),
])
def test_law_articles(text: str, expected: tuple) -> None:
    found = find_articles(text)
    assert [(a.code, a.article, a.part) for a in found] == [expected]


def test_code_named_after_an_article_belongs_to_the_next_one() -> None:
    found = find_articles("under part 2 of article 174, and ст. 488 ч. 6 КоАП РК")
    assert [(a.code, a.article) for a in found] == [("criminal", "174"), ("administrative", "488")]


def test_article_titles_come_from_the_table() -> None:
    rec = _record("Он обвиняется по ч. 2 ст. 405 УК РК.")
    assert rec["law_articles"][0]["title"].startswith("Организация и участие в деятельности")


@pytest.mark.parametrize(("text", "value", "time"), [
    ("On 21 April 2021 the court", date(2021, 4, 21), None),
    ("21 апреля 2021 года суд", date(2021, 4, 21), None),
    ("on 22 April 2021 at 15:40, a trial", date(2021, 4, 22), "15:40"),
    ("September 1, Aktobe region", date(2021, 9, 1), None),
    ("2021 жылғы 21 сәуірде сот", date(2021, 4, 21), None),
    ("15.12.2020 задержан", date(2020, 12, 15), None),
])
def test_dates(text: str, value: date, time: str | None) -> None:
    d = find_dates(text, default_year=2021)[0]
    assert (d.value, d.time) == (value, time)


def test_relative_dates_resolve_against_text_and_document() -> None:
    text = ("Мониторинг за 8 апреля 2022 года\n\n— Вчера полиция задержала активиста Ерлана Сарсенова.\n"
            "— Накануне у правозащитницы Асель Мукановой провели обыск.")
    rec = _record(text)
    by_kind = {e["kind"]: e["date"] for e in rec["events"]}
    assert by_kind["detention"] == "2022-04-07"
    assert by_kind["search"] == "2022-04-07"


def test_date_option_dates_undated_documents() -> None:
    rec = _record("Yesterday police detained activist Nurlan ABDRAKHMANOV in Aktobe. On September 1 he was fined.",
                  doc_date=date(2021, 9, 30))
    assert rec["source"]["date"] == "2021-09-30"
    assert {e["kind"]: e["date"] for e in rec["events"]} == {"detention": "2021-09-29", "fine": "2021-09-01"}


def test_an_act_the_text_does_not_date_has_no_date() -> None:
    """The spec: an event's date is null when the text gives none, whatever the document's date. A bulletin's
    dated heading dates the acts it lists (annotators read it so); an act told in passing is not dated by it."""
    rec = _record("Monitoring, 3 November 2022\n\n— Activist Arman SEITOV, who had earlier been sentenced to 2 years "
                  "of restricted freedom, published a new post.")
    assert rec["source"]["date"] == "2022-11-03"
    assert [(e["kind"], e["date"]) for e in rec["events"]] == [("verdict", None)]


def test_a_relative_date_counts_from_the_sentence_s_own_date() -> None:
    rec = _record("Activist Orynbasar ZHANIBEKOV told reporters on 3 July 2024 that police had detained him a day earlier.")
    assert [(e["kind"], e["date"]) for e in rec["events"]] == [("detention", "2024-07-02")]


@pytest.mark.parametrize(("text", "name"), [
    ("activist Kuandyk KUMEKBAYEV was", "Kuandyk Kumekbayev"),
    ("⚡#ZHAKUPOVA Aliya — trial", "Aliya Zhakupova"),
    ("the picket of #YNTYMAKOVA was", "Yntymakova"),
    ("activist Zhanna #YNTYMAKOVA was", "Zhanna Yntymakova"),
    ("signed by BAYPAKOV A. yesterday", "A. Baypakov"),
    ("Judge: PAZYLOV Bolat Seitovich.", "Bolat Seitovich Pazylov"),
    ("суд приговорил Алию Жакупову к", "Алия Жакупова"),
    ("задержали Ердембека Заркумканова у", "Ердембек Заркумканов"),
    ("правозащитницу Шолпан Джанзакову вызвали", "Шолпан Джанзакова"),
    ("угрожали Венере Мухамадияновой на", "Венера Мухамадиянова"),
    ("судья Пазылов Болат Сеитович огласил", "Болат Сеитович Пазылов"),
    ("blogger Dauren K\u0410IRBEKOV was", "Dauren Kairbekov"),
])
def test_person_conventions(text: str, name: str) -> None:
    rec = _record(text)
    assert [p["name"] for p in rec["persons"]] == [name]


def test_one_person_across_spellings_and_descriptors() -> None:
    text = ("⚡#ZHAKUPOVA Aliya — civil activist Alia ZHAKUPOVA was detained. Later Alia Zhakupova was released. "
            "ZHAKUPOVA said she would appeal.")
    rec = _record(text)
    assert len(rec["persons"]) == 1
    person = rec["persons"][0]
    assert len(person["mentions"]) == 4
    assert "civil activist" in person["descriptors"]


def test_different_people_stay_apart() -> None:
    rec = _record("Activists Aigul LESOVA and Aigul LEPESOVA were detained in Almaty.")
    assert sorted(p["name"] for p in rec["persons"]) == ["Aigul Lepesova", "Aigul Lesova"]


@pytest.mark.parametrize("text, person, place", [
    ("#Satpayev\nOn 2 May 2022 in Satpayev police detained blogger Marat Iskakov.", "Marat Iskakov", "Satpayev"),
    ("В г. Конаев 5 июня 2022 года полиция задержала Конаева Серика.", "Серик Конаев", "Konayev"),
    ("Задержан активист Ержан Сатпаев, сообщили из Сатпаева.", "Ержан Сатпаев", "Satpayev"),
])
def test_towns_named_after_people_are_places_where_a_place_goes(text: str, person: str, place: str) -> None:
    record = extract_record(text)
    assert [p["name"] for p in record["persons"]] == [person]
    assert place in [p["name"] for p in record["places"]]


def test_quoted_movements_are_organizations_not_people() -> None:
    rec = _record("Members of the movement «Oyan Qazaqstan» and the movement «Ак Жол Жастары» were detained.")
    assert rec["persons"] == []
    assert {o["name"] for o in rec["organizations"]} == {"Oyan, Qazaqstan", "Ак Жол Жастары"}


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("сотрудники КНБ пришли", "National Security Committee", "security_service"),
    ("officers of the KNB came", "National Security Committee", "security_service"),
    ("Сарыаркинский районный суд №2 рассмотрел", "Сарыаркинский районный суд №2", "court"),
    ("в Сарыаркинском районном суде №2 рассмотрели", "Сарыаркинский районный суд №2", "court"),
    ("Court No.2 of the Saryarka district held", "Court No.2 of the Saryarka district", "court"),
    ("участники партии «Көше партиясы»", "Koshe Partiyasy", "banned_organization"),
    ("supporters of DVK were", "Democratic Choice of Kazakhstan", "banned_organization"),
    ("the Atyrau Regional Police Department said", "Atyrau Regional Police Department", "police"),
    ("Департамент полиции Мангистауской области сообщил", "Департамент полиции Мангистауской области", "police"),
])
def test_organizations(text: str, name: str, kind: str) -> None:
    rec = _record(text)
    assert [(o["name"], o["kind"]) for o in rec["organizations"]] == [(name, kind)]


@pytest.mark.parametrize(("text", "name"), [
    ("a rally in Nur-Sultan", "Astana"), ("митинг в Нур-Султане", "Astana"), ("in Uralsk", "Oral"),
    ("в Уральске", "Oral"), ("#Aktau", "Aktau"), ("в Мангистауской области", "Mangystau Region"),
    ("in Mangistau region", "Mangystau Region"), ("в Караганде", "Karagandy"), ("в Жанаозене", "Zhanaozen"),
    ("Yesterday In Aktobe police", "Aktobe"), ("Кеше Жаңаөзен қаласында", "Zhanaozen"),
])
def test_places(text: str, name: str) -> None:
    rec = _record(text)
    assert [p["name"] for p in rec["places"]] == [name]
    assert rec["places"][0]["lat"] is not None


@pytest.mark.parametrize(("text", "name"), [
    ("Белсенді Ерлан Сапаровты полиция ұстады.", "Ерлан Сапаров"),
    ("Белсенді Гүлнар Оспанованың үйінде тінту жүргізді.", "Гүлнар Оспанова"),
    ("Судья Мұрат Төлегеновке айыппұл салды.", "Мұрат Төлегенов"),
])
def test_kazakh_case_endings_are_cut_from_names(text: str, name: str) -> None:
    rec = _record(text + " Бұл туралы облысы және қаласы үшін хабарланды.")
    assert rec["source"]["language"] == "kk"
    person = rec["persons"][0]
    # The mention stops before the case ending, so its span is the name itself.
    assert person["name"] == person["mentions"][0]["text"] == name


@pytest.mark.parametrize(("text", "place"), [
    ("Ақтауда белсенді ұсталды. Бұл туралы облысы және қаласы үшін", "Aktau"),
    ("Оралдың соты шешті. Бұл туралы облысы және қаласы үшін", "Oral"),
])
def test_kazakh_case_endings_are_cut_from_places(text: str, place: str) -> None:
    assert [p["name"] for p in _record(text)["places"]] == [place]


def test_court_district_resolves_to_its_city() -> None:
    rec = _record("a trial in Court No.2 of the Saryarka district")
    place = rec["places"][0]
    assert (place["kind"], place["city"]) == ("district", "Astana")


@pytest.mark.parametrize(("text", "kind", "outcome"), [
    ("— On 3 May 2021, the court sentenced activist Marat ZHYLKYBAYEV to 15 days of administrative arrest.",
     "administrative_arrest", "15 days of administrative arrest"),
    ("— 3 мая 2021 года суд оштрафовал активистку Динару Есенову на 50 МРП.", "fine", "50 МРП"),
    ("— On 3 May 2021, the court acquitted activist Marat ZHYLKYBAYEV after reconciliation.", "verdict", "acquitted"),
])
def test_event_outcomes(text: str, kind: str, outcome: str) -> None:
    rec = _record(text)
    ev = next(e for e in rec["events"] if e["kind"] == kind)
    assert ev["date"] == "2021-05-03"
    assert ev["outcome"] is not None and outcome in ev["outcome"]


@pytest.mark.parametrize(("text", "kind"), [
    ("On 3 May 2021 two men in a grey car followed the journalist Dana ABILOVA to her office.", "surveillance"),
    ("3 мая 2021 года районный суд начал рассматривать дело активиста Рината Ахметова.", "court_hearing"),
    ("⚡#Сейтова Дина\n3 мая 2021 года суд арестовал её на 15 суток.", "administrative_arrest"),
    ("3 мая 2021 года в аэропорту Алматы Дине Сейтовой запретили выезд за рубеж.", "travel_restriction"),
])
def test_event_wordings(text: str, kind: str) -> None:
    events = _record(text)["events"]
    assert [(e["kind"], e["date"]) for e in events if e["kind"] == kind] == [(kind, "2021-05-03")], events


def test_glued_item_starting_with_a_date_is_its_own_item() -> None:
    text = "— 3 мая 2021 года в Таразе задержали Асель Нурову.— 4 мая 2021 года в Атырау задержали Жанну Утепову.\n"
    events = _record(text)["events"]
    names = {p["id"]: p["name"] for p in _record(text)["persons"]}
    assert sorted((e["date"], [names[v] for v in e["victims"]]) for e in events) == [
        ("2021-05-03", ["Асель Нурова"]), ("2021-05-04", ["Жанна Утепова"])]


def test_segmentation_handles_glued_items_and_missing_spaces() -> None:
    text = "Title line\n— First item ends here.- Second item starts.Third sentence follows.\n✔#Aktau:UPD:⚡#DZHANZAKOVA Sholpan"
    layout = segment(fold_for_matching(text))
    sentences = [text[s.start:s.end] for s in layout.sentences]
    assert text[layout.title[0]:layout.title[1]] == "Title line"
    # The title is read too: a first line may be a data line, not a heading (issue 14).
    assert sentences[:4] == ["Title line", "First item ends here.", "Second item starts.", "Third sentence follows."]
    assert layout.sections[-1].header is not None


@pytest.mark.issue(14)
def test_a_data_line_in_first_place_is_read() -> None:
    rec = _record("12 May 2023, Almaty, Aigerim SEITOVA, Article 488 Part 6 of the Code of Administrative Offences, "
                  "fined 50 MCI\n\nOn the same day the court heard two more cases of the picket.")
    assert [(e["kind"], e["date"]) for e in rec["events"] if e["kind"] == "fine"] == [("fine", "2023-05-12")]
