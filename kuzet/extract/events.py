"""Events: one per act, with kind, date, status, victims, perpetrators and officials.

Reading goes in two steps. `propose` (event_candidates.py) finds every trigger of every sentence
and, for each, the dates and persons that could go with it, described by features of the clause
around it. `read_events` then asks the trained model (event_model.py) three questions of each
candidate: is it an act told as new (not background, not another sense of the word); which date
governs it (one of its sentence's, the story's, the document's, or none); who undergoes it. A
later sentence that tells the same act again without a date of its own is merged into the earlier
event, so one act stays one event.
"""

from __future__ import annotations

from kuzet.extract.dates import DateMention
from kuzet.extract.event_candidates import Candidate, by_sentence, offset_index, propose, within
from kuzet.extract.event_details import Event, attach, attach_story_officials, outcome_of, status_of, summary
from kuzet.extract.event_model import ReaderModel, bundled_model
from kuzet.extract.law_articles import ArticleMention
from kuzet.extract.organizations import Organization
from kuzet.extract.persons import Person
from kuzet.extract.places import Place
from kuzet.text.doc import Doc
from kuzet.text.segment import Layout

__all__ = ["Event", "read_events", "decide"]
_NAMED_IN_PASSING = {"criminal_case"}
# An act the first rules read is kept at a lower probability (chosen by cross-validation on the bundled documents).
RULE_THRESHOLD = 0.3


def read_events(doc: Doc, layout: Layout, *, persons: list[Person], organizations: list[Organization],
                places: list[Place], articles: list[ArticleMention], dates: list[DateMention],
                model: ReaderModel | None = None) -> list[Event]:
    """Read every event of a document.

    model (ReaderModel | None): the trained decisions; the bundled model when None.
    RETURNS (list[Event]): events in text order, one per act.
    """
    candidates = propose(doc, layout, persons=persons, dates=dates)
    return decide(doc, layout, candidates, model or bundled_model(), persons=persons, organizations=organizations,
                  places=places, articles=articles)


def decide(doc: Doc, layout: Layout, candidates: list[Candidate], model: ReaderModel, *, persons: list[Person],
           organizations: list[Organization], places: list[Place], articles: list[ArticleMention]) -> list[Event]:
    """Turn candidates into events with the model's three decisions.

    RETURNS (list[Event]): the events, merged where one act is told twice.
    """
    # One act per kind and sentence: its most likely trigger, among the precise wordings if there is one
    # ("fined" over "100,000 tenge", which only says how much).
    best: dict[tuple[int, str], tuple[bool, float, Candidate]] = {}
    for c in candidates:
        entry = (c.core, model.act.prob(c.features), c)
        key = (c.sentence, c.kind)
        if key not in best or entry[:2] > best[key][:2]:
            best[key] = entry
    by_person = by_sentence(layout, persons, lambda p: [m.span.start for m in p.mentions])
    by_org = by_sentence(layout, organizations, lambda o: [m.start for m in o.mentions])
    by_place = by_sentence(layout, places, lambda p: [m.start for m in p.mentions])
    by_article = by_sentence(layout, articles, lambda a: [a.start])
    story_place: dict[int, Place | None] = {}
    outcomes: dict[int, str | None] = {}  # read once per sentence
    place_index = offset_index((m.start, p) for p in places for m in p.mentions)
    kept_kinds: dict[int, set[str]] = {}
    for (si, kind), (_, p, _) in best.items():
        if p >= model.act.threshold:
            kept_kinds.setdefault(si, set()).add(kind)
    events: list[Event] = []
    for _, p_act, c in sorted(best.values(), key=lambda x: x[2].start):
        if p_act < (RULE_THRESHOLD if "rule_act=True" in c.features else model.act.threshold):
            continue
        c.complete()
        scored = [(model.victim.prob(o.features), o) for o in c.victims]
        victims = [o.person for p, o in scored if p >= model.victim.threshold]
        if not victims:
            continue
        option = max(c.dates, key=lambda o: model.date.score(o.features))
        sent = layout.sentences[c.sentence]
        s_text = doc.match[sent.start:sent.end]
        status = status_of(s_text, option.value, doc.doc_date, option.since)
        explicit = option.option == "mention"
        # "A trial in a criminal case": the case is named in passing; a sentence of its own tells it better.
        in_passing = c.kind in _NAMED_IN_PASSING and len(kept_kinds.get(c.sentence, ())) > 1
        event = _merge(events, c.kind, option.value, explicit, victims)
        if event is None:
            event = Event(c.kind, option.value, option.precision if option.value else "day", option.time, status, victims,
                          sent.section, confidence=round(p_act * max(p for p, _ in scored), 3))
            event.in_passing = in_passing
            events.append(event)
        elif event.in_passing and not in_passing:
            event.summary, event.in_passing = summary(doc, layout, sent), False
        elif event.summary and sent.section != event.section and explicit:
            event.summary = summary(doc, layout, sent)
        if sent.section not in story_place:
            header = layout.sections[sent.section].header
            story_place[sent.section] = next(iter(within(place_index, *header)), None) if header else None
        attach(event, doc, layout, sent, persons=[p for _, p in by_person.get(c.sentence, [])],
               orgs=_unique(by_org.get(c.sentence, [])), articles=[a for _, a in by_article.get(c.sentence, [])],
               places=_unique(by_place.get(c.sentence, [])), story_place=story_place[sent.section],
               outcome=outcomes[c.sentence] if c.sentence in outcomes else outcomes.setdefault(c.sentence, outcome_of(doc, sent)))
    attach_story_officials(events, persons, layout)
    return _fold_headlines(events, layout)


def _unique(pairs: list) -> list:
    out: list = []
    for _, x in pairs:
        if all(x is not y for y in out):
            out.append(x)
    return out


def _merge(events: list[Event], kind: str, value, explicit: bool, victims: list[Person]) -> Event | None:  # noqa: ANN001
    """The earlier event this telling repeats: same kind and a shared victim, and the same date or none of its own."""
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


def _fold_headlines(events: list[Event], layout: Layout) -> list[Event]:
    """A headline restates the lead's act without its date: it is that act, not another."""
    title = layout.title
    kept: list[Event] = []
    for ev in events:
        in_title = title is not None and len(ev.evidence) == 1 and title[0] <= ev.evidence[0].start < title[1]
        twin = next((o for o in events if o is not ev and o.kind == ev.kind and o.date is not None
                     and {id(v) for v in o.victims} & {id(v) for v in ev.victims}), None) if in_title and ev.date is None else None
        if twin is not None:
            twin.evidence[:0] = ev.evidence
            continue
        kept.append(ev)
    return kept
