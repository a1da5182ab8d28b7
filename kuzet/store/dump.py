"""The full JSON export and its import: every table, row for row, so another Kuzet rebuilds the same database.

Format `kuzet.dump/1`: `{"format", "schema" (the Alembic revision), "scope" ("full" or "public"),
"tables": {name: {"columns": [...], "rows": [[...], ...]}}}`, tables in the order their foreign
keys need, rows by id. Rows are flat: bytes as base64, dates and times as ISO strings, JSON
columns as JSON text. The search index goes along as it is (its event texts are built from
facts at ingest). Live credentials (web sessions, API tokens) never travel; accounts do, with
their Argon2id hashes. Both sides stream a page of rows at a time.

The public scope keeps only public records and what hangs from them: a row whose required
link points at a record left out is left out too, an optional link is emptied; the audit
trail, the review queue, corrections and accounts stay home.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO

import ijson
from sqlalchemy import JSON, Boolean, Date, DateTime, LargeBinary, Table, func, insert, select, update
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from kuzet.errors import KuzetError
from kuzet.store.db import head_revision
from kuzet.store.models import Base

FORMAT = "kuzet.dump/1"
PAGE = 500
NEVER = frozenset({"web_sessions", "api_tokens"})
PRIVATE = frozenset({"changes", "review_items", "fact_reviews", "users"})  # left out of a public dump
SEARCH = "search_index"


def _tables(public: bool) -> list[Table]:
    skip = NEVER | (PRIVATE if public else frozenset())
    return [t for t in Base.metadata.sorted_tables if t.name not in skip]


def _encode(value: object, kind: object) -> object:
    if value is None:
        return None
    if isinstance(kind, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(kind, JSON):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(value: object, kind: object) -> object:
    if value is None:
        return None
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, JSON):
        return json.loads(value)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


def _pages(session: Session, table: Table) -> Iterator[list]:
    """Rows of a table by id, a page at a time (keyset paging: no OFFSET that slows as it goes)."""
    last = None
    while True:
        q = select(table).order_by(table.c.id).limit(PAGE)
        if last is not None:
            q = q.where(table.c.id > last)
        rows = session.execute(q).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def write_dump(session: Session, fh: IO[str], *, public: bool = False) -> dict[str, int]:
    """Write the database as one JSON document. RETURNS rows written per table."""
    counts: dict[str, int] = {}
    kept: dict[str, set[int]] = {}
    fh.write(json.dumps({"format": FORMAT, "schema": head_revision(), "scope": "public" if public else "full"})[:-1])
    fh.write(', "tables": {')
    for n, table in enumerate(_tables(public)):
        cols = list(table.columns)
        fh.write(("," if n else "") + f"\n{json.dumps(table.name)}: {{\"columns\": {json.dumps([c.name for c in cols])}, \"rows\": [")
        written = 0
        ids = kept.setdefault(table.name, set())
        for page in _pages(session, table):
            for row in page:
                values = dict(row._mapping)
                if public and not _public_row(table, values, kept):
                    continue
                ids.add(values["id"])
                fh.write(("," if written else "") + "\n" + json.dumps([_encode(values[c.name], c.type) for c in cols],
                                                                       ensure_ascii=False, separators=(",", ":")))
                written += 1
        fh.write("]}")
        counts[table.name] = written
    if not public:
        fh.write(f',\n{json.dumps(SEARCH)}: {{"columns": ["kind", "ref_id", "body"], "rows": [')
        # In the order stored: search lists the latest stored first, and an import keeps that order.
        order = "rowid" if session.bind.dialect.name == "sqlite" else "id"
        rows = session.execute(sql(f"SELECT kind, ref_id, body FROM {SEARCH} ORDER BY {order}"))
        written = 0
        for row in rows:
            fh.write(("," if written else "") + "\n" + json.dumps(list(row), ensure_ascii=False, separators=(",", ":")))
            written += 1
        fh.write("]}")
        counts[SEARCH] = written
    fh.write("\n}}\n")
    return counts


def _public_row(table: Table, values: dict, kept: dict[str, set[int]]) -> bool:
    """Whether a row goes into a public dump; optional links to records left out are emptied in place."""
    if "confidentiality" in values and values["confidentiality"] != "public":
        return False
    for col in table.columns:
        for fk in col.foreign_keys:
            target = fk.column.table.name
            if values[col.name] is None or values[col.name] in kept.get(target, set()):
                continue
            if not col.nullable:
                return False
            values[col.name] = None
    return not (table.name == "involvements" and values["person_id"] is None and values["organization_id"] is None)


def load_dump(session: Session, fh: IO[bytes], *, source: str) -> dict[str, int]:
    """Load a dump into an empty database, in the caller's transaction. RETURNS rows read per table."""
    if session.execute(select(func.count()).select_from(Base.metadata.tables["documents"])).scalar_one():
        raise KuzetError("the database is not empty: import a full export into a new database", path=source)
    tables = Base.metadata.tables
    counts: dict[str, int] = {}
    header: dict[str, str] = {}
    table: Table | None = None
    name = ""
    self_links: list[str] = []
    columns: list[str] = []
    batch: list[dict] = []
    row: list | None = None
    deferred: list[tuple[Table, str, int, int]] = []  # self-links, set once every row is in

    def flush() -> None:
        if not batch:
            return
        if table is None:
            session.execute(sql(f"INSERT INTO {SEARCH} (kind, ref_id, body) VALUES (:kind, :ref_id, :body)"), batch)
        else:
            session.execute(insert(table), batch)
        batch.clear()

    try:
        for prefix, event, value in ijson.parse(fh, use_float=True):
            if prefix in ("format", "schema", "scope"):
                header[prefix] = value
                if prefix == "format" and value != FORMAT:
                    raise KuzetError(f"not a Kuzet full export (format {value!r})", path=source)
                if prefix == "schema" and value != head_revision():
                    raise KuzetError(f"written by a Kuzet with schema {value}, this one has {head_revision()}; "
                                     "upgrade the older one and export again", path=source)
            elif prefix == "tables" and event == "map_key":
                flush()
                if "format" not in header:
                    raise KuzetError("not a Kuzet full export (no format line first)", path=source)
                if value != SEARCH and (value not in tables or value in NEVER):
                    raise KuzetError(f"unknown table {value!r}", path=source)
                name, table = value, None if value == SEARCH else tables[value]
                # A row may point at one of its own table loaded later (a merge into a newer person).
                self_links = [] if table is None else [c.name for c in table.columns
                                                       if any(fk.column.table is table for fk in c.foreign_keys)]
                counts[name] = 0
            elif prefix.endswith(".columns.item"):
                columns.append(value)
            elif prefix.endswith(".columns") and event == "start_array":
                columns = []
            elif prefix.endswith(".rows.item") and event == "start_array":
                row = []
            elif prefix.endswith(".rows.item.item") and row is not None:
                row.append(value)
            elif prefix.endswith(".rows.item") and event == "end_array" and row is not None:
                if len(row) != len(columns):
                    raise KuzetError(f"a row of {name} has {len(row)} values for {len(columns)} columns",
                                     path=source)
                values = dict(zip(columns, row, strict=True))
                if table is not None:
                    values = {c: _decode(v, table.c[c].type) for c, v in values.items()}
                    for col in self_links:
                        if values.get(col) is not None:
                            deferred.append((table, col, values["id"], values[col]))
                            values[col] = None
                batch.append(values)
                counts[name] += 1
                row = None
                if len(batch) >= PAGE:
                    flush()
        flush()
    except ijson.JSONError as err:
        raise KuzetError(f"not valid JSON ({str(err).splitlines()[0]})", path=source) from None
    except (KeyError, ValueError, TypeError) as err:
        raise KuzetError(f"a value does not fit its column ({err})", path=source) from None
    for tbl, col, row_id, target in deferred:
        session.execute(update(tbl).where(tbl.c.id == row_id).values({col: target}))
    if session.bind.dialect.name == "postgresql":  # ids came with the rows: move each sequence past them
        for tbl in _tables(public=False):
            session.execute(sql(f"SELECT setval(pg_get_serial_sequence('{tbl.name}', 'id'), "
                                f"COALESCE((SELECT MAX(id) FROM {tbl.name}), 0) + 1, false)"))
    return counts
