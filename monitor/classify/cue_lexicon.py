"""Stance cues by linguistic category: the patterns and the stance each gives with its
polarity (re-exported by lexicon)."""

from __future__ import annotations

import re

from monitor.classify.cue_kinds import Cue, CuePattern

__all__ = ["CUE_PATTERNS", "INHERENTLY_NEGATIVE", "Cue", "CuePattern", "stance_of"]


def _p(cue: Cue, regex: str, needs_verb: bool = False) -> CuePattern:
    return CuePattern(cue, re.compile(r"(?<![\w-])(?:" + regex + r")(?![\w-])"), needs_verb)


# Matched against the space-joined lower-case tokens of a sentence. Order does not matter:
# every match is kept and the clause analysis decides which one governs.
CUE_PATTERNS: tuple[CuePattern, ...] = (
    _p(
        Cue.READY,
        # "the coalition of the willing" names a group, it is no readiness
        r"ready|prepared|(?<!the )willing|readiness|willingness|preparedness|eager|stands? ready"
        r"|unwilling|unprepared|hesitate|hesitant|reluctant|reluctance"
        r"|standing ready"
        # "said Lisbon was available to contribute troops once there was a peace agreement"
        r"|available(?= (?:[\"'] )?to (?:send|deploy|contribute|provide|commit|take part"
        r"|participate|join|station|dispatch)\b)",
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
        r"|authorized|authorised|authorizes|authorises|endorsed|backed|recommitted|recommits"
        r"|adopted|adopts",  # "the cabinet adopted a decision to send"
        needs_verb=True,
    ),
    # "conditioned the deployment of its troops on a ceasefire": a conditional readiness
    _p(Cue.DECIDE, r"conditioned|conditioning|conditions (?=the )|made (?:\w+ ){1,4}conditional"),
    _p(Cue.WILL, r"will|would|shall|'ll|won't|wouldn't|is to|are to", needs_verb=True),
    # the present progressive of a plan: "we're not sending boots on the ground"
    _p(
        Cue.WILL,
        r"(?:is|are|'re|am|'m)(?= (?:not |also |now )?(?:sending|deploying|dispatching))",
        needs_verb=True,
    ),
    _p(Cue.DECIDE, r"contributions? (?:will|would) (?:\w+ )?(?:focus|include|consist|comprise)"),
    # headlines: "Czech Republic says yes to sending soldiers" (the "says no to" of refusal)
    _p(Cue.DECIDE, r"(?:said|says|say|saying) yes to"),
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
        # "would look favourably at taking part in a reassurance force"
        r"|(?:look|looks|looked|looking) (?:favou?rably|positively|kindly) (?:at|on|upon)"
        r"|looking at|regard|regards|regarded|view|views|viewed|deem|deems|deemed"
        r"|(?<!the )(?:eyes|eyeing|eyed)(?! of)"  # headlines: "Norway eyes role in force"
        # "in talks with allies about sending troops": talks on one's own contribution
        r"|(?:in|holding|held) (?:talks|discussions)(?: with(?: \w+){1,3}?)?"
        r" (?:about|on|over)(?= (?:sending|deploying|contributing|joining|participating))",
    ),
    _p(
        Cue.OPEN,
        r"open to|open for|open-minded|opened up to|opens up to|opening up to|open the door"
        r"|(?:opens|opened|opening) (?:the |a )?door"  # headlines: "Sanchez opens door to"
        # "hinted at the potential use of British forces", "floated the idea of sending"
        r"|(?:hint|hints|hinted|hinting) at|(?:float|floats|floated|floating) the (?:idea|prospect)"
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
        r"|exclusion of|rejection of"  # "in particular the exclusion of Italian troops"
        r"|declining|opposes?|opposed|opposing|opposition to|against|closed? the door"
        r"|(?:shot|shoots|shoot|shooting) down|balk(?:s|ed)? at|baulk(?:s|ed)? at"
        r"|pour(?:s|ed)? cold water on|brush(?:es|ed)? (?:aside|off)"
        r"|closes the door|(?:shuts?|shutting) the door"
        # "has said no to sending soldiers"; an exclusion, so "will not say no" is open
        r"|(?:said|says|say|saying) no to"
        # headlines: "Poland says no troops for Ukraine"
        r"|(?:said|says|say|saying) no(?= (?:\w+ )?(?:troops|soldiers|boots|forces|peacekeepers))",
    ),
    _p(
        Cue.UNDECIDED,
        r"premature|too early|too soon|remains? to be seen|remained to be seen"
        r"|no decision|no final decision|not (?:yet )?(?:been )?decided|undecided"
        r"|yet to (?:decide|make a decision)|(?:cannot|can't|unable to|not able to)"
        r" (?:\w+ )?(?:say|tell|confirm)|not (?:yet )?clear|unclear"
        r"|(?:will|would|to) (?:only |first |then |still )?decide"
        # "would assess any request on its merits": each case decided when it comes
        r"|on (?:its|their|the) (?:own )?merits|case[- ]by[- ]case"
        r"|decision (?:will|would) be (?:made|taken)|we(?: will|'ll) see|time will tell"
        r"|not (?:yet )?(?:made|taken|reached) (?:a|any) (?:final |formal )?decision"
        r"|no concrete decision"
        r"|(?:made |makes |make )?no (?:firm |formal |final |concrete )?commitments?"
        r"|(?:not|yet to) (?:yet )?(?:taken|take|adopted|adopt) (?:a |any )?(?:final |formal )?"
        r"(?:position|stance)|no (?:final |formal )?position"
        r"|not (?:yet )?the (?:right )?(?:time|moment) to (?:talk|speak|discuss|debate)"
        r"|before (?:deciding|making (?:a|any) decision|taking (?:a|any) decision)"
        r"|noncommittal|non-committal|on the fence"
        r"|no (?:immediate|firm|concrete|formal) decision"
        r"|(?:will|would) depend on (?:how|the circumstances|the situation|developments)"
        r"|depends? on how|refrain(?:s|ed)? from committing"
        r"|before (?:\w+ ){0,6}?(?:make|makes|making|take|takes|taking) (?:a |any |final |the )?"
        r"decisions?"
        # a decision still to come: "before it decides on sending", "will wait until
        # parliament approves", "will make a decision once the mandate is clear"
        r"|(?:before|until|till|pending) (?:\w+ ){0,5}?(?:decides?|decided|approves?|approved"
        r"|votes?|voted)"
        r"|(?:will|would|to) (?:make|take|reach) (?:a |its |their |the |any )?(?:final |formal )?"
        r"decision"
        # deferred to a later time: "when peacekeeping becomes relevant, we will go into
        # more detail", "when there is more clarity, there will be discussions"
        r"|(?:when|once|as soon as) (?:\S+ ){1,10}?, (?:we|there|they) (?:will|'ll|would)"
        r" (?:go into (?:more |further |greater )?details?(?! (?:on|about|of|regarding))"
        r"|be (?:further |more )?(?:discussions|talks|a discussion|a debate)"
        r"(?! (?:on|about|of|regarding|with) (?!(?:it|this|that)\b))"
        r"|(?:discuss|talk about|look at|return to) (?:it|this|that|the (?:issue|matter|question)))"
        # "failed to commit troops", "stopped short of pledging soldiers": no pledge yet
        r"|(?:failed|fails|fail|failing) to (?:commit|pledge|offer)"
        r"|(?:stopped|stops|stopping|fell|falls|falling) short of (?:committing|pledging|offering)"
        # "the time has not yet come to talk about sending soldiers"
        r"|(?:time|moment) (?:has|had|is|was) not (?:yet )?(?:come|arrived|ripe|right)"
        r"|(?:time|moment) (?:hasn't|hadn't|isn't|wasn't) (?:yet )?(?:come|arrived|ripe|right)"
        # "remains an open question", "will make up its mind once", "any decision on
        # sending troops would come later"
        r"|open question|(?:make|makes|made|making) up (?:its|their|his|her|our|my) minds?"
        r"|(?:still|yet) to be (?:decided|determined|settled)"
        r"|decisions? (?:\w+ ){0,8}?(?:will|would) (?:only )?(?:come|be made|be taken) later",
    ),
    _p(
        Cue.REFUSE,
        r"no (?:such |immediate |current |concrete )?plans? to|no such plans?|no plans?"
        r"|not (?:\w+ )?(?:planned|foreseen|envisaged|envisioned|contemplated)|not among"
        # a plan with a noun object: "is not currently planning any troop deployment"
        r"|not (?:\w+ )?planning(?= (?:[\"'] )?(?:any|a|an|such) )"
        r"|(?:not|never) (?:\w+ )?on the (?:table|agenda)|off the table|out of the question"
        r"|never (?:been )?an option"
        r"|not an option|no question of|unfeasible|infeasible|not feasible|impossible"
        r"|inappropriate|not appropriate|(?:does|do) not exist|doesn't exist"
        r"|(?:do|does|did) not see|(?:don't|doesn't|didn't) see|not a single|no intention"
        r"|no (?:way|chance)|not (?:something|anything) (?:\w+ ){0,2}(?:considering|consider"
        r"|planning|plan|contemplating|discussing|want|wants|envisage|envisaging)"
        r"|under no circumstances|will never|would never|never send|not participate"
        # a denial (of reports, of plans) is a refusal of one's own sending, never an
        # opposition to others': "was later denied in Rome, Warsaw and Madrid"
        r"|denied|denies|deny|denying"
        # "has said no to sending soldiers", "sees no role for its soldiers in Ukraine"
        r"|(?:sees?|saw|seeing) no role for|no role for"
        r"|not take part|not join|not contribute|stay out",
    ),
    _p(
        Cue.CONTRAST,
        r"(?:but|though|although|except) not (?:with|through|by sending|by deploying)"
        r"|(?:but|yet) without|without (?:involving|sending|deploying|putting|committing"
        r"|basing|stationing|placing|keeping)"
        # "will take part in the coalition but will not base forces in Ukraine"
        r"|(?:but|yet) (?:will|would|does|do|is|are) not (?:base|station|keep|place)\w*"
        r" (?:\w+ ){0,5}?(?:in|on) (?:the )?(?:ukraine|ukrainian)"
        r"|without (?:the|its|their|any) (?:army|troops|soldiers|military|forces)"
        # "will back Ukraine without troops", a headline's "... without troops from Luxembourg"
        r"|without (?:any )?(?:\w+ )?(?:troops|soldiers|forces)(?= from | [.,;]|$)"
        r"|without (?:any )?(?:\w+ )?(?:troops|soldiers|forces) (?:in|on|inside)"
        r" (?:ukraine|ukrainian)"
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
        # "would trigger a direct war between Russia and NATO", "risks sparking a conflict"
        r"|(?:trigger|triggers|triggering|spark|sparks|sparking|provoke|provokes|provoking)"
        r" (?:a |an )?(?:\w+ ){0,2}?(?:war|conflict|confrontation)"
        r"|(?:would|will) (?:only )?(?:prolong|escalate|widen) (?:the )?(?:war|conflict)"
        # "we view it negatively", "a negative attitude towards"
        r"|negatively|negative (?:attitude|view|stance|position)"
        # "would be treated as an occupation", "lawful military targets"
        r"|(?:treated|regarded|seen|considered|viewed) as (?:an? )?(?:occupation|occupiers"
        r"|occupying|invasion|invaders|aggression|intervention|enemy|enemies|(?:enemy |hostile )?"
        r"combatants)|lawful (?:\w+ )?targets?"
        # "Russia warned Britain and France against sending troops": the warner opposes
        r"|(?:warn|warns|warned|warning) (?:\w+ ){1,5}?against"
        r"|(?:does|do|did) not accept|(?:doesn't|don't|won't) accept"
        # "Russia does not want soldiers from NATO countries in Ukraine"
        r"|(?:does|do|did) not want(?! to)|(?:doesn't|don't|didn't) want(?! to)",
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
