"""Persons in every convention monitors use, grouped into one entry per person.

"Kuandyk KUMEKBAYEV", "ZHAKUPOVA Aliya", "#YNTYMAKOVA", "Zhanna #YNTYMAKOVA",
"BAYPAKOV A.", "PAZYLOV Bolat Seitovich", "Алию Жакупову". A run of adjacent
capitalised tokens is parsed by the roles of its tokens (known given name,
surname-shaped, patronymic, initial); single surnames or given names only link
to a person the document names in full, so a capitalised word is not a person
because it starts a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from kuzet.extract.places import lookup as lookup_place
from kuzet.lang.kk.names import strip_case
from kuzet.lang.ru.names import (
    KAZ_INVARIANT,
    PATRONYMIC_RE,
    SURNAME_RE,
    given_nominative,
    patronymic_nominative,
    surname_gender,
    surname_nominative,
    title_case,
)
from kuzet.lang.translit import skeleton
from kuzet.resources import descriptor_pattern, given_names, place_index, stopwords
from kuzet.text.chars import is_cyrillic
from kuzet.text.doc import Doc, Span

# Only capitalised words can be part of a name, so only they become tokens (most words
# of a text are skipped inside the regex engine); the lookbehinds keep "a-Zhanna" whole.
_TOKEN = re.compile(r"(?<![^\W\d_])(?<![^\W\d_][-'])(?:[^\W\d_a-zа-яёәғқңөұүһі]\.(?:\s?[^\W\d_a-zа-яёәғқңөұүһі]\.)?"
                    r"|#?[^\W\d_a-zа-яёәғқңөұүһі][^\W\d_]*(?:[-'][^\W\d_]+)*(?:'s?)?)")
# Short quoted strings name movements, chats and nicknames («Femina Virtute», «Almas»), not persons.
_QUOTED = re.compile(r"[«\"“„][^«»\"“”„\n]{1,60}[»\"”“]")
_LAT_SURNAME = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|iev|ieva|in|ina|yn|yna|uly|uli|kyzy|qyzy|sky|skaya|skiy|enko|chuk)$", re.I)
_LAT_STRONG = re.compile(r"(?:ov|ova|ev|eva|uly|kyzy|qyzy)$", re.I)
_LAT_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|ich)$", re.I)
_GAP = re.compile(r"[ \t]?")
# Words after which a town's name stands, not a person's ("in Konayev", "в Сатпаеве", "г. Конаев").
_BEFORE_PLACE = re.compile(r"(?:\b(?:in|from|near|to|city of|town of|в|во|из|под|город[ае]?|г\.|қаласы)|#)\s*$", re.I)


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    hashtag: bool
    initial: bool
    caps: bool
    cyr: bool
    role: str = "C"  # G given, S surname-shaped, P patronymic, I initial, C other capitalised
    town: bool = False  # a gazetteer town named after a person, written where a place goes ("#Konayev", "в Сатпаеве")


@dataclass(slots=True)
class NameMention:
    """One mention of a person with the parts the text gives."""

    span: Span
    surname: str | None
    given: str | None
    patronymic: str | None
    cyr: bool
    link_only: bool = False


@dataclass(slots=True)
class Person:
    """A person of one document: normalised parts, descriptors and every mention."""

    surname: str | None
    given: str | None
    patronymic: str | None
    gender: str
    mentions: list[NameMention] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    official: bool = False

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given, self.patronymic, self.surname) if p)

    @property
    def key(self) -> str:
        return skeleton(self.surname or self.given or "")


def _is_surname_shaped(t: Token) -> bool:
    if t.cyr:
        low = t.text.lower()
        return len(low) >= 5 and bool(SURNAME_RE.match(low) or KAZ_INVARIANT.search(low)) and not PATRONYMIC_RE.match(low)
    return len(t.text) >= 4 and bool(_LAT_SURNAME.search(t.text)) and not _LAT_PATRONYMIC.search(t.text)


def _strong(t: Token) -> bool:
    """A surname ending that is rarely anything else (-ov, -eva, -uly; any Cyrillic surname form)."""
    return t.cyr or bool(_LAT_STRONG.search(t.text))


def _is_patronymic(t: Token) -> bool:
    if t.cyr:
        return bool(PATRONYMIC_RE.match(t.text.lower())) and len(t.text) > 6
    return bool(_LAT_PATRONYMIC.search(t.text)) and len(t.text) > 6


def _is_name_word(t: Token, names: dict) -> bool:
    return t.text.lower().replace("ё", "е") in names or _is_surname_shaped(t)


def _kazakh_base(t: Token, names: dict) -> str:
    """The token without a Kazakh case ending ("Сапаровты" -> "Сапаров") when the rest is a name."""
    return strip_case(t.text, lambda b: _is_name_word(Token(t.start, t.start + len(b), b, False, False, t.caps, True), names))


def _tokens(doc: Doc) -> list[Token]:
    kazakh = doc.language == "kk"
    stops = stopwords()
    places = place_index()
    names = given_names()
    out = []
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(doc.match)]
    for m in _TOKEN.finditer(doc.match):
        if any(a < m.start() < b for a, b in quoted):
            out.append(Token(m.start(), m.end(), m.group(), False, False, False, False, role="x"))
            continue
        raw = m.group()
        start, end = m.start(), m.end()
        hashtag = raw.startswith("#")
        if hashtag:
            raw, start = raw[1:], start + 1
        if raw.endswith("'s") or raw.endswith("'"):
            cut = 2 if raw.endswith("'s") else 1
            raw, end = raw[:-cut], end - cut
        if not raw or not raw[0].isupper():
            continue  # lower-case words never join a name; the gap test in _runs splits there
        initial = raw.endswith(".")
        letters = raw.replace("-", "").replace("'", "")
        t = Token(start, end, raw, hashtag, initial, letters.isupper() and len(letters) > 1, is_cyrillic(raw))
        if kazakh and t.cyr and not initial and not _is_name_word(t, names):
            raw = _kazakh_base(t, names)
            t.text, t.end = raw, start + len(raw)
        low = raw.lower()
        if initial:
            t.role = "I"
        elif low in stops or raw in stops:
            t.role = "x"
        elif low.replace("ё", "е") in names and not (t.caps and _is_surname_shaped(t)):
            t.role = "G"
        elif _is_patronymic(t):
            t.role = "P"
        elif _is_surname_shaped(t):
            t.role = "S"
            t.town = not t.caps and bool(_BEFORE_PLACE.search(doc.match[max(0, m.start() - 10):start])) and \
                lookup_place(raw) is not None
        elif low.replace("ё", "е") in places and not t.caps or t.caps and len(letters) <= 3:
            t.role = "x"
        else:
            t.role = "C"
        out.append(t)
    return out


def _runs(doc: Doc, tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        if t.role == "x":
            if cur:
                runs.append(cur)
            cur = []
            continue
        if cur:
            gap = doc.match[cur[-1].end:t.start]
            if not (_GAP.fullmatch(gap) or gap.strip() in ("#", "⚡#") and "\n" not in gap):
                runs.append(cur)
                cur = []
        cur.append(t)
    if cur:
        runs.append(cur)
    return runs


def _surname_like(t: Token) -> bool:
    """Surname-shaped, or an unknown word in capitals (monitors write surnames in capitals)."""
    return t.role == "S" or (t.caps and t.role == "C" and len(t.text) >= 4)


def _parse_run(run: list[Token]) -> list[tuple[list[Token], dict[str, Token]]]:
    """Split a run of capitalised tokens into name mentions with their parts."""
    out = []
    i = 0
    while i < len(run):
        rest = run[i:]
        roles = "".join(t.role for t in rest[:3])
        caps = [t.caps for t in rest[:3]]
        parts: dict[str, Token] | None = None
        n = 0
        surn = _surname_like
        if len(rest) >= 3 and surn(rest[0]) and rest[1].role in "GC" and rest[2].role == "P":
            parts, n = {"surname": rest[0], "given": rest[1], "patronymic": rest[2]}, 3
        elif len(rest) >= 3 and rest[0].role in "GC" and rest[1].role == "P" and surn(rest[2]):
            parts, n = {"given": rest[0], "patronymic": rest[1], "surname": rest[2]}, 3
        elif len(rest) >= 3 and roles == "SII":
            parts, n = {"surname": rest[0], "given": rest[1]}, 3
        elif len(rest) >= 2:
            a, b = rest[0], rest[1]
            if a.role == "I" and (surn(b) or b.role == "C"):
                parts = {"given": a, "surname": b}
            elif surn(a) and b.role == "I" or caps[0] and not caps[1] and surn(a) and b.role in "GC":
                parts = {"surname": a, "given": b}
            elif caps[1] and not caps[0] and a.role in "GC" and surn(b) or a.role == "G" and b.role in "SC" and not (b.role == "C" and b.cyr and not a.cyr):
                parts = {"given": a, "surname": b}
            elif a.role == "S" and b.role == "G":
                parts = {"surname": a, "given": b}
            elif a.role == "C" and b.role == "S" and not a.caps and _strong(b):
                parts = {"given": a, "surname": b}
            elif a.role == "S" and b.role == "C" and not b.caps and not a.caps and _strong(a):
                parts = {"surname": a, "given": b}
            n = 2 if parts else 0
        if parts is None:
            t = rest[0]
            if t.town:
                # A town named after a person ("#Konayev", "в Сатпаеве") standing alone is the town.
                n = 1
            elif t.role == "S" and (t.caps or t.hashtag):
                parts, n = {"surname": t}, 1
            elif t.role == "S":
                parts, n = {"surname": t, "link": t}, 1
            elif t.role in "GC" and not t.caps:
                parts, n = {"given": t, "link": t}, 1
            else:
                n = 1
        if parts:
            out.append((rest[:n], parts))
        i += n
    return out


def _normalise(parts: dict[str, Token], kazakh: bool = False) -> tuple[str | None, str | None, str | None, str]:
    given_t, sur_t, pat_t = parts.get("given"), parts.get("surname"), parts.get("patronymic")
    gender = "u"
    given = surname = patronymic = None
    if kazakh:
        # Kazakh names are nominative once the case ending is cut (see _tokens); Russian
        # morphology would misread them ("Гүлнар" as a plural genitive of "Гүлнара").
        given = (given_t.text if given_t.initial else title_case(given_t.text)) if given_t else None
        surname = title_case(sur_t.text) if sur_t else None
        patronymic = pat_t.text if pat_t else None
        known = given_names().get(given.lower()) if given else None
        gender = known[1] if known else surname_gender(surname) if surname else "u"
        return surname, given, patronymic, gender
    if given_t:
        if given_t.initial:
            given = given_t.text.replace(" ", "")
        else:
            nom, gender, _ = given_nominative(given_t.text) if given_t.cyr else (given_t.text, "u", False)
            if not given_t.cyr:
                known = given_names().get(given_t.text.lower())
                gender = known[1] if known else "u"
            given = nom[:1].upper() + nom[1:].lower() if not given_t.cyr else nom
    if sur_t:
        if sur_t.cyr:
            if gender == "u":
                gender = surname_gender(sur_t.text)
            surname = surname_nominative(sur_t.text, gender)
        else:
            surname = "-".join(p[:1].upper() + p[1:].lower() for p in sur_t.text.split("-"))
            if gender == "u":
                gender = "f" if re.search(r"(?:ova|eva|ina|yna|skaya|kyzy)$", surname, re.I) else "u"
    if pat_t:
        patronymic = patronymic_nominative(pat_t.text, gender) if pat_t.cyr else pat_t.text.capitalize()
    return surname, given, patronymic, gender


def _compatible(p: Person, given: str | None) -> bool:
    if not given or not p.given:
        return True
    a, b = given.rstrip("."), p.given.rstrip(".")
    if len(a) == 1 or len(b) == 1 or a.endswith(".") or "." in given or "." in p.given:
        return skeleton(a)[:1] == skeleton(b)[:1]
    return skeleton(a) == skeleton(b) or skeleton(a)[:4] == skeleton(b)[:4]


def _descriptors(doc: Doc, span: Span, floor: int) -> list[tuple[str, str]]:
    pattern, phrases = descriptor_pattern()
    found = []
    window_start = max(floor, span.start - 90)
    before = doc.match[window_start:span.start]
    last = None
    for m in pattern.finditer(before):
        last = m
    if last is not None:
        between = before[last.end():]
        if re.fullmatch(r"(?:\s+(?:of|of the|in|из|г\.|города|района)?\s*[\w.\-]+(?:\s+(?:city|district|region|района|области))?)?[\s,:—–\-#⚡]*", between):
            d = phrases[last.group().lower()]
            found.append((d["en"], d["role"]))
    after = doc.match[span.end:span.end + 60]
    m = re.match(r"\s*[,—–(-]\s*(?:a |an |the )?", after)
    if m:
        m2 = pattern.match(after, m.end())
        if m2:
            d = phrases[m2.group().lower()]
            found.append((d["en"], d["role"]))
    return found


def find_persons(doc: Doc, *, sentence_starts: list[int] | None = None) -> list[Person]:
    """Every person the document names, with all their mentions.

    doc (Doc): the document. sentence_starts (list[int] | None): offsets that bound descriptor search.
    RETURNS (list[Person]): persons in order of first mention.
    """
    mentions: list[tuple[NameMention, dict[str, Token]]] = []
    for run in _runs(doc, _tokens(doc)):
        for toks, parts in _parse_run(run):
            surname, given, patronymic, gender = _normalise(parts, doc.language == "kk")
            span = doc.span(toks[0].start - (1 if toks[0].hashtag else 0), toks[-1].end, "PER")
            nm = NameMention(span, surname, given, patronymic, toks[0].cyr, link_only="link" in parts)
            mentions.append((nm, {"gender": gender}))  # type: ignore[dict-item]
    persons: list[Person] = []
    for nm, meta in mentions:
        if nm.link_only:
            continue
        key = skeleton(nm.surname or "")
        match = next((p for p in persons if p.key == key and _compatible(p, nm.given)), None)
        if match is None:
            match = Person(nm.surname, nm.given, nm.patronymic, str(meta["gender"]))
            persons.append(match)
        match.mentions.append(nm)
    for nm, _meta in mentions:
        if not nm.link_only:
            continue
        if nm.surname:
            cands = [p for p in persons if p.key == skeleton(nm.surname)]
        else:
            sk = skeleton(nm.given or "")
            cands = [p for p in persons if p.given and skeleton(p.given) == sk]
        if len(cands) == 1:
            cands[0].mentions.append(nm)
    starts = sorted(sentence_starts or [0])
    for p in persons:
        p.mentions.sort(key=lambda m: m.span.start)
        _settle_parts(p)
        for nm in p.mentions:
            i = bisect.bisect_right(starts, nm.span.start)
            floor = starts[i - 1] if i else 0
            for desc, role in _descriptors(doc, nm.span, floor):
                if desc not in p.descriptors:
                    p.descriptors.append(desc)
                p.official = p.official or role == "official"
    persons.sort(key=lambda p: p.mentions[0].span.start)
    return persons


def _settle_parts(p: Person) -> None:
    """Choose the display parts from all mentions: full given names over initials, the commonest spelling."""
    givens = Counter(m.given for m in p.mentions if m.given and not m.given.endswith("."))
    if givens:
        p.given = givens.most_common(1)[0][0]
    elif not p.given:
        p.given = next((m.given for m in p.mentions if m.given), None)
    pats = [m.patronymic for m in p.mentions if m.patronymic]
    if pats:
        p.patronymic = pats[0]
    surnames = Counter(m.surname for m in p.mentions if m.surname)
    if surnames:
        p.surname = surnames.most_common(1)[0][0]
    if p.gender == "u" and p.given:
        known = given_names().get(p.given.lower())
        if known and known[1] != "u":
            p.gender = known[1]
    # A Russian surname read before the gender was known is re-inflected once it is.
    if p.surname and is_cyrillic(p.surname) and p.gender in ("m", "f"):
        forms = [m.span.text for m in p.mentions if m.surname]
        raw = next((f.split()[0] if skeleton(f.split()[0]) == p.key else f.split()[-1] for f in forms), None)
        if raw:
            p.surname = surname_nominative(raw.lstrip("#"), p.gender)
