"""The rules read their words from the `Lexicon` value they are given: a new cue or word
class changes the result without touching control flow, and ENGLISH is the default."""

from __future__ import annotations

import re
from dataclasses import replace

from monitor.classify import Classifier, load_gazetteer
from monitor.classify.cue_lexicon import Cue, CuePattern
from monitor.classify.lexicon import ENGLISH, Lexicon


def _pairs(lexicon: Lexicon, text: str) -> set[tuple[str, str]]:
    c = Classifier(load_gazetteer(), lexicon=lexicon)
    return {(f.actor, f.stance.value) for f in c.classify(text).stances}


def test_a_cue_added_as_data() -> None:
    text = "Hungary nixed sending troops to Ukraine."
    assert _pairs(ENGLISH, text) == set()
    nixed = CuePattern(Cue.EXCLUDE, re.compile(r"(?<![\w-])nixed(?![\w-])"))
    lexicon = replace(ENGLISH, cue_patterns=(*ENGLISH.cue_patterns, nixed))
    assert _pairs(lexicon, text) == {("HU", "declined")}


def test_a_troop_noun_added_as_data() -> None:
    text = "Belgium is ready to send gendarmes to Ukraine."
    assert _pairs(ENGLISH, text) == set()
    lexicon = replace(ENGLISH, troop_nouns=ENGLISH.troop_nouns | {"gendarmes"})
    assert _pairs(lexicon, text) == {("BE", "willing")}


def test_the_stance_table_is_data() -> None:
    text = "Poland has ruled out sending troops to Ukraine."
    assert _pairs(ENGLISH, text) == {("PL", "declined")}
    table = dict(ENGLISH.stance_table)
    table[(Cue.EXCLUDE, False)] = "undecided"
    assert _pairs(replace(ENGLISH, stance_table=table), text) == {("PL", "undecided")}


def test_the_ellipsis_reads_the_lexicon_s_stance_table() -> None:
    text = "France is ready to send troops to Ukraine, but Germany is not."
    assert _pairs(ENGLISH, text) == {("FR", "willing"), ("DE", "declined")}
    table = dict(ENGLISH.stance_table)
    table[(Cue.READY, True)] = "undecided"
    assert _pairs(replace(ENGLISH, stance_table=table), text) == {
        ("FR", "willing"),
        ("DE", "undecided"),
    }


def test_a_group_noun_added_as_data() -> None:
    # mentions.find_mentions reads its group heads from the lexicon it is given
    text = "The Nordic bloc is ready to send troops to Ukraine."
    assert _pairs(ENGLISH, text) == set()
    lexicon = replace(ENGLISH, group_heads=ENGLISH.group_heads | {"bloc"})
    assert _pairs(lexicon, text) == {(c, "willing") for c in ("DK", "FI", "IS", "NO", "SE")}


def _toy_french() -> Lexicon:
    """A few French words of our own on top of English: enough for one sentence shape."""

    def cue(kind: Cue, regex: str) -> CuePattern:
        return CuePattern(kind, re.compile(r"(?<![\w-])(?:" + regex + r")(?![\w-])"), True)

    return replace(
        ENGLISH,
        name="fr-toy",
        cue_patterns=(cue(Cue.READY, "prete|pret"),),
        auxiliaries=ENGLISH.auxiliaries | {"est"},
        negators=ENGLISH.negators | {"ne", "n", "pas"},
        complement_skip=ENGLISH.complement_skip | {"a"},
        send_verbs=ENGLISH.send_verbs | {"envoyer"},
        troop_nouns=ENGLISH.troop_nouns | {"soldats"},
        destination_prepositions=ENGLISH.destination_prepositions | {"en"},
    )


def test_a_language_added_as_data() -> None:
    french = _toy_french()
    willing = "Le Canada est prêt à envoyer des soldats en Ukraine."
    declined = "La France n'est pas prête à envoyer des soldats en Ukraine."
    assert _pairs(ENGLISH, willing) == _pairs(ENGLISH, declined) == set()
    assert _pairs(french, willing) == {("CA", "willing")}
    assert _pairs(french, declined) == {("FR", "declined")}
    # its cues are the French ones only: the English cue is not read
    assert _pairs(ENGLISH, "Canada is ready to send troops to Ukraine.") == {("CA", "willing")}
    assert _pairs(french, "Canada is ready to send troops to Ukraine.") == set()
