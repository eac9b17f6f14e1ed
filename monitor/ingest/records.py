"""The values of ingest: its options, the report of one poll, and one item to ingest."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from monitor.classify.records import Classification
from monitor.errors import ErrorKind
from monitor.records import Entry
from monitor.store.feeds import PollOutcome

Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]  # (done, total)
Classifier = Callable[[str, str], Classification]  # (text, title) -> verdict


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_entries: int = 100
    page_concurrency: int = 8
    near_duplicate_similarity: float = 0.5  # monitor.store.near.MIN_SIMILARITY
    respect_robots: bool = True
    poll_deadline_s: float | None = None  # a whole poll: the feed and its pages
    lease: timedelta = timedelta(seconds=150)  # feeds claimed by poll_due
    # Polls finishing within this of one another are tracked together in publication
    # order (monitor.ingest.gate); a poll alone in flight never waits.
    order_window_s: float = 0.3


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
class Item:
    """One article to ingest: from a feed entry or a corpus file."""

    url: str
    entry: Entry | None = None
    body: bytes | None = None  # corpus file contents
    is_html: bool = True


class RecentIds:
    """The last `size` article ids this process stored or found stored (least recently
    seen dropped first): a page whose text is among them is not classified again."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def add(self, article_id: str) -> None:
        self._ids[article_id] = None
        self._ids.move_to_end(article_id)
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
