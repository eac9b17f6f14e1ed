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
_SCRIPT = TAG_ID["script"]
_DROP, _OPTIONAL, _META = 1, 2, 3
# Every element of the page is looked up here: one dict lookup, not three set tests.
_KIND = {
    **{TAG_ID[t]: _DROP for t in DROP_TAGS},
    **{TAG_ID[t]: _OPTIONAL for t in OPTIONAL_TAGS},
    TAG_ID["meta"]: _META,
    TAG_ID["link"]: _META,
}
# Of the <link>s only the canonical one is read: most are stylesheets and preloads.
_HEAD_SELECTOR = 'meta[content], link[rel=canonical i][href], script[type*="ld+json" i]'


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
    kind_of = _KIND.get
    for node in body.traverse() if body is not None else ():
        kind = kind_of(node.tag_id)
        if kind is None:
            continue
        if kind == _DROP:
            dropped.append(node)
            if node.tag_id == _SCRIPT and "ld+json" in (node.attrs.get("type") or "").lower():
                metadata.append(node)
        elif kind == _OPTIONAL:
            optional.append(node)
        else:
            metadata.append(node)
    return Survey(tuple(dropped), tuple(optional), tuple(metadata))
