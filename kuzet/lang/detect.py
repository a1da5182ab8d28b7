"""Which language a document is written in: en, ru or kk."""

from __future__ import annotations

import re

_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_WORDS = re.compile(r"\b(?:және|жылғы|бойынша|туралы|сот|облысы|қаласы|деп|бұл|үшін)\b", re.I)


def detect_language(text: str) -> str:
    """Guess the language from the share of Cyrillic letters and Kazakh markers.

    text (str): the document text (a prefix is enough).
    RETURNS (str): "en", "ru" or "kk".
    """
    sample = text[:20000]
    cyr = lat = 0
    for c in sample:
        if "\u0400" <= c <= "\u04ff":
            cyr += 1
        elif c.isascii() and c.isalpha():
            lat += 1
    if cyr <= lat:
        return "en"
    kaz_letters = len(_KAZAKH.findall(sample))
    if kaz_letters > cyr * 0.02 and len(_KAZAKH_WORDS.findall(sample)) >= 2:
        return "kk"
    return "ru"
