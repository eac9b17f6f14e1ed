"""Small helpers over selectolax nodes: text length, containment, de-duplicated matches."""

from __future__ import annotations

from selectolax.lexbor import LexborNode


def text_len(node: LexborNode) -> int:
    return len(node.text().strip())


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
    return sum(len(a.text().strip()) for a in node.css("a")) / (length or 1)
