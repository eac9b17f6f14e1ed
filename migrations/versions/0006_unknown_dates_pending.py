"""dates unknown stay unknown; held-back stance changes are stored with their reason

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:10:00

Observations of articles without a publication date were given the fetch time; now their
`observed_at` is NULL and `seen_at` (the article's first-seen time) orders them. A
stance's `since`, `support_from` and `updated_at` may be unknown. Events keep
`decided_at` (the ordering time) and gain `published_at`, NULL when the date is unknown:
stance_events is only added to, never rebuilt, as rebuilding it on SQLite would cascade
the delete to its causes and deliveries.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


_TIME = sa.DateTime(timezone=True)


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.alter_column(
            "observed_at", existing_type=sa.DateTime(timezone=True), nullable=True
        )
        batch_op.add_column(_when("seen_at"))
    op.execute(
        "UPDATE observations SET seen_at = "
        "(SELECT fetched_at FROM articles WHERE articles.id = observations.article_id)"
    )
    op.execute(
        "UPDATE observations SET observed_at = NULL WHERE article_id IN "
        "(SELECT id FROM articles WHERE published_at IS NULL)"
    )
    with op.batch_alter_table("stance_states", schema=None) as batch_op:
        for name in ("since", "support_from", "updated_at"):
            batch_op.alter_column(name, existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.add_column(sa.Column("pending_stance", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("pending_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("pending_sources", sa.Integer(), nullable=True))
        batch_op.add_column(_when("pending_since"))
    op.add_column("stance_events", _when("published_at"))
    op.execute(
        "UPDATE stance_events SET published_at = decided_at WHERE article_id IN "
        "(SELECT id FROM articles WHERE published_at IS NOT NULL)"
    )


def downgrade() -> None:
    op.drop_column("stance_events", "published_at")
    with op.batch_alter_table("stance_states", schema=None) as batch_op:
        for name in ("pending_since", "pending_sources", "pending_reason", "pending_stance"):
            batch_op.drop_column(name)
    op.execute("UPDATE stance_states SET since = changed_at WHERE since IS NULL")
    op.execute("UPDATE stance_states SET support_from = changed_at WHERE support_from IS NULL")
    op.execute("UPDATE stance_states SET updated_at = changed_at WHERE updated_at IS NULL")
    with op.batch_alter_table("stance_states", schema=None) as batch_op:
        for name in ("since", "support_from", "updated_at"):
            batch_op.alter_column(name, existing_type=sa.DateTime(timezone=True), nullable=False)
    op.execute("UPDATE observations SET observed_at = seen_at WHERE observed_at IS NULL")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("seen_at")
        batch_op.alter_column(
            "observed_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
