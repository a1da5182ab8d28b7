"""Reading documents from paths and standard input, with the checks every command shares.

Errors are `KuzetError`s that name the file; the caller decides whether the
run goes on (it does, for the other files) and what the exit code is.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from kuzet.errors import DocumentTooLargeError, NotAFileError, NotFoundError, UnreadableError

DEFAULT_MAX_MB = 10.0


@dataclass(frozen=True, slots=True)
class Source:
    """Raw bytes of one document and where they came from (None for standard input)."""

    path: str | None
    data: bytes


def read_source(path: str, *, max_mb: float = DEFAULT_MAX_MB) -> Source:
    """Read a document's bytes, refusing what cannot be a document.

    path (str): a file path, or "-" for standard input. max_mb (float): size limit in MB.
    RETURNS (Source): the bytes read.
    """
    limit = int(max_mb * 1024 * 1024)
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise DocumentTooLargeError(f"standard input is larger than {max_mb:g} MB", path="<stdin>")
        return Source(None, data)
    if not os.path.exists(path):
        raise NotFoundError("no such file", path=path)
    if os.path.isdir(path):
        raise NotAFileError("is a directory, not a document", path=path)
    if not os.path.isfile(path):
        raise NotAFileError("not a regular file", path=path)
    size = os.path.getsize(path)
    if size > limit:
        raise DocumentTooLargeError(
            f"{size / 1024 / 1024:.1f} MB is over the {max_mb:g} MB limit for one document (--max-size)", path=path)
    try:
        with open(path, "rb") as fh:
            return Source(path, fh.read())
    except OSError as err:
        raise UnreadableError(f"cannot read: {err.strerror}", path=path) from err
