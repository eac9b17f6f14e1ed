"""The ingest flow: poll a feed, fetch and extract its articles, dedupe and store them.

The one orchestrator of ingest: it threads values through the pure stages (parse,
extract, to_document) and the adapters (fetcher, store), catches failures, records them
on the feed, and logs once. Numbered flow:
1. claim due feeds (store) -> 2. fetch the feed (fetcher; 304 ends here) ->
3. parse entries (sources.parse) -> 4. drop known URLs (store) -> 5. fetch each page
(fetcher, robots.txt) or take the feed's full content -> 6. extract (extract) ->
7. normalize + hash + fingerprint (documents) -> 8. classify (off the event loop) ->
9. in one transaction: save with dedupe (store), then the track flow (monitor.track:
observations, stances, queued alerts), whose report joins the poll report.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from monitor import track
from monitor.alert_records import AlertRouting
from monitor.cadence import next_due
from monitor.classify.records import Classification
from monitor.documents import to_document
from monitor.errors import ErrorKind, FetchError, MonitorError, ParseError, error_kind
from monitor.extract import extract_article, extract_text_document
from monitor.fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetcher
from monitor.fetch.addresses import feed_allow_list
from monitor.fetch.retry import backoff_delay, should_disable
from monitor.normalize import canonicalize_url
from monitor.records import Document, Entry, ExtractedArticle, FeedDef, FeedKind
from monitor.sources.corpus import list_corpus, read_corpus_file
from monitor.sources.encoding import decode_page
from monitor.sources.offload import FeedParser
from monitor.sources.text import storable_article
from monitor.store import Database
from monitor.store.articles import (
    ConcurrentSave,
    SaveOutcome,
    SaveResult,
    content_known,
    known_urls,
    save_document_in,
    save_duplicate,
)
from monitor.store.claims import claim_due
from monitor.store.feeds import FeedStatus, PollOutcome, record_polls
from monitor.store.page_errors import (
    PageErrorState,
    clear_page_errors,
    page_error_states,
    record_page_error,
)
from monitor.track import TrackReport

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]  # (done, total)
Classifier = Callable[[str, str], Classification]  # (text, title) -> verdict


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_entries: int = 100
    page_concurrency: int = 8
    near_duplicate_distance: int = 7
    respect_robots: bool = True
    poll_deadline_s: float | None = None  # a whole poll: the feed and its pages
    lease: timedelta = timedelta(seconds=150)  # feeds claimed by poll_due


@dataclass(slots=True)
class PollReport:
    """Counts of what one poll did; expected outcomes are counts, not errors."""

    feed: str
    ok: bool = True
    not_modified: bool = False
    entries: int = 0
    known: int = 0
    skipped: int = 0  # failed before and not worth another try
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    too_short: int = 0
    errors: int = 0
    events: int = 0  # stance events the track flow stored (flaps included)
    alerts_queued: int = 0  # deliveries queued for them
    held_back: int = 0  # stances stated but not (yet) taken: corroboration, flaps
    error: str | None = None
    error_kind: ErrorKind | None = None
    warnings: list[str] = field(default_factory=list)  # what the parse worked around
    retry_after: float | None = None
    transient: bool = True  # whether the last failure may pass by itself
    error_details: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    next_poll_at: datetime | None = None  # as recorded on the feed
    outcome: PollOutcome | None = None  # what was (or is to be) recorded on the feed


@dataclass(frozen=True, slots=True)
class _Item:
    """One article to ingest: from a feed entry or a corpus file."""

    url: str
    entry: Entry | None = None
    body: bytes | None = None  # corpus file contents
    is_html: bool = True


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

        async def one(state: FeedStatus) -> PollReport:
            async with sem:
                return await self.poll(by_name[state.name], state, record=False)

        reports = list(await asyncio.gather(*(one(s) for s in claimed)))
        # One transaction for the batch's feed states: a 304 poll is then one row of an
        # executemany, not a transaction of its own.
        record_polls(self.db, [(r.feed, r.outcome) for r in reports if r.outcome is not None])
        return reports

    async def poll(self, feed: FeedDef, state: FeedStatus, *, record: bool = True) -> PollReport:
        """Poll one feed; every failure ends recorded on the feed, never raised.

        With `record=False` the outcome is left in `report.outcome` for the caller to
        record (with others, in one transaction)."""
        started = self.clock()
        report = PollReport(feed=feed.name)
        etag = last_modified = new_url = None
        deadline = asyncio.timeout(self.options.poll_deadline_s)
        try:
            async with deadline:
                if feed.kind is FeedKind.CORPUS:
                    items = self._corpus_items(Path(state.url or feed.url))
                else:
                    items, etag, last_modified, new_url = await self._feed_items(
                        feed, state, report
                    )
                if not report.not_modified:
                    await self._ingest_items(items, feed, report)
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
        state: FeedStatus,
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
        self, feed: FeedDef, state: FeedStatus, report: PollReport
    ) -> tuple[list[_Item], str | None, str | None, str | None]:
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
        items = [_Item(url=e.url, entry=e) for e in entries]
        return items, result.etag, result.last_modified, result.permanent_redirect

    # -- corpus directories ---------------------------------------------------

    def _corpus_items(self, directory: Path) -> list[_Item]:
        items = []
        for path in list_corpus(directory):
            f = read_corpus_file(path)
            items.append(_Item(url=f.url, body=f.body, is_html=f.is_html))
        return items

    async def import_directory(
        self, directory: Path, *, feed: str = "import", progress: Progress | None = None
    ) -> PollReport:
        """Import a corpus directory (`monitor import DIR`); files seen before are skipped."""
        report = PollReport(feed=feed)
        items = self._corpus_items(directory)
        await self._ingest_items(
            items, FeedDef(name=feed, url=str(directory), kind=FeedKind.CORPUS), report, progress
        )
        return report

    # -- the per-article path -------------------------------------------------

    async def _ingest_items(
        self,
        items: list[_Item],
        feed: FeedDef,
        report: PollReport,
        progress: Progress | None = None,
    ) -> None:
        report.entries = len(items)
        urls = [u for i in items for u in {i.url, canonicalize_url(i.url)}]
        seen = await asyncio.to_thread(known_urls, self.db, urls)
        todo = [i for i in items if i.url not in seen and canonicalize_url(i.url) not in seen]
        report.known = len(items) - len(todo)
        failed = await asyncio.to_thread(page_error_states, self.db, [i.url for i in todo])
        now = self.clock()
        waiting = {url for url, st in failed.items() if not entry_due(st, now)}
        report.skipped = sum(1 for i in todo if i.url in waiting)
        todo = [i for i in todo if i.url not in waiting]
        recovered: list[str] = []
        sem = asyncio.Semaphore(self.options.page_concurrency)
        # Pages are fetched, extracted and classified concurrently, but stored one at a
        # time in feed order: a near-duplicate then always finds the copy before it (two
        # copies saved at once would each miss the other), and groups do not depend on
        # which page answered first.
        stored = [asyncio.Event() for _ in todo]
        done = 0

        async def one(k: int, item: _Item) -> None:
            nonlocal done
            try:
                prepared = None
                async with sem:
                    try:
                        extracted = await self._extract(item, feed)
                        if extracted is not None:
                            prepared = await self._prepare(extracted, item, feed, report)
                    except Exception as exc:  # one entry never fails its feed's poll
                        self._entry_failed(item, feed, report, exc, failed.get(item.url))
                        return
                if k:
                    await stored[k - 1].wait()
                try:
                    if prepared is not None:
                        await self._commit(*prepared, feed, report)
                except Exception as exc:
                    self._entry_failed(item, feed, report, exc, failed.get(item.url))
                    return
                if item.url in failed:
                    recovered.append(item.url)
            finally:
                stored[k].set()
                done += 1
                if progress is not None:
                    progress(done, len(todo))

        await asyncio.gather(*(one(k, i) for k, i in enumerate(todo)))
        await asyncio.to_thread(clear_page_errors, self.db, recovered)

    def _entry_failed(
        self,
        item: _Item,
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

    async def _extract(self, item: _Item, feed: FeedDef) -> ExtractedArticle | None:
        if item.body is not None:
            if item.is_html:
                return extract_article(item.body, item.url, now=self.clock())
            text = item.body.decode("utf-8", errors="replace")
            return extract_text_document(text, now=self.clock())
        entry = item.entry
        assert entry is not None
        if entry.content_html and (not feed.fetch_pages or _is_full_content(entry.content_html)):
            return extract_article(
                f"<html><body><article>{entry.content_html}</article></body></html>",
                item.url,
                now=self.clock(),
            )
        if not feed.fetch_pages:
            html = entry.summary or entry.title
            return extract_article(
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
        html, _detected = decode_page(page.body, charset_of(page.content_type))
        # Off the event loop, so the web UI and other fetches keep moving meanwhile.
        extracted = await asyncio.to_thread(extract_article, html, page.url, now=self.clock())
        if page.url != item.url and not extracted.canonical_url:
            extracted = replace(extracted, canonical_url=page.url)
        return extracted

    async def _prepare(
        self, extracted: ExtractedArticle, item: _Item, feed: FeedDef, report: PollReport
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
        if self.classifier is not None and not content_known(self.db, doc.content_hash):
            verdict = await asyncio.to_thread(self.classifier, doc.text, doc.title)
        return doc, verdict

    async def _commit(
        self, doc: Document, verdict: Classification | None, feed: FeedDef, report: PollReport
    ) -> None:
        outcome, tracked = await asyncio.to_thread(self._store, doc, verdict, feed)
        if outcome.result is SaveResult.NEW:
            report.new += 1
            report.new_ids.append(outcome.article_id)
            if outcome.near_duplicate_of:
                report.near_duplicates += 1
        else:
            report.duplicates += 1
        report.events += len(tracked.events)
        report.alerts_queued += tracked.alerts_queued
        report.held_back += tracked.held_back
        if tracked.alerts_queued and self.on_alerts is not None:
            self.on_alerts()

    def _store(
        self, doc: Document, verdict: Classification | None, feed: FeedDef
    ) -> tuple[SaveOutcome, TrackReport]:
        """The article, its verdict, stances and queued alerts: one transaction."""
        now = self.clock()
        try:
            with self.db.session() as tx:
                outcome = save_document_in(
                    tx, doc, now=now, max_distance=self.options.near_duplicate_distance
                )
                if outcome.result is not SaveResult.NEW or verdict is None:
                    return outcome, TrackReport()
                source = source_of(doc.canonical_url, feed.name)
                return outcome, track.record(
                    tx, outcome.article_id, verdict, self.alerts, now, source=source
                )
        except ConcurrentSave:
            # Another worker stored the same content first: a duplicate, not an error.
            return save_duplicate(self.db, doc), TrackReport()


# An entry that failed for a reason that may pass is tried again after a backoff of its
# own (doubling from ENTRY_RETRY_BASE up to ENTRY_RETRY_CAP), at most ENTRY_MAX_ATTEMPTS.
ENTRY_RETRY_BASE = timedelta(minutes=15)
ENTRY_RETRY_CAP = timedelta(hours=24)
ENTRY_MAX_ATTEMPTS = 5


def entry_retry_at(
    attempts: int, now: datetime, retry_after: float | None = None
) -> datetime | None:
    """When an entry that failed `attempts` times is tried again; None: never.

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


def source_of(url: str, feed: str) -> str:
    """The publisher an observation counts for: the URL's host, or the feed for local files."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else feed


def _is_full_content(html: str) -> bool:
    """Feed-supplied content is the whole article when it is long enough to be one."""
    return len(html) >= 1500


__all__ = ["FetchError", "IngestOptions", "Ingestor", "PollReport"]
