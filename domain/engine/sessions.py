"""Exchange time: the `ExchangeClock` (seconds of day of a bar's open, for time windows),
`hhmm_seconds`, and the `OpeningRange` of each trading day.

Trading days come from domain.market.calendar, and a bar's close from
domain.market.bars.SessionClock.bar_close, the rule stored bars follow (open + timeframe, cut at
the session close). Three clocks, three jobs: `ExchangeClock` reads exchange time of day;
ex7.clock.Clock is the wall clock the feeds sleep on and the API reads; SessionClock answers
trading day, bucket and bar close for stored bars.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from domain.market.bars import SessionClock
from domain.market.calendar import trading_day_bounds
from domain.market.instruments import InstrumentSpec

__all__ = [
    "ExchangeClock",
    "OpeningRange",
    "hhmm_seconds",
]


class ExchangeClock:
    """Seconds since local midnight (exchange time) of a bar's open time. The UTC offset is
    looked up once per UTC hour: US DST changes happen on whole UTC hours, so the offset is
    constant within one."""

    __slots__ = ("_hour", "_offset", "sod", "tz")

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._hour: int | None = None
        self._offset = 0
        self.sod = 0

    def update(self, ts: datetime) -> int:
        sec = math.floor(ts.timestamp())
        hour = sec // 3600
        if hour != self._hour:
            offset = ts.astimezone(self.tz).utcoffset()
            assert offset is not None
            self._offset = int(offset.total_seconds())
            self._hour = hour
        self.sod = (sec + self._offset) % 86400
        return self.sod


def hhmm_seconds(text: str) -> int:
    """Seconds since midnight of a time "HH:MM" (a time window's start or end)."""
    hh, mm = text.split(":")
    return int(hh) * 3600 + int(mm) * 60


class OpeningRange:
    """High and low of the bars that open in [start, start + minutes) (exchange time) of each
    trading day. None until complete: on the bar whose close (SessionClock.bar_close: open + bar
    duration, cut at the session close) reaches the window end, or on the first later bar of the
    day; then held until the trading day ends.
    A window that starts at or after the session open (17:00) lies on the trading day's first
    calendar day; the window is cut at the trading day's end."""

    __slots__ = ("_instrument", "_session", "_start", "_timeframe", "_tz", "_width", "complete", "day_end",
                 "day_start", "high", "low", "value", "win_end", "win_start")
    STATE: Final = ("day_start", "day_end", "win_start", "win_end", "high", "low", "complete", "value")

    def __init__(self, instrument: InstrumentSpec, timeframe: str, start: str, minutes: int) -> None:
        self._instrument = instrument
        self._tz = ZoneInfo(instrument.session_timezone)
        self._start = time.fromisoformat(start)
        self._width = timedelta(minutes=minutes)
        self._timeframe = timeframe
        self._session = SessionClock(instrument)  # the bar-close rule (not state: a cache of the trading day)
        self.day_start: datetime | None = None
        self.day_end: datetime | None = None
        self.win_start: datetime | None = None
        self.win_end: datetime | None = None
        self.high: float | None = None
        self.low: float | None = None
        self.complete = False
        self.value: tuple[float, float] | None = None

    def _new_day(self, ts: datetime) -> None:
        self.day_start, self.day_end = start, end = trading_day_bounds(ts, self._instrument)
        local_open = start.astimezone(self._tz)
        day: date = local_open.date()
        if self._start < local_open.time():
            day += timedelta(days=1)
        win_start = datetime.combine(day, self._start, tzinfo=self._tz).astimezone(UTC)
        self.win_start = win_start
        self.win_end = min(win_start + self._width, end)
        self.high = self.low = None
        self.complete = False
        self.value = None

    def update(self, ts: datetime, high: float, low: float) -> tuple[float, float] | None:
        day_start, day_end = self.day_start, self.day_end
        if day_start is None or day_end is None or not day_start <= ts < day_end:
            self._new_day(ts)
        if self.complete:
            return self.value
        win_start, win_end = self.win_start, self.win_end
        assert win_start is not None and win_end is not None
        if ts < win_start:
            return None
        if ts < win_end:
            if self.high is None or high > self.high:
                self.high = high
            if self.low is None or low < self.low:
                self.low = low
            if self._session.bar_close(ts, self._timeframe) < win_end:
                return None
        self.complete = True
        if self.high is not None and self.low is not None:
            self.value = (self.high, self.low)
        return self.value
