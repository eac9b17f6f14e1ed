# ruff: noqa: E501  (test sentences read better unwrapped)
"""One test per generalisation mechanism, on sentences written for these tests."""

from __future__ import annotations

import pytest

from monitor.classify import CLASSIFIER_VERSION, classify, default_classifier
from monitor.classify.text import fold, tokenize


def pairs(text: str, title: str = "") -> set[tuple[str, str]]:
    return {(f.actor, f.stance.value) for f in classify(text, title=title).stances}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stub that reverses the polarity of the predicate before it
        (
            "Estonia is ready to send soldiers to Ukraine, but Hungary is not.",
            {("EE", "willing"), ("HU", "declined")},
        ),
        # "so" keeps the polarity
        (
            "Ireland will not deploy troops to Ukraine, and neither will Malta.",
            {("IE", "declined"), ("MT", "declined")},
        ),
        # a possibility stub is an openness, not a commitment
        (
            "Bulgaria will not send troops to Ukraine, but Romania might.",
            {("BG", "declined"), ("RO", "open")},
        ),
        # a negative stub after a refusal has nothing to flip
        ("Austria has no plans to send soldiers to Ukraine, but Malta does.", {("AT", "declined")}),
    ],
)
def test_elliptical_clauses_reuse_the_predicate(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_respectively_pairs_each_country_with_its_own_cue() -> None:
    text = "Norway and Denmark voiced potential readiness and readiness, respectively, to send troops to Ukraine."
    assert pairs(text) == {("NO", "open"), ("DK", "willing")}


def test_a_non_state_speaker_blocks_the_country_in_the_reported_clause() -> None:
    assert pairs("A retired general said Norway must send troops to Ukraine.") == set()
    assert pairs("Norway's defence minister said Norway would send troops to Ukraine.") == {
        ("NO", "willing")
    }


def test_headline_speaker_before_a_colon() -> None:
    assert pairs("Moscow: any Western soldiers in Ukraine will be legitimate targets") == {
        ("RU", "opposed")
    }


def test_a_judgement_on_others_troops_belongs_to_the_speaker() -> None:
    text = (
        "French troops in Ukraine would be seen as a provocation, the Russian envoy to Paris said."
    )
    assert pairs(text) == {("RU", "opposed")}


def test_existential_there_will_be_no_troops() -> None:
    assert pairs("The Swiss president said there would be no Swiss soldiers in Ukraine.") == {
        ("CH", "declined")
    }


def test_possessive_troop_subject_points_back_to_the_state() -> None:
    text = (
        "Malta will fund demining equipment for Ukraine, but its soldiers will not be sent there."
    )
    assert pairs(text) == {("MT", "declined")}


def test_negation_after_decide_closes_the_question_before_it_leaves_it_open() -> None:
    assert pairs("Cyprus decided not to send troops to Ukraine.") == {("CY", "declined")}
    assert pairs("Cyprus has not decided to send troops to Ukraine.") == {("CY", "undecided")}


def test_double_negation_of_reluctance_is_readiness() -> None:
    assert pairs("Poland would not hesitate to deploy troops to Ukraine, Tusk said.") == {
        ("PL", "willing")
    }
    assert pairs("Poland is reluctant to deploy troops to Ukraine, Tusk said.") == {
        ("PL", "declined")
    }


def test_rather_than_negates_the_deployment_after_it() -> None:
    text = "Slovakia will guard its own border rather than send soldiers into Ukraine."
    assert pairs(text) == {("SK", "declined")}


def test_troops_received_or_kept_at_home_are_not_sent() -> None:
    assert pairs("Estonia is ready to host allied troops on its territory.") == set()
    assert pairs("Estonia is ready to send troops to its border with Russia.") == set()
    assert pairs("Estonia will not send troops to fight in Syria.") == set()


def test_the_troops_must_be_what_is_sent_not_where_it_goes() -> None:
    assert pairs("Norway will send tanks to Ukraine's ground forces.") == set()
    assert pairs("Norway will send tanks and 200 soldiers to Ukraine.") == {("NO", "willing")}


def test_uncertainty_about_details_is_not_an_undecided_stance() -> None:
    text = "Spain has not ruled out sending troops to Ukraine but said it was too early to say how many."
    assert pairs(text) == {("ES", "open")}


def test_a_complement_clause_of_its_own_is_not_about_troops() -> None:
    assert (
        pairs("Sweden's prime minister said it was premature to say whether talks would succeed.")
        == set()
    )


def test_an_addressee_after_told_is_not_the_subject() -> None:
    text = "Finland's president told public radio that it was premature to discuss Finnish troops in Ukraine."
    assert pairs(text) == {("FI", "undecided")}


def test_all_options_on_the_table_belong_to_the_speaker() -> None:
    text = "Asked if Belgium would send troops to Ukraine, the Belgian prime minister said all options were on the table."
    assert pairs(text) == {("BE", "open")}


def test_the_troop_frame_outlives_one_sentence_in_an_article() -> None:
    text = (
        "Britain and France are ready to send troops to Ukraine after a ceasefire. "
        "Leaders met in London on Thursday. "
        "Finland said it was still weighing its possible participation."
    )
    assert pairs(text, title="Europe plans Ukraine force") == {
        ("GB", "willing"),
        ("FR", "willing"),
        ("FI", "open"),
    }


def test_numbers_with_thousands_separators_are_one_token() -> None:
    folded = fold("about 10,000 troops")
    assert tokenize(folded, 0, len(folded)).lower == ("about", "10,000", "troops")


def test_version_was_bumped() -> None:
    assert CLASSIFIER_VERSION == "stance-rules-1.20"


LOOK_ALIKE = (
    "France said on Monday it will send 700 more peacekeepers to southern Lebanon under "
    "the UN flag. Italy is ready to deploy soldiers there as well, the two defence "
    "ministers said in Paris after a meeting on the mission's mandate. The contingent "
    "will patrol the border area with Israel and help the Lebanese army clear mines. "
    "Spain and Ireland, which already have troops in the force, welcomed the decision "
    "and said their own contributions would stay at their present size for next year. "
    "The ministers also discussed the force's budget and the rotation of its commanders, "
    "and agreed to meet again in the spring to review the mission's first months."
)


def test_an_article_naming_no_troops_for_ukraine_is_gated_out_but_keeps_its_countries() -> None:
    """The cheap gate: a whole article without Ukraine (or the post-war force's names)
    gets no stance work and is not relevant; its countries are still listed."""
    clf = default_classifier()
    assert len(LOOK_ALIKE) > 600
    elsewhere = clf.classify(LOOK_ALIKE, title="More peacekeepers for Lebanon")
    assert not elsewhere.relevant and elsewhere.stances == () and elsewhere.findings == ()
    assert {"FR", "IT", "ES", "IE"} <= set(elsewhere.countries)
    ukraine = LOOK_ALIKE.replace("southern Lebanon under the UN flag", "Ukraine after a ceasefire")
    judged = clf.classify(ukraine, title="More troops")
    assert judged.findings  # the same article about Ukraine is read in full
