"""Conditions attached to a stance: "if a ceasefire is agreed", "with a US backstop"."""

from __future__ import annotations

from monitor.classify.lexicon import ENGLISH, Lexicon


def find_condition(sentence: str, after: int = 0, lexicon: Lexicon = ENGLISH) -> str | None:
    """The first condition clause in `sentence` (searched from `after`), trimmed.

    >>> find_condition("Belgium is ready to send troops if a ceasefire is agreed.")
    'if a ceasefire is agreed'
    """
    m = lexicon.condition_trigger.search(sentence, after)
    if m is None and after:
        m = lexicon.condition_trigger.search(sentence)
    if m is None:
        return None
    start = m.start()
    if sentence[start] == ",":
        start += 1
    end_match = lexicon.condition_end.search(sentence, m.end())
    end = end_match.start() if end_match else len(sentence)
    text = sentence[start:end].strip(" ,\"“”'")
    if len(text.split()) < 2:
        return None
    return text
