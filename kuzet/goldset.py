"""`kuzet evaluate`: the reader scored on a folder of hand-annotated gold files and their documents.

A gold file (`*.json`, the format of `spec/seed-gold.json`) names its document (`document`,
a file name in the corpus folder), its language, and its date (`date`, or `context_date` when
the text states none, as for a monthly digest); the document is read with that date, as
`kuzet extract --date` would read it. A corpus file may begin with a `# source: URL` line and a
`# language: xx` line; they are not part of the document and are left out. Scoring is
`kuzet/evaluate.py`'s (the project judge's matching).

Every problem with the input (no such folder, a gold file that is not JSON or names no
document, a document that is missing or unreadable) is a `GoldError` naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kuzet.errors import KuzetError, ModelError
from kuzet.evaluate import FIELDS, Score, score
from kuzet.extract.event_model import ReaderModel
from kuzet.extract.pipeline import extract_record, read_text

_HEADER = ("# source:", "# language:")


class GoldError(KuzetError):
    code = "E035"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    gold: dict
    text: str
    doc_date: date | None


def document_text(text: str) -> str:
    """The document without a leading `# source:` / `# language:` header (each line at most once, in that order)."""
    for prefix in _HEADER:
        if text.startswith(prefix):
            _, _, text = text.partition("\n")
    return text


def _gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise GoldError("not a gold file: not UTF-8 text", path=str(path)) from None
    except json.JSONDecodeError as err:
        raise GoldError(f"not a gold file: broken JSON (line {err.lineno}: {err.msg})", path=str(path)) from None
    except OSError as err:
        raise GoldError(f"cannot read: {err.strerror}", path=str(path)) from None
    if not isinstance(gold, dict) or not isinstance(gold.get("document"), str) or not gold["document"]:
        raise GoldError("not a gold file: no \"document\" naming its document", path=str(path))
    for key in ("date", "context_date"):
        if gold.get(key) is not None:
            try:
                date.fromisoformat(str(gold[key]))
            except ValueError:
                raise GoldError(f"{key} {gold[key]!r} is not a date like 2021-09-30", path=str(path)) from None
    return gold


def load(gold_dir: Path, corpus: Path | None = None) -> list[GoldDocument]:
    """Every gold file of `gold_dir` (by name) with its document from `corpus` (default: gold_dir/../corpus)."""
    if not gold_dir.is_dir():
        raise GoldError("no such folder of gold files", path=str(gold_dir))
    corpus = corpus if corpus is not None else gold_dir.parent / "corpus"
    if not corpus.is_dir():
        raise GoldError("no such corpus folder (give it with --corpus)", path=str(corpus))
    files = sorted(p for p in gold_dir.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
    if not files:
        raise GoldError("no gold files (*.json) in this folder", path=str(gold_dir))
    out = []
    for path in files:
        gold = _gold(path)
        doc = corpus / gold["document"]
        if not doc.is_file():
            raise GoldError(f"its document {gold['document']!r} is not in {corpus}", path=str(path))
        try:
            text, _sha = read_text(doc.read_bytes(), path=str(doc))
        except OSError as err:
            raise GoldError(f"cannot read: {err.strerror}", path=str(doc)) from None
        when = gold.get("date") or gold.get("context_date")
        out.append(GoldDocument(gold, document_text(text), date.fromisoformat(when) if when else None))
    return out


def _score_json(s: Score) -> dict:
    fields = {}
    for f in FIELDS:
        t = s.tallies[f]
        p, r, f1 = t.prf
        # Unrounded: the text shows them to three places as the project's scorer does (0.8905 is not 0.890).
        fields[f] = {"precision": p, "recall": r, "f1": f1, "tp": t.tp, "fp": t.fp, "fn": t.fn}
    return {"fields": fields, "macro_f1": s.macro_f1}


def load_model(path: Path) -> ReaderModel:
    """A reader model file (`kuzet train --output`)."""
    try:
        return ReaderModel.load(path)
    except (OSError, ValueError, KeyError) as err:
        raise ModelError(f"not a reader model: {err}", path=str(path)) from None


def evaluate(documents: list[GoldDocument], *, model: ReaderModel | None = None) -> dict:
    """Scores over all documents, and per language when they are in several; `model` reads events (the bundled one
    when None)."""
    records = [extract_record(d.text, path=d.gold["document"], doc_date=d.doc_date, model=model) for d in documents]
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
