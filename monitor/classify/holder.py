"""Who holds a stance: the clause subject, a passive's agents, a resolved pronoun, the
subject of the clause before, the speaker, or the troops' owner."""

from __future__ import annotations

from monitor.classify.attribution import (
    Discourse,
    Subject,
    owner_at,
    resolve_pronoun,
    speaker_of,
)
from monitor.classify.cue_kinds import Cue
from monitor.classify.cues import CueMatch
from monitor.classify.frame import troop_hits
from monitor.classify.gazetteer import Kind
from monitor.classify.owners import first_clause_subject, first_owner, possessive
from monitor.classify.sentence import NONSTATE, Sentence


def holder(
    s: Sentence,
    subject: Subject,
    cue: CueMatch,
    clause: int,
    clause_subject: dict[int, Subject],
    discourse: Discourse,
) -> Subject:
    """The state that holds the stance: the subject, a resolved pronoun, the subject of
    the clause before (contrast clauses have none), the speaker, or the troops' owner."""
    if subject.countries and speaker_of(s, cue.start) == NONSTATE:
        # "Opposition leader X said Sweden should be ready ...": what a non-state speaker
        # says a country should do (or does) is the speaker's view, not the state's.
        return Subject(blocked=True)
    agents = passive_agents(s, cue)
    if agents:
        return Subject(agents, "subject")  # "would be considered targets by Moscow"
    inner = _inner_holder(s, subject, cue)
    if inner:
        return inner
    if subject.blocked or subject.countries:
        return subject
    inverted = s.mention_at[cue.end] if cue.start == 0 and cue.end < len(s.mention_at) else -1
    if inverted >= 0 and s.mentions[inverted].is_subject and not s.mentions[inverted].nonstate:
        # an answered question read as a statement: "Would Ireland send ...? No."
        return Subject(s.mentions[inverted].countries, "subject")
    if subject.pronoun:
        resolved = resolve_pronoun(s, subject, discourse)
        if resolved.blocked or (resolved.countries and resolved.via != "discourse"):
            return resolved
        # a pronoun only earlier sentences can resolve yields to the troops' owner in
        # this sentence ("I can state that not a single Slovak soldier will enter")
        agent = first_owner(s, cue)
        return Subject(agent, "owner") if agent else resolved
    if clause > 0 and subject.troop_at < 0:
        if clause - 1 in clause_subject:
            return Subject(clause_subject[clause - 1].countries, "inherited")
        ps, pe = s.clauses[clause - 1]
        first = first_clause_subject(s, ps, pe)
        if first:
            return Subject(first, "inherited")
    pronoun = possessive(s, subject.troop_at)
    if pronoun:
        # "..., but its soldiers will not be deployed there": the possessive is a pronoun
        resolved = resolve_pronoun(
            s, Subject(pronoun=pronoun, via="pronoun", position=subject.troop_at), discourse
        )
        if resolved.blocked or resolved.countries:
            return resolved
    speaker = speaker_of(s, cue.start) or _pronoun_said(s, cue, discourse)
    if speaker == NONSTATE:
        return Subject(blocked=True)
    if subject.troop_at >= 0 or not speaker:
        owner = owner_at(s, subject.troop_at) if subject.troop_at >= 0 else None
        if (
            cue.cue == Cue.OPPOSE
            and isinstance(owner, tuple)
            and speaker
            and not set(owner) & set(speaker)
        ):
            # "British troops in Ukraine would be a party to the conflict, the Russian
            # ambassador said": the judgement is the speaker's, about others' troops
            return Subject(tuple(speaker), "speaker")
        if isinstance(owner, tuple):
            return Subject(owner, "owner")
    if speaker:
        return Subject(tuple(speaker), "speaker")
    owner = first_owner(s, cue)
    if owner:
        return Subject(owner, "owner")
    if clause - 1 in clause_subject:
        return Subject(clause_subject[clause - 1].countries, "inherited")
    return Subject()


def _inner_holder(s: Sentence, subject: Subject, cue: CueMatch) -> Subject | None:
    """A holder named inside the cue: the decider of a decision still to come, or the
    troops' owner of "without troops from Luxembourg" when no other state is the subject."""
    decider = pending_decider(s, cue)
    if decider:
        return Subject(decider, "subject")
    if cue.cue == Cue.CONTRAST and subject.countries in ((), ("UA",)):
        owned = [owner_at(s, k) for k in troop_hits(s, cue.start, cue.end)]
        named = [o for o in owned if isinstance(o, tuple) and o and o != ("UA",)]
        if named:
            return Subject(named[0], "owner")
    return None


def _pronoun_said(s: Sentence, cue: CueMatch, discourse: Discourse) -> tuple[str, ...] | str:
    """ "He said future deployments, including troops, remain undecided": the speaker is a
    pronoun whose referent an earlier sentence named (NONSTATE when that was no state)."""
    said = pronoun_speaker(s, cue.start)
    if said < 0:
        return ()
    said_by = Subject(pronoun=s.tokens.lower[said], via="pronoun", position=said)
    resolved = resolve_pronoun(s, said_by, discourse)
    return NONSTATE if resolved.blocked else resolved.countries


def pending_decider(s: Sentence, cue: CueMatch) -> tuple[str, ...]:
    """ "... must be ensured before Turkey and other countries make decisions": a decision
    still to come is held by the subject of its own clause, not by the sentence's."""
    lex = s.lexicon
    if cue.cue != Cue.UNDECIDED or s.tokens.lower[cue.start] not in lex.pending_leads:
        return ()
    for m in s.mentions:
        if cue.start < m.start < cue.end and m.is_subject and not s.is_location(m):
            return () if m.nonstate else m.countries
    return ()


def pronoun_speaker(s: Sentence, position: int) -> int:
    """The pronoun of "he said" / "she added" governing `position`, or -1."""
    lex = s.lexicon
    lower = s.tokens.lower
    for v in range(position - 1, max(0, position - 15), -1):
        if lower[v] in (".", ";", '"'):
            break
        if lower[v] in lex.speech_verbs and lower[v - 1] in lex.subject_pronouns:
            return v - 1
    return -1


def passive_agents(s: Sentence, cue: CueMatch) -> tuple[str, ...]:
    """The agents of a passive cue: "was later denied by Poland, Italy and Spain", "was
    ruled out in Warsaw and Rome"."""
    lex = s.lexicon
    lower = s.tokens.lower
    before = lower[max(0, cue.start - 3) : cue.start]
    if not any(w in lex.passive_aux for w in before) or cue.cue not in (
        Cue.EXCLUDE,
        Cue.REFUSE,
        Cue.OPPOSE,
    ):
        return ()
    k = cue.end
    while k < len(lower) and k < cue.end + 5 and lower[k] in lex.agent_leads:
        k += 1
    # "by Austria", "in Warsaw", "by the Austrian government": a preposition among the leads
    if not any(w in lex.agent_prepositions for w in lower[cue.end : k]):
        return ()
    found: list[str] = []
    while k < len(lower):
        mi = s.mention_at[k]
        if mi >= 0 and s.mentions[mi].kind != Kind.PERSON:
            found += [c for c in s.mentions[mi].countries if c not in found]
            k = s.mentions[mi].end
        elif lower[k] in lex.agent_list_glue and found:
            k += 1
        else:
            break
    return tuple(found)
