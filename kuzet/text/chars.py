"""Character folding that keeps offsets: one character in, one character out.

Bulletins are typed on mixed keyboards: a Cyrillic "А" inside "KUMEKBАYEV",
a Latin "o" inside "Жакупова", typographic apostrophes and non-breaking spaces.
Folding maps each such character to the script of the word around it, so that
patterns match, while the original text keeps every character where it was.
"""

from __future__ import annotations

import re

# Pairs of letters that look the same in Latin and Cyrillic.
_CYR_TO_LAT = dict(zip("АВЕКМНОРСТХаеорсухіІ", "ABEKMHOPCTXaeopcyxiI", strict=True))
_LAT_TO_CYR = {v: k for k, v in _CYR_TO_LAT.items() if k not in "іІ"}
_PUNCT = {"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'",
          "\u2011": "-", "\u2010": "-", "\u00ad": "-", "\u200b": " ", "\ufeff": " "}
_PUNCT_TABLE = str.maketrans(_PUNCT)
# Only words that mix Latin and Cyrillic letters need folding; the lookaheads let the
# regex engine skip every other word without a Python call.
_MIXED_WORD = re.compile(r"(?<![^\W\d_])(?=[^\W\d_]*?[A-Za-z])(?=[^\W\d_]*?[\u0400-\u04ff])[^\W\d_]+")


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _fold_word(word: str) -> str:
    cyr = sum(1 for c in word if _is_cyr(c))
    lat = sum(1 for c in word if c.isascii())
    if cyr and lat:
        if lat >= cyr and all(c in _CYR_TO_LAT or not _is_cyr(c) for c in word):
            return "".join(_CYR_TO_LAT.get(c, c) for c in word)
        if cyr > lat and all(c in _LAT_TO_CYR or not c.isascii() for c in word):
            return "".join(_LAT_TO_CYR.get(c, c) for c in word)
    return word


def fold_for_matching(text: str) -> str:
    """Fold look-alike letters to their word's script and typographic marks to ASCII.

    text (str): the original text.
    RETURNS (str): a string of exactly the same length.
    """
    text = text.translate(_PUNCT_TABLE)
    folded = _MIXED_WORD.sub(lambda m: _fold_word(m.group()), text)
    assert len(folded) == len(text)
    return folded


def is_cyrillic(text: str) -> bool:
    """Whether most letters of `text` are Cyrillic."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _is_cyr(c)) * 2 > len(letters)
