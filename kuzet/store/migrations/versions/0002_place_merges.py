"""Places can be merged and split like persons and organizations.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # A plain ADD COLUMN, not alembic's table copy: the copy would drop a table events refer to.
        op.execute('ALTER TABLE places ADD COLUMN merged_into_id INTEGER REFERENCES places (id)')
    else:
        op.add_column('places', sa.Column('merged_into_id', sa.Integer(), sa.ForeignKey('places.id'), nullable=True))
    op.create_index('ix_places_merged_into_id', 'places', ['merged_into_id'])


def downgrade() -> None:
    op.drop_index('ix_places_merged_into_id', table_name='places')
    with op.batch_alter_table('places') as batch:
        batch.drop_column('merged_into_id')
