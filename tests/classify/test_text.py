"""Folding, sentence splitting and tokens: offsets must survive every step."""

from __future__ import annotations

from monitor.classify.text import fold, split_sentences, tokenize


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
