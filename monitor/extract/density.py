"""Text density: where a page's paragraphs cluster, found without any class names."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from monitor.extract.nodes import TAG_ID, text_len

MIN_PARAGRAPH = 25  # characters; shorter blocks are labels, buttons, bylines
_NESTED_BLOCKS = (
    "div, p, ul, ol, dl, table, section, article, blockquote, pre, form, header, "
    "h1, h2, h3, h4, h5, h6"
)
# A <div> or <td> with no block inside is a paragraph written without <p>.
LEAF_SELECTOR = f"p, pre, div:not(:has({_NESTED_BLOCKS})), td:not(:has({_NESTED_BLOCKS}))"
_PARAGRAPH_IDS = frozenset((TAG_ID["p"], TAG_ID["pre"]))
_PARAGRAPH_SELECTOR = f"{LEAF_SELECTOR}, br"
_BR = TAG_ID["br"]
_INLINE_IDS = frozenset(
    TAG_ID[t] for t in ("span", "a", "b", "i", "em", "strong", "u", "font", "small", "sup", "sub")
)


def paragraphs(root: LexborNode) -> list[tuple[LexborNode, int]]:
    """Text blocks under `root` with their lengths: <p>, <pre>, leaf <div>/<td>, <br> runs."""
    found = []
    seen: set[int] = set()
    # Document order puts a leaf block before the <br>s inside it.
    for node in root.css(_PARAGRAPH_SELECTOR):
        if node.tag_id != _BR:
            seen.add(node.mem_id)
            length = text_len(node)
            if length >= MIN_PARAGRAPH:
                found.append((node, length))
            continue
        block = node.parent
        while block is not None and block.tag_id in _INLINE_IDS:
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


@dataclass(frozen=True, slots=True)
class Density:
    node: LexborNode  # the element whose children hold the most paragraph text
    text: int  # paragraph characters up to three levels below it
    total: int  # paragraph characters on the whole page


def densest(root: LexborNode) -> Density:
    """The element whose children hold the most paragraph text (parents count in full,
    grandparents half, great-grandparents a quarter), or `root` when there is none."""
    scores: dict[int, float] = {}
    texts: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    # Paragraphs share parents: walk up from each parent once, not once per paragraph.
    chains: dict[int, list[tuple[int, float]]] = {}
    total = 0
    for block, length in paragraphs(root):
        total += length
        start = block.parent if block.tag_id in _PARAGRAPH_IDS else block
        if start is None:
            continue
        chain = chains.get(start.mem_id)
        if chain is None:
            chain = chains[start.mem_id] = []
            node: LexborNode | None = start
            weight = 1.0
            while node is not None and len(chain) < 3:
                nodes[node.mem_id] = node
                chain.append((node.mem_id, weight))
                node = node.parent
                weight /= 2
        for key, weight in chain:
            scores[key] = scores.get(key, 0.0) + length * weight
            texts[key] = texts.get(key, 0) + length
    if not scores:
        return Density(root, 0, 0)
    best = max(scores, key=scores.__getitem__)
    return Density(nodes[best], texts[best], total)
