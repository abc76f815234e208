"""domain.market.synthetic: deterministic, on the tick grid, consistent, shaped, and only when the market is open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D
from statistics import mean

import pytest

from domain.market import synthetic as synthetic_bars
from domain.market.bars import ONE_MINUTE
from domain.market.calendar import market_state, session_bounds

WEEK = [date(2026, 3, 9) + timedelta(days=i) for i in range(5)]  # Mon-Fri, the week after the DST change


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def test_the_same_seed_gives_the_same_bars_and_another_seed_other_bars() -> None:
    a = synthetic_bars.session_bars("MNQ", date(2026, 3, 10), 7)
    synthetic_bars._session_path.cache_clear()  # recompute from scratch, as a restarted process would
    synthetic_bars._eod_log_price.cache_clear()
    assert synthetic_bars.session_bars("MNQ", date(2026, 3, 10), 7) == a
    assert synthetic_bars.session_bars("MNQ", date(2026, 3, 10), 8) != a


def test_a_bar_depends_only_on_seed_and_time() -> None:
    # Whatever window is asked for, the bar at a given minute is the same (a restart continues exactly).
    whole = synthetic_bars.bars_between("MES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 16), 3)
    part = synthetic_bars.bars_between("MES", utc(2026, 3, 10, 15, 17), utc(2026, 3, 10, 15, 20), 3)
    assert part == [b for b in whole if utc(2026, 3, 10, 15, 17) <= b.ts < utc(2026, 3, 10, 15, 20)]
    assert synthetic_bars.bar_at("MES", utc(2026, 3, 10, 15, 17), 3) == part[0]


@pytest.mark.parametrize("symbol", ["MNQ", "MES", "NQ", "ES"])
def test_prices_are_on_the_tick_grid_and_bars_are_consistent(symbol: str) -> None:
    previous = None
    for day in WEEK:
        for bar in synthetic_bars.session_bars(symbol, day, 11):
            for price in (bar.open, bar.high, bar.low, bar.close):
                assert price > 0 and price % D("0.25") == 0
            assert bar.high >= max(bar.open, bar.close) and bar.low <= min(bar.open, bar.close)
            assert bar.volume > 0
            if previous is not None:
                assert bar.open == previous.close  # continuous, across the daily break too
            previous = bar


def test_price_levels_per_instrument_and_micro_equals_mini() -> None:
    for day in WEEK:
        nq = synthetic_bars.session_bars("NQ", day, 5)
        es = synthetic_bars.session_bars("ES", day, 5)
        assert 15000 < nq[-1].close < 28000 and 4300 < es[-1].close < 8000
        mnq = synthetic_bars.session_bars("MNQ", day, 5)
        assert [(b.ts, b.open, b.high, b.low, b.close) for b in mnq] == [(b.ts, b.open, b.high, b.low, b.close)
                                                                          for b in nq]
        assert [b.volume for b in mnq] != [b.volume for b in nq]


def test_levels_stay_near_home_over_years() -> None:
    closes = [synthetic_bars.session_bars("NQ", date(2026, 1, 5) + timedelta(weeks=w), 1)[-1].close
              for w in range(0, 150, 5)]
    assert all(D(12000) < c < D(36000) for c in closes)


def test_no_bars_in_the_daily_break_at_weekends_or_on_holidays() -> None:
    # Wednesday 2026-03-11: the break is 16:00-17:00 CDT = 21:00-22:00 UTC.
    bars = synthetic_bars.bars_between("ES", utc(2026, 3, 11, 20, 0), utc(2026, 3, 11, 23, 0), 1)
    assert bars[-1].ts == utc(2026, 3, 11, 22, 59)
    assert all(market_state("ES", b.ts) == "open" for b in bars)
    assert not [b for b in bars if utc(2026, 3, 11, 21) <= b.ts < utc(2026, 3, 11, 22)]
    assert len(bars) == 60 + 60  # 15:00-15:59 and 17:00-17:59 CDT
    assert synthetic_bars.bar_at("ES", utc(2026, 3, 11, 21, 30), 1) is None
    # Saturday and Sunday before 17:00 CT: nothing. Good Friday 2026-04-03: no session at all.
    assert synthetic_bars.bars_between("ES", utc(2026, 3, 13, 21), utc(2026, 3, 15, 22), 1) == []
    assert synthetic_bars.session_bars("ES", date(2026, 4, 3), 1) == []
    # A full session is 23 hours of minutes, from 17:00 CT to 15:59 CT.
    day = synthetic_bars.session_bars("ES", date(2026, 3, 11), 1)
    opens, closes = session_bounds(date(2026, 3, 11), "ES")
    assert len(day) == 23 * 60 and day[0].ts == opens and day[-1].ts + ONE_MINUTE == closes


def test_intraday_volatility_is_a_u_over_the_cash_session() -> None:
    # Average 1m range (high - low) by CT time over a week: the cash open and close are livelier than
    # midday, and midday is livelier than the overnight.
    def avg_range(hour_ct: int, minute: int, length: int) -> float:
        ranges = []
        for day in WEEK:
            bars = synthetic_bars.session_bars("NQ", day, 21)
            opens = session_bounds(day, "NQ")[0]
            start = ((hour_ct - 17) % 24) * 60 + minute  # minutes after 17:00 CT
            ranges += [float(b.high - b.low) for b in bars if start <= (b.ts - opens) // ONE_MINUTE < start + length]
        return mean(ranges)

    cash_open = avg_range(8, 30, 30)
    midday = avg_range(11, 30, 60)
    cash_close = avg_range(14, 30, 45)
    overnight = avg_range(22, 0, 120)
    assert cash_open > 1.8 * midday and cash_close > 1.25 * midday and midday > 2 * overnight


def test_unknown_instrument() -> None:
    from domain.errors import Invalid

    with pytest.raises(Invalid):
        synthetic_bars.session_bars("ZN", date(2026, 3, 10), 1)
