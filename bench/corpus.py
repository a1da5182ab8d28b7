"""A generated archive of varied monitoring documents, for the ingest, web and publishing benchmarks.

People are drawn from a pool (so each is followed through several documents, in
Cyrillic in Russian texts and in a Latin transliteration in English ones), with
cities from the gazetteer, event kinds, articles and dates varied; a fifth of the
documents are multi-item bulletins, the rest single Telegram-style posts.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from kuzet.lang.translit import to_latin
from kuzet.resources import places

MALE = ["Ерлан", "Нурлан", "Асхат", "Бауыржан", "Даурен", "Марат", "Серик", "Тимур", "Аскар", "Ержан", "Кайрат", "Данияр",
        "Арман", "Руслан", "Бахыт", "Жанат", "Талгат", "Максат", "Айдос", "Олжас"]
FEMALE = ["Алия", "Айгерим", "Гульнара", "Жанар", "Динара", "Сауле", "Роза", "Асель", "Мадина", "Айгуль", "Меруерт",
          "Дана", "Камила", "Жансая", "Алтынай", "Назира"]
ROOTS = ["Жакуп", "Кайырбек", "Сейткали", "Нурпеис", "Хамит", "Оспан", "Лесб", "Тулеген", "Байпак", "Касым", "Ахмет",
         "Есим", "Жумаб", "Сарсен", "Кенжеб", "Абдикарим", "Утеп", "Муканб", "Ермек", "Садык", "Турсун", "Болат",
         "Шайкен", "Аман", "Бекмурат", "Досан", "Жолдас", "Иманали", "Калиев", "Мамыр", "Нурмаган", "Омар", "Рахим",
         "Сагынб", "Тлеуб", "Умирб", "Файзулл", "Шарип", "Ыбырай", "Кудайберген"]
EN = {
    "detention": "On {d} in {city} police detained {desc} {NAME}. {He} was released {hours} hours later.",
    "fine": "On {d} the {city} City Court fined {desc} {Name} {n} MCI under Article 488 of the Administrative Code.",
    "administrative_arrest": "On {d} the court in {city} sentenced {desc} {Name} to {n} days of administrative arrest.",
    "criminal_case": "On {d} a criminal case was opened against {desc} {NAME} in {city} under Article {art} Part 2 of the "
                     "Criminal Code.",
    "search": "On {d} officers of the National Security Committee searched the home of {desc} {Name} in {city}.",
    "court_hearing": "The trial of {desc} {NAME} is scheduled for {d} in the {city} City Court under Article {art} of the "
                     "Criminal Code.",
    "verdict": "On {d} the {city} City Court sentenced {desc} {Name} to {y} years of restricted freedom under Article {art} "
               "Part 2 of the Criminal Code.",
    "assembly_restriction": "On {d} the akimat of {city} refused {desc} {Name} permission to hold a peaceful rally.",
    "interrogation": "On {d} in {city} police summoned {desc} {Name} for questioning.",
}
RU = {
    "detention": "{d} в городе {city} полиция задержала {desc_acc} {name_acc}. Через {hours} часа {he} был{a} отпущен{a}.",
    "fine": "{d} суд города {city} оштрафовал {desc_acc} {name_acc} на {n} МРП по ст. 488 КоАП РК.",
    "administrative_arrest": "{d} суд в городе {city} арестовал {desc_acc} {name_acc} на {n} суток.",
    "criminal_case": "{d} в отношении {desc_gen} {name_gen} возбуждено уголовное дело по ч. 2 ст. {art} УК РК.",
    "search": "{d} сотрудники КНБ провели обыск в доме {desc_gen} {name_gen} в городе {city}.",
    "court_hearing": "Рассмотрение дела {desc_gen} {name_gen} по ст. {art} УК РК назначено на {d} в суде города {city}.",
    "verdict": "{d} суд города {city} приговорил {desc_acc} {name_acc} к {y} годам ограничения свободы по ч. 2 ст. {art} УК РК.",
    "assembly_restriction": "{d} акимат города {city} отказал {desc_dat} {name_dat} в проведении мирного митинга.",
    "interrogation": "{d} в городе {city} {name_acc} вызвали на допрос в полицию.",
}
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
ARTICLES = ["405", "174", "274", "378", "380"]


def _people(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        female = rng.random() < 0.45
        root = rng.choice(ROOTS)
        surname = root + ("ова" if female else "ов") if not root.endswith("ев") else root + ("а" if female else "")
        given = rng.choice(FEMALE if female else MALE)
        out.append({"id": i, "female": female, "given": given, "surname": surname})
    return out


def _ru_case(p: dict, case: str) -> str:
    g, s = p["given"], p["surname"]
    if p["female"]:
        s2 = {"gen": s[:-1] + "ой", "acc": s[:-1] + "у", "dat": s[:-1] + "ой"}[case]
        g2 = g if g[-1] not in "аяь" else {"gen": g[:-1] + ("ы" if g[-1] == "а" else "и"), "acc": g[:-1] + ("у" if g[-1] == "а" else "ю"),
                                           "dat": g[:-1] + "е"}[case]
        return f"{g2} {s2}"
    end = {"gen": "а", "acc": "а", "dat": "у"}[case]
    return f"{g}{end} {s}{end}"


def _cities() -> list[tuple[str, str]]:
    pairs = []
    for p in sorted(places(), key=lambda p: -(p.get("population") or 0)):
        if p["kind"] != "city":
            continue
        cyr = [n for n in p["names"] if n[:1].lower() in "абвгдежзийклмнопрстуфхцчшщэюя" and " " not in n]
        close = [n for n in cyr if to_latin(n).lower()[:3] == p["name"].lower()[:3]]
        if close:
            pairs.append((p["name"], close[0]))
        if len(pairs) == 40:
            break
    return pairs


def documents(count: int, *, seed: int = 11, people: int | None = None) -> Iterator[tuple[str, str]]:
    """(file name, text) for `count` documents."""
    rng = random.Random(seed)
    pool = _people(rng, people or max(20, count // 8))
    cities = _cities()
    start = date(2021, 1, 1)
    for i in range(count):
        day = start + timedelta(days=rng.randrange(0, 900))
        lang = "ru" if rng.random() < 0.5 else "en"
        items = rng.randint(2, 5) if rng.random() < 0.2 else 1
        body = []
        for _ in range(items):
            p = rng.choice(pool)
            kind = rng.choice(list(EN))
            city_en, city_ru = rng.choice(cities)
            when = day - timedelta(days=rng.randrange(0, 3))
            if lang == "en":
                latin_given, latin_surname = to_latin(p["given"]), to_latin(p["surname"])
                text = EN[kind].format(
                    d=f"{when.day} {EN_MONTHS[when.month - 1]} {when.year}", city=city_en, desc=rng.choice(
                        ["activist", "civil activist", "blogger", "journalist"]),
                    NAME=f"{latin_given} {latin_surname.upper()}", Name=f"{latin_given} {latin_surname}",
                    He="She" if p["female"] else "He", hours=rng.randint(2, 6), n=rng.choice([10, 15, 20, 50]),
                    art=rng.choice(ARTICLES), y=rng.randint(1, 5))
                header = f"#{city_en}\n⚡#{latin_surname.upper()} {latin_given}\n" if items > 1 else f"#{city_en} "
            else:
                fem = p["female"]
                text = RU[kind].format(
                    d=f"{when.day} {RU_MONTHS[when.month - 1]} {when.year} года", city=city_ru,
                    desc_acc="активистку" if fem else "активиста", desc_gen="активистки" if fem else "активиста", desc_dat="активистке" if fem else "активисту",
                    name_acc=_ru_case(p, "acc"), name_gen=_ru_case(p, "gen"), name_dat=_ru_case(p, "dat"),
                    he="она" if fem else "он", a="а" if fem else "", hours=rng.randint(2, 4), n=rng.choice([10, 15, 20, 50]),
                    art=rng.choice(ARTICLES), y=rng.randint(1, 5))
                header = f"#{city_ru}\n⚡#{p['surname']} {p['given']}\n" if items > 1 else f"#{city_ru} "
            body.append(header + text)
        if items > 1:
            title = (f"Monitoring of human rights violations for {day.day} {EN_MONTHS[day.month - 1]} {day.year}" if lang == "en"
                     else f"Мониторинг нарушений прав человека за {day.day} {RU_MONTHS[day.month - 1]} {day.year} года")
            text = title + "\n\n" + "\n\n".join(body) + "\n"
        else:
            text = body[0] + f" #{i}\n"  # a post number keeps every post's bytes distinct
        yield f"{lang}-{i:05d}.txt", text


def write(folder: Path, count: int, *, seed: int = 11) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in documents(count, seed=seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_database(path: Path, docs: int) -> None:
    """A SQLite case database of `docs` generated documents at `path`, unless one is there already."""
    import time

    from kuzet.ingest.run import ingest
    from kuzet.store.db import Database

    if path.exists():
        return
    paths = [str(p) for p in write(path.parent / "docs", docs)]
    db = Database(f"sqlite:///{path}")
    try:
        start = time.perf_counter()
        report = ingest(db, paths, workers=2)
        print(f"built the database: {len(report.stored)} documents in {time.perf_counter() - start:.0f} s")
    finally:
        db.close()
