"""Cases: the legal proceedings against one person, rebuilt from that person's events.

A person has at most one criminal and one administrative proceeding per set of
articles; the events say which: an article's code, or the kind of act (a fine or an
administrative arrest is administrative; a criminal case, a measure of restraint or
a verdict under a criminal article is criminal). A hearing without an article joins
the person's only proceeding, or the criminal one.
"""

from __future__ import annotations

import re

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


def rebuild_cases(session: Session, root: int) -> list[Case]:
    """Drop and rebuild the cases of person `root` (and everyone merged into it)."""
    ids = group_ids(session, Person, root)
    old = list(session.execute(select(Case.id).where(Case.person_id.in_(ids))).scalars())
    if old:
        session.execute(update(Event).where(Event.case_id.in_(old)).values(case_id=None))
        session.execute(delete(Case).where(Case.id.in_(old)))
    events = session.execute(
        select(Event).join(Involvement, Involvement.event_id == Event.id)
        .where(Involvement.role == "victim", Involvement.person_id.in_(ids), Event.kind.in_(CASE_KINDS))
        .distinct()).scalars().all()
    if not events:
        return []
    arts: dict[int, list[LawArticle]] = {}
    for ev_id, art in session.execute(select(EventArticle.event_id, LawArticle).join(
            LawArticle, LawArticle.id == EventArticle.article_id).where(EventArticle.event_id.in_([e.id for e in events]))):
        arts.setdefault(ev_id, []).append(art)

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
    for ev in events:
        code = code_of(ev)
        (by_code.setdefault(code, []) if code else loose).append(ev)
    for ev in loose:
        target = next(iter(by_code)) if len(by_code) == 1 else "criminal"
        by_code.setdefault(target, []).append(ev)

    cases = []
    for code, evs in by_code.items():
        evs.sort(key=lambda e: (e.date is None, e.date or 0, e.id))
        dated = [e for e in evs if e.date]
        case = Case(person_id=root, code=code, status="open",
                    opened=dated[0].date if dated else None, updated=dated[-1].date if dated else None)
        case.articles = sorted({_article_label(a) for e in evs for a in arts.get(e.id, [])})
        _officials(session, case, [e.id for e in evs])
        for e in evs:
            if e.kind == "pretrial_restriction":
                case.measure = e.outcome or e.summary[:200]
            if e.kind in ("verdict", "administrative_arrest", "fine"):
                case.verdict = "acquitted" if _ACQUIT.search(e.summary + " " + (e.outcome or "")) else e.kind.replace("_", " ")
                case.sentence = e.outcome or case.sentence
                if _APPEAL.search(e.summary):
                    case.appeal = e.summary[:300]
        last = next((e for e in reversed(dated) if e.status != "scheduled"), dated[-1] if dated else evs[-1])
        case.status = _STATUS.get(last.kind, "open")
        if case.verdict == "acquitted":
            case.status = "acquitted"
        if any(e.kind == "court_hearing" and e.status == "scheduled" for e in evs) and case.status in (
                "under investigation", "under a measure of restraint"):
            case.status = "trial scheduled"
        session.add(case)
        session.flush()
        session.execute(update(Event).where(Event.id.in_([e.id for e in evs])).values(case_id=case.id))
        cases.append(case)
    return cases


def _article_label(a: LawArticle) -> str:
    code = "CC" if a.code == "criminal" else "CAO" if a.code == "administrative" else a.code
    return f"{code} {a.article}" + (f"-{a.part}" if a.part else "")


def _officials(session: Session, case: Case, event_ids: list[int]) -> None:
    rows = session.execute(
        select(Involvement.person_id, Involvement.organization_id, Involvement.role).where(
            Involvement.event_id.in_(event_ids), Involvement.role.in_(("official", "involved", "perpetrator")))).all()
    for person_id, org_id, _role in rows:
        if org_id is not None:
            org = session.get(Organization, org_id)
            if org is not None and org.kind == "court":
                case.court = org.name
        elif person_id is not None:
            person = session.get(Person, person_id)
            descriptors = set(session.execute(select(PersonDescriptor.descriptor).where(
                PersonDescriptor.person_id == person_id)).scalars())
            text = " ".join(descriptors).lower()
            if "prosecutor" in text or "прокурор" in text:
                case.prosecutor = person.name
            elif "investigator" in text or "следовател" in text:
                case.investigator = person.name
            elif person is not None:
                case.judge = person.name
