"""Cases: the legal proceedings against one person, rebuilt from that person's events.

A person has at most one criminal and one administrative proceeding per set of
articles; the events say which: an article's code, or the kind of act (a fine or an
administrative arrest is administrative; a criminal case, a measure of restraint or
a verdict under a criminal article is criminal). A hearing without an article joins
the person's only proceeding, or the criminal one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kuzet.resolve.identity import group_ids
from kuzet.store.models import (
    Case,
    Event,
    EventArticle,
    Involvement,
    LawArticle,
    Organization,
    Person,
    PersonDescriptor,
)

CASE_KINDS = {"criminal_case", "pretrial_restriction", "court_hearing", "verdict", "administrative_arrest", "fine"}
_ADMIN_KINDS = {"administrative_arrest", "fine"}
_APPEAL = re.compile(r"appeal|апелляц|кассац|шағым", re.I)
_ACQUIT = re.compile(r"acquit|оправда|ақтал", re.I)

# What a case's latest act says about where it stands.
_STATUS = {
    "criminal_case": "under investigation",
    "pretrial_restriction": "under a measure of restraint",
    "court_hearing": "on trial",
    "verdict": "sentenced",
    "administrative_arrest": "administrative arrest",
    "fine": "fined",
}


_FIELDS = ("articles", "court", "judge", "prosecutor", "investigator", "measure", "verdict", "sentence", "appeal",
           "status", "opened", "updated")


def rebuild_cases(session: Session, roots: Iterable[int]) -> None:
    """Bring the cases of each person in `roots` (and everyone merged into them) in line with their events.

    Cases are recomputed from the events and written only where they changed: ingest
    calls this once per batch with every person the batch touched, so the events,
    articles, officials and cases of all of them are read in four queries.
    """
    owner = {pid: root for root in set(roots) for pid in group_ids(session, Person, root)}
    if not owner:
        return
    old: dict[int, dict[str, Case]] = defaultdict(dict)
    for case in session.execute(select(Case).where(Case.person_id.in_(owner))).scalars():
        old[owner[case.person_id]][case.code] = case
    events: dict[int, dict[int, Event]] = defaultdict(dict)
    for pid, ev in session.execute(
            select(Involvement.person_id, Event).join(Involvement, Involvement.event_id == Event.id)
            .where(Involvement.role == "victim", Involvement.person_id.in_(owner), Event.kind.in_(CASE_KINDS))):
        events[owner[pid]][ev.id] = ev
    ids = {i for evs in events.values() for i in evs}
    arts: dict[int, list[LawArticle]] = {}
    if ids:
        for ev_id, art in session.execute(select(EventArticle.event_id, LawArticle).join(
                LawArticle, LawArticle.id == EventArticle.article_id).where(EventArticle.event_id.in_(ids))):
            arts.setdefault(ev_id, []).append(art)
    officials = _officials(session, list(ids)) if ids else {}
    created: list[tuple[Case, list[Event]]] = []
    for root in sorted(set(owner.values())):
        for case, evs in _rebuild_one(session, root, list(events[root].values()), old[root], arts, officials):
            if case.id is None:
                created.append((case, evs))
            else:
                _assign(case, evs)
    if created:
        session.flush()
        for case, evs in created:
            _assign(case, evs)


def _assign(case: Case, evs: list[Event]) -> None:
    for e in evs:
        if e.case_id != case.id:
            e.case_id = case.id


def _rebuild_one(session: Session, root: int, events: list[Event], old: dict[str, Case],
                 arts: dict[int, list[LawArticle]], officials: dict[int, dict[str, str]]) -> list[tuple[Case, list[Event]]]:
    def code_of(ev: Event) -> str | None:
        codes = {a.code for a in arts.get(ev.id, [])}
        if len(codes) == 1:
            return codes.pop()
        if ev.kind in _ADMIN_KINDS:
            return "administrative"
        if ev.kind in ("criminal_case", "pretrial_restriction", "verdict"):
            return "criminal"
        return None

    by_code: dict[str, list[Event]] = {}
    loose = []
    for ev in sorted(events, key=lambda e: e.id):
        code = code_of(ev)
        (by_code.setdefault(code, []) if code else loose).append(ev)
    for ev in loose:
        target = next(iter(by_code)) if len(by_code) == 1 else "criminal"
        by_code.setdefault(target, []).append(ev)

    out = []
    for code, evs in by_code.items():
        evs.sort(key=lambda e: (e.date is None, e.date or 0, e.id))
        fields = _case_fields(evs, arts, officials)
        case = old.pop(code, None)
        if case is None:
            case = Case(person_id=root, code=code, **fields)
            session.add(case)
        else:
            case.person_id = root
            for name, value in fields.items():
                if getattr(case, name) != value:
                    setattr(case, name, value)
        out.append((case, evs))
    if old:
        gone = [c.id for c in old.values()]
        session.execute(update(Event).where(Event.case_id.in_(gone)).values(case_id=None))
        session.execute(delete(Case).where(Case.id.in_(gone)))
    return out


def case_fields(session: Session, evs: list[Event]) -> dict:
    """A case card's fields as these events (sorted by date) alone tell them."""
    ids = [e.id for e in evs]
    arts: dict[int, list[LawArticle]] = {}
    for ev_id, art in session.execute(select(EventArticle.event_id, LawArticle).join(
            LawArticle, LawArticle.id == EventArticle.article_id).where(EventArticle.event_id.in_(ids))):
        arts.setdefault(ev_id, []).append(art)
    return _case_fields(evs, arts, _officials(session, ids))


def _case_fields(evs: list[Event], arts: dict[int, list[LawArticle]], officials: dict[int, dict[str, str]]) -> dict:
    dated = [e for e in evs if e.date]
    out: dict = dict.fromkeys(_FIELDS)
    out["opened"] = dated[0].date if dated else None
    out["updated"] = dated[-1].date if dated else None
    out["articles"] = sorted({_article_label(a) for e in evs for a in arts.get(e.id, [])})
    for e in evs:
        for role, name in officials.get(e.id, {}).items():
            out[role] = name
        if e.kind == "pretrial_restriction":
            out["measure"] = e.outcome or e.summary[:200]
        if e.kind in ("verdict", "administrative_arrest", "fine"):
            out["verdict"] = "acquitted" if _ACQUIT.search(e.summary + " " + (e.outcome or "")) else e.kind.replace("_", " ")
            out["sentence"] = e.outcome or out["sentence"]
            if _APPEAL.search(e.summary):
                out["appeal"] = e.summary[:300]
    last = next((e for e in reversed(dated) if e.status != "scheduled"), dated[-1] if dated else evs[-1])
    status = _STATUS.get(last.kind, "open")
    if out["verdict"] == "acquitted":
        status = "acquitted"
    if any(e.kind == "court_hearing" and e.status == "scheduled" for e in evs) and status in (
            "under investigation", "under a measure of restraint"):
        status = "trial scheduled"
    out["status"] = status
    return out


def _article_label(a: LawArticle) -> str:
    code = "CC" if a.code == "criminal" else "CAO" if a.code == "administrative" else a.code
    return f"{code} {a.article}" + (f"-{a.part}" if a.part else "")


def _officials(session: Session, event_ids: list[int]) -> dict[int, dict[str, str]]:
    """Per event: the court, judge, prosecutor or investigator involved, by name."""
    out: dict[int, dict[str, str]] = {}
    for ev_id, name in session.execute(
            select(Involvement.event_id, Organization.name).join(Organization, Organization.id == Involvement.organization_id)
            .where(Involvement.event_id.in_(event_ids), Organization.kind == "court")):
        out.setdefault(ev_id, {})["court"] = name
    rows = session.execute(
        select(Involvement.event_id, Person.id, Person.name).join(Person, Person.id == Involvement.person_id)
        .where(Involvement.event_id.in_(event_ids), Involvement.role.in_(("official", "perpetrator")))).all()
    if not rows:
        return out
    described: dict[int, str] = {}
    for pid, d in session.execute(select(PersonDescriptor.person_id, PersonDescriptor.descriptor)
                                  .where(PersonDescriptor.person_id.in_({r[1] for r in rows}))):
        described[pid] = described.get(pid, "") + " " + d.lower()
    for ev_id, pid, name in rows:
        text = described.get(pid, "")
        role = ("prosecutor" if "prosecutor" in text or "прокурор" in text else
                "investigator" if "investigator" in text or "следовател" in text else "judge")
        out.setdefault(ev_id, {})[role] = name
    return out
