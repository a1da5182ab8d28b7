"""Reader models trained at the desk: `kuzet train` keeps the better of the current and a retrained
event reader (issue 14); ingest, re-reading and the desk read with the active one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reader_models',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column('created_by', sa.String(120), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('model', sa.Text(), nullable=False),
        sa.Column('info', sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table('reader_models')
