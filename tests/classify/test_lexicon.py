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
