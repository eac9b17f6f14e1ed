"""feed error kind and warnings: the kind of the last error, what the last poll worked around

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:10:00

`feed_state.last_error_kind` holds a `monitor.errors.ErrorKind` value next to
`last_error`; `last_warnings` the warnings of the last poll (encoding_fallback,
item_without_link x3, ...). Both are NULL for rows written before this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feed_state") as batch:
        batch.add_column(sa.Column("last_error_kind", sa.String(32), nullable=True))
        batch.add_column(sa.Column("last_warnings", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feed_state") as batch:
        batch.drop_column("last_warnings")
        batch.drop_column("last_error_kind")
