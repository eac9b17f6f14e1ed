"""Rules that read a word by its context (issue 12, rules path): a bare deployment gerund
after a verb of considering, and "company" as a military unit. Our own sentences, each
class with look-alikes that must not fire."""

from __future__ import annotations

import pytest

from monitor.classify import classify

# Earlier text that speaks of troops for Ukraine: a bare "taking part" takes it as topic.
FRAME = (
    "European defence ministers discussed a reassurance force for Ukraine on Tuesday. "
    "Estonia said it was prepared to deploy about 100 soldiers to Ukraine. "
)

CONSIDERED_GERUND = [
    (
        FRAME + "Finland said it was ready to consider taking part once a ceasefire is signed.",
        {("FI", "open")},
    ),
    (
        FRAME + "Belgium would consider joining, its foreign minister told reporters.",
        {("BE", "open")},
    ),
    (
        FRAME + "Asked about the force, the Irish government said it was considering "
        "participating if the UN gave a mandate.",
        {("IE", "open")},
    ),
    (
        FRAME + "Norway is not considering taking part, a ministry spokesperson said.",
        {("NO", "declined")},
    ),
    # look-alikes: the gerund has an object of its own, or there is no troop frame
    (FRAME + "Finland said it was ready to consider taking part in the talks in Geneva.", set()),
    (FRAME + "Belgium would consider joining the negotiations next month.", set()),
    (FRAME + "Austria will consider contributing to the reconstruction fund.", set()),
    (FRAME + "Ireland is considering providing more humanitarian aid.", set()),
]
# Without a title a short text is read as an excerpt of an article on troops; these are
# whole texts whose topic is something else.
NO_FRAME = [
    ("Finland said it was ready to consider taking part once the budget is agreed.", "Budget"),
    ("Norway would consider joining once the treaty is ratified.", "Fisheries treaty"),
]


@pytest.mark.parametrize(
    ("text", "gold"), CONSIDERED_GERUND, ids=[t[-50:] for t, _ in CONSIDERED_GERUND]
)
def test_considered_deployment_gerund(text: str, gold: set[tuple[str, str]]) -> None:
    got = {(f.actor, f.stance.value) for f in classify(text).stances} - {("EE", "willing")}
    assert got == gold


@pytest.mark.parametrize(("text", "title"), NO_FRAME)
def test_considered_gerund_needs_a_troop_frame(text: str, title: str) -> None:
    assert classify(text, title=title).stances == ()


COMPANY = [
    ("Denmark is ready to send a company to Ukraine if the ceasefire holds.", {("DK", "willing")}),
    (
        "Sweden could deploy two companies to Ukraine after a peace deal, the minister said.",
        {("SE", "open")},
    ),
    (
        "Norway will not send a single company to Ukraine, the prime minister said.",
        {("NO", "declined")},
    ),
    (FRAME + "Lithuania is prepared to contribute an infantry company.", {("LT", "willing")}),
    # look-alikes: a firm, not a unit
    ("Denmark is ready to send a defence company to Ukraine to repair drones.", set()),
    ("A Danish company based in Ukraine is ready to expand its drone plant.", set()),
    ("Denmark is ready to send a company delegation to Kyiv next week.", set()),
    ("Sweden will send a company to Poland for a NATO exercise.", set()),
    ("Finland's largest defence company is ready to deploy engineers at its plant in Lviv.", set()),
]


@pytest.mark.parametrize(("text", "gold"), COMPANY, ids=[t[:50] for t, _ in COMPANY])
def test_company_as_a_unit(text: str, gold: set[tuple[str, str]]) -> None:
    got = {(f.actor, f.stance.value) for f in classify(text).stances} - {("EE", "willing")}
    assert got == gold
