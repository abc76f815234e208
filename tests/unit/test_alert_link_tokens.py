"""Signed link tokens: they round-trip, and any change, another key, another purpose or the passing of their
expiry refuses them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from domain.alerts.errors import InvalidLinkToken
from domain.alerts.link_tokens import MAX_LENGTH, sign, verify

SECRET = b"0123456789abcdef0123456789abcdef"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
CHANNEL = "7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
STRATEGY = "0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c"

CLAIMS: list[dict[str, Any]] = [
    {"channel_id": CHANNEL, "strategy_id": STRATEGY},
    {"channel_id": CHANNEL, "strategy_id": None},  # unsubscribe from the whole channel
    {"n": 0, "big": 2**53, "neg": -1},
    {"name": "ünïcode ✓ \"quoted\" </script>"},
    {},
]


@pytest.mark.parametrize("claims", CLAIMS)
def test_a_token_round_trips_its_claims(claims: dict[str, Any]) -> None:
    token = sign(SECRET, "unsubscribe", claims, LATER)
    assert verify(SECRET, "unsubscribe", token, NOW) == claims  # without "exp"
    assert 16 <= len(token) <= 400
    assert all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in token)  # URL-safe as it is


def test_the_format_is_compact_json_and_a_full_hmac() -> None:
    token = sign(SECRET, "unsubscribe", {"channel_id": CHANNEL}, LATER)
    payload, signature = token.split(".")
    assert "=" not in token
    body = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert body == json.dumps({"channel_id": CHANNEL, "exp": int(LATER.timestamp())}, separators=(",", ":")).encode()
    assert len(base64.urlsafe_b64decode(signature + "=")) == 32


def test_signing_is_deterministic_and_the_purpose_is_signed() -> None:
    claims = {"channel_id": CHANNEL}
    assert sign(SECRET, "unsubscribe", claims, LATER) == sign(SECRET, "unsubscribe", claims, LATER)
    assert sign(SECRET, "unsubscribe", claims, LATER) != sign(SECRET, "verify", claims, LATER)


REFUSED: list[tuple[str, bytes, datetime, str]] = [
    # purpose at verification, secret, now, detail
    ("verify", SECRET, NOW, "signature does not match"),  # minted for unsubscribing
    ("unsubscribe", b"another secret, same length....", NOW, "signature does not match"),
    ("unsubscribe", SECRET, LATER, "expired on 2026-12-25T12:00:00Z"),  # at the instant of expiry
    ("unsubscribe", SECRET, LATER + timedelta(days=400), "expired on 2026-12-25T12:00:00Z"),
]


@pytest.mark.parametrize(("purpose", "secret", "now", "detail"), REFUSED)
def test_a_token_is_refused_for_another_purpose_key_or_after_expiry(purpose: str, secret: bytes, now: datetime,
                                                                    detail: str) -> None:
    token = sign(SECRET, "unsubscribe", {"channel_id": CHANNEL}, LATER)
    with pytest.raises(InvalidLinkToken) as caught:
        verify(secret, purpose, token, now)
    assert caught.value.detail == detail
    assert caught.value.code == "invalid_link_token"


def test_a_token_works_until_the_second_before_it_expires() -> None:
    token = sign(SECRET, "unsubscribe", {"channel_id": CHANNEL}, LATER)
    assert verify(SECRET, "unsubscribe", token, LATER - timedelta(seconds=1)) == {"channel_id": CHANNEL}
    # Any time zone: an instant is an instant.
    assert verify(SECRET, "unsubscribe", token, NOW.astimezone(timezone(timedelta(hours=-5)))) == {
        "channel_id": CHANNEL}


def test_any_single_character_changed_is_refused() -> None:
    token = sign(SECRET, "unsubscribe", {"channel_id": CHANNEL, "strategy_id": STRATEGY}, LATER)
    for i, ch in enumerate(token):
        for replacement in {"A", "_", "."} - {ch}:
            tampered = token[:i] + replacement + token[i + 1:]
            with pytest.raises(InvalidLinkToken) as caught:
                verify(SECRET, "unsubscribe", tampered, NOW)
            assert caught.value.detail in ("malformed", "signature does not match")


def test_claims_rewritten_without_the_key_are_refused() -> None:
    token = sign(SECRET, "unsubscribe", {"channel_id": CHANNEL}, NOW + timedelta(minutes=1))
    _, signature = token.split(".")
    forged = base64.urlsafe_b64encode(json.dumps({"channel_id": "someone-elses", "exp": 4102444800}).encode())
    with pytest.raises(InvalidLinkToken, match="signature does not match"):
        verify(SECRET, "unsubscribe", forged.decode().rstrip("=") + "." + signature, NOW)
    # Nor is the signature of one token valid on another's payload.
    other = sign(SECRET, "unsubscribe", {"channel_id": "someone-elses"}, LATER)
    with pytest.raises(InvalidLinkToken, match="signature does not match"):
        verify(SECRET, "unsubscribe", other.split(".")[0] + "." + signature, NOW)


MALFORMED = ["", ".", "abc", "a.b.c", "a..b", "a b.cd", "ab.c d", "a+b.cd", "ab.c/d", "é.a", "abc.", ".abc",
             "x" * (MAX_LENGTH + 1), "a." + "b" * MAX_LENGTH]


@pytest.mark.parametrize("token", MALFORMED)
def test_a_malformed_token_is_refused_as_malformed(token: str) -> None:
    with pytest.raises(InvalidLinkToken) as caught:
        verify(SECRET, "unsubscribe", token, NOW)
    assert caught.value.detail == "malformed"


def test_a_token_signed_over_something_that_is_not_our_payload_is_malformed() -> None:
    # Signed with our key (so it passes the signature) but not our payload format: refused all the same.
    for raw in (b"not json", b"[1, 2]", b'{"exp": "soon"}', b'{"no_exp": 1}', b'{"exp": true}'):
        payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        mac = hmac.new(SECRET, f"unsubscribe.{payload}".encode(), hashlib.sha256).digest()
        token = payload + "." + base64.urlsafe_b64encode(mac).decode().rstrip("=")
        with pytest.raises(InvalidLinkToken, match="malformed"):
            verify(SECRET, "unsubscribe", token, NOW)


@pytest.mark.parametrize(("secret", "purpose", "claims", "expires_at", "message"), [
    (b"", "unsubscribe", {}, LATER, "secret is empty"),
    (SECRET, "", {}, LATER, "purpose"),
    (SECRET, "un.subscribe", {}, LATER, "purpose"),
    (SECRET, "unsubscribe", {"exp": 1}, LATER, "exp"),
    (SECRET, "unsubscribe", {}, LATER.replace(tzinfo=None), "timezone-aware"),
    (SECRET, "unsubscribe", {"blob": "x" * 800}, LATER, "at most 1024"),
])
def test_signing_refuses_what_would_make_a_bad_token(secret: bytes, purpose: str, claims: dict[str, Any],
                                                      expires_at: datetime, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sign(secret, purpose, claims, expires_at)


def test_verifying_needs_an_aware_now() -> None:
    token = sign(SECRET, "unsubscribe", {}, LATER)
    with pytest.raises(ValueError, match="timezone-aware"):
        verify(SECRET, "unsubscribe", token, NOW.replace(tzinfo=None))
