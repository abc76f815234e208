"""Health tag."""

from __future__ import annotations

import time
from typing import Any

from ex7 import __version__
from ex7.deps import Deps
from ex7.problems import problem
from handlers._http import deps, respond
from services import health


async def get_health() -> Any:
    d = deps()
    body = health_document(d, await health.database_latency_ms(d.db))
    if body["status"] == "unavailable":
        return problem(503, f"The database did not answer within {health.PING_TIMEOUT:g} seconds.",
                       code="database_unavailable", headers={"Retry-After": "5"}, health=body)
    return respond(body)


def health_document(d: Deps, latency: float | None) -> dict[str, Any]:
    """The contract's Health, given the database's latency (None: it did not answer)."""
    loops = d.supervisor.states() if d.supervisor else []
    degraded = d.supervisor is not None and d.supervisor.degraded
    return {
        "status": "unavailable" if latency is None else "degraded" if degraded else "ok",
        "version": __version__,
        "uptime_seconds": round(time.monotonic() - d.started_at, 3),
        "time": d.clock.now(),
        "database": {"reachable": latency is not None, "latency_ms": latency},
        "loops": [state.as_dict() for state in loops],
    }
