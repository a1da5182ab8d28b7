"""Where the case database lives, and opening it at the current schema.

SQLite is the embedded default: one file at `default_path()` (override with
KUZET_DATABASE_URL or --db). PostgreSQL serves a team: give its URL. The schema is
managed by Alembic; opening a SQLite file upgrades it in place, while a PostgreSQL
server that is behind must be upgraded by its admin (`kuzet db upgrade`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import sessionmaker

from kuzet.errors import DatabaseError


def default_path() -> Path:
    """$KUZET_HOME/kuzet.db, or ~/.local/share/kuzet/kuzet.db ($XDG_DATA_HOME respected)."""
    home = os.environ.get("KUZET_HOME")
    if home:
        return Path(home) / "kuzet.db"
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data) / "kuzet" / "kuzet.db"


def database_url(db: str | None = None) -> str:
    """The URL to use: --db (a URL or a file path), else KUZET_DATABASE_URL, else the default file."""
    value = db or os.environ.get("KUZET_DATABASE_URL")
    if not value:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith("postgresql://"):
        return "postgresql+psycopg://" + value[len("postgresql://"):]
    return value


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer, and a killed writer leaves the last commit intact.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


# The web desk serves each request from a worker thread (40 of them) that holds one
# connection; a pool smaller than that can leave every thread waiting for a connection
# held by a request that is waiting for a thread.
POOL = {"pool_size": 20, "max_overflow": 30}


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, **POOL)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **POOL)


def _alembic_config(engine: Engine):  # noqa: ANN202 - alembic's Config
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("kuzet.store").joinpath("migrations")))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest migration (or to `revision`)."""
    from alembic import command

    with engine.begin() as conn:
        cfg = _alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()  # type: ignore[arg-type]


class Database:
    """An open case database: its engine and a session factory."""

    def __init__(self, url: str, *, auto_upgrade: bool | None = None) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.dialect = self.engine.dialect.name
        try:
            self._bring_to_head(auto_upgrade)
        except BaseException:
            self.engine.dispose()
            raise
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _bring_to_head(self, auto_upgrade: bool | None) -> None:
        try:
            current = current_revision(self.engine)
        except Exception as err:  # noqa: BLE001 - any driver error means we cannot reach it
            raise DatabaseError(f"cannot open the database: {str(err).splitlines()[0]}", path=_safe(self.url)) from None
        if current != head_revision():
            fresh = current is None and not inspect(self.engine).get_table_names()
            if auto_upgrade or (auto_upgrade is None and (self.dialect == "sqlite" or fresh)):
                upgrade(self.engine)
            else:
                raise DatabaseError("the database schema is behind this Kuzet; run `kuzet db upgrade`", path=_safe(self.url))

    @contextmanager
    def session(self):  # noqa: ANN201 - a Session context
        """A session whose work is committed together at the end, or not at all."""
        with self.sessions() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def open_database(db: str | None = None, **kw) -> Database:
    return Database(database_url(db), **kw)


__all__ = ["Database", "database_url", "default_path", "open_database", "upgrade"]
