"""Folding, sentence splitting and tokens: offsets must survive every step."""

from __future__ import annotations

import random

from monitor.classify.text import _fold_char, fold, split_folded, split_sentences, tokenize


def test_fold_keeps_length_and_strips_marks() -> None:
    text = "Kosiniak-Kamysz, Rinkēvičs, Støre and Türkiye — “quoted” ’s"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == 'Kosiniak-Kamysz, Rinkevics, Store and Turkiye - "quoted" \'s'


def test_sentences_respect_abbreviations_initials_and_lines() -> None:
    text = (
        "The U.S. will not send troops. Mr. Tusk agreed with Gen. Smith on Jan. 5.\n"
        'J. D. Vance spoke later! Was it enough? "Yes," he said.\n\nComments'
    )
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        "The U.S. will not send troops.",
        "Mr. Tusk agreed with Gen. Smith on Jan. 5.",
        "J. D. Vance spoke later!",
        "Was it enough?",
        '"Yes," he said.',
        "Comments",
    ]


def test_sentence_ends_before_closing_quote_and_capital() -> None:
    text = 'He said: "We are ready." Then Poland spoke.'
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == ['He said: "We are ready."', "Then Poland spoke."]


def test_tokens_carry_offsets_into_the_text() -> None:
    text = "Italy won't send troops; it's Rome's call."
    tokens = tokenize(text, 0, len(text))
    assert "won't" in tokens.lower and "'s" in tokens.lower
    for form, start, end in zip(tokens.forms, tokens.starts, tokens.ends, strict=True):
        assert text[start:end] == form


def test_fold_is_the_per_character_fold_of_every_character() -> None:
    """`fold` visits only the characters that fold (a regex over them): the result is the
    fold of each character, with the ASCII ones of the table ("`") in a non-ASCII text."""
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x20, 0x2100)] + ["\U0001f600", "`", "\u2019", "e\u0301"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        expected = text if text.isascii() else "".join(_fold_char(ch) for ch in text)
        assert fold(text) == expected, repr(text)
    assert fold("`quoted` \u00e9") == "'quoted' e"
    assert fold("`ascii`") == "`ascii`"  # an ASCII text is returned as it is


def test_split_folded_is_split_sentences_of_the_fold() -> None:
    text = "Støre said “no”. Mr. Tusk agreed.\nNext line"
    assert split_folded(fold(text)) == split_sentences(text)
