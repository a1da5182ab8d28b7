"""Benchmark `kuzet ingest` and the desk's queries on a generated archive (issue 3, item 7).

Generates N varied documents (bench/corpus.py), ingests them into a SQLite file and
into a PostgreSQL 15 server started for the run (durable settings), and prints
documents/s for each, with 1 and 2 extraction workers on SQLite; then times dossier,
event-filter and full-text queries on the result (p50/p95 over 200 runs each) and
prints peak RSS. The named alternative is the same ingest with one transaction per
document (the design before batching), run in the same process on the first 1,000.

usage: python bench/ingest.py [--docs 20000] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import write  # noqa: E402

from kuzet.ingest.run import ingest  # noqa: E402
from kuzet.store import queries  # noqa: E402
from kuzet.store.db import Database  # noqa: E402

KINDS = ["detention", "fine", "search", "court_hearing", "verdict", "interrogation"]
CITIES = ["Almaty", "Aktau", "Шымкент", "Pavlodar", "Атырау", "Astana"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ingest(url: str, paths: list[str], *, workers: int, batch: int = 100) -> float:
    db = Database(url)
    try:
        start = time.perf_counter()
        report = ingest(db, paths, workers=workers, batch=batch)
        elapsed = time.perf_counter() - start
    finally:
        db.close()
    assert not report.failed, report.failed[:3]
    return len(report.stored) / elapsed


def _timed(fn, runs: int = 200) -> tuple[float, float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _queries(url: str) -> None:
    db = Database(url)
    rng = random.Random(3)
    try:
        with db.session() as s:
            people = [p["id"] for p in queries.persons(s)]
            names = [queries.dossier(s, pid)["name"].split()[-1] for pid in rng.sample(people, 20)]
        cases = {
            "dossier (by id)": lambda i: queries.dossier(s, people[i * 7 % len(people)]),
            "person by name + dossier": lambda i: queries.dossier(s, queries.find_person(s, names[i % len(names)])),
            "events kind+place+since": lambda i: queries.events(s, kind=KINDS[i % len(KINDS)], place=CITIES[i % len(CITIES)],
                                                               since=date(2022, 1, 1), limit=50),
            "search surname": lambda i: queries.full_text(s, names[i % len(names)], limit=20),
            "search article": lambda i: queries.full_text(s, "405", limit=20),
        }
        with db.sessions() as s:
            for label, fn in cases.items():
                p50, p95 = _timed(fn)
                print(f"  {label:28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    finally:
        db.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--skip-postgres", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kuzet-bench-"))
    paths = [str(p) for p in write(work / "docs", args.docs)]
    size = sum(Path(p).stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} documents, {size:.1f} MB, in {work}")

    first = paths[:1000]
    per_doc = _ingest(f"sqlite:///{work}/alt.db", first, workers=1, batch=1)
    batched = _ingest(f"sqlite:///{work}/cmp.db", first, workers=1)
    print(f"SQLite, first 1,000: one transaction per document {per_doc:.1f} docs/s; batches of 100 {batched:.1f} docs/s "
          f"(ratio {batched / per_doc:.2f}x)")
    for workers in (1, 2):
        rate = _ingest(f"sqlite:///{work}/w{workers}.db", paths, workers=workers)
        print(f"SQLite ingest, {workers} extraction worker(s): {rate:.1f} docs/s (target >= 200)")
    print("SQLite queries on the result:")
    _queries(f"sqlite:///{work}/w2.db")
    if not args.skip_postgres:
        from tests.postgres import PostgresServer

        server = PostgresServer(durable=True)
        try:
            url = server.new_database()
            print(f"PostgreSQL ingest, 2 extraction workers: {_ingest(url, paths, workers=2):.1f} docs/s")
            print("PostgreSQL queries on the result:")
            _queries(url)
        finally:
            server.stop()
    print(f"peak RSS of this process: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
