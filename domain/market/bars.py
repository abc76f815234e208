"""Stored OHLCV bars: the StoredBar type, CSV parsing and validation, and session-aware aggregation.

A bar is identified by (instrument, timeframe, ts) where `ts` is its OPEN time in UTC. Buckets are
aligned on the trading-day start (17:00 exchange time, domain.market.calendar.bar_open), so a 4h bar opens
at 17:00, 21:00, 01:00, 05:00, 09:00 and 13:00 CT and the last one is cut short by the 16:00 close;
a "1d" bar is the whole trading day. A bucket therefore never spans a trading-day boundary, and it
never spans the daily break either: the break is the last hour of a trading day and no bar opens
in it (the parser refuses such rows, the feeds never make them).

Prices are Decimals on the instrument's tick grid. Nothing here does I/O: the CLI hands the parser
lines of text, and db/bars.py stores what comes out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Literal

from domain.market.calendar import (
    TIMEFRAME_DURATIONS,
    bucket_open,
    is_trading_date,
    session_bounds,
    trading_date,
    trading_day_bounds,
)
from domain.market.errors import UnknownTimeframe
from domain.market.instruments import TIMEFRAMES, InstrumentSpec, get_instrument

CsvFormat = Literal["databento", "plain"]

ONE_MINUTE = timedelta(minutes=1)
# Databento prices without `pretty_px` are integers in units of 1e-9 (their "fixed-precision" format).
_DATABENTO_PRICE_EXPONENT = -9
# Databento rtype per OHLCV schema (https://databento.com/docs/schemas/ohlcv): 1s, 1m, 1h, 1d.
_DATABENTO_RTYPE = {"1m": 33, "1h": 34, "1d": 35}
_DATABENTO_COLUMNS = ("ts_event", "open", "high", "low", "close", "volume")
_PLAIN_COLUMNS = ("ts", "open", "high", "low", "close", "volume")
# CME month codes: a row's `symbol` may be the root, an outright (MNQZ6, MNQZ26), a continuous
# contract (MNQ.c.0, .v., .n.) or the parent (MNQ.FUT). Anything else (a spread such as
# MNQZ6-MNQH7, another root) is refused.
_MONTH_CODES = "FGHJKMNQUVXZ"
# Before Globex existed no bar can be right; a number of seconds passed where nanoseconds are
# expected lands in 1970 and is caught here.
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoredBar:
    """One stored bar. `ts` is the open time (UTC); prices are on the tick grid."""

    ts: datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: int


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1-based physical line of the file (the header is line 1)
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class CsvResult:
    format: CsvFormat | None
    bars: list[StoredBar] = field(default_factory=list)  # sorted by ts, one per ts
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0  # data rows read (blank lines are not rows)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_timeframe(timeframe: str) -> None:
    if timeframe not in TIMEFRAMES:
        raise UnknownTimeframe(f"Unknown timeframe {timeframe!r}; expected one of {', '.join(TIMEFRAMES)}.")


# --- sessions, cached per trading day --------------------------------------------------------------

class SessionClock:
    """Answers "which trading day, which bucket, is the market open" for many timestamps quickly.

    domain.market.calendar does the time-zone arithmetic; this caches one trading day's bounds at a time so
    that a file of sorted (or nearly sorted) bars pays for it once per day, not once per bar.
    """

    __slots__ = ("_close", "_end", "_held", "_instrument", "_start")

    def __init__(self, instrument: InstrumentSpec | str) -> None:
        self._instrument = get_instrument(instrument)
        self._start = self._end = self._close = datetime.min.replace(tzinfo=UTC)
        self._held = False

    def _load(self, ts: datetime) -> None:
        if not (self._start <= ts < self._end):
            self._start, self._end = trading_day_bounds(ts, self._instrument)
            day = trading_date(ts, self._instrument)
            self._close = session_bounds(day, self._instrument)[1]
            self._held = is_trading_date(day, self._instrument)

    def day_bounds(self, ts: datetime) -> tuple[datetime, datetime]:
        """[start, end) of the trading day containing ts (end is the next day's 17:00)."""
        self._load(ts)
        return self._start, self._end

    def is_open(self, ts: datetime) -> bool:
        """True when a session is in progress at ts (not closed, not in the daily break)."""
        self._load(ts)
        return self._held and ts < self._close

    def bar_open(self, ts: datetime, timeframe: str) -> datetime:
        """As domain.market.calendar.bar_open, cached."""
        self._load(ts)
        return bucket_open(self._start, ts, timeframe)

    def bar_close(self, bar_open: datetime, timeframe: str) -> datetime:
        """When the bar opening at `bar_open` closes: after its width, or at the session close if sooner.

        The 13:00 CT 4h bar and every 1d bar close at 16:00 CT, when the session ends.
        """
        self._load(bar_open)
        if timeframe == "1d":
            return self._close
        end = bar_open + TIMEFRAME_DURATIONS[timeframe]
        return min(end, self._close) if bar_open < self._close else end


def bar_close(bar_open: datetime, timeframe: str, instrument: InstrumentSpec | str) -> datetime:
    """When the `timeframe` bar opening at `bar_open` closes (see SessionClock.bar_close)."""
    return SessionClock(instrument).bar_close(bar_open, timeframe)


# --- aggregation -------------------------------------------------------------------------------------

def derived_timeframes(base: str) -> tuple[str, ...]:
    """The timeframes that can be aggregated from bars of `base`: wider ones whose width is a whole
    multiple of it (both are aligned on the trading-day start, so the buckets nest), and 1d."""
    check_timeframe(base)
    if base == "1d":
        return ()
    width = TIMEFRAME_DURATIONS[base]
    return tuple(tf for tf in TIMEFRAMES
                 if tf == "1d" or (TIMEFRAME_DURATIONS[tf] > width and TIMEFRAME_DURATIONS[tf] % width == timedelta(0)))


def aggregate(bars: Iterable[StoredBar], timeframe: str, instrument: InstrumentSpec | str, *,
              base: str = "1m") -> list[StoredBar]:
    """Aggregate bars of `base` (sorted by ts) into `timeframe` bars, session-aware.

    Each output bar opens at the bucket's open (domain.market.calendar.bar_open), not at its first input
    bar: a 5m bucket whose first trade came at 10:02 still opens at 10:00. Open is the first input
    bar's open, close the last one's close, high/low the extremes, volume the sum. Buckets with no
    input bar produce no output bar (as Databento prints no bar for a minute without trades).
    Whether the last bucket is complete is the caller's business (see `bar_close`).
    """
    if timeframe not in derived_timeframes(base):
        raise UnknownTimeframe(f"Cannot aggregate {base} bars into {timeframe} bars.")
    clock = SessionClock(instrument)
    out: list[StoredBar] = []
    bucket: datetime | None = None
    o = h = lo = c = Decimal(0)
    v = 0
    previous: datetime | None = None
    for bar in bars:
        if previous is not None and bar.ts <= previous:
            raise ValueError("aggregate needs bars sorted by time, one per timestamp")
        previous = bar.ts
        key = clock.bar_open(bar.ts, timeframe)
        if key != bucket:
            if bucket is not None:
                out.append(StoredBar(bucket, o, h, lo, c, v))
            bucket, o, h, lo, c, v = key, bar.open, bar.high, bar.low, bar.close, bar.volume
        else:
            if bar.high > h:
                h = bar.high
            if bar.low < lo:
                lo = bar.low
            c = bar.close
            v += bar.volume
    if bucket is not None:
        out.append(StoredBar(bucket, o, h, lo, c, v))
    return out


def aggregate_all(bars: Sequence[StoredBar], instrument: InstrumentSpec | str, *,
                  base: str = "1m") -> dict[str, list[StoredBar]]:
    """Every timeframe derivable from `base`, each built from the widest one already built that nests
    in it (15m from 5m, 1d from 4h): the same result as `aggregate` per timeframe (aggregation is
    associative and the buckets nest), in about a quarter of the work for 1m input."""
    built: dict[str, tuple[str, Sequence[StoredBar]]] = {}
    out: dict[str, list[StoredBar]] = {}
    for timeframe in derived_timeframes(base):
        source, series = base, bars
        for candidate, (_src, candidate_bars) in built.items():
            if timeframe in derived_timeframes(candidate):
                source, series = candidate, candidate_bars  # wider ones come later: keep the last
        out[timeframe] = aggregate(series, timeframe, instrument, base=source)
        built[timeframe] = (source, out[timeframe])
    return out


# --- CSV ----------------------------------------------------------------------------------------------

def symbol_matches(symbol: str, root: str) -> bool:
    """Does a Databento `symbol` belong to instrument `root` (MNQZ6 to MNQ, not to NQ)?"""
    pattern = rf"{re.escape(root)}(?:[{_MONTH_CODES}]\d{{1,2}}|\.[cvn]\.\d+|\.FUT)?"
    return re.fullmatch(pattern, symbol) is not None


def _parse_ts(text: str) -> datetime:
    """Integer nanoseconds since the epoch, or ISO 8601 with an explicit offset (Z or +hh:mm)."""
    if text.isdigit():
        seconds, rest = divmod(int(text), 1_000_000_000)
        at = datetime.fromtimestamp(seconds, UTC)
        if at < _EARLIEST:
            raise ValueError(f"time {text} is before 1990 (seconds given where nanoseconds belong?)")
        if rest:
            raise ValueError("not on a whole second")
        return at
    dot = text.find(".")
    if dot != -1:
        # fromisoformat keeps microseconds only; a bar time must be whole seconds anyway.
        end = dot + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        if text[dot + 1:end].strip("0"):
            raise ValueError("not on a whole second")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a timestamp: {text!r} (expected ISO 8601 or integer nanoseconds)") from None
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no UTC offset; write it as UTC (…Z or +00:00)")
    return parsed.astimezone(UTC)


class _Prices:
    """Parses a price column: decimals, or (Databento, integer) fixed-point units of 1e-9."""

    def __init__(self, tick: Decimal, fixed_point_integers: bool) -> None:
        self.tick = tick
        self.fixed = fixed_point_integers
        self._cache: dict[str, Decimal] = {}

    def __call__(self, name: str, text: str) -> Decimal:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{name} {text!r} is not a number") from None
        if not value.is_finite():
            raise ValueError(f"{name} {text!r} is not a number")
        if self.fixed and "." not in text and "e" not in text.lower():
            value = value.scaleb(_DATABENTO_PRICE_EXPONENT)
        if value <= 0:
            raise ValueError(f"{name} {text} is not positive")
        if value % self.tick:
            raise ValueError(f"{name} {value.normalize():f} is not on the {self.tick.normalize():f} tick grid")
        value = value.quantize(self.tick)  # one spelling per price: 21000.250000000 -> 21000.25
        if len(self._cache) < 100_000:
            self._cache[text] = value
        return value


def parse_bars_csv(
    lines: Iterable[str], instrument: InstrumentSpec | str, timeframe: str, *, now: datetime,
) -> CsvResult:
    """Parse and validate every row of an OHLCV CSV; nothing is dropped silently.

    Two forms, told apart by the header:
    - Databento's OHLCV CSV: `ts_event, rtype, publisher_id, instrument_id, open, high, low, close,
      volume[, symbol]`. ts_event is integer nanoseconds since the epoch (their default) or ISO 8601
      (`pretty_ts`); prices are integers in units of 1e-9 (default) or decimals (`pretty_px`).
      When present, `rtype` must be the one of `timeframe` and `symbol` must belong to `instrument`.
    - plain: `ts,open,high,low,close,volume`, ts as ISO 8601 with an offset (or integer ns).

    Every row must be a closed bar of `timeframe` (open time on the session-aligned bucket grid, the
    market open then, closed by `now`), prices positive and on the tick grid, high >= max(open,
    close), low <= min(open, close), volume a non-negative integer, and no two rows may share a time.
    Returns the bars sorted by time and every bad row with its line number.
    """
    check_timeframe(timeframe)
    spec = get_instrument(instrument)
    result = CsvResult(format=None)
    reader = csv.reader(iter(lines))
    header_row = next(reader, None)
    if header_row is None:
        result.errors.append(RowError(1, "the file is empty (expected a header line)"))
        return result
    header = [h.strip().lstrip("\ufeff").lower() for h in header_row]
    index: dict[str, int] = {name: i for i, name in enumerate(header)}
    if all(c in index for c in _DATABENTO_COLUMNS):
        result.format = "databento"
        columns = _DATABENTO_COLUMNS
    elif all(c in index for c in _PLAIN_COLUMNS) and len(header) == len(_PLAIN_COLUMNS):
        result.format = "plain"
        columns = _PLAIN_COLUMNS
    else:
        result.errors.append(RowError(1, "unrecognised header: expected Databento's OHLCV CSV (ts_event, rtype, "
                                         "publisher_id, instrument_id, open, high, low, close, volume, symbol) "
                                         "or ts,open,high,low,close,volume; got " + ",".join(header)))
        return result
    i_ts, i_o, i_h, i_l, i_c, i_v = (index[c] for c in columns)
    i_symbol = index.get("symbol") if result.format == "databento" else None
    i_rtype = index.get("rtype") if result.format == "databento" else None
    want_rtype = _DATABENTO_RTYPE.get(timeframe)
    width = len(header)
    price = _Prices(spec.tick_size, fixed_point_integers=result.format == "databento")
    clock = SessionClock(spec)
    duration = TIMEFRAME_DURATIONS.get(timeframe)
    symbols_ok: dict[str, bool] = {}
    seen: dict[datetime, int] = {}
    bars = result.bars
    errors = result.errors

    for row in reader:
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        result.rows += 1
        if len(row) != width:
            errors.append(RowError(line, f"expected {width} fields, found {len(row)}"))
            continue
        try:
            if i_symbol is not None:
                symbol = row[i_symbol].strip()
                ok = symbols_ok.get(symbol)
                if ok is None:
                    ok = symbols_ok[symbol] = symbol_matches(symbol, spec.symbol)
                if not ok:
                    raise ValueError(f"symbol {symbol!r} is not a {spec.symbol} contract")
            if i_rtype is not None and want_rtype is not None and row[i_rtype].strip() != str(want_rtype):
                raise ValueError(f"rtype {row[i_rtype].strip()} is not {want_rtype} (Databento OHLCV-{timeframe})")
            ts = _parse_ts(row[i_ts].strip())
            if ts < _EARLIEST:
                raise ValueError(f"time {ts.isoformat()} is before 1990")
            if clock.bar_open(ts, timeframe) != ts:
                raise ValueError(f"time {ts.isoformat()} is not the open of a {timeframe} bar "
                                 f"(buckets are aligned on the 17:00 CT trading-day start)")
            if not clock.is_open(ts):
                raise ValueError(f"the market is closed at {ts.isoformat()} (CME calendar: weekend, holiday or "
                                 "the 16:00-17:00 CT break)")
            closes = clock.bar_close(ts, timeframe) if duration is None else ts + duration
            if closes > now:
                raise ValueError(f"the bar at {ts.isoformat()} has not closed yet")
            o = price("open", row[i_o].strip())
            h = price("high", row[i_h].strip())
            lo = price("low", row[i_l].strip())
            c = price("close", row[i_c].strip())
            if h < o or h < c:
                raise ValueError(f"high {h:f} is below the open or the close")
            if lo > o or lo > c:
                raise ValueError(f"low {lo:f} is above the open or the close")
            v_text = row[i_v].strip()
            if not v_text.isdigit():
                raise ValueError(f"volume {v_text!r} is not a non-negative integer")
            first = seen.get(ts)
            if first is not None:
                raise ValueError(f"a second bar at {ts.isoformat()} (first on line {first}); import one contract "
                                 "or a continuous symbol per file")
            seen[ts] = line
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        bars.append(StoredBar(ts, o, h, lo, c, int(v_text)))

    if result.rows == 0 and not errors:
        errors.append(RowError(1, "the file has a header but no rows"))
    bars.sort(key=lambda b: b.ts)
    return result


def format_bar_row(bar: StoredBar) -> str:
    """A bar as a line of the plain CSV form (used by tests and the replay of stored bars)."""
    ts = bar.ts.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return f"{ts},{bar.open:f},{bar.high:f},{bar.low:f},{bar.close:f},{bar.volume}"


def counting_lines(lines: Iterable[str], on_progress: Callable[[int], None], every: int = 10_000) -> Iterator[str]:
    """Pass lines through, calling `on_progress(characters so far)` every `every` lines."""
    consumed = 0
    for n, line in enumerate(lines, 1):
        consumed += len(line)
        if n % every == 0:
            on_progress(consumed)
        yield line
    on_progress(consumed)
