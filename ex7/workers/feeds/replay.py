"""The replay feed: history played back at a speed factor, through the same sink as live bars.

The source is a CSV file (either form `ex7 bars import` reads; 1m bars, validated whole first) or
the 1m bars already stored for the instrument. Bars keep their own timestamps; what replay adds is
the pacing and the doorbell, so that whatever listens for bars (runtimes, the stream) sees history
arrive as if live: at speed 60 an hour of bars plays in a minute. Gaps in the data longer than
MAX_GAP (the daily break, weekends, holidays) are shortened to MAX_GAP so a replay never idles for
a whole weekend. Rows are written with source "replay", which never overwrites imported rows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from db import bars as bars_db
from db.pool import connect, transaction_on
from domain.market.bars import ONE_MINUTE, SessionClock, StoredBar, parse_bars_csv
from ex7.clock import Clock
from ex7.settings import SettingsError
from ex7.workers.feeds.base import BarSink

log = logging.getLogger(__name__)

MAX_GAP = timedelta(minutes=5)
RETRY_AFTER = timedelta(seconds=5)


class ReplaySource(Protocol):
    def chunks(self) -> AsyncIterator[list[StoredBar]]:
        """Sorted 1m bars, in consecutive chunks."""
        ...


class CsvSource:
    def __init__(self, path: Path, instrument: str, clock: Clock) -> None:
        self.path = path
        self.instrument = instrument
        self.clock = clock

    async def chunks(self) -> AsyncIterator[list[StoredBar]]:
        def parse() -> list[StoredBar]:
            with self.path.open(newline="", encoding="utf-8") as f:
                result = parse_bars_csv(f, self.instrument, "1m", now=self.clock.now())
            if not result.ok:
                shown = "; ".join(map(str, result.errors[:5]))
                raise SettingsError(f"EX7_REPLAY_FILE {self.path}: {len(result.errors)} bad rows, e.g. {shown}")
            return result.bars

        yield await asyncio.to_thread(parse)


class StoredSource:
    """The stored 1m bars of one instrument from `start` (default: the first one), a day at a time."""

    def __init__(self, dsn: str, instrument: str, start: datetime | None = None) -> None:
        self.dsn = dsn
        self.instrument = instrument
        # A time without an offset (EX7_REPLAY_FROM=2025-03-04) is taken as UTC.
        self.start = start.replace(tzinfo=UTC) if start is not None and start.tzinfo is None else start

    async def chunks(self) -> AsyncIterator[list[StoredBar]]:
        conn = await connect(self.dsn)
        try:
            async with transaction_on(conn) as cur:
                found = await bars_db.extent(cur, self.instrument, "1m")
            if found is None:
                return
            first, last, _count = found
            at = max(first, self.start) if self.start else first
            while at <= last:
                upto = at + timedelta(days=1)
                async with transaction_on(conn) as cur:
                    chunk = await bars_db.between(cur, self.instrument, "1m", at, upto)
                if chunk:
                    yield chunk
                at = upto
        finally:
            conn.close()


class ReplayFeed:
    name = "replay"

    def __init__(self, sink: BarSink, clock: Clock, instrument: str, source: ReplaySource, *, speed: float) -> None:
        if speed <= 0:
            raise ValueError("replay speed must be positive")
        self.sink = sink
        self.clock = clock
        self.instrument = instrument
        self.source = source
        self.speed = speed
        self.published = 0

    async def _publish(self, bars: list[StoredBar], virtual_now: datetime) -> None:
        while True:
            try:
                await self.sink.publish(self.instrument, bars, virtual_now)
                self.published += len(bars)
                return
            except Exception as exc:
                log.warning("replay feed: could not publish (%s); retrying in %ss", exc, RETRY_AFTER.total_seconds())
                await self.clock.sleep_until(self.clock.now() + RETRY_AFTER)

    async def run(self) -> None:
        try:
            due = self.clock.now()
            previous: StoredBar | None = None
            batch: list[StoredBar] = []
            async for chunk in self.source.chunks():
                for bar in chunk:
                    gap = bar.ts - previous.ts if previous is not None else ONE_MINUTE
                    due += min(gap, MAX_GAP) / self.speed
                    if due > self.clock.now():
                        if batch:
                            await self._publish(batch, batch[-1].ts + ONE_MINUTE)
                            batch = []
                        await self.clock.sleep_until(due)
                    batch.append(bar)
                    previous = bar
            if batch:
                await self._publish(batch, batch[-1].ts + ONE_MINUTE)
            if previous is not None:
                # The data is over: the buckets of its last trading day are as complete as they will get.
                await self._publish([], SessionClock(self.instrument).bar_close(previous.ts, "1d"))
            log.info("replay feed: finished after %d bars of %s", self.published, self.instrument)
        finally:
            await self.sink.close()
