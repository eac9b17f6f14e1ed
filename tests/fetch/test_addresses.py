"""The address policy: which resolved addresses the fetcher may connect to."""

from __future__ import annotations

import ipaddress

import pytest

from monitor.fetch.addresses import (
    AllowList,
    embedded_ipv4,
    parse_address,
    parse_rule,
    refusal_reason,
    vet_address,
)

REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.10.20.30", "loopback"),
    ("::1", "loopback"),
    ("10.11.12.13", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("fd12:3456::1", "private"),
    ("169.254.1.1", "link-local"),
    ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"),
    ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("100.64.0.1", "shared (CGNAT)"),
    ("100.127.255.254", "shared (CGNAT)"),
    ("198.18.0.1", "private"),  # benchmarking range
    ("192.0.2.10", "private"),  # documentation range
    ("255.255.255.255", "reserved"),
    # IPv6 spellings of IPv4 hosts are judged by the IPv4 host they reach.
    ("::ffff:10.0.0.1", "private"),
    ("::ffff:127.0.0.1", "loopback"),
    ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
    ("2002:c0a8:101::1", "private"),  # 6to4 of 192.168.1.1
    ("::a00:1", "private"),  # IPv4-compatible form of 10.0.0.1
]

METADATA = [
    "169.254.169.254",
    "169.254.170.2",
    "100.100.100.200",
    "fd00:ec2::254",
    "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe",
]

PUBLIC = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize(("text", "category"), REFUSED)
def test_non_public_addresses_are_refused_unless_allowed(text: str, category: str) -> None:
    address = ipaddress.ip_address(text)
    assert refusal_reason(address, allow_private=False) == f"{category} address"
    assert refusal_reason(address, allow_private=True) is None


@pytest.mark.parametrize("text", METADATA)
def test_metadata_addresses_are_refused_even_when_private_is_allowed(text: str) -> None:
    address = ipaddress.ip_address(text)
    assert refusal_reason(address, allow_private=False) == "cloud metadata address"
    assert refusal_reason(address, allow_private=True) == "cloud metadata address"


@pytest.mark.parametrize("text", PUBLIC)
def test_public_addresses_are_allowed(text: str) -> None:
    assert refusal_reason(ipaddress.ip_address(text), allow_private=False) is None


def test_embedded_ipv4_forms() -> None:
    v4 = ipaddress.IPv4Address("10.0.0.1")
    for text in ("::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::", "::a00:1"):
        assert embedded_ipv4(ipaddress.ip_address(text)) == v4, text
    assert embedded_ipv4(ipaddress.ip_address("2606:4700::1")) is None
    assert embedded_ipv4(ipaddress.ip_address("::1")) is None
    assert embedded_ipv4(v4) is None


def test_parse_address_drops_ipv6_zone() -> None:
    assert parse_address("fe80::1%eth0") == ipaddress.ip_address("fe80::1")
    with pytest.raises(ValueError):
        parse_address("example.org")


@pytest.mark.parametrize(
    "entry", ["", "a b", "host:", "host:0", "host:70000", "[::1", "[::1]x", "1.2.3.4:5:6", "12345"]
)
def test_bad_allow_list_entries_are_refused(entry: str) -> None:
    with pytest.raises(ValueError):
        parse_rule(entry)


@pytest.mark.parametrize(
    ("host", "address", "port", "allowed"),
    [
        ("127.0.0.1", "127.0.0.1", 18080, True),
        ("127.0.0.1", "127.0.0.1", 18081, False),  # another port on the same host
        ("127.0.0.2", "127.0.0.2", 18080, False),
        ("::1", "::1", 18080, False),
        ("::ffff:127.0.0.1", "::ffff:127.0.0.1", 18080, True),  # the same host, IPv6-spelled
        ("intranet.example", "10.9.9.9", 8443, True),
        ("INTRANET.example.", "10.9.9.9", 8443, True),
        ("intranet.example", "10.9.9.9", 443, False),
        ("other.example", "10.9.9.9", 8443, False),
        ("x", "10.1.2.200", 9, True),
        ("x", "10.1.3.1", 9, False),
        ("x", "100.64.0.1", 80, False),
        ("x", "169.254.169.254", 80, False),  # metadata: never
        ("news.example", "93.184.216.34", 80, True),  # public: always
    ],
)
def test_the_allow_list_is_exact(host: str, address: str, port: int, allowed: bool) -> None:
    rules = AllowList.parse(
        ["intranet.example:8443", "127.0.0.1:18080", "10.1.2.0/24", "169.254.169.254"]
    )
    reason = vet_address(ipaddress.ip_address(address), host=host, port=port, allow=rules)
    assert (reason is None) is allowed, reason
