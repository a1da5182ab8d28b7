"""Candidate acts: every trigger of every sentence, with the dates and persons that could go with it.

Triggers are the wordings of data/event_triggers.json, written wide: a candidate is only a question
for the trained decisions (kuzet/extract/events.py), so a wording that is also used in another sense
costs nothing once the model has seen that sense. What a candidate can be dated by and who it can be
done to is read from the text alone, never from another candidate's decision, so that training and
reading see exactly the same candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from kuzet.extract.clauses import Word, index_at, words
from kuzet.extract.dates import DateMention, resolve_relative
from kuzet.extract.event_features import SentenceView, act_features, date_features, victim_features
from kuzet.extract.event_rules import Advice, advise
from kuzet.extract.persons import Person
from kuzet.resources import triggers
from kuzet.text.doc import Doc
from kuzet.text.segment import Layout, Sentence

# "In total, 79 refusals in 22 cities" counts acts told elsewhere; it is not one.
_COUNTER = re.compile(r"\W*(?:in total|total|overall|altogether|всего|итого|в общей сложности|в целом|барлығы)\b", re.I)
_QUOTES = re.compile(r"[«\"“„]")
_DATE_WORD = frozenset({"date"})


@dataclass(slots=True)
class DateOption:
    """One way to date a candidate: a date of its sentence, the story's, the document's, or none."""

    option: str
    value: date | None
    precision: str
    time: str | None
    since: bool
    features: list[str]


@dataclass(slots=True)
class VictimOption:
    """One person who could be the candidate's victim, and where the reader found them."""

    person: Person
    source: str
    features: list[str]


@dataclass(slots=True)
class Candidate:
    """A trigger of one kind in one sentence, with its features and options."""

    kind: str
    start: int
    end: int
    sentence: int
    features: list[str]
    core: bool = False
    dates: list[DateOption] = field(default_factory=list)
    victims: list[VictimOption] = field(default_factory=list)
    fill: Callable[[], None] | None = None  # works out `dates` and `victims`, once; see `complete`

    def complete(self) -> Candidate:
        """The candidate with its dates and victims worked out (reading does this only for the acts it keeps)."""
        if self.fill is not None:
            fill, self.fill = self.fill, None
            fill()
        return self


@dataclass(slots=True)
class Story:
    """What the text has said so far in the current section, independent of any decision."""

    index: int = -1
    subjects: list[Person] = field(default_factory=list)
    last_persons: list[Person] = field(default_factory=list)
    date: DateMention | None = None


def find_triggers(text: str, lang: str) -> list[tuple[str, int, int, bool]]:
    """(kind, start, end, core) of every trigger in `text`.

    Where wordings of several kinds start at one place ("sentenced" and "sentenced to 15 days"), each
    kind is a candidate of its own, ending where its longest wording ends; `core` tells whether a
    precise wording of the kind matched. The scan goes on after the longest.
    """
    scanner, per_kind = triggers(lang if lang in ("en", "kk") else "ru")
    kept: list[tuple[str, int, int, bool]] = []
    pos = 0
    while (m := scanner.search(text, pos)) is not None:
        start = m.start()
        here: dict[str, tuple[int, bool]] = {}
        for kind, core, rx in per_kind:
            km = rx.match(text, start)
            if km:
                end, was_core = here.get(kind, (0, False))
                here[kind] = (max(end, km.end()), was_core or core)
        assert here, "the scanner is the union of the kinds' triggers"
        # Of the precise wordings that start here, the longest says what the act is: "арестовал ... на два
        # месяца" is a measure of restraint, not the detention "арестовал" alone would be.
        longest = max((end for end, core in here.values() if core), default=0)
        kept += [(kind, start, end, core) for kind, (end, core) in here.items() if not core or end == longest]
        pos = max(end for end, _ in here.values())
    return kept


def _rule(advised: bool) -> list[str]:
    return ["rule"] if advised else []


def by_sentence(layout: Layout, items: list, offsets) -> dict[int, list]:  # noqa: ANN001
    """Items by the sentence each of their offsets falls in, as (offset, item) in text order."""
    starts = [s.start for s in layout.sentences]
    out: dict[int, list] = {}
    for item in items:
        for off in offsets(item):
            i = bisect.bisect_right(starts, off) - 1
            if i < 0 or off >= layout.sentences[i].end:
                continue
            out.setdefault(i, []).append((off, item))
    return {i: sorted(v, key=lambda x: x[0]) for i, v in out.items()}


def offset_index(pairs) -> list[tuple[int, object]]:  # noqa: ANN001 - (offset, item) pairs
    """A list of (offset, item) sorted by offset alone (items need not be comparable), for `within`."""
    return sorted(pairs, key=lambda pair: pair[0])


def within(index: list[tuple[int, object]], start: int, end: int) -> list:
    """The items of a sorted (offset, item) index whose offset lies in [start, end), each once."""
    out: list = []
    lo = bisect.bisect_left(index, start, key=lambda pair: pair[0])
    hi = bisect.bisect_left(index, end, key=lambda pair: pair[0])
    for _, item in index[lo:hi]:
        if all(item is not o for o in out):
            out.append(item)
    return out


def _open_story(layout: Layout, index: int, persons_here: list[Person], previous: Story, *, person_index: list) -> Story:
    section = layout.sections[index]
    story = Story(index=index)
    if not section.header and not persons_here:
        # A paragraph that names nobody goes on with the story before it ("He was released after 5 hours").
        story.last_persons = list(previous.subjects or previous.last_persons)
        story.date = previous.date
    if section.header:
        a, b = section.header
        story.subjects = [p for p in within(person_index, a, b) if not p.official]
    return story


def _listed_after(layout: Layout, si: int, by_person: dict[int, list]) -> list[Person]:
    """People of the list items that follow "... the following participants:"."""
    found: list[Person] = []
    section = layout.sentences[si].section
    for j in range(si + 1, len(layout.sentences)):
        if layout.sentences[j].section != section:
            break
        here = [p for _, p in by_person.get(j, []) if not p.official]
        if not here:
            break
        found += [p for p in here if all(p is not f for f in found)]
    return found


def propose(doc: Doc, layout: Layout, *, persons: list[Person], dates: list[DateMention]) -> list[Candidate]:
    """Every candidate act of a document with its features and options, in text order."""
    lang = doc.language
    by_person = by_sentence(layout, persons, lambda p: [m.span.start for m in p.mentions])
    spans = {(id(p), m.span.start): m.span for p in persons for m in p.mentions}
    by_date = by_sentence(layout, dates, lambda d: [d.start])
    title = layout.title
    # Mentions by offset, so a story's header is looked up by bisection, not by a walk over every mention.
    person_index = offset_index((m.span.start, p) for p in persons for m in p.mentions)
    story = Story()
    last_explicit: date | None = doc.doc_date
    out: list[Candidate] = []
    for si, sent in enumerate(layout.sentences):
        s_persons = [p for _, p in by_person.get(si, [])]
        if sent.section != story.index:
            story = _open_story(layout, sent.section, s_persons, story, person_index=person_index)
        s_dates = [d for _, d in by_date.get(si, [])]
        s_text = doc.match[sent.start:sent.end]
        trig = [] if _COUNTER.match(s_text) else find_triggers(s_text, lang)
        if trig:
            out += _sentence_candidates(doc, layout, si, sent, trig, by_person, spans, s_dates, story, last_explicit, title)
        # A year alone ("In 2019, ...") tells background: it neither opens a story nor anchors what follows.
        opening = next((d for d in s_dates if d.start - sent.start < 25 and not d.relative and d.value
                        and d.precision != "year"), None)
        later = [d for d in s_dates if d.value and not d.relative and d.precision != "year"]
        if opening is not None:
            story.date = opening
        elif later and story.date is None:
            story.date = later[0]
        if later:
            last_explicit = later[-1].value
        names = [p for p in s_persons if not p.official]
        if names:
            story.last_persons = list({id(p): p for p in names}.values())
    return out


def _sentence_candidates(doc: Doc, layout: Layout, si: int, sent: Sentence, trig: list[tuple[str, int, int, bool]],
                         by_person: dict[int, list], spans: dict, s_dates: list[DateMention], story: Story,
                         last_explicit: date | None, title: tuple[int, int] | None) -> list[Candidate]:
    lang = doc.language
    ends_colon = doc.match[sent.start:sent.end].rstrip().endswith(":")
    if not by_person.get(si) and not story.subjects and not story.last_persons and not ends_colon:
        return []  # nobody the act could be done to: no victim, no event
    ws = words(doc.match, sent.start, sent.end, lang)
    # A date's words ("3 May", "since") are the date, not a modal verb or a conjunction.
    for d in s_dates:
        for i in range(index_at(ws, d.start), len(ws)):
            if ws[i].start >= d.end:
                break
            ws[i] = Word(ws[i].start, ws[i].end, ws[i].low, _DATE_WORD)
    section = layout.sections[sent.section]
    header = section.header
    persons_here = [(p, spans[(id(p), off)], index_at(ws, off)) for off, p in by_person.get(si, [])]
    is_title = bool(title and title[0] <= sent.start < title[1])
    prev = layout.sentences[si - 1] if si else None
    view = SentenceView(
        index=si, words=ws, lang=lang, is_title=is_title,
        # The first sentence after the title, or of a later story.
        first_in_section=not is_title and (prev is None or prev.section != sent.section
                                           or bool(title and title[0] <= prev.start < title[1])),
        in_header=bool(header and header[0] <= sent.start < header[1]),
        ends_colon=ends_colon,
        quoted=bool(_QUOTES.search(doc.match, max(0, sent.start - 1), sent.start + 2)),
        persons=persons_here,
        dates=[(d, index_at(ws, d.start)) for d in s_dates],
        triggers=[(k, index_at(ws, sent.start + a)) for k, a, _, _ in trig],
        story="header" if story.subjects else "prev" if story.last_persons else "none",
        story_count=len(story.subjects or story.last_persons),
        item_person=any(layout.sentences[j].item == sent.item and any(not p.official for _, p in by_person.get(j, []))
                        for j in range(max(0, si - 5), si)),
    )
    advice = advise(doc.match[sent.start:sent.end], trig, [(d.start - sent.start, d) for d in s_dates],
                    has_persons=any(not p.official for p, _, _ in persons_here), ends_colon=view.ends_colon)
    story_date = story.date.value if story.date else None
    anchor = story_date or last_explicit
    # What the story holds now: the options are worked out later, only for the candidates the model keeps.
    subjects, last_persons, story_precision = list(story.subjects), list(story.last_persons), \
        story.date.precision if story.date else "day"

    def options(cand: Candidate, t0: int, act: list[str], rule: Advice | None) -> None:
        kind = cand.kind
        stated = anchor
        for d, di in view.dates:
            # "told RFE/RL on 3 July that police detained him a day earlier": the sentence's own date anchors.
            value = resolve_relative(d, previous=stated, doc_date=doc.doc_date) if d.relative else d.value
            if not d.relative and d.precision == "day" and d.value is not None:
                stated = d.value
            if value is None:
                continue
            f = date_features(view, kind, t0, act, "mention", (d, di), value, doc.doc_date, story_date)
            cand.dates.append(DateOption("mention", value, d.precision, d.time, d.since,
                                         f + _rule(rule is not None and rule.date == "mention" and rule.mention is d)))
        if story_date is not None:
            f = date_features(view, kind, t0, act, "story", None, story_date, doc.doc_date, story_date)
            cand.dates.append(DateOption("story", story_date, story_precision, None, False,
                                         f + _rule(rule is not None and rule.date == "story")))
        if last_explicit is not None and last_explicit not in (story_date, doc.doc_date):
            # News tells one story over paragraphs: the last date the text stated may still be the one.
            cand.dates.append(DateOption("prev", last_explicit, "day", None, False,
                                         date_features(view, kind, t0, act, "prev", None, last_explicit, doc.doc_date, story_date)))
        if doc.doc_date is not None:
            cand.dates.append(DateOption("doc", doc.doc_date, "day", None, False,
                                         date_features(view, kind, t0, act, "doc", None, doc.doc_date, doc.doc_date, story_date)))
        no_story = rule is not None and rule.date == "story" and story_date is None
        cand.dates.append(DateOption("none", None, "day", None, False,
                                     date_features(view, kind, t0, act, "none", None, None, doc.doc_date, story_date)
                                     + _rule(rule is not None and (rule.date == "none" or no_story))))
        seen: set[int] = set()
        for p, span, pi in persons_here:
            if p.official or id(p) in seen:
                continue
            seen.add(id(p))
            f = victim_features(view, kind, t0, p, "sent", (span, pi), act)
            cand.victims.append(VictimOption(p, "sent", f + _rule(rule is not None and rule.victims == "sent")))
        extra = [(p, "header") for p in subjects] + [(p, "prev") for p in last_persons]
        if view.ends_colon:
            extra += [(p, "list") for p in _listed_after(layout, si, by_person)]
        story_source = "header" if subjects else "prev"
        for p, source in extra:
            if id(p) not in seen and not p.official:
                seen.add(id(p))
                advised = rule is not None and (rule.victims == source or rule.victims == "story" and source == story_source)
                cand.victims.append(VictimOption(p, source, victim_features(view, kind, t0, p, source, None, act) + _rule(advised)))

    out = []
    for kind, a, b, core in trig:
        t0 = index_at(ws, sent.start + a)
        t1 = max(t0 + 1, index_at(ws, sent.start + b))
        rule = advice.get(kind)
        act = act_features(view, kind, t0, t1, doc.doc_date)
        # Another kind's wording that starts here and says more ("arrested ... for two months" over "arrested").
        act += [f"k={kind}|longer={k}" for k, a2, b2, _ in trig if a2 == a and k != kind and b2 > b]
        act += [f"core={core}", f"k={kind}|core={core}", f"rule_act={rule is not None}", f"k={kind}|rule_act={rule is not None}"]
        if rule is not None and rule.victims == "story":
            # The rules would take the story's person ("A criminal case was opened" after her detention).
            act += [f"rule_story={view.story}", f"k={kind}|rule_story={view.story}"]
        cand = Candidate(kind, sent.start + a, sent.start + b, si, act, core)
        cand.fill = partial(options, cand, t0, act, rule)
        out.append(cand)
    return out
