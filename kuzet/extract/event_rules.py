"""The reader's first rules, kept as advice: what they would decide becomes a feature of each decision.

Before the trained decisions, Kuzet read events by rules written from monitoring bulletins: each
precise trigger of a sentence is an act unless it follows a threat, a condition or a "while/until"
clause; its date is the last date before it (or one just after, except for refusals, threats and
criminal cases), else the story's date; its victims are the sentence's people, else those listed
after its colon, else the story's. These rules are right on the bulletins they were written from
and wrong on much else; as features, the model learns where to follow them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuzet.extract.dates import DateMention

_THREAT = re.compile(r"threat|угрож|угроз|intimidat|запуг", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|would|otherwise|unless|если|иначе|в противном случае)\b|\bгрозил\w* (?:возбу|уголов)", re.I)
_BACKGROUND = re.compile(r"\b(?:while|until|pending|пока|до окончания|на время|в ходе)\b", re.I)
# A state that goes on ("is being held", «находится»): the act has no day of its own.
ONGOING = re.compile(r"\b(?:(?:is|are) being|ha(?:s|ve) been (?:under|in|held|kept)|remains?|continues?|persecute"
                      r"|находится|продолжа\w+|преследуют|оста[её]тся|до сих пор)\b", re.I)
_NOUN_PHRASE = re.compile(r"criminal|уголовн", re.I)
# Acts whose date after the trigger is usually that of what was refused or threatened ("refused a rally on 1 May").
_NO_DATE_AFTER = {"assembly_restriction", "pressure", "criminal_case"}


@dataclass(frozen=True, slots=True)
class Advice:
    """What the rules decide for one kind they read as an act in one sentence."""

    date: str  # "mention" | "story" | "none"
    mention: DateMention | None
    victims: str  # "sent" | "list" | "story"


def advise(s_text: str, trig: list[tuple[str, int, int, bool]], dates: list[tuple[int, DateMention]], *,
           has_persons: bool, ends_colon: bool) -> dict[str, Advice]:
    """The rules' decision per kind of a sentence's triggers (offsets relative to the sentence).

    trig: (kind, start, end, core) of each trigger. dates: (offset, mention) of the sentence's dates.
    RETURNS (dict[str, Advice]): advice for each kind the rules would read; kinds they drop are absent.
    """
    kept = [t for t in trig if t[3]]
    threat = next((s for k, s, _, _ in kept if k == "pressure" and _THREAT.match(s_text, s)), None)
    if threat is not None:
        kept = [t for t in kept if t[1] <= threat or t[0] == "pressure"]
    cond = _CONDITIONAL.search(s_text)
    if cond and any(k == "pressure" and s < cond.start() for k, s, _, _ in kept):
        kept = [t for t in kept if t[1] < cond.start() or t[0] == "pressure"]
    bg = _BACKGROUND.search(s_text)
    if bg and any(s < bg.start() for _, s, _, _ in kept):
        kept = [t for t in kept if t[1] < bg.start()]
    kinds = {k for k, _, _, _ in kept}
    ongoing = bool(ONGOING.search(s_text))
    out: dict[str, Advice] = {}
    for kind, pos, _end, _ in kept:
        if kind in out:
            continue
        nominal = kind == "criminal_case" and bool(kinds - {"criminal_case"}) and bool(_NOUN_PHRASE.match(s_text, pos))
        mention = _date_for(kind, pos, dates)
        if nominal:
            date = "none"
        elif mention is not None:
            date = "mention"
        else:
            date = "none" if ongoing else "story"
        victims = "sent" if has_persons else "list" if ends_colon else "story"
        out[kind] = Advice(date, None if nominal else mention, victims)
    return out


def _date_for(kind: str, pos: int, dates: list[tuple[int, DateMention]]) -> DateMention | None:
    before = [d for off, d in dates if off < pos]
    if before:
        return before[-1]
    if kind in _NO_DATE_AFTER:
        return None
    after = [d for off, d in dates if 0 <= off - pos < 60]
    return after[0] if after else None
