"""Stance events keep why a pending (held-back) change waits

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 15:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stance_events", sa.Column("reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stance_events") as batch:
        batch.drop_column("reason")
