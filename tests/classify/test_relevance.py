"""Relevance: about sending troops to Ukraine, or a look-alike? Articles written here."""

from __future__ import annotations

import pytest

from monitor.classify import classify

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
