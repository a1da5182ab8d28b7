"""The event-reader model a database reads with: the one `kuzet train` kept, else the bundled one."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.extract.event_model import ReaderModel
from kuzet.store.models import ReaderModelRow


def active_row(session: Session) -> ReaderModelRow | None:
    return session.execute(select(ReaderModelRow).where(ReaderModelRow.active.is_(True))
                           .order_by(ReaderModelRow.id.desc())).scalars().first()


def active_model(session: Session) -> ReaderModel | None:
    """The model `kuzet train` kept for this database, or None (the bundled model reads)."""
    row = active_row(session)
    return ReaderModel.from_json(json.loads(row.model)) if row else None


def reader(session: Session) -> tuple[ReaderModel | None, str]:
    """The database's event reader and its name: the kept model ("model 3"), else the bundled one (None)."""
    row = active_row(session)
    return (ReaderModel.from_json(json.loads(row.model)), f"model {row.id}") if row else (None, "bundled model")
