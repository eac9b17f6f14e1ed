"""Feed parsing and article extraction off the event loop, each within a time budget.

feedparser is pure Python (a 10,000-item feed takes seconds) and extraction walks the
DOM in Python (deeply nested markup is worse than quadratic: 200 KB of nested <div>s
take 6 s, 5 MB would take hours). On the event loop that stalls every other poll and
the web UI; in a thread, a runaway parse cannot be stopped and keeps burning a core
until it returns. Here each runs in a worker process (monitor.sources.workers): past its
budget the worker is killed, the poll or page ends with `parse_error`, and the next
call gets a fresh worker. Input caps (body size, nesting depth, no DTDs) still apply
first; the budget is what holds when they are not enough.
"""

from __future__ import annotations

from datetime import datetime

from monitor.extract import extract_article
from monitor.records import ExtractedArticle, FeedKind, ParsedFeed
from monitor.sources.encoding import decode_page
from monitor.sources.entries import MAX_ENTRIES
from monitor.sources.parse import parse_feed
from monitor.sources.workers import ProcessPool

DEFAULT_BUDGET_S = 15.0  # a 10,000-item feed parses in about 3 s on an idle core
DEFAULT_EXTRACT_BUDGET_S = 5.0  # a large news page extracts in well under a second
DEFAULT_WORKERS = 2  # per pool: feed parsing, and page extraction


class FeedParser:
    """`await parser.parse(body, kind, url)` and `await parser.extract(html, url, now)`:
    parse_feed and extract_article in worker processes, each within its budget."""

    def __init__(
        self,
        *,
        budget_s: float = DEFAULT_BUDGET_S,
        extract_budget_s: float = DEFAULT_EXTRACT_BUDGET_S,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        self.budget_s = budget_s
        self.extract_budget_s = extract_budget_s
        # Two pools: pages that run to their budget never keep a feed waiting for its parse.
        self.pool = ProcessPool(workers)
        self.extract_pool = ProcessPool(workers)

    async def parse(
        self,
        body: bytes,
        kind: FeedKind,
        base_url: str,
        *,
        charset: str | None = None,
        max_entries: int = MAX_ENTRIES,
    ) -> ParsedFeed:
        return await self.pool.run(
            parse_feed,
            body,
            kind,
            base_url,
            charset=charset,
            max_entries=max_entries,
            budget_s=self.budget_s,
            url=base_url,
        )

    async def extract(self, html: str | bytes, url: str, *, now: datetime) -> ExtractedArticle:
        return await self.extract_pool.run(
            extract_article, html, url, now=now, budget_s=self.extract_budget_s, url=url
        )

    async def extract_page(
        self, body: bytes, url: str, *, charset: str | None, now: datetime
    ) -> tuple[ExtractedArticle, str | None]:
        """A fetched page's bytes decoded and extracted in a worker: the article, and the
        codec detected when the page declared none that fits (`decode_page`)."""
        return await self.extract_pool.run(
            extract_page, body, url, charset, now, budget_s=self.extract_budget_s, url=url
        )

    def close(self) -> None:
        self.pool.close()
        self.extract_pool.close()


def extract_page(
    body: bytes, url: str, charset: str | None, now: datetime
) -> tuple[ExtractedArticle, str | None]:
    """decode_page and extract_article, in the worker: the page crosses the process
    boundary once, as the bytes it came as (a str pickles as UTF-8 and is decoded again
    on the other side), and is decoded off the event loop."""
    html, detected = decode_page(body, charset)
    return extract_article(html, url, now=now), detected
