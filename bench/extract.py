"""Benchmark `kuzet extract` against natasha's NER alone on the same text (issue 2, item 6).

Builds an archive of varied bulletins (English and Russian: the first fixture set's documents with
names, dates and places changed), then prints documents/s, MB/s and peak RSS for
`kuzet extract` with 1 and 2 worker processes, the first megabyte read as one document against
the same text as its files (reading must stay linear in length), natasha's segmenter + NER tagger
on the same documents in this process, their ratio, and the start-up time on one small file.

usage: python bench/extract.py [--mb 10] [--natasha-mb 2]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "kuzet" / "data" / "training" / "corpus"
SWAPS = {
    "en": [("Nurlan", "Yerbol"), ("ABDRAKHMANOV", "SEITOV"), ("Aktobe", "Pavlodar"), ("March", "October"), ("2022", "2023"),
           ("Zhanat", "Askhat"), ("Almaty", "Shymkent"), ("Saule", "Aigerim"), ("April", "June")],
    "ru": [("Ерлан", "Ербол"), ("Касымбеков", "Сеитов"), ("Алматы", "Павлодаре"), ("апреля", "октября"), ("2021", "2022"),
           ("Жанат", "Асхат"), ("Айгуль", "Айгерим"), ("мая", "июня")],
}


def build_archive(folder: Path, megabytes: float) -> list[Path]:
    rng = random.Random(7)
    names = [n.strip() for n in (ROOT / "tests" / "data" / "fixtures.txt").read_text(encoding="utf-8").splitlines()
             if n.strip() and not n.startswith("#")]
    sources = [((DOCS / n).read_text(encoding="utf-8"), n[:2]) for n in names if n[:2] in SWAPS]
    paths, total, i = [], 0, 0
    while total < megabytes * 1024 * 1024:
        # Several source items per document: real bulletins run to a few kilobytes.
        parts = []
        for _ in range(rng.randint(2, 5)):
            text, lang = rng.choice(sources)
            for a, b in rng.sample(SWAPS[lang], k=3):
                text = text.replace(a, b)
            parts.append(text)
        doc = "\n\n\n".join(parts)
        path = folder / f"doc{i:05d}.txt"
        path.write_text(doc, encoding="utf-8")
        paths.append(path)
        total += len(doc.encode("utf-8"))
        i += 1
    return paths


def run_kuzet(paths: list[Path], workers: int) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "kuzet"), "extract", "--format", "jsonl", "--workers", str(workers),
                           *map(str, paths)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"kuzet extract failed: {proc.stderr.decode()[-500:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return elapsed, peak


def run_natasha(texts: list[str]) -> float:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    start = time.perf_counter()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of the archive")
    ap.add_argument("--natasha-mb", type=float, default=2.0, help="how much of it natasha reads (it is slow)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_archive(Path(tmp), args.mb)
        size = sum(p.stat().st_size for p in paths) / 1024 / 1024
        print(f"archive: {len(paths)} documents, {size:.1f} MB (English and Russian)")
        rates = {}
        for workers in (1, 2):
            elapsed, peak = run_kuzet(paths, workers)
            rates[workers] = size / elapsed
            print(f"kuzet extract --workers {workers}: {len(paths) / elapsed:8.1f} docs/s {size / elapsed:6.2f} MB/s "
                  f"peak RSS {peak:.0f} MB ({elapsed:.1f} s)")
        # Linear in length: the first megabyte of the archive as one document, against the same text as its files.
        small, got = [], 0
        for p in paths:
            if got >= 1024 * 1024:
                break
            small.append(p)
            got += p.stat().st_size
        whole = Path(tmp) / "one-document.txt"
        whole.write_text("\n\n\n".join(p.read_text(encoding="utf-8") for p in small), encoding="utf-8")
        many_s, _ = run_kuzet(small, 1)
        one_s, one_peak = run_kuzet([whole], 1)
        mb = got / 1024 / 1024
        print(f"the same {mb:.1f} MB as {len(small)} files: {mb / many_s:.2f} MB/s; as one document: {mb / one_s:.2f} MB/s "
              f"(ratio {many_s / one_s:.2f}), peak RSS {one_peak:.0f} MB")
        texts, got = [], 0.0
        for p in paths:
            if got >= args.natasha_mb:
                break
            texts.append(p.read_text(encoding="utf-8"))
            got += p.stat().st_size / 1024 / 1024
        elapsed = run_natasha(texts)
        natasha_rate = got / elapsed
        print(f"natasha segmenter+NER (1 process): {len(texts) / elapsed:8.1f} docs/s {natasha_rate:6.2f} MB/s "
              f"on {got:.1f} MB; peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        print(f"ratio full extraction / natasha NER alone: {rates[1] / natasha_rate:.1f}x (1 worker), "
              f"{rates[2] / natasha_rate:.1f}x (2 workers)")
        starts = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([str(ROOT / ".venv" / "bin" / "kuzet"), "extract", str(paths[0])], stdout=subprocess.DEVNULL, check=True)
            starts.append(time.perf_counter() - t)
        print(f"start-up, kuzet extract on one {paths[0].stat().st_size / 1024:.1f} KB file: median {statistics.median(starts):.2f} s")


if __name__ == "__main__":
    main()
