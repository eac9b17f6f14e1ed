"""The per-article path of ingest: each item (feed entry or corpus file) is fetched or
taken from the feed, extracted, normalized, classified (off the event loop) and stored
with its stances and queued alerts (monitor.track), in a savepoint of a transaction it
shares with the other items of its batch (monitor.ingest.batch). One item that fails,
for any reason, becomes a page error of its own with its kind, message and backoff; it
never fails the feed's poll.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import cast

from monitor.alert_records import AlertRouting
from monitor.classify.records import Classification
from monitor.documents import to_document
from monitor.errors import ErrorKind, MonitorError, ParseError, WarningKind, error_kind
from monitor.extract import extract_text_document
from monitor.fetch import PAGE_ACCEPT, Fetcher
from monitor.fetch.addresses import feed_allow_list
from monitor.ingest.batch import BatchWriter, Pending, Stored, count_stored
from monitor.ingest.gate import OrderingGate, Ready, Ticket
from monitor.ingest.records import (
    Classifier,
    Clock,
    IngestOptions,
    Item,
    PollReport,
    Progress,
    RecentIds,
)
from monitor.normalize import canonicalize_url
from monitor.records import Document, ExtractedArticle, FeedDef, FeedWarning
from monitor.sources.offload import FeedParser
from monitor.sources.text import storable_article
from monitor.store import Database
from monitor.store.articles import known_urls
from monitor.store.page_errors import (
    PageErrorState,
    clear_page_errors,
    page_error_states,
    record_page_error,
)

log = logging.getLogger(__name__)


class Entries:
    """Ingests items against one store and one fetcher (None: corpus files only)."""

    def __init__(
        self,
        db: Database,
        fetcher: Fetcher | None,
        options: IngestOptions,
        *,
        clock: Clock,
        classifier: Classifier | None,
        alerts: AlertRouting | None,
        on_alerts: Callable[[], None] | None = None,
        parser: FeedParser | None = None,
    ):
        self.db = db
        # Extraction runs in its worker processes, within its budget (sources.offload).
        self.parser = parser or FeedParser()
        self.fetcher = fetcher
        self.options = options
        self.clock = clock
        self.classifier = classifier
        self.alerts = alerts
        self.on_alerts = on_alerts  # called after a commit that queued alerts
        self.gate = OrderingGate(options.order_window_s)
        self.writer = BatchWriter(db, options, clock=clock, alerts=alerts)
        # Texts stored already are not classified again. Held in memory, not looked up:
        # a text stored before a restart or by another worker is classified for nothing,
        # rarely, where a lookup would cost every page a round trip.
        self.stored = RecentIds()

    async def ingest(
        self,
        items: list[Item],
        feed: FeedDef,
        report: PollReport,
        progress: Progress | None = None,
        ticket: Ticket | None = None,
    ) -> None:
        """Ingest a poll's items; `ticket`: the poll entered the ordering gate already."""
        report.entries = len(items)
        todo, failed = await self._unknown(items)
        report.known = len(items) - len(todo)
        now = self.clock()
        waiting = {url for url, st in failed.items() if not entry_due(st, now)}
        report.skipped = sum(1 for i in todo if i.url in waiting)
        todo = [i for i in todo if i.url not in waiting]
        recovered: list[str] = []
        sem = asyncio.Semaphore(self.options.page_concurrency)
        # Pages are fetched, extracted and classified concurrently, then stored and
        # tracked in publication order, in batches (with the items of the polls that
        # finish together: monitor.ingest.gate): every intermediate change then alerts,
        # and a near-duplicate always finds the copy stored before it.
        done = 0
        fallbacks: Counter[str] = Counter()  # pages decoded with a detected charset

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, len(todo))

        async def one(item: Item) -> Ready | None:
            try:
                async with sem:
                    extracted = await self._extract(item, feed, fallbacks)
                    prepared = None
                    if extracted is not None:
                        prepared = await self._prepare(extracted, item, feed, report)
            except Exception as exc:  # one entry never fails its feed's poll
                self._entry_failed(item, feed, report, exc, failed.get(item.url))
                tick()
                return None
            if prepared is None:
                if item.url in failed:
                    recovered.append(item.url)
                tick()
                return None
            doc, verdict = prepared

            def stored(result: Stored | Exception) -> None:
                try:
                    if isinstance(result, Exception):
                        raise result
                    count_stored(result, report)
                    if item.url in failed:
                        recovered.append(item.url)
                except Exception as exc:
                    self._entry_failed(item, feed, report, exc, failed.get(item.url))
                finally:
                    tick()

            pending = Pending(doc, verdict, feed, stored)

            async def commit() -> None:
                await self._commit_many([pending])

            return Ready(doc.published, commit, self._commit_ready, pending)

        ticket = ticket or self.gate.enter()
        try:
            ready = await asyncio.gather(*(one(i) for i in todo))
            await self.gate.submit(ticket, [r for r in ready if r is not None])
        finally:
            self.gate.leave(ticket)
        report.warnings.extend(page_fallback_warnings(fallbacks))
        if recovered:  # else a write transaction (on SQLite, the write lock) for nothing
            await asyncio.to_thread(clear_page_errors, self.db, recovered)

    async def _unknown(self, items: list[Item]) -> tuple[list[Item], dict[str, PageErrorState]]:
        """The items not stored yet (by raw or canonical URL), and their past failures.
        Each look-up is a thread hop and a transaction: none when there is nothing to ask."""
        urls = [u for i in items for u in {i.url, canonicalize_url(i.url)}]
        seen = await asyncio.to_thread(known_urls, self.db, urls) if urls else set()
        todo = [i for i in items if i.url not in seen and canonicalize_url(i.url) not in seen]
        if not todo:
            return todo, {}
        return todo, await asyncio.to_thread(page_error_states, self.db, [i.url for i in todo])

    def _entry_failed(
        self,
        item: Item,
        feed: FeedDef,
        report: PollReport,
        exc: Exception,
        before: PageErrorState | None,
    ) -> None:
        """Store an entry's failure as a page error, with its kind and its own backoff."""
        kind = str(error_kind(exc))  # the vocabulary of feed errors (internal_error: a bug)
        if isinstance(exc, MonitorError | OSError):
            error = str(exc)
            permanent = not getattr(exc, "transient", False)
            log.info("article failed", extra={"feed": feed.name, "url": item.url, "error": error})
        else:
            # A bug met by one entry: retried later (a fix may come), never fatal to the feed.
            error = f"internal error: {type(exc).__name__}: {exc}"
            permanent = False
            log.exception("article crashed", extra={"feed": feed.name, "url": item.url})
        now = self.clock()
        attempts = (before.attempts if before else 0) + 1
        retry_at = None
        if not permanent:
            retry_at = entry_retry_at(attempts, now, getattr(exc, "retry_after", None))
        report.errors += 1
        report.error_details.append(error)
        record_page_error(
            self.db,
            url=item.url,
            feed=feed.name,
            error=error,
            permanent=permanent,
            now=now,
            kind=kind,
            next_retry_at=retry_at,
        )

    async def _extract(
        self, item: Item, feed: FeedDef, fallbacks: Counter[str]
    ) -> ExtractedArticle | None:
        if item.body is not None:
            if item.is_html:
                return await self.parser.extract(item.body, item.url, now=self.clock())
            text = item.body.decode("utf-8", errors="replace")
            return extract_text_document(text, now=self.clock())
        entry = item.entry
        assert entry is not None
        if entry.content_html and (not feed.fetch_pages or is_full_content(entry.content_html)):
            return await self.parser.extract(
                f"<html><body><article>{entry.content_html}</article></body></html>",
                item.url,
                now=self.clock(),
            )
        if not feed.fetch_pages:
            html = entry.summary or entry.title
            return await self.parser.extract(
                f"<html><body><article><p>{html}</p></article></body></html>",
                item.url,
                now=self.clock(),
            )
        assert self.fetcher is not None
        if self.options.respect_robots and not await self.fetcher.allowed_by_robots(
            item.url, allow=feed_allow_list(feed)
        ):
            raise ParseError(
                "disallowed by robots.txt", url=item.url, kind=ErrorKind.ROBOTS_DISALLOWED
            )
        page = await self.fetcher.fetch(
            item.url,
            allow=feed_allow_list(feed),
            accept=PAGE_ACCEPT,
        )
        # Decoded and extracted off the event loop, so the web UI and other fetches keep
        # moving meanwhile, and within a budget: a page that would take minutes is a
        # parse_error after it.
        extracted, detected = await self.parser.extract_page(
            page.body, page.url, charset=charset_of(page.content_type), now=self.clock()
        )
        if detected is not None:
            fallbacks[detected] += 1
        if page.url != item.url and not extracted.canonical_url:
            extracted = replace(extracted, canonical_url=page.url)
        return extracted

    async def _prepare(
        self, extracted: ExtractedArticle, item: Item, feed: FeedDef, report: PollReport
    ) -> tuple[Document, Classification | None] | None:
        """The document and its verdict (None: too short to be an article)."""
        extracted = storable_article(extracted)
        doc = to_document(extracted, url=item.url, feed=feed.name, entry=item.entry)
        if doc is None:
            report.too_short += 1
            return None
        # Classify before saving so that article and observations commit together; off
        # the event loop, like extraction, so the web UI and other fetches keep moving.
        verdict = None
        if self.classifier is not None and doc.id not in self.stored:
            verdict = await asyncio.to_thread(self.classifier, doc.text, doc.title)
        return doc, verdict

    async def _commit_ready(self, batch: Sequence[Ready]) -> None:
        await self._commit_many([cast(Pending, r.part) for r in batch])

    async def _commit_many(self, todo: Sequence[Pending]) -> None:
        """Store items in publication order, as few transactions as the bounds allow (one
        thread hop and one write turn each), and tell each item how it went."""
        while todo:
            try:
                results = await asyncio.to_thread(self.writer.store_many, todo)
            except Exception as exc:  # not one item's failure: the database's, every one's
                results = [exc] * len(todo)
            alerts = False
            for pending, result in zip(todo, results, strict=False):
                if not isinstance(result, Exception):
                    self.stored.add(result.outcome.article_id)
                    alerts = alerts or result.tracked.alerts_queued > 0
                pending.done(result)
            todo = todo[len(results) :]
            # Woken once the transaction that queued them is committed; and given the
            # loop before the next batch, so its claim can take the next write turn.
            if alerts and self.on_alerts is not None:
                self.on_alerts()
                if todo:
                    await asyncio.sleep(0)


def page_fallback_warnings(fallbacks: Counter[str]) -> list[str]:
    """One `encoding_fallback` warning per detected codec of the poll's pages.

    >>> page_fallback_warnings(Counter({"cp1251": 2}))
    ['encoding_fallback x2 (pages decoded as cp1251)']
    """
    return [
        str(FeedWarning(WarningKind.ENCODING_FALLBACK, count=n, detail=f"pages decoded as {c}"))
        for c, n in sorted(fallbacks.items())
    ]


# An entry that failed for a reason that may pass is tried again after a backoff of its
# own (doubling from ENTRY_RETRY_BASE up to ENTRY_RETRY_CAP), at most ENTRY_MAX_ATTEMPTS.
ENTRY_RETRY_BASE = timedelta(minutes=15)
ENTRY_RETRY_CAP = timedelta(hours=24)
ENTRY_MAX_ATTEMPTS = 5


def entry_retry_at(
    attempts: int, now: datetime, retry_after: float | None = None
) -> datetime | None:
    """When an entry that failed `attempts` times is tried again; None: never.

    >>> from datetime import UTC
    >>> t = datetime(2026, 1, 1, tzinfo=UTC)
    >>> [str(entry_retry_at(n, t) - t) for n in (1, 2, 3)]
    ['0:15:00', '0:30:00', '1:00:00']
    >>> entry_retry_at(ENTRY_MAX_ATTEMPTS, t) is None
    True
    """
    if attempts >= ENTRY_MAX_ATTEMPTS:
        return None
    delay = min(ENTRY_RETRY_CAP, ENTRY_RETRY_BASE * (1 << max(0, attempts - 1)))
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return now + delay


def entry_due(state: PageErrorState, now: datetime) -> bool:
    """Whether an entry that failed before is tried again now."""
    if state.permanent or state.attempts >= ENTRY_MAX_ATTEMPTS:
        return False
    return state.next_retry_at is None or state.next_retry_at <= now


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any.

    >>> charset_of('text/html; charset="ISO-8859-1"')
    'iso-8859-1'
    """
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def is_full_content(html: str) -> bool:
    """Feed-supplied content is the whole article when it is long enough to be one."""
    return len(html) >= 1500
