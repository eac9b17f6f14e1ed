"""robots.txt for article pages: fetched through the guarded fetcher, cached per origin.

The rules are read by Protego (RFC 9309: `*` and `$` wildcards, the longest matching
rule wins, Allow beats Disallow on a tie), not by the standard library's parser, which
knows no wildcards and takes the first matching rule: it fetched pages a site forbids
(`Disallow: /*.pdf$`) and refused pages it allows (`Allow: /news/public/` under
`Disallow: /news/`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from protego import Protego

from monitor.errors import (
    BlockedAddressError,
    ErrorKind,
    PermanentFetchError,
    TransientFetchError,
)
from monitor.fetch.addresses import NO_PRIVATE, AllowList
from monitor.records import FetchResult

_MAX_ORIGINS = 4096


class FetchFunction(Protocol):
    async def __call__(
        self,
        url: str,
        *,
        allow: AllowList | None = ...,
        accept: str | None = ...,
        max_bytes: int | None = ...,
    ) -> FetchResult: ...


@dataclass(frozen=True, slots=True)
class _Rules:
    parser: Protego | None  # None: everything allowed
    expires_at: float


class RobotsCache:
    """Answers "may this agent fetch this URL?" from each origin's robots.txt.

    Following RFC 9309: a robots.txt that is missing or refused (4xx) allows everything
    and is cached for `ttl_s`; one that fails to load (5xx, timeout) also allows, but is
    retried after `error_ttl_s`.
    """

    def __init__(
        self,
        fetch: FetchFunction,
        *,
        agent: str,
        ttl_s: float,
        error_ttl_s: float,
        max_bytes: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._agent = agent
        self._ttl_s = ttl_s
        self._error_ttl_s = error_ttl_s
        self._max_bytes = max_bytes
        self._clock = clock
        self._rules: dict[str, _Rules] = {}
        self._loading: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str, *, allow: AllowList = NO_PRIVATE) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower()
        rules = self._rules.get(origin)
        if rules is None or rules.expires_at <= self._clock():
            # One load per origin at a time; the others wait for its answer.
            lock = self._loading.setdefault(origin, asyncio.Lock())
            async with lock:
                rules = self._rules.get(origin)
                if rules is None or rules.expires_at <= self._clock():
                    rules = await self._load(origin, allow)
                    self._remember(origin, rules)
            if not lock.locked():
                self._loading.pop(origin, None)
        return rules.parser is None or rules.parser.can_fetch(url, self._agent)

    async def _load(self, origin: str, allow: AllowList) -> _Rules:
        try:
            result = await self._fetch(
                f"{origin}/robots.txt",
                allow=allow,
                accept="text/plain",
                max_bytes=self._max_bytes,
            )
        except BlockedAddressError:
            raise  # the page itself would be refused; say so now
        except TransientFetchError as exc:
            # An empty robots.txt is a valid one that forbids nothing (RFC 9309 2.2.1).
            ttl = self._ttl_s if exc.kind is ErrorKind.EMPTY_BODY else self._error_ttl_s
            return _Rules(None, self._clock() + ttl)
        except PermanentFetchError:
            return _Rules(None, self._clock() + self._ttl_s)
        parser = Protego.parse(result.body.decode("utf-8", "replace"))
        return _Rules(parser, self._clock() + self._ttl_s)

    def _remember(self, origin: str, rules: _Rules) -> None:
        if len(self._rules) >= _MAX_ORIGINS:
            now = self._clock()
            for key in [k for k, r in self._rules.items() if r.expires_at <= now]:
                del self._rules[key]
            if len(self._rules) >= _MAX_ORIGINS:  # all fresh: drop the oldest entry
                del self._rules[next(iter(self._rules))]
        self._rules[origin] = rules
