"""The rules of a runtime's life: which strategies may start, what a start warms up on, when a bar
is too late to publish an entry, and what the audit trail records for a bar.

Warm-up. At its start a runtime is fed the stored history its graph needs, firing nothing
(`Evaluator.warm`): the newest `warmup_bar_count(plan)` bars that had arrived before the start, that
is three times the graph's longest chain of indicator lookbacks plus ten (so that exponential
averages have converged, not only produced a first value), at most 10,000; and, when the graph reads
the trading day (opening range, session VWAP, time window), at least every bar of the current
trading day. Its first decision is on the first bar that arrives after the start.

Lateness. An entry is published live only if its bar is processed within the bar's timeframe plus a
grace of the bar's arrival (when it was written, bars.updated_at; both times the database's), and,
unless the bar came from a replay, within the timeframe plus the grace of the bar's own close (by
the service's clock). Arrival is what the first rule measures, so that a replay of old history plays
as live (a rehearsal on paper); the second keeps a backfill or an import of history (a feed
catching up after downtime) from firing as if it were news. An entry decided on a late bar is not
published (audited `skipped`, with why); stops, targets and exits of an open position still apply,
at the prices of the bars that hit them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from domain.engine import CompiledGraph
from domain.market.bars import StoredBar
from domain.market.calendar import TIMEFRAME_DURATIONS
from domain.signals.errors import LiveModeDisabled, StrategyNotStartable

RuntimeStatus = Literal["starting", "running", "draining", "stopped", "error", "paused"]
STARTABLE_STATUSES: Final = ("ready", "live", "paused")
ACTIVE_STATUSES: Final = ("running", "draining")
MAX_WARMUP_BARS: Final = 10_000
AuditDecision = Literal["enter_long", "enter_short", "exit", "hold", "blocked", "skipped", "error"]


def check_startable(strategy_status: str, mode: str) -> None:
    """Gates 3 and 4 of a start, in that order."""
    if strategy_status not in STARTABLE_STATUSES:
        raise StrategyNotStartable(
            f"The strategy is {strategy_status}; only ready, live or paused strategies can start.",
            current_status=strategy_status, allowed=list(STARTABLE_STATUSES))
    if mode == "live":
        raise LiveModeDisabled("Live mode is not available in v1: start the runtime in paper mode.")


def warmup_bar_count(plan: CompiledGraph) -> int:
    return min(3 * plan.warmup_bars + 10, MAX_WARMUP_BARS)


def timeframe_length(timeframe: str) -> timedelta:
    # A daily bar's bucket is the trading day, 23 hours of session.
    return TIMEFRAME_DURATIONS.get(timeframe, timedelta(hours=23))


@dataclass(frozen=True, slots=True)
class ArrivedBar:
    """A stored bar with when it arrived (was written) and where it came from."""

    bar: StoredBar
    close_at: datetime  # market time: the bar's close
    arrived_at: datetime  # database time
    source: str


def late_reason(bar: ArrivedBar, processed_at: datetime, now: datetime, timeframe: str,
                grace: timedelta) -> str | None:
    """Why an entry on `bar` must not be published as live, or None when it may be. `processed_at` is
    the database's time (as the arrival), `now` the service's clock (as the bar's close)."""
    allowed = timeframe_length(timeframe) + grace
    waited = processed_at - bar.arrived_at
    if waited > allowed:
        return (f"late: processed {waited.total_seconds():.0f} s after the bar arrived "
                f"(at most {allowed.total_seconds():.0f} s for a live entry)")
    age = now - bar.close_at
    if bar.source != "replay" and age > allowed:
        return (f"history: the bar closed {age.total_seconds():.0f} s ago "
                f"(at most {allowed.total_seconds():.0f} s for a live entry)")
    return None
