"""The plain-text filter on the shared seed corpus: labeled boilerplate goes, the body stays.

Reads ../shared (skipped when absent); nothing from it is copied into the project.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from monitor.extract import extract_text_document

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(A-Z])")
MIN_SENTENCE_WORDS = 4


def _labels(shared_dir: Path) -> list[dict[str, object]]:
    path = shared_dir / "eval" / "seeds.labels.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _body_lines(text: str, boilerplate: list[str]) -> list[str]:
    """The seed's lines minus its labeled boilerplate. A label may be the start of a line:
    a credit in parentheses is cut off its line, any other label takes the whole line."""
    kept = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        for label in boilerplate:
            if line.startswith(label):
                is_credit = label.startswith("(") and label.endswith(")")
                line = line[len(label) :].strip() if is_credit else ""
        if line:
            kept.append(line)
    return kept


def _sentences(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        for sentence in _SENTENCE_BREAK.split(line):
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                found.append(sentence.strip())
    return found


def test_seed_labels_cover_every_seed(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert seeds
    assert {row["file"] for row in _labels(shared_dir)} == {path.name for path in seeds}


def test_every_seed_loses_its_boilerplate_and_keeps_its_body(shared_dir: Path) -> None:
    rows = _labels(shared_dir)
    for row in rows:
        boilerplate = [str(label) for label in row["boilerplate"]]  # type: ignore[attr-defined]
        raw = (shared_dir / "corpus" / "seeds" / str(row["file"])).read_text(encoding="utf-8")
        text = extract_text_document(raw).text
        lines = text.split("\n\n")
        for label in boilerplate:
            assert label not in lines, (row["file"], label)
            if len(label.split()) >= 3:
                assert label not in text, (row["file"], label)
        sentences = _sentences(_body_lines(raw, boilerplate))
        assert sentences, row["file"]
        flat = " ".join(text.split())
        for sentence in sentences:
            assert sentence in flat, (row["file"], sentence)


@pytest.mark.parametrize("name", ["002"])
def test_a_wrong_dateline_stays_out_of_the_text(shared_dir: Path, name: str) -> None:
    path = next((shared_dir / "corpus" / "seeds").glob(f"{name}_*.txt"))
    raw = path.read_text(encoding="utf-8")
    first_line = raw.strip().splitlines()[0].strip()
    art = extract_text_document(raw)
    assert first_line not in art.text
    # The header's date (January 2024) is not the article's: above the headline it is
    # the page's clock. The seed is dated by its labels; anything else is "unknown".
    month = next(r["published"] for r in _labels(shared_dir) if r["file"] == path.name)
    assert art.published is None or art.published.isoformat().startswith(str(month))


def test_no_seed_takes_a_date_its_labels_contradict(shared_dir: Path) -> None:
    for row in _labels(shared_dir):
        raw = (shared_dir / "corpus" / "seeds" / str(row["file"])).read_text(encoding="utf-8")
        art = extract_text_document(raw)
        if art.published is not None:
            assert art.published.isoformat().startswith(str(row["published"])), row["file"]
