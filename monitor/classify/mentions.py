"""Country mentions in a sentence: names, state bodies, officials, groups, troop owners."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from monitor.classify.gazetteer import Gazetteer, Kind
from monitor.classify.lexicon import Lexicon
from monitor.classify.text import Tokens, fold, split_sentences, tokenize

# Kinds that can stand as the subject of a clause ("Warsaw said", "the Baltic states").
SUBJECT_KINDS = frozenset({Kind.COUNTRY, Kind.CAPITAL, Kind.PERSON, Kind.GROUP})


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of tokens that names a state (or a non-state speaker tied to one)."""

    start: int  # token index
    end: int  # exclusive
    countries: tuple[str, ...]
    kind: Kind
    role: str = ""  # "state" for a demonym + role ("Polish Defense Minister"), person roles
    nonstate: bool = False  # opposition leader, former minister, analyst...
    force: bool = False  # the name is an armed force ("Bundeswehr", "British Army")

    @property
    def is_subject(self) -> bool:
        return self.kind in SUBJECT_KINDS or self.role == "state"


def find_mentions(tokens: Tokens, gazetteer: Gazetteer, lex: Lexicon) -> tuple[Mention, ...]:
    """Gazetteer matches, merged into state bodies ("the Turkish Ministry of Defense"),
    officials with their titles and expanded groups."""
    raw = _raw_matches(tokens, gazetteer, lex)
    merged = _groups(tokens, raw, lex)
    bodies = _state_bodies(tokens, merged, lex)
    coordinators = lex.demonym_coordinators
    # "the Swedish and Finnish governments": a demonym coordinated with a state body is one
    for n in range(len(bodies) - 2, -1, -1):
        m, nxt = bodies[n], bodies[n + 1]
        if (
            m.kind == Kind.DEMONYM
            and not m.role
            and nxt.role == "state"
            and nxt.start == m.end + 1
            and tokens.lower[m.end] in coordinators
        ):
            bodies[n] = Mention(m.start, m.end, m.countries, m.kind, "state", nxt.nonstate, m.force)
    kept: list[Mention] = []
    for m in bodies:
        # A person swallowed by the title before them ("Polish Defense Minister X").
        if kept and m.start >= kept[-1].start and m.end <= kept[-1].end:
            continue
        if kept and m.start < kept[-1].end:
            m = Mention(kept[-1].end, m.end, m.countries, m.kind, m.role, m.nonstate, m.force)
            if m.start >= m.end:
                continue
        kept.append(m)
    return tuple(kept)


def _raw_matches(tokens: Tokens, gazetteer: Gazetteer, lex: Lexicon) -> list[Mention]:
    found: list[Mention] = []
    force_names, role_words = lex.force_names, lex.state_role_words
    forms = tokens.forms
    heads = gazetteer.lengths  # most tokens start no name: only these are looked up
    n = len(forms)
    after = 0  # tokens before it are inside a name already read
    for i in [k for k, form in enumerate(forms) if form in heads]:
        if i < after:
            continue
        hit = gazetteer.lookup(forms, i)
        if hit is None:
            continue
        length, entry = hit
        end = i + length
        after = end
        # "Washington Post", "Moscow Times": a capital inside another proper name.
        if entry.kind == Kind.CAPITAL and end < n and _is_name_word(forms[end], role_words):
            continue
        force = entry.name.split()[-1].lower() in force_names
        found.append(Mention(i, end, entry.countries, entry.kind, entry.role, False, force))
    return found


def _is_name_word(form: str, role_words: frozenset[str]) -> bool:
    return form[:1].isupper() and form.isalpha() and form.lower() not in role_words


def _groups(tokens: Tokens, raw: list[Mention], lex: Lexicon) -> list[Mention]:
    """Group adjectives become groups when a group noun follows ("Nordic and Baltic
    countries"); alone ("the Baltic Sea") they name nothing."""
    out: list[Mention] = []
    coordinators, group_heads = lex.demonym_coordinators, lex.group_heads
    lower = tokens.lower
    i = 0
    while i < len(raw):
        m = raw[i]
        if m.kind != Kind.GROUP_ADJ:
            out.append(m)
            i += 1
            continue
        members = list(m.countries)
        end = m.end
        j = i + 1
        while (
            j < len(raw)
            and raw[j].kind in (Kind.GROUP_ADJ, Kind.GROUP)
            and raw[j].start == end + 1
            and lower[end] in coordinators
        ):
            members += [c for c in raw[j].countries if c not in members]
            end = raw[j].end
            last_kind = raw[j].kind
            j += 1
            if last_kind == Kind.GROUP:
                break
        if j > i + 1 and raw[j - 1].kind == Kind.GROUP:
            out.append(Mention(m.start, end, tuple(members), Kind.GROUP))
        elif end < len(lower) and lower[end] in group_heads:
            out.append(Mention(m.start, end + 1, tuple(members), Kind.GROUP))
        i = j
    return out


def _state_bodies(tokens: Tokens, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Extend a demonym or country name over the role words after it, and mark titles and
    non-state markers before a mention."""
    roles, titles = lex.state_role_words, lex.state_titles
    glue = lex.role_glue
    of, possessive = lex.of_words, lex.genitive_clitic
    lower = tokens.lower
    forms = tokens.forms
    n = len(lower)
    out: list[Mention] = []
    for idx, m in enumerate(mentions):
        next_start = mentions[idx + 1].start if idx + 1 < len(mentions) else n
        start, end, role, countries, kind = m.start, m.end, m.role, m.countries, m.kind
        nonstate = _nonstate_before(lower, start, lex)
        if m.kind in (Kind.DEMONYM, Kind.COUNTRY, Kind.CAPITAL) and not m.force:
            j = end
            saw_role = False
            while j < n and j - end < 6:
                w = lower[j]
                if w in titles:
                    saw_role = True
                elif nonstate_marker(lower, j, lex):
                    nonstate = True
                    saw_role = True
                elif not (w in glue and saw_role) and not (w == possessive and j == end):
                    break
                j += 1
            while j > end and lower[j - 1] in glue:
                j -= 1
            if saw_role:
                end = j
                role = "state"
                # A person's name right after the title belongs to the same speaker.
                if next_start == end and idx + 1 < len(mentions):
                    person = mentions[idx + 1]
                    if person.kind == Kind.PERSON and person.countries == countries:
                        end = person.end
                else:
                    while end < n and end - j < 4 and _is_name_word(forms[end], roles):
                        end += 1
        elif m.kind == Kind.PERSON:
            # "Minister of Defence of Russia", "President Stubb": titles before the name.
            k = start
            while k > 0 and lower[k - 1] in titles:
                k -= 1
            start = k
            nonstate = nonstate or _nonstate_before(lower, start, lex)
        # "Deputy Foreign Minister of Russia": role words then "of" + country.
        if m.kind == Kind.COUNTRY and start >= 2 and lower[start - 1] in of:
            k = start - 1
            while k > 0 and lower[k - 1] in roles:
                k -= 1
            if k < start - 1:
                start, role = k, "state"
                nonstate = nonstate or _nonstate_before(lower, start, lex)
        if (start, end, role, nonstate) == (m.start, m.end, m.role, m.nonstate):
            out.append(m)  # unchanged (most are): no new record
        else:
            out.append(Mention(start, end, countries, kind, role, nonstate, m.force))
    return out


def _nonstate_before(lower: tuple[str, ...], start: int, lex: Lexicon) -> bool:
    """ "opposition leader X", "former minister X"; not across ")" or a speech verb
    ("Minister X (National Coalition Party) said Finland ...")."""
    speech = lex.speech_verbs
    for k in range(start - 1, max(0, start - 3) - 1, -1):
        if lower[k] in (")", ",", ":") or lower[k] in speech:
            return False
        if nonstate_marker(lower, k, lex):
            return True
    return False


def nonstate_marker(lower: tuple[str, ...], k: int, lex: Lexicon) -> bool:
    """A word marking a non-state speaker; not "Federal Council", "Security Council" (a
    state organ, though "council" alone is an advisory one)."""
    if lower[k] not in lex.nonstate_markers:
        return False
    return not (k > 0 and (lower[k - 1], lower[k]) in lex.state_councils)


def troop_owner(
    tokens: Tokens,
    mention_at: tuple[int, ...],
    mentions: tuple[Mention, ...],
    i: int,
    lex: Lexicon,
) -> tuple[str, ...] | str | None:
    """Who owns the troops named at token `i`: country codes, "foreign" (NATO, Western,
    foreign troops), "subject" (its/their/our troops) or None when nothing says."""
    lower = tokens.lower
    k = i - 1
    while k >= 0 and i - k <= 5:
        w = lower[k]
        mi = mention_at[k]
        if mi >= 0 and mentions[mi].kind in (Kind.DEMONYM, Kind.COUNTRY, Kind.CAPITAL):
            m = mentions[mi]
            # "a Ukraine peacekeeping force" is a force for Ukraine, not Ukraine's own
            if not (m.kind != Kind.DEMONYM and m.countries == ("UA",)):
                return m.countries
            k -= 1
            continue
        if w in lex.owner_possessives:
            return "subject"
        if w in lex.foreign_owners:
            return "foreign"
        if (
            w == lex.genitive_clitic
            or w in lex.military_modifiers
            or w in lex.hedges
            or w.replace(",", "").isdigit()
        ):
            k -= 1
            continue
        if w == "-" or w in lex.owner_skip:
            k -= 1
            continue
        if w in lex.deployment_heads:
            # "an Austrian contribution to a peacekeeping force": the owner is the
            # contributor named before the deployment noun
            k -= 1
            continue
        break
    # "troops from X", "forces of X", "the deployment of any foreign troops"
    if i + 2 < len(lower) and lower[i + 1] in lex.origin_prepositions:
        j = i + 2
        while j < min(len(lower) - 1, i + 5) and lower[j] in lex.owner_skip:
            j += 1
        mi = mention_at[j]
        if mi >= 0 and mentions[mi].kind != Kind.PERSON:
            return mentions[mi].countries
        if lower[j] in lex.foreign_markers or lower[i + 2] in lex.foreign_origins:
            return "foreign"
    return None


def countries_named(text: str, gazetteer: Gazetteer, lex: Lexicon) -> tuple[str, ...]:
    """Every country a text names, in order of first mention (no stance work).

    Only a sentence with a token that starts a gazetteer name can name one, and only
    those sentences are tokenized and read: found by one regex over the whole text (most
    articles the relevance gate rejects then cost only that scan), or, with a token
    pattern that regex is not exact for, by each sentence's bare token strings.
    """
    folded = fold(text)
    finder = _head_finder(gazetteer, lex)
    if finder is not None:
        starts = _head_starts(finder, folded)
        if not starts:
            return ()
        spans = [sp for sp in split_sentences(text, lex) if _holds(starts, sp.start, sp.end)]
    else:
        first_tokens = gazetteer.lengths.keys()
        pattern = lex.token_pattern
        plain = pattern.groups == 0  # findall gives whole matches only without groups
        spans = [
            sp
            for sp in split_sentences(text, lex)
            if not (plain and first_tokens.isdisjoint(pattern.findall(folded, sp.start, sp.end)))
        ]
    found: dict[str, None] = {}
    for sp in spans:
        for m in find_mentions(tokenize(folded, sp.start, sp.end, lex), gazetteer, lex):
            found.update(dict.fromkeys(m.countries))
    return tuple(found)


def _head_starts(finder: re.Pattern[str], folded: str) -> list[int]:
    """Every offset where a token can start a gazetteer name, in order. The finder
    matches a name ending before a non-word character; where it starts inside a word
    ("de" in "made") the search goes on from the next character, so no place is
    skipped."""
    out: list[int] = []
    m = finder.search(folded)
    while m is not None:
        at = m.start()
        if _TOKEN_START.match(folded, at):
            out.append(at)
        m = finder.search(folded, at + 1)
    return out


def _holds(starts: list[int], start: int, end: int) -> bool:
    k = bisect_left(starts, start)
    return k < len(starts) and starts[k] < end


# The token pattern the head finder is exact for: a token that starts with a word
# character starts after a non-word character, a digit ("1,000" then a word) or a "'t"
# clitic, and one without an apostrophe ends before a non-word character. Another
# pattern gets no head finder (every text is read by sentences).
_TOKEN_PATTERN_READ = (
    r"\d{1,3}(?:,\d{3})+(?:[-.]\w+)*|\w+(?:[-.]\w+)*(?:n't|'t)?"
    r"|'s\b|'ll\b|'re\b|'ve\b|'d\b|'m\b|[^\w\s]"
)
_TOKEN_START = re.compile(r"(?<![^\W\d])|(?<='t)")  # where such a token can start
# (gazetteer's first tokens, token pattern) by their ids -> (them, the finder): the
# objects are kept, so an id is not reused while its entry stands.
_HEAD_FINDERS: dict[tuple[int, int], tuple[object, object, re.Pattern[str] | None]] = {}


def prepare_countries(gazetteer: Gazetteer, lex: Lexicon) -> None:
    """Build what `countries_named` needs for this gazetteer (about 20 ms, once)."""
    _head_finder(gazetteer, lex)


def _head_finder(gazetteer: Gazetteer, lex: Lexicon) -> re.Pattern[str] | None:
    """A regex for the gazetteer's first tokens, each before a non-word character,
    built once per gazetteer; None when the token pattern is not the one it is exact
    for."""
    key = (id(gazetteer.lengths), id(lex.token_pattern))
    cached = _HEAD_FINDERS.get(key)
    if cached is not None:
        return cached[2]
    first = list(gazetteer.lengths)
    exact = lex.token_pattern.pattern == _TOKEN_PATTERN_READ and all(
        h[:1].isalnum() and "'" not in h and "," not in h for h in first
    )
    finder = None
    if exact and first:
        finder = re.compile(_trie(first) + r"(?!\w)")
    _HEAD_FINDERS[key] = (gazetteer.lengths, lex.token_pattern, finder)
    return finder


def _trie(words: list[str]) -> str:
    """One regex for a set of literals, nested by shared prefixes (sre tries the
    alternatives of a plain alternation one by one at every position)."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)
