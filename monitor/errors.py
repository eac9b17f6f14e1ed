"""The project's exceptions.

    MonitorError
    ├── ConfigError             bad setting or feed file; names the key and the file
    ├── FetchError              carries url; .transient says whether a retry may help
    │   ├── TransientFetchError     timeouts, connection errors, 429, 5xx (retry_after)
    │   └── PermanentFetchError     404/410, 401/403, TLS, bad scheme
    │       ├── BlockedAddressError     private/loopback/link-local/metadata target
    │       ├── TooLargeError           body past the size cap (raw or decoded)
    │       └── TooManyRedirectsError
    ├── ParseError              a feed or document that cannot be parsed (or is hostile)
    └── DeliveryError           an alert channel failed; .transient, .retry_after

Expected outcomes (not modified, already seen, duplicate) are return values, not errors.
"""

from __future__ import annotations


class MonitorError(Exception):
    """Base of every error the monitor raises on purpose."""


class ConfigError(MonitorError):
    def __init__(self, message: str, *, key: str | None = None, source: str | None = None):
        where = " ".join(p for p in (f"[{source}]" if source else "", key or "") if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.key = key
        self.source = source


class FetchError(MonitorError):
    transient = False

    def __init__(self, message: str, *, url: str, retry_after: float | None = None):
        super().__init__(f"{message} ({url})")
        self.url = url
        self.retry_after = retry_after


class TransientFetchError(FetchError):
    transient = True


class PermanentFetchError(FetchError):
    transient = False


class BlockedAddressError(PermanentFetchError):
    pass


class TooLargeError(PermanentFetchError):
    pass


class TooManyRedirectsError(PermanentFetchError):
    pass


class ParseError(MonitorError):
    def __init__(self, message: str, *, url: str | None = None):
        super().__init__(f"{message} ({url})" if url else message)
        self.url = url


class DeliveryError(MonitorError):
    def __init__(self, message: str, *, transient: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
