"""One supervisor runs every background loop of a process: the market-data feed now, the dispatcher, the
stream hub and the delivery outbox as they come.

- Each loop is a named factory of a coroutine. A loop that raises is logged and started again after
  a backoff (doubling from EX7_RESTART_BACKOFF_SECONDS up to a minute; back to the start once it has
  run for a minute without crashing). A loop that returns has finished (a replay of a file).
- While it runs loops, the process keeps a `workers` row (db.workers) fresh with a heartbeat that
  carries the loops' states, on a connection of its own; rows whose heartbeat stopped long ago are
  pruned when a process registers. A database outage only delays heartbeats.
- `states()` is what GET /api/health reports: a loop waiting to be restarted makes the service
  `degraded`.
- `stop()` cancels every loop and waits for them up to a timeout, then removes the row.

The backoff waits in real time, not on the injected clock: it is about this process, not the market.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import aiopg

from db import workers as workers_db
from db.errors import DatabaseUnavailable
from db.pool import connect, transaction_on
from ex7.clock import Clock, SystemClock

log = logging.getLogger(__name__)

LoopStatus = Literal["running", "backoff", "finished", "stopped"]

_BACKOFF_MAX = 60.0
_HEALTHY_AFTER = 60.0  # a loop that ran this long before crashing starts its backoff over
_STALLED_AFTER = 300.0  # a heartbeat older than this belongs to a dead process


@dataclass
class LoopState:
    name: str
    status: LoopStatus = "running"
    restarts: int = 0
    last_error: str | None = None
    last_crash_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "restarts": self.restarts, "last_error": self.last_error,
                "last_crash_at": self.last_crash_at.isoformat() if self.last_crash_at else None}


@dataclass
class _Loop:
    state: LoopState
    run: Callable[[], Awaitable[None]]
    task: asyncio.Task[None] | None = None


@dataclass
class Supervisor:
    dsn: str
    clock: Clock = field(default_factory=SystemClock)  # stamps crashes (the backoff waits in real time)
    kind: Literal["api", "worker"] = "api"
    backoff: float = 1.0
    heartbeat_seconds: float = 10.0
    db_timeout: float = 5.0
    worker_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    _loops: dict[str, _Loop] = field(default_factory=dict)
    _heartbeat: asyncio.Task[None] | None = None
    _conn: aiopg.Connection | None = None
    _started: bool = False

    def add(self, name: str, run: Callable[[], Awaitable[None]]) -> None:
        """Supervise `run()` under `name`; each (re)start calls `run` again for a fresh coroutine."""
        if name in self._loops:
            raise ValueError(f"a loop named {name!r} is supervised already")
        self._loops[name] = _Loop(LoopState(name), run)

    def ensure(self, name: str, run: Callable[[], Awaitable[None]]) -> None:
        """Supervise `run()` under `name` from now on, unless it is already: for a loop that starts on
        first use (the stream hub, when a first client connects)."""
        if name in self._loops:
            return
        self.add(name, run)
        if self._started:
            loop = self._loops[name]
            loop.task = asyncio.create_task(self._supervise(loop), name=f"loop-{name}")
            log.info("background loop %s started", name)
            if self._heartbeat is None:
                self._heartbeat = asyncio.create_task(self._beat(), name="heartbeat")

    def states(self) -> list[LoopState]:
        return [loop.state for loop in self._loops.values()]

    @property
    def degraded(self) -> bool:
        return any(state.status == "backoff" for state in self.states())

    async def start(self) -> None:
        self._started = True
        for loop in self._loops.values():
            loop.task = asyncio.create_task(self._supervise(loop), name=f"loop-{loop.state.name}")
            log.info("background loop %s started", loop.state.name)
        if self._loops:
            self._heartbeat = asyncio.create_task(self._beat(), name="heartbeat")

    async def stop(self, within: float = 10.0) -> None:
        """Cancel every loop and wait up to `within` seconds for them; then leave the workers table."""
        self._started = False
        tasks = [t for t in (*(loop.task for loop in self._loops.values()), self._heartbeat) if t is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=within)
            for task in pending:
                log.warning("background task %s did not stop within %.0f s", task.get_name(), within)
        for loop in self._loops.values():
            if loop.state.status != "finished":
                loop.state.status = "stopped"
        if self._loops:
            with contextlib.suppress(DatabaseUnavailable, OSError):
                await self._write(lambda cur: workers_db.unregister(cur, self.worker_id))
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def _supervise(self, loop: _Loop) -> None:
        state, delay = loop.state, self.backoff
        while True:
            state.status = "running"
            started = time.monotonic()
            try:
                await loop.run()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                state.restarts += 1
                state.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                state.last_crash_at = self.clock.now()
                if time.monotonic() - started >= _HEALTHY_AFTER:
                    delay = self.backoff
                state.status = "backoff"
                log.exception("background loop %s crashed; restarting in %.1f s", state.name, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, _BACKOFF_MAX)
            else:
                state.status = "finished"
                log.info("background loop %s finished", state.name)
                return

    async def _beat(self) -> None:
        registered = False
        while True:
            try:
                registered = await self._write(functools.partial(self._beat_once, registered=registered))
            except (DatabaseUnavailable, OSError) as exc:
                log.warning("heartbeat of worker %s not written: %s", self.worker_id, exc)
            await asyncio.sleep(self.heartbeat_seconds)

    async def _beat_once(self, cur: Any, *, registered: bool) -> bool:
        loops = [state.as_dict() for state in self.states()]
        if not registered:
            await workers_db.prune_stalled(cur, _STALLED_AFTER)
        if not registered or not await workers_db.heartbeat(cur, self.worker_id, loops):
            await workers_db.register(cur, self.worker_id, self.kind, socket.gethostname(), os.getpid(), loops)
        return True

    async def _write(self, statement: Callable[[Any], Awaitable[Any]]) -> Any:
        if self._conn is None or self._conn.closed:
            self._conn = await connect(self.dsn, connect_timeout=self.db_timeout)
        try:
            async with transaction_on(self._conn) as cur:
                return await statement(cur)
        except DatabaseUnavailable:
            self._conn.close()
            self._conn = None
            raise
