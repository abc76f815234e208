"""Signed, expiring tokens for the links in alerts (unsubscribe, verify): stateless, so a link works without
a row per email sent, and small enough for a URL and a List-Unsubscribe header.

    token = base64url(payload) "." base64url(HMAC-SHA256(secret, purpose "." base64url(payload)))

The payload is compact JSON of the claims plus "exp" (unix seconds). The purpose is signed but not
carried: a token minted for one purpose ("unsubscribe") never verifies for another ("verify"), even
with equal claims. The signature is compared on its canonical base64url text, in constant time, and
before the payload is decoded, so nothing an attacker wrote is parsed until it is known to be ours.
The claims are readable by anyone holding the link: put identifiers in them, never secrets.

Single use, where a purpose needs it, is the caller's: a token says who and until when, not whether
it has been used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from domain.alerts.errors import InvalidLinkToken

MAX_LENGTH = 1024  # the contract's maxLength for a token
_B64URL = re.compile(r"[A-Za-z0-9_-]+")


def sign(secret: bytes, purpose: str, claims: Mapping[str, str | int | None], expires_at: datetime) -> str:
    """A token carrying `claims` for `purpose`, valid until `expires_at` (aware; whole seconds, rounded down).

    ValueError for an empty secret or purpose, a purpose with a ".", a claim named "exp", or claims too
    large for a token of MAX_LENGTH characters (a few ids fit many times over)."""
    if not secret:
        raise ValueError("the signing secret is empty")
    if not purpose or "." in purpose:
        raise ValueError(f"a purpose is a non-empty word without dots, not {purpose!r}")
    if "exp" in claims:
        raise ValueError('"exp" is the token\'s own claim')
    if expires_at.utcoffset() is None:
        raise ValueError("expires_at must be timezone-aware")
    body = {**claims, "exp": int(expires_at.timestamp())}
    payload = _encode(json.dumps(body, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    token = f"{payload}.{_signature(secret, purpose, payload)}"
    if len(token) > MAX_LENGTH:
        raise ValueError(f"the claims make a token of {len(token)} characters; at most {MAX_LENGTH} fit a link")
    return token


def verify(secret: bytes, purpose: str, token: str, now: datetime) -> dict[str, Any]:
    """The claims of `token` (without "exp") if it was signed with `secret` for `purpose` and has not expired
    at `now`; else InvalidLinkToken with detail "malformed", "signature does not match" or "expired on <when>"."""
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if not isinstance(token, str) or len(token) > MAX_LENGTH or token.count(".") != 1:
        raise InvalidLinkToken("malformed")
    payload, signature = token.split(".")
    if not _B64URL.fullmatch(payload) or not _B64URL.fullmatch(signature):
        raise InvalidLinkToken("malformed")
    expected = _signature(secret, purpose, payload)
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii")):
        raise InvalidLinkToken("signature does not match")
    try:
        body: Any = json.loads(_decode(payload).decode("utf-8"))
    except (ValueError, binascii.Error) as exc:  # signed by us, so only an old or foreign format gets here
        raise InvalidLinkToken("malformed") from exc
    exp = body.get("exp") if isinstance(body, dict) else None
    if not isinstance(exp, int) or isinstance(exp, bool):
        raise InvalidLinkToken("malformed")
    if now.timestamp() >= exp:
        when = datetime.fromtimestamp(exp, UTC).isoformat().replace("+00:00", "Z")
        raise InvalidLinkToken(f"expired on {when}")
    return {key: value for key, value in body.items() if key != "exp"}


def _signature(secret: bytes, purpose: str, payload: str) -> str:
    return _encode(hmac.new(secret, f"{purpose}.{payload}".encode(), hashlib.sha256).digest())


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
