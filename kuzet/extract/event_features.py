"""Features of the event reader's three decisions, as strings a linear model weighs.

- *act*: is a candidate trigger a new act, told as it happens (kept), or background, another sense
  of the word, a request, a fear (dropped)?
- *date*: which of the sentence's dates, the story's date, the document's date or none governs it?
- *victim*: is a person (in the sentence, the story's header or the sentence before) acted against?

Each feature is a short string such as ``"prev1=refuse"`` or ``"k=detention|between=relative"``;
kind-specific copies let one model learn that "refused" is an act for a rally and not for a
comment. The same functions serve training (kuzet/learn/) and reading, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kuzet.extract.clauses import Word, between, bucket, clause_ids, opener, subject
from kuzet.extract.dates import DateMention
from kuzet.extract.persons import Person
from kuzet.text.doc import Span


@dataclass(slots=True)
class SentenceView:
    """One sentence as the features see it."""

    index: int
    words: list[Word]
    lang: str
    is_title: bool
    first_in_section: bool
    in_header: bool
    ends_colon: bool
    quoted: bool
    # (person, mention span, index of the mention's first word), in text order
    persons: list[tuple[Person, Span, int]]
    dates: list[tuple[DateMention, int]]
    triggers: list[tuple[str, int]]  # (kind, index of the trigger's first word)
    story: str = "none"  # who the story is about when the sentence names nobody: header | prev | none
    story_count: int = 0  # how many people that is
    item_person: bool = False  # an earlier sentence of the same list item named someone ("— X was detained. A case was opened.")
    shared: tuple | None = None  # what every candidate of the sentence shares, worked out once (see `_shared`)


def _shared(view: SentenceView) -> tuple[set[int], list[str], bool, bool, list[int]]:
    """The sentence's person words, its words as features, whether it has a pronoun or a group noun, and
    its words' clause numbers."""
    if view.shared is None:
        ws = view.words
        people = {j for _, span, i in view.persons for j in range(i, len(ws)) if ws[j].start < span.end}
        # The sentence's words, wherever they stand: what it is about ("in the film", "the ban on parties").
        bow = [f"w={w}" for w in {w.stem for w in ws if w.low[:1].isalpha() and len(w.low) > 2}]
        view.shared = (people, bow, any("pronoun" in w.cats for w in ws), any("group" in w.cats for w in ws),
                       clause_ids(ws))
    return view.shared


def _near(words: list[Word], lo: int, hi: int) -> set[str]:
    cats: set[str] = set()
    for w in words[max(0, lo):max(0, hi)]:
        cats |= w.cats
    return cats


def act_features(view: SentenceView, kind: str, t0: int, t1: int, doc_date: date | None) -> list[str]:
    """Features of a candidate act whose trigger spans words t0..t1-1 of the sentence."""
    ws = view.words
    trig = " ".join(w.stem for w in ws[t0:t1])
    f = [f"k={kind}", f"trig={trig}", f"k={kind}|trig={trig}", f"lang={view.lang}", f"lang={view.lang}|k={kind}"]
    if ws[t0].suffix:
        f.append(f"tsuf={ws[t0].suffix}")
        f.append(f"k={kind}|tsuf={ws[t0].suffix}")
    for i in (1, 2, 3):
        p = ws[t0 - i].stem if t0 - i >= 0 else "<s>"
        n = ws[t1 - 1 + i].stem if t1 - 1 + i < len(ws) else "</s>"
        f.append(f"prev{i}={p}")
        f.append(f"next{i}={n}")
        if i == 1:
            f.append(f"k={kind}|prev1={p}")
            f.append(f"k={kind}|next1={n}")
    f.append(f"prev12={ws[t0 - 2].stem if t0 >= 2 else '<s>'}_{ws[t0 - 1].stem if t0 >= 1 else '<s>'}")
    for c in _near(ws, 0, t0):
        f.append(f"before={c}")
        f.append(f"k={kind}|before={c}")
    for c in _near(ws, t0 - 4, t0):
        f.append(f"near_before={c}")
        f.append(f"k={kind}|near_before={c}")
    for c in _near(ws, t1, t1 + 5):
        f.append(f"near_after={c}")
        f.append(f"k={kind}|near_after={c}")
    for c in _near(ws, t1, len(ws)):
        f.append(f"after={c}")
    # Who acts: a court, the police, an akimat... or no state body at all (a club fining its player).
    state = "before" if any("state" in w.cats for w in ws[:t0]) else "after" if any("state" in w.cats for w in ws[t1:]) else "none"
    f += [f"state={state}", f"k={kind}|state={state}"]
    victims = [p for p, _, _ in view.persons if not p.official]
    people, bow, pronoun, group, _ = _shared(view)
    # "A case was opened against her": a pronoun stands for the story's person.
    f.append(f"persons={min(len(victims), 3)}|pronoun={pronoun}")
    f.append(f"k={kind}|persons={min(len(victims), 3)}|pronoun={pronoun}")
    if not victims:
        # "A criminal case was opened" after one named person's detention, or "dozens of people were prosecuted".
        f += [f"story={view.story}", f"story={view.story}|pronoun={pronoun}",
              f"story={view.story}|n={min(view.story_count, 2)}|group={group}",
              f"k={kind}|story={view.story}|n={min(view.story_count, 2)}|group={group}",
              f"item_person={view.item_person}", f"k={kind}|item_person={view.item_person}|group={group}"]
    if any(p.official for p, _, _ in view.persons):
        f.append("official_here")
    if view.dates:
        f.append("has_date")
        if any(i < t0 for _, i in view.dates):
            f.append("date_before")
        d0 = view.dates[0][0]
        if doc_date and d0.value:
            f.append(f"sent_date_age={_age(d0.value, doc_date)}")
    if view.is_title:
        f.append("title")
    if view.first_in_section:
        f.append("first_in_section")
    if view.in_header:
        f.append("header")
    if view.ends_colon:
        f.append("ends_colon")
    if view.quoted:
        f.append("quoted")
    others = [k for k, i in view.triggers if i != t0]
    f.append(f"other_triggers={min(len(others), 3)}")
    if any(k != kind for k in others):
        f.append("other_kind_here")
    if t0 == 0 or (t0 == 1 and not ws[0].low.isalnum()):
        f.append("sentence_start")
    f.append(f"tpos={bucket(t0)}")
    op = opener(ws, t0)
    f += [f"opener={op}", f"k={kind}|opener={op}"]
    agent = subject(ws, t0, people)
    f += [f"subj={agent}", f"k={kind}|subj={agent}"]
    f += bow
    f.append("bias")
    return f


def _age(value: date, anchor: date) -> str:
    days = (anchor - value).days
    if days < 0:
        return "future"
    return "0" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year" if days <= 366 else "older"


def date_features(view: SentenceView, kind: str, t0: int, act: list[str], option: str, mention: tuple[DateMention, int] | None,
                  value: date | None, doc_date: date | None, story_date: date | None) -> list[str]:
    """Features of one way to date a candidate act: option is mention | story | prev | doc | none."""
    f = [f"opt={option}", f"opt={option}|k={kind}", f"opt={option}|lang={view.lang}"]
    if option == "none":
        # Background markers tell for no date: the act's own features, seen from this option.
        f += [f"none|{x}" for x in act if x.startswith(("before=", "near_before=", "near_after=", "tsuf=", "prev1=", "title",
                                                          "first_in_section", "quoted", "has_date", "date_before", "header"))]
        return f
    ws = view.words
    if value is not None and doc_date is not None:
        f.append(f"opt={option}|age={_age(value, doc_date)}")
    if value is not None and story_date is not None and option != "story":
        f.append(f"opt={option}|vs_story={'same' if value == story_date else 'earlier' if value < story_date else 'later'}")
    if option in ("story", "doc", "prev"):
        f.append(f"opt={option}|has_date={bool(view.dates)}")
        f.append(f"opt={option}|first={view.first_in_section}")
        f += [f"{option}|{x}" for x in act if x.startswith(("before=", "near_before=", "tsuf="))]
        return f
    assert mention is not None
    dm, di = mention
    side = "before" if di < t0 else "after"
    dist = abs(t0 - di)
    f += [f"side={side}", f"side={side}|dist={bucket(dist)}", f"k={kind}|side={side}", f"prec={dm.precision}"]
    if dm.relative:
        f.append(f"rel={dm.relative}")
        f.append(f"k={kind}|rel={dm.relative}")
    if dm.approximate:
        f.append("approximate")
    if dm.end_value is not None:
        f.append("range")
    if dm.since:
        f.append("since")
    if not dm.year_given:
        f.append("no_year")
    f.append(f"date_prev={ws[di - 1].stem if di > 0 else '<s>'}")
    f.append(f"k={kind}|date_prev={ws[di - 1].stem if di > 0 else '<s>'}")
    if di <= 1:
        f.append("date_opens")
    for c in between(ws, di, t0):
        f.append(f"dbetween={c}")
        f.append(f"side={side}|dbetween={c}")
    clause = _shared(view)[4]
    f.append(f"same_clause={clause[di] == clause[t0]}")
    f.append(f"side={side}|same_clause={clause[di] == clause[t0]}")
    f.append(f"date_opener={opener(ws, di)}")
    closer = [i for k, i in view.triggers if i != t0 and abs(i - di) < dist and (i - di) * (t0 - di) > 0]
    if closer:
        f.append("trigger_closer")
    rank = sorted(range(len(view.dates)), key=lambda j: abs(view.dates[j][1] - t0))
    nearest = view.dates[rank[0]][1] == di
    f.append(f"nearest={nearest}")
    if len(view.dates) > 1:
        f.append(f"ndates=2+|nearest={nearest}")
    return f


def victim_features(view: SentenceView, kind: str, t0: int, person: Person, source: str, mention: tuple[Span, int] | None,
                    act: list[str]) -> list[str]:
    """Features of one person as a victim of a candidate act: source is sent | header | prev | list."""
    f = [f"src={source}", f"src={source}|k={kind}"]
    for d in person.descriptors[:3]:
        f.append(f"desc={d}")
    if person.official:
        f.append("official")
    if not person.given:
        f.append("surname_only")
    f += [f"{source}|{x}" for x in act if x.startswith(("persons=", "near_after=group", "near_before=group", "after=group",
                                                         "near_after=pronoun", "near_before=pronoun"))]
    if source != "sent" or mention is None:
        return f
    ws = view.words
    span, pi = mention
    side = "before" if pi < t0 else "after"
    dist = abs(pi - t0)
    f += [f"pside={side}", f"pside={side}|dist={bucket(dist)}", f"k={kind}|pside={side}"]
    for c in between(ws, pi, t0):
        f.append(f"pbetween={c}")
        f.append(f"pside={side}|pbetween={c}")
    clause = _shared(view)[4]
    f.append(f"psame_clause={clause[pi] == clause[t0]}")
    f.append(f"pside={side}|psame_clause={clause[pi] == clause[t0]}")
    prev = ws[pi - 1].stem if pi > 0 else "<s>"
    f.append(f"pprev={prev}")
    for c in (ws[pi - 1].cats if pi > 0 else ()):
        f.append(f"pprev_cat={c}")
    for c in _near(ws, pi - 3, pi):
        f.append(f"pnear_before={c}")
    end = next((j for j in range(pi, len(ws)) if ws[j].end >= span.end), pi)
    nxt = ws[end + 1].stem if end + 1 < len(ws) else "</s>"
    f.append(f"pnext={nxt}")
    for c in (ws[end + 1].cats if end + 1 < len(ws) else ()):
        f.append(f"pnext_cat={c}")
    last = span.text.split()[-1].lower() if span.text.split() else ""
    if len(last) > 3 and view.lang != "en":
        f.append(f"psuf={last[-2:]}")
    order = [i for p, _, i in view.persons if not p.official]
    if order and order[0] == pi:
        f.append("first_person")
    same_side = [i for i in order if (i - t0) * (pi - t0) > 0]
    if same_side and min(same_side, key=lambda i: abs(i - t0)) == pi:
        f.append(f"nearest_{side}")
    return f
