"""Turn an extracted article into a storable Document: normalize, hash, fingerprint (pure)."""

from __future__ import annotations

from monitor.normalize import canonicalize_url, content_hash, normalize_text
from monitor.normalize.fingerprint import fingerprint_and_shingles
from monitor.records import Document, Entry, ExtractedArticle

# Dates read from the page's own metadata beat the feed's; a date found only in the page
# text is the weakest (scraped pages carry wrong datelines), so the feed's beats it.
_STRONG_DATE_SOURCES = frozenset({"meta", "json-ld", "time"})
MIN_TEXT_CHARS = 80


def to_document(
    extracted: ExtractedArticle,
    *,
    url: str,
    feed: str | None,
    entry: Entry | None = None,
) -> Document | None:
    """A Document, or None when the extracted text is too short to be an article.

    >>> from monitor.records import ExtractedArticle
    >>> art = ExtractedArticle(title="T", text="word " * 30)
    >>> doc = to_document(art, url="https://x.test/a?utm_source=y", feed="f")
    >>> doc.canonical_url, len(doc.id)
    ('https://x.test/a', 16)
    """
    text = normalize_text(extracted.text)
    if len(text) < MIN_TEXT_CHARS:
        return None
    published = extracted.published
    weak = published is None or extracted.date_source not in _STRONG_DATE_SOURCES
    if entry is not None and entry.published is not None and weak:
        published = entry.published
    canonical = canonicalize_url(extracted.canonical_url or url)
    raw = canonicalize_url(url)
    title = normalize_text(extracted.title or (entry.title if entry else "")).replace("\n", " ")
    keys, shingles = fingerprint_and_shingles(text)
    return Document(
        content_hash=content_hash(text),
        text=text,
        title=title,
        url=url,
        canonical_url=canonical,
        published=published,
        author=extracted.author or (entry.author if entry else None) or None,
        language=extracted.language,
        feed=feed,
        aliases=tuple(u for u in {raw, url} if u != canonical),
        lsh_keys=keys,
        shingles=shingles.tobytes(),
    )
