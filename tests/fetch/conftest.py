"""Fixtures for the fetcher tests: a local HTTP server and a fetcher with short timeouts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from monitor.fetch import Fetcher, FetchSettings
from tests.support.httpserver import HttpServer

# Short enough that a hanging test fails in seconds, long enough for a loaded CI box.
TEST_SETTINGS = FetchSettings(
    user_agent="monitor-tests/0.1 (+https://example.org/monitor-tests)",
    connect_timeout_s=2.0,
    read_timeout_s=3.0,
    total_timeout_s=5.0,
    max_bytes=1024 * 1024,
)


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    with HttpServer() as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(TEST_SETTINGS) as client:
        yield client
