"""The publication risk gate's decision (domain.risk): every breaker at its threshold and one step before,
the order of the checks, the trading day's 17:00 Chicago boundary in winter and summer, the window
before the 16:00 break, and the fail-closed refusal."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from domain.market.calendar import trading_day_bounds
from domain.risk.gate import CHECK_ORDER, RiskUsage, decide, error_decision
from domain.risk.limits import DEFAULT_LIMITS, InvalidRiskLimits, RiskLimits, with_overrides

FREE = DEFAULT_LIMITS["free"]
# Wednesday 2026-11-25 08:30 CST (UTC-6): mid-session, far from the break.
WINTER = datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
# Wednesday 2026-06-10 08:30 CDT (UTC-5).
SUMMER = datetime(2026, 6, 10, 13, 30, tzinfo=UTC)


def utc(y: int, mo: int, d: int, h: int, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


# --- limits ------------------------------------------------------------------------------------------------

def test_the_free_tier_defaults_and_their_wire_form() -> None:
    assert FREE == RiskLimits(D("-500.00"), 6, 3, 1, 15, 10)
    assert FREE.to_json() == {"daily_loss_limit": "-500.00", "max_signals_per_day": 6, "max_consecutive_losses": 3,
                              "max_open_positions": 1, "cooldown_minutes": 15, "no_entry_before_break_minutes": 10}


def test_paying_tiers_get_more_room_never_less() -> None:
    tiers = [DEFAULT_LIMITS["free"], DEFAULT_LIMITS["pro"], DEFAULT_LIMITS["elite"]]
    for a, b in pairwise(tiers):
        assert b.daily_loss_limit < a.daily_loss_limit
        assert b.max_signals_per_day > a.max_signals_per_day
        assert b.max_consecutive_losses > a.max_consecutive_losses
        assert b.max_open_positions > a.max_open_positions
        assert b.cooldown_minutes <= a.cooldown_minutes
        assert b.no_entry_before_break_minutes <= a.no_entry_before_break_minutes


def test_an_override_replaces_a_default_and_none_keeps_it() -> None:
    limits = with_overrides(FREE, {"daily_loss_limit": D("-1000.00"), "max_signals_per_day": None,
                                   "max_open_positions": 0, "cooldown_minutes": None})
    assert limits == dataclasses.replace(FREE, daily_loss_limit=D("-1000.00"), max_open_positions=0)
    assert with_overrides(FREE, {}) == FREE


@pytest.mark.parametrize("overrides", [
    {"daily_loss_limit": D("0.01")},  # a loss limit above zero would block a winning day
    {"max_signals_per_day": -1},
    {"cooldown_minutes": 1.5},
    {"no_entry_before_break_minutes": 23 * 60 + 1},
    {"max_signals_perday": 3},  # misspelt: refused, not ignored
])
def test_limits_that_cannot_be_meant_are_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(InvalidRiskLimits):
        with_overrides(FREE, overrides)


# --- each breaker at its threshold and one step before -------------------------------------------------------

@pytest.mark.parametrize(("breaker", "reason", "at_threshold", "one_step_before", "observed", "limit"), [
    ("daily_loss_limit", "daily_loss_limit_breached", RiskUsage(daily_pnl=D("-500.00")),
     RiskUsage(daily_pnl=D("-499.99")), "-500.00", "-500.00"),
    ("max_signals_per_day", "max_signals_per_day_reached", RiskUsage(signals_today=6), RiskUsage(signals_today=5),
     "6", "6"),
    ("max_consecutive_losses", "max_consecutive_losses_reached", RiskUsage(consecutive_losses=3),
     RiskUsage(consecutive_losses=2), "3", "3"),
    ("max_open_positions", "max_open_positions_reached", RiskUsage(open_positions=1), RiskUsage(open_positions=0),
     "1", "1"),
])
def test_a_count_or_money_breaker_blocks_at_its_threshold_and_not_one_step_before(
        breaker: str, reason: str, at_threshold: RiskUsage, one_step_before: RiskUsage, observed: str,
        limit: str) -> None:
    blocked = decide(FREE, at_threshold, WINTER)
    assert (blocked.allowed, blocked.breaker, blocked.reason, blocked.observed, blocked.limit) == (
        False, breaker, reason, observed, limit)
    assert blocked.blocked_reason_json() == {"breaker": breaker, "reason": reason, "observed": observed,
                                             "limit": limit}
    allowed = decide(FREE, one_step_before, WINTER)
    assert allowed.allowed and allowed.breaker is None and allowed.blocked_reason_json() is None


def test_a_loss_beyond_the_limit_blocks_and_reports_it() -> None:
    d = decide(FREE, RiskUsage(daily_pnl=D("-512.75")), WINTER)
    assert (d.breaker, d.observed, d.limit) == ("daily_loss_limit", "-512.75", "-500.00")


def test_a_zero_limit_blocks_every_entry() -> None:
    none_allowed = dataclasses.replace(FREE, max_signals_per_day=0)
    assert decide(none_allowed, RiskUsage(), WINTER).breaker == "max_signals_per_day"


@pytest.mark.parametrize("at", [WINTER, SUMMER])
def test_the_cooldown_lasts_exactly_its_minutes_after_a_losing_close(at: datetime) -> None:
    loss_at = at - timedelta(minutes=15)  # cooldown_minutes=15 ends exactly at `at`
    usage = RiskUsage(daily_pnl=D("-50.00"), consecutive_losses=1, last_loss_at=loss_at)
    assert decide(FREE, usage, at).allowed  # at the end of the cooldown: allowed again
    one_step_before = decide(FREE, usage, at - timedelta(seconds=1))
    assert (one_step_before.allowed, one_step_before.breaker, one_step_before.reason) == (
        False, "cooldown", "cooldown_active")
    assert (one_step_before.observed, one_step_before.limit) == (
        loss_at.isoformat().replace("+00:00", "Z"), at.isoformat().replace("+00:00", "Z"))
    assert decide(FREE, usage, loss_at).breaker == "cooldown"  # the moment of the loss itself
    assert decide(dataclasses.replace(FREE, cooldown_minutes=0), usage, loss_at).allowed


@pytest.mark.parametrize(("cutoff", "name"), [
    (utc(2026, 11, 25, 21, 50), "winter: 15:50 CST is 21:50 UTC"),
    (utc(2026, 6, 10, 20, 50), "summer: 15:50 CDT is 20:50 UTC"),
])
def test_no_entry_in_the_final_minutes_before_the_break(cutoff: datetime, name: str) -> None:
    at_cutoff = decide(FREE, RiskUsage(), cutoff)
    assert (at_cutoff.allowed, at_cutoff.breaker, at_cutoff.reason) == (False, "trading_window",
                                                                        "no_entry_before_break"), name
    assert at_cutoff.limit == cutoff.isoformat().replace("+00:00", "Z")
    assert decide(FREE, RiskUsage(), cutoff - timedelta(minutes=1)).allowed, name
    last_minute = cutoff + timedelta(minutes=9, seconds=59)  # 15:59:59 local
    assert decide(FREE, RiskUsage(), last_minute).reason == "no_entry_before_break", name
    # Without the window, the whole session is open to entries, to its last second.
    assert decide(dataclasses.replace(FREE, no_entry_before_break_minutes=0), RiskUsage(), last_minute).allowed


@pytest.mark.parametrize(("at", "state", "next_open"), [
    (utc(2026, 11, 25, 22, 0), "break", "2026-11-25T23:00:00Z"),  # Wednesday 16:00 CST
    (utc(2026, 11, 25, 22, 59, 59), "break", "2026-11-25T23:00:00Z"),
    (utc(2026, 6, 10, 21, 30), "break", "2026-06-10T22:00:00Z"),  # Wednesday 16:30 CDT
    (utc(2026, 11, 28, 18, 0), "closed", "2026-11-29T23:00:00Z"),  # Saturday
    (utc(2026, 12, 25, 16, 0), "closed", "2026-12-27T23:00:00Z"),  # Christmas Day, then the weekend
])
def test_no_entry_while_the_market_is_not_open(at: datetime, state: str, next_open: str) -> None:
    d = decide(FREE, RiskUsage(), at)
    assert (d.allowed, d.breaker, d.reason, d.observed, d.limit) == (False, "trading_window", "market_closed", state,
                                                                      next_open)


@pytest.mark.parametrize("session_open", [utc(2026, 11, 25, 23, 0), utc(2026, 6, 10, 22, 0)])
def test_entries_are_allowed_again_from_the_first_second_of_the_session(session_open: datetime) -> None:
    assert decide(FREE, RiskUsage(), session_open).allowed
    assert decide(FREE, RiskUsage(), session_open - timedelta(seconds=1)).reason == "market_closed"


# --- order -------------------------------------------------------------------------------------------------

def test_the_first_breaker_in_the_documented_order_is_the_one_reported() -> None:
    assert CHECK_ORDER == ("daily_loss_limit", "max_signals_per_day", "max_consecutive_losses", "max_open_positions",
                           "cooldown", "trading_window")
    at = utc(2026, 11, 25, 21, 55)  # 15:55 CST: inside the window before the break
    everything = RiskUsage(daily_pnl=D("-900.00"), signals_today=9, consecutive_losses=5, open_positions=2,
                           last_loss_at=at - timedelta(minutes=1))
    # Clear the breakers one at a time, in order: each time the next one is reported.
    cleared = [
        dataclasses.replace(everything),
        dataclasses.replace(everything, daily_pnl=D("-100.00")),
        dataclasses.replace(everything, daily_pnl=D("-100.00"), signals_today=1),
        dataclasses.replace(everything, daily_pnl=D("-100.00"), signals_today=1, consecutive_losses=0),
        dataclasses.replace(everything, daily_pnl=D("-100.00"), signals_today=1, consecutive_losses=0,
                            open_positions=0),
        dataclasses.replace(everything, daily_pnl=D("-100.00"), signals_today=1, consecutive_losses=0,
                            open_positions=0, last_loss_at=at - timedelta(hours=1)),
    ]
    assert [decide(FREE, usage, at).breaker for usage in cleared] == list(CHECK_ORDER)
    assert decide(FREE, cleared[-1], at - timedelta(minutes=30)).allowed


# --- paper and live ------------------------------------------------------------------------------------------

def test_paper_and_live_are_decided_on_their_own_usage() -> None:
    # The two pools are two usages (db.risk reads one per mode): a paper day at its loss limit says
    # nothing about live, which is decided on its own numbers under its own limits.
    paper = RiskUsage(daily_pnl=D("-500.00"), signals_today=4, consecutive_losses=1)
    live = RiskUsage(daily_pnl=D("0.00"), signals_today=0)
    assert decide(FREE, paper, WINTER).breaker == "daily_loss_limit"
    assert decide(FREE, live, WINTER).allowed
    live_limits = with_overrides(FREE, {"daily_loss_limit": D("-100.00")})
    assert decide(live_limits, RiskUsage(daily_pnl=D("-100.00")), WINTER).limit == "-100.00"


# --- the trading day ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("before_17", "at_17", "start_before", "start_after"), [
    # Tuesday 2026-11-24, CST: 17:00 is 23:00 UTC.
    (utc(2026, 11, 24, 22, 59, 59), utc(2026, 11, 24, 23, 0), utc(2026, 11, 23, 23, 0), utc(2026, 11, 24, 23, 0)),
    # Tuesday 2026-06-09, CDT: 17:00 is 22:00 UTC.
    (utc(2026, 6, 9, 21, 59, 59), utc(2026, 6, 9, 22, 0), utc(2026, 6, 8, 22, 0), utc(2026, 6, 9, 22, 0)),
])
def test_the_trading_day_starts_at_17_chicago_in_winter_and_summer(
        before_17: datetime, at_17: datetime, start_before: datetime, start_after: datetime) -> None:
    assert decide(FREE, RiskUsage(), before_17).trading_day_start == start_before
    assert decide(FREE, RiskUsage(), at_17).trading_day_start == start_after
    # What the usage is read over: a loss closed at 15:30 local belongs to the day before 17:00 and not
    # to the one after it, so it no longer counts against the new day's limit.
    loss_at = at_17 - timedelta(minutes=90)
    day_start, day_end = trading_day_bounds(at_17)
    assert not day_start <= loss_at < day_end
    assert trading_day_bounds(before_17)[0] <= loss_at < trading_day_bounds(before_17)[1]


def test_the_decision_says_when_it_was_checked_in_utc() -> None:
    chicago_time = WINTER.astimezone(ZoneInfo("America/Chicago"))
    d = decide(FREE, RiskUsage(), chicago_time)
    assert d.checked_at == WINTER and d.checked_at.tzinfo == UTC
    with pytest.raises(ValueError):
        decide(FREE, RiskUsage(), datetime(2026, 11, 25, 14, 30))  # naive: which zone? refused


# --- what a refusal records ----------------------------------------------------------------------------------

def test_a_refusal_snapshots_its_reason_limits_and_check_time() -> None:
    d = decide(FREE, RiskUsage(daily_pnl=D("-512.75"), signals_today=4), WINTER)
    assert d.reason_json() == {"breaker": "daily_loss_limit", "reason": "daily_loss_limit_breached",
                               "observed": "-512.75", "limit": "-500.00", "limits": FREE.to_json(),
                               "checked_at": "2026-11-25T14:30:00Z"}
    with pytest.raises(ValueError):
        decide(FREE, RiskUsage(), WINTER).reason_json()  # an allowed decision blocked nothing


def test_usage_in_its_wire_form() -> None:
    usage = RiskUsage(D("-120.5"), 2, 1, 1, utc(2026, 11, 25, 14, 0))
    assert usage.to_json() == {"daily_pnl": "-120.50", "signals_today": 2, "consecutive_losses": 1,
                               "open_positions": 1, "last_loss_at": "2026-11-25T14:00:00Z"}
    assert RiskUsage().to_json()["last_loss_at"] is None


def test_the_error_decision_refuses_with_nothing_observed() -> None:
    d = error_decision(WINTER, FREE)
    assert (d.allowed, d.breaker, d.reason, d.observed, d.limit) == (False, "error", "risk_state_unavailable", None,
                                                                     None)
    assert d.blocked_reason_json() == {"breaker": "error", "reason": "risk_state_unavailable", "observed": None,
                                       "limit": None}
    assert d.reason_json() == {"breaker": "error", "reason": "risk_state_unavailable", "observed": None,
                               "limit": None, "limits": FREE.to_json(), "checked_at": "2026-11-25T14:30:00Z"}
    assert d.limits == FREE and d.usage == RiskUsage()
    assert d.trading_day_start == utc(2026, 11, 24, 23, 0) and d.checked_at == WINTER
