"""`kuzet digest`: one line per event by date, English and Russian, verified only unless asked, Telegram-sized parts."""

from __future__ import annotations

import json

from kuzet.publish.digest import telegram_messages
from tests.conftest import SEED, run_kuzet

RU = ("22 апреля 2021 года Специализированный межрайонный суд по уголовным делам города Алматы рассмотрел дело "
      "Алии Жакуповой по части 2 статьи 405 УК РК.\n")


def _desk(tmp_path) -> str:
    ru = tmp_path / "ru.txt"
    ru.write_text(RU, encoding="utf-8")
    db = str(tmp_path / "k.db")
    assert run_kuzet("ingest", str(SEED), str(ru), "--db", db).returncode == 0
    return db


def _digest(db: str, *args: str) -> list[str]:
    out = run_kuzet("digest", "--from", "2020-12-01", "--to", "2021-04-30", "-f", "txt", "--db", db, *args)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode().splitlines()[2:]


def test_lines_follow_the_events_by_date_in_english_and_russian(tmp_path) -> None:
    db = _desk(tmp_path)
    en = _digest(db, "--include-unverified")
    events = json.loads(run_kuzet("events", "--since", "2020-12-01", "--until", "2021-04-30", "--format", "json",
                                  "--db", db).stdout)
    assert len(en) == len(events)
    assert en[0].startswith("15 December 2020, Alia Zhakupova, pretrial restriction")
    # The seed announced the hearing; the Russian report, a day later, says it was held, in Almaty.
    assert "22 April 2021, Almaty, Alia Zhakupova, Article 405 Part 2 of the Criminal Code, court hearing [unverified]" in en
    assert any(line.startswith("20 April 2021, Mangystau Region, Aktau, Sholpan Dzhanzakova") for line in en)
    ru = _digest(db, "--include-unverified", "--lang", "ru")
    assert ru[0].startswith("15 декабря 2020, Алия Жакупова, мера пресечения")  # her Cyrillic spelling from the Russian report
    assert any("Мангистауская область, Актау" in line for line in ru)
    assert any("ч. 2 ст. 405 УК РК, судебное заседание [не проверено]" in line for line in ru)


def test_only_verified_events_unless_asked(tmp_path) -> None:
    db = _desk(tmp_path)
    assert _digest(db) == []
    hearing = next(e for e in json.loads(run_kuzet("hearings", "--all", "--format", "json", "--db", db).stdout)
                   if e["date"] == "2021-04-22")
    assert run_kuzet("event", str(hearing["id"]), "--verify", "--db", db).returncode == 0
    assert _digest(db) == ["22 April 2021, Almaty, Alia Zhakupova, Article 405 Part 2 of the Criminal Code, court hearing"]


def test_telegram_messages_stay_within_the_limit_and_keep_every_line() -> None:
    lines = [f"{i} April 2021, Person {i}, detention" + " x" * (i * 3) for i in range(1, 30)]
    parts = telegram_messages("Digest", lines, limit=300)
    assert len(parts) > 1 and all(len(p) <= 300 for p in parts)
    assert "\n".join(parts).splitlines() == ["Digest", *lines]
    long = telegram_messages("Digest", ["y" * 1000], limit=300)
    assert len(long) == 2 and long[0] == "Digest" and len(long[1]) <= 300 and long[1].endswith("…")


def test_bad_ranges_and_languages_are_one_line_errors(tmp_path) -> None:
    db = _desk(tmp_path)
    for args, message in ((["--from", "2021-05-01", "--to", "2021-04-01"], "--to is before --from"),
                          (["--from", "2021-04-01", "--to", "2021-04-30", "--lang", "de"], "no digest in 'de'"),
                          (["--from", "April", "--to", "2021-04-30"], "April")):
        out = run_kuzet("digest", *args, "--db", db)
        err = out.stderr.decode()
        assert out.returncode == 1 and message in err and err.count("\n") == 1 and "Traceback" not in err
