"""Known given names in any script, case form or romanisation.

`kuzet/data/given_names.json` lists names in Cyrillic (with gender) and the
romanisations media use. A Cyrillic token is looked up with its Russian case
forms ("Алию" -> Алия) and with Kazakh letters folded ("Сәния" -> Сания); a
Latin token by a spelling-neutral key, so "Kairat", "Qairat" and "Kayrat", or
"Aghadil" and "Agadil", meet without listing every spelling.
"""

from __future__ import annotations

import re
from functools import cache

from kuzet.lang.translit import fold_kazakh, skeleton, to_latin
from kuzet.resources import load

Entry = tuple[str, str]  # nominative as listed, gender m|f|u


def ru_case_forms(name: str, gender: str) -> set[str]:
    """The Russian case forms of a given name, lower case ("Алия" -> алия, алии, алию, алией...)."""
    low = name.lower()
    forms = {low}
    if low.endswith("ия"):
        forms |= {low[:-1] + e for e in ("и", "ю", "ей", "ией")} | {low[:-2] + "ии", low[:-2] + "ию", low[:-2] + "ией"}
    elif low.endswith("я"):
        forms |= {low[:-1] + e for e in ("и", "е", "ю", "ей", "ёй")}
    elif low.endswith("а"):
        soft = low[-2:-1] in "гкхжшчщ"
        forms |= {low[:-1] + e for e in (("и" if soft else "ы"), "е", "у", "ой", "ою")}
    elif gender == "f" and low.endswith("ь"):
        forms |= {low[:-1] + "и", low[:-1] + "ью"}  # Асель -> Асели, Любовь -> Любови
    elif gender == "m":
        if low.endswith(("й", "ь")):
            forms |= {low[:-1] + e for e in ("я", "ю", "ем", "ём", "е")}
        elif low.endswith(("о", "е", "и", "у", "ы", "э")):
            pass  # Дмитро, Нино, Сейткали: not declined
        else:
            instr = "ем" if low[-1] in "жшчщц" else "ом"
            forms |= {low + e for e in ("а", "у", instr, "е")}
    return forms


def latin_key(word: str) -> str:
    """Spelling-neutral key of a Latin name: "Qairat", "Kayrat" -> "kairat"; "Aghadil" -> "agadil"."""
    low = word.lower().replace("'", "").replace("’", "").replace("gh", "g")
    return skeleton(low)


@cache
def _index() -> tuple[dict[str, Entry], dict[str, Entry]]:
    data = load("given_names.json")
    genders: dict[str, set[str]] = {}
    for gender in ("male", "female"):
        for n in data[gender]:
            genders.setdefault(n, set()).add(gender[0])
    cyr: dict[str, Entry] = {}
    lat: dict[str, Entry] = {}
    for n, gs in genders.items():
        g = next(iter(gs)) if len(gs) == 1 else "u"
        for form in ru_case_forms(n, g if g != "u" else "f"):
            form = form.replace("ё", "е")
            cyr.setdefault(form, (n, g))
            cyr.setdefault(fold_kazakh(form), (n, g))
        for spelling in {to_latin(n), *data["latin_extra"].get(n, [])}:
            lat.setdefault(latin_key(spelling), (spelling, g))
    for key, g in (("latin_male", "m"), ("latin_female", "f")):
        for n in data.get(key, []):
            lat.setdefault(latin_key(n), (n, g))
    return cyr, lat


_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіїєўґ]", re.I)


def lookup(token: str, cyr: bool | None = None) -> Entry | None:
    """The listed name and gender of a given-name token in any case form or spelling, else None.

    token (str): one word, e.g. "Алию", "Сәния", "QAIRAT", "Siarhei". cyr (bool | None): its script, when known.
    RETURNS (tuple[str, str] | None): ("Алия", "f"), ("Сания", "f"), ("Kairat", "m"), ("Siarhei", "m").
    """
    if len(token) < 2:
        return None
    by_cyr, by_lat = _index()
    if cyr if cyr is not None else _CYRILLIC.search(token):
        low = token.lower().replace("ё", "е")
        return by_cyr.get(low) or by_cyr.get(fold_kazakh(low))
    return by_lat.get(latin_key(token))


def is_given(token: str) -> bool:
    return lookup(token) is not None
