"""Storing prepared items: a batch of them in one transaction, each in a savepoint.

Ingest hands the items of a gate round (monitor.ingest.gate) here in publication order.
A batch costs one thread hop, one write turn and one commit, where each article alone
cost all three (on SQLite the commit, with its full-text index flush, was the largest
part of an article's store cost). An item that fails is rolled back alone (the batch
is run again with each item in a savepoint) and is its entry's error exactly as it was
in a transaction of its own; the others commit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from monitor import track
from monitor.alert_records import AlertRouting
from monitor.classify.records import Classification
from monitor.ingest.records import Clock, IngestOptions, PollReport
from monitor.records import Document, FeedDef
from monitor.store import Database
from monitor.store.articles import (
    ConcurrentSave,
    SaveOutcome,
    SaveResult,
    save_document_in,
    save_duplicate,
)
from monitor.store.db import Tx, failed_as_a_whole
from monitor.track import TrackReport

# A batch's transaction takes no new item after this long: the alert dispatcher waits
# for its write turn behind it (an item that queued alerts ends its batch at once).
BATCH_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Stored:
    """How one item was stored: the save's outcome and what tracking decided."""

    outcome: SaveOutcome
    tracked: TrackReport


@dataclass(frozen=True, slots=True)
class Pending:
    """A prepared item waiting for its turn to be stored; `done` is told how it went."""

    doc: Document
    verdict: Classification | None
    feed: FeedDef
    done: Callable[[Stored | Exception], None]


class _ItemFailed(Exception):
    """An item failed in a batch tried without savepoints (None: a ConcurrentSave)."""

    def __init__(self, error: Exception | None):
        super().__init__(error)
        self.error = error


class BatchWriter:
    """Stores batches of prepared items against one store (called in a worker thread)."""

    def __init__(
        self,
        db: Database,
        options: IngestOptions,
        *,
        clock: Clock,
        alerts: AlertRouting | None,
    ):
        self.db = db
        self.options = options
        self.clock = clock
        self.alerts = alerts
        self.batch_s = BATCH_SECONDS

    def store_many(self, todo: Sequence[Pending]) -> list[Stored | Exception]:
        """A prefix of `todo` in one transaction; one result per item stored. The prefix
        ends after `batch_s` seconds, or after an item that queued alerts: they are sent
        once committed, so they do not wait for the rest of the batch.

        Each item in a savepoint of its own costs the client about as much again as the
        item's inserts (SQLAlchemy's nested transactions), and items rarely fail: so the
        batch is tried without them, and only when an item fails is it rolled back and
        run again with each item in a savepoint."""
        try:
            try:
                results = self._attempt(todo, isolate=False)
            except _ItemFailed as failed:
                results = [failed.error] if len(todo) == 1 else self._attempt(todo, isolate=True)
        except Exception as exc:
            if len(todo) == 1 or not failed_as_a_whole(exc):
                raise
            # The transaction is lost (locked, deadlocked): each item then in its own, so
            # that only an item failing alone is blamed for its failure.
            return [self._alone(p) for p in todo]
        return [r if r is not None else self._duplicate(todo[k].doc) for k, r in enumerate(results)]

    def _attempt(
        self, todo: Sequence[Pending], *, isolate: bool
    ) -> list[Stored | Exception | None]:
        """One transaction; None for an item that another worker stored first (a
        duplicate, recorded after the commit). Without `isolate`, an item's failure
        rolls back the whole transaction (_ItemFailed)."""
        results: list[Stored | Exception | None] = []
        # In turn with the alert dispatcher's writes (monitor.store.db): a burst
        # committed back to back would otherwise hold its alerts for seconds.
        with self.db.write_turn(), self.db.write_session() as tx:
            started = time.monotonic()
            for p in todo:
                now = self.clock()  # each its own time, as stored alone: order and ties
                try:
                    if isolate:
                        with tx.begin_nested():
                            results.append(self._one(tx, p, now))
                    else:
                        results.append(self._one(tx, p, now))
                except Exception as exc:
                    if failed_as_a_whole(exc):
                        raise
                    error = None if isinstance(exc, ConcurrentSave) else exc
                    if not isolate:
                        raise _ItemFailed(error) from exc
                    results.append(error)
                last = results[-1]
                if isinstance(last, Stored) and last.tracked.alerts_queued:
                    break
                if time.monotonic() - started > self.batch_s:
                    break
        return results

    def _alone(self, pending: Pending) -> Stored | Exception:
        try:
            return self.store_many([pending])[0]
        except Exception as exc:
            return exc

    def _one(self, tx: Tx, p: Pending, now: datetime) -> Stored:
        """The article, its verdict, stances and queued alerts, in `tx`."""
        outcome = save_document_in(
            tx, p.doc, now=now, min_similarity=self.options.near_duplicate_similarity
        )
        if outcome.result is not SaveResult.NEW or p.verdict is None:
            return Stored(outcome, TrackReport())
        source = source_of(p.doc.canonical_url, p.feed.name)
        tracked = track.record(tx, outcome.article_id, p.verdict, self.alerts, now, source=source)
        return Stored(outcome, tracked)

    def _duplicate(self, doc: Document) -> Stored | Exception:
        # Another worker stored the same content first: a duplicate, not an error.
        try:
            return Stored(save_duplicate(self.db, doc), TrackReport())
        except Exception as exc:
            return exc


def count_stored(result: Stored, report: PollReport) -> None:
    """Add a stored item to its poll's report."""
    outcome, tracked = result.outcome, result.tracked
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


def source_of(url: str, feed: str) -> str:
    """The publisher an observation counts for: the URL's host, or the feed for local files."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else feed
