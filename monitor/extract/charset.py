"""Decode page bytes: byte-order mark, then the page's own <meta> charset, then UTF-8."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_SNIFF_BYTES = 4096
# The HTML standard reads these labels as their Windows supersets.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Page bytes as text; undecodable bytes become U+FFFD rather than errors.

    The order is the HTML standard's: a byte-order mark, then the charset of the HTTP
    Content-Type header when the caller has one, then the page's own <meta>, then UTF-8.

    >>> decode_html(b'<meta charset="windows-1251"><p>\\xcf\\xf0\\xe8\\xe2\\xe5\\xf2')[-6:]
    'Привет'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    codec = _codec(header_charset) if header_charset else None
    return data.decode(codec or declared_charset(data) or "utf-8", errors="replace")


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by a <meta charset> near the top of the page, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    name = _codec(match.group(1).decode("ascii", errors="replace"))
    # A page that says UTF-16 in ASCII bytes is not UTF-16.
    return None if name is None or name.startswith(("utf-16", "utf-32")) else name


def _codec(label: str) -> str | None:
    label = label.strip().strip("\"'").lower()
    try:
        return codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None
