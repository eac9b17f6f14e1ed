"""Speed work changes no result: hashes, fingerprints, dedupe groups and verdicts of fixed
corpora are the ones the code before it gave (tests/fixtures/regression.json).

Dedupe results (content hash, LSH fingerprint, group) must match exactly. Verdicts are compared
only while the classifier has the version that wrote the file: a new classifier version
changes verdicts on purpose, and then `python -m tests.support.regression --write`
records its results (in the commit that changes the version).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from monitor.classify import CLASSIFIER_VERSION
from tests.conftest import shared_path
from tests.support import regression


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(regression.EXPECTED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def actual() -> dict[str, Any]:
    shared = shared_path()
    return regression.compute(shared if (shared / "eval").is_dir() else None)


def _sets(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    missing = set(expected) - set(actual)
    if missing - {"seeds", *regression.JSONL_SETS}:
        raise AssertionError(f"sets not computed: {sorted(missing)}")
    return sorted(set(expected) & set(actual))


def test_hashes_fingerprints_and_groups_are_unchanged(
    expected: dict[str, Any], actual: dict[str, Any]
) -> None:
    names = _sets(expected, actual)
    assert "demo" in names
    for name in names:
        assert actual[name]["dedupe"] == expected[name]["dedupe"], name
    # The demo corpus has a syndicated copy: the groups are not trivially one per article.
    groups = {g for _, _, g in expected["demo"]["dedupe"].values()}
    assert len(groups) < len(expected["demo"]["dedupe"])


def test_verdicts_are_unchanged_for_the_same_classifier_version(
    expected: dict[str, Any], actual: dict[str, Any]
) -> None:
    written_by = expected["demo"]["classifier_version"]
    if written_by != CLASSIFIER_VERSION:
        pytest.skip(
            f"classifier {CLASSIFIER_VERSION} is not {written_by}, which wrote the file: "
            "regenerate with `python -m tests.support.regression --write`"
        )
    for name in _sets(expected, actual):
        assert actual[name]["classifier_version"] == written_by, name
        assert actual[name]["verdicts"] == expected[name]["verdicts"], name


def test_the_expected_file_covers_the_demo_corpus() -> None:
    demo = Path(regression.REPO / "feeds" / "demo")
    files = {p.name for p in demo.iterdir() if p.suffix in (".txt", ".html")}
    data = json.loads(regression.EXPECTED.read_text(encoding="utf-8"))
    assert set(data["demo"]["dedupe"]) <= files and len(data["demo"]["dedupe"]) >= 10
