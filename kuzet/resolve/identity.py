"""Who a person, organization or place is now: merges point from the merged id to the one it joined.

Most databases hold few merges, and ingest asks "who is this now?" for every
mention; so each session remembers whether a table has any merge at all, and
answers without a query when it has none. Curation forgets that answer when it
merges or splits.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.store.models import Organization, Person, Place

Model = type[Person] | type[Organization] | type[Place]


_MODELS = (Person, Organization, Place)
# One statement for the three tables: a page asks about all of them, and one query costs a third of three.
_ANY_MERGED = select(*(select(m.id).where(m.merged_into_id.is_not(None)).limit(1).scalar_subquery() for m in _MODELS))


def _has_merges(session: Session, model: Model) -> bool:
    key = ("has_merges", model.__tablename__)
    if key not in session.info:
        for m, merged in zip(_MODELS, session.execute(_ANY_MERGED).one(), strict=True):
            session.info.setdefault(("has_merges", m.__tablename__), merged is not None)
    return session.info[key]


def forget_merges(session: Session, model: Model) -> None:
    """Call after changing any `merged_into_id` of `model` in this session."""
    session.info.pop(("has_merges", model.__tablename__), None)


def root_id(session: Session, model: Model, ident: int) -> int:
    """The id a merged person, organization or place now lives under."""
    if not _has_merges(session, model):
        return ident
    seen = set()
    while True:
        nxt = session.execute(select(model.merged_into_id).where(model.id == ident)).scalar_one()
        if nxt is None or nxt in seen:
            return ident
        seen.add(ident)
        ident = nxt


def resolver(session: Session, model: Model):  # noqa: ANN201 - a function of an id
    """`root_id` for many ids: the identity when the table has no merges (no query, no lookup per id)."""
    if not _has_merges(session, model):
        return lambda ident: ident
    return lambda ident: root_id(session, model, ident)


def group_ids(session: Session, model: Model, root: int) -> list[int]:
    """The root and every id merged into it, however deep."""
    if not _has_merges(session, model):
        return [root]
    out, frontier = [root], [root]
    while frontier:
        frontier = list(session.execute(select(model.id).where(model.merged_into_id.in_(frontier))).scalars())
        out.extend(frontier)
    return out
