"""The feed interface and what every feed shares: a writer that stores closed bars and rings the doorbell.

A feed produces closed 1-minute bars of some instruments and hands them to a `BarSink` with the
time they are published at. The sink, in one transaction per call:
1. upserts the 1m bars (idempotent: values already stored are left alone);
2. rebuilds every higher-timeframe bar (2m ... 1d) whose bucket has closed by then, from the
   stored 1m bars (services.market_data.refresh_aggregates);
3. rings `pg_notify('bars', '<instrument>:<timeframe>:<ts>')` for the newest bar of each timeframe
   written, delivered on commit (db.bars.notify_bar).

Connection: the sink keeps one dedicated connection of its own (not the API's pool, so a burst of
requests never delays a bar and a backfill never holds a request's connection), switched to the
`ex7_app` role like the pool: the role's INSERT/UPDATE on `bars` is all a feed needs, and it owns
nothing. A lost connection is dropped and reopened on the next call; the feeds retry the bars they
could not write (their writes are idempotent), so an outage leaves no gap.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import aiopg

from db import bars as bars_db
from db.errors import DatabaseUnavailable
from db.pool import connect, transaction_on
from domain.market.bars import SessionClock, StoredBar, derived_timeframes
from services.market_data import refresh_aggregates

log = logging.getLogger(__name__)

BASE = "1m"


class Feed(Protocol):
    name: str

    async def run(self) -> None:
        """Produce bars until cancelled (or, for a finite source, until it is exhausted)."""
        ...


class BarSink:
    def __init__(self, dsn: str, *, source: bars_db.Source, timeout: float = 5.0) -> None:
        self._dsn = dsn
        self.source: bars_db.Source = source
        self._timeout = timeout
        self._conn: aiopg.Connection | None = None
        # Per instrument, the higher-timeframe buckets that have 1m bars but have not closed yet.
        self._pending: dict[str, set[tuple[str, datetime]]] = {}
        self._clocks: dict[str, SessionClock] = {}

    async def _connection(self) -> aiopg.Connection:
        if self._conn is None or self._conn.closed:
            self._conn = await connect(self._dsn, connect_timeout=self._timeout)
        return self._conn

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _clock(self, instrument: str) -> SessionClock:
        clock = self._clocks.get(instrument)
        if clock is None:
            clock = self._clocks[instrument] = SessionClock(instrument)
        return clock

    async def publish(self, instrument: str, bars: Sequence[StoredBar], now: datetime) -> dict[str, list[StoredBar]]:
        """Store closed 1m `bars` (sorted) of `instrument` and every higher-timeframe bar closed by `now`.

        Returns the bars written per timeframe. Raises DatabaseUnavailable when the database cannot
        be reached; nothing is then remembered as done, so calling again with the same bars is right.
        """
        clock = self._clock(instrument)
        pending = set(self._pending.get(instrument, ()))
        for bar in bars:
            for timeframe in derived_timeframes(BASE):
                pending.add((timeframe, clock.bar_open(bar.ts, timeframe)))
        closing = {(tf, ts) for tf, ts in pending if clock.bar_close(ts, tf) <= now}
        written: dict[str, list[StoredBar]] = {}
        try:
            conn = await self._connection()
            async with transaction_on(conn) as cur:
                if bars:
                    await bars_db.upsert(cur, instrument, BASE, bars, source=self.source)
                    written[BASE] = list(bars)
                if closing:
                    start = min(ts for _tf, ts in closing)
                    end = max(clock.bar_close(ts, tf) for tf, ts in closing)
                    for timeframe, (_w, closed) in (await refresh_aggregates(
                        cur, instrument, BASE, start, end, now=now, source=self.source, only=closing,
                    )).items():
                        if closed:
                            written[timeframe] = closed
                for timeframe, series in written.items():
                    await bars_db.notify_bar(cur, instrument, timeframe, series[-1].ts)
        except DatabaseUnavailable:
            await self.close()
            raise
        self._pending[instrument] = pending - closing
        return written
