"""`--public`: confidential and internal records and fields appear in no public output.

Markers are planted in records that are not public (a person, a document that reports a public
event, an official); every public output is then searched for them, and must still show the
public story, so that an empty output cannot pass.
"""

from __future__ import annotations

import csv
import json
import re

from sqlalchemy import select

from kuzet.resolve import audit
from kuzet.store.db import Database
from kuzet.store.models import Document, Event, Involvement, Person
from tests.conftest import run_kuzet

PUBLIC = """Monitoring of human rights violations for 3 May 2022

#Almaty
⚡#ORAZOVA Dana
On 3 May 2022 police detained activist Dana ORAZOVA at a peaceful picket in Almaty. She was released three hours later.
On 4 May 2022 the Almaly District Court fined Dana ORAZOVA 50 MCI under Article 488 of the Code of Administrative Offences. Judge: TEMIRKHANOV B.K.
"""
# The same act told by a source who must stay hidden, and someone whose case is confidential.
INTERNAL = """Field report, 3 May 2022

⚡#ORAZOVA Dana
On 3 May 2022 police detained Dana ORAZOVA in Almaty; the informant Kanat SHEGEBAYEV (code QX-7731) saw it from his window.
"""
CONFIDENTIAL = """Monitoring of human rights violations for 4 May 2022

#Almaty
⚡#ZHUMAGULOVA Gaukhar
On 4 May 2022 police detained activist Gaukhar ZHUMAGULOVA in Almaty. She was released after five hours.
"""
MARKERS = re.compile(r"QX-7731|informant|SHEGEBAYEV|Shegebayev|ZHUMAGULOVA|Zhumagulova|Жумагулова|Шегебаев|five hours",
                     re.I)


def test_no_confidential_marker_in_any_public_output(tmp_path) -> None:
    for name, text in (("a-public.txt", PUBLIC), ("b-field.txt", INTERNAL), ("c-case.txt", CONFIDENTIAL)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert run_kuzet("ingest", str(tmp_path / "a-public.txt"), str(tmp_path / "b-field.txt"),
                     str(tmp_path / "c-case.txt"), "--db", db).returncode == 0
    database = Database(db)
    try:
        with database.session() as s:
            public_doc = s.execute(select(Document.id).where(Document.path.like("%a-public.txt"))).scalar_one()
            audit.set_confidentiality(s, "documents", public_doc, "public", actor="editor1")
            orazova = [p for p in s.execute(select(Person)).scalars() if p.name.lower().endswith("orazova")]
            assert len(orazova) == 1
            audit.set_confidentiality(s, "persons", orazova[0].id, "public", actor="editor1")
            hers = s.execute(select(Involvement.event_id).where(Involvement.person_id == orazova[0].id,
                                                                Involvement.role == "victim")).scalars().all()
            for ev in set(hers):
                audit.set_confidentiality(s, "events", ev, "public", actor="editor1")
                s.get(Event, ev).verified_by = "editor1"
            for person in s.execute(select(Person)).scalars():
                if person.name.lower().endswith(("zhumagulova", "shegebayev")):
                    audit.set_confidentiality(s, "persons", person.id, "confidential", actor="editor1")
            for ev in s.execute(select(Event)).scalars():
                ev.verified_by = ev.verified_by or "editor1"  # verified, so only confidentiality holds them back
    finally:
        database.close()

    out = tmp_path / "out"
    outputs: dict[str, str] = {}
    for fmt in ("csv", "json", "esf", "ics"):
        assert run_kuzet("export", "-f", fmt, "--public", "-o", str(out), "--today", "2022-01-01", "--db", db).returncode == 0
    for path in out.rglob("*.*"):
        outputs[str(path.relative_to(out))] = path.read_text(encoding="utf-8")
    for lang in ("en", "ru"):
        for fmt in ("txt", "html", "telegram"):
            outputs[f"bulletin {lang} {fmt}"] = run_kuzet("bulletin", "--date", "2022-05-04", "--public", "--lang", lang,
                                                          "-f", fmt, "--db", db).stdout.decode()
        outputs[f"digest {lang}"] = run_kuzet("digest", "--from", "2022-05-01", "--to", "2022-05-31", "--public",
                                              "--lang", lang, "-f", "md", "--db", db).stdout.decode()
    outputs["stats"] = run_kuzet("stats", "--from", "2022-01-01", "--to", "2022-12-31", "--public", "-f", "json",
                                 "--db", db).stdout.decode()

    leaks = {name: MARKERS.findall(text) for name, text in outputs.items() if MARKERS.search(text)}
    assert not leaks, leaks
    shown = [name for name, text in outputs.items() if re.search(r"orazova|оразова", text, re.I)]
    assert set(shown) >= {"events.csv", "kuzet-export.json", "esf/acts.csv", "digest en", "digest ru", "bulletin en txt"}
    dump = json.loads(outputs["kuzet-export.json"])
    assert dump["scope"] == "public" and [r[0] for r in dump["tables"]["documents"]["rows"]] == [public_doc]
    assert "changes" not in dump["tables"] and "users" not in dump["tables"]
    stats = json.loads(outputs["stats"])
    assert stats["total"] == len(set(hers)) >= 2, "the public acts are counted, the confidential detention is not"


def test_public_esf_names_a_person_only_as_public_documents_do(tmp_path) -> None:
    """A public person's other spellings come from public documents alone: how a field report wrote them stays in."""
    (tmp_path / "a.txt").write_text("Monitoring, 3 May 2022\n\n— On 3 May 2022 in Almaty police detained activist "
                                    "Dana ORAZOVA at a picket.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Полевой отчёт, 5 мая 2022 года\n\n— 4 мая 2022 года в Алматы полиция задержала "
                                    "активистку Дану Оразову у её дома.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert run_kuzet("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db).returncode == 0
    database = Database(db)
    try:
        with database.session() as s:
            (person,) = s.execute(select(Person)).scalars()
            audit.set_confidentiality(s, "persons", person.id, "public", actor="editor1")
            public_doc = s.execute(select(Document.id).where(Document.path.like("%a.txt"))).scalar_one()
            audit.set_confidentiality(s, "documents", public_doc, "public", actor="editor1")
            for ev in s.execute(select(Event)).scalars():
                audit.set_confidentiality(s, "events", ev.id, "public", actor="editor1")
    finally:
        database.close()

    def other_names(*flags: str) -> str:
        out = tmp_path / "-".join(["out", *flags])
        assert run_kuzet("export", "-f", "esf", *flags, "-o", str(out), "--db", db).returncode == 0
        with open(out / "esf" / "persons.csv", encoding="utf-8", newline="") as fh:
            (row,) = csv.DictReader(fh)
        return row["other_names"]

    assert re.search("Оразов", other_names()), "the full export names her as every document does"
    assert not re.search("Оразов", other_names("--public"))
