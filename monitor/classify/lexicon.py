"""The rules' language as data: one `Lexicon` value holds every word class, pattern and
cue table the rule engine reads, and the classifier is given it (`Classifier(lexicon=...)`,
`ENGLISH` by default; each `Sentence` carries it). A rule's words or a language are added
by giving another value, not by editing control flow.

The English word classes are defined in `english`, `english_scope` and `english_rules`
(the cue patterns in `cue_lexicon`; the cue kinds, language-neutral, in `cue_kinds`);
`ENGLISH` takes each field from the constant of the same name. Code that has a sentence
reads `s.lexicon.<field>`; helpers over bare token lists take the lexicon as an argument.
No other classify module imports the English modules (tests/test_architecture.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from monitor.classify import english, english_rules, english_scope
from monitor.classify.cue_lexicon import (
    _STANCE_TABLE,
    CUE_PATTERNS,
    INHERENTLY_NEGATIVE,
    Cue,
    CuePattern,
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything language-specific the rules read, for one language: word classes
    (frozensets of lower-case tokens), patterns over a sentence's joined lower-case
    tokens, the cue patterns and the table from (cue, negated) to a stance."""

    name: str
    cue_patterns: tuple[CuePattern, ...]
    inherently_negative: frozenset[Cue]
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
    state_councils: frozenset[tuple[str, str]]
    report_nouns: frozenset[str]
    other_place_pairs: frozenset[tuple[str, str]]
    outside_words: frozenset[str]
    that_words: frozenset[str]
    naming_verbs: frozenset[str]
    warn_verbs: frozenset[str]
    present_limits: re.Pattern[str]
    against_words: frozenset[str]
    denial_words: frozenset[str]
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
    gate_host: re.Pattern[str]  # the gate matches these two against lowercased text
    gate_forces: re.Pattern[str]
    model_cue: re.Pattern[str]
    force_phrases: re.Pattern[str]
    head_followers: frozenset[str]
    not_troop_after: frozenset[str]
    other_places: frozenset[str]
    non_senders: frozenset[str]
    compass: frozenset[str]
    enter_verbs: frozenset[str]
    away: frozenset[str]
    passive_aux_frame: frozenset[str]
    approve_verbs: frozenset[str]
    elided_objects: frozenset[str]
    bare_followers: frozenset[str]
    presence_verbs: frozenset[str]
    object_verbs: frozenset[str]
    membership_verbs: frozenset[str]
    talk_nouns: frozenset[str]
    move_verbs: frozenset[str]
    purpose_leads: frozenset[str]
    purpose_verbs: frozenset[str]
    own_ground: frozenset[str]
    send_verbs: frozenset[str]
    coordinators: frozenset[str]
    prepositions: frozenset[str]
    possessives: frozenset[str]
    addressee_verbs: frozenset[str]
    own_acts: frozenset[str]
    non_agents: frozenset[str]
    leads: frozenset[str]
    stubs: frozenset[str]
    same: frozenset[str]
    tails: frozenset[str]
    ends: frozenset[str]
    list_glue: frozenset[str]
    possibility: frozenset[str]
    question_words: frozenset[str]
    fronted: frozenset[str]
    demonym_coordinators: frozenset[str]
    group_heads: frozenset[str]
    force_names: frozenset[str]
    state_titles: frozenset[str]
    role_glue: frozenset[str]
    head_titles: frozenset[str]
    pending_leads: frozenset[str]
    pending_talk: frozenset[str]
    of_words: frozenset[str]
    genitive_clitic: str
    owner_possessives: frozenset[str]
    foreign_owners: frozenset[str]
    owner_skip: frozenset[str]
    deployment_heads: frozenset[str]
    origin_prepositions: frozenset[str]
    definite_articles: frozenset[str]
    foreign_origins: frozenset[str]
    non_answers: frozenset[str]
    yes_words: frozenset[str]
    no_words: frozenset[str]
    nobody_words: frozenset[str]
    one_words: frozenset[str]
    respectively: str
    respective_glue: frozenset[str]
    clause_openers: frozenset[str]
    agent_prepositions: frozenset[str]
    agent_list_glue: frozenset[str]
    troop_possessives: frozenset[str]
    subject_skip: frozenset[str]
    past_suffix: str
    existential_there: frozenset[str]
    be_words: frozenset[str]
    ukraine_words: frozenset[str]
    detail_phrases: tuple[str, ...]
    complementizers: frozenset[str]
    warn_stem: str
    object_determiners: frozenset[str]
    frame_verbs: frozenset[str]
    participation_nouns: frozenset[str]
    complement_prepositions: frozenset[str]
    two_word_gerunds: frozenset[str]
    gerund_enders: frozenset[str]
    exclusion_infinitives: tuple[str, ...]
    premature_phrases: tuple[str, ...]
    no_longer: tuple[str, ...]
    adverb_suffix: str
    anaphor_words: frozenset[str]
    list_naming: re.Pattern[str]
    narrowing_contrasts: frozenset[str]
    abbreviations: frozenset[str]
    token_pattern: re.Pattern[str]
    only_pattern: re.Pattern[str]
    modifier_heads: frozenset[str]
    force_words: frozenset[str]
    not_force_before: frozenset[str]
    deployment_words: frozenset[str]
    unit_words: frozenset[str]
    sized_suffix: str
    context_unit_nouns: frozenset[str]
    unit_arms: frozenset[str]
    unit_skip: frozenset[str]
    support_skip: frozenset[str]
    purpose_prepositions_to: frozenset[str]
    relative_pronouns: frozenset[str]
    ukraine_names: frozenset[str]
    ukraine_adjectives: frozenset[str]
    ukraine_terms: frozenset[str]
    target_name: str
    territory_words: frozenset[str]
    own_ground_leads: frozenset[str]
    own_ground_modifiers: frozenset[str]
    alliance_words: frozenset[str]
    alliance_members: frozenset[str]
    take_verbs: frozenset[str]
    part_words: frozenset[str]
    part_non_forces: frozenset[str]
    without_words: frozenset[str]
    document_nouns: frozenset[str]
    step_verbs: frozenset[str]
    foot_words: frozenset[str]
    play_verbs: frozenset[str]
    role_noun: str
    forefront: tuple[str, ...]
    presence_prepositions: frozenset[str]
    into_prepositions: frozenset[str]
    determiners: frozenset[str]
    bare_destinations: frozenset[str]
    object_blockers: frozenset[str]
    phrasal_up: frozenset[str]
    verb_particles: frozenset[str]
    purpose_prepositions: frozenset[str]
    and_words: frozenset[str]
    midclause_adverbs: frozenset[str]
    comma_breakers: frozenset[str]
    relative_leads: frozenset[str]
    infinitive: str
    request_non_objects: frozenset[str]
    phrasal_speech_verbs: frozenset[str]
    phrasal_speech_particles: frozenset[str]
    according: frozenset[str]
    subject_pronouns: frozenset[str]
    right_speaker_stops: frozenset[str]
    non_agent_determiners: frozenset[str]
    nominal_suffixes: tuple[str, ...]
    floating_quantifiers: frozenset[str]
    quantifier_hosts: frozenset[str]
    partner_determiners: frozenset[str]
    reported_pronouns: frozenset[str]
    personal_possessives: frozenset[str]
    negative_determiners: frozenset[str]
    not_words: frozenset[str]
    intensifiers: frozenset[str]
    neither_words: frozenset[str]
    nor_words: frozenset[str]
    contrast_asides: frozenset[str]
    singular_determiners: frozenset[str]
    aside_leads: frozenset[str]
    aside_nouns: frozenset[str]
    do_verbs: frozenset[str]
    ability_words: frozenset[str]
    verb_coordinators: frozenset[str]
    help_verbs: frozenset[str]
    want_word: str
    denial_stem: str
    open_word: str
    matter_for: str
    decision_stems: tuple[str, ...]
    stance_table: Mapping[tuple[Cue, bool], str] = field(
        default_factory=lambda: MappingProxyType(dict(_STANCE_TABLE))
    )

    def stance_of(self, cue: Cue, negated: bool) -> str | None:
        """The stance a cue gives with its polarity in this language's table.

        >>> ENGLISH.stance_of(Cue.EXCLUDE, negated=True)
        'open'
        """
        return self.stance_table.get((cue, negated))


def _english() -> Lexicon:
    """Every field from the English modules' constant of the same name, upper-cased."""
    tables = {**vars(english), **vars(english_scope), **vars(english_rules)}
    words_and_patterns = {
        f.name: tables[f.name.upper()]
        for f in fields(Lexicon)
        if f.name.upper() in tables and f.name not in ("name", "cue_patterns")
    }
    return Lexicon(
        name="en",
        cue_patterns=CUE_PATTERNS,
        inherently_negative=INHERENTLY_NEGATIVE,
        **words_and_patterns,
    )


ENGLISH = _english()
