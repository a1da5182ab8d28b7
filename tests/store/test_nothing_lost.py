"""Nothing lost: kill -9 in the middle of an ingest, oversized and broken files (issue 3, item 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kuzet.store.db import Database
from kuzet.store.models import Document, EventSource, PersonName
from tests.conftest import run_kuzet
from tests.store.resolution_score import DATA

pytestmark = pytest.mark.issue(3)


def _archive(folder: Path, copies: int) -> int:
    """The resolution documents, each in `copies` variants with distinct bytes."""
    folder.mkdir(parents=True)
    n = 0
    for k in range(copies):
        for doc in sorted((DATA / "docs").iterdir()):
            (folder / f"{k:03d}-{doc.name}").write_text(doc.read_text(encoding="utf-8") + f"\n#{k}\n", encoding="utf-8")
            n += 1
    return n


def _count(url: str, model) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.execute(select(func.count()).select_from(model)).scalar_one()
    finally:
        db.close()


def test_kill_9_during_ingest_loses_nothing_and_a_rerun_finishes(db_url: str, tmp_path: Path) -> None:
    total = _archive(tmp_path / "docs", 12)
    assert _count(db_url, Document) == 0  # creates the schema before the job starts
    job = subprocess.Popen([sys.executable, "-m", "kuzet", "ingest", str(tmp_path / "docs"), "--db", db_url],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while _count(db_url, Document) < 150 and job.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.poll() is None, "the ingest ended before it could be killed; make the archive larger"
    os.killpg(job.pid, signal.SIGKILL)
    job.wait()
    stored = _count(db_url, Document)
    assert 150 <= stored < total
    db = Database(db_url)
    try:
        with db.session() as s:
            first = {d.id: d.sha256 for d in s.execute(select(Document)).scalars()}
            # Every stored document is whole: its names and its event sources went in with it.
            for doc in s.execute(select(Document)).scalars():
                if doc.record["persons"]:
                    assert s.execute(select(PersonName.id).where(PersonName.document_id == doc.id)).first(), doc.path
                if doc.record["events"]:
                    assert s.execute(select(EventSource.id).where(EventSource.document_id == doc.id)).first(), doc.path
    finally:
        db.close()
    again = run_kuzet("ingest", str(tmp_path / "docs"), "--db", db_url)
    assert again.returncode == 0, again.stderr
    assert f"stored {total - stored}, skipped {stored}".encode() in again.stdout
    db = Database(db_url)
    try:
        with db.session() as s:
            after = {d.id: d.sha256 for d in s.execute(select(Document)).scalars()}
    finally:
        db.close()
    assert len(after) == total and all(after[i] == sha for i, sha in first.items())


def test_oversized_and_broken_files_fail_alone_with_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    with open(folder / "huge.txt", "wb") as f:  # 50 MB of bulletin-like text
        line = b"On 2 May 2022 in Taraz police detained blogger Arman SEITOV near the akimat.\n"
        f.write(line * (50 * 1024 * 1024 // len(line) + 1))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n%%EOF garbage")
    (folder / "result.json").write_text('{"name": "Channel", "messages": [{"id": 1, "type": "message", "date": "2022-05-0',
                                        encoding="utf-8")
    (folder / "good-1.txt").write_text("On 3 May 2022 in Aktau police detained activist Dana ORAZOVA.\n", encoding="utf-8")
    (folder / "good-2.txt").write_text("4 мая 2022 года в Актобе задержали активиста Ерлана Сеитова.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    out = run_kuzet("ingest", str(folder), "--db", str(db))
    errors = out.stderr.decode().strip().splitlines()
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert len(errors) == 4, errors
    for name in ("huge.txt", "broken.docx", "broken.pdf", "result.json"):
        (line,) = [e for e in errors if name in e]
        assert "[E0" in line
    assert "stored 2, skipped 0 (already stored), failed 4" in out.stdout.decode()
    assert _count(f"sqlite:///{db}", Document) == 2
