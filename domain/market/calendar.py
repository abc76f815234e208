"""The CME Globex equity-index trading calendar (DESIGN §10), in exchange local time.

Globex equity-index futures trade from Sunday 17:00 to Friday 16:00 America/Chicago, with a daily
break 16:00-17:00. A *trading day* starts at 17:00 and ends at 16:00 the next calendar day; CME
labels it with the date on which it ends (the session opening Sunday 17:00 is Monday's). That
label is the *trading date*, and holidays are trading dates on which no session is held.

Everything is computed in the instrument's session time zone with zoneinfo, so DST is right by
construction: 17:00 CT is 22:00 UTC in summer (CDT) and 23:00 UTC in winter (CST). US DST changes
happen on a Sunday at 02:00, while the market is closed, so no session ever spans a change.

Inputs must be timezone-aware; outputs are aware datetimes in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from domain.market.errors import UnknownTimeframe
from domain.market.instruments import TIMEFRAMES, InstrumentSpec, get_instrument

MarketState = Literal["open", "break", "closed"]

# Trading dates on which CME Globex equity-index futures hold no session at all. This is data:
# extend it each year from CME's published holiday calendar. Only full closes are listed. Early
# closes are NOT modelled: on MLK, Presidents, Memorial, Juneteenth, Independence, Labor and
# Thanksgiving days equity futures halt at 12:00 CT (and the day after Thanksgiving and Christmas
# Eve close at 12:15 CT); here those sessions run to the regular 16:00. Unscheduled closures (e.g.
# the 2025-01-09 national day of mourning, an 08:30 CT early close) are not modelled either.
# A Good Friday that coincides with the US jobs report has in some years had a short morning
# session; check CME's notice for the year before relying on the Good Friday rows.
CME_EQUITY_INDEX_HOLIDAYS: Mapping[date, str] = {
    date(2025, 1, 1): "New Year's Day",
    date(2025, 4, 18): "Good Friday",
    date(2025, 12, 25): "Christmas Day",
    date(2026, 1, 1): "New Year's Day",
    date(2026, 4, 3): "Good Friday",
    date(2026, 12, 25): "Christmas Day",
    date(2027, 1, 1): "New Year's Day",
    date(2027, 3, 26): "Good Friday",
    date(2027, 12, 24): "Christmas Day (observed)",  # 25 Dec 2027 is a Saturday
}

# Bucket widths of the intraday timeframes; "1d" is the trading day itself.
TIMEFRAME_DURATIONS: Mapping[str, timedelta] = {
    "1m": timedelta(minutes=1),
    "2m": timedelta(minutes=2),
    "5m": timedelta(minutes=5),
    "15m": timedelta(minutes=15),
    "30m": timedelta(minutes=30),
    "1h": timedelta(hours=1),
    "4h": timedelta(hours=4),
}
assert set(TIMEFRAME_DURATIONS) | {"1d"} == set(TIMEFRAMES), "calendar and catalogue timeframes differ"

_DEFAULT_SYMBOL = "ES"  # every instrument we list shares the CME equity-index session


@dataclass(frozen=True)
class _Session:
    tz: ZoneInfo
    open: time  # the trading day starts here, on the previous calendar day
    close: time  # and ends here, on its trading date
    holidays: frozenset[date]


@cache
def _session_for(tz_name: str, open_at: str, close_at: str) -> _Session:
    opens, closes = time.fromisoformat(open_at), time.fromisoformat(close_at)
    if not closes < opens:
        # The arithmetic below assumes an overnight session with a break between close and open.
        raise ValueError(f"unsupported session {open_at}-{close_at}: expected an overnight session")
    return _Session(ZoneInfo(tz_name), opens, closes, frozenset(CME_EQUITY_INDEX_HOLIDAYS))


def _session(instrument: InstrumentSpec | str | None) -> _Session:
    if instrument is None:
        instrument = _DEFAULT_SYMBOL
    instrument = get_instrument(instrument)
    return _session_for(instrument.session_timezone, instrument.session_open, instrument.session_close)


def _local(at: datetime, session: _Session) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        # A naive time is ambiguous (UTC? Chicago?); refusing it beats a silent 5-6 hour error.
        raise ValueError("a timezone-aware datetime is required")
    return at.astimezone(session.tz)


def _to_utc(day: date, at: time, session: _Session) -> datetime:
    return datetime.combine(day, at, tzinfo=session.tz).astimezone(UTC)


def is_trading_date(day: date, instrument: InstrumentSpec | str | None = None) -> bool:
    """True when a session is held for trading date `day` (Monday to Friday, not a holiday)."""
    return day.weekday() < 5 and day not in _session(instrument).holidays


def trading_date(at: datetime, instrument: InstrumentSpec | str | None = None) -> date:
    """The trading date `at` belongs to: the date of the next session close at or after it.

    A pure clock rule (17:00 local starts the next date), so it is total and monotonic even while
    the market is closed; use `is_trading_date` to know whether that date has a session.
    """
    session = _session(instrument)
    local = _local(at, session)
    return local.date() + timedelta(days=1) if local.time() >= session.open else local.date()


def trading_day_start(at: datetime, instrument: InstrumentSpec | str | None = None) -> datetime:
    """Start (UTC) of the trading day containing `at`: the latest 17:00 local at or before it.

    This is the boundary for daily loss limits and session VWAP. Like `trading_date` it is a clock
    rule and does not skip weekends or holidays: Saturday noon maps to Friday 17:00, a start at
    which no session opens, which is harmless because no bar or signal falls there.
    """
    return trading_day_bounds(at, instrument)[0]


def trading_day_bounds(at: datetime, instrument: InstrumentSpec | str | None = None) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the trading day containing `at`; `end` is the next day's start.

    Lets a caller that sees many timestamps (session VWAP, bar aggregation) cache the interval and
    skip the time-zone arithmetic until a timestamp leaves it.
    """
    session = _session(instrument)
    day = trading_date(at, instrument)
    return _to_utc(day - timedelta(days=1), session.open, session), _to_utc(day, session.open, session)


def session_bounds(day: date, instrument: InstrumentSpec | str | None = None) -> tuple[datetime, datetime]:
    """Open and close (UTC) of the session of trading date `day`, whether or not it is held."""
    session = _session(instrument)
    return _to_utc(day - timedelta(days=1), session.open, session), _to_utc(day, session.close, session)


def market_state(instrument: InstrumentSpec | str | None, at: datetime) -> MarketState:
    """"open" in a session, "break" in the daily pause between two sessions, else "closed".

    The 16:00-17:00 gap is a break only when the session before it and the one after it are both
    held; the gap that starts a weekend or borders a holiday is "closed".
    """
    session = _session(instrument)
    local = _local(at, session)
    if session.close <= local.time() < session.open:
        ended = local.date()
        both_held = is_trading_date(ended, instrument) and is_trading_date(ended + timedelta(days=1), instrument)
        return "break" if both_held else "closed"
    return "open" if is_trading_date(trading_date(at, instrument), instrument) else "closed"


def next_open(at: datetime, instrument: InstrumentSpec | str | None = None) -> datetime:
    """The first session open (UTC) strictly after `at`. Useful to a feed waiting out a closure."""
    day = trading_date(at, instrument) + timedelta(days=1)
    while not is_trading_date(day, instrument):
        day += timedelta(days=1)
    return session_bounds(day, instrument)[0]


def bar_open(ts: datetime, timeframe: str, instrument: InstrumentSpec | str | None = None) -> datetime:
    """Open time (UTC) of the `timeframe` bar that contains `ts`.

    Buckets are aligned on the trading-day start (17:00 local), not on UTC midnight: a 4h bar opens
    at 17:00, 21:00, 01:00, 05:00, 09:00 and 13:00 CT, the last one cut short by the 16:00 close. A
    "1d" bar is the trading day. Widths are elapsed time from the day's start, which equals wall
    time because no session spans a DST change.
    """
    return bucket_open(trading_day_start(ts, instrument), ts, timeframe)


def bucket_open(day_start: datetime, ts: datetime, timeframe: str) -> datetime:
    """Open time of the `timeframe` bucket holding `ts`, in the trading day starting at `day_start`."""
    if timeframe == "1d":
        return day_start
    width = TIMEFRAME_DURATIONS.get(timeframe)
    if width is None:
        raise UnknownTimeframe(f"Unknown timeframe {timeframe!r}; expected one of {', '.join(TIMEFRAMES)}.")
    return day_start + ((ts - day_start) // width) * width
