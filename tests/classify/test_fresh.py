"""Generalisation batches: wire-copy sentences and short articles written for these tests."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from tests.classify.fresh_cases import ARTICLE_GAPS, ARTICLES, BATCHES, KNOWN_GAPS


def _param(batch: str, n: int, text: str, expected: set[tuple[str, str]]) -> object:
    marks = (
        [pytest.mark.xfail(strict=True, reason="known gap, see fresh_cases.KNOWN_GAPS")]
        if text in KNOWN_GAPS
        else []
    )
    return pytest.param(text, expected, id=f"{batch}-{n}", marks=marks)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        _param(batch, n, text, expected)
        for batch, rows in BATCHES.items()
        for n, (text, expected) in enumerate(rows)
    ],
)
def test_fresh_sentence(text: str, expected: set[tuple[str, str]]) -> None:
    result = classify(text)
    assert {(f.actor, f.stance.value) for f in result.stances} == expected


@pytest.mark.parametrize(
    ("title", "text", "relevant", "expected"),
    [
        pytest.param(
            title,
            text,
            relevant,
            expected,
            id=title,
            marks=[pytest.mark.xfail(strict=True, reason="known gap")]
            if title in ARTICLE_GAPS
            else [],
        )
        for title, text, relevant, expected in ARTICLES
    ],
)
def test_fresh_article(
    title: str, text: str, relevant: bool, expected: set[tuple[str, str]]
) -> None:
    result = classify(text, title=title)
    assert {(f.actor, f.stance.value) for f in result.stances} == expected


@pytest.mark.parametrize(
    ("title", "text", "relevant"),
    [pytest.param(t, x, r, id=t) for t, x, r, _ in ARTICLES],
)
def test_fresh_article_relevance(title: str, text: str, relevant: bool) -> None:
    assert classify(text, title=title).relevant is relevant


def test_batches_hold_enough_rows_and_few_gaps() -> None:
    rows = [text for batch in BATCHES.values() for text, _ in batch]
    assert len(rows) >= 300
    assert KNOWN_GAPS.issubset(rows)
    assert len(KNOWN_GAPS) / len(rows) < 0.05


def test_every_negative_row_gives_no_stance_at_all() -> None:
    # precision: a sentence labeled with no pair must not leak a stance through `findings`
    leaks = [
        text
        for batch in BATCHES.values()
        for text, expected in batch
        if not expected and text not in KNOWN_GAPS and classify(text).findings
    ]
    assert leaks == []
