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
FORCE_NAMES = words("bundeswehr bundesheer pla idf army navy forces force")
STATE_TITLES = STATE_ROLE_WORDS | words("presidential")
ROLE_GLUE = words("of for 's the and -")
ROLE_OF = words("of")  # "Deputy Foreign Minister of Russia"
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

# --- stance: answers that are no answer -----------------------------------------------

NON_ANSWERS = words("say comment confirm speculate answer elaborate discuss specify give")

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

# --- sentence splitting: a dot after these ends no sentence ("Mr. Tusk") -----------------

ABBREVIATIONS = words(
    "mr mrs ms dr gen lt col sgt capt cpt maj adm rep sen gov prof st jr sr no nos "
    "vs etc e.g i.e u.s u.k u.n e.u a.m p.m jan feb mar apr jun jul aug sep sept oct "
    "nov dec inc ltd co corp dept approx fig ft"
)
