"""Bytes to text: the encodings monitors' files arrive in.

UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when the NUL
pattern shows it), and the Windows Cyrillic code page cp1251 that older Word
and Excel exports use. Anything else with control bytes is refused as binary.
"""

from __future__ import annotations

import codecs
import re

from kuzet.errors import BinaryDocumentError, EmptyDocumentError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[\u0410-\u044f\u0401\u0451]")


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin text in UTF-16 has a NUL in every other byte; Cyrillic has 0x04 there.
    if odd_nuls > half * 0.3 or sample[1::2].count(4) > half * 0.3:
        return "utf-16-le"
    if even_nuls > half * 0.3 or sample[0::2].count(4) > half * 0.3:
        return "utf-16-be"
    return None


def decode(data: bytes, *, path: str | None = None) -> str:
    """Decode a document's bytes to text.

    data (bytes): the exact bytes read. path (str | None): named in errors.
    RETURNS (str): the text, with newlines normalised to "\\n".
    """
    if not data.strip():
        raise EmptyDocumentError("the file is empty", path=path)
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        enc = _looks_utf16(data)
        if enc:
            text = data.decode(enc, errors="replace")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                if b"\x00" in data:
                    raise BinaryDocumentError("binary file, not text", path=path) from err
                cp = data.decode("cp1251", errors="replace")
                # cp1251 decodes any byte; accept it only when it yields Cyrillic prose.
                if len(_CYRILLIC.findall(cp)) >= 0.2 * sum(1 for c in cp if c.isalpha()):
                    text = cp
                else:
                    bad = err.start
                    raise BinaryDocumentError(
                        f"not text: undecodable bytes at offset {bad} (not UTF-8, UTF-16 or cp1251)", path=path
                    ) from err
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) * 0.01) or text.count("\ufffd") > max(8, len(text) * 0.05):
        raise BinaryDocumentError("binary file, not text", path=path)
    if not text.strip():
        raise EmptyDocumentError("the file holds no text", path=path)
    return text
