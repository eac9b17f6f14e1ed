# ruff: noqa: E501  (a table of sentences reads better unwrapped)
"""stance-rules-1.16 patterns, from the error classes of the unseen-phrasing set
(fixtures/fresh_sentences.jsonl): each with sentences of our own and a look-alike."""

from __future__ import annotations

import pytest

from monitor.classify import classify

CASES = [
    # a state council is the state; other councils and campaigners are not
    (
        "The Swiss Federal Council said Switzerland would not send troops to Ukraine.",
        {("CH", "declined")},
    ),
    (
        "Sending NATO troops to Ukraine would be a provocation, Security Council secretary Sergei Shoigu said.",
        {("RU", "opposed")},
    ),
    (
        "A member of the city council in Bern said Switzerland should send soldiers to Ukraine.",
        set(),
    ),
    ("Peace campaigners in Dublin protested against sending Irish soldiers to Ukraine.", set()),
    ("Presidential hopeful Anna Berg said Swedish troops would go to Ukraine if she won.", set()),
    # "say no to" is an exclusion: negated, it is open
    (
        "Denmark will not say no to a role for Danish soldiers in Ukraine, the defence minister said.",
        {("DK", "open")},
    ),
    ("Norway has said no to sending soldiers to Ukraine.", {("NO", "declined")}),
    # a denied report is the denier's refusal; a confirmed one stays as reported
    (
        "Rumours that Portugal would send troops to Ukraine were dismissed by the Portuguese defence minister.",
        {("PT", "declined")},
    ),
    (
        "Reports that Italy would send troops to Ukraine were denied by Rome, but Spain said it was ready to send soldiers.",
        {("IT", "declined"), ("ES", "willing")},
    ),
    (
        "Reports that Belgium would send troops to Ukraine were confirmed by the Belgian government.",
        {("BE", "willing")},
    ),
    (
        "The Slovak government denied reports that Slovakia would buy more Russian gas.",
        set(),
    ),
    # "of any foreign troops": the owner after a quantifier
    (
        "Turkey opposes the presence of any foreign forces in Ukraine, the Turkish foreign minister said.",
        {("TR", "opposed")},
    ),
    (
        "Turkey opposes the presence of any Turkish forces in Ukraine, the Turkish foreign minister said.",
        {("TR", "declined")},
    ),
    # war as a consequence, with modifiers
    (
        "Sending peacekeepers from NATO states would spark a wider conflict, the Russian foreign ministry said.",
        {("RU", "opposed")},
    ),
    (
        "The new tariffs would spark a wider trade conflict, the Russian economy ministry said.",
        set(),
    ),
    # a plan with a noun object
    (
        "Germany is not planning any deployment to Ukraine, the defence minister said.",
        {("DE", "declined")},
    ),
    (
        "The ministry is not planning any cuts to the defence budget, Germany's finance minister said.",
        set(),
    ),
    # undecided idioms
    (
        "Whether Dutch soldiers go to Ukraine remains an open question, the Dutch prime minister said.",
        {("NL", "undecided")},
    ),
    (
        "Austria will make up its mind on troops for Ukraine after a ceasefire, the chancellor said.",
        {("AT", "undecided")},
    ),
    (
        "A decision on sending Greek soldiers to Ukraine would only come later, the Greek government said.",
        {("GR", "undecided")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_unseen_pattern(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.stance.value) for f in classify(text).stances} == expected
