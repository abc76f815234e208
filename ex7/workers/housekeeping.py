"""Housekeeping beside each dispatcher, every few minutes:

- events older than EX7_EVENTS_RETENTION_DAYS are deleted (as a prefix of ids, recorded in
  events_pruned, so that a stream client resuming from before it gets a `reset`);
- settled alert deliveries older than EX7_ALERTS_RETENTION_DAYS are deleted, with their attempts
  (pending ones stay, however old);
- a comp that has ended (a date, with no event to say so) stops its user's runtimes above the cap of
  the tier that remains (services.entitlements), as a subscription ending does.

Two processes doing it at once delete the same rows and find the same runtimes stopped: harmless."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from db.pool import WORKER_ROLE, Database
from domain.billing.tiers import DEFAULT_TIERS, Tier
from ex7.clock import SystemClock
from ex7.settings import Settings
from services import alert_sending, entitlements, stream
from services.tx import Tx

log = logging.getLogger(__name__)


@dataclass
class Housekeeping:
    dsn: str
    retention_days: float
    tiers: tuple[Tier, ...] = DEFAULT_TIERS
    every_seconds: float = 300.0
    db_timeout: float = 5.0
    alerts_retention_days: float = 90.0

    async def prune_once(self, db: Database) -> int:
        async with db.transaction() as cur:
            deleted = await stream.prune(cur, self.retention_days)
        if deleted:
            log.info("pruned %d events older than %g days", deleted, self.retention_days)
        return deleted

    async def prune_deliveries(self, db: Database) -> int:
        async with db.transaction() as cur:
            tx = Tx(cur, SystemClock(), None, self.tiers)
            deleted = await alert_sending.prune_log(tx, self.alerts_retention_days)
        if deleted:
            log.info("pruned %d settled alert deliveries older than %g days", deleted, self.alerts_retention_days)
        return deleted

    async def sweep_comps(self, db: Database) -> list[str]:
        # A day's look-back: a process down for less than that still catches every ended comp.
        async with db.transaction() as cur:
            stopped = await entitlements.enforce_after_ended_comps(Tx(cur, SystemClock(), None, self.tiers), 86400.0)
        if stopped:
            log.info("stopped %d runtimes above the cap of a tier whose comp ended", len(stopped))
        return stopped

    async def run(self) -> None:
        db = Database(self.dsn, minsize=0, maxsize=1, timeout=self.db_timeout, role=WORKER_ROLE)
        try:
            while True:
                await self.prune_once(db)
                await self.prune_deliveries(db)
                await self.sweep_comps(db)
                await asyncio.sleep(self.every_seconds)
        finally:
            await db.close()


def build_housekeeping(settings: Settings, dsn: str, tiers: tuple[Tier, ...]) -> Housekeeping:
    return Housekeeping(dsn, settings.ex7_events_retention_days, tiers, db_timeout=settings.db_timeout_seconds,
                        alerts_retention_days=settings.ex7_alerts_retention_days)
