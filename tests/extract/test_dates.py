"""Relative, partial and ranged dates in three languages: invented sentences, written before the reader ran on them.

Every relative mention resolves against two anchors: the last date the text stated
(PREVIOUS, a Monday) and the document's date (DOC, the Friday of the same week).
"""

from __future__ import annotations

from datetime import date

import pytest

from kuzet.extract.dates import DateMention, find_dates, resolve_relative

PREVIOUS = date(2021, 5, 10)  # Monday
DOC = date(2021, 5, 14)  # Friday


def _one(text: str) -> DateMention:
    found = find_dates(text, default_year=2021)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("Three days earlier police had searched his flat.", date(2021, 5, 7), "day"),
    ("He was released three days later.", date(2021, 5, 13), "day"),
    ("A week later the court fined him.", date(2021, 5, 17), "day"),
    ("Two days before, he had been summoned.", date(2021, 5, 8), "day"),
    ("That day she was questioned for five hours.", date(2021, 5, 10), "day"),
    ("That evening police came to his home.", date(2021, 5, 10), "day"),
    ("The next morning he was taken to court.", date(2021, 5, 11), "day"),
    ("Police detained him three days ago.", date(2021, 5, 11), "day"),
    ("On Monday the court upheld the fine.", date(2021, 5, 10), "day"),
    ("On Friday the court upheld the fine.", date(2021, 5, 14), "day"),
    ("Last Wednesday police searched the office.", date(2021, 5, 12), "day"),
    ("He was detained in March.", date(2021, 3, 1), "month"),
    ("She was fined last September.", date(2020, 9, 1), "month"),
    ("This year alone, 40 activists were fined.", date(2021, 1, 1), "year"),
    ("В тот же день его отпустили.", date(2021, 5, 10), "day"),
    ("Тремя днями ранее у него провели обыск.", date(2021, 5, 7), "day"),
    ("Через неделю суд оштрафовал его.", date(2021, 5, 17), "day"),
    ("В понедельник суд оставил штраф в силе.", date(2021, 5, 10), "day"),
    ("Его задержали в марте.", date(2021, 3, 1), "month"),
    ("Её оштрафовали в прошлом сентябре.", date(2020, 9, 1), "month"),
    ("Его задержали в сентябре прошлого года.", date(2020, 9, 1), "month"),
    ("Три дня назад полиция пришла к нему домой.", date(2021, 5, 11), "day"),
    ("На следующее утро его доставили в суд.", date(2021, 5, 11), "day"),
    ("Позавчера его вызвали в полицию.", date(2021, 5, 12), "day"),
    ("Сол күні оны полиция ұстады.", date(2021, 5, 10), "day"),
    ("Кеше белсендіні полиция ұстады.", date(2021, 5, 13), "day"),
    ("Үш күн бұрын полиция оның үйіне келді.", date(2021, 5, 11), "day"),
    ("Дүйсенбі күні сот айыппұл салды.", date(2021, 5, 10), "day"),
    ("Белсенді наурызда ұсталды.", date(2021, 3, 1), "month"),
    ("Биыл 40 белсенді айыппұл төледі.", date(2021, 1, 1), "year"),
    ("Былтыр ол сотталды.", date(2020, 1, 1), "year"),
])
def test_relative_dates_resolve(text: str, value: date, precision: str) -> None:
    d = _one(text)
    assert d.relative is not None
    assert d.precision == precision
    assert resolve_relative(d, previous=PREVIOUS, doc_date=DOC) == value


def test_last_week_is_marked_approximate() -> None:
    d = _one("Өткен аптада полиция белсендіні ұстады.")
    assert d.approximate
    assert resolve_relative(d, previous=PREVIOUS, doc_date=DOC) == date(2021, 5, 7)


def test_parts_of_the_day_are_kept() -> None:
    assert _one("That evening police came to his home.").part_of_day == "evening"
    assert _one("The next morning he was taken to court.").part_of_day == "morning"


def test_relative_mentions_say_what_they_count_from() -> None:
    earlier = _one("Three days earlier police had searched his flat.")
    ago = _one("Police detained him three days ago.")
    assert (earlier.anchor, earlier.offset_days) == ("previous", -3)
    assert (ago.anchor, ago.offset_days) == ("document", -3)
    assert _one("On Monday the court upheld the fine.").weekday == 0
    assert _one("He was detained in March.").month == 3


@pytest.mark.parametrize(("text", "start", "end"), [
    ("The festival was banned from 3 to 5 May 2021.", date(2021, 5, 3), date(2021, 5, 5)),
    ("Акции запретили с 3 по 5 мая 2021 года.", date(2021, 5, 3), date(2021, 5, 5)),
    ("Pickets were banned May 3–5, 2021.", date(2021, 5, 3), date(2021, 5, 5)),
    ("Шерулар 3-5 мамыр аралығында тыйым салынды.", date(2021, 5, 3), date(2021, 5, 5)),
    ("He was held from 28 April to 3 May 2021.", date(2021, 4, 28), date(2021, 5, 3)),
])
def test_ranges_have_their_end(text: str, start: date, end: date) -> None:
    d = _one(text)
    assert (d.value, d.end_value) == (start, end)
    assert not d.since


@pytest.mark.parametrize(("text", "anchor", "value"), [
    ("On 21 December police detained him.", date(2022, 1, 10), date(2021, 12, 21)),
    ("On 21 April he was fined.", date(2022, 1, 10), date(2021, 4, 21)),
    ("The hearing is set for 12 May.", date(2021, 5, 10), date(2021, 5, 12)),
    ("21 апреля его оштрафовали.", date(2022, 1, 10), date(2021, 4, 21)),
])
def test_dates_without_a_year_take_the_anchor_s(text: str, anchor: date, value: date) -> None:
    found = find_dates(text, default_year=anchor.year, anchor=anchor)
    assert [d.value for d in found] == [value]
    assert not found[0].year_given


@pytest.mark.parametrize("text", [
    "He was sentenced to three days of arrest.",
    "The police may detain him again.",
    "Суд назначил ему 15 суток ареста.",
    "Monday Night Football is not a date.",
])
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, default_year=2021) == []


def test_existing_callers_keep_working() -> None:
    d = find_dates("Вчера полиция задержала активиста.", default_year=2022)[0]
    assert d.relative == "yesterday"
    assert resolve_relative(d, previous=None, doc_date=date(2022, 4, 8)) == date(2022, 4, 7)
    assert find_dates("On 21 April 2021 the court", default_year=None)[0].value == date(2021, 4, 21)


@pytest.mark.parametrize(("text", "said", "year"), [
    ("In 2019, the activist was fined for a post.", "In 2019", 2019),
    ("in the summer of 2021 he was questioned twice", "in the summer of 2021", 2021),
    ("В 2018 году её оштрафовали.", "В 2018 году", 2018),
    ("Осенью 2020 года его задержали.", "Осенью 2020 года", 2020),
    ("Ол 2017 жылы сотталған.", "2017 жылы", 2017),
])
def test_a_year_alone_is_a_date_of_year_precision(text: str, said: str, year: int) -> None:
    [m] = find_dates(text, default_year=2024)
    assert (text[m.start:m.end], m.precision, m.value) == (said, "year", date(year, 1, 1))


@pytest.mark.parametrize("text", ["Article 2019 of the code", "the 2019-2020 season", "case No. 2021/45", "по делу № 2019"])
def test_a_number_that_is_not_a_year_of_the_text_is_no_date(text: str) -> None:
    assert [m for m in find_dates(text, default_year=2024) if m.precision == "year"] == []
