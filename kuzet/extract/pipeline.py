"""The reading pipeline: text in, a `kuzet.extraction/1` record out.

Components run in a fixed order because each needs what the one before found:
segmentation -> dates -> persons -> law articles -> places (outside names and articles) ->
organizations (named after places) -> events (over all of them).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from kuzet.extract.dates import DateMention, find_dates
from kuzet.extract.event_model import ReaderModel
from kuzet.extract.events import read_events
from kuzet.extract.law_articles import ArticleMention, find_articles
from kuzet.extract.organizations import Organization, find_organizations
from kuzet.extract.persons import Person, find_persons
from kuzet.extract.places import Place, find_places
from kuzet.extract.record import build_record
from kuzet.lang.detect import detect_language
from kuzet.text.decode import decode
from kuzet.text.doc import Doc
from kuzet.text.segment import Layout, segment

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def read_text(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Decode a document's bytes.

    RETURNS (tuple[str, str]): the text and the sha256 of the bytes.
    """
    return decode(data, path=path), hashlib.sha256(data).hexdigest()


def _dated_line(text: str, d: DateMention) -> bool:
    """Whether a date stands on a short line of its own, as a bulletin's dated heading does."""
    a = text.rfind("\n", 0, d.start) + 1
    b = text.find("\n", d.end)
    line = text[a:b if b >= 0 else len(text)].strip()
    return len(line) - (d.end - d.start) <= 25


@dataclass(slots=True)
class Analysis:
    """A document read up to its entities: what the event reader and its training start from."""

    doc: Doc
    layout: Layout
    dates: list[DateMention]
    persons: list[Person]
    articles: list[ArticleMention]
    places: list[Place]
    organizations: list[Organization]


def analyse(text: str, *, path: str | None = None, sha256: str | None = None, doc_date: date | None = None) -> Analysis:
    """Read a document's layout, dates, persons, articles, places and organizations.

    text (str): the decoded document. path (str | None): reported as source.path.
    sha256 (str | None): hash of the original bytes; of the UTF-8 text when not given.
    doc_date (date | None): the document's date when its text states none.
    RETURNS (Analysis): the document and everything found in it but its events.
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Doc(text, path=path, sha256=sha256, language=detect_language(text))
    layout = segment(doc.match)
    title_end = layout.title[1] if layout.title else 0
    head = [d for d in find_dates(doc.match[:max(title_end, 400)], default_year=None) if d.value and d.year_given]
    # The document's own date is one its title or a dated heading line states; a date in the first
    # sentences of a story is usually an earlier act's, and must not override the date the user gave.
    own = [d for d in head if d.precision == "day" and (d.end <= title_end or _dated_line(doc.match, d))]
    doc.stated_date = own[0].value if own else None
    first = next((d for d in head if d.precision == "day"), None)
    doc.doc_date = doc.stated_date or doc_date or (first.value if first else None)
    year = doc.doc_date.year if doc.doc_date else next((d.value.year for d in head if d.value), None)
    if year is None:
        # A digest titled "September 2021" dates its items "September 1".
        m = _YEAR.search(doc.match[:max(title_end, 400)])
        year = int(m.group()) if m else None
    if layout.title:
        doc.title = " ".join(text[layout.title[0]:layout.title[1]].split()) or None
    dates = find_dates(doc.match, default_year=year, anchor=doc.doc_date)
    persons = find_persons(doc, sentence_starts=[s.start for s in layout.sentences])
    articles = find_articles(doc.match)
    # "УК РК" inside an article mention names the code, not the country.
    taken = [m.span for p in persons for m in p.mentions] + [doc.span(a.start, a.end, "LAW") for a in articles]
    places = find_places(doc, exclude=taken)
    organizations = find_organizations(doc, places=places, exclude=taken)
    return Analysis(doc, layout, dates, persons, articles, places, organizations)


def extract_record(text: str, *, path: str | None = None, sha256: str | None = None,
                   doc_date: date | None = None, model: ReaderModel | None = None) -> dict:
    """Read one document into an extraction record.

    text (str): the decoded document. path (str | None): reported as source.path.
    sha256 (str | None): hash of the original bytes; of the UTF-8 text when not given.
    doc_date (date | None): the document's date when its text states none.
    model (ReaderModel | None): the event reader's trained decisions; the bundled model when None.
    RETURNS (dict): the record, valid against schema/extraction-1.schema.json.
    """
    a = analyse(text, path=path, sha256=sha256, doc_date=doc_date)
    events = read_events(a.doc, a.layout, persons=a.persons, organizations=a.organizations, places=a.places,
                         articles=a.articles, dates=a.dates, model=model)
    return build_record(a.doc, persons=a.persons, organizations=a.organizations, places=a.places,
                        articles=a.articles, events=events)
