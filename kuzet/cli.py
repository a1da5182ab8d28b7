"""The `kuzet` command line. Each command parses its options and calls one plain function.

Imports of the reading core happen inside commands, so `kuzet --help` and a
small `kuzet extract` start fast.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kuzet.errors import InvalidDateError, KuzetError

app = typer.Typer(
    name="kuzet",
    help="Kuzet: an offline-first monitoring desk for human-rights defenders. "
         "Reads monitoring bulletins into structured, traceable records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):  # noqa: UP042 - Typer reads choices from a str Enum
    text = "text"
    json = "json"
    jsonl = "jsonl"


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidDateError(f"--date {value!r} is not a date like 2021-09-30") from None


_MODEL = None  # the reader model of this process (kuzet extract --model), set once per worker


def _load_model(path: str | None) -> None:
    global _MODEL
    if path:
        from kuzet.extract.event_model import ReaderModel

        _MODEL = ReaderModel.load(path)


def _extract_one(job: tuple[str, date | None, float]) -> tuple[str, dict | None, str | None]:
    """Read and extract one document; runs in worker processes, so it returns errors as text."""
    from kuzet.extract.pipeline import extract_record, read_text
    from kuzet.readers import read_source

    path, doc_date, max_mb = job
    try:
        src = read_source(path, max_mb=max_mb)
        text, sha = read_text(src.data, path=path if src.path else "<stdin>")
        return path, extract_record(text, path=src.path, sha256=sha, doc_date=doc_date, model=_MODEL), None
    except KuzetError as err:
        return path, None, str(err)


def extract(paths: list[str], *, fmt: OutputFormat, doc_date: date | None, workers: int, max_mb: float,
            model: str | None = None) -> int:
    """Extract records for `paths` and stream them to standard output.

    model (str | None): a reader model file (`kuzet train --output`) instead of the bundled one.
    RETURNS (int): exit code, 1 when any document failed.
    """
    from kuzet.publish.summary import render_summary

    _load_model(model)  # a file that is no model is a ModelError naming it
    jobs = [(p, doc_date, max_mb) for p in paths]
    if workers > 1 and len(jobs) > 1 and "-" not in paths:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers, initializer=_load_model, initargs=(model,))
        results = pool.map(_extract_one, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 4))))
    else:
        pool = None
        results = map(_extract_one, jobs)
    failed = 0
    out = sys.stdout
    first = True
    if fmt is OutputFormat.json:
        out.write("[")
    try:
        for _path, record, error in results:
            if error is not None:
                failed += 1
                print(f"kuzet extract: {error}", file=sys.stderr)
                continue
            assert record is not None
            if fmt is OutputFormat.json:
                out.write(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, indent=1))
            elif fmt is OutputFormat.jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(("" if first else "\n") + render_summary(record))
            first = False
    finally:
        if pool is not None:
            pool.shutdown()
    if fmt is OutputFormat.json:
        out.write("\n]\n")
    out.flush()
    return 1 if failed else 0


@app.command("extract")
def extract_cli(
    paths: Annotated[list[str], typer.Argument(help="Documents to read (.txt, UTF-8/UTF-16/cp1251); '-' reads standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text: a readable summary; json: a list of kuzet.extraction/1 records; jsonl: one record a line.")] = OutputFormat.text,
    doc_date: Annotated[str | None, typer.Option("--date", help="The documents' date (YYYY-MM-DD) when their text states none; also the year for dates like 'September 1'.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for many documents.")] = 1,
    max_mb: Annotated[float, typer.Option("--max-size", help="Refuse documents larger than this many MB.")] = 10.0,
    model: Annotated[str | None, typer.Option("--model", help="Read events with this reader model (written by `kuzet train --output`).")] = None,
) -> None:
    """Read monitoring bulletins: persons, organizations, places, articles of law and events, each traced to its text."""
    try:
        code = extract(paths, fmt=fmt, doc_date=_parse_date(doc_date), workers=workers, max_mb=max_mb, model=model)
    except KuzetError as err:
        print(f"kuzet extract: {err}", file=sys.stderr)
        raise typer.Exit(1) from None
    raise typer.Exit(code)


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("evaluate")
def evaluate_cli(
    gold_dir: Annotated[Path, typer.Argument(help="A folder of gold files (*.json, the format of spec/seed-gold.json).")],
    corpus: Annotated[Path | None, typer.Option("--corpus", help="The folder of the documents the gold files name (default: corpus/ or docs/ beside GOLD_DIR).")] = None,
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f", help="text: a table per language; json: the same figures for scripts.")] = ScoreFormat.text,
    model: Annotated[Path | None, typer.Option("--model", help="Read events with this reader model (written by `kuzet train --output`).")] = None,
) -> None:
    """Score the reader against hand-annotated gold files: precision, recall and F1 per field, and macro-F1."""
    from kuzet.extract.event_model import ReaderModel
    from kuzet.learn import scoring
    from kuzet.learn.corpus import load_golds

    try:
        reader = ReaderModel.load(model) if model is not None else None
        result = scoring.evaluate(load_golds(gold_dir, corpus), model=reader)
    except KuzetError as err:
        raise _fail("evaluate", err) from None
    print(scoring.render(result) if fmt is ScoreFormat.text else json.dumps(result, ensure_ascii=False, indent=1))


DbOption = Annotated[str | None, typer.Option("--db", help="Database: a SQLite file or a postgresql:// URL (default: $KUZET_DATABASE_URL, else ~/.local/share/kuzet/kuzet.db).")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="text for people; json for scripts (the data the web desk shows, with ids and sources).")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Who is deciding (recorded with the change); default $KUZET_USER or your login.")]


def _fail(command: str, err: KuzetError) -> typer.Exit:
    print(f"kuzet {command}: {err}", file=sys.stderr)
    return typer.Exit(1)


def _open(db: str | None):  # noqa: ANN202 - kuzet.store.db.Database, imported lazily
    from kuzet.store.db import open_database

    return open_database(db)


def _emit(data: object, fmt: OutputFormat, render) -> None:  # noqa: ANN001 - a renderer from publish.listing
    if fmt is OutputFormat.text:
        print(render(data))
    else:
        print(json.dumps(data, ensure_ascii=False, indent=None if fmt is OutputFormat.jsonl else 1))


def _actor(actor: str | None) -> str:
    import getpass
    import os

    return actor or os.environ.get("KUZET_USER") or getpass.getuser()


db_app = typer.Typer(help="The case database's schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade_cli(db: DbOption = None) -> None:
    """Bring the database schema to this Kuzet's newest migration (needed on PostgreSQL after an update)."""
    from kuzet.store.db import open_database

    try:
        database = open_database(db, auto_upgrade=True)
    except KuzetError as err:
        raise _fail("db upgrade", err) from None
    print(f"database at schema {database.url.split('://')[0]}: up to date")


@app.command("ingest")
def ingest_cli(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .md .html .docx .pdf), directories (read recursively) and Telegram Desktop exports (result.json).")],
    doc_date: Annotated[str | None, typer.Option("--date", help="Date (YYYY-MM-DD) of documents whose text states none.")] = None,
    db: DbOption = None,
    max_mb: Annotated[float, typer.Option("--max-size", help="Refuse documents larger than this many MB.")] = 10.0,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Store documents with what Kuzet read in them, linked to the persons and cases already known."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kuzet.ingest.run import ingest

    try:
        when = _parse_date(doc_date)
        database = _open(db)
    except KuzetError as err:
        raise _fail("ingest", err) from None
    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("", total=None)
        report = ingest(database, paths, doc_date=when, max_mb=max_mb,
                        progress=lambda path: bar.update(task, advance=1, description=path[-40:]))
    for line in report.failed:
        print(f"kuzet ingest: {line}", file=sys.stderr)
    summary = {"stored": len(report.stored), "skipped": len(report.skipped), "failed": len(report.failed)}
    if fmt is OutputFormat.text:
        print(f"stored {summary['stored']}, skipped {summary['skipped']} (already stored), failed {summary['failed']}")
    else:
        print(json.dumps({**summary, "documents": report.stored, "errors": report.failed}, ensure_ascii=False))
    raise typer.Exit(1 if report.failed else 0)


@app.command("reread")
def reread_cli(
    every: Annotated[bool, typer.Option("--all", help="Re-read every stored document.")] = False,
    documents: Annotated[list[int] | None, typer.Option("--document", help="A document's id (repeat for several).")] = None,
    doc_date: Annotated[str | None, typer.Option("--date", help="Date (YYYY-MM-DD) of documents whose text states none: those stored without one, or (with --document) the ones named.")] = None,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """Read stored documents again with the current reader; every decision people made stays."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kuzet.resolve.reread import reread

    try:
        if every == bool(documents):
            raise KuzetError("name the documents to re-read (--document ID, repeated) or give --all")
        when = _parse_date(doc_date)
        database = _open(db)
    except KuzetError as err:
        raise _fail("reread", err) from None
    try:
        with Progress(TextColumn("re-reading"), BarColumn(), MofNCompleteColumn(), transient=True,
                      disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("", total=len(documents) if documents else None)
            report = reread(database, None if every else list(documents), doc_date=when, actor=_actor(actor),
                            progress=lambda _doc: bar.update(task, advance=1))
    finally:
        database.close()
    for line in report.failed:
        print(f"kuzet reread: {line}", file=sys.stderr)
    print(report.summary() if fmt is OutputFormat.text else json.dumps(report.as_json(), ensure_ascii=False))
    raise typer.Exit(1 if report.failed else 0)


@app.command("persons")
def persons_cli(top: Annotated[int | None, typer.Option("--top", help="Only the N people with most events.")] = None,
                db: DbOption = None, fmt: FormatOption = OutputFormat.text) -> None:
    """People with their number of events and latest status."""
    from kuzet.publish import listing
    from kuzet.store import queries

    try:
        with _open(db).session() as s:
            _emit(queries.persons(s, top=top), fmt, listing.persons)
    except KuzetError as err:
        raise _fail("persons", err) from None


@app.command("person")
def person_cli(
    args: Annotated[list[str], typer.Argument(help="NAME_OR_ID shows a dossier; `merge KEEP OTHER` joins two persons; `split ID` undoes the latest merge into ID (or, with --document, moves that document's reading to a new person).")],
    document: Annotated[int | None, typer.Option("--document", help="For split: the document whose mentions are someone else.")] = None,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """A person's dossier: every spelling, descriptors, cases and a timeline with the source of each line."""
    from kuzet.publish import listing
    from kuzet.resolve import curation
    from kuzet.store import queries

    try:
        with _open(db).session() as s:
            if args[0] == "merge" and len(args) == 3:
                keep, other = queries.find_person(s, args[1]), queries.find_person(s, args[2])
                curation.merge(s, keep, other, actor=_actor(actor))
                _emit(queries.dossier(s, keep), fmt, listing.dossier)
            elif args[0] == "split" and len(args) == 2:
                new = curation.split(s, queries.find_person(s, args[1]), actor=_actor(actor), document=document)
                _emit(queries.dossier(s, new), fmt, listing.dossier)
            elif args[0] in ("merge", "split"):
                raise typer.BadParameter("use `person merge KEEP OTHER` or `person split ID`")
            else:
                _emit(queries.dossier(s, queries.find_person(s, " ".join(args))), fmt, listing.dossier)
    except KuzetError as err:
        raise _fail("person", err) from None


def _identity_command(command: str, args: list[str], *, db: str | None, fmt: OutputFormat, actor: str | None) -> None:
    """`kuzet organization|place NAME | merge KEEP OTHER | split ID`: show, merge or undo the latest merge."""
    from kuzet.publish import listing
    from kuzet.resolve import curation
    from kuzet.store import queries
    from kuzet.store.models import Organization, Place

    model, find, show, render = {
        "organization": (Organization, queries.find_organization, queries.organization, listing.organization),
        "place": (Place, queries.find_place, queries.place, listing.place)}[command]
    try:
        database = _open(db)
        try:
            with database.session() as s:
                if args[0] == "merge" and len(args) == 3:
                    keep = find(s, args[1])
                    curation.merge(s, keep, find(s, args[2]), actor=_actor(actor), model=model)
                    _emit(show(s, keep), fmt, render)
                elif args[0] == "split" and len(args) == 2:
                    _emit(show(s, curation.unmerge(s, find(s, args[1]), actor=_actor(actor), model=model)), fmt, render)
                elif args[0] in ("merge", "split"):
                    raise typer.BadParameter(f"use `{command} merge KEEP OTHER` or `{command} split ID`")
                else:
                    _emit(show(s, find(s, " ".join(args))), fmt, render)
        finally:
            database.close()
    except KuzetError as err:
        raise _fail(command, err) from None


@app.command("organizations")
def organizations_cli(db: DbOption = None, fmt: FormatOption = OutputFormat.text) -> None:
    """Organizations (courts, police, akimats, movements...) with the number of events each took part in."""
    from kuzet.publish import listing
    from kuzet.store import queries

    try:
        with _open(db).session() as s:
            _emit(queries.organizations(s), fmt, listing.organizations)
    except KuzetError as err:
        raise _fail("organizations", err) from None


@app.command("organization")
def organization_cli(
    args: Annotated[list[str], typer.Argument(help="NAME_OR_ID shows everything it did; `merge KEEP OTHER` joins two; `split ID` undoes the latest merge into ID.")],
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """An organization in every language it is named in, and every event it took part in."""
    _identity_command("organization", args, db=db, fmt=fmt, actor=actor)


@app.command("place")
def place_cli(
    args: Annotated[list[str], typer.Argument(help="NAME_OR_ID shows what happened there; `merge KEEP OTHER` joins two; `split ID` undoes the latest merge into ID.")],
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """A place with its spellings and the events that happened there."""
    _identity_command("place", args, db=db, fmt=fmt, actor=actor)


@app.command("event")
def event_cli(
    event_id: Annotated[int, typer.Argument(help="The event's id (from `kuzet events` or a dossier).")],
    verify: Annotated[bool, typer.Option("--verify", help="Vouch for the event: it shows as human-verified from now on.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The machine misread: remove the event (kept in the change history).")] = False,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """One event with its sources; verify or reject it."""
    from kuzet.errors import NotFoundInDatabaseError
    from kuzet.publish import listing
    from kuzet.resolve import verification
    from kuzet.store import queries
    from kuzet.store.models import Event

    try:
        with _open(db).session() as s:
            if verify and reject:
                raise typer.BadParameter("--verify or --reject, not both")
            if reject:
                verification.reject(s, event_id, actor=_actor(actor))
                print(f"event #{event_id} rejected (kept in the change history)")
                return
            if verify:
                verification.verify(s, event_id, actor=_actor(actor))
            event = s.get(Event, event_id)
            if event is None:
                raise NotFoundInDatabaseError(f"no event with id {event_id}")
            _emit(queries.event_record(s, event), fmt, listing.event)
    except KuzetError as err:
        raise _fail("event", err) from None


@app.command("events")
def events_cli(
    kind: Annotated[str | None, typer.Option("--kind", help="Event kind, e.g. detention (see spec/vocabulary.md).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="A city or region, in any spelling.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")] = None,
    article: Annotated[str | None, typer.Option("--article", help="Article number, or number-part: 405 or 405-2.")] = None,
    person: Annotated[str | None, typer.Option("--person", help="A person's name or id.")] = None,
    organization: Annotated[str | None, typer.Option("--organization", help="Part of an organization's name.")] = None,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text,
) -> None:
    """Events matching every filter given, by date."""
    from kuzet.publish import listing
    from kuzet.store import queries

    try:
        with _open(db).session() as s:
            rows = queries.events(s, kind=kind, place=place, since=_parse_date(since), until=_parse_date(until),
                                  article=article, person=person, organization=organization)
            _emit(rows, fmt, listing.events)
    except KuzetError as err:
        raise _fail("events", err) from None


@app.command("search")
def search_cli(
    query: Annotated[str, typer.Argument(help="Words to find, in Latin or Cyrillic (each as a word start).")],
    kind: Annotated[str | None, typer.Option("--kind", help="Only events of this kind.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")] = None,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text,
) -> None:
    """Full text over documents and events, with snippets."""
    from kuzet.publish import listing
    from kuzet.store import queries

    try:
        with _open(db).session() as s:
            _emit(queries.full_text(s, query, kind=kind, since=_parse_date(since), until=_parse_date(until)), fmt, listing.hits)
    except KuzetError as err:
        raise _fail("search", err) from None


@app.command("hearings")
def hearings_cli(
    upcoming: Annotated[bool, typer.Option("--upcoming/--all", help="Only hearings from today on (default), or all.")] = True,
    today: Annotated[str | None, typer.Option("--today", help="Count 'upcoming' from this date instead of today.")] = None,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text,
) -> None:
    """Scheduled court hearings, soonest first."""
    from kuzet.publish import listing
    from kuzet.store import queries

    try:
        day = _parse_date(today) or date.today()
        with _open(db).session() as s:
            _emit(queries.hearings(s, today=day, upcoming=upcoming), fmt, listing.events)
    except KuzetError as err:
        raise _fail("hearings", err) from None


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    esf = "esf"
    ics = "ics"


_EXPORT_TARGET = {"csv": "events.csv", "json": "kuzet-export.json", "esf": "esf", "ics": "hearings.ics"}


@app.command("export")
def export_cli(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=(
        "csv: events, one row per victim; json: everything, for `kuzet import`; esf: events, acts, involvements, "
        "persons and sources tables; ics: upcoming hearings."))],
    out: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.")] = Path("."),
    public: Annotated[bool, typer.Option("--public", help="Only public records (what viewers of the desk may read).")] = False,
    today: Annotated[str | None, typer.Option("--today", help="For ics: hearings from this date on.")] = None,
    db: DbOption = None,
) -> None:
    """Export the data for researchers, partners or another Kuzet (columns: kuzet/publish/exports.py, kuzet/store/dump.py)."""
    import contextlib
    import shutil

    from kuzet.publish import exports
    from kuzet.store import dump, queries

    levels = ("public",) if public else None
    target = out / _EXPORT_TARGET[fmt.value]
    tmp = target.with_name(target.name + ".part")
    try:
        out.mkdir(parents=True, exist_ok=True)
        database = _open(db)
        try:
            with database.sessions() as s:
                if fmt is ExportFormat.esf:
                    shutil.rmtree(tmp, ignore_errors=True)
                    tmp.mkdir()
                    with contextlib.ExitStack() as files:
                        counts = exports.esf_tables(s, lambda name: files.enter_context(
                            open(tmp / f"{name}.csv", "w", encoding="utf-8", newline="")), levels=levels)
                    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
                else:
                    with open(tmp, "w", encoding="utf-8", newline="") as fh:
                        if fmt is ExportFormat.csv:
                            summary = f"{exports.events_csv(s, fh, levels=levels)} rows"
                        elif fmt is ExportFormat.json:
                            counts = dump.write_dump(s, fh, public=public)
                            summary = f"{sum(counts.values())} rows in {len(counts)} tables"
                        else:
                            rows = queries.hearings(s, today=_parse_date(today) or date.today(), levels=levels)
                            fh.write(exports.hearings_ics(rows))
                            summary = f"{len(rows)} hearings"
            if target.is_dir():
                shutil.rmtree(target)
            tmp.replace(target)  # a whole export or none
        finally:
            database.close()
    except OSError as err:
        raise _fail("export", KuzetError(err.strerror or str(err), path=str(out))) from None
    except KuzetError as err:
        raise _fail("export", err) from None
    finally:
        with contextlib.suppress(OSError):  # the folder may be what could not be made
            if tmp.is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink(missing_ok=True)
    print(f"{target}: {summary}")


@app.command("import")
def import_cli(
    path: Annotated[Path, typer.Argument(help="A full JSON export (`kuzet export --format json`).")],
    db: DbOption = None,
) -> None:
    """Load a full JSON export into an empty database, in one transaction: all of it or nothing."""
    from kuzet.store import dump

    try:
        database = _open(db)
        try:
            with open(path, "rb") as fh, database.session() as s:
                counts = dump.load_dump(s, fh, source=str(path))
        finally:
            database.close()
    except OSError as err:
        raise _fail("import", KuzetError(err.strerror or str(err), path=str(path))) from None
    except KuzetError as err:
        raise _fail("import", err) from None
    print(f"{path}: imported {sum(counts.values())} rows in {len(counts)} tables")


class DigestFormat(StrEnum):
    md = "md"
    txt = "txt"
    telegram = "telegram"
    html = "html"
    pdf = "pdf"


LangOption = Annotated[str, typer.Option("--lang", help="en or ru.")]
PublishFormatOption = Annotated[DigestFormat, typer.Option(
    "--format", "-f", help="md, txt, telegram (split into messages), html or pdf.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (whole or not at all) instead of standard output.")]
PublicOption = Annotated[bool, typer.Option("--public", help="Only public records.")]
UnverifiedOption = Annotated[bool, typer.Option("--include-unverified", help="Also machine-read acts, marked as unverified.")]


def _publish(result: str | bytes, output: Path | None) -> None:
    """Write a publication to standard output, or to a file through a temporary one so that it is whole or absent."""
    data = result.encode("utf-8") if isinstance(result, str) else result
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise KuzetError(err.strerror or str(err), path=str(output)) from None
    print(f"{output}: {len(data)} bytes", file=sys.stderr)


def _read_for_publishing(what: str, lang: str | None, db: str | None, fn):  # noqa: ANN001, ANN202 - fn(session) -> result
    """Check the language (when the publication has one), then run `fn` in a read session of the database."""
    from kuzet.publish import digest

    if lang is not None and lang not in digest.LANGS:
        raise KuzetError(f"no {what} in {lang!r} (choose from {', '.join(digest.LANGS)})")
    database = _open(db)
    try:
        with database.sessions() as s:
            return fn(s)
    finally:
        database.close()


@app.command("digest")
def digest_cli(
    since: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
    until: Annotated[str, typer.Option("--to", help="Last day (YYYY-MM-DD).")],
    lang: LangOption = "en", fmt: PublishFormatOption = DigestFormat.md, public: PublicOption = False,
    include_unverified: UnverifiedOption = False, output: OutputOption = None, db: DbOption = None,
) -> None:
    """The periodic digest: one line per event in the date range, oldest first (verified events only by default)."""
    from kuzet.publish import digest

    try:
        start, end = _parse_date(since), _parse_date(until)
        if end < start:
            raise KuzetError("--to is before --from")
        lines = _read_for_publishing("digest", lang, db, lambda s: digest.digest_lines(
            s, start, end, lang=lang, levels=("public",) if public else None, include_unverified=include_unverified))
        _publish(digest.render(lines, start, end, lang=lang, fmt=fmt.value), output)
    except KuzetError as err:
        raise _fail("digest", err) from None


@app.command("bulletin")
def bulletin_cli(
    day: Annotated[str, typer.Option("--date", help="The bulletin's day (YYYY-MM-DD).")],
    lang: LangOption = "en", fmt: PublishFormatOption = DigestFormat.md, public: PublicOption = False,
    include_unverified: UnverifiedOption = False, output: OutputOption = None, db: DbOption = None,
) -> None:
    """The daily bulletin: the day's acts by person, announced hearings, background (verified acts only by default)."""
    from kuzet.publish import bulletin

    try:
        when = _parse_date(day)
        items = _read_for_publishing("bulletin", lang, db, lambda s: bulletin.bulletin_items(
            s, when, lang=lang, levels=("public",) if public else None, include_unverified=include_unverified))
        _publish(bulletin.render(items, when, lang=lang, fmt=fmt.value), output)
    except KuzetError as err:
        raise _fail("bulletin", err) from None


class StatsFormat(StrEnum):
    txt = "txt"
    md = "md"
    json = "json"
    html = "html"
    pdf = "pdf"


@app.command("stats")
def stats_cli(
    since: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD); default: a year before --to.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD); default: today.")] = None,
    by: Annotated[str, typer.Option("--by", help="Count events by these, comma-separated: kind, month, region, place, article.")] = "kind,month",
    chart: Annotated[Path | None, typer.Option("--chart", help="Also draw the main table as a chart: FILE.svg or FILE.png.")] = None,
    fmt: Annotated[StatsFormat, typer.Option("--format", "-f", help="txt, md, json (with the event ids behind every figure), html or pdf.")] = StatsFormat.txt,
    public: PublicOption = False, include_unverified: UnverifiedOption = False, output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Statistics: events by kind, month, region, place or article; people prosecuted, convicted, restrained;
    refused assemblies with running totals; officials and judges with their cases and outcomes."""
    from kuzet.publish import charts, stats

    try:
        end = _parse_date(until) or date.today()
        start = _parse_date(since) or date(end.year - 1, end.month, end.day if (end.month, end.day) != (2, 29) else 28)
        if end < start:
            raise KuzetError("--to is before --from")
        if chart is not None and chart.suffix.lower() not in (".svg", ".png"):
            raise KuzetError("a chart is written as .svg or .png", path=str(chart))
        dims = tuple(d.strip() for d in by.split(",") if d.strip())
        try:
            result = _read_for_publishing("statistics", None, db, lambda s: stats.statistics(
                s, start, end, by=dims, levels=("public",) if public else None, include_unverified=include_unverified))
        except ValueError as err:
            raise KuzetError(str(err)) from None
        bars = charts.stats_bars(result)
        title = "Events by " + ", ".join(dims)
        drawn = charts.svg(bars, title) if chart is not None or fmt in (StatsFormat.html, StatsFormat.pdf) else None
        if chart is not None:
            _publish(drawn if chart.suffix.lower() == ".svg" else charts.png(bars, title), chart)
        if fmt is StatsFormat.json:
            _publish(json.dumps(result, ensure_ascii=False, indent=1) + "\n", output)
        else:
            _publish(stats.render(result, fmt.value, drawn), output)
    except KuzetError as err:
        raise _fail("stats", err) from None


@app.command("review")
def review_cli(
    keep_apart: Annotated[int | None, typer.Option("--keep-apart", help="Decide review item N: two different people.")] = None,
    merge: Annotated[int | None, typer.Option("--merge", help="Decide review item N: one person (merged).")] = None,
    verify: Annotated[int | None, typer.Option("--verify", help="Decide review item N: the event was read right.")] = None,
    reject: Annotated[int | None, typer.Option("--reject", help="Decide review item N: the event was misread (removed, kept in history).")] = None,
    accuracy: Annotated[bool, typer.Option("--accuracy", help="Instead: how the reader did on the facts people reviewed (as read, corrected, rejected, missed; per field and language).")] = False,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """What the machine was not sure of: possible same-person pairs and low-confidence events, best first."""
    if accuracy:
        from kuzet.publish import listing
        from kuzet.resolve.accuracy import reader_accuracy

        try:
            database = _open(db)
            try:
                with database.sessions() as s:
                    _emit(reader_accuracy(s), fmt, listing.accuracy)
            finally:
                database.close()
        except KuzetError as err:
            raise _fail("review", err) from None
        return
    from kuzet.errors import NotFoundInDatabaseError
    from kuzet.publish import listing
    from kuzet.resolve import curation, verification
    from kuzet.store import queries
    from kuzet.store.models import ReviewItem

    def item(n: int, kind: str) -> ReviewItem:
        row = s.get(ReviewItem, n)
        if row is None or row.kind != kind:
            raise NotFoundInDatabaseError(f"no {kind.replace('_', ' ')} review item {n}")
        return row

    try:
        with _open(db).session() as s:
            if keep_apart is not None:
                curation.keep_apart(s, item(keep_apart, "same_person").id, actor=_actor(actor))
            if merge is not None:
                pair = item(merge, "same_person")
                curation.merge(s, pair.a_id, pair.b_id, actor=_actor(actor))
            if verify is not None:
                verification.verify(s, item(verify, "low_confidence").a_id, actor=_actor(actor))
            if reject is not None:
                verification.reject(s, item(reject, "low_confidence").a_id, actor=_actor(actor))
            _emit(queries.review(s), fmt, listing.review)
    except KuzetError as err:
        raise _fail("review", err) from None


@app.command("train")
def train_cli(
    held: Annotated[float, typer.Option("--held", min=0.05, max=0.5, help="Share of the annotated documents held back to compare the models.")] = 0.2,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write the kept model to this file (for `kuzet extract --model`).")] = None,
    db: DbOption = None, fmt: FormatOption = OutputFormat.text, actor: ActorOption = None,
) -> None:
    """Retrain the event reader on the bundled documents and this database's reviewed facts; keep it if it reads better."""
    from kuzet.publish.listing import train_report
    from kuzet.services import training

    try:
        with _open(db).session() as s:
            report = training.train(s, actor=_actor(actor), held_share=held)
            if output is not None:
                from kuzet.extract.event_model import bundled_model
                from kuzet.store.reader_models import active_model

                output.write_text((active_model(s) or bundled_model()).dumps() + "\n", encoding="utf-8")
            _emit(training.report_json(report), fmt, train_report)
    except KuzetError as err:
        raise _fail("train", err) from None


def _first_admin(database) -> str | None:  # noqa: ANN001 - a Database
    """On a desk with no users: create `admin` with a random password, returned to be shown once."""
    from sqlalchemy import func, select

    from kuzet.store.models import User
    from kuzet.web.auth import add_user

    with database.session() as s:
        if s.execute(select(func.count(User.id))).scalar_one():
            return None
        _user, password = add_user(s, "admin", "admin")
        return password


@app.command("serve")
def serve_cli(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (a team server: one per core).")] = 1,
    db: DbOption = None,
) -> None:
    """Run the web desk. On first run it creates the user `admin` and prints a one-time password."""
    import os

    import uvicorn

    from kuzet.store.db import database_url
    from kuzet.web.app import create_app

    try:
        database = _open(db)
        password = _first_admin(database)
    except KuzetError as err:
        raise _fail("serve", err) from None
    if password:
        print(f"Created the user 'admin' with password: {password}\n"
              "Sign in and change it on your Account page; it is not shown again.", flush=True)
    print(f"Kuzet desk on http://{host}:{port}/ (Ctrl+C stops it)", flush=True)
    try:
        if workers > 1:
            os.environ["KUZET_DATABASE_URL"] = database_url(db)
            uvicorn.run("kuzet.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                        log_level="warning")
        else:
            uvicorn.run(create_app(database), host=host, port=port, log_level="warning")
    finally:
        database.close()


user_app = typer.Typer(help="Users of the web desk.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add_cli(
    name: Annotated[str, typer.Argument(help="The user's name (what they sign in with).")],
    role: Annotated[str, typer.Option(help="viewer, monitor, editor or admin.")] = "monitor",
    db: DbOption = None,
) -> None:
    """Add a desk user; prints their new password once."""
    from kuzet.web.auth import add_user

    try:
        database = _open(db)
        try:
            with database.session() as s:
                user, password = add_user(s, name, role)
                print(f"user {user.name} ({user.role}) added; password: {password}")
        finally:
            database.close()
    except KuzetError as err:
        raise _fail("user add", err) from None


@user_app.command("list")
def user_list_cli(db: DbOption = None) -> None:
    """List desk users and their roles."""
    from sqlalchemy import select

    from kuzet.store.models import User

    database = _open(db)
    try:
        with database.sessions() as s:
            for u in s.execute(select(User).order_by(User.name)).scalars():
                print(f"{u.name}\t{u.role}\t{'active' if u.active else 'disabled'}")
    finally:
        database.close()


@app.command("version")
def version_cli() -> None:
    """Print Kuzet's version and the record schema it writes."""
    from kuzet import SCHEMA, __version__

    print(f"kuzet {__version__} ({SCHEMA})")


def main() -> None:
    """Console entry point: never a traceback for a user's mistake or a closed pipe."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
