"""`kuzet stats`: every figure recounted from the event listing; charts as SVG and PNG; reports as HTML and PDF."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SEED, run_kuzet

CORPUS = ROOT / "tests" / "data" / "resolution" / "docs"


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("stats") / "k.db")
    out = run_kuzet("ingest", str(CORPUS), str(SEED), "--db", db)
    assert out.returncode == 0, out.stderr
    return db


def _json(*args: str):  # noqa: ANN202
    out = run_kuzet(*args)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_every_figure_is_recounted_from_the_events_it_names(desk: str) -> None:
    span = ("--from", "2020-01-01", "--to", "2022-12-31")
    stats = _json("stats", *span, "--by", "kind,month", "--include-unverified", "-f", "json", "--db", desk)
    listed = _json("events", "--since", "2020-01-01", "--until", "2022-12-31", "--format", "json", "--db", desk)
    by_id = {e["id"]: e for e in listed if e["date"]}
    assert stats["total"] == len(by_id) > 40
    expected = Counter((e["kind"], e["date"][:7]) for e in by_id.values())
    assert {(r["kind"], r["month"]): r["events"] for r in stats["table"]} == expected
    for row in stats["table"]:
        assert len(row["event_ids"]) == row["events"]
        assert all(by_id[i]["kind"] == row["kind"] and by_id[i]["date"][:7] == row["month"] for i in row["event_ids"])

    refusals = [e for e in by_id.values() if e["kind"] == "assembly_restriction"]
    ref = stats["refusals"]
    assert ref["total"] == len(refusals) > 0
    assert ref["places"] == len({e["place"] for e in refusals if e["place"]})
    totals = [m["running_total"] for m in ref["by_month"]]
    assert totals == sorted(totals) and totals[-1] == ref["total"]

    assert stats["officials"], "judges and akims are counted"
    for official in stats["officials"]:
        assert all(official["person"] in {o["person"] for o in by_id[i]["officials"]} for i in official["event_ids"])
        assert official["events"] == len(official["event_ids"]) >= sum(official["outcomes"].values())
    prosecuted = stats["people"]["prosecuted"]
    assert prosecuted and all(p["status"] in ("under investigation", "under a measure of restraint", "on trial",
                                              "trial scheduled") for p in prosecuted)
    assert {p["name"] for p in stats["people"]["under_measure_of_restraint"]} <= {p["name"] for p in prosecuted}

    by_article = _json("stats", *span, "--by", "article", "--include-unverified", "-f", "json", "--db", desk)
    cc405 = next(r for r in by_article["table"] if r["article"] == "CC 405-2")
    assert set(cc405["event_ids"]) == {e["id"] for e in by_id.values()
                                       if any((a["article"], a["part"]) == ("405", "2") for a in e["law_articles"])}


def test_only_verified_events_count_unless_asked(desk: str) -> None:
    stats = _json("stats", "--from", "2020-01-01", "--to", "2022-12-31", "-f", "json", "--db", desk)
    assert stats["total"] == 0 and stats["verified_only"]


def test_charts_are_svg_and_png_of_the_same_table(desk: str, tmp_path) -> None:
    svg, png = tmp_path / "c.svg", tmp_path / "c.png"
    span = ("--from", "2022-01-01", "--to", "2022-12-31", "--include-unverified", "--db", desk)
    assert run_kuzet("stats", *span, "--chart", str(svg)).returncode == 0
    assert run_kuzet("stats", *span, "--chart", str(png)).returncode == 0
    root = ET.fromstring(svg.read_bytes())  # well-formed
    assert root.tag.endswith("svg")
    text = svg.read_text(encoding="utf-8")
    assert "2022-03" in text and "detention" in text, "months along the axis, kinds in the legend"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    again = tmp_path / "again.svg"
    assert run_kuzet("stats", *span, "--chart", str(again)).returncode == 0
    assert again.read_bytes() == svg.read_bytes(), "the same data draw the same bytes"
    bad = run_kuzet("stats", *span, "--chart", str(tmp_path / "c.gif"))
    assert bad.returncode == 1 and b"c.gif" in bad.stderr and not (tmp_path / "c.gif").exists()
    bad = run_kuzet("stats", *span, "--by", "colour")
    assert bad.returncode == 1 and b"cannot count by colour" in bad.stderr and b"Traceback" not in bad.stderr


def test_bulletin_digest_and_stats_print_to_pdf_in_latin_and_cyrillic(desk: str, tmp_path) -> None:
    pdf = tmp_path / "b.pdf"
    out = run_kuzet("bulletin", "--date", "2021-04-21", "--lang", "ru", "--include-unverified", "-f", "pdf",
                    "-o", str(pdf), "--db", desk)
    assert out.returncode == 0, out.stderr
    text = " ".join(PdfReader(BytesIO(pdf.read_bytes())).pages[0].extract_text().split())  # lines wrap in print
    assert "Мониторинг нарушений прав человека за 21 апреля 2021" in text and "#Актау" in text
    html = run_kuzet("digest", "--from", "2022-03-01", "--to", "2022-03-31", "--include-unverified", "-f", "html",
                     "--db", desk).stdout.decode()
    assert html.startswith("<!doctype html>") and "ZHAKUPOVA" not in html and "Aliya Zhakupova" in html
    stats_pdf = tmp_path / "s.pdf"
    assert run_kuzet("stats", "--from", "2022-01-01", "--to", "2022-12-31", "--include-unverified", "-f", "pdf",
                     "-o", str(stats_pdf), "--db", desk).returncode == 0
    pages = PdfReader(BytesIO(stats_pdf.read_bytes())).pages
    assert "Refused assemblies" in "".join(p.extract_text() for p in pages)


def test_text_that_looks_like_html_stays_text_in_an_html_bulletin(tmp_path) -> None:
    doc = tmp_path / "x.txt"
    doc.write_text("Monitoring for 3 May 2022\n\n#Almaty\n⚡#ORAZOVA Dana\nOn 3 May 2022 police detained activist "
                   "Dana ORAZOVA <script>alert(1)</script> in Almaty.\n", encoding="utf-8")
    db = str(tmp_path / "k.db")
    assert run_kuzet("ingest", str(doc), "--db", db).returncode == 0
    page = run_kuzet("bulletin", "--date", "2022-05-03", "--include-unverified", "-f", "html", "--db", db).stdout.decode()
    assert "ORAZOVA Dana" in page and "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
