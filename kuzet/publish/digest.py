"""The periodic digest: one line per event, by date, the way monitoring groups publish it.

"1 September 2021, Aktobe Region, Aktobe, Aliya Zhakupova, Article 378 Part 1 of the
Criminal Code, fine, 50 MCI" — or in Russian "1 сентября 2021, Актюбинская область,
Актобе, Алия Жакупова, ч. 1 ст. 378 УК РК, штраф, 50 МРП". Names are in the language's
script (publish/names.py). Only verified events by default;
with `include_unverified` the others are marked. Words are data (data/publish_terms.json).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.publish.names import person_names, place_name
from kuzet.resources import publish_terms, region_names
from kuzet.store.models import Event, Place
from kuzet.store.queries import Levels, event_records

LANGS = ("en", "ru")
TELEGRAM_LIMIT = 4096  # characters in one Telegram message


def long_date(value: str, lang: str) -> str:
    d = date.fromisoformat(value)
    return f"{d.day} {publish_terms()['months'][lang][d.month - 1]} {d.year}"


def article_text(a: dict, lang: str) -> str:
    t = publish_terms()
    part = t["part"][lang].format(part=a["part"]) if a["part"] else ""
    text = t["article"][lang].format(article=a["article"], part=part)
    code = t["codes"][lang].get(a["code"])
    return f"{text} {code}" if code else text


def digest_lines(session: Session, start: date, end: date, *, lang: str = "en", levels: Levels = None,
                 include_unverified: bool = False) -> list[str]:
    """The digest's lines for events dated from `start` to `end`, oldest first."""
    q = select(Event).where(Event.date >= start, Event.date <= end)
    if levels is not None:
        q = q.where(Event.confidentiality.in_(levels))
    if not include_unverified:
        q = q.where(Event.verified_by.is_not(None))
    events = event_records(session, list(session.execute(q.order_by(Event.date, Event.time, Event.id)).scalars()),
                           with_sources=False, levels=levels)
    places = dict(session.execute(select(Place.name, Place.region)).all())
    people = person_names(session, {v["person"] for e in events for v in e["victims"]}, lang)
    terms = publish_terms()
    lines = []
    for e in events:
        bits = [long_date(e["date"], lang)]
        region = places.get(e["place"])
        if region:
            bits.append(region_names().get(region, {}).get(lang, region))
        if e["place"] and e["place"] != region:
            bits.append(place_name(e["place"], lang))
        if e["victims"]:
            bits.append(", ".join(people[v["person"]].full if v["person"] in people else v["name"] for v in e["victims"]))
        bits += [article_text(a, lang) for a in e["law_articles"]]
        kind = terms["kinds"].get(e["kind"], {}).get(lang, e["kind"].replace("_", " "))
        bits.append(kind + (" (" + ("назначено" if lang == "ru" else "scheduled") + ")" if e["status"] == "scheduled" else ""))
        if e["outcome"]:
            bits.append(e["outcome"])
        line = ", ".join(bits)
        if not e["verified_by"]:
            line += " " + unverified_mark(lang)
        lines.append(line)
    return lines


def title(start: date, end: date, lang: str) -> str:
    return publish_terms()["title"][lang].format(start=long_date(start.isoformat(), lang), end=long_date(end.isoformat(), lang))


def telegram_messages(heading: str, lines: list[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The digest as Telegram messages of at most `limit` characters, split between lines (a line too long is cut)."""
    messages, cur = [], heading
    for line in lines:
        line = line if len(line) <= limit - 2 else line[: limit - 3] + "…"
        if len(cur) + 1 + len(line) > limit:
            messages.append(cur)
            cur = line
        else:
            cur = f"{cur}\n{line}" if cur else line
    messages.append(cur)
    return messages


def unverified_mark(lang: str) -> str:
    return f"[{publish_terms()['unverified'][lang]}]"


def telegram_text(heading: str, blocks: list[str]) -> str:
    """The messages one after another, each headed "--- message i of n ---" when there are several."""
    parts = telegram_messages(heading, blocks)
    return "\n\n".join(f"--- message {i} of {len(parts)} ---\n{p}" if len(parts) > 1 else p
                       for i, p in enumerate(parts, 1)) + "\n"


def render(lines: list[str], start: date, end: date, *, lang: str, fmt: str) -> str | bytes:
    """The digest as md, txt, telegram (messages within Telegram's limit), html or pdf (bytes)."""
    heading = title(start, end, lang)
    if fmt in ("html", "pdf"):
        from kuzet.publish import report

        return report.publish(heading, [{"lines": lines}], lang=lang, fmt=fmt, unverified_mark=unverified_mark(lang))
    if fmt == "md":
        return f"# {heading}\n\n" + "".join(f"- {line}\n" for line in lines)
    if fmt == "telegram":
        return telegram_text(heading, lines)
    return heading + "\n\n" + "".join(f"{line}\n" for line in lines)
