"""The English lexicon's word classes and patterns, grouped by linguistic category rather
than by example (the cue patterns: cue_lexicon). `lexicon.ENGLISH` bundles them into the
`Lexicon` value the classifier is given."""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- function words the clause analysis steps over or stops at -----------------------

NEGATORS = words("not no never cannot neither nor n't without none nothing nobody")
AUXILIARIES = words(
    "is are was were be been being am has have had having do does did will would shall "
    "should can could may might must 's 're 've 'd 'll also still even yet currently "
    "already now so too again ever actually really certainly clearly firmly explicitly "
    "publicly formally officially reportedly consistently repeatedly previously recently "
    "earlier only just fully entirely completely totally necessarily immediately indeed "
    "definitely absolutely categorically strongly seriously actively further therefore "
    "thus however nevertheless though"
)
NEGATED_AUX = re.compile(r"^(?:\w+n't|cannot|won't|can't)$")
PRONOUNS_PERSON = words("i we me us my our he she him her his")
PRONOUNS_THING = words("it its they them their")
# "the country", "his government": a definite or possessive NP that points to a state.
STATE_ANAPHORS = words("country government cabinet administration nation state kingdom republic")
ANAPHOR_DETERMINERS = words("the his her its their our my this that")

CLAUSE_BREAKERS = words("but while whereas although though however ; : yet unlike")
SUBORDINATORS_QUESTION = words("whether")
QUESTION_LEADS = words("asked questioned quizzed question questions")
# "Kyiv asked Japan to consider sending troops": what another party is asked to do.
REQUEST_VERBS = words(
    "asked asks ask urged urges urge pressed presses press persuade persuaded persuading "
    "convince convinced convincing invited invites invite encouraged encourages encourage "
    "pushed pushing lobbied lobbying demanded demands wants wanted calling called appealed"
)

SPEECH_VERBS = words(
    "said says say stated states told tells added adds noted notes stressed stresses "
    "emphasized emphasised emphasizes emphasises declared declares announced announces "
    "confirmed confirms clarified clarifies replied replies insisted insists warned warns "
    "argued argues remarked remarks affirmed affirms indicated indicates highlighted "
    "highlights wrote writes mentioned mentions explained explains believes believed "
    "signalled signaled signals reiterated reiterates underlined underlines assured assures "
    "responded responds answered answers admitted admits acknowledged acknowledges "
    "suggested suggests hinted hints maintained maintains according made making pointed "
    "claimed claims asserted asserts vowed vows deemed deems called calls described "
    "describes termed terms branded brands labelled labeled characterized characterised "
    "stating saying adding noting stressing explaining insisting emphasizing emphasising "
    "arguing warning underscored underscores underscoring underlining highlighting "
    "reiterating clarifying confirming indicating acknowledging"
)

# Past-tense verbs that start a coordinated verb phrase ("visited Kyiv and left the
# door open"); regular "-ed" speech verbs count too.
PAST_VERBS = words("left kept made took gave held put set sent met told reiterated repeated")

# --- nouns ---------------------------------------------------------------------------

TROOP_NOUNS = words(
    "troops troop soldiers soldier forces force servicemen servicemembers personnel "
    "peacekeepers peacekeeper contingent contingents boots army armies military militaries "
    "battalion battalions brigade brigades unit units platoon platoons regiment regiments "
    "marines paratroopers instructors trainers engineers medics "
    "navy minesweepers presence peacekeeping deployment deployments mission missions "
    "operation operations "
    "bundeswehr capabilities capability servicemembers sailors airmen intervention"
)
# Nouns that are only troop nouns with a military modifier next to them.
WEAK_TROOP_NOUNS = words(
    "capabilities capability mission missions presence operation operations intervention "
    "engineers medics"
)
MILITARY_MODIFIERS = words(
    "military troop peacekeeping peace-keeping armed air naval ground combat reassurance "
    "deterrence deterrent international multinational foreign western nato european such "
    "this a the any post-ceasefire post-war stabilisation stabilization security "
    "monitoring european-led uk-led french-led british-led potential possible future"
)
DEPLOY_VERBS = words(
    "send sends sending sent deploy deploys deploying deployed deployment dispatch "
    "dispatches dispatching dispatched station stations stationing stationed put puts "
    "putting place placing contribute contributes contributing contributed contribution "
    "provide provides providing provided offer offers offering offered commit commits "
    "committing committed join joins joining joined participate participates participating "
    "spare sparing "
    "participated participation take taking part lead leads leading enter enters entering "
    "go going base basing involve involving involvement be"
)
# A troop NP right after one of these is someone else's force being helped, not sent.
SUPPORT_VERBS = words(
    "support supporting supported supports back backing assist assisting help helping "
    "train training trained equip equipping fund funding finance financing arm arming "
    "protect protecting defend defending supply supplying strengthen strengthening "
    "bolster bolstering reinforce reinforcing "
    # troops a country receives on its own soil are someone else's
    "host hosts hosting hosted receive receives receiving welcome welcomes welcoming"
)
CONSIDER_VERBS = words(
    "consider considers considering considered weigh weighs weighing weighed explore "
    "explores exploring explored study studies studying studied examine examines examining "
    "examined assess assesses assessing assessed contemplate contemplates contemplating "
    "contemplated mull mulls mulling mulled discuss discusses discussing discussed review "
    "reviews reviewing reviewed evaluate evaluates evaluating evaluated analyse analyze "
    "revisit revisits revisiting revisited reconsider reconsiders reconsidering reconsidered "
    "analysing analyzing countenance countenanced"
)
GENERIC_AGENTS = words(
    "countries nations states allies partners members leaders coalition alliance europe "
    "europeans nato eu union west powers most some others many several few all both "
    "governments capitals diplomats officials sources reports analysts experts majority "
    "minority respondents poll polls survey surveys public people citizens voters percent "
    "% media outlet newspaper agency initiative group bloc contingent plan plans proposal "
    "mission force forces troops soldiers"
)
NONSTATE_MARKERS = words(
    "opposition association mp mps lawmaker lawmakers legislator legislators senator senators "
    "congressman congresswoman congressmen candidate candidates analyst analysts expert "
    "experts commentator commentators researcher researchers professor scholar columnist "
    "journalist think-tank poll polls survey surveys respondents former ex-president "
    "ex-prime retired veteran activist activists voters mayor governor party far-right "
    "far-left populist advisory council marshal citizens majority percent % "
    # campaigners and hopefuls speak for themselves: "neutrality campaigners protested"
    "campaigner campaigners protester protesters demonstrators hopeful hopefuls challenger "
    # shares of a people: "two-thirds of Germans oppose sending German soldiers"
    "two-thirds one-third three-quarters "
    # parties by their members' name: "the Social Democrats' defence spokesperson"
    "democrats republicans greens liberals conservatives socialists tories"
)
STATE_ROLE_WORDS = words(
    "president prime minister ministers premier chancellor government cabinet ministry "
    "ministries administration foreign defence defense affairs spokesman spokeswoman "
    "spokesperson spokespeople official officials diplomat diplomats authorities leader "
    "leadership parliament embassy ambassador envoy delegation presidency secretary "
    "department office press service king queen monarch head state pm fm mfa mod "
    "representative representatives chief staff army governments leaders "
    "foreign-affairs deputy vice federal national security adviser advisor council "
    "chancellery palace house general"
)
# "the exact size of the force has not been decided": the details are open, not the decision
DETAIL_NOUNS = words("size number numbers format details scale composition shape exact timing")
# An undecided clause that says no decision exists yet (not "the government would decide")
ABSENCE_WORDS = words(
    "no not n't yet undecided premature early soon unclear depend depends theoretical"
)
# "will not take part in combat operations": a role restriction, still a readiness
ROLE_LIMITS = words("combat front frontline front-line offensive fighting")
# "was later denied by the governments of A, B and C", "denied in Warsaw and Rome"
PASSIVE_AUX = words("is are was were been be being")
AGENT_LEADS = words(
    "by in the governments government officials authorities capitals of ministries leaders"
)
# Words after a demonym that make it the troops' owner, not the speaker.
OWNER_HEADS = TROOP_NOUNS | words("military army navy armed")
UKRAINE_HOST_NOUNS = words("soil territory land ground")
LOCATION_PREPOSITIONS = words(
    "in to into inside within on onto at from across near toward towards alongside against beside"
)
DESTINATION_PREPOSITIONS = words("to into inside within onto in on")
FOREIGN_MARKERS = words(
    "foreign western nato european eu allied international multinational other others "
    "these those outside third peacekeeping"
)
HEDGES = words("potential potentially possible possibly eventual eventually hypothetical")
TEMPORAL_LIMITERS = re.compile(
    r"\b(?:at (?:this|the present|present|the moment|this point|this stage|the initial stage)"
    r"|for now|for the moment|for the time being|currently|yet|at present|initial stage"
    r"|initial phase|until|as long as|right now|today|immediately"
    r"|while the (?:war|fighting|conflict|hostilities) (?:continues|goes on|lasts|rages)"
    r"|before (?:a |an |the |any )?(?:\w+ )?(?:ceasefire|cease-fire|truce|peace|end of))\b"
)
LATER_MARKERS = re.compile(
    r"\b(?:later|after|once|when|future|eventually|post-war|post-ceasefire|"
    r"in the longer term|further peace process)\b"
)
UKRAINE_CONTEXT = re.compile(
    r"\b(?:ukraine|ukrainian|kyiv|kiev|peacekeep\w*|peace-keep\w*|ceasefire|cease-fire|truce|"
    r"peace (?:deal|agreement|settlement|accord)|security guarantees?|coalition of the "
    r"(?:willing|determined)|reassurance force|deterrence force|multinational force|"
    r"post-war|after the war|end of (?:the )?(?:war|hostilities)|the war ends)\b"
)
# Ukraine as the place troops would go, or the post-war mission itself: stricter than
# UKRAINE_CONTEXT, which "the Russia-Ukraine war" alone satisfies.
UKRAINE_TARGET = re.compile(
    r"\b(?:(?<!war )(?<!conflict )(?<!crisis )(?<!fighting )"
    r"(?:to|in|into|inside|within|on|for|across) (?:the )?(?:ukraine|ukrainian (?:soil|"
    r"territory|land|ground))|peacekeep\w*|peace-keep\w*|ceasefire|cease-fire|truce|"
    r"peace (?:deal|agreement|settlement|accord)|security guarantees?|coalition of the "
    r"(?:willing|determined)|reassurance force|deterrence force|multinational force|post-war)\b"
)
# A set time for a possibility: "once a peace deal is finalised", "immediately after"
# (not the vaguer "once the war ends").
TIMED_CONDITION = re.compile(
    r"\b(?:once (?:there (?:is|'s) )?(?:a |an |the |any )?(?:\w+ )?"
    r"(?:ceasefire|cease-fire|truce|peace|settlement|agreement|deal)|as soon as"
    r"|within (?:\w+ )?(?:days|weeks|months) of"
    r"|(?:immediately|right|directly|shortly) after)\b"
)
ANAPHORIC_FRAME = re.compile(
    r"\b(?:such (?:a |an )?(?:move|step|mission|deployment|force|contingent|participation|"
    r"involvement|presence|option|idea|plan|scenario|proposal|decision|operation|"
    r"contribution|troops|plans?)|(?:this|that|the) (?:issue|question|matter|idea|option|"
    r"possibility|scenario|step|move|proposal|prospect)|do (?:so|that|it|the same)|doing so|"
    r"(?:rule|ruled|ruling|rules) (?:it|this|that) out)\b"
)
