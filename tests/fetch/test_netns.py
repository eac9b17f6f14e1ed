"""Address refusal for real, in a network namespace of its own that has only loopback.

The scenarios run in a child process under `unshare -n` (see `netns_scenarios.py`), with
private, CGNAT and metadata addresses put on that namespace's `lo` and a server on each,
so a broken guard reaches those servers and nothing else.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.netns


def _unshare_problem() -> str | None:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "needs unshare(1) and ip(8)"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare -n is not permitted here: {probe.stderr.strip()}"
    return None


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    problem = _unshare_problem()
    if problem:
        pytest.skip(problem)
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "tests.fetch.netns_scenarios"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    parsed: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return parsed


def test_a_public_address_is_fetched(results: dict[str, dict[str, Any]]) -> None:
    for name in ("public_allowed", "public_by_name"):
        assert results[name]["outcome"] == "ok", results[name]
        assert "<title>ok</title>" in results[name]["detail"]
        assert results[name]["hits"]["public"] == 1


@pytest.mark.parametrize(
    ("scenario", "target"),
    [
        ("private", "private"),
        ("cgnat", "cgnat"),
        ("metadata", "metadata"),
        ("metadata_even_if_private_allowed", "metadata"),
        ("metadata_ipv6", "metadata6"),
        ("ipv4_mapped_ipv6", "private"),
        ("decimal_ip", "private"),
        ("mixed_answers", "private"),
        ("private_after_pooled", "private"),
        ("robots_private", "private"),
    ],
)
def test_refused_before_any_request(
    results: dict[str, dict[str, Any]], scenario: str, target: str
) -> None:
    result = results[scenario]
    assert result["outcome"] == "BlockedAddressError", result
    assert result["hits"][target] == 0
    assert sum(result["hits"].values()) == 0


def test_loopback_is_refused(results: dict[str, dict[str, Any]]) -> None:
    assert results["loopback"]["outcome"] == "BlockedAddressError"
    assert "loopback" in results["loopback"]["detail"]


@pytest.mark.parametrize(
    ("scenario", "first", "refused"),
    [
        ("redirect_public_to_private", "public", "private"),
        ("redirect_public_to_metadata", "public", "metadata"),
        ("redirect_public_to_mapped", "public", "private"),
        ("redirect_private_to_metadata_with_permission", "private", "metadata"),
    ],
)
def test_a_redirect_hop_to_a_refused_address_is_refused(
    results: dict[str, dict[str, Any]], scenario: str, first: str, refused: str
) -> None:
    result = results[scenario]
    assert result["outcome"] == "BlockedAddressError", result
    assert result["hits"][first] == 1
    assert result["hits"][refused] == 0


def test_dns_rebinding_connects_to_the_address_that_was_checked(
    results: dict[str, dict[str, Any]],
) -> None:
    result = results["rebinding"]
    assert result["outcome"] == "ok", result
    assert result["lookups"] == 1
    assert result["hits"] == {**{k: 0 for k in result["hits"]}, "public": 1}


def test_private_is_reachable_when_the_feed_allows_it(
    results: dict[str, dict[str, Any]],
) -> None:
    assert results["private_with_permission"]["outcome"] == "ok"
    assert results["private_with_permission"]["hits"]["private"] == 1


def test_an_allow_listed_host_port_is_reachable(results: dict[str, dict[str, Any]]) -> None:
    for name in ("allow_listed", "allow_listed_redirect_to_self"):
        assert results[name]["outcome"] == "ok", results[name]
        assert sum(results[name]["hits"].values()) == results[name]["hits"]["allowed"] >= 1


@pytest.mark.parametrize(
    "scenario",
    [
        "allow_listed_to_second",
        "allow_listed_to_loop2",
        "allow_listed_to_loop6",
        "allow_listed_to_private",
        "allow_listed_to_cgnat",
        "allow_listed_to_octal",
        "allow_listed_to_hex",
        "allow_listed_to_metadata-name",
    ],
)
def test_every_other_hop_stays_refused(results: dict[str, dict[str, Any]], scenario: str) -> None:
    result = results[scenario]
    assert result["outcome"] == "BlockedAddressError", result
    # Only the first (allow-listed) hop was served; the second listener got nothing.
    assert result["hits"]["allowed"] == 1
    assert sum(result["hits"].values()) == 1


@pytest.mark.parametrize(
    "scenario",
    [
        "second_direct",
        "robots_second",
        "pooled_without_permission",
        "name_rule_other_name",
        "network_rule_cgnat",
        "metadata_never_allow_listed",
    ],
)
def test_what_the_allow_list_does_not_name_is_refused(
    results: dict[str, dict[str, Any]], scenario: str
) -> None:
    result = results[scenario]
    assert result["outcome"] == "BlockedAddressError", result
    assert sum(result["hits"].values()) == 0


def test_name_and_network_rules_reach_their_hosts(results: dict[str, dict[str, Any]]) -> None:
    for name in ("name_rule", "network_rule"):
        assert results[name]["outcome"] == "ok", results[name]
        assert results[name]["hits"]["private"] == 1
