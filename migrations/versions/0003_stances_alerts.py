"""stance states, stance events and their causes, alert deliveries (the outbox)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 05:10:00.000000
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _time(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "stance_states",
        sa.Column("actor", sa.String(length=2), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        _time("since"),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        _time("support_from"),
        sa.Column("sources", sa.Integer(), nullable=False),
        _time("updated_at"),
        sa.Column("announced", sa.String(length=16), nullable=True),
        sa.Column("announced_prev", sa.String(length=16), nullable=True),
        _time("announced_at", nullable=True),
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("condition", sa.Text(), nullable=True),
        _time("changed_at"),
        sa.PrimaryKeyConstraint("actor"),
    )
    op.create_table(
        "stance_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _time("created_at"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=2), nullable=False),
        sa.Column("old_stance", sa.String(length=16), nullable=True),
        sa.Column("new_stance", sa.String(length=16), nullable=False),
        _time("decided_at"),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("article_title", sa.Text(), nullable=False),
        sa.Column("article_url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("condition", sa.Text(), nullable=True),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_stance_events_actor", "stance_events", ["actor"], unique=False)
    op.create_table(
        "stance_event_causes",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["stance_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "observation_id"),
    )
    op.create_index(
        "ix_stance_event_causes_observation_id",
        "stance_event_causes",
        ["observation_id"],
        unique=False,
    )
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _time("next_attempt_at", nullable=True),
        _time("last_attempt_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _time("sent_at", nullable=True),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        _time("lease_until", nullable=True),
        sa.Column("batch", sa.String(length=64), nullable=True),
        _time("created_at"),
        sa.ForeignKeyConstraint(["event_id"], ["stance_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "channel", name="uq_delivery"),
        sa.UniqueConstraint("key", name="uq_delivery_key"),
        sqlite_autoincrement=True,
    )
    for column in ("event_id", "lease_token", "next_attempt_at", "state"):
        op.create_index(f"ix_alert_deliveries_{column}", "alert_deliveries", [column])


def downgrade() -> None:
    for column in ("event_id", "lease_token", "next_attempt_at", "state"):
        op.drop_index(f"ix_alert_deliveries_{column}", table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_index("ix_stance_event_causes_observation_id", table_name="stance_event_causes")
    op.drop_table("stance_event_causes")
    op.drop_index("ix_stance_events_actor", table_name="stance_events")
    op.drop_table("stance_events")
    op.drop_table("stance_states")
