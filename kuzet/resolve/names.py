"""Comparing person names across documents, spellings and scripts.

A name is reduced to keys (`NameKeys`): the surname's skeleton (Zhakupova, ZHAKUPOVA,
Жакупову -> "jakupov"), its variant key (Zhaqypova, Жақыпова -> "jakpv", as Zhakupova),
the given name's skeleton or initial, and the gender the forms imply. `score` compares
two names from 0 to 1; the thresholds that turn a score into "same person", "ask a
human" or "different people" live in `LINK` and `REVIEW`.

Spelling variants and different names are told apart by which letters differ. Kazakh,
Russian and Latin spellings of one name differ in the close vowels (Жақыпова/Жакупова/
Zhakypova: ы, у, y; Болат/Булат; Темір/Тимур) and in a dropped i (-iyev/-yev/-ev), but
keep their consonants and their a (ә is written a). A changed a or consonant makes
another name: Marat/Murat, Aliya/Alina, Zhanar/Zhanna, Asel/Asem. So the variant key
drops e, i, o, u and keeps everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from kuzet.lang.given import lookup as given_name
from kuzet.lang.ru.names import surname_gender
from kuzet.lang.translit import skeleton

LINK = 0.9      # at or above: the same person, linked without asking
REVIEW = 0.7    # from here up to LINK: a possible pair for `kuzet review`
INITIAL = 0.65  # given similarity of an initial that fits: alone it does not link (0.86)
VARIANT = 0.8   # surname similarity of two spellings of one name: with the same given name, still short of LINK

_VOWELS = re.compile(r"[aeiou]")
_CLOSE_VOWELS = re.compile(r"[eiou]")
_FEMALE_END = re.compile(r"(?:ova|eva|yeva|ina|yna|skaya|kyzy|qyzy|ова|ева|ёва|ина|ына|ская|қызы|кызы)$", re.I)
_MALE_END = re.compile(r"(?:ov|ev|yev|in|yn|skiy|sky|uly|ov|ев|ов|ёв|ин|ын|ский|ұлы|улы)$", re.I)
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
# Kazakh case endings as `skeleton` writes them (-ның -> "nin", -ға -> "ga"), for names a text
# detected as Russian left declined: "Жақыпованың" is "Жақыпова".
_KAZAKH_CASE = ("nin|din|tin|ni|di|ti|ga|ge|ka|ke|nda|nde|da|de|ta|te|nan|nen|dan|den|tan|ten"
                "|menen|benen|penen|men|ben|pen")
_KAZAKH_SURNAME_CASE = re.compile(rf"(?<=ov|ev|in)a?(?:{_KAZAKH_CASE})$|(?:(?<=uli)|(?<=kizi))(?:n|{_KAZAKH_CASE})$")
# A Russian case ending on a surname that ends in a vowel and is not Russian in form (Токмырза,
# Токмырзу, Токмырзы, Токмырзой): the reader cannot give its nominative.
_RUSSIAN_VOWEL_CASE = re.compile(r"(?:oiu|oi|[aeiu])$")
_RUSSIAN_GIVEN_CASE = re.compile(r"(?:oi|ei|om|em|[aeiu])$")
_KAZAKH_GIVEN_CASE = re.compile(rf"(?:{_KAZAKH_CASE})$")
# The surname word of a mention: the capitalised word the surname's skeleton comes from.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class NameKeys:
    surname: str          # skeleton of the surname, "" when the name has none
    consonants: str       # the surname skeleton without vowels (the index key)
    given: str | None     # skeleton of the given name; "a." for an initial; None when absent
    patronymic: str | None  # first four letters of the patronymic's skeleton, or "b." for an initial
    gender: str           # m | f | u


def variant_key(sk: str) -> str:
    """A skeleton without its close vowels: the key spelling variants of one name share."""
    return _CLOSE_VOWELS.sub("", sk)


def gender_of(surname: str | None, given: str | None) -> str:
    """The gender a stored name's parts show: a known given name, else a surname ending that was written so.

    A Russian surname in the nominative was chosen by the reader from a case form that may
    not tell the gender ("Жакупову", "Оспанова"), so its ending is not taken as evidence;
    Latin surnames (not declined) and Kazakh spellings (declined without changing the
    ending) are.
    """
    if given and not given.endswith("."):
        known = given_name(given)
        if known and known[1] in "mf":
            return known[1]
    if surname and (_LATIN.search(surname) or _KAZAKH_LETTERS.search(surname)):
        if _FEMALE_END.search(surname):
            return "f"
        if _MALE_END.search(surname):
            return "m"
    return "u"


def mention_gender(entry: dict) -> str:
    """The gender one document's entry shows: its known given name, else its surname as the text writes it.

    Unlike `gender_of`, this sees the forms in the text: "Жакуповой" is a woman and
    "Жакуповым" a man, while "Жакупову" or "Жакупова" may be either.
    """
    given, surname = entry.get("given"), entry.get("surname")
    found = gender_of(None, given)
    if found != "u" or not surname:
        return found
    if _LATIN.search(surname) or _KAZAKH_LETTERS.search(surname):
        return gender_of(surname, None)
    sk = skeleton(surname)
    seen = set()
    for m in entry.get("mentions") or []:
        for word in _WORD.findall(m["text"]):
            if _LATIN.search(word):
                seen.add(gender_of(word, None))
            elif skeleton(word) == sk:
                seen.add(surname_gender(word))
    seen.discard("u")
    return seen.pop() if len(seen) == 1 else "u"


def _initial(part: str) -> str:
    """"Zh" or "Ж." -> "j.": the skeleton's first letter, so Zh. fits Zhanar and Ye. fits Yerlan."""
    return (skeleton(part)[:1] or part[:1].lower()) + "."


def keys(surname: str | None, given: str | None, patronymic: str | None = None, gender: str | None = None) -> NameKeys:
    """The keys of one name; `gender` overrides what `gender_of` reads from the parts."""
    sur = _KAZAKH_SURNAME_CASE.sub("", skeleton(surname)) if surname else ""
    pat = skeleton(patronymic)[:4] if patronymic and not patronymic.endswith(".") else None
    if given and (given.endswith(".") or len(given.replace(".", "")) <= 2):
        # Initials: "A.", "Zh", "Ж.Б." (given and patronymic), "A. M."
        parts = [p for p in re.split(r"[.\s]+", given) if p]
        giv: str | None = _initial(parts[0]) if parts else None
        if len(parts) > 1 and pat is None:
            pat = _initial(parts[1])
    else:
        giv = skeleton(given) if given else None
    if patronymic and patronymic.endswith("."):
        pat = _initial(patronymic)
    return NameKeys(sur, _VOWELS.sub("", sur), giv, pat, gender or gender_of(surname, given))


def surname_similarity(a: NameKeys, b: NameKeys) -> float:
    """1 for the same skeleton; 0.8 spellings of one name (Zhakupova/Zhaqypova); 0.75 one edit apart; else 0."""
    if not a.surname or not b.surname:
        return 0.0
    if a.surname == b.surname:
        return 1.0
    if _declined(a.surname, b.surname) or _declined(b.surname, a.surname) or _same_stem(a.surname, b.surname):
        return 1.0
    if variant_key(a.surname) == variant_key(b.surname):
        return VARIANT
    if min(len(a.surname), len(b.surname)) >= 5 and Levenshtein.distance(a.surname, b.surname) == 1:
        return 0.75
    return 0.0


def given_similarity(a: NameKeys, b: NameKeys) -> float:
    """1 same; 0.9 spellings of one name; 0.8 an initial that fits; 0.6 one side unknown; 0 another name."""
    if a.given is None or b.given is None:
        return 0.6
    if a.given.endswith(".") or b.given.endswith("."):
        return INITIAL if a.given[:1] == b.given[:1] else 0.0
    if a.given == b.given or _declined(a.given, b.given) or _declined(b.given, a.given):
        return 1.0
    if variant_key(a.given) == variant_key(b.given):
        return 0.9
    # Kazakh and Russian forms of a woman's name: Гүлнар/Гульнара, Жанар/Жанара.
    short, long_ = sorted((a.given, b.given), key=len)
    if long_ == short + "a" and len(short) >= 4:
        return 0.9
    # A Russian case form the reader could not bring back to the nominative: Алие, Асели, Марата.
    sa, sb = _RUSSIAN_GIVEN_CASE.sub("", a.given), _RUSSIAN_GIVEN_CASE.sub("", b.given)
    if sa == sb and len(sa) >= 3:
        return 0.9
    return 0.0


def _declined(form: str, name: str) -> bool:
    """Whether `form` is `name` with a Kazakh case ending ("alianin" for "alia", "tokmirzaga" for "tokmirza")."""
    return len(name) >= 4 and form.startswith(name) and bool(_KAZAKH_GIVEN_CASE.fullmatch(form[len(name):]))


def _same_stem(a: str, b: str) -> bool:
    """Two Russian case forms of one surname that ends in a vowel ("tokmirza", "tokmirzu")."""
    sa, sb = _RUSSIAN_VOWEL_CASE.sub("", a), _RUSSIAN_VOWEL_CASE.sub("", b)
    return sa != a and sb != b and sa == sb and len(sa) >= 4


def patronymics_agree(a: NameKeys, b: NameKeys) -> bool:
    if not a.patronymic or not b.patronymic:
        return True
    if a.patronymic.endswith(".") or b.patronymic.endswith("."):
        return a.patronymic[:1] == b.patronymic[:1]
    return a.patronymic == b.patronymic


def score(a: NameKeys, b: NameKeys) -> float:
    """How likely two names belong to one person on their names alone, from 0 to 1."""
    if a.gender != "u" and b.gender != "u" and a.gender != b.gender:
        return 0.0
    if not patronymics_agree(a, b):
        return 0.0
    s_sur = surname_similarity(a, b)
    if s_sur == 0.0:
        return 0.0
    s_giv = given_similarity(a, b)
    if s_giv == 0.0:
        return 0.0
    return round(0.6 * s_sur + 0.4 * s_giv, 3)


def conflict(a: NameKeys, b: NameKeys) -> bool:
    """Whether the two names cannot be one person: another given name, patronymic or gender."""
    if a.gender != "u" and b.gender != "u" and a.gender != b.gender:
        return True
    return not patronymics_agree(a, b) or given_similarity(a, b) == 0.0
