"""Alert destinations: what each channel type accepts, the one form it is stored in, and how it is shown.

A destination is normalised once, when the channel is created, so that the uniqueness of (type,
destination), deduplication and suppression by address all compare like with like. Only the shape
is checked here: whether a webhook's host is, or resolves to, a private address is a question for
the network (it is asked again at every send, since a name can be re-pointed), so it lives outside
the domain. The one exception is plain http, which the contract refuses as `destination_not_allowed`
(a real webhook URL, but not one we send to), not as a malformed destination.

Masks are for display: an API answer or a page never shows a full destination, only enough of it for
the owner to recognise it.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Literal, get_args
from urllib.parse import urlsplit

from domain.alerts.errors import DestinationNotAllowed, InvalidDestination

ChannelType = Literal["email", "telegram", "webhook", "sms"]
CHANNEL_TYPES: tuple[ChannelType, ...] = get_args(ChannelType)

EMAIL_MAX = 254  # RFC 5321's limit on a forward path, less the angle brackets
EMAIL_LOCAL_MAX = 64
URL_MAX = 2048  # the contract's maxLength for a destination

# The dot-atom of RFC 5322: quoted local parts and comments are legal but no provider we send through
# takes them, and a non-ASCII local part needs SMTPUTF8, which we cannot count on either.
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
# A DNS label: letters, digits and hyphens, not at either end (punycode "xn--" labels fit).
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_TELEGRAM = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
_E164 = re.compile(r"\+[0-9]{8,15}")
# RFC 3986's characters (unreserved, reserved and "%"). Anything else (spaces, quotes, "<>", "\\", "{}",
# non-ASCII) is refused rather than encoded: a URL that two parsers could read differently is exactly
# how a host check gets bypassed (`https://evil.example\@good.example`).
_URL_STRAY = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def normalize_destination(channel_type: ChannelType, raw: str, *, allow_http: bool = False) -> str:
    """The stored form of `raw` as a `channel_type` destination, or `InvalidDestination` saying what is wrong.

    A webhook URL over plain http raises `DestinationNotAllowed` unless `allow_http` (for tests and
    self-hosters whose receiver is on the same machine)."""
    if channel_type == "email":
        return _email(raw)
    if channel_type == "telegram":
        return _telegram(raw)
    if channel_type == "webhook":
        return _webhook(raw, allow_http=allow_http)
    if channel_type == "sms":
        return _sms(raw)
    # The wire schema already limits the type; reaching this is a caller's bug, not the user's input.
    raise ValueError(f"unknown channel type {channel_type!r}")


def _refuse_control(value: str, what: str) -> None:
    for ch in value:
        if ch.isspace() or not ch.isprintable():
            raise InvalidDestination(f"The {what} contains a space or control character ({ch!r}).")


def _email(raw: str) -> str:
    address = raw.strip()
    if not address:
        raise InvalidDestination("The email address is empty.")
    _refuse_control(address, "email address")
    if len(address) > EMAIL_MAX:
        raise InvalidDestination(f"The email address is longer than {EMAIL_MAX} characters.")
    if address.count("@") != 1:
        raise InvalidDestination("An email address has exactly one @.")
    local, domain = address.split("@")
    if not local:
        raise InvalidDestination("The email address has nothing before the @.")
    if len(local) > EMAIL_LOCAL_MAX:
        raise InvalidDestination(f"The part before the @ is longer than {EMAIL_LOCAL_MAX} characters.")
    atoms = local.split(".")
    if not all(_ATEXT.fullmatch(atom) for atom in atoms):
        raise InvalidDestination(
            "The part before the @ may hold only letters, digits and !#$%&'*+/=?^_`{|}~- , "
            "with single dots between them (not at either end)."
        )
    _email_domain(domain)
    return address.lower()


def _email_domain(domain: str) -> None:
    if not domain:
        raise InvalidDestination("The email address has no domain after the @.")
    if not domain.isascii():
        raise InvalidDestination("The email domain must be ASCII: write an internationalised domain as punycode "
                                 "(xn--...).")
    labels = domain.split(".")
    if len(labels) < 2:
        raise InvalidDestination("The email domain needs a dot (example.com).")
    for label in labels:
        if not label:
            raise InvalidDestination("The email domain has an empty part (two dots, or a dot at an end).")
        if not _LABEL.fullmatch(label):
            raise InvalidDestination(
                f"The email domain's part {label!r} is not a domain label (letters, digits and inner hyphens, "
                "1 to 63 characters)."
            )
    if labels[-1].isdigit():
        # No top-level domain is numeric: "user@10.0.0.1" is an address literal in disguise.
        raise InvalidDestination("The email domain ends in a number; use a domain name.")


def _telegram(raw: str) -> str:
    handle = raw.strip()
    name = handle[1:] if handle.startswith("@") else handle
    if not _TELEGRAM.fullmatch(name):
        raise InvalidDestination(
            "A Telegram handle is @name: 5 to 32 letters, digits or underscores, starting with a letter."
        )
    return "@" + name.lower()


def _sms(raw: str) -> str:
    number = raw.strip()
    if not _E164.fullmatch(number) or number[1] == "0":
        raise InvalidDestination(
            "A phone number is written in E.164: + and 8 to 15 digits, country code first (+15550100006)."
        )
    return number


def _webhook(raw: str, *, allow_http: bool) -> str:
    url = raw.strip()
    if not url:
        raise InvalidDestination("The webhook URL is empty.")
    # Before parsing: urlsplit silently drops tabs and newlines, so it would "accept" them.
    _refuse_control(url, "webhook URL")
    if len(url) > URL_MAX:
        raise InvalidDestination(f"The webhook URL is longer than {URL_MAX} characters.")
    stray = _URL_STRAY.search(url)
    if stray is not None:
        raise InvalidDestination(
            f"The webhook URL contains {stray.group()!r}, which a URL cannot hold as is: percent-encode it "
            "(and write an internationalised host as punycode)."
        )
    if _BAD_PERCENT.search(url):
        raise InvalidDestination("The webhook URL has a % that is not followed by two hex digits.")
    if "#" in url:
        # A fragment is never sent to the server: refused so that what the user sees is what we call.
        raise InvalidDestination("The webhook URL has a #fragment; remove it (it is never sent to the server).")
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # unbalanced [ ] around an IPv6 host
        raise InvalidDestination(f"The webhook URL cannot be read: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not url[len(parts.scheme):].startswith("://"):
        raise InvalidDestination("The webhook URL must be an absolute https:// URL.")
    if scheme == "http" and not allow_http:
        raise DestinationNotAllowed("Webhook URLs must use https.")
    netloc = parts.netloc
    if "@" in netloc:
        raise InvalidDestination("The webhook URL must not carry a user or password (user:password@host).")
    # The authority split here, strictly (host or [v6], then :digits), not by urlsplit, which lets
    # "host:80:90" and "[::1]x" through and reads "+80" as a port.
    if netloc.startswith("["):
        inside, bracket, port = netloc[1:].partition("]")
        host = inside.lower() if bracket else ""
        if port and not port.startswith(":"):
            raise InvalidDestination("The webhook URL has text between the ] of its IPv6 host and the port.")
        port, colon = port[1:], bool(port)
    else:
        host, colon_text, port = netloc.partition(":")
        host, colon = host.lower(), bool(colon_text)
    if not host:
        raise InvalidDestination("The webhook URL has no host.")
    _webhook_host(host, bracketed=netloc.startswith("["))
    if colon:
        if not port.isdigit():
            raise InvalidDestination("The webhook URL's port must be digits after the : (or no : at all).")
        if not 1 <= int(port) <= 65535:
            raise InvalidDestination("The webhook URL's port must be between 1 and 65535.")
    # Everything after the host is the user's, byte for byte: only scheme and host are case-insensitive.
    rest = url[len(parts.scheme) + 3 + len(netloc):]
    return f"{scheme}://{netloc.lower()}{rest}"


def _webhook_host(host: str, *, bracketed: bool) -> None:
    """`host` lower-cased, an IPv6 literal without its brackets: a DNS name or an IP literal."""
    if bracketed:
        if "%" in host:
            raise InvalidDestination("The webhook URL's IPv6 host must not carry a zone (%...).")
        try:
            ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise InvalidDestination(f"The webhook URL's host [{host}] is not an IPv6 address.") from exc
        return
    labels = host.split(".")
    if labels[-1].isdigit() or labels[-1].startswith("0x"):
        # Only the canonical dotted quad: resolvers also read "2130706433", "0x7f.1" and "127.1" as
        # 127.0.0.1, which would slip past a check that looks at the text.
        try:
            ipaddress.IPv4Address(host)
        except ValueError as exc:
            raise InvalidDestination(
                f"The webhook URL's host {host!r} looks numeric but is not a dotted IPv4 address."
            ) from exc
        return
    for label in labels:
        if not label:
            raise InvalidDestination("The webhook URL's host has an empty part (two dots, or a dot at an end).")
        if not _LABEL.fullmatch(label):
            raise InvalidDestination(
                f"The webhook URL's host part {label!r} is not a domain label (letters, digits and inner "
                "hyphens, 1 to 63 characters)."
            )


# ---- display -------------------------------------------------------------------------------------------


def mask(channel_type: ChannelType, destination: str, label: str | None = None) -> str:
    """`destination` as it may be shown: enough to recognise it, never all of it.

    `label` is what the user typed for a Telegram channel (the handle) when the destination itself has
    become the numeric chat id the bot reported."""
    if channel_type == "email":
        local, at, domain = destination.rpartition("@")
        return f"{local[:1]}***@{domain}" if at and local else "***"
    if channel_type == "telegram":
        if label:
            return _mask_handle(label)
        chat = destination.removeprefix("-")
        if chat.isdigit():
            return "***" + chat[-4:] if len(chat) > 4 else "***"
        return _mask_handle(destination)
    if channel_type == "webhook":
        try:
            parts = urlsplit(destination)
        except ValueError:
            return "***"
        netloc = parts.netloc.rpartition("@")[2].lower()
        return f"{parts.scheme.lower()}://{netloc}/***" if parts.scheme and netloc else "***"
    if channel_type == "sms":
        return f"{destination[:2]}***{destination[-4:]}" if len(destination) > 6 else "***"
    raise ValueError(f"unknown channel type {channel_type!r}")


def _mask_handle(handle: str) -> str:
    name = handle.strip().removeprefix("@").lower()
    return f"@{name[:2]}***" if len(name) > 2 else "@***"
