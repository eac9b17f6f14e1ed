"""Stance cues found in a sentence, with token spans; a cue inside a longer one yields."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.classify.cue_kinds import Cue
from monitor.classify.cue_scan import cue_scan
from monitor.classify.sentence import Sentence


@dataclass(frozen=True, slots=True)
class CueMatch:
    cue: Cue
    start: int  # token index
    end: int  # exclusive
    needs_verb: bool


def find_cues(s: Sentence) -> list[CueMatch]:
    """Every cue in the sentence; a cue inside a longer one ("planned" in "not planned")
    gives way to it."""
    found: list[CueMatch] = []
    patterns = s.lexicon.cue_patterns
    # only the patterns whose heads occur in the sentence can match it
    candidates = cue_scan(patterns).candidates(s.joined)
    for n, pattern in enumerate(patterns):
        if n not in candidates:
            continue
        for m in pattern.pattern.finditer(s.joined):
            start = s.token_at_char[m.start()]
            end = s.token_at_char[m.end() - 1] + 1
            found.append(CueMatch(pattern.cue, start, end, pattern.needs_verb))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[CueMatch] = []
    for c in found:
        if any(k.start <= c.start and c.end <= k.end and k != c for k in kept):
            continue
        kept.append(c)
    return kept
