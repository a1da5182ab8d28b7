"""Dates and times in English, Russian and Kazakh, with their precision.

Absolute dates ("21 April 2021", "21 апреля 2021 года", "April 21, 2021",
"21.04.2021", "2021 жылғы 21 сәуір"), dates without a year ("September 1", taken
from the document's year, or from an anchor date as its nearest past occurrence),
months ("in April 2021"), ranges ("from 3 to 5 May", «с 3 по 5 мая», "May 3–5"),
and relative dates that the event reader resolves with `resolve_relative` against
the date the text stated before and the document's date: "yesterday", «накануне»,
"three days earlier", «через неделю», «үш күн бұрын», "on Monday", «в марте»,
"last September", «биыл».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kuzet.lang.date_words import (
    EN_COUNTS,
    EN_MONTHS,
    KK_COUNTS,
    KK_MONTH_FORMS,
    RU_COUNTS,
    count_of,
    month_of,
    unit_days,
    weekday_of,
)
from kuzet.text.spans import Taken

MONTHS = EN_MONTHS  # kept for callers that read English month names from here

_EN_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_EN_MONTH = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_RU_MONTH = r"(?P<mon>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
_KK_MONTH = r"(?P<mon>қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\w*"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]\s*"
# "Since"/"from"/"с" before a date is looked for behind each match: an optional group at
# the front of every pattern would be tried at every position of the text.
_SINCE = re.compile(r"(?<!\w)(?:[Ss]ince|[Ff]rom|[Сс]о?)\s+$")
_TIME = re.compile(r"\s*,?\s*(?:at|в|около|about|around|сағат)\s+(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)")

# Ranges come first, so "3–5 May" is not read as "5 May".
_RANGES: list[tuple[str, re.Pattern[str]]] = [
    ("en", re.compile(rf"\b(?:[Ff]rom|[Bb]etween)\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?P<m1>{_EN_MONTH_NAMES})\.?)?"
                      rf"\s+(?:to|until|till|through|and)\s+{_DAY}\s+{_EN_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("en", re.compile(rf"\b(?P<d1>[0-3]?\d){_DASH}{_DAY}\s+{_EN_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("en", re.compile(rf"\b{_EN_MONTH}\s+(?P<d1>[0-3]?\d){_DASH}{_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("ru", re.compile(rf"(?<!\w)[Сс]\s+(?P<d1>[0-3]?\d)(?:\s+(?P<m1>январ[яе]|феврал[яе]|марта|апрел[яе]|ма[яе]|июн[яе]|июл[яе]|"
                      rf"августа|сентябр[яе]|октябр[яе]|ноябр[яе]|декабр[яе]))?\s+(?:по|до)\s+{_DAY}\s+{_RU_MONTH}"
                      rf"(?:\s+{_YEAR}(?:\s*(?:года|г\.|г\b))?)?", re.I)),
    ("ru", re.compile(rf"(?<![\w.])(?P<d1>[0-3]?\d){_DASH}{_DAY}\s+{_RU_MONTH}(?:\s+{_YEAR}(?:\s*(?:года|г\.|г\b))?)?", re.I)),
    ("kk", re.compile(rf"(?<![\w.])(?:{_YEAR}\s*(?:жылғы|ж\.)\s+)?(?P<d1>[0-3]?\d){_DASH}{_DAY}\s+{_KK_MONTH}", re.I)),
]
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
    # A year alone ("In 2019, she was fined", «в 2019 году», «2019 жылы») dates background: without it the
    # act would take the story's day.
    ("year_en", re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y)\s+(?:(?:early|late|mid)[\s-]+|the\s+(?:spring|summer|autumn|fall"
                           rf"|winter|end|beginning|middle|first\s+half|second\s+half)\s+of\s+)?{_YEAR}\b(?!\s*[-–/]\s*\d)")),
    ("year_ru", re.compile(rf"(?<!\w)(?:[вВ]|[Сс]|[Лл]етом|[Оо]сенью|[Зз]имой|[Вв]есной)\s+(?:(?:начале|конце|середине)\s+)?{_YEAR}"
                           rf"\s*(?:года|году|г\.|г\b)")),
    ("year_kk", re.compile(rf"(?<![\w.]){_YEAR}\s*(?:жылы|жылдың\s+(?:басында|соңында|күзінде|көктемінде|жазында|қысында))(?!\w)")),
]

_EN_COUNT = "|".join(sorted((re.escape(k) for k in EN_COUNTS), key=len, reverse=True))
_RU_COUNT = "|".join(sorted(RU_COUNTS, key=len, reverse=True))
_KK_COUNT = "|".join(sorted(KK_COUNTS, key=len, reverse=True))
_EN_UNIT = r"days?|weeks?|months?"
_RU_UNIT = r"дн(?:я|ей|ём|ем|ями)|день|сут(?:ки|ок)|недел(?:ю|и|ь|ей|ями|я)|месяц(?:а|ев|ем|ами)?"
_WEEKDAY_EN = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY_RU = r"понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
_WEEKDAY_KK = r"дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі"
_MONTH_EN_WORD = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_RU_PREP = r"январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
_MONTH_RU_GEN = r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
# Kazakh months lower case, or capitalised at a sentence's start; not «Қазан», the city (қазан is October).
_KK_MONTH_CASED = KK_MONTH_FORMS[3:-1] + "|" + "|".join(
    w[:1].upper() + w[1:] for w in KK_MONTH_FORMS[3:-1].split("|") if w != "қазан")
_PART_OF_DAY = {"morning": "morning", "evening": "evening", "night": "night", "afternoon": "afternoon",
                "утро": "morning", "утром": "morning", "вечер": "evening", "вечером": "evening", "ночью": "night",
                "днем": "afternoon", "днём": "afternoon", "таңертең": "morning", "кешке": "evening", "кеште": "evening",
                "кеш": "evening", "түнде": "night"}

# Each wording: (regex, kind, anchor, sign) — the fields are filled from the named groups (n count, u unit,
# wd weekday, mo month, pd part of day). kind: same | yesterday | day_before | today | tomorrow | next_day |
# offset | weekday | month | year | week.
_RELATIVE: list[tuple[str, str, str | None, int]] = [
    (rf"(?:(?P<n>\d{{1,2}}|{_EN_COUNT})\s+)?(?P<u>{_EN_UNIT})\s+(?:earlier|before|previously)(?!\s+(?:the|his|her|their|a|an)\b)",
     "offset", "previous", -1),
    (rf"(?:(?P<n>\d{{1,2}}|{_EN_COUNT})\s+)?(?P<u>{_EN_UNIT})\s+(?:later|afterwards|after(?!\s+(?:the|his|her|their|a|an)\b))",
     "offset", "previous", 1),
    (rf"(?P<n>\d{{1,2}}|{_EN_COUNT})\s+(?P<u>{_EN_UNIT})\s+ago", "offset", "document", -1),
    (rf"(?:(?P<n>\d{{1,2}}|{_RU_COUNT})\s+)?(?P<u>{_RU_UNIT})\s+(?:ранее|раньше|до\s+этого|прежде)", "offset", "previous", -1),
    (rf"(?:(?P<n>\d{{1,2}}|{_RU_COUNT})\s+)?(?P<u>{_RU_UNIT})\s+(?:спустя|позже|позднее)", "offset", "previous", 1),
    (rf"(?:через|спустя)\s+(?:(?P<n>\d{{1,2}}|{_RU_COUNT})\s+)?(?P<u>{_RU_UNIT})", "offset", "previous", 1),
    (rf"за\s+(?:(?P<n>\d{{1,2}}|{_RU_COUNT})\s+)?(?P<u>{_RU_UNIT})\s+до\s+(?:этого|того)", "offset", "previous", -1),
    (rf"(?:(?P<n>\d{{1,2}}|{_RU_COUNT})\s+)?(?P<u>{_RU_UNIT})\s+назад", "offset", "document", -1),
    (rf"(?:(?P<n>\d{{1,2}}|{_KK_COUNT})\s+)?(?P<u>күн|тәулік|апта|ай)\s+бұрын", "offset", "document", -1),
    (rf"(?:(?P<n>\d{{1,2}}|{_KK_COUNT})\s+)?(?P<u>күннен|тәуліктен|аптадан|айдан)\s+(?:кейін|соң)", "offset", "previous", 1),
    (r"позавчера", "offset", "document", -2),
    (r"послезавтра", "offset", "document", 2),
    (r"(?:(?:on|in)\s+)?the\s+same\s+(?P<pd>day|evening|morning|night)|that\s+same\s+(?P<pd2>day|evening|morning|night)"
     r"|that\s+(?P<pd3>day|evening|morning|night|afternoon)", "same", "previous", 0),
    (r"(?:в\s+)?(?:тот|этот)\s+же\s+(?P<pd>день|вечер)|в\s+(?:тот|этот)\s+день|(?:тем|этим)\s+же\s+(?P<pd2>вечером|утром|днём|днем)"
     r"|в\s+тот\s+вечер|(?:дәл\s+)?сол\s+күні(?:\s+(?P<pd3>кешке|түнде|таңертең))?|сол\s+(?P<pd4>кеште|түні)", "same", "previous", 0),
    (r"at the same time|тогда же|в то же время|одновременно|в это же время", "same", "previous", 0),
    (r"(?:yesterday|last\s+night)(?:\s+(?P<pd>morning|evening|afternoon))?|вчера(?:\s+(?P<pd2>утром|вечером|днём|днем))?"
     r"|кеше(?:\s+(?P<pd3>кешке|таңертең|түнде))?", "yesterday", "document", -1),
    (r"the\s+(?:day|evening|night)\s+before|the\s+previous\s+(?P<pd>day|evening|night|morning)|накануне|алдыңғы\s+күні",
     "day_before", "previous", -1),
    (r"today|this\s+(?P<pd>morning|evening|afternoon)|сегодня(?:\s+(?P<pd2>утром|вечером|днём|днем))?|бүгін", "today",
     "document", 0),
    (r"tomorrow|завтра|ертең(?!\w)", "tomorrow", "document", 1),
    (r"the\s+(?:next|following)\s+(?P<pd>day|morning|evening)|на\s+следующ(?:ий|ее)\s+(?P<pd2>день|утро|вечер)|на\s+другой\s+день"
     r"|наутро|келесі\s+күні|ертесіне|ертеңіне", "next_day", "previous", 1),
    # weekdays: "on Monday", "last Wednesday", «в понедельник», «в прошлую пятницу», «дүйсенбі күні»
    (rf"(?:on\s+|last\s+(?P<last>)|this\s+|next\s+(?P<next>))(?P<wd>(?-i:{_WEEKDAY_EN}))(?:\s+(?P<pd>morning|evening|night|afternoon))?",
     "weekday", "document", 0),
    (rf"во?\s+(?:(?P<last>прошл|минувш)\w+\s+|(?P<next>следующ|ближайш)\w+\s+|эт[уот]\s+)?(?P<wd>{_WEEKDAY_RU})",
     "weekday", "document", 0),
    (rf"(?:(?P<last>өткен)\s+)?(?P<wd>{_WEEKDAY_KK})\s*(?:күні|(?<=і)де|(?<=а)да)", "weekday", "document", 0),
    # months without a year: "in March", "last September", «в марте», «в прошлом сентябре», «наурызда»
    (rf"(?:(?:in|since|during|until|by)\s+(?:(?:early|late|mid)[\s-]+)?|last\s+(?P<last>)|this\s+|early\s+|late\s+|mid-)"
     rf"(?P<mo>(?-i:{_MONTH_EN_WORD}))(?!\s+\d)(?:\s+(?:of\s+)?(?P<prev>last\s+year)|\s+(?:of\s+)?this\s+year)?", "month", "document", 0),
    (rf"(?:в\s+(?:(?:начале|конце|середине)\s+(?P<mog>{_MONTH_RU_GEN})|(?:(?P<last>прошл|минувш)\w+\s+|эт\w+\s+)?"
     rf"(?P<mo>{_MONTH_RU_PREP}))|с\s+(?P<mos>{_MONTH_RU_GEN}))"
     rf"(?!\s+\d)(?:\s+(?P<prev>прошлого|минувшего)\s+года|\s+(?:этого|текущего|нынешнего)\s+года)?", "month", "document", 0),
    (rf"(?:(?P<prev>былтыр(?:ғы)?|өткен\s+жыл(?:ғы|дың))\s+|биылғы\s+)?(?P<mo>(?-i:{_KK_MONTH_CASED}))(?:інде|ында|нде|нда|да|де|та|те)",
     "month", "document", 0),
    (r"(?:earlier\s+)?this\s+year|в\s+(?:этом|текущем|нынешнем)\s+году|биыл", "year", "document", 0),
    (r"last\s+year|в\s+(?:прошлом|минувшем)\s+году|былтыр|өткен\s+жылы", "year", "document", -1),
    (r"last\s+week|на\s+(?:прошлой|минувшей)\s+неделе|өткен\s+аптада", "week", "document", -1),
]
_GROUP = re.compile(r"[(][?]P<(\w+)>")


def _numbered(rx: str, i: int) -> str:
    """The wording's named groups renamed NAME_i, so all wordings fit one regex."""
    return _GROUP.sub(lambda m: f"(?P<{m[1]}_{i}>", rx)


# One pass for all relative wordings, word boundaries checked once; group rN is _RELATIVE[N].
_RELATIVE_ANY = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<r{i}>{_numbered(rx, i)})" for i, (rx, _, _, _) in enumerate(_RELATIVE)) + r")(?!\w)",
    re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in the text.

    value (date | None): the date, None for a relative one until resolved; a range's first day.
    precision (str): day | month | year. relative (str | None): same, yesterday, day_before, today, tomorrow,
        next_day, offset, weekday, month, year, week (see `resolve_relative`).
    since (bool): "since 15 December" (a state that began then and goes on).
    year_given (bool): whether the text states the year.
    anchor (str | None): what a relative date counts from: "previous" (the last date the text stated)
        or "document" (the document's date).
    offset_days, offset_months (int): the distance from the anchor ("three days earlier" -3, "a month later" +1 month).
    weekday (int | None): 0 Monday .. 6 Sunday for "on Monday". month (int | None): 1..12 for "in March".
    direction (int): -1 "last Monday"/"last September" (before the anchor's week/month), +1 "next Monday", 0 else.
    offset_years (int): -1 for "last year", «в сентябре прошлого года».
    end_value (date | None): a range's last day ("from 3 to 5 May").
    part_of_day (str | None): morning | afternoon | evening | night ("that evening", "the next morning").
    approximate (bool): the wording names a span, not a day ("last week").
    """

    start: int
    end: int
    value: date | None
    precision: str = "day"
    time: str | None = None
    relative: str | None = None
    since: bool = False
    year_given: bool = True
    anchor: str | None = None
    offset_days: int = 0
    offset_months: int = 0
    weekday: int | None = None
    month: int | None = None
    direction: int = 0
    offset_years: int = 0
    end_value: date | None = None
    part_of_day: str | None = None
    approximate: bool = False


def _month(kind: str, raw: str) -> int | None:
    if kind in ("numeric", "iso"):
        return int(raw)
    return month_of(raw)


def _trie(words: list[str]) -> str:
    """A regex matching any of `words`, written as a trie: Python's engine tries the branches
    of an alternation one by one, so sharing prefixes halves the work at each position."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return emit(root)


# Words every relative wording contains (a unit, a weekday, a month, "earlier", "сол", «бұрын»). The full
# regex above is tried only a few words before each of these: tried at every word of a text it costs
# five times all other date patterns together.
def _words(text: str) -> list[str]:
    return text.split()


_KEY_WORDS = _words(
    "earlier later before after afterwards previously ago same day days week weeks month months year years evening "
    "morning night afternoon yesterday today tomorrow previous next following ранее раньше прежде спустя позже позднее "
    "через назад позавчера послезавтра день дня дней днём днем днями сутки суток неделю недели недель неделей неделями "
    "неделя месяц месяца месяцев месяцем месяцами вечер вечером утром утро тогда время одновременно вчера накануне "
    "сегодня завтра наутро году неделе күн күні күннен тәулік тәуліктен апта аптада аптадан ай айдан бұрын кейін соң сол "
    "кеше бүгін ертең келесі ертесіне ертеңіне алдыңғы биыл былтыр жылы")
_KEYS = re.compile(r"(?<!\w)" + _trie(sorted({w.lower() for w in _KEY_WORDS + "|".join(
    [_WEEKDAY_EN, _MONTH_EN_WORD, _WEEKDAY_RU, _MONTH_RU_PREP, _MONTH_RU_GEN, _WEEKDAY_KK, KK_MONTH_FORMS[3:-1]]).split("|")})),
    re.I)
_WORD_START = re.compile(r"(?<!\w)\w")


def _relatives(text: str, taken: Taken) -> list[DateMention]:
    """Relative wordings: the full regex tried at the word of each key and at the three words before it."""
    out: list[DateMention] = []
    done = 0
    for key in _KEYS.finditer(text):
        if key.start() < done or not taken.free(key.start(), key.end()):
            continue  # inside a wording read already, or the month of a full date
        line_start = text.rfind("\n", max(0, key.start() - 60), key.start()) + 1
        window_start = max(line_start, key.start() - 50)
        starts = [w.start() for w in _WORD_START.finditer(text, window_start, key.start())][-3:] + [key.start()]
        for s in starts:
            if s < done:
                continue
            m = _RELATIVE_ANY.match(text, s)
            if m and m.end() > key.start():
                if taken.free(m.start(), m.end()) and (mention := _relative(m)) is not None:
                    out.append(mention)
                done = m.end()
                break
    return out


def _with_year(month: int, day: int, year_s: str | None, default_year: int | None, anchor: date | None) -> date | None:
    """The date, its year from the text, else the anchor's nearest past occurrence, else the default year."""
    try:
        if year_s:
            return date(int(year_s), month, day)
        if anchor is not None:
            value = date(anchor.year, month, day)
            # A date more than two months after the anchor is last year's: a bulletin of
            # 10 January speaks of "21 December" past, one of 10 May of a hearing "on 12 May" ahead.
            return value if value <= anchor + timedelta(days=60) else date(anchor.year - 1, month, day)
        return date(default_year, month, day) if default_year else None
    except ValueError:
        return None


def _time_after(text: str, end: int) -> tuple[str | None, int]:
    tm = _TIME.match(text, end)
    if tm and int(tm["h"]) < 24:
        return f"{int(tm['h']):02d}:{tm['m']}", tm.end()
    return None, end


def find_dates(text: str, *, default_year: int | None, anchor: date | None = None) -> list[DateMention]:
    """Every date mention in `text`, earliest offset first, overlaps removed.

    text (str): the text to search. default_year (int | None): year for "September 1".
    anchor (date | None): the document's date; when given, a date without a year takes the
        year of its nearest past occurrence (a January bulletin's "21 December" is last year's).
    RETURNS (list[DateMention]): the dates found.
    """
    found: list[DateMention] = []
    taken = Taken()
    for _lang, pattern in _RANGES:
        for m in pattern.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            month = month_of(gd["mon"])
            month1 = month_of(gd["m1"]) if gd.get("m1") else month
            if month is None or month1 is None:
                continue
            end_value = _with_year(month, int(gd["day"]), gd.get("year"), default_year, anchor)
            first = _with_year(month1, int(gd["d1"]), gd.get("year"), default_year, anchor)
            if first is None or end_value is None:
                continue
            if first > end_value:  # "from 28 December to 3 January 2022"
                first = first.replace(year=first.year - 1)
            if (end_value - first).days > 366:
                continue
            taken.add(m.start(), m.end())
            found.append(DateMention(m.start(), m.end(), first, "day", None, None, False, bool(gd.get("year")),
                                     end_value=end_value))
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            month = 1 if kind.startswith("year") else _month(kind, gd["mon"])
            if month is None:
                continue
            value = _with_year(month, int(gd["day"]) if gd.get("day") else 1, gd.get("year"), default_year, anchor)
            if value is None:
                continue
            precision = "year" if kind.startswith("year") else "month" if kind.startswith("month") else "day"
            time, end = _time_after(text, m.end())
            start = m.start()
            since = _SINCE.search(text, max(0, start - 8), start)
            if since:
                start = since.start()
            taken.add(m.start(), end)
            found.append(DateMention(start, end, value, precision, time, None, since is not None, bool(gd.get("year"))))
    found.extend(_relatives(text, taken))
    found.sort(key=lambda d: d.start)
    return found


def _relative(m: re.Match[str]) -> DateMention | None:
    i = int(m.lastgroup[1:])  # type: ignore[index]
    _rx, kind, anchor, sign = _RELATIVE[i]
    g = {k.rsplit("_", 1)[0]: v for k, v in m.groupdict().items() if k.endswith(f"_{i}")}
    pd_word = next((g[k] for k in ("pd", "pd2", "pd3", "pd4") if g.get(k)), None)
    part_of_day = _PART_OF_DAY.get(pd_word.lower()) if pd_word else None
    fields: dict = {"anchor": anchor, "part_of_day": part_of_day}
    precision = "day"
    if kind == "offset":
        if g.get("u") is not None:
            n = count_of(g.get("n"))
            if n is None:
                return None  # "several days later": no day to count to
            per = unit_days(g["u"])
            if per == 30:
                fields["offset_months"] = sign * n
            else:
                fields["offset_days"] = sign * n * per
        else:
            fields["offset_days"] = sign  # позавчера, послезавтра
    elif kind == "weekday":
        fields["weekday"] = weekday_of(g["wd"])
        fields["direction"] = -1 if g.get("last") is not None else 1 if g.get("next") is not None else 0
    elif kind == "month":
        fields["month"] = month_of(g.get("mo") or g.get("mog") or g.get("mos") or "")
        if fields["month"] is None:
            return None
        fields["direction"] = -1 if g.get("last") is not None else 0
        fields["offset_years"] = -1 if g.get("prev") else 0
        fields["since"] = bool(re.match(r"since|с\s", m.group(), re.I))
        precision = "month"
    elif kind == "year":
        fields["offset_years"] = sign
        precision = "year"
    elif kind == "week":
        fields["offset_days"] = -7
        fields["approximate"] = True
    return DateMention(m.start(), m.end(), None, precision, None, kind, year_given=False, **fields)


def resolve_relative(mention: DateMention, *, previous: date | None, doc_date: date | None) -> date | None:
    """The date a relative mention stands for (a month's or a year's first day for those precisions).

    previous (date | None): the last date the text stated before it. doc_date: the document's date.
    RETURNS (date | None): the resolved date, or None when nothing anchors it.
    """
    rel = mention.relative
    if rel in ("same", "day_before", "next_day") or mention.anchor == "previous":
        base = previous or doc_date
    else:
        base = doc_date or previous
    if base is None or rel is None:
        return None
    if rel in ("same", "today"):
        return base
    if rel in ("yesterday", "day_before"):
        return base - timedelta(days=1)
    if rel in ("tomorrow", "next_day"):
        return base + timedelta(days=1)
    if rel in ("offset", "week"):
        return _add_months(base, mention.offset_months) + timedelta(days=mention.offset_days)
    if rel == "weekday" and mention.weekday is not None:
        if mention.direction > 0:
            return base + timedelta(days=(mention.weekday - base.weekday() - 1) % 7 + 1)
        back = (base.weekday() - mention.weekday) % 7
        return base - timedelta(days=back if back or mention.direction == 0 else 7)
    if rel == "month" and mention.month is not None:
        year = base.year + mention.offset_years
        if mention.offset_years == 0 and (mention.month > base.month or mention.direction < 0 and mention.month == base.month):
            year -= 1
        return date(year, mention.month, 1)
    if rel == "year":
        return date(base.year + mention.offset_years, 1, 1)
    return None


def _add_months(d: date, months: int) -> date:
    if not months:
        return d
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, 28)
