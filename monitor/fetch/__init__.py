"""Fetching over HTTP for ingest: the guarded client, its settings and its retry policy."""

from monitor.fetch.fetcher import FEED_ACCEPT, PAGE_ACCEPT, Fetcher
from monitor.fetch.guard import Resolver, resolve_system
from monitor.fetch.retry import backoff_delay, parse_retry_after, should_disable
from monitor.fetch.settings import DEFAULT_USER_AGENT, FetchSettings

__all__ = [
    "DEFAULT_USER_AGENT",
    "FEED_ACCEPT",
    "PAGE_ACCEPT",
    "FetchSettings",
    "Fetcher",
    "Resolver",
    "backoff_delay",
    "parse_retry_after",
    "resolve_system",
    "should_disable",
]
