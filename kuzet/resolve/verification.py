"""Human decisions on facts: an editor verifies an event the machine read, or rejects it.

Verifying marks who vouched for the event and when; provenance then shows it as
human-verified everywhere. Rejecting removes the event from the case database, but
nothing is lost: the change row keeps the whole event as it was, and the document
keeps the machine's reading in its extraction record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from kuzet.errors import NotFoundInDatabaseError
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.identity import root_id
from kuzet.store import queries, search
from kuzet.store.models import Change, Event, EventArticle, Person, ReviewItem


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundInDatabaseError(f"no event with id {event_id}")
    return event


def _close_items(session: Session, event_id: int, status: str, actor: str) -> None:
    session.execute(update(ReviewItem).where(ReviewItem.kind == "low_confidence", ReviewItem.a_id == event_id,
                                             ReviewItem.status == "open")
                    .values(status=status, decided_by=actor, decided_at=datetime.now()))


def verify(session: Session, event_id: int, *, actor: str) -> None:
    event = _event(session, event_id)
    before = {"verified_by": event.verified_by}
    event.verified_by, event.verified_at = actor, datetime.now()
    session.add(Change(actor=actor, action="verify", table="events", row_id=event_id, before=before,
                       after={"verified_by": actor}))
    _close_items(session, event_id, "done", actor)


def reject(session: Session, event_id: int, *, actor: str) -> None:
    event = _event(session, event_id)
    snapshot = queries.event_record(session, event)
    victims = {root_id(session, Person, i.person_id) for i in event.involvements if i.role == "victim" and i.person_id}
    session.add(Change(actor=actor, action="reject", table="events", row_id=event_id, before=snapshot, after=None))
    _close_items(session, event_id, "rejected", actor)
    session.execute(delete(EventArticle).where(EventArticle.event_id == event_id))
    search.remove(session, "event", event_id)
    session.delete(event)  # its involvements and sources go with it (ORM cascade)
    session.flush()
    rebuild_cases(session, victims)
