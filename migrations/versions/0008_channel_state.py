"""channel state: alert channels their receiver switched off (410 Gone)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:00:00

`channel_state` holds one row per channel ever disabled; `disabled_reason` is NULL
again once a user enables it (`monitor alerts enable-channel NAME`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("channel_state")
