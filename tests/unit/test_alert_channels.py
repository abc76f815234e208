"""Alert destinations: what each channel type accepts and stores, what it refuses and why, and how it is masked."""

from __future__ import annotations

import pytest

from domain.alerts.channels import CHANNEL_TYPES, ChannelType, mask, normalize_destination
from domain.alerts.errors import DestinationNotAllowed, InvalidDestination

VALID: list[tuple[ChannelType, str, bool, str]] = [
    # type, raw, allow_http, stored
    ("email", "trader@example.com", False, "trader@example.com"),
    ("email", "  T.Rader+ex7@Mail.Example.COM \n", False, "t.rader+ex7@mail.example.com"),  # trimmed, lower-cased
    ("email", "o'brien@xn--bcher-kva.example", False, "o'brien@xn--bcher-kva.example"),  # punycode IDN
    ("email", "a@b.co", False, "a@b.co"),
    ("email", "x" * 64 + "@example.com", False, "x" * 64 + "@example.com"),  # longest local part
    ("email", "u@" + "a" * 63 + ".com", False, "u@" + "a" * 63 + ".com"),  # longest label
    ("telegram", "@Trader_Joe", False, "@trader_joe"),
    ("telegram", "trader_joe", False, "@trader_joe"),  # the @ is optional
    ("telegram", " abcde ", False, "@abcde"),  # 5 characters, trimmed
    ("telegram", "a" + "b" * 31, False, "@a" + "b" * 31),  # 32 characters
    ("webhook", "https://hooks.example.com/ex7", False, "https://hooks.example.com/ex7"),
    # scheme and host lower-cased; path and query kept byte for byte
    ("webhook", "HTTPS://Hooks.Example.COM:8443/Path/To?Token=AbC&x=%2F", False,
     "https://hooks.example.com:8443/Path/To?Token=AbC&x=%2F"),
    ("webhook", "https://hooks.example.com", False, "https://hooks.example.com"),
    ("webhook", "https://hooks.example.com?x=1", False, "https://hooks.example.com?x=1"),
    ("webhook", "https://203.0.113.7:65535/h", False, "https://203.0.113.7:65535/h"),  # the policy check is elsewhere
    ("webhook", "https://[2001:DB8::1]:1/h", False, "https://[2001:db8::1]:1/h"),
    ("webhook", "http://127.0.0.1:8080/hook", True, "http://127.0.0.1:8080/hook"),
    ("sms", "+15550100006", False, "+15550100006"),
    ("sms", " +4915123456789 ", False, "+4915123456789"),
]

INVALID: list[tuple[ChannelType, str, bool, type[Exception], str]] = [
    # type, raw, allow_http, error, a fragment of its detail
    ("email", "", False, InvalidDestination, "empty"),
    ("email", "   ", False, InvalidDestination, "empty"),
    ("email", "trader.example.com", False, InvalidDestination, "one @"),
    ("email", "a@b@example.com", False, InvalidDestination, "one @"),
    ("email", "@example.com", False, InvalidDestination, "nothing before"),
    ("email", "x" * 65 + "@example.com", False, InvalidDestination, "64"),
    ("email", "u@" + "a" * 250 + ".com", False, InvalidDestination, "254"),
    ("email", "tra der@example.com", False, InvalidDestination, "space"),
    ("email", "trader@exam\x00ple.com", False, InvalidDestination, "control"),
    ("email", "trader@example.com\r\nBcc: victim@example.com", False, InvalidDestination, "control"),
    ("email", "a..b@example.com", False, InvalidDestination, "single dots"),
    ("email", ".a@example.com", False, InvalidDestination, "single dots"),
    ("email", '"quoted"@example.com', False, InvalidDestination, "before the @"),
    ("email", "<a@example.com>", False, InvalidDestination, "before the @"),
    ("email", "trader@", False, InvalidDestination, "no domain"),
    ("email", "trader@localhost", False, InvalidDestination, "needs a dot"),
    ("email", "trader@example..com", False, InvalidDestination, "empty part"),
    ("email", "trader@example.com.", False, InvalidDestination, "empty part"),
    ("email", "trader@-example.com", False, InvalidDestination, "domain label"),
    ("email", "trader@exa_mple.com", False, InvalidDestination, "domain label"),
    ("email", "trader@" + "a" * 64 + ".com", False, InvalidDestination, "domain label"),
    ("email", "trader@10.0.0.1", False, InvalidDestination, "number"),
    ("email", "trader@[10.0.0.1]", False, InvalidDestination, "domain label"),
    ("email", "trader@bücher.example", False, InvalidDestination, "punycode"),
    ("telegram", "", False, InvalidDestination, "5 to 32"),
    ("telegram", "@abcd", False, InvalidDestination, "5 to 32"),  # 4 characters
    ("telegram", "a" * 33, False, InvalidDestination, "5 to 32"),
    ("telegram", "@1trader", False, InvalidDestination, "starting with a letter"),
    ("telegram", "@_trader", False, InvalidDestination, "starting with a letter"),
    ("telegram", "@trader-joe", False, InvalidDestination, "letters, digits or underscores"),
    ("telegram", "@@trader", False, InvalidDestination, "@name"),
    ("telegram", "https://t.me/trader", False, InvalidDestination, "@name"),
    ("webhook", "", False, InvalidDestination, "empty"),
    ("webhook", "hooks.example.com/ex7", False, InvalidDestination, "absolute https://"),
    ("webhook", "/ex7", False, InvalidDestination, "absolute https://"),
    ("webhook", "https:hooks.example.com", False, InvalidDestination, "absolute https://"),
    ("webhook", "ftp://hooks.example.com/", False, InvalidDestination, "absolute https://"),
    ("webhook", "javascript:alert(1)", False, InvalidDestination, "absolute https://"),
    ("webhook", "http://hooks.example.com/ex7", False, DestinationNotAllowed, "https"),
    ("webhook", "https://", False, InvalidDestination, "no host"),
    ("webhook", "https:///ex7", False, InvalidDestination, "no host"),
    ("webhook", "https://:443/ex7", False, InvalidDestination, "no host"),
    ("webhook", "https://user:pw@hooks.example.com/", False, InvalidDestination, "user or password"),
    ("webhook", "https://good.example.com@evil.example/", False, InvalidDestination, "user or password"),
    ("webhook", "https://hooks.example.com/ex7#frag", False, InvalidDestination, "#fragment"),
    ("webhook", "https://hooks.example.com/ex7#", False, InvalidDestination, "#fragment"),  # refused, not stripped
    ("webhook", "https://hooks.example.com/" + "a" * 2048, False, InvalidDestination, "2048"),
    ("webhook", "https://hooks.example.com:0/", False, InvalidDestination, "between 1 and 65535"),
    ("webhook", "https://hooks.example.com:65536/", False, InvalidDestination, "between 1 and 65535"),
    ("webhook", "https://hooks.example.com:/", False, InvalidDestination, "digits"),
    ("webhook", "https://hooks.example.com:+443/", False, InvalidDestination, "digits"),
    ("webhook", "https://hooks.example.com:443:80/", False, InvalidDestination, "digits"),
    ("webhook", "https://hooks.example.com:https/", False, InvalidDestination, "digits"),
    ("webhook", "https://hooks.exa mple.com/", False, InvalidDestination, "space"),
    ("webhook", "https://hooks.example.com/a\tb", False, InvalidDestination, "control"),  # urlsplit drops tabs
    ("webhook", "https://hooks.example.com/\nHost: evil", False, InvalidDestination, "control"),
    ("webhook", "https://evil.example\\@good.example/", False, InvalidDestination, "'\\\\'"),
    ("webhook", 'https://hooks.example.com/"><script>', False, InvalidDestination, "percent-encode"),
    ("webhook", "https://hooks.example.com/ünïcode", False, InvalidDestination, "percent-encode"),
    ("webhook", "https://bücher.example/", False, InvalidDestination, "punycode"),
    ("webhook", "https://hooks.example.com/%zz", False, InvalidDestination, "two hex digits"),
    ("webhook", "https://ho%6Fks.example.com/", False, InvalidDestination, "domain label"),
    ("webhook", "https://hooks..example.com/", False, InvalidDestination, "empty part"),
    ("webhook", "https://-hooks.example.com/", False, InvalidDestination, "domain label"),
    ("webhook", "https://ho_oks.example.com/", False, InvalidDestination, "domain label"),
    # Numeric hosts that resolvers read as 127.0.0.1: only a canonical dotted quad passes the shape check.
    ("webhook", "https://2130706433/", False, InvalidDestination, "dotted IPv4"),
    ("webhook", "https://0x7f000001/", False, InvalidDestination, "dotted IPv4"),
    ("webhook", "https://0x7f.1/", False, InvalidDestination, "dotted IPv4"),
    ("webhook", "https://127.1/", False, InvalidDestination, "dotted IPv4"),
    ("webhook", "https://0127.0.0.1/", False, InvalidDestination, "dotted IPv4"),
    ("webhook", "https://[::1/", False, InvalidDestination, "cannot be read"),
    ("webhook", "https://[::1]x/", False, InvalidDestination, "between the ]"),
    ("webhook", "https://[not:an:address]/", False, InvalidDestination, "IPv6"),
    ("webhook", "https://[fe80::1%25eth0]/", False, InvalidDestination, "zone"),
    ("sms", "15550100006", False, InvalidDestination, "E.164"),
    ("sms", "+1555010", False, InvalidDestination, "E.164"),  # 7 digits
    ("sms", "+1234567890123456", False, InvalidDestination, "E.164"),  # 16 digits
    ("sms", "+1 555 010 0006", False, InvalidDestination, "E.164"),
    ("sms", "+05550100006", False, InvalidDestination, "E.164"),
]


@pytest.mark.parametrize(("channel_type", "raw", "allow_http", "stored"), VALID)
def test_a_valid_destination_is_stored_in_its_normal_form(channel_type: ChannelType, raw: str, allow_http: bool,
                                                          stored: str) -> None:
    assert normalize_destination(channel_type, raw, allow_http=allow_http) == stored
    # Normal forms are fixed points: normalising twice changes nothing (uniqueness compares stored forms).
    assert normalize_destination(channel_type, stored, allow_http=allow_http) == stored


@pytest.mark.parametrize(("channel_type", "raw", "allow_http", "error", "detail"), INVALID)
def test_an_invalid_destination_is_refused_saying_why(channel_type: ChannelType, raw: str, allow_http: bool,
                                                      error: type[Exception], detail: str) -> None:
    with pytest.raises(error) as caught:
        normalize_destination(channel_type, raw, allow_http=allow_http)
    assert type(caught.value) is error
    assert detail in str(caught.value), str(caught.value)


def test_http_is_refused_as_not_allowed_unless_allowed() -> None:
    with pytest.raises(DestinationNotAllowed) as caught:
        normalize_destination("webhook", "HTTP://hooks.example.com/x")
    assert caught.value.code == "destination_not_allowed" and caught.value.status == 422
    assert normalize_destination("webhook", "HTTP://hooks.example.com/x", allow_http=True) == "http://hooks.example.com/x"


def test_refusals_carry_the_contract_code() -> None:
    with pytest.raises(InvalidDestination) as caught:
        normalize_destination("email", "nope")
    assert caught.value.code == "invalid_destination" and caught.value.status == 422


def test_an_unknown_channel_type_is_a_bug_not_a_422() -> None:
    with pytest.raises(ValueError, match="unknown channel type"):
        normalize_destination("pager", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown channel type"):
        mask("pager", "x")  # type: ignore[arg-type]
    assert CHANNEL_TYPES == ("email", "telegram", "webhook", "sms")


MASKS: list[tuple[ChannelType, str, str | None, str]] = [
    # type, destination, label, shown
    ("email", "trader@example.com", None, "t***@example.com"),
    ("email", "t@example.com", None, "t***@example.com"),
    ("email", "not-an-address", None, "***"),
    ("telegram", "@trader_joe", None, "@tr***"),
    ("telegram", "123456789", "@trader_joe", "@tr***"),  # the handle the user typed, not the chat id
    ("telegram", "123456789", "Trader_Joe", "@tr***"),
    ("telegram", "123456789", None, "***6789"),
    ("telegram", "-1001234566789", None, "***6789"),  # a group's chat id
    ("telegram", "1234", None, "***"),  # too short to show any of it
    ("webhook", "https://hooks.example.com/ex7/secret-token?key=abc", None, "https://hooks.example.com/***"),
    ("webhook", "https://hooks.example.com:8443/x", None, "https://hooks.example.com:8443/***"),
    ("webhook", "https://[2001:db8::1]:8443/x", None, "https://[2001:db8::1]:8443/***"),
    ("webhook", "https://user:pw@hooks.example.com/x", None, "https://hooks.example.com/***"),  # never the password
    ("webhook", "not a url", None, "***"),
    ("sms", "+15550100006", None, "+1***0006"),
    ("sms", "+123", None, "***"),
]


@pytest.mark.parametrize(("channel_type", "destination", "label", "shown"), MASKS)
def test_a_destination_is_masked_for_display(channel_type: ChannelType, destination: str, label: str | None,
                                             shown: str) -> None:
    assert mask(channel_type, destination, label) == shown


@pytest.mark.parametrize(("channel_type", "raw", "allow_http", "stored"), VALID)
def test_a_mask_never_shows_the_whole_destination(channel_type: ChannelType, raw: str, allow_http: bool,
                                                  stored: str) -> None:
    shown = mask(channel_type, stored)
    assert "***" in shown and shown != stored
    if channel_type == "webhook":
        # What shows is the URL's scheme://host[:port], nothing of its path or query (either may hold a token).
        prefix = shown.removesuffix("/***")
        assert stored.startswith(prefix) and "/" not in prefix.split("://", 1)[1] and "?" not in prefix
    else:
        assert stored not in shown
