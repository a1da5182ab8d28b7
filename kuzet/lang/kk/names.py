"""Kazakh case endings on names: "Сапаровты" -> "Сапаров", "Оспанованың" -> "Оспанова", "Ағаділді" -> "Ағаділ".

Kazakh declines by agglutination: the name stays whole and a case ending is glued
on (genitive -ның/-дың/-тың, accusative -ны/-ды/-ты, dative -ға/-қа, locative -да/-та,
ablative -нан/-дан/-тан, instrumental -мен/-бен/-пен, with front-vowel twins).
Cutting the ending leaves the nominative, so no dictionary is needed. Which variant
of an ending follows a stem is fixed by the stem's last sound (-ны after a vowel,
-ды after a voiced consonant, -ты after a voiceless one), so a cut is only made
where the ending fits the stem: "Ағаділді" (л + ді) is cut, "Назерке" (р + ке) is not.
"""

from __future__ import annotations

from collections.abc import Callable

_VOWEL = set("аәеёиоөуұүыіэюя")
_NASAL = set("мнң")
_VOICELESS = set("кқпстфхһцчшщ")
# в ends Russian-spelled surnames and takes the voiceless variants ("Сапаровты"), as well as the voiced.
_VOICED = set("бвгғджзйлр")
_ANY_VOICED = _VOICED | _NASAL

# ending -> the classes of stem-final letters it may follow
_FITS: dict[str, set[str]] = {}


def _fit(endings: str, letters: set[str]) -> None:
    for e in endings.split():
        _FITS[e] = _FITS.get(e, set()) | letters


_fit("ның нің", _VOWEL | _NASAL)
_fit("дың дің", _VOICED)
_fit("тың тің", _VOICELESS | {"в", "б", "д", "г"})
_fit("ны ні", _VOWEL)
_fit("ды ді", _ANY_VOICED)
_fit("ты ті", _VOICELESS | {"в", "б", "д", "г"})
_fit("ға ге", _VOWEL | _ANY_VOICED)
_fit("қа ке", _VOICELESS | {"в", "б", "д", "г"})
_fit("да де", _VOWEL | _ANY_VOICED)
_fit("та те", _VOICELESS | {"в", "б", "д", "г"})
_fit("нан нен", _NASAL)
_fit("дан ден", _VOWEL | _VOICED)
_fit("тан тен", _VOICELESS | {"в", "б", "д", "г"})
_fit("мен менен", _VOWEL | {"й", "л", "р"})
_fit("бен бенен", _NASAL | {"ж", "з"})
_fit("пен пенен", _VOICELESS | {"в", "б", "д", "г", "ғ"})

# Longest first, so "-ның" is tried before "-ны". Dative -на/-не and -а/-е follow only
# possessive endings, which names do not take, and would cut "Оспанова" to "Оспанов".
_ENDINGS = sorted(_FITS, key=len, reverse=True)
# -ұлы/-қызы are possessive ("son of"), and take the possessive's case forms: Ермекқызына, Нұрланұлын.
_POSSESSIVE = ("ұлы", "улы", "қызы", "кызы")
_AFTER_POSSESSIVE = ("ның", "нің", "нан", "нен", "нда", "нде", "мен", "на", "не", "н")


def case_base(word: str) -> str | None:
    """The stem of `word` when it ends in a Kazakh case ending that fits the stem, else None.

    word (str): a capitalised Cyrillic word, e.g. "Ағаділді", "Ермекқызына".
    RETURNS (str | None): "Ағаділ", "Ермекқызы"; None for "Назерке" or "Тойкен".
    """
    low = word.lower()
    for poss in _POSSESSIVE:
        for e in _AFTER_POSSESSIVE:
            if low.endswith(poss + e) and len(low) - len(e) >= len(poss) + 2:
                return word[: len(word) - len(e)]
    for ending in _ENDINGS:
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            stem = low[: len(low) - len(ending)]
            if stem[-1] in _FITS[ending]:
                return word[: len(word) - len(ending)]
    return None


def strip_case(word: str, is_name: Callable[[str], bool]) -> str:
    """The word without its Kazakh case ending, when the rest is a name.

    word (str): a capitalised Cyrillic word. is_name: whether a candidate base is a name.
    RETURNS (str): the base ("Сапаровты" -> "Сапаров") or `word` unchanged.
    """
    low = word.lower()
    for ending in _ENDINGS:
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: len(word) - len(ending)]
            if low[len(low) - len(ending) - 1] in _FITS[ending] and is_name(base):
                return base
    base = case_base(word)
    if base is not None and base.lower().endswith(_POSSESSIVE):
        return base
    return word
