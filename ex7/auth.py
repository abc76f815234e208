"""Supabase-compatible JWT verification.

HS256 tokens are checked with the shared secret (SUPABASE_JWT_SECRET); ES256/RS256 tokens with the
key of their `kid` from the JWKS (SUPABASE_JWKS_URL), fetched with aiohttp and cached. The algorithm
is chosen by which key verifies it, never by the token alone: an HS256 token is only ever checked
against the shared secret, so a token "signed" with a public key as HMAC secret fails, and `alg: none`
is refused. `aud`, `exp`, `sub` (a UUID) and, when configured, `iss` are required.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

import aiohttp
import jwt
from connexion.exceptions import OAuthProblem
from connexion.lifecycle import ConnexionRequest

from db.errors import DatabaseUnavailable
from ex7.scope import deps_of

log = logging.getLogger(__name__)

ASYMMETRIC = ("ES256", "RS256")
# An unknown kid triggers a JWKS refetch at most this often, so forged kids cannot hammer the provider.
_REFETCH_INTERVAL = 30.0


class AuthError(Exception):
    """The token is missing, malformed, expired, or not ours. The message is safe to show the caller."""


class TokenVerifier:
    def __init__(
        self, *, secret: str | None, jwks_url: str | None, audience: str, issuer: str | None,
        jwks_cache_seconds: int = 600,
    ) -> None:
        self._secret = secret
        self._jwks_url = jwks_url
        self._audience = audience
        self._issuer = issuer
        self._cache_seconds = jwks_cache_seconds
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthError("The token is not a well-formed JWT.") from exc
        alg = header.get("alg")
        key: Any
        if alg == "HS256":
            if not self._secret:
                raise AuthError("HS256 tokens are not accepted by this server.")
            key = self._secret
        elif alg in ASYMMETRIC:
            if not self._jwks_url:
                raise AuthError(f"{alg} tokens are not accepted by this server.")
            kid = header.get("kid")
            if not isinstance(kid, str) or not kid:
                raise AuthError("The token has no key id (kid).")
            jwk = await self._key_for(kid)
            if jwk.algorithm_name != alg:
                raise AuthError("The token's algorithm does not match its key.")
            key = jwk.key
        else:
            raise AuthError(f"Signing algorithm {alg!r} is not accepted.")
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=[alg], audience=self._audience, issuer=self._issuer,
                options={"require": ["exp", "sub", "aud"], "verify_iss": self._issuer is not None},
                leeway=5,
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("The token has expired.") from exc
        except jwt.InvalidAudienceError as exc:
            raise AuthError("The token is for another audience.") from exc
        except jwt.InvalidIssuerError as exc:
            raise AuthError("The token is from another issuer.") from exc
        except jwt.PyJWTError as exc:
            raise AuthError(f"The token is not valid: {exc}") from exc
        if not _is_canonical_uuid(claims["sub"]):
            raise AuthError("The token's subject is not a user id (a lower-case UUID such as Supabase issues).")
        return claims

    async def _key_for(self, kid: str) -> jwt.PyJWK:
        now = time.monotonic()
        stale = now - self._fetched_at > self._cache_seconds
        if kid not in self._keys or stale:
            async with self._lock:
                now = time.monotonic()
                expired = now - self._fetched_at > self._cache_seconds
                if expired or (kid not in self._keys and now - self._fetched_at > _REFETCH_INTERVAL):
                    await self._fetch_jwks()
        try:
            return self._keys[kid]
        except KeyError:
            raise AuthError("The token was signed with an unknown key.") from None

    async def _fetch_jwks(self) -> None:
        assert self._jwks_url is not None
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        try:
            async with self._session.get(self._jwks_url, allow_redirects=False) as resp:
                resp.raise_for_status()
                document = await resp.json(content_type=None)
            keys = {}
            for entry in document.get("keys", []):
                try:
                    jwk = jwt.PyJWK.from_dict(entry)
                except jwt.PyJWTError:
                    continue  # a key type we do not use (e.g. an encryption key) is not an error
                if jwk.key_id and jwk.algorithm_name in ASYMMETRIC:
                    keys[jwk.key_id] = jwk
        except (TimeoutError, aiohttp.ClientError, ValueError, AttributeError) as exc:
            # Keep serving with the keys we had; the next unknown kid retries after the interval.
            log.warning("could not fetch JWKS from %s: %s", self._jwks_url, exc)
            self._fetched_at = time.monotonic() - self._cache_seconds + _REFETCH_INTERVAL
            return
        self._keys = keys
        self._fetched_at = time.monotonic()


def _is_canonical_uuid(value: Any) -> bool:
    # Only the form Supabase issues (and PostgreSQL prints): Python's UUID() also accepts braces,
    # `urn:uuid:` and missing hyphens, which PostgreSQL's uuid type refuses.
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def is_admin(claims: dict[str, Any]) -> bool:
    """Supabase puts roles an admin grants in `app_metadata` (which users cannot edit themselves)."""
    meta = claims.get("app_metadata")
    return isinstance(meta, dict) and meta.get("role") == "admin"


async def verify_bearer(token: str, request: ConnexionRequest) -> dict[str, Any]:
    """Connexion's x-bearerInfoFunc: verified claims become `token_info`, `sub` becomes `user`."""
    deps = deps_of(request)
    try:
        claims = await deps.verifier.verify(token)
    except AuthError as exc:
        raise OAuthProblem(detail=str(exc)) from exc
    try:
        await deps.users.seen(claims)
    except DatabaseUnavailable:
        # The token is valid whether or not the users row can be written now (it is tried again on the
        # next request). Each operation answers an outage its own way: most with a 503 when they open
        # their transaction, GET /api/risk with "trading blocked" (fail-closed), which a 503 here would
        # have pre-empted.
        log.warning("could not record user %s as seen: the database is unavailable", claims["sub"])
    return claims
