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

from kuzet.errors import GoldError, NotFoundError


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
    """The text without the devset's '# source:' / '# language:' header lines."""
    if text.startswith("# source:"):
        lines = text.split("\n", 2)
        if len(lines) > 1 and lines[1].startswith("# language:"):
            return lines[2] if len(lines) > 2 else ""
        return lines[1] if len(lines) > 1 else ""
    return text


def corpus_dir(gold_dir: Path) -> Path:
    """The folder of texts that goes with a folder of gold files."""
    for name in ("corpus", "docs"):
        cand = gold_dir.parent / name
        if cand.is_dir():
            return cand
    raise NotFoundError(f"no corpus/ or docs/ folder beside {gold_dir} (give --corpus)", path=str(gold_dir))


def load_golds(gold_dir: Path, corpus: Path | None = None) -> list[GoldDoc]:
    """Every gold file of a folder with its document's text, in name order.

    RETURNS (list[GoldDoc]): the annotated documents.
    """
    if not gold_dir.is_dir():
        raise NotFoundError("no such folder of gold files", path=str(gold_dir))
    corpus = corpus or corpus_dir(gold_dir)
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise GoldError(f"not a JSON gold file: {err}", path=str(path)) from None
        if not isinstance(gold, dict) or not isinstance(gold.get("document"), str):
            raise GoldError("a gold file must be an object naming its 'document'", path=str(path))
        doc_path = corpus / gold["document"]
        if not doc_path.is_file():
            raise GoldError(f"its document {gold['document']} is not in {corpus}", path=str(path))
        text = strip_header(doc_path.read_text(encoding="utf-8"))
        out.append(GoldDoc(gold["document"], text, gold))
    if not out:
        raise GoldError("no gold files (*.json) in the folder", path=str(gold_dir))
    return out
