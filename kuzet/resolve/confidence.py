"""How sure the machine is of an event it read, and why not, for the review queue.

The reading core states facts, not certainties; these checks look at what a record
says about an event and lower its confidence where monitors most often find the
machine wrong. An event below REVIEW_BELOW goes to `kuzet review` as a low-confidence
fact; nothing is hidden or dropped because of it.
"""

from __future__ import annotations

import re
from datetime import date

REVIEW_BELOW = 0.75

# (factor, reason) for each doubt; the confidence is the product of the factors found.
_VICTIM_OUTSIDE = (0.7, "the victim is not named where the act is told, nor just before it")
_VICTIM_BEFORE = (0.9, "the victim is named just before the act is told (he, she, the activist)")
# How far back a victim's name still makes a pronoun or a ⚡#HEADER story plain.
_STORY_REACH = 400
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|they|them|он|она|они|его|её|ее|неё|нее|ему|ей|им|ним|ней|их)\b", re.I)
_NO_DATE = (0.85, "the text gives no date for the act")
_FAR_FROM_DOCUMENT = (0.7, "the act's date is more than a year before the document")
_AFTER_DOCUMENT = (0.6, "the act is told as done, but its date is after the document's")
_SEVERAL_VICTIMS = (0.9, "one act against several people: check each was a victim")


def event_confidence(record: dict, ev: dict) -> tuple[float, list[str]]:
    """The confidence (0-1) of one event of `record`, with the reasons it is below 1."""
    doubts = []
    spans = [(e["start"], e["end"]) for e in ev["evidence"]]
    persons = {p["id"]: p for p in record["persons"]}
    told = ev.get("summary") or ""
    for v in ev["victims"]:
        mentions = persons[v]["mentions"] if v in persons else []
        if any(a <= m["start"] < b for m in mentions for a, b in spans):
            continue
        near = any(a - _STORY_REACH <= m["start"] < a for m in mentions for a, _ in spans)
        doubts.append(_VICTIM_BEFORE if near or _PRONOUN.search(told) else _VICTIM_OUTSIDE)
        break
    if len(ev["victims"]) > 2:
        doubts.append(_SEVERAL_VICTIMS)
    doc_date = record["source"].get("date")
    if ev["date"] is None:
        if ev["status"] == "happened":
            doubts.append(_NO_DATE)
    elif doc_date:
        when, written = date.fromisoformat(ev["date"]), date.fromisoformat(doc_date)
        if (written - when).days > 366:
            doubts.append(_FAR_FROM_DOCUMENT)
        if when > written and ev["status"] == "happened":
            doubts.append(_AFTER_DOCUMENT)
    score = 1.0
    for factor, _ in doubts:
        score *= factor
    return round(score, 3), [reason for _, reason in doubts]
