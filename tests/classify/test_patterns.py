"""Stance patterns on sentences written for these tests: one case per linguistic pattern."""

from __future__ import annotations

import pytest

from monitor.classify import Stance, classify
from tests.classify.cases import CASES, NEWS_CASES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"{pattern}-{n}")
        for n, (pattern, text, expected) in enumerate(CASES)
    ],
)
def test_stance_pairs(text: str, expected: set[tuple[str, str]]) -> None:
    result = classify(text)
    assert {(f.actor, f.stance.value) for f in result.stances} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=f"news-{n}") for n, (text, expected) in enumerate(NEWS_CASES)],
)
def test_news_sentences(text: str, expected: set[tuple[str, str]]) -> None:
    result = classify(text)
    assert {(f.actor, f.stance.value) for f in result.stances} == expected


def test_every_pattern_family_is_covered() -> None:
    families = {pattern for pattern, _, _ in CASES}
    assert {
        "negation",
        "coordination",
        "contrast",
        "attribution",
        "conditions",
        "questions",
        "lookalike",
        "groups",
        "host",
        "nonstate",
        "opposition",
        "undecided",
    } <= families


def test_not_ready_is_not_willing() -> None:
    stances = {
        f.stance for f in classify("Belgium is not ready to send troops to Ukraine.").stances
    }
    assert Stance.WILLING not in stances


def test_refusal_of_own_troops_is_declined_but_of_foreign_troops_opposed() -> None:
    own = classify("Hungary rejects sending Hungarian soldiers to Ukraine.").stances
    foreign = classify("Russia rejects any presence of NATO forces in Ukraine.").stances
    assert [(f.actor, f.stance) for f in own] == [("HU", Stance.DECLINED)]
    assert [(f.actor, f.stance) for f in foreign] == [("RU", Stance.OPPOSED)]


def test_scoped_refusal_with_later_openness_is_open() -> None:
    text = (
        "Austria will not send soldiers to Ukraine at present, but after a ceasefire "
        "an Austrian contribution to a peacekeeping force is possible."
    )
    assert [(f.actor, f.stance) for f in classify(text).stances] == [("AT", Stance.OPEN)]


def test_pronoun_in_a_quote_resolves_to_the_speaker_in_the_next_sentence() -> None:
    text = (
        'Polish officials attended the meeting. "We will not send soldiers to Ukraine. '
        'Our answer is clear," Robles said.'
    )
    assert [(f.actor, f.stance) for f in classify(text).stances] == [("ES", Stance.DECLINED)]


def test_unnamed_countries_named_in_the_next_sentence() -> None:
    text = (
        "Several governments said they would not send troops to Ukraine. "
        "These include Hungary and Slovakia."
    )
    result = classify(text)
    assert {(f.actor, f.stance) for f in result.stances} == {
        ("HU", Stance.DECLINED),
        ("SK", Stance.DECLINED),
    }
    # the evidence spans both sentences, so it shows who "they" are
    assert result.stances[0].evidence == text


def test_he_refers_to_the_official_named_in_the_sentence_before() -> None:
    text = (
        "Prime Minister Ulf Kristersson spoke in Stockholm on Monday. "
        "He said Sweden does not rule out sending troops to Ukraine."
    )
    assert [(f.actor, f.stance) for f in classify(text).stances] == [("SE", Stance.OPEN)]
