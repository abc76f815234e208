"""The alert worker: relays new events into the outbox and sends what is due (services.alert_sending).

Each round: one relay transaction (the next events' deliveries, or nothing when another worker holds
the relay), one claim transaction (up to a batch of due deliveries, `FOR UPDATE SKIP LOCKED`, so any
number of workers share the outbox without sending one delivery twice), then the sends, at most
EX7_ALERTS_CONCURRENCY at a time with no transaction open, then one transaction recording every
attempt of the round (bench/alert_outbox.py measures what the outbox adds to the bare sends).
A round that found work is followed by another at once; an idle one waits EX7_ALERTS_POLL_SECONDS.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from db.pool import WORKER_ROLE, Database
from ex7.clock import Clock
from ex7.settings import Settings
from services import alert_sending
from services.alert_sending import Skipped
from services.alert_transports import Outcome, Transports
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
    # Sends per round, in multiples of `concurrency`: more amortises the round's transactions, and
    # build_alert_worker keeps every wave's timeouts well inside the claim's lease.
    waves: int = 8
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
        batch = self.concurrency * self.waves
        async with db.transaction() as cur:
            claimed = await alert_sending.claim(Tx(cur, self.clock), worker=self.worker_id, limit=batch,
                                                lease_seconds=self.lease_seconds)
        slots = asyncio.Semaphore(self.concurrency)
        results = await asyncio.gather(*(self._send(transports, slots, delivery) for delivery in claimed))
        if claimed:
            # One transaction records the round's attempts: a commit per delivery cost more than the sends.
            async with db.transaction() as cur:
                tx = Tx(cur, self.clock)
                for delivery, result in zip(claimed, results, strict=True):
                    status = await alert_sending.settle(tx, delivery, result, worker=self.worker_id, rng=self.rng)
                    self._log(delivery, result, status)
        return moved or len(claimed) == batch

    async def _send(self, transports: Transports, slots: asyncio.Semaphore,
                    delivery: dict[str, Any]) -> Outcome | Skipped:
        async with slots:
            return await alert_sending.send(delivery, transports, self.config, self.clock.now())

    @staticmethod
    def _log(delivery: dict[str, Any], result: Outcome | Skipped, status: str | None) -> None:
        if status is None:
            log.warning("delivery %s: the claim ran out before the attempt was recorded; another worker has it",
                        delivery["id"])
        elif status != "delivered":
            why = result.reason if isinstance(result, Skipped) else result.error
            log.info("delivery %s to a %s channel: %s (%s)", delivery["id"], delivery["channel_type"], status, why)


def build_alert_worker(settings: Settings, dsn: str, clock: Clock, worker_id: str, config: AlertsConfig,
                       transports: Callable[[], Transports]) -> AlertWorker:
    # A round whose every send times out takes waves x the timeout: at most half the lease, so that no
    # claim runs out (and is sent again by another worker) while its round is still going.
    lease, timeout = settings.ex7_alerts_lease_seconds, settings.ex7_alerts_send_timeout_seconds
    waves = max(1, min(8, int(lease // (2 * timeout))))
    return AlertWorker(dsn, clock, worker_id, config, transports, poll_seconds=settings.ex7_alerts_poll_seconds,
                       concurrency=settings.ex7_alerts_concurrency, lease_seconds=lease, waves=waves,
                       db_timeout=settings.db_timeout_seconds)
