"""The ingest job: read each document, extract its record, link and store it.

Documents are stored in batches: one transaction per batch, one savepoint per
document inside it, so a document that fails leaves nothing behind and the others
go on; cases are rebuilt once per batch for every person the batch touched. A
document counts as stored only once its batch is committed. Killing the job at any
moment leaves only whole documents stored (SQLite in WAL mode, PostgreSQL), and
running it again skips what is stored (same sha256) and finishes the rest.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kuzet.errors import KuzetError
from kuzet.extract.event_model import ReaderModel
from kuzet.extract.pipeline import extract_record
from kuzet.ingest.sources import Problem, SourceDocument, read_documents
from kuzet.resolve.cases import rebuild_cases
from kuzet.resolve.linker import Linker
from kuzet.resolve.name_index import NameIndex
from kuzet.store.db import Database
from kuzet.store.models import Document
from kuzet.store.reader_models import active_row

log = logging.getLogger(__name__)
BATCH = 100


@dataclass(slots=True)
class IngestReport:
    stored: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each: "path: [E00x] problem"


_MODEL: ReaderModel | None = None  # the database's event reader in this process (set once per worker)


def _use_model(text: str | None) -> None:
    global _MODEL
    _MODEL = ReaderModel.from_json(json.loads(text)) if text else None


def _extract(job: tuple[SourceDocument, date | None]) -> tuple[SourceDocument, dict | str]:
    src, doc_date = job
    try:
        return src, extract_record(src.text, path=src.path, sha256=src.sha256, doc_date=src.date or doc_date, model=_MODEL)
    except KuzetError as err:
        return src, str(err)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest(db: Database, paths: list[str], *, doc_date: date | None = None, max_mb: float = 10.0,
           progress: Callable[[str], None] | None = None, workers: int = 1, batch: int = BATCH) -> IngestReport:
    """Ingest everything under `paths` into `db`; with `workers` > 1, extraction runs in that many processes."""
    return ingest_documents(db, read_documents(paths, max_mb=max_mb), doc_date=doc_date, progress=progress,
                            workers=workers, batch=batch)


def ingest_documents(db: Database, items: Iterable[SourceDocument | Problem], *, doc_date: date | None = None,
                     progress: Callable[[str], None] | None = None, workers: int = 1,
                     batch: int = BATCH) -> IngestReport:
    """Ingest documents already read (files, an upload, pasted text)."""
    report = IngestReport()
    # Read with the model `kuzet train` kept for this database (the bundled one when it kept none).
    with db.sessions() as session:
        row = active_row(session)
        model_text = row.model if row else None
    _use_model(model_text)
    pool: Executor | None = ProcessPoolExecutor(max_workers=workers, initializer=_use_model, initargs=(model_text,)) \
        if workers > 1 else None
    names = NameIndex()
    try:
        for chunk in _batches(items, batch):
            sources = []
            for item in chunk:
                if isinstance(item, Problem):
                    report.failed.append(str(item.error))
                    if progress:
                        progress(item.path)
                else:
                    sources.append(item)
            sources = _unseen(db, sources, report, progress)
            jobs = [(src, doc_date) for src in sources]
            read = pool.map(_extract, jobs, chunksize=8) if pool else map(_extract, jobs)
            _store_batch(db, list(read), names, report, progress)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return report


def _unseen(db: Database, sources: list[SourceDocument], report: IngestReport,
            progress: Callable[[str], None] | None) -> list[SourceDocument]:
    """The sources whose bytes are not stored yet (nor earlier in this batch)."""
    with db.sessions() as session:
        known = set(session.execute(select(Document.sha256).where(
            Document.sha256.in_([s.sha256 for s in sources]))).scalars()) if sources else set()
    out = []
    for src in sources:
        if src.sha256 in known:
            report.skipped.append(src.path)
            if progress:
                progress(src.path)
        else:
            known.add(src.sha256)
            out.append(src)
    return out


def _store_batch(db: Database, read: list[tuple[SourceDocument, dict | str]], names: NameIndex, report: IngestReport,
                 progress: Callable[[str], None] | None) -> None:
    stored: list[tuple[str, int]] = []
    failed: list[str] = []
    skipped: list[str] = []
    try:
        with db.session() as session:
            linker = Linker(session, names)
            for src, record in read:
                if isinstance(record, str):
                    failed.append(record)
                    continue
                try:
                    with session.begin_nested():
                        doc_id = linker.store(src, record)
                    stored.append((src.path, doc_id))
                except IntegrityError:
                    # Another process stored the same bytes since we looked.
                    skipped.append(src.path)
                    linker.forget()
                except KuzetError as err:
                    failed.append(str(err))
                    linker.forget()
            rebuild_cases(session, linker.touched)
    except IntegrityError:
        names.forget()
        # A concurrent ingest committed one of these documents first: store them one by one.
        if len(read) > 1:
            for one in read:
                _store_batch(db, [one], names, report, progress)
            return
        skipped.append(read[0][0].path)
        stored = []
    report.stored.extend(i for _, i in stored)
    report.failed.extend(failed)
    report.skipped.extend(skipped)
    for src, _ in read:
        log.debug("ingested %s", src.path)
        if progress:
            progress(src.path)
