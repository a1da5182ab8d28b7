"""The daily bulletin in the shape monitoring groups publish (the seed is one).

For a day: the acts of that day and the day before, hearings announced for the next two
weeks, grouped by the people they concern; each group under its place's hashtag and a
`⚡#SURNAME Given` header per person, one "— " line per act (the source's own sentence
when it is in the bulletin's language, else a line built from the facts), the judge when
the sentence does not name them, and background lines from the person's earlier acts
("It should be reminded that ..."). Only verified acts unless asked; then the others
are marked.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.extract.places import lookup
from kuzet.publish.digest import article_text, long_date, telegram_messages
from kuzet.resolve.identity import group_ids
from kuzet.resources import publish_terms
from kuzet.store.models import Document, Event, EventSource, Involvement, Person, PersonName
from kuzet.store.queries import Levels, event_records
from kuzet.text.chars import is_cyrillic

AHEAD = 14  # days of announced hearings
BACKGROUND = 3  # earlier acts recalled per person


_COURT_KINDS = frozenset({"court_hearing", "verdict", "administrative_arrest", "fine", "pretrial_restriction"})


def _reminder(text: str, lang: str) -> str:
    """"It should be reminded that " — and the sentence's first letter lowered when it is an ordinary word."""
    terms = publish_terms()
    first = text.split(" ", 1)[0].lower().strip(",")
    return terms["reminder"][lang] + " " + ("\0" if first in terms["lower_first"][lang] else "")


def _add(lines: list[str], said: set[str], text: str, e: dict, lang: str, prefix: str = "") -> None:
    """One "— " line, unless this item told that sentence already (a trial and its case read from one sentence)."""
    if text.lower() in said:
        return
    said.add(text.lower())
    lines.append("— " + prefix + text + ("" if e["verified_by"] else f" [{publish_terms()['unverified'][lang]}]"))


def _header(session: Session, pid: int, name: str, lang: str) -> str:
    """`⚡#SURNAME Given` from the person's spellings, in the language's script where they have one."""
    rows = session.execute(select(PersonName.surname, PersonName.given).where(
        PersonName.person_id.in_(group_ids(session, Person, pid)), PersonName.surname.is_not(None))
        .order_by(PersonName.id.desc())).all()
    pick = next((r for r in rows if is_cyrillic(r[0]) == (lang == "ru")), rows[0] if rows else None)
    if pick is None:
        return f"⚡#{name}"
    surname, given = pick
    return f"⚡#{surname.upper()}" + (f" {given}" if given else "")


def _hashtag(place: str | None, lang: str) -> str | None:
    if not place:
        return None
    name = place
    if lang == "ru":
        entry = lookup(place)
        name = next((n for n in (entry or {}).get("names", []) if is_cyrillic(n)), place)
    return "#" + name.replace(" ", "_")


class _Lines:
    def __init__(self, session: Session, events: list[dict], lang: str) -> None:
        self.lang = lang
        docs = {s["document"] for e in events for s in e.get("sources", [])}
        self.language = dict(session.execute(select(Document.id, Document.language).where(Document.id.in_(docs))).all())

    def sentence(self, e: dict) -> str:
        """The source's sentence when it is in this language, else one built from the facts."""
        t = publish_terms()
        same = any(self.language.get(s["document"]) == self.lang for s in e.get("sources", []))
        if same and e["summary"]:
            text = " ".join(e["summary"].split())
        else:
            bits = [long_date(e["date"], self.lang) if e["date"] else "", t["kinds"].get(e["kind"], {}).get(
                self.lang, e["kind"].replace("_", " "))]
            bits += [v["name"] for v in e["victims"]] + [article_text(a, self.lang) for a in e["law_articles"]]
            bits += [o["name"] for o in e["organizations"]] + ([e["outcome"]] if e["outcome"] else [])
            if e["status"] == "scheduled":
                bits.append(t["scheduled"][self.lang])
            text = ", ".join(b for b in bits if b) + "."
        return text


def bulletin_items(session: Session, day: date, *, lang: str = "en", levels: Levels = None,
                   include_unverified: bool = False) -> list[dict]:
    """The bulletin's items: {hashtag, headers, lines}, in the order of their first act."""
    terms = publish_terms()

    def visible(q):  # noqa: ANN001, ANN202
        if levels is not None:
            q = q.where(Event.confidentiality.in_(levels))
        if not include_unverified:
            q = q.where(Event.verified_by.is_not(None))
        return q

    todays = session.execute(visible(select(Event).where(Event.date >= day - timedelta(days=1), Event.date <= day)
                                     .order_by(Event.date, Event.time, Event.id))).scalars().all()
    announced = session.execute(visible(
        select(Event).where(Event.status == "scheduled", Event.date > day, Event.date <= day + timedelta(days=AHEAD),
                            Event.id.in_(select(EventSource.event_id).join(Document, Document.id == EventSource.document_id)
                                         .where(Document.date <= day)))
        .order_by(Event.date, Event.time, Event.id))).scalars().all()
    records = event_records(session, [*todays, *announced], levels=levels)
    lines = _Lines(session, records, lang)
    shown = {e["id"] for e in records}
    groups: dict[frozenset[int], list[dict]] = {}
    for e in records:
        groups.setdefault(frozenset(v["person"] for v in e["victims"]), []).append(e)
    items = []
    for victims, evs in groups.items():
        if not victims:
            continue
        names = {v["person"]: v["name"] for e in evs for v in e["victims"]}
        item_lines: list[str] = []
        said: set[str] = set()  # sentences and officials already in this item
        for e in evs:
            text = lines.sentence(e)
            _add(item_lines, said, text, e, lang)
            for o in e["officials"]:
                if o["name"].split()[-1].lower() not in text.lower() and o["name"] not in said:
                    said.add(o["name"])
                    label = terms["judge" if e["kind"] in _COURT_KINDS else "official"][lang]
                    item_lines.append(f"— {label}: {o['name']}.")
        background = session.execute(visible(
            select(Event).join(Involvement, Involvement.event_id == Event.id)
            .where(Involvement.role == "victim", Involvement.person_id.in_([i for p in victims for i in group_ids(session, Person, p)]),
                   Event.id.not_in(shown), (Event.date < day - timedelta(days=1)) | Event.date.is_(None))
            .order_by(Event.date.desc(), Event.id.desc()))).scalars().unique().all()[:BACKGROUND]
        for e in event_records(session, list(reversed(background)), levels=levels):
            shown.add(e["id"])
            text = lines.sentence(e)
            if text.lower().startswith(terms["reminder"][lang].lower()):
                _add(item_lines, said, text, e, lang)
            else:
                prefix = _reminder(text, lang)
                _add(item_lines, said, text[:1].lower() + text[1:] if prefix.endswith("\0") else text, e, lang,
                     prefix.removesuffix("\0"))
        items.append({"hashtag": next((h for h in (_hashtag(e["place"], lang) for e in evs) if h), None),
                      "headers": [_header(session, pid, names[pid], lang) for pid in sorted(victims, key=list(names).index)],
                      "lines": item_lines})
    return items


def render(items: list[dict], day: date, *, lang: str, fmt: str) -> str:
    heading = publish_terms()["bulletin_title"][lang].format(day=long_date(day.isoformat(), lang))
    blocks = ["\n".join(([it["hashtag"]] if it["hashtag"] else []) + it["headers"] + it["lines"]) for it in items]
    if fmt == "telegram":
        parts = telegram_messages(heading, [b + "\n" for b in blocks])
        return "\n\n".join(f"--- message {i} of {len(parts)} ---\n{p}" if len(parts) > 1 else p
                           for i, p in enumerate(parts, 1)) + "\n"
    if fmt == "md":  # Markdown joins lines unless they end in a hard break
        return f"# {heading}\n\n" + "\n\n".join(b.replace("\n", "  \n") for b in blocks) + "\n"
    return heading + "\n\n" + "\n\n".join(blocks) + "\n"
