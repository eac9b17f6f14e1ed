"""Who owns a troop NP or leads a clause: possessives, first subjects, gerund agents."""

from __future__ import annotations

from monitor.classify.attribution import owner_at
from monitor.classify.cues import CueMatch
from monitor.classify.frame import troop_hits
from monitor.classify.sentence import Sentence


def possessive(s: Sentence, troop_at: int) -> str:
    """The possessive pronoun of a troop NP subject ("its soldiers", "our troops")."""
    if troop_at < 0 or owner_at(s, troop_at) != "subject":
        return ""
    possessives = s.lexicon.troop_possessives
    for k in range(troop_at - 1, max(-1, troop_at - 5), -1):
        if s.tokens.lower[k] in possessives:
            return s.tokens.lower[k]
    return ""


def first_clause_subject(s: Sentence, start: int, end: int) -> tuple[str, ...]:
    """The subject of a clause without a cue ("Slovakia could participate in monitoring,
    but without involving the army")."""
    for m in s.mentions:
        if start <= m.start < end and m.is_subject and not s.is_location(m):
            return () if m.nonstate else m.countries
    return ()


def first_owner(s: Sentence, cue: CueMatch) -> tuple[str, ...]:
    """The owner of the first troop NP in the clause, or the agent of a deployment
    gerund ("open to New Zealand providing peacekeepers")."""
    cs, ce = s.clause_range(cue.start)
    for h in troop_hits(s, cs, ce):
        owner = owner_at(s, h)
        if isinstance(owner, tuple):
            return owner
    lower = s.tokens.lower
    gerunds = s.lexicon.gerunds
    for k in range(cue.end, ce - 1):
        m = s.mention_ending_at(k)
        if m is not None and m.is_subject and lower[k + 1] in gerunds:
            return m.countries
    return ()
