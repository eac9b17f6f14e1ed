# ruff: noqa: E501  (a table of sentences reads better unwrapped)
"""Sentences written for these tests (not taken from shared/), with the expected pairs."""

from __future__ import annotations

# (pattern, text, expected {(actor, stance)})
CASES: list[tuple[str, str, set[tuple[str, str]]]] = [
    # --- readiness and commitment -----------------------------------------------------
    (
        "readiness",
        "Spain is ready to deploy a battalion to Ukraine once a truce holds.",
        {("ES", "willing")},
    ),
    (
        "readiness",
        "The Irish government announced its readiness to send peacekeepers to Ukraine.",
        {("IE", "willing")},
    ),
    (
        "readiness",
        "Australia will send troops to Ukraine as part of the reassurance force.",
        {("AU", "willing")},
    ),
    (
        "readiness",
        (
            "Japan has pledged to contribute engineers and soldiers "
            "to a peacekeeping mission in Ukraine."
        ),
        {("JP", "willing")},
    ),
    (
        "readiness",
        "Latvia stands ready to join a multinational force in Ukraine.",
        {("LV", "willing")},
    ),
    (
        "readiness",
        "Portugal would deploy a company of paratroopers to Ukraine if a ceasefire is signed.",
        {("PT", "willing")},
    ),
    (
        "readiness",
        "Canada plans to send up to 300 soldiers to Ukraine after the fighting stops.",
        {("CA", "willing")},
    ),
    (
        "readiness",
        (
            "Finland has offered minesweepers for a naval mission "
            "off Ukraine's coast after a peace deal."
        ),
        {("FI", "willing")},
    ),
    (
        "readiness",
        "The Netherlands has committed two hundred troops to the multinational force for Ukraine.",
        {("NL", "willing")},
    ),
    # --- openness and non-exclusion ---------------------------------------------------
    (
        "negation",
        "Ireland has not ruled out sending troops to Ukraine after a peace agreement.",
        {("IE", "open")},
    ),
    (
        "negation",
        (
            "Hungary's prime minister said he would not exclude a Hungarian "
            "contribution of soldiers to a peacekeeping force in Ukraine."
        ),
        {("HU", "open")},
    ),
    (
        "negation",
        "Croatia won't rule out deploying troops to Ukraine under a UN mandate.",
        {("HR", "open")},
    ),
    (
        "openness",
        "Spain is open to sending soldiers to Ukraine if a peace deal is reached.",
        {("ES", "open")},
    ),
    (
        "openness",
        "Japan is considering sending troops to Ukraine for a peacekeeping operation.",
        {("JP", "open")},
    ),
    (
        "openness",
        "Italy could deploy troops to Ukraine under a United Nations flag, Rome said.",
        {("IT", "open")},
    ),
    (
        "openness",
        "Australia is weighing a contribution of troops to the peacekeeping force in Ukraine.",
        {("AU", "open")},
    ),
    (
        "openness",
        "The Czech government is ready to discuss sending troops to Ukraine.",
        {("CZ", "open")},
    ),
    # --- undecided --------------------------------------------------------------------
    (
        "undecided",
        "Austria's chancellor said it was too early to talk about sending troops to Ukraine.",
        {("AT", "undecided")},
    ),
    (
        "undecided",
        "Japan has not yet decided whether to send troops to Ukraine.",
        {("JP", "undecided")},
    ),
    (
        "undecided",
        "Ireland said no decision had been made on sending Irish soldiers to Ukraine.",
        {("IE", "undecided")},
    ),
    (
        "undecided",
        "Whether Canadian troops go to Ukraine remains to be seen, Ottawa said.",
        {("CA", "undecided")},
    ),
    # --- refusal ----------------------------------------------------------------------
    (
        "refusal",
        "Hungary will not send soldiers to Ukraine under any circumstances.",
        {("HU", "declined")},
    ),
    ("refusal", "Spain has ruled out deploying ground troops in Ukraine.", {("ES", "declined")}),
    (
        "refusal",
        "Japan has no plans to dispatch Self-Defense Forces personnel to Ukraine.",
        {("JP", "declined")},
    ),
    (
        "refusal",
        "Sending Irish troops to Ukraine is not on the table, the Taoiseach's office said.",
        {("IE", "declined")},
    ),
    ("refusal", "Slovakia refuses to send its soldiers to Ukraine.", {("SK", "declined")}),
    ("refusal", "Austria is not considering sending troops to Ukraine.", {("AT", "declined")}),
    ("refusal", "Turkey opposes sending its own troops to Ukraine.", {("TR", "declined")}),
    # --- negation scope: "not ready" is not willing -----------------------------------
    ("negation", "Belgium is not ready to send troops to Ukraine.", {("BE", "declined")}),
    (
        "negation",
        "Greece is not prepared to commit troops to Ukraine at this stage.",
        {("GR", "undecided")},
    ),
    (
        "negation",
        "Norway does not intend to deploy soldiers to Ukraine for now.",
        {("NO", "declined")},
    ),
    # --- coordination -----------------------------------------------------------------
    (
        "coordination",
        "Spain, Portugal and Greece have no plans to send troops to Ukraine.",
        {("ES", "declined"), ("PT", "declined"), ("GR", "declined")},
    ),
    (
        "coordination",
        "Denmark and Norway are ready to send soldiers to Ukraine after a ceasefire.",
        {("DK", "willing"), ("NO", "willing")},
    ),
    (
        "coordination",
        "Both Sweden and Finland said they would consider sending troops to Ukraine.",
        {("SE", "open"), ("FI", "open")},
    ),
    # --- groups -----------------------------------------------------------------------
    (
        "groups",
        "The Baltic states have said they are ready to send troops to Ukraine.",
        {("EE", "willing"), ("LV", "willing"), ("LT", "willing")},
    ),
    (
        "groups",
        "The Benelux countries do not rule out sending peacekeepers to Ukraine.",
        {("BE", "open"), ("NL", "open"), ("LU", "open")},
    ),
    # --- contrast ---------------------------------------------------------------------
    (
        "contrast",
        "Ireland will help Ukraine with medical and humanitarian work, but not with troops.",
        {("IE", "declined")},
    ),
    (
        "contrast",
        "Hungary will not send soldiers to Ukraine, but it is ready to host peace talks.",
        {("HU", "declined")},
    ),
    (
        "contrast",
        "Austria could help monitor a ceasefire in Ukraine, but without sending soldiers.",
        {("AT", "declined")},
    ),
    (
        "contrast",
        (
            "Spain will not deploy troops in Ukraine but is ready "
            "to train Ukrainian soldiers in Spain."
        ),
        {("ES", "declined")},
    ),
    (
        "contrast",
        (
            "Germany rules out a deployment now, but a German contribution to a "
            "peacekeeping force after a ceasefire remains possible."
        ),
        {("DE", "open")},
    ),
    # --- attribution ------------------------------------------------------------------
    (
        "attribution",
        (
            "Spanish Prime Minister Pedro Sanchez said his country "
            "was prepared to send troops to Ukraine."
        ),
        {("ES", "willing")},
    ),
    (
        "attribution",
        "Meloni said Italy would not deploy soldiers to Ukraine.",
        {("IT", "declined")},
    ),
    (
        "attribution",
        '"We are ready to put British boots on the ground in Ukraine," Starmer told parliament.',
        {("GB", "willing")},
    ),
    (
        "attribution",
        "Japan's defence minister said Tokyo was not considering sending troops to Ukraine.",
        {("JP", "declined")},
    ),
    (
        "attribution",
        "According to Sikorski, Poland will not deploy soldiers to Ukraine.",
        {("PL", "declined")},
    ),
    (
        "attribution",
        "Downing Street said Britain was prepared to deploy troops to Ukraine.",
        {("GB", "willing")},
    ),
    (
        "attribution",
        "The Elysee said France stands ready to send troops to Ukraine after a ceasefire.",
        {("FR", "willing")},
    ),
    (
        "attribution",
        "Ottawa does not exclude sending Canadian soldiers to Ukraine.",
        {("CA", "open")},
    ),
    (
        "reported",
        "Reuters reported that Norway is prepared to send troops to Ukraine, citing two officials.",
        {("NO", "willing")},
    ),
    # --- conditions --------------------------------------------------------------------
    (
        "conditions",
        "Sweden is ready to send troops to Ukraine provided there is a US backstop.",
        {("SE", "willing")},
    ),
    (
        "conditions",
        "Romania would consider sending soldiers to Ukraine only if NATO leads the mission.",
        {("RO", "open")},
    ),
    # --- opposition (to foreign troops) ------------------------------------------------
    (
        "opposition",
        "The Kremlin said the deployment of any Western troops in Ukraine was unacceptable.",
        {("RU", "opposed")},
    ),
    (
        "opposition",
        (
            "Lavrov warned that European peacekeepers in Ukraine "
            "would be treated as legitimate targets."
        ),
        {("RU", "opposed")},
    ),
    ("opposition", "Russia rejects any presence of NATO forces in Ukraine.", {("RU", "opposed")}),
    (
        "opposition",
        "Moscow has repeatedly said it will not accept foreign troops in Ukraine.",
        {("RU", "opposed")},
    ),
    # --- questions --------------------------------------------------------------------
    ("questions", "Will Spain send troops to Ukraine?", set()),
    (
        "questions",
        "Asked whether Japan would send troops to Ukraine, the minister declined to comment.",
        set(),
    ),
    (
        "questions",
        "Asked whether Ireland would send troops to Ukraine, Harris said it was not an option.",
        {("IE", "declined")},
    ),
    # --- Ukraine as host ---------------------------------------------------------------
    ("host", "Zelensky said Ukraine is ready to host foreign troops after a ceasefire.", set()),
    ("host", "Ukraine wants troops from major European powers on its soil.", set()),
    ("host", "Kyiv will not accept peacekeepers from countries friendly to Russia.", set()),
    # --- non-state speakers ------------------------------------------------------------
    (
        "nonstate",
        "Opposition leader Friedrich Example said Germany should send troops to Ukraine.",
        set(),
    ),
    (
        "nonstate",
        "A poll found that 60 percent of Spaniards oppose sending Spanish troops to Ukraine.",
        set(),
    ),
    (
        "nonstate",
        "Military analyst John Doe said he was ready to lead troops into Ukraine himself.",
        set(),
    ),
    (
        "nonstate",
        "Former British prime minister Boris Johnson said he would send British troops to Ukraine.",
        set(),
    ),
    (
        "nonstate",
        "A Polish opposition MP said Poland should be ready to send troops to Ukraine.",
        set(),
    ),
    # --- look-alikes -------------------------------------------------------------------
    (
        "lookalike",
        "Germany is deploying a brigade to Lithuania to strengthen NATO's eastern flank.",
        set(),
    ),
    (
        "lookalike",
        (
            "Canada extended Operation REASSURANCE in Latvia, where "
            "its troops lead a NATO battlegroup."
        ),
        set(),
    ),
    (
        "lookalike",
        "In 2003 Poland was ready to send troops to Iraq as part of the coalition of the willing.",
        set(),
    ),
    ("lookalike", "The coach decided to deploy three strikers against Portugal.", set()),
    ("lookalike", "The company plans to deploy its software across Ukraine's banks.", set()),
    ("lookalike", "Britain will send more air defence missiles to Ukraine.", set()),
    ("lookalike", "Norway will train Ukrainian soldiers at a camp in Poland.", set()),
    ("lookalike", "The EU agreed a new package of sanctions on Russian oil.", set()),
    ("lookalike", "France is ready to host talks between Ukraine and Russia.", set()),
    ("lookalike", "The United States has deployed troops to Romania and Poland.", set()),
    # --- generic subjects ---------------------------------------------------------------
    ("generic", "Several European countries are ready to send troops to Ukraine.", set()),
    ("generic", "Most allies do not want to send soldiers to Ukraine.", set()),
    ("generic", "The coalition could include troops from France, Britain and Turkey.", set()),
]


# Longer news-style sentences, written for these tests.
NEWS_CASES: list[tuple[str, set[tuple[str, str]]]] = [
    (
        "Prime Minister Keir Starmer told MPs that British forces would be part of any deployment in Ukraine.",
        {("GB", "willing")},
    ),
    (
        "Madrid will not be sending soldiers to Ukraine, Spanish officials said.",
        {("ES", "declined")},
    ),
    (
        "Ankara has signalled its willingness to take part in a possible mission in Ukraine.",
        {("TR", "willing")},
    ),
    (
        "The Swedish government said it was prepared, in principle, to contribute forces to a future mission in Ukraine.",
        {("SE", "willing")},
    ),
    (
        "Berlin is keeping all options open regarding a Bundeswehr deployment in Ukraine.",
        {("DE", "open")},
    ),
    (
        "Warsaw has made it clear that Polish soldiers will not be deployed in Ukraine.",
        {("PL", "declined")},
    ),
    (
        "Lithuania's defence minister said Vilnius could send up to a company of soldiers to Ukraine.",
        {("LT", "open")},
    ),
    (
        "Estonia's prime minister said that Estonian troops could be in Ukraine within weeks of a ceasefire.",
        {("EE", "willing")},
    ),
    (
        "French President Emmanuel Macron said France and Britain would lead the force in Ukraine.",
        {("GB", "willing"), ("FR", "willing")},
    ),
    (
        "Italy's foreign minister Antonio Tajani said sending Italian soldiers to Ukraine had never been on the agenda.",
        {("IT", "declined")},
    ),
    (
        "Greece said its participation in a Ukraine peacekeeping force was out of the question.",
        {("GR", "declined")},
    ),
    ("Bulgaria's parliament voted against sending troops to Ukraine.", {("BG", "declined")}),
    (
        "The Netherlands is in principle willing to contribute to a security force in Ukraine, Brekelmans said.",
        {("NL", "willing")},
    ),
    (
        "New Zealand's prime minister said his government would look at sending peacekeepers to Ukraine.",
        {("NZ", "open")},
    ),
    ("Belgium has yet to decide whether it will send troops to Ukraine.", {("BE", "undecided")}),
    (
        "Czech President Petr Pavel said Czech soldiers could take part in a mission in Ukraine.",
        {("CZ", "open")},
    ),
    (
        "Slovenia does not plan to send soldiers to Ukraine, the government said.",
        {("SI", "declined")},
    ),
    (
        "The Kremlin warned that any deployment of European troops to Ukraine would trigger a direct conflict with NATO.",
        {("RU", "opposed")},
    ),
    (
        "Moscow would regard any foreign military contingent in Ukraine as a direct threat.",
        {("RU", "opposed")},
    ),
    (
        "Zakharova said Western peacekeepers would become a legitimate target for the Russian army.",
        {("RU", "opposed")},
    ),
    (
        "Russian officials have said they would never agree to NATO troops in Ukraine.",
        {("RU", "opposed")},
    ),
    (
        "Orban said Hungary would not take part in any military mission in Ukraine.",
        {("HU", "declined")},
    ),
    (
        "Turkish officials said Ankara was ready to play a role in a peacekeeping mission in Ukraine.",
        {("TR", "willing")},
    ),
    (
        "A senior German official said Berlin would only consider sending soldiers to Ukraine after a ceasefire.",
        {("DE", "open")},
    ),
    (
        "The Swiss government said neutrality rules out Swiss participation in a military mission in Ukraine.",
        {("CH", "declined")},
    ),
    (
        "Britain and France said they would send troops to Ukraine, while Germany said it had no such plans.",
        {("GB", "willing"), ("DE", "declined"), ("FR", "willing")},
    ),
    (
        "Danish Prime Minister Mette Frederiksen said Danish soldiers could be deployed to Ukraine.",
        {("DK", "open")},
    ),
    (
        "Poland will not send troops to Ukraine, President Andrzej Duda said, adding that Poland would instead serve as a logistics hub.",
        {("PL", "declined")},
    ),
    (
        "Norway's defence minister said Norwegian forces were prepared to take part in an air policing mission over Ukraine.",
        {("NO", "willing")},
    ),
    (
        "Japan will not send troops but could provide logistical support to a peacekeeping force in Ukraine.",
        {("JP", "declined")},
    ),
    ("Greece is considering whether to join a peacekeeping mission in Ukraine.", {("GR", "open")}),
    (
        "The Italian defence minister, Guido Crosetto, said he did not rule out Italian participation in a UN-led mission in Ukraine.",
        {("IT", "open")},
    ),
    (
        "Sweden's prime minister said Sweden could contribute troops to a peacekeeping force in Ukraine, though a decision had not yet been made.",
        {("SE", "open")},
    ),
    (
        "Australian Prime Minister Anthony Albanese said Australia was open to contributing to a peacekeeping force in Ukraine.",
        {("AU", "open")},
    ),
    (
        "The White House said the United States would not deploy American troops to Ukraine.",
        {("US", "declined")},
    ),
    (
        "Pentagon officials said U.S. troops would not be part of the force in Ukraine.",
        {("US", "declined")},
    ),
    (
        "Finland's Stubb said Finnish troops could join a mission in Ukraine later, but not at the start.",
        {("FI", "open")},
    ),
    (
        "The Polish government has repeatedly said it will not put Polish boots on the ground in Ukraine.",
        {("PL", "declined")},
    ),
    ("Romania is not among the countries willing to send troops to Ukraine.", {("RO", "declined")}),
    (
        "Canada's defence minister said the Canadian Armed Forces stand ready to deploy to Ukraine if asked.",
        {("CA", "willing")},
    ),
    (
        "Britain is prepared to send thousands of troops to Ukraine, a government source told the newspaper.",
        {("GB", "willing")},
    ),
    (
        "Sources in Paris said France was ready to send several thousand soldiers to Ukraine.",
        {("FR", "willing")},
    ),
    (
        "Starmer has said he is willing to put British troops on the ground in Ukraine.",
        {("GB", "willing")},
    ),
    (
        "The Irish defence minister said Irish peacekeepers could serve in Ukraine under a UN mandate.",
        {("IE", "open")},
    ),
    (
        "Spain's defence minister Margarita Robles said it was premature to talk about sending Spanish troops to Ukraine.",
        {("ES", "undecided")},
    ),
    (
        "Tokyo has not decided whether to dispatch troops to Ukraine, the foreign ministry said.",
        {("JP", "undecided")},
    ),
    ("Hungary rejects the idea of sending Hungarian soldiers to Ukraine.", {("HU", "declined")}),
    (
        "Latvia's president said Latvian soldiers would not go to Ukraine as long as the war continues.",
        {("LV", "declined")},
    ),
    (
        "The Belgian prime minister said Belgium will contribute troops to the reassurance force in Ukraine.",
        {("BE", "willing")},
    ),
    (
        "Greek Prime Minister Kyriakos Mitsotakis ruled out sending Greek troops to Ukraine.",
        {("GR", "declined")},
    ),
    (
        "Lithuania said it could send troops to Ukraine, and Estonia said it was ready to do the same.",
        {("EE", "willing"), ("LT", "open")},
    ),
    ("Macron hopes to convince Spain to send troops to Ukraine.", set()),
    ("Zelensky thanked Britain for its readiness to send troops to Ukraine.", {("GB", "willing")}),
    ("Kyiv has asked Japan to consider sending troops to Ukraine.", set()),
    ("Germany's Merz said European troops in Ukraine would need American support.", set()),
    ("Trump said European countries would send troops to Ukraine, not the United States.", set()),
    (
        "According to three diplomats familiar with the talks, Italy has privately signalled it could contribute a small contingent to the reassurance force in Ukraine.",
        {("IT", "open")},
    ),
    (
        "Speaking to reporters in Brussels on Thursday, the Dutch defence minister said the Netherlands would be prepared to deploy F-35 jets for air policing over western Ukraine after a ceasefire.",
        {("NL", "willing")},
    ),
    (
        'Prime Minister Pedro Sánchez told the Spanish parliament that sending troops to Ukraine was "not on the table at the moment".',
        {("ES", "declined")},
    ),
    (
        "The Czech government has approved a plan to send up to 300 soldiers to Ukraine as part of a future peacekeeping mission, pending parliamentary approval.",
        {("CZ", "willing")},
    ),
    (
        "Canada is among the countries prepared to put boots on the ground in Ukraine, Carney's office confirmed.",
        {("CA", "willing")},
    ),
    (
        "Hungarian Foreign Minister Peter Szijjarto said Budapest would never send Hungarian soldiers to Ukraine.",
        {("HU", "declined")},
    ),
    (
        "Albanese declined to say whether Australian troops would be sent to Ukraine, saying it was premature.",
        {("AU", "undecided")},
    ),
    (
        "Kremlin spokesman Dmitry Peskov said the presence of any NATO country's troops in Ukraine was unacceptable to Moscow.",
        {("RU", "opposed")},
    ),
    (
        "Lithuania will contribute soldiers to the coalition force in Ukraine, Defence Minister Dovile Sakaliene told LRT.",
        {("LT", "willing")},
    ),
    (
        "Denmark's government has not ruled out contributing soldiers to a future stabilisation force in Ukraine, though officials stress no decision has been taken.",
        {("DK", "open")},
    ),
    (
        "The Romanian president said Romania would not send troops to Ukraine but would offer its airspace and ports for the mission.",
        {("RO", "declined")},
    ),
    (
        "Poland, which borders Ukraine, has repeatedly said its soldiers will not be part of any Western force deployed there.",
        {("PL", "declined")},
    ),
    (
        "French officials have said that France is ready to lead a force of up to 20,000 troops in Ukraine.",
        {("FR", "willing")},
    ),
    (
        "Britain's defence secretary John Healey said British troops could be deployed to Ukraine within days of a peace deal.",
        {("GB", "willing")},
    ),
    (
        "Japan's top government spokesperson said Tokyo had no intention of sending Self-Defense Forces to Ukraine.",
        {("JP", "declined")},
    ),
    (
        "Bulgaria will not take part in any military operation in Ukraine, Prime Minister Rosen Zhelyazkov said.",
        {("BG", "declined")},
    ),
    (
        "Turkey is ready to contribute to a naval mission in the Black Sea and would consider sending ground troops to Ukraine, a Turkish official said.",
        {("TR", "willing")},
    ),
    (
        "Opposition parties in Germany have called on Merz to rule out sending German troops to Ukraine.",
        set(),
    ),
    (
        "A majority of Britons would support deploying British troops to Ukraine as peacekeepers, a YouGov poll found.",
        set(),
    ),
    (
        "Ukrainian President Volodymyr Zelensky said at least ten countries were ready to send troops to Ukraine.",
        set(),
    ),
    ("The Pentagon is preparing to send 2,000 more troops to Poland and Romania.", set()),
    ("Swedish Gripen jets are being delivered to Ukraine under an aid agreement.", set()),
    ("Estonia has sent instructors to train Ukrainian soldiers in the United Kingdom.", set()),
    (
        "Russia has deployed more troops to the Ukrainian border, according to satellite images.",
        set(),
    ),
    ("North Korea has sent thousands of soldiers to Russia to fight against Ukraine.", set()),
    (
        "Macron said on Tuesday that France and Britain would send troops to Ukraine after a ceasefire, while Meloni said Italy would not.",
        {("IT", "declined"), ("GB", "willing"), ("FR", "willing")},
    ),
    (
        "Slovak Prime Minister Robert Fico has said that no Slovak soldier will go to Ukraine while he is in office.",
        {("SK", "declined")},
    ),
    (
        "Germany's defence minister Boris Pistorius warned against a premature debate about sending German troops to Ukraine.",
        {("DE", "undecided")},
    ),
    (
        "Australia said it was willing to consider a request to contribute to a peacekeeping force in Ukraine.",
        {("AU", "open")},
    ),
    (
        "Latvia's parliament voted to allow Latvian soldiers to take part in an international mission in Ukraine.",
        {("LV", "willing")},
    ),
    (
        "Norway is open to taking part, but the government wants a clear mandate before sending soldiers to Ukraine.",
        {("NO", "open")},
    ),
    (
        'Finland\'s president Alexander Stubb said it was "too early to say" whether Finnish troops would join a force in Ukraine.',
        {("FI", "undecided")},
    ),
    (
        "Moscow has said it would consider any European troops in Ukraine a legitimate target.",
        {("RU", "opposed")},
    ),
    (
        "The Baltic states have said they are not in a position to send troops to Ukraine because they need them at home.",
        {("EE", "declined"), ("LT", "declined"), ("LV", "declined")},
    ),
    (
        "Belgium's defence minister Theo Francken said Belgium could send up to a battalion to Ukraine.",
        {("BE", "open")},
    ),
    (
        "Greek government sources said Athens would not participate with troops in a force in Ukraine.",
        {("GR", "declined")},
    ),
]

NEWS_CASES += [
    (
        "Troops will not be sent to Ukraine, the Czech government said on Monday.",
        {("CZ", "declined")},
    ),
    (
        "There are no plans to send Danish troops to Ukraine, Danish officials said.",
        {("DK", "declined")},
    ),
    ("If asked, Canada would send troops to Ukraine to help keep the peace.", {("CA", "willing")}),
    (
        "Poland has offered to host the headquarters of the force but not to send soldiers to Ukraine.",
        {("PL", "declined")},
    ),
    (
        "The UK and France have drawn up plans to deploy troops to Ukraine after a ceasefire.",
        {("GB", "willing"), ("FR", "willing")},
    ),
    (
        "Ireland could not rule out sending peacekeepers to Ukraine, the Taoiseach said.",
        {("IE", "open")},
    ),
    ("Australia refused to rule out sending troops to Ukraine.", {("AU", "open")}),
    ("Austria is not against sending soldiers to Ukraine under a UN mandate.", {("AT", "open")}),
    ("Slovakia is unwilling to send troops to Ukraine.", {("SK", "declined")}),
    (
        "Japan says it is unable to send troops to Ukraine because of its constitution.",
        {("JP", "declined")},
    ),
    (
        "Spain has signalled openness to sending troops to Ukraine as part of a European mission.",
        {("ES", "open")},
    ),
    (
        "Russia would view the arrival of Western troops in Ukraine as a declaration of war, Medvedev said.",
        {("RU", "opposed")},
    ),
    (
        "Lavrov said Moscow would not agree to the deployment of European peacekeepers in Ukraine.",
        {("RU", "opposed")},
    ),
    (
        "Chinese foreign ministry spokesperson Lin Jian said China has no plans to send peacekeepers to Ukraine.",
        {("CN", "declined")},
    ),
    (
        "Berlin will decide later whether the Bundeswehr takes part in a mission in Ukraine, a government spokesman said.",
        {("DE", "undecided")},
    ),
    (
        "Denmark, Sweden and Finland are expected to contribute troops to the force in Ukraine.",
        {("FI", "willing"), ("DK", "willing"), ("SE", "willing")},
    ),
    (
        "The German chancellor said it was far too early to speculate about German soldiers in Ukraine.",
        {("DE", "undecided")},
    ),
    (
        "Romania will allow allied troops to transit its territory but will not send Romanian soldiers to Ukraine.",
        {("RO", "declined")},
    ),
    (
        "Italy's defence minister Guido Crosetto said Italian troops would take part only in a UN-led mission in Ukraine.",
        {("IT", "willing")},
    ),
    (
        "Norway's prime minister said Norway stands ready to contribute, but stressed that any deployment in Ukraine requires a ceasefire.",
        {("NO", "willing")},
    ),
    ("Bulgaria has not decided whether to take part in the Ukraine force.", {("BG", "undecided")}),
    (
        "Luxembourg lacks the troops to make a meaningful contribution to a force in Ukraine, its defence minister said.",
        set(),
    ),
    (
        "Latvian Prime Minister Evika Silina said Latvia was ready to send soldiers to Ukraine if other allies did the same.",
        {("LV", "willing")},
    ),
    ("Kosovo's president offered to send troops to Ukraine.", {("XK", "willing")}),
    (
        "The Belgian government said Belgian F-16s could take part in air policing over Ukraine.",
        {("BE", "open")},
    ),
    ("Hungary's Orban said Hungary would block any EU plan to send troops to Ukraine.", set()),
    (
        "Turkey has reportedly offered to lead the naval component of the mission in Ukraine.",
        {("TR", "willing")},
    ),
    (
        "Britain has pledged to keep troops in Estonia and will not send more to Ukraine for training.",
        {("GB", "declined")},
    ),
    ("Canadian officials say there has been no request for Canadian troops in Ukraine.", set()),
    (
        "New Zealand Foreign Minister Winston Peters said New Zealand would consider any request to send personnel to Ukraine.",
        {("NZ", "open")},
    ),
    (
        "Sweden's defence minister said the country could contribute soldiers to a force in Ukraine, but only with US support.",
        {("SE", "open")},
    ),
    (
        "Croatia's president Zoran Milanovic said no Croatian soldier would ever be sent to Ukraine.",
        {("HR", "declined")},
    ),
    (
        "The Netherlands says it will contribute to a future force in Ukraine, but the size of the contribution has not been decided.",
        {("NL", "willing")},
    ),
    ("French and British military planners are working on options for a force in Ukraine.", set()),
    (
        "The Spanish foreign minister said Spain would be 'at the forefront' of any peacekeeping mission in Ukraine.",
        {("ES", "willing")},
    ),
]

NEWS_CASES += [
    ("Poland rules out sending troops to Ukraine", {("PL", "declined")}),
    ("Estonia ready to send soldiers to Ukraine after ceasefire", {("EE", "willing")}),
    ("Japan mulls dispatching troops to Ukraine peacekeeping force", {("JP", "open")}),
    ("Germany's Merz: too early to talk about German troops in Ukraine", {("DE", "undecided")}),
    (
        '"Spain will not send troops to Ukraine," the defence minister told El Pais.',
        {("ES", "declined")},
    ),
    (
        '"Sending our soldiers to Ukraine is not something we are considering," Slovak Prime Minister Robert Fico said.',
        {("SK", "declined")},
    ),
    (
        '"We are ready to do our part," Kristersson said when asked whether Sweden would send troops to Ukraine.',
        {("SE", "willing")},
    ),
    (
        "The Czech Republic, Slovakia and Hungary have all said they will not send soldiers to Ukraine, while the Baltic states have offered troops.",
        {
            ("HU", "declined"),
            ("EE", "willing"),
            ("CZ", "declined"),
            ("LT", "willing"),
            ("LV", "willing"),
            ("SK", "declined"),
        },
    ),
    (
        "Ireland's government said Irish Defence Forces personnel could take part in a UN-mandated peacekeeping mission in Ukraine, subject to the triple lock.",
        {("IE", "open")},
    ),
    (
        "The Danish defence minister said Denmark had not yet received a request to send troops to Ukraine.",
        set(),
    ),
    (
        "Russia's ambassador to the UN said Moscow would regard any peacekeepers from NATO countries as legitimate military targets.",
        {("RU", "opposed")},
    ),
    (
        "Belarusian President Alexander Lukashenko warned that Western troops in Ukraine would provoke a wider war.",
        {("BY", "opposed")},
    ),
    (
        "The Swedish and Finnish governments said they would consider contributing to a force in Ukraine.",
        {("SE", "open"), ("FI", "open")},
    ),
    (
        "Paris and London have said they are ready to send troops to Ukraine.",
        {("GB", "willing"), ("FR", "willing")},
    ),
    (
        "The US will not put boots on the ground in Ukraine, Trump said, but Washington could provide air support.",
        {("US", "declined")},
    ),
    ("Berlin has made no commitment to send troops to Ukraine.", {("DE", "undecided")}),
    (
        "Italy's Meloni has ruled out Italian troops in Ukraine and warned that the idea could divide allies.",
        {("IT", "declined")},
    ),
    (
        "Spain is willing to send troops to Ukraine but only after a ceasefire, Robles said.",
        {("ES", "willing")},
    ),
    (
        "Greece and Cyprus will not participate in any military deployment in Ukraine, officials in Athens and Nicosia said.",
        {("CY", "declined"), ("GR", "declined")},
    ),
    (
        "According to Bloomberg, Britain is preparing to send up to 10,000 troops to Ukraine.",
        {("GB", "willing")},
    ),
    ("Canadian soldiers have been training Ukrainian recruits in the UK since 2022.", set()),
    (
        "Turkey says it could take part in a Black Sea mine-clearing mission after a ceasefire in Ukraine.",
        {("TR", "open")},
    ),
    (
        "The French defence minister said French troops would not be sent to the front line in Ukraine.",
        {("FR", "willing")},
    ),
    (
        "Finland's president said sending Finnish soldiers to Ukraine was not currently on the agenda, but could be considered later.",
        {("FI", "open")},
    ),
    (
        "Lithuanian President Gitanas Nauseda said Lithuania was prepared to send troops to Ukraine as soon as a peace deal was signed.",
        {("LT", "willing")},
    ),
    (
        "The Kremlin has not commented on reports that European troops could be sent to Ukraine.",
        set(),
    ),
    ("Some European officials fear that Hungary could veto an EU mission in Ukraine.", set()),
    (
        "Polish soldiers will not be deployed to Ukraine, but Poland will be a logistics hub, Tusk said.",
        {("PL", "declined")},
    ),
]

NEWS_CASES += [
    (
        'Asked if Britain would be willing to put troops on the ground, Starmer said: "Yes, if necessary."',
        {("GB", "willing")},
    ),
    (
        "Dutch Foreign Minister Caspar Veldkamp said the Netherlands had not excluded a military contribution, but that it was too early for concrete commitments.",
        {("NL", "undecided")},
    ),
    (
        "The Estonian parliament is expected to approve the deployment of up to a company of soldiers to Ukraine next month.",
        {("EE", "willing")},
    ),
    (
        "Croatia will not participate with soldiers, Plenkovic said, adding that Zagreb would support the mission politically.",
        {("HR", "declined")},
    ),
    (
        "Moldova's president Maia Sandu said her country was not in a position to contribute troops.",
        {("MD", "declined")},
    ),
    (
        "Tusk said Poland had no intention of sending soldiers to Ukraine and would instead focus on defending its own border.",
        {("PL", "declined")},
    ),
    (
        'Prime Minister Frederiksen said Denmark was "open-minded" about sending troops to Ukraine.',
        {("DK", "open")},
    ),
    (
        "Japan's prime minister said any dispatch of Self-Defense Forces to Ukraine was out of the question under the current constitution.",
        {("JP", "declined")},
    ),
    (
        "Portugal has said it would send troops to Ukraine only as part of a NATO or UN mission.",
        {("PT", "willing")},
    ),
    (
        "South Korea has no plans to send troops to Ukraine, a presidential spokesperson said.",
        {("KR", "declined")},
    ),
    (
        "Brazil's Lula said Brazil would not take sides and would not send soldiers to Ukraine.",
        {("BR", "declined")},
    ),
    (
        "India has ruled out joining any Western-led force in Ukraine, but said it could consider a UN peacekeeping role.",
        {("IN", "open")},
    ),
    (
        "The Belgian defence minister said it was still unclear whether Belgian troops would be needed in Ukraine.",
        {("BE", "undecided")},
    ),
    (
        "The Kremlin rejected any talk of foreign peacekeepers in Ukraine as a non-starter.",
        {("RU", "opposed")},
    ),
    (
        "Peskov said Russia would not accept the presence of troops from NATO countries in Ukraine under any flag.",
        {("RU", "opposed")},
    ),
    (
        "Germany's foreign minister said he could imagine German soldiers taking part in a mission in Ukraine after a ceasefire.",
        {("DE", "open")},
    ),
    (
        "The Italian government has never discussed sending troops to Ukraine, Crosetto said.",
        {("IT", "declined")},
    ),
    (
        "We are not going to send soldiers to Ukraine, Orban told Hungarian state radio.",
        {("HU", "declined")},
    ),
    (
        "Canada could lead a brigade in Ukraine, said Defence Minister David McGuinty, if allies agree.",
        {("CA", "open")},
    ),
    (
        "Zelensky said the deployment of British and French troops would be a strong security guarantee.",
        set(),
    ),
    (
        "British officials have drawn up plans for a force of up to 30,000 troops, according to The Times.",
        set(),
    ),
    (
        "A German brigade of 5,000 soldiers will be permanently stationed in Lithuania by 2027.",
        set(),
    ),
    (
        "France's army chief said French forces would be ready to deploy within 30 days if ordered.",
        set(),
    ),
    ("The Swiss parliament rejected a motion to send Swiss soldiers abroad.", set()),
    ("The UK has sent military trainers to Poland to help Ukrainian soldiers.", set()),
    ("Spain and Portugal have sent troops to Romania as part of NATO's eastern flank.", set()),
    (
        "The Czech defence minister said Czech troops were ready to go to Ukraine as soon as there is a ceasefire.",
        {("CZ", "willing")},
    ),
    (
        "Norwegian soldiers could help clear mines in the Black Sea after the war, Oslo said.",
        {("NO", "open")},
    ),
    (
        "Stubb told reporters that Finland is prepared to send soldiers to Ukraine if needed but that no decision has been made.",
        {("FI", "willing")},
    ),
    (
        "Merz said Germany would contribute to security guarantees for Ukraine but did not commit troops.",
        {("DE", "undecided")},
    ),
    (
        'Asked whether Austria would send troops to Ukraine, the chancellor said: "No."',
        {("AT", "declined")},
    ),
]
