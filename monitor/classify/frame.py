"""The deployment frame: does a clause speak of sending troops to Ukraine?"""

from __future__ import annotations

from dataclasses import replace

from monitor.classify.gazetteer import Gazetteer, Kind
from monitor.classify.lexicon import Lexicon
from monitor.classify.mentions import troop_owner
from monitor.classify.sentence import Sentence, analyse, set_field


def with_troops(s: Sentence) -> Sentence:
    """The sentence with its troop nouns found once, for the many lookups that follow."""
    return replace(s, troops=tuple(_find_troops(s, 0, len(s.tokens))))


def read_sentence(
    folded: str, start: int, end: int, gazetteer: Gazetteer, lexicon: Lexicon
) -> Sentence:
    """`with_troops(analyse(...))` without the copy: the troops are set on the new
    sentence (nothing else holds it yet)."""
    s = analyse(folded, start, end, gazetteer, lexicon)
    set_field(s, "troops", tuple(_find_troops(s, 0, len(s.tokens))))
    return s


def troop_hits(s: Sentence, start: int, end: int) -> list[int]:
    """Token indexes of troop nouns between start and end that name forces going to
    Ukraine (not Ukrainian forces, not forces being trained or helped, not elsewhere)."""
    if s.troops is not None:
        return [i for i in s.troops if start <= i < end]
    return _find_troops(s, start, end)


def _find_troops(s: Sentence, start: int, end: int) -> list[int]:
    lex = s.lexicon
    lower, nouns, units = s.tokens.lower, lex.troop_nouns, lex.context_unit_nouns
    hits = (
        []  # most sentences name no troops at all
        if nouns.isdisjoint(lower) and units.isdisjoint(lower)
        else [
            i
            for i in range(start, end)
            if (lower[i] in nouns or (lower[i] in units and _unit_in_context(s, i)))
            and valid_troop(s, i)
        ]
    )
    joined_start = _char_in_joined(s, start)
    joined_end = _char_in_joined(s, end)
    for phrase in lex.force_phrases.finditer(s.joined, joined_start, joined_end):
        i = s.token_at_char[phrase.start()]
        # "air support to European ground troops": a force named by its troops can be the
        # one helped; "help clear mines" is the activity itself
        helped = lower[s.token_at_char[phrase.end() - 1]] in nouns and _supported(lower, i, lex)
        if i not in hits and _destination_ok(s, i) and not helped:
            hits.append(i)
    for m in s.mentions:
        if m.force and start <= m.start < end and m.countries != ("UA",):
            hits.append(m.end - 1)
    return sorted(hits)


def _char_in_joined(s: Sentence, token: int) -> int:
    if token >= len(s.tokens):
        return len(s.joined)
    return s.char_of_token[token]


def valid_troop(s: Sentence, i: int) -> bool:
    lex = s.lexicon
    lower = s.tokens.lower
    w = lower[i]
    nxt = lower[i + 1] if i + 1 < len(lower) else "."
    prev = lower[i - 1] if i > 0 else ""
    if w in lex.modifier_heads and nxt not in lex.head_followers:
        return False  # "military aid", "army chief"
    if nxt in lex.not_troop_after:
        return False
    if w in lex.weak_troop_nouns and not _weak_ok(s, i):
        return False
    if w in lex.force_words and prev in lex.not_force_before:
        return False
    if w in lex.deployment_words and nxt in lex.of_words:
        ahead = lower[i + 2 : i + 9]
        if not any(a in lex.troop_nouns for a in ahead):
            return False
    if (
        w in lex.unit_words
        and prev not in lex.military_modifiers
        and not prev.endswith(lex.sized_suffix)
    ):
        return False
    owner = troop_owner(s.tokens, s.mention_at, s.mentions, i, lex)
    if isinstance(owner, tuple) and owner and set(owner) <= lex.non_senders:
        return False  # Ukraine's own forces, Russia's and its allies' ("Russian peacekeepers")
    if _supported(lower, i, lex):
        return False
    return _destination_ok(s, i)


def _unit_in_context(s: Sentence, i: int) -> bool:
    """ "company" as a military unit: after an arm ("an infantry company"), or the head
    object of a send verb going to Ukraine ("ready to send a company to Ukraine"). Not "a
    defence company", "a company based in Ukraine", "send a company delegation to Kyiv";
    "a company of soldiers" is found by its troop noun."""
    lex = s.lexicon
    lower = s.tokens.lower
    if i > 0 and lower[i - 1] in lex.unit_arms:
        return True
    _, ce = s.clause_range(i)
    if i + 1 >= ce or _place(s, i + 1, ce) != "ukraine":
        return False
    k = i - 1
    while k >= 0 and i - k <= 3 and (lower[k] in lex.unit_skip or lower[k].isdigit()):
        k -= 1
    return k >= 0 and k < i - 1 and lower[k] in lex.move_verbs


def _weak_ok(s: Sentence, i: int) -> bool:
    lex = s.lexicon
    lower = s.tokens.lower
    before = lower[max(0, i - 3) : i]
    if any(b in lex.military_modifiers for b in before):
        return True
    after = lower[i + 1 : i + 4]
    return bool(after) and after[0] in lex.of_words and any(a in lex.troop_nouns for a in after[1:])


def _supported(lower: tuple[str, ...], i: int, lex: Lexicon) -> bool:
    """ "train Ukrainian military forces", "supporting international forces"."""
    support, modifiers, skip = lex.support_verbs, lex.military_modifiers, lex.support_skip
    k = i - 1
    steps = 0
    while k >= 0 and steps < 4:
        w = lower[k]
        if w in support:
            return True
        if w in lex.purpose_prepositions_to and k > 0 and lower[k - 1] in support:
            return True  # "air support to such European ground troops": the recipients
        if w in modifiers or w[:1].isupper() or w in skip:
            k -= 1
            steps += 1
            continue
        break
    return False


def _destination_ok(s: Sentence, i: int) -> bool:
    """False when the troops go somewhere named that is not Ukraine ("to Lithuania", "in
    Latvia", "in Europe"). The nearest place after the troop noun decides, else the
    nearest before it."""
    cs, ce = s.clause_range(i)
    lex = s.lexicon
    if any(w in lex.away for w in s.tokens.lower[i + 1 : i + 4]):
        return False  # "send Swiss soldiers abroad"
    stop = min(ce, i + 10)
    for k in range(i + 1, stop):
        if s.tokens.lower[k] in lex.relative_pronouns:
            stop = k  # "the contingent that has been discussed in Paris": not where it goes
            break
    # the first place after it, else the nearest before (read no further than that)
    for k in (*range(i + 1, stop), *range(i - 1, max(cs, i - 8) - 1, -1)):
        place = _place(s, k, ce)
        if place:
            return place == "ukraine"
    return True


def _place(s: Sentence, k: int, ce: int) -> str:
    """ "ukraine" or "elsewhere" when a destination phrase starts at token k, else ""."""
    lower = s.tokens.lower
    lex = s.lexicon
    if lower[k] in lex.outside_words:
        of = k + 1 < ce and lower[k + 1] in lex.of_words
        named = k + 1 + of
        return "elsewhere" if named < ce and lower[named] == lex.target_name else ""
    if lower[k] not in lex.destination_prepositions:
        return ""
    return _np_place(s, k + 1, ce)


def _np_place(s: Sentence, j: int, ce: int) -> str:
    """ "ukraine", "elsewhere" or "" for the noun phrase (or purpose) starting at j."""
    lex = s.lexicon
    lower = s.tokens.lower
    if j < ce and lower[j] in lex.definite_articles:
        j += 1
    if j >= ce:
        return ""
    target = lex.target_name
    if (
        lower[j] in lex.ukraine_names
        and j + 2 < ce
        and lower[j + 1] == lex.genitive_clitic
        and lower[j + 2] in lex.other_places
        and lower[j + 2] not in lex.compass  # "to Ukraine's eastern regions" is in Ukraine
    ):
        return "elsewhere"  # "to Ukraine's neighbour Poland", "to Ukraine's allies"
    if lower[j] in lex.ukraine_names or (
        lower[j] in lex.ukraine_adjectives and j + 1 < ce and lower[j + 1] in lex.ukraine_host_nouns
    ):
        return "ukraine"
    if lower[j] in lex.territory_words and target in lower[j : j + 4]:
        return "ukraine"
    # "on its own territory", "to its border with Russia", "to the eastern flank"
    k = j + 1 if lower[j] in lex.own_ground_leads else j
    while k < ce and k < j + 3 and lower[k] in lex.own_ground_modifiers:
        k += 1
    if k < ce and lower[k] in lex.own_ground and target not in lower[k : k + 3]:
        return "elsewhere"
    if lower[j] in lex.alliance_words and j + 1 < ce and lower[j + 1] in lex.alliance_members:
        return "elsewhere"  # "to the NATO ally", "to a NATO member"
    if lower[j] in lex.purpose_verbs:
        # "send troops to fight Iran", "to defend Poland": the purpose names the place
        return _np_place(s, j + 1, ce)
    while j + 1 < ce and lower[j] in lex.compass:
        j += 1  # "in southern Lebanon"
    mi = s.mention_at[j]
    named = mi >= 0 and s.mentions[mi].countries != ("UA",) and s.mentions[mi].kind != "person"
    if named and s.mentions[mi].end < ce and lower[s.mentions[mi].end] in lex.speech_verbs:
        return ""  # "..., the government in Lisbon said": where the speaker is
    pair = j + 1 < ce and (lower[j], lower[j + 1]) in lex.other_place_pairs
    return "elsewhere" if named or pair or lower[j] in lex.other_places else ""


def deploy_verb_ok(s: Sentence, i: int, end: int, frame: bool) -> tuple[bool, int]:
    """Whether the verb at `i` sends forces, and the troop noun it takes (-1 for none).
    `frame` says the sentence or earlier text already speaks of troops."""
    lex = s.lexicon
    lower = s.tokens.lower
    w = lower[i]
    hits = troop_hits(s, i, end)
    target = hits[0] if hits else -1
    if target == i and w not in lex.troop_nouns:
        return True, i  # a force phrase that is itself the activity: "clear mines"
    if w in lex.take_verbs:
        if i + 1 < end and lower[i + 1] in lex.part_words:
            if target < 0 and _part_of_other(lower, i + 2, end, lex):
                return False, -1  # "take part in the talks": talks, not forces
            # "take part in NATO exercises in Lithuania" is not about Ukraine
            return (target >= 0 or frame) and _destination_ok(s, i), target
        return False, -1
    if w in lex.part_words or (
        w in lex.be_words and i + 1 < end and lower[i + 1] in lex.part_words
    ):
        if target < 0 and _part_of_other(lower, i + 1, end, lex):
            return False, -1  # "the guarantees would be part of a broader package"
        return (target >= 0 or frame), target
    if w in lex.object_verbs:
        # the troops must be the object ("provide 200 soldiers"), not the recipient
        # ("provide logistical support to a peacekeeping force")
        near = [h for h in hits if h - i <= 7 and _direct_object(lower, i, h, lex)]
        return bool(near), near[0] if near else -1
    if (w in lex.play_verbs and lex.role_noun in lower[i + 1 : i + 5]) or (
        lower[i : i + 3] == lex.forefront
    ):
        near = [h for h in hits if h - i <= 9]
        return bool(near), near[0] if near else -1
    # "no Slovak soldier will set foot in Ukraine" (troops as subject: not a visit)
    stepping = (
        w in lex.step_verbs
        and i + 1 < end
        and lower[i + 1] in lex.foot_words
        and bool(troop_hits(s, s.clause_range(i)[0], i))
    )
    if w in lex.presence_verbs or w in lex.presence_prepositions or stepping:
        # "troops could be in Ukraine", "would not go to Ukraine", "serve in Ukraine"
        # (not "the war will go beyond Ukraine's borders")
        ahead = lower[i : i + 5]
        k = next((n for n, a in enumerate(ahead) if a in lex.ukraine_words), -1)
        into = k >= 0 and any(a in lex.destination_prepositions for a in ahead[: k + 1])
        return into and (target >= 0 or not _visit(s, i)), target
    if w in lex.membership_verbs:
        if any(t in lex.talk_nouns for t in lower[i + 1 : i + 4]):
            return False, -1  # "will participate in these discussions": talks, not forces
        near = [h for h in hits if h - i <= 8]
        if near:
            return True, near[0]
        # bare "join" / "participate", or with an anaphor ("participate in it", "join
        # them"): the frame comes from the sentence or earlier text
        k = i + 2 if i + 2 < end and lower[i + 1] in lex.presence_prepositions else i + 1
        anaphor = (
            k < end
            and lower[k] in lex.anaphor_words
            and (k + 1 >= end or lower[k + 1] in (".", ",", ";", '"'))
        )
        return frame and (i + 1 >= end or lower[i + 1] in (".", ",", ";") or anaphor), -1
    if w in lex.approve_verbs:
        # "approve the deployment of a company of soldiers"; not "will back Ukraine without
        # troops", whose troops are no object of the verb
        near = [
            h for h in hits if h - i <= 10 and not any(x in lex.without_words for x in lower[i:h])
        ]
        return bool(near), near[0] if near else -1
    if w in lex.enter_verbs:
        return any(a in lex.ukraine_terms for a in lower[i : i + 6]), target
    if w in lex.send_verbs:
        return _send_verb_ok(s, i, end, frame, hits, target)
    return False, -1


def _visit(s: Sentence, i: int) -> bool:
    """ "The Slovak president will go to Kyiv next week": a person who goes is a visit,
    not a deployment (unless troops are the subject: "troops would go to Ukraine")."""
    lex = s.lexicon
    lower = s.tokens.lower
    cs, _ = s.clause_range(i)
    if troop_hits(s, cs, i):
        return False
    for k in range(i - 1, cs - 1, -1):  # the nearest name or title before the verb
        if s.mention_at[k] >= 0:
            m = s.mentions[s.mention_at[k]]
            return m.kind == Kind.PERSON or lower[m.end - 1] in lex.head_titles
        if lower[k] in lex.head_titles:
            return True
    return False


def _part_of_other(lower: tuple[str, ...], start: int, end: int, lex: Lexicon) -> bool:
    """ "part of a broader package of agreements", "part in the talks": what one is part
    of is named and is no force (talks, a deal, a package)."""
    return any(t in lex.talk_nouns or t in lex.part_non_forces for t in lower[start : start + 5])


def _send_verb_ok(
    s: Sentence, i: int, end: int, frame: bool, hits: list[int], target: int
) -> tuple[bool, int]:
    """A send verb ("send", "deploy", "contribute") sends forces when the troops are
    its object, its passive subject, or, bare, come from the frame."""
    lex = s.lexicon
    lower = s.tokens.lower
    w = lower[i]
    if w in lex.move_verbs:
        # the troops must be what is sent, not where it goes ("send jets to Ukraine's
        # air force", "send ammunition ... and is considering sending instructors")
        # ("deploy jets for air policing": a purpose names the mission itself)
        hits = [
            h
            for h in hits
            if h - i <= 9
            and _direct_object(lower, i, h, lex, purpose=lower[h] not in lex.troop_nouns)
        ]
        target = hits[0] if hits else -1
    if target >= 0:
        return True, target
    if i > 0 and lower[i - 1] in lex.passive_aux_frame:
        # "French troops would not be sent to the front line": the subject is sent
        cs, _ = s.clause_range(i)
        before = troop_hits(s, cs, i)
        if before:
            return True, before[-1]
    # "will not send more to Ukraine": an elided object going to Ukraine
    if i + 2 < end and lower[i + 1] in lex.elided_objects and _place(s, i + 2, end) == "ukraine":
        return True, -1
    if not _destination_free(s, i, end):
        return False, -1
    # bare "send"/"contribute" takes the troops from the frame, unless it has an object
    # of its own ("send more air defence missiles")
    nxt = lower[i + 1] if i + 1 < end else "."
    after = lower[i + 2] if i + 2 < end else "."
    bare = nxt in lex.bare_followers or (nxt in lex.elided_objects and after in lex.bare_followers)
    if nxt in lex.into_prepositions:
        # "contribute to a force" is bare; "contribute to security guarantees" is not
        k = i + 2
        while k < end and lower[k] in lex.determiners:
            k += 1
        bare = k < end and (
            lower[k] in lex.bare_destinations
            or lower[k] in lex.troop_nouns
            or any(lower[j] in lex.troop_nouns for j in range(k, min(end, k + 3)))
        )
    return frame and bare, -1


def _direct_object(
    lower: tuple[str, ...], verb: int, noun: int, lex: Lexicon, purpose: bool = False
) -> bool:
    blockers, up, particles = lex.object_blockers, lex.phrasal_up, lex.verb_particles
    for k in range(verb + 1, noun):
        if lower[k] in blockers and lower[k - 1] not in up:
            if (lower[k] in particles and k == verb + 1) or (
                purpose
                and (lower[k] in lex.purpose_prepositions or lower[k + 1] in lex.purpose_leads)
            ):
                continue  # the particle of "send in troops"; "deploy jets for air policing"
            return False
        if lower[k] in (";", ":") or (
            lower[k] in lex.and_words and lower[k + 1] in lex.auxiliaries
        ):
            return False
    return True


def _destination_free(s: Sentence, i: int, end: int) -> bool:
    return _destination_ok(s, i)
