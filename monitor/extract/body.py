"""Find the article body in a parsed page and return its text blocks."""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor.extract.density import densest, paragraph_text
from monitor.extract.lines import emit_lines
from monitor.extract.names import (
    CONTAINER_SELECTORS,
    is_boilerplate_name,
    is_comment_name,
    name_of,
)
from monitor.extract.nodes import ancestors, contains, link_share, text_len, unique

DROP_TAGS = [
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "video", "audio", "picture", "map", "select", "input", "button", "textarea", "label",
    "nav", "aside", "footer", "figure", "figcaption", "menu", "dialog", "link", "meta", "img",
]  # fmt: skip
DROP_UNLESS_MAIN = "form, header"  # some sites wrap the whole page in a form
COMMENT_SELECTOR = (
    "[id*=comment i], [class*=comment i], [id*=disqus i], [class*=disqus i], "
    "[id*=respond i], [class*=respond i], [id*=discussion i], [class*=discussion i]"
)
HIDDEN_SELECTOR = (
    '[hidden], [aria-hidden=true], [style*="display:none" i], [style*="display: none" i], '
    '[style*="visibility:hidden" i], [style*="visibility: hidden" i], a[rel=tag]'
)
NAMED_SELECTOR = "[class], [id]"
MIN_CONTAINER = 200  # characters a named container needs to be believed
TIGHTEN_SHARE = 0.85
LINK_BLOCK_SHARE = 0.8
LINKED_BLOCKS = "ul:has(a), ol:has(a), div:has(a), section:has(a), table:has(a), p:has(a)"


def extract_body_lines(tree: LexborHTMLParser) -> list[str]:
    """The article's text blocks in page order, boilerplate removed. Mutates `tree`."""
    body = tree.body
    if body is None:
        return []
    _drop_named(body, COMMENT_SELECTOR, is_comment_name, set(), 0.5)
    body.strip_tags(DROP_TAGS)
    _drop_small(body, HIDDEN_SELECTOR, 0.3)
    _drop_small(body, DROP_UNLESS_MAIN, 0.5)
    dense = densest(body)
    protected = ancestors(dense)
    lines: list[str] = []
    for container in _pick_containers(body, dense):
        _prune(container, protected)
        lines.extend(emit_lines(container))
    return lines


def _drop_small(root: LexborNode, selector: str, share: float) -> None:
    total = text_len(root) or 1
    for node in unique(root.css(selector)):
        if node.parent is not None and text_len(node) < share * total:
            node.decompose()


def _drop_named(
    root: LexborNode,
    selector: str,
    test: Callable[[str], bool],
    protected: set[int],
    share: float,
) -> None:
    """Drop elements whose class/id passes `test`, unless protected or holding most text."""
    total = text_len(root) or 1
    for node in unique(root.css(selector)):
        if node.parent is None or node.mem_id in protected:
            continue
        if test(name_of(node.attributes)) and text_len(node) < share * total:
            node.decompose()


def _pick_containers(root: LexborNode, dense: LexborNode) -> list[LexborNode]:
    dense_len = text_len(dense)
    for selector in CONTAINER_SELECTORS:
        found = [n for n in unique(root.css(selector)) if text_len(n) >= MIN_CONTAINER]
        if not found:
            continue
        outer = [n for n in found if not any(o is not n and contains(o, n) for o in found)]
        best = max(outer, key=text_len)
        if contains(best, dense):
            # A named container may still hold a byline, a fact box or a promo around the
            # densest paragraphs: keep the tighter node when it has nearly all their text.
            inner = paragraph_text(dense)
            if inner and inner >= TIGHTEN_SHARE * paragraph_text(best):
                return _with_same_kind(root, dense)
            return _with_same_kind(root, best)
        if text_len(best) >= 0.4 * dense_len:
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
        elif contains(best, node) or contains(node, best):
            continue
        elif chosen and contains(chosen[-1], node):
            continue
        else:
            length = text_len(node)
            if length >= 100 and link_share(node, length) < 0.3:
                chosen.append(node)
    return chosen


def _prune(container: LexborNode, protected: set[int]) -> None:
    _drop_named(container, NAMED_SELECTOR, is_boilerplate_name, protected, 0.6)
    for heading in container.css("h1"):
        heading.decompose()
    for block in unique(container.css(LINKED_BLOCKS)):
        if block.parent is None:
            continue
        length = text_len(block)
        if not length or (length > 300 and block.tag not in ("ul", "ol")):
            continue
        if link_share(block, length) > LINK_BLOCK_SHARE:
            block.decompose()
