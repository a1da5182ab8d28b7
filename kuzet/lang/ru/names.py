"""Russian case forms of (mostly Kazakh) names, brought to the nominative.

pymorphy3 and natasha read "Алию Жакупову" as a masculine dative ("Алий
Жакупов") because they do not know Kazakh female names. Kuzet decides gender
from its own list of given names first, then from the surname's ending, and
inflects surnames by rule; pymorphy3 is asked only about given names the list
does not know.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kuzet.lang.given import lookup as lookup_given

SURNAME_RE = re.compile(
    r"^(?P<base>.+?(?:ов|ев|ёв|ин|ын|ец))(?P<end>а|у|ым|ом|е|ой|ою|ых|ы)?$"
    r"|^(?P<adj>.+?(?:ск|цк|ст))(?P<adjend>ий|ая|ого|ому|им|ом|ой|ую|ою)$",
    re.I,
)
# Surnames Russian does not decline: Kazakh -ұлы/-қызы, Kyrgyz -уулу/-кызы, Tajik -зода/-зод, Ukrainian
# -енко/-ук, Georgian, Armenian. They mark a surname as strongly as -ов does.
KAZ_INVARIANT = re.compile(r"(?:улы|ұлы|уулу|кызы|қызы|зода|заде|енко|ко|ук|юк|чук|швили|дзе|ян|янц|иани)$", re.I)
KAZ_SUFFIXED = re.compile(r"(?:улы|ұлы|уулу|кызы|қызы|зода|заде|зод)$", re.I)
PATRONYMIC_RE = re.compile(r"^(?P<base>.+?(?:ович|евич|ич|овн|евн|ичн))(?P<end>а|у|ем|ом|е|ой|ы|ою)?$", re.I)
_MALE_GIVEN_END = re.compile(r"(?:бек|бай|хан|жан|тай|бол|лан|лат|мат|рат|сын|ген|ат|ет|ар|ур|ир|ым|ыл|ал|ол|ид|им|ек|ук|ик)$", re.I)


@cache
def _morph():  # noqa: ANN202 - pymorphy3 has no type hints
    import pymorphy3  # loaded only when a Russian name is not in our list

    return pymorphy3.MorphAnalyzer(lang="ru")


def title_case(word: str) -> str:
    """"алия-нур" -> "Алия-Нур": each hyphenated part capitalised."""
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


@lru_cache(maxsize=1 << 14)
def given_nominative(token: str) -> tuple[str, str, bool]:
    """Nominative of a given name, its gender (m|f|u) and whether the token was inflected.

    token (str): a given name in any case, e.g. "Алию".
    RETURNS (tuple[str, str, bool]): ("Алия", "f", True).
    """
    low = token.lower().replace("ё", "е")
    known = lookup_given(low)
    if known:
        nom, gender = known
        return nom, gender, nom.lower().replace("ё", "е") != low
    for parse in _morph().parse(low):
        if "Name" in parse.tag and parse.score > 0.1:
            gender = "f" if "femn" in parse.tag else "m" if "masc" in parse.tag else "u"
            return title_case(parse.normal_form), gender, parse.normal_form != low
    if low.endswith("а") and _MALE_GIVEN_END.search(low[:-1]):
        return title_case(low[:-1]), "m", True
    if low.endswith("у") and _MALE_GIVEN_END.search(low[:-1]):
        return title_case(low[:-1]), "m", True
    return title_case(token), "u", False


def surname_gender(token: str) -> str:
    """Gender a surname form implies on its own: m, f or u (ambiguous)."""
    m = SURNAME_RE.match(token.lower())
    if not m:
        return "u"
    if m["base"]:
        end = m["end"] or ""
        return {"": "m", "ой": "f", "ою": "f", "ым": "m", "ом": "m", "е": "m"}.get(end, "u")
    return "f" if m["adjend"] in ("ая", "ую", "ою") else "m" if m["adjend"] in ("ий", "ого", "ому", "им", "ом") else "u"


def surname_nominative(token: str, gender: str) -> str:
    """Nominative of a surname for a person of `gender` (m, f or u).

    RETURNS (str): e.g. ("Жакупову", "f") -> "Жакупова"; ("Кумекбаева", "m") -> "Кумекбаев".
    """
    low = token.lower().replace("ё", "е") if "ё" not in token.lower()[-3:] else token.lower()
    if KAZ_INVARIANT.search(low):
        return title_case(token)
    m = SURNAME_RE.match(low)
    if not m:
        return title_case(token)
    if gender == "u":
        gender = surname_gender(token)
        if gender == "u":
            # -ову is a woman's accusative or a man's dative; monitors mostly write the
            # object of an act ("задержали Дуйсенову А."), so it is read as a woman's.
            gender = "f" if (m["end"] in ("а", "у") or m["adjend"] in ("ая", "ую")) else "m"
    if m["base"]:
        return title_case(m["base"] + ("а" if gender == "f" else ""))
    return title_case(m["adj"] + ("ая" if gender == "f" else "ий"))


def patronymic_nominative(token: str, gender: str) -> str:
    """Nominative of a patronymic: "Сеитовича" -> "Сеитович", "Ивановной" -> "Ивановна"."""
    m = PATRONYMIC_RE.match(token.lower())
    if not m:
        return title_case(token)
    base = m["base"]
    if base.endswith(("овн", "евн", "ичн")):
        return title_case(base + "а")
    return title_case(base)


_VOWELS = "аеёиоуыэюяәөұүі"


def agree_surname(surname: str, given_form: str, given_nom: str, gender: str) -> str:
    """A surname Russian declines as a noun, back to the nominative by the given name's case.

    Kazakh surnames of the new style (Кудайберген, Шарипжан, Адилбек) decline like
    nouns for men ("Айсултана Кудайбергена", "Данияру Адилбеку") and not at all for
    women ("Инге Иманбай"). The ending the given name gained in its case form is the
    one the surname gained, so it is cut from the surname.
    surname (str): the surname token. given_form, given_nom (str): the given name as written and in the nominative.
    RETURNS (str): the surname in the nominative, or unchanged.
    """
    low = surname.lower()
    if gender != "m" or SURNAME_RE.match(low) or KAZ_INVARIANT.search(low) or KAZ_SUFFIXED.search(low):
        return surname
    f, n = given_form.lower().replace("ё", "е"), given_nom.lower().replace("ё", "е")
    i = 0
    while i < min(len(f), len(n)) and f[i] == n[i]:
        i += 1
    gained, lost = f[i:], n[i:]
    if not gained or not low.endswith(gained) or len(low) - len(gained) < 3:
        return surname
    base = surname[: len(surname) - len(gained)]
    if lost == "" and base[-1].lower() not in _VOWELS:
        return base
    if lost == "й" and base[-1].lower() in _VOWELS:
        return base + ("Й" if surname.isupper() else "й")
    return surname


_BAI_CASE = re.compile(r"(?<=[аеоуә])(?:я|ю|ем)$", re.I)


def bai_nominative(surname: str) -> str:
    """"Темирбая", "Мамаю", "Нарымбаем" -> Темирбай, Мамай, Нарымбай (surnames in -ай/-ей/-ой, any gender).

    Only for a surname no rule above declines; a Kazakh woman's -бай surname does not
    change, so a case ending here always belongs to a man's.
    """
    low = surname.lower()
    if len(low) < 5 or SURNAME_RE.match(low) or KAZ_INVARIANT.search(low) or not _BAI_CASE.search(low):
        return surname
    return _BAI_CASE.sub("Й" if surname.isupper() else "й", surname)
