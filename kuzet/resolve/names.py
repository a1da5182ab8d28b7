"""Comparing person names across documents, spellings and scripts.

A name is reduced to keys (`NameKeys`): the surname's skeleton (Zhakupova, ZHAKUPOVA,
Жакупову -> "jakupov"), its consonants (Zhaqypova -> "jkpv", as Zhakupova), the
given name's skeleton or initial, and the gender the forms imply. `score` compares
two names from 0 to 1; the thresholds that turn a score into "same person", "ask a
human" or "different people" live in `LINK` and `REVIEW`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from kuzet.lang.translit import skeleton
from kuzet.resources import given_names

LINK = 0.9      # at or above: the same person, linked without asking
REVIEW = 0.7    # from here up to LINK: a possible pair for `kuzet review`

_VOWELS = re.compile(r"[aeiou]")
_FEMALE_END = re.compile(r"(?:ova|eva|yeva|ina|yna|skaya|kyzy|qyzy|ова|ева|ёва|ина|ына|ская|қызы|кызы)$", re.I)
_MALE_END = re.compile(r"(?:ov|ev|yev|in|yn|skiy|sky|uly|ov|ев|ов|ёв|ин|ын|ский|ұлы|улы)$", re.I)


@dataclass(frozen=True, slots=True)
class NameKeys:
    surname: str          # skeleton of the surname, "" when the name has none
    consonants: str       # the surname skeleton without vowels
    given: str | None     # skeleton of the given name; "a." for an initial; None when absent
    patronymic: str | None
    gender: str           # m | f | u


def gender_of(surname: str | None, given: str | None) -> str:
    if given and not given.endswith("."):
        known = given_names().get(given.lower().replace("ё", "е"))
        if known and known[1] in "mf":
            return known[1]
    if surname:
        if _FEMALE_END.search(surname):
            return "f"
        if _MALE_END.search(surname):
            return "m"
    return "u"


def keys(surname: str | None, given: str | None, patronymic: str | None = None) -> NameKeys:
    sur = skeleton(surname) if surname else ""
    if given and (given.endswith(".") or len(given.replace(".", "")) <= 2):
        giv: str | None = skeleton(given[:1]) + "."
    else:
        giv = skeleton(given) if given else None
    pat = skeleton(patronymic)[:4] if patronymic and not patronymic.endswith(".") else None
    return NameKeys(sur, _VOWELS.sub("", sur), giv, pat, gender_of(surname, given))


def surname_similarity(a: NameKeys, b: NameKeys) -> float:
    """1 for the same skeleton; 0.85 same consonants (Zhakupova/Zhaqypova); 0.75 one edit apart; else 0."""
    if not a.surname or not b.surname:
        return 0.0
    if a.surname == b.surname:
        return 1.0
    if a.consonants == b.consonants and abs(len(a.surname) - len(b.surname)) <= 1:
        return 0.85
    if min(len(a.surname), len(b.surname)) >= 5 and Levenshtein.distance(a.surname, b.surname) == 1:
        return 0.75
    return 0.0


def given_similarity(a: NameKeys, b: NameKeys) -> float:
    """1 same; 0.9 same consonants; 0.8 an initial that fits; 0.6 one side unknown; 0 a conflict."""
    if a.given is None or b.given is None:
        return 0.6
    if a.given.endswith(".") or b.given.endswith("."):
        return 0.8 if a.given[:1] == b.given[:1] else 0.0
    if a.given == b.given:
        return 1.0
    if _VOWELS.sub("", a.given) == _VOWELS.sub("", b.given) or Levenshtein.distance(a.given, b.given) == 1:
        return 0.9
    return 0.0


def score(a: NameKeys, b: NameKeys) -> float:
    """How likely two names belong to one person, from 0 to 1."""
    if a.gender != "u" and b.gender != "u" and a.gender != b.gender:
        return 0.0
    if a.patronymic and b.patronymic and a.patronymic != b.patronymic:
        return 0.0
    s_sur = surname_similarity(a, b)
    if s_sur == 0.0:
        return 0.0
    s_giv = given_similarity(a, b)
    if s_giv == 0.0:
        return 0.0
    return round(0.6 * s_sur + 0.4 * s_giv, 3)
