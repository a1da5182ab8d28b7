"""A name mention's parts in the nominative: given name, patronymic, surname, and the gender their forms imply.

Russian declines names ("Алию Жакупову", "Айсултана Кудайбергена"); the case is
read from the given name's form, from the word before the name (a verb, a
preposition, a feminine noun such as «активистку») and from the surname's ending.
Kazakh names are nominative once their case ending is cut when they are tokenised.
"""

from __future__ import annotations

import re

from kuzet.extract.person_names import Token, is_surname_like, person_nouns, words_before
from kuzet.lang.given import lookup as lookup_given
from kuzet.lang.ru.names import (
    agree_surname,
    bai_nominative,
    given_nominative,
    patronymic_nominative,
    surname_gender,
    surname_nominative,
    title_case,
)


def _initials(text: str) -> str:
    """"A.Ye." -> "A. Ye.", "К.Б." -> "К. Б."."""
    return " ".join(p + "." for p in re.split(r"\.\s*", text) if p)


# A masculine or plural past-tense verb, or a preposition taking the genitive, right before a
# name: "-ова" there is a man's accusative or genitive ("оштрафовали Касымова К."), not a woman's nominative.
_VERB_PAST = ("ли", "ил", "ал", "ел", "ял", "ыл", "ул")
_GENITIVE_PREP = frozenset({"у", "для", "против", "от", "до", "из", "без", "около", "возле", "среди", "отношении"})


def object_position(text: str, start: int) -> bool:
    """Whether a name starting at `start` stands where Russian puts an object or a genitive."""
    last, _ = words_before(text, start)
    return last in _GENITIVE_PREP or len(last) >= 5 and last.endswith(_VERB_PAST) and last.isalpha()


_FEMALE_NOUN_END = ("ка", "ку", "ки", "ке", "кой", "ца", "цу", "цы", "це", "цей", "ная", "ную", "ной", "жена", "жену",
                    "мать", "дочь", "дочери", "сестра", "сестру", "сестры", "госпожа", "госпожу", "г-жа")


def female_noun_before(text: str, start: int) -> bool:
    """Whether a feminine person noun stands right before: «активистку Инару», «журналистки», «правозащитница»."""
    last, _ = words_before(text, start)
    return last in person_nouns() and last.endswith(_FEMALE_NOUN_END)


def _female_nominative(word: str) -> str:
    """A woman's given name no list knows, from its Russian case form: Инару -> Инара, Инарой -> Инара."""
    low = word.lower()
    for end, nom in (("ой", "а"), ("ей", "я"), ("у", "а"), ("ю", "я"), ("е", "а"), ("ы", "а"), ("и", "я")):
        if low.endswith(end) and len(low) > len(end) + 2:
            return title_case(word[: len(word) - len(end)] + nom)
    return title_case(word)


def normalise(parts: dict[str, Token], kazakh: bool = False, object_case: bool = False,
              female: bool = False) -> tuple[str | None, str | None, str | None, str]:
    """Surname, given name and patronymic in the nominative, and the gender (m|f|u) the forms imply.

    object_case (bool): the name follows a verb or preposition, so an ambiguous "-ова" is a man's.
    female (bool): a feminine noun stands before it ("активистку"), for a given name no list knows.
    """
    given_t, sur_t, pat_t = parts.get("given"), parts.get("surname"), parts.get("patronymic")
    gender = "u"
    given = surname = patronymic = None
    if kazakh:
        # Kazakh names are nominative once the case ending is cut (see tokens); Russian
        # morphology would misread them ("Гүлнар" as a plural genitive of "Гүлнара").
        given = (_initials(given_t.text) if given_t.initial else title_case(given_t.text)) if given_t else None
        surname = title_case(sur_t.text) if sur_t else None
        patronymic = title_case(pat_t.text) if pat_t else None
        known = lookup_given(given) if given and not given_t.initial else None
        gender = known[1] if known else surname_gender(surname) if surname else "u"
        return surname, given, patronymic, gender
    given_form = given_nom = None
    if given_t:
        if given_t.initial:
            given = _initials(given_t.text)
        elif given_t.cyr:
            given, gender, _ = given_nominative(given_t.text)
            if female and gender != "f" and lookup_given(given_t.text, True) is None:
                given, gender = _female_nominative(given_t.text), "f"
            given_form, given_nom = given_t.text, given
        else:
            known = lookup_given(given_t.text)
            gender = known[1] if known else "u"
            given = title_case(given_t.text)
    if sur_t:
        if sur_t.cyr:
            if sur_t.role == "P":
                surname = patronymic_nominative(sur_t.text, "m")
            elif is_surname_like(sur_t.text):
                if gender == "u":
                    gender = surname_gender(sur_t.text)
                if gender == "u" and female:
                    gender = "f"
                if gender == "u" and object_case and sur_t.text.lower().endswith("а"):
                    gender = "m"
                surname = surname_nominative(sur_t.text, gender)
            else:
                surname = sur_t.text
                if given_form and given_nom:
                    surname = agree_surname(surname, given_form, given_nom, gender)
                surname = title_case(bai_nominative(surname))
        else:
            surname = sur_t.text[:1].upper() + sur_t.text[1:].lower()
            surname = "-".join(p[:1].upper() + p[1:] for p in surname.split("-"))
            if gender == "u":
                gender = "f" if re.search(r"(?:ova|eva|ina|yna|skaya|kyzy)$", surname, re.I) else "u"
    if pat_t:
        patronymic = patronymic_nominative(pat_t.text, gender) if pat_t.cyr and pat_t.role == "P" else title_case(pat_t.text)
    return surname, given, patronymic, gender
