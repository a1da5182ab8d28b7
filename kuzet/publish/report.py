"""Bulletins, digests and statistics as an HTML page or a printable PDF, from one template.

A report is a title, a line under it and sections; a section holds any of hashtags, the
people it is about, lines, a chart (inline SVG) and a table. WeasyPrint prints the same
HTML to PDF with DejaVu Sans, so Latin, Cyrillic and Kazakh letters come out alike.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape


@lru_cache(maxsize=1)
def _template():  # noqa: ANN202 - a jinja2 Template
    env = Environment(loader=PackageLoader("kuzet.publish", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html")


def html(title: str, sections: list[dict], *, lang: str, meta: str = "", unverified_mark: str = "") -> str:
    """The report as one self-contained HTML page (text is escaped: a bulletin's `<script>` stays text)."""
    return _template().render(title=title, sections=sections, lang=lang, meta=meta, unverified_mark=unverified_mark)


def publish(title: str, sections: list[dict], *, lang: str, fmt: str, unverified_mark: str = "") -> str | bytes:
    """The report as an HTML page (fmt "html") or printed to PDF (fmt "pdf")."""
    page = html(title, sections, lang=lang, unverified_mark=unverified_mark)
    return pdf(page) if fmt == "pdf" else page


def pdf(page: str) -> bytes:
    """The HTML page printed to PDF."""
    from weasyprint import HTML  # loads Pango; paid only when a PDF is asked for

    return HTML(string=page).write_pdf()
