"""The English lexicon, second part: the words around a cue, conditions, the model path's
gates, the deployment frame, attribution, ellipsis and sentence tables."""

from __future__ import annotations

import re

from monitor.classify.english import (
    AUXILIARIES,
    LOCATION_PREPOSITIONS,
    words,
)

# --- around a cue (clause_scope) ---------------------------------------------------

GERUNDS = frozenset(
    {"sending", "deploying", "providing", "joining", "contributing", "participating", "taking"}
)
PERMIT = frozenset(
    {"allow", "allowing", "permit", "permitting", "authorize", "authorise", "enable"}
)
# readiness words with the negation inside; a negator before them cancels it ("would
# not hesitate to send")
UN_WORDS = frozenset(
    {
        "unwilling",
        "unprepared",
        "unable",
        "unlikely",
        "hesitate",
        "hesitant",
        "reluctant",
        "reluctance",
    }
)
MISSION_VERBS = frozenset(
    {"serve", "operate", "patrol", "guard", "monitor", "secure", "police", "arrive", "train"}
)
DEPLOYMENT_VERBS = frozenset(
    {
        "send",
        "sending",
        "sent",
        "deploy",
        "deploying",
        "deployed",
        "part",
        "join",
        "joining",
        "participate",
        "participating",
        "contribute",
        "contributing",
        "involved",
        "go",
    }
)
# what may follow a verb of considering that has no object of its own
NO_OBJECT = frozenset(
    {".", ",", ";", '"', "later", "again", "it", "this", "that", "in", "at", "after", "once"}
    | {"if", "when", "before", "then", "too", "as", "by", "carefully", "seriously"}
)
OBJECT_TAKERS = frozenset({"allow", "tolerate", "accept", "agree"})
# cues whose object can be the troops themselves ("pledged 200 soldiers", "approved the
# deployment of 150 soldiers")
PLEDGES = frozenset(
    {
        "recommitted",
        "recommits",
        "committed",
        "commit",
        "commits",
        "pledged",
        "offered",
        "approved",
        "approves",
        "authorized",
        "authorised",
        "authorizes",
        "authorises",
        "endorsed",
    }
)
DO_SO = frozenset({"so", "that", "it", "the", "our", "its", "their", "my", "his", "her"})
DEPLOYMENT_NOUNS = frozenset(
    {"presence", "deployment", "participation", "involvement", "contribution", "troops"}
)
COPULAS = frozenset({"is", "are", "was", "were", "be", "remains", "remain", "seems", "'s"})
READY_WORDS = frozenset({"ready", "prepared", "willing"})
CONTRAST_LEADS = frozenset({"but", "however", "though", "although", "yet", "while", "whereas"})
COMPLEMENT_SKIP = AUXILIARIES | frozenset(
    {
        "to",
        "and",
        "both",
        "up",
        '"',
        "'",
        ",",
        "principle",
        "if",
        "needed",
        "necessary",
        "respectively",
        "well",
        "like",
    }
)

# --- conditions ("if a ceasefire is agreed") ------------------------------------------

# A trigger opens the condition; it runs to the end of its clause.
CONDITION_TRIGGER = re.compile(
    r"(?<![\w-])(?:(?:but )?only (?:if|when|after|once|under|with)|if|provided(?: that)?|"
    r"providing|on (?:the )?condition(?:s)? (?:that|of)|in the event of|in case of|"
    r"as long as|so long as|subject to|unless|pending|depending on|(?:will |would )?"
    r"(?:depends?|hinges?|hinge) on|(?:once|when|after) (?:a |an |the |any )?"
    r"(?:\w+ )?(?:ceasefire|cease-fire|truce|peace|war|hostilities|fighting|settlement|"
    r"agreement|deal|decision|mandate|conflict|coalition|allies)|(?:with|under) (?:a |an |the )?"
    r"(?:us|u\.s\.|american|un|u\.n\.|united nations|nato|eu|clear|appropriate|"
    r"international) (?:backstop|mandate|security guarantees?|guarantees?|support|approval)|"
    r"on the basis of (?:a |an )?mandate|, should)(?![\w-])",
    re.IGNORECASE,
)
CONDITION_END = re.compile(r"[;:!?]|,(?! (?:and|or) )|\.(?=\s|$)|[\"”]| but | while | though |$")

# --- the model path's cheap gates ----------------------------------------------------

# The gate: an article about troops for Ukraine names Ukraine (or Kyiv, or the war) and
# some word for forces or sending them. It only has to be cheap and never miss.
# The gate reads lowercased text: plain literals scan about five times faster than the
# same alternation under IGNORECASE. The host, or the names the post-war force goes by
# when a report leaves Ukraine unsaid:
GATE_HOST = re.compile(
    r"ukrain|kyiv|kiev|zelensk|coalition of the willing|reassurance force"
    r"|multinational force|security guarantee"
)
GATE_FORCES = re.compile(
    r"troop|soldier|forces|peacekeep|boots on|contingent|deploy|military personnel|battalion"
    r"|brigade|reassurance|coalition of the willing"
    # a company as a unit, not a firm: "an infantry company", "send a company to",
    # "a company-sized unit", "a company of paratroopers"
    r"|company-sized|(?:infantry|rifle|engineer|mechani[sz]ed|tank|military) compan"
    r"|(?:send|sends|sending|sent|offer|offers|offered|contribute|contributes|contributing"
    r"|dispatch|dispatches|dispatching|station|stationing|pledge|pledged|provide|providing)"
    r" (?:a|an|one|two|three|its|\d+) (?:\w+ )?compan(?:y|ies)\b(?! (?:shares|stock))"
    r"|compan(?:y|ies) of (?:\w+ )?(?:troops|soldiers|infantry|marines|paratroopers|engineers)"
)
# Sentences the model reads: those with a word of the troop or stance vocabulary (a
# sentence without any cannot hold a stance on sending troops).
MODEL_CUE = re.compile(
    r"troop|soldier|forces|peacekeep|boots|contingent|deploy|personnel|battalion|brigade|"
    r"send|sending|station|contribut|commit|mission|force\b|rule[sd]? out|ruling out|exclud|"
    r"unacceptable|legitimate target|negativ|no plans|not plan|consider|decid|ready|willing|"
    r"prepared|open to|option|participat|take part|join|presence|on the ground",
    re.IGNORECASE,
)

# --- the deployment frame (frame) ---------------------------------------------------

# Non-ground contributions that still count as forces (air policing, mine clearance).
FORCE_PHRASES = re.compile(
    r"(?<![\w-])(?:air policing|air surveillance|mine[- ]clearance|mine[- ]clearing|"
    r"demining|minesweep\w*|naval (?:capabilities|assets|forces|presence|mission)|"
    r"air (?:and naval )?capabilities|boots on the ground|ground troops|gripen\w*|"
    r"clear(?:ing)? (?:the )?mines|military police|"
    # the force itself, named for its place: "contribute to a coalition of the willing in
    # Ukraine" (the coalition's meetings and declarations are no force)
    r"coalition of the willing(?= (?:in|inside) ukraine)|"
    r"(?:logistics|medical|engineering|engineer|signals) (?:unit|units|company|battalion)|"
    r"(?:police|policing|patrol|patrolling) (?:the |\w+ |'s ){0,3}(?:skies|airspace))(?![\w-])"
    # "funds for demining equipment": what is bought or given, not forces
    r"(?! (?:equipment|machines|machinery|vehicles|kits|systems|drones|robots|funds|funding))"
)

HEAD_FOLLOWERS = (
    AUXILIARIES
    | LOCATION_PREPOSITIONS
    | words(", . ; : \" ' ) deployed stationed sent based personnel to would will can could")
)

NOT_TROOP_AFTER = words(
    "aid support assistance equipment spending budget budgets planners planning industry "
    "spokesman spokesperson chief chiefs leaders leadership official officials expert "
    "experts analyst analysts aid intelligence exercises exercise cooperation ties "
    "hardware production procurement technology doctrine strategy"
)

OTHER_PLACES = words(
    "europe eastern flank baltics region abroad home ally allies alliance nato karabakh "
    "neighbour neighbours neighbor neighbors partners "
    "nagorno-karabakh kursk sinai golan sahel balkans darfur "
    # regions with no country name: "to the Gulf", "in the Indo-Pacific", "to the Baltic"
    "gulf pacific indo-pacific caribbean mediterranean arctic africa asia baltic levant"
)
# "training missions outside Ukraine": the country named after these is where they are not
# ("outside Kyiv" is still in Ukraine, so only the country's name counts)
OUTSIDE_WORDS = frozenset({"outside", "beyond"})
# two-word regions: "to the Middle East", "in the Red Sea", "on the Korean Peninsula"
OTHER_PLACE_PAIRS = frozenset(
    {
        ("middle", "east"),
        ("red", "sea"),
        ("korean", "peninsula"),
        ("horn", "of"),
        ("south", "china"),
    }
)

# Owners whose forces are never sent to Ukraine as a contribution: Ukraine (the host),
# the aggressor and the states fighting on its side.
NON_SENDERS = frozenset({"UA", "RU", "BY", "KP"})

COMPASS = words("southern northern eastern western central south north east west")

ENTER_VERBS = words("enter enters entering")

AWAY = words("abroad overseas elsewhere")

PASSIVE_AUX_FRAME = words("be been being is are was were")

APPROVE_VERBS = words(
    "approve approves approved approving authorize authorizes authorise authorises "
    "endorse endorses endorsed back backs"
)

ELIDED_OBJECTS = words("more them any some others additional extra")

BARE_FOLLOWERS = words(". , ; : \" ' them it there in into to if once when after as")

PRESENCE_VERBS = words(
    "go goes going went serve serves serving served stay remain end ends ending arrive arrives "
    "fight fights"
)

OBJECT_VERBS = words(
    "provide provides providing provided offer offers offering offered commit commits "
    "committing committed put puts putting place placing lead leads leading spare sparing"
)

MEMBERSHIP_VERBS = words(
    "join joins joining joined participate participates participating participated "
    "participation involvement involve involving"
)

TALK_NOUNS = words(
    "discussions discussion talks meeting meetings summit consultations negotiations debate "
    "conference planning call"
)

MOVE_VERBS = words(
    "send sends sending sent deploy deploys deploying deployed dispatch dispatches "
    "dispatching dispatched"
)

# "deploy jets to help police the skies": an infinitive of purpose names the mission
PURPOSE_LEADS = words("help police patrol clear secure monitor")

PURPOSE_VERBS = words("fight defend protect guard secure reinforce bolster")

OWN_GROUND = words("territory soil border borders frontier flank airspace")

SEND_VERBS = words(
    "send sends sending sent deploy deploys deploying deployed deployment dispatch "
    "dispatches dispatching dispatched station stations stationing stationed base basing "
    "contribute contributes contributing contributed contribution"
)

# --- attribution ---------------------------------------------------------------------

COORDINATORS = frozenset({",", "and", "or", "nor", "both", "the", "as", "well", "also"})

PREPOSITIONS = frozenset({"to", "from", "by", "for", "of", "among", "between"})

POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})

# speech verbs whose object is the addressee ("told public broadcaster SVT that ...")
ADDRESSEE_VERBS = frozenset({"told", "tells", "telling", "assured", "assures", "informed"})

OWN_ACTS = frozenset({"participation", "contribution", "involvement", "engagement"})

NON_AGENTS = frozenset({"options", "option", "everything", "nothing", "door", "doors"})

# --- ellipsis ------------------------------------------------------------------------

LEADS = words("but while whereas and yet though although , as")

# Finite auxiliaries an elided predicate leaves behind ("Germany is not", "Spain will").
STUBS = words(
    "is are was were will would can could does do did has have had shall should may might "
    "'s 're 'll wo ca"
)

# Markers that keep the polarity of the predicate before ("and so is France").
SAME = words("so too also neither nor likewise")

TAILS = words("too also either likewise")

ENDS = words(", . ; \" ' )")

LIST_GLUE = words(", and or")

POSSIBILITY = words("may might could can")

# --- sentence ------------------------------------------------------------------------

QUESTION_WORDS = frozenset({"whether", "if", "about", "what", "when", "how", "why", "on"})

FRONTED = frozenset({"while", "although", "though", "whereas", "despite", "unlike"})
