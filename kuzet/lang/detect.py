"""Which language a document is written in: en, ru or kk."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_WORDS = re.compile(r"\b(?:және|жылғы|бойынша|туралы|сот|облысы|қаласы|деп|бұл|үшін)\b", re.I)


def detect_language(text: str) -> str:
    """Guess the language from the share of Cyrillic letters and Kazakh markers.

    text (str): the document text (a prefix is enough).
    RETURNS (str): "en", "ru" or "kk".
    """
    sample = text[:20000]
    cyr = _CYRILLIC.subn("", sample)[1]
    lat = _LATIN.subn("", sample)[1]
    if cyr <= lat:
        return "en"
    kaz_letters = len(_KAZAKH.findall(sample))
    if kaz_letters > cyr * 0.02 and len(_KAZAKH_WORDS.findall(sample)) >= 2:
        return "kk"
    return "ru"
