"""The composition root: builds the database, the feed list and the adapters' settings once."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from monitor.alert_records import AlertRouting
from monitor.alerts import routing_from
from monitor.classify.records import Classification
from monitor.errors import ConfigError
from monitor.fetch import Fetcher, FetchSettings
from monitor.ingest import Classifier, IngestOptions, Ingestor
from monitor.records import FeedDef
from monitor.settings import Settings
from monitor.sources.definitions import IntervalLimits, read_feeds
from monitor.store import Database, open_database

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Runtime:
    settings: Settings
    db: Database
    feeds: list[FeedDef] = field(default_factory=list)
    classifier: Classifier | None = None
    alerts: AlertRouting | None = None
    feed_problems: tuple[ConfigError, ...] = ()  # broken feed files, skipped
    # Set by ingest when a commit queued alerts; wakes the dispatcher at once instead of
    # at its next poll (so an alert leaves within milliseconds of its commit).
    alerts_queued: asyncio.Event = field(default_factory=asyncio.Event)

    def fetch_settings(self) -> FetchSettings:
        f = self.settings.fetch
        return FetchSettings(
            user_agent=f.user_agent,
            connect_timeout_s=f.connect_timeout_s,
            read_timeout_s=f.read_timeout_s,
            total_timeout_s=f.total_timeout_s,
            max_bytes=f.max_bytes,
            max_redirects=f.max_redirects,
            max_connections=f.max_connections,
            per_host_concurrency=f.per_host_concurrency,
            per_host_delay_s=f.per_host_delay_s,
        )

    def ingestor(self, fetcher: Fetcher | None) -> Ingestor:
        """The ingest orchestrator with everything this runtime was built with."""
        return Ingestor(
            self.db,
            fetcher,
            self.ingest_options(),
            classifier=self.classifier,
            alerts=self.alerts,
            on_alerts=self.alerts_queued.set,
        )

    def ingest_options(self) -> IngestOptions:
        return IngestOptions(
            max_entries=self.settings.max_entries_per_poll,
            page_concurrency=self.settings.page_concurrency,
            near_duplicate_distance=self.settings.near_duplicate_distance,
            respect_robots=self.settings.fetch.respect_robots,
            poll_deadline_s=self.settings.scheduler.poll_deadline_s,
            lease=timedelta(seconds=self.settings.scheduler.feed_lease_s),
        )


def default_classifier(mode: str = "rules") -> Classifier:
    """The ingest classifier: `mode` is the `classifier` setting ("model" or "rules")."""
    from monitor.classify import build_classifier

    built = build_classifier(mode=mode)

    def run(text: str, title: str) -> Classification:
        return built.classify(text, title=title)

    return run


def build_runtime(settings: Settings, *, with_feeds: bool = True, migrate: bool = True) -> Runtime:
    db = open_database(settings.database_url, migrate=migrate)
    sched = settings.scheduler
    limits = IntervalLimits(sched.min_interval_s, sched.min_private_interval_s)
    found = read_feeds(settings.feeds_dir, limits) if with_feeds else None
    for problem in found.problems if found else ():
        log.warning("feed file skipped: %s", problem)
    return Runtime(
        settings=settings,
        db=db,
        feeds=list(found.feeds) if found else [],
        feed_problems=found.problems if found else (),
        classifier=default_classifier(settings.classifier),
        alerts=routing_from(settings.alerts),
    )
