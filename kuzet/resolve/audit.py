"""Changes people make to records, and taking them back.

Every change is a `Change` row (who, when, the fields before and after), never updated
or deleted. Reverting a change applies its `before` again and is itself a change that
names the one it reverts.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kuzet.errors import KuzetError, NotFoundInDatabaseError
from kuzet.resolve import curation
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.identity import root_id
from kuzet.store.models import CONFIDENTIALITY, Change, Document, Event, Organization, Person, Place

# Tables whose rows carry a confidentiality level, and the rows a change can name.
RECORDS = {"documents": Document, "persons": Person, "events": Event}
_ROWS = {"documents": Document, "persons": Person, "events": Event, "organizations": Organization, "places": Place}
# Field changes that reverting applies back as they were.
_FIELD_ACTIONS = ("correct", "confidentiality", "verify")


class AuditError(KuzetError):
    code = "E034"


def record(session: Session, table: str, row_id: int):  # noqa: ANN201 - one of the RECORDS models
    model = RECORDS.get(table)
    row = session.get(model, row_id) if model else None
    if row is None:
        raise NotFoundInDatabaseError(f"no {table.rstrip('s')} with id {row_id}")
    return row


def set_confidentiality(session: Session, table: str, row_id: int, level: str, *, actor: str) -> Change | None:
    if level not in CONFIDENTIALITY:
        raise AuditError(f"unknown confidentiality level {level!r} (choose from {', '.join(CONFIDENTIALITY)})")
    row = record(session, table, row_id)
    if row.confidentiality == level:
        return None
    change = Change(actor=actor, action="confidentiality", table=table, row_id=row_id,
                    before={"confidentiality": row.confidentiality}, after={"confidentiality": level})
    row.confidentiality = level
    session.add(change)
    session.flush()
    return change


def revert(session: Session, change_id: int, *, actor: str) -> Change:
    """Take back one change; returns the change that records the revert."""
    change = session.get(Change, change_id)
    if change is None:
        raise NotFoundInDatabaseError(f"no change with id {change_id}")
    if change.action == "merge":
        model = _ROWS[change.table]
        curation.unmerge(session, change.row_id, actor=actor, model=model)
        return session.execute(select(Change).order_by(Change.id.desc()).limit(1)).scalar_one()
    if change.action not in _FIELD_ACTIONS or not change.before or change.table not in _ROWS:
        raise AuditError(f"a {change.action} cannot be taken back here; make the opposite change instead")
    row = session.get(_ROWS[change.table], change.row_id)
    if row is None:
        raise AuditError(f"the {change.table.rstrip('s')} this change was made to is gone")
    now = {k: _plain(getattr(row, k)) for k in change.before}
    for k, v in change.before.items():
        setattr(row, k, date.fromisoformat(v) if k == "date" and isinstance(v, str) else v)
    undo = Change(actor=actor, action="revert", table=change.table, row_id=change.row_id, before=now,
                  after=change.before, reverts=change.id)
    session.add(undo)
    session.flush()
    if isinstance(row, Event):
        victims = {i.person_id for i in row.involvements if i.role == "victim" and i.person_id}
        rebuild_cases(session, {root_id(session, Person, v) for v in victims})
    return undo


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
