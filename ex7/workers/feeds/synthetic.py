"""The synthetic feed: `ex7 serve`'s default, so that a newcomer sees live bars with no data vendor.

On start it backfills the last few trading days of 1m bars (and their higher timeframes) in one
go, then publishes each minute's bar as that minute closes. Bars come from
domain.market.synthetic, a pure function of (seed, instrument, time): a restart rewrites identical
values (a no-op) and continues the same price path. After a pause (a suspended laptop, a database
outage) it catches up on every minute it missed, up to the backfill window.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from domain.market import synthetic as synthetic_bars
from domain.market.bars import ONE_MINUTE
from domain.market.calendar import is_trading_date, session_bounds, trading_date
from ex7.clock import Clock
from ex7.workers.feeds.base import BarSink

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(seconds=5)


def floor_minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def backfill_start(now: datetime, days: int, instrument: str) -> datetime:
    """Open of the session `days` held trading days back, counting the current (or last) one."""
    day = trading_date(now, instrument)
    held: list[datetime] = []
    while len(held) < max(days, 1):
        if is_trading_date(day, instrument):
            opens = session_bounds(day, instrument)[0]
            if opens <= now:
                held.append(opens)
        day -= timedelta(days=1)
    return held[-1]


class SyntheticFeed:
    name = "synthetic"

    def __init__(self, sink: BarSink, clock: Clock, instruments: Sequence[str], *, seed: int,
                 backfill_days: int = 3) -> None:
        self.sink = sink
        self.clock = clock
        self.instruments = list(instruments)
        self.seed = seed
        self.backfill_days = backfill_days
        # Per instrument: every bar opening before this has been published.
        self._published_until: dict[str, datetime] = {}

    async def step(self, now: datetime) -> int:
        """Publish every closed bar not yet published (the backfill on the first call). Returns how many."""
        until = floor_minute(now)  # bars opening before this minute have closed
        count = 0
        for instrument in self.instruments:
            start = backfill_start(now, self.backfill_days, instrument)
            start = max(start, self._published_until.get(instrument, start))
            bars = synthetic_bars.bars_between(instrument, start, until, self.seed)
            await self.sink.publish(instrument, bars, now)
            self._published_until[instrument] = until
            count += len(bars)
        return count

    async def run(self) -> None:
        first = True
        try:
            while True:
                now = self.clock.now()
                try:
                    count = await self.step(now)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.warning("synthetic feed: could not publish (%s); retrying in %ss", exc,
                                RETRY_AFTER.total_seconds())
                    await self.clock.sleep_until(now + RETRY_AFTER)
                    continue
                if first:
                    log.info("synthetic feed: backfilled %d 1m bars of %s (seed %d)", count,
                             ", ".join(self.instruments), self.seed)
                    first = False
                await self.clock.sleep_until(floor_minute(now) + ONE_MINUTE)
        finally:
            await self.sink.close()
