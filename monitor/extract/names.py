"""Class and id vocabulary that marks page parts as article body, comments or boilerplate."""

from __future__ import annotations

import re

# Split "articleBody share-bar__item" into lower-case words: article, body, share, bar, item.
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")

COMMENT_WORDS = frozenset(
    {"comment", "comments", "commentlist", "disqus", "respond", "replies", "discussion"}
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
        "mostread", "mostpopular", "readmore", "also", "next", "prev", "previous",
        "sidebar", "widget", "widgets", "rail", "aside", "breadcrumb", "breadcrumbs",
        "nav", "navbar", "navigation", "menu", "footer", "masthead", "toolbar", "pagination",
        "byline", "author", "authors", "bio", "dateline", "timestamp", "date", "meta",
        "tags", "topics", "keywords", "category", "categories",
        "caption", "credit", "credits", "figcaption", "gallery", "slideshow", "video",
        "modal", "popup", "overlay", "rollover", "tooltip", "popover", "hovercard", "cta",
        "disclaimer", "copyright",
    }
)  # fmt: skip

# Named containers of the article body, most specific first: each tier is a cheap
# selector for Lexbor and a precise test for Python to run on what it finds.
_BODY_NAMES = re.compile(
    r"article[-_]*body|story[-_]*body|post[-_]*body|entry[-_]*body|body[-_]*text|"
    r"article[-_]*text|story[-_]*text|main[-_]*text",
    re.I,
)
_CONTENT_NAMES = re.compile(
    r"(?:entry|post|article|story|single|page)[-_]*content|post[-_]*entry", re.I
)
CONTAINER_TIERS: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    ("[itemprop=articleBody]", None),
    ("[class*=ody], [id*=ody], [class*=ext], [id*=ext]", _BODY_NAMES),
    ("[class*=ontent], [id*=ontent], [class*=ntry], [id*=ntry]", _CONTENT_NAMES),
    ("article", None),
    ("main, [role=main], [id=content], [id=main], [id=main-content], [class~=content]", None),
)
COMMENT_SELECTOR = "[class*=omment], [id*=omment], [class*=isqus], [id*=isqus], [id=respond]"


def words(name: str) -> list[str]:
    """The lower-case words of a class or id value: "shareBar-top" -> ["share", "bar", "top"]."""
    # Lower-case only after splitting: the case change marks a word boundary.
    return _WORD_SPLIT.sub(" ", name).lower().split()


_COMMENT_STEMS = ("comment", "disqus", "respond", "replies", "discussion")
# "has-comments", "comments-open": a state class on the article itself, not a thread.
_STATE_WORDS = frozenset({"has", "with", "no", "open", "closed", "enabled", "disabled"})


def is_comment_name(name: str) -> bool:
    """True for a class/id naming a comment thread ("comments", "disqus_thread").

    >>> is_comment_name("comment-list"), is_comment_name("post has-comments")
    (True, False)
    """
    lower = name.lower()
    if not any(stem in lower for stem in _COMMENT_STEMS):
        return False  # cheap exit for nearly every element
    found = words(name)
    return any(w in COMMENT_WORDS for w in found) and not any(w in _STATE_WORDS for w in found)


def is_boilerplate_name(name: str) -> bool:
    """True for a class/id naming page furniture: "share-bar", "relatedPosts", "ad-slot"."""
    return not BOILERPLATE_WORDS.isdisjoint(words(name))
