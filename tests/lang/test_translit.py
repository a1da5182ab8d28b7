"""The name skeleton brings spellings and scripts together, and keeps different names apart."""

from __future__ import annotations

import pytest

from kuzet.lang.translit import skeleton, to_cyrillic, to_latin


@pytest.mark.parametrize(("a", "b"), [
    ("ZHAKUPOVA", "Жакупова"), ("Zhakupova", "Zhaqupova"), ("Жакупову", "Zhakupov"), ("Kumekbayev", "Кумекбаев"),
    ("Dzhanzakova", "Джанзакова"), ("Aliya", "Алия"), ("Yerdembek", "Ердембек"),
])
def test_same_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("Lesova", "Lepesova"), ("Kumekbayev", "Kumekbekov"), ("Zhakupova", "Zhakupbekova")])
def test_different_skeleton(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_to_latin_follows_passport_spelling() -> None:
    assert to_latin("Ердембек Жақыпова") == "Yerdembek Zhakypova"


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Kuandyk KUMEKBAYEV", "Куандык КУМЕКБАЕВ"), ("Dzhanzakova Sholpan", "Джанзакова Шолпан"),
    ("Ulbolsyn Turdiyeva", "Улболсын Турдиева"), ("Yerdembek", "Ердембек"), ("A. Baypakov", "А. Байпаков"),
    ("Aliya Zhakupova", "Алия Жакупова"), ("Akhmetzhanov", "Ахметжанов"), ("Erlan", "Эрлан"),
])
def test_to_cyrillic_writes_names_as_russian_media_do(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic
    assert skeleton(to_cyrillic(latin).split()[-1]) == skeleton(latin.split()[-1]), "the person is still found"
