"""Storable, bounded text: what every parsed or extracted string passes before storage.

PostgreSQL refuses NUL in text and psycopg cannot encode lone surrogates; C0/C1
controls are never content, only trouble in a terminal or a log. Field limits keep a
hostile feed from turning a 100 KB link into a primary key.
"""

from __future__ import annotations

import re
from dataclasses import replace

from monitor.records import ExtractedArticle

# Documented limits (README "Limits"): characters, counted after cleaning.
MAX_TITLE = 1000
MAX_AUTHOR = 256
MAX_URL = 2048  # what browsers and CDNs reliably carry; longer links are refused
MAX_GUID = 2048
MAX_SUMMARY = 100_000

# C0 controls but tab and newline, DEL and C1 controls, and UTF-16 surrogates: in a
# Python str a surrogate is always lone (a pair would have been decoded to one char).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CR = re.compile("\r\n?")


def clean_text(text: str) -> str:
    """`text` without NUL, control characters (but newline and tab) and lone surrogates.

    Carriage returns become newlines, so "a\\rb" stays two lines.

    >>> clean_text("a\\x00b\\x1b[31m\\r\\nc\\ud800\\x85d\\te")
    'ab[31m\\ncd\\te'
    """
    # The common case, without a regex pass: ASCII whose only controls are newlines and
    # tabs (a carriage return is not printable, so it takes the pass). Extracted texts
    # have newlines, so `isprintable` alone sent every one through both substitutions.
    if text.isascii() and text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return _UNSTORABLE.sub("", _CR.sub("\n", text))


def bounded(text: str, limit: int) -> tuple[str, bool]:
    """`text` cleaned and cut to `limit` characters, and whether it was cut.

    >>> bounded("abcdef", 4)
    ('abc…', True)
    """
    text = clean_text(text)
    if len(text) <= limit:
        return text, False
    return text[: limit - 1] + "…", True


def one_line(text: str, limit: int) -> tuple[str, bool]:
    """A title or author: cleaned, whitespace runs to one space, cut to `limit`."""
    return bounded(" ".join(clean_text(text).split()), limit)


def storable_article(article: ExtractedArticle) -> ExtractedArticle:
    """An extracted article whose every text field can be stored (PostgreSQL included):
    cleaned, title and author cut to their limits, an over-long canonical URL dropped."""
    canonical = clean_text(article.canonical_url) if article.canonical_url else None
    return replace(
        article,
        title=one_line(article.title, MAX_TITLE)[0],
        text=clean_text(article.text),
        canonical_url=canonical if canonical and len(canonical) <= MAX_URL else None,
        author=one_line(article.author, MAX_AUTHOR)[0] or None if article.author else None,
        description=clean_text(article.description) if article.description else None,
        language=clean_text(article.language)[:16] or None if article.language else None,
    )
