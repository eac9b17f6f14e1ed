"""Feed bytes whose charset is missing or wrong: detected, transcoded to UTF-8, reported.

feedparser falls back to windows-1252 when a document is not what it declares (or
declares nothing and is not UTF-8), which turns a cp1251 feed into mojibake without a
word. Here such a body is detected with charset-normalizer (already installed with
httpx) and handed on as UTF-8, and the caller records an `encoding_fallback` warning.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from monitor.extract.charset import declared_charset, decode_html

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?\?>", re.IGNORECASE)
_DECL_ENCODING = re.compile(rb"""\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Detection reads a sample: enough text to tell Cyrillic code pages apart, bounded cost.
_SAMPLE_BYTES = 64 * 1024
# Classic Mac code pages are all but absent from the web, yet on short Cyrillic text
# mac_cyrillic scores next to cp1251 (they differ in capitals); never guess them.
_NEVER_GUESSED = [
    "mac_cyrillic",
    "mac_greek",
    "mac_iceland",
    "mac_latin2",
    "mac_roman",
    "mac_turkish",
]


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def detect_charset(body: bytes) -> str:
    """The most likely codec of `body` (cp1252 when nothing fits better)."""
    best = from_bytes(body[:_SAMPLE_BYTES], cp_exclusion=_NEVER_GUESSED).best()
    return _codec(best.encoding if best is not None else None) or "cp1252"


def xml_as_utf8(body: bytes, header_charset: str | None = None) -> tuple[bytes, str | None]:
    """The XML document as UTF-8 bytes, and the detected codec when one had to be guessed.

    A document that decodes as it declares (HTTP charset, then XML declaration, then
    UTF-8) is returned untouched with None.

    >>> xml_as_utf8(b'<?xml version="1.0"?><rss><title>ok</title></rss>')[1] is None
    True
    """
    if body.startswith(_BOMS):
        return body, None
    decl = _XML_DECL.match(body)
    declared = _DECL_ENCODING.search(decl.group(0)) if decl else None
    codec = _codec(header_charset) or _codec(declared.group(1).decode() if declared else None)
    if _decodes(body, codec or "utf-8"):
        return body, None
    detected = detect_charset(body)
    text = body.decode(detected, errors="replace").encode("utf-8")
    if decl is not None:
        # The old declaration names the wrong charset now; keep the rest of it.
        head = _XML_DECL.match(text)
        if head is not None:
            fixed = _DECL_ENCODING.sub(b"", head.group(0))
            text = fixed + text[head.end() :]
    return text, detected


def text_of(body: bytes) -> tuple[str, str | None]:
    """JSON (or any text) as str: UTF-8 as RFC 8259 asks, else detected and reported.

    >>> text_of(b'{"a": 1}')
    ('{"a": 1}', None)
    """
    try:
        return body.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        detected = detect_charset(body)
        return body.decode(detected, errors="replace"), detected


def decode_page(body: bytes, header_charset: str | None = None) -> tuple[str, str | None]:
    """An HTML page as text, and the detected codec when the page declared none that fits.

    A BOM, the HTTP charset or a <meta charset> win (the HTML standard's order); an
    undeclared page that is not UTF-8 (a cp1251 news site) is detected, not mangled.

    >>> decode_page("<p>Привет, мир! Польша готова направить войска.".encode("cp1251"))[1]
    'cp1251'
    """
    if header_charset or body.startswith(_BOMS) or declared_charset(body):
        return decode_html(body, header_charset), None
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError:
        detected = detect_charset(body)
        return body.decode(detected, errors="replace"), detected
