"""A shallow reading of one sentence's clauses: its words, their stems and what kind of function word each is.

The event reader asks three questions of a sentence that holds a candidate act: is the act told as
new, as background or not at all; which date governs it; who undergoes it. A parser would answer
with heads and relations; measured here (README, "How the reading works") a parser of every such
sentence costs more than the whole reader, so the reader looks at what decides those questions in
bulletins and news: the words next to the act, the function words between it and a name or a date
(relative pronouns, conjunctions, reporting verbs, commas), word endings (Russian and Kazakh case
and participle forms) and position. A trained classifier weighs them (kuzet/extract/event_model.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter

from kuzet.resources import load

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_BOUNDARY_PUNCT = frozenset(",;:()—–\"«»“”")


@dataclass(frozen=True, slots=True)
class Word:
    """One word or punctuation mark of a sentence, with document offsets."""

    start: int
    end: int
    low: str
    cats: frozenset[str]
    cap: bool = False

    @property
    def stem(self) -> str:
        return self.low[:6]

    @property
    def suffix(self) -> str:
        return self.low[-3:] if len(self.low) > 4 else ""


@cache
def _markers(lang: str) -> tuple[dict[str, frozenset[str]], dict[str, list[tuple[str, str]]]]:
    """A language's markers: whole word -> categories, and the word beginnings (3+ letters) by their first two letters."""
    whole: dict[str, set[str]] = {}
    prefixes: dict[str, list[tuple[str, str]]] = {}
    for cat, by_lang in load("clause_markers.json")["categories"].items():
        for w in by_lang.get(lang, []):
            whole.setdefault(w, set()).add(cat)
            if len(w) >= 3:
                prefixes.setdefault(w[:2], []).append((w, cat))
    return {w: frozenset(c) for w, c in whole.items()}, prefixes


@lru_cache(maxsize=1 << 16)
def categories(low: str, lang: str) -> frozenset[str]:
    """The marker categories of one lower-case word in a language (ru markers also serve kk text).

    English markers match whole words ("to" is not "today"); Russian and Kazakh ones also as word
    beginnings, since they inflect ("котор" for «который», «которую»...).
    """
    cats: set[str] = set()
    for lg in (("kk", "ru") if lang == "kk" else (lang,)):
        whole, prefixes = _markers(lg)
        cats |= whole.get(low, frozenset())
        if lg != "en":
            cats |= {cat for w, cat in prefixes.get(low[:2], ()) if low.startswith(w) and len(low) - len(w) <= 6}
    if low in _BOUNDARY_PUNCT:
        cats.add("punct")
    return frozenset(cats)


def words(text: str, start: int, end: int, lang: str) -> list[Word]:
    """The words of text[start:end], with document offsets and their marker categories."""
    out = []
    for m in _WORD.finditer(text, start, end):
        raw = m.group()
        low = raw.lower()
        if low.endswith(("'s", "’s")):
            low = low[:-2]  # "the club's coach": the club
        out.append(Word(m.start(), m.end(), low, categories(low, lang), raw[:1].isupper()))
    return out


def index_at(ws: list[Word], offset: int) -> int:
    """Index of the first word that ends after `offset` (the word holding it or the next one)."""
    return bisect.bisect_right(ws, offset, key=attrgetter("end"))


def between(ws: list[Word], a: int, b: int) -> set[str]:
    """Marker categories of the words strictly between word indices a and b (either order)."""
    lo, hi = (a, b) if a < b else (b, a)
    cats: set[str] = set()
    for w in ws[lo + 1:hi]:
        cats |= w.cats
    return cats


# Words that open a clause: a comma or dash, a relative pronoun, a conjunction of time or cause, a verb of saying.
_OPENERS = frozenset({"relative", "subordinate", "speech", "purpose", "concurrent", "punct"})


def clause_ids(ws: list[Word]) -> list[int]:
    """For each word, the number of clause openers before it: words with the same number share a clause."""
    out, n = [], 0
    for w in ws:
        if w.cats & _OPENERS:
            n += 1
        out.append(n)
    return out


def opener(ws: list[Word], i: int) -> str:
    """The word that opens the clause word i stands in ("while", "who", ","), or <s> at the sentence's start."""
    for j in range(i - 1, -1, -1):
        if ws[j].cats & _OPENERS:
            return ws[j].stem
    return "<s>"


def subject(ws: list[Word], t0: int, person_words: set[int]) -> str:
    """What stands before word t0 in its clause, as the act's likely agent.

    RETURNS (str): court, state (the police, an akimat...), person, name (capitalised words that name no person: an
    organization, a club, a town), none (nothing: a passive or a heading), or other.
    """
    lo = t0
    while lo > 0 and not ws[lo - 1].cats & _OPENERS:
        lo -= 1
    span = ws[lo:t0]
    # A court orders arrests and fines; it does not detain: the agent tells "арестовал" apart.
    if any("court" in w.cats for w in span):
        return "court"
    if any("state" in w.cats for w in span):
        return "state"
    if any(i in person_words for i in range(lo, t0)):
        return "person"
    # A capital after the clause's first word is a name, not the start of a sentence.
    if any(w.cap and w.low[:1].isalpha() and "date" not in w.cats for k, w in enumerate(span) if k or lo > 0):
        return "name"
    return "none" if not [w for w in span if w.low[:1].isalpha() and "date" not in w.cats] else "other"


def bucket(n: int) -> str:
    """A distance in words as a coarse band, so the classifier generalises over exact counts."""
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"
