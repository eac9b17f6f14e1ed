"""The composition root: every object the monitor runs with is built here, once.

Settings -> database -> feed registry -> fetcher settings (from `Settings.fetch`) ->
classifier (shipped gazetteer plus the user's `gazetteer_files`) -> tracker rules and
alert routing -> retry policy and dispatch options; they form one frozen `Runtime`.
The service's workers (the alert dispatcher with the channels opened here, the web app)
are built from it too. CLI commands and `monitor run` both start from `build_runtime`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import timedelta
from pathlib import Path

from monitor.alert_records import AlertRouting
from monitor.alerts import open_channels, routing_from, run_dispatcher
from monitor.alerts.config import retry_policy
from monitor.alerts.dispatcher import DispatchOptions
from monitor.classify.records import Classification
from monitor.errors import ConfigError
from monitor.fetch import FetchSettings
from monitor.ingest import Classifier, IngestOptions
from monitor.records import FeedDef
from monitor.runstate import FeedRegistry, Runtime, ServiceState
from monitor.service import Worker
from monitor.settings import FetchConfig, Settings
from monitor.sources.definitions import IntervalLimits, read_feeds
from monitor.store import Database, open_database

log = logging.getLogger(__name__)

__all__ = [
    "Runtime",
    "assemble",
    "build_runtime",
    "fetch_settings",
    "make_classifier",
    "service_workers",
]


def fetch_settings(cfg: FetchConfig) -> FetchSettings:
    """The fetcher's settings from the `fetch` section: every field they share, by name,
    so a new fetcher setting needs no copying code; unset ones keep the fetcher's default
    (one User-Agent)."""
    given = cfg.model_dump(exclude_none=True)
    return FetchSettings(
        **{f.name: given[f.name] for f in fields(FetchSettings) if f.name in given}
    )


def ingest_options(settings: Settings) -> IngestOptions:
    return IngestOptions(
        max_entries=settings.max_entries_per_poll,
        page_concurrency=settings.page_concurrency,
        near_duplicate_similarity=settings.near_duplicate_similarity,
        respect_robots=settings.fetch.respect_robots,
        poll_deadline_s=settings.scheduler.poll_deadline_s,
        lease=timedelta(seconds=settings.scheduler.feed_lease_s),
    )


def make_classifier(gazetteer_files: Sequence[str | Path] = (), mode: str = "rules") -> Classifier:
    """A classifier of its own (not the cached default) with the user's gazetteer files;
    `mode` is the `classifier` setting (the stance model, or the rules alone)."""
    from monitor.classify import build_classifier

    built = build_classifier(gazetteer_files, mode=mode)

    def run(text: str, title: str) -> Classification:
        return built.classify(text, title=title)

    return run


def build_runtime(
    settings: Settings,
    *,
    with_feeds: bool = True,
    migrate: bool = True,
    classifier: Classifier | None = None,
) -> Runtime:
    """Everything once; `classifier` replaces the configured one (tests)."""
    db = open_database(settings.database_url, migrate=migrate)
    sched = settings.scheduler
    limits = IntervalLimits(sched.min_interval_s, sched.min_private_interval_s)
    found = read_feeds(settings.feeds_dir, limits) if with_feeds else None
    for problem in found.problems if found else ():
        log.warning("feed file skipped: %s", problem)
    return assemble(
        settings,
        db,
        found.feeds if found else (),
        classifier=classifier or make_classifier(settings.gazetteer_files, settings.classifier),
        alerts=routing_from(settings.alerts),
        feed_problems=found.problems if found else (),
    )


def assemble(
    settings: Settings,
    db: Database,
    feeds: Iterable[FeedDef] = (),
    *,
    classifier: Classifier | None = None,
    alerts: AlertRouting | None = None,
    feed_problems: tuple[ConfigError, ...] = (),
) -> Runtime:
    """A runtime over an open database: every value derived from the settings is built
    here (tests pass their own database, feeds and classifier)."""
    return Runtime(
        settings=settings,
        db=db,
        feeds=FeedRegistry(feeds),
        feed_problems=feed_problems,
        fetch=fetch_settings(settings.fetch),
        ingest_options=ingest_options(settings),
        classifier=classifier,
        alerts=alerts,
        retry=retry_policy(settings.alerts),
        dispatch=DispatchOptions.from_settings(settings.alerts),
    )


def dispatcher_worker(rt: Runtime) -> Worker:
    """The alert dispatcher with the configured channels (and their one HTTP client)."""

    async def dispatcher(stop: asyncio.Event) -> None:
        async with open_channels(rt.settings.alerts) as channels:
            await run_dispatcher(
                rt.db, channels, rt.retry, rt.dispatch, stop=stop, wake=rt.alerts_queued
            )

    return dispatcher


def service_workers(rt: Runtime, state: ServiceState | None = None) -> list[Worker]:
    """The alert dispatcher, and the web UI and API when enabled."""
    workers = [dispatcher_worker(rt)]
    if rt.settings.web_enabled:
        from monitor.web import serve

        async def web(stop: asyncio.Event) -> None:
            await serve(rt, stop=stop, state=state)

        workers.append(web)
    return workers
