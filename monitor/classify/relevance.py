"""Relevance: is a text about (possibly) sending foreign troops to Ukraine?"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.classify.lexicon import ENGLISH, Lexicon

# Weights of the evidence, in "sentences worth": a stance on sending troops counts most, a
# sentence about troops going to Ukraine next; the title weighs like a sentence.
_W_STANCE = 1.0
_W_FRAME = 0.6
_W_TITLE = 0.8
THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class RelevanceEvidence:
    stance_sentences: int  # sentences that gave at least one stance
    frame_sentences: int  # sentences about troops going to Ukraine (with Ukraine context)
    title_frame: bool


def relevance_score(evidence: RelevanceEvidence) -> float:
    """A score in [0, 1]; THRESHOLD and above means relevant.

    >>> relevance_score(RelevanceEvidence(0, 0, False))
    0.0
    >>> relevance_score(RelevanceEvidence(1, 1, False)) >= THRESHOLD
    True
    """
    z = (
        _W_STANCE * min(evidence.stance_sentences, 4)
        + _W_FRAME * min(evidence.frame_sentences, 5)
        + _W_TITLE * evidence.title_frame
    )
    return round(z / (z + 1.0), 3)


def relevance_gate(text: str, title: str = "", lexicon: Lexicon = ENGLISH) -> bool:
    """Cheap test: could this article be about foreign troops for Ukraine at all?

    >>> relevance_gate("Poland will not send troops to Ukraine.")
    True
    >>> relevance_gate("The EU agreed new sanctions on Russian oil.")
    False
    """
    whole = f"{title}\n{text}".lower()  # the gate patterns are lowercase literals
    return (
        lexicon.gate_host.search(whole) is not None
        and lexicon.gate_forces.search(whole) is not None
    )
