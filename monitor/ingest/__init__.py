"""The ingest flow: poll a feed, fetch and extract its articles, dedupe and store them.

The one orchestrator of ingest: it threads values through the pure stages (parse,
extract, to_document) and the adapters (fetcher, store), catches failures, records them
on the feed, and logs once. Numbered flow:
1. claim due feeds (store) -> 2. fetch the feed (fetcher; 304 ends here) ->
3. parse entries (sources.parse) -> 4. drop known URLs (store) -> 5. fetch each page
(fetcher, robots.txt) or take the feed's full content -> 6. extract (extract) ->
7. normalize + hash + fingerprint (documents) -> 8. classify (off the event loop) ->
9. in one savepoint each, several articles of a gate round to a transaction: save with
dedupe (store), then the track flow (monitor.track: observations, stances, queued
alerts), whose report joins the poll report.

Modules: `flow` (the feed poll, steps 1-3, and its outcome), `entries` (the per-article
path, steps 4-8, with per-entry isolation and backoff), `gate` (publication order across
the polls that finish together), `batch` (step 9), `records` (options and reports).
"""

from monitor.ingest.batch import source_of
from monitor.ingest.entries import (
    ENTRY_MAX_ATTEMPTS,
    ENTRY_RETRY_BASE,
    ENTRY_RETRY_CAP,
    Entries,
    charset_of,
    entry_due,
    entry_retry_at,
)
from monitor.ingest.flow import Ingestor
from monitor.ingest.records import (
    Classifier,
    Clock,
    IngestOptions,
    Item,
    PollReport,
    Progress,
    utcnow,
)

__all__ = [
    "ENTRY_MAX_ATTEMPTS",
    "ENTRY_RETRY_BASE",
    "ENTRY_RETRY_CAP",
    "Classifier",
    "Clock",
    "Entries",
    "IngestOptions",
    "Ingestor",
    "Item",
    "PollReport",
    "Progress",
    "charset_of",
    "entry_due",
    "entry_retry_at",
    "source_of",
    "utcnow",
]
