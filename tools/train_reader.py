"""Build kuzet/data/models/reader.json: the event reader's decisions trained on the bundled documents.

usage: python tools/train_reader.py [--data GOLD_DIR ...] [--out FILE] [--held 0.2] [--search]

Trains on every annotated document under kuzet/data/training/, on the project's seed bulletin when
../shared holds it (../shared/seed/ with ../shared/spec/seed-gold.json: the bulletin every reading of
Kuzet must get right, which is not copied into the repo), and on any --data folder of gold files with
its corpus/ beside it. It first trains on all but a held-back share and prints the held-back
figures next to the current bundled model's, then trains the shipped model on all documents.
--search picks each decision's regularisation by document-level cross-validation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuzet.learn.corpus import load_golds  # noqa: E402
from kuzet.learn.examples import examples  # noqa: E402
from kuzet.learn.fit import C, fit, measure, split, train_model  # noqa: E402

BUNDLED = ROOT / "kuzet" / "data" / "training" / "gold"
SHARED = ROOT.parent / "shared"
SEED_WEIGHT = 4


def seed_documents() -> list:
    """The seed bulletin with its hand annotation, when ../shared is beside the repo."""
    import json

    from kuzet.learn.corpus import GoldDoc

    gold_path = SHARED / "spec" / "seed-gold.json"
    if not gold_path.is_file():
        return []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seed" / gold["document"]).read_text(encoding="utf-8")
    return [GoldDoc(gold["document"], text, gold)]


def _search(docs) -> dict[str, float]:  # noqa: ANN001
    """Each decision's C by 4-fold cross-validation over documents, scored by the events F1 of the folds."""
    folds = [docs[i::4] for i in range(4)]
    best: dict[str, float] = dict(C)
    for decision in ("act", "date", "victim"):
        scores = {}
        for c in (0.05, 0.1, 0.25, 0.5, 1.0, 2.0):
            tp = fp = fn = 0
            for i, held in enumerate(folds):
                train = [d for j, f in enumerate(folds) if j != i for d in f]
                model = fit(examples(train), c={**best, decision: c})
                t = measure(model, held).tallies["events"]
                tp, fp, fn = tp + t.tp, fp + t.fp, fn + t.fn
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            scores[c] = 2 * p * r / (p + r) if p + r else 0.0
            print(f"  {decision} C={c}: events F1 {scores[c]:.3f}")
        best[decision] = max(scores, key=lambda k: scores[k])
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", action="append", type=Path, default=[], help="another folder of gold files")
    ap.add_argument("--out", type=Path, default=ROOT / "kuzet" / "data" / "models" / "reader.json")
    ap.add_argument("--held", type=float, default=0.2, help="share held back to measure (0 to skip)")
    ap.add_argument("--search", action="store_true", help="choose the regularisation by cross-validation")
    args = ap.parse_args()
    docs = []
    for folder in [BUNDLED, *args.data]:
        if folder.is_dir():
            docs += load_golds(folder)
    # The seed counts as several documents: it is the bulletin every reading must get right.
    docs += seed_documents() * SEED_WEIGHT
    print(f"{len(docs)} annotated documents")
    c = _search(docs) if args.search else dict(C)
    if args.held > 0:
        train, held = split(docs, args.held)
        model = train_model(train, c=c)
        new = measure(model, held)
        print(f"held back {len(held)} documents; trained on {len(train)}:")
        print(new.report())
    model = train_model(docs, c=c, info={"c": c, "source": "tools/train_reader.py on kuzet/data/training and the seed"})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.dumps() + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({sum(len(getattr(model, d).weights) for d in ('act', 'date', 'victim'))} weights)")


if __name__ == "__main__":
    main()
