"""The failures of the engine, one class per code. (A graph that does not validate is
domain.strategy.errors.GraphInvalid; no bars to run on is domain.market.errors.NoMarketData.)"""

from __future__ import annotations

from domain.errors import Invalid


class InvalidBars(Invalid):
    """The bars given are not a series the engine can evaluate: open times must be timezone-aware and
    strictly increasing, and columns of one length."""

    code = "invalid_bars"


class EngineStateMismatch(Invalid):
    """A snapshot that another graph, instrument or timeframe saved, or that is damaged."""

    code = "engine_state_mismatch"
