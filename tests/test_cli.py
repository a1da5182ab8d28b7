"""`kuzet extract` as a user runs it: formats, standard input, and every kind of bad input (issue 2, item 7)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, run_kuzet, validate

RU_TEXT = "Мониторинг за 21 апреля 2021 года\n\n— 21 апреля 2021 года в Актау задержали активистку Алию Жакупову.\n"


def _no_traceback(proc) -> None:
    assert b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout


def test_help_on_every_command() -> None:
    for args in (["--help"], ["extract", "--help"], ["version", "--help"]):
        proc = run_kuzet(*args)
        assert proc.returncode == 0
        assert len(proc.stdout.decode()) > 100


def test_summary(seed_text, tmp_path) -> None:
    (tmp_path / "bulletin.txt").write_text(seed_text, encoding="utf-8")
    proc = run_kuzet("extract", "bulletin.txt", cwd=tmp_path)
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "Kuandyk Kumekbayev [victim], civil activist" in out
    assert "2021-04-22" in out and "court_hearing: Alia Zhakupova" in out
    assert "CC art. 405 part 2" in out


def test_json_list_and_jsonl(tmp_path) -> None:
    docs = sorted((FIXTURES / "corpus").glob("*.txt"))[:3]
    proc = run_kuzet("extract", "--format", "json", *map(str, docs))
    records = json.loads(proc.stdout)
    assert proc.returncode == 0 and len(records) == 3
    for doc, rec in zip(docs, records, strict=True):
        validate(rec, doc.read_text(encoding="utf-8"))
    proc = run_kuzet("extract", "--format", "jsonl", "--workers", "2", *map(str, docs))
    lines = proc.stdout.decode().splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(d) for d in docs]


def test_stdin_and_date_option() -> None:
    proc = run_kuzet("extract", "-f", "json", "--date", "2021-09-30", "-",
                     stdin=b"Yesterday police detained activist Nurlan ABDRAKHMANOV in Aktobe.")
    rec = json.loads(proc.stdout)[0]
    assert rec["source"]["path"] is None
    assert rec["source"]["date"] == "2021-09-30"
    assert rec["events"][0]["date"] == "2021-09-29"


def test_bad_date_option() -> None:
    proc = run_kuzet("extract", "--date", "30/09/2021", "-", stdin=b"text")
    assert proc.returncode == 1
    assert b"[E007]" in proc.stderr
    _no_traceback(proc)


@pytest.mark.parametrize(("name", "content", "code"), [
    ("binary.bin", bytes(range(256)) * 40, "E004"),
    ("empty.txt", b"", "E003"),
    ("blank.txt", b"   \n\n ", "E003"),
    ("garbage.txt", b"\x81\x8d\x8f\x90\x9d" * 300 + b"\x00" * 10, "E004"),
])
def test_bad_files_fail_alone(tmp_path, name: str, content: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(RU_TEXT, encoding="utf-8")
    proc = run_kuzet("extract", "-f", "json", name, "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and name in err[0] and f"[{code}]" in err[0]
    records = json.loads(proc.stdout)
    assert [r["source"]["path"] for r in records] == ["good.txt"]
    _no_traceback(proc)


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-16-le", "utf-8-sig"])
def test_other_encodings_are_decoded(tmp_path, encoding: str) -> None:
    (tmp_path / "doc.txt").write_bytes(RU_TEXT.encode(encoding))
    proc = run_kuzet("extract", "-f", "json", "doc.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)[0]
    assert [p["name"] for p in rec["persons"]] == ["Алия Жакупова"]
    assert rec["source"]["language"] == "ru"


def test_missing_path_directory_and_huge_file(tmp_path) -> None:
    (tmp_path / "dir").mkdir()
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.write(b"Activist detained in Aktau. " * (50 * 1024 * 1024 // 28 + 1))
    (tmp_path / "good.txt").write_text(RU_TEXT, encoding="utf-8")
    proc = run_kuzet("extract", "-f", "jsonl", "nope.txt", "dir", "huge.txt", "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 3
    assert "nope.txt" in err[0] and "[E001]" in err[0]
    assert "dir" in err[1] and "[E002]" in err[1]
    assert "huge.txt" in err[2] and "[E005]" in err[2]
    assert len(proc.stdout.decode().splitlines()) == 1
    _no_traceback(proc)
