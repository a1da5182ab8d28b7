"""Articles of law: "Article 405 Part 2 of the Criminal Code", "ст. 488 ч. 6 КоАП РК", «ҚК-нің 405-бабы 2-бөлігі».

A phrase names one or more articles ("Articles 179, 274 and 380", «статьи 174 и 405»)
and each article one or more parts ("Parts 1 and 3 of Article 405", "Part 1/2",
"488(7)", «по обеим частям статьи 405»); every (article, part) pair is one mention.
The code is read from the words around the phrase: criminal, administrative, or
"other" for civil, procedure and constitutional law; other countries' codes
(УК РФ 207.3, КоАП РФ 20.3.3, УК Беларуси 361-1) are read the same way, with their
jurisdiction. When the text does not name the code, an article number found in
only one of Kazakhstan's two tables decides it. Titles come from
`kuzet/data/law_articles.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuzet.resources import law_table

_NUM = r"\d{1,4}(?:\.\d{1,2}){0,2}(?:-\d{1,2})?"
# A number that is not an article: "174, 3 years", "Part 2, 15 days".
_NOT_UNIT = (r"(?!\s*(?:-?(?:year|day|month|hour|week)s?|MCI|MRP|%|тенге|тг|сут|лет|год|месяц|час|недел|МРП|МРС|жыл|ай|"
             r"тәулік|күн|сағат)\b)")
_PART_WORD = (r"(?:[Pp]arts?|[Pp]\.|[Pp]aragraphs?|[Pp]aras?\.?|[Ss]ections?|[Ss]ubparagraphs?|[Ss]ubpara\.?|[Cc]lauses?"
              r"|ч\.\s*ч\.|ч\.|ч(?=\s*\d)|част[ьиейюям]\w*|пп?\.|пункт\w*|подпункт\w*)")
_PART_NUM = r"\d{1,2}(?:-?[а-яё]{1,3})?\)?"
_PART_NUMS = (rf"{_PART_NUM}{_NOT_UNIT}(?:\s*(?:,|and|и|&|/|или|or)\s*(?:{_PART_WORD}\s*)?{_PART_NUM}{_NOT_UNIT})*")
_ART_WORD = r"(?:[Aa]rticles?|[Aa]rts?\.|[Сс]т\.\s*(?:ст\.\s*)?|[Сс]т(?=\s*\d)|[Сс]тат(?:ья|ьи|ье|ью|ьей|ей|ьям|ьями|ьях)\b)"
_TITLE = r"(?:\s*(?:\([^)\d][^)]{0,200}\)|«[^»]{0,250}»|“[^”]{0,250}”|\"[^\"\n]{0,250}\"))?"
_ITEM = rf"{_NUM}(?:\s*\(\s*\d{{1,2}}\s*\))?(?:\s*,?\s*{_PART_WORD}\s*{_PART_NUMS})?{_TITLE}"
_LIST = rf"{_ITEM}(?:\s*(?:,|;|and|и|или|or|as well as|а также)\s*{_NUM}{_NOT_UNIT}(?:\s*\(\s*\d{{1,2}}\s*\))?(?:\s*,?\s*{_PART_WORD}\s*{_PART_NUMS})?{_TITLE})*"
_KK_PART = r"(?:\s+\d{1,2}(?:\s*(?:,|және)\s*\d{1,2})*\s*-\s*(?:бөлі|тармақ|тармағ|тармақш)\w*)?"

_PATTERNS = [
    # part(s) first: "Parts 1 and 3 of Article 405", «ч. 2 ст. 405», «по обеим частям статьи 405»
    re.compile(rf"(?<!\w)(?:(?P<both>обеим|обеих|обеими|both)\s+(?:част\w+|parts)|{_PART_WORD}\s*{_PART_NUMS})\s*,?\s+"
               rf"(?:of\s+(?:the\s+)?)?{_ART_WORD}\s*{_LIST}"),
    # article(s) first: "Articles 179, 274 and 380", "Article 405 Part 1 and Part 2", "ст.489 ч.10", "488(7)"
    re.compile(rf"(?<!\w){_ART_WORD}\s*{_LIST}"),
    # Kazakh: «405-бабының 2-бөлігі», «174 және 405-баптары», «(669-бап)»
    re.compile(rf"(?<![\d.])(?:{_NUM}\s*(?:,|және)\s*)*{_NUM}\s*-\s*(?:бап|баб)\w*{_KK_PART}"),
]
_ITEM_TOKEN = re.compile(rf"(?<![^\W\d_])(?P<pw>{_PART_WORD})\s*(?P<pn>{_PART_NUMS})|\((?P<br>\d{{1,2}})\)"
                         rf"|(?P<kp>\d{{1,2}}(?:\s*(?:,|және)\s*\d{{1,2}})*)\s*-\s*(?:бөлі|тармақ|тармағ)\w*"
                         rf"|(?P<num>{_NUM})(?:\s*-\s*(?:бап|баб)\w*)?"
                         rf"|(?P<title>\([^)\d][^)]{{0,200}}\)|«[^»]{{0,250}}»|“[^”]{{0,250}}”|\"[^\"\n]{{0,250}}\")")
_NEXT_ANCHOR = re.compile(rf"(?<!\w)(?:{_ART_WORD}|{_PART_WORD}\s*\d)|\d\s*-\s*(?:бап|баб)")

# Code names, most specific first: "Criminal Procedure Code" is no criminal code.
_OTHER = re.compile(r"procedur|процесс|процест|civil|гражданск|азаматтық|constitution|конституц|labou?r|трудов|еңбек|tax|"
                    r"налогов|салық|penitentiary|исполнительн|атқару|election|выбор|сайлау|family|семейн|отбасы|"
                    r"\blaw\b|\bзакон|\bзаң|УПК|ГК|ГПК|АППК|ҚПК|АК\b|ТК\b|НК\b", re.I)
_ADMIN = re.compile(r"administrative|admin\.|коап|cao|aoc|әқбтк|административ|әкімшілік", re.I)
_CRIM = re.compile(r"criminal|уголовн|\bук\b|\bук(?=[\s-]|рф|рк|$)|қк|қылмыстық|\bcc\b|penal", re.I)
# A code's name: "of the Criminal Code", "Code of Administrative Offences", "УК РК", "Уголовного кодекса",
# «Қылмыстық кодекстің», "the Constitution", "the Law on Peaceful Assemblies".
_CODE_ANY = re.compile(
    r"(?<!\w)(?:(?:[Cc]riminal|[Aa]dministrative|[Cc]ivil|[Pp]enal|[Tt]ax|[Ll]abou?r|[Ee]lection|[Ff]amily|[Pp]enitentiary"
    r"|[Ee]nforcement)(?:[\s-]+[Pp]rocedur(?:e|al))?(?:\s+[Oo]ffen[cs]es?)?\s+Code"
    r"|Code\s+(?:of|on)\s+(?:[Cc]riminal|[Cc]ivil|[Aa]dministrative)\s+(?:[Oo]ffen[cs]es|[Pp]rocedure|[Vv]iolations)"
    r"|Constitution|Law\s+(?:of|on)\b"
    r"|(?:УК|КоАП|КОАП|УПК|ГК|ГПК|УИК|АППК|ТК|НК|ҚК|ӘҚБтК|ҚПК|CC|CAO|AOC)(?:[\s-]*(?:РК|РФ|КР|РБ|RK|RF)(?!\w))?(?![^\W\d_])"
    r"|[А-ЯЁа-яё-]+\s+(?:[а-яё]+\s+)?кодекс\w*(?:\s+об\s+административных\s+правонарушениях)?"
    r"|[Кк]одекс\w*\s+(?:Республики\s+\w+\s+)?об\s+административных\s+правонарушениях"
    r"|[Кк]онституци\w*|[Зз]акон\w*"
    r"|(?:[Ққ]ылмыстық|[Әә]кімшілік|[Аа]заматтық)[\w\s-]{0,50}?кодекс\w*|[Зз]аң\w*)")
_CODE_BEFORE = re.compile(r"(?P<code>(?:УК|КоАП|КОАП|УПК|ГК|ҚК|ӘҚБтК|ҚПК|CC|CAO)(?:[\s-]*(?:РК|РФ|КР|РБ|RK|RF))?(?:-[а-яәіңғүұқөһ]+)?"
                          r"|(?:қылмыстық|әкімшілік|азаматтық)[\w\s-]{0,40}?кодекс\w*)[\s,]*$", re.I)
# A Kazakh code named before a quoted title and the article: «... туралы кодекстің "..." бабымен (669-бап)».
_KK_CODE_BEFORE = re.compile(r"(?P<code>(?:қылмыстық|әкімшілік|азаматтық)[\w\s-]{0,60}?кодекс\w*)\s*[«\"“][^»\"”]{0,250}[»\"”]\s*\w*\s*\(?\s*$",
                             re.I)
_JURISDICTION = [("RU", re.compile(r"\bРФ\b|Russian|Российской|России|\bRF\b", re.I)),
                 ("BY", re.compile(r"\bРБ\b|Belarus|Беларус|Белорус", re.I)),
                 ("KG", re.compile(r"\bКР\b|Kyrgyz|Кыргыз|Киргиз", re.I)),
                 ("UZ", re.compile(r"Uzbek|Узбек|РУз", re.I)),
                 ("TJ", re.compile(r"Tajik|Таджик|\bРТ\b", re.I)),
                 ("KZ", re.compile(r"\bРК\b|\bRK\b|Kazakh|Казахстан|Қазақстан|\bҚР\b", re.I))]
# "Article 14" the movement or a quoted text title, not an article of law.
_NOT_LAW_AFTER = re.compile(r"[»\"”']?\s*(?:movement|campaign|initiative|group|coalition|foundation|движени|кампани|"
                            r"инициатив|қозғалыс)", re.I)


@dataclass(frozen=True, slots=True)
class ArticleMention:
    """One mention of an article: offsets, code (criminal | administrative | other), number and part.

    jurisdiction (str | None): ISO country the text names for the code (RU, BY, KG, UZ, TJ, KZ), None when it names none.
    """

    start: int
    end: int
    code: str
    article: str
    part: str | None
    jurisdiction: str | None = None


def _code_kind(found: str) -> str | None:
    if _OTHER.search(found) and not re.search(r"offen[cs]es|правонарушен|құқық бұзушылық|ӘҚБтК", found, re.I):
        return "other"
    if _ADMIN.search(found):
        return "administrative"
    if _CRIM.search(found):
        return "criminal"
    return None


def _by_number(article: str) -> str:
    """The code an article number alone suggests: Kazakhstan's tables, else the numbering of Russia's codes."""
    table = law_table()
    in_crim, in_admin = ("criminal", article) in table, ("administrative", article) in table
    if in_admin and not in_crim:
        return "administrative"
    if "." in article and not in_crim:
        # Russia's КоАП numbers articles by chapter (20.2, 19.3); its УК by article (207.3, 280.3).
        return "administrative" if int(article.split(".")[0]) < 40 else "criminal"
    return "criminal"


def _items(text: str, start: int, end: int) -> list[tuple[str, list[str], int, int]]:
    """(article, parts, start, end) of each article a matched phrase names; parts given first apply to the first."""
    items: list[tuple[str, list[str], int, int]] = []
    pending: list[str] = []
    for m in _ITEM_TOKEN.finditer(text, start, end):
        if m["num"] is not None:
            items.append((m["num"], pending, start if not items else m.start(), m.end()))
            pending = []
            continue
        parts = re.findall(r"\d{1,2}", m["pn"] or m["br"] or m["kp"] or "")
        if not parts:
            continue  # a title in brackets or quotes
        if items:
            article, had, s, _ = items[-1]
            items[-1] = (article, had + parts, s, m.end())
        else:
            pending = pending + parts
    return items


def _code_near(text: str, start: int, end: int) -> tuple[str | None, str, int]:
    """The code named right after the phrase (before the next article) or right before it.

    RETURNS (tuple): the code's kind (None when no code is named), the words naming it with
    the country they name, and where the phrase ends (past the code's name when it follows).
    """
    after = text[end:end + 160]
    nxt = _NEXT_ANCHOR.search(after)
    after = after[:nxt.start()] if nxt else after
    m = _CODE_ANY.search(after)
    if m and m.start() <= 45 and "\n" not in after[:m.start()]:
        country = after[max(0, m.start() - 20):m.end() + 45]
        return _code_kind(m.group()), country, end + m.end()
    before = text[max(0, start - 40):start]
    m = _CODE_BEFORE.search(before)
    if m is None:
        m = _KK_CODE_BEFORE.search(text, max(0, start - 400), start)
    if m:
        return _code_kind(m["code"]), m["code"], end
    return None, "", end


def _jurisdiction(context: str) -> str | None:
    return next((iso for iso, rx in _JURISDICTION if rx.search(context)), None)


def find_articles(text: str) -> list[ArticleMention]:
    """Every law-article mention in `text`.

    RETURNS (list[ArticleMention]): one per (article, part), overlapping phrases removed, in text order.
    """
    phrases: list[tuple[int, int, re.Match[str]]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            phrases.append((m.start(), m.end(), m))
    # Earlier patterns win an overlap (part-first phrases contain an article-first one); a sweep
    # in text order over phrases sorted by start keeps this linear.
    phrases.sort(key=lambda p: (p[0], _PATTERNS.index(p[2].re), -p[1]))
    kept: list[tuple[int, int, re.Match[str]]] = []
    for ph in phrases:
        if kept and ph[0] < kept[-1][1]:
            continue
        kept.append(ph)
    out: list[ArticleMention] = []
    for start, end, m in kept:
        while end > start and text[end - 1] in " ,;":
            end -= 1
        items = _items(text, start, end)
        if not items:
            continue
        if len(items) == 1 and not items[0][1] and _NOT_LAW_AFTER.match(text, end) or \
                start > 0 and text[start - 1] in "«\"“" and len(items) == 1:
            continue  # "the “Article 14” movement"
        kind, code_text, code_end = _code_near(text, start, end)
        context = code_text or text[max(0, start - 60):end + 60]
        juris = _jurisdiction(code_text) if code_text else None
        if "both" in m.re.groupindex and m["both"]:
            items = [(a, ["1", "2"], s, e) for a, _, s, e in items]
        for i, (article, parts, s, e) in enumerate(items):
            code = kind or _by_number(article)
            if kind is None and not any(k[1] == article for k in law_table()) and "." not in article:
                # A number neither table knows and no code named: only the words around can say.
                code = _code_kind(context) or "criminal"
            e = code_end if i == len(items) - 1 else e
            for part in parts or [None]:
                out.append(ArticleMention(s, e, code, article, part, juris))
    out.sort(key=lambda a: a.start)
    return out
