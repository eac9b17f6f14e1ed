"""Prometheus metrics, read from the database at scrape time (right with several workers)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from prometheus_client import CollectorRegistry
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError

from monitor.runstate import ServiceState
from monitor.store import Database
from monitor.store.stances import current_stances
from monitor.store.stats import archive_stats
from monitor.web.timeline import STANCES

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 21600.0)


def _latency_histogram(latencies: Iterable[float]) -> HistogramMetricFamily:
    values = sorted(latencies)
    buckets = [(str(b), float(sum(1 for v in values if v <= b))) for b in LATENCY_BUCKETS]
    buckets.append(("+Inf", float(len(values))))
    return HistogramMetricFamily(
        "monitor_delivery_latency_seconds",
        "Time from an alert's creation to its delivery on a channel.",
        buckets=buckets,
        sum_value=sum(values),
    )


class ArchiveCollector(Collector):
    """Counts from the database, so every worker (and a restarted one) reports the same."""

    def __init__(self, db: Database, state: ServiceState | None, clock: Callable[[], datetime]):
        self.db = db
        self.state = state
        self.clock = clock

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("monitor_database_up", "Whether the database answered.")
        try:
            metrics = list(self._from_database())
        except SQLAlchemyError:
            log.warning("metrics scrape could not read the database", exc_info=True)
            up.add_metric([], 0.0)
            yield up
        else:
            up.add_metric([], 1.0)
            yield up
            yield from metrics
        if self.state is not None:
            ticks = CounterMetricFamily(
                "monitor_scheduler_ticks", "Scheduler ticks of this process."
            )
            ticks.add_metric([], float(self.state.ticks))
            yield ticks
            ok = GaugeMetricFamily(
                "monitor_scheduler_last_tick_ok", "Whether this process's last tick succeeded."
            )
            ok.add_metric([], 1.0 if self.state.last_tick_ok else 0.0)
            yield ok
            for name, doc, value in (
                (
                    "monitor_track_events",
                    "Stance events this process's polls stored.",
                    self.state.events,
                ),
                (
                    "monitor_track_alerts_queued",
                    "Alert deliveries this process's polls queued.",
                    self.state.alerts_queued,
                ),
                (
                    "monitor_track_held_back",
                    "Stances stated but not (yet) taken: corroboration, flaps.",
                    self.state.held_back,
                ),
            ):
                tracked = CounterMetricFamily(name, doc)
                tracked.add_metric([], float(value))
                yield tracked

    def _from_database(self) -> Iterator[Metric]:
        stats = archive_stats(self.db)
        for name, doc, value in (
            ("monitor_articles", "Articles stored.", stats.articles),
            (
                "monitor_relevant_articles",
                "Stored articles classified relevant.",
                stats.relevant_articles,
            ),
            ("monitor_observations", "Stance observations stored.", stats.observations),
        ):
            g = GaugeMetricFamily(name, doc)
            g.add_metric([], float(value))
            yield g
        polls = CounterMetricFamily(
            "monitor_polls",
            "Feed polls by outcome (ok, not_modified, error).",
            labels=["feed", "outcome"],
        )
        for p in stats.polls:
            polls.add_metric([p.feed, p.outcome], float(p.polls))
        yield polls
        new = CounterMetricFamily(
            "monitor_new_articles", "New articles stored by polls.", labels=["feed"]
        )
        for feed, n in stats.new_articles_by_feed:
            new.add_metric([feed], float(n))
        yield new
        errors = CounterMetricFamily(
            "monitor_feed_errors", "Failed polls of a feed, all time.", labels=["feed"]
        )
        failing = GaugeMetricFamily(
            "monitor_feed_consecutive_failures",
            "Failures since the last success.",
            labels=["feed"],
        )
        disabled = GaugeMetricFamily("monitor_feeds_disabled", "Feeds disabled after failing.")
        for f in stats.feeds:
            errors.add_metric([f.feed], float(f.errors))
            failing.add_metric([f.feed], float(f.consecutive))
        disabled.add_metric([], float(sum(f.disabled for f in stats.feeds)))
        yield from (errors, failing, disabled)
        last = GaugeMetricFamily(
            "monitor_last_successful_poll_timestamp_seconds",
            "Unix time of the latest successful poll of any feed.",
        )
        if stats.last_success_at is not None:
            last.add_metric([], stats.last_success_at.timestamp())
        yield last
        by_stance = Counter(r.stance for r in current_stances(self.db))
        countries = GaugeMetricFamily(
            "monitor_countries", "Countries by current stance.", labels=["stance"]
        )
        for s in STANCES:
            countries.add_metric([s], float(by_stance.get(s, 0)))
        yield countries
        alerts = CounterMetricFamily(
            "monitor_alerts",
            "Stance events written (new, changed; flap is never sent).",
            labels=["kind"],
        )
        for kind, n in stats.alerts_by_kind:
            alerts.add_metric([kind], float(n))
        yield alerts
        per_state = GaugeMetricFamily(
            "monitor_deliveries",
            "Alert deliveries by channel and state.",
            labels=["channel", "state"],
        )
        for d in stats.deliveries:
            per_state.add_metric([d.channel, d.state], float(d.deliveries))
        yield per_state
        yield _latency_histogram(stats.delivery_latencies)


def metrics_registry(
    db: Database, state: ServiceState | None, clock: Callable[[], datetime]
) -> CollectorRegistry:
    """A registry of this app's own (no process-global default registry)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ArchiveCollector(db, state, clock))
    return registry
