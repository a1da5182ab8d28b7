"""Load on the web desk (issue 4, item 8): 50 concurrent clients for 60 s against 20,000 documents.

Builds (or reuses, --db) a SQLite case database from the generated archive
(bench/corpus.py), starts `kuzet serve` on loopback in its own process (one per core,
as on a team server), and runs N clients that browse dossiers, search, filter events
and, one request in ten, correct an event of a document (a write). Prints requests/s,
p50/p95/p99 latency, errors, the server's peak RSS, and counts the stored decisions
afterwards against the writes the clients saw succeed (no write lost).

A client is a person at the desk: after each answer it pauses, exponentially, for
--think seconds on average (1 s; people take several to read a dossier), so 50 clients
are 50 fast readers, not 50 scripts. Two runs go beside it in the same process: one
client with no pause (the named alternative: a request's cost alone), and the 50 with
no pause (what the server does when saturated: its capacity, and the waiting it brings).

usage: python bench/web.py [--docs 20000] [--clients 50] [--seconds 60] [--db PATH] [--workers CORES] [--think 1]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx2 as httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import build_database  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from kuzet.store.db import Database  # noqa: E402
from kuzet.store.models import Document, FactReview, Person, User  # noqa: E402
from kuzet.web.auth import add_user, new_api_token  # noqa: E402

QUERIES = ["Жакупов", "Kairbekov", "405", "detained", "Almaty", "суд", "488", "journalist"]
KINDS = ["detention", "fine", "search", "court_hearing", "verdict"]
CITIES = ["Almaty", "Aktau", "Shymkent", "Pavlodar", "Atyrau"]
_CORRECTIONS = itertools.count(1)


def _tokens(path: Path, n: int) -> tuple[list[str], list[int], int]:
    db = Database(f"sqlite:///{path}")
    try:
        with db.session() as s:
            user = s.execute(select(User).where(User.name == "bench")).scalar_one_or_none()
            if user is None:
                user, _ = add_user(s, "bench", "editor")
            tokens = [new_api_token(s, user, f"client {i}") for i in range(n)]
            people = list(s.execute(select(Person.id).where(Person.merged_into_id.is_(None))).scalars())
            docs = s.execute(select(func.count(Document.id))).scalar_one()
        return tokens, people, docs
    finally:
        db.close()


def _decisions(path: Path) -> int:
    db = Database(f"sqlite:///{path}")
    try:
        with db.sessions() as s:
            return s.execute(select(func.count(FactReview.id))).scalar_one()
    finally:
        db.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Connection:
    """One kept-alive HTTP/1.1 connection, as plain as a load generator's (wrk, ab): the clients share the
    machine's two cores with the server, and a full HTTP client would spend a good part of them."""

    IDLE = 4.0  # seconds; the server closes a connection idle for 5 (uvicorn's keep-alive), so reconnect before

    def __init__(self, port: int, token: str) -> None:
        self.port, self.auth = port, f"Authorization: Bearer {token}\r\nHost: 127.0.0.1\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0.0

    async def request(self, method: str, target: str, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is not None and time.monotonic() - self.used > self.IDLE:
            self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        extra = f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" if body else ""
        self.writer.write(f"{method} {target} HTTP/1.1\r\n{self.auth}{extra}\r\n".encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = next(int(line[15:]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:"))
        body = await self.reader.readexactly(length)
        self.used = time.monotonic()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


def _next_request(rng: random.Random, people: list[int], docs: int) -> tuple[str, str, str, bytes]:
    """(kind, method, target, body) of a client's next request: 35% dossiers, 25% searches, 30% event
    filters, 10% corrections."""
    pick = rng.random()
    if pick < 0.1:
        # A new outcome each time, so the correction always changes the event (and its case).
        body = b'{"action": "correct", "fields": {"outcome": "corrected, %d"}}' % next(_CORRECTIONS)
        return "correction", "POST", f"/api/documents/{rng.randint(1, docs)}/facts/e1", body
    if pick < 0.45:
        return "dossier", "GET", f"/api/persons/{rng.choice(people)}", b""
    if pick < 0.7:
        return "search", "GET", "/api/search?" + urlencode({"q": rng.choice(QUERIES)}), b""
    return "events", "GET", "/api/events?" + urlencode(
        {"kind": rng.choice(KINDS), "place": rng.choice(CITIES), "since": "2022-01-01"}), b""


async def _client(port: int, token: str, people: list[int], docs: int, until: float, seed: int, out: dict,
                  think: float) -> None:
    rng = random.Random(seed)
    c = _Connection(port, token)
    try:
        if think:
            # People come to the desk at different moments, not all 50 in the same millisecond.
            await asyncio.sleep(rng.expovariate(1 / think))
        while time.monotonic() < until:
            kind, method, target, body = _next_request(rng, people, docs)
            start = time.perf_counter()
            try:
                status, _ = await c.request(method, target, body)
                # A correction of a document with no event e1 is refused (400) and stores nothing.
                ok = status == 200 or (kind == "correction" and status == 400)
                if kind == "correction" and status == 200:
                    out["writes"] += 1
            except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
                ok = False
                c.close()
                c = _Connection(port, token)
            out["times"].append((kind, (time.perf_counter() - start) * 1000))
            if not ok:
                out["errors"] += 1
            if think:
                await asyncio.sleep(rng.expovariate(1 / think))
    finally:
        c.close()


async def _load(port: int, tokens: list[str], people: list[int], docs: int, seconds: float, think: float) -> dict:
    out = {"times": [], "errors": 0, "writes": 0}
    until = time.monotonic() + seconds
    await asyncio.gather(*(_client(port, t, people, docs, until, i, out, think) for i, t in enumerate(tokens)))
    return out


def _report(label: str, out: dict, seconds: float, alone: tuple[float, float] | None) -> tuple[float, float]:
    """Prints one run (and its ratios to the lone client's, `alone`); returns its (requests/s, p95)."""
    q = statistics.quantiles([ms for _, ms in out["times"]], n=100)
    rate = len(out["times"]) / seconds
    print(f"{label}: {rate:.1f} requests/s, p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, "
          f"p99 {q[98]:.1f} ms, errors {out['errors']}, writes {out['writes']}; cores busy: "
          f"clients {out['cpu'][0]:.2f}, server {out['cpu'][1]:.2f}")
    if alone:
        print(f"  against 1 client: {rate / alone[0]:.2f}x the requests/s, {q[94] / alone[1]:.2f}x the p95")
    kinds = {}
    for kind, ms in out["times"]:
        kinds.setdefault(kind, []).append(ms)
    print("  p50/p95 by request: " + ", ".join(
        f"{k} {statistics.median(v):.0f}/{statistics.quantiles(v, n=20)[18]:.0f} ms"
        for k, v in sorted(kinds.items()) if len(v) > 1))
    return rate, q[94]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes (kuzet serve --workers)")
    ap.add_argument("--think", type=float, default=1.0, help="mean seconds a client waits between requests")
    args = ap.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="kuzet-web-")) / "kuzet.db"
    build_database(path, args.docs)
    tokens, people, docs = _tokens(path, args.clients)
    before = _decisions(path)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "kuzet", "serve", "--db", str(path), "--port", str(port),
                               "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    proc = psutil.Process(server.pid)

    def rss() -> int:
        """The server's memory: its own and its worker processes'."""
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])

    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        peak = [rss()]

        async def watch() -> None:
            while server.poll() is None:
                peak[0] = max(peak[0], rss())
                await asyncio.sleep(0.5)

        def cpu() -> float:
            return sum(sum(p.cpu_times()[:2]) for p in [proc, *proc.children(recursive=True)])

        async def run(clients: list[str], seconds: float, think: float) -> dict:
            watcher = asyncio.ensure_future(watch())
            mine, theirs = time.process_time(), cpu()
            out = await _load(port, clients, people, docs, seconds, think)
            out["cpu"] = ((time.process_time() - mine) / seconds, (cpu() - theirs) / seconds)
            watcher.cancel()
            return out

        print(f"{docs} documents, {len(people)} people; {args.clients} clients for {args.seconds:.0f} s, "
              f"{args.workers} server process(es), think time {args.think:g} s")
        runs = [("1 client, no pause (alternative)", tokens[:1], min(15.0, args.seconds), 0.0),
                (f"{args.clients} clients, {args.think:g} s pause (target: p95 < 200 ms, 0 errors)", tokens,
                 args.seconds, args.think)]
        if args.think:
            runs.append((f"{args.clients} clients, no pause (saturated)", tokens, args.seconds, 0.0))
        writes, alone = 0, None
        for label, clients, seconds, think in runs:
            out = asyncio.run(run(clients, seconds, think))
            figures = _report(label, out, seconds, alone)
            alone = alone or figures
            writes += out["writes"]
        stored = _decisions(path) - before
        print(f"decisions stored {stored}, writes acknowledged {writes} ({'none lost' if stored == writes else 'MISMATCH'})")
        print(f"server peak RSS {peak[0] / 2**20:.0f} MB (target < 500 MB)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
