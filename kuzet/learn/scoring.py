"""`kuzet evaluate`: the reader scored on a folder of hand-annotated gold files and their documents.

A gold file (`*.json`, the format of `spec/seed-gold.json`) names its document (`document`,
a file name in the corpus folder), its language, and its date (`date`, or `context_date` when
the text states none, as for a monthly digest); the document is read with that date, as
`kuzet extract --date` would read it. A corpus file may begin with a `# source: URL` line and a
`# language: xx` line; they are not part of the document and are left out. Scoring is
`kuzet/evaluate.py`'s (the project judge's matching).

Every problem with the input (no such folder, a gold file that is not JSON or names no
document, a document that is missing or unreadable) is a `GoldError` naming the file
(kuzet/learn/corpus.py reads them, for training too).
"""

from __future__ import annotations

from kuzet.evaluate import FIELDS, Score, score
from kuzet.extract.event_model import ReaderModel
from kuzet.extract.pipeline import extract_record
from kuzet.learn.corpus import GoldDoc


def _score_json(s: Score) -> dict:
    fields = {}
    for f in FIELDS:
        t = s.tallies[f]
        p, r, f1 = t.prf
        # Unrounded: the text shows them to three places as the project's scorer does (0.8905 is not 0.890).
        fields[f] = {"precision": p, "recall": r, "f1": f1, "tp": t.tp, "fp": t.fp, "fn": t.fn}
    return {"fields": fields, "macro_f1": s.macro_f1}


def evaluate(documents: list[GoldDoc], *, model: ReaderModel | None = None) -> dict:
    """Scores over all documents, and per language when they are in several; `model` reads events (the bundled one
    when None)."""
    records = [extract_record(d.text, path=d.name, doc_date=d.doc_date, model=model) for d in documents]
    golds = [d.gold for d in documents]
    languages = sorted({str(g.get("language") or "?") for g in golds})
    out = {"documents": len(golds), "overall": _score_json(score(golds, records)), "languages": {}}
    if len(languages) > 1:
        for lang in languages:
            mine = [g for g in golds if str(g.get("language") or "?") == lang]
            out["languages"][lang] = {"documents": len(mine), **_score_json(score(mine, records))}
    return out


def render(result: dict) -> str:
    """The scores as a table per language, then overall."""
    def table(title: str, s: dict) -> list[str]:
        lines = [title]
        for f, t in s["fields"].items():
            lines.append(f"  {f:14s} P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}"
                         f"  (tp={t['tp']} fp={t['fp']} fn={t['fn']})")
        lines.append(f"  macro-F1={s['macro_f1']:.3f}")
        return lines

    out: list[str] = []
    for lang, s in result["languages"].items():
        out += table(f"== {lang} ({s['documents']} documents)", s) + [""]
    n = result["documents"]
    out += table(f"== all ({n} document{'s' if n != 1 else ''})", result["overall"])
    return "\n".join(out)
