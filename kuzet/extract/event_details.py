"""What an event carries besides its kind, date and victims: status, outcome, officials, bodies,
articles, place, summary and the text that states it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kuzet.extract.event_rules import ONGOING
from kuzet.extract.law_articles import ArticleMention
from kuzet.extract.organizations import Organization
from kuzet.extract.persons import Person
from kuzet.extract.places import Place
from kuzet.text.doc import Doc, Span
from kuzet.text.segment import Layout, Sentence

_SCHEDULED = re.compile(r"\b(?:will|scheduled|is to be|are to be|to be held|upcoming|postponed to"
                        r"|состоится|назначен\w*|будет|пройд[её]т|предстоит|отложен\w* на"
                        r"|өтеді|қарайды|болады|белгіленген|тағайындалған)\b", re.I)
_OUTCOMES = [
    re.compile(r"acquitted[^.;]{0,60}", re.I),
    re.compile(r"(?:detained|held) for (?:\d+|an?|one|two|three|several) (?:hours?|days?)", re.I),
    re.compile(r"(?:\d+|\w+) days? of (?:administrative )?arrest", re.I),
    re.compile(r"fined?\b[^.;]{0,60}?\d[\d\s,.]*(?:MCI|MRP|tenge|KZT|roubles|rubles)", re.I),
    re.compile(r"sentenced to [^.;,]{3,80}", re.I),
    re.compile(r"(?:\d+|\w+) years? of (?:imprisonment|restricted freedom|restriction of freedom|probation)", re.I),
    re.compile(r"case (?:was )?(?:dismissed|closed|terminated)", re.I),
    re.compile(r"оправда\w+[^.;]{0,60}", re.I),
    re.compile(r"(?:\d+|\w+) суто\w* (?:административного )?ареста", re.I),
    re.compile(r"(?:штраф|оштрафова)\w*[^.;]{0,60}?(?:на|в размере)\s+\d[\d\s,.]*(?:МРП|тенге|тг|рубл\w*)", re.I),
    re.compile(r"приговори\w+ к [^.;,]{3,80}", re.I),
    re.compile(r"(?:\d+|\w+) (?:год\w*|лет) (?:лишения|ограничения) свободы", re.I),
    re.compile(r"задерж\w+ на (?:\d+|несколько|два|три) час\w*", re.I),
    re.compile(r"(?:\d+|\w+) тәулік\w* (?:әкімшілік )?қамау\w*", re.I),
]
# Most sentences state no outcome: one pass over their union tells which to read closely.
_ANY_OUTCOME = re.compile("|".join(f"(?:{rx.pattern})" for rx in _OUTCOMES), re.I)
_PERPETRATOR_KINDS = {"security_service", "police", "prosecutor", "local_government", "central_government", "penitentiary"}
SUMMARY_LIMIT = 600  # characters: a sentence and the list it introduces
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
    perpetrators: list[Person | Organization] = field(default_factory=list)
    officials: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    articles: list[ArticleMention] = field(default_factory=list)
    place: Place | None = None
    outcome: str | None = None
    summary: str = ""
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 1.0
    in_passing: bool = False  # its summary is a sentence that tells another act and names this one in passing


def status_of(s_text: str, value: date | None, doc_date: date | None, since: bool) -> str:
    """happened | scheduled | ongoing, from the sentence's wording and the date against the document's."""
    if _SCHEDULED.search(s_text) or (value and doc_date and value > doc_date):
        return "scheduled"
    if ONGOING.search(s_text) or since:
        return "ongoing"
    return "happened"


def summary(doc: Doc, layout: Layout, sent: Sentence) -> str:
    """The sentence; one that ends in a colon goes on into the list items after it ("prosecuted for: ...; ...")."""
    text = " ".join(doc.text[sent.start:sent.end].split())
    if doc.match[sent.start:sent.end].rstrip().endswith(":"):
        items = []
        item = sent.item
        for nxt in layout.sentences:
            if nxt.start > sent.start and nxt.section == sent.section and nxt.item != item:
                item = nxt.item
                line = " ".join(doc.text[nxt.start:nxt.end].split())
                items.append(line)
                if not line.endswith((";", ",")):
                    break
        text = " ".join([text, *items])
    return text if len(text) <= SUMMARY_LIMIT else text[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + " …"


def attach(event: Event, doc: Doc, layout: Layout, sent: Sentence, *, persons: list[Person], orgs: list[Organization],
           articles: list[ArticleMention], places: list[Place], story_place: Place | None, outcome: str | None) -> None:
    """Add one sentence's evidence, officials, bodies, articles, place and outcome to an event."""
    event.evidence.append(doc.span(sent.start, sent.end, "EVENT"))
    if not event.summary:
        event.summary = summary(doc, layout, sent)
    for p in persons:
        if p.official and all(p is not o for o in event.officials):
            event.officials.append(p)
    for o in orgs:
        target = event.perpetrators if o.kind in _PERPETRATOR_KINDS else event.organizations
        if all(o is not t for t in target):
            target.append(o)
    for a in articles:
        if all((a.code, a.article, a.part) != (b.code, b.article, b.part) for b in event.articles):
            event.articles.append(a)
    if event.place is None:
        cities = [p for p in places if p.entry["kind"] in ("city", "district")]
        event.place = cities[0] if cities else story_place
    if event.outcome is None:
        event.outcome = outcome


def outcome_of(doc: Doc, sent: Sentence) -> str | None:
    """What a sentence says came of an act ("fined 50 MCI", "detained for 3 hours")."""
    s_text = doc.match[sent.start:sent.end]
    if not _ANY_OUTCOME.search(s_text):
        return None
    for rx in _OUTCOMES:
        m = rx.search(s_text)
        if m:
            return " ".join(doc.text[sent.start + m.start():sent.start + m.end()].split()).rstrip(" ,")
    return None


def attach_story_officials(events: list[Event], persons: list[Person], layout: Layout) -> None:
    """An official named on its own line ("Judge: PAZYLOV B.S.") took part in the story's acts of their office."""
    for p in persons:
        if not p.official:
            continue
        sections = {i for m in p.mentions for i, s in enumerate(layout.sections) if s.start <= m.span.start < s.end}
        kinds = set().union(*(_OFFICIAL_KINDS.get(d, set()) for d in p.descriptors))
        for ev in events:
            if ev.section in sections and ev.kind in kinds and all(p is not o for o in ev.officials):
                ev.officials.append(p)
