"""Which IP addresses the fetcher may connect to: a pure policy over `ipaddress`."""

from __future__ import annotations

import ipaddress

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
