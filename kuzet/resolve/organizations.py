"""Which stored organization a record's organization is, across languages and spellings.

Courts, police departments, akimats and prosecutor's offices are named by pattern
from a place and a level, so their identity is that pair rather than the words:
"Aktau City Court", "Актауский городской суд" and "Ақтау қалалық соты" share the key
`court|Aktau|city||`. Other organizations (from the gazetteer, or movements read
from quotes) are keyed by their folded name.
"""

from __future__ import annotations

import re
from functools import cache

from kuzet.extract.places import lookup, lookup_adjective, lookup_region
from kuzet.resources import organizations
from kuzet.store.search import fold

PATTERN_KINDS = frozenset({"court", "police", "local_government", "prosecutor"})
_WORD = re.compile(r"[\w-]+")


@cache
def _levels() -> list[tuple[str, str]]:
    table = organizations()["levels"]
    pairs = [(fold(w), level) for level, words in table.items() if not level.startswith("_") for w in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _level(word: str) -> str | None:
    w = fold(word)
    # One-letter "г" ("г. Алматы") must be the whole word; longer ones are word starts.
    return next((level for start, level in _levels() if w == start or (len(start) > 2 and w.startswith(start))), None)


def identity_key(name: str, kind: str) -> str:
    """The key two names of the same organization share."""
    plain = " ".join(fold(name).split())
    if kind not in PATTERN_KINDS:
        return plain
    words = _WORD.findall(name)
    levels: set[str] = set()
    number = ""
    place: dict | None = None
    for i, w in enumerate(words):
        if w.isdigit():
            number = w
            continue
        level = _level(w)
        if level:
            levels.add(level)
            continue
        if place is None and w[:1].isupper():
            # Two-word places first: "West Kazakhstan Regional Court" is not about Kazakhstan.
            for n in (2, 1):
                name = " ".join(words[i:i + n])
                follows_region = i + n < len(words) and _level(words[i + n]) == "regional"
                place = (lookup_region(name) if follows_region else None) or lookup(name, kazakh=True) or (
                    lookup_adjective(name) if n == 1 else None)
                if place:
                    break
    if place is None:
        return plain
    tier = "regional" if "regional" in levels else "district" if "district" in levels or place["kind"] == "district" else "city"
    where = (place.get("region") or place["name"]) if tier == "regional" else place["name"]
    special = "+".join(sorted(levels - {"city", "district", "regional"}))
    return f"{kind}|{where}|{tier}|{special}|{number}"
