# ruff: noqa: E501  (a table of sentences reads better unwrapped)
"""stance-rules-1.19 and 1.20 patterns, from the error classes of the fifth and sixth
unseen-phrasing batches (fs5-*, fs6-* in fixtures/fresh_sentences.jsonl): each with
sentences of our own and a look-alike."""

from __future__ import annotations

import pytest

from monitor.classify import classify

CASES = [
    # a consideration with the decision still to come in the same clause is undecided
    (
        "The Greek government is weighing whether to send soldiers to Ukraine and will decide in the autumn.",
        {("GR", "undecided")},
    ),
    (
        "Slovenia is examining a contribution of troops to Ukraine and has not yet decided, its defence minister said.",
        {("SI", "undecided")},
    ),
    (
        "Slovenia is examining a contribution of troops to Ukraine, its defence minister said.",
        {("SI", "open")},
    ),
    # a decision's details left open do not undo the consideration
    (
        "Slovenia is considering sending troops to Ukraine, but it is too early to say how many.",
        {("SI", "open")},
    ),
    # "will only decide ... once": a decision to come
    (
        "Belgium will only decide on sending soldiers to Ukraine once a ceasefire is signed, the prime minister said.",
        {("BE", "undecided")},
    ),
    (
        "Belgium decided to send soldiers to Ukraine once a ceasefire is signed.",
        {("BE", "willing")},
    ),
    # "look favourably at" is a consideration
    (
        "Luxembourg would look favourably on taking part in a reassurance force in Ukraine, the prime minister said.",
        {("LU", "open")},
    ),
    ("Luxembourg looked at the map of Ukraine.", set()),
    # "available to contribute troops" is a readiness; "available to talk" is none
    (
        "The minister said Slovakia was available to contribute soldiers to a mission in Ukraine after a peace deal.",
        {("SK", "willing")},
    ),
    ("The minister said Slovakia was available to talk about the mission in Ukraine.", set()),
    # "their troops" after a list of reporting states gives each of them the stance
    (
        "Latvia, Lithuania and Estonia said that their troops would be ready to go to Ukraine after a ceasefire.",
        {("LV", "willing"), ("LT", "willing"), ("EE", "willing")},
    ),
    # "told <addressee> it": the teller, not the addressee (here Ukraine, the host)
    (
        "Oslo has told Kyiv it will send troops to Ukraine after a ceasefire, a Norwegian official said.",
        {("NO", "willing")},
    ),
    ("Poland told Germany it would not send troops to Ukraine.", {("PL", "declined")}),
    # 1.20: equipment for a force's task is no force; Ukraine's neighbours are elsewhere
    ("Norway will send demining equipment to Ukraine.", set()),
    ("Norway will send a demining team to Ukraine after the war.", {("NO", "willing")}),
    ("Lithuania could send more troops to Ukraine's neighbour Poland for an exercise.", set()),
    (
        "Lithuania will send troops to Ukraine's eastern regions after a ceasefire.",
        {("LT", "willing")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pending_pattern(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.stance.value) for f in classify(text).stances} == expected
