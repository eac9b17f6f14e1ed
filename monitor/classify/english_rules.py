"""The English lexicon, third part: the short word lists single rules test (who owns a
troop NP, state bodies and titles, places, clause and speaker tables), named for what the
rule asks of them."""

from __future__ import annotations

import re

from monitor.classify.english import (
    AUXILIARIES,
    FOREIGN_MARKERS,
    NEGATORS,
    STATE_ROLE_WORDS,
    words,
)

# --- mentions: state bodies, titles, groups, troop owners ----------------------------

DEMONYM_COORDINATORS = words("and or ,")  # "the Swedish and Finnish governments"
GROUP_HEADS = words("countries states nations republics allies neighbours neighbors governments")
# councils that are the government or an organ of it, though "council" alone is a
# non-state marker ("advisory council"): "the Swiss Federal Council said", "Security
# Council deputy chairman Dmitry Medvedev"
STATE_COUNCILS = frozenset({("federal", "council"), ("security", "council"), ("state", "council")})
FORCE_NAMES = words("bundeswehr bundesheer pla idf army navy forces force")
STATE_TITLES = STATE_ROLE_WORDS | words("presidential")
ROLE_GLUE = words("of for 's the and -")
# a decision still to come, held by its own clause's subject ("before Turkey decides")
PENDING_LEADS = words("before until till pending")
# a clause about these being possible is no decision yet ("Discussion of ... possible")
PENDING_TALK = words("discussion discussions talks debate decision decisions")
# offices that speak for the state whatever their party ("Prime Minister X of the Y party")
HEAD_TITLES = words("president prime premier chancellor minister king queen")
OF_WORDS = words("of")  # "Deputy Foreign Minister of Russia", "deployment of"
GENITIVE_CLITIC = "'s"
OWNER_POSSESSIVES = words("its their our his her my own")
TROOP_POSSESSIVES = words("its their our his her my")  # "its soldiers", "our troops"
# "peacekeeping troops" name a kind of force, not whose it is
FOREIGN_OWNERS = FOREIGN_MARKERS - words("peacekeeping")
OWNER_SKIP = words("a an the any some of single all up to about")
# "an Austrian contribution to a peacekeeping force": the contributor owns the force
DEPLOYMENT_HEADS = words("contribution participation involvement deployment sending deploying")
ORIGIN_PREPOSITIONS = words("from of")  # "troops from X", "forces of X"
DEFINITE_ARTICLES = words("the")
FOREIGN_ORIGINS = words("nato countries the")

# --- stance: answers, coordinated cues, clause openers (stance, answers, holder) --------

NON_ANSWERS = words("say comment confirm speculate answer elaborate discuss specify give")
YES_WORDS = words("yes")  # "Asked if ..., Starmer said: 'Yes'"
NO_WORDS = words("no")
NOBODY_WORDS = words("nobody no")  # "nobody suggested that", "no one has suggested that"
ONE_WORDS = words("one")
RESPECTIVELY = "respectively"  # "readiness and potential readiness respectively"
RESPECTIVE_GLUE = words("and or ,")
# before a later subject in a governed clause: "said Britain will contribute"
CLAUSE_OPENERS = words("that , and said says while but")
AGENT_PREPOSITIONS = words("by in of")  # "was ruled out in Warsaw and Rome"
AGENT_LIST_GLUE = words(", and")
# "reports that Italy would send troops were later denied": a denied report's content is
# the denier's refusal, not its readiness
THAT_WORDS = words("that")
# "Countries that have ruled out troops include Poland and Italy": the list after these
NAMING_VERBS = words("include includes included")
REPORT_NOUNS = words(
    "report reports claim claims suggestion suggestions speculation rumour rumours rumor rumors"
)
DENIAL_WORDS = words(
    "denied denies deny denying dismissed dismisses dismissing refuted refutes refuting "
    "false untrue baseless unfounded fake"
)

# --- attribution ------------------------------------------------------------------------

# stepped over looking left for a clause's subject
SUBJECT_SKIP = AUXILIARIES | NEGATORS | frozenset({'"', "'", "(", ")", "-", "n't", "'s", "that"})
PAST_SUFFIX = "ed"  # a regular past speech verb starts a coordinated verb phrase

# --- around a cue (clause_scope) --------------------------------------------------------

EXISTENTIAL_THERE = words("there")  # "there will be no troops in Ukraine"
BE_WORDS = words("be")
UKRAINE_WORDS = words("ukraine ukrainian kyiv")
DETAIL_PHRASES = ("how many", "how much", "how large", "numbers", "the size", "details")
COMPLEMENTIZERS = words("that whether if")
WARN_STEM = "warn"  # "..., the minister warned.": a speech verb closing a quote
OBJECT_DETERMINERS = words("any such this that")
FRAME_VERBS = words("send sending deploy deploying")
PARTICIPATION_NOUNS = words("participation involvement contribution")
COMPLEMENT_PREPOSITIONS = words("to in on about")
TWO_WORD_GERUNDS = words("taking")  # "taking part"
GERUND_ENDERS = words("but")
EXCLUSION_INFINITIVES = ("to rule out", "to exclude", "to dismiss", "to close the door")
PREMATURE_PHRASES = ("premature", "too early", "too soon")
NO_LONGER = ("no", "longer")
ADVERB_SUFFIX = "ly"
ANAPHOR_WORDS = words("it this that so")

# --- the classifier's sentence sequence -------------------------------------------------

# "Several countries will not send troops. These include Poland and Italy."
LIST_NAMING = re.compile(
    r"^(?:these|they|those|the countries|the list|among them)\b.{0,20}?"
    r"\b(?:include|includes|included|are|were)\b",
    re.IGNORECASE,
)
# "ruled out joining a Western-led force, but could consider a UN role"
NARROWING_CONTRASTS = words("but yet however though although")

# --- tokens and sentences ----------------------------------------------------------------

# "10,000" and "1,340-kilometre" are one token: a comma inside a number splits no clause
TOKEN_PATTERN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:[-.]\w+)*|\w+(?:[-.]\w+)*(?:n't|'t)?|'s\b|'ll\b|'re\b|'ve\b|'d\b|'m\b|[^\w\s]"
)
ONLY_PATTERN = re.compile(r"\bonly\b")  # "could only join after": a limit, not a time

# --- sentence splitting: a dot after these ends no sentence ("Mr. Tusk") -----------------

ABBREVIATIONS = words(
    "mr mrs ms dr gen lt col sgt capt cpt maj adm rep sen gov prof st jr sr no nos "
    "vs etc e.g i.e u.s u.k u.n e.u a.m p.m jan feb mar apr jun jul aug sep sept oct "
    "nov dec inc ltd co corp dept approx fig ft"
)

# --- the deployment frame (frame) -------------------------------------------------------

MODIFIER_HEADS = words("military army militaries")  # troop nouns only as heads
FORCE_WORDS = words("force forces")
NOT_FORCE_BEFORE = words("by of use in task labour labor")  # "by force", "task force"
DEPLOYMENT_WORDS = words("deployment deployments")
UNIT_WORDS = words("unit")
SIZED_SUFFIX = "-sized"  # "a battalion-sized unit"
# Nouns that name a military unit only in context (a firm otherwise): "send a company to
# Ukraine", "an infantry company"; not "a defence company", "a company based in Ukraine".
CONTEXT_UNIT_NOUNS = words("company companies")
UNIT_ARMS = words(
    "infantry mechanised mechanized motorised motorized armoured armored airborne "
    "paratrooper commando sapper reconnaissance"
)
# stepped over between a send verb and the unit: "send a single company", "deploy two"
UNIT_SKIP = words("a an one two three four several another additional single full its their own")
# between a noun of support and the troops it goes to ("air support to European troops")
PURPOSE_PREPOSITIONS_TO = words("to for")
# stepped over looking left from a troop noun for a verb of support ("train its forces")
SUPPORT_SKIP = words("the its their in ukrainian ukraine 's allied other british western")
RELATIVE_PRONOUNS = words("that which who whose")
UKRAINE_NAMES = words("ukraine kyiv kiev")
UKRAINE_ADJECTIVES = words("ukrainian")
UKRAINE_TERMS = words("ukraine ukrainian")
TARGET_NAME = "ukraine"
TERRITORY_WORDS = words("territory")
OWN_GROUND_LEADS = words("its their our own eastern")  # "on its own territory"
OWN_GROUND_MODIFIERS = words("own eastern northern southern")
ALLIANCE_WORDS = words("nato allied")  # "to the NATO ally", "to a NATO member"
ALLIANCE_MEMBERS = words("ally member allies")
TAKE_VERBS = words("take takes taking took")  # "take part"
PART_WORDS = words("part")
WITHOUT_WORDS = words("without")
# what a body approves or adopts that carries the action: "approved a resolution allowing"
DOCUMENT_NOUNS = words("resolution bill law motion decree decision mandate")
STEP_VERBS = words("set sets setting")  # "set foot in Ukraine": presence
FOOT_WORDS = words("foot")
# what "part of" / "take part in" may name that is no force (besides the talk nouns)
PART_NON_FORCES = words(
    "package packages agreement agreements deal deals guarantees guarantee solution process "
    "framework declaration statement reconstruction sanctions"
)
PLAY_VERBS = words("play plays playing")  # "play a role"
ROLE_NOUN = "role"
FOREFRONT = ("at", "the", "forefront")
PRESENCE_PREPOSITIONS = words("in inside on")  # "troops could be in Ukraine"
INTO_PREPOSITIONS = words("to into in")  # "contribute to a force"
DETERMINERS = words("the a an any such this that")
BARE_DESTINATIONS = words("ukraine kyiv ukrainian it them")
# a preposition between a verb and a troop noun: the troops are no direct object
OBJECT_BLOCKERS = words("to for with into in towards")
PHRASAL_UP = words("up")  # "step up to"
VERB_PARTICLES = words("in")  # "send in troops"
PURPOSE_PREPOSITIONS = words("for in")  # "deploy jets for air policing"
AND_WORDS = words("and")

# --- one sentence: clauses, relatives, questions, speakers (sentence) -------------------

MIDCLAUSE_ADVERBS = words("however")  # "Poland, however, opposes": no new clause
COMMA_BREAKERS = words("yet")  # a clause breaker only after a comma
RELATIVE_LEADS = words("which who whose where")  # ", which borders Ukraine,"
INFINITIVE = "to"
# "asked Japan to consider sending troops" is a request; "asked for", "asked whether" not
REQUEST_NON_OBJECTS = words("to for whether if about")
# "warned Britain and France against sending troops": the addressees' "against" is the
# warner's, not theirs
WARN_VERBS = words("warn warns warned warning")
AGAINST_WORDS = words("against")
PHRASAL_SPEECH_VERBS = words("made making pointed")  # speech verbs only as "made clear"
PHRASAL_SPEECH_PARTICLES = words("clear out")
ACCORDING = words("according")  # "according to X": the speaker follows
SUBJECT_PRONOUNS = words("he she i we they it")
RIGHT_SPEAKER_STOPS = words("that he she him her them")

# --- who holds a stance (attribution) ---------------------------------------------------

NON_AGENT_DETERMINERS = words("all the every any other")  # "all options are on the table"
NOMINAL_SUFFIXES = ("ing", "ion", "ment")  # "sending", "deployment": a deployment NP
FLOATING_QUANTIFIERS = words("all both each")  # "Slovakia and Hungary have all said"
QUANTIFIER_HOSTS = AUXILIARIES | words(",")  # what a floating quantifier follows
PARTNER_DETERMINERS = words("its their other")  # "France and its partners"
# "Germany has stated that it ...", "A, B and C said that their troops will not ..."
REPORTED_PRONOUNS = words("it they he she we their")
PERSONAL_POSSESSIVES = words("his her our my")
NEGATIVE_DETERMINERS = words("no none")  # "no personnel will enter"
NOT_WORDS = words("not")
# an answer that refuses for the present: "Not for now, the prime minister said." ("Not
# yet" is left alone: a decision still to come)
PRESENT_LIMITS = re.compile(
    r"(?:for now|for the moment|for the time being|at (?:the moment|present|this time)"
    r"|right now|now)\b"
)
INTENSIFIERS = words("absolutely certainly definitely surely course")  # "Absolutely not."
NEITHER_WORDS = words("neither")  # "Neither Poland nor Hungary will send"
NOR_WORDS = words("nor")
CONTRAST_ASIDES = words("unlike like")  # "Germany, unlike France, will not"
SINGULAR_DETERMINERS = words("a one")  # "not a single Slovak soldier"

# --- the verdict on a cue (verdict, verdict_final) ---------------------------------------

ASIDE_LEADS = words("in")  # "Denmark is, in principle, ready": stepped over
ASIDE_NOUNS = words("principle")
DO_VERBS = words("do doing")  # "do so"
ABILITY_WORDS = words("able capable possible")  # "would be able to send": a possibility
VERB_COORDINATORS = words("and or")  # "send and deploy"
HELP_VERBS = words("help helping")  # "could help clear mines"
WANT_WORD = "want"  # "does not want a war with Europe"
DENIAL_STEM = "den"  # "denied", "denies"
OPEN_WORD = "open"  # "keeps its options open"
MATTER_FOR = "for"  # "a matter for Europeans to decide"
DECISION_STEMS = ("decide", "commit")  # "has not decided to send": undecided
