"""Publishing speed (issue 5, item 7): a day's bulletin, a month's digest and the default statistics
on a database of 20,000 documents, each under 1 s.

Builds (or reuses, --db) a SQLite case database from the generated archive (bench/corpus.py),
picks its busiest day and month, and times each publication in this process, machine-read acts
included (the heaviest case: nothing is filtered out by verification). Prints p50/max of
--runs runs and peak RSS. The named alternative, run in the same process: the statistics'
main table counted from the desk's event listing (store/queries.events, what a script over
the API would do) against `publish.stats`' grouped query.

usage: python bench/publish.py [--docs 20000] [--db PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import build_database  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from kuzet.publish import bulletin, charts, digest, stats  # noqa: E402
from kuzet.store import queries  # noqa: E402
from kuzet.store.db import Database  # noqa: E402
from kuzet.store.models import Document, Event  # noqa: E402

STATS = "statistics, a year by kind and month"
ALTERNATIVE = "alternative: the same table from the event listing"


def _timed(fn, runs: int) -> tuple[float, float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="kuzet-publish-")) / "kuzet.db"
    build_database(path, args.docs)
    db = Database(f"sqlite:///{path}")
    try:
        with db.sessions() as s:
            docs = s.execute(select(func.count(Document.id))).scalar_one()
            events = s.execute(select(func.count(Event.id))).scalar_one()
            day = s.execute(select(Event.date).where(Event.date.is_not(None)).group_by(Event.date)
                            .order_by(func.count(Event.id).desc()).limit(1)).scalar_one()
            month = date(day.year, day.month, 1)
            month_end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            year_start = day - timedelta(days=365)
            print(f"database: {docs} documents, {events} events; busiest day {day}, month {month:%Y-%m}")

            p50s: dict[str, float] = {}

            def run(label: str, fn) -> object:  # noqa: ANN001
                p50, worst, result = _timed(fn, args.runs)
                p50s[label] = p50
                print(f"{label:<44} p50 {p50 * 1000:7.1f} ms   max {worst * 1000:7.1f} ms")
                return result

            items = run(f"bulletin {day} (en, md)", lambda: bulletin.render(
                bulletin.bulletin_items(s, day, lang="en", include_unverified=True), day, lang="en", fmt="md"))
            run(f"bulletin {day} (ru, telegram)", lambda: bulletin.render(
                bulletin.bulletin_items(s, day, lang="ru", include_unverified=True), day, lang="ru", fmt="telegram"))
            lines = run(f"digest {month:%Y-%m} (en, md)", lambda: digest.render(
                digest.digest_lines(s, month, month_end, lang="en", include_unverified=True), month, month_end,
                lang="en", fmt="md"))
            result = run(STATS, lambda: stats.statistics(s, year_start, day, include_unverified=True))
            run("statistics as text", lambda: stats.render(result, "txt"))
            run("chart as SVG (first draw, then cached)", lambda: charts.svg(charts.stats_bars(result), "bench"))

            def from_listing() -> Counter:
                rows = queries.events(s, since=year_start, until=day, limit=None)
                return Counter((e["kind"], e["date"][:7]) for e in rows)

            alt = run(ALTERNATIVE, from_listing)
            ours = {(r["kind"], r["month"]): r["events"] for r in result["table"]}
            assert ours == dict(alt), "both ways count the same events"
            ratio = p50s.pop(ALTERNATIVE) / p50s[STATS]
            print(f"\nbulletin: {len(items.splitlines())} lines; digest: {len(lines.splitlines())} lines; "
                  f"statistics: {result['total']} events")
            print(f"statistics vs the event listing: {ratio:.1f}x faster")
            slow = [label for label, p50 in p50s.items() if p50 >= 1.0]
            print("target (each publication under 1 s at p50):", "met" if not slow else f"missed by {slow}")
    finally:
        db.close()
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
