"""The gazetteer of known organizations, matched in any case form in one pass.

Names come from `kuzet/data/organizations.json`. Each name becomes regex atoms (a
Russian or Kazakh word keeps its stem and takes any ending: «Министерства юстиции»,
«министрлігінің»; Kazakh letters meet their Russian look-alikes), and all names are
merged into one trie-shaped regex. The regex is tried only at word starts whose first
letters begin some name, and the organization a match is, is told by each name's own
pattern. A body every country has (`per_country`: "Supreme Court", «МВД») followed or
preceded by a country is that country's ("Supreme Court of Uzbekistan", «Өзбекстан ІІМ»).
"""

from __future__ import annotations

import re
from functools import cache

from kuzet.extract.places import lookup
from kuzet.resources import organizations

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
ADJECTIVE_COUNTRY = {"uzbek": "Uzbekistan", "kyrgyz": "Kyrgyzstan", "tajik": "Tajikistan", "russian": "Russia",
                      "belarusian": "Belarus", "kazakh": "Kazakhstan", "kazakhstani": "Kazakhstan", "turkmen": "Turkmenistan"}
_COUNTRY_AFTER_EN = re.compile(rf"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<c>[{_UP}][\w-]+)")
_COUNTRY_AFTER = re.compile(rf"\s+(?:Республики\s+|Республика\s+)?(?P<c>[{_UP}][\w-]+)")
_COUNTRY_BEFORE = re.compile(rf"(?P<c>[{_UP}][\w-]+)(?:'s|ның|нің|тың|тің|дың|дің)?\s+$")
_KK_LETTERS = {"а": "[аә]", "ә": "[аә]", "г": "[гғ]", "ғ": "[гғ]", "к": "[кқ]", "қ": "[кқ]", "н": "[нң]", "ң": "[нң]",
               "о": "[оө]", "ө": "[оө]", "у": "[уұү]", "ұ": "[уұү]", "ү": "[уұү]", "х": "[хһ]", "һ": "[хһ]", "и": "[иі]", "і": "[иі]",
               "е": "[её]", "ё": "[её]"}
_SEP = r"[\s,«»\"“”„-]+"
_FLEX = r"\w{0,5}"


def _atoms(name: str, fold_case: bool) -> list[str]:
    """A name as regex atoms: letters, separators, and a free ending after each Cyrillic word."""
    name = name.rstrip("!.»\"").lstrip("«\"")
    out: list[str] = []
    for i, part in enumerate(re.split(r'([\s,«»"“”„-]+)', name)):
        if i % 2:
            out.append(_SEP)
            continue
        word = part.replace("’", "'")
        cyr = bool(re.search(r"[\u0400-\u04ff]", word))
        flex = cyr and len(word) >= 3 and not word.isupper()
        if flex:
            word = re.sub(r"[аяоеиыуюйьъі]{1,2}$", "", word) or word
        for ch in word:
            low = ch.lower()
            if ch == "'":
                out.append("'?")
            elif cyr and low in _KK_LETTERS:
                cls = _KK_LETTERS[low]
                out.append(cls if fold_case else (cls.upper() if ch.isupper() else cls))
            else:
                out.append(re.escape(ch))
        if flex:
            out.append(_FLEX)
    return out


def _trie_regex(names: list[list[str]]) -> str:
    trie: dict = {}
    for atoms in names:
        node = trie
        for a in atoms:
            node = node.setdefault(a, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [a + build(child) for a, child in node.items() if a]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) <= 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _case_sensitive(name: str) -> bool:
    # Acronyms and one-word names ("Senate", "Мажилис") must match as written, not as common words.
    return len(name) <= 5 or not re.search(r"[\s-]", name.strip())


def _key(text: str) -> str:
    """The first three word characters of a name, folded so that every spelling of it shares the key."""
    m = _WORD_START.match(text)
    return m.group().lower().translate(_FOLD) if m else ""


_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"})
_WORD_START = re.compile(r"(?<![\w-])\w{1,3}")


@cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, list[tuple[str, dict]]]]:
    """One regex over all known names, and by first letters each name's own pattern, to tell which matched."""
    exact, folded = [], []
    each: dict[str, list[tuple[str, dict]]] = {}
    for org in organizations()["organizations"]:
        for n in org["names"]:
            sensitive = _case_sensitive(n)
            atoms = _atoms(n, not sensitive)
            (exact if sensitive else folded).append(atoms)
            each.setdefault(_key(n.lstrip("«\"")), []).append(("".join(atoms) if sensitive else "(?i:" + "".join(atoms) + ")", org))
    rx = rf"(?<![\w-])(?:(?i:{_trie_regex(folded)})|{_trie_regex(exact)})(?!\w)"
    return re.compile(rx), each


@cache
def which(text: str) -> dict | None:
    """The organization whose name a gazetteer match is (the match is one of its names in some case form)."""
    return next((org for rx, org in _bucket(_key(text)) if rx.fullmatch(text)), None)


@cache
def _bucket(key: str) -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(rx), org) for rx, org in _gazetteer()[1].get(key, [])]


def country_of(word: str) -> dict | None:
    word = ADJECTIVE_COUNTRY.get(word.lower(), word)
    hit = lookup(word, kazakh=True)
    return hit if hit and hit["kind"] == "country" else None


_LAST_HITS: list = [None, []]


def gazetteer_hits(text: str) -> list[tuple[int, int, str, str]]:
    """Known organizations as (start, end, name, kind), a per-country body with its country.

    Places and organizations both ask for the same document in turn; the last answer is kept.
    """
    if _LAST_HITS[0] is not text:
        _LAST_HITS[:] = [text, _read_hits(text)]
    return list(_LAST_HITS[1])


def _read_hits(text: str) -> list[tuple[int, int, str, str]]:
    hits = []
    rx, buckets = _gazetteer()
    matches = []
    # The trie regex is tried only where a word starts with the first letters of some name: a Python
    # loop over word starts is ten times faster than letting the engine try the trie at every word.
    nxt = 0
    for w in _WORD_START.finditer(text):
        if w.start() >= nxt and w.group().lower().translate(_FOLD) in buckets and (m := rx.match(text, w.start())):
            matches.append(m)
            nxt = m.end()
    for m in matches:
        org = which(m.group())
        if org is None:
            continue
        start, end, name = m.start(), m.end(), org["name"]
        if org.get("per_country"):
            after = _COUNTRY_AFTER_EN.match(text, end) or _COUNTRY_AFTER.match(text, end)
            before = _COUNTRY_BEFORE.search(text, max(0, start - 30), start)
            for cm, is_after in ((after, True), (before, False)):
                country = country_of(cm["c"]) if cm else None
                if country:
                    if country["country"] != "KZ":
                        name = f"{org['name']} of {country['name']}"
                    start, end = (start, cm.end()) if is_after else (cm.start(), end)
                    break
        hits.append((start, end, name, org["kind"]))
    return hits
