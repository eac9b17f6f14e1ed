"""Extract an article from a plain-text document such as a scraped corpus file (pure)."""

from __future__ import annotations

from monitor.extract.boilerplate import strip_boilerplate
from monitor.extract.dates import dateline
from monitor.records import ExtractedArticle

MAX_TITLE = 200


def extract_text_document(text: str) -> ExtractedArticle:
    """Boilerplate-free text, its first line as title, and a dateline date if one exists.

    The date is the weakest kind ("text"): scraped datelines are often wrong, so callers
    should prefer any date from a feed or metadata.

    >>> art = extract_text_document("Menu\\nPoland says no\\nPoland will not send troops.")
    >>> art.title, art.text
    ('Poland says no', 'Poland says no\\n\\nPoland will not send troops.')
    """
    published = next((d for d in map(dateline, text.splitlines()) if d is not None), None)
    body = strip_boilerplate(text)
    return ExtractedArticle(
        title=_title(body),
        text=body,
        published=published,
        date_source="text" if published is not None else None,
    )


def _title(body: str) -> str:
    first = body.split("\n", 1)[0]
    if len(first) <= MAX_TITLE:
        return first
    cut = first[:MAX_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
