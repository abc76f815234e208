"""Supabase-compatible JWTs (OWASP API2: broken authentication). Every bad token is a 401 with
WWW-Authenticate: Bearer; good HS256, ES256 and RS256 tokens work; the caller's user row is created."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import psycopg2
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from ex7.app import create_app
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.users import TEST_SECRET

ISSUER = "https://testref.supabase.co/auth/v1"


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {"sub": str(uuid.uuid4()), "aud": "authenticated", "role": "authenticated", "iat": now, "exp": now + 600,
            "email": "someone@example.com", "iss": ISSUER}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def assert_401(resp: httpx.Response) -> None:
    assert_problem(resp, 401, "invalid_token")
    assert resp.headers["www-authenticate"].startswith("Bearer")


# --- HS256 against the shared test server ------------------------------------------------------------

def test_valid_hs256_token_is_accepted(client: httpx.Client) -> None:
    token = jwt.encode(claims(), TEST_SECRET, algorithm="HS256")
    assert client.get("/api/instruments", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("header", [None, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt", "Bearer a.b"])
def test_missing_or_malformed_authorization_is_401(client: httpx.Client, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    assert_401(client.get("/api/instruments", headers=headers))


def test_alg_none_is_401(client: httpx.Client) -> None:
    unsigned = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims()).encode()) + "."
    assert_401(client.get("/api/instruments", headers={"Authorization": f"Bearer {unsigned}"}))


@pytest.mark.parametrize(
    "bad",
    [
        {"aud": "anon-or-other"},
        {"exp": int(time.time()) - 3600},
        {"exp": None},
        {"sub": None},
        {"sub": "not-a-uuid"},
        # Python's UUID() parses these; PostgreSQL's uuid type refuses them (a 500 before the fix).
        {"sub": f"urn:uuid:{uuid.uuid4()}"},
        {"sub": "{" + str(uuid.uuid4()) + "}"},
        {"sub": uuid.uuid4().hex},
        {"sub": str(uuid.uuid4()).upper()},
        {"sub": 12345},
    ],
    ids=["wrong-audience", "expired", "no-exp", "no-sub", "sub-not-uuid", "sub-urn", "sub-braces", "sub-no-hyphens",
         "sub-upper-case", "sub-number"],
)
def test_bad_claims_are_401(client: httpx.Client, bad: dict[str, Any]) -> None:
    token = jwt.encode(claims(**bad), TEST_SECRET, algorithm="HS256")
    assert_401(client.get("/api/instruments", headers={"Authorization": f"Bearer {token}"}))
    # A write too: the caller's row and RLS claims are where a malformed subject reached PostgreSQL.
    assert_401(client.post("/api/strategies/from-fixture/sma-crossover", headers={"Authorization": f"Bearer {token}"}))


def test_wrong_secret_is_401(client: httpx.Client) -> None:
    token = jwt.encode(claims(), "some-other-secret-" + "y" * 30, algorithm="HS256")
    assert_401(client.get("/api/instruments", headers={"Authorization": f"Bearer {token}"}))


def test_tampered_payload_is_401(client: httpx.Client) -> None:
    token = jwt.encode(claims(), TEST_SECRET, algorithm="HS256")
    head, _payload, sig = token.split(".")
    forged = b64(json.dumps(claims(app_metadata={"role": "admin"})).encode())
    assert_401(client.get("/api/instruments", headers={"Authorization": f"Bearer {head}.{forged}.{sig}"}))


def test_first_sight_creates_the_users_row(client: httpx.Client, dsn: str) -> None:
    sub = str(uuid.uuid4())
    token = jwt.encode(claims(sub=sub, email="first@example.com", app_metadata={"role": "admin"}), TEST_SECRET,
                       algorithm="HS256")
    assert client.get("/api/instruments", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT email, is_admin FROM users WHERE id = %s", (sub,))
            assert cur.fetchone() == ("first@example.com", True)
    finally:
        conn.close()


# --- Asymmetric keys from a JWKS served on loopback ----------------------------------------------------

class Keys:
    def __init__(self) -> None:
        self.ec = ec.generate_private_key(ec.SECP256R1())
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_ec = ec.generate_private_key(ec.SECP256R1())
        self.jwks_hits = 0

    def jwks(self) -> dict[str, Any]:
        ec_jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.ec.public_key()))
        rsa_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.rsa.public_key()))
        return {"keys": [
            {**ec_jwk, "kid": "ec-1", "alg": "ES256", "use": "sig"},
            {**rsa_jwk, "kid": "rsa-1", "alg": "RS256", "use": "sig"},
        ]}


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys()


@pytest.fixture(scope="module")
def jwks_url(keys: Keys) -> Iterator[str]:
    async def jwks(_request: Any) -> JSONResponse:
        keys.jwks_hits += 1
        return JSONResponse(keys.jwks())

    with serve(Starlette(routes=[Route("/auth/v1/.well-known/jwks.json", jwks)])) as url:
        yield f"{url}/auth/v1/.well-known/jwks.json"


@pytest.fixture(scope="module")
def jwks_api(jwks_url: str, dsn: str) -> Iterator[str]:
    # JWKS only (no shared secret), with the issuer checked.
    settings = make_settings(supabase_jwt_secret=None, supabase_jwks_url=jwks_url, supabase_jwt_issuer=ISSUER)
    with serve(create_app(settings, dsn, validate_responses=True)) as url:
        yield url


def _get(url: str, token: str) -> httpx.Response:
    return httpx.get(f"{url}/api/instruments", headers={"Authorization": f"Bearer {token}"}, timeout=30)


def test_es256_and_rs256_tokens_from_jwks_are_accepted(jwks_api: str, keys: Keys) -> None:
    assert _get(jwks_api, jwt.encode(claims(), keys.ec, algorithm="ES256", headers={"kid": "ec-1"})).status_code == 200
    rs256 = jwt.encode(claims(), keys.rsa, algorithm="RS256", headers={"kid": "rsa-1"})
    assert _get(jwks_api, rs256).status_code == 200


def test_jwks_is_cached(jwks_api: str, keys: Keys) -> None:
    token = jwt.encode(claims(), keys.ec, algorithm="ES256", headers={"kid": "ec-1"})
    _get(jwks_api, token)
    hits = keys.jwks_hits
    for _ in range(5):
        assert _get(jwks_api, token).status_code == 200
    assert keys.jwks_hits == hits


def test_unknown_kid_is_401(jwks_api: str, keys: Keys) -> None:
    assert_401(_get(jwks_api, jwt.encode(claims(), keys.ec, algorithm="ES256", headers={"kid": "nobody"})))


def test_missing_kid_is_401(jwks_api: str, keys: Keys) -> None:
    assert_401(_get(jwks_api, jwt.encode(claims(), keys.ec, algorithm="ES256")))


def test_right_kid_wrong_key_is_401(jwks_api: str, keys: Keys) -> None:
    assert_401(_get(jwks_api, jwt.encode(claims(), keys.other_ec, algorithm="ES256", headers={"kid": "ec-1"})))


def test_algorithm_not_matching_the_key_is_401(jwks_api: str, keys: Keys) -> None:
    # An RS256 signature presented under the EC key's id.
    assert_401(_get(jwks_api, jwt.encode(claims(), keys.rsa, algorithm="RS256", headers={"kid": "ec-1"})))


def test_hs256_signed_with_the_public_key_is_401(jwks_api: str, keys: Keys) -> None:
    # The classic algorithm-confusion attack: HMAC keyed with the (public) RSA key's PEM.
    pem = keys.rsa.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}).encode())
    payload = b64(json.dumps(claims()).encode())
    import hashlib
    import hmac

    sig = b64(hmac.new(pem, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    assert_401(_get(jwks_api, f"{header}.{payload}.{sig}"))


def test_wrong_issuer_is_401_when_configured(jwks_api: str, keys: Keys) -> None:
    token = jwt.encode(claims(iss="https://evil.supabase.co/auth/v1"), keys.ec, algorithm="ES256",
                       headers={"kid": "ec-1"})
    assert_401(_get(jwks_api, token))


def test_expired_asymmetric_token_is_401(jwks_api: str, keys: Keys) -> None:
    token = jwt.encode(claims(exp=int(time.time()) - 60), keys.ec, algorithm="ES256", headers={"kid": "ec-1"})
    assert_401(_get(jwks_api, token))
