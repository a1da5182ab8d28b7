"""Dates and times in English, Russian and Kazakh, with their precision.

Absolute dates ("21 April 2021", "21 апреля 2021 года", "April 21, 2021",
"21.04.2021", "2021 жылғы 21 сәуір"), dates without a year ("September 1",
taken from the document's year), months ("in April 2021"), and relative dates
("yesterday", "накануне", "on the same day") that the event reader resolves
against the sentence before and the document's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_RU_MONTH_STEMS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
                   "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_KK_MONTHS = {"қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
              "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12}

_EN_MONTH = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_RU_MONTH = r"(?P<mon>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
_KK_MONTH = r"(?P<mon>қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\w*"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# "Since"/"from"/"с" before a date is looked for behind each match: an optional group at
# the front of every pattern would be tried at every position of the text.
_SINCE = re.compile(r"(?<!\w)(?:[Ss]ince|[Ff]rom|[Сс]о?)\s+$")
_TIME = re.compile(r"\s*,?\s*(?:at|в|около|about|around|сағат)\s+(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"\b{_DAY}\s+{_EN_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("mdy", re.compile(rf"\b{_EN_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("dmy_ru", re.compile(rf"(?<![\w.]){_DAY}\s+{_RU_MONTH}(?:\s+{_YEAR}(?:\s*(?:года|год|г\.|г\b))?)?", re.I)),
    ("kk", re.compile(rf"{_YEAR}\s*(?:жылғы|ж\.)\s+{_DAY}\s+{_KK_MONTH}", re.I)),
    ("dmy_kk", re.compile(rf"(?<![\w.]){_DAY}\s+{_KK_MONTH}(?:\s+{_YEAR})?", re.I)),
    ("numeric", re.compile(rf"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.{_YEAR}(?![\d])")),
    ("iso", re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])")),
    ("month_en", re.compile(rf"\b(?:in|In|during|since|Since)\s+{_EN_MONTH}\s+{_YEAR}\b")),
    ("month_ru", re.compile(rf"(?:\b[вВ]|\b[Сс])\s+(?P<mon>январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[еяьй]?\s+{_YEAR}", re.I)),
]
_RELATIVE: list[tuple[str, str]] = [
    (r"(?:on )?the same day|that same day|в тот же день|в этот же день|в тот день|сол күні", "same"),
    (r"at the same time|тогда же|в то же время|одновременно|в это же время", "same"),
    (r"yesterday|вчера|кеше", "yesterday"),
    (r"the day before|накануне", "day_before"),
    (r"today|сегодня|бүгін", "today"),
    (r"tomorrow|завтра|ертең", "tomorrow"),
    (r"the (?:next|following) day|на следующий день|на другой день", "next_day"),
]
# One pass for all relative wordings, word boundaries checked once; group ri is _RELATIVE[i].
_RELATIVE_ANY = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<r{i}>{rx})" for i, (rx, _) in enumerate(_RELATIVE)) + r")(?!\w)", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in the text.

    value (date | None): the date, None for a relative one until resolved.
    precision (str): day | month | year. relative (str | None): same, yesterday, ...
    since (bool): "since 15 December" (a state that began then and goes on).
    year_given (bool): whether the text states the year.
    """

    start: int
    end: int
    value: date | None
    precision: str = "day"
    time: str | None = None
    relative: str | None = None
    since: bool = False
    year_given: bool = True


def _month(kind: str, raw: str) -> int | None:
    raw = raw.lower().rstrip(".")
    if kind in ("dmy", "mdy", "month_en"):
        return MONTHS.get(raw)
    if kind in ("kk", "dmy_kk"):
        return next((n for k, n in _KK_MONTHS.items() if raw.startswith(k)), None)
    if kind in ("numeric", "iso"):
        return int(raw)
    for stem, n in sorted(_RU_MONTH_STEMS.items(), key=lambda kv: -len(kv[0])):
        if raw.startswith(stem):
            return n
    return None


def find_dates(text: str, *, default_year: int | None) -> list[DateMention]:
    """Every date mention in `text`, earliest offset first, overlaps removed.

    text (str): the text to search. default_year (int | None): year for "September 1".
    RETURNS (list[DateMention]): the dates found.
    """
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            gd = m.groupdict()
            month = _month(kind, gd["mon"])
            year_s = gd.get("year")
            year = int(year_s) if year_s else default_year
            if month is None or year is None:
                continue
            day = int(gd["day"]) if gd.get("day") else 1
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            precision = "month" if kind.startswith("month") else "day"
            end = m.end()
            time = None
            tm = _TIME.match(text, end)
            if tm and int(tm["h"]) < 24:
                time = f"{int(tm['h']):02d}:{tm['m']}"
                end = tm.end()
            start = m.start()
            since = _SINCE.search(text, max(0, start - 8), start)
            if since:
                start = since.start()
            found.append(DateMention(start, end, value, precision, time, None, since is not None, bool(year_s)))
    for m in _RELATIVE_ANY.finditer(text):
        if not any(m.start() < d.end and d.start < m.end() for d in found):
            rel = _RELATIVE[int(m.lastgroup[1:])][1]
            found.append(DateMention(m.start(), m.end(), None, "day", None, rel))
    found.sort(key=lambda d: d.start)
    return found


def resolve_relative(mention: DateMention, *, previous: date | None, doc_date: date | None) -> date | None:
    """The date a relative mention stands for.

    previous (date | None): the last date the text stated before it. doc_date: the document's date.
    RETURNS (date | None): the resolved date, or None when nothing anchors it.
    """
    rel = mention.relative
    if rel == "same":
        return previous or doc_date
    anchor = doc_date
    if anchor is None:
        return None
    return {
        "yesterday": anchor - timedelta(days=1),
        "day_before": (previous or anchor) - timedelta(days=1),
        "today": anchor,
        "tomorrow": anchor + timedelta(days=1),
        "next_day": (previous or anchor) + timedelta(days=1),
    }.get(rel or "")
