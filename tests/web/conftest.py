"""Fixtures of the web tests: one archive per session, and in-process clients of the app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from monitor.runstate import Runtime, ServiceState
from monitor.web import create_app
from tests.conftest import shared_path
from tests.web.archive import NOW, Archive, build_archive

BASE = "http://127.0.0.1"
ClientFactory = Callable[..., httpx.AsyncClient]


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """Read-only archive: fixtures, the demo corpus and (when present) ../shared seeds."""
    root = tmp_path_factory.mktemp("archive")
    return build_archive(root, seeds=shared_path() / "corpus" / "seeds")


@pytest.fixture
def fresh(tmp_path: Path) -> Archive:
    """An archive of its own, for tests that change it."""
    return build_archive(tmp_path)


def client_for(rt: Runtime, state: ServiceState | None = None) -> httpx.AsyncClient:
    app = create_app(rt, state, clock=lambda: NOW)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)


@pytest.fixture
async def client(archive: Archive) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(archive.rt) as c:
        yield c
