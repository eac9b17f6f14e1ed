"""The classify() contract: records, evidence spans, conditions, versions, countries."""

from __future__ import annotations

import dataclasses

import pytest

from monitor.classify import (
    CLASSIFIER_VERSION,
    Classification,
    Stance,
    StanceFinding,
    classify,
    classify_sentences,
)

ARTICLE = """Allies split over Ukraine force

Portugal is prepared to send a company of soldiers to Ukraine if a ceasefire is agreed, \
Prime Minister Luis Montenegro said on Tuesday.
Hungary, however, will not send troops to Ukraine, its foreign minister said.
Mr. Orban has long opposed the idea.
The Kremlin called the deployment of Western troops in Ukraine unacceptable.
Later, Portugal's defence ministry added that Portuguese troops could also join a \
naval mission.
"""


def test_records_are_frozen_and_typed() -> None:
    result = classify(ARTICLE)
    assert isinstance(result, Classification)
    assert all(isinstance(f, StanceFinding) for f in result.stances)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.relevant = False  # type: ignore[misc]
    assert result.classifier_version == CLASSIFIER_VERSION


def test_one_stance_per_country_with_exact_evidence_spans() -> None:
    result = classify(ARTICLE)
    pairs = {(f.actor, f.stance) for f in result.stances}
    assert pairs == {("PT", Stance.WILLING), ("HU", Stance.DECLINED), ("RU", Stance.OPPOSED)}
    assert len({f.actor for f in result.stances}) == len(result.stances)
    for f in result.stances + result.findings:
        assert ARTICLE[f.start : f.end] == f.evidence
        assert 0.0 <= f.confidence <= 1.0
        assert f.rule


def test_sentence_findings_keep_every_sentence() -> None:
    findings = classify_sentences(ARTICLE)
    portugal = [f for f in findings if f.actor == "PT"]
    # the firm readiness and the later "could also join" are both kept per sentence
    assert {f.stance for f in portugal} == {Stance.WILLING, Stance.OPEN}
    article = {f.actor: f.stance for f in classify(ARTICLE).stances}
    assert article["PT"] == Stance.WILLING


def test_condition_is_extracted() -> None:
    pt = next(f for f in classify(ARTICLE).stances if f.actor == "PT")
    assert pt.condition == "if a ceasefire is agreed"
    backstop = classify("Britain is ready to deploy troops to Ukraine with a US backstop.")
    assert backstop.stances[0].condition == "with a US backstop"
    consensus = classify(
        "Canada is not dismissing troops for Ukraine if the coalition reaches a consensus."
    )
    assert consensus.stances[0].condition == "if the coalition reaches a consensus"


def test_countries_lists_every_state_mentioned() -> None:
    result = classify(ARTICLE)
    assert {"PT", "HU", "RU", "UA"} <= set(result.countries)
    # named by leader, metonym and demonym only
    indirect = classify("Carney met officials from the Kremlin and a Polish diplomat.")
    assert set(indirect.countries) == {"CA", "RU", "PL"}


def test_relevance_score_and_flag_agree() -> None:
    result = classify(ARTICLE)
    assert result.relevant and 0.5 <= result.relevance <= 1.0
    other = classify("The central bank kept interest rates on hold for a third month.")
    assert not other.relevant and other.relevance < 0.5


def test_title_gives_context_to_a_short_text() -> None:
    text = "The government said it is too early to discuss this issue."
    assert classify(text).stances == ()
    titled = classify(text, title="Norway weighs sending peacekeepers to Ukraine")
    assert [(f.actor, f.stance) for f in titled.stances] == [("NO", Stance.UNDECIDED)]


def test_empty_and_unrelated_texts() -> None:
    assert classify("").stances == ()
    assert classify("   \n\n  ").relevant is False
