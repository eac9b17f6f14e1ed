"""Split an article's text into paragraphs of pieces, marking the evidence sentences."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text to mark: an observation's evidence sentence."""

    start: int
    end: int
    stance: str
    label: str  # e.g. "Poland: willing"


@dataclass(frozen=True, slots=True)
class TextPiece:
    """Plain text, or evidence when `stance` is set (`label` says whose, for a tooltip)."""

    text: str
    stance: str | None = None
    label: str | None = None


def locate(text: str, evidence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the evidence is: the stored span when it still matches the text, else the
    first occurrence of the sentence (a span from an older text version), else None.

    >>> locate("One. Two.", "Two.", 5, 9), locate("One. Two.", "Two.", 0, 4)
    ((5, 9), (5, 9))
    """
    if 0 <= start < end <= len(text) and text[start:end] == evidence:
        return start, end
    if evidence:
        found = text.find(evidence)
        if found >= 0:
            return found, found + len(evidence)
    return None


def mark_paragraphs(text: str, spans: Sequence[Span]) -> tuple[tuple[TextPiece, ...], ...]:
    """Paragraphs (split at line breaks, blank ones dropped) of marked and plain pieces.

    Overlapping spans (one sentence giving several countries) mark once, with all labels.

    >>> paras = mark_paragraphs("T\\n\\nA b. C.", [Span(3, 7, "open", "X")])
    >>> [[p.text for p in para] for para in paras]
    [['T'], ['A b.', ' C.']]
    """
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    paragraphs: list[tuple[TextPiece, ...]] = []
    current: list[TextPiece] = []
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in usable if s.start <= a and b <= s.end]
        stance = covering[0].stance if covering else None
        label = "; ".join(dict.fromkeys(s.label for s in covering)) if covering else None
        for i, chunk in enumerate(text[a:b].split("\n")):
            if i > 0 and current:
                paragraphs.append(tuple(current))
                current = []
            if chunk.strip() or (chunk and current):
                current.append(TextPiece(chunk, stance, label))
    if current:
        paragraphs.append(tuple(current))
    return tuple(paragraphs)
