"""The dispatcher loop: leases runtimes and feeds them their bars, for `ex7 worker` and inside `ex7 serve`.

Any number of dispatchers may run against one database. Each tick:
1. claim: lease (or renew) the active runtimes whose lease is free, expired or already ours
   (db.runtimes.claim, FOR UPDATE SKIP LOCKED); runtimes no longer leased to us are dropped from
   memory at once, new ones are loaded (services.dispatch.load: warm-up or snapshot);
2. a draining runtime is settled (its position closed, `stopped`);
3. per (instrument, timeframe), the bars that arrived after what its runtimes processed are read
   once, and each runtime processes its own, in order, one transaction per bar
   (services.dispatch.process_bar), several runtimes at a time on a small pool of connections.
Ticks run when the `bars` doorbell rings (a feed wrote a bar), when `runtimes` rings (a start or a
stop), and at least every `poll_seconds`, which catches whatever a missed notification would lose.
A separate task renews the leases every third of a lease, so that a long catch-up never lets the
other runtimes' leases lapse. A worker killed outright stops renewing: another takes its runtimes
over once the lease has expired (at most `lease_seconds`). A graceful stop releases the leases at
once.

Connections run as `ex7_worker`, a role whose row-level-security policies admit every user's
pipeline rows (db/migrations/006_signals.sql) and nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from datetime import timedelta
from typing import Any

import aiopg
import psycopg2

from db import bars as bars_db
from db import runtimes as runtimes_db
from db.errors import DatabaseUnavailable
from db.pool import WORKER_ROLE, Database, connect, piggybacked_transaction
from domain.market.bars import SessionClock
from domain.signals.runtime import ArrivedBar
from ex7.clock import Clock
from ex7.settings import Settings
from services import dispatch
from services.dispatch import DispatchSettings, Held, LeaseLost, RuntimeMoved

log = logging.getLogger(__name__)

# Bars read per series per tick: a long catch-up is done over several ticks, each short.
BARS_PER_TICK = 2000


class Dispatcher:
    name = "dispatcher"

    def __init__(self, dsn: str, clock: Clock, *, worker_id: str, lease_seconds: float = 15.0,
                 poll_seconds: float = 2.0, grace_seconds: float = 30.0, connections: int = 8,
                 max_runtimes: int = 10_000, db_timeout: float = 5.0) -> None:
        self._dsn = dsn
        self._clock = clock
        self.settings = DispatchSettings(worker_id, lease_seconds, timedelta(seconds=grace_seconds))
        self._poll = poll_seconds
        self._connections = connections
        self._max = max_runtimes
        self._timeout = db_timeout
        self._held: dict[str, Held] = {}
        self._db: Database | None = None
        self._wake = asyncio.Event()
        self._clocks: dict[str, SessionClock] = {}
        # Every runtime's bars run side by side, but at most this many transactions at once: the rest
        # wait here, not in the pool, whose acquire timeout means "the database is unavailable" (a bar
        # of 1,000 busy runtimes would otherwise time its own queue out). One connection stays free
        # for claims, renewals and loads, so the leases are renewed whatever the queue.
        self._bar_slots = asyncio.Semaphore(max(1, connections - 1))

    @property
    def held(self) -> dict[str, Held]:
        return self._held

    async def open(self) -> None:
        """Make the pool of `connections` (as ex7_worker), which connects on first use. `run` does it;
        tests that tick by hand too."""
        if self._db is None:
            self._db = Database(self._dsn, minsize=1, maxsize=self._connections, timeout=self._timeout,
                                role=WORKER_ROLE)

    async def close(self, *, release: bool = True) -> None:
        """Let go of every lease (unless told not to: a test playing a worker that died) and disconnect."""
        if self._db is None:
            return
        if release:
            await self._release()
        self._held.clear()
        await self._db.close()
        self._db = None

    async def run(self) -> None:
        await self.open()
        listener: aiopg.Connection | None = None
        tasks: list[asyncio.Task[None]] = []
        try:
            listener = await connect(self._dsn, connect_timeout=self._timeout)
            async with listener.cursor() as cur:
                await cur.execute(f"LISTEN {bars_db.CHANNEL}; LISTEN {runtimes_db.RUNTIMES_CHANNEL}")
            tasks = [asyncio.create_task(self._listen(listener), name="dispatcher-listen"),
                     asyncio.create_task(self._renew(), name="dispatcher-renew")]
            while True:
                self._wake.clear()
                await self.tick()
                for task in tasks:
                    if task.done():
                        task.result()  # a dead listener or renewer: crash, and be restarted whole
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
        finally:
            for task in tasks:
                task.cancel()
            if listener is not None:
                listener.close()
            await self.close()

    async def _listen(self, conn: aiopg.Connection) -> None:
        while True:
            await conn.notifies.get()
            self._wake.set()

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self.settings.lease_seconds / 3)
            try:
                await self._claim()
            except (DatabaseUnavailable, psycopg2.Error) as exc:
                log.warning("dispatcher %s could not renew its leases: %s", self.settings.worker_id, exc)

    async def _release(self) -> None:
        with contextlib.suppress(DatabaseUnavailable, psycopg2.Error, OSError):
            async with self._tx() as cur:
                await runtimes_db.release(cur, self.settings.worker_id)

    def _tx(self) -> Any:
        assert self._db is not None
        return self._db.transaction()

    @contextlib.asynccontextmanager
    async def _bar_tx(self) -> Any:
        """A transaction whose BEGIN and COMMIT ride with process_bar's first and last statements."""
        assert self._db is not None
        async with self._bar_slots, self._db.connection() as conn, piggybacked_transaction(conn) as cur:
            yield cur

    async def _claim(self) -> list[dict[str, Any]]:
        async with self._tx() as cur:
            return await runtimes_db.claim(cur, self.settings.worker_id, self.settings.lease_seconds, self._max)

    async def tick(self) -> None:
        """One round: claim, load, settle, then feed every held runtime the bars it has not seen."""
        claimed = {str(row["id"]): row for row in await self._claim()}
        for runtime_id in set(self._held) - set(claimed):
            del self._held[runtime_id]  # stopped, failed, or leased to another worker now
        await asyncio.gather(*(self._settle_or_load(row) for row in claimed.values()))
        groups: dict[tuple[str, str], list[Held]] = defaultdict(list)
        for held in self._held.values():
            groups[(held.instrument, held.timeframe)].append(held)
        for (instrument, timeframe), members in groups.items():
            await self._feed(instrument, timeframe, members)

    async def _settle_or_load(self, row: dict[str, Any]) -> None:
        runtime_id = str(row["id"])
        try:
            if row["status"] == "draining":
                self._held.pop(runtime_id, None)
                async with self._tx() as cur:
                    if await dispatch.settle_stop(cur, runtime_id, str(row["user_id"]), str(row["strategy_id"]),
                                                  self.settings, self._clock):
                        log.info("runtime %s stopped", runtime_id)
                return
            if runtime_id in self._held:
                return
            async with self._tx() as cur:
                held = await dispatch.load(cur, row, self.settings, self._clock)
            self._held[runtime_id] = held
            log.info("runtime %s (%s %s %s, v%d) running on worker %s", runtime_id, held.instrument, held.timeframe,
                     held.mode, held.version, self.settings.worker_id)
        except (LeaseLost, RuntimeMoved):
            self._held.pop(runtime_id, None)
        except (DatabaseUnavailable, psycopg2.OperationalError, psycopg2.InterfaceError):
            self._held.pop(runtime_id, None)
            raise
        except Exception as exc:
            await self._fail(row, exc)

    async def _fail(self, row: dict[str, Any], exc: BaseException) -> None:
        runtime_id = str(row["id"])
        self._held.pop(runtime_id, None)
        message = f"{type(exc).__name__}: {exc}"
        log.warning("runtime %s failed: %s", runtime_id, message, exc_info=not isinstance(exc, ValueError))
        with contextlib.suppress(LeaseLost):
            async with self._tx() as cur:
                await dispatch.fail(cur, runtime_id, str(row["user_id"]), str(row["strategy_id"]), message,
                                    self.settings)

    def _session_clock(self, instrument: str) -> SessionClock:
        clock = self._clocks.get(instrument)
        if clock is None:
            clock = self._clocks[instrument] = SessionClock(instrument)
        return clock

    async def _feed(self, instrument: str, timeframe: str, members: list[Held]) -> None:
        after = [h.last_bar_ts for h in members]
        oldest = None if any(ts is None for ts in after) else min(ts for ts in after if ts is not None)
        arrived_after = min(h.live_after for h in members)
        async with self._tx() as cur:
            rows = await bars_db.arrived(cur, instrument, timeframe, after_ts=oldest, arrived_after=arrived_after,
                                         limit=BARS_PER_TICK)
        if not rows:
            return
        clock = self._session_clock(instrument)
        bars = [ArrivedBar(bar, clock.bar_close(bar.ts, timeframe), at, source) for bar, at, source in rows]
        started = time.monotonic()
        await asyncio.gather(*(self._run(held, bars) for held in members))
        log.debug("%s %s: %d runtimes fed %d bars in %.3f s", instrument, timeframe, len(members), len(bars),
                  time.monotonic() - started)

    async def _run(self, held: Held, bars: list[ArrivedBar]) -> None:
        for arrived in bars:
            if held.last_bar_ts is not None and arrived.bar.ts <= held.last_bar_ts:
                continue
            if arrived.arrived_at <= held.live_after:
                continue  # the warm-up's, or older
            if self._held.get(held.id) is not held:
                return
            try:
                async with self._bar_tx() as cur:
                    await dispatch.process_bar(cur, held, arrived, self.settings, self._clock)
            except (LeaseLost, RuntimeMoved, psycopg2.IntegrityError):
                self._held.pop(held.id, None)  # reloaded from the database on the next tick
                return
            except (DatabaseUnavailable, psycopg2.OperationalError, psycopg2.InterfaceError):
                self._held.pop(held.id, None)
                raise
            except Exception as exc:
                await self._fail({"id": held.id, "user_id": held.user_id, "strategy_id": held.strategy_id}, exc)
                return


def build_dispatcher(settings: Settings, dsn: str, clock: Clock, worker_id: str) -> Dispatcher:
    return Dispatcher(dsn, clock, worker_id=worker_id, lease_seconds=settings.ex7_lease_seconds,
                      poll_seconds=settings.ex7_dispatch_poll_seconds,
                      grace_seconds=settings.ex7_signal_grace_seconds,
                      connections=settings.ex7_dispatch_connections, db_timeout=settings.db_timeout_seconds)
