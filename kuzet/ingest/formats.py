"""Text out of the file types monitors receive: plain text and Markdown, HTML, Word, PDF.

Each reader takes the original bytes and returns the document's text; a file that is
not what its name says gets an UnsupportedFormatError naming the problem.
"""

from __future__ import annotations

import io
import re

from kuzet.errors import EmptyDocumentError, UnsupportedFormatError
from kuzet.text.decode import decode

# Parts of a web page that are not the article: navigation, menus, footers, scripts.
_HTML_NOISE = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "menu", "iframe", "svg", "button"]
_NOISE_CLASS = re.compile(r"\b(?:nav|menu|footer|header|sidebar|breadcrumb|share|social|comments?|related|advert|banner|cookie)\b", re.I)

MEDIA_TYPES = {
    ".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown", ".text": "text/plain",
    ".html": "text/html", ".htm": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def html_text(data: bytes, path: str) -> tuple[str, str | None]:
    """The main text of a web page and its title: <article> or <main> if present, never menus."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode(data, path=path), "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(_HTML_NOISE):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": _NOISE_CLASS}):
        tag.decompose()
    for tag in soup.find_all(attrs={"id": _NOISE_CLASS}):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    lines = []
    for block in root.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"]):
        if block.find_parent(["p", "li", "blockquote", "pre"]) is not None:
            continue
        line = " ".join(block.get_text(" ").split())
        if line:
            lines.append(("— " if block.name == "li" else "") + line)
    text = "\n\n".join(lines) if lines else "\n".join(" ".join(t.split()) for t in root.get_text("\n").splitlines() if t.strip())
    return text, title


def docx_text(data: bytes, path: str) -> str:
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - zipfile, lxml and python-docx raise many kinds for a broken file
        raise UnsupportedFormatError(f"not a readable Word document ({type(err).__name__})", path=path) from None
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text.strip() for c in row.cells))
    return "\n".join(parts)


def pdf_text(data: bytes, path: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        raise UnsupportedFormatError(f"not a readable PDF ({type(err).__name__})", path=path) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise EmptyDocumentError("the PDF has no text layer (a scan?); run OCR first", path=path)
    return text


def file_text(data: bytes, path: str, suffix: str) -> tuple[str, str | None]:
    """Text and title (when the format carries one) of a file by its suffix."""
    if suffix in (".html", ".htm"):
        text, title = html_text(data, path)
    elif suffix == ".docx":
        text, title = docx_text(data, path), None
    elif suffix == ".pdf":
        text, title = pdf_text(data, path), None
    else:
        text, title = decode(data, path=path), None
    if not text.strip():
        raise EmptyDocumentError("no text in this document", path=path)
    return text, title
