"""Extract an article from a plain-text document such as a scraped corpus file (pure)."""

from __future__ import annotations

from datetime import datetime

from monitor.extract.boilerplate import strip_boilerplate
from monitor.extract.dates import dateline
from monitor.records import ExtractedArticle

MAX_TITLE = 200


def extract_text_document(text: str, *, now: datetime | None = None) -> ExtractedArticle:
    """Boilerplate-free text, its first line as title, and a dateline date if one exists.

    The date is the weakest kind ("text"): scraped datelines are often wrong, so callers
    should prefer any date from a feed or metadata. Only a dateline below the headline
    counts: a date above it is the page header's (a site clock or edition date printed
    on every page, as in seed 002), not the article's. No dateline: date unknown.

    >>> art = extract_text_document("Menu\\nPoland says no\\nPoland will not send troops.")
    >>> art.title, art.text
    ('Poland says no', 'Poland says no\\n\\nPoland will not send troops.')
    """
    body = strip_boilerplate(text)
    lines = text.splitlines()
    below = lines[_headline_at(lines, body.split("\n", 1)[0]) + 1 :]
    published = next((d for d in (dateline(x, now=now) for x in below) if d is not None), None)
    return ExtractedArticle(
        title=_title(body),
        text=body,
        published=published,
        date_source="text" if published is not None else None,
    )


def _headline_at(lines: list[str], headline: str) -> int:
    """Index of the raw line holding the headline (-1 when it cannot be found)."""
    probe = " ".join(headline.split())[:60]
    for i, raw in enumerate(lines):
        if probe and probe in " ".join(raw.split()):
            return i
    return -1


def _title(body: str) -> str:
    first = body.split("\n", 1)[0]
    if len(first) <= MAX_TITLE:
        return first
    cut = first[:MAX_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
