"""The labeled real rows of ../shared/eval as units, with the lockbox and the folds.

The lockbox is a fixed part of dev2 (about 27% of its source articles, chosen by a
stable hash of the source URL; a source's sentences and article go together). It is
never used to tune rules or train a model and its errors are never printed; `make eval`
reports only its totals. The other rows (dev, the rest of dev2) are split into folds by
source, by the same kind of hash, for grouped cross-validation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

LOCKBOX_PERCENT = 27
LOCKBOX_SALT = "lockbox-2026-12"
FOLD_SALT = "fold-2026-12"


@dataclass(frozen=True, slots=True)
class Unit:
    """One labeled text: a sentence row (one or two sentences) or a whole article."""

    set_name: str  # dev-sentences, dev2-articles, ...
    kind: str  # "sentence" | "article"
    id: str
    group: str  # the source article (URL): folds and the lockbox keep a group together
    text: str
    title: str
    gold: frozenset[tuple[str, str]]
    relevant: bool | None  # articles only
    lockbox: bool


def _bucket(key: str, salt: str, n: int) -> int:
    digest = hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()
    return int(digest[:12], 16) % n


def in_lockbox(set_name: str, group: str) -> bool:
    return set_name.startswith("dev2") and _bucket(group, LOCKBOX_SALT, 100) < LOCKBOX_PERCENT


def fold_of(group: str, folds: int) -> int:
    return _bucket(group, FOLD_SALT, folds)


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_units(shared: Path) -> list[Unit]:
    out: list[Unit] = []
    for name in ("dev-sentences", "dev2-sentences", "dev-articles", "dev2-articles"):
        path = shared / "eval" / f"{name}.jsonl"
        if not path.exists():
            continue
        kind = "article" if name.endswith("articles") else "sentence"
        for row in _read(path):
            group = str(row.get("source_url") or row.get("article_ref") or row["id"])
            labels = row.get("labels") or []
            gold = frozenset((str(x["actor"]), str(x["stance"])) for x in labels)  # type: ignore[attr-defined]
            out.append(
                Unit(
                    set_name=name,
                    kind=kind,
                    id=str(row["id"]),
                    group=group,
                    text=str(row["text"]),
                    title=str(row.get("title") or row.get("source_title") or ""),
                    gold=gold,
                    relevant=bool(row["relevant"]) if kind == "article" else None,
                    lockbox=in_lockbox(name, group),
                )
            )
    return out
