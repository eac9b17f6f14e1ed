# ruff: noqa: E501  (a table of sentences reads better unwrapped)
"""Issue 12 items 4 and 5: the patterns that failed on unseen news and the look-alikes that
must not be relevant, in sentences written for this test (not from ../shared), with near
misses that must not change. The rule engine alone (the fallback setting)."""

from __future__ import annotations

import pytest

from monitor.classify import classify

PATTERNS: list[tuple[str, set[tuple[str, str]]]] = [
    ("Reports that troops would be sent were later denied in Warsaw, Rome and Madrid.", set()),
    (
        "The plan to deploy soldiers to Ukraine was later denied by Poland, Italy and Spain.",
        {("ES", "declined"), ("IT", "declined"), ("PL", "declined")},
    ),
    (
        "Any intention to send troops to Ukraine was denied by the governments of Hungary, Slovakia and Bulgaria.",
        {("BG", "declined"), ("HU", "declined"), ("SK", "declined")},
    ),
    (
        "Asked whether Austria would be willing to send soldiers to Ukraine, the chancellor said it was too early to say.",
        {("AT", "undecided")},
    ),
    (
        "Reporters asked whether Greece would be willing to contribute troops to a peacekeeping force in Ukraine.",
        set(),
    ),
    (
        "When asked if Norway was ready to deploy troops to Ukraine, Stoere declined to comment.",
        set(),
    ),
    (
        "The minister was asked whether Ireland would be prepared to send peacekeepers to Ukraine.",
        set(),
    ),
    ("Germany failed to commit troops to the proposed force in Ukraine.", {("DE", "undecided")}),
    (
        "Italy has so far failed to commit any soldiers to a reassurance force in Ukraine.",
        {("IT", "undecided")},
    ),
    ("Spain stopped short of committing troops to Ukraine.", {("ES", "undecided")}),
    (
        "The time has not yet come to talk about sending Czech soldiers to Ukraine, Prague said.",
        {("CZ", "undecided")},
    ),
    (
        "Denmark's prime minister said the time had not yet come to decide on sending troops to Ukraine.",
        {("DK", "undecided")},
    ),
    (
        "Portugal is yet to decide, but is considering sending troops to Ukraine.",
        {("PT", "undecided")},
    ),
    (
        "Belgium has yet to decide whether to send soldiers to Ukraine but is considering it.",
        {("BE", "undecided")},
    ),
    (
        "Norway could deploy troops to Ukraine once a peace deal is finalised, the defence minister said.",
        {("NO", "willing")},
    ),
    (
        "The Netherlands could send soldiers to Ukraine once a ceasefire agreement is signed, Schoof said.",
        {("NL", "willing")},
    ),
    (
        "Poland will take part in the coalition but will not base any of its forces in Ukraine.",
        {("PL", "declined")},
    ),
    (
        "Romania will participate in the mission without stationing troops on Ukrainian soil.",
        {("RO", "declined")},
    ),
    (
        "Germany will help secure the ceasefire without deploying soldiers in Ukraine, Merz said.",
        {("DE", "declined")},
    ),
    (
        "Opposition leader Peter Magyar said Hungary should be ready to send troops to Ukraine.",
        set(),
    ),
    (
        "Presidential candidate Karol Nawrocki said Poland must never send soldiers to Ukraine.",
        set(),
    ),
    (
        "The leader of the opposition Labour party said Norway was ready to deploy troops to Ukraine.",
        set(),
    ),
    ("Far-right leader Marine Le Pen said France should not send troops to Ukraine.", set()),
    (
        "Moscow said the deployment of European troops in Ukraine was unacceptable.",
        {("RU", "opposed")},
    ),
    (
        '"We view it negatively," Kremlin spokesman Dmitry Peskov said of plans to send European troops to Ukraine.',
        {("RU", "opposed")},
    ),
    (
        "Russian Foreign Minister Sergei Lavrov said the presence of NATO troops in Ukraine would trigger a war with NATO.",
        {("RU", "opposed")},
    ),
    (
        "Medvedev said any Western soldiers deployed in Ukraine would be legitimate targets.",
        {("RU", "opposed")},
    ),
    (
        "The Kremlin views the deployment of Western troops to Ukraine negatively, Peskov said.",
        {("RU", "opposed")},
    ),
    (
        "Russia's foreign ministry warned that foreign troops in Ukraine would be treated as legitimate military targets.",
        {("RU", "opposed")},
    ),
    (
        "Latvia is reportedly prepared to send a company of soldiers to Ukraine.",
        {("LV", "willing")},
    ),
    (
        "Sending troops to Ukraine is not being considered, the Greek government said.",
        {("GR", "declined")},
    ),
    (
        "Sending Croatian soldiers to Ukraine is not on the agenda, the prime minister said.",
        {("HR", "declined")},
    ),
    ("Sweden open to sending troops to Ukraine after peace deal", {("SE", "open")}),
    ("Japan rules out sending troops to Ukraine", {("JP", "declined")}),
    ("Australia ready to send peacekeepers to Ukraine, Albanese says", {("AU", "willing")}),
    (
        "Will Canada send troops to Ukraine? Not at this stage, Carney said, adding no decision had been made.",
        {("CA", "undecided")},
    ),
    (
        "Britain, France and Estonia have said they are ready to send troops to Ukraine.",
        {("EE", "willing"), ("FR", "willing"), ("GB", "willing")},
    ),
    (
        "Hungary, Slovakia and Croatia have ruled out sending soldiers to Ukraine.",
        {("HR", "declined"), ("HU", "declined"), ("SK", "declined")},
    ),
    (
        "Poland denied reports that it was preparing to send troops to Ukraine.",
        {("PL", "declined")},
    ),
    ("The Kremlin denied that its economy was slowing.", set()),
    ("Germany denied a visa to the Russian diplomat.", set()),
    ("Investors view the new tariffs negatively, analysts said.", set()),
    (
        "Moscow views any Western military presence in Ukraine negatively, Lavrov said.",
        {("RU", "opposed")},
    ),
    ("The EU failed to commit new funds to the Ukraine reconstruction plan.", set()),
    (
        "Austria has so far stopped short of pledging soldiers for a peacekeeping mission in Ukraine.",
        {("AT", "undecided")},
    ),
    (
        "The time has not yet come to discuss a Belgian contribution of troops to Ukraine, the prime minister said.",
        {("BE", "undecided")},
    ),
    (
        "Estonia could send a company of troops to Ukraine as soon as a ceasefire takes hold, Pevkur said.",
        {("EE", "willing")},
    ),
    (
        "Latvia could only deploy soldiers once there is a peace deal, and only with a US backstop.",
        {("LV", "open")},
    ),
    (
        "Italy will contribute to the security guarantees without sending troops to Ukraine, Meloni said.",
        {("IT", "declined")},
    ),
    (
        "The Netherlands is ready to send troops, but will not station them on the front line.",
        {("NL", "willing")},
    ),
    (
        "Finnish troops will not take part in combat operations in any future peacekeeping mission in Ukraine, Orpo said.",
        {("FI", "willing")},
    ),
    (
        "Slovakia is undecided on sending troops but is considering a contribution of engineers to Ukraine.",
        {("SK", "undecided")},
    ),
    ("Germany is considering sending soldiers to Ukraine, Merz said.", {("DE", "open")}),
    (
        "Germany has deployed a brigade to Lithuania, and is ready to send more soldiers to the NATO ally if needed.",
        set(),
    ),
    ("Pyongyang has sent troops to fight alongside Russian forces in the Kursk region.", set()),
    (
        "North Korea's foreign ministry said any Western troops in Ukraine would be a threat to Russia.",
        {("KP", "opposed")},
    ),
    (
        "Russia said Western peacekeepers in Ukraine would be legitimate targets.",
        {("RU", "opposed")},
    ),
    ("Russia's peacekeepers in Karabakh were withdrawn in 2024.", set()),
    ("The war will go beyond Ukraine's borders, the president warned.", set()),
    ("Czech soldiers would go to Ukraine only after a ceasefire, Fiala said.", {("CZ", "willing")}),
    ("The company does not accept returns after thirty days.", set()),
    (
        "Hungary does not accept the idea of sending its soldiers to Ukraine, Orban said.",
        {("HU", "declined")},
    ),
    ("Moscow does not accept any NATO troops in Ukraine, Peskov said.", {("RU", "opposed")}),
    ("Beijing said new tariffs would be treated as an act of aggression.", set()),
    (
        "The Kremlin said European soldiers in Ukraine would be regarded as occupiers.",
        {("RU", "opposed")},
    ),
    (
        "Greek participation in a peacekeeping mission in Ukraine would depend on how the situation develops, the prime minister said.",
        {("GR", "undecided")},
    ),
    ("Ministers want to see the report before making decisions on sanctions.", set()),
    (
        "Japan will wait for a ceasefire before making any decision on sending troops to Ukraine, a spokesman said.",
        {("JP", "undecided")},
    ),
    ("Romania has made no firm decision on deploying soldiers to Ukraine.", {("RO", "undecided")}),
    (
        "The Swedish prime minister conditioned any deployment of Swedish troops on a US backstop.",
        {("SE", "willing")},
    ),
    ("The conditions for sending troops to Ukraine were discussed in Paris.", set()),
    (
        "Spain would like to take part in a peacekeeping force in Ukraine, the defence minister said.",
        {("ES", "willing")},
    ),
    ("Ireland would like to see a ceasefire first.", set()),
    (
        "Portugal recommitted to sending troops to Ukraine after a peace deal, Montenegro said.",
        {("PT", "willing")},
    ),
    (
        "New Zealand's foreign minister visited Kyiv and left open the possibility of sending troops to Ukraine.",
        {("NZ", "open")},
    ),
    ("Norway shut the door on sending troops to Ukraine.", {("NO", "declined")}),
    (
        "The Belgian defence minister refrained from committing troops to a mission in Ukraine.",
        {("BE", "undecided")},
    ),
    (
        "The French president said France was prepared to send troops to Ukraine; the German chancellor said Germany would not.",
        {("DE", "declined"), ("FR", "willing")},
    ),
    # common phrasings that must keep working
    (
        "Britain stands ready to put boots on the ground in Ukraine, Starmer told MPs.",
        {("GB", "willing")},
    ),
    (
        "Paris and London have both signalled readiness to lead a reassurance force in Ukraine.",
        {("FR", "willing"), ("GB", "willing")},
    ),
    (
        'Asked if Dutch soldiers could be part of the force, Schoof said: "Yes, that is possible."',
        {("NL", "open")},
    ),
    (
        'Spain\'s defence minister Margarita Robles said sending troops to Ukraine was "not on the table" for now.',
        {("ES", "declined")},
    ),
    (
        "Czechia is weighing whether to contribute soldiers to a peacekeeping mission in Ukraine, its foreign minister said.",
        {("CZ", "open")},
    ),
    (
        "No Austrian soldiers will be sent to Ukraine, the chancellor said, citing the country's neutrality.",
        {("AT", "declined")},
    ),
    (
        "Sweden cannot rule out sending troops to Ukraine, the prime minister said.",
        {("SE", "open")},
    ),
    (
        "Ireland's neutrality means it will not join any military mission in Ukraine, the Taoiseach said.",
        {("IE", "declined")},
    ),
    (
        "Japan is not in a position to send troops to Ukraine, the chief cabinet secretary said.",
        {("JP", "declined")},
    ),
    (
        "The Norwegian government has yet to take a position on whether to send soldiers to Ukraine.",
        {("NO", "undecided")},
    ),
    (
        "Lithuania stands ready to deploy troops to Ukraine as soon as a ceasefire is reached, the president said.",
        {("LT", "willing")},
    ),
    ("Poland will not be sending its soldiers to Ukraine, Tusk reiterated.", {("PL", "declined")}),
    (
        '"Deploying Bulgarian troops to Ukraine is out of the question," the prime minister said.',
        {("BG", "declined")},
    ),
    (
        "Moscow has repeatedly said it would regard any NATO troops in Ukraine as a direct threat.",
        {("RU", "opposed")},
    ),
    (
        "Lavrov said Russia would not accept European peacekeepers in Ukraine under any circumstances.",
        {("RU", "opposed")},
    ),
    (
        "Belgium is prepared, in principle, to contribute troops to a post-war force in Ukraine.",
        {("BE", "willing")},
    ),
    (
        "Denmark said it was open to sending soldiers to Ukraine but that it was too early to give numbers.",
        {("DK", "open")},
    ),
    ("Hungary opposes sending its own soldiers to Ukraine, Orban said.", {("HU", "declined")}),
    ("The Slovak government refuses to send troops to Ukraine.", {("SK", "declined")}),
    (
        "Greece will not participate with troops in any mission in Ukraine, the government spokesman said.",
        {("GR", "declined")},
    ),
    ("Finland has not decided whether it will send troops to Ukraine.", {("FI", "undecided")}),
    (
        "Estonian troops could be on the ground in Ukraine within weeks of a ceasefire, Michal said.",
        {("EE", "willing")},
    ),
    (
        "Canada's prime minister said Ottawa was considering contributing to a peacekeeping force in Ukraine.",
        {("CA", "open")},
    ),
    (
        "German Chancellor Friedrich Merz said Germany was not ready to send soldiers to Ukraine at this stage.",
        {("DE", "undecided")},
    ),
    (
        "Italy said it would not send troops but would help monitor a ceasefire from outside Ukraine.",
        {("IT", "declined")},
    ),
    ("Former Polish president Lech Walesa said Poland should send troops to Ukraine.", set()),
    ("A poll showed most Germans oppose sending troops to Ukraine.", set()),
    ("Ukraine needs troops from major powers to secure any ceasefire, Zelensky said.", set()),
    (
        "Australia said it would consider any request to contribute troops to Ukraine.",
        {("AU", "open")},
    ),
    # talks are not forces, asides are not speakers, passive agents hold the stance
    (
        "Sweden will participate in the talks on a reassurance force for Ukraine, the prime minister said.",
        set(),
    ),
    ("Poland does not want to send its troops to Ukraine, Tusk said.", {("PL", "declined")}),
    ("The Kremlin does not want a war with Europe, Peskov said.", set()),
    (
        "Moscow does not want any Western troops near its borders or in Ukraine, Lavrov said.",
        {("RU", "opposed")},
    ),
    (
        "Finnish Defence Minister Antti Hakkanen (National Coalition Party) said Finland was ready to send troops to Ukraine after a ceasefire.",
        {("FI", "willing")},
    ),
    (
        "Any European soldiers in Ukraine would be seen as legitimate targets by Moscow, the Russian embassy said.",
        {("RU", "opposed")},
    ),
    (
        "Norway wants to join the coalition that met in Paris and London, and is ready to send soldiers to Ukraine.",
        {("NO", "willing")},
    ),
    (
        "The idea was rejected by Hungary and Slovakia, which said they would not send troops to Ukraine.",
        {("HU", "declined"), ("SK", "declined")},
    ),
    (
        "The chairman of the Danish Veterans' Association said Denmark should send troops to Ukraine.",
        set(),
    ),
    # headlines, lists, questions answered in the next sentence, look-alike deployments
    (
        "Croatia, Slovenia and Montenegro say they will not contribute soldiers to a Ukraine force",
        {("HR", "declined"), ("ME", "declined"), ("SI", "declined")},
    ),
    (
        "Is Portugal ready to send troops to Ukraine? Yes, after a ceasefire, the defence minister said.",
        {("PT", "willing")},
    ),
    ('Would Ireland send peacekeepers to Ukraine? "No," the Tanaiste said.', {("IE", "declined")}),
    (
        "Latvia may be willing to send a small contingent to Ukraine, officials in Riga suggested.",
        {("LV", "open")},
    ),
    (
        "Officials in Vilnius said Lithuania was prepared to send troops to Ukraine.",
        {("LT", "willing")},
    ),
    (
        "The Danish government is understood to be ready to send troops to Ukraine.",
        {("DK", "willing")},
    ),
    (
        "New Zealand has not ruled out a contribution to a peacekeeping force in Ukraine, Luxon said.",
        {("NZ", "open")},
    ),
    (
        "Britain and France said they were ready to send troops to Ukraine, while Germany and Poland said they would not.",
        {("DE", "declined"), ("FR", "willing"), ("GB", "willing"), ("PL", "declined")},
    ),
    (
        "Japan will not send Self-Defense Forces to Ukraine, the government said.",
        {("JP", "declined")},
    ),
    (
        "The Kremlin warned that European troops in Ukraine would mean direct war with NATO.",
        {("RU", "opposed")},
    ),
    (
        "Russia will treat any foreign troops in Ukraine as a legitimate target, Medvedev wrote on Telegram.",
        {("RU", "opposed")},
    ),
    ("Norway says it is premature to discuss sending soldiers to Ukraine", {("NO", "undecided")}),
    (
        "Swiss troops will not be deployed in Ukraine because of the country's neutrality, Bern said.",
        {("CH", "declined")},
    ),
    (
        "Turkey could play a role in securing the Black Sea, but has not committed troops to Ukraine.",
        {("TR", "undecided")},
    ),
    (
        "The Czech government approved sending up to 100 soldiers to Ukraine after a peace deal.",
        {("CZ", "willing")},
    ),
    (
        "Sweden's parliament voted to allow Swedish troops to join a peacekeeping mission in Ukraine.",
        {("SE", "willing")},
    ),
    ("Germany deployed 5,000 troops to Lithuania last year and will keep them there.", set()),
    ("Canada has 2,000 troops in Latvia under Operation Reassurance.", set()),
    (
        "Poland will host a logistics hub for the mission but will not send soldiers to Ukraine.",
        {("PL", "declined")},
    ),
    # the many ways of declining
    (
        "Greece has no intention of sending troops to Ukraine, the prime minister said.",
        {("GR", "declined")},
    ),
    (
        "Sending soldiers to Ukraine is not something Austria is considering, the chancellor said.",
        {("AT", "declined")},
    ),
    ("Hungary will not be part of any force in Ukraine, Orban said.", {("HU", "declined")}),
    ("Spain will not put boots on the ground in Ukraine, Sanchez said.", {("ES", "declined")}),
    ("Portugal does not plan to deploy soldiers to Ukraine.", {("PT", "declined")}),
    (
        "Ireland said it would not take part in a peacekeeping mission in Ukraine.",
        {("IE", "declined")},
    ),
    ("There will be no Slovak soldiers in Ukraine, Fico said.", {("SK", "declined")}),
    ("Bulgaria rejected calls to send troops to Ukraine.", {("BG", "declined")}),
    ("Croatia ruled out any military involvement in Ukraine.", {("HR", "declined")}),
    ("Italy is not going to send troops to Ukraine, Meloni said.", {("IT", "declined")}),
    ("Japan won't be sending troops to Ukraine, the foreign minister said.", {("JP", "declined")}),
    (
        "There are no plans for Czech troops to be deployed to Ukraine, the defence ministry said.",
        {("CZ", "declined")},
    ),
    ("Slovenia declined to join the proposed force in Ukraine.", {("SI", "declined")}),
    (
        "Turkey will not deploy troops to Ukraine under any circumstances, Erdogan said.",
        {("TR", "declined")},
    ),
    (
        "The deployment of Polish soldiers to Ukraine is not planned, the president said.",
        {("PL", "declined")},
    ),
    (
        "Austria is against sending its troops to Ukraine, the chancellor said.",
        {("AT", "declined")},
    ),
    ("Sending Greek troops to Ukraine is not an option, Athens said.", {("GR", "declined")}),
    ("Cyprus has said no to sending soldiers to Ukraine.", {("CY", "declined")}),
    ("Malta will not participate with troops in any mission in Ukraine.", {("MT", "declined")}),
    (
        "Germany has no plans at present to send ground troops to Ukraine, a government spokesman said.",
        {("DE", "declined")},
    ),
    (
        "Romania will only send troops to Ukraine under a NATO mandate, the president said.",
        {("RO", "willing")},
    ),
    (
        "Asked whether Estonia would send soldiers, Michal said the country was ready to do so.",
        {("EE", "willing")},
    ),
    (
        "Moldova, which is neutral, will not send troops to Ukraine, the president said.",
        {("MD", "declined")},
    ),
    (
        "The Polish prime minister said Poland would not send its soldiers to Ukraine but would serve as a logistics hub.",
        {("PL", "declined")},
    ),
    ("Norway is not prepared to send troops to Ukraine, Store said.", {("NO", "declined")}),
    ("Belgium said it had no plans to deploy soldiers in Ukraine for now.", {("BE", "declined")}),
    ("Sweden is reluctant to send troops to Ukraine.", {("SE", "declined")}),
    (
        "Finland sees no role for Finnish soldiers in Ukraine, the president said.",
        {("FI", "declined")},
    ),
]

ARTICLES: list[tuple[str, str, bool]] = [
    (
        "Germany sends brigade to Lithuania",
        "Germany has begun deploying a permanent armoured brigade to Lithuania, the first such stationing abroad since the Second World War. Defence Minister Boris Pistorius said Berlin was ready to send up to 5,000 soldiers to the NATO ally to deter Russia after its invasion of Ukraine. The brigade will be fully operational by 2027.",
        False,
    ),
    (
        "Irish peacekeepers in Lebanon",
        "Ireland will keep its peacekeepers in southern Lebanon as part of the UNIFIL mission, the defence minister said. The government is prepared to send a further contingent of 300 troops to Lebanon next year. The war in Ukraine has stretched UN budgets, officials noted.",
        False,
    ),
    (
        "Russian peacekeepers leave Karabakh",
        "Russian peacekeepers have begun withdrawing from Nagorno-Karabakh, the Kremlin said. Moscow deployed about 2,000 troops to the region in 2020 after a ceasefire between Armenia and Azerbaijan. Russia's war in Ukraine had already drawn some units away, analysts said.",
        False,
    ),
    (
        "North Korean troops in Kursk",
        "North Korea has sent thousands of soldiers to Russia's Kursk region to fight Ukrainian forces, South Korean intelligence said. Pyongyang is ready to deploy more troops, the agency added. The Kremlin confirmed that North Korean soldiers took part in the fighting.",
        False,
    ),
    (
        "US announces new aid package",
        "The United States will send a Patriot air defence battery and more artillery ammunition to Ukraine in a new $1 billion aid package, the Pentagon said. Defence Secretary Lloyd Austin said Washington was committed to providing Kyiv with what it needs. No American troops will be involved, he added.",
        False,
    ),
    (
        "Twenty years since Iraq",
        "Twenty years ago, a coalition of the willing led by the United States invaded Iraq. Britain sent 45,000 troops, Poland deployed 2,500 soldiers and Australia contributed a contingent. Spain withdrew its forces in 2004.",
        False,
    ),
    (
        "Coach to deploy new formation",
        "The Ukraine national football team coach said he would deploy a new formation against England. The squad is ready to send a message to the fans, the captain said.",
        False,
    ),
    (
        "Cloud firm deploys update",
        "The company said it would deploy the update to all customers in Ukraine and Poland next week. Engineers are ready to roll it out across Europe.",
        False,
    ),
    (
        "Poland to deploy troops on border",
        "Poland will deploy 10,000 additional troops to its border with Belarus, the defence ministry said. Warsaw is not planning to send soldiers to Ukraine, the minister added.",
        True,
    ),
    (
        "France ready to send troops after ceasefire",
        "France is ready to send troops to Ukraine once a ceasefire is agreed, President Emmanuel Macron said. He said a reassurance force would be based away from the front line.",
        True,
    ),
    (
        "UK trains Ukrainian recruits",
        "Britain has trained more than 50,000 Ukrainian soldiers on its own soil under Operation Interflex, the Ministry of Defence said. The programme will continue next year.",
        False,
    ),
    (
        "Romania hosts NATO battlegroup",
        "Romania is hosting a NATO battlegroup led by France, with troops from Belgium and the Netherlands. The alliance is ready to send more soldiers to its eastern flank, the secretary general said.",
        False,
    ),
]


@pytest.mark.parametrize(("text", "gold"), PATTERNS, ids=[t[:40] for t, _ in PATTERNS])
def test_pattern(text: str, gold: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.stance.value) for f in classify(text).stances} == gold


@pytest.mark.parametrize(("title", "text", "relevant"), ARTICLES, ids=[h for h, _, _ in ARTICLES])
def test_relevance(title: str, text: str, relevant: bool) -> None:
    assert classify(text, title=title).relevant is relevant
