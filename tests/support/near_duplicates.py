"""Near-duplicate fixtures: stories on one subject that must stay apart, and edited copies
of each that must join their original's group (tests/store/test_near_duplicates.py and
`bench/dedupe.py`, which reports the margin).

`tests/data/near_duplicates/` holds the originals (our own text, fictional outlets and
people): a1..a3 are three different reports about one statement (Norway's prime minister
offering engineers), b1..b2 two about another (Poland's defence minister ruling troops
out); reports on one statement quote the same sentence. The copies are the originals
with the edits below, as an aggregator or a partner outlet republishes them: a typo
fixed, a sentence reworded, the credit line or title changed, a paragraph dropped.
"""

from __future__ import annotations

from pathlib import Path

DIR = Path(__file__).resolve().parents[1] / "data" / "near_duplicates"

# copy name -> (original file, [(old, new), ...]); every `old` occurs in the original.
COPIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "a1-light": (
        "a1-oslo-wire.txt",
        [
            ("Solberg-Vik said in a speech", "Solberg-Vik said in a speach"),  # a typo
            (
                "She gave no date, saying the timing depended on negotiations",
                "She did not give a date and said the timing would depend on talks",
            ),
            ("Reporting by Lise Aamodt; editing by Paul Whitcombe", "Republished via NewsHub"),
        ],
    ),
    "a1-heavier": (
        "a1-oslo-wire.txt",
        [
            ("told parliament on Thursday", "told lawmakers on Thursday"),
            (
                "Opposition leaders broadly welcomed the statement, though",
                "Most opposition parties welcomed the plan, but",
            ),
            (
                "Norway, which shares a short border with Russia in the Arctic, has been among "
                "the largest donors of military and civilian aid to Ukraine relative to the "
                "size of its economy.\n",
                "",
            ),
        ],
    ),
    "a2-light": (
        "a2-oslo-local.txt",
        [
            ("Government sources put the likely size", "Sources in the government put the size"),
            ("Nordlys Tidende", "This article first appeared in Nordlys Tidende."),
        ],
    ),
    "a3-light": (
        "a3-oslo-analysis.txt",
        [
            ("Analysis: why Oslo moved first", "Why Oslo moved first"),
            ("Three reasons stand out.", "There are three reasons."),
            ("more than a year", "over a year"),
        ],
    ),
    "b1-light": (
        "b1-warsaw-wire.txt",
        [
            ("on Tuesday, adding that", "on Tuesday and added that"),
            ("The Kremlin did not comment.", "The Kremlin has not commented."),
            ("Reporting by Tomasz Nowicki; editing by Helen Marsh", "(c) Vistula Press"),
        ],
    ),
    "b2-light": (
        "b2-warsaw-explainer.txt",
        [
            ("Here is what the decision means.", "Here is what it means."),
            ("Baltic Ledger explainer desk", "Shared from Baltic Ledger. Sign in to comment."),
        ],
    ),
}

# Different stories on one subject: every pair of originals within a subject.
SUBJECTS = {"a": ("a1", "a2", "a3"), "b": ("b1", "b2")}


def original(name: str) -> str:
    return (DIR / name).read_text(encoding="utf-8")


def originals() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DIR.glob("*.txt"))}


def copy_text(name: str) -> str:
    source, edits = COPIES[name]
    text = original(source)
    for old, new in edits:
        if old not in text:
            raise ValueError(f"{name}: {old!r} not in {source}")
        text = text.replace(old, new, 1)
    return text
