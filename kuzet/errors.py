"""Kuzet's one error catalogue.

Every error carries a stable code in its message ([E001]) so that callers and
tests never classify errors by matching free text, and a `status` for the web.
The CLI prints `str(error)` as one line and exits 1.
"""

from __future__ import annotations


class KuzetError(Exception):
    """Base of every error Kuzet reports to a user."""

    code = "E000"
    status = 400

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.message = message
        where = f"{path}: " if path else ""
        super().__init__(f"{where}[{self.code}] {message}")


class NotFoundError(KuzetError):
    """The path does not exist."""

    code = "E001"
    status = 404


class NotAFileError(KuzetError):
    """The path is a directory or another non-regular file."""

    code = "E002"


class EmptyDocumentError(KuzetError):
    """The file holds no text."""

    code = "E003"


class BinaryDocumentError(KuzetError):
    """The bytes are not text in any encoding Kuzet reads."""

    code = "E004"


class DocumentTooLargeError(KuzetError):
    """The document is over the size limit for one document."""

    code = "E005"
    status = 413


class UnreadableError(KuzetError):
    """The operating system refused to read the file."""

    code = "E006"


class InvalidDateError(KuzetError):
    """A date given on the command line is not an ISO date."""

    code = "E007"


class DatabaseError(KuzetError):
    """The database cannot be opened or is at an older schema."""

    code = "E008"
    status = 503


class UnsupportedFormatError(KuzetError):
    """A file Kuzet cannot ingest (its type, or its structure)."""

    code = "E009"
    status = 415


class NotFoundInDatabaseError(KuzetError):
    """No person, event or document answers to what was asked."""

    code = "E010"
    status = 404


class GoldError(KuzetError):
    """A gold annotation file, or the document it names, cannot be used for evaluation or training."""

    code = "E040"


class ModelError(KuzetError):
    """A reader model file cannot be read, or training has nothing to learn from."""

    code = "E041"
