"""The CME Globex equity-index calendar: weekly open and close, daily break, DST, holidays, bars.

Times in the examples are written twice where it matters: Chicago wall time and the UTC instant,
because the point of most tests is that 17:00 CT is 23:00 UTC in winter and 22:00 UTC in summer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Invalid
from domain.market.calendar import (
    CME_EQUITY_INDEX_HOLIDAYS,
    TIMEFRAME_DURATIONS,
    bar_open,
    is_trading_date,
    market_state,
    next_open,
    session_bounds,
    trading_date,
    trading_day_bounds,
    trading_day_start,
)
from domain.market.instruments import INSTRUMENTS, TIMEFRAMES

CT = ZoneInfo("America/Chicago")


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, us, tzinfo=UTC)


def ct(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CT)


# --- trading day ---------------------------------------------------------------------------------

def test_trading_day_starts_at_17_ct_winter_and_summer() -> None:
    # Winter, CST = UTC-6: Wednesday 2026-01-14 12:00 CT belongs to the day that began Tue 17:00 CT.
    assert trading_day_start(utc(2026, 1, 14, 18, 0)) == utc(2026, 1, 13, 23, 0)
    assert trading_day_start(utc(2026, 1, 14, 22, 59, 59)) == utc(2026, 1, 13, 23, 0)
    assert trading_day_start(utc(2026, 1, 14, 23, 0)) == utc(2026, 1, 14, 23, 0)  # 17:00 CT exactly
    # Summer, CDT = UTC-5: the same wall time is an hour earlier in UTC.
    assert trading_day_start(utc(2026, 7, 15, 21, 59)) == utc(2026, 7, 14, 22, 0)
    assert trading_day_start(utc(2026, 7, 15, 22, 0)) == utc(2026, 7, 15, 22, 0)
    # The result is UTC whatever zone the input is in.
    start = trading_day_start(ct(2026, 7, 15, 9, 30))
    assert start == utc(2026, 7, 14, 22, 0) and start.tzinfo is UTC


def test_trading_date_is_the_date_the_session_ends() -> None:
    assert trading_date(ct(2026, 1, 18, 17, 0)) == date(2026, 1, 19)  # Sunday evening trades Monday's date
    assert trading_date(ct(2026, 1, 19, 15, 59)) == date(2026, 1, 19)
    assert trading_date(ct(2026, 1, 19, 16, 30)) == date(2026, 1, 19)  # the break still ends Monday
    assert trading_day_bounds(ct(2026, 1, 19, 3, 0)) == (utc(2026, 1, 18, 23, 0), utc(2026, 1, 19, 23, 0))


def test_trading_day_across_the_spring_dst_weekend() -> None:
    # US DST begins Sunday 2026-03-08 02:00 local. Friday's close is 16:00 CST = 22:00 UTC; Sunday's
    # open is 17:00 CDT = 22:00 UTC too, and from then on the day starts at 22:00 UTC.
    assert trading_day_start(utc(2026, 3, 5, 23, 30)) == utc(2026, 3, 5, 23, 0)  # Thursday, still CST
    assert trading_day_start(utc(2026, 3, 9, 15, 0)) == utc(2026, 3, 8, 22, 0)  # Monday's day, CDT
    assert session_bounds(date(2026, 3, 6)) == (utc(2026, 3, 5, 23, 0), utc(2026, 3, 6, 22, 0))
    assert session_bounds(date(2026, 3, 9)) == (utc(2026, 3, 8, 22, 0), utc(2026, 3, 9, 21, 0))


def test_trading_day_across_the_autumn_dst_weekend() -> None:
    # US DST ends Sunday 2026-11-01 02:00 local. Friday close 16:00 CDT = 21:00 UTC; Sunday open
    # 17:00 CST = 23:00 UTC.
    assert session_bounds(date(2026, 10, 30)) == (utc(2026, 10, 29, 22, 0), utc(2026, 10, 30, 21, 0))
    assert session_bounds(date(2026, 11, 2)) == (utc(2026, 11, 1, 23, 0), utc(2026, 11, 2, 22, 0))
    assert trading_day_start(utc(2026, 11, 2, 12, 0)) == utc(2026, 11, 1, 23, 0)


# --- market state --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("at", "state"),
    [
        # Sunday open (winter): closed until 17:00 CT = 23:00 UTC.
        (utc(2026, 1, 18, 12, 0), "closed"),
        (utc(2026, 1, 18, 22, 59, 59), "closed"),
        (utc(2026, 1, 18, 23, 0), "open"),
        # Daily break Wednesday 16:00-17:00 CT = 22:00-23:00 UTC.
        (utc(2026, 1, 14, 21, 59, 59), "open"),
        (utc(2026, 1, 14, 22, 0), "break"),
        (utc(2026, 1, 14, 22, 59, 59), "break"),
        (utc(2026, 1, 14, 23, 0), "open"),
        # Friday close 16:00 CT: the gap after it is the weekend, not a break.
        (utc(2026, 1, 16, 21, 59, 59), "open"),
        (utc(2026, 1, 16, 22, 0), "closed"),
        (utc(2026, 1, 16, 23, 30), "closed"),
        (utc(2026, 1, 17, 15, 0), "closed"),  # Saturday
        # Summer: the same wall times an hour earlier in UTC.
        (utc(2026, 7, 15, 20, 59), "open"),
        (utc(2026, 7, 15, 21, 0), "break"),
        (utc(2026, 7, 15, 22, 0), "open"),
        (utc(2026, 7, 17, 21, 0), "closed"),  # Friday 16:00 CDT
        (utc(2026, 7, 19, 21, 59), "closed"),  # Sunday 16:59 CDT
        (utc(2026, 7, 19, 22, 0), "open"),  # Sunday 17:00 CDT
        # Spring DST weekend: Friday 2026-03-06 closes 22:00 UTC (CST), Sunday 03-08 opens 22:00 UTC (CDT).
        (utc(2026, 3, 6, 21, 59), "open"),
        (utc(2026, 3, 6, 22, 0), "closed"),
        (utc(2026, 3, 8, 21, 59), "closed"),
        (utc(2026, 3, 8, 22, 0), "open"),
        (utc(2026, 3, 9, 21, 0), "break"),  # Monday 16:00 CDT
        # Autumn DST weekend: Friday 2026-10-30 closes 21:00 UTC (CDT), Sunday 11-01 opens 23:00 UTC (CST).
        (utc(2026, 10, 30, 20, 59), "open"),
        (utc(2026, 10, 30, 21, 0), "closed"),
        (utc(2026, 11, 1, 22, 59), "closed"),
        (utc(2026, 11, 1, 23, 0), "open"),
        (utc(2026, 11, 2, 22, 0), "break"),  # Monday 16:00 CST
    ],
)
def test_market_state(at: datetime, state: str) -> None:
    assert market_state("MNQ", at) == state
    assert market_state(INSTRUMENTS["ES"], at) == state


@pytest.mark.parametrize(
    ("at", "state"),
    [
        # Christmas 2025 (Thursday): no session for trading date Dec 25.
        (ct(2025, 12, 24, 15, 59), "open"),  # Wed session (its 12:15 early close is not modelled)
        (ct(2025, 12, 24, 16, 30), "closed"),  # no break: the next session is the holiday
        (ct(2025, 12, 24, 17, 0), "closed"),
        (ct(2025, 12, 25, 12, 0), "closed"),
        (ct(2025, 12, 25, 16, 30), "closed"),  # no break: the previous session was the holiday
        (ct(2025, 12, 25, 17, 0), "open"),  # Friday Dec 26's session
        # Good Friday 2026-04-03: closed from Thursday 16:00 to Sunday 17:00.
        (ct(2026, 4, 2, 15, 59), "open"),
        (ct(2026, 4, 2, 16, 0), "closed"),
        (ct(2026, 4, 2, 17, 0), "closed"),
        (ct(2026, 4, 3, 10, 0), "closed"),
        (ct(2026, 4, 5, 17, 0), "open"),
        # New Year's Day 2027 falls on a Friday: closed from Thursday 16:00 until Sunday Jan 3 17:00.
        (ct(2026, 12, 31, 15, 0), "open"),
        (ct(2026, 12, 31, 18, 0), "closed"),
        (ct(2027, 1, 1, 10, 0), "closed"),
        (ct(2027, 1, 3, 17, 0), "open"),
        # New Year's Day 2026 (Thursday): Wednesday evening closed, Thursday 17:00 opens Friday's session.
        (ct(2025, 12, 31, 17, 30), "closed"),
        (ct(2026, 1, 1, 17, 0), "open"),
    ],
)
def test_holidays(at: datetime, state: str) -> None:
    assert market_state("NQ", at) == state


def test_holiday_table_is_weekdays_in_range() -> None:
    assert all(d.weekday() < 5 and 2025 <= d.year <= 2027 for d in CME_EQUITY_INDEX_HOLIDAYS)
    assert {name.split(" (")[0] for name in CME_EQUITY_INDEX_HOLIDAYS.values()} == {
        "New Year's Day", "Good Friday", "Christmas Day",
    }
    assert not is_trading_date(date(2027, 12, 24)) and is_trading_date(date(2027, 12, 23))
    assert not is_trading_date(date(2026, 1, 17))  # a Saturday
    assert is_trading_date(date(2026, 1, 19))  # MLK day: an early halt, not a full close


def test_next_open() -> None:
    assert next_open(ct(2026, 1, 16, 16, 0)) == ct(2026, 1, 18, 17, 0)  # Friday close -> Sunday open
    assert next_open(ct(2026, 1, 14, 16, 30)) == ct(2026, 1, 14, 17, 0)  # break -> same evening
    assert next_open(ct(2026, 1, 14, 17, 0)) == ct(2026, 1, 15, 17, 0)  # strictly after
    assert next_open(ct(2025, 12, 24, 16, 0)) == ct(2025, 12, 25, 17, 0)  # over Christmas
    assert next_open(ct(2026, 4, 2, 16, 0)) == ct(2026, 4, 5, 17, 0)  # over Good Friday
    assert next_open(utc(2026, 3, 7, 12, 0)) == utc(2026, 3, 8, 22, 0)  # into DST


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        market_state("ES", datetime(2026, 1, 14, 12, 0))
    with pytest.raises(Invalid) as info:
        market_state("ZZ", utc(2026, 1, 14, 12, 0))
    assert info.value.code == "unknown_instrument"
    with pytest.raises(Invalid) as info:
        bar_open(utc(2026, 1, 14, 12, 0), "3m")
    assert info.value.code == "unknown_timeframe"


# --- bar boundaries ------------------------------------------------------------------------------

def test_four_hour_bars_are_aligned_on_17_ct() -> None:
    # Winter: 17:00 CT = 23:00 UTC, so 4h bars open at 23, 03, 07, 11, 15, 19 UTC.
    assert bar_open(utc(2026, 1, 14, 2, 30), "4h") == utc(2026, 1, 13, 23, 0)  # 20:30 CT
    assert bar_open(utc(2026, 1, 14, 3, 0), "4h") == utc(2026, 1, 14, 3, 0)  # 21:00 CT
    assert bar_open(utc(2026, 1, 14, 21, 59), "4h") == utc(2026, 1, 14, 19, 0)  # 15:59 CT: the 13:00 CT bar
    # Summer: 22, 02, 06, 10, 14, 18 UTC.
    assert bar_open(utc(2026, 7, 15, 13, 59), "4h") == utc(2026, 7, 15, 10, 0)
    assert bar_open(utc(2026, 7, 15, 14, 0), "4h") == utc(2026, 7, 15, 14, 0)
    # Local wall times of a whole winter day's 4h bars.
    start = utc(2026, 1, 13, 23, 0)
    opens = sorted({bar_open(start + timedelta(minutes=m), "4h") for m in range(0, 23 * 60)})
    assert [o.astimezone(CT).hour for o in opens] == [17, 21, 1, 5, 9, 13]


def test_intraday_and_daily_bars() -> None:
    ts = utc(2026, 7, 15, 14, 37, 42, 123456)  # 09:37:42 CDT
    assert bar_open(ts, "1m") == utc(2026, 7, 15, 14, 37)
    assert bar_open(ts, "2m") == utc(2026, 7, 15, 14, 36)
    assert bar_open(ts, "5m") == utc(2026, 7, 15, 14, 35)
    assert bar_open(ts, "15m") == utc(2026, 7, 15, 14, 30)
    assert bar_open(ts, "30m") == utc(2026, 7, 15, 14, 30)
    assert bar_open(ts, "1h") == utc(2026, 7, 15, 14, 0)
    assert bar_open(ts, "1d") == utc(2026, 7, 14, 22, 0)  # the trading day, not UTC midnight
    # The Sunday-evening bars belong to Monday's daily bar.
    assert bar_open(ct(2026, 1, 18, 19, 0), "1d") == bar_open(ct(2026, 1, 19, 15, 59), "1d") == ct(2026, 1, 18, 17, 0)


def test_every_catalogue_timeframe_is_known() -> None:
    assert set(TIMEFRAMES) == {*TIMEFRAME_DURATIONS, "1d"}


@settings(max_examples=300, deadline=None)
@given(
    at=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
    timeframe=st.sampled_from(TIMEFRAMES),
)
def test_bar_open_properties(at: datetime, timeframe: str) -> None:
    opened = bar_open(at, timeframe)
    assert opened <= at
    assert bar_open(opened, timeframe) == opened  # idempotent
    assert opened >= trading_day_start(at)  # never reaches back into the previous trading day
    if timeframe != "1d":
        assert at < opened + TIMEFRAME_DURATIONS[timeframe]
        if market_state("ES", at) == "open":
            # Bucket widths divide the 24h trading day, so a bar never straddles a day start.
            assert opened + TIMEFRAME_DURATIONS[timeframe] <= trading_day_bounds(at)[1]
