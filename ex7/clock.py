"""Time, behind an interface so that tests can drive it: the feeds sleep on it, the API reads it.

`SystemClock` is the wall clock. `ManualClock` only moves when told to; it may be read and moved
from any thread (a test's thread moves it while uvicorn's thread sleeps on it).
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    async def sleep_until(self, when: datetime) -> None:
        """Return once now() >= when."""
        ...


class SystemClock:
    # Sleep in slices so that a wall-clock jump (NTP, a laptop waking up) is noticed within a minute.
    _SLICE = 60.0

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime) -> None:
        # A loop on purpose (not an Event): what is awaited is the wall clock itself.
        while (delay := (when - self.now()).total_seconds()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(min(delay, self._SLICE))


class ManualClock:
    def __init__(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("a timezone-aware datetime is required")
        self._now = now.astimezone(UTC)
        self._lock = threading.Lock()
        self._sleepers: list[tuple[datetime, asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, when: datetime) -> None:
        """Move to `when` (never backwards) and wake every sleeper that is due."""
        with self._lock:
            if when < self._now:
                raise ValueError("a ManualClock does not go backwards")
            self._now = when.astimezone(UTC)
            due = [s for s in self._sleepers if s[0] <= self._now]
            self._sleepers = [s for s in self._sleepers if s[0] > self._now]
        for _when, loop, future in due:
            loop.call_soon_threadsafe(_resolve, future)

    def advance(self, delta: timedelta) -> datetime:
        self.set(self.now() + delta)
        return self.now()

    async def sleep_until(self, when: datetime) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._lock:
            if when <= self._now:
                future.set_result(None)
            else:
                self._sleepers.append((when, loop, future))
        try:
            await future
        finally:
            with self._lock:
                self._sleepers = [s for s in self._sleepers if s[2] is not future]

    @property
    def sleepers(self) -> int:
        with self._lock:
            return len(self._sleepers)

    def wait_for_sleepers(self, count: int = 1, timeout: float = 30.0) -> None:
        """Block (a test's thread) until `count` tasks sleep on this clock, i.e. have caught up."""
        deadline = time.monotonic() + timeout
        while self.sleepers < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing slept on the clock within {timeout} s")
            time.sleep(0.01)

    async def until_sleeping(self, count: int = 1, within: float = 30.0) -> None:
        """As wait_for_sleepers, from a coroutine on the sleepers' own loop."""
        deadline = time.monotonic() + within
        while self.sleepers < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing slept on the clock within {within} s")
            await asyncio.sleep(0.01)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
