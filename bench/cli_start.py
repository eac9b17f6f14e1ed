"""CLI start-up: time of `monitor --help` and of each command's --help (target: under
0.5 s), and the modules that `-X importtime` finds slowest for `monitor --help`.

    .venv/bin/python bench/cli_start.py [--rounds 5]

Each figure is the fastest of the rounds (a burst of load elsewhere on the machine
must not count); the process runs as `python -m monitor`, as the console script does.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = [
    [],
    ["run"],
    ["poll"],
    ["feeds"],
    ["config"],
    ["alerts"],
    ["stances"],
    ["history"],
    ["import"],
    ["export"],
    ["classify"],
    ["serve"],
]
TARGET_S = 0.5


def timed(argv: list[str], rounds: int) -> tuple[float, float]:
    """(wall, CPU) seconds of the fastest round. CPU time (user + system of the child)
    is what the command costs; wall time adds waiting for a core on a loaded machine."""
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=False)
        # A command that fails at import starts fast: a failure is not a figure.
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv[1:])} exited {done.returncode}:\n{done.stderr}")
        best_wall = min(best_wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu = min(best_cpu, cpu)
    return best_wall, best_cpu


def slowest_imports(n: int = 8) -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "monitor", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    top_level = [(us, name.strip()) for us, name in rows if not name.startswith("   ")]
    return sorted(top_level, reverse=True)[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    py_wall, py_cpu = timed([sys.executable, "-c", "pass"], args.rounds)
    print(
        f"cli start, fastest of {args.rounds} (bare python: {py_wall * 1000:.0f} ms wall, "
        f"{py_cpu * 1000:.0f} ms CPU; load average {os.getloadavg()[0]:.1f})"
    )
    print(f"  {'command':<32} {'wall':>7} {'CPU':>7}")
    worst = 0.0
    for command in COMMANDS:
        wall_s, cpu_s = timed([sys.executable, "-m", "monitor", *command, "--help"], args.rounds)
        worst = max(worst, cpu_s)
        name = " ".join(["monitor", *command, "--help"])
        print(f"  {name:<32} {wall_s * 1000:5.0f}ms {cpu_s * 1000:5.0f}ms")
    verdict = "met" if worst < TARGET_S else "MISSED"
    print(f"  slowest {worst * 1000:.0f} ms CPU; target {TARGET_S * 1000:.0f} ms: {verdict}")
    print("  slowest top-level imports of `monitor --help` (cumulative):")
    for us, name in slowest_imports():
        print(f"    {us / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
