"""A document's text cut into pieces for the reading screen: plain text, or a fact's mention.

Mentions of persons, organizations, places and articles become marks; where two
overlap (a place inside an organization's name), the one that starts first and is
longest wins, so the text is shown once, whole and in order. Event evidence is not
marked inline (it spans sentences); the fact list links to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    fact: str | None = None   # the fact's id, e.g. "p1"
    group: str | None = None  # persons | organizations | places | law_articles
    state: str | None = None  # machine | accepted | corrected | verified | rejected | added


def pieces(text: str, facts: dict[str, list[dict]]) -> list[Piece]:
    marks = sorted(((s["start"], s["end"], f) for group, items in facts.items() if group != "events"
                    for f in items for s in f["spans"] if 0 <= s["start"] < s["end"] <= len(text)),
                   key=lambda m: (m[0], -m[1]))
    out: list[Piece] = []
    at = 0
    for start, end, f in marks:
        if start < at:
            continue  # inside a longer mark already shown
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], f["id"], f["group"], f["state"]))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out
