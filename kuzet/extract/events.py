"""Events: one per act, with kind, date, status, victims, perpetrators and officials.

A sentence holds triggers (data/event_triggers.json); each trigger kind makes
at most one event per sentence. Victims are the persons the sentence names, or
else the people of the story (its ⚡#HEADER, or the victims of the last event);
dates are the sentence's own, else resolved relative ones, else the story's
current date. A later sentence that tells the same act again without a date of
its own is merged into the earlier event, so one act stays one event.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from kuzet.extract.dates import DateMention, resolve_relative
from kuzet.extract.law_articles import ArticleMention
from kuzet.extract.organizations import Organization
from kuzet.extract.persons import Person
from kuzet.extract.places import Place
from kuzet.resources import triggers
from kuzet.text.doc import Doc, Span
from kuzet.text.segment import Layout, Sentence

# Word lists with the boundaries written once: one check per position, not one per word.
_SCHEDULED = re.compile(r"\b(?:will|scheduled|is to be|are to be|to be held|upcoming|postponed to"
                        r"|состоится|назначен\w*|будет|пройд[её]т|предстоит|отложен\w* на"
                        r"|өтеді|қарайды|болады|белгіленген|тағайындалған)\b", re.I)
_ONGOING = re.compile(r"\b(?:(?:is|are) being|ha(?:s|ve) been (?:under|in|held|kept)|remains?|continues?|persecute"
                      r"|находится|продолжа\w+|преследуют|оста[её]тся|до сих пор)\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|would|otherwise|unless|если|иначе|в противном случае)\b|\bгрозил\w* (?:возбу|уголов)", re.I)
_COUNTER = re.compile(r"\W*(?:in total|total|overall|altogether|всего|итого|в общей сложности|в целом)\b", re.I)
_THREAT = re.compile(r"threat|угрож|угроз|intimidat|запуг", re.I)
_BACKGROUND = re.compile(r"\b(?:while|until|pending|пока|до окончания|на время|в ходе)\b", re.I)
_OUTCOMES = [
    re.compile(r"acquitted[^.;]{0,60}", re.I),
    re.compile(r"(?:detained|held) for (?:\d+|an?|one|two|three|several) (?:hours?|days?)", re.I),
    re.compile(r"(?:\d+|\w+) days? of (?:administrative )?arrest", re.I),
    re.compile(r"fined?\b[^.;]{0,60}?\d[\d\s,.]*(?:MCI|MRP|tenge|KZT)", re.I),
    re.compile(r"sentenced to [^.;,]{3,80}", re.I),
    re.compile(r"(?:\d+|\w+) years? of (?:imprisonment|restricted freedom|restriction of freedom|probation)", re.I),
    re.compile(r"case (?:was )?(?:dismissed|closed|terminated)", re.I),
    re.compile(r"оправда\w+[^.;]{0,60}", re.I),
    re.compile(r"(?:\d+|\w+) суто\w* (?:административного )?ареста", re.I),
    re.compile(r"(?:штраф|оштрафова)\w*[^.;]{0,60}?(?:на|в размере)\s+\d[\d\s,.]*(?:МРП|тенге|тг)", re.I),
    re.compile(r"приговори\w+ к [^.;,]{3,80}", re.I),
    re.compile(r"(?:\d+|\w+) (?:год\w*|лет) (?:лишения|ограничения) свободы", re.I),
    re.compile(r"задерж\w+ на (?:\d+|несколько|два|три) час\w*", re.I),
]
# Most sentences state no outcome: one pass over their union tells which to read closely.
_ANY_OUTCOME = re.compile("|".join(f"(?:{rx.pattern})" for rx in _OUTCOMES), re.I)
_PERPETRATOR_KINDS = {"security_service", "police", "prosecutor", "local_government", "central_government", "penitentiary"}
_CASE_KINDS = {"court_hearing", "verdict", "criminal_case", "pretrial_restriction", "administrative_arrest", "fine"}
# Triggers that name a legal background rather than an act when they stand beside another act.
_NOMINAL = {"criminal_case"}
SUMMARY_LIMIT = 600  # characters: a sentence and the list it introduces
_NOUN_PHRASE = re.compile(r"criminal|уголовн", re.I)
# Which acts an official named elsewhere in the story took part in, by descriptor.
_OFFICIAL_KINDS = {
    "judge": {"court_hearing", "verdict", "administrative_arrest", "fine", "pretrial_restriction"},
    "deputy akim": {"assembly_restriction"},
    "akim": {"assembly_restriction"},
    "prosecutor": {"criminal_case", "court_hearing", "pretrial_restriction"},
    "investigator": {"criminal_case", "interrogation", "search", "pretrial_restriction"},
}


@dataclass(slots=True)
class Event:
    """An event read from the text, with everything it points to."""

    kind: str
    date: date | None
    precision: str
    time: str | None
    status: str
    victims: list[Person]
    section: int
    explicit_date: bool
    perpetrators: list[Person | Organization] = field(default_factory=list)
    officials: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    articles: list[ArticleMention] = field(default_factory=list)
    place: Place | None = None
    outcome: str | None = None
    summary: str = ""
    evidence: list[Span] = field(default_factory=list)
    # Told so far only in passing ("a trial on a criminal case"): a sentence of its own tells it better.
    summary_in_passing: bool = False


@dataclass(slots=True)
class _Story:
    """What the current section has established so far."""

    index: int = -1
    subjects: list[Person] = field(default_factory=list)
    last_victims: list[Person] = field(default_factory=list)
    current_date: DateMention | None = None
    place: Place | None = None


def _inside(span_start: int, sent: Sentence) -> bool:
    return sent.start <= span_start < sent.end


def _find_triggers(text: str, lang: str) -> list[tuple[str, int, int]]:
    scanner, per_kind = triggers(lang if lang in ("en", "kk") else "ru")
    kept: list[tuple[str, int, int]] = []
    pos = 0
    while (m := scanner.search(text, pos)) is not None:
        start = m.start()
        # Triggers of several kinds may start here: the longer wording decides
        # ("administrative arrest" over "arrest"); the first kind wins a tie.
        best: tuple[str, int, int] | None = None
        for kind, rx in per_kind:
            km = rx.match(text, start)
            if km and (best is None or km.end() > best[2]):
                best = (kind, start, km.end())
        assert best is not None, "the scanner is the union of the kinds' triggers"
        kept.append(best)
        pos = best[2]
    return kept


def read_events(doc: Doc, layout: Layout, *, persons: list[Person], organizations: list[Organization],
                places: list[Place], articles: list[ArticleMention], dates: list[DateMention]) -> list[Event]:
    """Read every event of a document.

    RETURNS (list[Event]): events in text order, one per act.
    """
    events: list[Event] = []
    story = _Story()
    last_explicit: date | None = doc.doc_date
    # Bucket every mention by sentence once, rather than scanning all mentions per sentence.
    starts = [s.start for s in layout.sentences]

    def bucket(items: list, offsets) -> dict[int, list]:
        out: dict[int, list] = {}
        for item in items:
            for off in offsets(item):
                i = bisect.bisect_right(starts, off) - 1
                if i < 0 or off >= layout.sentences[i].end:
                    continue
                here = out.setdefault(i, [])
                if all(item is not h for h in here):
                    here.append(item)
        return out

    by_person = bucket(persons, lambda p: [m.span.start for m in p.mentions])
    by_org = bucket(organizations, lambda o: [m.start for m in o.mentions])
    by_place = bucket(places, lambda p: [m.start for m in p.mentions])
    by_date = bucket(dates, lambda d: [d.start])
    by_article = bucket(articles, lambda a: [a.start])
    for si, sent in enumerate(layout.sentences):
        if sent.section != story.index:
            story = _open_story(layout, sent.section, persons, places, previous=story, first=sent)
        s_text = doc.match[sent.start:sent.end]
        s_persons = by_person.get(si, [])
        s_orgs = by_org.get(si, [])
        s_dates = by_date.get(si, [])
        s_articles = by_article.get(si, [])
        s_places = by_place.get(si, [])
        # "In total, 79 refusals in 22 cities" counts acts told elsewhere; it is not one.
        trig = [] if _COUNTER.match(s_text) else _find_triggers(s_text, doc.language)
        threat = next((s for k, s, e in trig if k == "pressure" and _THREAT.match(s_text, s)), None)
        if threat is not None:
            trig = [t for t in trig if t[1] <= threat or t[0] == "pressure"]
        cond = _CONDITIONAL.search(s_text)
        if cond and any(k == "pressure" and s < cond.start() for k, s, _ in trig):
            trig = [t for t in trig if t[1] < cond.start() or t[0] == "pressure"]
        bg = _BACKGROUND.search(s_text)
        if bg and any(s < bg.start() for _, s, _ in trig):
            trig = [t for t in trig if t[1] < bg.start()]
        kinds_here = {k for k, _, _ in trig}
        used_date: DateMention | None = None
        for kind in dict.fromkeys(k for k, _, _ in trig):
            pos = next(s for k, s, _ in trig if k == kind)
            victims = [p for p in s_persons if not p.official]
            if not victims and s_text.rstrip().endswith(":"):
                victims = _listed_after(layout, sent, persons)
            if not victims:
                victims = list(story.subjects or story.last_victims)
            if not victims:
                continue
            dm = _date_for(kind, pos, s_dates, sent)
            explicit = dm is not None
            value: date | None
            precision, time = "day", None
            if dm is not None and dm.relative:
                value = resolve_relative(dm, previous=story.current_date.value if story.current_date else last_explicit,
                                         doc_date=doc.doc_date)
            elif dm is not None:
                value, precision, time = dm.value, dm.precision, dm.time
            else:
                value = None
            ongoing = bool(_ONGOING.search(s_text)) or (dm is not None and dm.since)
            trig_text = next(s_text[a:b] for k, a, b in trig if k == kind)
            nominal = kind in _NOMINAL and bool(kinds_here - _NOMINAL) and bool(_NOUN_PHRASE.match(trig_text))
            if value is None and not (ongoing or nominal):
                if story.current_date is not None:
                    cd = story.current_date
                    value, precision = cd.value, cd.precision
                else:
                    value = None  # the spec: null when the text gives none
            if nominal:
                value, explicit, ongoing, time = None, False, True, None
            status = "happened"
            if _SCHEDULED.search(s_text) or (value and doc.doc_date and value > doc.doc_date):
                status = "scheduled"
            elif ongoing:
                status = "ongoing"
            if nominal:
                status = "ongoing"
            event = _merge_or_add(events, kind, value, explicit, victims, sent.section)
            if event is None:
                event = Event(kind, value, precision, time, status, victims, sent.section, explicit)
                events.append(event)
            if dm is not None and not dm.relative:
                used_date = dm
            _attach(event, doc, layout, sent, s_text, s_persons, s_orgs, s_articles, s_places, story)
            if nominal and len(event.evidence) == 1:
                event.summary_in_passing = True
            elif not nominal and event.summary_in_passing:
                event.summary_in_passing = False
                event.summary = _summary(doc, layout, sent, s_text)
            story.last_victims = victims
        opening = next((d for d in s_dates if d.start - sent.start < 25 and not d.relative), None)
        if used_date or opening:
            story.current_date = used_date or opening
        explicit_dates = [d for d in s_dates if d.value]
        if explicit_dates:
            last_explicit = explicit_dates[-1].value
    _attach_story_officials(events, persons, layout)
    return events


def _open_story(layout: Layout, index: int, persons: list[Person], places: list[Place], *,
                previous: _Story, first: Sentence) -> _Story:
    section = layout.sections[index]
    story = _Story(index=index)
    names_someone = any(_inside(m.span.start, first) for p in persons for m in p.mentions)
    if not section.header and not names_someone:
        # A paragraph that names nobody goes on with the story before it ("He was released after 5 hours").
        story.last_victims = list(previous.subjects or previous.last_victims)
        story.current_date = previous.current_date
        story.place = previous.place
    if section.header:
        a, b = section.header
        story.subjects = [p for p in persons if not p.official and any(a <= m.span.start < b for m in p.mentions)]
        story.place = next((p for p in places if any(a <= m.start < b for m in p.mentions)), None)
    return story


def _listed_after(layout: Layout, sent: Sentence, persons: list[Person]) -> list[Person]:
    """People of the list items that follow "... the following participants:"."""
    found: list[Person] = []
    for nxt in layout.sentences:
        if nxt.start <= sent.start or nxt.section != sent.section:
            continue
        here = [p for p in persons if not p.official and any(_inside(m.span.start, nxt) for m in p.mentions)]
        if not here:
            break
        found += [p for p in here if all(p is not f for f in found)]
    return found


def _date_for(kind: str, pos: int, s_dates: list[DateMention], sent: Sentence) -> DateMention | None:
    rel_pos = [(d.start - sent.start, d) for d in s_dates]
    before = [d for off, d in rel_pos if off < pos]
    if before:
        return before[-1]
    # A date after the trigger belongs to the act only when it follows closely and is
    # not the date of what was refused or threatened ("refused a rally on 1 May").
    if kind in ("assembly_restriction", "pressure", "criminal_case"):
        return None
    after = [d for off, d in rel_pos if 0 <= off - pos < 60]
    return after[0] if after else None


def _merge_or_add(events: list[Event], kind: str, value: date | None, explicit: bool,
                  victims: list[Person], section: int) -> Event | None:
    ids = {id(v) for v in victims}
    for ev in reversed(events):
        if ev.kind != kind or not ids & {id(v) for v in ev.victims}:
            continue
        if ev.date == value or not explicit:
            for v in victims:
                if all(v is not w for w in ev.victims):
                    ev.victims.append(v)
            return ev
    return None


def _summary(doc: Doc, layout: Layout, sent: Sentence, s_text: str) -> str:
    """The sentence; one that ends in a colon goes on into the list items after it ("prosecuted for: ...; ...")."""
    text = " ".join(doc.text[sent.start:sent.end].split())
    if s_text.rstrip().endswith(":"):
        items = []
        for nxt in _list_after(layout, sent):
            item = " ".join(doc.text[nxt.start:nxt.end].split())
            items.append(item)
            if not item.endswith((";", ",")):
                break
        text = " ".join([text, *items])
    return text if len(text) <= SUMMARY_LIMIT else text[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + " …"


def _list_after(layout: Layout, sent: Sentence):  # noqa: ANN202
    """The first sentence of each item after this one in its section."""
    item = sent.item
    for nxt in layout.sentences:
        if nxt.start > sent.start and nxt.section == sent.section and nxt.item != item:
            item = nxt.item
            yield nxt


def _attach(event: Event, doc: Doc, layout: Layout, sent: Sentence, s_text: str, s_persons: list[Person],
            s_orgs: list[Organization], s_articles: list[ArticleMention], s_places: list[Place], story: _Story) -> None:
    event.evidence.append(doc.span(sent.start, sent.end, "EVENT"))
    if not event.summary:
        event.summary = _summary(doc, layout, sent, s_text)
    for p in s_persons:
        if p.official and all(p is not o for o in event.officials):
            event.officials.append(p)
    for o in s_orgs:
        target = event.perpetrators if o.kind in _PERPETRATOR_KINDS else event.organizations
        if all(o is not t for t in target):
            target.append(o)
    for a in s_articles:
        if all((a.code, a.article, a.part) != (b.code, b.article, b.part) for b in event.articles):
            event.articles.append(a)
    if event.place is None:
        cities = [p for p in s_places if p.entry["kind"] in ("city", "district")]
        event.place = cities[0] if cities else story.place
    if event.outcome is None and _ANY_OUTCOME.search(s_text):
        for rx in _OUTCOMES:
            m = rx.search(s_text)
            if m:
                event.outcome = " ".join(doc.text[sent.start + m.start():sent.start + m.end()].split()).rstrip(" ,")
                break


def _attach_story_officials(events: list[Event], persons: list[Person], layout: Layout) -> None:
    """An official named on its own line ("Judge: PAZYLOV B.S.") took part in the story's acts of their office."""
    for p in persons:
        if not p.official:
            continue
        sections = {i for m in p.mentions for i, s in enumerate(layout.sections) if s.start <= m.span.start < s.end}
        kinds = set().union(*(_OFFICIAL_KINDS.get(d, set()) for d in p.descriptors))
        for ev in events:
            if ev.section in sections and ev.kind in kinds and all(p is not o for o in ev.officials):
                ev.officials.append(p)
