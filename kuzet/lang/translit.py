"""Cyrillic (Russian and Kazakh) to Latin, and the name skeleton used to compare names.

Two jobs: `to_latin` writes a Cyrillic name the way Kazakhstani passports and
media usually do (Жакупова -> Zhakupova); `skeleton` folds a name in any script
to a key in which spelling variants meet (Zhakupova, Zhaqypova, Жакупову,
ZHAKUPOVA -> "jakupov"), so that resolution can compare across scripts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}
_VOWELS = "aeiouy"


def to_latin(text: str) -> str:
    """Transliterate Cyrillic letters to Latin, keeping case and other characters.

    RETURNS (str): e.g. "Алия Жақыпова" -> "Aliya Zhakypova".
    """
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        lat = _LATIN.get(low)
        if lat is None:
            out.append(ch)
            continue
        # Word-initial е is "ye" in passports (Ердембек -> Yerdembek).
        if low == "е" and (i == 0 or not text[i - 1].isalpha()):
            lat = "ye"
        if ch.isupper():
            nxt = text[i + 1] if i + 1 < len(text) else ""
            lat = lat.upper() if nxt.isupper() else lat.capitalize()
        out.append(lat)
    return "".join(out)


# Latin to Russian Cyrillic for names, longest spelling first: how Russian-language media write a
# Kazakh name they have only in Latin (Kumekbayev -> Кумекбаев, Dzhanzakova -> Джанзакова).
_CYRILLIC = [
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"), ("ya", "я"),
    ("iya", "ия"), ("iye", "ие"), ("iyu", "ию"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"),
    ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("v", "в"), ("w", "у"), ("x", "кс"), ("z", "з"),
]
_CYRILLIC_RX = re.compile("|".join(k for k, _ in _CYRILLIC) + "|y", re.I)
_CYRILLIC_OF = dict(_CYRILLIC)


def to_cyrillic(text: str) -> str:
    """Transliterate a Latin name to Russian Cyrillic, keeping case and other characters.

    RETURNS (str): e.g. "Kuandyk KUMEKBAYEV" -> "Куандык КУМЕКБАЕВ".
    """
    def one(m: re.Match) -> str:
        low = m.group().lower()
        before = text[m.start() - 1].lower() if m.start() else ""
        after = text[m.end()].lower() if m.end() < len(text) else ""
        if low == "y":  # a vowel between consonants (Kuandyk), else the glide (Baypakov)
            cyr = "ы" if before.isalpha() and before not in _VOWELS and after not in _VOWELS else "й"
        elif low == "e" and not before.isalpha():
            cyr = "э"  # word-initial e is э (Erlan -> Эрлан); ye is е
        else:
            cyr = _CYRILLIC_OF[low]
        if m.group()[0].isupper():
            upper = m.group().isupper() and (len(m.group()) > 1 or after.isupper() or before.isupper())
            cyr = cyr.upper() if upper else cyr[:1].upper() + cyr[1:]
        return cyr

    return _CYRILLIC_RX.sub(one, text)


_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")


def fold_kazakh(text: str) -> str:
    """Kazakh-only letters to their Russian neighbours, as Russian spelling of Kazakh names does."""
    return text.translate(_KAZAKH_TO_RUSSIAN)


_SKELETON_RULES = [
    (re.compile(r"dzh|dj|zh|j"), "j"),
    (re.compile(r"kh|q|h"), "k"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"sch|shch"), "sh"),
    (re.compile(r"^ye"), "e"),
    (re.compile(r"yu"), "u"),
    (re.compile(r"ya"), "a"),
    (re.compile(r"w"), "u"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),
    (re.compile(r"([a-z])\1+"), r"\1"),
]
# Gender- and case-neutral surname base: -ova/-ovu/-ovoi/-ovym -> -ov, likewise -ev, -in.
_SURNAME_END = re.compile(r"(ov|ev|in|yn)(a|u|oi|oy|oj|om|ym|im|e|oju)$")


@lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """Fold one name token to its spelling- and script-neutral key.

    name (str): a token such as "ZHAKUPOVA", "Жакупову" or "Qaiyrbek".
    RETURNS (str): lowercase ASCII key, e.g. "jakupov".
    """
    s = unicodedata.normalize("NFKD", to_latin(name.lower()))
    s = "".join(c for c in s if c.isascii() and c.isalpha())
    for rule, repl in _SKELETON_RULES:
        s = rule.sub(repl, s)
    s = _SURNAME_END.sub(r"\1", s)
    return s
