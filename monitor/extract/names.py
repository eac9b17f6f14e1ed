"""Class and id vocabulary that marks page parts as content or boilerplate."""

from __future__ import annotations

import re

# Split "articleBody share-bar__item" into lower-case words: article, body, share, bar, item.
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")

COMMENT_WORDS = frozenset(
    {"comment", "comments", "commentlist", "disqus", "respond", "reply", "replies", "discussion"}
)

# One word of a class or id that says "not the article body".
BOILERPLATE_WORDS = frozenset(
    {
        "ad", "ads", "adv", "advert", "advertisement", "adslot", "adunit", "advertising",
        "sponsor", "sponsored", "promo", "promotion", "banner", "dfp", "outbrain", "taboola",
        "share", "sharing", "shares", "sharebar", "social", "socials", "follow",
        "facebook", "twitter", "whatsapp", "pinterest", "linkedin", "email", "print",
        "newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
        "paywall", "meter", "registration", "login", "cookie", "cookies", "consent", "gdpr",
        "related", "recommended", "recommendation", "recommendations", "popular", "trending",
        "mostread", "mostpopular", "more", "readmore", "also", "next", "prev", "previous",
        "sidebar", "widget", "widgets", "rail", "aside", "breadcrumb", "breadcrumbs",
        "nav", "navbar", "navigation", "menu", "footer", "masthead", "toolbar", "pagination",
        "byline", "author", "authors", "bio", "dateline", "timestamp", "date", "meta",
        "tags", "tag", "topics", "keywords", "category", "categories",
        "caption", "credit", "credits", "figcaption", "gallery", "slideshow", "video",
        "modal", "popup", "overlay", "rollover", "tooltip", "popover", "hovercard", "cta", "skip", "lightbox", "disclaimer", "copyright",
    }
)

# Containers that hold the article body, most specific first (the order is the priority).
CONTAINER_SELECTORS = (
    "[itemprop=articleBody]",
    "[class*=articleBody i], [class*=article-body i], [class*=article__body i], "
    "[class*=article_body i], [id*=article-body i], [id*=articleBody i], [id*=article_body i], "
    "[class*=story-body i], [class*=storyBody i], [class*=story__body i], [id*=story-body i], "
    "[class*=post-body i], [class*=postBody i], [class*=entry-body i], [class*=body-text i], "
    "[class*=article-text i], [class*=articleText i], [class*=story-text i], [class*=main-text i]",
    "[class*=entry-content i], [class*=post-content i], [class*=article-content i], "
    "[class*=articleContent i], [class*=article__content i], [class*=story-content i], "
    "[class*=post-entry i], [class*=single-content i], [id*=article-content i], "
    "[id*=post-content i], [id*=entry-content i], [class*=page-content i], [class*=td-post-content i]",
    "article",
    "main, [role=main], [id=content], [id=main], [class~=content], [id=main-content]",
)


def words(name: str) -> list[str]:
    """The lower-case words of a class or id value: "shareBar-top" -> ["share", "bar", "top"]."""
    return [w.lower() for w in _WORD_SPLIT.split(name) if w]


def name_of(attrs: dict[str, str | None]) -> str:
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def is_comment_name(name: str) -> bool:
    return any(w in COMMENT_WORDS for w in words(name))


def is_boilerplate_name(name: str) -> bool:
    return any(w in BOILERPLATE_WORDS for w in words(name))
