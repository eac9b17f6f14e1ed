"""What ingest decides for fixed corpora: hashes, fingerprints, dedupe groups, verdicts.

Speed work must not change these. `tests/test_regression.py` compares them with
`tests/fixtures/regression.json`, which the code before the speed work wrote. Regenerate
(only when a change of results is intended, and say so in the commit):

    .venv/bin/python -m tests.support.regression --write

Sets: the bundled demo corpus, and when `../shared` is present its seed corpus and the
labeled article sets (their text is written to a temporary folder, never into the repo;
only hashes and verdicts are stored). Each set runs through the real import path
(`Ingestor.import_directory`: extract, normalize, hash, fingerprint, dedupe, classify,
store) into a fresh SQLite file, then the results are read back from the tables.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[2]
EXPECTED = REPO / "tests" / "fixtures" / "regression.json"
NOW = datetime(2026, 1, 20, 12, tzinfo=UTC)
JSONL_SETS = ("dev-articles", "dev2-articles")


def corpus_dirs(shared: Path | None, tmp: Path) -> dict[str, Path]:
    """The sets to run, name -> corpus directory (jsonl sets written out as .txt files)."""
    sets = {"demo": REPO / "feeds" / "demo"}
    if shared is None or not shared.is_dir():
        return sets
    if (shared / "corpus" / "seeds").is_dir():
        sets["seeds"] = shared / "corpus" / "seeds"
    for name in JSONL_SETS:
        path = shared / "eval" / f"{name}.jsonl"
        if not path.is_file():
            continue
        out = tmp / name
        out.mkdir()
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                text = f"{row.get('title') or ''}\n\n{row['text']}"
                (out / f"{row['id']}.txt").write_text(text, encoding="utf-8")
        sets[name] = out
    return sets


def _run_set(directory: Path, db_path: Path) -> dict[str, Any]:
    from monitor.ingest import Ingestor
    from monitor.store import open_database
    from monitor.wiring import make_classifier

    db = open_database(f"sqlite:///{db_path}")
    try:
        ingestor = Ingestor(db, None, clock=lambda: NOW, classifier=make_classifier())
        asyncio.run(ingestor.import_directory(directory, feed="regression"))
        return _read_back(db.engine)
    finally:
        db.dispose()


def _digest(keys: list[int]) -> str:
    return hashlib.sha256(",".join(map(str, sorted(keys))).encode()).hexdigest()[:16]


def _read_back(engine: sa.Engine) -> dict[str, Any]:
    """Per file: [content hash, fingerprint, group file]; verdicts per file, and the version.

    The fingerprint is the first 16 hex digits of the SHA-256 of the article's sorted LSH
    keys (monitor.normalize.fingerprint), so any change of them shows."""
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, url, content_hash, group_id FROM articles")).all()
        keys: dict[str, list[int]] = {}
        for aid, key in conn.execute(sa.text("SELECT article_id, key FROM article_lsh")):
            keys.setdefault(aid, []).append(int(key))
        name_of = {r.id: Path(r.url).name for r in rows}
        dedupe = {
            name_of[r.id]: [
                r.content_hash,
                _digest(keys.get(r.id, [])),
                name_of.get(r.group_id, r.group_id),
            ]
            for r in rows
        }
        classes = conn.execute(
            sa.text("SELECT article_id, relevant, classifier_version FROM classifications")
        ).all()
        observed = conn.execute(
            sa.text('SELECT article_id, actor, stance, start, "end" FROM observations')
        ).all()
    verdicts: dict[str, Any] = {
        name_of[c.article_id]: {"relevant": bool(c.relevant), "stances": []} for c in classes
    }
    for o in observed:
        verdicts[name_of[o.article_id]]["stances"].append([o.actor, o.stance, o.start, o.end])
    for v in verdicts.values():
        v["stances"].sort()
    versions = sorted({c.classifier_version for c in classes})
    return {
        "dedupe": dict(sorted(dedupe.items())),
        "verdicts": dict(sorted(verdicts.items())),
        "classifier_version": versions[0] if len(versions) == 1 else versions,
    }


def compute(shared: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        return {
            name: _run_set(directory, tmp / f"{name}.db")
            for name, directory in corpus_dirs(shared, tmp).items()
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {EXPECTED.name}")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    results = compute(args.shared)
    text = json.dumps(results, indent=1, sort_keys=True) + "\n"
    if args.write:
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text(text, encoding="utf-8")
        print(f"wrote {EXPECTED} ({', '.join(results)})")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
