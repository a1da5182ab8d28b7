"""Organizations with a kind: state bodies, courts, police, akimats, movements, parties.

Known organizations come from `kuzet/data/organizations.json`; courts, police
departments, akimats and prosecutor's offices are read by pattern and named
from their parts (so "Сарыаркинского районного суда №2" is stored in the
nominative); an unknown movement or party is found by the word before its
quoted name («Femina Virtute»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kuzet.extract.places import Place
from kuzet.resources import organizations
from kuzet.text.doc import Doc, Span

_W = r"[A-Z][\w'-]+"
_RW = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+"
_Q = r"[«\"“„](?P<q>[^«»\"“”„\n]{2,60})[»\"”“]"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("court", re.compile(rf"(?P<place>(?:(?:West|East|North|South)\s+)?{_W})\s+(?P<unit>[Dd]istrict|[Cc]ity|[Rr]egional|[Ii]nterdistrict)\s+[Cc]ourt(?:\s+No\.?\s?(?P<n>\d+))?")),
    # The lookahead lets the engine pass over positions no court name can start at.
    ("court", re.compile(rf"(?=[SsIiAaCc])(?P<pre>(?:[Ss]peciali[sz]ed\s+)?(?:[Ii]nter-?district\s+)?(?:[Aa]dministrative\s+|[Cc]riminal\s+)?)[Cc]ourt\s+(?:No\.?\s?(?P<n>\d+)\s+)?of\s+(?:the\s+)?(?P<place>{_W})(?:\s+(?P<unit>district|region|city))?")),
    ("court", re.compile(rf"(?P<adj>{_RW}ск)(?:ий|ого|ому|им|ом)\s+(?P<unit>районн|городск|областн|межрайонн)\w*\s+суд\w*(?:\s+№\s?(?P<n>\d+))?")),
    ("court", re.compile(rf"[Сс]уд\w*\s+№\s?(?P<n>\d+)\s+(?P<adj>{_RW}ск)(?:ого)\s+(?P<unit>район)\w*")),
    # Kazakh: "Орал қалалық сотында" -> "Орал қалалық соты"
    ("court", re.compile(rf"(?P<kkplace>{_RW})\s+(?P<kkunit>қалалық|аудандық|облыстық|ауданаралық)\s+сот\w*")),
    ("police", re.compile(rf"(?P<place>{_W})\s+(?P<unit>Regional|City|District)\s+Police\s+Department")),
    ("police", re.compile(rf"Police\s+Department\s+of\s+(?:the\s+)?(?P<place>{_W})(?:\s+(?P<unit>[Rr]egion|city|district))?")),
    ("police", re.compile(rf"[Дд]епартамент\w*\s+полиции\s+(?:(?P<adj>{_RW}ск)(?:ой|ая)\s+(?P<unit>област)\w*|(?:г\.|города)\s*(?P<place>{_RW}))")),
    ("police", re.compile(rf"(?:ДП|УП|ОП)\s+(?:(?P<adj>{_RW}ск)(?:ой)\s+(?P<unit>област)\w*|(?:г\.|города)\s*(?P<place>{_RW}))")),
    ("local_government", re.compile(rf"[Aa]kimat\s+of\s+(?:the\s+)?(?:city\s+of\s+)?(?P<place>{_W})(?:\s+(?P<unit>city|region|district))?")),
    ("local_government", re.compile(rf"(?P<place>{_W})\s+(?:(?P<unit>city|regional|district)\s+)?[Aa]kimat")),
    ("local_government", re.compile(rf"[Аа]кимат\w*\s+(?:(?:города|г\.)\s*(?P<place>{_RW})|(?P<adj>{_RW}ск)(?:ой|ая)\s+(?P<unit>област)\w*|(?P<place2>{_RW}))")),
    ("local_government", re.compile(r"(?<![\w-])(?:Akimat|Акимат\w*)(?![\w-])")),
    ("prosecutor", re.compile(rf"(?P<place>{_W})\s+(?:(?P<unit>Regional|City|District)\s+)?[Pp]rosecutor'?s'?\s+[Oo]ffice")),
    ("prosecutor", re.compile(rf"(?P<adj>{_RW}ск)(?:ой|ая|ую)\s+(?P<unit>районн|городск|областн)\w*\s+прокуратур\w*")),
    ("prosecutor", re.compile(rf"[Пп]рокуратур\w*\s+(?:(?:города|г\.)\s*(?P<place>{_RW})|(?P<adj>{_RW}ск)(?:ой)\s+(?P<unit>област)\w*)")),
]
# An unknown movement is a quoted name after a noun such as "movement": quotes are rare,
# so they are found first and the noun is looked for just before each.
_QUOTE = re.compile(_Q)
_NOUN_BEFORE = re.compile(r"(?<!\w)(?P<noun>movement|party|organi[sz]ation|association|foundation|union|initiative|group|fund|NGO|public association|newspaper|publication|outlet|media outlet|channel|движени\w*|парти\w*|организаци\w*|объединени\w*|фонд\w*|союз\w*|инициатив\w*|групп\w*|ОО|РОО|издани\w*|газет\w*|телеканал\w*)\s+(?:of\s+)?(?:the\s+)?$", re.I)
_NOUN_KIND = [
    (re.compile(r"part|парти", re.I), "political_party"),
    (re.compile(r"newspaper|publication|outlet|channel|издани|газет|телеканал", re.I), "media"),
]


@dataclass(slots=True)
class Organization:
    """An organization of one document: canonical name, kind and mentions."""

    name: str
    kind: str
    mentions: list[Span] = field(default_factory=list)


@cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, dict]]:
    names: dict[str, dict] = {}
    spelling: dict[str, str] = {}
    for org in organizations()["organizations"]:
        for n in org["names"]:
            names[n.lower()] = org
            spelling[n.lower()] = n
    alts = sorted(names, key=len, reverse=True)
    # Acronyms must match in capitals only ("NSC", not "nsc"); longer names in any case.
    parts = [re.escape(a) if len(a) > 5 else "(?-i:" + re.escape(spelling[a]) + ")" for a in alts]
    first = "".join(sorted({c for a in alts for c in (a[0].lower(), a[0].upper())}))
    return re.compile(r"(?=[" + re.escape(first) + r"])(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I), names


def _ru_place_name(adj: str) -> str:
    return adj[:1].upper() + adj[1:] + "ий"


def _name_of(kind: str, gd: dict, en: bool, context_city: str | None) -> str | None:
    n = gd.get("n")
    place = gd.get("place") or gd.get("place2")
    adj = gd.get("adj")
    unit = (gd.get("unit") or "").lower()
    if kind == "court":
        if gd.get("kkunit"):
            return f"{gd['kkplace']} {gd['kkunit']} соты"
        if en:
            if gd.get("pre"):
                # "specialized administrative court of Kokshetau": the court's own kind is part of its name.
                return " ".join(w[:1].upper() + w[1:].lower() for w in gd["pre"].split()) + f" Court of {place}"
            if unit in ("district", "city", "regional", "interdistrict", "region") and n:
                return f"Court No.{n} of the {place} {'district' if unit == 'district' else unit}"
            return f"{place} {unit.capitalize() + ' ' if unit else ''}Court" + (f" No.{n}" if n else "")
        level = {"районн": "районный", "район": "районный", "городск": "городской", "областн": "областной", "межрайонн": "межрайонный"}.get(unit, "районный")
        return f"{_ru_place_name(adj or '')} {level} суд" + (f" №{n}" if n else "")
    if kind == "police":
        if en:
            return f"{place} {unit.capitalize() if unit not in ('region', '') else 'Regional'} Police Department"
        if adj:
            return f"Департамент полиции {adj}ой области"
        return f"Департамент полиции города {place}"
    if kind == "local_government":
        if en:
            place = place or context_city
            return f"Akimat of {place}" if place else "Akimat"
        if adj:
            return f"Акимат {adj}ой области"
        place = place or context_city
        return f"Акимат города {place}" if place else "Акимат"
    if kind == "prosecutor":
        if en:
            return f"{place} {unit.capitalize() + ' ' if unit else ''}Prosecutor's Office"
        if adj:
            level = {"районн": "районная", "городск": "городская", "областн": "областная"}.get(unit, "областная")
            return f"{adj[:1].upper()}{adj[1:]}ая {level} прокуратура" if unit != "област" else f"Прокуратура {adj}ой области"
        return f"Прокуратура города {place}"
    return None


def find_organizations(doc: Doc, *, places: list[Place], exclude: list[Span]) -> list[Organization]:
    """Every organization the document names.

    places (list[Place]): the document's places, to name a bare "akimat" after its city.
    exclude (list[Span]): spans (person names) no organization may overlap.
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

    def add(start: int, end: int, name: str, kind: str) -> None:
        if any(s.start < end and start < s.end for s in exclude):
            return
        if any(a < end and start < b for a, b, _, _ in found):
            return
        found.append((start, end, name, kind))

    gaz, names = _gazetteer()
    not_orgs = {n.lower() for n in organizations()["not_organizations"]["names"]}
    for m in gaz.finditer(text):
        org = names[m.group().lower()]
        add(m.start(), m.end(), org["name"], org["kind"])
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            gd = m.groupdict()
            name = _name_of(kind, gd, en or not re.search(r"[а-яА-Я]", m.group()), city_near(m.start()))
            if name:
                add(m.start(), m.end(), name, kind)
    for m in _QUOTE.finditer(text):
        noun = _NOUN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        q = m["q"].strip()
        if noun is None or q.lower() in not_orgs:
            continue
        org_kind = next((k for r, k in _NOUN_KIND if r.search(noun["noun"])), "civil_society")
        qs = m.start("q")
        add(qs - 1, qs + len(m["q"]) + 1, q, org_kind)
    orgs: dict[str, Organization] = {}
    for start, end, name, kind in sorted(found):
        key = name.lower()
        orgs.setdefault(key, Organization(name, kind)).mentions.append(doc.span(start, end, "ORG"))
    return list(orgs.values())
