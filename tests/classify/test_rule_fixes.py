"""Rules fixed with the stance model's work (issue 12): general constructions, each with a
look-alike that must not change."""

from __future__ import annotations

import pytest

from monitor.classify import classify

CASES = [
    ("The Czech government no longer rules out sending soldiers to Ukraine.", {("CZ", "open")}),
    ("Italy no longer plans to send troops to Ukraine.", {("IT", "declined")}),
    ("Romania would not exclude sending military engineers to Ukraine.", {("RO", "open")}),
    ("Estonia will not send software engineers to Ukraine.", set()),
    (
        "Denmark would not exclude sending personnel to Ukraine. Norway keeps its options "
        "open, a spokesperson for the Norwegian defence ministry said.",
        {("DK", "open"), ("NO", "open")},
    ),
    (
        "The United States says it will not put ground forces in Ukraine, though it leaves "
        "air support as a possibility.",
        {("US", "declined")},
    ),
]


@pytest.mark.parametrize(("text", "gold"), CASES, ids=[t[:40] for t, _ in CASES])
def test_rule_fix(text: str, gold: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.stance.value) for f in classify(text).stances} == gold
