"""Kazakh case endings on names: "Сапаровты" -> "Сапаров", "Оспанованың" -> "Оспанова".

Kazakh declines by agglutination: the name stays whole and a case ending is glued
on (genitive -ның/-дың/-тың, accusative -ны/-ды/-ты, dative -ға/-қа, locative -да/-та,
ablative -нан/-дан/-тан, instrumental -мен/-бен/-пен, with front-vowel twins).
Cutting the ending leaves the nominative, so no dictionary is needed; a cut is only
made when what remains looks like a name, which keeps "Айда" or "Ерте" whole.
"""

from __future__ import annotations

from collections.abc import Callable

# Longest first, so "-ның" is tried before "-ны". Dative -на/-не and -а/-е follow only
# possessive endings, which names do not take, and would cut "Оспанова" to "Оспанов".
_ENDINGS = sorted({
    "ның", "нің", "дың", "дің", "тың", "тің",
    "ны", "ні", "ды", "ді", "ты", "ті",
    "ға", "ге", "қа", "ке",
    "да", "де", "та", "те", "нда", "нде",
    "нан", "нен", "дан", "ден", "тан", "тен",
    "мен", "бен", "пен", "менен", "бенен", "пенен",
}, key=len, reverse=True)


def strip_case(word: str, is_name: Callable[[str], bool]) -> str:
    """The word without its Kazakh case ending, when the rest is a name.

    word (str): a capitalised Cyrillic word. is_name: whether a candidate base is a name.
    RETURNS (str): the base ("Сапаровты" -> "Сапаров") or `word` unchanged.
    """
    low = word.lower()
    for ending in _ENDINGS:
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: len(word) - len(ending)]
            if is_name(base):
                return base
    return word
