"""Article-level resolution: one stance per country when an article gives several."""

from __future__ import annotations

from monitor.classify import Stance, classify

NORWAY = """Norway edges towards Ukraine mission

Prime Minister Jonas Gahr Støre said on Monday that Norway does not rule out sending \
soldiers to Ukraine.
On Wednesday he went further: Norway is ready to contribute troops to a reassurance force \
once a ceasefire is in place, he told reporters in Oslo.
Defence Minister Tore Sandvik said no decision had yet been taken on the size of any \
contribution.
Sweden, by contrast, said it was too early to discuss sending Swedish troops.
Hungary has ruled out any participation.
Analysts said Denmark would probably join later."""

ITALY = """Italy weighs its options

Italian Prime Minister Giorgia Meloni said on Tuesday that Italy will not send soldiers to \
Ukraine.
Rome is, however, ready to help train Ukrainian forces in Italy and to monitor a ceasefire \
from outside the country.
Defence Minister Guido Crosetto said Italian troops could only be deployed under a UN flag, \
which he called unlikely.
The opposition Five Star Movement welcomed the decision."""

AUSTRIA = """Austria and the Ukraine force

Austria will not send soldiers to Ukraine while the fighting continues, the defence \
minister said.
Once a peace agreement is signed, however, an Austrian contribution to a peacekeeping \
force is possible, she added."""


SUMMIT = """Leaders of the coalition of the willing meet in Paris

PARIS, March 27 - Leaders from around 30 countries gathered in Paris on Thursday to discuss \
security guarantees for Ukraine, including a possible reassurance force.
French President Emmanuel Macron said France and Britain would lead the planning, and that \
several European countries had expressed interest in taking part.
"We are not there yet," Macron told reporters, adding that any deployment would come only \
after a ceasefire.
German Chancellor Olaf Scholz, whose government is in caretaker mode, said Berlin would \
decide on participation once the conditions were clear.
Italy's Giorgia Meloni repeated that Italian troops would not be deployed, while Poland's \
Donald Tusk said Warsaw would focus on logistics.
Russian Foreign Minister Sergey Lavrov said on Wednesday that any European troops in Ukraine \
would be treated as a party to the conflict.
Ukrainian President Volodymyr Zelensky thanked the leaders and said Ukraine needed strong \
partners on the ground.
The United States did not send a representative. Analysts say Washington's support remains \
uncertain."""


def _pairs(text: str) -> set[tuple[str, Stance]]:
    return {(f.actor, f.stance) for f in classify(text).stances}


def test_firm_commitment_outranks_earlier_openness_and_open_questions() -> None:
    assert _pairs(NORWAY) == {
        ("NO", Stance.WILLING),
        ("SE", Stance.UNDECIDED),
        ("HU", Stance.DECLINED),
    }


def test_plain_refusal_outranks_a_conditional_could() -> None:
    assert _pairs(ITALY) == {("IT", Stance.DECLINED)}


def test_refusal_limited_to_now_gives_way_to_openness_later() -> None:
    assert _pairs(AUSTRIA) == {("AT", Stance.OPEN)}


def test_article_stance_points_at_its_best_evidence() -> None:
    result = classify(NORWAY)
    norway = next(f for f in result.stances if f.actor == "NO")
    assert "ready to contribute troops" in norway.evidence
    assert norway.condition == "once a ceasefire is in place"
    assert NORWAY[norway.start : norway.end] == norway.evidence
    assert result.relevant


def test_summit_report_names_many_countries_but_few_stances() -> None:
    assert _pairs(SUMMIT) == {
        ("DE", Stance.UNDECIDED),
        ("IT", Stance.DECLINED),
        ("RU", Stance.OPPOSED),
    }
    assert {"FR", "GB", "PL", "UA", "US"} <= set(classify(SUMMIT).countries)
