"""Reading quality on real documents: the devset, per language and field (issue 14).

Reads ../shared/devset at run time (real published bulletins and news with hand annotations; their
text is never copied into the repo), extracts each document with its annotation's date as the
document date (as the project's judge does), and prints precision, recall and F1 per field and
language with the project's scorer and the macro-F1 per language; then the same for the fifth of
the bundled annotated documents that a reader trained here on the other four fifths did not see.

usage: python bench/quality.py [--devset DIR] [--show FIELD] [--model FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuzet.evaluate import FIELDS, score  # noqa: E402
from kuzet.extract.event_model import ReaderModel  # noqa: E402
from kuzet.extract.pipeline import extract_record  # noqa: E402
from kuzet.learn.corpus import load_golds  # noqa: E402


def table(title: str, docs, model) -> None:  # noqa: ANN001
    start = time.perf_counter()
    records = [extract_record(d.text, path=d.name, doc_date=d.doc_date, model=model) for d in docs]
    elapsed = time.perf_counter() - start
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    print(f"\n{title}: {len(docs)} documents, {size / 1024:.0f} KB read in {elapsed:.2f} s")
    print(f"{'':4s}" + "".join(f"{f:>22s}" for f in FIELDS) + f"{'macro-F1':>10s}")
    for lang in ("en", "ru", "kk"):
        mine = [d for d in docs if d.language == lang]
        if not mine:
            continue
        s = score([d.gold for d in mine], records)
        cells = "".join(f"  P{t.prf[0]:.2f} R{t.prf[1]:.2f} F{t.prf[2]:.2f}" for t in s.tallies.values())
        print(f"{lang:4s}{cells}{s.macro_f1:10.3f}   ({len(mine)} documents)")
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--show", choices=FIELDS, help="print that field's misses and extras on the devset")
    ap.add_argument("--model", type=Path, help="a reader model file instead of the bundled one")
    args = ap.parse_args()
    model = ReaderModel.load(args.model) if args.model else None
    if not (args.devset / "gold").is_dir():
        sys.exit(f"{args.devset}: no devset here (gold/ and corpus/); give --devset")
    dev = load_golds(args.devset / "gold", args.devset / "corpus")
    records = table("devset (real documents, never trained on)", dev, model)
    if args.show:
        for p in score([d.gold for d in dev], records).problems:
            if f" {args.show}:" in p:
                print("   ", p)
    # The bundled documents: the reader trained here on four fifths, read on the fifth it did not see.
    from kuzet.learn.fit import split, train_model

    train, held = split(load_golds(ROOT / "kuzet" / "data" / "training" / "gold"), 0.2)
    table(f"bundled documents held back (a reader trained here on the other {len(train)})", held, train_model(train))


if __name__ == "__main__":
    main()
