"""Articles of law as the region's texts write them: invented sentences, written before the reader ran on them."""

from __future__ import annotations

import pytest

from kuzet.extract.law_articles import find_articles


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return [(a.code, a.article, a.part) for a in find_articles(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # lists of articles and of parts
    ("He was charged under Articles 179, 274 and 380 of the Criminal Code.",
     [("criminal", "179", None), ("criminal", "274", None), ("criminal", "380", None)]),
    ("Ему вменяют статьи 174 и 405 УК РК.", [("criminal", "174", None), ("criminal", "405", None)]),
    ("convicted under Article 405 Part 1 and Part 2 of the Criminal Code",
     [("criminal", "405", "1"), ("criminal", "405", "2")]),
    ("charged under Article 405, Part 1/2", [("criminal", "405", "1"), ("criminal", "405", "2")]),
    ("under Parts 1 and 3 of Article 405 of the Criminal Code", [("criminal", "405", "1"), ("criminal", "405", "3")]),
    ("fined under Article 488(7) of the Code of Administrative Offences", [("administrative", "488", "7")]),
    ("признаны виновными по обеим частям статьи 405 УК", [("criminal", "405", "1"), ("criminal", "405", "2")]),
    ("оштрафован по части 11-й статьи 489 КоАП", [("administrative", "489", "11")]),
    ("задержан по ч.2 ст.405 УК РК", [("criminal", "405", "2")]),
    ("по ч. 1 и ч. 2 ст. 174 УК", [("criminal", "174", "1"), ("criminal", "174", "2")]),
    ("обвиняется по статье 405 части 2 УК РК", [("criminal", "405", "2")]),
    # Kazakh
    ("ҚК-нің 174-бабы бойынша айыпталды", [("criminal", "174", None)]),
    ("ӘҚБтК 488-бабы бойынша айыппұл салынды", [("administrative", "488", None)]),
    ("Қылмыстық кодекстің 405-бабының 2-бөлігі бойынша", [("criminal", "405", "2")]),
    ("Қылмыстық кодекстің 174 және 405-баптары бойынша", [("criminal", "174", None), ("criminal", "405", None)]),
    ("Қылмыстық кодекстің 272-бабы 1-тармағы бойынша", [("criminal", "272", "1")]),
    # other law: civil, procedure, constitution
    ("The akimat sued him under Article 951 of the Civil Code.", [("other", "951", None)]),
    ("Pursuant to Article 128 of the Criminal Procedure Code, he was detained.", [("other", "128", None)]),
    ("в нарушение статьи 32 Конституции", [("other", "32", None)]),
    ("по статье 143 Гражданского кодекса РК", [("other", "143", None)]),
    ("Article 2 of the Law on Peaceful Assemblies", [("other", "2", None)]),
    # other countries' codes and their numbering
    ("В Москве его оштрафовали по ч. 5 ст. 20.2 КоАП РФ.", [("administrative", "20.2", "5")]),
    ("протокол по статье 20.3.3 КоАП", [("administrative", "20.3.3", None)]),
    ("обвиняется по ст. 207.3 УК РФ", [("criminal", "207.3", None)]),
    ("по части 1 статьи 280.3 УК РФ", [("criminal", "280.3", "1")]),
    ("осуждён по ст. 342 УК Беларуси", [("criminal", "342", None)]),
    ("convicted under Article 361-1 of the Criminal Code of Belarus", [("criminal", "361-1", None)]),
    ("charged under Article 20.3.3 of the Russian Code of Administrative Offences", [("administrative", "20.3.3", None)]),
])
def test_articles(text: str, expected: list) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "activists of the “Article 14” movement held a picket",
    "members of the Article 14 movement were detained",
    "участники движения «Статья 14» вышли на пикет",
])
def test_named_movements_are_not_articles(text: str) -> None:
    assert _read(text) == []


def test_numbers_after_a_list_are_not_articles() -> None:
    assert _read("Article 174, 3 years of restricted freedom") == [("criminal", "174", None)]
    assert _read("ст. 405 ч. 2 УК РК, 5 лет лишения свободы") == [("criminal", "405", "2")]


def test_jurisdiction_of_foreign_codes() -> None:
    found = find_articles("по ст. 207.3 УК РФ и по ст. 342 УК Республики Беларусь")
    assert [(a.article, a.jurisdiction) for a in found] == [("207.3", "RU"), ("342", "BY")]


def test_mention_spans_cover_their_words() -> None:
    text = "under Articles 179, 274 and 380 of the Criminal Code."
    found = find_articles(text)
    assert text[found[0].start:found[0].end].startswith("Articles 179")
    assert text[found[-1].start:found[-1].end] == "380 of the Criminal Code"
