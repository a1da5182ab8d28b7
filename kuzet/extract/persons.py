"""Persons in every convention monitors use, grouped into one entry per person.

"Kuandyk KUMEKBAYEV", "ZHAKUPOVA Aliya", "#YNTYMAKOVA", "Zhanna #YNTYMAKOVA",
"BAYPAKOV A.", "Zh. M. Nurlanov", "PAZYLOV Bolat Seitovich", "Алию Жакупову",
"Айсултана Кудайбергена", "Дулат Ағаділді", "Ali Shabdan uulu". A run of adjacent
capitalised tokens is parsed by the roles of its tokens (known given name,
surname-shaped, patronymic, initial, other) and by what stands around it (a person
noun such as "activist" before it, a list of names beside it, a place word after it).
Single surnames or given names only link to a person the document names in full,
so a capitalised word is not a person because it starts a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from kuzet.extract.name_forms import female_noun_before, normalise, object_position
from kuzet.extract.person_names import Token, institution_after, is_surname_like, parse_run, runs, tokens
from kuzet.lang.given import lookup as lookup_given
from kuzet.lang.kk.names import case_base
from kuzet.lang.ru.names import surname_nominative
from kuzet.lang.translit import skeleton
from kuzet.resources import descriptor_pattern
from kuzet.text.chars import is_cyrillic
from kuzet.text.doc import Doc, Span

__all__ = ["NameMention", "Person", "Token", "find_persons"]

# A list of names: "A B, C D and E F", «А Б, В Г и Д Е», "А Б және В Г".
_LIST_GAP = re.compile(r"\s*(?:[,;]\s*(?:(?:and|и|және|мен|а также)\s+)?|\s+(?:and|и|және|мен|а также)\s+)")
# What a name is not when one of these follows it: "Altyn Urda movement", «Ак Жол партиясы».
_ORG_AFTER = re.compile(r"\s+(?:movement|party|foundation|fund|union|association|bloc|coalition|initiative|channel|"
                        r"group|company|center|centre|network|движени[еяю]|парти[ияю]|фонд|союз|объединени[еяю]|"
                        r"блок|канал|коалици[ия]|инициатив[аы]|қозғалысы|партиясы|қоры|одағы)\b", re.I)
_RU_CASE_END = re.compile(r"(?:ом|ем|ым|а|у|е|ы)$")


@dataclass(slots=True)
class NameMention:
    """One mention of a person with the parts the text gives."""

    span: Span
    surname: str | None
    given: str | None
    patronymic: str | None
    cyr: bool
    link_only: bool = False


@dataclass(slots=True)
class Person:
    """A person of one document: normalised parts, descriptors and every mention."""

    surname: str | None
    given: str | None
    patronymic: str | None
    gender: str
    mentions: list[NameMention] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    official: bool = False

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given, self.patronymic, self.surname) if p)

    @property
    def key(self) -> str:
        return skeleton(self.surname or self.given or "")


def _compatible(p: Person, given: str | None) -> bool:
    if not given or not p.given:
        return True
    a, b = given.rstrip("."), p.given.rstrip(".")
    if len(a) == 1 or len(b) == 1 or a.endswith(".") or "." in given or "." in p.given:
        return skeleton(a)[:1] == skeleton(b)[:1]
    return skeleton(a) == skeleton(b) or _near(skeleton(a), skeleton(b))


_BETWEEN = re.compile(r"(?:\s+(?:of|of the|in|из|г\.|города|района)?\s*[\w.\-]+(?:\s+(?:city|district|region|района|области))?)?"
                      r"[\s,:—–\-#⚡]*")
_AFTER = re.compile(r"\s*[,—–(-]\s*(?:a |an |the )?")


class _Descriptors:
    """Descriptor phrases found in one pass over the document; each mention looks its own up by bisect."""

    def __init__(self, doc: Doc) -> None:
        pattern, self.phrases = descriptor_pattern()
        self.doc = doc
        self.found = list(pattern.finditer(doc.match))
        self.ends = [m.end() for m in self.found]
        self.by_start = {m.start(): m for m in self.found}

    def of(self, span: Span, floor: int) -> list[tuple[str, str]]:
        """The descriptor right before a mention (a place word may stand between) and the one in apposition after it."""
        out = []
        i = bisect.bisect_right(self.ends, span.start) - 1
        if i >= 0 and self.found[i].start() >= max(floor, span.start - 90):
            last = self.found[i]
            if _BETWEEN.fullmatch(self.doc.match, last.end(), span.start):
                d = self.phrases[last.group().lower()]
                out.append((d["en"], d["role"]))
        m = _AFTER.match(self.doc.match, span.end, span.end + 60)
        if m and (m2 := self.by_start.get(m.end())) is not None:
            d = self.phrases[m2.group().lower()]
            out.append((d["en"], d["role"]))
        return out


def _mentions(doc: Doc) -> list[tuple[NameMention, str]]:
    """Every name mention with the gender its forms imply; lists lend their shape to unknown items."""
    kazakh = doc.language == "kk"
    parsed = [(run, parse_run(run, doc)) for run in runs(doc, tokens(doc))]
    _propagate_lists(doc, parsed)
    out: list[tuple[NameMention, str]] = []
    prev_end, prev_object = -1, False
    for _run, results in parsed:
        for toks, parts in results:
            if (_ORG_AFTER.match(doc.match, toks[-1].end) or institution_after().match(doc.match, toks[-1].end)) \
                    and "link" not in parts:
                continue
            # Names listed after a verb all stand in its case ("оштрафовал Касымова К. и Ж. Аштаева").
            in_list = prev_end >= 0 and bool(_LIST_GAP.fullmatch(doc.match, prev_end, toks[0].start))
            obj = object_position(doc.match, toks[0].start) or in_list and prev_object
            prev_end, prev_object = toks[-1].end, obj
            female = female_noun_before(doc.match, toks[0].start)
            surname, given, patronymic, gender = normalise(parts, kazakh, obj, female)
            span = doc.span(toks[0].start - (1 if toks[0].hashtag else 0), toks[-1].end, "PER")
            out.append((NameMention(span, surname, given, patronymic, toks[0].cyr, link_only="link" in parts), gender))
    return out


def _propagate_lists(doc: Doc, parsed: list[tuple[list[Token], list]]) -> None:
    """A two-word run no rule read is a name when it stands in a list beside names ("Chingiz Kapar, Ali ...")."""
    def full(results: list) -> list[Token] | None:
        return next((toks for toks, parts in results if len(toks) >= 2 and "link" not in parts), None)

    for _ in range(2):
        changed = False
        for k, (run, results) in enumerate(parsed):
            if full(results) or len(run) != 2 or not all(t.role in "GSCK" for t in run) or run[0].titled or \
                    not any(t.role in "GSK" for t in run):  # "Nur Otan" in a list of names is a party
                continue
            for j in (k - 1, k + 1):
                if not 0 <= j < len(parsed):
                    continue
                other = full(parsed[j][1])
                a, b = (parsed[j][0], run) if j < k else (run, parsed[j][0])
                if other is None or not _LIST_GAP.fullmatch(doc.match[a[-1].end:b[0].start]):
                    continue
                sur_first = next((p.get("surname") is other[0] for toks, p in parsed[j][1] if toks is other), False)
                first, second = run
                if sur_first or (first.caps and not second.caps):
                    parsed[k] = (run, [(run, {"surname": first, "given": second})])
                else:
                    parsed[k] = (run, [(run, {"given": first, "surname": second})])
                changed = True
                break
        if not changed:
            return


def _short(nm: NameMention) -> bool:
    """A mention without a full given name: a surname alone or with initials."""
    return not nm.given or "." in nm.given or len(nm.given) <= 2


def _case_neutral(key: str) -> str:
    """A skeleton without a Russian case ending, for surnames declined as nouns (kudaibergena -> kudaibergen)."""
    return _RU_CASE_END.sub("", key) if len(key) > 5 else key


def _near(a: str, b: str) -> bool:
    """One letter apart (Otepova/Utepova, a truncated Klyshe/Klyshev), for names at least five letters long."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _dropped_ov(a: str, b: str) -> bool:
    """Нұрбеков and Нұрбек: Kazakhs drop the Russian -ов/-ев, and a text may name one person both ways."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 4 and long_ in (short + "ov", short + "ev")


def find_persons(doc: Doc, *, sentence_starts: list[int] | None = None) -> list[Person]:
    """Every person the document names, with all their mentions.

    doc (Doc): the document. sentence_starts (list[int] | None): offsets that bound descriptor search.
    RETURNS (list[Person]): persons in order of first mention.
    """
    mentions = _mentions(doc)
    persons: list[Person] = []
    by_key: dict[str, list[Person]] = defaultdict(list)
    for nm, gender in mentions:
        if nm.link_only:
            continue
        key = skeleton(nm.surname or "")
        fits = [p for p in by_key.get(key, ()) if _compatible(p, nm.given)]
        # A surname alone or with an initial that fits several people ("Ye. Zhaksybekov" after
        # Yerkebulan and Yerbolat) is the one named last before it, as a reader takes it.
        match = max(fits, key=lambda p: p.mentions[-1].span.start) if len(fits) > 1 and _short(nm) else \
            next(iter(fits), None)
        if match is None and nm.given and nm.surname and "." not in nm.given:
            # The same two names in the other order ("Кудайберген Айсултан" for Айсултан Кудайберген).
            swapped = skeleton(nm.given)
            match = next((p for p in by_key.get(swapped, ()) if p.given and skeleton(p.given) == key), None)
            if match is not None:
                nm.given, nm.surname = nm.surname, nm.given
        if match is None:
            match = Person(nm.surname, nm.given, nm.patronymic, gender)
            persons.append(match)
            by_key[key].append(match)
        match.mentions.append(nm)
    starts = sorted(sentence_starts or [0])
    descriptors = _Descriptors(doc)

    def roles(p: Person) -> set[str]:
        return {role for nm in p.mentions
                for _, role in descriptors.of(nm.span, starts[max(0, bisect.bisect_right(starts, nm.span.start) - 1)])}

    persons = _merge_near(persons, roles)
    _link(doc, persons, [nm for nm, _ in mentions if nm.link_only])
    for p in persons:
        p.mentions.sort(key=lambda m: m.span.start)
        _settle_parts(p)
        for nm in p.mentions:
            if _genitive(p, nm) and not re.search(r"[ая]\W*$", doc.match[max(0, nm.span.start - 3):nm.span.start]):
                continue  # «адвокат Байжанова» is Baizhanov's lawyer; «блогера Байжанова» agrees with him
            i = bisect.bisect_right(starts, nm.span.start)
            floor = starts[i - 1] if i else 0
            for desc, role in descriptors.of(nm.span, floor):
                if desc not in p.descriptors:
                    p.descriptors.append(desc)
                p.official = p.official or role == "official"
    persons.sort(key=lambda p: p.mentions[0].span.start)
    return persons


def _genitive(p: Person, nm: NameMention) -> bool:
    """A man's Russian surname in the genitive ("Байжанова" of Байжанов): a noun before it is someone else's."""
    if p.gender != "m" or not p.surname or not nm.cyr:
        return False
    return nm.span.text.split()[-1].lower() == p.surname.lower() + "а"


def _merge_near(persons: list[Person], roles: Callable[[Person], set[str]]) -> list[Person]:
    """One person for two spellings a letter apart that share the full given name, unless the text gives them
    roles no one person has at once ("prosecutor Timur Akhmetkaliyev" and "defence lawyer Timur Akhmetkali")."""
    by_given: dict[str, list[Person]] = defaultdict(list)
    for p in persons:
        if p.given and "." not in p.given and p.surname:
            by_given[skeleton(p.given)].append(p)
    gone: set[int] = set()
    for group in by_given.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if id(a) in gone or id(b) in gone:
                    continue
                if not (_near(a.key, b.key) or _case_neutral(a.key) == _case_neutral(b.key) or _dropped_ov(a.key, b.key)):
                    continue
                ra, rb = roles(a), roles(b)
                if ra and rb and ("official" in ra) != ("official" in rb):
                    continue
                keep, drop = (a, b) if len(a.mentions) >= len(b.mentions) else (b, a)
                keep.mentions.extend(drop.mentions)
                gone.add(id(drop))
    return [p for p in persons if id(p) not in gone]


def _link(doc: Doc, persons: list[Person], links: list[NameMention]) -> None:
    """Attach single-word mentions to the one person whose surname or given name they are."""
    by_surname: dict[str, list[Person]] = defaultdict(list)
    by_given: dict[str, list[Person]] = defaultdict(list)
    for p in persons:
        if p.surname:
            by_surname[p.key].append(p)
            by_surname[_case_neutral(p.key)].append(p)
        if p.given and "." not in p.given:
            by_given[skeleton(p.given)].append(p)
    for nm in links:
        word = nm.surname or nm.given or ""
        keys = [skeleton(word)]
        if doc.language == "kk" and (base := case_base(word)):
            keys.append(skeleton(base))
        keys.append(_case_neutral(keys[0]))
        cands: list[Person] = []
        for k in keys:
            cands = list({id(p): p for p in by_surname.get(k, [])}.values())
            if not cands:
                cands = by_given.get(k, [])
            if cands:
                break
        if len(cands) > 1:
            cands = _told_before(doc, cands, nm.span.start)
        if len(cands) == 1:
            cands[0].mentions.append(nm)


def _told_before(doc: Doc, cands: list[Person], at: int) -> list[Person]:
    """Which of several people of one name a bare name at `at` stands for, as a reader takes it: the one named
    last before it in its paragraph ("the elder Zhumaliyev said" after his father Serik), else the one named
    most often before it (the story's subject, after a paragraph about her sister); in a headline, the one the
    lead names first; elsewhere before any, no one."""
    paragraph = doc.match.rfind("\n", 0, at) + 1
    before = [[m.span.start for m in p.mentions if m.span.start < at] for p in cands]
    here = [(max(b), i) for i, b in enumerate(before) if b and max(b) >= paragraph]
    if here:
        return [cands[max(here)[1]]]
    told = sorted(((len(b), max(b), i) for i, b in enumerate(before) if b), reverse=True)
    if not told and paragraph == 0:
        # A headline's name ("Appeal court shortens ban for Nurlanov") is the story's: the one its lead names first.
        return [min(cands, key=lambda p: min(m.span.start for m in p.mentions))]
    if not told or len(told) > 1 and told[0][0] == told[1][0]:
        return []
    return [cands[told[0][2]]]


def _settle_parts(p: Person) -> None:
    """Choose the display parts from all mentions: full given names over initials, the commonest spelling."""
    givens = Counter(m.given for m in p.mentions if m.given and not m.given.endswith(".") and not m.link_only)
    if givens:
        p.given = givens.most_common(1)[0][0]
    elif not p.given:
        p.given = next((m.given for m in p.mentions if m.given and not m.link_only), None)
    pats = [m.patronymic for m in p.mentions if m.patronymic]
    if pats:
        p.patronymic = pats[0]
    # Nominative forms first: a mention whose surname came out unchanged by case rules is the likeliest spelling.
    surnames = Counter(m.surname for m in p.mentions if m.surname and not m.link_only)
    if surnames:
        p.surname = surnames.most_common(1)[0][0]
    if p.gender == "u" and p.given:
        known = lookup_given(p.given)
        if known and known[1] != "u":
            p.gender = known[1]
    # A Russian surname read before the gender was known is re-inflected once it is.
    if p.surname and is_cyrillic(p.surname) and p.gender in ("m", "f"):
        forms = [m.span.text for m in p.mentions if m.surname and not m.link_only]
        raw = next((f.split()[0] if skeleton(f.split()[0]) == p.key else f.split()[-1] for f in forms), None)
        if raw and is_surname_like(raw.lstrip("#")):
            p.surname = surname_nominative(raw.lstrip("#"), p.gender)
