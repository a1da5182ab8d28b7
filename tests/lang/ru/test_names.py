"""Russian case forms of Kazakh and Russian names back to the nominative (issue 2)."""

from __future__ import annotations

import pytest

from kuzet.lang.ru.names import given_nominative, surname_gender, surname_nominative


@pytest.mark.parametrize(("given", "surname", "expected"), [
    ("Алию", "Жакупову", "Алия Жакупова"),
    ("Куандыка", "Кумекбаева", "Куандык Кумекбаев"),
    ("Ердембека", "Заркумканова", "Ердембек Заркумканов"),
    ("Венере", "Мухамадияновой", "Венера Мухамадиянова"),
    ("Шолпан", "Джанзакову", "Шолпан Джанзакова"),
    ("Болатом", "Пазыловым", "Болат Пазылов"),
    ("Аркадия", "Дубровского", "Аркадий Дубровский"),
    ("Жанар", "Калиевой", "Жанар Калиева"),
])
def test_nominative(given: str, surname: str, expected: str) -> None:
    nom, gender, _ = given_nominative(given)
    if gender == "u":
        gender = surname_gender(surname)
    assert f"{nom} {surname_nominative(surname, gender)}" == expected


def test_kazakh_patronymic_suffixes_are_not_inflected() -> None:
    assert surname_nominative("Нурланулы", "m") == "Нурланулы"
