"""Recognise boilerplate lines in scraped text: prompts, credits, legal notes, menus, ids.

`is_boilerplate_line` judges one line by its wording alone, so it is safe on blocks taken
from HTML; `strip_boilerplate` also uses a line's shape and place in a plain-text document.
"""

from __future__ import annotations

import re

from monitor.extract.dates import dateline

# Lines that are nothing but one of these labels (case, trailing punctuation ignored).
_LABEL_SET = frozenset(
    {
        "comment", "comments", "leave a comment", "leave a reply", "post a comment",
        "add a comment", "write a comment", "show comments", "view comments", "load comments",
        "hide comments", "join the conversation", "join the discussion", "search", "menu", "home",
        "skip to content", "skip to main content", "back to top", "advertisement",
        "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content",
        "share", "share this", "share this article", "share this story", "share on facebook",
        "share on twitter", "share via email", "tweet", "email", "print", "whatsapp", "facebook",
        "twitter", "linkedin", "reddit", "pinterest", "telegram", "copy link", "follow us",
        "follow", "connect with us", "subscribe", "subscribe now", "subscribe today", "sign in",
        "sign up", "log in", "login", "register", "log out", "sign out", "read more", "read also",
        "see also", "also read", "related", "related articles", "related stories", "related posts",
        "related news", "more stories", "more from", "more news", "recommended",
        "recommended for you", "you may also like", "you might also like", "trending",
        "trending now", "most read", "most popular", "popular", "tags", "topics", "filed under",
        "newsletter", "newsletters", "don't miss", "next", "previous", "next article",
        "previous article", "next story", "previous story", "text size", "listen",
        "listen to this article", "close", "loading", "more",
    }
)  # fmt: skip

# Wording that marks a whole line as boilerplate. Matched against the lower-cased line;
# the anchored set is tried at the start only, which keeps the check cheap on long lines.
_OPENINGS = re.compile(
    "|".join(
        [
            r"(?:log|sign) ?in to (?:write|post|leave|add|comment|reply|continue|read|view)",
            r"to continue reading\b",
            r"(?:legal )?disclaimer\b",
            r"(?:copyright\b|©|\(c\) (?:19|20)\d\d)",
            r"(?:share|follow)(?: us)? (?:this|on|via|with)\b.{0,60}$",
            r"follow\b.{0,60}\bon (?:twitter|facebook|instagram|x|telegram|linkedin)\b",
            r"click (?:here )?to (?:share|print|email|subscribe)\b",
            r"(?:additional )?(?:reporting|writing|editing) by\b",
            r"contributing:",
            r"with (?:\w+ )?wires\.?$",
            r"[_*=~-]{3,}$",
            r"comments? (?:are|is) (?:closed|moderated|disabled)\b",
            r"have a (?:news )?tip\?",
            r"(?:image|photo|picture) (?:source|credit)s?:",
            r"write to .{1,60} at \S+@\S+",
            r"follow (?:\S+ )?(?:full |complete |all |our |live )?coverage\b",
            r"subscribe to \S+(?: \S+)? (?:and|to|for)\b.{0,120}$",
            r"related (?:coverage|reading|content|links?)\b.{0,60}$",
        ]
    )
)
# Wording found anywhere in the line, each with a plain substring that must be present
# first: the substring test is far cheaper than the search and rules out nearly every line.
_ANYWHERE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("already", r"\balready (?:a subscriber|have an account|registered)\b"),
        ("log", r"\bmake sure to log ?in"),
        ("reached", r"\byou have reached (?:your|the) (?:limit|maximum)"),
        (
            "this ",
            r"\bthis (?:content|article|story) is (?:only )?(?:available|reserved|for) "
            r"(?:to |for )?(?:subscribers|members|premium)",
        ),
        ("newsletter", r"\b(?:subscribe|sign up) (?:to|for) (?:our|the)\b.{0,60}\bnewsletter"),
        ("your inbox", r"\b(?:in|to) your inbox\b.{0,40}$"),
        ("rights reserved", r"\ball rights reserved\b"),
        ("warranty", r"\bwithout warranty of any kind\b"),
        ("any ", r"\bdo(?:es)? not (?:accept|assume) any (?:responsibility|liability)\b"),
        ("purposes only", r"\bfor (?:general )?information(?:al)? purposes only\b"),
        ("advice", r"\b(?:should|does|do) not (?:be considered|constitute)\b.{0,40}\badvice\b"),
        ("first to comment", r"\bbe the first to comment\b"),
        ("comments", r"\bmoderat\w* (?:all )?comments\b"),
        ("contributed", r"^.{0,120}\bcontributed (?:reporting|to this report)\b.{0,80}$"),
    )
)
# A heading that introduces links to other stories: "More Great WIRED Stories",
# "Popular on IndieWire", "You may also like".
_RELATED_HEADING = re.compile(
    r"^(?:(?:more|related|recommended|popular|trending|latest|top|other|further|most \w+)\b"
    r".{0,40}\b(?:stories|articles|news|posts|coverage|reads|reading|videos|links)\b"
    r"|(?:popular|trending|more|latest|also) (?:on|from|in) \S+(?: \S+)?"
    r"|(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested)"
    r"|(?:read|see) (?:also|more|next)|also read|don't miss|editor'?s picks?)[\s:.!…]*$",
    re.I,
)
_WIRE_CREDIT = re.compile(r"^\((?P<inside>[^()]{2,40})\)\s*[-—–:]?\s*(?=[\"“'‘A-Z0-9])")
_ID = re.compile(r"^(?=\S*\d{6})[\w./:-]{12,}$")  # a lone token with a long digit run
_NUMERIC = re.compile(r"^[\d\W_]+$")
_SENTENCE_END = re.compile(r"[.!?…\"”’»)]$")
RELATED_HEADING_MAX = 60  # characters
_LONE_MAX_WORDS = 2
_MENU_MAX_WORDS = 4
_MENU_RUN = 3


# C0 control characters other than whitespace: never text, sometimes in scraped pages.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1C), 0x7F])


def strip_controls(line: str) -> str:
    """`line` without control characters, its whitespace normalised if any were there."""
    if line.isprintable():
        return line  # nearly every line: no copy
    return " ".join(line.translate(_CONTROLS).split())


def is_boilerplate_line(line: str) -> bool:
    """True when the wording of `line` alone says it is page furniture.

    >>> is_boilerplate_line("Log in to write a comment")
    True
    """
    return _judge(_normalised(line), _ANYWHERE)


def boilerplate_lines(lines: list[str]) -> list[bool]:
    """`is_boilerplate_line` of each line, cheaper for a page's worth of lines at once.

    >>> boilerplate_lines(["Log in to write a comment", "Poland will not send troops."])
    [True, False]
    """
    texts = [_normalised(line) for line in lines]
    # The wordings found anywhere in the page: one scan of its text for each wording
    # rather than one for each wording and line, most of the cost of judging a line.
    everything = "\n".join(texts)
    found = tuple((key, pattern) for key, pattern in _ANYWHERE if key in everything)
    return [_judge(text, found) for text in texts]


def _normalised(line: str) -> str:
    # Long lines come from the extractor already normalised; labels need it done here.
    return line.lower() if len(line) > 80 else " ".join(line.split()).lower()


def _judge(text: str, anywhere: tuple[tuple[str, re.Pattern[str]], ...]) -> bool:
    """The verdict on a normalised, lower-cased line; `anywhere` may leave out wordings
    that the line cannot hold."""
    if not text:
        return True
    if text.rstrip(" :.!…»›>|") in _LABEL_SET or is_related_heading(text):
        return True
    if _OPENINGS.match(text):
        return True
    for pattern in [pattern for key, pattern in anywhere if key in text]:
        if pattern.search(text):
            return True
    return False


def is_related_heading(line: str) -> bool:
    """True for a short line that announces a list of other stories.

    >>> is_related_heading("More Great WIRED Stories")
    True
    """
    return len(line) <= RELATED_HEADING_MAX and bool(_RELATED_HEADING.match(line.strip()))


def strip_credit(line: str) -> str:
    """Drop a wire-service credit in parentheses that opens a line: "(MENAFN- X) Text"."""
    match = _WIRE_CREDIT.match(line)
    if match and len(match["inside"].split()) <= 6 and not _SENTENCE_END.search(match["inside"]):
        return line[match.end() :]
    return line


def strip_boilerplate(text: str) -> str:
    """The lines of a scraped plain-text page that belong to the article, one per paragraph.

    >>> strip_boilerplate("Search\\nPoland will not send troops.\\nComments\\n")
    'Poland will not send troops.'
    """
    lines = [" ".join(strip_controls(raw).split()) for raw in text.splitlines()]
    kept = [strip_credit(line) for line in lines if line and not _is_noise(line)]
    kept = _drop_menu_runs(kept)
    kept = [line for line in kept if not _is_lone(line)]
    return "\n\n".join(_trim_tail(kept))


def _is_noise(line: str) -> bool:
    return (
        is_boilerplate_line(line)
        or bool(_ID.match(line))
        or bool(_NUMERIC.match(line))
        or dateline(line) is not None
    )


def _is_short(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not _SENTENCE_END.search(line)


def _is_lone(line: str) -> bool:
    # One or two words without a full stop: a menu entry, section name or label.
    return _is_short(line, _LONE_MAX_WORDS)


def _drop_menu_runs(lines: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line and _is_short(line, _MENU_MAX_WORDS):
            run.append(line)
            continue
        if len(run) < _MENU_RUN:
            out.extend(run)
        run = []
        if line:
            out.append(line)
    return out


def _trim_tail(lines: list[str]) -> list[str]:
    # A site name or section label left below the last paragraph ("The Rio Times").
    # Not above the first: a short headline looks the same there.
    end = len(lines)
    while end > 0 and _is_short(lines[end - 1], _MENU_MAX_WORDS):
        end -= 1
    return lines[:end]
