"""Turn a cleaned container into text lines: one per block, link-only lines dropped."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

BLOCK_TAGS = (
    "p, div, section, article, main, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, "
    "blockquote, pre, table, tr, header, address, center, details, summary, fieldset, hr, br"
)
# Control characters never found in page text mark block edges and link spans.
BREAK = "\x1e"
LINK_OPEN = "\x02"
LINK_CLOSE = "\x03"
LINK_LINE_SHARE = 0.8  # a short line with more link text than this is navigation
LINK_LINE_MAX = 200


def emit_lines(container: LexborNode) -> list[str]:
    """The container's text, one whitespace-normalised line per block, in page order.

    Marks the tree in place (block edges, link spans), so call it last.
    """
    for link in container.css("a"):
        link.insert_before(LINK_OPEN)
        link.insert_after(LINK_CLOSE)
    for block in container.css(BLOCK_TAGS):
        if block.tag == "br":
            block.insert_after(BREAK)
        else:
            block.insert_before(BREAK)
            block.insert_after(BREAK)
    for cell in container.css("td, th"):
        cell.insert_after(" ")
    lines = []
    for chunk in container.text().split(BREAK):
        line = " ".join(chunk.split())
        if not line:
            continue
        if LINK_OPEN in line:
            line, linked = _unmark_links(line)
            if linked > LINK_LINE_SHARE * len(line) and len(line) < LINK_LINE_MAX:
                continue
        if line:
            lines.append(line)
    return lines


def _unmark_links(line: str) -> tuple[str, int]:
    """Remove link markers; return the clean line and how many characters were linked."""
    linked = 0
    for part in line.split(LINK_OPEN)[1:]:
        linked += len(part.partition(LINK_CLOSE)[0])
    clean = " ".join(line.replace(LINK_OPEN, "").replace(LINK_CLOSE, "").split())
    return clean, linked
