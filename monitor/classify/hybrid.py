"""The model classifier: the rules give the structure, the stance model decides.

The rules split sentences, find mentions, read clauses, attribution, conditions and the
deployment frame; for every (sentence, country) candidate the fine-tuned encoder decides
the stance or "none". A finding the rules made about a country the window does not name
(a pronoun pointing further back) is kept as the rules decided it. Articles that fail the
cheap relevance gate are not read by the model at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from monitor.classify.candidates import windows
from monitor.classify.classifier import Analysis, Classifier, resolve_article
from monitor.classify.conditions import find_condition
from monitor.classify.mentions import find_mentions
from monitor.classify.model import LABELS, MODEL_DIR, Floats, StanceModel
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.classify.relevance import THRESHOLD, RelevanceEvidence
from monitor.classify.text import fold, split_sentences, tokenize

# The gate: an article about troops for Ukraine names Ukraine (or Kyiv, or the war) and
# some word for forces or sending them. It only has to be cheap and never miss.
_UKRAINE = re.compile(r"ukrain|kyiv|kiev|zelensk", re.IGNORECASE)
_FORCES = re.compile(
    r"troop|soldier|forces|peacekeep|boots on|contingent|deploy|military personnel|battalion"
    r"|brigade|reassurance|coalition of the willing",
    re.IGNORECASE,
)
# Sentences the model reads: those with a word of the troop or stance vocabulary (a
# sentence without any cannot hold a stance on sending troops).
_CUE = re.compile(
    r"troop|soldier|forces|peacekeep|boots|contingent|deploy|personnel|battalion|brigade|"
    r"send|sending|station|contribut|commit|mission|force\b|rule[sd]? out|ruling out|exclud|"
    r"unacceptable|legitimate target|negativ|no plans|not plan|consider|decid|ready|willing|"
    r"prepared|open to|option|participat|take part|join|presence|on the ground",
    re.IGNORECASE,
)


def relevance_gate(text: str, title: str = "") -> bool:
    """Cheap test: could this article be about foreign troops for Ukraine at all?

    >>> relevance_gate("Poland will not send troops to Ukraine.")
    True
    >>> relevance_gate("The EU agreed new sanctions on Russian oil.")
    False
    """
    whole = f"{title}\n{text}"
    return _UKRAINE.search(whole) is not None and _FORCES.search(whole) is not None


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

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def gazetteer(self) -> object:
        return self.rules.gazetteer

    def classify(self, text: str, *, title: str = "") -> Classification:
        if not relevance_gate(text, title):
            # Not about troops for Ukraine at all: no stance work, only the countries named.
            return Classification(False, 0.0, (), self._countries(text), self.version, ())
        a = self.rules.analyse(text, title)
        findings, scopes = self._findings(text, a)
        score = _relevance(findings, a.evidence)
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
        folded = fold(text)
        found: dict[str, None] = {}
        for sp in split_sentences(text):
            for m in find_mentions(tokenize(folded, sp.start, sp.end), self.rules.gazetteer):
                found.update(dict.fromkeys(m.countries))
        return tuple(found)

    def classify_sentences(self, text: str, *, title: str = "") -> tuple[StanceFinding, ...]:
        return self.classify(text, title=title).findings

    def _findings(
        self, text: str, a: Analysis
    ) -> tuple[list[StanceFinding], list[tuple[bool, bool]]]:
        sentences = a.sentences
        read = [
            w
            for w in windows(text, sentences)
            if _CUE.search(text, sentences[w.sentence].start, sentences[w.sentence].end)
        ]
        probs = self.model.predict(read)
        by_sentence: dict[int, list[tuple[StanceFinding, tuple[bool, bool]]]] = {}
        ends = {s.end: k for k, s in enumerate(sentences)}
        for f, scope in zip(a.findings, a.scopes, strict=True):
            by_sentence.setdefault(ends.get(f.end, -1), []).append((f, scope))
        out: list[tuple[StanceFinding, tuple[bool, bool]]] = []
        judged: set[tuple[int, str]] = set()
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
                        rule.condition if agrees and rule else find_condition(text[s.start : s.end])
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
        out.sort(key=lambda item: (item[0].start, item[0].end))
        return [f for f, _ in out], [sc for _, sc in out]

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
