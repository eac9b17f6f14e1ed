"""The product classifier (`classifier = "model"`) on the patterns that fail the rules
(issue 12), in sentences written for this test (not in the generator's templates), and on
look-alike articles that must not be relevant."""

from __future__ import annotations

from functools import cache

import pytest

from monitor.classify import TextClassifier, build_classifier


@cache
def model() -> TextClassifier:
    return build_classifier(mode="model")


def pairs(text: str, title: str = "") -> set[tuple[str, str]]:
    return {(f.actor, f.stance.value) for f in model().classify(text, title=title).stances}


PATTERNS = [
    (
        "Reports that European soldiers would be sent to Kyiv were later denied in Rome, "
        "Warsaw and Madrid.",
        {("IT", "declined"), ("PL", "declined"), ("ES", "declined")},
    ),
    (
        "Asked whether Sweden would be willing to send peacekeepers to Ukraine, the "
        "reporter got no reply.",
        set(),
    ),
    ("Portugal failed to commit any soldiers to the planned force for Ukraine.", None),
    (
        "The Belgian prime minister said the time had not yet come to decide on troops "
        "for Ukraine.",
        {("BE", "undecided")},
    ),
    (
        "Austria has yet to decide, but is considering a contribution of soldiers to a "
        "mission in Ukraine.",
        {("AT", "undecided")},
    ),
    (
        "Norway could deploy a mine-clearing unit to Ukraine once a peace deal is finalised, "
        "its defence minister said.",
        {("NO", "willing")},
    ),
    (
        "Croatia will take part in the coalition's planning without basing any of its forces "
        "in Ukraine, the government said.",
        {("HR", "declined")},
    ),
    (
        "Czech opposition leader Pavel Dvorak said he would send troops to Ukraine if he "
        "won the election.",
        set(),
    ),
    (
        "Kremlin spokesman Dmitry Peskov said Moscow views the idea of European troops in "
        "Ukraine negatively.",
        {("RU", "opposed")},
    ),
    (
        "Russia's foreign ministry said any Western soldiers in Ukraine would be legitimate "
        "targets.",
        {("RU", "opposed")},
    ),
    ("Finland is ready to send soldiers to Ukraine after a ceasefire.", {("FI", "willing")}),
    ("Greece has ruled out sending troops to Ukraine.", {("GR", "declined")}),
    ("Ireland does not rule out sending peacekeepers to Ukraine.", {("IE", "open")}),
]


# Still wrong with the shipped combination (a rule finding stands where the rules found
# one); strict, so a fix shows up here.
_MISSES: tuple[str, ...] = ()
_CASES = [
    pytest.param(t, g, marks=pytest.mark.xfail(strict=True, reason="known miss"))
    if t.startswith(_MISSES)
    else (t, g)
    for t, g in PATTERNS
]


@pytest.mark.parametrize(("text", "gold"), _CASES, ids=[t[:40] for t, _ in PATTERNS])
def test_pattern(text: str, gold: set[tuple[str, str]] | None) -> None:
    got = pairs(text)
    if gold is None:
        # "failed to commit": not a willingness, whatever else it is
        assert not any(stance == "willing" for _, stance in got)
    else:
        assert got == gold


LOOK_ALIKES = [
    (
        "Germany sends brigade to Lithuania",
        "Germany will station a brigade of 5,000 soldiers in Lithuania, the defence ministry "
        "said, as NATO strengthens its eastern flank after Russia's invasion of Ukraine. The "
        "first troops arrive next year.",
    ),
    (
        "Peacekeepers in Lebanon",
        "Irish troops serving with UN peacekeepers in southern Lebanon came under fire on "
        "Sunday. Ireland's foreign minister condemned the attack. The war in Ukraine has "
        "stretched the UN's missions.",
    ),
    (
        "North Korean troops in Kursk",
        "North Korean troops are fighting alongside Russian forces in the Kursk region, "
        "South Korea's intelligence service said. Ukraine says thousands have been deployed.",
    ),
    (
        "New aid package",
        "The United States announced a new military aid package for Ukraine, including a "
        "Patriot battery and ammunition. No American troops will be involved in the training, "
        "which takes place in Germany.",
    ),
]


@pytest.mark.parametrize(
    ("title", "text"),
    [(h, t) for h, t in LOOK_ALIKES],
    ids=[t for t, _ in LOOK_ALIKES],
)
def test_look_alike_is_not_relevant(title: str, text: str) -> None:
    c = model().classify(text, title=title)
    assert not c.relevant
    assert c.classifier_version.startswith("stance-model-")


def test_relevant_article_without_a_stance_stays_relevant() -> None:
    text = (
        "European defence ministers met in Paris to plan a multinational force to be sent to "
        "Ukraine after a ceasefire. The force would deploy troops away from the front line. "
        "Details of the deployment of troops to Ukraine are still being discussed."
    )
    c = model().classify(text, title="Allies plan force to deploy troops to Ukraine")
    assert c.relevant


def test_each_model_stance_keeps_evidence_span_confidence_and_decider() -> None:
    text = "Talks went on in Paris. Finland is ready to send soldiers to Ukraine after a ceasefire."
    c = model().classify(text)
    (f,) = c.stances
    assert text[f.start : f.end] == f.evidence and "Finland" in f.evidence
    assert 0.5 <= f.confidence <= 1.0
    # a rule finding the model could not overrule stands without the encoder: "rules+"
    assert f.rule.startswith(("model", "rules+"))
    assert f.condition is not None and "ceasefire" in f.condition
