"""The model classifier: the rules give the structure, the stance model decides.

The rules split sentences, find mentions, read clauses, attribution, conditions and the
deployment frame; for every (sentence, country) candidate the fine-tuned encoder decides
the stance or "none". A finding the rules made about a country the window does not name
(a pronoun pointing further back) is kept as the rules decided it. Articles that fail the
cheap relevance gate are not read by the model at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from monitor.classify.candidates import windows
from monitor.classify.classifier import Analysis, Classifier, resolve_article
from monitor.classify.conditions import find_condition
from monitor.classify.model import LABELS, MODEL_DIR, StanceModel
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.classify.relevance import THRESHOLD, RelevanceEvidence, relevance_score

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
_MIN_CONFIDENCE = 0.5


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
    keep_rules: bool = True

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def gazetteer(self) -> object:
        return self.rules.gazetteer

    def classify(self, text: str, *, title: str = "") -> Classification:
        if not relevance_gate(text, title):
            # Not about troops for Ukraine at all: no stance work, only the countries named.
            countries = self.rules.classify(text, title=title).countries
            return Classification(False, 0.0, (), countries, self.version, ())
        a = self.rules.analyse(text, title)
        findings, scopes = self._findings(text, a)
        stance_sentences = len({(f.start, f.end) for f in findings})
        evidence = RelevanceEvidence(
            stance_sentences, a.evidence.frame_sentences, a.evidence.title_frame
        )
        score = relevance_score(evidence)
        return Classification(
            relevant=score >= THRESHOLD,
            relevance=score,
            stances=resolve_article(findings, scopes),
            countries=a.countries,
            classifier_version=self.version,
            findings=tuple(findings),
        )

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
            rules = {f.actor: (f, sc) for f, sc in by_sentence.get(w.sentence, [])}
            for target, p in zip(w.targets, per_target, strict=True):
                judged.add((w.sentence, target.actor))
                best = int(p.argmax())
                if LABELS[best] == "none" or float(p[best]) < _MIN_CONFIDENCE:
                    continue
                stance = Stance(LABELS[best])
                rule, scope = rules.get(target.actor, (None, (False, False)))
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
                    confidence=round(float(p[best]), 3),
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


def load_model_classifier(rules: Classifier, directory: Path = MODEL_DIR) -> ModelClassifier:
    return ModelClassifier(rules, StanceModel(directory))
