"""Cut elements that never hold article text out of the HTML before it is parsed."""

from __future__ import annotations

import re

# Scripts and styles are over half the characters of a typical news page, and with the
# rest of these they cost about half its parse time; the extractor drops them anyway (a
# <header> only when it is not most of the page, a script only when it is not JSON-LD).
# Comments are matched too, so that nothing inside one (or inside a script) is taken for
# markup: the scan jumps past each in document order, as the parser's tokenizer would.
_NAMES = ("script", "style", "nav", "footer", "aside", "header", "svg", "select")
_OPENING = re.compile(rf"<(?:!--|({'|'.join(_NAMES)})[\s/>])")
_CLOSING = {name: "</" + name for name in _NAMES}
_MAX_HEADER_SHARE = 0.2  # of the page's characters: a larger <header> may wrap the story


def cut_unused(html: str) -> str:
    """`html` without its comments and script, style, nav, footer, aside, svg and select
    elements, and headers that are not a large part of the page.

    Left for the parser (and dropped after parsing): an element without an end tag, and
    one holding JSON-LD or <meta> tags.

    >>> cut_unused('<p>a</p><script>go("<p>")</script><nav><a href="/">Home</a></nav><p>b</p>')
    '<p>a</p><p>b</p>'
    """
    find = html.find
    parts: list[str] = []
    kept = 0  # html[kept:] is not yet in parts
    scan = 0
    while (match := _OPENING.search(html, scan)) is not None:
        start, name = match.start(), match.group(1)
        if name is None:
            # From "<!" on, so that "<!-->" and "<!--->" end where the parser ends them.
            close = find("-->", start + 2)
            end = close + 2 if close >= 0 else -1
        else:
            close = find(_CLOSING[name], match.end())
            end = find(">", close) if close >= 0 else -1
        if end < 0:
            break
        scan = end + 1
        if name == "header" and (
            close - start > _MAX_HEADER_SHARE * len(html) or _holds_byline(html, start, close)
        ):
            continue
        if name is None or name == "style" or not _holds_metadata(html, name, start, close):
            parts.append(html[kept:start])
            kept = scan
    if not parts:
        return html
    parts.append(html[kept:])
    return "".join(parts)


def _holds_metadata(html: str, name: str, start: int, end: int) -> bool:
    if name == "script":  # JSON-LD says so in its opening tag: the code is not scanned
        return html.find("ld+json", start, html.find(">", start, end) + 1) >= 0
    return html.find("ld+json", start, end) >= 0 or html.find("<meta", start, end) >= 0


def _holds_byline(html: str, start: int, end: int) -> bool:
    # An article's <header> carries its author and date, which the metadata reader uses.
    return html.find("author", start, end) >= 0 or html.find("<time", start, end) >= 0
