"""Organizations with a kind: state bodies, courts, police, akimats, movements, parties, media.

Known organizations come from the gazetteer (`org_gazetteer`), in any case form and,
for a body every country has, with its country. Courts, police, prosecutors,
akimats and penitentiary institutions are read by pattern (`org_patterns`). An unknown
movement, party, outlet or company is found by the word before or after its quoted
name («Femina Virtute», «...» қозғалысы), and an English name by its capitalised words
and head noun ("Front Line Defenders Foundation", "Embassy of the Netherlands").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kuzet.extract.org_gazetteer import ADJECTIVE_COUNTRY, country_of, gazetteer_hits, which
from kuzet.extract.org_patterns import BY_LANGUAGE, CUES, PATTERNS
from kuzet.extract.places import Place, lookup
from kuzet.resources import organizations
from kuzet.text.doc import Doc, Span
from kuzet.text.spans import Mask, Taken

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_Q = r"[«\"“„](?P<q>[^«»\"“”„\n]{2,60})[»\"”“]"
_QUOTE = re.compile(_Q)
# An unknown body is a quoted name after (or, in Kazakh and English, before) a noun such as "movement".
_NOUN_BEFORE = re.compile(
    r"(?<!\w)(?P<noun>movement|party|organi[sz]ation|association|foundation|union|initiative|group|fund|NGO|"
    r"public association|newspaper|publication|outlet|media outlet|channel|news agency|agency|company|LLP|JSC|LLC|"
    r"движени\w*|парти\w*|организаци\w*|объединени\w*|фонд\w*|союз\w*|инициатив\w*|групп\w*|ОО|РОО|ОФ|"
    r"издани\w*|газет\w*|телеканал\w*|канал\w*|информагентств\w*|агентств\w*|портал\w*|сайт\w*|паблик\w*|"
    r"центр\w*|компани\w*|ТОО|АО|ЖШС|АҚ)\s+(?:of\s+)?(?:the\s+)?$", re.I)
_NOUN_AFTER = re.compile(
    r"\s*(?P<noun>қозғалыс\w*|партия\w*|ұйым\w*|қор\w*|радио\w*|газет\w*|телеарна\w*|арна\w*|басылым\w*|"
    r"ЖШС|АҚ|movement|party|group|foundation|newspaper|channel)(?!\w)")
_NOUN_KIND = [
    (re.compile(r"part|парти", re.I), "political_party"),
    (re.compile(r"newspaper|publication|outlet|channel|agency|издани|газет|канал|агентств|портал|сайт|паблик|радио|арна|басылым", re.I), "media"),
    (re.compile(r"company|LLP|JSC|LLC|компани|ТОО|АО|ЖШС|АҚ"), "business"),
]
_COMPANY = re.compile(r"(?P<name>(?:[A-Z][\w&'.-]*\s+){1,3})(?P<form>LLP|JSC|LLC|Ltd|Inc|Bank)(?![\w-])"
                      rf"|(?P<pre>ТОО|АО|ЖШС|АҚ)\s+(?P<name2>[{_UP}][\w-]+(?:\s+[{_UP}][\w-]+)?)")
_COMPANY_FORM = re.compile(r"LLP|JSC|LLC|Ltd|Inc|Bank|ТОО|АО|ЖШС|АҚ")
_HEADS = (r"Committee|Bureau|Foundation|Fund|Party|Council|Agency|Service|Department|Ministry|Commission|Office|"
          r"Cent(?:er|re)|Institute|Union|Movement|Association|Inspectorate|Administration|Directorate|Assembly|"
          r"Network|Coalition|Initiative|Alliance|Federation|Society|Front|Embassy|Consulate|Tribunal")
_HEAD_LAST = re.compile(
    rf"(?<![\w'-])(?P<words>[A-Z][\w'&.-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*(?:[A-Z][\w'&.-]*|\d+)){{0,4}})"
    rf"\s+(?P<head>{_HEADS}|movement|party|group|initiative)(?![\w-])"
    r"(?P<tail>\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w'-]*(?:\s+(?:of|and|the|for)(?=\s+[A-Z]))?\s*){1,5}"
    r"(?:(?:city|region|district|oblast)\b)?)?")
_HEAD_FIRST = re.compile(
    rf"(?<![\w-])(?P<head>{_HEADS})\s+(?P<prep>of|for|on)\s+(?:the\s+)?"
    r"(?P<tail>(?:(?:[A-Z][\w'-]*|\d+)(?:\s+(?:of|and|the|for)(?=\s+(?:the\s+)?[A-Z]))?(?:\s+the)?\s*){1,6}"
    r"(?:(?:city|region|district|oblast)\b)?)")
_EMBASSY = re.compile(r"(?P<c>EU|US|U\.S\.|UK|[A-Z][a-z]+)\s+[Ee]mbassy(?![\w-])")
_GENERIC = frozenset(["the", "a", "an", "this", "that", "these", "its", "his", "her", "their", "our", "police", "city", "district", "regional", "region", "state", "national", "local", "main", "central", "public", "special", "internal", "affairs", "general", "deputy", "head", "chief", "former", "new", "same", "government", "of", "for", "and", "on", "first", "second", "third", "last", "acting", "interim"])
_FUNCTION = frozenset(["the", "a", "an", "in", "on", "at", "for", "from", "by", "to", "of", "and", "or", "but", "as", "this", "that", "after", "before", "during", "when", "while"])
_PLURAL_AKIMATS = re.compile(
    rf"(?:[Aa]kimats\s+of\s+(?:the\s+)?(?:cities\s+of\s+)?(?P<a>[A-Z][\w-]+)\s+and\s+(?P<b>[A-Z][\w-]+)"
    rf"|[Аа]кимат(?:ы|ов|ам|ами|ах)\s+(?:городов\s+|г\.\s*)?(?P<ra>[{_UP}][\w-]+)\s+и\s+(?P<rb>[{_UP}][\w-]+)"
    rf"|(?P<ka>[{_UP}][\w-]+)\s+(?:және|мен)\s+(?P<kb>[{_UP}][\w-]+)\s+(?:қалаларының\s+)?әкімдіктер\w*)")
_COMPASS = re.compile(r"(?:North|South|East|West)(?:ern)?(?:-(?:North|South|East|West)(?:ern)?)?")
_LONE_AKIMAT = re.compile(r"(?<![\w-])(?:Akimat|Акимат\w*)(?![\w-])")
@dataclass(slots=True)
class Organization:
    """An organization of one document: canonical name, kind and mentions."""

    name: str
    kind: str
    mentions: list[Span] = field(default_factory=list)


def _quoted_hits(text: str, not_orgs: set[str]) -> list[tuple[int, int, str, str]]:
    hits = []
    for m in _QUOTE.finditer(text):
        q = m["q"].strip()
        if q.lower() in not_orgs:
            continue
        noun = _NOUN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        after = _NOUN_AFTER.match(text, m.end())
        word = noun["noun"] if noun else after["noun"] if after else None
        if word is None:
            continue
        kind = next((k for r, k in _NOUN_KIND if r.search(word)), "civil_society")
        qs = m.start("q")
        hits.append((qs - 1, qs + len(m["q"]) + 1, q, kind))
    return hits


def named_organization_spans(text: str) -> list[tuple[int, int]]:
    """Spans of organizations named as such (known names, quoted names): no place is read inside them."""
    not_orgs = {n.lower() for n in organizations()["not_organizations"]["names"]}
    return [(s, e) for s, e, _, _ in gazetteer_hits(text) + _quoted_hits(text, not_orgs)]


def _place_ok(gd: dict) -> bool:
    """A pattern's place word must be a place, unless the pattern also read a level ("South-Eastern district")."""
    place = gd.get("place") or gd.get("place2")
    if not place:
        return True
    first = place.split()[0].lower()
    if first in _GENERIC or first in _FUNCTION:
        return False
    if _COMPASS.fullmatch(place):
        return True  # "South-Eastern police department": a department named for its part of a city
    return bool(gd.get("unit") or gd.get("tail") or lookup(place, kazakh=True) or _is_district(place))


def _is_district(word: str) -> bool:
    from kuzet.extract.places import _districts

    return word.lower() in _districts()


def _head_name(m: re.Match[str], text: str) -> tuple[str, int] | None:
    """The name a capitalised phrase with a head noun gives, or None when it is only generic words,
    a headline in Title Case ("Links To Banned Opposition Movement") or a place ("Soviet Union")."""
    spans = [(w.start(), w.group()) for w in re.finditer(r"\S+", m["words"])]
    # "Members of the Zhana Kadam movement": the name is the capitalised run just before the head.
    last = max((i for i, (_, w) in enumerate(spans) if w in _CONNECTORS), default=-1)
    spans = spans[last + 1:]
    while spans and spans[0][1].lower() in _FUNCTION:
        spans = spans[1:]
    if not spans:
        return None
    start = m.start("words") + spans[0][0]
    words = [w for _, w in spans]
    if not words:
        return None
    tail = " ".join((m["tail"] or "").split())
    if any(w in _TITLE_FUNCTION for w in words[1:] + tail.split()):
        return None
    if all(w.lower() in _GENERIC for w in words) and not tail:
        return None
    head = m["head"]
    if head.islower():
        # "Article 14 movement", "the FeminaVirtute group": the name is the words; one word must be a name,
        # not an adjective opening a sentence ("Peaceful movement") or a people ("Kazakh group").
        if len(words) == 1 and (_sentence_start(text, start) or words[0].lower() in ADJECTIVE_COUNTRY or lookup(words[0])):
            return None
        return " ".join(words), start
    name = " ".join([*words, head] + ([tail] if tail else []))
    return None if lookup(name) else (name, start)


_CONNECTORS = frozenset({"of", "for", "and", "on", "the"})
_TITLE_FUNCTION = frozenset({"To", "Of", "For", "And", "On", "In", "With", "By", "At", "From", "The", "A", "An", "As", "Over"})


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \t\"'“«(")
    return not before or before[-1] in ".!?\n:"


def find_organizations(doc: Doc, *, places: list[Place], exclude: list[Span]) -> list[Organization]:
    """Every organization the document names.

    places (list[Place]): the document's places, to name a bare "akimat" after its city.
    exclude (list[Span]): spans (person names, law articles) no organization may overlap.
    RETURNS (list[Organization]): one entry per organization, in order of first mention.
    """
    text = doc.match
    en = doc.language == "en"
    found: list[tuple[int, int, str, str]] = []
    city_mentions = sorted(
        ((m.start, p.entry) for p in places for m in p.mentions if p.entry["kind"] in ("city", "district")),
        key=lambda x: x[0],
    )

    def city_near(pos: int) -> str | None:
        before = [e for s, e in city_mentions if s < pos]
        entry = before[-1] if before else (city_mentions[0][1] if city_mentions else None)
        if entry is None:
            return None
        name = entry.get("city") or entry["name"]
        if en:
            return name
        ru = next((n for n in entry["names"] if re.fullmatch(r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+", n)), None)
        return ru or name

    keys: dict[int, tuple] = {}
    blocked, taken = Mask(len(text), [(s.start, s.end) for s in exclude]), Taken()

    def add(start: int, end: int, name: str, kind: str, key: tuple | None = None) -> None:
        while end > start and text[end - 1] in " ,.;:":
            end -= 1
        if not blocked.free(start, end) or not taken.free(start, end):
            return
        found.append((start, end, name, kind))
        taken.add(start, end)
        if key:
            keys[start] = key

    not_orgs = {n.lower() for n in organizations()["not_organizations"]["names"]}
    not_orgs |= {s.text.lower() for s in exclude if s.label == "PER"}
    for m in _EMBASSY.finditer(text):
        country = m["c"] if m["c"] in ("EU", "US", "U.S.", "UK") else (country_of(m["c"]) or {}).get("name")
        if country:
            add(m.start(), m.end(), f"{country} Embassy", "other")
    # A quoted name after a noun is one name even when a known one is inside it («Ак Жол Жастары»).
    for start, end, name, kind in _quoted_hits(text, not_orgs):
        org = which(name)
        add(start, end, org["name"] if org else name, org["kind"] if org else kind)
    for hit in gazetteer_hits(text):
        add(*hit)
    for m in _PLURAL_AKIMATS.finditer(text) if "kimats" in text or "кимат" in text or "әкімдіктер" in text else ():
        a, b = (m["a"], m["b"]) if m["a"] else (m["ra"], m["rb"]) if m["ra"] else (m["ka"], m["kb"])
        if lookup(a, kazakh=True) and lookup(b, kazakh=True):
            cyr = not m["a"]
            add(m.start(), m.start(1 if m["a"] else 3 if m["ra"] else 5) + len(a), f"Акимат города {a}" if cyr else f"Akimat of {a}", "local_government")
            add(m.start(2 if m["a"] else 4 if m["ra"] else 6), m.end(2 if m["a"] else 4 if m["ra"] else 6),
                f"Акимат города {b}" if cyr else f"Akimat of {b}", "local_government")
    windows = _windows(text)
    for p in BY_LANGUAGE.get(doc.language, PATTERNS):
        for m in (m for lo, hi in windows[p.kind] for m in p.rx.finditer(text, lo, hi)):
            gd = m.groupdict()
            if not _place_ok(gd):
                continue
            name = p.name(gd)
            if name:
                add(m.start(), m.end(), " ".join(name.split()), p.kind, _body_key(p.kind, m.group(), gd))
    for m in _COMPANY.finditer(text) if _COMPANY_FORM.search(text) else ():
        if m["name"]:
            words = [w for w in m["name"].split() if w.lower() not in _FUNCTION]
            if words:
                add(m.end() - len(" ".join(words)) - len(m["form"]) - 1, m.end(), " ".join(words) + " " + m["form"], "business")
        else:
            add(m.start(), m.end(), f"{m['pre']} {m['name2']}", "business")
    if en:
        for rx in (_HEAD_LAST, _HEAD_FIRST):
            for m in rx.finditer(text):
                hit = _head_name(m, text) if rx is _HEAD_LAST else (
                    f"{m['head']} {m['prep']} {' '.join(m['tail'].split()).removesuffix(' the').removesuffix(' of').removesuffix(' and')}",
                    m.start())
                if hit:
                    add(hit[1], m.end(), hit[0], _head_kind(m["head"]))
    for m in _LONE_AKIMAT.finditer(text):
        place = city_near(m.start())
        name = ("Akimat of " + place if place else "Akimat") if en or not re.search(r"[а-яА-Я]", m.group()) else \
            ("Акимат города " + place if place else "Акимат")
        add(m.start(), m.end(), name, "local_government")
    orgs: dict[object, Organization] = {}
    for start, end, name, kind in sorted(found):
        key = keys.get(start) or name.lower()
        org = orgs.get(key) or orgs.get(name.lower())
        if org is None:
            org = Organization(name, kind)
            orgs[name.lower()] = org
            if key != name.lower():
                orgs[key] = org
        org.mentions.append(doc.span(start, end, "ORG"))
    return list({id(o): o for o in orgs.values()}.values())


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each kind, the stretches of text around its cue words, merged, from a word start to a word end.

    The cues are found with `str.find` on the lower-cased text: forty literal scans in C cost less
    than one regex alternation tried at every position.
    """
    low = text.lower()
    out: dict[str, list[tuple[int, int]]] = {}
    for kind, cues in CUES.items():
        hits = []
        for cue in cues:
            word, caps = cue.lower(), not cue.islower()
            i = low.find(word)
            while i >= 0:
                if (i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "-_")) and (not caps or text.startswith(cue, i)):
                    hits.append((i, i + len(word)))
                i = low.find(word, i + 1)
        spans: list[tuple[int, int]] = []
        for start, end in sorted(hits):
            lo = text.rfind(" ", 0, max(0, start - 80)) + 1
            hi = text.find(" ", end + 60)
            hi = len(text) if hi < 0 else hi
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
            else:
                spans.append((lo, hi))
        out[kind] = spans
    return out


@cache
def _levels() -> list[tuple[str, str]]:
    table = organizations()["levels"]
    return sorted(((w, lvl) for lvl, ws in table.items() if not lvl.startswith("_") for w in ws), key=lambda p: -len(p[0]))


def _level(word: str) -> str | None:
    w = word.lower()
    return next((lvl for start, lvl in _levels() if w == start or (len(start) > 2 and w.startswith(start))), None)


def _body_key(kind: str, matched: str, gd: dict) -> tuple | None:
    """What makes two pattern-read bodies one: kind, place, tier, specialisation and number.

    "суд в городе Атырау" and "Атырауского суда" are one court: a city's court named
    without a level is its city court.
    """
    from kuzet.extract.places import lookup_adjective

    place = None
    if gd.get("adj"):
        place = lookup_adjective(gd["adj"] + "ий") or lookup(gd["adj"] + "ий")
    for g in ("place", "place2", "kkplace"):
        if place is None and gd.get(g):
            place = lookup(gd[g], kazakh=True) or (_is_district(gd[g]) and {"name": gd[g].lower(), "kind": "district"}) or None
    if place is None:
        return None
    words = re.findall(r"[\w-]+", matched)
    levels = {lvl for w in words if (lvl := _level(w))}
    tier = "regional" if "regional" in levels else "district" if "district" in levels or place["kind"] == "district" else "city"
    what = (gd.get("what") or "")[:6].lower()  # an akimat's internal policy department is not the akimat
    return (kind, what, place["name"], tier, frozenset(levels - {"city", "district", "regional"}), gd.get("n"))


def _head_kind(head: str) -> str:
    low = head.lower()
    if low == "party":
        return "political_party"
    if low in ("ministry", "embassy", "consulate", "agency", "service", "inspectorate", "administration", "directorate"):
        return "central_government"
    if low == "tribunal":
        return "court"
    return "civil_society" if low in ("foundation", "fund", "movement", "association", "initiative", "network",
                                      "coalition", "alliance", "society", "front", "union") else "other"
