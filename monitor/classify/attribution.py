"""Who holds a stance: the clause subject, a pronoun's referent, the speaker, the owner."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.classify.gazetteer import Kind
from monitor.classify.lexicon import Lexicon
from monitor.classify.mentions import Mention, nonstate_marker, troop_owner
from monitor.classify.sentence import NONSTATE, Sentence


@dataclass(slots=True)
class Discourse:
    """What earlier sentences established; local to one `classify` call."""

    last_subject: tuple[str, ...] = ()
    last_speaker: tuple[str, ...] = ()
    frame: bool = False  # an earlier sentence spoke of deploying troops
    frame_age: int = 99  # sentences since the last one on troops
    topic: bool = False  # an earlier sentence (or the title) was about Ukraine
    # a stance held by an unnamed set of countries ("several countries said they will not
    # send troops"), waiting for the next sentence to name them ("These include X and Y")
    pending: tuple[str, float, str, int] | None = None
    speaker_nonstate: bool = False
    quote_speaker: tuple[str, ...] = ()  # who speaks a quote this sentence is part of
    excerpt: bool = False  # a short text without title: the topic is assumed
    seen: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Subject:
    """The result of looking left from a cue for what the clause is about."""

    countries: tuple[str, ...] = ()
    via: str = ""  # subject, pronoun, speaker, owner, discourse, inherited
    blocked: bool = False  # a non-state or generic subject: no country holds this stance
    generic: bool = False  # "several countries", "most"
    troop_at: int = -1  # the clause subject is a troop or deployment NP at this token
    pronoun: str = ""
    position: int = -1  # token index where the subject was found


def left_subject(s: Sentence, cue: int, clause_start: int) -> Subject:
    """Scan left from the cue for the clause's subject, stepping over auxiliaries,
    negation, adverbs, quotes and speech verbs ("Germany has stated that it ...")."""
    lex = s.lexicon
    skip, and_words = lex.subject_skip, lex.and_words
    lower = s.tokens.lower
    fallback = ""
    k = cue - 1
    steps = 0
    while k >= clause_start and steps < 30:
        steps += 1
        w = lower[k]
        past = _past_aside(s, k, clause_start)
        if past != k:
            k = past
            continue
        m = s.mention_ending_at(k)
        if m is not None:
            if m.nonstate:
                return Subject(blocked=True, position=k)
            if m.force:
                return Subject(troop_at=k, position=k)
            if (m.is_subject or m.kind == Kind.GROUP) and not s.is_location(m):
                return Subject(_coordinated(s, m), "subject", position=m.start)
            if m.kind == Kind.DEMONYM:
                if m.end < len(lower) and lower[m.end] in lex.own_acts and m.countries != ("UA",):
                    # "Greek participation in a mission would depend on ...": the state's own
                    return Subject(m.countries, "owner", position=m.start)
                k = m.start - 1
                continue
            k = _skip_place(s, m)
            continue
        if w in lex.possessives and k == cue - 1:
            fallback = w
            k -= 1
            continue
        if w in lex.non_agents:
            # "all options are on the table": the subject is the options, not an agent
            k -= 1
            while k >= clause_start and lower[k] in lex.non_agent_determiners:
                k -= 1
            continue
        if w in lex.pronouns_person or w in lex.pronouns_thing:
            return Subject(pronoun=w, via="pronoun", position=k)
        if w in lex.state_anaphors and k > 0 and lower[k - 1] in lex.anaphor_determiners:
            return Subject(pronoun=lower[k - 1] + " " + w, via="pronoun", position=k)
        if w in and_words and k + 1 <= cue and _verb_after_and(lower[k + 1], lex):
            # "The Kremlin has insisted that ... and has firmly rejected": a coordinated
            # verb phrase shares the subject of the first one.
            first = _first_subject(s, clause_start, k)
            if first is not None:
                return Subject(_coordinated(s, first), "subject", position=first.start)
        if w in skip or w in lex.speech_verbs or w == ",":
            k -= 1
            continue
        if nonstate_marker(lower, k, lex):
            return Subject(blocked=True, position=k)
        if w in lex.troop_nouns or (w in lex.deploy_verbs and w.endswith(lex.nominal_suffixes)):
            own = _own_act_before(s, k, clause_start)
            if own:
                return Subject(own, "owner", troop_at=k, position=k)
            return Subject(troop_at=k, position=k)
        if w in lex.floating_quantifiers and k > 0 and lower[k - 1] in lex.quantifier_hosts:
            # "Ireland and Austria, both neutral, said" is an apposition
            k -= 1  # a floating quantifier: "Slovakia and Hungary have all said"
            continue
        if w in lex.generic_agents and k >= 3 and lower[k - 1] in lex.partner_determiners:
            # "France and its partners were prepared": the named state holds it too
            m = s.mention_ending_at(k - 3) if lower[k - 2] in lex.and_words else None
            if m is not None and m.is_subject and not m.nonstate and not s.is_location(m):
                return Subject(_coordinated(s, m), "subject", position=m.start)
        if (w in lex.generic_agents or w.replace(",", "").isdigit()) and not _in_pp(lower, k, lex):
            return Subject(blocked=True, generic=True, position=k)
        k -= 1
    if fallback:
        return Subject(pronoun=fallback, via="pronoun", position=cue - 1)
    return Subject()


def _past_aside(s: Sentence, k: int, clause_start: int) -> int:
    """Where the subject scan goes on from token `k` when it ends an aside that is no
    subject: a relative clause (", which has no army,"), a bracket ("Minister X (The
    Moderate Party) has"), a comparison ("Germany, unlike France, will not"); else k."""
    lower = s.tokens.lower
    if s.in_relative[k]:
        return k - 1
    if lower[k] == ")":
        return _aside_start(lower, k, clause_start) - 1
    m = s.mention_ending_at(k)
    if m is not None and m.start > 0 and lower[m.start - 1] in s.lexicon.contrast_asides:
        return m.start - 2
    # "Troops for Ukraine are not ruled out": the host after a preposition is the troops'
    # destination, not the subject
    host = m is not None and m.countries == ("UA",) and m.start > 0
    if host and m is not None and lower[m.start - 1] in s.lexicon.prepositions:
        return m.start - 2
    return k


def _aside_start(lower: tuple[str, ...], k: int, lo: int) -> int:
    while k >= lo and lower[k] != "(":
        k -= 1
    return k


def _own_act_before(s: Sentence, k: int, clause_start: int) -> tuple[str, ...]:
    """ "Greek participation in a peacekeeping mission", "Canada's contribution to the
    force": the state whose own act the troop NP at k is part of."""
    lower = s.tokens.lower
    for j in range(k - 1, max(clause_start, k - 6) - 1, -1):
        if lower[j] not in s.lexicon.own_acts:
            continue
        back = j - 2 if j >= 2 and lower[j - 1] == s.lexicon.genitive_clitic else j - 1
        m = s.mention_ending_at(back) if back >= clause_start else None
        if m is None or m.countries == ("UA",) or m.nonstate:
            return ()
        if m.kind == Kind.DEMONYM or (back == j - 2 and m.kind == Kind.COUNTRY):
            return m.countries
        return ()
    return ()


def _verb_after_and(w: str, lex: Lexicon) -> bool:
    """ "and has rejected", "visited Kyiv and left the door open": the word after "and"
    starts a coordinated verb phrase."""
    return (
        w in lex.auxiliaries
        or w in lex.past_verbs
        or (w in lex.speech_verbs and w.endswith(lex.past_suffix))
    )


def _in_pp(lower: tuple[str, ...], k: int, lex: Lexicon) -> bool:
    """ "signalled to EU diplomats", "told public broadcaster SVT": a noun inside a
    prepositional phrase or after a speech verb is no subject."""
    prepositions, addressee = lex.prepositions, lex.addressee_verbs
    return any(lower[j] in prepositions or lower[j] in addressee for j in range(max(0, k - 3), k))


def _first_subject(s: Sentence, start: int, end: int) -> Mention | None:
    for m in s.mentions:
        if m.start >= end:
            break
        if m.start >= start and m.is_subject and not s.is_location(m) and not m.nonstate:
            return m
    return None


def _skip_place(s: Sentence, m: Mention) -> int:
    k = m.start - 1
    if k >= 0 and s.tokens.lower[k] in s.lexicon.definite_articles:
        k -= 1
    return k - 1 if k >= 0 else k


def _coordinated(s: Sentence, last: Mention) -> tuple[str, ...]:
    """ "Italy, Poland, and Romania": every subject in the list ending with `last`."""
    lex = s.lexicon
    lower = s.tokens.lower
    countries = list(last.countries)
    k = last.start - 1
    while k >= 0 and lower[k] in lex.coordinators:
        j = k
        while j >= 0 and lower[j] in lex.coordinators:
            j -= 1
        if j < 0:
            break
        m = s.mention_ending_at(j)
        if m is None or not (m.is_subject or m.kind == Kind.GROUP) or m.nonstate:
            break
        if m.start > 0 and lower[m.start - 1] in lex.contrast_asides:
            break  # "Unlike France, Germany will not": the aside is no co-subject
        countries = [c for c in m.countries if c not in countries] + countries
        k = m.start - 1
    return tuple(countries)


def resolve_pronoun(s: Sentence, subject: Subject, discourse: Discourse) -> Subject:
    """Resolve I/we/he/it/the country: the sentence's speaker, a state named earlier in
    the sentence, or what earlier sentences established."""
    speaker = _speaker_for(s, subject.position)
    if speaker == NONSTATE:
        return Subject(blocked=True)
    # A pronoun subject of a reported clause points to the reporting clause's subject:
    # "Germany has stated that it ...", "several countries said they ...".
    lex = s.lexicon
    if subject.pronoun in lex.reported_pronouns and subject.position > 0:
        outer = left_subject(s, _past_addressee(s, subject.position), 0)
        if outer.blocked:
            return Subject(blocked=True, generic=outer.generic)
        if outer.countries:
            return Subject(outer.countries, "pronoun")
    personal = (
        subject.pronoun in lex.pronouns_person
        or subject.pronoun.split()[0] in lex.personal_possessives
    )
    if personal and speaker:
        return Subject(tuple(speaker), "speaker")
    if personal and discourse.quote_speaker:
        return Subject(discourse.quote_speaker, "speaker")
    nearest = _nearest_state_left(s, subject.position, personal)
    if nearest is not None:
        if nearest.nonstate:
            return Subject(blocked=True)
        return Subject(nearest.countries, "pronoun")
    if speaker:
        return Subject(tuple(speaker), "speaker")
    if personal and discourse.speaker_nonstate:
        return Subject(blocked=True)
    if personal and discourse.last_speaker:
        return Subject(discourse.last_speaker, "discourse")
    if discourse.last_subject:
        return Subject(discourse.last_subject, "discourse")
    return Subject()


def _past_addressee(s: Sentence, position: int) -> int:
    """ "Meloni said she had told allies of Ukraine and US envoys that she ruled out":
    the pronoun after "told <addressee> that" points past the addressee, to the teller;
    the position to scan left from (the verb of telling), else `position` itself."""
    lex = s.lexicon
    lower = s.tokens.lower
    k = position - 1
    while k >= 0 and lower[k] in lex.subject_skip and lower[k] not in lex.complementizers:
        k -= 1
    if k < 0 or lower[k] not in lex.complementizers:
        # "Paris has told Kyiv it could send": the addressee right before the pronoun
        told = next((m.start - 1 for m in s.mentions if m.end == position and m.start > 0), -1)
        return told if told >= 0 and lower[told] in lex.addressee_verbs else position
    for j in range(k - 1, max(-1, k - 12), -1):
        if lower[j] in lex.addressee_verbs:
            return j
        if lower[j] in (".", ";", '"') or lower[j] in lex.complementizers:
            break
    return position


def speaker_of(s: Sentence, position: int) -> tuple[str, ...] | str:
    return _speaker_for(s, position)


def _speaker_for(s: Sentence, position: int) -> tuple[str, ...] | str:
    """The speaker whose speech verb governs `position`: the nearest verb before it, else
    a verb after it ("..., Poulsen said")."""
    best: tuple[str, ...] | str = ()
    best_distance = 10_000
    for sp in s.speakers:
        distance = position - sp.verb if sp.verb < position else (sp.verb - position) + 5
        if distance < best_distance:
            best, best_distance = sp.countries, distance
    return best


def _nearest_state_left(s: Sentence, position: int, personal: bool) -> Mention | None:
    for m in reversed(s.mentions):
        if m.end > position:
            continue
        if personal and not (m.kind == Kind.PERSON or m.role == "state"):
            continue
        if m.start > 0 and s.tokens.lower[m.start - 1] in s.lexicon.prepositions:
            continue  # "guarantees for Ukraine": an object, not what "it" points to
        if (m.is_subject or m.kind == Kind.GROUP) and not s.is_location(m):
            return m
    return None


def subject_is_negative(s: Sentence, troop_at: int) -> bool:
    """ "No personnel will enter", "not a single Slovak soldier will": a negated subject."""
    lex = s.lexicon
    lower = s.tokens.lower
    for k in range(max(0, troop_at - 5), troop_at):
        if lower[k] in lex.negative_determiners or (
            lower[k] in lex.not_words and lower[k + 1] in lex.singular_determiners
        ):
            return True
    return False


def owner_at(s: Sentence, i: int) -> tuple[str, ...] | str | None:
    return troop_owner(s.tokens, s.mention_at, s.mentions, i, s.lexicon)
