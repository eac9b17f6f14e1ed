"""When a feed is due next: a pure rule shared by ingest (which records it) and the scheduler."""

from __future__ import annotations

from datetime import datetime, timedelta

# Started later than this (or half an interval), a poll counts from its start. Feeds
# that came due together (a fresh start, a restart after downtime: 5,000 at once) then
# spread out at the rate they were polled, instead of all coming due at the same moment
# again every interval, the last of them always a whole round late.
KEEP_PHASE = timedelta(seconds=1)


def next_due(due: datetime | None, started: datetime, interval_s: int) -> datetime:
    """The next poll is due one interval after this one was due, not after it finished,
    so a feed keeps its cadence. A poll started late by more than `KEEP_PHASE` or half
    an interval (or early, when forced) counts from its start instead, so that two polls
    of a feed are never less than half an interval apart and a backlog spreads out.

    >>> from datetime import UTC
    >>> t = datetime(2026, 1, 1, tzinfo=UTC)
    >>> next_due(t, t + timedelta(seconds=0.4), 2) - t
    datetime.timedelta(seconds=2)
    >>> next_due(t, t + timedelta(seconds=1.5), 2) - t
    datetime.timedelta(seconds=3, microseconds=500000)
    """
    step = timedelta(seconds=interval_s)
    if due is not None and timedelta(0) <= started - due < min(step / 2, KEEP_PHASE):
        return due + step
    return started + step
