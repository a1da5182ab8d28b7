"""The daily bulletin in the shape monitoring groups publish (the seed is one).

For a day: the acts of that day and the day before, hearings announced for the next two
weeks, grouped by the people they concern; each group under its place's hashtag and a
`⚡#SURNAME Given` header per person, one "— " line per act (the source's own sentence
when it is in the bulletin's language, else a line built from the facts), the judge when
the sentence does not name them, and background lines from the person's earlier acts
("It should be reminded that ..."), and a counter after the day's last act of a counted kind
("In total, from ... to ..., 79 refusals ..."), counting the acts the bulletin may show. Only
verified acts unless asked; then the others are marked.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kuzet.publish import report
from kuzet.publish.digest import article_text, long_date, telegram_text, unverified_mark
from kuzet.publish.names import Name, person_names, place_name
from kuzet.resolve.identity import group_ids
from kuzet.resources import publish_terms
from kuzet.store.models import Document, Event, EventSource, Involvement, Person
from kuzet.store.queries import Levels, event_records

AHEAD = 14  # days of announced hearings
BACKGROUND = 3  # earlier acts recalled per person


_COURT_KINDS = frozenset({"court_hearing", "verdict", "administrative_arrest", "fine", "pretrial_restriction"})


def _reminder(text: str, lang: str) -> tuple[str, str]:
    """"It should be reminded that ", and the sentence with its first letter lowered when that is an ordinary word."""
    terms = publish_terms()
    first = text.split(" ", 1)[0].lower().strip(",")
    return terms["reminder"][lang] + " ", text[:1].lower() + text[1:] if first in terms["lower_first"][lang] else text


def _add(lines: list[str], said: set[str], text: str, e: dict, lang: str, prefix: str = "") -> None:
    """One "— " line, unless this item told that sentence already (a trial and its case read from one sentence)."""
    if text.lower() in said:
        return
    said.add(text.lower())
    lines.append("— " + prefix + text + ("" if e["verified_by"] else " " + unverified_mark(lang)))


def _header(name: Name) -> str:
    """`⚡#SURNAME Given`."""
    if not name.surname:
        return f"⚡#{name.full}"
    return f"⚡#{name.surname.upper()}" + (f" {name.given}" if name.given else "")


class _Lines:
    def __init__(self, session: Session, events: list[dict], lang: str) -> None:
        self.lang = lang
        docs = {s["document"] for e in events for s in e.get("sources", [])}
        self.language = dict(session.execute(select(Document.id, Document.language).where(Document.id.in_(docs))).all())
        self.names = person_names(session, {p["person"] for e in events for role in ("victims", "officials")
                                            for p in e[role] if "person" in p}, lang)

    def name(self, p: dict) -> str:
        return self.names[p["person"]].full if p.get("person") in self.names else p["name"]

    def sentence(self, e: dict) -> str:
        """The source's sentence when it is in this language, else one built from the facts."""
        t = publish_terms()
        same = any(self.language.get(s["document"]) == self.lang for s in e.get("sources", []))
        if same and e["summary"]:
            text = " ".join(e["summary"].split())
        else:
            bits = [long_date(e["date"], self.lang) if e["date"] else "", t["kinds"].get(e["kind"], {}).get(
                self.lang, e["kind"].replace("_", " "))]
            bits += [self.name(v) for v in e["victims"]] + [article_text(a, self.lang) for a in e["law_articles"]]
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
    counted: dict[str, int] = {}  # a counter's kind -> the item of the day's last act of that kind
    for victims, evs in groups.items():
        if not victims:
            continue
        counted.update({e["kind"]: len(items) for e in evs if e["kind"] in terms["counters"] and e["status"] != "scheduled"})
        order = list(dict.fromkeys(v["person"] for e in evs for v in e["victims"]))
        item_lines: list[str] = []
        said: set[str] = set()  # sentences and officials already in this item
        for e in evs:
            text = lines.sentence(e)
            _add(item_lines, said, text, e, lang)
            for o in e["officials"]:
                if o["name"].split()[-1].lower() not in text.lower() and o["name"] not in said:
                    said.add(o["name"])
                    label = terms["judge" if e["kind"] in _COURT_KINDS else "official"][lang]
                    item_lines.append(f"— {label}: {lines.name(o)}.")
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
                prefix, told = _reminder(text, lang)
                _add(item_lines, said, told, e, lang, prefix)
        items.append({"hashtag": next(("#" + place_name(e["place"], lang).replace(" ", "_") for e in evs if e["place"]), None),
                      "headers": [_header(lines.names[pid]) for pid in order if pid in lines.names],
                      "lines": item_lines})
    for kind, at in counted.items():
        n, first, places = session.execute(visible(select(func.count(Event.id), func.min(Event.date),
                                                          func.count(Event.place_id.distinct()))
                                                   .where(Event.kind == kind, Event.date <= day))).one()
        what = terms["counters"][kind][lang]
        where = terms["places_word"].get(lang, ["", ""])
        items[at]["lines"].append("— " + terms["counter"][lang].format(
            n=n, places=places, what=what if isinstance(what, str) else what[n != 1], where=where[places != 1],
            start=long_date(first.isoformat(), lang), end=long_date(day.isoformat(), lang)))
    return items


def render(items: list[dict], day: date, *, lang: str, fmt: str) -> str | bytes:
    """The bulletin as md, txt, telegram (messages within Telegram's limit), html or pdf (bytes)."""
    heading = publish_terms()["bulletin_title"][lang].format(day=long_date(day.isoformat(), lang))
    if fmt in ("html", "pdf"):
        return report.publish(heading, [{"tags": [it["hashtag"]] if it["hashtag"] else [], "who": it["headers"],
                                         "lines": it["lines"]} for it in items],
                              lang=lang, fmt=fmt, unverified_mark=unverified_mark(lang))
    blocks = ["\n".join(([it["hashtag"]] if it["hashtag"] else []) + it["headers"] + it["lines"]) for it in items]
    if fmt == "telegram":
        return telegram_text(heading, [b + "\n" for b in blocks])
    if fmt == "md":  # Markdown joins lines unless they end in a hard break
        return f"# {heading}\n\n" + "\n\n".join(b.replace("\n", "  \n") for b in blocks) + "\n"
    return heading + "\n\n" + "\n\n".join(blocks) + "\n"
