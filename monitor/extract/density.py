"""Text density: where a page's paragraphs cluster, found without any class names."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from monitor.extract.nodes import text_len

MIN_PARAGRAPH = 25  # characters; shorter blocks are labels, buttons, bylines
_NESTED_BLOCKS = (
    "div, p, ul, ol, dl, table, section, article, blockquote, pre, form, header, "
    "h1, h2, h3, h4, h5, h6"
)
# A <div> or <td> with no block inside is a paragraph written without <p>.
LEAF_SELECTOR = f"p, pre, div:not(:has({_NESTED_BLOCKS})), td:not(:has({_NESTED_BLOCKS}))"
INLINE_TAGS = frozenset(
    {"span", "a", "b", "i", "em", "strong", "u", "font", "small", "big", "sup", "sub", "mark"}
)


def paragraphs(root: LexborNode) -> list[tuple[LexborNode, int]]:
    """Text blocks under `root` with their lengths: <p>, <pre>, leaf <div>/<td>, <br> runs."""
    found = []
    seen: set[int] = set()
    for node in root.css(LEAF_SELECTOR):
        seen.add(node.mem_id)
        length = text_len(node)
        if length >= MIN_PARAGRAPH:
            found.append((node, length))
    for br in root.css("br"):
        block = br.parent
        while block is not None and block.tag in INLINE_TAGS:
            block = block.parent
        if block is None or block.mem_id in seen:
            continue
        seen.add(block.mem_id)
        # Text broken by <br> straight inside a block that also holds other blocks.
        length = len(block.text(deep=False).strip())
        if length >= MIN_PARAGRAPH:
            found.append((block, length))
    return found


def paragraph_text(root: LexborNode) -> int:
    """How many characters of `root` are paragraph text."""
    return sum(length for _, length in paragraphs(root))


def densest(root: LexborNode) -> LexborNode:
    """The element whose children hold the most paragraph text (parents count in full,
    grandparents half, great-grandparents a quarter), or `root` when there is none."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for block, length in paragraphs(root):
        node = block.parent if block.tag in ("p", "pre") else block
        weight = 1.0
        for _ in range(3):
            if node is None:
                break
            key = node.mem_id
            scores[key] = scores.get(key, 0.0) + length * weight
            nodes[key] = node
            node = node.parent
            weight /= 2
    if not scores:
        return root
    return nodes[max(scores, key=scores.__getitem__)]
