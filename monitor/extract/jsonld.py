"""Read the article object of a page's JSON-LD (schema.org) blocks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

# schema.org types of a story: NewsArticle, ReportageNewsArticle, BlogPosting, Report...
_STORY_SUFFIXES = ("Article", "Posting", "Report")
_MAX_OBJECTS = 200  # enough for any real page; bounds work on hostile input


@dataclass(frozen=True, slots=True)
class LinkedData:
    """The fields of a schema.org Article the extractor uses; empty strings when absent."""

    headline: str = ""
    published: str = ""
    author: str = ""
    body: str = ""
    description: str = ""
    language: str = ""
    publisher: str = ""


def read_linked_data(scripts: list[str]) -> LinkedData:
    """The best article object among the texts of `<script type="application/ld+json">`.

    >>> read_linked_data(['{"@type": "NewsArticle", "headline": "Hi"}']).headline
    'Hi'
    """
    best: dict[str, object] | None = None
    best_rank = 0
    for obj in _objects(scripts):
        rank = _rank(obj)
        if rank > best_rank:
            best, best_rank = obj, rank
    if best is None:
        return LinkedData()
    return LinkedData(
        headline=_text(best.get("headline") or best.get("name")),
        published=_text(best.get("datePublished") or best.get("dateCreated")),
        author=_names(best.get("author")),
        body=_text(best.get("articleBody")),
        description=_text(best.get("description")),
        language=_text(best.get("inLanguage")),
        publisher=_names(best.get("publisher")),
    )


def _rank(obj: dict[str, object]) -> int:
    """0 for objects that are no story; higher for a story type, a date, a body."""
    kind = obj.get("@type")
    kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
    if any(k.endswith(_STORY_SUFFIXES) for k in kinds):
        base = 8
    elif any(k.endswith("WebPage") for k in kinds):
        base = 4  # a page wrapper: used when no story object exists
    else:
        return 0
    return base + ("datePublished" in obj) * 2 + ("articleBody" in obj)


def _objects(scripts: list[str]) -> Iterator[dict[str, object]]:
    decoder = json.JSONDecoder(strict=False)
    count = 0
    for script in scripts:
        try:
            data, _ = decoder.raw_decode(script.strip())
        except (ValueError, RecursionError):
            continue  # broken (or hostile) JSON-LD is common; the page still has <meta> tags
        stack = [data]
        while stack and count < _MAX_OBJECTS:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                count += 1
                yield item
                for key in ("@graph", "mainEntity"):
                    inner = item.get(key)
                    if isinstance(inner, (list, dict)):
                        stack.append(inner)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name"))
    return ""


def _names(value: object) -> str:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name and not name.startswith("http") and name not in names:
            names.append(name)
    return ", ".join(names)
