"""Market data: what `account.get_instruments` shows, and writing bars and their higher timeframes (the
one path shared by `ex7 bars import` and the feeds).

Aggregation storage: higher timeframes are materialised in `bars` (timeframe column) when their
bucket has closed, recomputed from the stored lower-timeframe bars with domain.market.bars.aggregate. The
stored rows are the truth (DESIGN §3), so a bucket is always rebuilt from what the table holds,
never from what one writer happened to see: an import that adds a day's missing minutes, or a feed
that restarts mid-bucket, still yields the right 5m/1h/1d bars.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from db import bars as bars_db
from db.pool import Cursor
from domain.market.bars import SessionClock, StoredBar, aggregate_all
from domain.market.calendar import trading_day_start
from domain.market.instruments import INSTRUMENTS, InstrumentSpec
from domain.market.snapshot import MarketSnapshot, snapshot
from services.tx import Tx


@dataclass(frozen=True)
class InstrumentMarket:
    spec: InstrumentSpec
    market: MarketSnapshot


async def get_instruments(tx: Tx) -> list[InstrumentMarket]:
    """Every instrument of the catalogue (domain.market.instruments) with its market right now."""
    now = tx.clock.now()
    symbols = sorted(INSTRUMENTS)
    last = await bars_db.latest(tx.cur, symbols)
    # The session of each market's newest bar: the change is measured from before it began.
    references = await bars_db.session_references(
        tx.cur, {symbol: trading_day_start(bar.ts, symbol) for symbol, bar in last.items()})
    out = []
    for symbol in symbols:
        bar = last.get(symbol)
        previous_close, first_open = references.get(symbol, (None, None))
        market = snapshot(symbol, now, last_bar_ts=bar.ts if bar else None, last_close=bar.close if bar else None,
                          previous_close=previous_close, session_first_open=first_open)
        out.append(InstrumentMarket(INSTRUMENTS[symbol], market))
    return out


async def refresh_aggregates(
    cur: Cursor, instrument: str, base: str, start: datetime, end: datetime, *, now: datetime,
    source: bars_db.Source, only: Collection[tuple[str, datetime]] | None = None,
    just_written: Sequence[StoredBar] | None = None, on_written: Callable[[int], None] | None = None,
) -> dict[str, tuple[bars_db.Written, list[StoredBar]]]:
    """Rebuild the higher-timeframe bars whose buckets lie in [start, end) and have closed by `now`.

    `start` must be a bucket boundary of every derived timeframe (a trading-day start) unless
    `only` names the buckets to write, each of which must lie inside [start, end).
    `just_written`: base bars this transaction has just stored with the top source rank (an
    import), all inside [start, end). When the table holds no other base bar in the range, they
    are what it holds and are aggregated without reading them back (a count suffices).
    Returns, per timeframe, what the upsert did and the bars written.
    """
    if just_written is not None and await bars_db.count(cur, instrument, base, start, end) == len(just_written):
        base_bars: Sequence[StoredBar] = just_written
    else:
        base_bars = await bars_db.between(cur, instrument, base, start, end)
    clock = SessionClock(instrument)
    out: dict[str, tuple[bars_db.Written, list[StoredBar]]] = {}
    for timeframe, series in aggregate_all(base_bars, instrument, base=base).items():
        closed = [
            b for b in series
            if clock.bar_close(b.ts, timeframe) <= now and (only is None or (timeframe, b.ts) in only)
        ]
        written = await bars_db.upsert(cur, instrument, timeframe, closed, source=source)
        if on_written is not None:
            on_written(len(closed))
        out[timeframe] = (written, closed)
    return out


def affected_days(instrument: str, bars: Sequence[StoredBar]) -> tuple[datetime, datetime]:
    """[start of the first bar's trading day, end of the last bar's trading day) for sorted bars."""
    clock = SessionClock(instrument)
    return clock.day_bounds(bars[0].ts)[0], clock.day_bounds(bars[-1].ts)[1]
