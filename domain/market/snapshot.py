"""What `GET /api/instruments` says about a market: last price, change on the session, freshness.

- last price: the close of the newest 1m bar.
- change: last price minus the reference, which is the last 1m close BEFORE the session of the
  newest bar began (the previous trading day's last close; after a gap in the data, the last close
  there is); when no earlier bar exists, the open of that session's first bar. change_pct is
  change / reference x 100, to two decimals (half-even).
- status: "closed" when the CME calendar says the market is closed or in its daily break; else
  "fresh" when the newest bar closed at most FRESH_WITHIN ago; else "stale" (also when there is
  no bar at all). During the first FRESH_WITHIN of a session no bar of it can have closed yet,
  so the staleness clock starts at the later of the newest bar's close and the session open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

from domain.market.bars import ONE_MINUTE
from domain.market.calendar import market_state, session_bounds, trading_date
from domain.market.instruments import InstrumentSpec, get_instrument

Freshness = Literal["fresh", "stale", "closed"]

FRESH_WITHIN = timedelta(minutes=2)
_PCT = Decimal("0.01")


@dataclass(frozen=True)
class MarketSnapshot:
    last_price: Decimal | None
    change: Decimal | None
    change_pct: Decimal | None
    last_bar_ts: datetime | None
    status: Freshness


def freshness(instrument: InstrumentSpec | str, last_bar_ts: datetime | None, now: datetime,
              *, within: timedelta = FRESH_WITHIN) -> Freshness:
    """closed / fresh / stale for a 1m feed whose newest bar opened at `last_bar_ts`."""
    spec = get_instrument(instrument)
    if market_state(spec, now) != "open":
        return "closed"
    if last_bar_ts is None:
        return "stale"
    session_open = session_bounds(trading_date(now, spec), spec)[0]
    since = max(last_bar_ts + ONE_MINUTE, session_open)
    return "fresh" if now - since <= within else "stale"


def session_change(last: Decimal, reference: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(change, change_pct) of `last` against `reference`; (None, None) without a usable reference."""
    if reference is None or reference <= 0:
        return None, None
    change = last - reference
    pct = (change * 100 / reference).quantize(_PCT, rounding=ROUND_HALF_EVEN)
    if pct.is_zero():
        pct = abs(pct)  # never "-0.00"
    return change, pct


def snapshot(instrument: InstrumentSpec | str, now: datetime, *, last_bar_ts: datetime | None,
             last_close: Decimal | None, previous_close: Decimal | None,
             session_first_open: Decimal | None) -> MarketSnapshot:
    """Everything the instruments list shows for one market, from what db/bars.py read."""
    status = freshness(instrument, last_bar_ts, now)
    if last_close is None or last_bar_ts is None:
        return MarketSnapshot(None, None, None, None, status)
    reference = previous_close if previous_close is not None else session_first_open
    change, pct = session_change(last_close, reference)
    return MarketSnapshot(last_close, change, pct, last_bar_ts, status)
