"""The bare Starlette twin of three EX7 operations, for bench/api_throughput.py.

Same work as ours, without Connexion: the same dependencies (`ex7.deps.build_deps`: the aiopg pool,
the TokenVerifier, the seen-users cache, the tier catalogue), the same transaction as the caller
(`Database.transaction(claims)` made into a `services.tx.Tx`), the same use cases
(`services.strategies.list_strategies`, `services.health.database_latency_ms`), the same mapping to
the contract's documents (`handlers.strategies.strategy_document`, `handlers.billing.tiers_document`,
`handlers.health.health_document`, which need no request) and the same encoding
(`ex7.wire.to_json`). What it leaves out is the framework layer: contract routing, security,
parameter and body validation, the request context, Connexion's middleware chain and ours.

The benchmark still checks that the twin's bodies equal ours byte for byte (health: in structure)
before any load is run.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ex7.auth import AuthError
from ex7.deps import Deps, build_deps
from ex7.settings import Settings
from ex7.wire import to_json
from handlers.billing import tiers_document
from handlers.health import health_document
from handlers.strategies import strategy_document
from services import health, strategies
from services.tx import Tx


def _json(body: Any, status: int = 200) -> Response:
    return Response(to_json(body), status, media_type="application/json")


def _unauthorized(detail: str) -> Response:
    return Response(json.dumps({"status": 401, "detail": detail}), 401, media_type="application/problem+json",
                    headers={"WWW-Authenticate": "Bearer"})


def create_twin(settings: Settings, dsn: str) -> Starlette:
    deps: Deps = build_deps(settings, dsn)

    async def caller(request: Request) -> dict[str, Any] | Response:
        """ex7.auth.verify_bearer without Connexion: the claims, or a 401 to send."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return _unauthorized("No bearer token.")
        try:
            claims = await deps.verifier.verify(token)
        except AuthError as exc:
            return _unauthorized(str(exc))
        await deps.users.seen(claims)
        return claims

    async def list_strategies(request: Request) -> Response:
        claims = await caller(request)
        if isinstance(claims, Response):
            return claims
        query = request.query_params
        async with deps.db.transaction(claims) as cur:
            page = await strategies.list_strategies(
                Tx(cur, deps.clock, str(claims["sub"])), limit=int(query.get("limit", 50)),
                status=query.get("status"), instrument=query.get("instrument"), tag=query.get("tag"),
                cursor=query.get("cursor"))
        return _json({"items": [await strategy_document(r) for r in page.items], "next_cursor": page.next_cursor})

    async def get_health(request: Request) -> Response:
        body = health_document(deps, await health.database_latency_ms(deps.db))
        return _json(body, 200 if body["status"] != "unavailable" else 503)

    async def list_tiers(request: Request) -> Response:
        return _json(tiers_document(deps.tiers))

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await deps.close()

    return Starlette(
        routes=[
            Route("/api/strategies", list_strategies, methods=["GET"]),
            Route("/api/health", get_health, methods=["GET"]),
            Route("/api/billing/tiers", list_tiers, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
