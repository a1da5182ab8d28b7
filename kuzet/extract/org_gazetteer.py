"""The gazetteer of known organizations, matched in any case form in one pass.

Names come from `kuzet/data/organizations.json`. Each name becomes regex atoms (a
Russian or Kazakh word keeps its stem and takes any ending: «Министерства юстиции»,
«министрлігінің»; Kazakh letters meet their Russian look-alikes), and all names are
merged, by their first letters, into trie-shaped regexes. One is tried only at a word
start whose first letters begin its names, and the organization a match is, is told by
each name's own pattern. A body every country has (`per_country`: "Supreme Court", «МВД») followed or
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
def _gazetteer() -> dict[str, list[tuple[list[str], bool, dict]]]:
    """Every known name as regex atoms, by its first letters (folded): (atoms, case-sensitive, organization)."""
    buckets: dict[str, list[tuple[list[str], bool, dict]]] = {}
    for org in organizations()["organizations"]:
        for n in org["names"]:
            sensitive = _case_sensitive(n)
            buckets.setdefault(_key(n.lstrip("«\"")), []).append((_atoms(n, not sensitive), sensitive, org))
    return buckets


@cache
def _bucket_regex(key: str) -> re.Pattern[str]:
    """One trie regex over the names that start with `key`, built when a text first needs it:
    compiling one regex of all names would cost a fifth of a second at every start."""
    names = _gazetteer()[key]
    folded = _trie_regex([a for a, sensitive, _ in names if not sensitive])
    exact = _trie_regex([a for a, sensitive, _ in names if sensitive])
    alts = ([f"(?i:{folded})"] if folded else []) + ([exact] if exact else [])
    return re.compile("(?:" + "|".join(alts) + r")(?!\w)")


@cache
def which(text: str) -> dict | None:
    """The organization whose name a gazetteer match is (the match is one of its names in some case form)."""
    return next((org for rx, org in _bucket(_key(text)) if rx.fullmatch(text)), None)


@cache
def _bucket(key: str) -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile("".join(atoms), 0 if sensitive else re.I), org) for atoms, sensitive, org in _gazetteer().get(key, [])]


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


@cache
def _starts() -> dict[str, str]:
    """Every way a text may write the first letters of a name -> the folded key: lower, title and upper
    case, each letter also as its Kazakh look-alike (so no word needs folding to be checked)."""
    kazakh: dict[str, str] = {}
    for k, v in {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"}.items():
        kazakh[v] = kazakh.get(v, v) + k
    out: dict[str, str] = {}
    for key in _gazetteer():
        forms = [""]
        for ch in key:
            forms = [f + c for f in forms for c in kazakh.get(ch, ch)]
        out |= {g: key for f in forms for g in (f, f.capitalize(), f.upper())}
    return out


def _read_hits(text: str) -> list[tuple[int, int, str, str]]:
    hits = []
    matches = []
    # Names are tried only where a word starts with the first letters of some name: a Python loop
    # over word starts is ten times faster than letting the engine try a trie of all names at every word.
    starts = _starts()
    nxt = 0
    for w in _WORD_START.finditer(text):
        if w.start() >= nxt and (key := starts.get(w.group())) and (m := _bucket_regex(key).match(text, w.start())):
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
