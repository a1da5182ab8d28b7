"""Articles of law: "Article 405 Part 2 of the Criminal Code", "ст. 488 ч. 6 КоАП РК".

The code (criminal or administrative) is read from the words around the number;
when the text does not say, an article number found in only one of the two
tables decides it. Titles come from `kuzet/data/law_articles.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuzet.resources import law_table

_NUM = r"(?P<num>\d{2,3}(?:-\d)?)"
_PART = r"(?:[Pp]art|p\.|ч\.|ч|часть|части|частью|частей|бөлігі|бөлімі|п\.)\s*(?P<part>\d{1,2})"
_PART_AFTER = rf"(?:\s*,?\s*{_PART})?"
_ARTICLE_WORD = r"(?:[Aa]rticles?|[Aa]rt\.|[Сс]т\.|[Сс]тать[яиеюей]\w*|бабы\w*|баптың|бап\w*)"
_CODE = (r"(?:(?:of\s+)?(?:the\s+)?(?P<code>(?:RK\s+|Kazakh\s+|Republic of Kazakhstan\s+)?(?:Criminal|Administrative|Admin\.?)\s+(?:Code|Offen[cs]es?\s+Code)"
         r"|Code\s+(?:of|on)\s+Administrative\s+Offen[cs]es|CAO|AOC|CC\s*RK|CC"
         r"|УК(?:\s*РК)?|КоАП(?:\s*РК)?|Уголовного\s+кодекса|Уголовный\s+кодекс|Кодекса\s+об\s+административных\s+правонарушениях"
         r"|ҚК|ӘҚБтК|Қылмыстық\s+кодекс\w*))")
_PATTERNS = [
    # part 2 of article 174 / ч. 2 ст. 174 УК
    # (the lookahead lets the engine pass over positions no part word starts at)
    re.compile(rf"(?=[pчбп]){_PART}\s+(?:of\s+)?{_ARTICLE_WORD}\s*{_NUM}(?:\s*,?\s*{_CODE})?", re.I),
    # Article 405 Part 2 of the Criminal Code / ст. 405 ч. 2 УК РК
    re.compile(rf"{_ARTICLE_WORD}\s*{_NUM}{_PART_AFTER}(?:\s*(?:\([^)]{{0,160}}\)|«[^»]{{0,200}}»))?(?:\s*,?\s*{_CODE})?"),
    # Kazakh: ҚК-нің 405-бабы 2-бөлігі (the code before the number is read by _CODE_BEFORE)
    re.compile(rf"(?<!\d){_NUM}\s*-\s*бабы\w*(?:\s+(?P<part>\d{{1,2}})\s*-\s*бөлігі\w*)?"),
]
_NEXT_ARTICLE = re.compile(rf"(?<!\w){_ARTICLE_WORD}|{_PART}")
_CODE_BEFORE = re.compile(rf"{_CODE}\S*\s+$")
_CRIM = re.compile(r"crim|уголов|ук|қк|қылмыс|cc", re.I)
_ADMIN = re.compile(r"admin|коап|cao|aoc|әқбтк|административ", re.I)


@dataclass(frozen=True, slots=True)
class ArticleMention:
    """One mention of an article: offsets, code, number and part."""

    start: int
    end: int
    code: str
    article: str
    part: str | None


def _code_of(found: str | None, context: str, article: str) -> str:
    for text in (found or "", context):
        if _ADMIN.search(text):
            return "administrative"
        if _CRIM.search(text):
            return "criminal"
    table = law_table()
    in_crim, in_admin = ("criminal", article) in table, ("administrative", article) in table
    if in_admin and not in_crim:
        return "administrative"
    return "criminal"


def find_articles(text: str) -> list[ArticleMention]:
    """Every law-article mention in `text`.

    RETURNS (list[ArticleMention]): mentions, overlaps removed, in text order.
    """
    out: list[ArticleMention] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < a.end and a.start < m.end() for a in out):
                continue
            gd = m.groupdict()
            start = m.start()
            if pattern is _PATTERNS[2] and (before := _CODE_BEFORE.search(text, max(0, start - 60), start)):
                start, gd["code"] = before.start(), before["code"]
            article = gd["num"]
            # The code is often named a few words after the parenthesised title.
            # (up to the next article word: "..., ст. 488 КоАП" names the next one's code).
            after = text[m.end():m.end() + 40]
            after = after[:nxt.start()] if (nxt := _NEXT_ARTICLE.search(after)) else after
            context = after + " " + text[max(0, start - 25):start]
            local = re.search(r"(?:of the\s+)?(?:[A-Z]\w+ )?(?:Code|кодекс)\w*|УК|КоАП", context)
            code = _code_of(gd.get("code"), local.group() if local else "", article)
            end = m.end()
            while end > start and text[end - 1] in " ,":
                end -= 1
            out.append(ArticleMention(start, end, code, article, gd.get("part")))
    out.sort(key=lambda a: a.start)
    return out
