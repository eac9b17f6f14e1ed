"""Which IP addresses the fetcher may connect to: a pure policy over `ipaddress`."""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from monitor.records import FeedDef

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Instance-metadata endpoints hand out cloud credentials; they are refused even for
# feeds allowed to reach private addresses, since no news feed lives there.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean
        "169.254.169.253",  # AWS VPC DNS
        "169.254.169.123",  # AWS time sync
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.170.23",  # AWS EKS pod identity
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (legacy)
        "fd00:ec2::254",  # AWS IPv6 metadata
        "fd00:ec2::253",  # AWS IPv6 DNS
        "fd00:ec2::123",  # AWS IPv6 time sync
        "fd00:ec2::23",  # AWS IPv6 EKS pod identity
    )
)

# The names those endpoints go by inside their clouds; refused before any lookup, since
# outside a cloud they fail as DNS errors that would hide what was attempted.
METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.tencentyun.com",
        "metadata.platformequinix.com",
    }
)

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def parse_address(text: str) -> IPAddress:
    """Parse an address as the resolver gives it, dropping an IPv6 zone ("fe80::1%eth0")."""
    return ipaddress.ip_address(text.split("%", 1)[0])


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address reaches through mapping, NAT64, 6to4 or compat form.

    >>> embedded_ipv4(ipaddress.ip_address("::ffff:10.0.0.1"))
    IPv4Address('10.0.0.1')
    """
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    low32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if any(address in net for net in _NAT64):
        return low32
    if address in _IPV4_COMPATIBLE and int(address) > 1:
        return low32
    return None


def _category(address: IPAddress) -> str | None:
    """Why a plain (non-embedding) address is not on the public internet, or None."""
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in _CGNAT:
        return "shared (CGNAT)"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    if not address.is_global:
        return "non-global"
    return None


def refusal_reason(address: IPAddress, *, allow_private: bool) -> str | None:
    """Why connecting to `address` is refused, or None when it is allowed.

    With `allow_private` only metadata endpoints stay refused.

    >>> refusal_reason(ipaddress.ip_address("127.0.0.1"), allow_private=False)
    'loopback address'
    >>> refusal_reason(ipaddress.ip_address("127.0.0.1"), allow_private=True) is None
    True
    >>> refusal_reason(ipaddress.ip_address("::ffff:169.254.169.254"), allow_private=True)
    'cloud metadata address'
    """
    # An IPv6 form that carries an IPv4 address is judged by the IPv4 host it reaches.
    category = _category(embedded_ipv4(address) or address)
    if category is None or (allow_private and category != "cloud metadata"):
        return None
    return f"{category} address"


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class AllowRule:
    """One allow-list entry: a network (an address is a /32 or /128) or a host name,
    with a port or any port."""

    network: IPNetwork | None = None
    name: str | None = None  # lower-case, no trailing dot
    port: int | None = None

    def matches(self, host: str, address: IPAddress, port: int) -> bool:
        if self.port is not None and self.port != port:
            return False
        if self.network is not None:
            candidates = [address, embedded_ipv4(address)]
            return any(a is not None and a in self.network for a in candidates)
        return self.name == host.lower().rstrip(".")


@dataclass(frozen=True, slots=True)
class AllowList:
    """The private addresses one feed (or the webhooks) may reach, exactly.

    Public addresses are always allowed and cloud metadata ones never. A private,
    loopback, link-local or CGNAT address is allowed only when a rule matches the
    address actually connected to (network rules) or the host name it was reached by
    (name rules), and the port. `all_private` is the old `allow_private = true`: every
    non-metadata address, which a feed should only need for tests.

    >>> rules = AllowList.parse(["127.0.0.1:18080", "10.1.2.0/24", "intranet.example:8443"])
    >>> rules.allows("127.0.0.1", ipaddress.ip_address("127.0.0.1"), 18080)
    True
    >>> rules.allows("127.0.0.1", ipaddress.ip_address("127.0.0.1"), 18081)
    False
    >>> rules.allows("intranet.example", ipaddress.ip_address("10.9.9.9"), 8443)
    True
    """

    rules: tuple[AllowRule, ...] = ()
    all_private: bool = False

    @classmethod
    def parse(cls, entries: Iterable[str], *, all_private: bool = False) -> AllowList:
        """Rules from "host:port", "host", "10.0.0.0/8", "[::1]:8080"; ValueError names
        the entry that is none of these."""
        return cls(tuple(parse_rule(e) for e in entries), all_private)

    def allows(self, host: str, address: IPAddress, port: int) -> bool:
        return any(rule.matches(host, address, port) for rule in self.rules)

    def __bool__(self) -> bool:
        return self.all_private or bool(self.rules)


NO_PRIVATE = AllowList()
ALL_PRIVATE = AllowList(all_private=True)
_NAME_RULE = re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_-]{1,63})*$")


def parse_rule(entry: str) -> AllowRule:
    """One allow-list entry as a rule.

    >>> parse_rule("[::1]:8080")
    AllowRule(network=IPv6Network('::1/128'), name=None, port=8080)
    >>> parse_rule("Intranet.Example")
    AllowRule(network=None, name='intranet.example', port=None)
    """
    text = entry.strip().lower()
    host, port = text, None
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        port = None if bracket else -1
        rest = rest if bracket else ""
        if rest:
            port = _port(rest.removeprefix(":"), entry) if rest.startswith(":") else -1
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
        port = _port(port_text, entry)
    if port == -1:
        raise ValueError(f"not a host, host:port or network: {entry!r}")
    try:
        return AllowRule(network=ipaddress.ip_network(host, strict=False), port=port)
    except ValueError:
        pass
    name = host.rstrip(".")
    if not _NAME_RULE.match(name) or name.replace(".", "").isdigit():
        raise ValueError(f"not a host, host:port or network: {entry!r}")
    return AllowRule(name=name, port=port)


def _port(text: str, entry: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ValueError(f"bad port in {entry!r}")
    return int(text)


def vet_address(address: IPAddress, *, host: str, port: int, allow: AllowList) -> str | None:
    """Why connecting to `address` (reached as `host`:`port`) is refused, or None.

    >>> allow = AllowList.parse(["127.0.0.1:18080"])
    >>> vet_address(ipaddress.ip_address("127.0.0.1"), host="127.0.0.1", port=18081, allow=allow)
    'loopback address not on the allow-list'
    """
    reason = refusal_reason(address, allow_private=allow.all_private)
    if reason is None or reason == "cloud metadata address":
        return reason
    if allow.allows(host, address, port):
        return None
    return f"{reason} not on the allow-list" if allow.rules else reason


def feed_allow_list(feed: FeedDef) -> AllowList:
    """The allow-list of a feed definition (validated when the file was loaded)."""
    return _parsed(tuple(feed.allow_hosts), feed.allow_private)


@functools.lru_cache(maxsize=4096)
def _parsed(entries: tuple[str, ...], all_private: bool) -> AllowList:
    # Asked on every poll; parsing addresses each time cost more than the lookup.
    return AllowList.parse(entries, all_private=all_private)
