"""What the composition root (monitor.wiring) builds once and hands to the service, the
web UI and the CLI: the `Runtime` (frozen), the feed list (`FeedRegistry`, its only
writer) and what the running service reports (`ServiceState`).

Below `web/` and `service.py`, so neither has to import the other.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from monitor.alert_records import AlertRouting
from monitor.alerts.dispatcher import DispatchOptions
from monitor.alerts.retry import RetryPolicy
from monitor.errors import ConfigError
from monitor.fetch import Fetcher, FetchSettings
from monitor.ingest import Classifier, IngestOptions, Ingestor
from monitor.records import FeedDef
from monitor.settings import Settings
from monitor.store import Database


@dataclass(slots=True)
class ServiceState:
    """What /healthz, /metrics and the tests read about the running service; the service
    loop is its one writer (counters only grow)."""

    started_at: datetime | None = None
    ticks: int = 0
    polls: int = 0
    last_tick_at: datetime | None = None
    last_tick_ok: bool = True
    failed: str | None = None  # why a worker ended the service, if one did
    # What the track flow decided in this process's polls.
    events: int = 0
    alerts_queued: int = 0
    held_back: int = 0


class FeedRegistry:
    """The feed list, copy-on-write: readers take an immutable snapshot (the scheduler
    once per tick, the web per request); `add` is the only way to change it, under a lock
    so that two additions never lose one another or take the same name."""

    def __init__(self, feeds: Iterable[FeedDef] = ()):
        self._feeds: tuple[FeedDef, ...] = tuple(feeds)
        self._lock = threading.Lock()

    def all(self) -> tuple[FeedDef, ...]:
        return self._feeds

    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self._feeds)

    def __len__(self) -> int:
        return len(self._feeds)

    def __iter__(self) -> Iterator[FeedDef]:
        return iter(self._feeds)

    def remove(self, name: str) -> tuple[FeedDef, ...]:
        """Drop a feed from the list (its jobs stop; its file and state stay)."""
        with self._lock:
            self._feeds = tuple(f for f in self._feeds if f.name != name)
            return self._feeds

    def add(self, make: Callable[[tuple[FeedDef, ...]], Sequence[FeedDef]]) -> tuple[FeedDef, ...]:
        """Run `make(current feeds)` under the lock and append the feeds it returns (it
        writes their files, say); returns the new list."""
        with self._lock:
            added = tuple(make(self._feeds))
            self._feeds = (*self._feeds, *added)
            return self._feeds


@dataclass(frozen=True, slots=True)
class Runtime:
    """Everything a command or the service runs with, built once by monitor.wiring."""

    settings: Settings
    db: Database
    feeds: FeedRegistry = field(default_factory=FeedRegistry)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    ingest_options: IngestOptions = field(default_factory=IngestOptions)
    classifier: Classifier | None = None
    alerts: AlertRouting | None = None  # None: store stances without tracking them
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    dispatch: DispatchOptions = field(default_factory=DispatchOptions)
    feed_problems: tuple[ConfigError, ...] = ()  # broken feed files, skipped
    # Set by ingest when a commit queued alerts; wakes the dispatcher at once instead of
    # at its next poll (so an alert leaves within milliseconds of its commit).
    alerts_queued: asyncio.Event = field(default_factory=asyncio.Event)

    def fetcher(self) -> Fetcher:
        """A fetcher with this runtime's settings; open it with `async with`."""
        return Fetcher(self.fetch)

    def ingestor(self, fetcher: Fetcher | None) -> Ingestor:
        """The ingest orchestrator with everything this runtime was built with."""
        return Ingestor(
            self.db,
            fetcher,
            self.ingest_options,
            classifier=self.classifier,
            alerts=self.alerts,
            on_alerts=self.alerts_queued.set,
        )
