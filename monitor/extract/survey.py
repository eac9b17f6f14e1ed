"""One walk over a parsed page: what to drop, what may be dropped, where the metadata is."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor.extract.nodes import TAG_ID

DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "video", "audio", "picture", "map", "select", "input", "button", "textarea", "label",
    "nav", "aside", "footer", "figure", "figcaption", "menu", "dialog", "img",
)  # fmt: skip
OPTIONAL_TAGS = ("form", "header")  # dropped unless they hold most of the page
_DROP_IDS = frozenset(TAG_ID[t] for t in DROP_TAGS)
_OPTIONAL_IDS = frozenset(TAG_ID[t] for t in OPTIONAL_TAGS)
_SCRIPT = TAG_ID["script"]
_META_IDS = frozenset((TAG_ID["meta"], TAG_ID["link"]))
_HEAD_SELECTOR = 'meta[content], link[rel][href], script[type*="ld+json" i]'


@dataclass(frozen=True, slots=True)
class Survey:
    dropped: tuple[LexborNode, ...]  # never article text: scripts, menus, forms controls
    optional: tuple[LexborNode, ...]  # <form>, <header>: dropped when small
    metadata: tuple[LexborNode, ...]  # <meta>, <link> and JSON-LD <script>, head and body


def survey(tree: LexborHTMLParser) -> Survey:
    """Sort the page's elements in one walk: comparing tag ids is far cheaper than
    running a selector per tag, and parsers move stray <meta> tags into the body."""
    head = tree.head
    metadata = list(head.css(_HEAD_SELECTOR)) if head is not None else []
    dropped: list[LexborNode] = []
    optional: list[LexborNode] = []
    body = tree.body
    for node in body.traverse() if body is not None else ():
        tag_id = node.tag_id
        if tag_id in _DROP_IDS:
            dropped.append(node)
            if tag_id == _SCRIPT and "ld+json" in (node.attrs.get("type") or "").lower():
                metadata.append(node)
        elif tag_id in _OPTIONAL_IDS:
            optional.append(node)
        elif tag_id in _META_IDS:
            metadata.append(node)
    return Survey(tuple(dropped), tuple(optional), tuple(metadata))
