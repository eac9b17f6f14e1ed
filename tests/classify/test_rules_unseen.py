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
    # stance-rules-1.17: a passive agent after "by the"
    ("Sending troops to Ukraine was ruled out by the Austrian government.", {("AT", "declined")}),
    ("A deployment to Ukraine was rejected by the Danish government.", {("DK", "declined")}),
    # regions without a country name are elsewhere, as named countries are
    ("The Pentagon will deploy additional troops to the Middle East.", set()),
    ("Britain will send minehunters to the Red Sea and troops to the Baltic region.", set()),
    ("France will send troops to Ukraine in the middle of next year.", {("FR", "willing")}),
    # outside the country is elsewhere; outside its capital is not
    ("Italian troops would take part only in training missions outside Ukraine.", set()),
    ("Britain will station troops outside Kyiv after a ceasefire.", {("GB", "willing")}),
    # an answer without an object of its own, after an indirect question about troops
    (
        'Asked if Romania might send soldiers to Ukraine, the Romanian president said: "We are not ruling anything out."',
        {("RO", "open")},
    ),
    (
        "Asked whether Portugal would send troops to Ukraine, the Portuguese prime minister said it was out of the question.",
        {("PT", "declined")},
    ),
    (
        "Asked whether Portugal would send troops to Ukraine, the prime minister declined to comment.",
        set(),
    ),
    # "the willing" is a group's name, not a readiness
    ("British troops served in Iraq as part of the 2003 coalition of the willing.", set()),
    ("Spain is part of the coalition of the willing, the Spanish foreign minister said.", set()),
    # a hedge adverb inside the verb chain makes a possibility
    (
        "Estonia will potentially send soldiers to Ukraine, the Estonian prime minister said.",
        {("EE", "open")},
    ),
    # "without soldiers in Ukraine" is the contrast refusal
    (
        "Hungary will help fund the mission but without any troops in Ukraine, the Hungarian foreign minister said.",
        {("HU", "declined")},
    ),
    # a possibility with a set time: "once there is a truce"
    (
        "Belgium could send soldiers to Ukraine once there's a truce, the Belgian defence minister said.",
        {("BE", "willing")},
    ),
    (
        "Belgium could send soldiers to Ukraine if parliament agrees, the Belgian defence minister said.",
        {("BE", "open")},
    ),
    (
        "Western troops in Ukraine would only escalate the conflict, the Kremlin said.",
        {("RU", "opposed")},
    ),
    (
        "Latvia has not yet reached a decision on troops for Ukraine, the Latvian prime minister said.",
        {("LV", "undecided")},
    ),
    # a permission with a noun object: "voted to authorise the deployment of ..."
    (
        "The Latvian parliament voted to authorise the deployment of 200 soldiers to Ukraine.",
        {("LV", "willing")},
    ),
    ("The Danish parliament voted to allow the deployment of Danish soldiers to Lithuania.", set()),
    # headlines: "says no troops"
    ("Poland says no troops for Ukraine", {("PL", "declined")}),
    ("Poland says no more sanctions talks for now", set()),
    # a generic subject whose clause names its members: "Countries that ... include A, B"
    (
        "Countries ready to send troops to Ukraine include Britain, France and Denmark.",
        {("GB", "willing"), ("FR", "willing"), ("DK", "willing")},
    ),
    ("Countries that have ruled out troops for Ukraine include members of the EU.", set()),
    # a subject pronoun that is the deployment just asked about or spoken of
    (
        'Would Greece send soldiers to Ukraine? "That is out of the question," the Greek prime minister said.',
        {("GR", "declined")},
    ),
    # shares of a people are a poll, not the state
    (
        "Nearly two-thirds of Poles oppose sending Polish soldiers to Ukraine, a survey found.",
        set(),
    ),
    (
        "Whether Swedish troops go to Ukraine is yet to be decided, the Swedish prime minister said.",
        {("SE", "undecided")},
    ),
    # stance-rules-1.18: "warned X against": the warner opposes, the addressees say nothing
    ("Russia warned Britain and France against sending troops to Ukraine.", {("RU", "opposed")}),
    ("Moscow warned Paris against deploying French soldiers in Ukraine.", {("RU", "opposed")}),
    (
        "The Russian ambassador in London said British troops in Ukraine would be treated as enemy combatants.",
        {("RU", "opposed")},
    ),
    # an answer refusing for the present is a no; "not yet" is not
    (
        "Will Portugal send troops to Ukraine? Not for now, the Portuguese prime minister said.",
        {("PT", "declined")},
    ),
    ("Will Portugal send troops to Ukraine? Not yet, the Portuguese prime minister said.", set()),
    # a readiness's aside between commas
    (
        "Belgium's prime minister said his country was prepared, under conditions, to deploy soldiers to Ukraine.",
        {("BE", "willing")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_unseen_pattern(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.stance.value) for f in classify(text).stances} == expected


def test_a_subject_pronoun_takes_the_frame_only_after_troop_talk() -> None:
    # with a title the text is an article, not an excerpt: no troops were spoken of
    text = 'Would Greece host the next EU summit? "That is out of the question," the Greek prime minister said.'
    assert classify(text, title="Greece and the summit").stances == ()
    asked = text.replace("host the next EU summit", "send soldiers to Ukraine")
    got = classify(asked, title="Greece and Ukraine").stances
    assert {(f.actor, f.stance.value) for f in got} == {("GR", "declined")}


def test_a_warning_to_others_is_no_stance_of_theirs_in_an_article() -> None:
    text = "Germany warned Hungary against blocking new sanctions on Russia. The EU meets on Monday to discuss the package for Ukraine."
    assert classify(text, title="Sanctions row").stances == ()
