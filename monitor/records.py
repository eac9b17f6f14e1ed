"""Immutable records that cross module boundaries: the vocabulary of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from monitor.errors import WarningKind


class FeedKind(StrEnum):
    RSS = "rss"  # RSS, Atom and RDF: feedparser tells them apart
    JSON = "json"  # JSON Feed 1.x
    CORPUS = "corpus"  # a local directory of .txt / .html files


@dataclass(frozen=True, slots=True)
class FeedDef:
    """One feed as defined in a `feeds/*.toml` file (the source of truth)."""

    name: str
    url: str
    kind: FeedKind
    interval_s: int = 900
    tags: tuple[str, ...] = ()
    fetch_pages: bool = True
    # Private addresses this feed, its redirects, article links and robots.txt may reach:
    # "host:port", "host" or a network ("10.1.2.0/24"); checked on the address connected to.
    allow_hosts: tuple[str, ...] = ()
    allow_private: bool = False  # shorthand: every private/loopback address (tests only)
    enabled: bool = True
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a parsed feed: a link to an article, maybe with its content."""

    url: str
    title: str = ""
    published: datetime | None = None
    author: str = ""
    summary: str = ""
    content_html: str = ""  # feed-supplied full content when present
    guid: str = ""


@dataclass(frozen=True, slots=True)
class FeedWarning:
    """One kind of thing a parse worked around, and how often."""

    kind: WarningKind
    count: int = 1
    detail: str = ""

    def __str__(self) -> str:
        times = f" x{self.count}" if self.count > 1 else ""
        return f"{self.kind}{times}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: tuple[Entry, ...]
    warnings: tuple[FeedWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What the fetcher got: body and validators, or a 304."""

    url: str  # the URL finally answered (after redirects)
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: str | None = None  # new URL when every hop was 301/308
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """The result of extraction: main text plus metadata, before normalization."""

    title: str
    text: str
    canonical_url: str | None = None
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    description: str | None = None
    date_source: str | None = None  # "meta", "json-ld", "time", "text", "feed"


@dataclass(frozen=True, slots=True)
class Document:
    """A normalized article ready to store: the text, its hash and fingerprint (LSH keys)."""

    content_hash: str  # full SHA-256 hex of the normalized text
    text: str
    title: str
    url: str
    canonical_url: str
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    feed: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    lsh_keys: tuple[int, ...] = ()  # MinHash LSH band keys: near-duplicate candidates
    # The sorted distinct shingle hashes the keys were made from (uint64, this machine's
    # byte order; empty: not known): the store's near-duplicate check reads them instead
    # of hashing the text again. Derived from `text`, so not part of equality.
    shingles: bytes = field(default=b"", compare=False, repr=False)

    @property
    def id(self) -> str:
        """The article id shown everywhere: the first 16 hex digits of the hash."""
        return self.content_hash[:16]
