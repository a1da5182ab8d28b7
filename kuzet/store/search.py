"""Full-text search over documents and events, Latin and Cyrillic, on SQLite FTS5 and PostgreSQL.

Neither engine folds ё/й or the Kazakh letters, and neither matches "Zhakupova" to
"Жакупова"; so the application folds the text itself, once for the index and once
for the query, and indexes each text twice: folded, and transliterated to Latin.
Snippets are cut from the original text at the first matching word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, bindparam
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from kuzet.lang.translit import fold_kazakh, to_latin
from kuzet.text.chars import fold_for_matching

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Same length as `text`: lower case, look-alike letters to their word's script, ё->е, й->и, Kazakh->Russian."""
    folded = fold_for_matching(text)
    lower = folded.lower()
    if len(lower) != len(folded):  # a letter like "İ" lowers to two characters
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    return fold_kazakh(lower.replace("ё", "е").replace("й", "и"))


@functools.lru_cache(maxsize=8192)
def fold_name(name: str) -> str:
    """`fold` for the short names a filter compares on every request (places, organizations)."""
    return fold(name)


def _latin(word: str) -> str:
    return to_latin(word).lower()


@functools.lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str]:
    """A word of a text folded, and in Latin: what a query word must begin. Words recur across snippets."""
    folded = fold(word)
    return folded, folded if folded.isascii() else _latin(folded)


def index_body(text: str) -> str:
    """What the index stores for a text: its folded words, then the Cyrillic ones in Latin."""
    folded = fold(text)
    latin = " ".join(_latin(w) for w in _WORD.findall(folded) if not w.isascii())
    return folded + "\n" + latin


def add(session: Session, kind: str, ref_id: int, text: str) -> None:
    """Index a document ("doc") or an event ("event")."""
    session.execute(sql("INSERT INTO search_index (kind, ref_id, body) VALUES (:k, :r, :b)"),
                    {"k": kind, "r": ref_id, "b": index_body(text)})


def add_many(session: Session, items: list[tuple[str, int, str]]) -> None:
    """Index several (kind, ref_id, text) at once."""
    if items:
        session.execute(sql("INSERT INTO search_index (kind, ref_id, body) VALUES (:k, :r, :b)"),
                        [{"k": k, "r": r, "b": index_body(t)} for k, r, t in items])


def remove(session: Session, kind: str, ref_id: int) -> None:
    session.execute(sql("DELETE FROM search_index WHERE kind = :k AND ref_id = :r"), {"k": kind, "r": ref_id})


def _terms(query: str) -> list[list[str]]:
    """Each query word with its Latin form: a hit needs every word, in either script."""
    out = []
    for w in _WORD.findall(fold(query)):
        forms = [w] if w.isascii() else [w, _latin(w)]
        out.append([f for f in dict.fromkeys(forms) if f])
    return out


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # doc | event
    ref_id: int


def find(session: Session, query: str, *, event_kind: str | None = None, since: date | None = None,
         until: date | None = None, levels: tuple[str, ...] | None = None, limit: int = 50) -> list[Hit]:
    """Documents and events whose text holds every word of `query` (as a word prefix), the latest stored first.

    Only hits that pass the filters count towards `limit`, so a filter never empties a page that
    older hits would fill: an event kind (documents are then left out), dates (of the document or
    the event; undated ones only when no date is asked for), the confidentiality levels a reader
    may see. Latest first, not by relevance: a monitor follows a name or an article through time,
    and ranking every match (a common word matches half the archive) made a search five to ten times slower.
    """
    terms = _terms(query)
    if not terms:
        return []
    params: dict = {"n": limit}
    binds = []
    doc: list[str] = []  # what a hit's document must hold to be shown
    event: list[str] = []  # and what its event must
    if event_kind:
        doc.append("false")
        event.append("e.kind = :event_kind")
        params["event_kind"] = event_kind
    for name, value, op in (("since", since, ">="), ("until", until, "<=")):
        if value:
            doc.append(f"d.date {op} :{name}")
            event.append(f"e.date {op} :{name}")
            params[name] = value
            binds.append(bindparam(name, type_=Date))
    if levels is not None:
        doc.append("d.confidentiality IN :levels")
        event.append("e.confidentiality IN :levels")
        params["levels"] = list(levels)
        binds.append(bindparam("levels", expanding=True))
    # Checked hit by hit as the index is walked, latest first (CASE keeps either engine from joining every
    # match first), so a page of hits that pass ends the walk. Without filters every hit passes: an index
    # row goes when what it indexes goes (a rejected event takes its row along).
    shown = "true" if not doc else (
        "CASE WHEN m.kind = 'doc' THEN EXISTS (SELECT 1 FROM documents d WHERE d.id = m.ref_id"
        + "".join(f" AND {c}" for c in doc) + ") ELSE EXISTS (SELECT 1 FROM events e WHERE e.id = m.ref_id"
        + "".join(f" AND {c}" for c in event) + ") END")
    if session.bind.dialect.name == "sqlite":
        params["q"] = " AND ".join("(" + " OR ".join(f'"{f}"*' for f in forms) + ")" for forms in terms)
        statement = (f"SELECT m.kind, m.ref_id FROM search_index AS m WHERE m.search_index MATCH :q AND {shown} "
                     "ORDER BY m.rowid DESC LIMIT :n")
    else:
        params["q"] = " & ".join("(" + " | ".join(f"{f}:*" for f in forms) + ")" for forms in terms)
        # Materialized: the matches come from the text index, never from walking the id index backwards.
        statement = ("WITH hits AS MATERIALIZED (SELECT id, kind, ref_id FROM search_index "
                     "WHERE tsv @@ to_tsquery('simple', :q)) "
                     "SELECT m.kind, m.ref_id FROM (SELECT id, kind, ref_id FROM hits ORDER BY id DESC) AS m "
                     f"WHERE {shown} ORDER BY m.id DESC LIMIT :n")
    return [Hit(k, int(r)) for k, r in session.execute(sql(statement).bindparams(*binds), params)]


def snippet(text: str, query: str, *, width: int = 160) -> str:
    """A piece of `text` around the first word that matches the query, the word marked with [brackets]."""
    terms = _terms(query)
    best: tuple[int, int] | None = None
    # Word by word (fold keeps a word's length), so a long document is folded only up to its first match.
    for m in _WORD.finditer(text):
        w, latin = _forms(m.group())
        if any(w.startswith(f) or latin.startswith(f) for forms in terms for f in forms):
            best = (m.start(), m.end())
            break
    if best is None:
        return " ".join(text[:width].split())
    a, b = best
    start = max(0, a - width // 2)
    end = min(len(text), b + width // 2)
    piece = text[start:a] + "[" + text[a:b] + "]" + text[b:end]
    return ("…" if start else "") + " ".join(piece.split()) + ("…" if end < len(text) else "")
