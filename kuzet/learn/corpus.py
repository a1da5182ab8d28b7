"""Annotated documents: a text and its gold annotation in the devset's format.

A folder of gold files (``NAME.json``, each naming its ``document``) goes with a folder of the
documents' texts: ``corpus/`` or ``docs/`` beside it, or one given explicitly. A text may open with
the devset's two header lines (``# source:``, ``# language:``), which are not part of the document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kuzet.errors import GoldError
from kuzet.text.decode import decode

_HEADER = ("# source:", "# language:")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated document."""

    name: str
    text: str
    gold: dict
    partial: bool = False  # only some facts are annotated (reviews from the desk): unlabelled candidates are not negatives

    @property
    def language(self) -> str:
        return str(self.gold.get("language") or "")

    @property
    def doc_date(self) -> date | None:
        """The date the reader is told: the document's own, else its publication date."""
        value = self.gold.get("date") or self.gold.get("context_date")
        return date.fromisoformat(value) if value else None


def strip_header(text: str) -> str:
    """The document without a leading `# source:` / `# language:` header (each line at most once, in that order)."""
    for prefix in _HEADER:
        if text.startswith(prefix):
            _, _, text = text.partition("\n")
    return text


def corpus_dir(gold_dir: Path) -> Path:
    """The folder of texts that goes with a folder of gold files: corpus/ or docs/ beside it."""
    for name in ("corpus", "docs"):
        cand = gold_dir.parent / name
        if cand.is_dir():
            return cand
    raise GoldError("no corpus/ or docs/ folder beside it (give it with --corpus)", path=str(gold_dir))


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
        raise GoldError('not a gold file: no "document" naming its document', path=str(path))
    for key in ("date", "context_date"):
        if gold.get(key) is not None:
            try:
                date.fromisoformat(str(gold[key]))
            except ValueError:
                raise GoldError(f"{key} {gold[key]!r} is not a date like 2021-09-30", path=str(path)) from None
    return gold


def load_golds(gold_dir: Path, corpus: Path | None = None) -> list[GoldDoc]:
    """Every gold file of a folder (by name) with its document's text.

    corpus (Path | None): the documents' folder; corpus/ or docs/ beside gold_dir when None.
    RETURNS (list[GoldDoc]): the annotated documents.
    """
    if not gold_dir.is_dir():
        raise GoldError("no such folder of gold files", path=str(gold_dir))
    if corpus is None:
        corpus = corpus_dir(gold_dir)
    elif not corpus.is_dir():
        raise GoldError("no such corpus folder", path=str(corpus))
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
            text = decode(doc.read_bytes(), path=str(doc))
        except OSError as err:
            raise GoldError(f"cannot read: {err.strerror}", path=str(doc)) from None
        out.append(GoldDoc(gold["document"], strip_header(text), gold))
    return out
