"""The project's exceptions and the one vocabulary of error kinds stored and shown.

    MonitorError
    ├── ConfigError             bad setting or feed file; names the key and the file
    │   └── ConfigErrors            several of them, found in one pass, reported at once
    ├── FetchError              carries url and kind; .transient says whether a retry may help
    │   ├── TransientFetchError     timeouts, connection errors, 429, 5xx (retry_after)
    │   └── PermanentFetchError     404/410, 401/403, TLS, bad scheme
    │       ├── BlockedAddressError     private/loopback/link-local/metadata target
    │       ├── TooLargeError           body past the size cap (raw or decoded)
    │       └── TooManyRedirectsError
    ├── ParseError              a feed or document that cannot be parsed (or is hostile)
    └── DeliveryError           an alert channel failed; .transient, .retry_after, .kind

Every error carries an `ErrorKind`; `error_kind(exc)` gives it for any exception, so a
failure stored on a feed or a delivery always has one of the kinds below, and
`internal_error` (an exception none of our adapters translated) is a bug.

Expected outcomes (not modified, already seen, duplicate) are return values, not errors.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """Why a fetch, a parse or a delivery failed; the `kind` column of feeds and deliveries."""

    TIMEOUT_TOTAL = "timeout_total"  # the whole fetch past its deadline (slow drip)
    TIMEOUT_CONNECT = "timeout_connect"  # no TCP/TLS connection in time (or DNS)
    TIMEOUT_READ = "timeout_read"  # the server went quiet mid-answer
    CONNECT_ERROR = "connect_error"  # refused, reset, no such host: nothing answered
    TOO_LARGE = "too_large"  # body past the cap, raw or decompressed
    TOO_MANY_REDIRECTS = "too_many_redirects"
    BLOCKED_PRIVATE_ADDRESS = "blocked_private_address"  # not on the allow-list, or metadata
    BLOCKED_SCHEME = "blocked_scheme"  # javascript:, file:, ftp: ... or a URL that is no URL
    HTTP_4XX = "http_4xx"
    HTTP_429 = "http_429"
    HTTP_5XX = "http_5xx"
    EMPTY_BODY = "empty_body"  # a 200 with nothing in it, or a 204
    NOT_A_FEED = "not_a_feed"  # an HTML page, an image, random bytes
    PARSE_ERROR = "parse_error"  # broken, too deep, or past the parse budget
    DTD_FORBIDDEN = "dtd_forbidden"  # entity declarations or an internal DTD subset
    PROTOCOL_ERROR = "protocol_error"  # bad HTTP: huge headers, bad encoding, TLS failure
    ROBOTS_DISALLOWED = "robots_disallowed"  # an article page robots.txt keeps us from
    GONE = "gone"  # a webhook receiver answering 410: the channel is disabled
    IO_ERROR = "io_error"  # a local corpus file or folder that cannot be read
    CONFIG_ERROR = "config_error"
    INTERNAL_ERROR = "internal_error"  # a bug: an exception nobody translated


class WarningKind(StrEnum):
    """Something a successful poll worked around; stored on the feed, shown with errors."""

    ENCODING_FALLBACK = "encoding_fallback"  # no usable charset declared; it was detected
    ITEM_WITHOUT_LINK = "item_without_link"  # skipped: never given the feed's own URL
    LINK_TOO_LONG = "link_too_long"  # skipped: a cut URL would fetch a different page
    FIELD_TRUNCATED = "field_truncated"  # a title, author or summary cut to its limit
    DUPLICATE_ITEM = "duplicate_item"  # the same GUID or link again in one document


class MonitorError(Exception):
    """Base of every error the monitor raises on purpose."""

    kind: ErrorKind = ErrorKind.INTERNAL_ERROR


class ConfigError(MonitorError):
    kind = ErrorKind.CONFIG_ERROR

    def __init__(self, message: str, *, key: str | None = None, source: str | None = None):
        where = " ".join(p for p in (f"[{source}]" if source else "", key or "") if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.key = key
        self.source = source


class ConfigErrors(ConfigError):
    """Every problem one validation pass found, so that a user fixes them all in one go.
    `key` and `source` are those of the first; `problems` lists each one."""

    def __init__(self, problems: list[ConfigError]):
        MonitorError.__init__(self, "\n".join(str(p) for p in problems))
        self.key = problems[0].key if problems else None
        self.source = problems[0].source if problems else None
        self.problems = tuple(problems)


class FetchError(MonitorError):
    transient = False
    kind = ErrorKind.PROTOCOL_ERROR

    def __init__(
        self,
        message: str,
        *,
        url: str,
        retry_after: float | None = None,
        kind: ErrorKind | None = None,
    ):
        super().__init__(f"{message} ({url})")
        self.url = url
        self.retry_after = retry_after
        if kind is not None:
            self.kind = kind


class TransientFetchError(FetchError):
    transient = True
    kind = ErrorKind.CONNECT_ERROR


class PermanentFetchError(FetchError):
    transient = False


class BlockedAddressError(PermanentFetchError):
    kind = ErrorKind.BLOCKED_PRIVATE_ADDRESS


class TooLargeError(PermanentFetchError):
    kind = ErrorKind.TOO_LARGE


class TooManyRedirectsError(PermanentFetchError):
    kind = ErrorKind.TOO_MANY_REDIRECTS


class ParseError(MonitorError):
    kind = ErrorKind.PARSE_ERROR

    def __init__(self, message: str, *, url: str | None = None, kind: ErrorKind | None = None):
        super().__init__(f"{message} ({url})" if url else message)
        self.url = url
        if kind is not None:
            self.kind = kind


class DeliveryError(MonitorError):
    def __init__(
        self,
        message: str,
        *,
        transient: bool = True,
        retry_after: float | None = None,
        kind: ErrorKind = ErrorKind.CONNECT_ERROR,
    ):
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        self.kind = kind


def error_kind(exc: BaseException) -> ErrorKind:
    """The kind to store for any exception a fetch, parse or delivery ended with.

    >>> error_kind(TooLargeError("too big", url="http://example.org/"))
    <ErrorKind.TOO_LARGE: 'too_large'>
    >>> error_kind(KeyError("x"))
    <ErrorKind.INTERNAL_ERROR: 'internal_error'>
    """
    if isinstance(exc, MonitorError):
        return exc.kind
    if isinstance(exc, OSError):
        return ErrorKind.IO_ERROR
    return ErrorKind.INTERNAL_ERROR
