"""When a feed is due next: a pure rule shared by ingest (which records it) and the scheduler."""

from __future__ import annotations

from datetime import datetime, timedelta


def next_due(due: datetime | None, started: datetime, interval_s: int) -> datetime:
    """The next poll is due one interval after this one was due, not after it finished,
    so a feed keeps its cadence. A poll started half an interval late or more (or early,
    when forced) counts from its start instead, so that two polls of a feed are never
    less than half an interval apart.

    >>> from datetime import UTC
    >>> t = datetime(2026, 1, 1, tzinfo=UTC)
    >>> next_due(t, t + timedelta(seconds=0.4), 2) - t
    datetime.timedelta(seconds=2)
    >>> next_due(t, t + timedelta(seconds=1.5), 2) - t
    datetime.timedelta(seconds=3, microseconds=500000)
    """
    step = timedelta(seconds=interval_s)
    if due is not None and timedelta(0) <= started - due < step / 2:
        return due + step
    return started + step
