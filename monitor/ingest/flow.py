"""Feed polls: claim due feeds, fetch and parse each (a 304 ends there) within the poll's
deadline, hand its items to the per-article path (monitor.ingest.entries), and record the
poll's outcome on the feed with its next due time. Corpus directories are imported the
same way."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from monitor.alert_records import AlertRouting
from monitor.cadence import next_due
from monitor.errors import ErrorKind, MonitorError, error_kind
from monitor.fetch import FEED_ACCEPT, Fetcher
from monitor.fetch.addresses import feed_allow_list
from monitor.fetch.retry import backoff_delay, should_disable
from monitor.ingest.entries import Entries, charset_of
from monitor.ingest.records import (
    Classifier,
    Clock,
    IngestOptions,
    Item,
    PollReport,
    Progress,
    utcnow,
)
from monitor.records import FeedDef, FeedKind
from monitor.sources.corpus import list_corpus, read_corpus_file
from monitor.sources.offload import FeedParser
from monitor.store import Database
from monitor.store.claims import FeedClaim, claim_due
from monitor.store.feeds import PollOutcome, record_polls

log = logging.getLogger(__name__)


class Ingestor:
    """Runs ingest for feeds and corpus directories against one store and one fetcher."""

    def __init__(
        self,
        db: Database,
        fetcher: Fetcher | None,
        options: IngestOptions = IngestOptions(),
        *,
        clock: Clock = utcnow,
        classifier: Classifier | None = None,
        alerts: AlertRouting | None = None,
        parser: FeedParser | None = None,
        on_alerts: Callable[[], None] | None = None,
    ):
        self.db = db
        self.parser = parser or FeedParser()
        self.fetcher = fetcher
        self.options = options
        self.clock = clock
        self.classifier = classifier
        self.alerts = alerts  # channels and tracker rules; None stores without alerting
        self.entries = Entries(
            db,
            fetcher,
            options,
            clock=clock,
            classifier=classifier,
            alerts=alerts,
            on_alerts=on_alerts,
            parser=self.parser,
        )
        self.on_alerts = on_alerts  # called after a commit that queued alerts

    # -- feeds ---------------------------------------------------------------

    async def poll_due(
        self, feeds: list[FeedDef], *, owner: str, limit: int = 4, force: bool = False
    ) -> list[PollReport]:
        """Claim due feeds (all named ones with force) and poll them concurrently."""
        by_name = {f.name: f for f in feeds if f.enabled}
        claimed = claim_due(
            self.db,
            list(by_name),
            now=self.clock(),
            owner=owner,
            lease=self.options.lease,
            limit=limit if not force else len(by_name),
            force=force,
        )
        sem = asyncio.Semaphore(limit)

        async def one(state: FeedClaim) -> PollReport:
            async with sem:
                return await self.poll(by_name[state.name], state, record=False)

        reports = list(await asyncio.gather(*(one(s) for s in claimed)))
        # One transaction for the batch's feed states: a 304 poll is then one row of an
        # executemany, not a transaction of its own.
        record_polls(self.db, [(r.feed, r.outcome) for r in reports if r.outcome is not None])
        return reports

    async def poll(self, feed: FeedDef, state: FeedClaim, *, record: bool = True) -> PollReport:
        """Poll one feed; every failure ends recorded on the feed, never raised.

        With `record=False` the outcome is left in `report.outcome` for the caller to
        record (with others, in one transaction)."""
        started = self.clock()
        report = PollReport(feed=feed.name)
        etag = last_modified = new_url = None
        deadline = asyncio.timeout(self.options.poll_deadline_s)
        # In the gate from the start: polls of one scheduling moment are tracked together.
        ticket = self.entries.gate.enter()
        try:
            async with deadline:
                if feed.kind is FeedKind.CORPUS:
                    items = self._corpus_items(Path(state.url or feed.url))
                else:
                    items, etag, last_modified, new_url = await self._feed_items(
                        feed, state, report
                    )
                if not report.not_modified:
                    await self.entries.ingest(items, feed, report, ticket=ticket)
        except (MonitorError, OSError) as exc:
            report.ok = False
            if isinstance(exc, TimeoutError) and deadline.expired():
                report.error = f"poll deadline of {self.options.poll_deadline_s:g}s exceeded"
                report.error_kind = ErrorKind.TIMEOUT_TOTAL
                report.transient = True
            else:
                report.error = str(exc)
                report.error_kind = error_kind(exc)
                report.retry_after = getattr(exc, "retry_after", None)
                report.transient = bool(getattr(exc, "transient", False))
        except Exception as exc:
            log.exception("poll crashed", extra={"feed": feed.name})
            report.ok = False
            report.error = f"internal error: {type(exc).__name__}: {exc}"
            report.error_kind = ErrorKind.INTERNAL_ERROR
        finally:
            self.entries.gate.leave(ticket)
        finished = self.clock()
        report.outcome = self._outcome(
            feed, state, report, started, finished, etag, last_modified, new_url
        )
        report.next_poll_at = report.outcome.next_poll_at
        if record:
            # Off the loop: on SQLite a write may wait for another poll's transaction.
            await asyncio.to_thread(record_polls, self.db, [(feed.name, report.outcome)])
        return report

    def _outcome(
        self,
        feed: FeedDef,
        state: FeedClaim,
        report: PollReport,
        started: datetime,
        finished: datetime,
        etag: str | None,
        last_modified: str | None,
        new_url: str | None,
    ) -> PollOutcome:
        disable = None
        if report.ok:
            next_poll = next_due(state.next_poll_at, started, feed.interval_s)
            log.info(
                "feed polled",
                extra={
                    "feed": feed.name,
                    "new": report.new,
                    "not_modified": report.not_modified,
                    "events": report.events,
                    "alerts_queued": report.alerts_queued,
                    "held_back": report.held_back,
                },
            )
        else:
            failures = state.consecutive_failures + 1
            delay = backoff_delay(
                failures, feed.interval_s, report.retry_after, rand=random.random()
            )
            next_poll = finished + timedelta(seconds=delay)
            first_error = state.last_error_at if state.consecutive_failures else finished
            if should_disable(
                failures, first_error or finished, finished, permanent=not report.transient
            ):
                disable = f"disabled after {failures} consecutive failures: {report.error}"
            log.warning("feed failed", extra={"feed": feed.name, "error": report.error})
        return PollOutcome(
            started_at=started,
            finished_at=finished,
            next_poll_at=next_poll,
            ok=report.ok,
            not_modified=report.not_modified,
            entries=report.entries,
            new_articles=report.new,
            duplicates=report.duplicates,
            errors=report.errors,
            error=report.error,
            error_kind=report.error_kind,
            warnings=tuple(report.warnings),
            etag=etag,
            last_modified=last_modified,
            new_url=new_url,
            disable_reason=disable,
        )

    async def _feed_items(
        self, feed: FeedDef, state: FeedClaim, report: PollReport
    ) -> tuple[list[Item], str | None, str | None, str | None]:
        assert self.fetcher is not None, "feeds over HTTP need a fetcher"
        url = state.url or feed.url
        result = await self.fetcher.fetch(
            url,
            etag=state.etag,
            last_modified=state.last_modified,
            allow=feed_allow_list(feed),
            accept=FEED_ACCEPT,
        )
        if result.not_modified:
            report.not_modified = True
            return [], state.etag, state.last_modified, None
        # Off the event loop and within a budget: a hostile feed stalls nothing else.
        parsed = await self.parser.parse(
            result.body,
            feed.kind,
            result.url,
            charset=charset_of(result.content_type),
            max_entries=self.options.max_entries,
        )
        report.warnings = [str(w) for w in parsed.warnings]
        entries = parsed.entries[: self.options.max_entries]
        items = [Item(url=e.url, entry=e) for e in entries]
        return items, result.etag, result.last_modified, result.permanent_redirect

    # -- corpus directories ---------------------------------------------------

    def _corpus_items(self, directory: Path) -> list[Item]:
        items = []
        for path in list_corpus(directory):
            f = read_corpus_file(path)
            items.append(Item(url=f.url, body=f.body, is_html=f.is_html))
        return items

    async def import_directory(
        self, directory: Path, *, feed: str = "import", progress: Progress | None = None
    ) -> PollReport:
        """Import a corpus directory (`monitor import DIR`); files seen before are skipped."""
        report = PollReport(feed=feed)
        items = self._corpus_items(directory)
        await self.entries.ingest(
            items, FeedDef(name=feed, url=str(directory), kind=FeedKind.CORPUS), report, progress
        )
        return report
