"""What the verdict checks read and return: one cue's `Reading` and its `Verdict`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from monitor.classify.attribution import Discourse, Subject
from monitor.classify.cue_kinds import Cue
from monitor.classify.cues import CueMatch
from monitor.classify.records import Stance
from monitor.classify.sentence import Sentence


@dataclass(frozen=True, slots=True)
class Verdict:
    stance: Stance
    cue: Cue  # the category that decided (a readiness to consider is a consideration)
    negated: bool
    penalty: float  # confidence lost to indirect evidence (anaphora, elided verbs)
    target_at: int  # token of the troop NP the cue is about, -1 for none


@dataclass(slots=True)
class Reading:
    """One cue as the checks read it; they narrow it step by step."""

    s: Sentence
    cue: CueMatch
    cs: int  # the clause's token range
    ce: int
    subject: Subject
    sentence_frame: bool  # the sentence speaks of troops for Ukraine
    discourse: Discourse
    kind: Cue
    negated: bool
    negated_before: bool  # negated before the complement was read ("has not decided to")
    penalty: float = 0.0
    target_at: int = -1
    at: int = 0  # the word the cue governs (verb cues)
    stance: Stance | None = None

    @property
    def lower(self) -> tuple[str, ...]:
        return self.s.tokens.lower

    @property
    def framed(self) -> bool:
        return self.sentence_frame or self.discourse.frame


Check = Callable[[Reading], bool]  # False: the cue does not speak of sending troops
