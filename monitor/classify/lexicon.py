"""The rules' language as data: one `Lexicon` value holds every word class, pattern and
cue table the rule engine reads, and the classifier is given it (`Classifier(lexicon=...)`,
`ENGLISH` by default). A rule's words or a language are added by giving another value,
not by editing control flow.

The word classes are defined in `english` (and the cue patterns in `cue_lexicon`) and
re-exported here under their constant names for the modules that read them directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from monitor.classify.cue_lexicon import (
    _STANCE_TABLE,
    CUE_PATTERNS,
    INHERENTLY_NEGATIVE,
    Cue,
    CuePattern,
    stance_of,
)
from monitor.classify.english import (
    ABSENCE_WORDS,
    AGENT_LEADS,
    ANAPHOR_DETERMINERS,
    ANAPHORIC_FRAME,
    AUXILIARIES,
    CLAUSE_BREAKERS,
    COMPLEMENT_SKIP,
    CONDITION_END,
    CONDITION_TRIGGER,
    CONSIDER_VERBS,
    CONTRAST_LEADS,
    COPULAS,
    DEPLOY_VERBS,
    DEPLOYMENT_NOUNS,
    DEPLOYMENT_VERBS,
    DESTINATION_PREPOSITIONS,
    DETAIL_NOUNS,
    DO_SO,
    FOREIGN_MARKERS,
    GATE_FORCES,
    GATE_HOST,
    GENERIC_AGENTS,
    GERUNDS,
    HEDGES,
    LATER_MARKERS,
    LOCATION_PREPOSITIONS,
    MILITARY_MODIFIERS,
    MISSION_VERBS,
    MODEL_CUE,
    NEGATED_AUX,
    NEGATORS,
    NO_OBJECT,
    NONSTATE_MARKERS,
    OBJECT_TAKERS,
    OWNER_HEADS,
    PASSIVE_AUX,
    PAST_VERBS,
    PERMIT,
    PLEDGES,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    QUESTION_LEADS,
    READY_WORDS,
    REQUEST_VERBS,
    ROLE_LIMITS,
    SPEECH_VERBS,
    STATE_ANAPHORS,
    STATE_ROLE_WORDS,
    SUBORDINATORS_QUESTION,
    SUPPORT_VERBS,
    TEMPORAL_LIMITERS,
    TIMED_CONDITION,
    TROOP_NOUNS,
    UKRAINE_CONTEXT,
    UKRAINE_HOST_NOUNS,
    UKRAINE_TARGET,
    UN_WORDS,
    WEAK_TROOP_NOUNS,
)
from monitor.classify.english import words as words


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything language-specific the rules read, for one language: word classes
    (frozensets of lower-case tokens), patterns over a sentence's joined lower-case
    tokens, the cue patterns and the table from (cue, negated) to a stance."""

    name: str
    negators: frozenset[str]
    auxiliaries: frozenset[str]
    negated_aux: re.Pattern[str]
    pronouns_person: frozenset[str]
    pronouns_thing: frozenset[str]
    state_anaphors: frozenset[str]
    anaphor_determiners: frozenset[str]
    clause_breakers: frozenset[str]
    subordinators_question: frozenset[str]
    question_leads: frozenset[str]
    request_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    past_verbs: frozenset[str]
    troop_nouns: frozenset[str]
    weak_troop_nouns: frozenset[str]
    military_modifiers: frozenset[str]
    deploy_verbs: frozenset[str]
    support_verbs: frozenset[str]
    consider_verbs: frozenset[str]
    generic_agents: frozenset[str]
    nonstate_markers: frozenset[str]
    state_role_words: frozenset[str]
    detail_nouns: frozenset[str]
    absence_words: frozenset[str]
    role_limits: frozenset[str]
    passive_aux: frozenset[str]
    agent_leads: frozenset[str]
    owner_heads: frozenset[str]
    ukraine_host_nouns: frozenset[str]
    location_prepositions: frozenset[str]
    destination_prepositions: frozenset[str]
    foreign_markers: frozenset[str]
    hedges: frozenset[str]
    temporal_limiters: re.Pattern[str]
    later_markers: re.Pattern[str]
    ukraine_context: re.Pattern[str]
    ukraine_target: re.Pattern[str]
    timed_condition: re.Pattern[str]
    anaphoric_frame: re.Pattern[str]
    gerunds: frozenset[str]
    permit: frozenset[str]
    un_words: frozenset[str]
    mission_verbs: frozenset[str]
    deployment_verbs: frozenset[str]
    no_object: frozenset[str]
    object_takers: frozenset[str]
    pledges: frozenset[str]
    do_so: frozenset[str]
    deployment_nouns: frozenset[str]
    copulas: frozenset[str]
    ready_words: frozenset[str]
    contrast_leads: frozenset[str]
    complement_skip: frozenset[str]
    condition_trigger: re.Pattern[str]
    condition_end: re.Pattern[str]
    gate_host: re.Pattern[str]
    gate_forces: re.Pattern[str]
    model_cue: re.Pattern[str]
    cue_patterns: tuple[CuePattern, ...]
    inherently_negative: frozenset[Cue]
    stance_table: Mapping[tuple[Cue, bool], str] = field(
        default_factory=lambda: MappingProxyType(dict(_STANCE_TABLE))
    )

    def stance_of(self, cue: Cue, negated: bool) -> str | None:
        """The stance a cue gives with its polarity in this language's table.

        >>> ENGLISH.stance_of(Cue.EXCLUDE, negated=True)
        'open'
        """
        return self.stance_table.get((cue, negated))


ENGLISH = Lexicon(
    name="en",
    negators=NEGATORS,
    auxiliaries=AUXILIARIES,
    negated_aux=NEGATED_AUX,
    pronouns_person=PRONOUNS_PERSON,
    pronouns_thing=PRONOUNS_THING,
    state_anaphors=STATE_ANAPHORS,
    anaphor_determiners=ANAPHOR_DETERMINERS,
    clause_breakers=CLAUSE_BREAKERS,
    subordinators_question=SUBORDINATORS_QUESTION,
    question_leads=QUESTION_LEADS,
    request_verbs=REQUEST_VERBS,
    speech_verbs=SPEECH_VERBS,
    past_verbs=PAST_VERBS,
    troop_nouns=TROOP_NOUNS,
    weak_troop_nouns=WEAK_TROOP_NOUNS,
    military_modifiers=MILITARY_MODIFIERS,
    deploy_verbs=DEPLOY_VERBS,
    support_verbs=SUPPORT_VERBS,
    consider_verbs=CONSIDER_VERBS,
    generic_agents=GENERIC_AGENTS,
    nonstate_markers=NONSTATE_MARKERS,
    state_role_words=STATE_ROLE_WORDS,
    detail_nouns=DETAIL_NOUNS,
    absence_words=ABSENCE_WORDS,
    role_limits=ROLE_LIMITS,
    passive_aux=PASSIVE_AUX,
    agent_leads=AGENT_LEADS,
    owner_heads=OWNER_HEADS,
    ukraine_host_nouns=UKRAINE_HOST_NOUNS,
    location_prepositions=LOCATION_PREPOSITIONS,
    destination_prepositions=DESTINATION_PREPOSITIONS,
    foreign_markers=FOREIGN_MARKERS,
    hedges=HEDGES,
    temporal_limiters=TEMPORAL_LIMITERS,
    later_markers=LATER_MARKERS,
    ukraine_context=UKRAINE_CONTEXT,
    ukraine_target=UKRAINE_TARGET,
    timed_condition=TIMED_CONDITION,
    anaphoric_frame=ANAPHORIC_FRAME,
    gerunds=GERUNDS,
    permit=PERMIT,
    un_words=UN_WORDS,
    mission_verbs=MISSION_VERBS,
    deployment_verbs=DEPLOYMENT_VERBS,
    no_object=NO_OBJECT,
    object_takers=OBJECT_TAKERS,
    pledges=PLEDGES,
    do_so=DO_SO,
    deployment_nouns=DEPLOYMENT_NOUNS,
    copulas=COPULAS,
    ready_words=READY_WORDS,
    contrast_leads=CONTRAST_LEADS,
    complement_skip=COMPLEMENT_SKIP,
    condition_trigger=CONDITION_TRIGGER,
    condition_end=CONDITION_END,
    gate_host=GATE_HOST,
    gate_forces=GATE_FORCES,
    model_cue=MODEL_CUE,
    cue_patterns=CUE_PATTERNS,
    inherently_negative=INHERENTLY_NEGATIVE,
)

__all__ = [
    "ABSENCE_WORDS",
    "AGENT_LEADS",
    "ANAPHORIC_FRAME",
    "ANAPHOR_DETERMINERS",
    "AUXILIARIES",
    "CLAUSE_BREAKERS",
    "COMPLEMENT_SKIP",
    "CONDITION_END",
    "CONDITION_TRIGGER",
    "CONSIDER_VERBS",
    "CONTRAST_LEADS",
    "COPULAS",
    "CUE_PATTERNS",
    "DEPLOYMENT_NOUNS",
    "DEPLOYMENT_VERBS",
    "DEPLOY_VERBS",
    "DESTINATION_PREPOSITIONS",
    "DETAIL_NOUNS",
    "DO_SO",
    "ENGLISH",
    "FOREIGN_MARKERS",
    "GATE_FORCES",
    "GATE_HOST",
    "GENERIC_AGENTS",
    "GERUNDS",
    "HEDGES",
    "INHERENTLY_NEGATIVE",
    "LATER_MARKERS",
    "LOCATION_PREPOSITIONS",
    "MILITARY_MODIFIERS",
    "MISSION_VERBS",
    "MODEL_CUE",
    "NEGATED_AUX",
    "NEGATORS",
    "NONSTATE_MARKERS",
    "NO_OBJECT",
    "OBJECT_TAKERS",
    "OWNER_HEADS",
    "PASSIVE_AUX",
    "PAST_VERBS",
    "PERMIT",
    "PLEDGES",
    "PRONOUNS_PERSON",
    "PRONOUNS_THING",
    "QUESTION_LEADS",
    "READY_WORDS",
    "REQUEST_VERBS",
    "ROLE_LIMITS",
    "SPEECH_VERBS",
    "STATE_ANAPHORS",
    "STATE_ROLE_WORDS",
    "SUBORDINATORS_QUESTION",
    "SUPPORT_VERBS",
    "TEMPORAL_LIMITERS",
    "TIMED_CONDITION",
    "TROOP_NOUNS",
    "UKRAINE_CONTEXT",
    "UKRAINE_HOST_NOUNS",
    "UKRAINE_TARGET",
    "UN_WORDS",
    "WEAK_TROOP_NOUNS",
    "Cue",
    "CuePattern",
    "Lexicon",
    "stance_of",
    "words",
]
