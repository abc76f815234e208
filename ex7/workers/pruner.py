"""The events pruner: every hour, events older than EX7_EVENTS_RETENTION_DAYS are deleted (as a prefix
of ids, recorded in events_pruned, so that a stream client resuming from before it gets a `reset`).
It runs beside each dispatcher; two running at once delete the same rows, which is harmless."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from db.pool import WORKER_ROLE, Database
from ex7.settings import Settings
from services import stream

log = logging.getLogger(__name__)


@dataclass
class Pruner:
    dsn: str
    retention_days: float
    every_seconds: float = 3600.0
    db_timeout: float = 5.0

    async def prune_once(self, db: Database) -> int:
        async with db.transaction() as cur:
            deleted = await stream.prune(cur, self.retention_days)
        if deleted:
            log.info("pruned %d events older than %g days", deleted, self.retention_days)
        return deleted

    async def run(self) -> None:
        db = Database(self.dsn, minsize=0, maxsize=1, timeout=self.db_timeout, role=WORKER_ROLE)
        try:
            while True:
                await self.prune_once(db)
                await asyncio.sleep(self.every_seconds)
        finally:
            await db.close()


def build_pruner(settings: Settings, dsn: str) -> Pruner:
    return Pruner(dsn, settings.ex7_events_retention_days, db_timeout=settings.db_timeout_seconds)
