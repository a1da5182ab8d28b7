"""Places from the gazetteer: countries, regions, cities, villages and districts.

Russian case endings are stripped before lookup ("в Уральске" -> Уральск,
"Мангистауской области" -> Мангистауская область), Kazakh ones too ("Ақтауда"
-> Ақтау); "X region" / «X облысы» is always the region, never the city X; a
court's district ("Saryarka district", "Сарыаркинский районный суд") resolves to
its city. A district or village the gazetteer lacks is still a place when the text
says what it is ("Tupkaragan district", «село Косестек»): it is kept with no
coordinates. Small villages of the gazetteer (`needs_cue`) are read only after
such a word, since many are named after people.

A place is not read inside an organization's own name (the country in
"Democratic Choice of Kazakhstan"), nor from a word of a person's name the
document gives unless a place word goes before it ("a city of Satpayev").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kuzet.lang.translit import fold_kazakh
from kuzet.resources import place_index
from kuzet.text.doc import Doc, Span
from kuzet.text.spans import Mask, Taken

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_CAND = re.compile(rf"#?[{_UP}][\w'’]*(?:-[\w'’]+)*(?:\s+[{_UP}][\w'’]*(?:-[\w'’]+)*){{0,2}}")
_RU_REGION = re.compile(r"([А-ЯЁ][\w-]+?)(?:ая|ой|ую|ою)\s+област\w*")
_RU_KRAI = re.compile(r"([А-ЯЁ][\w-]+?)(?:ий|ого|ому|им|ом)\s+кра(?:й|я|ю|ем|е)\b")
_EN_REGION = re.compile(r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince)\b")
_KK_REGION = re.compile(r"([А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)?)\s+облыс\w*")
_EN_DISTRICT = re.compile(r"([A-Z][\w'-]+)\s+[Dd]istrict\b")
_RU_DISTRICT = re.compile(r"([А-ЯЁ][\w-]+?[сц]к)(?:ий|ого|ому|им|ом)\s+(?:районн\w+|район\w*)")
_KK_DISTRICT = re.compile(r"([А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)\s+аудан(?!аралық)\w*")
# A word that says the next name is a settlement, and Kazakh/English words that say so after it.
_SETTLEMENT_BEFORE = re.compile(
    r"(?<![\w-])(?:сел[оауе]|селом|пос[её]л(?:ок|ка|ке|ком)|пос\.|с\.|п\.|аул[аеу]?|деревн[яиюе]|"
    r"[Vv]illage(?:\s+of)?|[Ss]ettlement(?:\s+of)?|[Tt]own\s+of)\s+(?P<name>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]+)")
_SETTLEMENT_AFTER = re.compile(
    r"(?P<name>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]+)\s+(?:ауыл\w*|кент\w*|елді\s+мекен\w*|[Vv]illage\b|[Ss]ettlement\b)")
_SETTLEMENT_WORD = re.compile(r"сел|посел|посёл|пос\.|с\.|п\.|аул|деревн|village|settlement|town of|ауыл|кент|мекен")
# Words after which a person's name is a place: "в г. Конаев", "из Сатпаева", "in Satpayev".
_PLACE_CUE = re.compile(r"(?:\b(?:в|во|из|до|на|под|г\.|город[аеу]?|in|from|to|near|city\s+of|town\s+of)|г\.)\s*$", re.I)
_CODE_BEFORE = re.compile(r"(?:УК|КоАП|УПК|ГК|ГПК|АППК|УИК|CC|CAO|ҚК|ӘҚБтК|Конституци\w*)\s*$", re.I)
# "monument to Abay", «сквер имени Абая», «Абай атындағы»: a person a thing is named after, not a place.
_NAMED_AFTER = re.compile(r"(?:monument\s+to|named\s+after|statue\s+of|имени|памятник\w*|улиц[аеуы]|ул\.|проспект\w*|пр\.|street|avenue)\s*$", re.I)
_NAMED_AFTER_KK = re.compile(r"\s+(?:атында\w*|ескерткіш\w*|көшесі\w*|даңғылы\w*|street|[Ss]treet|[Aa]venue|улиц\w*|[Hh]otel|[Ss]quare)")
# After a district's name, a body's noun: "Karatau district court" names the court, the district stays as known.
_BODY_AFTER = re.compile(r"\s*(?:court|police|prosecutor|akimat|суд|полиц|прокурат|акимат|сот|полиция|прокуратура|әкімдіг|ІІБ|ПБ)", re.I)
_NAME_GOES_ON = re.compile(r"\s+(?:[A-Z]|(?:city|region|district|oblast|court|police|akimat|prosecutor)\b)")
_REGION_OF = re.compile(r"[Rr]egion\s+of\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_RU_ENDINGS = ("е", "а", "у", "ом", "ой", "ы", "и", "ю", "я")
_RU_ADJECTIVE = re.compile(r"(?P<stem>[\w-]+?)(?:ск|цк)(?:ий|ого|ому|им|ом|ой|ая|ую|ое|ые|их)")
# Kazakh case endings with the Kazakh letters folded (see fold_kazakh), longest first.
_KK_ENDINGS = ("ндагы", "дагы", "тагы", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "нын", "нин", "дын",
               "дин", "тын", "тин", "да", "де", "та", "те", "га", "ге", "ка", "ке", "ны", "ни", "ды", "ди", "ты", "ти")


@dataclass(slots=True)
class Place:
    """A place of the gazetteer with its mentions in one document."""

    entry: dict
    mentions: list[Span] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def lookup(name: str, kazakh: bool = False) -> dict | None:
    """The gazetteer entry a place name (any spelling, script or case form) stands for."""
    index = place_index()
    key = name.lower().replace("ё", "е").lstrip("#")
    hit = index.get(key)
    if hit or not re.search(r"[а-яәғқңөұүһі]", key):
        return hit or (_latin_index().get(latin_skeleton(key)) if len(key) >= 5 else None)
    key = fold_kazakh(key)
    if hit := index.get(key):
        return hit
    if kazakh:
        # A Kazakh case ending glued to the name: "Ақтауда", "Оралдың".
        for end in _KK_ENDINGS:
            if key.endswith(end) and len(key) - len(end) >= 3 and key[: -len(end)] in index:
                return index[key[: -len(end)]]
    for end in _RU_ENDINGS:
        if key.endswith(end) and len(key) - len(end) >= 4:
            stem = key[: -len(end)]
            for cand in (stem, stem + "а", stem + "ь", stem + "й", stem + "я"):
                if cand in index:
                    return index[cand]
    return None


def latin_skeleton(name: str) -> str:
    """A Latin place name with its romanisation variants folded: Aqsai, Aksay -> aksai; Manghystau -> mangistau."""
    s = name.lower().replace("'", "").replace("’", "")
    for a, b in (("dzh", "zh"), ("kh", "h"), ("gh", "g"), ("q", "k"), ("j", "zh"), ("w", "v"), ("yo", "e"), ("y", "i"), ("-", " ")):
        s = s.replace(a, b)
    return re.sub(r"(\w)\1+", r"\1", s)


_LATIN_INDEX: dict[str, dict] = {}


def _latin_index() -> dict[str, dict]:
    """Skeleton of every Latin name -> place, larger places first (as `place_index`)."""
    if not _LATIN_INDEX:
        for key, p in place_index().items():
            if key.isascii() and not p.get("needs_cue"):
                _LATIN_INDEX.setdefault(latin_skeleton(key), p)
    return _LATIN_INDEX


def lookup_adjective(word: str) -> dict | None:
    """The place a Russian adjective is made from: Актауский -> Aktau, Актюбинский -> Aktobe (Актюбинск),
    Алматинской -> Almaty, Уральский -> Oral (Уральск); None for any other word."""
    m = _RU_ADJECTIVE.fullmatch(word.lower().replace("ё", "е"))
    if m is None:
        return None
    index = place_index()
    stem = m["stem"]
    cands = [stem, stem + "ск", stem + "а", stem + "ы", stem + "й"]
    if stem.endswith("ин"):
        cands += [stem[:-2], stem[:-2] + "а", stem[:-2] + "ы"]
    return next((index[c] for c in cands if c in index), None)


def lookup_region(word: str) -> dict | None:
    """The region a word names when it is followed by "region"/"области"/«облысы»:
    Zhambyl, Жамбылской, Жамбыл -> Zhambyl Region."""
    m = _RU_ADJECTIVE.fullmatch(word.lower().replace("ё", "е"))
    keys = [f"{m['stem']}ская область"] if m else [f"{word} region", f"{word} облысы"]
    hit = next((h for k in keys if (h := lookup(k))), None)
    return hit if hit and hit["kind"] == "region" else None


def _district(names: list[str], country: str) -> dict:
    """A district the gazetteer lacks, named as the text writes it."""
    return {"name": names[0], "kind": "district", "city": None, "region": None, "region_iso": None,
            "country": country, "lat": None, "lon": None, "names": names}


def _settlement(name: str, country: str) -> dict:
    return {"name": name, "kind": "city", "region": None, "region_iso": None, "country": country,
            "lat": None, "lon": None, "names": [name]}


def find_places(doc: Doc, *, exclude: list[Span]) -> list[Place]:
    """Gazetteer places mentioned in the document, outside the excluded spans (person names, law articles).

    RETURNS (list[Place]): one entry per place, mentions in text order.
    """
    from kuzet.extract.organizations import named_organization_spans  # organizations imports Place

    text = doc.match
    kazakh = doc.language == "kk"
    found: list[tuple[int, int, dict]] = []
    blocked = Mask(len(text), [(s.start, s.end) for s in exclude] + named_organization_spans(text))
    taken = Taken()
    person_words = {w.lower() for s in exclude if s.label == "PER" for w in re.findall(r"\w+", s.text)}

    def free(start: int, end: int) -> bool:
        return blocked.free(start, end) and taken.free(start, end)

    def add(start: int, end: int, entry: dict | None) -> None:
        if entry is not None and free(start, end):
            found.append((start, end, entry))
            taken.add(start, end)

    for m in _RU_REGION.finditer(text):
        add(m.start(), m.end(), lookup(m.group(1) + "ая область"))
    low = text.lower()
    for m in _RU_KRAI.finditer(text) if "кра" in low else ():
        add(m.start(), m.end(), lookup(m.group(1) + "ий край"))
    for m in _REGION_OF.finditer(text) if "egion of" in text else ():
        entry = lookup(m.group(1) + " region") or lookup(m.group(1))
        if entry and entry["kind"] == "region":
            add(m.start(1), m.end(1), entry)
    for rx, suffixes in ((_EN_REGION, (" region",)), (_KK_REGION, (" облысы",))):
        if rx is _KK_REGION and "облыс" not in low or rx is _EN_REGION and not ("egion" in text or "blast" in text or "rovince" in text):
            continue
        for m in rx.finditer(text):
            # "West Kazakhstan region" before "Kazakhstan region"; the region, never the city of the same name.
            words = m.group(1).split()
            for i in range(len(words)):
                name = " ".join(words[i:])
                entry = next((e for s in suffixes if (e := lookup(name + s, kazakh))), None)
                if entry and entry["kind"] == "region":
                    add(m.start(1) + m.group(1).index(words[i]) if i else m.start(), m.end(), entry)
                    break
    for rx, word in ((_EN_DISTRICT, "istrict"), (_RU_DISTRICT, "район"), (_KK_DISTRICT, "аудан")):
        if word not in text:
            continue
        for m in rx.finditer(text):
            key = m.group(1) + ("ий" if rx is _RU_DISTRICT else "")
            entry = _districts().get(fold_kazakh(key.lower()))
            if entry is None and _new_district_ok(m.group(1)) and not _BODY_AFTER.match(text, m.end()) \
                    and "районн" not in m.group():
                names = ([key + " район", key] if rx is _RU_DISTRICT else
                         [m.group(1) + " ауданы", m.group(1)] if rx is _KK_DISTRICT else [m.group(1) + " District", m.group(1)])
                entry = _district(names, "KZ")
            if entry is None:
                blocked.mark(m.start(), m.end())  # a district, though not one we know: not the town of its name
            add(m.start(), m.end(), entry)
    for rx in (_SETTLEMENT_BEFORE, _SETTLEMENT_AFTER):
        if not _SETTLEMENT_WORD.search(low):
            break
        for m in rx.finditer(text):
            name = m["name"]
            entry = lookup(name, kazakh)
            if entry is None or entry["kind"] not in ("city", "district"):
                if name.lower() in _NOT_SETTLEMENTS:
                    continue
                entry = _settlement(name, "KZ")
            add(m.start("name"), m.end("name"), entry)
    for m in _CAND.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start()) for w in re.finditer(r"\S+", m.group())]
        i = 0
        while i < len(words):
            # Longest sequence first, so "Nur-Sultan" beats "Nur"; any word may start one ("In Aktobe").
            for n in range(len(words) - i, 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                entry = lookup(text[start:end], kazakh)
                if entry and entry["kind"] != "district" and not entry.get("needs_cue") and \
                        _reads_as_place(text, start, end, entry, person_words):
                    add(start, end, entry)
                    i += n
                    break
            else:
                i += 1
    places: dict[str, Place] = {}
    for start, end, entry in sorted(found, key=lambda f: f[0]):
        key = entry["name"] + "|" + entry["kind"]
        places.setdefault(key, Place(entry)).mentions.append(doc.span(start, end, "LOC"))
    return list(places.values())


# Words a settlement pattern may catch that are no village: months, titles, pronouns.
_NOT_SETTLEMENTS = frozenset({"the", "of", "in", "on", "a", "an", "и", "в", "на", "по", "города", "город", "район", "области"})


def _new_district_ok(word: str) -> bool:
    """Whether a word before "district" / «район» / «ауданы» can name a district the gazetteer lacks."""
    if word.lower() in _NOT_DISTRICTS:
        return False
    hit = lookup(word, True)
    # Many districts share their name with a town ("Baiganin district"); a country or region word is no district.
    return hit is None or hit["kind"] not in ("country", "region")


_NOT_DISTRICTS = frozenset({
    "the", "this", "that", "each", "every", "central", "police", "court", "city", "regional", "military", "federal",
    "administrative", "criminal", "electoral", "school", "business", "financial", "one", "same", "another", "his", "her",
    "its", "their", "our", "осы", "сол", "бұл", "әр", "барлық", "сот",
})


def _reads_as_place(text: str, start: int, end: int, entry: dict, person_words: set[str]) -> bool:
    before = text[max(0, start - 16):start]
    word = text[start:end].lstrip("#")
    if _NAMED_AFTER.search(before) or _NAMED_AFTER_KK.match(text, end):
        return False
    if entry["kind"] == "city" and before.endswith(("the ", "The ")) and not _NAME_GOES_ON.match(text, end):
        return False  # "near the Samara": a hotel, a shop or a team called after the city, not "the Almaty City Court"
    if entry["kind"] == "country" and word.upper() in ("РК", "RK", "ҚР") and _CODE_BEFORE.search(before):
        return False  # «КоАП РК»: the code's country, not a place the text is about
    # "а Шахан и ещё двое": a person's name, not the town of Shakhan, unless a place word goes before it.
    return word.lower() not in person_words or bool(_PLACE_CUE.search(before))


_DISTRICT_CACHE: dict[str, dict] = {}


def _districts() -> dict[str, dict]:
    """Any name of a gazetteer district, lower-cased -> its entry."""
    if not _DISTRICT_CACHE:
        for p in place_index().values():
            if p["kind"] == "district":
                for n in p["names"]:
                    _DISTRICT_CACHE.setdefault(fold_kazakh(n.lower()), p)
    return _DISTRICT_CACHE
