"""The classifier: relevance, countries and stances of one text, with evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from monitor.classify.answers import answer_stance, answered
from monitor.classify.attribution import Discourse
from monitor.classify.conditions import find_condition
from monitor.classify.cue_kinds import Cue
from monitor.classify.frame import read_sentence, troop_hits
from monitor.classify.gazetteer import Gazetteer, Kind, load_gazetteer
from monitor.classify.lexicon import ENGLISH, Lexicon
from monitor.classify.mentions import countries_named
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.classify.relevance import THRESHOLD, RelevanceEvidence, relevance_gate, relevance_score
from monitor.classify.sentence import NONSTATE, Sentence
from monitor.classify.stance import SentenceFinding, sentence_findings
from monitor.classify.text import fold, split_folded

CLASSIFIER_VERSION = "stance-rules-1.20"

# When one article gives a country several stances, the firmest commitment wins over a
# hedge ("opened up to" then "is willing to contribute"), and a door left open wins over a
# refusal limited to now ("not at present ... after a ceasefire").
_PRIORITY = {
    Stance.OPPOSED: 5,
    Stance.WILLING: 4,
    Stance.OPEN: 3,
    Stance.DECLINED: 2,
    Stance.UNDECIDED: 1,
}
_EXCERPT_SENTENCES = 2
_FRAME_SPAN = 1  # sentences without troops that an earlier troop sentence still frames
_EXCERPT_CHARS = 600


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the rules read in one text; the model classifier builds on it."""

    findings: list[StanceFinding]
    scopes: list[tuple[bool, bool]]  # per finding: (limited to now, about a later phase)
    countries: tuple[str, ...]
    evidence: RelevanceEvidence
    sentences: tuple[Sentence, ...]
    frames: tuple[bool, ...]  # per sentence: about troops going to Ukraine


@dataclass(frozen=True, slots=True)
class Classifier:
    """A classifier bound to a gazetteer; build once, call `classify` many times."""

    gazetteer: Gazetteer
    version: str = CLASSIFIER_VERSION
    lexicon: Lexicon = ENGLISH  # the words and cue patterns the rules read

    def classify(self, text: str, *, title: str = "") -> Classification:
        """Relevance, countries and one stance per country, each with its evidence.

        >>> c = default_classifier().classify("Poland will not send troops to Ukraine.")
        >>> [(f.actor, f.stance.value) for f in c.stances]
        [('PL', 'declined')]
        """
        if len(text) > _EXCERPT_CHARS and not relevance_gate(text, title, self.lexicon):
            # No stance work on an article without Ukraine and forces; excerpts: read all
            return Classification(False, 0.0, (), self.countries_named(text), self.version, ())
        a = self.analyse(text, title)
        findings, scopes, countries, evidence = a.findings, a.scopes, a.countries, a.evidence
        stances = resolve_article(findings, scopes)
        score = relevance_score(evidence)
        return Classification(
            relevant=score >= THRESHOLD,
            relevance=score,
            stances=stances,
            countries=countries,
            classifier_version=self.version,
            findings=tuple(findings),
        )

    def countries_named(self, text: str) -> tuple[str, ...]:
        """Every country the text names, in order of first mention."""
        return countries_named(text, self.gazetteer, self.lexicon)

    def classify_sentences(self, text: str, *, title: str = "") -> tuple[StanceFinding, ...]:
        """Every sentence-level finding, in text order (for evaluation and review)."""
        return tuple(self.analyse(text, title).findings)

    def analyse(self, text: str, title: str) -> Analysis:
        """The rules' reading of a text: sentences, findings and relevance evidence."""
        folded = fold(text)
        lex = self.lexicon
        discourse = Discourse()
        title_frame = False
        if title.strip():
            title_frame = self._read_title(title, discourse)
        findings: list[StanceFinding] = []
        scopes: list[tuple[bool, bool]] = []
        countries: dict[str, None] = {}
        stance_sentences = 0
        frame_sentences = 0
        previous: Sentence | None = None
        frames: list[bool] = []
        sentences = [
            read_sentence(folded, sp.start, sp.end, self.gazetteer, self.lexicon)
            for sp in split_folded(folded, self.lexicon)
        ]
        if not title.strip() and (
            len(sentences) <= _EXCERPT_SENTENCES or len(text) <= _EXCERPT_CHARS
        ):
            # An excerpt without its article: its context (the topic, what "this issue"
            # refers to) is missing, so it is assumed; a named destination elsewhere
            # still rules troops out.
            discourse.topic = True
            discourse.frame = True
            discourse.excerpt = True
        quote_speakers = _quote_speakers(sentences)
        for n, (s, quote_speaker) in enumerate(zip(sentences, quote_speakers, strict=True)):
            discourse.quote_speaker = quote_speaker
            for m in s.mentions:
                for code in m.countries:
                    countries.setdefault(code, None)
            pending = discourse.pending
            discourse.pending = None
            read, answer = answered(sentences, n)
            found = answer_stance(
                sentence_findings(read, discourse, self.gazetteer.opposing_side), answer
            )
            made = _combine(found, s)
            evidence_start = s.start
            if not made and pending is not None and previous is not None:
                made, evidence_start = _named_after(s, pending, previous)
            evidence = text[evidence_start : s.end] if made else ""
            for f in made:
                scopes.append((f.temporal, f.later))
                findings.append(
                    StanceFinding(
                        actor=f.actor,
                        stance=f.stance,
                        confidence=f.confidence,
                        evidence=evidence,
                        start=evidence_start,
                        end=s.end,
                        rule=f.rule,
                        condition=_condition(text, s, f, made)
                        if f.stance != Stance.OPPOSED
                        else None,
                    )
                )
            # only read to set the topic: once set, the search is not needed
            ukraine = discourse.topic or lex.ukraine_context.search(s.joined) is not None
            has_troops = bool(s.troops)  # troop_hits over the whole sentence
            stance_sentences += bool(made)
            framed = has_troops and lex.ukraine_target.search(s.joined) is not None
            frame_sentences += framed
            frames.append(framed)
            _update(discourse, s, made, ukraine, has_troops)
            previous = s
        evidence_counts = RelevanceEvidence(stance_sentences, frame_sentences, title_frame)
        return Analysis(
            findings, scopes, tuple(countries), evidence_counts, tuple(sentences), tuple(frames)
        )

    def _read_title(self, title: str, discourse: Discourse) -> bool:
        folded = fold(title)
        s = read_sentence(folded, 0, len(folded), self.gazetteer, self.lexicon)
        ukraine = self.lexicon.ukraine_context.search(s.joined) is not None
        has_troops = bool(troop_hits(s, 0, len(s.tokens)))
        discourse.topic = ukraine
        discourse.frame = has_troops
        discourse.frame_age = 0 if has_troops else 99
        states = [m for m in s.mentions if m.is_subject and m.countries != ("UA",)]
        if len({m.countries for m in states}) == 1:
            discourse.last_subject = states[0].countries
            discourse.last_speaker = states[0].countries
        return has_troops and self.lexicon.ukraine_target.search(s.joined) is not None


def _condition(
    text: str, s: Sentence, finding: SentenceFinding, made: list[SentenceFinding]
) -> str | None:
    """The condition in the finding's own clause, else in a clause of the sentence that
    no other country's finding claims ("Germany does not rule out ..., while the UK is
    ready ... after a ceasefire": the condition is the UK's)."""
    own = s.clauses[finding.clause] if finding.clause < len(s.clauses) else (0, len(s.tokens))
    claimed = {f.clause for f in made if f.actor != finding.actor} - {finding.clause}
    spans = [own] + [c for k, c in enumerate(s.clauses) if c != own and k not in claimed]
    for start, end in spans:
        if start >= end:
            continue
        found = find_condition(text[s.tokens.starts[start] : s.tokens.ends[end - 1]], 0, s.lexicon)
        if found:
            return found
    return None


def _quote_speakers(sentences: list[Sentence]) -> list[tuple[str, ...]]:
    """For a quote running over several sentences, the speaker named where it closes
    ("We will not send troops. Our answer is clear," Robles said.)."""
    out: list[tuple[str, ...]] = [() for _ in sentences]
    open_at: int | None = None
    for i, s in enumerate(sentences):
        quotes = sum(1 for w in s.tokens.forms if w == '"')
        if open_at is None and quotes % 2 == 1 and s.tokens.forms[:1] == ('"',):
            open_at = i
        elif open_at is not None and quotes % 2 == 1:
            people = [sp.countries for sp in s.speakers if isinstance(sp.countries, tuple)]
            if people:
                for k in range(open_at, i + 1):
                    out[k] = people[-1]
            open_at = None
        if open_at is not None and i - open_at > 4:
            open_at = None
    return out


def _combine(found: list[SentenceFinding], s: Sentence) -> list[SentenceFinding]:
    """One finding per (actor, stance) in a sentence; a refusal limited to now next to a
    readiness or openness for later makes the sentence "open" for that actor, and so does
    a refusal followed by "but ... could consider" (the refusal has a narrower scope)."""
    found = [_scoped_by_contrast(f, found, s) for f in found]
    by_actor: dict[str, list[SentenceFinding]] = {}
    for f in found:
        by_actor.setdefault(f.actor, []).append(f)
    out: list[SentenceFinding] = []
    for actor, items in by_actor.items():
        stances = {f.stance for f in items}
        declined_now = any(f.stance == Stance.DECLINED and f.temporal for f in items)
        if Stance.WILLING in stances and declined_now:
            best = max(items, key=lambda f: f.confidence)
            out.append(
                SentenceFinding(
                    actor,
                    Stance.OPEN,
                    best.confidence,
                    best.rule + "+scope",
                    best.clause,
                    True,
                    True,
                )
            )
            continue
        if any(f.rule.startswith(Cue.CONTRAST.value) for f in items):
            # "will take part in the mission without stationing troops in Ukraine": the
            # participation is not with forces
            items = [f for f in items if f.stance not in (Stance.WILLING, Stance.OPEN)]
            stances = {f.stance for f in items}
        if Stance.OPEN in stances and any(_no_decision(f, s, items) for f in items):
            # "is yet to decide, but is considering sending troops", "is weighing whether
            # to send troops and will decide after the summer": no decision governs
            items = [f for f in items if f.stance != Stance.OPEN]
        seen: dict[Stance, SentenceFinding] = {}
        for f in items:
            if f.stance not in seen or f.confidence > seen[f.stance].confidence:
                seen[f.stance] = f
        out.extend(seen.values())
    return out


def _no_decision(f: SentenceFinding, s: Sentence, items: list[SentenceFinding]) -> bool:
    if f.stance != Stance.UNDECIDED or f.clause >= len(s.clauses):
        return False
    considered = Cue.CONSIDER.value
    if any(g.clause == f.clause and g.rule.startswith(considered) for g in items):
        return True  # a consideration and a decision still to come in one clause
    cs, ce = s.clauses[f.clause]
    return any(w in s.lexicon.absence_words for w in s.tokens.lower[cs:ce])


def _scoped_by_contrast(
    f: SentenceFinding, found: list[SentenceFinding], s: Sentence
) -> SentenceFinding:
    """ "ruled out joining a Western-led force, but could consider a UN role": the open
    clause after the contrast narrows the refusal before it."""
    if f.stance != Stance.OPEN or f.later or f.clause == 0:
        return f
    lead = s.tokens.lower[s.clauses[f.clause][0]]
    refused_before = any(
        g.actor == f.actor and g.stance == Stance.DECLINED and g.clause < f.clause for g in found
    )
    if lead in s.lexicon.narrowing_contrasts and refused_before:
        return SentenceFinding(f.actor, f.stance, f.confidence, f.rule, f.clause, f.temporal, True)
    return f


def _named_after(
    s: Sentence, pending: tuple[str, float, str, int], previous: Sentence
) -> tuple[list[SentenceFinding], int]:
    """ "Several countries will not send troops. These include Poland and Italy.\""""
    text = " ".join(s.tokens.lower[:8])
    if not s.lexicon.list_naming.match(text):
        return [], s.start
    stance, confidence, rule, _clause = pending
    out = []
    for m in s.mentions:
        if m.is_subject or m.kind == Kind.GROUP:
            for code in m.countries:
                if code != "UA":
                    out.append(
                        SentenceFinding(
                            code,
                            Stance(stance),
                            round(confidence - 0.1, 2),
                            rule + "/named-after",
                            0,
                            False,
                            False,
                        )
                    )
    return out, previous.start


def _update(
    discourse: Discourse, s: Sentence, made: list[SentenceFinding], ukraine: bool, troops: bool
) -> None:
    discourse.topic = discourse.topic or ukraine
    # The frame outlives one sentence without troops ("The three governments issued a
    # joint statement. Finland said it was still assessing its contribution.")
    if troops or made:
        discourse.frame_age = 0
    else:
        discourse.frame_age += 1
    discourse.frame = discourse.frame_age <= _FRAME_SPAN or discourse.excerpt
    subjects = [
        m
        for m in s.mentions
        if m.is_subject
        and not s.is_location(m)
        and not m.nonstate
        and not (m.start > 0 and s.tokens.lower[m.start - 1] in s.lexicon.of_words)
    ]
    if made:
        discourse.last_subject = tuple(dict.fromkeys(f.actor for f in made))
    elif subjects:
        discourse.last_subject = subjects[0].countries
    people = [sp for sp in s.speakers if sp.person]
    if people:
        last = people[-1].countries
        discourse.speaker_nonstate = last == NONSTATE
        if isinstance(last, tuple):
            discourse.last_speaker = last
    else:
        persons = [m for m in s.mentions if (m.kind == Kind.PERSON or m.role == "state")]
        if persons:
            discourse.speaker_nonstate = persons[-1].nonstate
            if not persons[-1].nonstate:
                discourse.last_speaker = persons[-1].countries


def resolve_article(
    findings: Sequence[StanceFinding], scopes: Sequence[tuple[bool, bool]] = ()
) -> tuple[StanceFinding, ...]:
    """One finding per country: the highest-priority stance, with its most confident
    evidence; countries in order of first finding.

    `scopes` gives, per finding, (limited to now, about a later phase). Openness wins over
    a refusal only when the refusal is limited to now or the openness is about later
    ("not at present ... after a ceasefire"); against a plain refusal, a conditional
    "could" does not turn the country open.
    """
    by_actor: dict[str, list[tuple[StanceFinding, bool, bool]]] = {}
    for n, f in enumerate(findings):
        now, later = scopes[n] if n < len(scopes) else (False, False)
        by_actor.setdefault(f.actor, []).append((f, now, later))
    out: list[StanceFinding] = []
    for items in by_actor.values():
        stances = {f.stance for f, _, _ in items}
        chosen = max(stances, key=lambda st: _PRIORITY[st])
        if chosen == Stance.OPEN and Stance.DECLINED in stances:
            scoped = any(now for f, now, _ in items if f.stance == Stance.DECLINED) or any(
                later for f, _, later in items if f.stance == Stance.OPEN
            )
            if not scoped:
                chosen = Stance.DECLINED
        out.append(max((f for f, _, _ in items if f.stance == chosen), key=lambda f: f.confidence))
    return tuple(out)


@lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    """The classifier with the shipped gazetteer (built once per process)."""
    return Classifier(load_gazetteer())


def classify(text: str, *, title: str = "", classifier: Classifier | None = None) -> Classification:
    """Classify one text with the given classifier (default: the shipped gazetteer).

    >>> classify("Sweden does not rule out sending troops to Ukraine.").stances[0].stance.value
    'open'
    """
    return (classifier or default_classifier()).classify(text, title=title)


def classify_sentences(
    text: str, *, title: str = "", classifier: Classifier | None = None
) -> tuple[StanceFinding, ...]:
    return (classifier or default_classifier()).classify_sentences(text, title=title)
