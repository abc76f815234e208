"""The failures of the signal area, one class per code."""

from __future__ import annotations

from domain.errors import Conflict, Forbidden, NotFound, TooMany


class SignalNotFound(NotFound):
    # Missing or someone else's: one answer, so ids cannot be probed.
    code = "signal_not_found"


class SignalNotOpen(Conflict):
    """Carries `current`: the signal as it is now, so a client reconciles without another request."""

    code = "signal_not_open"


class PaperOnly(Forbidden):
    code = "paper_only"


class PriceUnavailable(Conflict):
    """No close price was given and the newest bar is too old to stand for the market now."""

    code = "price_stale"


class StrategyNotStartable(Conflict):
    code = "strategy_not_startable"


class LiveModeDisabled(Forbidden):
    code = "live_mode_disabled_v1"


class RuntimeAlreadyActive(Conflict):
    """Carries `current`: the runtime, running or draining."""

    code = "runtime_already_active"


class RuntimeNotFound(NotFound):
    code = "runtime_not_found"


class InstrumentNotFound(NotFound):
    # A path naming an instrument the catalogue does not have: the resource is missing (404), unlike
    # `unknown_instrument`, a field of a request body that is not valid (422).
    code = "instrument_not_found"


class TooManyStreams(TooMany):
    code = "too_many_streams"
