"""Feed claims through a partial index of due times (feeds not disabled)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:05:00

next_poll_at gets a value in every row (sync always set one; old rows without one are
due at once), so a claim reads the range next_poll_at <= now of the index and stops.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_WHERE = sa.text("disabled_reason IS NULL")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    epoch = "'1970-01-01 00:00:00.000000'" if sqlite else "TIMESTAMPTZ 'epoch'"
    op.execute(f"UPDATE feed_state SET next_poll_at = {epoch} WHERE next_poll_at IS NULL")
    op.drop_index("ix_feed_state_next_poll_at", table_name="feed_state")
    if not sqlite:
        # Every claim and poll rewrites a feed's row: room on its page keeps the new
        # version there (a HOT update, no new index entries, no index bloat).
        op.execute("ALTER TABLE feed_state SET (fillfactor = 70)")
    op.create_index(
        "ix_feed_state_due",
        "feed_state",
        ["next_poll_at"],
        sqlite_where=_WHERE,
        postgresql_where=_WHERE,
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("ALTER TABLE feed_state RESET (fillfactor)")
    op.drop_index("ix_feed_state_due", table_name="feed_state")
    op.create_index("ix_feed_state_next_poll_at", "feed_state", ["next_poll_at"])
