"""Writing bars and their higher timeframes: the one path shared by `ex7 bars import` and the feeds.

Aggregation storage: higher timeframes are materialised in `bars` (timeframe column) when their
bucket has closed, recomputed from the stored lower-timeframe bars with domain/bars.aggregate. The
stored rows are the truth (DESIGN §3), so a bucket is always rebuilt from what the table holds,
never from what one writer happened to see: an import that adds a day's missing minutes, or a feed
that restarts mid-bucket, still yields the right 5m/1h/1d bars.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from db import bars as bars_db
from db.pool import Cursor
from domain.market.bars import Bar, SessionClock, aggregate_all


async def refresh_aggregates(
    cur: Cursor, instrument: str, base: str, start: datetime, end: datetime, *, now: datetime,
    source: bars_db.Source, only: Collection[tuple[str, datetime]] | None = None,
    just_written: Sequence[Bar] | None = None, on_written: Callable[[int], None] | None = None,
) -> dict[str, tuple[bars_db.Written, list[Bar]]]:
    """Rebuild the higher-timeframe bars whose buckets lie in [start, end) and have closed by `now`.

    `start` must be a bucket boundary of every derived timeframe (a trading-day start) unless
    `only` names the buckets to write, each of which must lie inside [start, end).
    `just_written`: base bars this transaction has just stored with the top source rank (an
    import), all inside [start, end). When the table holds no other base bar in the range, they
    are what it holds and are aggregated without reading them back (a count suffices).
    Returns, per timeframe, what the upsert did and the bars written.
    """
    if just_written is not None and await bars_db.count(cur, instrument, base, start, end) == len(just_written):
        base_bars: Sequence[Bar] = just_written
    else:
        base_bars = await bars_db.between(cur, instrument, base, start, end)
    clock = SessionClock(instrument)
    out: dict[str, tuple[bars_db.Written, list[Bar]]] = {}
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


def affected_days(instrument: str, bars: Sequence[Bar]) -> tuple[datetime, datetime]:
    """[start of the first bar's trading day, end of the last bar's trading day) for sorted bars."""
    clock = SessionClock(instrument)
    return clock.day_bounds(bars[0].ts)[0], clock.day_bounds(bars[-1].ts)[1]
