"""The bare Starlette twin of three EX7 operations, for bench/api_throughput.py.

Same work as ours, without Connexion: the same services (`ex7.services.build_services`: the aiopg
pool, the TokenVerifier, the seen-users cache, the tier catalogue), the same SQL in the same
transaction (`Database.transaction(claims)`, `db.strategies.list_page`, `db.health.ping`), the same
domain validation (`domain.graph.validate_graph` / `validation_result`), the same generated pydantic
models and the same serialisation (`model_dump(mode="json", by_alias=True, exclude_unset=True)` then
`json.dumps`). What it leaves out is the framework layer: contract routing, security, parameter and
body validation, the request context, Connexion's middleware chain, and our handler glue
(`handlers/context.py`: services() through the context, as_caller, respond via ConnexionResponse).

The few lines that mirror a handler (which row fields make a Strategy, how a Health is built, how a
Tier maps to its model) are checked by the benchmark: the twin's bodies must equal ours byte for byte
(health: in structure) before any load is run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db import health as health_db
from db import strategies as strategies_db
from db.errors import DatabaseUnavailable
from domain.decimals import money
from domain.graph import validate_graph, validation_result
from domain.pagination import decode_time_id_cursor, encode_cursor
from ex7 import __version__
from ex7.auth import AuthError
from ex7.services import Services, build_services
from ex7.settings import Settings
from generated import models

# handlers/strategies.py::_strategy: the row fields a Strategy shows (plus the computed validation).
_STRATEGY_FIELDS = ("id", "name", "description", "instrument", "timeframe", "tags", "status", "current_version",
                    "created_at", "updated_at", "graph")
_PING_TIMEOUT = 2.0  # handlers/health.py


def _json(model: BaseModel, status: int = 200) -> Response:
    # handlers/context.py::respond, minus ConnexionResponse.
    body = json.dumps(model.model_dump(mode="json", by_alias=True, exclude_unset=True))
    return Response(body, status, media_type="application/json")


def _unauthorized(detail: str) -> Response:
    return Response(json.dumps({"status": 401, "detail": detail}), 401, media_type="application/problem+json",
                    headers={"WWW-Authenticate": "Bearer"})


def create_twin(settings: Settings, dsn: str) -> Starlette:
    svc: Services = build_services(settings, dsn)

    async def caller(request: Request) -> dict[str, Any] | Response:
        """ex7.auth.verify_bearer without Connexion: the claims, or a 401 to send."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return _unauthorized("No bearer token.")
        try:
            claims = await svc.verifier.verify(token)
        except AuthError as exc:
            return _unauthorized(str(exc))
        await svc.users.seen(claims)
        return claims

    async def list_strategies(request: Request) -> Response:
        claims = await caller(request)
        if isinstance(claims, Response):
            return claims
        query = request.query_params
        limit = int(query.get("limit", 50))
        cursor = query.get("cursor")
        after = decode_time_id_cursor(cursor) if cursor else None
        async with svc.db.transaction(claims) as cur:
            rows = await strategies_db.list_page(cur, str(claims["sub"]), status=query.get("status"),
                                                 instrument=query.get("instrument"), tag=query.get("tag"),
                                                 after=after, limit=limit)
        page, more = rows[:limit], len(rows) > limit
        items = []
        for row in page:
            validation = validation_result(validate_graph(row["graph"], row["instrument"], row["timeframe"]))
            items.append(models.Strategy.model_validate({**{k: row[k] for k in _STRATEGY_FIELDS},
                                                         "validation": validation}))
        next_cursor = encode_cursor(page[-1]["updated_at"], page[-1]["id"]) if more else None
        return _json(models.StrategyList(items=items, next_cursor=next_cursor))

    async def get_health(request: Request) -> Response:
        started = time.perf_counter()
        latency: float | None
        try:
            async with asyncio.timeout(_PING_TIMEOUT):
                async with svc.db.transaction() as cur:
                    await health_db.ping(cur)
            latency = round((time.perf_counter() - started) * 1000, 3)
        except (DatabaseUnavailable, TimeoutError):
            latency = None
        health = models.Health(
            status="ok" if latency is not None else "unavailable", version=__version__,
            uptime_seconds=round(time.monotonic() - svc.started_at, 3), time=datetime.now(UTC),
            database=models.Database(reachable=latency is not None, latency_ms=latency),
        )
        return _json(health, 200 if latency is not None else 503)

    async def list_tiers(request: Request) -> Response:
        items = [
            models.Tier(
                id=t.id, name=t.name, description=t.description, price_monthly=money(t.price_monthly),
                currency=t.currency,
                features=models.TierFeatures(
                    max_strategies=t.max_strategies, max_running_runtimes=t.max_running_runtimes,
                    vix_generations_per_month=t.vix_generations_per_month,
                    alert_channels=list(t.alert_channels),  # type: ignore[arg-type]
                ),
            )
            for t in svc.tiers
        ]
        return _json(models.TierList(items=items))

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await svc.close()

    return Starlette(
        routes=[
            Route("/api/strategies", list_strategies, methods=["GET"]),
            Route("/api/health", get_health, methods=["GET"]),
            Route("/api/billing/tiers", list_tiers, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
