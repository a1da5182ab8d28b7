"""Alembic environment: migrations run on the connection Kuzet hands over (see store/db.py)."""

from __future__ import annotations

from alembic import context

from kuzet.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    # Running the alembic command line against a URL (e.g. to autogenerate a migration).
    from kuzet.store.db import database_url, make_engine

    engine = make_engine(database_url(config.get_main_option("sqlalchemy.url") or None))
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    context.run_migrations()
