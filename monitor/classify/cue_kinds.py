"""The kinds of stance cue, independent of any language: each language's lexicon maps its
patterns to these and gives the stance each kind expresses with its polarity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Cue(StrEnum):
    """The linguistic category of a stance cue; a lexicon's stance table maps it with
    its polarity."""

    READY = "readiness"  # ready, prepared, willing, readiness
    INTEND = "intention"  # plans to, intends to, is going to
    DECIDE = "commitment"  # agreed to, decided to, pledged to, offered to
    WILL = "future-modal"  # will / would + deployment verb
    MAY = "possibility-modal"  # may / could / can / able to + deployment verb
    CONSIDER = "consideration"  # considering, exploring, weighing
    OPEN = "openness"  # open to, keep options open, allows for, possibility
    EXCLUDE = "exclusion"  # rule out, exclude, dismiss, reject, oppose
    UNDECIDED = "undecided"  # premature, too early, no decision yet
    REFUSE = "refusal"  # no plans, not an option, out of the question
    CONTRAST = "contrast-refusal"  # but not with troops, without the army
    OPPOSE = "opposition"  # unacceptable, threat, legitimate targets


@dataclass(frozen=True, slots=True)
class CuePattern:
    cue: Cue
    pattern: re.Pattern[str]
    # whether the cue needs a deployment verb as its infinitive complement
    needs_verb: bool = False
