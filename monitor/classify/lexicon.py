"""Word classes and stance cues, grouped by linguistic category rather than by example."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


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
QUESTION_LEADS = words("asked questioned quizzed")
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
    "arguing warning"
)

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
    "opposition mp mps lawmaker lawmakers legislator legislators senator senators "
    "congressman congresswoman congressmen candidate candidates analyst analysts expert "
    "experts commentator commentators researcher researchers professor scholar columnist "
    "journalist think-tank poll polls survey surveys respondents former ex-president "
    "ex-prime retired veteran activist activists voters mayor governor party far-right "
    "far-left populist advisory council marshal citizens majority percent %"
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
# Words after a demonym that make it the troops' owner, not the speaker.
OWNER_HEADS = TROOP_NOUNS | words("military army navy armed")
UKRAINE_HOST_NOUNS = words("soil territory land ground")
LOCATION_PREPOSITIONS = words("in to into inside within on onto at from across near toward towards")
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
    r"\b(?:(?:to|in|into|inside|within|on|for|across) (?:the )?(?:ukraine|ukrainian (?:soil|"
    r"territory|land|ground))|peacekeep\w*|peace-keep\w*|ceasefire|cease-fire|truce|"
    r"peace (?:deal|agreement|settlement|accord)|security guarantees?|coalition of the "
    r"(?:willing|determined)|reassurance force|deterrence force|multinational force|post-war)\b"
)
ANAPHORIC_FRAME = re.compile(
    r"\b(?:such (?:a |an )?(?:move|step|mission|deployment|force|contingent|participation|"
    r"involvement|presence|option|idea|plan|scenario|proposal|decision|operation|"
    r"contribution|troops|plans?)|(?:this|that|the) (?:issue|question|matter|idea|option|"
    r"possibility|scenario|step|move|proposal|prospect)|do (?:so|that|it|the same)|doing so|"
    r"(?:rule|ruled|ruling|rules) (?:it|this|that) out)\b"
)


# --- cues ----------------------------------------------------------------------------


class Cue(StrEnum):
    """The linguistic category of a stance cue; `stance_of` maps it with its polarity."""

    READY = "readiness"  # ready, prepared, willing, readiness
    INTEND = "intention"  # plans to, intends to, is going to
    DECIDE = "commitment"  # agreed to, decided to, pledged to, offered to
    WILL = "future-modal"  # will / would + deployment verb
    MAY = "possibility-modal"  # may / could / can / able to + deployment verb
    CONSIDER = "consideration"  # considering, exploring, weighing
    OPEN = "openness"  # open to, keep options open, allows for, possibility
    EXCLUDE = "exclusion"  # rule out, exclude, dismiss, reject, oppose
    UNDECIDED = "undecided"  # premature, too early, no decision yet
    REFUSE = "refusal"  # no plans, not an option, out of the question
    CONTRAST = "contrast-refusal"  # but not with troops, without the army
    OPPOSE = "opposition"  # unacceptable, threat, legitimate targets


@dataclass(frozen=True, slots=True)
class CuePattern:
    cue: Cue
    pattern: re.Pattern[str]
    # whether the cue needs a deployment verb as its infinitive complement
    needs_verb: bool = False


def _p(cue: Cue, regex: str, needs_verb: bool = False) -> CuePattern:
    return CuePattern(cue, re.compile(r"(?<![\w-])(?:" + regex + r")(?![\w-])"), needs_verb)


# Matched against the space-joined lower-case tokens of a sentence. Order does not matter:
# every match is kept and the clause analysis decides which one governs.
CUE_PATTERNS: tuple[CuePattern, ...] = (
    _p(
        Cue.READY,
        r"ready|prepared|willing|readiness|willingness|preparedness|eager|stands? ready"
        r"|unwilling|unprepared|hesitate|hesitant|reluctant|reluctance"
        r"|standing ready",
        needs_verb=True,
    ),
    _p(
        Cue.INTEND,
        r"plans?|planning|planned|intends?|intending|intended|intention|intentions|aims?"
        r"|aiming|going|set|expects?|expected|preparing|prepares",
        needs_verb=True,
    ),
    _p(
        Cue.DECIDE,
        r"agreed|agrees|decided|decides|pledged|pledges|promised|promises|offered|offers"
        r"|vowed|vows|volunteered|undertook|committed|commits|commit|confirmed|announced"
        r"|announces"
        r"|proposed|proposes|wants|want|seeks|seeking|voted|votes|approved|approves"
        r"|authorized|authorised|authorizes|authorises|endorsed|backed",
        needs_verb=True,
    ),
    _p(Cue.WILL, r"will|would|shall|'ll|won't|wouldn't|is to|are to", needs_verb=True),
    # the present progressive of a plan: "we're not sending boots on the ground"
    _p(
        Cue.WILL,
        r"(?:is|are|'re|am|'m)(?= (?:not |also |now )?(?:sending|deploying|dispatching))",
        needs_verb=True,
    ),
    _p(Cue.DECIDE, r"contributions? (?:will|would) (?:\w+ )?(?:focus|include|consist|comprise)"),
    _p(
        Cue.MAY,
        r"may|might|could|can|cannot|can't|couldn't|able|capable|unable|unlikely|possible to"
        r"|in a position to",
        needs_verb=True,
    ),
    _p(
        Cue.CONSIDER,
        r"consider|considers|considering|considered|weigh|weighs|weighing|weighed|explore"
        r"|explores|exploring|explored|study|studies|studying|examine|examines|examining"
        r"|assess|assesses|assessing|contemplate|contemplates|contemplating|contemplated"
        r"|mull|mulls|mulling|discussing|discussed|discuss|discusses|evaluate|evaluating"
        r"|countenance|countenanced|imagine|imagines|envisage|envisages|envision|envisions"
        r"|think about|thinking about|look into|looks into|looking into|look at|looks at"
        r"|looking at|regard|regards|regarded|view|views|viewed|deem|deems|deemed"
        # "in talks with allies about sending troops": talks on one's own contribution
        r"|(?:in|holding|held) (?:talks|discussions)(?: with(?: \w+){1,3}?)?"
        r" (?:about|on|over)(?= (?:sending|deploying|contributing|joining|participating))",
    ),
    _p(
        Cue.OPEN,
        r"open to|open for|open-minded|opened up to|opens up to|opening up to|open the door"
        r"|door open|keeps? (?:\w+ )?options? open|keeping (?:\w+ )?options? open"
        r"|leaves? (?:\w+ )?(?:door|option|options|possibility) open|left (?:\w+ )?option open"
        r"|(?:remains?|is|was|still) (?:still )?open|allows? for|allowing for|possibility"
        r"|openness (?:to|towards)"
        r"|possible|possibly|an option|on the table"
        r"|positive (?:about|towards|toward|on)|interest in|interested in"
        r"|(?:signal|signals|signalled|signaled|expressed|expresses|shown|showed) interest",
    ),
    _p(
        Cue.EXCLUDE,
        r"rules? out|ruled out|ruling out"
        r"|(?:rule|rules|ruled|ruling) (?:it|this|that|anything|everything) out"
        r"|exclude|excludes|excluded|excluding|dismiss|dismisses|dismissed|dismissing"
        r"|rejects?|rejected|rejecting|refuses?|refused|refusing|refusal|declines?|declined"
        r"|declining|opposes?|opposed|opposing|opposition to|against|closed? the door"
        r"|(?:shot|shoots|shoot|shooting) down|balk(?:s|ed)? at|baulk(?:s|ed)? at"
        r"|pour(?:s|ed)? cold water on|brush(?:es|ed)? (?:aside|off)"
        r"|closes the door",
    ),
    _p(
        Cue.UNDECIDED,
        r"premature|too early|too soon|remains? to be seen|remained to be seen"
        r"|no decision|no final decision|not (?:yet )?(?:been )?decided|undecided"
        r"|yet to (?:decide|make a decision)|(?:cannot|can't|unable to|not able to)"
        r" (?:\w+ )?(?:say|tell|confirm)|not (?:yet )?clear|unclear|(?:will|would|to) decide"
        r"|decision (?:will|would) be (?:made|taken)|we(?: will|'ll) see|time will tell"
        r"|not (?:yet )?made (?:a|any) (?:final )?decision|no concrete decision"
        r"|(?:made |makes |make )?no (?:firm |formal |final |concrete )?commitments?"
        r"|(?:not|yet to) (?:yet )?(?:taken|take|adopted|adopt) (?:a |any )?(?:final |formal )?"
        r"(?:position|stance)|no (?:final |formal )?position"
        r"|not (?:yet )?the (?:right )?(?:time|moment) to (?:talk|speak|discuss|debate)"
        r"|before (?:deciding|making (?:a|any) decision|taking (?:a|any) decision)"
        r"|noncommittal|non-committal|on the fence",
    ),
    _p(
        Cue.REFUSE,
        r"no (?:such |immediate |current |concrete )?plans? to|no such plans?|no plans?"
        r"|not (?:\w+ )?(?:planned|foreseen|envisaged|envisioned|contemplated)|not among"
        r"|(?:not|never) (?:\w+ )?on the (?:table|agenda)|off the table|out of the question"
        r"|never (?:been )?an option"
        r"|not an option|no question of|unfeasible|infeasible|not feasible|impossible"
        r"|inappropriate|not appropriate|(?:does|do) not exist|doesn't exist"
        r"|(?:do|does|did) not see|(?:don't|doesn't|didn't) see|not a single|no intention"
        r"|no (?:way|chance)|not (?:something|anything) (?:\w+ ){0,2}(?:considering|consider"
        r"|planning|plan|contemplating|discussing|want|wants|envisage|envisaging)"
        r"|under no circumstances|will never|would never|never send|not participate"
        r"|not take part|not join|not contribute|stay out",
    ),
    _p(
        Cue.CONTRAST,
        r"(?:but|though|although|except) not (?:with|through|by sending|by deploying)"
        r"|(?:but|yet) without|without (?:involving|sending|deploying|putting|committing)"
        r"|without (?:the|its|their|any) (?:army|troops|soldiers|military|forces)"
        r"|but not (?:\w+ )?(?:troops|soldiers|forces|boots)"
        r"|(?:but|and) not (?:to|in|into|inside|on) (?:the )?(?:ukraine|kyiv|ukrainian)"
        r"|(?:rather than|instead of) (?:\w+ )?(?:send|deploy|dispatch|commit|put)\w*"
        r"|(?:but|and|yet) not (?:to )?(?:send|deploy|contribute|commit|dispatch|put)\w*",
    ),
    _p(
        Cue.OPPOSE,
        r"unacceptable|inadmissible|absurd|threat|threats|legitimate (?:\w+ )?targets?"
        r"|party to the conflict|parties to the conflict|negative consequences"
        r"|(?:severely |very |extremely )?negative consequences|provocation"
        r"|escalation|red line|(?:will|would) not (?:allow|tolerate|accept)|warns? against"
        r"|warned against|(?:will|would) (?:be )?(?:destroy|target)\w*|dangerous"
        r"|warn|warns|warned|warning|direct (?:conflict|confrontation|clash)"
        r"|(?:act|declaration) of war|mean war|casus belli|(?:will|would) not agree"
        r"|never agree|(?:will|would) be targeted"
        r"|trigger (?:a )?(?:war|conflict)",
    ),
)


def stance_of(cue: Cue, negated: bool) -> str | None:
    """The stance a cue expresses with its polarity; None where the pair means nothing.

    >>> stance_of(Cue.EXCLUDE, negated=True)
    'open'
    """
    return _STANCE_TABLE.get((cue, negated))


_STANCE_TABLE: dict[tuple[Cue, bool], str] = {
    (Cue.READY, False): "willing",
    (Cue.READY, True): "declined",
    (Cue.INTEND, False): "willing",
    (Cue.INTEND, True): "declined",
    (Cue.DECIDE, False): "willing",
    (Cue.DECIDE, True): "declined",
    (Cue.WILL, False): "willing",
    (Cue.WILL, True): "declined",
    (Cue.MAY, False): "open",
    (Cue.MAY, True): "declined",
    (Cue.CONSIDER, False): "open",
    (Cue.CONSIDER, True): "declined",
    (Cue.OPEN, False): "open",
    (Cue.OPEN, True): "declined",
    (Cue.EXCLUDE, False): "declined",
    (Cue.EXCLUDE, True): "open",
    (Cue.UNDECIDED, False): "undecided",
    (Cue.UNDECIDED, True): "undecided",
    (Cue.REFUSE, False): "declined",
    (Cue.REFUSE, True): "declined",
    (Cue.CONTRAST, False): "declined",
    (Cue.CONTRAST, True): "declined",
    (Cue.OPPOSE, False): "opposed",
    (Cue.OPPOSE, True): "opposed",
}

# Cues whose meaning already contains the negation; a negator before them is not a flip.
INHERENTLY_NEGATIVE = frozenset({Cue.REFUSE, Cue.CONTRAST, Cue.UNDECIDED, Cue.OPPOSE})
