"""Synthetic 1-minute bars for the demo feed: seeded, deterministic, and shaped like the real thing.

Every bar is a pure function of (seed, instrument, time), so a feed that restarts continues exactly
where it left off and a backfill rewrites the same values (an idempotent no-op). The model:

- Each calendar date has an end-of-day log price that mean-reverts around the instrument's level
  (an AR(1) with phi = 0.985 over day numbers, innovations ~1%/day): MNQ/NQ hover near 21000,
  MES/ES near 6000 for ever instead of drifting away as a random walk would.
- Within a session (17:00 CT to 16:00 CT) the price runs from the previous session's end-of-day
  price to this session's along a Brownian bridge whose per-minute volatility follows the intraday
  pattern of equity-index futures: quiet overnight, livelier in Europe's morning, and a U over the
  cash session (08:30-15:15 CT): highest at the open, lowest at midday, rising into the close.
- Micro and E-mini of one index share the same price path (MES trades at ES's price); wicks come
  from the index, volumes from each contract.
- Prices are on the tick grid; the open of a minute is the previous minute's close; there is no
  bar when the market is closed or in its daily break (domain.market.calendar).
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from domain.market.bars import ONE_MINUTE, SessionClock, StoredBar
from domain.market.calendar import is_trading_date, session_bounds, trading_date
from domain.market.errors import UnknownInstrument
from domain.market.instruments import InstrumentSpec, get_instrument

# The index each contract tracks, its price level, and its daily volatility (log, one sigma).
UNDERLYING: dict[str, str] = {"MNQ": "NQ", "NQ": "NQ", "MES": "ES", "ES": "ES"}
LEVEL: dict[str, float] = {"NQ": 21000.0, "ES": 6000.0}
DAILY_SIGMA: dict[str, float] = {"NQ": 0.013, "ES": 0.010}
# Mean contracts per minute at the session's average activity.
VOLUME: dict[str, int] = {"MNQ": 1800, "NQ": 450, "MES": 1400, "ES": 900}

_PHI = 0.985  # end-of-day AR(1) persistence: stationary sigma = daily sigma / sqrt(1 - phi^2) ~ 6x
_MEMORY_DAYS = 400  # phi^400 ~ 0.002: older innovations no longer matter
_WICK = 0.6  # wick length relative to the minute's sigma


def _activity(minute_of_session: int) -> float:
    """Relative volatility (standard deviation) of a minute, by CT wall time (minute 0 is 17:00 CT)."""
    t = (17 * 60 + minute_of_session) % (24 * 60)  # minutes after local midnight
    if 17 * 60 <= t < 18 * 60:
        return 0.8  # the reopen
    if t >= 18 * 60 or t < 2 * 60:
        return 0.35  # Asia, overnight
    if t < 8 * 60 + 30:
        return 0.55  # Europe
    if t < 15 * 60 + 15:
        u = (t - (8 * 60 + 30)) / (6 * 60 + 45)  # 0 at the cash open, 1 at 15:15
        return 1.0 + 1.9 * (1 - u) ** 3 + 1.0 * u**3  # U: ~2.9 at the open, ~1 at midday, ~2 at the close
    return 0.6  # after the cash close, until 16:00


@lru_cache(maxsize=8)
def _activity_profile(minutes: int) -> tuple[float, ...]:
    return tuple(_activity(i) for i in range(minutes))


def _innovation(underlying: str, ordinal: int, seed: int) -> float:
    return random.Random(f"{seed}:{underlying}:eod:{ordinal}").gauss(0.0, DAILY_SIGMA[underlying])


@lru_cache(maxsize=4096)
def _eod_log_price(underlying: str, day: date, seed: int) -> float:
    """Log of the end-of-day price of calendar date `day` (defined for every date, held or not)."""
    ordinal = day.toordinal()
    x = 0.0
    weight = 1.0
    for k in range(_MEMORY_DAYS):
        x += weight * _innovation(underlying, ordinal - k, seed)
        weight *= _PHI
    return math.log(LEVEL[underlying]) + x


def _previous_held(day: date, spec: InstrumentSpec) -> date:
    day -= timedelta(days=1)
    while not is_trading_date(day, spec):
        day -= timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def _session_path(underlying: str, day: date, seed: int, tick: Decimal) -> tuple[tuple[int, int, int, int], ...]:
    """(open, high, low, close) in ticks for every minute of trading date `day`'s session."""
    spec = get_instrument(underlying)
    start, close = session_bounds(day, spec)
    minutes = int((close - start) / ONE_MINUTE)
    weights = _activity_profile(minutes)  # relative per-minute volatility (standard deviation)
    norm = math.sqrt(sum(w * w for w in weights))
    sigma_day = DAILY_SIGMA[underlying]
    sigmas = [sigma_day * w / norm for w in weights]  # variances sum to the day's
    begin = _eod_log_price(underlying, _previous_held(day, spec), seed)
    end = _eod_log_price(underlying, day, seed)
    rng = random.Random(f"{seed}:{underlying}:path:{day.isoformat()}")
    # A Brownian bridge from `begin` to `end` with per-minute variances sigma_i^2.
    walk: list[float] = []
    variance: list[float] = []
    x = v = 0.0
    for s in sigmas:
        x += rng.gauss(0.0, s)
        v += s * s
        walk.append(x)
        variance.append(v)
    miss = walk[-1] - (end - begin)
    tick_f = float(tick)
    previous = round(math.exp(begin) / tick_f)
    out: list[tuple[int, int, int, int]] = []
    for i, s in enumerate(sigmas):
        log_price = begin + walk[i] - miss * variance[i] / v
        price = math.exp(log_price)
        close_ticks = round(price / tick_f)
        wick = price * s * _WICK / tick_f
        up = round(abs(rng.gauss(0.0, wick)))
        down = round(abs(rng.gauss(0.0, wick)))
        high = max(previous, close_ticks) + up
        low = min(previous, close_ticks) - down
        out.append((previous, high, low, close_ticks))
        previous = close_ticks
    return tuple(out)


@lru_cache(maxsize=64)
def _session_volumes(symbol: str, day: date, seed: int, minutes: int) -> tuple[int, ...]:
    rng = random.Random(f"{seed}:{symbol}:volume:{day.isoformat()}")
    base = VOLUME[symbol]
    weights = _activity_profile(minutes)
    mean_w = sum(weights) / len(weights)
    return tuple(max(1, int(base * (w / mean_w) * rng.lognormvariate(0.0, 0.35))) for w in weights)


def _spec(instrument: InstrumentSpec | str) -> InstrumentSpec:
    spec = get_instrument(instrument)
    if spec.symbol not in UNDERLYING:
        raise UnknownInstrument(f"No synthetic model for {spec.symbol}.")
    return spec


def session_bars(instrument: InstrumentSpec | str, day: date, seed: int) -> list[StoredBar]:
    """Every 1m bar of trading date `day`'s session (none when no session is held that day)."""
    spec = _spec(instrument)
    if not is_trading_date(day, spec):
        return []
    start, _close = session_bounds(day, spec)
    path = _session_path(UNDERLYING[spec.symbol], day, seed, spec.tick_size)
    volumes = _session_volumes(spec.symbol, day, seed, len(path))
    tick = spec.tick_size
    return [
        StoredBar(start + i * ONE_MINUTE, o * tick, h * tick, lo * tick, c * tick, volumes[i])
        for i, (o, h, lo, c) in enumerate(path)
    ]


def bars_between(instrument: InstrumentSpec | str, start: datetime, end: datetime, seed: int) -> list[StoredBar]:
    """The 1m bars opening in [start, end), in time order."""
    spec = _spec(instrument)
    if end <= start:
        return []
    out: list[StoredBar] = []
    day = trading_date(start, spec)
    last = trading_date(end - timedelta(microseconds=1), spec)
    while day <= last:
        out.extend(b for b in session_bars(spec, day, seed) if start <= b.ts < end)
        day += timedelta(days=1)
    return out


def bar_at(instrument: InstrumentSpec | str, ts: datetime, seed: int) -> StoredBar | None:
    """The 1m bar opening at `ts` (a whole minute), or None when the market is not open then."""
    spec = _spec(instrument)
    clock = SessionClock(spec)
    if not clock.is_open(ts):
        return None
    bars = bars_between(spec, ts, ts + ONE_MINUTE, seed)
    return bars[0] if bars else None
