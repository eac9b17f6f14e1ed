"""Find the article body in a parsed page and return its text blocks."""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor.extract.density import Density, densest, paragraph_text
from monitor.extract.lines import emit_lines
from monitor.extract.names import (
    COMMENT_SELECTOR,
    CONTAINER_TIERS,
    is_boilerplate_name,
    is_comment_name,
)
from monitor.extract.nodes import (
    TAG_ID,
    ancestors,
    contains,
    link_share,
    outermost,
    text_len,
    unique,
)
from monitor.extract.survey import Survey

HIDDEN_SELECTOR = "[hidden], [aria-hidden=true], [style*=none], [style*=hidden], a[rel=tag]"
_COMMENT_OR_HIDDEN = f"{COMMENT_SELECTOR}, {HIDDEN_SELECTOR}"
_BLOCKQUOTE = TAG_ID["blockquote"]
_LISTS = frozenset((TAG_ID["ul"], TAG_ID["ol"]))
MIN_CONTAINER = 200  # characters a named container needs to be believed
TIGHTEN_SHARE = 0.85  # the densest node wins when it holds this share of a named one
LINK_BLOCK_SHARE = 0.8  # a short block with more link text than this is navigation
LINKED_BLOCKS = "ul:has(a), ol:has(a), div:has(a), section:has(a), table:has(a), p:has(a)"


def extract_body_lines(
    tree: LexborHTMLParser, found: Survey, *, whole_page: bool = False
) -> list[str]:
    """The article's text blocks in page order, boilerplate removed. Mutates `tree`.

    With `whole_page`, every block of the cleaned page is kept, not one container's.
    """
    body = tree.body
    if body is None:
        return []
    _remove(found.dropped)  # halves the page, so every later walk is cheaper
    total = text_len(body) or 1
    # Comment threads and hidden elements, found in one walk. Comments must go before the
    # density scoring: a long thread of paragraphs out-scores many articles.
    for node in unique(body.css(_COMMENT_OR_HIDDEN)):
        if node.parent is None:
            continue
        attrs = node.attributes
        if is_comment_name(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            share = 0.5
        elif _is_hidden(attrs):
            share = 0.3
        else:
            continue
        if text_len(node) < share * total:
            node.decompose()
    _remove(n for n in found.optional if n.parent is not None and text_len(n) < total / 2)
    density = densest(body)
    protected = ancestors(density.node)
    lines: list[str] = []
    containers = [body] if whole_page else _pick_containers(body, density)
    for container in containers:
        _prune(container, protected)
        lines.extend(emit_lines(container))
    return lines


def _name(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def _remove(nodes: Iterable[LexborNode]) -> None:
    # decompose() detaches every descendant too, so `parent is None` also marks the nodes
    # of a subtree removed earlier in the same loop.
    for node in nodes:
        if node.parent is not None:
            node.decompose()


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return (
        "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or attrs.get("rel") == "tag"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _pick_containers(root: LexborNode, density: Density) -> list[LexborNode]:
    """The article container: the first tier of named containers that holds enough text,
    checked against (and sometimes tightened to) the densest paragraph cluster."""
    dense = density.node
    for selector, pattern in CONTAINER_TIERS:
        named = [
            n for n in unique(root.css(selector)) if pattern is None or pattern.search(_name(n))
        ]
        # Only the outermost matches can win, and only they are measured: a node inside
        # another has no more text than it, so it is never big enough where that is not.
        found = [(n, size) for n in outermost(named) if (size := text_len(n)) >= MIN_CONTAINER]
        if not found:
            continue
        best, best_len = max(found, key=lambda pair: pair[1])
        if contains(best, dense):
            # A named container may still hold a byline, a fact box or a promo around the
            # densest paragraphs: keep the tighter node when it has nearly all their text.
            # The page's paragraph total bounds the container's, so it often decides alone.
            inner = density.text
            if inner and (
                inner >= TIGHTEN_SHARE * density.total
                or inner >= TIGHTEN_SHARE * paragraph_text(best)
            ):
                return _with_same_kind(root, dense)
            return _with_same_kind(root, best)
        if best_len >= 0.4 * text_len(dense):
            return _with_same_kind(root, best)
    return _with_same_kind(root, dense)


def _with_same_kind(root: LexborNode, best: LexborNode) -> list[LexborNode]:
    """`best` plus elements like it elsewhere: bodies split in chunks around ads and pictures."""
    cls = best.attributes.get("class")
    if not cls or '"' in cls or "\\" in cls:
        return [best]
    found = unique(root.css(f'{best.tag}[class="{cls}"]'))
    if len(found) < 2:
        return [best]
    chosen: list[LexborNode] = []
    for node in found:
        if node.mem_id == best.mem_id:
            chosen.append(node)
        elif (
            contains(best, node) or contains(node, best) or (chosen and contains(chosen[-1], node))
        ):
            continue
        else:
            length = text_len(node)
            if length >= 100 and link_share(node, length) < 0.3:
                chosen.append(node)
    return chosen


def _prune(container: LexborNode, protected: set[int]) -> None:
    total = text_len(container) or 1
    verdicts: dict[str, bool] = {}  # class names repeat: "share-item" six times
    for node in unique(container.css("[class], [id]")):
        if node.parent is None or node.mem_id in protected or node.tag_id == _BLOCKQUOTE:
            continue  # quotes and embedded posts are part of the story
        name = _name(node)
        verdict = verdicts.get(name)
        if verdict is None:
            verdict = verdicts[name] = is_boilerplate_name(name)
        if (
            verdict
            and text_len(node) < 0.6 * total
            and node.css_first("blockquote") is None  # an embedded post: "social-embed"
        ):
            node.decompose()
    _remove(container.css("h1"))
    for block in unique(container.css(LINKED_BLOCKS)):
        if block.parent is None:
            continue
        length = text_len(block)
        if not length or (length > 300 and block.tag_id not in _LISTS):
            continue
        if link_share(block, length) > LINK_BLOCK_SHARE:
            block.decompose()
