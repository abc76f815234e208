"""Incremental indicators against TA-Lib, fed one bar at a time as a live runtime would.

Oracle: the `ta-lib` package (TA-Lib C library, default compatibility, no unstable period).
Data: REAL market data shipped with backtesting.py (`from backtesting.test import GOOG, EURUSD`):
GOOG daily OHLCV 2004-2013 (2,148 bars, prices 100-800) and EURUSD hourly OHLCV 2017-2018
(5,000 bars, prices ~1.1, moves of 1e-4), two very different scales. Then a 350,000-bar synthetic
random walk at NQ price levels that falls tenfold, to show that the ring-buffer sums do not drift.

The tolerance is 1e-9 absolute, relative for values above 1 (|ours - ta| <= 1e-9 * max(1, |ta|)),
and warm-up must match exactly: None on every bar where TA-Lib gives NaN, a value on every other.
Session VWAP has no TA-Lib counterpart; it is checked against a plain hand computation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest
import talib
from backtesting.test import EURUSD, GOOG
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Invalid
from domain.indicators import ATR, EMA, MACD, RSI, SMA, WMA, Bollinger, Highest, Lowest, SessionVWAP

TOL = 1e-9
PERIODS = (2, 5, 14, 50, 200)
DATASETS = {"GOOG": GOOG, "EURUSD": EURUSD}

Array = np.ndarray[Any, np.dtype[np.float64]]


def ohlcv(name: str) -> tuple[Array, Array, Array, Array]:
    df = DATASETS[name]
    high, low, close, volume = (df[col].to_numpy(dtype=np.float64) for col in ("High", "Low", "Close", "Volume"))
    return high, low, close, volume


def feed(update: Callable[..., Any], *columns: Array) -> list[Any]:
    # .tolist() gives Python floats, as the engine will pass; numpy scalars would work but slowly.
    return [update(*row) for row in zip(*(c.tolist() for c in columns), strict=True)]


def assert_matches(ours: Sequence[float | None], ref: Array, lookback: int, label: str) -> None:
    ref_valid = ~np.isnan(ref)
    if len(ref) <= lookback:  # a series shorter than the warm-up: nothing but None
        assert not ref_valid.any() and all(v is None for v in ours), label
        return
    # The oracle itself must agree with the lookback we claim, or the comparison means little.
    assert int(np.argmax(ref_valid)) == lookback and ref_valid[lookback:].all(), f"{label}: TA-Lib lookback"
    got_valid = np.array([v is not None for v in ours])
    assert (got_valid == ref_valid).all(), f"{label}: first value at {int(np.argmax(got_valid))}, TA-Lib {lookback}"
    got = np.array([v for v in ours if v is not None], dtype=np.float64)
    want = ref[ref_valid]
    err = np.abs(got - want) / np.maximum(1.0, np.abs(want))
    worst = int(np.argmax(err))
    assert err[worst] <= TOL, f"{label}: bar {lookback + worst}: {got[worst]!r} != {want[worst]!r}"


def component(values: Sequence[tuple[float, ...] | None], k: int) -> list[float | None]:
    return [None if v is None else v[k] for v in values]


# --- real data -----------------------------------------------------------------------------------

SINGLE_INPUT: dict[str, tuple[Callable[[int], Any], Callable[..., Array]]] = {
    "SMA": (SMA, talib.SMA),
    "EMA": (EMA, talib.EMA),
    "WMA": (WMA, talib.WMA),
    "RSI": (RSI, talib.RSI),
    "Highest": (Highest, talib.MAX),
    "Lowest": (Lowest, talib.MIN),
}


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("name", SINGLE_INPUT)
@pytest.mark.parametrize("data", DATASETS)
def test_close_based_indicators(data: str, name: str, period: int) -> None:
    _, _, close, _ = ohlcv(data)
    cls, oracle = SINGLE_INPUT[name]
    ind = cls(period)
    assert_matches(feed(ind.update, close), oracle(close, timeperiod=period), ind.lookback, f"{data} {name}({period})")


@pytest.mark.parametrize("period", (1, *PERIODS))
@pytest.mark.parametrize("data", DATASETS)
def test_atr(data: str, period: int) -> None:
    high, low, close, _ = ohlcv(data)
    ind = ATR(period)
    ours = feed(ind.update, high, low, close)
    assert_matches(ours, talib.ATR(high, low, close, timeperiod=period), ind.lookback, f"{data} ATR({period})")


@pytest.mark.parametrize(("period", "up", "dn"), [(p, 2.0, 2.0) for p in PERIODS] + [(20, 1.0, 2.5), (10, 0.5, 3.0)])
@pytest.mark.parametrize("data", DATASETS)
def test_bollinger(data: str, period: int, up: float, dn: float) -> None:
    _, _, close, _ = ohlcv(data)
    ind = Bollinger(period, up, dn)
    ours = feed(ind.update, close)
    refs = talib.BBANDS(close, timeperiod=period, nbdevup=up, nbdevdn=dn)  # matype defaults to SMA
    for k, band in enumerate(("upper", "middle", "lower")):
        assert_matches(component(ours, k), refs[k], ind.lookback, f"{data} Bollinger({period}).{band}")
    assert ind.value is not None and (ind.upper, ind.middle, ind.lower) == tuple(ind.value)


MACD_PARAMS = [(12, 26, 9), (5, 35, 5), (2, 3, 1), (2, 2, 1), (14, 50, 9), (50, 200, 14), (26, 12, 9)]


@pytest.mark.parametrize(("fast", "slow", "signal"), MACD_PARAMS)
@pytest.mark.parametrize("data", DATASETS)
def test_macd(data: str, fast: int, slow: int, signal: int) -> None:
    _, _, close, _ = ohlcv(data)
    ind = MACD(fast, slow, signal)
    ours = feed(ind.update, close)
    refs = talib.MACD(close, fastperiod=fast, slowperiod=slow, signalperiod=signal)
    for k, part in enumerate(("macd", "signal", "hist")):
        assert_matches(component(ours, k), refs[k], ind.lookback, f"{data} MACD({fast},{slow},{signal}).{part}")
    assert ind.value is not None and (ind.macd, ind.signal, ind.hist) == tuple(ind.value)


def test_macd_fast_ema_is_seeded_on_the_slow_window() -> None:
    """The trap TA-Lib sets: its fast EMA is seeded by the SMA of bars slow-fast..slow-1, not of
    bars 0..fast-1, so a MACD built from two independently seeded EMAs differs for a long while."""
    _, _, close, _ = ohlcv("GOOG")
    fast, slow = EMA(12), EMA(26)
    fasts, slows = feed(fast.update, close), feed(slow.update, close)
    ref = talib.MACD(close, 12, 26, 9)[0]
    assert abs(fasts[40] - slows[40] - ref[40]) > 1e-3


# --- long synthetic series: drift ----------------------------------------------------------------

@pytest.fixture(scope="module")
def long_walk() -> tuple[Array, Array, Array]:
    """350,000 one-minute-like bars: NQ-level prices, off the tick grid (so every addition
    rounds), drifting from ~20,000 down to ~2,000 so that any absolute error a running sum carried
    from the high prices would show up relatively ten times larger at the end."""
    rng = np.random.default_rng(20240601)
    n = 350_000
    close = 20_000.0 * np.exp(np.cumsum(rng.normal(-2.3 / n, 0.0004, n)))
    spread = np.abs(rng.normal(0.0, 0.0004, n)) * close
    high = close + spread * rng.random(n)
    low = close - spread * rng.random(n)
    return high, low, close


def test_long_series_matches_talib_without_drift(long_walk: tuple[Array, Array, Array]) -> None:
    high, low, close = long_walk
    for period in (2, 200):
        for name, (cls, oracle) in SINGLE_INPUT.items():
            ind = cls(period)
            assert_matches(feed(ind.update, close), oracle(close, timeperiod=period), ind.lookback, f"{name}({period})")
        bb = Bollinger(period)
        ours = feed(bb.update, close)
        refs = talib.BBANDS(close, timeperiod=period)
        for k in range(3):
            assert_matches(component(ours, k), refs[k], bb.lookback, f"Bollinger({period})[{k}]")
    atr = ATR(14)
    assert_matches(feed(atr.update, high, low, close), talib.ATR(high, low, close, 14), atr.lookback, "ATR(14)")
    macd = MACD()
    ours = feed(macd.update, close)
    for k, ref in enumerate(talib.MACD(close)):
        assert_matches(component(ours, k), ref, macd.lookback, f"MACD[{k}]")


def test_windowed_sums_stay_exact_over_a_long_series(long_walk: tuple[Array, Array, Array]) -> None:
    """Tighter than the TA-Lib check: against an exact window computation at the END of the
    series (where drift would be largest), SMA, WMA and the bands agree to 1e-13 relative."""
    _, _, close = long_walk
    period = 200
    tail = close[-5000:]
    windows = np.lib.stride_tricks.sliding_window_view(tail, period)
    exact_mean = np.array([math.fsum(w) for w in windows]) / period
    weights = np.arange(1, period + 1, dtype=np.float64)
    exact_wma = np.array([math.fsum(w * weights) for w in windows]) / weights.sum()
    exact_std = np.sqrt([math.fsum((w - m) ** 2) / period for w, m in zip(windows, exact_mean, strict=True)])

    sma, wma, bb = SMA(period), WMA(period), Bollinger(period)
    for x in close[:-5000].tolist():
        sma.update(x), wma.update(x), bb.update(x)
    got = [(sma.update(x), wma.update(x), bb.update(x)) for x in tail.tolist()][period - 1:]
    got_sma = np.array([g[0] for g in got])
    got_wma = np.array([g[1] for g in got])
    got_std = np.array([(g[2].upper - g[2].middle) / 2.0 for g in got])  # type: ignore[union-attr]
    assert np.max(np.abs(got_sma - exact_mean) / exact_mean) < 1e-13
    assert np.max(np.abs(got_wma - exact_wma) / exact_wma) < 1e-13
    assert np.max(np.abs(got_std - exact_std)) < 1e-13 * exact_mean.max()


def test_running_sum_recovers_after_a_huge_outlier() -> None:
    """A naive running sum that adds 1e12 then subtracts it keeps ~1e-4 of rounding garbage for
    ever; the re-anchored sum is exact again once the outlier has left the window."""
    rng = np.random.default_rng(3)
    xs = [1e12, *(1.0 + rng.random(500)).tolist()]
    sma, bb = SMA(10), Bollinger(10)
    for i, x in enumerate(xs):
        mean = sma.update(x)
        bands = bb.update(x)
        if i >= 20:
            window = xs[i - 9:i + 1]
            exact = math.fsum(window) / 10
            assert mean == pytest.approx(exact, rel=1e-15, abs=0)
            assert bands is not None and bands.middle == pytest.approx(exact, rel=1e-15, abs=0)
            std = math.sqrt(math.fsum((w - exact) ** 2 for w in window) / 10)
            assert (bands.upper - bands.middle) / 2 == pytest.approx(std, rel=1e-9)


# --- random short series: edge cases -------------------------------------------------------------

prices = st.lists(st.integers(min_value=60_000, max_value=80_000).map(lambda t: t * 0.25), min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(closes=prices, period=st.integers(min_value=2, max_value=30), flat=st.booleans())
def test_random_series_against_talib(closes: list[float], period: int, flat: bool) -> None:
    """Tick-grid prices, sometimes flat (RSI of an unchanged window is 0 in TA-Lib, stdev 0)."""
    if flat:
        closes = [closes[0]] * len(closes)
    close = np.array(closes, dtype=np.float64)
    for name, (cls, oracle) in SINGLE_INPUT.items():
        ind = cls(period)
        assert_matches(feed(ind.update, close), oracle(close, timeperiod=period), ind.lookback, name)
    bb = Bollinger(period)
    ours = feed(bb.update, close)
    for k, ref in enumerate(talib.BBANDS(close, timeperiod=period)):
        assert_matches(component(ours, k), ref, bb.lookback, f"Bollinger[{k}]")
    high, low = close + 1.0, close - 0.5
    atr = ATR(period)
    assert_matches(feed(atr.update, high, low, close), talib.ATR(high, low, close, period), atr.lookback, "ATR")


def test_rsi_of_a_flat_window_is_zero_like_talib() -> None:
    rsi = RSI(3)
    assert [rsi.update(x) for x in (5.0, 5.0, 5.0, 5.0, 6.0)] == [None, None, None, 0.0, 100.0]


# --- session VWAP (no TA-Lib counterpart) ---------------------------------------------------------

def hand_vwap(index: pd.DatetimeIndex, high: Array, low: Array, close: Array, volume: Array) -> list[float | None]:
    """The textbook definition, written independently of domain.market.calendar: a bar's CME trading date
    is its Chicago wall-clock time plus 7 hours (17:00 CT rolls to the next date)."""
    sessions = (index.tz_convert("America/Chicago") + pd.Timedelta(hours=7)).date
    out: list[float | None] = []
    current, pv, vol = None, 0.0, 0.0
    for session, h, lo, c, v in zip(sessions, high, low, close, volume, strict=True):
        if session != current:
            current, pv, vol = session, 0.0, 0.0
        pv += (h + lo + c) / 3.0 * v
        vol += v
        out.append(pv / vol if vol > 0 else None)
    return out


def test_session_vwap_on_real_hourly_data() -> None:
    df = EURUSD
    index = pd.DatetimeIndex(df.index).tz_localize(UTC)  # backtesting.py ships naive UTC stamps
    high, low, close, volume = ohlcv("EURUSD")
    vwap = SessionVWAP("ES")
    ours = [vwap.update(ts, h, lo, c, v) for ts, h, lo, c, v in
            zip(index.to_pydatetime(), high.tolist(), low.tolist(), close.tolist(), volume.tolist(), strict=True)]
    expected = hand_vwap(index, high, low, close, volume)
    assert len(ours) == len(expected) == 5000
    for i, (got, want) in enumerate(zip(ours, expected, strict=True)):
        assert (got is None) == (want is None), i
        if got is not None and want is not None:
            assert abs(got - want) <= 1e-12 * want, i
    # It really resets: hundreds of sessions in 5,000 hourly bars, each restarting from its first bar.
    assert len(set((index.tz_convert("America/Chicago") + pd.Timedelta(hours=7)).date)) > 200


def test_session_vwap_resets_at_17_ct_in_summer_and_in_winter() -> None:
    vwap = SessionVWAP()
    # Winter (CST, UTC-6): the session starts 23:00 UTC. Summer (CDT, UTC-5): 22:00 UTC.
    for boundary in (datetime(2026, 1, 14, 23, 0, tzinfo=UTC), datetime(2026, 7, 15, 22, 0, tzinfo=UTC)):
        before = boundary - timedelta(hours=1, minutes=1)  # 15:59 CT, last minute of the old session
        assert vwap.update(before - timedelta(minutes=1), 10.0, 10.0, 10.0, 1.0) is not None
        assert vwap.update(before, 13.0, 13.0, 13.0, 2.0) == pytest.approx((10 + 2 * 13) / 3)
        assert vwap.session_start is not None and vwap.session_start < boundary
        # First bar of the new session: only its own price counts.
        assert vwap.update(boundary, 21.0, 18.0, 18.0, 5.0) == pytest.approx(19.0)
        assert vwap.session_start == boundary
        assert vwap.update(boundary + timedelta(minutes=1), 25.0, 25.0, 25.0, 5.0) == pytest.approx(22.0)


def test_session_vwap_is_none_until_the_session_has_volume() -> None:
    vwap = SessionVWAP()
    start = datetime(2026, 3, 9, 22, 0, tzinfo=UTC)  # Monday 17:00 CDT
    assert vwap.update(start, 5.0, 4.0, 4.5, 0.0) is None
    assert vwap.update(start + timedelta(minutes=1), 6.0, 6.0, 6.0, 3.0) == 6.0
    assert vwap.update(start + timedelta(minutes=2), 9.0, 9.0, 9.0, 0.0) == 6.0


# --- construction --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "make",
    [lambda: SMA(0), lambda: EMA(0), lambda: WMA(0), lambda: RSI(1), lambda: ATR(0), lambda: Bollinger(1),
     lambda: Highest(1), lambda: Lowest(1), lambda: MACD(1, 26, 9), lambda: MACD(12, 26, 0), lambda: SMA(2.5),  # type: ignore[arg-type]
     lambda: SMA(True), lambda: EMA(100_001)],
)
def test_periods_outside_talibs_ranges_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(Invalid) as info:
        make()
    assert info.value.code == "invalid_indicator_period"


def test_lookbacks_match_talib_lookbacks() -> None:
    from talib import abstract

    def lookback(fn: str, **params: float) -> int:
        f = abstract.Function(fn)  # type: ignore[attr-defined]
        f.parameters = params
        return int(f.lookback)

    for p in PERIODS:
        assert SMA(p).lookback == lookback("SMA", timeperiod=p)
        assert EMA(p).lookback == lookback("EMA", timeperiod=p)
        assert WMA(p).lookback == lookback("WMA", timeperiod=p)
        assert RSI(p).lookback == lookback("RSI", timeperiod=p)
        assert ATR(p).lookback == lookback("ATR", timeperiod=p)
        assert Bollinger(p).lookback == lookback("BBANDS", timeperiod=p)
        assert Highest(p).lookback == lookback("MAX", timeperiod=p)
        assert Lowest(p).lookback == lookback("MIN", timeperiod=p)
    for fast, slow, signal in MACD_PARAMS:
        want = lookback("MACD", fastperiod=fast, slowperiod=slow, signalperiod=signal)
        assert MACD(fast, slow, signal).lookback == want
