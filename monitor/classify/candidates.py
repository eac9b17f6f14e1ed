"""Candidate (window, country) pairs for the stance model.

A window is one sentence (with the sentence before it as context when it names no
country itself); its targets are the
countries the gazetteer finds in it (names, demonyms, capitals, officials, groups), each
with the character spans of its mentions, which the model pools over. Ukraine is the host
and never a target. The rules keep the structure (sentences, mentions); the model decides
the stance of each target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.classify.gazetteer import Gazetteer
from monitor.classify.lexicon import ENGLISH, Lexicon
from monitor.classify.sentence import Sentence, analyse
from monitor.classify.text import fold, split_sentences

HOST = "UA"


@dataclass(frozen=True, slots=True)
class Target:
    actor: str  # ISO alpha-2
    spans: tuple[tuple[int, int], ...]  # character spans of its mentions, relative to the window


@dataclass(frozen=True, slots=True)
class Window:
    sentence: int  # index of the sentence it judges
    start: int  # character span in the text (from the context sentence's start)
    end: int
    text: str
    targets: tuple[Target, ...]
    own: frozenset[str]  # targets named in the judged sentence itself, not only in the context


def _mentions(s: Sentence, offset: int) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for m in s.mentions:
        start = s.tokens.starts[m.start] - offset
        end = s.tokens.ends[m.end - 1] - offset
        for code in m.countries:
            if code != HOST:
                out.setdefault(code, []).append((start, end))
    return out


def span_window(text: str, sentences: Sequence[Sentence], index: int, first: int) -> Window:
    """The window judging sentence `index`, with sentences `first..index` as its text."""
    start = sentences[first].start
    end = sentences[index].end
    spans: dict[str, list[tuple[int, int]]] = {}
    own: set[str] = set()
    for k in range(first, index + 1):
        for code, found in _mentions(sentences[k], start).items():
            spans.setdefault(code, []).extend(found)
            if k == index:
                own.add(code)
    targets = tuple(Target(code, tuple(found)) for code, found in spans.items())
    return Window(index, start, end, text[start:end], targets, frozenset(own))


def windows(text: str, sentences: Sequence[Sentence], context: int = 1) -> tuple[Window, ...]:
    """One window per sentence that names a country: the sentence alone when it names one
    (shorter input, the model's cost grows with it), else the sentence with the one before
    for the countries named there ("Polish PM Anna Novak met allies. She said ...")."""
    out = []
    for i in range(len(sentences)):
        alone = span_window(text, sentences, i, i)
        if alone.targets:
            out.append(alone)
        elif i > 0:
            w = span_window(text, sentences, i, max(0, i - context))
            if w.targets:
                out.append(w)
    return tuple(out)


def analysed(text: str, gazetteer: Gazetteer, lexicon: Lexicon = ENGLISH) -> tuple[Sentence, ...]:
    """The sentences of `text` with their mentions (the rules' first steps)."""
    folded = fold(text)
    return tuple(
        analyse(folded, sp.start, sp.end, gazetteer, lexicon)
        for sp in split_sentences(text, lexicon)
    )


def row_window(text: str, gazetteer: Gazetteer, lexicon: Lexicon = ENGLISH) -> Window | None:
    """One window over a whole short labeled row (training and row-level evaluation)."""
    sentences = analysed(text, gazetteer, lexicon)
    if not sentences:
        return None
    w = span_window(text, sentences, len(sentences) - 1, 0)
    return w if w.targets else None
