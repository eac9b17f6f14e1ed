"""Records the stance classifier returns: stances, findings with evidence, classifications."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stance(StrEnum):
    """A country's position on sending its own forces to Ukraine (see DESIGN.md)."""

    WILLING = "willing"
    OPEN = "open"
    UNDECIDED = "undecided"
    DECLINED = "declined"
    OPPOSED = "opposed"


@dataclass(frozen=True, slots=True)
class StanceFinding:
    """One country's stance with the sentence that proves it.

    `text[start:end] == evidence` holds for the text given to `classify`; `rule` names the
    cue category and how the actor was found, so a stored finding explains itself.
    """

    actor: str  # ISO 3166-1 alpha-2, GB for the United Kingdom
    stance: Stance
    confidence: float  # 0..1
    evidence: str
    start: int
    end: int
    rule: str
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class Classification:
    """What the classifier says about one text.

    `stances` holds one finding per country (the article's position for that country);
    `findings` holds every sentence-level finding, for review and evaluation.
    """

    relevant: bool
    relevance: float  # 0..1
    stances: tuple[StanceFinding, ...]
    countries: tuple[str, ...]  # every country mentioned, ISO alpha-2, in order of appearance
    classifier_version: str
    findings: tuple[StanceFinding, ...] = ()
