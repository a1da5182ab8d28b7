"""Who a person, organization or place is now: merges point from the merged id to the one it joined."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.store.models import Organization, Person, Place


def root_id(session: Session, model: type[Person] | type[Organization] | type[Place], ident: int) -> int:
    """The id a merged person or organization now lives under."""
    seen = set()
    while True:
        nxt = session.execute(select(model.merged_into_id).where(model.id == ident)).scalar_one()
        if nxt is None or nxt in seen:
            return ident
        seen.add(ident)
        ident = nxt


def group_ids(session: Session, model: type[Person] | type[Organization] | type[Place], root: int) -> list[int]:
    """The root and every id merged into it, however deep."""
    out, frontier = [root], [root]
    while frontier:
        frontier = list(session.execute(select(model.id).where(model.merged_into_id.in_(frontier))).scalars())
        out.extend(frontier)
    return out
