"""Read a page's metadata: title, canonical URL, dates, author, language, description."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitor.extract.dates import dateline, find_date, parse_datetime
from monitor.extract.jsonld import LinkedData, read_linked_data
from monitor.extract.nodes import TAG_ID
from monitor.extract.survey import Survey
from monitor.extract.titles import clean_title

PUBLISHED_KEYS = (
    "article:published_time", "article:published", "og:published_time",
    "og:article:published_time", "datepublished", "article.published", "pubdate",
    "publishdate", "publish-date", "publish_date", "published_time", "date", "dc.date",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime",
)  # fmt: skip
TITLE_KEYS = ("og:title", "twitter:title")
AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
LANGUAGE_KEYS = ("og:locale", "content-language", "dc.language", "language")
DESCRIPTION_KEYS = ("description", "og:description", "twitter:description")
SITE_KEYS = ("og:site_name", "application-name", "twitter:site")
_SCRIPT, _LINK, _ARTICLE = TAG_ID["script"], TAG_ID["link"], TAG_ID["article"]
_TIME_SELECTOR = (
    "[itemprop=datePublished][datetime], [itemprop=datePublished][content], time[datetime]"
)
_DATE_TEXT_SELECTOR = (
    "time, [class*=date i], [class*=publish i], [class*=dateline i], [itemprop=datePublished]"
)
_AUTHOR_OUTER = "[itemprop=author], a[rel~=author]"
_AUTHOR_NAME = "[itemprop=author] [itemprop=name]"  # only ever inside an _AUTHOR_OUTER
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|di|door|av|przez|от)\s+", re.I)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str
    canonical_url: str | None
    published: datetime | None
    date_source: str | None  # "meta", "json-ld", "time" or "text"
    author: str | None
    language: str | None
    description: str | None
    linked_body: str  # JSON-LD articleBody, the fallback when the page body is thin


@dataclass(frozen=True, slots=True)
class _Head:
    metas: dict[str, str]  # <meta> content by lower-case property/name/itemprop
    canonical: str  # the first <link rel=canonical> target
    linked: LinkedData


def read_meta(
    tree: LexborHTMLParser, found: Survey, url: str | None, *, now: datetime | None = None
) -> PageMeta:
    """Everything about the page but its body text. Read before the body is pruned."""
    head = _read_head(found)
    metas, linked = head.metas, head.linked
    language = _language(tree, head)
    published, source = _published(tree, head, now, (language,) if language else ())
    sites = [metas.get(key, "") for key in SITE_KEYS] + [linked.publisher]
    if url:
        sites.append(urlsplit(url).hostname or "")
    return PageMeta(
        title=_title(tree, head, [s for s in sites if s]),
        canonical_url=_absolute(head.canonical or metas.get("og:url", ""), url),
        published=published,
        date_source=source,
        author=_author(tree, head),
        language=language,
        description=_first(metas, DESCRIPTION_KEYS) or linked.description or None,
        linked_body=linked.body,
    )


def _read_head(found: Survey) -> _Head:
    metas: dict[str, str] = {}
    canonical = ""
    scripts: list[str] = []
    for node in found.metadata:
        tag_id = node.tag_id
        if tag_id == _SCRIPT:
            scripts.append(node.text())
            continue
        attrs = node.attributes
        if tag_id == _LINK:
            if not canonical and (attrs.get("rel") or "").lower() == "canonical":
                canonical = attrs.get("href") or ""
            continue
        content = attrs.get("content")
        if not content or content.isspace():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            names = attrs.get(attr)
            if names:
                # itemprop may list several names: "datePublished dateCreated".
                for key in names.lower().split():
                    metas.setdefault(key, content)
    return _Head(metas, canonical, read_linked_data(scripts))


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = " ".join(metas.get(key, "").split())
        if value:
            return value
    return ""


def _title(tree: LexborHTMLParser, head: _Head, sites: list[str]) -> str:
    for candidate in (_first(head.metas, TITLE_KEYS), head.linked.headline):
        if candidate:
            return clean_title(candidate, sites)
    for tag in ("title", "h1"):
        nodes = tree.tags(tag)
        text = " ".join(nodes[0].text().split()) if nodes else ""
        if text:
            return clean_title(text, sites)
    return ""


def _absolute(href: str, base: str | None) -> str | None:
    if not href.strip():
        return None
    resolved = urljoin(base or "", href.strip())
    return resolved if urlsplit(resolved).scheme in ("http", "https") else None


def _published(
    tree: LexborHTMLParser, head: _Head, now: datetime | None, languages: tuple[str, ...]
) -> tuple[datetime | None, str | None]:
    """The publication time and where it came from, most trustworthy source first."""
    metas = head.metas
    for key in PUBLISHED_KEYS:
        value = metas.get(key)
        when = parse_datetime(value, now=now, languages=languages) if value else None
        if when is not None:
            return when, "meta"
    when = parse_datetime(head.linked.published, now=now, languages=languages)
    if when is not None:
        return when, "json-ld"
    when = _time_element(tree, now)
    if when is not None:
        return when, "time"
    body = tree.body
    for node in body.css(_DATE_TEXT_SELECTOR) if body is not None else ():
        text = node.text()
        if len(text) >= 120:
            continue
        when = dateline(text, now=now, languages=languages)
        if when is None:
            found = find_date(text, now=now, languages=languages)
            when = found[0] if found is not None else None
        if when is not None:
            return when, "text"
    return None, None


def _time_element(tree: LexborHTMLParser, now: datetime | None) -> datetime | None:
    """The best machine-readable date element: microdata datePublished, then a <time
    pubdate>, then a <time> inside an <article>, then any <time>. One walk of the page."""
    ranked: list[tuple[int, int, datetime]] = []
    for order, node in enumerate(tree.css(_TIME_SELECTOR)):
        attrs = node.attributes
        when = parse_datetime(attrs.get("datetime") or attrs.get("content") or "", now=now)
        if when is None:
            continue
        if "datepublished" in (attrs.get("itemprop") or "").lower():
            rank = 0
        elif "pubdate" in attrs:
            rank = 1
        else:
            rank = 2 if _in_article(node) else 3
        ranked.append((rank, order, when))
    return min(ranked)[2] if ranked else None


def _in_article(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag_id == _ARTICLE:
            return True
        parent = parent.parent
    return False


def _author(tree: LexborHTMLParser, head: _Head) -> str | None:
    for candidate in (*(head.metas.get(key, "") for key in AUTHOR_KEYS), head.linked.author):
        name = _person(candidate)
        if name:
            return name
    # Only then the page's byline markup, a name inside an author element first. Each
    # selector costs a walk of the page, and most pages have no author element at all.
    outer = tree.css_first(_AUTHOR_OUTER)
    if outer is None:
        return None
    for node in (tree.css_first(_AUTHOR_NAME), outer):
        name = _person(node.text()) if node is not None else None
        if name:
            return name
    return None


def _person(candidate: str) -> str | None:
    name = _BYLINE_PREFIX.sub("", " ".join(candidate.split())).strip(" ,|-")
    if name and len(name) <= 120 and not name.startswith(("http:", "https:", "/")):
        return name
    return None


def _language(tree: LexborHTMLParser, head: _Head) -> str | None:
    html = tree.root  # the <html> element
    declared = (html.attributes.get("lang") or "") if html is not None else ""
    candidates = [declared, *(head.metas.get(k, "") for k in LANGUAGE_KEYS)]
    for candidate in [*candidates, head.linked.language]:
        tag = candidate.split(",")[0].strip()
        if _LANGUAGE.match(tag):
            return normalize_language(tag)
    return None


def normalize_language(tag: str) -> str:
    """A BCP 47 tag in its usual case: "en_us" -> "en-US", "PT-br" -> "pt-BR".

    >>> normalize_language("en_us")
    'en-US'
    """
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "-".join(out)
