"""People's and places' names in the script of the publication's language.

A person is named in the language's script where some document spells them so (their
commonest such full spelling), and transliterated otherwise: Russian-language output
writes Kuandyk KUMEKBAYEV as Куандык Кумекбаев, English writes Алия Жакупова as Aliya
Zhakupova. Places come from the gazetteer's names (Актау for Aktau).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.extract.places import lookup
from kuzet.lang.translit import to_cyrillic, to_latin
from kuzet.resolve.identity import group_ids
from kuzet.store.models import Person, PersonName
from kuzet.text.chars import is_cyrillic


@dataclass(frozen=True, slots=True)
class Name:
    full: str
    surname: str | None
    given: str | None


def _in_script(text: str | None, lang: str) -> str | None:
    if text is None or is_cyrillic(text) == (lang == "ru"):
        return text
    return to_cyrillic(text) if lang == "ru" else to_latin(text)


def _plain(word: str | None) -> str | None:
    """A whole word in capitals (KUMEKBAYEV) is the source's emphasis, not its spelling."""
    return word.capitalize() if word and word.isupper() and len(word) > 2 else word


def person_names(session: Session, person_ids: set[int], lang: str) -> dict[int, Name]:
    """Each person's name for a text in `lang`: their name where it is in the language's script, else
    their commonest spelling in that script, else their name transliterated."""
    out: dict[int, Name] = {}
    roots = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(person_ids))).all())
    owner = {i: pid for pid in roots for i in group_ids(session, Person, pid)}
    spellings: dict[int, list] = {pid: [] for pid in roots}
    for row in session.execute(select(PersonName.person_id, PersonName.surname, PersonName.given).where(
            PersonName.person_id.in_(list(owner)), PersonName.surname.is_not(None)).order_by(PersonName.id)):
        spellings[owner[row.person_id]].append(row)
    for pid, display in roots.items():
        rows = spellings[pid]
        own = Counter((_plain(r.surname), _plain(r.given)) for r in rows if is_cyrillic(r.surname) == (lang == "ru"))
        if is_cyrillic(display) == (lang == "ru"):
            surname, given = own.most_common(1)[0][0] if own else (display.split()[-1], None)
            out[pid] = Name(display, surname, given)
        elif full := [k for k, _ in own.most_common() if k[1]]:
            surname, given = full[0]
            out[pid] = Name(f"{given} {surname}", surname, given)
        else:
            surname, given = Counter((_plain(r.surname), _plain(r.given)) for r in rows).most_common(1)[0][0] \
                if rows else (display.split()[-1], None)
            out[pid] = Name(*(_in_script(v, lang) for v in (display, surname, given)))  # type: ignore[arg-type]
    return out


def place_name(name: str, lang: str) -> str:
    """A gazetteer place's name in the language's script (Актау for Aktau in Russian)."""
    if is_cyrillic(name) == (lang == "ru"):
        return name
    entry = lookup(name)
    names = (entry or {}).get("names", [])
    return next((n for n in names if is_cyrillic(n) == (lang == "ru")), name)
