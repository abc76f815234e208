"""Incremental technical indicators: one bar in, the current value out, O(1) work per bar.

A live runtime feeds one closed bar at a time and a backtest feeds history through the same
objects, so both see the same numbers. Each class has `update(...)`, which returns the current
value, or None while warming up; the last result is also kept in `value`, and `lookback` is the
number of bars consumed before the first value (TA-Lib's lookback: the first value comes out on
bar index `lookback`, counting from 0).

Values equal TA-Lib's (default compatibility, no unstable period) to 1e-9, checked in
tests/unit/test_indicators_talib.py. The recursive ones (EMA, MACD, RSI, ATR) repeat TA-Lib's
arithmetic step for step, seeding included, so they agree to the last bit. The windowed ones (SMA,
WMA, Bollinger) keep running sums over a ring buffer; to stop rounding error from accumulating
over hundreds of thousands of bars, the sums are recomputed exactly from the window (math.fsum)
each time the ring wraps, i.e. once per `period` bars: amortised O(1), and the error never carries
more than one window's worth of updates. Highest/Lowest keep a monotonic deque (amortised O(1)).

Inputs are plain finite floats (prices as floats: Decimal is for money, not for indicators).
"""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime
from typing import NamedTuple

from domain.errors import Invalid
from domain.market.calendar import trading_day_bounds
from domain.market.instruments import InstrumentSpec


class InvalidPeriod(Invalid):
    code = "invalid_indicator_period"


# Bounds every indicator's memory: a graph of 500 nodes at this period holds ~20 MB of windows.
MAX_PERIOD = 5000


def _check_period(name: str, period: int, minimum: int) -> None:
    # The minima are TA-Lib's, so that every accepted parameter has an oracle to compare with.
    if not isinstance(period, int) or isinstance(period, bool) or not minimum <= period <= MAX_PERIOD:
        raise InvalidPeriod(f"{name} period must be an integer in [{minimum}, {MAX_PERIOD}], not {period!r}.")


class SMA:
    """Simple moving average over `period` values."""

    __slots__ = ("_buf", "_i", "_n", "_sum", "lookback", "period", "value")

    def __init__(self, period: int) -> None:
        _check_period("SMA", period, 1)
        self.period = period
        self.lookback = period - 1
        self.value: float | None = None
        self._buf = [0.0] * period
        self._i = 0  # next slot to overwrite: the oldest value once the ring is full
        self._n = 0  # values seen, capped at period
        self._sum = 0.0

    def update(self, x: float) -> float | None:
        buf, i = self._buf, self._i
        if self._n == self.period:
            self._sum += x - buf[i]
        else:
            self._sum += x
            self._n += 1
        buf[i] = x
        i += 1
        if i == self.period:
            i = 0
            self._sum = math.fsum(buf)  # re-anchor: drop whatever rounding the window accumulated
        self._i = i
        if self._n < self.period:
            return None
        self.value = self._sum / self.period
        return self.value


class EMA:
    """Exponential moving average, k = 2 / (period + 1), seeded by the SMA of the first `period`
    values (TA-Lib's default; Metastock seeding with the first value is not used)."""

    __slots__ = ("_k", "_n", "_sum", "lookback", "period", "value")

    def __init__(self, period: int) -> None:
        _check_period("EMA", period, 1)
        self.period = period
        self.lookback = period - 1
        self.value: float | None = None
        self._k = 2.0 / (period + 1)
        self._n = 0
        self._sum = 0.0

    def update(self, x: float) -> float | None:
        prev = self.value
        if prev is not None:
            # TA-Lib's form, ((x - prev) * k) + prev, not k*x + (1-k)*prev: same value, other rounding.
            self.value = (x - prev) * self._k + prev
            return self.value
        self._sum += x
        self._n += 1
        if self._n < self.period:
            return None
        self.value = self._sum / self.period
        return self.value


class WMA:
    """Linearly weighted moving average: weights 1..period, the newest value weighing most."""

    __slots__ = ("_buf", "_divider", "_i", "_n", "_sum", "_wsum", "lookback", "period", "value")

    def __init__(self, period: int) -> None:
        _check_period("WMA", period, 1)
        self.period = period
        self.lookback = period - 1
        self.value: float | None = None
        self._buf = [0.0] * period
        self._i = 0
        self._n = 0
        self._sum = 0.0  # plain sum of the window
        self._wsum = 0.0  # weighted sum of the window
        self._divider = float(period * (period + 1) // 2)

    def update(self, x: float) -> float | None:
        buf, i, period = self._buf, self._i, self.period
        if self._n == period:
            # Every weight drops by one (the oldest, weight 1, to zero) and x enters with weight period.
            self._wsum += period * x - self._sum
            self._sum += x - buf[i]
        else:
            self._n += 1
            self._wsum += self._n * x
            self._sum += x
        buf[i] = x
        i += 1
        if i == period:
            i = 0
            # The ring has wrapped, so buf is in chronological order: recompute both sums exactly.
            self._sum = math.fsum(buf)
            self._wsum = math.fsum([w * v for w, v in enumerate(buf, 1)])
        self._i = i
        if self._n < period:
            return None
        self.value = self._wsum / self._divider
        return self.value


class RSI:
    """Wilder's RSI: average gain and loss seeded by the plain mean of the first `period` changes,
    then smoothed as avg = (avg * (period - 1) + change) / period. A window without any change
    gives 0, as TA-Lib does (not 50)."""

    __slots__ = ("_gain", "_loss", "_n", "_prev", "lookback", "period", "value")

    def __init__(self, period: int = 14) -> None:
        _check_period("RSI", period, 2)
        self.period = period
        self.lookback = period
        self.value: float | None = None
        self._prev: float | None = None
        self._n = 0  # changes seen, capped at period
        self._gain = 0.0
        self._loss = 0.0

    def update(self, x: float) -> float | None:
        prev = self._prev
        self._prev = x
        if prev is None:
            return None
        change = x - prev
        period = self.period
        if self._n == period:
            self._loss *= period - 1
            self._gain *= period - 1
            if change < 0:
                self._loss -= change
            else:
                self._gain += change
            self._loss /= period
            self._gain /= period
        else:
            if change < 0:
                self._loss -= change
            else:
                self._gain += change
            self._n += 1
            if self._n < period:
                return None
            self._loss /= period
            self._gain /= period
        total = self._gain + self._loss
        self.value = 100.0 * (self._gain / total) if total != 0.0 else 0.0
        return self.value


class MACDValue(NamedTuple):
    macd: float
    signal: float
    hist: float


class MACD:
    """MACD line (fast EMA - slow EMA), its signal EMA, and the histogram (line - signal).

    TA-Lib's seeding, which differs from chaining two independent EMAs: both EMAs start on the
    same bar, index slow - 1. The slow one is seeded by the SMA of bars 0..slow-1 and the fast one
    by the SMA of the last `fast` of those bars (not of bars 0..fast-1). The signal EMA is seeded
    by the SMA of the first `signal` MACD values, so all three outputs appear together at index
    (slow - 1) + (signal - 1). Like TA-Lib, a fast period above the slow one is swapped.
    """

    __slots__ = (
        "_fast_ema",
        "_kf",
        "_kg",
        "_ks",
        "_n",
        "_recent",
        "_sig_sum",
        "_slow_ema",
        "_slow_sum",
        "fast",
        "hist",
        "lookback",
        "macd",
        "signal",
        "signal_period",
        "slow",
        "value",
    )

    def __init__(self, fast: int = 12, slow: int = 26, signal: int = 9) -> None:
        _check_period("MACD fast", fast, 2)
        _check_period("MACD slow", slow, 2)
        _check_period("MACD signal", signal, 1)
        if slow < fast:
            fast, slow = slow, fast
        self.fast, self.slow, self.signal_period = fast, slow, signal
        self.lookback = (slow - 1) + (signal - 1)
        self.value: MACDValue | None = None
        self.macd: float | None = None
        self.signal: float | None = None
        self.hist: float | None = None
        self._kf = 2.0 / (fast + 1)
        self._ks = 2.0 / (slow + 1)
        self._kg = 2.0 / (signal + 1)
        self._n = 0
        self._recent: deque[float] | None = deque(maxlen=fast)  # only until the fast EMA is seeded
        self._slow_sum = 0.0
        self._sig_sum = 0.0
        self._fast_ema = 0.0
        self._slow_ema = 0.0

    def update(self, x: float) -> MACDValue | None:
        self._n += 1
        n, slow = self._n, self.slow
        if n > slow:
            self._fast_ema = (x - self._fast_ema) * self._kf + self._fast_ema
            self._slow_ema = (x - self._slow_ema) * self._ks + self._slow_ema
        else:
            recent = self._recent
            assert recent is not None
            self._slow_sum += x
            recent.append(x)
            if n < slow:
                return None
            self._slow_ema = self._slow_sum / slow
            self._fast_ema = sum(recent, 0.0) / self.fast  # summed oldest first, as TA-Lib does
            self._recent = None
        line = self._fast_ema - self._slow_ema
        signal_end = slow + self.signal_period - 1  # bar count at which the signal is seeded
        if n > signal_end:
            assert self.signal is not None
            sig = (line - self.signal) * self._kg + self.signal
        else:
            self._sig_sum += line
            if n < signal_end:
                return None
            sig = self._sig_sum / self.signal_period
        hist = line - sig
        self.macd, self.signal, self.hist = line, sig, hist
        self.value = MACDValue(line, sig, hist)
        return self.value


class ATR:
    """Wilder's average true range. The first bar has no previous close, so no true range; the
    first ATR (bar index `period`) is the mean of the first `period` true ranges, then
    atr = (atr * (period - 1) + tr) / period. Period 1 is the true range itself."""

    __slots__ = ("_n", "_prev_close", "_sum", "lookback", "period", "value")

    def __init__(self, period: int = 14) -> None:
        _check_period("ATR", period, 1)
        self.period = period
        self.lookback = period
        self.value: float | None = None
        self._prev_close: float | None = None
        self._n = 0  # true ranges seen, capped at period
        self._sum = 0.0

    def update(self, high: float, low: float, close: float) -> float | None:
        prev_close = self._prev_close
        self._prev_close = close
        if prev_close is None:
            return None
        tr = high - low
        up = abs(prev_close - high)
        if up > tr:
            tr = up
        down = abs(prev_close - low)
        if down > tr:
            tr = down
        period = self.period
        if self._n == period:
            assert self.value is not None
            atr = self.value * (period - 1)
            atr += tr
            self.value = atr / period
            return self.value
        self._sum += tr
        self._n += 1
        if self._n < period:
            return None
        self.value = self._sum / period
        return self.value


class Bands(NamedTuple):
    upper: float
    middle: float
    lower: float


class Bollinger:
    """Bollinger bands: middle = SMA(period), upper/lower = middle +/- k * population stdev over
    the same window (divide by N, as TA-Lib's BBANDS with its default SMA)."""

    __slots__ = (
        "_buf",
        "_i",
        "_n",
        "_shift",
        "_sum",
        "_sumsq",
        "lookback",
        "lower",
        "middle",
        "nbdev_dn",
        "nbdev_up",
        "period",
        "upper",
        "value",
    )

    def __init__(self, period: int = 20, nbdev_up: float = 2.0, nbdev_dn: float = 2.0) -> None:
        _check_period("Bollinger", period, 2)
        self.period = period
        self.nbdev_up = float(nbdev_up)
        self.nbdev_dn = float(nbdev_dn)
        self.lookback = period - 1
        self.value: Bands | None = None
        self.upper: float | None = None
        self.middle: float | None = None
        self.lower: float | None = None
        self._buf = [0.0] * period
        self._i = 0
        self._n = 0
        # Sums of (x - shift) and its square. E[x^2] - mean^2 on raw prices loses the variance to
        # cancellation (x^2 ~ 4e8 for NQ); shifting by a recent mean keeps both terms small.
        self._shift = 0.0
        self._sum = 0.0
        self._sumsq = 0.0

    def update(self, x: float) -> Bands | None:
        buf, i, period = self._buf, self._i, self.period
        shift = self._shift
        d = x - shift
        if self._n == period:
            old = buf[i] - shift
            self._sum += d - old
            self._sumsq += d * d - old * old
        else:
            self._sum += d
            self._sumsq += d * d
            self._n += 1
        buf[i] = x
        i += 1
        if i == period:
            i = 0
            # Re-centre on the window mean and recompute both sums exactly from the window.
            shift = self._shift = math.fsum(buf) / period
            devs = [v - shift for v in buf]
            self._sum = math.fsum(devs)
            self._sumsq = math.fsum([v * v for v in devs])
        self._i = i
        if self._n < period:
            return None
        mean_dev = self._sum / period
        middle = shift + mean_dev
        var = self._sumsq / period - mean_dev * mean_dev
        std = math.sqrt(var) if var > 0.0 else 0.0  # rounding can leave a flat window at -0.0 or -1e-30
        upper = middle + self.nbdev_up * std
        lower = middle - self.nbdev_dn * std
        self.upper, self.middle, self.lower = upper, middle, lower
        self.value = Bands(upper, middle, lower)
        return self.value


class _Extremum:
    """Max over the last `period` values with a deque of (index, value) whose values decrease
    from front to back: each value is pushed and popped at most once, so amortised O(1)."""

    __slots__ = ("_dq", "_n", "_sign", "lookback", "period", "value")

    def __init__(self, period: int, sign: float, name: str) -> None:
        _check_period(name, period, 2)
        self.period = period
        self.lookback = period - 1
        self.value: float | None = None
        self._sign = sign  # Lowest keeps -x, so that one max-deque serves both
        self._n = 0
        self._dq: deque[tuple[int, float]] = deque()

    def update(self, x: float) -> float | None:
        v = self._sign * x
        n = self._n
        self._n = n + 1
        dq = self._dq
        while dq and dq[-1][1] <= v:
            dq.pop()
        dq.append((n, v))
        if dq[0][0] <= n - self.period:
            dq.popleft()
        if n < self.lookback:
            return None
        self.value = self._sign * dq[0][1]
        return self.value


class Highest(_Extremum):
    """Highest value over the last `period` values (TA-Lib MAX)."""

    __slots__ = ()

    def __init__(self, period: int) -> None:
        super().__init__(period, 1.0, "Highest")


class Lowest(_Extremum):
    """Lowest value over the last `period` values (TA-Lib MIN)."""

    __slots__ = ()

    def __init__(self, period: int) -> None:
        super().__init__(period, -1.0, "Lowest")


class SessionVWAP:
    """Volume-weighted average of the typical price (high + low + close) / 3 since the start of the
    trading day (17:00 America/Chicago for CME equity index), reset at each new trading day.

    `ts` is the bar's open time (aware). The value is None while the session has seen no volume:
    VWAP is undefined there, and a made-up price would be worse than no value. A session holds at
    most ~1,400 one-minute bars, so plain running sums stay exact enough without compensation.
    """

    __slots__ = ("_pv", "_session_end", "_vol", "instrument", "lookback", "session_start", "value")

    def __init__(self, instrument: InstrumentSpec | str | None = None) -> None:
        self.instrument = instrument
        self.lookback = 0
        self.value: float | None = None
        self.session_start: datetime | None = None
        self._session_end: datetime | None = None
        self._pv = 0.0
        self._vol = 0.0

    def update(self, ts: datetime, high: float, low: float, close: float, volume: float) -> float | None:
        start, end = self.session_start, self._session_end
        if start is None or end is None or not start <= ts < end:
            # Only here do we pay for time-zone arithmetic: once per session, not once per bar.
            self.session_start, self._session_end = trading_day_bounds(ts, self.instrument)
            self._pv = 0.0
            self._vol = 0.0
            self.value = None
        self._pv += (high + low + close) / 3.0 * volume
        self._vol += volume
        if self._vol > 0:
            self.value = self._pv / self._vol
        return self.value
