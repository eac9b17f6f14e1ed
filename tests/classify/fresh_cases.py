# ruff: noqa: E501  (a table of sentences reads better unwrapped)
"""Wire-copy style sentences written for these tests (not taken from shared/), in the batches
used to measure generalisation; each with the (actor, stance) pairs it should give.

`KNOWN_GAPS` lists the rows the classifier still gets wrong; their tests are strict xfails,
so fixing one shows up as a test to move out of the list."""

from __future__ import annotations

# batch -> [(text, expected pairs)]
BATCHES: dict[str, list[tuple[str, set[tuple[str, str]]]]] = {
    # attribution: reported speech, officials by name and title, pronouns
    "b1": [
        (
            "Denmark is prepared to send soldiers to Ukraine as part of a European force once a ceasefire is in place, Prime Minister Mette Frederiksen told reporters in Copenhagen.",
            {("DK", "willing")},
        ),
        (
            "The Danish foreign minister said on Thursday that his country would not exclude contributing troops to a post-war mission in Ukraine.",
            {("DK", "open")},
        ),
        (
            "Sweden's prime minister told public broadcaster SVT that it was too early to say whether Swedish soldiers would be deployed to Ukraine.",
            {("SE", "undecided")},
        ),
        (
            "According to two diplomats familiar with the talks, Belgium has signalled it could contribute a small contingent to a reassurance force in Ukraine.",
            {("BE", "open")},
        ),
        (
            "Norway has no plans to send troops to Ukraine, a government spokesperson said on Friday.",
            {("NO", "declined")},
        ),
        (
            "Asked whether Portugal would put soldiers on the ground in Ukraine, the defence minister replied that Lisbon was not considering such a deployment.",
            {("PT", "declined")},
        ),
        (
            "Czech Prime Minister Petr Fiala said his government was ready to discuss participation in a security mission in Ukraine.",
            {("CZ", "open")},
        ),
        (
            '"We are not going to send Slovak soldiers to Ukraine, full stop," the Slovak prime minister said.',
            {("SK", "declined")},
        ),
        (
            "Finnish President Alexander Stubb said Finland was open to contributing to a peacekeeping force in Ukraine, but stressed that any decision would depend on the terms of a peace deal.",
            {("FI", "open")},
        ),
        (
            "Lithuania's defence minister told Reuters the country was willing to send a unit of up to 100 soldiers to Ukraine to train troops there after the war.",
            {("LT", "willing")},
        ),
        (
            "The Kremlin said on Monday that the deployment of troops from NATO countries to Ukraine would be completely unacceptable.",
            {("RU", "opposed")},
        ),
        (
            "Kremlin spokesman Dmitry Peskov said any European peacekeepers in Ukraine would be considered legitimate targets by Russia.",
            {("RU", "opposed")},
        ),
        (
            "Romania will not send troops to Ukraine, President Nicusor Dan said, adding that the country would instead help with logistics and air defence on its own territory.",
            {("RO", "declined")},
        ),
        (
            "Greek government sources said Athens does not intend to deploy Greek soldiers to Ukraine.",
            {("GR", "declined")},
        ),
        (
            "Estonia's prime minister said the country was ready to send a company-sized unit to Ukraine if a ceasefire is agreed.",
            {("EE", "willing")},
        ),
        (
            "The Dutch defence minister said the Netherlands would consider taking part in a mission to secure a ceasefire in Ukraine, but that it was premature to talk about numbers.",
            {("NL", "open")},
        ),
        (
            "Chancellor Friedrich Merz said Germany would not send Bundeswehr soldiers to Ukraine for the time being.",
            {("DE", "declined")},
        ),
        (
            "Spain's defence minister Margarita Robles said it was premature to talk about sending Spanish troops to Ukraine.",
            {("ES", "undecided")},
        ),
        (
            "Italian Prime Minister Giorgia Meloni reiterated that Italy had no intention of sending its own troops to Ukraine.",
            {("IT", "declined")},
        ),
        (
            "Prime Minister Keir Starmer said Britain was ready and willing to put British troops on the ground in Ukraine if necessary.",
            {("GB", "willing")},
        ),
        (
            "French President Emmanuel Macron said France and Britain were prepared to lead a reassurance force that would be deployed in Ukraine after a ceasefire.",
            {("FR", "willing"), ("GB", "willing")},
        ),
        (
            "A senior Polish official, speaking on condition of anonymity, said Warsaw would not deploy soldiers inside Ukraine.",
            {("PL", "declined")},
        ),
        (
            "Ireland's foreign minister said he would not rule out Irish peacekeepers serving in Ukraine under a UN mandate.",
            {("IE", "open")},
        ),
        (
            "The Austrian chancellor said Austria, as a neutral country, could take part in a peacekeeping mission in Ukraine only with a UN mandate.",
            {("AT", "open")},
        ),
        (
            "Bulgaria is not considering sending troops to Ukraine, Defence Minister Atanas Zapryanov told parliament.",
            {("BG", "declined")},
        ),
        (
            "New Zealand Prime Minister Christopher Luxon said his government would consider any request to contribute to a peacekeeping force in Ukraine.",
            {("NZ", "open")},
        ),
        (
            "Australia's prime minister said Canberra was open to contributing to a peacekeeping force in Ukraine.",
            {("AU", "open")},
        ),
        (
            "The Croatian defence minister said no Croatian soldier would be sent to Ukraine.",
            {("HR", "declined")},
        ),
        (
            "Japan's government has not made any decision on sending Self-Defense Forces personnel to Ukraine, the chief cabinet secretary said.",
            {("JP", "undecided")},
        ),
        (
            "Turkey could contribute naval forces to a Black Sea mission once a peace agreement is signed, a Turkish defence ministry source said.",
            {("TR", "willing")},
        ),
        (
            "Hungarian Foreign Minister Peter Szijjarto said Budapest would never send Hungarian soldiers to Ukraine.",
            {("HU", "declined")},
        ),
        (
            "US President Donald Trump said there would be no American troops on the ground in Ukraine.",
            {("US", "declined")},
        ),
        (
            "Latvian President Edgars Rinkevics said Latvia stood ready to contribute to a coalition of the willing in Ukraine.",
            {("LV", "willing")},
        ),
        (
            "Canada's defence minister said Ottawa was weighing whether to send troops to a multinational force in Ukraine.",
            {("CA", "open")},
        ),
        (
            "Luxembourg's prime minister said the Grand Duchy would consider contributing a small number of soldiers to a force in Ukraine.",
            {("LU", "open")},
        ),
        (
            "Slovenia's prime minister said the government had decided not to send soldiers to Ukraine.",
            {("SI", "declined")},
        ),
        (
            "Belgium's defence minister Theo Francken said he was willing to send Belgian troops to Ukraine to help keep the peace.",
            {("BE", "willing")},
        ),
        (
            "The Czech defence ministry said it had not yet decided whether Czech troops would join the mission in Ukraine.",
            {("CZ", "undecided")},
        ),
        (
            "Russian Foreign Minister Sergei Lavrov said Moscow categorically rejects the presence of any foreign troops in Ukraine.",
            {("RU", "opposed")},
        ),
        (
            '"Our soldiers will not go to Ukraine," said Bulgarian President Rumen Radev.',
            {("BG", "declined")},
        ),
    ],
    # lists, contrast, conditions, scope and time, non-ground forces, NATO territory
    "b2": [
        (
            "Spain, Portugal and Greece have said they have no plans to send troops to Ukraine.",
            {("ES", "declined"), ("GR", "declined"), ("PT", "declined")},
        ),
        (
            "Britain and France said they were ready to send troops, while Germany and Italy said they would not.",
            {("DE", "declined"), ("FR", "willing"), ("GB", "willing"), ("IT", "declined")},
        ),
        (
            "Poland will help Ukraine with equipment and training, but not with troops, the prime minister said.",
            {("PL", "declined")},
        ),
        (
            "Sweden said it could contribute air policing over Ukraine but would not deploy ground troops.",
            {("SE", "declined")},
        ),
        (
            "Belgium said it was ready to deploy minesweepers to clear Ukraine's Black Sea ports after a ceasefire.",
            {("BE", "willing")},
        ),
        (
            "Romania offered to host allied troops on its own territory near the Ukrainian border but will not send soldiers into Ukraine.",
            {("RO", "declined")},
        ),
        (
            "Norway said it could send fighter jets to help police Ukrainian airspace once a peace deal is reached.",
            {("NO", "willing")},
        ),
        (
            "The Netherlands is ready to contribute to air policing over Ukraine, Defence Minister Ruben Brekelmans said.",
            {("NL", "willing")},
        ),
        (
            "Italy is not planning to send troops to Ukraine for now, Defence Minister Guido Crosetto said.",
            {("IT", "declined")},
        ),
        (
            "Germany is not ready to commit soldiers to a mission in Ukraine at this stage, a government spokesman said.",
            {("DE", "undecided")},
        ),
        (
            "Austria will not participate in the initial phase of the mission, but a later contribution to a peacekeeping force in Ukraine is possible, the chancellor said.",
            {("AT", "open")},
        ),
        (
            "Finland is prepared to send soldiers to Ukraine on condition that the United States provides a backstop.",
            {("FI", "willing")},
        ),
        (
            "Denmark would be willing to send troops to Ukraine if a durable ceasefire is agreed, the defence minister said.",
            {("DK", "willing")},
        ),
        (
            "Estonia and Latvia said they were ready to send troops to Ukraine, while Lithuania said it was still considering the matter.",
            {("EE", "willing"), ("LT", "open"), ("LV", "willing")},
        ),
        (
            "The Baltic states have said they are prepared to contribute soldiers to a reassurance force in Ukraine.",
            {("EE", "willing"), ("LT", "willing"), ("LV", "willing")},
        ),
        (
            "Canada and Australia have said they are open to contributing troops to Ukraine, while New Zealand has yet to decide.",
            {("AU", "open"), ("CA", "open"), ("NZ", "undecided")},
        ),
        (
            "Croatia will contribute to security guarantees for Ukraine, but its soldiers will not be deployed there, the prime minister said.",
            {("HR", "declined")},
        ),
        (
            "The Czech Republic said its troops would serve only in Poland and Slovakia as part of NATO's eastern flank, not in Ukraine.",
            {("CZ", "declined")},
        ),
        (
            "Poland will not send soldiers to Ukraine but will provide logistical support from its territory, Defence Minister Wladyslaw Kosiniak-Kamysz said.",
            {("PL", "declined")},
        ),
        (
            "Turkey said it was ready to take part in a naval mission to clear mines in the Black Sea off Ukraine.",
            {("TR", "willing")},
        ),
        (
            "Britain will lead the air component of the force, with Typhoon jets patrolling Ukrainian skies, the defence ministry said.",
            {("GB", "willing")},
        ),
        (
            "Ireland and Austria, both neutral, said they would consider a role in a UN-mandated peacekeeping force in Ukraine.",
            {("AT", "open"), ("IE", "open")},
        ),
        (
            "Hungary and Slovakia have ruled out sending troops to Ukraine.",
            {("HU", "declined"), ("SK", "declined")},
        ),
        (
            "Sweden and Finland said they were considering contributing soldiers to Ukraine, and Denmark said it was ready to do so.",
            {("DK", "willing"), ("FI", "open"), ("SE", "open")},
        ),
        (
            "Greece is not sending troops to Ukraine and will not do so in the future, the government spokesman said.",
            {("GR", "declined")},
        ),
        (
            "Japan said it would not send troops to Ukraine but could provide engineers for reconstruction.",
            {("JP", "declined")},
        ),
        (
            "Portugal may send a small contingent to Ukraine once a ceasefire holds, Prime Minister Luis Montenegro said.",
            {("PT", "willing")},
        ),
        (
            "Germany would only deploy soldiers to Ukraine with a US security guarantee, Merz said.",
            {("DE", "willing")},
        ),
        (
            "Spain will not send soldiers to Ukraine while the war continues, Robles said.",
            {("ES", "declined")},
        ),
        (
            "Bulgaria has not ruled out joining a naval demining mission in the Black Sea, but will not send ground forces to Ukraine.",
            {("BG", "declined")},
        ),
        (
            "The UK is ready to deploy troops to Ukraine, and so is France, officials in London said.",
            {("FR", "willing"), ("GB", "willing")},
        ),
        (
            "Britain and Sweden expressed readiness and potential readiness, respectively, to send troops to Ukraine.",
            {("GB", "willing"), ("SE", "open")},
        ),
        (
            "Poland, which borders Ukraine, will station additional troops on its own eastern border rather than send them into Ukraine.",
            {("PL", "declined")},
        ),
        (
            "Slovakia will not send soldiers to Ukraine now or in the future, Prime Minister Robert Fico said.",
            {("SK", "declined")},
        ),
        (
            "Latvia's parliament voted to allow Latvian soldiers to take part in a multinational mission in Ukraine after a ceasefire.",
            {("LV", "willing")},
        ),
        (
            "Denmark has not decided yet whether it will send soldiers to Ukraine, but it is open to the idea, the prime minister said.",
            {("DK", "undecided")},
        ),
        (
            "Canada is prepared to deploy ships and aircraft to support a ceasefire in Ukraine, Prime Minister Mark Carney said.",
            {("CA", "willing")},
        ),
        (
            "Greece and Cyprus said they would not send soldiers to Ukraine.",
            {("CY", "declined"), ("GR", "declined")},
        ),
        (
            "France is ready to send troops to Ukraine, but Germany is not, a senior European diplomat said.",
            {("DE", "declined"), ("FR", "willing")},
        ),
    ],
    # hard negatives: non-state speakers, questions, host, guarantees, training, look-alikes; opposed
    "b3": [
        (
            "Will Germany send troops to Ukraine? The question has divided the governing coalition.",
            set(),
        ),
        (
            "Opposition leader Mikael Damberg said Sweden should be ready to send troops to Ukraine.",
            set(),
        ),
        (
            "A poll published on Sunday found that 58% of Poles oppose sending Polish soldiers to Ukraine.",
            set(),
        ),
        (
            "Retired general Ben Hodges said the United States should lead a force in Ukraine.",
            set(),
        ),
        (
            "Ukrainian President Volodymyr Zelensky said Ukraine needs at least 100,000 European troops to guarantee a peace deal.",
            set(),
        ),
        ("Kyiv has asked its partners to send troops to guarantee any ceasefire.", set()),
        (
            "Germany will train Ukrainian soldiers in Germany and provide air defence systems, the defence ministry said.",
            set(),
        ),
        ("Britain pledged to support security guarantees for Ukraine after talks in Paris.", set()),
        (
            "The United States will provide intelligence and logistics to a European force but will not lead it, a White House official said.",
            set(),
        ),
        (
            "Canada extended its mission in Latvia, where about 2,000 Canadian soldiers are deployed under Operation REASSURANCE.",
            set(),
        ),
        (
            "Germany is stationing a brigade of 5,000 troops in Lithuania, the first permanent deployment of German soldiers abroad since World War II.",
            set(),
        ),
        (
            "In 2003, Poland sent troops to Iraq as part of the US-led coalition of the willing.",
            set(),
        ),
        (
            "The coach said he would deploy a new formation against Spain in Saturday's Nations League match.",
            set(),
        ),
        (
            "Amazon plans to deploy its new logistics software across warehouses in Poland and Germany next year.",
            set(),
        ),
        (
            "Russian strikes knocked out power across Kyiv overnight, and Germany said it would send more generators.",
            set(),
        ),
        (
            "The EU agreed its 19th package of sanctions against Russia on Friday, with Slovakia dropping its veto.",
            set(),
        ),
        (
            "France will host a meeting of defence ministers from the coalition of the willing next week.",
            set(),
        ),
        (
            "Ukraine will not accept any peace deal that limits the size of its army, Zelensky said.",
            set(),
        ),
        (
            "Russia's foreign ministry said the deployment of Western troops to Ukraine would lead to a direct clash between Russia and NATO.",
            {("RU", "opposed")},
        ),
        (
            "Moscow will not accept the presence of NATO troops in Ukraine under any flag, Lavrov told reporters.",
            {("RU", "opposed")},
        ),
        (
            "The Kremlin has repeatedly said it would regard any foreign troops in Ukraine as a legitimate target.",
            {("RU", "opposed")},
        ),
        (
            "Former Polish president Aleksander Kwasniewski said Poland should not rule out sending troops.",
            set(),
        ),
        (
            "Analysts at the Institute for the Study of War said Russia fears a European presence in Ukraine.",
            set(),
        ),
        (
            "Marine Le Pen, the leader of the far-right National Rally, said France must never send soldiers to Ukraine.",
            set(),
        ),
        (
            "Italian lawmakers from the League party said Italy should not send troops to Ukraine.",
            set(),
        ),
        (
            "The Pentagon said US troops in Poland were on heightened alert after drones crossed into Polish airspace.",
            set(),
        ),
        (
            "Poland will spend nearly 5% of GDP on defence next year, the finance ministry said.",
            set(),
        ),
        ("Is Britain really ready to send troops to Ukraine?", set()),
        ("Would Spain join a peacekeeping force in Ukraine? Robles did not say.", set()),
        (
            "Japan signed a security cooperation declaration with Ukraine on Tuesday, pledging financial aid.",
            set(),
        ),
        (
            "Dozens of Ukrainian soldiers are being trained in Britain under Operation Interflex.",
            set(),
        ),
        (
            "The Netherlands will send 18 F-16 fighter jets to Ukraine's air force, the government confirmed.",
            set(),
        ),
        ("Greece declined to sign the joint statement on Ukraine's security guarantees.", set()),
        ("Denmark will host training for Ukrainian pilots at its air base in Skrydstrup.", set()),
        (
            "The United States does not want to put its troops in danger, Vance said, while praising Europe's plan.",
            set(),
        ),
        (
            "Sweden's largest opposition party said the government should keep the option of sending troops to Ukraine open.",
            set(),
        ),
        (
            'Asked whether Italy would send soldiers to Ukraine, Meloni said: "No. It is not on the agenda."',
            {("IT", "declined")},
        ),
        (
            "The Russian ambassador in London said British troops in Ukraine would be seen as a party to the conflict.",
            {("RU", "opposed")},
        ),
        (
            "Lukashenko said Belarus would not allow NATO troops on Ukrainian territory.",
            {("BY", "opposed")},
        ),
        (
            "France's defence minister visited French troops stationed in Romania as part of NATO's battlegroup there.",
            set(),
        ),
    ],
    # paragraphs (country in one sentence, stance in the next) and headlines
    "b4": [
        (
            "Belgian Prime Minister Bart De Wever met Zelensky in Kyiv on Tuesday. He said Belgium was ready to send troops to Ukraine once the guns fall silent.",
            {("BE", "willing")},
        ),
        (
            "Norway's Prime Minister Jonas Gahr Store spoke to reporters after the summit. He said the government had not ruled out a Norwegian contribution to a force in Ukraine.",
            {("NO", "open")},
        ),
        (
            "The Swedish government held an extraordinary cabinet meeting on Wednesday. It decided to offer up to 200 soldiers for a multinational force in Ukraine.",
            {("SE", "willing")},
        ),
        (
            "Poland has long been one of Kyiv's staunchest allies. But the country will not send its soldiers to Ukraine, the defence minister said on Monday.",
            {("PL", "declined")},
        ),
        (
            "Italy's position has not changed. The government is not considering sending troops to Ukraine, Foreign Minister Antonio Tajani said.",
            {("IT", "declined")},
        ),
        (
            "Spain hosted a meeting of European defence ministers in Madrid. Asked about troops, Robles said it was premature to discuss any deployment to Ukraine.",
            {("ES", "undecided")},
        ),
        ("UK ready to send troops to Ukraine, Starmer says", {("GB", "willing")}),
        ("Germany rules out sending soldiers to Ukraine for now", {("DE", "declined")}),
        ("Kremlin: NATO troops in Ukraine are unacceptable", {("RU", "opposed")}),
        ("Japan weighs sending SDF troops to Ukraine peacekeeping mission", {("JP", "open")}),
        ("Hungary will not send troops to Ukraine, Orban says", {("HU", "declined")}),
        ("Netherlands open to joining Ukraine reassurance force", {("NL", "open")}),
        (
            "Finland's president was asked about a possible peacekeeping mission. Stubb said the country was prepared to contribute if there was a ceasefire.",
            {("FI", "willing")},
        ),
        (
            'Denmark\'s defence minister Troels Lund Poulsen visited Kyiv this week. "We are ready to contribute troops to Ukraine if it is needed," he told Danish media.',
            {("DK", "willing")},
        ),
        (
            "Czech President Petr Pavel addressed the question on Sunday. He did not exclude that Czech soldiers could be part of a mission in Ukraine after a ceasefire.",
            {("CZ", "open")},
        ),
        (
            "Greek Prime Minister Kyriakos Mitsotakis attended the Paris meeting. Greece will not participate in a force in Ukraine, he said afterwards.",
            {("GR", "declined")},
        ),
        (
            "Estonia has been among the most hawkish members of NATO. Its prime minister said on Friday that Tallinn was ready to send a company of troops to Ukraine.",
            {("EE", "willing")},
        ),
        (
            'Lithuania\'s president Gitanas Nauseda said the issue was being discussed. "We are considering the possibility of sending troops," he said.',
            {("LT", "open")},
        ),
        (
            'Germany\'s chancellor spoke after the meeting. "There is no decision yet on German soldiers in Ukraine," he said.',
            {("DE", "undecided")},
        ),
        (
            "Romania's defence minister met his French counterpart on Monday. He said that Romania would not send troops to Ukraine but would host French troops on its territory.",
            {("RO", "declined")},
        ),
        (
            "Canada is sending an additional 200 troops to Latvia. The soldiers will join Canada's brigade there, the defence ministry said.",
            set(),
        ),
        (
            "Poland's new president spoke at a military parade. He said Polish soldiers would defend the country's borders and that Poland would keep increasing its defence spending.",
            set(),
        ),
        (
            "Turkish President Recep Tayyip Erdogan met Putin in Sochi. The two leaders discussed energy and grain exports.",
            set(),
        ),
        (
            "The war in Ukraine has entered its fourth year. European leaders will meet in Brussels next week to discuss further aid for Kyiv.",
            set(),
        ),
        (
            "Slovakia's Prime Minister Robert Fico spoke in Bratislava. He said Slovak troops would never be sent to Ukraine as long as he was in office.",
            {("SK", "declined")},
        ),
        (
            "Ireland's Taoiseach Micheal Martin was asked about peacekeeping on Thursday. He said Ireland could participate in a UN peacekeeping force in Ukraine if the Dail approved it.",
            {("IE", "open")},
        ),
        (
            "Britain has been working on plans for the force for months. Defence Secretary John Healey said British troops could be deployed within weeks of a ceasefire.",
            {("GB", "willing")},
        ),
        (
            "The Australian prime minister was asked about the coalition of the willing. He said Australia would consider contributing to peacekeeping in Ukraine.",
            {("AU", "open")},
        ),
        (
            "Spain's prime minister Pedro Sanchez said Europe needed to be ready. But he added that it was too early to talk about sending Spanish troops to Ukraine.",
            {("ES", "undecided")},
        ),
        (
            "The Kremlin reacted sharply to the Paris declaration. Peskov said that Russia would not accept any foreign military presence in Ukraine.",
            {("RU", "opposed")},
        ),
    ],
    # varied wire-copy phrasing
    "b5": [
        (
            "Lithuania would not hesitate to send troops to Ukraine as part of a coalition, its foreign minister said.",
            {("LT", "willing")},
        ),
        (
            "Deploying Spanish troops to Ukraine is not on the table, the government said.",
            {("ES", "declined")},
        ),
        (
            "Sending German soldiers to Ukraine is out of the question, the defence minister said.",
            {("DE", "declined")},
        ),
        (
            "The Swedish government stopped short of committing troops to Ukraine, saying it was too early to decide.",
            {("SE", "undecided")},
        ),
        (
            "Warsaw has shot down the idea of Polish boots on the ground in Ukraine.",
            {("PL", "declined")},
        ),
        (
            "Portugal's prime minister signalled a willingness to send troops to Ukraine after a peace settlement.",
            {("PT", "willing")},
        ),
        (
            "Latvia is among the countries that have offered to send troops to Ukraine, officials said.",
            {("LV", "willing")},
        ),
        (
            "Britain, which has offered to lead the force, said it would deploy troops to Ukraine only after a ceasefire.",
            {("GB", "willing")},
        ),
        (
            "The Belgian defence ministry confirmed that Belgium is in talks with allies about sending troops to Ukraine.",
            {("BE", "open")},
        ),
        (
            "Greece remains opposed to sending Greek soldiers to Ukraine, the government spokesman said.",
            {("GR", "declined")},
        ),
        ("Croatia refused to commit soldiers to the reassurance force.", {("HR", "declined")}),
        (
            "Bulgaria's president said he saw no scenario in which Bulgarian troops would be sent to Ukraine.",
            {("BG", "declined")},
        ),
        (
            "Montenegro could send a small number of soldiers to Ukraine after a ceasefire, the defence minister said.",
            {("ME", "open")},
        ),
        (
            "The Danish government is expected to announce on Monday that it will contribute soldiers to the force in Ukraine.",
            {("DK", "willing")},
        ),
        (
            "Iceland, which has no army, will not send troops to Ukraine but will contribute funding, the prime minister said.",
            {("IS", "declined")},
        ),
        (
            "Moldova will not send soldiers to Ukraine, President Maia Sandu said.",
            {("MD", "declined")},
        ),
        (
            "Germany's defence minister Boris Pistorius said the Bundeswehr was not in a position to deploy a brigade in Ukraine.",
            {("DE", "declined")},
        ),
        (
            "North Macedonia is considering sending a platoon to Ukraine as part of the mission, the defence ministry said.",
            {("MK", "open")},
        ),
        (
            "Canada would send troops to Ukraine only with a US security backstop, officials in Ottawa said.",
            {("CA", "willing")},
        ),
        (
            "Finland has expressed its readiness to join the reassurance force in Ukraine.",
            {("FI", "willing")},
        ),
        (
            "The Norwegian government said it was still assessing whether to contribute forces to Ukraine.",
            {("NO", "open")},
        ),
        (
            "Albania has offered to deploy troops to Ukraine, Prime Minister Edi Rama said.",
            {("AL", "willing")},
        ),
        (
            "Serbia will not take part in any military mission in Ukraine, President Aleksandar Vucic said.",
            {("RS", "declined")},
        ),
        (
            "Romania's foreign minister said Bucharest was not planning to send troops to Ukraine at the moment.",
            {("RO", "declined")},
        ),
        (
            "Italy has repeatedly said it will not send soldiers to Ukraine, preferring to focus on diplomatic efforts.",
            {("IT", "declined")},
        ),
        (
            "France's armed forces minister said France could deploy several thousand troops to Ukraine.",
            {("FR", "open")},
        ),
        (
            "The Dutch government has said it is prepared in principle to contribute to a security force in Ukraine.",
            {("NL", "willing")},
        ),
        (
            "The Polish government has consistently ruled out putting Polish troops on Ukrainian soil.",
            {("PL", "declined")},
        ),
        (
            "Germany is open to discussing a role for its troops in Ukraine after a ceasefire, a government spokesman said.",
            {("DE", "open")},
        ),
        (
            "Russia warned that European peacekeepers in Ukraine would be treated as enemy combatants.",
            {("RU", "opposed")},
        ),
        (
            "The Kremlin dismissed the idea of a European peacekeeping force in Ukraine as unacceptable.",
            {("RU", "opposed")},
        ),
        (
            "Georgia will not send troops to Ukraine, the Georgian prime minister told journalists in Tbilisi.",
            {("GE", "declined")},
        ),
        (
            "Japan has no intention of dispatching Self-Defense Forces to Ukraine, a Japanese government spokesman said.",
            {("JP", "declined")},
        ),
        (
            "South Korea has not received any request to send troops to Ukraine, the defence ministry said.",
            set(),
        ),
        (
            "Switzerland's neutrality means it will not send soldiers to Ukraine, the Swiss defence minister said.",
            {("CH", "declined")},
        ),
        (
            "Czech troops are ready to go to Ukraine if needed, the Czech army chief of staff said.",
            {("CZ", "willing")},
        ),
        (
            "The British government is drawing up plans to send troops to Ukraine.",
            {("GB", "willing")},
        ),
        (
            "Estonia's defence ministry said Estonian soldiers could take part in a mission in Ukraine.",
            {("EE", "open")},
        ),
        (
            "The Slovenian government is against sending Slovenian troops to Ukraine.",
            {("SI", "declined")},
        ),
        ("Kyiv welcomed Lithuania's readiness to send troops to Ukraine.", {("LT", "willing")}),
    ],
    # precision traps: troops and Ukraine in one sentence without a sender stance
    "b6": [
        (
            "Germany is ready to send more Patriot air defence systems to Ukraine, the defence ministry said.",
            set(),
        ),
        ("Russian troops advanced near Pokrovsk, the Ukrainian General Staff said.", set()),
        (
            "North Korea has sent thousands of soldiers to fight alongside Russian troops in the Kursk region.",
            set(),
        ),
        ("France said Russia must withdraw its troops from Ukraine before any talks.", set()),
        (
            "The United States is reducing the number of its troops in Romania, the Pentagon said.",
            set(),
        ),
        (
            "Britain will train 10,000 Ukrainian recruits in the UK this year, the defence secretary said.",
            set(),
        ),
        (
            "Poland is ready to host a peace summit on Ukraine, Foreign Minister Radoslaw Sikorski said.",
            set(),
        ),
        ("Turkey is willing to host talks between Russia and Ukraine, Erdogan said.", set()),
        (
            "Italy will send a new package of military aid to Ukraine, including artillery ammunition.",
            set(),
        ),
        (
            "Sweden plans to deliver Archer howitzers and CV90 vehicles to Ukraine's armed forces.",
            set(),
        ),
        (
            "Japan will provide $4.5 billion to Ukraine for reconstruction, Prime Minister Shigeru Ishiba said.",
            set(),
        ),
        (
            "Germany will deploy Eurofighter jets to Poland to protect the airport in Rzeszow used for Ukraine aid.",
            set(),
        ),
        ("Hungary blocked a decision on EU military aid to Ukraine on Monday.", set()),
        (
            "Canada will support the coalition of the willing with funding and training for Ukrainian forces.",
            set(),
        ),
        ("The United States will not send troops to fight Iran, the president said.", set()),
        ("The French army is preparing to deploy a battalion to Estonia next spring.", set()),
        ("Russia has deployed more than 600,000 troops in Ukraine, Zelensky said.", set()),
        (
            "Belarus will hold joint military exercises with Russia near the Ukrainian border in September.",
            set(),
        ),
        (
            "Spain is willing to increase its defence spending, Sanchez said, rejecting Trump's 5% target.",
            set(),
        ),
        ("Denmark is ready to help Ukraine produce weapons on Danish soil.", set()),
        (
            "Ukraine is ready to deploy its troops along the line of contact under a ceasefire, Kyiv said.",
            set(),
        ),
        ("Ukrainian troops withdrew from the village after heavy fighting, the army said.", set()),
        ("The UK said it was ready to send more drones to Ukraine.", set()),
        (
            "Poland sent troops to its border with Belarus after a surge in migrant crossings.",
            set(),
        ),
        ("Germany will not send Taurus missiles to Ukraine, the chancellor said.", set()),
        ("Zelensky said Ukraine would not withdraw its troops from the Donbas.", set()),
        ("The Netherlands is prepared to fund a drone production line for Ukraine.", set()),
        ("Lithuania will send ammunition and generators to Ukraine this winter.", set()),
        ("France is ready to deliver more Mirage jets to Ukraine, Macron said.", set()),
        (
            "Finland is ready to deploy troops to its border with Russia if needed, the defence minister said.",
            set(),
        ),
        ("The Pentagon said it would not send additional troops to Europe this year.", set()),
        ("The Kremlin said it was ready to continue talks with Ukraine in Istanbul.", set()),
        (
            "Russia is ready to accept a ceasefire if Western arms deliveries stop, Peskov said.",
            set(),
        ),
        (
            "Romania will not allow Russian drones to violate its airspace, the defence minister warned.",
            set(),
        ),
        (
            "Germany will send soldiers to Lithuania, Pistorius said, but not to Ukraine.",
            {("DE", "declined")},
        ),
        (
            "Estonia is prepared to send troops to Ukraine and to increase its presence in Finland.",
            {("EE", "willing")},
        ),
        (
            "The Czech Republic will send more ammunition to Ukraine and is considering sending instructors to train Ukrainian soldiers in Ukraine.",
            {("CZ", "open")},
        ),
        (
            "Poland rejects the idea of sending its troops to Ukraine, but supports other countries that want to do so.",
            {("PL", "declined")},
        ),
        (
            "Britain will not send troops to Ukraine before a ceasefire, but is ready to do so after one, Healey said.",
            {("GB", "open")},
        ),
        (
            "Slovakia will send humanitarian aid to Ukraine but will not send any soldiers, Fico said.",
            {("SK", "declined")},
        ),
    ],
    # mixed (written after the first fixes)
    "b7": [
        (
            "The Finnish government has decided to send a contingent of around 100 soldiers to Ukraine once a ceasefire takes effect, Defence Minister Antti Hakkanen said.",
            {("FI", "willing")},
        ),
        (
            "Speaking in Vilnius, the Lithuanian president said his country had not excluded sending troops, but that no decision would be taken before a peace deal.",
            {("LT", "undecided")},
        ),
        (
            "Meloni has repeatedly ruled out an Italian military presence in Ukraine.",
            {("IT", "declined")},
        ),
        (
            "Germany's defence minister said the Bundeswehr could not send troops to Ukraine and protect NATO's eastern flank at the same time.",
            {("DE", "declined")},
        ),
        (
            "Sanchez said Spain would participate in any peace mission in Ukraine that had a UN mandate.",
            {("ES", "willing")},
        ),
        (
            '"Danish soldiers may well end up in Ukraine," Frederiksen told the newspaper Politiken.',
            {("DK", "open")},
        ),
        (
            "Tusk told reporters that Poland had no intention of sending troops and would focus on protecting its own border.",
            {("PL", "declined")},
        ),
        (
            "The Slovak government will not send a single soldier to Ukraine, Fico wrote on Facebook.",
            {("SK", "declined")},
        ),
        (
            "Several European countries, including Britain and France, have said they are ready to deploy troops to Ukraine.",
            {("FR", "willing"), ("GB", "willing")},
        ),
        (
            "The Estonian prime minister said Estonia would be ready to contribute a unit of staff officers to the coalition's headquarters in Kyiv.",
            {("EE", "willing")},
        ),
        (
            "Belgium has not yet taken a position on sending troops to Ukraine, a spokesman for the prime minister said.",
            {("BE", "undecided")},
        ),
        (
            "Asked if Canada would send troops to Ukraine, Carney said all options were on the table.",
            {("CA", "open")},
        ),
        (
            "The Czech government has approved the deployment of up to 150 soldiers to a future mission in Ukraine.",
            {("CZ", "willing")},
        ),
        (
            "Hungary opposes any European military mission in Ukraine, Orban said.",
            {("HU", "opposed")},
        ),
        (
            "The Kremlin said the presence of British or French soldiers in Ukraine would be a red line for Moscow.",
            {("RU", "opposed")},
        ),
        (
            "Latvia's defence minister said Riga would not be able to spare troops for Ukraine because of the threat from Russia.",
            {("LV", "declined")},
        ),
        (
            "Romania is not currently considering sending soldiers to Ukraine, but the issue could be revisited after a peace deal, President Dan said.",
            {("RO", "open")},
        ),
        (
            "The Norwegian prime minister said Norway was willing to contribute naval assets to secure shipping in the Black Sea.",
            {("NO", "willing")},
        ),
        (
            "Austrian neutrality does not allow the deployment of Austrian soldiers to Ukraine outside a UN mission, the defence ministry said.",
            {("AT", "open")},
        ),
        (
            "Sweden is prepared to send soldiers to Ukraine but wants a US security guarantee first, Kristersson said.",
            {("SE", "willing")},
        ),
        (
            "Japanese Prime Minister Shigeru Ishiba said Japan would consider what role it could play in a peacekeeping force.",
            {("JP", "open")},
        ),
        (
            "Zelensky thanked Britain and France for their readiness to send troops to Ukraine.",
            {("FR", "willing"), ("GB", "willing")},
        ),
        (
            "The Dutch parliament voted against sending Dutch troops to Ukraine.",
            {("NL", "declined")},
        ),
        (
            "Greek Defence Minister Nikos Dendias said Greece would not send troops to Ukraine under any circumstances.",
            {("GR", "declined")},
        ),
        (
            "Portugal's president said the country should not rule out sending troops to Ukraine.",
            {("PT", "open")},
        ),
        (
            "Bulgarian Prime Minister Rosen Zhelyazkov said it was not the time to talk about sending soldiers.",
            {("BG", "undecided")},
        ),
        (
            "The Washington Post reported that the Pentagon was drawing up plans for a possible US role in Ukraine.",
            set(),
        ),
        (
            "Britain and France are leading efforts to assemble a coalition of the willing to support Ukraine.",
            set(),
        ),
        (
            "German opposition leader Friedrich Merz said in 2024 that Germany should send Taurus missiles to Ukraine.",
            set(),
        ),
        (
            "Kyiv hopes that European troops will arrive soon after a ceasefire, Ukraine's foreign minister said.",
            set(),
        ),
        (
            "US Secretary of State Marco Rubio said European troops in Ukraine were a matter for Europeans to decide.",
            set(),
        ),
        (
            "NATO Secretary General Mark Rutte said several allies were ready to send troops to Ukraine.",
            set(),
        ),
        (
            "The Russian defence ministry said its troops had captured two villages in the Donetsk region.",
            set(),
        ),
        ("Italy's Crosetto said Rome would continue training Ukrainian soldiers in Italy.", set()),
        (
            "France's top general said the French army was ready for a high-intensity war by 2030.",
            set(),
        ),
        ("Sweden sent troops to Latvia in January as part of NATO's forward land forces.", set()),
        (
            "The EU said it would send a civilian mission to monitor the border between Moldova and Ukraine.",
            set(),
        ),
        (
            "More than 70% of Germans oppose sending the Bundeswehr to Ukraine, a poll showed.",
            set(),
        ),
        (
            "Georgia's ruling party accused the West of trying to drag the country into the war in Ukraine.",
            set(),
        ),
    ],
    # precision and mixed (written after the third round of fixes)
    "b9": [
        ("Britain is in talks with Kyiv about a new drone production deal.", set()),
        ("Germany said it would not hesitate to impose further sanctions on Russia.", set()),
        ("France is reluctant to send more Mirage jets to Ukraine, officials said.", set()),
        (
            "The Pentagon said there would be no US troops involved in the exercise in Norway.",
            set(),
        ),
        (
            "Poland is not ready to accept more Ukrainian refugees, the interior minister said.",
            set(),
        ),
        (
            "Denmark's prime minister said it was too early to say whether the sanctions would work.",
            set(),
        ),
        (
            "Sweden will deploy a battalion to Finland next year as part of NATO's forward land forces.",
            set(),
        ),
        (
            "The Netherlands will send two frigates to the Baltic Sea to protect undersea cables.",
            set(),
        ),
        ("Italy said it was ready to host the Ukraine Recovery Conference in Rome.", set()),
        ("Hungary has ruled out supporting Ukraine's EU membership bid.", set()),
        (
            "Spain will not extend its troops' mission in Lebanon beyond 2026, the defence ministry said.",
            set(),
        ),
        (
            "Russia said it was open to discussing a ceasefire, but not before its conditions were met.",
            set(),
        ),
        ("Zelensky said Ukrainian troops were ready to hold the line through the winter.", set()),
        ("The Kremlin warned that new sanctions would harm European economies.", set()),
        ("Japan is considering sending more generators to Ukraine before winter.", set()),
        (
            "Turkey will not allow warships through the Bosphorus while the war lasts, Ankara said.",
            set(),
        ),
        (
            "Norway's oil fund is considering divesting from companies linked to the war in Ukraine.",
            set(),
        ),
        ("The Finnish president said Finland was ready to increase aid to Ukraine.", set()),
        (
            "Canada is ready to deploy its new air defence systems at home, the defence minister said.",
            set(),
        ),
        ("Lithuania said it would build a new base for the German brigade near Rukla.", set()),
        (
            "Belgium is ready to deploy up to 200 soldiers to Ukraine once a ceasefire is signed, Defence Minister Theo Francken said.",
            {("BE", "willing")},
        ),
        (
            "Croatian President Zoran Milanovic said no Croatian soldier would ever fight in Ukraine.",
            {("HR", "declined")},
        ),
        (
            "The Czech government would not hesitate to contribute troops to a peace mission in Ukraine, Fiala said.",
            {("CZ", "willing")},
        ),
        (
            "Sweden has not taken a position on sending troops to Ukraine, the defence minister said.",
            {("SE", "undecided")},
        ),
        (
            "Portugal is ready to send troops to Ukraine, and so is Spain, diplomats said.",
            {("ES", "willing"), ("PT", "willing")},
        ),
        (
            "Slovakia won't send troops to Ukraine, but the Czech Republic might, officials in Prague said.",
            {("CZ", "open"), ("SK", "declined")},
        ),
        (
            "Moscow will regard any Western troops in Ukraine as a threat, Russia's deputy foreign minister said.",
            {("RU", "opposed")},
        ),
        (
            "Estonia is ready to send troops to Ukraine rather than wait for a US decision, the prime minister said.",
            {("EE", "willing")},
        ),
        (
            "Poland said it would provide the logistics hub for the mission rather than send troops to Ukraine.",
            {("PL", "declined")},
        ),
        (
            "The Irish government has decided not to join the reassurance force in Ukraine.",
            {("IE", "declined")},
        ),
        (
            "Austria's foreign minister said there could be Austrian soldiers in Ukraine under a UN mandate.",
            {("AT", "open")},
        ),
        (
            "The UK and France have said they would deploy troops to Ukraine; Germany has said it will not.",
            {("DE", "declined"), ("FR", "willing"), ("GB", "willing")},
        ),
        (
            "New Zealand's defence minister said the government had not ruled out deploying personnel to Ukraine.",
            {("NZ", "open")},
        ),
        (
            "Finland is reluctant to send troops to Ukraine because of its long border with Russia, the president said.",
            {("FI", "declined")},
        ),
        (
            '"We will not send troops to Ukraine," Greek Prime Minister Kyriakos Mitsotakis said.',
            {("GR", "declined")},
        ),
    ],
    # longer Kyiv Independent / Euromaidan style (written after the fourth round)
    "b10": [
        (
            'Lithuanian Foreign Minister Kestutis Budrys told the Kyiv Independent that Vilnius "is ready to contribute" to a reassurance force in Ukraine and could send a unit within weeks of a ceasefire.',
            {("LT", "willing")},
        ),
        (
            'In an interview with Euromaidan Press, Estonia\'s defence minister Hanno Pevkur said his country would send troops to Ukraine "without hesitation" once a peace deal is signed.',
            {("EE", "willing")},
        ),
        (
            "According to Bloomberg, France has offered to deploy up to 10,000 troops to Ukraine, while the UK is weighing a contribution of around 5,000.",
            {("FR", "willing"), ("GB", "open")},
        ),
        (
            'Dutch Prime Minister Dick Schoof said the Netherlands would "in principle" be prepared to participate, though the cabinet would first need to consult parliament.',
            {("NL", "willing")},
        ),
        (
            'Poland\'s President Karol Nawrocki said there was "no question" of Polish troops being sent to Ukraine.',
            {("PL", "declined")},
        ),
        (
            "Kosiniak-Kamysz said Polish soldiers would not be part of any mission on Ukrainian territory, adding that Poland's task was to secure NATO's eastern flank.",
            {("PL", "declined")},
        ),
        (
            "The Belgian government remains divided on the issue, and no decision on troops for Ukraine is expected before the summer, a government spokesperson said.",
            {("BE", "undecided")},
        ),
        (
            "Russia's Foreign Ministry spokeswoman Maria Zakharova said Moscow would consider any Western contingent in Ukraine a legitimate military target.",
            {("RU", "opposed")},
        ),
        (
            "Speaking on national television, Slovenia's defence minister said Ljubljana was not planning to send soldiers to Ukraine but could consider a contribution after a peace agreement.",
            {("SI", "open")},
        ),
        (
            'Canada is "not ruling anything out" when it comes to putting boots on the ground in Ukraine, Carney told CBC News.',
            {("CA", "open")},
        ),
        (
            "The German government spokesperson Steffen Kornelius said Berlin would discuss a possible Bundeswehr contribution with its partners once the conditions are clear.",
            {("DE", "open")},
        ),
        (
            "Croatia's Prime Minister Andrej Plenkovic said Croatia was not considering sending troops, but would support the coalition politically.",
            {("HR", "declined")},
        ),
        (
            "Ukraine's foreign minister said Kyiv expects at least ten countries to send troops, including Britain and France.",
            set(),
        ),
        (
            "Latvian lawmakers debated the idea on Thursday, but the government has not yet submitted a proposal to send troops to Ukraine.",
            {("LV", "undecided")},
        ),
        (
            "Finnish President Alexander Stubb has said Finland could take part in a peacekeeping mission, and Prime Minister Petteri Orpo echoed that on Monday.",
            {("FI", "open")},
        ),
        (
            'Bulgaria has no intention of sending troops to Ukraine, Prime Minister Rosen Zhelyazkov said, calling the reports "pure speculation."',
            {("BG", "declined")},
        ),
        (
            "Norway's defence minister Tore Sandvik said Oslo was ready to send specialists in mine clearance and air defence to Ukraine after a ceasefire.",
            {("NO", "willing")},
        ),
        (
            "The White House has ruled out sending American troops to Ukraine, but said the US could provide air support to a European mission.",
            {("US", "declined")},
        ),
        (
            "Turkish Defence Minister Yasar Guler said Ankara was ready to take on responsibilities in a maritime security mission in the Black Sea.",
            {("TR", "willing")},
        ),
        (
            "Czech Foreign Minister Jan Lipavsky said the Czech Republic was considering sending troops to Ukraine after a ceasefire, adding that no decision had been made yet.",
            {("CZ", "undecided")},
        ),
        (
            'Danish Defence Minister Troels Lund Poulsen said Denmark was "positive" about sending troops to Ukraine, but that it was too early to say how many.',
            {("DK", "open")},
        ),
        ("Kyiv Independent: Greece won't send troops to Ukraine, PM says", {("GR", "declined")}),
        (
            "The Kremlin has dismissed European proposals for a reassurance force, saying any such troops would be targeted.",
            {("RU", "opposed")},
        ),
        (
            'Italian Defence Minister Guido Crosetto told Corriere della Sera that sending Italian soldiers to Ukraine was "not on the agenda" for the government.',
            {("IT", "declined")},
        ),
        (
            "While Britain and France are preparing to deploy troops to Ukraine, Germany remains hesitant, officials said.",
            {("DE", "undecided"), ("FR", "willing"), ("GB", "willing")},
        ),
        (
            "Kyiv has welcomed the offer, with Zelensky saying that foreign troops would strengthen Ukraine's security.",
            set(),
        ),
        (
            "Albanian Prime Minister Edi Rama said Albania was ready to send soldiers to Ukraine as part of the coalition.",
            {("AL", "willing")},
        ),
        (
            "Spain's defence minister said on Tuesday that the government had not ruled out sending Spanish troops to Ukraine, but that it was premature to talk about numbers.",
            {("ES", "open")},
        ),
        (
            "European diplomats said Hungary and Slovakia were unlikely to join any force, while Portugal and Belgium had signalled interest.",
            {("BE", "open"), ("HU", "declined"), ("PT", "open"), ("SK", "declined")},
        ),
    ],
    # AP / Politico style (written after the suite was first frozen)
    "b11": [
        (
            'President Emmanuel Macron said Thursday that France and its partners were prepared to station "reassurance forces" in Ukraine the day after a peace deal.',
            {("FR", "willing")},
        ),
        (
            "British officials have said the UK could send several thousand troops, though the exact size of the force has not been decided.",
            {("GB", "open")},
        ),
        (
            'Polish Prime Minister Donald Tusk said Poland "does not plan" to send soldiers to Ukraine.',
            {("PL", "declined")},
        ),
        (
            "Germany's government remains noncommittal about sending troops, with officials saying the question will be answered once a ceasefire is in place.",
            {("DE", "undecided")},
        ),
        (
            'Sweden\'s Kristersson said on Wednesday that it was "far too early" to talk about Swedish troops in Ukraine.',
            {("SE", "undecided")},
        ),
        (
            "Czech President Petr Pavel said the country could send troops to Ukraine if asked, but that the government would have to decide.",
            {("CZ", "open")},
        ),
        (
            "Finland, which shares a 1,340-kilometre border with Russia, has said it is ready to contribute to the force in Ukraine.",
            {("FI", "willing")},
        ),
        (
            "The Kremlin has said any deployment of foreign troops would be unacceptable and would only escalate the conflict.",
            {("RU", "opposed")},
        ),
        (
            "Moscow has also warned that it would treat foreign soldiers in Ukraine as legitimate targets.",
            {("RU", "opposed")},
        ),
        (
            "Trump has said that the United States would not deploy ground troops, but could help with air support.",
            {("US", "declined")},
        ),
        (
            "A senior Romanian official said Bucharest would contribute to the mission with air policing from Romanian bases but would not put boots on the ground in Ukraine.",
            {("RO", "declined")},
        ),
        (
            "Italy has ruled out sending troops, instead proposing to extend NATO's Article 5 protection to Ukraine.",
            {("IT", "declined")},
        ),
        (
            "Estonia's Kristen Michal said his government was ready to send troops to Ukraine, adding that parliament would have to approve the deployment.",
            {("EE", "willing")},
        ),
        (
            "Lithuania will not send troops to Ukraine until a ceasefire is reached, its president said.",
            {("LT", "declined")},
        ),
        (
            'Denmark\'s Frederiksen said she was "open" to sending Danish troops to Ukraine as part of a peace deal.',
            {("DK", "open")},
        ),
        (
            'Asked about the possibility of deploying Spanish troops, Sanchez said: "We are not there yet."',
            {("ES", "undecided")},
        ),
        (
            "Portugal, Spain and Italy were among the countries that have not committed troops to the force.",
            {("ES", "undecided"), ("IT", "undecided"), ("PT", "undecided")},
        ),
        (
            "Hungary's foreign minister said his country would never agree to send Hungarian troops to Ukraine.",
            {("HU", "declined")},
        ),
        (
            "Belgium is willing to send troops to Ukraine but only as part of a broader European mission, Francken said.",
            {("BE", "willing")},
        ),
        (
            "Norway has said it will consider participating in a multinational force in Ukraine.",
            {("NO", "open")},
        ),
        (
            'Slovakia\'s Fico said Slovak soldiers would not take part in any mission in Ukraine, calling the plan "nonsense."',
            {("SK", "declined")},
        ),
        (
            "The Netherlands would be willing to contribute F-35 fighter jets to police Ukraine's skies, Dutch officials said.",
            {("NL", "willing")},
        ),
        (
            "Japanese officials said Tokyo had no plans to send Self-Defense Forces to Ukraine but would consider other forms of support.",
            {("JP", "declined")},
        ),
        (
            "Bulgaria is ready to help clear mines in the Black Sea off Ukraine's coast, its defence minister said.",
            {("BG", "willing")},
        ),
        (
            "Croatia said it would not send troops to Ukraine, echoing statements from Slovenia and Greece.",
            {("HR", "declined")},
        ),
        (
            "Ukrainian officials have said they hope as many as 30 countries will contribute troops.",
            set(),
        ),
        (
            "Polls show most Britons support sending peacekeepers to Ukraine after a ceasefire.",
            set(),
        ),
        (
            "Former NATO commander James Stavridis said the US should back a European force in Ukraine.",
            set(),
        ),
        (
            "Finland will host NATO troops on its territory under the alliance's forward land forces plan.",
            set(),
        ),
        (
            "The European Commission proposed spending 800 billion euros on defence, a plan Hungary opposes.",
            set(),
        ),
        ("German troops will take part in NATO exercises in Lithuania next month.", set()),
        (
            "Russia deployed more troops to its border with Finland, the Finnish defence ministry said.",
            set(),
        ),
        ("Ukraine's army said it had repelled Russian attacks near Kupiansk.", set()),
        (
            "Spain will send a frigate to the Red Sea to protect shipping from Houthi attacks.",
            set(),
        ),
        (
            "Canada's Carney said the country would increase its defence spending to 2% this year.",
            set(),
        ),
        ("Zelensky asked Japan to consider sending military engineers to Ukraine.", set()),
        (
            "Would Britain be ready to send troops without American support? Starmer declined to answer.",
            set(),
        ),
        (
            "France is ready to share its nuclear deterrent with European allies, Macron said.",
            set(),
        ),
        (
            "The Danish government said it was ready to sign a new defence agreement with Ukraine.",
            set(),
        ),
        (
            "The British army is too small to sustain a long deployment in Ukraine, a former army chief warned.",
            set(),
        ),
    ],
    # final measurement batch (written after all other fixes)
    "b12": [
        (
            'Greece\'s government spokesman Pavlos Marinakis said Athens had "no intention whatsoever" of sending troops to Ukraine.',
            {("GR", "declined")},
        ),
        (
            "The Czech defence minister said Prague was prepared to send a logistics unit and military police to Ukraine once a peace deal is agreed.",
            {("CZ", "willing")},
        ),
        (
            "Merz told ARD that Germany would contribute to security guarantees but that stationing German troops in Ukraine was not currently planned.",
            {("DE", "declined")},
        ),
        (
            "Latvia's prime minister Evika Silina said Latvia was considering whether to send soldiers to Ukraine.",
            {("LV", "open")},
        ),
        (
            '"Belgian troops could be on the ground in Ukraine by the end of the year," Francken told the broadcaster VRT.',
            {("BE", "open")},
        ),
        (
            "Estonia, Latvia and Lithuania are ready to send troops, while Poland has refused, a NATO diplomat said.",
            {("EE", "willing"), ("LT", "willing"), ("LV", "willing"), ("PL", "declined")},
        ),
        (
            "Canada's foreign minister Anita Anand said Ottawa remained open to a range of options, including deploying Canadian forces to Ukraine.",
            {("CA", "open")},
        ),
        (
            "Australian Prime Minister Anthony Albanese said Australia would consider contributing to a peacekeeping mission in Ukraine but had received no formal request.",
            {("AU", "open")},
        ),
        (
            "The Finnish defence minister said Finland would not send ground troops to Ukraine because its forces were needed at home.",
            {("FI", "declined")},
        ),
        (
            "Spain's Robles said the country would take part in a peace mission in Ukraine only under a UN or EU mandate.",
            {("ES", "willing")},
        ),
        (
            "Sweden's government said it was ready to deploy Gripen fighter jets for air policing over Ukraine.",
            {("SE", "willing")},
        ),
        (
            "Romania's defence minister Ionut Mosteanu said Romania would not deploy troops to Ukraine but would offer its airspace and bases for the mission.",
            {("RO", "declined")},
        ),
        (
            "The Kremlin on Friday again rejected the idea of Western peacekeepers in Ukraine, calling it a provocation.",
            {("RU", "opposed")},
        ),
        (
            "Hungarian Prime Minister Viktor Orban said Hungary would not send a single soldier to Ukraine.",
            {("HU", "declined")},
        ),
        (
            "Norway is not planning to deploy troops to Ukraine at this time, but it could consider it later, the prime minister said.",
            {("NO", "open")},
        ),
        (
            "Portugal has decided to contribute a company of troops to the coalition force in Ukraine, the defence ministry said.",
            {("PT", "willing")},
        ),
        (
            "Slovenia's president Natasa Pirc Musar said Slovenian soldiers would not go to Ukraine.",
            {("SI", "declined")},
        ),
        (
            "The Irish government is not in a position to send troops to Ukraine without a UN mandate, Taoiseach Micheal Martin said.",
            {("IE", "willing")},
        ),
        (
            "Denmark's Frederiksen said it was premature to decide on Danish troops before a ceasefire.",
            {("DK", "undecided")},
        ),
        (
            "Japan is studying whether Self-Defense Forces could take part in a peacekeeping mission in Ukraine, government sources said.",
            {("JP", "open")},
        ),
        (
            "Britain said on Monday it was ready to put troops on the ground in Ukraine. France said the same on Tuesday.",
            {("GB", "willing")},
        ),
        (
            "Lithuania has offered to send up to 150 troops to Ukraine. The government said the soldiers would be deployed only after a ceasefire.",
            {("LT", "willing")},
        ),
        (
            "The Dutch defence minister was asked whether the Netherlands would send troops. He said the cabinet would decide in the coming weeks.",
            {("NL", "undecided")},
        ),
        (
            "Moscow views any deployment of NATO forces in Ukraine as unacceptable, Russian Foreign Ministry spokeswoman Maria Zakharova said.",
            {("RU", "opposed")},
        ),
        (
            "Croatia and Slovenia said they would not participate in the mission.",
            {("HR", "declined"), ("SI", "declined")},
        ),
        (
            "Germany will station a brigade in Lithuania and send more troops to the Baltic region, Pistorius said.",
            set(),
        ),
        ("Polish President Karol Nawrocki called for more NATO troops on Polish soil.", set()),
        ("Britain will host the next meeting of the coalition of the willing in London.", set()),
        ("Turkey said it was ready to mediate between Russia and Ukraine.", set()),
        ("US troops in Germany will be reduced by 5,000, the Pentagon said.", set()),
        (
            "An opinion poll showed that 40% of Danes support sending Danish troops to Ukraine.",
            set(),
        ),
        (
            "Ukraine's defence minister said Ukrainian forces would need more air defence systems before winter.",
            set(),
        ),
        (
            "Spanish opposition leader Alberto Nunez Feijoo said Spain must be ready to send soldiers to Ukraine.",
            set(),
        ),
        ("The European Union agreed to send 2 billion euros of ammunition to Ukraine.", set()),
        (
            "Italy's Meloni said Europe should not send troops to Ukraine without the United States.",
            set(),
        ),
        ("Will Japan send troops to Ukraine? The government has not said.", set()),
        ("France will deploy Rafale jets to Poland to reinforce NATO's eastern flank.", set()),
        ("Norway's sovereign wealth fund ruled out investing in Russian assets.", set()),
        ("Estonian volunteers who fought in Ukraine returned home on Sunday.", set()),
        (
            "Zelensky said Ukraine was ready to accept foreign troops on its territory as part of security guarantees.",
            set(),
        ),
    ],
}

# Rows still wrong, with what they need (see each test id).
KNOWN_GAPS: frozenset[str] = frozenset(
    {
        "The Czech Republic said its troops would serve only in Poland and Slovakia as part of NATO's eastern flank, not in Ukraine.",
        "Canada is prepared to deploy ships and aircraft to support a ceasefire in Ukraine, Prime Minister Mark Carney said.",
        "The United States does not want to put its troops in danger, Vance said, while praising Europe's plan.",
        "Canada is sending an additional 200 troops to Latvia. The soldiers will join Canada's brigade there, the defence ministry said.",
        "Austrian neutrality does not allow the deployment of Austrian soldiers to Ukraine outside a UN mission, the defence ministry said.",
        "Latvian lawmakers debated the idea on Thursday, but the government has not yet submitted a proposal to send troops to Ukraine.",
        "Turkish Defence Minister Yasar Guler said Ankara was ready to take on responsibilities in a maritime security mission in the Black Sea.",
        "While Britain and France are preparing to deploy troops to Ukraine, Germany remains hesitant, officials said.",
        "A senior Romanian official said Bucharest would contribute to the mission with air policing from Romanian bases but would not put boots on the ground in Ukraine.",
        'Asked about the possibility of deploying Spanish troops, Sanchez said: "We are not there yet."',
        "The Irish government is not in a position to send troops to Ukraine without a UN mandate, Taoiseach Micheal Martin said.",
    }
)

# (title, text, relevant, expected pairs): short articles with titles
ARTICLES: list[tuple[str, str, bool, set[tuple[str, str]]]] = [
    (
        "Denmark ready to send troops to Ukraine, PM says",
        "Denmark is ready to send soldiers to Ukraine as part of a European security force, Prime Minister Mette Frederiksen said on Tuesday. She said the deployment would depend on a ceasefire. Sweden's government said it would wait for more details before deciding.",
        True,
        {("DK", "willing"), ("SE", "undecided")},
    ),
    (
        "Poland says no to troops in Ukraine",
        "Poland will not send its soldiers to Ukraine, Prime Minister Donald Tusk said on Monday after a meeting with allies in Paris. Warsaw will instead serve as a logistics hub for the mission. Tusk added that Polish troops would guard the country's eastern border.",
        True,
        {("PL", "declined")},
    ),
    (
        "Kremlin warns Europe over peacekeeping plans",
        "The Kremlin on Thursday rejected any deployment of European troops to Ukraine. Spokesman Dmitry Peskov said such a deployment would make the countries involved parties to the conflict. He also said Moscow was open to talks with Washington.",
        True,
        {("RU", "opposed")},
    ),
    (
        "Italy keeps distance from reassurance force",
        "Italian Prime Minister Giorgia Meloni attended the video call of the coalition of the willing on Sunday. She said Italy would contribute to security guarantees but would not send troops. The government also pledged more air defence systems.",
        True,
        {("IT", "declined")},
    ),
    (
        "Germany's Merz: troop question premature",
        'Chancellor Friedrich Merz said on Wednesday that a debate about German soldiers in Ukraine was premature. "First we need a ceasefire," he said. Germany has been Ukraine\'s second-largest military donor after the United States.',
        True,
        {("DE", "undecided")},
    ),
    (
        "Baltic states pledge troops for Ukraine mission",
        "Estonia, Latvia and Lithuania said on Friday they were ready to send soldiers to Ukraine after a ceasefire. The three governments issued a joint statement after a meeting in Riga. Finland said it was still assessing its possible contribution.",
        True,
        {("EE", "willing"), ("FI", "open"), ("LT", "willing"), ("LV", "willing")},
    ),
    (
        "Canada extends Latvia deployment",
        "Canada will keep about 2,000 troops in Latvia until 2029 under Operation REASSURANCE, Defence Minister David McGuinty said. The brigade will receive new tanks and air defence systems. Canada will also send more soldiers to the mission next year.",
        False,
        set(),
    ),
    (
        "Ukraine's power grid hit again",
        "Russian missiles and drones struck energy facilities in six Ukrainian regions overnight. Germany and the Netherlands said they would send more generators and spare parts. Engineers are working to restore power in Kharkiv.",
        False,
        set(),
    ),
    (
        "Nations League: Spain deploy new formation",
        "Spain's coach said he was ready to deploy a back three against Portugal on Saturday. The squad will travel to Lisbon on Thursday. Several players are injured.",
        False,
        set(),
    ),
    (
        "EU agrees new sanctions on Russia",
        "EU ambassadors agreed a 19th package of sanctions against Russia on Wednesday, targeting banks and the shadow fleet. Slovakia and Hungary lifted their objections after receiving assurances on energy supplies.",
        False,
        set(),
    ),
    (
        "Twenty-two years after Iraq",
        "In March 2003 the United States led a coalition of the willing into Iraq. Britain sent 46,000 troops, Australia 2,000 and Poland about 200 special forces. Spain withdrew its soldiers a year later.",
        False,
        set(),
    ),
    (
        "Norway considers role in Ukraine force",
        "Norway is considering contributing soldiers to a multinational force in Ukraine, Prime Minister Jonas Gahr Store said on Saturday. Store said the government would make a decision after consulting parliament. The opposition Progress Party said Norway should not send troops.",
        True,
        {("NO", "open")},
    ),
    (
        "Romania to host, not send, troops",
        'Romania will host a NATO battlegroup led by France on its territory but will not deploy soldiers to Ukraine, President Nicusor Dan said. "Our role is to defend the eastern flank," he told reporters in Bucharest.',
        True,
        {("RO", "declined")},
    ),
    (
        "Who will send troops to Ukraine?",
        "Britain and France have said they are ready to lead a force. Turkey has offered naval support in the Black Sea. Spain has said it is too early to discuss, while Hungary and Slovakia have ruled out any participation.",
        True,
        {
            ("ES", "undecided"),
            ("FR", "willing"),
            ("GB", "willing"),
            ("HU", "declined"),
            ("SK", "declined"),
            ("TR", "willing"),
        },
    ),
    (
        "Japan rules out sending SDF",
        "Japan will not dispatch Self-Defense Forces to Ukraine, the chief cabinet secretary said on Tuesday. He said Tokyo would instead continue to provide financial support and demining equipment.",
        True,
        {("JP", "declined")},
    ),
]
ARTICLE_GAPS: frozenset[str] = frozenset({"Who will send troops to Ukraine?"})
