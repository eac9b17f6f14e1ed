"""Extract an article from an HTML page: main text plus metadata (pure)."""

from __future__ import annotations

from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from monitor.errors import ParseError
from monitor.extract.body import extract_body_lines
from monitor.extract.boilerplate import boilerplate_lines
from monitor.extract.charset import decode_html
from monitor.extract.dates import dateline
from monitor.extract.lines import emit_lines
from monitor.extract.meta import read_meta
from monitor.extract.precut import cut_unused
from monitor.extract.survey import survey
from monitor.records import ExtractedArticle

MAX_UNCLOSED_DIVS = 3000
MIN_BODY = 250  # characters; below this the container was probably wrong
LINKED_BODY_SHARE = 0.5  # use JSON-LD articleBody when the page body is shorter than this


def extract_article(
    html: str | bytes, url: str | None = None, *, now: datetime | None = None
) -> ExtractedArticle:
    """The main text of a page (one line per block, blank line between) and its metadata.

    `now` (the fetch time) resolves relative datelines ("2 hours ago"); without it
    they are no date.

    Raises ParseError only for pages built to stall a parser (thousands of nested tags).

    >>> page = '<title>No troops | Daily</title><article><p>Poland will not send troops.</p>'
    >>> art = extract_article(page)
    >>> art.title, art.text
    ('No troops', 'Poland will not send troops.')
    """
    page = cut_unused(decode_html(html) if isinstance(html, bytes) else html)
    # Parsing time grows with the square of nesting depth: refuse pages nested absurdly
    # deep (real pages leave a few dozen <div>s open, hostile ones thousands).
    opened = page.count("<div")
    if opened > MAX_UNCLOSED_DIVS and opened - page.count("</div") > MAX_UNCLOSED_DIVS:
        raise ParseError("page nested too deeply to parse safely", url=url)
    tree = LexborHTMLParser(page)
    found = survey(tree)
    meta = read_meta(tree, found, url, now=now)
    langs = (meta.language,) if meta.language else ()
    lines, text_date = _clean(extract_body_lines(tree, found), now, langs)
    text = "\n\n".join(lines)
    if len(text) < MIN_BODY:
        # The chosen container was too small: take every paragraph of the page instead.
        again = LexborHTMLParser(page)
        whole, _ = _clean(extract_body_lines(again, survey(again), whole_page=True), now, langs)
        if len("\n\n".join(whole)) > len(text):
            text = "\n\n".join(whole)
    linked = _linked_body(meta.linked_body)
    if linked and len(text) < LINKED_BODY_SHARE * len(linked):
        text = linked
    published, source = meta.published, meta.date_source
    if published is None and text_date is not None:
        published, source = text_date, "text"
    return ExtractedArticle(
        title=meta.title,
        text=text,
        canonical_url=meta.canonical_url,
        published=published,
        author=meta.author,
        language=meta.language,
        description=meta.description,
        date_source=source,
    )


def _clean(
    lines: list[str], now: datetime | None, languages: tuple[str, ...]
) -> tuple[list[str], datetime | None]:
    """Drop boilerplate and dateline lines; return the kept lines and the first dateline."""
    kept = []
    found: datetime | None = None
    for line, boilerplate in zip(lines, boilerplate_lines(lines), strict=True):
        if boilerplate:
            continue
        when = dateline(line, now=now, languages=(*languages, "en"))
        if when is not None:
            found = found or when
            continue
        kept.append(line)
    return kept, found


def _linked_body(body: str) -> str:
    if "<" in body and ">" in body:  # some sites put HTML in articleBody
        root = LexborHTMLParser(f"<div>{body}</div>").body
        return "\n\n".join(emit_lines(root)) if root is not None else ""
    return "\n\n".join(" ".join(p.split()) for p in body.splitlines() if p.strip())
