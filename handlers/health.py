"""Health tag."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

from db import health as health_db
from db.errors import DatabaseUnavailable
from ex7 import __version__
from ex7.problems import problem
from generated import models
from handlers._http import respond, services

_PING_TIMEOUT = 2.0


async def get_health() -> Any:
    svc = services()
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
        status="ok" if latency is not None else "unavailable",
        version=__version__,
        uptime_seconds=round(time.monotonic() - svc.started_at, 3),
        time=datetime.now(UTC),
        database=models.Database(reachable=latency is not None, latency_ms=latency),
    )
    if latency is None:
        return problem(503, f"The database did not answer within {_PING_TIMEOUT:g} seconds.",
                       code="database_unavailable", headers={"Retry-After": "5"},
                       health=health.model_dump(mode="json"))
    return respond(health)
