"""The model classifier: the rules decide, the stance model fills their gaps.

The rules split sentences, find mentions, read clauses, attribution, conditions and the
deployment frame. With the shipped settings (a rule finding stands unless the model is
surer than `override`, which is above 1) every rule finding stands without the encoder
(rule "rules+..."; several for one country in a sentence are weighed by the rules'
article resolution), and the encoder reads only the pairs where it can add a stance: a
country the rules judged nowhere in the article, not named only as a place, in a
sentence where the rules found no stance that has a stance cue and a troop word in it or
the sentence before. Relevance is the rules'; a text that fails the cheap relevance gate
gets the rules' answer and is not read by the model. So with the model silent the
result is the rules' own. Other settings (the "model alone" of the cross-validation) let
the model decide every pair it reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from monitor.classify.candidates import HOST, Window, span_window
from monitor.classify.classifier import Analysis, Classifier, resolve_article
from monitor.classify.conditions import find_condition
from monitor.classify.cue_scan import cue_scan
from monitor.classify.model import LABELS, MODEL_DIR, Floats, StanceModel
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.classify.relevance import (
    THRESHOLD,
    RelevanceEvidence,
    relevance_gate,
    relevance_score,
)
from monitor.classify.sentence import Sentence


@dataclass(frozen=True, slots=True)
class ModelClassifier:
    """`classify(text, title=...)` like the rules `Classifier`, with the model deciding."""

    rules: Classifier
    model: StanceModel
    # Keep the rules' findings about countries the model did not judge in that sentence
    # (pronouns and speakers further back); the model decides every pair it reads.
    keep_rules: bool = False
    min_confidence: float = 0.0  # below it the model's stance (with no rule finding) is dropped
    override: float = 1.01  # the model overrides a rule finding when this sure of its choice
    none_ratio: float = 2.0  # a stance must be this many times likelier than "none"
    veto: float = 0.0  # a rule finding falls when the model gives its stance less than this
    # read countries in a sentence where the rules found another country's stance
    beside_findings: bool = False

    @property
    def version(self) -> str:
        # The rules decide most pairs here too: a new rules version is a new classifier,
        # so `monitor reclassify` in model mode re-runs when either part changes.
        # (stance-model-2.1+rules-1.15: stored versions are at most 32 characters)
        return f"{self.model.version}+{self.rules.version.removeprefix('stance-')}"

    @property
    def gazetteer(self) -> object:
        return self.rules.gazetteer

    def classify(self, text: str, *, title: str = "") -> Classification:
        if not relevance_gate(text, title, self.rules.lexicon):
            # Not about troops for Ukraine at all: the rules' answer (for an article, only
            # the countries named; an excerpt, its context elsewhere, the rules read whole).
            return replace(self.rules.classify(text, title=title), classifier_version=self.version)
        a = self.rules.analyse(text, title)
        findings, scopes = self._findings(text, a)
        # with the rules' findings standing, relevance is the rules' (model stances only
        # fill gaps of an article the rules already judged relevant)
        score = (
            relevance_score(a.evidence) if self.override > 1.0 else _relevance(findings, a.evidence)
        )
        relevant = score >= THRESHOLD
        return Classification(
            relevant=relevant,
            relevance=score,
            # an article that is not about troops for Ukraine gives no stance ("ready to
            # send whatever this brigade needs" in Lithuania); its findings stay for review
            stances=resolve_article(findings, scopes) if relevant else (),
            countries=a.countries,
            classifier_version=self.version,
            findings=tuple(findings),
        )

    def _countries(self, text: str) -> tuple[str, ...]:
        return self.rules.countries_named(text)

    def classify_sentences(self, text: str, *, title: str = "") -> tuple[StanceFinding, ...]:
        return self.classify(text, title=title).findings

    def _findings(
        self, text: str, a: Analysis
    ) -> tuple[list[StanceFinding], list[tuple[bool, bool]]]:
        sentences = a.sentences
        by_sentence: dict[int, list[tuple[StanceFinding, tuple[bool, bool]]]] = {}
        ends = {s.end: k for k, s in enumerate(sentences)}
        for f, scope in zip(a.findings, a.scopes, strict=True):
            by_sentence.setdefault(ends.get(f.end, -1), []).append((f, scope))
        out: list[tuple[StanceFinding, tuple[bool, bool]]] = []
        judged: set[tuple[int, str]] = set()
        read = self._candidates(text, a, by_sentence, out, judged)
        probs = self.model.predict(read)
        for w, per_target in zip(read, probs, strict=True):
            s = sentences[w.sentence]
            rules: dict[str, list[tuple[StanceFinding, tuple[bool, bool]]]] = {}
            for f, sc in by_sentence.get(w.sentence, []):
                rules.setdefault(f.actor, []).append((f, sc))
            for target, p in zip(w.targets, per_target, strict=True):
                judged.add((w.sentence, target.actor))
                # of several rule findings for one country, the one the model backs most
                rule, scope = max(
                    rules.get(target.actor, [(None, (False, False))]),
                    key=lambda item: float(p[LABELS.index(item[0].stance.value)]) if item[0] else 0,
                )
                decided = self._decide(p, rule)
                if decided is None:
                    continue
                stance, confidence, by = decided
                if by == "rules" and rule is not None:
                    agreed = rule.stance.value == LABELS[int(p.argmax())]
                    out.append(
                        (replace(rule, rule=f"model+{rule.rule}") if agreed else rule, scope)
                    )
                    continue
                agrees = rule is not None and rule.stance == stance
                start = s.start if target.actor in w.own else w.start
                condition = None
                if stance != Stance.OPPOSED:
                    condition = (
                        rule.condition
                        if agrees and rule
                        else find_condition(text[s.start : s.end], 0, s.lexicon)
                    )
                finding = StanceFinding(
                    actor=target.actor,
                    stance=stance,
                    confidence=confidence,
                    evidence=text[start : s.end],
                    start=start,
                    end=s.end,
                    rule=f"model+{rule.rule}" if agrees and rule else "model",
                    condition=condition,
                )
                out.append((finding, scope if agrees else (False, False)))
        if self.keep_rules:
            for k, items in by_sentence.items():
                out.extend((f, sc) for f, sc in items if (k, f.actor) not in judged)
        if self.override > 1.0:
            # The model fills the rules' gaps: a country the rules judged somewhere in the
            # article keeps the rules' reading (a model "willing" from a reported claim
            # would otherwise outrank the rules' "declined" from the official denial).
            ruled = {f.actor for f in a.findings}
            out = [(f, sc) for f, sc in out if f.rule != "model" or f.actor not in ruled]
        out.sort(key=lambda item: (item[0].start, item[0].end))
        return [f for f, _ in out], [sc for _, sc in out]

    def _candidates(
        self,
        text: str,
        a: Analysis,
        by_sentence: dict[int, list[tuple[StanceFinding, tuple[bool, bool]]]],
        out: list[tuple[StanceFinding, tuple[bool, bool]]],
        judged: set[tuple[int, str]],
    ) -> list[Window]:
        """The windows the encoder reads, each with only the targets it can change.

        A rule finding the model cannot overrule (`override` above 1, no `veto`) stands
        without the encoder: it goes to `out` and its pair to `judged`. Other targets are
        read only in a sentence with a stance cue and a troop word in it or the one before;
        a sentence without either cannot hold a stance the rules missed."""
        sentences = a.sentences
        stands = self.override > 1.0 and self.veto <= 0.0
        read: list[Window] = []
        # A model stance for a country the rules judged anywhere in the article is dropped
        # in `_findings` (the rules' reading stands): such a pair is not worth a pass.
        ruled = {f.actor for f in a.findings} if stands else set()
        if stands:
            # Several findings for one country in a sentence stand too: the rules' article
            # resolution weighs them by scope ("not at the initial stage, but later": open),
            # which the model, choosing one, got wrong (grouped CV: 0.884 -> 0.845).
            for k, items in by_sentence.items():
                for f, sc in items:
                    out.append((replace(f, rule=f"rules+{f.rule}"), sc))
                    judged.add((k, f.actor))
        done: dict[int, set[str]] = {}
        for j, actor in judged:
            done.setdefault(j, set()).add(actor)
        for k, s in enumerate(sentences):
            several = {f.actor for f, _ in by_sentence.get(k, [])} - done.get(k, set())
            if not several and (
                (not self.beside_findings and by_sentence.get(k))
                or not _names_a_country(sentences, k)
                or not _candidate_sentence(text, sentences, k)
            ):
                continue
            # Built only for the sentences read (most of an article's are not).
            w = _window(text, sentences, k)
            if w is None:
                continue
            places = _places_only(s)
            targets = tuple(
                t
                for t in w.targets
                if t.actor not in done.get(k, ())
                and t.actor not in places
                and (t.actor in several or t.actor not in ruled)
            )
            if targets:
                read.append(replace(w, targets=targets) if targets != w.targets else w)
        return read

    def _decide(self, p: Floats, rule: StanceFinding | None) -> tuple[Stance, float, str] | None:
        """(stance, confidence, decided by) for one pair, or None for no stance. The model
        decides, except that a rule finding it does not confidently contradict (its own
        choice below `override`) stands."""
        best = int(p.argmax())
        label, confidence = LABELS[best], round(float(p[best]), 3)
        if rule is not None:
            backed = float(p[LABELS.index(rule.stance.value)])
            if label == rule.stance.value or (confidence < self.override and backed >= self.veto):
                return rule.stance, max(confidence, rule.confidence), "rules"
        stance = 1 + int(p[1:].argmax())  # the likeliest stance, "none" aside
        if float(p[stance]) < float(p[0]) * self.none_ratio:
            return None
        label, confidence = LABELS[stance], round(float(p[stance]), 3)
        if confidence < self.min_confidence:
            return None
        return Stance(label), confidence, "model"


def _window(text: str, sentences: Sequence[Sentence], k: int) -> Window | None:
    """Sentence k's window as `candidates.windows` makes it: the sentence alone when it
    names a country, else with the sentence before."""
    w = span_window(text, sentences, k, k)
    if not w.targets and k > 0:
        w = span_window(text, sentences, k, k - 1)
    return w if w.targets else None


def _names_a_country(sentences: Sequence[Sentence], k: int) -> bool:
    """Whether sentence k (or, as context, the one before) names a country but the host."""
    return any(
        code != HOST
        for s in sentences[max(0, k - 1) : k + 1]
        for m in s.mentions
        for code in m.countries
    )


def _places_only(s: Sentence) -> frozenset[str]:
    """Countries the sentence names only as places ("sent to Lithuania", "in Paris"):
    a place holds no stance."""
    places: set[str] = set()
    others: set[str] = set()
    for m in s.mentions:
        (places if s.is_location(m) else others).update(m.countries)
    return frozenset(places - others)


def _troop_words(s: Sentence) -> bool:
    return bool(s.troops) or not s.lexicon.troop_nouns.isdisjoint(s.tokens.lower)


def _candidate_sentence(text: str, sentences: Sequence[Sentence], k: int) -> bool:
    # cheapest test first: most sentences of an article fail the troop words
    s = sentences[k]
    if not (_troop_words(s) or (k > 0 and _troop_words(sentences[k - 1]))):
        return False
    if s.lexicon.model_cue.search(text, s.start, s.end) is None:
        return False
    # bool(find_cues(s)) without building the matches: a cue inside a longer one yields
    # to it, so some cue is kept whenever any pattern matches (of those that can)
    patterns = s.lexicon.cue_patterns
    return any(
        patterns[n].pattern.search(s.joined)
        for n in sorted(cue_scan(patterns).candidates(s.joined))
    )


def _relevance(findings: list[StanceFinding], evidence: RelevanceEvidence) -> float:
    """Like the rules' score, with each stance sentence weighted by its confidence: one
    unsure stance (a coach "ready to send on his strikers") does not make an article
    relevant alone; with a deployment-frame sentence or a framing title it does."""
    best: dict[tuple[int, int], float] = {}
    for f in findings:
        best[(f.start, f.end)] = max(best.get((f.start, f.end), 0.0), f.confidence)
    z = (
        min(sum(best.values()), 4.0)
        + 0.6 * min(evidence.frame_sentences, 5)
        + 0.8 * evidence.title_frame
    )
    return round(z / (z + 1.0), 3)


def load_model_classifier(rules: Classifier, directory: Path = MODEL_DIR) -> ModelClassifier:
    return ModelClassifier(rules, StanceModel(directory))
