"""Turn a cleaned container into text lines: one per block, link-only lines dropped."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from monitor.extract.boilerplate import RELATED_HEADING_MAX, is_related_heading, strip_controls
from monitor.extract.nodes import TAG_ID

BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "header", "address", "center",
    "details", "summary", "fieldset", "hr",
)  # fmt: skip
_BLOCK_IDS = frozenset(TAG_ID[t] for t in BLOCK_TAGS)
_CELL_IDS = frozenset((TAG_ID["td"], TAG_ID["th"]))
_A, _BR, _LI = TAG_ID["a"], TAG_ID["br"], TAG_ID["li"]
# Control characters never found in page text mark block edges and link spans.
BREAK = "\x1e"
ITEM = "\x1f"  # follows the BREAK that opens a list item
SOFT = "\x1d"  # follows the BREAK of a <br>, which may split a sentence
_SENTENCE_END = tuple('.!?:;…"”’»)')
LINK_OPEN = "\x02"
LINK_CLOSE = "\x03"
LINK_LINE_SHARE = 0.8  # a short line with more link text than this is navigation
LINK_LINE_MAX = 200


def emit_lines(container: LexborNode) -> list[str]:
    """The container's text, one whitespace-normalised line per block, in page order;
    list items after a "More stories" heading are left out with it.

    Marks the tree in place (block edges, link spans), so call it last.
    """
    # Collect first, then insert: the walk must not see the tree change under it.
    marked = [(n, n.tag_id) for n in container.traverse()]
    for node, tag_id in marked:
        if tag_id in _BLOCK_IDS:
            node.insert_before(BREAK)
            node.insert_after(BREAK)
        elif tag_id == _A:
            node.insert_before(LINK_OPEN)
            node.insert_after(LINK_CLOSE)
        elif tag_id == _LI:
            node.insert_before(BREAK + ITEM)
            node.insert_after(BREAK)
        elif tag_id == _BR:
            node.insert_after(BREAK + SOFT)
        elif tag_id in _CELL_IDS:
            node.insert_after(" ")
    lines: list[str] = []
    in_related = False
    for chunk in container.text_lexbor().split(BREAK):
        if not chunk or chunk.isspace():  # most chunks: the gap between two block edges
            continue
        item = chunk.startswith(ITEM)
        soft = chunk.startswith(SOFT)
        line = " ".join(chunk.split())  # the markers are whitespace to str.split
        if not line:
            continue
        if in_related and item:
            continue
        # Most lines are paragraphs, far longer than any heading: skip the call for them.
        in_related = len(line) <= RELATED_HEADING_MAX and is_related_heading(line)
        if in_related:
            continue
        if LINK_OPEN in line:
            line, linked = _unmark_links(line)
            if linked > LINK_LINE_SHARE * len(line) and len(line) < LINK_LINE_MAX:
                continue
        if not line.isprintable():
            line = strip_controls(line)
        if not line:
            continue
        if soft and lines and line[0].islower() and not lines[-1].endswith(_SENTENCE_END):
            lines[-1] += " " + line  # a <br> inside a sentence
        else:
            lines.append(line)
    return lines


def _unmark_links(line: str) -> tuple[str, int]:
    """Remove link markers; return the clean line and how many characters were linked."""
    linked = 0
    for part in line.split(LINK_OPEN)[1:]:
        linked += len(part.partition(LINK_CLOSE)[0])
    clean = " ".join(line.replace(LINK_OPEN, "").replace(LINK_CLOSE, "").split())
    return clean, linked
