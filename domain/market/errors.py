"""The failures of the market area, one class per code."""

from __future__ import annotations

from domain.errors import Invalid


class NoMarketData(Invalid):
    """No stored bars where some were needed (a backtest's range, an empty series)."""

    code = "no_market_data"


class UnknownInstrument(Invalid):
    code = "unknown_instrument"


class UnknownTimeframe(Invalid):
    code = "unknown_timeframe"
