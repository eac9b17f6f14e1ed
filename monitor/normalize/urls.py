"""Canonical URLs: the form under which an article URL is stored and looked up."""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that identify a campaign or a click, never the document.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "mtm_", "hsa_", "_hs", "oly_")
_TRACKING_KEYS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mkt_tok",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "cmp",
        "ncid",
        "ref",
        "ref_src",
        "referrer",
        "source",
        "src",
        "smid",
        "sr_share",
        "share",
        "at_medium",
        "at_campaign",
        "spm",
        "taid",
        "guccounter",
        "rss",
        "feature",
        "__twitter_impression",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in _TRACKING_KEYS or k.startswith(_TRACKING_PREFIXES)


# Asked four times per new entry (the known-URL look-up, the document's two URLs):
# urlsplit, parse_qsl and urlencode cost ~3 us each time.
@functools.lru_cache(maxsize=4096)
def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default port, fragment and tracking parameters.

    >>> canonicalize_url("HTTPS://Example.com:443/a/b?utm_source=x&id=7#top")
    'https://example.com/a/b?id=7'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))
