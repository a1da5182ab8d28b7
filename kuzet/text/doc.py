"""The document and the spans that point into it.

Source text is the ground truth: every fact Kuzet reads is a `Span` whose
`text` is exactly `doc.text[start:end]`. `Doc.match` is a copy of the text of
the same length in which look-alike letters and quotes are folded, so patterns
can run on it while offsets stay valid for the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kuzet.text.chars import fold_for_matching


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of a document's text.

    start (int): first character. end (int): one past the last character.
    text (str): the covered text, checked against the document when built by `Doc.span`.
    label (str): what the span is (PER, ORG, LOC, LAW, DATE, EVENT, ...).
    """

    start: int
    end: int
    text: str
    label: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"bad span {self.start}:{self.end} for {self.text!r}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Doc:
    """A decoded document on its way through the extraction pipeline.

    text (str): the decoded text, never modified.
    path (str | None): where it came from, None for standard input.
    sha256 (str): hash of the exact bytes read.
    doc_date (date | None): the document's date (stated in it, or given by the user).
    """

    text: str
    path: str | None = None
    sha256: str = ""
    doc_date: date | None = None
    stated_date: date | None = None
    title: str | None = None
    language: str = "en"
    match: str = field(init=False)

    def __post_init__(self) -> None:
        self.match = fold_for_matching(self.text)

    def span(self, start: int, end: int, label: str = "") -> Span:
        """Span of this document's text between two offsets, trimmed of spaces.

        RETURNS (Span): a span whose text is exactly `self.text[start:end]`.
        """
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start, end, self.text[start:end], label)
