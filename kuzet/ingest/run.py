"""The ingest job: read each document, extract its record, link and store it, one transaction each.

A document whose bytes are already stored is skipped (same sha256). A document that
fails is reported and leaves nothing behind; the others go on. Killing the job at
any moment leaves only whole documents stored, and running it again finishes the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kuzet.errors import KuzetError
from kuzet.extract.pipeline import extract_record
from kuzet.ingest.sources import Problem, SourceDocument, read_documents
from kuzet.resolve.linker import store
from kuzet.store.db import Database
from kuzet.store.models import Document

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    stored: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each: "path: [E00x] problem"


def ingest(db: Database, paths: list[str], *, doc_date: date | None = None, max_mb: float = 10.0,
           progress: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest everything under `paths` into `db`."""
    report = IngestReport()
    for item in read_documents(paths, max_mb=max_mb):
        if isinstance(item, Problem):
            report.failed.append(str(item.error))
            if progress:
                progress(item.path)
            continue
        outcome = ingest_one(db, item, doc_date=doc_date)
        if isinstance(outcome, int):
            report.stored.append(outcome)
        elif outcome is None:
            report.skipped.append(item.path)
        else:
            report.failed.append(outcome)
        if progress:
            progress(item.path)
    return report


def ingest_one(db: Database, src: SourceDocument, *, doc_date: date | None = None) -> int | str | None:
    """Store one document: its id, None when already stored, or the error line."""
    sha = src.sha256
    with db.sessions() as session:
        if session.execute(select(Document.id).where(Document.sha256 == sha)).first():
            return None
    try:
        record = extract_record(src.text, path=src.path, sha256=sha, doc_date=src.date or doc_date)
        with db.session() as session:
            doc = store(session, src, record)
            doc_id = doc.id
        log.debug("stored %s as document %s", src.path, doc_id)
        return doc_id
    except IntegrityError:
        # Another process stored the same bytes between our check and our commit.
        return None
    except KuzetError as err:
        return str(err)
