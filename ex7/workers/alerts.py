"""The alert worker: relays new events into the outbox and sends what is due (services.alert_sending).

Each round: one relay transaction (the next events' deliveries, or nothing when another worker holds
the relay), one claim transaction (up to a batch of due deliveries, `FOR UPDATE SKIP LOCKED`, so any
number of workers share the outbox without sending one delivery twice), then the sends, at most
EX7_ALERTS_CONCURRENCY at a time with no transaction open, each settled in a transaction of its own.
A round that found work is followed by another at once; an idle one waits EX7_ALERTS_POLL_SECONDS.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from services.alert_transports import Transports

from db.pool import WORKER_ROLE, Database
from ex7.clock import Clock
from ex7.settings import Settings
from services import alert_sending
from services.alerts_config import AlertsConfig
from services.tx import Tx

log = logging.getLogger(__name__)


@dataclass
class AlertWorker:
    dsn: str
    clock: Clock
    worker_id: str
    config: AlertsConfig
    transports: Callable[[], Transports]  # made inside the loop that uses them (aiohttp sessions belong to it)
    poll_seconds: float = 1.0
    concurrency: int = 16
    lease_seconds: float = 120.0
    db_timeout: float = 5.0
    rng: random.Random = field(default_factory=random.Random)

    async def run(self) -> None:
        db = Database(self.dsn, minsize=0, maxsize=2, timeout=self.db_timeout, role=WORKER_ROLE)
        transports = self.transports()
        try:
            while True:
                if not await self.round(db, transports):
                    await asyncio.sleep(self.poll_seconds)
        finally:
            await transports.close()
            await db.close()

    async def round(self, db: Database, transports: Transports) -> bool:
        """One relay and one batch of sends; True when there may be more to do at once."""
        async with db.transaction() as cur:
            _written, moved = await alert_sending.relay_once(Tx(cur, self.clock))
        batch = self.concurrency * 2
        async with db.transaction() as cur:
            claimed = await alert_sending.claim(Tx(cur, self.clock), worker=self.worker_id, limit=batch,
                                                lease_seconds=self.lease_seconds)
        slots = asyncio.Semaphore(self.concurrency)
        await asyncio.gather(*(self._deliver(db, transports, slots, delivery) for delivery in claimed))
        return moved or len(claimed) == batch

    async def _deliver(self, db: Database, transports: Transports, slots: asyncio.Semaphore,
                       delivery: dict[str, Any]) -> None:
        async with slots:
            result = await alert_sending.send(delivery, transports, self.config, self.clock.now())
        async with db.transaction() as cur:
            status = await alert_sending.settle(Tx(cur, self.clock), delivery, result, worker=self.worker_id,
                                                rng=self.rng)
        if status is None:
            log.warning("delivery %s: the claim ran out before the attempt was recorded; another worker has it",
                        delivery["id"])
        elif status != "delivered":
            log.info("delivery %s to a %s channel: %s (%s)", delivery["id"], delivery["channel_type"], status,
                     getattr(result, "error", None) or getattr(result, "reason", None))


def build_alert_worker(settings: Settings, dsn: str, clock: Clock, worker_id: str, config: AlertsConfig,
                       transports: Callable[[], Transports]) -> AlertWorker:
    return AlertWorker(dsn, clock, worker_id, config, transports, poll_seconds=settings.ex7_alerts_poll_seconds,
                       concurrency=settings.ex7_alerts_concurrency, lease_seconds=settings.ex7_alerts_lease_seconds,
                       db_timeout=settings.db_timeout_seconds)
