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

from kuzet.resources import given_names

SURNAME_RE = re.compile(
    r"^(?P<base>.+?(?:ов|ев|ёв|ин|ын|ец))(?P<end>а|у|ым|ом|е|ой|ою|ых|ы)?$"
    r"|^(?P<adj>.+?(?:ск|цк|ст))(?P<adjend>ий|ая|ого|ому|им|ом|ой|ую|ою)$",
    re.I,
)
KAZ_INVARIANT = re.compile(r"(?:улы|ұлы|уулу|кызы|қызы|енко|ко|ук|юк|швили|дзе|ян|янц)$", re.I)
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
    known = given_names().get(low)
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
            gender = "f" if (m["end"] == "а" or m["adjend"] == "ая") else "m"
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
