"""The seed bar on ../shared: every labeled pair found, at most 2 extra, all relevant."""

from __future__ import annotations

import json
from pathlib import Path

from monitor.classify import classify


def test_seed_bar(shared_dir: Path) -> None:
    rows = [
        json.loads(line)
        for line in (shared_dir / "eval" / "seeds.labels.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert len(rows) == 5
    missing: list[str] = []
    extra: list[str] = []
    for row in rows:
        text = (shared_dir / "corpus" / "seeds" / row["file"]).read_text("utf-8")
        result = classify(text)
        assert result.relevant, row["file"]
        gold = {(s["actor"], s["stance"]) for s in row["stances"]}
        got = {(f.actor, f.stance.value) for f in result.stances}
        missing += [f"{row['file']} {p}" for p in sorted(gold - got)]
        extra += [f"{row['file']} {p}" for p in sorted(got - gold)]
        for f in result.stances:
            assert text[f.start : f.end] == f.evidence
    assert missing == []
    assert len(extra) <= 2, extra
