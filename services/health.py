"""Health: is the database there, and how fast does it answer."""

from __future__ import annotations

import asyncio
import time

from db import health as health_db
from db.errors import DatabaseUnavailable
from db.pool import Database

PING_TIMEOUT = 2.0


async def database_latency_ms(db: Database, within: float = PING_TIMEOUT) -> float | None:
    """Milliseconds for a round trip to the database, or None when it does not answer `within` seconds."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(within), db.transaction() as cur:
            await health_db.ping(cur)
    except (DatabaseUnavailable, TimeoutError):
        return None
    return round((time.perf_counter() - started) * 1000, 3)
