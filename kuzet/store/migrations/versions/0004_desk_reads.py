"""What the desk reads most, read faster (bench/web.py, 20,000 documents).

SQLite's search index keeps the two- and three-letter beginnings of words too: every
query word is a prefix ("суд" finds "суда", "судья"), and without a prefix index FTS5
merges the lists of every indexed word that begins so (3.7 ms a search for "суд", 1.0 ms
with it). PostgreSQL's GIN index needs nothing of the kind.

Events are indexed by kind, place and date together, the events page's usual filter
(detentions in Almaty since a date: 2.9 ms, 0.24 ms with the index).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_COLUMNS = "kind UNINDEXED, ref_id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2'"


def _rebuild(options: str) -> None:
    """The index again with `options`, each row under the same rowid (search lists the latest stored first)."""
    op.execute(f"CREATE VIRTUAL TABLE search_index_new USING fts5({_COLUMNS}{options})")
    op.execute("INSERT INTO search_index_new (rowid, kind, ref_id, body) SELECT rowid, kind, ref_id, body FROM search_index")
    op.execute("DROP TABLE search_index")
    op.execute("ALTER TABLE search_index_new RENAME TO search_index")


def upgrade() -> None:
    op.create_index('ix_events_kind_place_date', 'events', ['kind', 'place_id', 'date'])
    if op.get_bind().dialect.name == 'sqlite':
        _rebuild(", prefix='2 3'")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _rebuild("")
    op.drop_index('ix_events_kind_place_date', table_name='events')
