"""The examples in the classifier's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "monitor.classify.text",
    "monitor.classify.gazetteer",
    "monitor.classify.cue_lexicon",
    "monitor.classify.lexicon",
    "monitor.classify.conditions",
    "monitor.classify.relevance",
    "monitor.classify.classifier",
    "monitor.classify.ellipsis",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
