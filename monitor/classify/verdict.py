"""The verdict on one cue: does it speak of sending troops, with which stance?

A verdict is an ordered tuple of small named checks over one `Reading` of the cue: each
check narrows the reading (the stance category, negation, the troop NP it is about, the
confidence lost to indirect evidence) or rejects the cue as not about sending troops. A
rule is added by adding a check to a tuple, not by editing a branch. The words the checks
test live in clause_scope (rule tables) and lexicon.
"""

from __future__ import annotations

from monitor.classify.attribution import Discourse, Subject, subject_is_negative
from monitor.classify.clause_scope import (
    anaphoric,
    contrast_of_frame,
    deploy_complement,
    existential,
    has_own_object,
    hedged,
    negated,
    own_complement,
    participation_object,
    previous_clause_frame,
)
from monitor.classify.cue_kinds import Cue
from monitor.classify.cues import CueMatch
from monitor.classify.frame import deploy_verb_ok, troop_hits, valid_troop
from monitor.classify.reading import Check, Reading, Verdict
from monitor.classify.sentence import Sentence
from monitor.classify.verdict_final import FINAL_CHECKS

__all__ = ["Verdict", "verdict"]


def verdict(
    s: Sentence,
    cue: CueMatch,
    cs: int,
    ce: int,
    subject: Subject,
    sentence_frame: bool,
    discourse: Discourse,
) -> Verdict | None:
    """The stance of a cue when it speaks of sending troops; None when it does not."""
    neg = negated(s, cue, cs)
    r = Reading(s, cue, cs, ce, subject, sentence_frame, discourse, cue.cue, neg, neg)
    checks = VERB_CHECKS if cue.needs_verb else NOUN_CHECKS
    for _name, check in checks + FINAL_CHECKS:
        if not check(r):
            return None
    assert r.stance is not None
    return Verdict(r.stance, r.kind, r.negated, r.penalty, r.target_at)


# -- checks of a cue that governs a verb ("ready to send", "will not deploy") ----------


def _auxiliary_chain(r: Reading) -> bool:
    """Skip to the governed verb; a negator on the way negates, "ready" makes "will" a
    readiness; "do so" stops the skip."""
    lex = r.s.lexicon
    lower, ce = r.lower, r.ce
    i = r.cue.end
    inverted = r.s.mention_at[i] if r.cue.start == 0 and i < ce else -1
    if inverted >= 0:
        i = r.s.mentions[inverted].end  # "Would Ireland send ...?" read as a statement
    i = _comma_aside(r, i)
    limit = min(ce, r.cue.end + 7)
    while i < limit and (
        lower[i] in lex.complement_skip
        or lower[i] in lex.negators
        or lower[i] in lex.ready_words
        or lower[i] in lex.aside_leads
        or lower[i] in lex.hedges
    ):
        if lower[i] in lex.do_verbs and i + 1 < ce and lower[i + 1] in lex.do_so:
            break
        if lower[i] in lex.aside_leads and not (i + 1 < ce and lower[i + 1] in lex.aside_nouns):
            break
        if lower[i] in lex.negators or lex.negated_aux.match(lower[i]):
            r.negated = True
        if lower[i] in lex.ready_words and r.kind == Cue.WILL:
            r.kind = Cue.READY
        if lower[i] in lex.hedges and r.kind in (Cue.WILL, Cue.READY, Cue.INTEND, Cue.DECIDE):
            r.kind = Cue.MAY  # "could potentially send", "would possibly deploy": a possibility
        i += 1
    r.at = i
    return True


def _comma_aside(r: Reading, i: int) -> int:
    """ "ready, together with its Nordic partners, to send troops", "prepared, under
    conditions, to deploy": a readiness's aside between commas is stepped over to its
    infinitive (the aside names no state of its own)."""
    lower, lex = r.lower, r.s.lexicon
    if r.kind != Cue.READY or i >= r.ce or lower[i] != ",":
        return i
    for j in range(i + 1, min(r.ce - 1, i + 9)):
        if lower[j] == "," and lower[j + 1] == lex.infinitive:
            named = any(r.s.mention_at[k] >= 0 for k in range(i + 1, j))
            return i if named else j + 1
    return i


def _ability(r: Reading) -> bool:
    """ "would be able to send": an ability is a possibility."""
    lex = r.s.lexicon
    lower, ce = r.lower, r.ce
    if (
        r.at < ce
        and lower[r.at] in lex.ability_words
        and r.kind
        in (
            Cue.WILL,
            Cue.READY,
        )
    ):
        r.kind = Cue.MAY
        r.at += 1
        while r.at < ce and lower[r.at] in lex.complement_skip:
            r.at += 1
    return True


def _permission(r: Reading) -> bool:
    """ "voted to allow Latvian soldiers to take part", "approved a resolution allowing
    troops to be deployed", "adopted a decision to send": the permitted or decided action
    counts (a passive "to be deployed" is read at its participle)."""
    lex = r.s.lexicon
    lower, ce, i = r.lower, r.ce, r.at
    document = i + 2 < ce and lower[i] in lex.determiners and lower[i + 1] in lex.document_nouns
    if r.kind == Cue.DECIDE and document:
        i += 2  # "approved a resolution allowing ...", "a decision to send"
        i += 1 if lower[i] == lex.infinitive else 0
        r.at = i
    if i < ce and lower[i] in lex.permit:
        j = i + 1
        while j < min(ce, i + 6) and lower[j] != lex.infinitive:
            j += 1
        # no infinitive: "voted to authorise the deployment of 200 soldiers" permits a noun
        r.at = j + 1 if j < min(ce, i + 6) else i
        if r.at + 1 < ce and lower[r.at] in lex.be_words and lower[r.at] != lower[i]:
            r.at += 1  # "allowing Lithuanian troops to be deployed"
    return True


def _elided(r: Reading) -> bool:
    """ "Denmark is, in principle, ready": the frame comes from the sentence;
    "..., while Meloni said Italy would not.": the verb is the clause's before."""
    elided = r.kind in (Cue.WILL, Cue.MAY) and r.cs > 0 and previous_clause_frame(r.s, r.cs)
    if not elided and (r.kind != Cue.READY or not r.framed):
        return False
    r.penalty += 0.05
    return True


def _considered(r: Reading) -> bool:
    """ "ready to consider sending troops"; "..., but could be considered later": a
    contrast clause keeps the topic (not "but would consider other forms of support")."""
    lex = r.s.lexicon
    lower, cs, ce, i = r.lower, r.cs, r.ce, r.at
    r.kind = Cue.CONSIDER
    hits = troop_hits(r.s, i, ce)
    inherits = (
        lower[cs] in lex.contrast_leads
        and cs > 0
        and previous_clause_frame(r.s, cs)
        and (i + 1 >= ce or lower[i + 1] in lex.no_object)
    )
    if not hits and not anaphoric(r.s, i, ce, r.discourse) and not inherits:
        return _considered_gerund(r, i + 1)
    r.target_at = hits[0] if hits else -1
    return True


def _considered_gerund(r: Reading, g: int) -> bool:
    """ "ready to consider taking part once ...", "weighing joining": a deployment gerund
    after the verb of considering, bare, takes its troops from the frame as the verb would
    unconsidered ("ready to take part"); not "consider taking part in the talks"."""
    if not r.framed or g >= r.ce or r.lower[g] not in r.s.lexicon.gerunds:
        return False
    ok, r.target_at = deploy_verb_ok(r.s, g, r.ce, r.framed)
    r.penalty += 0.1
    return ok


def _deployed(r: Reading) -> bool:
    """The governed verb sends forces ("send troops", "join a mission", "help clear
    mines"), or troops are the subject of a mission verb, or a pledge names troops."""
    lex = r.s.lexicon
    s, lower, ce, i = r.s, r.lower, r.ce, r.at
    ok, r.target_at = deploy_verb_ok(s, i, ce, r.framed)
    if not ok and i + 2 < ce and lower[i + 1] in lex.verb_coordinators:
        ok, r.target_at = deploy_verb_ok(s, i + 2, ce, r.framed)  # coordinated verbs
    if not ok and lower[i] in lex.help_verbs and i + 1 < ce:
        ok, r.target_at = deploy_verb_ok(s, i + 1, ce, r.framed)
        i += 0 if ok else 1
    # "Norwegian soldiers could help clear mines", "troops would patrol"
    if (
        not ok
        and r.subject.troop_at >= 0
        and r.kind in (Cue.WILL, Cue.MAY, Cue.READY)
        and (lower[i] in lex.mission_verbs or i in troop_hits(s, i, ce))
    ):
        ok = r.s.lexicon.ukraine_context.search(s.joined) is not None and valid_troop(
            s, r.subject.troop_at
        )
        r.target_at = r.subject.troop_at if ok else -1
    if ok:
        return True
    if r.kind == Cue.DECIDE and lower[i] in lex.permit:  # "voted to authorise the deployment"
        hits = troop_hits(s, i + 1, min(ce, i + 4))  # its object, not "the budget for the army"
        if hits:
            r.target_at = hits[0]
            return True
    if r.kind in (Cue.DECIDE, Cue.INTEND) and lower[r.cue.start] in lex.pledges:
        hits = troop_hits(s, r.cue.end, min(ce, r.cue.end + 4))
        if hits:
            r.target_at = hits[0]
            return True
    return False


def _governed(r: Reading) -> bool:
    """What the cue governs: nothing (elided), "there will be troops", a verb of
    considering, "do so", or a verb of deployment."""
    lex = r.s.lexicon
    lower, ce, i = r.lower, r.ce, r.at
    if i >= ce or lower[i] in (".", ",", '"', ";"):
        return _elided(r)
    if there := existential(r.s, r.cue, i, ce):
        r.target_at = there  # the troops' presence is the predicate
        return True
    if lower[i] in r.s.lexicon.consider_verbs:
        return _considered(r)
    if lower[i] in lex.do_verbs and i + 1 < ce and lower[i + 1] in lex.do_so:
        r.penalty += 0.05
        return r.framed
    return _deployed(r)


def _negative_subject(r: Reading) -> bool:
    """ "no troops will be sent": the negation is on the subject; "Neither Poland nor
    Hungary will send troops": on the coordinated subjects."""
    if r.subject.troop_at >= 0 and subject_is_negative(r.s, r.subject.troop_at):
        r.negated = True
    lex, lower, k = r.s.lexicon, r.lower, r.cue.start
    while k > r.cs and lower[k - 1] in lex.auxiliaries:
        k -= 1  # "No one is ready to send"
    if k >= 1 and (
        (lower[k - 1] in lex.one_words and k >= 2 and lower[k - 2] in lex.no_words)
        or (lower[k - 1] in lex.nobody_words and lower[k - 1] not in lex.no_words)
    ):
        r.negated = True  # "No one will be sent to Ukraine", "nobody would go"
    return _neither_subject(r)


def _neither_subject(r: Reading) -> bool:
    """ "Neither Poland nor Hungary will send troops", "... has ruled out": the pair
    negates the predicate of its clause."""
    lex = r.s.lexicon
    before = r.lower[: r.cue.start]  # "nor" may open a clause of its own
    lead = next((k for k in range(len(before) - 1, -1, -1) if before[k] in lex.neither_words), -1)
    span = before[lead:] if lead >= 0 else ()
    if any(w in lex.nor_words for w in span) and not any(w in lex.clause_breakers for w in span):
        r.negated = not r.negated
    return True


def _role_restriction(r: Reading) -> bool:
    """ "Finnish troops will not take part in combat operations in a peacekeeping
    mission", "would not serve on the front line": a limit on the role, not a refusal."""
    if r.negated and r.kind in (Cue.WILL, Cue.MAY, Cue.READY, Cue.INTEND):
        window = r.lower[r.at : min(r.ce, r.at + 6)]
        if any(w in r.s.lexicon.role_limits for w in window):
            r.negated = False
    return True


def _verb_hedge(r: Reading) -> bool:
    if hedged(r.s, r.cue.start, r.target_at) and r.kind in (
        Cue.READY,
        Cue.WILL,
        Cue.DECIDE,
        Cue.INTEND,
    ):
        r.kind = Cue.OPEN
    return True


# -- checks of a cue without a verb ("ruled out", "opposes", "undecided") --------------


def _noun_object(r: Reading) -> bool:
    """The troop NP in the clause, or a frame the cue inherits (a deployment gerund, a
    participation after a troop sentence, anaphora, a contrast clause)."""
    s, lower, cs, ce, cue = r.s, r.lower, r.cs, r.ce, r.cue
    hits = troop_hits(s, cs, ce)
    if hits:
        after = [h for h in hits if h >= cue.start]
        r.target_at = after[0] if after else hits[-1]
        return True
    if r.framed and deploy_complement(lower, cue.end, ce, s.lexicon):
        r.penalty += 0.1  # "open to taking part, but ... before sending soldiers"
        return True
    if r.discourse.frame and participation_object(lower, cue.end, ce, s.lexicon):
        r.penalty += 0.1  # after a sentence on troops: "Hungary has ruled out any participation"
        return True
    lex = s.lexicon
    if r.kind == Cue.OPPOSE and lex.want_word in lower[cue.start : cue.end]:
        return False  # "does not want a war with Europe": only troops make it a stance
    if r.kind == Cue.OPPOSE and has_own_object(s, cue):
        return False  # "will not allow Russian drones to violate its airspace"
    denial = r.kind == Cue.REFUSE and lower[cue.start].startswith(lex.denial_stem)
    if (r.kind in (Cue.UNDECIDED, Cue.OPPOSE) or denial) and own_complement(
        lower, cue.end, ce, s.lexicon
    ):
        return False  # "too early to say whether the sanctions would work"
    idiom = r.kind == Cue.OPEN and lex.open_word in lower[cue.start : cue.end]  # options open
    if idiom and r.framed and (cue.end >= ce or lower[cue.end] in (",", ".", ";")):
        r.penalty += 0.1  # after troop talk: "Norway keeps its options open, ... said"
        return True
    if _answers_question(r) or _anaphoric_subject(r):
        r.penalty += 0.1
        return True
    framed_kind = r.kind in (Cue.UNDECIDED, Cue.CONTRAST, Cue.OPPOSE) and r.framed
    if (
        not anaphoric(s, cue.end, ce, r.discourse)
        and not framed_kind
        and not contrast_of_frame(s, cs, ce, cue)
    ):
        return False
    r.penalty += 0.1
    return True


def _answers_question(r: Reading) -> bool:
    """ "Asked if Romania might send soldiers, the president said: 'We are not ruling
    anything out.'": a cue without an object of its own, after an indirect question about
    troops in the same sentence, answers it; the question's troops are its object."""
    s, cue = r.s, r.cue
    if s.in_question[cue.start] or not any(s.in_question):
        return False
    if cue.end < r.ce and r.lower[cue.end] not in s.lexicon.no_object:
        return False
    return any(s.in_question[h] for h in troop_hits(s, 0, len(s.tokens)))


def _anaphoric_subject(r: Reading) -> bool:
    """'"It is not something we are planning," the minister said' after troop talk (a
    question on it included): the clause's subject pronoun is the deployment. Not with a
    complement of its own ("It is impossible to predict ...")."""
    if r.kind not in (Cue.REFUSE, Cue.EXCLUDE) or not r.discourse.frame:
        return False
    lower, lex, k = r.lower, r.s.lexicon, r.cs
    while k < r.cue.start and lower[k] in ('"', "'"):
        k += 1
    if r.cue.end < r.ce and lower[r.cue.end] == lex.infinitive:
        return False
    return k + 1 < r.cue.start and lower[k] in lex.anaphor_words and lower[k + 1] in lex.passive_aux


def _talk_possible(r: Reading) -> bool:
    """ "Discussion of Latvian troops in Ukraine possible only after ...", "a decision is
    possible next month": a possible talk or decision is no decision yet."""
    lex = r.s.lexicon
    k = r.cs
    while k < r.cue.start and r.lower[k] in lex.determiners:
        k += 1
    if r.kind == Cue.OPEN and k < r.cue.start and r.lower[k] in lex.pending_talk:
        r.kind = Cue.UNDECIDED
    return True


def _noun_hedge(r: Reading) -> bool:
    if r.kind in (Cue.READY, Cue.OPEN) and hedged(r.s, r.cue.start, r.target_at):
        r.kind = Cue.OPEN
    return True


VERB_CHECKS: tuple[tuple[str, Check], ...] = (
    ("auxiliary chain", _auxiliary_chain),
    ("ability is possibility", _ability),
    ("permitted action", _permission),
    ("governed verb", _governed),
    ("negative troop subject", _negative_subject),
    ("role restriction", _role_restriction),
    ("hedged readiness", _verb_hedge),
)
NOUN_CHECKS: tuple[tuple[str, Check], ...] = (
    ("troop object or inherited frame", _noun_object),
    ("neither-nor subject", _neither_subject),
    ("a possible talk or decision", _talk_possible),
    ("hedged readiness", _noun_hedge),
)
