"""Minting Supabase-shaped HS256 tokens, for `ex7 token`, the dev token `ex7 serve` prints, and tests."""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt

# User ids derived from the email, so the same address always names the same dev user.
_DEV_NAMESPACE = uuid.UUID("6f1f3c3e-6d1a-4f0e-9a55-3e7c0de00e07")


def user_id_for(email: str) -> str:
    return str(uuid.uuid5(_DEV_NAMESPACE, email.strip().lower()))


def mint(
    secret: str, *, email: str, admin: bool = False, ttl: int = 3600, audience: str = "authenticated",
    issuer: str | None = None, sub: str | None = None, **extra: Any,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": sub or user_id_for(email),
        "email": email,
        "aud": audience,
        "role": "authenticated",
        "iat": now,
        "exp": now + ttl,
        "app_metadata": {"provider": "email", **({"role": "admin"} if admin else {})},
        **extra,
    }
    if issuer:
        claims["iss"] = issuer
    return jwt.encode(claims, secret, algorithm="HS256")
