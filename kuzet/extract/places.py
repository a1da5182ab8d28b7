"""Places from the gazetteer: cities, regions, districts and the country.

Russian case endings are stripped before lookup ("в Уральске" -> Уральск,
"Мангистауской области" -> Мангистауская область); a court's district
("Saryarka district", "Сарыаркинский районный суд") resolves to its city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kuzet.lang.translit import fold_kazakh
from kuzet.resources import place_index
from kuzet.text.doc import Doc, Span

_CAND = re.compile(r"#?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’]*(?:-[\w'’]+)*(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’]*(?:-[\w'’]+)*){0,2}")
_RU_REGION = re.compile(r"([А-ЯЁ][\w-]+?)(?:ая|ой|ую|ою)\s+област\w*")
_EN_REGION = re.compile(r"([A-Z][\w-]+)\s+(?:[Rr]egion|[Oo]blast)\b")
_EN_DISTRICT = re.compile(r"([A-Z][\w-]+)\s+[Dd]istrict\b")
_RU_DISTRICT = re.compile(r"([А-ЯЁ][\w-]+?ск)(?:ий|ого|ому|им|ом)\s+(?:районн\w+|район\w*)")
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


def lookup(name: str, kazakh: bool = False) -> dict | None:
    """The gazetteer entry a place name (any spelling, script or case form) stands for."""
    index = place_index()
    key = name.lower().replace("ё", "е").lstrip("#")
    hit = index.get(key)
    if hit or not re.search(r"[а-яәғқңөұүһі]", key):
        return hit
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
            for cand in (stem, stem + "а", stem + "ь", stem + "й"):
                if cand in index:
                    return index[cand]
    return None


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
    """The region a word names when it is followed by "region"/"области": Zhambyl, Жамбылской -> Zhambyl Region."""
    m = _RU_ADJECTIVE.fullmatch(word.lower().replace("ё", "е"))
    hit = lookup(f"{m['stem']}ская область") if m else lookup(f"{word} region")
    return hit if hit and hit["kind"] == "region" else None


def find_places(doc: Doc, *, exclude: list[Span]) -> list[Place]:
    """Gazetteer places mentioned in the document, outside the excluded spans (person names).

    RETURNS (list[Place]): one entry per place, mentions in text order.
    """
    text = doc.match
    kazakh = doc.language == "kk"
    found: list[tuple[int, int, dict]] = []

    def add(start: int, end: int, entry: dict | None) -> None:
        if entry is None or any(s.start < end and start < s.end for s in exclude):
            return
        if any(a < end and start < b for a, b, _ in found):
            return
        found.append((start, end, entry))

    for m in _RU_REGION.finditer(text):
        add(m.start(), m.end(), lookup(m.group(1) + "ая область"))
    for m in _EN_REGION.finditer(text):
        entry = lookup(m.group(1))
        if entry and entry["kind"] == "region":
            add(m.start(), m.end(), entry)
    for rx in (_EN_DISTRICT, _RU_DISTRICT):
        for m in rx.finditer(text):
            key = m.group(1) + ("ий" if rx is _RU_DISTRICT else "")
            entry = next((p for p in _districts() if key.lower() in (n.lower() for n in p["names"])), None)
            add(m.start(), m.end(), entry)
    for m in _CAND.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start()) for w in re.finditer(r"\S+", m.group())]
        i = 0
        while i < len(words):
            # Longest sequence first, so "Nur-Sultan" beats "Nur"; any word may start one ("In Aktobe").
            for n in range(len(words) - i, 0, -1):
                entry = lookup(" ".join(text[a:b] for a, b in words[i:i + n]), kazakh)
                if entry and entry["kind"] != "district":
                    add(words[i][0], words[i + n - 1][1], entry)
                    i += n
                    break
            else:
                i += 1
    places: dict[str, Place] = {}
    for start, end, entry in sorted(found, key=lambda f: f[0]):
        key = entry["name"] + "|" + entry["kind"]
        places.setdefault(key, Place(entry)).mentions.append(doc.span(start, end, "LOC"))
    return list(places.values())


def _districts() -> list[dict]:
    return [p for p in place_index().values() if p["kind"] == "district"]
