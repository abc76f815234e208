"""The SSRF address rules (domain.alerts.addresses): which addresses a webhook may be sent to, the IPv6 forms
that carry an IPv4 address, and the operator's allow-list."""

from __future__ import annotations

import ipaddress
import re

import pytest

from domain.alerts.addresses import parse_allow_list, refusal

REFUSED = [
    # address, a fragment of the reason
    ("127.0.0.1", "loopback address 127.0.0.1"),
    ("127.255.255.254", "loopback address"),
    ("::1", "loopback address ::1"),
    ("10.0.0.5", "private address 10.0.0.5"),
    ("172.16.0.1", "private address"),
    ("172.31.255.255", "private address"),
    ("192.168.1.1", "private address"),
    ("fc00::1", "private address"),
    ("fd12:3456::1", "private address"),
    ("169.254.1.1", "link-local address 169.254.1.1"),
    ("fe80::1", "link-local address fe80::1"),
    ("fe80::1%eth0", "link-local address fe80::1"),
    ("169.254.169.254", "cloud metadata address 169.254.169.254"),
    ("fd00:ec2::254", "cloud metadata address fd00:ec2::254"),
    ("100.100.100.200", "cloud metadata address 100.100.100.200"),
    ("168.63.129.16", "cloud metadata address"),
    ("100.64.0.1", "shared (CGNAT) address"),
    ("100.127.255.254", "shared (CGNAT) address"),
    ("0.0.0.0", "unspecified address"),
    ("::", "unspecified address"),
    ("0.1.2.3", "this-network address"),
    ("224.0.0.1", "multicast address"),
    ("239.255.255.250", "multicast address"),
    ("ff02::1", "multicast address"),
    ("255.255.255.255", "broadcast address"),
    ("240.0.0.1", "reserved address"),
    ("192.0.0.8", "IETF protocol assignment"),
    ("192.0.2.10", "documentation address"),
    ("198.18.0.1", "benchmarking address"),
    ("2001:db8::1", "documentation address"),
    ("fec0::1", "site-local address"),
    ("100::1", "discard-only address"),
    ("2001::1", "Teredo"),
    ("64:ff9b:1::1", "local-use NAT64"),
    ("4000::1", "reserved address"),
    # IPv6 forms carrying an IPv4 address, judged by it
    ("::ffff:127.0.0.1", "IPv4-mapped address"),
    ("::ffff:127.0.0.1", "embedding loopback address 127.0.0.1"),
    ("::ffff:169.254.169.254", "embedding cloud metadata address 169.254.169.254"),
    ("::ffff:10.1.2.3", "embedding private address 10.1.2.3"),
    ("::ffff:0:127.0.0.1", "IPv4-translated address"),
    ("2002:7f00:1::", "6to4 address"),
    ("2002:a9fe:a9fe::1", "embedding cloud metadata address 169.254.169.254"),
    ("64:ff9b::127.0.0.1", "NAT64 address"),
    ("64:ff9b::a00:1", "embedding private address 10.0.0.1"),
    ("::127.0.0.1", "IPv4-compatible address"),
    ("::192.168.0.1", "embedding private address 192.168.0.1"),
]

ALLOWED = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.32.0.1", "169.255.0.1",
           "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "2002:808:808::1",
           "64:ff9b::808:808"]


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_refused_addresses_say_why(address: str, reason: str) -> None:
    said = refusal(address)
    assert said is not None and reason in said, said


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal(address) is None
    assert refusal(ipaddress.ip_address(address)) is None


def test_an_address_object_is_judged_like_its_string() -> None:
    for address, _ in REFUSED:
        assert refusal(ipaddress.ip_address(address)) == refusal(address)


def test_the_allow_list_allows_whatever_is_inside_it_and_nothing_else() -> None:
    allow = parse_allow_list("127.0.0.0/8")
    assert refusal("127.0.0.1", allow) is None and refusal("127.9.9.9", allow) is None
    # the IPv4 address an IPv6 form carries is what is allowed
    assert refusal("::ffff:127.0.0.1", allow) is None
    assert refusal("::1", allow) == "loopback address ::1"  # another family, another network
    assert refusal("10.0.0.1", allow) == "private address 10.0.0.1"
    assert refusal("169.254.169.254", allow) == "cloud metadata address 169.254.169.254"
    both = parse_allow_list("127.0.0.0/8, ::1")
    assert refusal("::1", both) is None
    assert refusal("169.254.169.254", parse_allow_list("169.254.169.254")) is None  # the operator's call
    assert refusal("fe80::1%eth0", parse_allow_list("fe80::/10")) is None


def test_allow_list_parsing() -> None:
    assert parse_allow_list("") == ()
    assert parse_allow_list("  ") == ()
    assert parse_allow_list("127.0.0.0/8, ::1") == (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1"))
    assert parse_allow_list("10.0.0.0/8,,192.168.0.0/16,") == (ipaddress.ip_network("10.0.0.0/8"),
                                                                 ipaddress.ip_network("192.168.0.0/16"))
    with pytest.raises(ValueError, match="'nope'"):
        parse_allow_list("127.0.0.0/8, nope")
    with pytest.raises(ValueError, match=re.escape("did you mean 10.0.0.0/8?")):
        parse_allow_list("10.0.0.1/8")
    with pytest.raises(ValueError, match=re.escape("'300.1.1.1'")):
        parse_allow_list("300.1.1.1")


def test_an_unreadable_address_is_a_value_error() -> None:
    for bad in ("localhost", "127.1", "", "1.2.3.4.5", "[::1]"):
        with pytest.raises(ValueError):
            refusal(bad)
