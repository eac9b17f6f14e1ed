"""Feed parsing off the event loop, within a time budget and a bounded number of threads.

feedparser is pure Python: a 10,000-item feed takes seconds, and on the event loop that
stalls every other poll and the web UI. Here each parse runs in a worker thread (the
loop keeps its turn every few milliseconds of the GIL's switch interval), and a parse
past its budget ends the poll with `parse_error` instead of a stall. A thread cannot be
stopped, so a runaway parse keeps its slot until it returns; the input caps (body size,
nesting depth, no DTDs, no lenient parse of large broken documents) bound how long that is.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from functools import partial

from monitor.errors import ParseError
from monitor.records import FeedKind, ParsedFeed
from monitor.sources.entries import MAX_ENTRIES
from monitor.sources.parse import parse_feed

DEFAULT_BUDGET_S = 15.0
DEFAULT_WORKERS = 2


class FeedParser:
    """`await parser.parse(body, kind, url)`: parse_feed in a worker thread, with a budget."""

    def __init__(
        self, *, budget_s: float = DEFAULT_BUDGET_S, workers: int = DEFAULT_WORKERS
    ) -> None:
        self.budget_s = budget_s
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="feed-parse"
        )
        self._slots = asyncio.BoundedSemaphore(workers)

    async def parse(
        self,
        body: bytes,
        kind: FeedKind,
        base_url: str,
        *,
        charset: str | None = None,
        max_entries: int = MAX_ENTRIES,
    ) -> ParsedFeed:
        await self._slots.acquire()
        job = partial(parse_feed, body, kind, base_url, charset=charset, max_entries=max_entries)
        future = asyncio.get_running_loop().run_in_executor(self._executor, job)
        # The slot is given back when the thread is done, not when we stop waiting.
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.budget_s)
        except TimeoutError:
            future.add_done_callback(_drop_result)
            raise ParseError(
                f"parse took more than {self.budget_s:g} s; abandoned", url=base_url
            ) from None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _drop_result(future: asyncio.Future[ParsedFeed]) -> None:
    if not future.cancelled():
        future.exception()  # retrieved, so asyncio does not log it as never awaited
