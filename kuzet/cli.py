"""The `kuzet` command line. Each command parses its options and calls one plain function.

Imports of the reading core happen inside commands, so `kuzet --help` and a
small `kuzet extract` start fast.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
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


def _extract_one(job: tuple[str, date | None, float]) -> tuple[str, dict | None, str | None]:
    """Read and extract one document; runs in worker processes, so it returns errors as text."""
    from kuzet.extract.pipeline import extract_record, read_text
    from kuzet.readers import read_source

    path, doc_date, max_mb = job
    try:
        src = read_source(path, max_mb=max_mb)
        text, sha = read_text(src.data, path=path if src.path else "<stdin>")
        return path, extract_record(text, path=src.path, sha256=sha, doc_date=doc_date), None
    except KuzetError as err:
        return path, None, str(err)


def extract(paths: list[str], *, fmt: OutputFormat, doc_date: date | None, workers: int, max_mb: float) -> int:
    """Extract records for `paths` and stream them to standard output.

    RETURNS (int): exit code, 1 when any document failed.
    """
    from kuzet.publish.summary import render_summary

    jobs = [(p, doc_date, max_mb) for p in paths]
    if workers > 1 and len(jobs) > 1 and "-" not in paths:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
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
) -> None:
    """Read monitoring bulletins: persons, organizations, places, articles of law and events, each traced to its text."""
    try:
        code = extract(paths, fmt=fmt, doc_date=_parse_date(doc_date), workers=workers, max_mb=max_mb)
    except KuzetError as err:
        print(f"kuzet extract: {err}", file=sys.stderr)
        raise typer.Exit(1) from None
    raise typer.Exit(code)


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
