"""Conditions attached to a stance: "if a ceasefire is agreed", "with a US backstop"."""

from __future__ import annotations

import re

# A trigger opens the condition; it runs to the end of its clause.
_TRIGGER = re.compile(
    r"(?<![\w-])(?:(?:but )?only (?:if|when|after|once|under|with)|if|provided(?: that)?|"
    r"providing|on (?:the )?condition(?:s)? (?:that|of)|in the event of|in case of|"
    r"as long as|so long as|subject to|unless|pending|depending on|(?:will |would )?"
    r"(?:depends?|hinges?|hinge) on|(?:once|when|after) (?:a |an |the |any )?"
    r"(?:\w+ )?(?:ceasefire|cease-fire|truce|peace|war|hostilities|fighting|settlement|"
    r"agreement|deal|decision|mandate|conflict|coalition|allies)|(?:with|under) (?:a |an |the )?"
    r"(?:us|u\.s\.|american|un|u\.n\.|united nations|nato|eu|clear|appropriate|"
    r"international) (?:backstop|mandate|security guarantees?|guarantees?|support|approval)|"
    r"on the basis of (?:a |an )?mandate|, should)(?![\w-])",
    re.IGNORECASE,
)
_END = re.compile(r"[;:!?]|,(?! (?:and|or) )|\.(?=\s|$)|[\"”]| but | while | though |$")


def find_condition(sentence: str, after: int = 0) -> str | None:
    """The first condition clause in `sentence` (searched from `after`), trimmed.

    >>> find_condition("Belgium is ready to send troops if a ceasefire is agreed.")
    'if a ceasefire is agreed'
    """
    m = _TRIGGER.search(sentence, after)
    if m is None and after:
        m = _TRIGGER.search(sentence)
    if m is None:
        return None
    start = m.start()
    if sentence[start] == ",":
        start += 1
    end_match = _END.search(sentence, m.end())
    end = end_match.start() if end_match else len(sentence)
    text = sentence[start:end].strip(" ,\"“”'")
    if len(text.split()) < 2:
        return None
    return text
