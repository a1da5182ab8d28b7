"""`kuzet evaluate`: the reader scored on a folder of gold files, per field and language; bad input named in one line."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from kuzet.cli import app
from kuzet.evaluate import FIELDS, score
from kuzet.extract.event_model import Linear, bundled_model
from kuzet.extract.pipeline import extract_record
from kuzet.learn.corpus import strip_header as document_text
from tests.conftest import FIXTURES, golds, run_kuzet

# Invented documents; the English one states no date of its own: its gold gives the month it was written in.
EN = ("# source: https://example.org/monitoring/aktobe-march\n# language: en\n"
      "Monitoring of politically motivated persecution\n\n"
      "— On 14 March police in Aktobe detained civil activist Nurlan ABDRAKHMANOV after a picket near the regional "
      "akimat.\n")
EN_GOLD = {"document": "en-aktobe.txt", "language": "en", "date": None, "context_date": "2022-03-31",
           "persons": [{"name": "Nurlan Abdrakhmanov"}], "organizations": [], "places": [{"name": "Aktobe"}],
           "law_articles": [], "events": [{"date": "2022-03-14", "kinds": ["detention"], "victims": ["Nurlan Abdrakhmanov"]}]}
RU = ("Мониторинг за 9 марта 2023 года\n\n— 7 марта 2023 года Уральский городской суд арестовал активиста Болата "
      "Есимова на 10 суток по ст. 488 КоАП РК.\n")
# The annotator also lists a person the text never names: a miss the score must show.
RU_GOLD = {"document": "ru-uralsk.txt", "language": "ru", "date": "2023-03-09",
           "persons": [{"name": "Болат Есимов"}, {"name": "Айгуль Нурланова"}],
           "organizations": [{"name": "Уральский городской суд"}], "places": [{"name": "Уральск"}],
           "law_articles": [{"code": "administrative", "article": "488", "part": None}],
           "events": [{"date": "2023-03-07", "kinds": ["administrative_arrest"], "victims": ["Болат Есимов"]}]}


def _folder(root: Path, docs: dict[str, tuple[str, dict]]) -> Path:
    (root / "gold").mkdir(parents=True)
    (root / "corpus").mkdir()
    for name, (text, gold) in docs.items():
        (root / "corpus" / gold["document"]).write_text(text, encoding="utf-8")
        (root / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return root / "gold"


def _kuzet(*args: str):  # noqa: ANN202 - click's Result
    """The command line in this process (a subprocess costs a second of imports a call)."""
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _lines(result) -> list[str]:
    return result.stderr.strip().splitlines()


def test_the_header_pair_is_not_part_of_the_document() -> None:
    assert document_text("# source: https://x.org/a\n# language: ru\nТекст\n") == "Текст\n"
    assert document_text("# source: https://x.org/a\nText\n") == "Text\n"
    assert document_text("Text\n# source: x\n") == "Text\n# source: x\n"


def test_scores_per_field_and_language_with_the_gold_date(tmp_path: Path) -> None:
    gold_dir = _folder(tmp_path, {"1": (EN, EN_GOLD), "2": (RU, RU_GOLD)})
    proc = _kuzet("evaluate", str(gold_dir), "--format", "json")
    assert proc.exit_code == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["documents"] == 2 and set(result["languages"]) == {"en", "ru"}
    # The same figures as scoring the records in-process, each document read without its header and with its date.
    records = [extract_record(document_text(EN), path="en-aktobe.txt", doc_date=date(2022, 3, 31)),
               extract_record(RU, path="ru-uralsk.txt", doc_date=date(2023, 3, 9))]
    for lang, golds_ in (("en", [EN_GOLD]), ("ru", [RU_GOLD])):
        expected = score(golds_, records)
        for f in FIELDS:
            t = expected.tallies[f]
            assert (result["languages"][lang]["fields"][f]["tp"], result["languages"][lang]["fields"][f]["fp"],
                    result["languages"][lang]["fields"][f]["fn"]) == (t.tp, t.fp, t.fn), (lang, f)
        assert result["languages"][lang]["macro_f1"] == expected.macro_f1
    # The undated English act is dated by the gold's context date, and the person nobody names is a miss.
    assert result["languages"]["en"]["fields"]["events"]["tp"] == 1
    assert result["languages"]["ru"]["fields"]["persons"]["fn"] >= 1
    assert result["overall"]["fields"]["persons"]["recall"] < 1.0
    text = _kuzet("evaluate", str(gold_dir)).stdout
    assert "== en (1 documents)" in text and "== ru (1 documents)" in text and "== all (2 documents)" in text
    assert "macro-F1=" in text and "events" in text


def test_a_model_file_reads_the_events(tmp_path: Path) -> None:
    gold_dir = _folder(tmp_path, {"1": (EN, EN_GOLD)})
    (tmp_path / "blind.json").write_text(replace(bundled_model(), act=Linear(-1000.0, {})).dumps(), encoding="utf-8")
    default = json.loads(_kuzet("evaluate", str(gold_dir), "-f", "json").stdout)
    blind = json.loads(_kuzet("evaluate", str(gold_dir), "-f", "json", "--model", str(tmp_path / "blind.json")).stdout)
    assert default["overall"]["fields"]["events"]["tp"] == 1
    assert blind["overall"]["fields"]["events"]["tp"] == blind["overall"]["fields"]["events"]["fp"] == 0
    assert blind["overall"]["fields"]["persons"] == default["overall"]["fields"]["persons"]
    (tmp_path / "notes.json").write_text('{"format": "something else"}', encoding="utf-8")
    (line,) = _lines(bad := _kuzet("evaluate", str(gold_dir), "--model", str(tmp_path / "notes.json")))
    assert bad.exit_code == 1 and str(tmp_path / "notes.json") in line and "not a reader model" in line


def test_the_bundled_annotated_documents_in_three_languages() -> None:
    proc = _kuzet("evaluate", str(FIXTURES / "gold"), "--corpus", str(FIXTURES / "corpus"), "-f", "json")
    assert proc.exit_code == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["documents"] == len(list((FIXTURES / "gold").glob("*.json"))) > len(golds())
    assert set(result["languages"]) == {"en", "ru", "kk"}
    assert sum(v["documents"] for v in result["languages"].values()) == result["documents"]
    assert 0.0 < result["overall"]["macro_f1"] <= 1.0


def test_bad_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    gold_dir = _folder(tmp_path / "a", {"1": (EN, EN_GOLD)})
    missing = run_kuzet("evaluate", str(tmp_path / "nowhere"))  # the real command, in its own process
    assert missing.returncode == 1 and b"Traceback" not in missing.stderr
    assert missing.stderr.decode().splitlines() == [f"kuzet evaluate: {tmp_path / 'nowhere'}: [E040] no such folder of gold files"]

    (gold_dir / "2.json").write_text('{"document": "x.txt", "persons": [', encoding="utf-8")
    broken = _kuzet("evaluate", str(gold_dir))
    (line,) = _lines(broken)
    assert broken.exit_code == 1 and str(gold_dir / "2.json") in line and "not a gold file: broken JSON" in line
    assert broken.stdout == ""

    (gold_dir / "2.json").write_text(json.dumps({**EN_GOLD, "document": "gone.txt"}), encoding="utf-8")
    absent = _kuzet("evaluate", str(gold_dir))
    (line,) = _lines(absent)
    assert absent.exit_code == 1 and str(gold_dir / "2.json") in line and "'gone.txt' is not in" in line

    (gold_dir / "2.json").write_text(json.dumps([1, 2]), encoding="utf-8")
    (line,) = _lines(wrong := _kuzet("evaluate", str(gold_dir)))
    assert wrong.exit_code == 1 and str(gold_dir / "2.json") in line and 'no "document"' in line

    no_corpus = _kuzet("evaluate", str(gold_dir), "--corpus", str(tmp_path / "nocorpus"))
    (line,) = _lines(no_corpus)
    assert no_corpus.exit_code == 1 and str(tmp_path / "nocorpus") in line

    (tmp_path / "empty").mkdir()
    (line,) = _lines(empty := _kuzet("evaluate", str(tmp_path / "empty"), "--corpus", str(tmp_path / "a" / "corpus")))
    assert empty.exit_code == 1 and "no gold files" in line
