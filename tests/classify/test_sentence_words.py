"""The sentence loops skip tokens no rule reads, from unions of the lexicon's word classes
built once per lexicon: a lexicon given other words gets its own (never ENGLISH's)."""

from __future__ import annotations

from dataclasses import replace

from monitor.classify import load_gazetteer
from monitor.classify.lexicon import ENGLISH, Lexicon
from monitor.classify.sentence import Sentence, analyse


def _read(text: str, lexicon: Lexicon) -> Sentence:
    return analyse(text, 0, len(text), load_gazetteer(), lexicon)


def test_a_clause_breaker_added_as_data_splits_the_clause() -> None:
    text = "Poland is ready to help meanwhile Hungary refuses to send troops."
    assert len(_read(text, ENGLISH).clauses) == 1  # ENGLISH's word sets are built first
    lexicon = replace(ENGLISH, clause_breakers=ENGLISH.clause_breakers | {"meanwhile"})
    s = _read(text, lexicon)
    assert s.clauses == ((0, 5), (5, 12))
    assert s.clause_of[6] == 1
    assert len(_read(text, ENGLISH).clauses) == 1


def test_a_question_word_added_as_data_opens_a_question() -> None:
    text = "Reporters wondered if Poland would send troops."
    assert not any(_read(text, ENGLISH).in_question[2:])
    lexicon = replace(ENGLISH, subordinators_question=ENGLISH.subordinators_question | {"if"})
    assert _read(text, lexicon).in_question == (False, False, True, True, True, True, True, True)
    assert not any(_read(text, ENGLISH).in_question[2:])
