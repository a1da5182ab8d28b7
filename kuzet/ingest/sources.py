"""What `kuzet ingest` is given, as a stream of documents: files, directories, Telegram exports.

A directory is walked recursively in name order (hidden entries skipped). A Telegram
Desktop export (result.json) is read as a stream, each message a document dated by
the message; its original bytes are the message's JSON, so re-importing the same
export stores nothing twice. Every problem is a KuzetError naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kuzet.errors import KuzetError, UnsupportedFormatError
from kuzet.ingest.formats import MEDIA_TYPES, file_text
from kuzet.readers import read_source

_HASHTAG = re.compile(r"#(\w+)")


@dataclass(slots=True)
class SourceDocument:
    """One document to store: original bytes and the text and metadata read from them."""

    path: str
    original: bytes
    media_type: str
    text: str
    title: str | None = None
    date: date | None = None
    channel: str | None = None
    message_id: str | None = None
    hashtags: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original).hexdigest()


@dataclass(slots=True)
class Problem:
    """A file (or message) that could not be read, and why."""

    path: str
    error: KuzetError


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def expand(paths: list[str]) -> Iterator[tuple[str, bool]]:
    """Each file to read, and whether it was named directly (a directory's other files are skipped quietly)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                if f.suffix.lower() in MEDIA_TYPES or f.suffix.lower() == ".json":
                    yield str(f), False
        else:
            yield p, True


def _message_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in text)
    return ""


def telegram_messages(path: str, *, max_mb: float) -> Iterator[SourceDocument | Problem]:
    """Each text message of a Telegram Desktop export as a document, streamed."""
    import ijson

    try:
        with open(path, "rb") as fh:
            channel = next(ijson.items(fh, "name"), None)
        with open(path, "rb") as fh:
            seen = False
            for msg in ijson.items(fh, "messages.item", use_float=True):
                seen = True
                if not isinstance(msg, dict) or msg.get("type") != "message":
                    continue
                text = _message_text(msg.get("text"))
                if not text.strip():
                    continue  # photos without captions, stickers, service messages
                original = json.dumps({"channel": channel, "message": msg}, ensure_ascii=False, sort_keys=True).encode()
                where = f"{path}#{msg.get('id')}"
                if len(original) > max_mb * 1024 * 1024:
                    yield Problem(where, UnsupportedFormatError(f"message is over the {max_mb:g} MB limit", path=where))
                    continue
                try:
                    when = datetime.fromisoformat(str(msg.get("date"))).date()
                except ValueError:
                    when = None
                entities = msg.get("text_entities") or []
                tags = [e.get("text", "").lstrip("#") for e in entities if isinstance(e, dict) and e.get("type") == "hashtag"]
                yield SourceDocument(where, original, "application/vnd.telegram.message+json", text, None, when,
                                     str(channel) if channel else None, str(msg.get("id")),
                                     tags or _HASHTAG.findall(text))
    except ijson.JSONError as err:
        yield Problem(path, UnsupportedFormatError(f"broken JSON ({str(err).splitlines()[0][:80]})", path=path))
        return
    if not seen:
        yield Problem(path, UnsupportedFormatError("a JSON file that is not a Telegram Desktop export (no messages)",
                                                   path=path))


def read_documents(paths: list[str], *, max_mb: float = 10.0) -> Iterator[SourceDocument | Problem]:
    """Every document under `paths`, in order, or the problem that kept it out."""
    for path, named in expand(paths):
        suffix = Path(path).suffix.lower()
        if suffix == ".json":
            if not os.path.isfile(path):
                yield Problem(path, read_error(path, max_mb))
                continue
            yield from telegram_messages(path, max_mb=max_mb)
            continue
        try:
            if named and suffix not in MEDIA_TYPES and suffix:
                # An unknown suffix named on purpose: read it as text if it is text.
                suffix = ".txt"
            src = read_source(path, max_mb=max_mb)
            text, title = file_text(src.data, path, suffix or ".txt")
            yield SourceDocument(path, src.data, MEDIA_TYPES.get(suffix, "text/plain"), text, title)
        except KuzetError as err:
            yield Problem(path, err)


def from_bytes(name: str, data: bytes, *, max_mb: float = 10.0) -> SourceDocument:
    """A document handed over whole (an upload, pasted text), read by its name's suffix."""
    if len(data) > max_mb * 1024 * 1024:
        raise UnsupportedFormatError(f"file is over the {max_mb:g} MB limit", path=name)
    suffix = Path(name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        suffix = ".txt"
    text, title = file_text(data, name, suffix)
    return SourceDocument(name, data, MEDIA_TYPES[suffix], text, title)


def read_error(path: str, max_mb: float) -> KuzetError:
    try:
        read_source(path, max_mb=max_mb)
    except KuzetError as err:
        return err
    return UnsupportedFormatError("cannot read", path=path)
