"""Name mentions read from runs of capitalised tokens: the tokens, their roles, the parse, the nominative.

A token's role comes from the word (a known given name, a surname or patronymic
shape, an initial) and from a bounded window around it (a person noun such as
"activist" before it, a place word after it, a sentence start), so reading stays
linear in the length of the document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from kuzet.extract.places import lookup as lookup_place
from kuzet.extract.places import lookup_adjective
from kuzet.lang.given import lookup as lookup_given
from kuzet.lang.kk.names import case_base, strip_case
from kuzet.lang.name_shapes import kazakh_patronymic, patronymic_shaped, strong_surname, surname_shaped
from kuzet.lang.ru.names import (
    SURNAME_RE,
)
from kuzet.resources import load, place_index, stopwords
from kuzet.text.chars import is_cyrillic
from kuzet.text.doc import Doc

_UP = r"[^\W\d_a-zа-яёәғқңөұүһіїєўґ]"
_INITIAL = rf"(?:Dzh|[ZSCK]h|Ts|Y[aeou]|Дж|{_UP})\."
# Only capitalised words can be part of a name, so only they become tokens (most words
# of a text are skipped inside the regex engine); the lookbehinds keep "a-Zhanna" whole.
# Initials come first: "Zh. M." and "A.Ye." are one token.
_TOKEN = re.compile(rf"(?<![^\W\d_])(?<![^\W\d_][-'])(?:{_INITIAL}(?:\s?{_INITIAL}){{0,2}}"
                    rf"|#{_UP}[^\W\d_]*(?:_{_UP}[^\W\d_]*)+(?![\w])"  # #IBRAI_KALIYEVA: a hashtag cannot hold a hyphen
                    rf"|#?{_UP}[^\W\d_]*(?:[-'][^\W\d_]+)*(?:'s?)?)")
_INITIALS = re.compile(_INITIAL)
# Kyrgyz and Kazakh "son/daughter of" written apart and in lower case: "Shabdan uulu", «Болот кызы».
_APART = re.compile(r"[ \t](?:uulu|uly|kyzy|qyzy|уулу|улы|ұлы|кызы|қызы)(?![^\W\d_])")
# Short quoted strings name movements, chats and nicknames («Femina Virtute», «Almas»), not persons.
_QUOTED = re.compile(r"[«\"“„][^«»\"“”„\n]{1,60}[»\"”“]")
_SPEECH = re.compile(r"[.!?…]\s+\S|(?:\S+\s+){6}")
_GAP = re.compile(r"[ \t]?")
# Words after which a town's name stands, not a person's ("in Konayev", "в Сатпаеве", "г. Конаев").
_TOWN_PREP = frozenset({"in", "from", "near", "to", "в", "во", "из", "под", "город", "города", "городе", "г", "қаласы",
                        "city of", "town of"})
_PLACE_PREP = frozenset({"in", "from", "near", "в", "во", "из", "под", "город", "города", "городе", "г", "село", "села",
                         "селе", "поселка", "посёлка", "поселке", "аул", "аула", "ауыл", "ауылы", "city of", "town of",
                         "village of"})
_ABBREVIATIONS = frozenset({"г", "с", "п", "пос", "ул", "mr", "mrs", "ms", "dr", "prof", "st"})
_PLACE_AFTER = re.compile(r"[ \t]+(?:област\w*|район\w*|кра[йяюе]\w*|округ\w*|облыс\w*|аудан\w*|oblast|region|district"
                          r"|province)\b", re.I)
_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CAMEL = re.compile(r"[a-zа-яё][A-ZА-ЯЁ]")
_FREE = re.compile(r"(?:Free|Свободу|Свобода|Бостандық)(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+$)")
_SENTENCE_END = set(".!?\n:;•—–…")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    hashtag: bool
    initial: bool
    caps: bool
    cyr: bool
    role: str = "C"  # G given, S surname-shaped, K Kazakh -ұлы/-қызы, P patronymic, I initial, C other, x not a name
    town: bool = False  # a gazetteer town named after a person, written where a place goes ("#Konayev", "в Сатпаеве")
    sent_start: bool = False
    after_noun: bool = False  # "activist", "судья", "белсенді", "Mr" stands right before
    titled: bool = False  # on a headline line where most words are capitalised
    kk_base: str | None = None  # the stem under a Kazakh case ending, for an unknown word
    stop_given: bool = False  # a stopword that is also a given name ("Muslim")
    place: bool = False  # a gazetteer name that is not known as anything else ("Шахан", "Kokshetau")


@cache
def institution_after() -> re.Pattern[str]:
    """A capitalised word right after a name that makes it an institution's ("Nazarbayev University", "Abai Avenue")."""
    heads = load("name_stopwords.json")["institution_heads"]
    alts = sorted({w for group in heads.values() for w in group}, key=len, reverse=True)
    return re.compile(r"[ \t]+(?:" + "|".join(re.escape(a) for a in alts) + r")(?![^\W\d_])")


@cache
def _institution_words() -> frozenset[str]:
    return frozenset(w.lower() for group in load("name_stopwords.json")["institution_heads"].values() for w in group)


@cache
def person_nouns() -> frozenset[str]:
    """Person nouns ("activist", "судья", "белсенді", "Mr"), lower case: before a token they mark a name."""
    words = load("name_stopwords.json")["person_nouns"]
    return frozenset(w.lower().rstrip(".") for group in words.values() for w in group)


def words_before(text: str, start: int) -> tuple[str, str]:
    """The word right before `start` and the two words before it, lower case, within the line.

    Punctuation a name follows directly (":", ",", "#", a dash) may stand between.
    """
    window = text[max(0, start - 40):start]
    window = window[window.rfind("\n") + 1:].rstrip(" \t:,#⚡—–-")
    words = window.split()[-2:]
    if not words:
        return "", ""
    last = words[-1].lower()
    if not last[-1:].isalpha():
        if not (last.endswith(".") and last[:-1] in _ABBREVIATIONS):
            return "", ""  # a sentence or a clause ended in between
        last = last[:-1]
    if len(words) == 1:
        return last, last
    return last, words[0].lower().strip("\"'«»(") + " " + last


def is_surname_like(word: str) -> bool:
    """A Russian-pattern surname (-ов, -ин, -ский in any case form), whose nominative rules know its gender."""
    return bool(SURNAME_RE.match(word.lower()))


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t#⚡«\"“'(*":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END or text[j] == "-" and (j == 0 or text[j - 1] in " \n")


class _Lines:
    """Which lines are headlines in title case ("Court Upholds Sentence Against Activist"), computed once per line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.cache: dict[int, bool] = {}

    def titled(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i not in self.cache:
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            # A headline capitalises every word but the short function words; a sentence
            # naming several people still has a lower-case verb or noun of four letters or more.
            words = re.findall(r"[^\W\d_]{4,}", self.text[self.starts[i]:end])
            # A line of names alone ("Chingiz Kapar, Ali Shabdan uulu") is not a headline.
            self.cache[i] = len(words) >= 3 and all(w[0].isupper() for w in words) and sum(
                not _is_name_word(w, is_cyrillic(w)) for w in words) >= 2
        return self.cache[i]


_LAT_ADJECTIVE = re.compile(r"(?P<stem>\w+?sk)(?:aya|iy|y|iye|oye|oe|ij|ogo|ogo)$", re.I)


def _place_adjective(word: str, cyr: bool) -> bool:
    """An adjective made from a town's name: Uralskaya (Uralsk), Алматинский (Almaty)."""
    if cyr:
        return lookup_adjective(word) is not None
    m = _LAT_ADJECTIVE.match(word)
    return bool(m) and lookup_place(m["stem"]) is not None


def _is_name_word(word: str, cyr: bool, kazakh: bool = False) -> bool:
    return lookup_given(word, cyr) is not None or surname_shaped(word, cyr, kazakh)


def tokens(doc: Doc) -> list[Token]:
    """The capitalised tokens of the document with their roles."""
    kazakh = doc.language == "kk"
    text = doc.match
    stops = stopwords()
    places = place_index()
    nouns = person_nouns()
    heads = _institution_words()
    lines = _Lines(text)
    out = []
    # Quoted spans do not overlap (each match starts after the last ended), so the one that
    # could hold a token is the last one starting before it: a bisect, not a scan.
    # A quoted sentence ("We only did our job. They pulled Elena out of the car") is speech, whose names are names.
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text) if not _SPEECH.search(m.group())]
    q_starts = [a for a, _ in quoted]
    for m in _TOKEN.finditer(text):
        q = bisect.bisect_left(q_starts, m.start()) - 1
        if q >= 0 and m.start() < quoted[q][1]:
            out.append(Token(m.start(), m.end(), m.group(), False, False, False, False, role="x"))
            continue
        raw = m.group()
        start, end = m.start(), m.end()
        hashtag = raw.startswith("#")
        if hashtag:
            raw, start = raw[1:].replace("_", "-"), start + 1
            if (free := _FREE.match(raw)) is not None:
                # #FreeSerikuly, #СвободуЖаксылыкову: a campaign for him; the mention is the name, not the tag.
                raw, start, hashtag = raw[free.end():], start + free.end(), False
        if raw.endswith("'s") or raw.endswith("'"):
            cut = 2 if raw.endswith("'s") else 1
            raw, end = raw[:-cut], end - cut
        if not raw or not raw[0].isupper():
            continue  # lower-case words never join a name; the gap test in runs() splits there
        initial = bool(_INITIALS.match(raw)) and raw.endswith(".")
        letters = raw.replace("-", "").replace("'", "")
        t = Token(start, end, raw, hashtag, initial, letters.isupper() and len(letters) > 1, "\u0400" <= raw[0] <= "\u04ff")
        low = raw.lower()
        if not initial and len(letters) > 1 and (low in stops or raw in stops or low in nouns or low in heads):
            t.role, t.stop_given = "x", True  # stop_given: checked against the given names only if a surname follows
            out.append(t)
            continue
        t.sent_start = _sentence_start(text, m.start())
        last, last2 = words_before(text, m.start())
        t.after_noun = last in nouns or last2 in nouns
        if (apart := _APART.match(text, end)) and not initial:
            t.end = apart.end()
            t.text = raw = text[start:t.end]
            t.role = "S"
            out.append(t)
            continue
        kk_word = kazakh or t.cyr and bool(_KK_LETTERS.search(raw))
        if kk_word and t.cyr and not initial and not _is_name_word(raw, True, True):
            base = strip_case(raw, lambda b: _is_name_word(b, True, True))
            if base != raw:
                t.text, t.end = base, start + len(base)
                raw = base
            else:
                t.kk_base = case_base(raw)
        low = raw.lower()
        known = lookup_given(raw, t.cyr) if not initial else None
        after_prep = last in _PLACE_PREP or last2 in _PLACE_PREP
        if initial:
            t.role = "I"
        elif len(letters) == 1 and not t.sent_start and out and out[-1].role in "SCG" and \
                _GAP.fullmatch(text[out[-1].end:start]) and re.match(r"\s*(?:[,;)]|$|\s[a-zа-яё])", text[end:end + 3]):
            t.role = "I"  # "Knasov A when", "Иманбай И," — an initial whose dot was dropped
            t.initial = True
        elif hashtag and _CAMEL.search(raw):
            t.role = "x"  # #SaveOlegSentsov, #FreeKazakhstan
        elif _PLACE_AFTER.match(text, end) and not (known and t.after_noun):
            t.role = "x"  # "Каскелен Алматинской области", "Almaty region"
        elif after_prep and not t.caps and lookup_place(raw) is not None:
            t.role = "x" if not surname_shaped(raw, t.cyr, kazakh) else "S"
            t.town = t.role == "S"
        elif known and not (t.caps and surname_shaped(raw, t.cyr, kazakh)):
            t.role = "G"
        elif kazakh_patronymic(raw):
            t.role = "K"
        elif patronymic_shaped(raw, t.cyr):
            t.role = "P"
        elif _place_adjective(raw, t.cyr):
            t.role, t.place = "x", True  # "Uralskaya Nedelya", «Уральская неделя»: named after a town
        elif surname_shaped(raw, t.cyr, kazakh):
            t.role = "S"
            t.town = not t.caps and (hashtag or last in _TOWN_PREP or last2 in _TOWN_PREP) and \
                lookup_place(raw) is not None
        elif low.replace("ё", "е") in places or not t.caps and lookup_place(raw, kazakh) is not None:
            t.role, t.place = "x", True
        elif t.caps and len(letters) <= 3:
            t.role = "x"
        else:
            t.role = "C"
        out.append(t)
    for t in out:
        if t.role in "GC":
            t.titled = lines.titled(t.start)
    for k, (a, b) in enumerate(zip(out, out[1:], strict=False)):
        if not _GAP.fullmatch(text[a.end:b.start]):
            continue
        after_b = out[k + 2] if k + 2 < len(out) and _GAP.fullmatch(text[b.end:out[k + 2].start]) else None
        # "Muslim Navruzov": a stopword that is also a given name is one when a surname follows it.
        if a.stop_given and b.role == "S" and strong_surname(b.text, b.cyr) and lookup_given(a.text, a.cyr):
            a.role = "G"
        # "Жанель Шахан", "Shakhan Zhanel": a village's name beside a given name is a surname,
        # unless the given name has its own surname ("акима Алматы Ерболата Досаева").
        if a.place and b.role == "G" and (after_b is None or after_b.role not in "SCK"):
            a.role = "C"
        if b.place and a.role == "G":
            b.role = "C"
    return out


def runs(doc: Doc, toks: list[Token]) -> list[list[Token]]:
    """Adjacent name tokens: separated by one space, or by "#" in a bulletin's header."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    for t in toks:
        if t.role == "x":
            if cur:
                out.append(cur)
            cur = []
            continue
        if cur:
            gap = doc.match[cur[-1].end:t.start]
            if not (_GAP.fullmatch(gap) or gap.strip() in ("#", "⚡#") and "\n" not in gap):
                out.append(cur)
                cur = []
        cur.append(t)
    if cur:
        out.append(cur)
    return out


def _surn(t: Token) -> bool:
    """Surname-shaped, or an unknown word in capitals (monitors write surnames in capitals)."""
    return t.role in "SK" or (t.caps and t.role == "C" and len(t.text) >= 4)


def _pair(a: Token, b: Token, third: Token | None) -> dict[str, Token] | None:
    """The parts of a two-token name, or None when the pair is not one."""
    name = "GSCK"
    if a.role == "I" and b.role in name:
        return {"given": a, "surname": b}
    if b.role == "I" and a.role in name and not (third is not None and third.role in name):
        return {"surname": a, "given": b}  # not "the Senate M. Ashimbayev": that initial is the next name's
    if a.caps and not b.caps and _surn(a) and b.role in "GC":
        return {"surname": a, "given": b}
    if b.caps and not a.caps and a.role in "GC" and _surn(b):
        return {"given": a, "surname": b}
    if a.role == "G" and b.role == "G":
        return {"surname": a, "given": b} if a.caps and not b.caps else {"given": a, "surname": b}
    if a.role == "G" and b.role in "SCK" and not (b.role == "C" and b.cyr and not a.cyr):
        if b.role == "C" and a.titled and not b.caps:
            return None  # "Aigul Detained" in a headline in title case
        return {"given": a, "surname": b}
    if a.role == "G" and b.role == "P" and (third is None or third.role not in "SK"):
        return {"given": a, "surname": b}  # Belarusian -ich surnames: "Алеся Михалевича", "Yauhen Barysevich"
    if a.role in "SK" and b.role == "G" and (a.cyr or a.caps or strong_surname(a.text, False) or not a.text.endswith(("in", "yn"))):
        return {"surname": a, "given": b}  # not "Captain Serik": -in ends English words too
    if a.role == "C" and b.role == "S" and not a.caps and strong_surname(b.text, b.cyr):
        return {"given": a, "surname": b}
    if a.role == "S" and b.role == "C" and not b.caps and not a.caps and strong_surname(a.text, a.cyr):
        return {"surname": a, "given": b}
    if a.role == "C" and b.role == "K" and not a.caps:
        return {"given": a, "surname": b}  # «Дәулеткерей Кәпұлы»: -ұлы marks the surname
    if a.role == "C" and b.role == "G" and a.cyr and not a.caps and not a.sent_start and not a.titled and \
            (third is None or third.role not in "SK"):
        return {"surname": a, "given": b}  # «Матай Алмаз»: surname first, as Russian lists write it
    if a.after_noun and a.role in "CS" and b.role in "CS" and not a.titled:
        return {"surname": a, "given": b} if a.caps and not b.caps else {"given": a, "surname": b}
    return None


def parse_run(run: list[Token], doc: Doc) -> list[tuple[list[Token], dict[str, Token]]]:
    """Split a run of capitalised tokens into name mentions with their parts."""
    out = []
    i = 0
    while i < len(run):
        rest = run[i:]
        parts: dict[str, Token] | None = None
        n = 0
        if len(rest) >= 3:
            r0, r1, r2 = rest[:3]
            if _surn(r0) and r1.role in "GC" and r2.role in "PK":
                parts, n = {"surname": r0, "given": r1, "patronymic": r2}, 3
            elif r0.role in "GC" and r1.role in "PK" and (_surn(r2) or r2.role == "C" and r1.role == "K"):
                parts, n = {"given": r0, "patronymic": r1, "surname": r2}, 3
            elif r0.role == "S" and r1.role == "I" and r2.role == "I":
                parts, n = {"surname": r0, "given": r1}, 3
        # «Адвокат Байжанова Серик Жаксыбеков»: a surname, then a given name with its own surname;
        # the first word is someone else's (in the genitive), not this person's.
        split_first = len(rest) >= 3 and parts is None and rest[0].role in "SC" and rest[1].role == "G" and \
            rest[2].role in "SK" and not rest[0].caps and not rest[2].caps
        if parts is None and len(rest) >= 2 and not split_first:
            parts = _pair(rest[0], rest[1], rest[2] if len(rest) > 2 else None)
            n = 2 if parts else 0
        if parts is None:
            t = rest[0]
            n = 1
            if t.town:
                pass  # a town named after a person ("#Konayev", "в Сатпаеве") standing alone is the town
            elif t.role in "SK" and (t.caps or t.hashtag or t.after_noun):
                parts = {"surname": t}
            elif t.role in "SK":
                parts = {"surname": t, "link": t}
            elif t.role in "GC" and not t.caps:
                parts = {"given": t, "link": t}
        if parts:
            toks = rest[:n]
            last = toks[-1]
            if last.kk_base and last.role in "CG" and "link" not in parts:
                # The case ending is glued to the name's last word: "Дулат Ағаділді" -> Ағаділ.
                last.text, last.end, last.kk_base = last.kk_base, last.start + len(last.kk_base), None
            out.append((toks, parts))
        i += n
    return out
