"""The hostile corpus polled in a network namespace with only loopback (`unshare -n`):
every attack ends with its error kind or warning, and while the corpus server is the one
allow-listed host:port, a second loopback listener (and the private, CGNAT and metadata
listeners the redirects point at) receives nothing: not a feed hop, an article link,
robots.txt or a webhook. Skipped, with the reason, where `unshare -n` is not permitted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from monitor.errors import ErrorKind
from tests.fetch.test_netns import _unshare_problem
from tests.hostile.corpus import cases

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.netns


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    problem = _unshare_problem()
    if problem:
        pytest.skip(problem)
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "tests.hostile.netns_corpus"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def test_every_class_ends_with_its_kind(results: dict[str, Any]) -> None:
    got = results["cases"]
    assert sorted(got) == sorted(c.name for c in cases())
    wrong = {}
    for name, r in got.items():
        expected = r["expected"]
        if expected is None:
            ok = r["kind"] is None and r["error"] is None
        elif expected in set(ErrorKind):
            ok = r["kind"] == expected
        else:  # a warning: the poll succeeded and said what it worked around
            ok = r["kind"] is None and expected in (r["warnings"] or "")
        if not ok:
            wrong[name] = r
    assert not wrong, wrong
    assert results["internal"] == []


def test_nothing_but_the_allow_listed_server_is_reached(results: dict[str, Any]) -> None:
    assert results["corpus_hits"] > len(results["cases"])  # the corpus was really polled
    assert results["hits"] == {name: 0 for name in results["hits"]}
    assert set(results["hits"]) == {"second", "loopback6", "private", "cgnat", "metadata"}


def test_article_links_and_robots_to_the_second_listener_are_refused(
    results: dict[str, Any],
) -> None:
    assert set(results["links"].values()) == {"blocked_private_address"}, results["links"]
    assert len(results["links"]) == 3


def test_webhooks_to_the_second_listener_are_refused(results: dict[str, Any]) -> None:
    assert results["webhook"] == {
        "webhook": "blocked_private_address",
        "webhook2": "blocked_private_address",
    }
