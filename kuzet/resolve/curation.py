"""Human decisions on identity: merge two persons (organizations, places), split them again, keep a pair apart.

A merge never rewrites facts: the merged row points to the one it joined, so a
split only clears that pointer. A person the machine wrongly linked across documents
is split by document: that document's names, descriptors and involvements move to a
new person. Every decision is a row in `changes` naming who made it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from kuzet.errors import NotFoundInDatabaseError
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.identity import forget_merges, group_ids, root_id
from kuzet.store.models import Change, Involvement, Organization, Person, PersonDescriptor, PersonName, Place, ReviewItem

Mergeable = type[Person] | type[Organization] | type[Place]
_NOUN = {Person: "person", Organization: "organization", Place: "place"}


def _root(session: Session, pid: int, model: Mergeable = Person) -> int:
    if session.get(model, pid) is None:
        raise NotFoundInDatabaseError(f"no {_NOUN[model]} with id {pid}")
    return root_id(session, model, pid)


def _close_reviews(session: Session, a: int, b: int, status: str, actor: str) -> None:
    ids_a, ids_b = group_ids(session, Person, a), group_ids(session, Person, b)
    session.execute(update(ReviewItem).where(
        ReviewItem.kind == "same_person", ReviewItem.status == "open",
        or_(ReviewItem.a_id.in_(ids_a) & ReviewItem.b_id.in_(ids_b), ReviewItem.a_id.in_(ids_b) & ReviewItem.b_id.in_(ids_a)))
        .values(status=status, decided_by=actor, decided_at=datetime.now()))


def merge(session: Session, keep: int, other: int, *, actor: str, model: Mergeable = Person) -> int:
    """Merge `other` into `keep` (persons by default); returns the change id."""
    a, b = _root(session, keep, model), _root(session, other, model)
    if a == b:
        raise NotFoundInDatabaseError(f"{_NOUN[model]}s {keep} and {other} are already one")
    session.get(model, b).merged_into_id = a
    forget_merges(session, model)
    change = Change(actor=actor, action="merge", table=model.__tablename__, row_id=b,
                    before={"merged_into_id": None}, after={"merged_into_id": a})
    session.add(change)
    session.flush()
    if model is Person:
        _close_reviews(session, a, b, "merged", actor)
        rebuild_cases(session, [a])
    return change.id


def unmerge(session: Session, ident: int, *, actor: str, model: Mergeable = Person) -> int:
    """Undo the latest merge into `ident`; returns the id split off again."""
    root = _root(session, ident, model)
    group = group_ids(session, model, root)
    merges = session.execute(select(Change).where(Change.action == "merge", Change.table == model.__tablename__)
                             .order_by(Change.id.desc())).scalars().all()
    undone = set(session.execute(select(Change.reverts).where(Change.action == "split")).scalars())
    last = next((c for c in merges if c.id not in undone and c.after and c.after.get("merged_into_id") in group
                 and session.get(model, c.row_id).merged_into_id is not None), None)
    if last is None:
        hint = "; name a document to split by (--document)" if model is Person else ""
        raise NotFoundInDatabaseError(f"nothing was merged into {_NOUN[model]} {root}{hint}")
    loser = session.get(model, last.row_id)
    before = loser.merged_into_id
    loser.merged_into_id = None
    forget_merges(session, model)
    session.add(Change(actor=actor, action="split", table=model.__tablename__, row_id=loser.id,
                       before={"merged_into_id": before}, after={"merged_into_id": None}, reverts=last.id))
    session.flush()
    if model is Person:
        rebuild_cases(session, [root, loser.id])
    return loser.id


def split(session: Session, person: int, *, actor: str, document: int | None = None) -> int:
    """Undo the latest merge into `person`, or move one document's reading of them to a new person.

    RETURNS (int): the id of the person split off.
    """
    if document is None:
        return unmerge(session, person, actor=actor)
    root = _root(session, person)
    ids = group_ids(session, Person, root)
    names = session.execute(select(PersonName).where(PersonName.person_id.in_(ids), PersonName.document_id == document)).scalars().all()
    if not names:
        raise NotFoundInDatabaseError(f"document {document} does not name person {root}")
    new = Person(name=names[0].name, gender=session.get(Person, root).gender)
    session.add(new)
    session.flush()
    for n in names:
        n.person_id = new.id
    session.execute(update(PersonDescriptor).where(PersonDescriptor.person_id.in_(ids), PersonDescriptor.document_id == document)
                    .values(person_id=new.id))
    session.execute(update(Involvement).where(Involvement.person_id.in_(ids), Involvement.document_id == document)
                    .values(person_id=new.id))
    session.add(Change(actor=actor, action="split", table="persons", row_id=new.id,
                       before={"person_id": root, "document_id": document}, after={"person_id": new.id, "document_id": document}))
    session.flush()
    rebuild_cases(session, [root, new.id])
    return new.id


def keep_apart(session: Session, item: int, *, actor: str) -> None:
    row = session.get(ReviewItem, item)
    if row is None:
        raise NotFoundInDatabaseError(f"no review item {item}")
    row.status, row.decided_by, row.decided_at = "kept_apart", actor, datetime.now()
    session.add(Change(actor=actor, action="keep_apart", table="review_items", row_id=item,
                       before={"status": "open"}, after={"status": "kept_apart"}))
