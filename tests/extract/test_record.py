"""Every record is valid against the schema and every offset points at its text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuzet.extract.pipeline import extract_record, read_text
from tests.conftest import FIXTURES, golds, validate


@pytest.mark.parametrize("gold", golds(), ids=lambda g: g["document"])
def test_fixture_records_are_valid(gold: dict) -> None:
    text, sha = read_text((FIXTURES / "corpus" / gold["document"]).read_bytes())
    record = extract_record(text, path=gold["document"], sha256=sha)
    validate(record, text)
    assert record["source"]["language"] == gold["language"]
    assert record["source"]["date"] == gold["date"]


def test_seed_record_is_valid(seed_text: str) -> None:
    record = extract_record(seed_text, path="monitoring-2021-04-21.txt")
    validate(record, seed_text)
    assert record["source"]["title"] == "Monitoring of human rights violations for 21 April 2021"


_pieces = st.sampled_from([
    "— On 21 April 2021, ", "activist Kuandyk KUMEKBAYEV ", "was detained", ".- ", "⚡#ZHAKUPOVA Aliya ", "\n\n",
    "Суд приговорил Алию Жакупову ", "по ст. 405 ч. 2 УК РК", "КНБ", " «Femina Virtute» ", "Judge: PAZYLOV B.", "yesterday ",
    "Aktau", "в Уральске ", "fined 50 MCI", "#", ":", "UPD:", "1. ", "ＡＢＣ", "\u00a0", "KUMEKB\u0410YEV ",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=12)), max_size=25))
def test_any_text_gives_a_valid_record(parts: list[str]) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    validate(extract_record(text), text)
