"""Which network addresses a webhook may be sent to: the address half of the SSRF guard (no I/O).

A webhook URL is the user's, so without a guard any user could make the server POST to its own loopback,
to the private network behind it, or to a cloud metadata service (whose answers carry credentials).
`refusal` says why an address is off limits, or None when it is an ordinary public address. The
network half (resolving names, and connecting only to the addresses judged) is
services/alert_transports.py.

The ranges are written out here, not taken from `ipaddress`'s `is_private`/`is_global`: those flags
changed within patch releases of one Python (3.11.10 and 3.12.4 redrew the IPv6 special-purpose
ranges), and a security rule must not move with the interpreter. The flags are still asked, after the
tables, as a backstop that can only refuse more.

IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-translated, IPv4-compatible, 6to4, NAT64)
are judged by that IPv4 address: `::ffff:127.0.0.1` reaches the loopback like `127.0.0.1` does, on a
dual-stack host. A network of the operator's allow-list (EX7_WEBHOOK_ALLOW_NETWORKS, e.g.
127.0.0.0/8 for a receiver on the same machine in tests) allows whatever is inside it.
"""

from __future__ import annotations

import ipaddress
from typing import TypeAlias

Address: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
Network: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
AllowList: TypeAlias = tuple[Network, ...]

_v4 = ipaddress.IPv4Network
_v6 = ipaddress.IPv6Network

# Instance metadata services: AWS/GCP/Azure/OpenStack/DigitalOcean (169.254.169.254), AWS over IPv6
# (fd00:ec2::254), Alibaba (100.100.100.200), Azure's WireServer (168.63.129.16: public space, but
# answered only from inside Azure, where it hands out the VM's configuration).
_METADATA: frozenset[Address] = frozenset(map(ipaddress.ip_address, (
    "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "168.63.129.16")))

# First match wins, so the specific entries come before the ranges that contain them.
_V4_RANGES: tuple[tuple[ipaddress.IPv4Network, str], ...] = (
    (_v4("0.0.0.0/32"), "unspecified address"),
    (_v4("0.0.0.0/8"), "this-network address"),
    (_v4("10.0.0.0/8"), "private address"),
    (_v4("100.64.0.0/10"), "shared (CGNAT) address"),
    (_v4("127.0.0.0/8"), "loopback address"),
    (_v4("169.254.0.0/16"), "link-local address"),
    (_v4("172.16.0.0/12"), "private address"),
    (_v4("192.0.0.0/24"), "IETF protocol assignment address"),
    (_v4("192.0.2.0/24"), "documentation address"),
    (_v4("192.88.99.0/24"), "reserved address (6to4 relay anycast)"),
    (_v4("192.168.0.0/16"), "private address"),
    (_v4("198.18.0.0/15"), "benchmarking address"),
    (_v4("198.51.100.0/24"), "documentation address"),
    (_v4("203.0.113.0/24"), "documentation address"),
    (_v4("224.0.0.0/4"), "multicast address"),
    (_v4("255.255.255.255/32"), "broadcast address"),
    (_v4("240.0.0.0/4"), "reserved address"),
)

_V6_RANGES: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    (_v6("::/128"), "unspecified address"),
    (_v6("::1/128"), "loopback address"),
    (_v6("64:ff9b:1::/48"), "local-use NAT64 address"),
    (_v6("100::/64"), "discard-only address"),
    (_v6("2001::/32"), "Teredo tunnel address"),
    (_v6("2001::/23"), "IETF protocol assignment address"),
    (_v6("2001:db8::/32"), "documentation address"),
    (_v6("3fff::/20"), "documentation address"),
    (_v6("5f00::/16"), "segment routing (SRv6) address"),
    (_v6("fc00::/7"), "private address"),
    (_v6("fe80::/10"), "link-local address"),
    (_v6("fec0::/10"), "site-local address"),
    (_v6("ff00::/8"), "multicast address"),
)
_V6_GLOBAL_UNICAST = _v6("2000::/3")

# IPv6 prefixes whose last 32 bits are an IPv4 address (RFC 4291, 2765, 6052); 6to4 (2002::/16) carries
# it in bits 16-48 instead and is read by `sixtofour`.
_EMBEDDING: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    (_v6("::ffff:0:0/96"), "IPv4-mapped address"),
    (_v6("::ffff:0:0:0/96"), "IPv4-translated address"),
    (_v6("64:ff9b::/96"), "NAT64 address"),
    (_v6("::/96"), "IPv4-compatible address"),
)


def parse_allow_list(text: str) -> AllowList:
    """EX7_WEBHOOK_ALLOW_NETWORKS: comma-separated networks or single addresses ("127.0.0.0/8, ::1").
    Empty: (). A bad entry is a ValueError naming it; so is a network with host bits set
    ("10.0.0.1/8"), which would otherwise silently allow far more than was written."""
    networks: list[Network] = []
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=True))
        except ValueError as exc:
            hint = ""
            try:
                hint = f"; did you mean {ipaddress.ip_network(entry, strict=False)}?"
            except ValueError:
                pass
            raise ValueError(f"not a network or address in the webhook allow-list: {entry!r} ({exc}){hint}") from None
    return tuple(networks)


def refusal(address: str | Address, allow: AllowList = ()) -> str | None:
    """None when a webhook may be sent to `address`; else a short reason naming it ("loopback address
    127.0.0.1"). A string is parsed, scope included ("fe80::1%eth0"); an unreadable one is a ValueError."""
    addr = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(addr, ipaddress.IPv6Address) and addr.scope_id is not None:
        addr = ipaddress.IPv6Address(int(addr))  # the scope picks an interface, not another address
    if _allowed(addr, allow):
        return None
    if isinstance(addr, ipaddress.IPv4Address):
        return _refusal_v4(addr)
    embedded = _embedded_v4(addr)
    if embedded is not None:
        kind, v4 = embedded
        if _allowed(v4, allow):
            return None
        inner = _refusal_v4(v4)
        return None if inner is None else f"{kind} {addr} (embedding {inner})"
    return _refusal_v6(addr)


def _allowed(addr: Address, allow: AllowList) -> bool:
    return any(addr.version == net.version and addr in net for net in allow)


def _refusal_v4(addr: ipaddress.IPv4Address) -> str | None:
    if addr in _METADATA:
        return f"cloud metadata address {addr}"
    for net, reason in _V4_RANGES:
        if addr in net:
            return f"{reason} {addr}"
    return _backstop(addr)


def _refusal_v6(addr: ipaddress.IPv6Address) -> str | None:
    if addr in _METADATA:
        return f"cloud metadata address {addr}"
    for net, reason in _V6_RANGES:
        if addr in net:
            return f"{reason} {addr}"
    if addr not in _V6_GLOBAL_UNICAST:
        return f"reserved address {addr}"
    return _backstop(addr)


def _embedded_v4(addr: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    if addr.sixtofour is not None:
        return "6to4 address", addr.sixtofour
    for net, kind in _EMBEDDING:
        # :: and ::1 sit in ::/96 but are IPv6's own unspecified and loopback addresses.
        if addr in net and not (kind == "IPv4-compatible address" and int(addr) <= 1):
            return kind, ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def _backstop(addr: Address) -> str | None:
    if (addr.is_private or addr.is_reserved or addr.is_loopback or addr.is_link_local or addr.is_multicast
            or addr.is_unspecified or not addr.is_global):
        return f"special-purpose address {addr}"
    return None
