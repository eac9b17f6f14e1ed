"""Cut elements that never hold article text out of the HTML before it is parsed."""

from __future__ import annotations

import re

# Parsing these costs about a third of the parse time of a typical news page, and the
# extractor drops them anyway (a <header> only when it is not most of the page).
_OPENING = re.compile(r"<(style|nav|footer|aside|header|svg|select)[\s/>]")
_MAX_HEADER_SHARE = 0.2  # of the page's characters: a larger <header> may wrap the story


def cut_unused(html: str) -> str:
    """`html` without its style, nav, footer, aside, svg and select elements, and headers
    that are not a large part of the page.

    Left for the parser (and dropped after parsing): an element without an end tag, one
    holding JSON-LD or <meta> tags, and any match inside a script or comment.

    >>> cut_unused('<p>a</p><nav><a href="/">Home</a></nav><p>b</p>')
    '<p>a</p><p>b</p>'
    """
    find = html.find
    parts: list[str] = []
    kept = 0  # html[kept:] is not yet in parts
    scan = 0
    while (match := _OPENING.search(html, scan)) is not None:
        start, after = match.start(), match.end()
        raw_end = _raw_end(html, scan, start)
        if raw_end is not None:  # the match is text of a script or comment: skip past it
            if raw_end < 0:
                break
            scan = raw_end
            continue
        name = match.group(1)
        close = find("</" + name, after)
        end = find(">", close) if close >= 0 else -1
        if end < 0:
            break
        scan = end + 1
        if name == "header" and (
            close - start > _MAX_HEADER_SHARE * len(html) or _holds_byline(html, after, close)
        ):
            continue
        if name == "style" or not _holds_metadata(html, after, close):
            parts.append(html[kept:start])
            kept = scan
    if not parts:
        return html
    parts.append(html[kept:])
    return "".join(parts)


def _raw_end(html: str, scan: int, start: int) -> int | None:
    """Where the script or comment holding `start` ends (-1: never); None if none does.

    Searching backwards stops at the nearest opening or closing, so this stays cheap.
    """
    for opening, closing in (("<script", "</script"), ("<!--", "-->")):
        if html.rfind(opening, scan, start) > html.rfind(closing, scan, start):
            return html.find(closing, start)
    return None


def _holds_metadata(html: str, start: int, end: int) -> bool:
    return html.find("ld+json", start, end) >= 0 or html.find("<meta", start, end) >= 0


def _holds_byline(html: str, start: int, end: int) -> bool:
    # An article's <header> carries its author and date, which the metadata reader uses.
    return html.find("author", start, end) >= 0 or html.find("<time", start, end) >= 0
