"""One sentence analysed: tokens, mentions, clauses, question scopes and speakers."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.classify.gazetteer import Gazetteer
from monitor.classify.lexicon import ENGLISH, Lexicon
from monitor.classify.mentions import Mention, find_mentions, nonstate_marker
from monitor.classify.text import Tokens, tokenize

NONSTATE = "nonstate"


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a speech verb attributes the sentence to: countries, or NONSTATE."""

    verb: int  # token index of the speech verb
    countries: tuple[str, ...] | str
    person: bool  # a person or office ("he" can point to it), not a country name


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # character span in the text
    end: int
    tokens: Tokens
    joined: str  # lower-case tokens joined by single spaces, for cue patterns
    token_at_char: tuple[int, ...]  # joined offset -> token index
    char_of_token: tuple[int, ...]  # token index -> joined offset
    mentions: tuple[Mention, ...]
    mention_at: tuple[int, ...]  # token index -> mention index, -1 for none
    clause_of: tuple[int, ...]  # token index -> clause index
    clauses: tuple[tuple[int, int], ...]  # token ranges
    in_question: tuple[bool, ...]
    in_relative: tuple[bool, ...]
    is_question: bool
    speakers: tuple[Speaker, ...]
    troops: tuple[int, ...] | None = None  # troop nouns, once frame.with_troops has run
    lexicon: Lexicon = ENGLISH  # the language the rules read it with

    def clause_range(self, i: int) -> tuple[int, int]:
        return self.clauses[self.clause_of[i]]

    def mention_ending_at(self, i: int) -> Mention | None:
        mi = self.mention_at[i]
        if mi >= 0 and self.mentions[mi].end == i + 1:
            return self.mentions[mi]
        return None

    def is_location(self, m: Mention) -> bool:
        """A mention after "in", "to", "from"... names a place, not a speaker; one inside
        a relative clause (", which borders Ukraine,") is not the subject either."""
        if self.in_relative[m.start]:
            return True
        k = m.start - 1
        if k >= 0 and self.tokens.lower[k] in self.lexicon.definite_articles:
            k -= 1
        return (
            k >= 0
            and self.tokens.lower[k] in self.lexicon.location_prepositions
            and m.role != "state"
        )


def analyse(folded: str, start: int, end: int, gazetteer: Gazetteer, lexicon: Lexicon) -> Sentence:
    tokens = tokenize(folded, start, end, lexicon)
    mentions = find_mentions(tokens, gazetteer, lexicon)
    mention_at = [-1] * len(tokens)
    for idx, m in enumerate(mentions):
        for k in range(m.start, m.end):
            mention_at[k] = idx
    # Quotes are left out of the pattern text: 'is "open" to' reads as "is open to".
    joined_parts: list[str] = []
    token_at_char: list[int] = []  # a token's space before it maps to the token
    char_of_token: list[int] = []
    size = -1  # length of the joined text so far, -1 before its first word (size + 1: next)
    for i, w in enumerate(tokens.lower):
        char_of_token.append(size + 1)
        if w in ('"', "'"):
            continue
        joined_parts.append(w)
        token_at_char += [i] * (len(w) + 1 if size >= 0 else len(w))
        size += len(w) + 1
    clause_of, clauses = _clauses(tokens, mention_at, lexicon)
    in_question = _question_scopes(tokens, clause_of, clauses, lexicon)
    is_question = (bool(tokens.forms) and tokens.forms[-1] == "?") or (
        len(tokens) > 1 and tokens.forms[-1] in ('"', "'") and tokens.forms[-2] == "?"
    )
    sentence = Sentence(
        start=start,
        end=end,
        tokens=tokens,
        joined=" ".join(joined_parts),
        token_at_char=tuple(token_at_char),
        char_of_token=tuple(char_of_token),
        mentions=mentions,
        mention_at=tuple(mention_at),
        clause_of=clause_of,
        clauses=clauses,
        in_question=in_question,
        in_relative=_relatives(tokens, lexicon),
        is_question=is_question,
        speakers=(),
        lexicon=lexicon,
    )
    # its speakers are read from the sentence itself; set on the new object before it is
    # shared (a dataclasses.replace copy cost more than all of the above)
    set_field(sentence, "speakers", _speakers(sentence))
    return sentence


def set_field(s: Sentence, name: str, value: object) -> None:
    """Fill in a field of a Sentence just built, before anyone else holds it."""
    object.__setattr__(s, name, value)


def _clauses(
    tokens: Tokens, mention_at: list[int], lex: Lexicon
) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Split at contrast and concession words, semicolons and colons, and at ", and" when a
    new subject follows (not inside a list of countries)."""
    breakers, places, and_words = lex.clause_breakers, lex.location_prepositions, lex.and_words
    lower = tokens.lower
    n = len(lower)
    starts = [0]
    # "While X ..., Y ...": a fronted subordinate clause ends at its comma.
    if n and lower[0] in lex.fronted:
        for i in range(2, n):
            if lower[i] == ",":
                starts.append(i + 1)
                break
    triggers = _word_sets(lex).clause_triggers
    # only these tokens can open a clause; the others are not visited
    for i in [k for k, w in enumerate(lower) if w in triggers]:
        if i == 0:
            continue
        w = lower[i]
        new = False
        if w in (";", ":"):
            new = True
        elif w in breakers:
            # "however" mid-clause ("Poland, however, opposes") does not open a clause.
            new = w not in lex.midclause_adverbs or lower[i - 1] in (";", ".")
            if w in lex.comma_breakers and lower[i - 1] != ",":
                new = False
        elif w in and_words and lower[i - 1] == "," and i + 1 < n:
            # ", and" inside a list of countries ("Italy, Poland, and Romania") is no
            # clause break; after a place ("to Ukraine, and Estonia said") it is.
            before_is_country = i >= 3 and mention_at[i - 2] >= 0 and lower[i - 3] not in places
            new = not before_is_country
        if new and i - starts[-1] >= 2 and i > starts[-1]:
            starts.append(i)
    bounds = tuple((s, starts[k + 1] if k + 1 < len(starts) else n) for k, s in enumerate(starts))
    clause_of: list[int] = []
    for k, (s, e) in enumerate(bounds):  # the bounds cover 0..n in order
        clause_of += [k] * (e - s)
    return tuple(clause_of), bounds


def _relatives(tokens: Tokens, lex: Lexicon) -> tuple[bool, ...]:
    """Tokens of a non-restrictive relative clause: ", which borders Ukraine,"."""
    lower = tokens.lower
    leads = lex.relative_leads
    marks = [False] * len(lower)
    if leads.isdisjoint(lower):
        return tuple(marks)  # most sentences: no relative clause to mark
    for i in range(1, len(lower)):
        if lower[i] in leads and lower[i - 1] == ",":
            k = i
            while k < len(lower) and lower[k] not in (",", ";", "."):
                marks[k] = True
                k += 1
    return tuple(marks)


def _question_scopes(
    tokens: Tokens, clause_of: tuple[int, ...], clauses: tuple[tuple[int, int], ...], lex: Lexicon
) -> tuple[bool, ...]:
    """Indirect questions ("asked whether X would send troops,") assert nothing."""
    subordinators, leads, words = lex.subordinators_question, lex.question_leads, lex.question_words
    requests = lex.request_verbs
    lower = tokens.lower
    scope = [False] * len(lower)
    triggers = _word_sets(lex).question_triggers
    # a token in none of the word classes below opens no scope: it is not visited
    for i in [k for k, w in enumerate(lower) if w in triggers]:
        w = lower[i]
        if w in lex.nobody_words and _nobody_said(lower, i, lex):
            # "No one has ever suggested that we discuss sending ...": asserted by no one
            for k in range(i, clauses[clause_of[i]][1]):
                scope[k] = True
            continue
        # "asked whether/if/about ...", "whether X would send": not "If asked, X would"
        opens = w in subordinators or (w in leads and any(x in words for x in lower[i + 1 : i + 3]))
        if not opens and w in lex.warn_verbs:
            # "warned Britain and France against sending troops": from "against" on, the
            # addressees' part asserts nothing of theirs
            against = next(
                (k for k in range(i + 2, min(len(lower), i + 7)) if lower[k] in lex.against_words),
                -1,
            )
            if against > 0:
                for k in range(against, clauses[clause_of[i]][1]):
                    scope[k] = True
                continue
        if not opens and w in requests:
            ahead = lower[i + 1 : i + 6]
            if lex.infinitive in ahead and ahead[0] not in lex.request_non_objects:
                end = clauses[clause_of[i]][1]
                for k in range(i, end):
                    scope[k] = True
                continue
        if not opens:
            continue
        end = clauses[clause_of[i]][1]
        for k in range(i, end):
            if lower[k] == "," and k > i:
                break
            scope[k] = True
    return tuple(scope)


@dataclass(frozen=True, slots=True)
class _WordSets:
    """Unions of a lexicon's word classes, to skip tokens no rule of a loop reads."""

    clause_triggers: frozenset[str]
    question_triggers: frozenset[str]


_WORD_SETS: dict[int, tuple[Lexicon, _WordSets]] = {}  # by id; the lexicon is kept alive


def _word_sets(lex: Lexicon) -> _WordSets:
    cached = _WORD_SETS.get(id(lex))
    if cached is not None:
        return cached[1]
    sets = _WordSets(
        clause_triggers=frozenset({";", ":"}) | lex.clause_breakers | lex.and_words,
        question_triggers=lex.nobody_words
        | lex.subordinators_question
        | lex.question_leads
        | lex.warn_verbs
        | lex.request_verbs,
    )
    _WORD_SETS[id(lex)] = (lex, sets)
    return sets


def _nobody_said(lower: tuple[str, ...], i: int, lex: Lexicon) -> bool:
    """ "nobody proposed that", "no one has ever suggested that": a verb of saying or
    asking with a negative subject, followed by its complement."""
    if lower[i] in lex.no_words and (i + 1 >= len(lower) or lower[i + 1] not in lex.one_words):
        return False
    for j in range(i + 1, min(len(lower) - 1, i + 6)):
        if lower[j] in lex.speech_verbs or lower[j] in lex.request_verbs:
            return lower[j + 1] in lex.complementizers
    return False


def _speakers(s: Sentence) -> tuple[Speaker, ...]:
    lex = s.lexicon
    lower = s.tokens.lower
    found: list[Speaker] = []
    # A headline "Kremlin: NATO troops in Ukraine unacceptable" names its speaker before
    # the colon.
    first = 1 if lower and lower[0] in lex.definite_articles else 0
    head = (
        s.mentions[s.mention_at[first]] if first < len(lower) and s.mention_at[first] >= 0 else None
    )
    if head is not None and head.is_subject and head.end < len(lower) and lower[head.end] == ":":
        found.append(Speaker(head.end, NONSTATE if head.nonstate else head.countries, True))
    if lex.speech_verbs.isdisjoint(lower):
        return tuple(found)  # no speech verb: only the headline speaker
    for v, w in enumerate(lower):
        if w not in lex.speech_verbs:
            continue
        if w in lex.phrasal_speech_verbs and not (
            v + 1 < len(lower) and lower[v + 1] in lex.phrasal_speech_particles
        ):
            continue
        according = w in lex.according
        speaker = _right_speaker(s, v, according=True) if according else None
        if speaker is None:
            speaker = _left_speaker(s, v)
        if speaker is None and not according:
            speaker = _right_speaker(s, v)
        if speaker is not None:
            found.append(speaker)
    return tuple(found)


def _left_speaker(s: Sentence, v: int) -> Speaker | None:
    lex = s.lexicon
    lower = s.tokens.lower
    lo = max(0, v - 25)
    aside = False  # inside "(...)" read right to left: a party affiliation, not the speaker
    resume = v  # below an "of the ... party" affiliation
    for k in range(v - 1, lo - 1, -1):
        w = lower[k]
        if k >= resume:
            continue
        if w in (")", "("):
            aside = w == ")"
            continue
        if aside:
            continue
        if nonstate_marker(lower, k, lex):
            resume = _affiliation(s, k, lo)
            if resume < 0:
                return Speaker(v, NONSTATE, True)
            continue
        m = s.mention_ending_at(k)
        if m is not None and m.is_subject and not s.is_location(m):
            if m.nonstate:
                return Speaker(v, NONSTATE, True)
            return Speaker(v, m.countries, m.kind != "country" or m.role == "state")
        if w in ('"', ".") or (w in lex.clause_breakers and w not in lex.midclause_adverbs):
            return None
        if w in lex.subject_pronouns and k == v - 1:
            return None
        if (
            w == ","
            and k < v - 1
            and lower[k + 1] not in lex.auxiliaries
            and k > 0
            and lower[k - 1] == '"'
        ):
            return None
    return None


def _affiliation(s: Sentence, k: int, lo: int) -> int:
    """ "Prime Minister Frederiksen of the Social Democrats said": the party marker at `k`
    is the affiliation of a head of state or government or a minister, who speaks for the
    state; the "of" to scan on from, else -1 (not "the spokesperson of the party")."""
    lex = s.lexicon
    lower, forms = s.tokens.lower, s.tokens.forms
    for j in range(k - 1, max(lo, k - 5) - 1, -1):
        if lower[j] in lex.of_words:
            named = j > 0 and forms[j - 1][:1].isupper() and lower[j - 1] not in lex.head_titles
            before = lower[max(0, j - 5) : j - 1]
            return j if named and any(t in lex.head_titles for t in before) else -1
        if lower[j] in (",", '"', ".", ";"):
            break
    return -1


def _right_speaker(s: Sentence, v: int, according: bool = False) -> Speaker | None:
    lex = s.lexicon
    lower = s.tokens.lower
    for k in range(v + 1, min(len(lower), v + 8)):
        w = lower[k]
        if nonstate_marker(lower, k, lex):
            return Speaker(v, NONSTATE, True)
        mi = s.mention_at[k]
        if mi >= 0:
            m = s.mentions[mi]
            # the "to" of "according to X" does not make X a place
            if not m.is_subject or (s.is_location(m) and not according):
                continue
            if m.nonstate:
                return Speaker(v, NONSTATE, True)
            return Speaker(v, m.countries, m.kind != "country" or m.role == "state")
        if w in (".", ";") or w in lex.right_speaker_stops:
            return None
    return None
