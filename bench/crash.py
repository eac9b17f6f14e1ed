"""Crash test (issue 14): SIGKILL `monitor run` 20 times during ingest and delivery, then
check that every story listed was stored once and every alert delivered at least once.

Five local feeds list 16 stories (each a new country's stance, pages fetched), revealed
one per run; a signed webhook receiver answers slowly so that kills land mid-delivery
too. Leases are short (poll deadline 3 s + 1 s, delivery 3 x a 1 s send timeout) so that
each restarted worker takes over at once. Bounded: 20 kills, then one clean run. The
scenario is tests/support/crash.py; tests/test_crash_run.py runs a shorter one.

Usage: python bench/crash.py [--kills N] [--database URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.crash import run_crash  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        result = run_crash(root, args.database or f"sqlite:///{root}/crash.db", kills=args.kills)
    print("\n".join(result.lines()))
    if not result.ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
