"""Words for dates in English, Russian and Kazakh: months in their case forms, weekdays, counts.

Russian and Kazakh inflect month and weekday names ("в марте", «наурызда», «дүйсенбі
күні»), and counts come as words ("three days", «тремя днями», «үш күн»). These
tables say what each form stands for; `kuzet.extract.dates` builds its patterns on them.
"""

from __future__ import annotations

EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
RU_MONTH_STEMS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
                  "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
KK_MONTHS = {"қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
             "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12}
# Kazakh month names in the locative ("in March") and with the possessive of "of last year's".
KK_MONTH_FORMS = r"(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйег|қыркүйек|қазан|қараша|желтоқсан)"

EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# Accusative after "в"/"во" and the nominative; прошлый/минувший agree with them.
RU_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4, "пятница": 4,
               "субботу": 5, "суббота": 5, "воскресенье": 6}
KK_WEEKDAYS = {"дүйсенбі": 0, "сейсенбі": 1, "сәрсенбі": 2, "бейсенбі": 3, "жұма": 4, "сенбі": 5, "жексенбі": 6}

# Counts as words, in the forms that stand before "days", "weeks", "months".
EN_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20,
             "thirty": 30, "several": None, "a few": None, "few": None}
RU_COUNTS = {
    "один": 1, "одну": 1, "одним": 1, "одной": 1, "два": 2, "две": 2, "двух": 2, "двумя": 2, "три": 3, "трех": 3,
    "трёх": 3, "тремя": 3, "четыре": 4, "четырех": 4, "четырёх": 4, "четырьмя": 4, "пять": 5, "пяти": 5, "пятью": 5,
    "шесть": 6, "шести": 6, "шестью": 6, "семь": 7, "семи": 7, "семью": 7, "восемь": 8, "восьми": 8, "девять": 9,
    "девяти": 9, "десять": 10, "десяти": 10, "десятью": 10, "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20,
    "двадцати": 20, "тридцать": 30, "тридцати": 30,
}
KK_COUNTS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10,
             "он бес": 15, "жиырма": 20, "отыз": 30}

# Unit words in their forms, to days (a month counts as months, not days).
EN_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
RU_UNITS = {"день": 1, "дня": 1, "дней": 1, "днем": 1, "днём": 1, "днями": 1, "сутки": 1, "суток": 1,
            "неделю": 7, "недели": 7, "недель": 7, "неделей": 7, "неделями": 7, "неделя": 7,
            "месяц": 30, "месяца": 30, "месяцев": 30, "месяцем": 30, "месяцами": 30}
KK_UNITS = {"күн": 1, "күннен": 1, "тәулік": 1, "апта": 7, "аптадан": 7, "ай": 30, "айдан": 30}


def count_of(word: str | None) -> int | None:
    """The number a count word or numeral stands for: "three" -> 3, «тремя» -> 3, «үш» -> 3, "4" -> 4; None if unknown."""
    if word is None:
        return 1
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    for table in (EN_COUNTS, RU_COUNTS, KK_COUNTS):
        if w in table:
            return table[w]
    return None


def unit_days(word: str) -> int:
    """Days in one unit named by `word` (30 stands for a month: callers count months apart)."""
    w = word.lower()
    for table in (EN_UNITS, RU_UNITS, KK_UNITS):
        if w in table:
            return table[w]
    return 1


def weekday_of(word: str) -> int | None:
    w = word.lower()
    for table in (EN_WEEKDAYS, RU_WEEKDAYS, KK_WEEKDAYS):
        for name, n in table.items():
            if w.startswith(name):
                return n
    return None


def month_of(word: str) -> int | None:
    """The month a month word stands for in any of the three languages and any case form."""
    w = word.lower().rstrip(".")
    if w in EN_MONTHS:
        return EN_MONTHS[w]
    for name, n in KK_MONTHS.items():
        if w.startswith(name) or name == "қыркүйек" and w.startswith("қыркүйег"):
            return n
    for stem, n in sorted(RU_MONTH_STEMS.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    return None
