"""Relevance: about sending troops to Ukraine, or a look-alike? Articles written here."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.classify.relevance import relevance_gate

RELEVANT = {
    "stances": """Europe's reassurance force takes shape
Britain and France are ready to deploy troops to Ukraine once a ceasefire is signed, officials
said on Tuesday. Poland has ruled out sending soldiers, while Sweden is considering a
contribution of air policing. The Kremlin warned that any Western troops in Ukraine would be
legitimate targets.""",
    "explainer": """What a peacekeeping force in Ukraine could look like
A multinational force could be deployed to Ukraine after a peace deal. Planners expect
several thousand troops in Ukraine, far from the front line, with air cover from allies.
Which countries would send soldiers to Ukraine is still being negotiated.""",
}

LOOK_ALIKES = {
    "baltic brigade": """Germany stations brigade in Lithuania
Germany is deploying a tank brigade to Lithuania, its first permanent foreign deployment.
The soldiers will be based near Vilnius. Defence officials said the brigade is ready to
deploy to the border within days if Russia attacks a NATO ally.""",
    "operation reassurance": """Canada renews Latvia mission
Canada extended Operation REASSURANCE, its NATO mission in Latvia, by three years. About
2,000 Canadian troops are stationed there. The prime minister visited the soldiers in Riga
after a stop in Kyiv, where he discussed the war in Ukraine.""",
    "iraq 2003": """Twenty years after the invasion of Iraq
In 2003 a coalition of the willing led by the United States sent troops to Iraq. Britain
deployed 45,000 soldiers and Poland sent a special forces unit. Spain withdrew its troops
in 2004.""",
    "energy": """Ukraine's grid under strain
Russian drones struck power plants across Ukraine overnight. The European Union will send
generators and transformers, and Germany pledged 100 million euros for repairs to the grid
before winter.""",
    "sanctions": """EU adopts new sanctions
The European Union adopted a new package of sanctions against Russia targeting its shadow
fleet of oil tankers. Hungary had delayed the decision for weeks.""",
    "aid": """New weapons for Kyiv
The United States will send more Patriot missiles to Ukraine, and Norway pledged artillery
shells. Ukrainian soldiers will be trained on the new systems in Germany.""",
    "football": """Coach changes tactics
The manager deployed an extra midfielder and sent on two strikers in the second half.
Poland's defence held firm against France until the final whistle.""",
    "business": """Cloud firm expands
The company will deploy its new platform across Europe this year and plans to send
engineers to its offices in Warsaw and Kyiv to support banks.""",
}


@pytest.mark.parametrize("name", sorted(RELEVANT))
def test_relevant_articles_score_high(name: str) -> None:
    result = classify(RELEVANT[name])
    assert result.relevant, result.relevance
    assert result.relevance >= 0.5


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_look_alikes_score_low_and_give_no_stance(name: str) -> None:
    result = classify(LOOK_ALIKES[name])
    assert not result.relevant, result.relevance
    assert result.relevance < 0.5
    assert result.stances == ()


def test_relevance_grows_with_evidence() -> None:
    one = classify("Spain is ready to send troops to Ukraine.")
    many = classify(RELEVANT["stances"])
    assert 0.0 < one.relevance < many.relevance <= 1.0


# Longer than the classifier's excerpt size, so the cheap gate runs before any stance work;
# "company" (and its unit words) is the only force word in each.
COMPANY_UNIT = """Estonia offers a company for Ukraine
TALLINN - Estonia is ready to send an infantry company to Ukraine once a ceasefire is signed,
Prime Minister Kristen Michal said on Wednesday after a meeting of the government in Tallinn.
The offer would be Estonia's share of a European mission that Britain and France have been
planning for months. Michal said the company would stay in Ukraine for at least six months and
would later be relieved by a second one. The government will ask parliament to approve the
mandate next week. Opposition parties said they would support it, though some asked what the
cost to the budget would be and how long the mission would last. The Kremlin has not commented
on the Estonian offer. Talks on a ceasefire are due to resume in Istanbul later this month."""
COMPANY_FIRM = """Tallinn tech firm opens office in Kyiv
TALLINN - An Estonian software company will open an office in Kyiv next month, its chief
executive said on Wednesday. The company makes payment systems for banks and already employs
40 people in Ukraine. The chief executive said the company would hire another 30 engineers in
Ukraine this year despite the war, and that it was working with Ukrainian banks on a new
mobile app for small businesses. Estonia's economy minister welcomed the decision. The
company's shares rose 3 percent in Tallinn. Analysts said Ukrainian technology firms had kept
growing throughout the war and that foreign companies were returning to Kyiv."""


def test_a_company_of_soldiers_passes_the_gate_and_gives_its_stance() -> None:
    assert len(COMPANY_UNIT) > 600  # the gate applies
    assert relevance_gate(COMPANY_UNIT)
    result = classify(COMPANY_UNIT)
    assert result.relevant
    assert {(f.actor, f.stance.value) for f in result.stances} == {("EE", "willing")}


def test_a_company_that_is_a_firm_stays_irrelevant() -> None:
    assert len(COMPANY_FIRM) > 600
    assert not relevance_gate(COMPANY_FIRM)
    result = classify(COMPANY_FIRM)
    assert not result.relevant
    assert result.stances == ()


@pytest.mark.parametrize(
    ("text", "gate"),
    [
        ("Latvia will contribute a company-sized unit to the mission in Ukraine.", True),
        ("Lithuania offered a company of paratroopers for Ukraine.", True),
        ("Poland will station two mechanised companies near Ukraine's border.", True),
        ("A Ukrainian energy company raised prices for Kyiv households.", False),
        ("The company sent a team to Kyiv to sign the contract.", False),
    ],
)
def test_gate_reads_company_as_a_unit_only_in_military_use(text: str, gate: bool) -> None:
    assert relevance_gate(text) is gate
