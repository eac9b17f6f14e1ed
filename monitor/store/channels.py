"""Alert channel state: which channels a receiver switched off (410 Gone), and why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from monitor.store.db import Database
from monitor.store.models import ChannelState


def disable_channel(db: Database, name: str, reason: str, now: datetime) -> None:
    with db.session() as s:
        row = s.get(ChannelState, name)
        if row is None:
            row = ChannelState(name=name)
            s.add(row)
        row.disabled_reason = reason
        row.disabled_at = now


def enable_channel(db: Database, name: str) -> bool:
    """Switch a disabled channel back on; False when it was not disabled."""
    with db.session() as s:
        row = s.get(ChannelState, name)
        if row is None or row.disabled_reason is None:
            return False
        row.disabled_reason = row.disabled_at = None
        return True


def disabled_channels(db: Database) -> dict[str, str]:
    """Disabled channel name -> the reason stored when it was disabled."""
    with db.session() as s:
        rows = s.scalars(select(ChannelState).where(ChannelState.disabled_reason.is_not(None)))
        return {r.name: r.disabled_reason or "" for r in rows}
