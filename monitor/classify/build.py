"""Build the classifier the product runs: the stance model (default) or the rules alone."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from monitor.classify.classifier import Classifier
from monitor.classify.gazetteer import load_gazetteer
from monitor.classify.mentions import prepare_countries
from monitor.classify.records import Classification

MODES = ("model", "rules")


class TextClassifier(Protocol):
    """What ingest and reclassify need: `classify(text, title=...)` and a version."""

    @property
    def version(self) -> str: ...

    def classify(self, text: str, *, title: str = "") -> Classification: ...


def build_classifier(
    extra_gazetteers: Sequence[str | Path] = (),
    *,
    mode: str = "rules",
    model_dir: Path | None = None,
) -> TextClassifier:
    """`mode="model"`: the rules give sentences, mentions and conditions and the shipped
    stance model decides each (sentence, country) pair; `mode="rules"`: the rule engine
    alone (the fallback). A missing or altered model file raises ModelFileError naming it.
    """
    if mode not in MODES:
        raise ValueError(f"classifier mode {mode!r}: expected one of {', '.join(MODES)}")
    rules = Classifier(load_gazetteer(extra_gazetteers))
    prepare_countries(rules.gazetteer, rules.lexicon)  # at start, not on the first article
    if mode == "rules":
        return rules
    from monitor.classify.hybrid import ModelClassifier
    from monitor.classify.model import MODEL_DIR, StanceModel

    return ModelClassifier(rules, StanceModel(model_dir or MODEL_DIR))
