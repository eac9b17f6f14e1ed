"""page errors: the kind of failure and when the entry is tried again

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 06:10:00

`kind` is the exception class (or error kind) of the failure, so an unexpected one (a bug)
reads apart from a refused page; `next_retry_at` is the per-entry backoff: the entry is
skipped by polls before then, and never retried when it is null on a hopeless row.
Plain ADD COLUMNs: no table rebuild, so the search triggers on `articles` are untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "page_errors",
        sa.Column("kind", sa.String(length=64), server_default="", nullable=False),
    )
    op.add_column(
        "page_errors", sa.Column("next_retry_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("page_errors", schema=None) as batch_op:
        batch_op.drop_column("next_retry_at")
        batch_op.drop_column("kind")
