"""Small helpers over selectolax nodes: text length, containment, de-duplicated matches."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from selectolax.lexbor import LexborHTMLParser, LexborNode


def text_len(node: LexborNode) -> int:
    return len(node.text_lexbor().strip())  # text() with less overhead


def _tag_ids() -> dict[str, int]:
    """Lexbor's id of every tag name the extractor compares against."""
    names = (
        "a", "br", "li", "p", "pre", "div", "td", "th", "tr", "section", "article", "main",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "blockquote",
        "table", "header", "address", "center", "details", "summary", "fieldset", "hr", "form",
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
        "canvas", "video", "audio", "picture", "map", "select", "input", "button", "textarea",
        "label", "nav", "aside", "footer", "figure", "figcaption", "menu", "dialog", "img",
        "meta", "link", "span", "b", "i", "em", "strong", "u", "font", "small", "sup", "sub",
    )  # fmt: skip
    sample = LexborHTMLParser("")
    return {name: sample.create_node(name).tag_id for name in names}


# Lexbor's numeric tag ids: comparing ints is much cheaper than reading tag names.
TAG_ID: Mapping[str, int] = MappingProxyType(_tag_ids())


def unique(nodes: list[LexborNode]) -> list[LexborNode]:
    """Drop repeats: Lexbor returns an element once per comma-separated selector it matches."""
    seen: set[int] = set()
    out = []
    for node in nodes:
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            out.append(node)
    return out


def ancestors(node: LexborNode) -> set[int]:
    """The mem_ids of `node` and every element above it."""
    found = set()
    current: LexborNode | None = node
    while current is not None:
        found.add(current.mem_id)
        current = current.parent
    return found


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The `nodes` that lie inside none of the others, in their order."""
    ids = {node.mem_id for node in nodes}
    out = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(node)
    return out


def contains(outer: LexborNode, inner: LexborNode) -> bool:
    """True when `inner` lies strictly inside `outer`."""
    node = inner.parent
    target = outer.mem_id
    while node is not None:
        if node.mem_id == target:
            return True
        node = node.parent
    return False


def link_share(node: LexborNode, length: int) -> float:
    """The share of `node`'s `length` characters that sit inside links."""
    return sum(text_len(a) for a in node.css("a")) / (length or 1)
