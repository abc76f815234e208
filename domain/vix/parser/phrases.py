"""Vix local provider (domain/vix/local.py), pass 2: the phrase recognizers and the reading of tokens into
phrases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Final

from domain.market.instruments import INSTRUMENTS
from domain.vix.parser.limits import EXCHANGE_TZ
from domain.vix.parser.tokens import _MONEY, _Tok
from domain.vix.parser.vocabulary import _SOFT, _SYMBOLS, _ws

# ---- phrases ---------------------------------------------------------------------------------------

class _M:
    """The tokens of one prompt with the matching helpers the recognizers share. Each helper takes the
    index to look at and answers the index after what it matched (soft words in between skipped), or None."""

    def __init__(self, toks: Sequence[_Tok]) -> None:
        self.t = toks
        self.n = len(toks)
        # "signal" is the MACD signal line only in a prompt about MACD ("a buy signal when ..." is filler).
        self.macd = any(t.word == "macd" for t in toks)

    def skip(self, i: int) -> int:
        while i < self.n and self.t[i].kind == "word" and self.t[i].word in _SOFT:
            i += 1
        return i

    def tok(self, i: int) -> _Tok | None:
        j = self.skip(i)
        return self.t[j] if j < self.n else None

    def word(self, i: int, spec: str) -> int | None:
        j = self.skip(i)
        if j < self.n and self.t[j].kind == "word" and self.t[j].word in _ws(spec):
            return j + 1
        return None

    def words(self, i: int, *specs: str) -> int | None:
        for spec in specs:
            found = self.word(i, spec)
            if found is None:
                return None
            i = found
        return i

    def opt(self, i: int, spec: str) -> int:
        found = self.word(i, spec)
        return i if found is None else found

    def which(self, i: int) -> str:
        t = self.tok(i)
        return t.word if t is not None and t.kind == "word" else ""

    def sym(self, i: int, symbol: str) -> int | None:
        j = self.skip(i)
        if j < self.n and self.t[j].kind == "sym" and self.t[j].word == symbol:
            return j + 1
        return None

    def num(self, i: int) -> tuple[_Tok, int] | None:
        j = self.skip(i)
        if j < self.n and self.t[j].kind == "num":
            return self.t[j], j + 1
        return None

    def first_num(self, i: int) -> tuple[_Tok, int] | None:
        """A number right at i (a phrase that starts with one must not skip into the next phrase)."""
        return (self.t[i], i + 1) if i < self.n and self.t[i].kind == "num" else None

    def unit_follows(self, i: int) -> bool:
        """Whether a unit comes next: then the number before it belongs to another phrase ("EMA 20 tick stop")."""
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "sym":
            return t.word in ("%", *_MONEY)
        return t.kind == "word" and t.word in _ws(
            "tick point r atr contract bar minute hour m h x times dollar target tp stop sl profit day d")


@dataclass(frozen=True)
class _Item:
    kind: str
    a: int  # span in the normalized prompt
    b: int
    value: Any = None


_Hit = tuple[int, str, Any]  # (index after the phrase, item kind, item value)


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str
    bare: bool  # a plain number ("9"), no colon and no am/pm
    text: str


# A zone: (IANA name, label); the name is "" for a zone Vix knows but refuses.
_Zone = tuple[str, str]
_ZONES: Final[dict[str, _Zone]] = {
    "ny": ("America/New_York", "New York"), "et": ("America/New_York", "New York"),
    "chicago": (EXCHANGE_TZ, "Chicago"), "ct": (EXCHANGE_TZ, "Chicago"), "exchange": (EXCHANGE_TZ, "Chicago"),
    "london": ("Europe/London", "London"), "uk": ("Europe/London", "London"), "bst": ("Europe/London", "London"),
    "pacific": ("America/Los_Angeles", "Pacific"), "mountain": ("America/Denver", "Mountain"),
    "frankfurt": ("Europe/Berlin", "Frankfurt"), "berlin": ("Europe/Berlin", "Berlin"),
    "paris": ("Europe/Paris", "Paris"), "cet": ("Europe/Berlin", "CET"), "cest": ("Europe/Berlin", "CET"),
}
# Zones whose clocks do not change with the US ones (or at all): no fixed exchange-time window all year.
_REFUSED_ZONES: Final = "utc gmt zulu tokyo jst sydney singapore"


@dataclass(frozen=True)
class _Window:
    start: _Clock
    end: _Clock
    zone: _Zone | None


@dataclass(frozen=True)
class _Qty:
    unit: str  # ticks, points, usd, atr, r, ratio, bare
    value: Decimal
    text: str
    value2: Decimal | None = None  # ratio: the second term
    period: _Tok | None = None  # atr: "ATR(10)"


@dataclass(frozen=True)
class _Duration:
    value: Decimal
    unit: str  # bar, minute, hour
    text: str


@dataclass(frozen=True)
class _Operand:
    kind: str  # price, const, ema, sma, wma, rsi, macd, bollinger, nbar, vwap, range
    # price: the field; macd: macd, signal or hist; bollinger: upper, middle or lower; nbar, range: high or low
    port: str | None = None
    nums: tuple[_Tok, ...] = ()  # as typed: a period; MACD fast, slow, signal; Bollinger period, deviations
    role: str | None = None  # averages: "fast" or "slow"
    sma_assumed: bool = False  # "moving average" or "MA", read as an SMA
    days: bool = False  # the period was given in days
    breakout: bool = False  # range, bollinger: "opening range breakout", "ORB", "Bollinger breakout"
    value: Decimal | None = None  # const: the number; range: the minutes
    text: str = ""  # const, range: as typed

    def __repr__(self) -> str:  # short, for messages and debugging
        return f"{self.kind}({self.port}, {[t.text for t in self.nums]})"


_CLOSE: Final = _Operand("price", "close")
_ZERO: Final = _Operand("const", value=Decimal(0), text="0")


@dataclass(frozen=True)
class _Cmp:
    form: str  # cross, cmp, zero_cross, zero_cmp, level
    sense: str | None  # up, down, or None: the direction decides
    op: str | None = None  # cmp: > < >= <=
    level: int | None = None  # oversold 30, overbought 70


def _r_instrument(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind != "word":
        return None
    if t.word in _SYMBOLS:
        return i + 1, "instrument", t.word.upper()
    j, micro = i, False
    found = m.word(j, "micro")
    if found is not None:
        j, micro = found, True
    j = m.opt(j, "emini mini")
    found = m.words(j, "e", "mini")
    if found is not None:
        j = found
    found = m.word(j, "nasdaq nq")
    if found is not None:
        base, size = "NQ", Decimal(100)
    else:
        found = m.word(j, "s&p sp spx es")
        if found is None:
            return None
        base, size = "ES", Decimal(500)
    j = found
    number = m.num(j)
    if number is not None and number[0].num == size:  # "nasdaq 100", "s&p 500"
        j = number[1]
    symbol = ("M" if micro else "") + base
    return (j, "instrument", symbol) if symbol in INSTRUMENTS else None


def _r_timeframe(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind == "word" and t.word in ("hourly", "daily"):
        if m.which(i + 1) in _ws("vwap high low range open close session"):
            return None
        return m.opt(i + 1, "chart tf bar"), "timeframe", ("1h" if t.word == "hourly" else "1d", t.text)
    if t.kind != "num" or t.num is None or t.num != t.num.to_integral_value() or not 0 < t.num < 10_000:
        return None
    if i > 0 and m.t[i - 1].kind == "word" and m.t[i - 1].word in _ws("first last after for within every max"):
        return None  # "first 15 minutes", "after 30 minutes": a duration, not a chart
    unit = m.which(i + 1) if i + 1 < m.n and m.t[i + 1].kind == "word" else ""
    if unit not in ("minute", "m", "hour", "h", "d", "day"):
        return None
    j = i + 2
    after = m.which(j)
    if after in _ws("opening open range or orb window high low highest lowest breakout break"):
        return None  # "15-minute opening range", "20-day high"
    if unit == "day" and after not in ("chart", "tf", "bar"):
        return None  # "200 day moving average" is a period in days
    n = int(t.num)
    tf = {"minute": f"{n}m", "m": f"{n}m", "hour": f"{n}h", "h": f"{n}h", "d": f"{n}d", "day": f"{n}d"}[unit]
    tf = {"60m": "1h", "240m": "4h", "24h": "1d"}.get(tf, tf)
    end = m.opt(j, "chart tf bar")
    return end, "timeframe", (tf, f"{t.text} {m.t[i + 1].text}")


def _timepoint(m: _M, i: int) -> tuple[_Clock, int] | None:
    j = m.skip(i)
    if j >= m.n:
        return None
    t = m.t[j]
    if t.kind == "clock":
        return _Clock(t.hour, t.minute, t.meridiem, False, t.text), j + 1
    if t.kind == "num" and t.num is not None and t.num == t.num.to_integral_value() and 0 <= t.num <= 23 \
            and len(t.text) <= 2:
        return _Clock(int(t.num), 0, "", True, t.text), j + 1
    return None


def _zone(m: _M, i: int) -> tuple[_Zone, int] | None:
    j = m.words(i, "new", "york")
    if j is not None:
        zone = _ZONES["ny"]
    elif (j := m.words(i, "hong", "kong")) is not None:
        zone = ("", "Hong Kong")
    else:
        t = m.tok(i)
        if t is None or t.kind != "word":
            return None
        j = m.skip(i) + 1
        if t.word in _ZONES:
            zone = _ZONES[t.word]
        elif t.word in _ws(_REFUSED_ZONES):
            zone = ("", t.text)
        else:
            return None
    return zone, m.opt(j, "time")


def _zoned_time(m: _M, i: int) -> tuple[_Clock, _Zone | None, int] | None:
    """A time and the zone after it, if one is named: (clock, zone or None, the index after them)."""
    point = _timepoint(m, i)
    if point is None:
        return None
    clock, j = point
    zone = _zone(m, j)
    if zone is None:
        return clock, None, j
    z, j = zone
    return clock, z, j


def _stated_time(m: _M, i: int) -> tuple[_Clock, _Zone | None, int] | None:
    """A zoned time that is a time on its own: a bare hour ("15") needs a zone to be one."""
    point = _zoned_time(m, i)
    if point is None or (point[0].bare and point[1] is None):
        return None
    return point


def _r_window(m: _M, i: int) -> _Hit | None:
    between = m.word(i, "between")
    j = between if between is not None else m.opt(i, "from")
    first = _zoned_time(m, j)
    if first is None:
        return None
    start, z1, j = first
    sep = m.word(j, "to until till through thru")
    if sep is None:
        sep = m.sym(j, "-")
    if sep is None and between is not None:
        sep = m.word(j, "and")
    if sep is None:
        return None
    second = _zoned_time(m, sep)
    if second is None:
        return None
    end, z2, j = second
    if start.bare and end.bare and z1 is None and z2 is None:
        return None  # "between 9 and 21" is no time without a clock, am/pm or a zone
    if z1 is not None and z2 is not None and z1 != z2:
        return j, "window", _Window(start, end, ("!", f"{z1[1]} and {z2[1]}"))
    return j, "window", _Window(start, end, z2 or z1)


# Sessions, in their own zone: New York cash hours, London stock-exchange hours.
_SESSIONS: Final[dict[str, tuple[tuple[int, int], tuple[int, int], _Zone]]] = {
    "ny": ((9, 30), (16, 0), _ZONES["ny"]),
    "london": ((8, 0), (16, 30), _ZONES["london"]),
}


def _r_session(m: _M, i: int) -> _Hit | None:
    found = (m.words(i, "regular", "trading", "hour") or m.words(i, "regular", "hour") or m.word(i, "rth")
             or m.words(i, "market", "hour"))
    if found is not None:
        return found, "session", "ny"
    key = None
    j = m.words(i, "new", "york")
    if j is not None:
        key = "ny"
    elif (j := m.word(i, "ny et us american nyse cash")) is not None:
        key = "ny"
    elif (j := m.word(i, "london uk european europe")) is not None:
        key = "london"
    if key is None or j is None:
        return None
    end = m.word(m.opt(j, "trading"), "session hour")
    return (end, "session", key) if end is not None else None


def _r_flat(m: _M, i: int) -> _Hit | None:
    j = m.word(i, "flat flatten exit out close")
    if j is None:
        return None
    j = m.word(m.opt(j, "all everything position trade"), "by at before")
    if j is None:
        return None
    point = _stated_time(m, j)
    if point is None:
        return None
    clock, z, j = point
    return j, "flat", (clock, z)


def _r_time(m: _M, i: int) -> _Hit | None:
    """A single time: the start of an opening range ("from 9:30 New York", "at the New York open")."""
    j = m.opt(m.opt(i, "from start begin"), "at")
    zone = _zone(m, j)
    if zone is not None:  # "the New York open"
        opened = m.word(zone[1], "open")
        if opened is None or zone[0][0] not in ("America/New_York", EXCHANGE_TZ, "Europe/London"):
            return None
        at = _Clock(8, 0, "", False, "08:00") if zone[0][0] == "Europe/London" else _Clock(9, 30, "", False, "9:30")
        ny = zone[0][0] != "Europe/London"
        return opened, "time", (at, _ZONES["ny"] if ny else zone[0])
    point = _stated_time(m, j)
    if point is None:
        return None
    clock, z, j = point
    return m.opt(j, "open"), "time", (clock, z)


def _qty(m: _M, i: int) -> tuple[_Qty, int] | None:
    t = m.tok(i)
    if t is None:
        return None
    if t.kind == "sym" and t.word == "$":
        number = m.num(m.skip(i) + 1)
        return (_Qty("usd", number[0].num or Decimal(0), number[0].text), number[1]) if number else None
    if t.kind == "ratio" and t.num is not None:
        return _Qty("ratio", t.num, t.text, value2=t.num2), m.skip(i) + 1
    twice = m.word(i, "twice")
    if twice is not None:
        j = m.word(twice, "risk stop r")
        return (_Qty("r", Decimal(2), "twice"), j) if j is not None else None
    number = m.num(i)
    if number is None or number[0].num is None:
        return None
    n, j = number
    value = n.num or Decimal(0)
    for spec, unit in (("tick", "ticks"), ("point", "points"), ("dollar", "usd")):
        found = m.word(j, spec)
        if found is not None:
            return _Qty(unit, value, n.text), found
    found = m.word(j, "r")
    if found is not None:
        return _Qty("r", value, n.text), m.opt(found, "multiple")
    k = m.opt(j, "x times")
    if k != j and (found := m.word(k, "risk stop r")) is not None:  # "2x risk", "2 times the stop"
        return _Qty("r", value, n.text), found
    period: _Tok | None = None
    inner = m.num(k)
    if inner is not None:  # "1.5 times the 10-period ATR"
        period, k = inner[0], m.opt(inner[1], "period bar length")
    found = m.word(k, "atr")
    if found is not None:
        if period is None:
            after = m.num(found)
            if after is not None and not m.unit_follows(after[1]):  # "1.5 ATR(10)"
                period, found = after[0], m.opt(after[1], "period bar")
        return _Qty("atr", value, n.text, period=period), found
    return _Qty("bare", value, n.text), j


def _stopword(m: _M, i: int) -> int | None:
    found = m.word(m.opt(i, "protective hard initial"), "stop sl")
    return None if found is None else m.opt(found, "loss")


def _r_stop(m: _M, i: int) -> _Hit | None:
    j = _stopword(m, i)
    if j is not None:
        qty = _qty(m, m.opt(m.opt(j, "at"), "to"))
        return (qty[1], "stop", qty[0]) if qty is not None else None
    if m.t[i].kind in ("num", "sym"):
        qty = _qty(m, i)
        if qty is not None:
            j = _stopword(m, qty[1])
            if j is not None:
                return j, "stop", qty[0]
    j = m.word(i, "risk")
    if j is not None:
        qty = _qty(m, j)
        if qty is not None and qty[0].unit in ("ticks", "points", "usd", "atr"):
            return qty[1], "stop", qty[0]
    return None


def _targetword(m: _M, i: int) -> int | None:
    found = (m.words(i, "take", "profit") or m.words(i, "profit", "target") or m.words(i, "target", "profit")
             or m.word(i, "target tp profit"))
    return None if found is None else m.opt(found, "taker")


def _rr(m: _M, i: int) -> int | None:
    found = (m.words(i, "risk", "reward") or m.words(i, "reward", "risk") or m.words(i, "risk", "to", "reward")
             or m.words(i, "reward", "to", "risk") or m.word(i, "rr") or m.words(i, "r", "r"))
    return None if found is None else m.opt(found, "ratio")


def _r_target(m: _M, i: int) -> _Hit | None:
    j = _targetword(m, i)
    if j is not None:
        qty = _qty(m, m.opt(m.opt(j, "at"), "to"))
        if qty is None:
            return None
        end = qty[1]
        if qty[0].unit == "ratio":
            end = _rr(m, end) or end
        return end, "target", qty[0]
    j = _rr(m, i)
    if j is not None:
        qty = _qty(m, m.opt(j, "at"))
        if qty is None or qty[0].unit not in ("ratio", "bare", "r"):
            return None
        value = qty[0] if qty[0].unit != "bare" else replace(qty[0], unit="r")
        return m.opt(qty[1], "target"), "target", value
    if m.t[i].kind in ("num", "sym", "ratio", "word"):
        qty = _qty(m, i) if m.t[i].kind != "word" or m.t[i].word == "twice" else None
        if qty is None:
            return None
        k = qty[1]
        if qty[0].unit == "ratio":
            rr = _rr(m, k)
            if rr is not None:
                return _targetword(m, rr) or rr, "target", qty[0]
        found = _targetword(m, k)
        if found is not None:
            return found, "target", qty[0]
    return None


def _duration(m: _M, i: int) -> tuple[_Duration, int] | None:
    number = m.num(i)
    if number is None or number[0].num is None:
        return None
    n, j = number
    for spec, unit in (("bar", "bar"), ("minute m", "minute"), ("hour h", "hour")):
        found = m.word(j, spec)
        if found is not None:
            end = m.words(found, "in", "trade") or m.words(found, "in", "position") or m.opt(found, "held")
            return _Duration(n.num or Decimal(0), unit, f"{n.text} {m.t[found - 1].text}"), end
    return None


def _r_maxbars(m: _M, i: int) -> _Hit | None:
    j = m.word(i, "exit close out flat")
    after = m.word(i if j is None else j, "after")
    if after is not None:  # "exit after 10 bars", "after 30 minutes"
        found = _duration(m, after)
        return (found[1], "maxbars", found[0]) if found is not None else None
    if j is not None:
        return None
    found_max = m.word(i, "max")
    if found_max is not None:  # "max 10 bars in trade", "maximum hold 10 bars", "max bars in trade 10"
        k = m.opt(found_max, "hold holding")
        found = _duration(m, k)
        if found is not None:
            return found[1], "maxbars", found[0]
        bars = m.word(k, "bar")
        if bars is not None:
            bars = m.words(bars, "in", "trade") or m.opt(bars, "held")
            number = m.num(bars)
            if number is not None and number[0].num is not None:
                return number[1], "maxbars", _Duration(number[0].num, "bar", number[0].text)
        return None
    held = m.word(i, "hold holding keep stay")
    if held is not None:  # "hold for at most 10 bars"
        k = m.opt(held, "for")
        k = m.words(k, "at", "most") or m.words(k, "up", "to") or m.words(k, "no", "more", "than") or m.opt(k, "max")
        found = _duration(m, k)
        return (found[1], "maxbars", found[0]) if found is not None else None
    stop = m.words(i, "time", "stop") or m.words(i, "stop", "after")
    if stop is not None:  # "time stop 10 bars", "stop after 10 bars"
        found = _duration(m, m.opt(stop, "after at"))
        return (found[1], "maxbars", found[0]) if found is not None else None
    if m.t[i].kind == "num":  # "10 bar time stop", "10 bars max"
        found = _duration(m, i)
        if found is not None and found[0].unit == "bar":
            end = m.words(found[1], "time", "stop") or m.word(found[1], "max")
            if end is not None:
                return m.opt(end, "hold"), "maxbars", found[0]
    return None


def _r_size(m: _M, i: int) -> _Hit | None:
    number = m.first_num(i)
    if number is not None:
        found = m.word(number[1], "contract")
        if found is not None:
            return found, "size", (number[0], None)
        at = m.skip(number[1])
        symbol = _r_instrument(m, at) if at < m.n else None
        found = m.word(symbol[0], "contract") if symbol is not None else None
        # "2 NQ contracts": a size that names the instrument too
        return (found, "size", (number[0], symbol[2] if symbol else None)) if found is not None else None
    found = m.word(i, "size contract")
    if found is not None:
        number = m.num(m.opt(found, "at to"))
        if number is not None:
            return m.opt(number[1], "contract"), "size", (number[0], None)
    return None


def _direction_word(m: _M, i: int) -> tuple[str, int] | None:
    j = m.opt(i, "go get enter")
    found = m.word(j, "long buy")
    if found is not None:
        return "long", found
    found = m.word(j, "short sell")
    if found is not None:
        return "short", m.opt(found, "short")
    return None


def _r_direction(m: _M, i: int) -> _Hit | None:
    first = _direction_word(m, i)
    if first is not None:
        side, j = first
        sep = m.word(j, "and or")
        if sep is None:
            sep = m.sym(j, "/")
        if sep is not None:
            second = _direction_word(m, sep)
            if second is not None and second[0] != side:  # "long and short", "buy or sell", "long/short"
                return m.opt(second[1], "only"), "dir", f"both:{side}"
        return m.opt(j, "only"), "dir", side
    found = m.word(i, "both either")
    if found is not None:
        end = m.word(found, "direction way side")
        if end is not None:
            return end, "dir", "both:long"
    return None


def _r_exit(m: _M, i: int) -> _Hit | None:
    j = (m.word(i, "exit flatten cover") or m.words(i, "get", "out") or m.words(i, "close", "position")
         or m.words(i, "close", "trade"))
    if j is None:
        return None
    k = m.opt(m.opt(j, "position trade"), "on at when if with upon")
    opposite = m.word(k, "opposite reverse other")
    if opposite is not None:  # "exit on the opposite cross"
        return m.opt(opposite, "cross crossover signal"), "opposite", None
    back = m.words(m.opt(k, "they"), "cross", "back")
    if back is not None and m.word(back, "above below over under") is None:  # "exit when it crosses back"
        return back, "opposite", None
    crossed = m.word(m.opt(k, "they"), "cross")
    if crossed is not None:  # "exit when it crosses below": the cross back, said with nothing after it
        end = m.opt(m.opt(crossed, "back"), "above below over under")
        after = m.tok(end)
        if end > crossed and (after is None or after.kind == "end"):
            return end, "opposite", None
    return j, "exit", None


def _ma_word(m: _M, i: int) -> tuple[str, bool, int] | None:
    """(node type, whether SMA was assumed, index after) of an average's name."""
    for spec in ("ema", "sma", "wma"):
        found = m.word(i, spec)
        if found is not None:
            return spec, False, found
    found = m.word(i, "exponential")
    if found is not None:
        return "ema", False, m.opt(m.opt(found, "moving"), "average")
    found = m.words(i, "simple", "moving", "average") or m.words(i, "simple", "average")
    if found is not None:
        return "sma", False, found
    found = m.words(i, "weighted", "moving", "average") or m.words(i, "weighted", "average")
    if found is not None and m.word(found, "price") is None:
        return "wma", False, found
    found = m.words(i, "moving", "average") or m.word(i, "ma")
    if found is not None:
        return "sma", True, found
    return None


def _r_pair(m: _M, i: int) -> _Hit | None:
    """Two averages of one kind: "9/21 EMA cross", "9 and 21 EMA crossover", "EMA 9/21"."""
    number = m.first_num(i)
    if number is not None:
        sep = m.sym(number[1], "/") or m.sym(number[1], "-")
        by_and = False
        if sep is None:
            sep, by_and = m.word(number[1], "and"), True
        if sep is None:
            return None
        second = m.num(sep)
        if second is None:
            return None
        name = _ma_word(m, second[1])
        if name is None or (by_and and m.word(name[2], "cross crossover") is None):
            return None
        return name[2], "pair", (name[0], name[1], number[0], second[0])
    name = _ma_word(m, i)
    if name is None:
        return None
    first = m.num(name[2])
    if first is None:
        return None
    sep = m.sym(first[1], "/") or m.sym(first[1], "-")
    second = m.num(sep) if sep is not None else None
    if second is None:
        return None
    return second[1], "pair", (name[0], name[1], first[0], second[0])


def _r_ma(m: _M, i: int) -> _Hit | None:
    role = None
    j = m.word(i, "fast faster quick")
    if j is not None:
        role = "fast"
    else:
        j = m.word(i, "slow slower")
        role = "slow" if j is not None else None
    j = i if j is None else j
    number = m.first_num(j) if j == i else m.num(j)
    if number is not None:  # "9 EMA", "200-day moving average", "fast 10-period SMA"
        days = m.word(number[1], "day")
        k = days if days is not None else m.opt(number[1], "period bar length")
        name = _ma_word(m, k)
        if name is not None:
            return name[2], "operand", _Operand(name[0], nums=(number[0],), role=role, sma_assumed=name[1],
                                                days=days is not None)
        return None
    name = _ma_word(m, j)
    if name is None:
        return None
    k = m.opt(name[2], "period length")
    number = m.num(k)
    if number is not None and not m.unit_follows(number[1]):  # "EMA 9", "SMA(10)", "EMA of 50"
        return m.opt(number[1], "period bar"), "operand", _Operand(name[0], nums=(number[0],), role=role,
                                                                   sma_assumed=name[1])
    return name[2], "operand", _Operand(name[0], role=role, sma_assumed=name[1])


def _r_rsi(m: _M, i: int) -> _Hit | None:
    period = m.first_num(i)
    j = i if period is None else m.opt(period[1], "period bar length")
    found = m.words(j, "relative", "strength", "index") or m.words(j, "relative", "strength") or m.word(j, "rsi")
    if found is None:
        return None
    nums = () if period is None else (period[0],)
    if period is None:
        after = m.num(found)
        if after is not None and not m.unit_follows(after[1]):  # "RSI(14)", "RSI 14"
            nums, found = (after[0],), m.opt(after[1], "period bar")
    return found, "operand", _Operand("rsi", nums=nums)


def _numbers(m: _M, i: int, count: int) -> tuple[tuple[_Tok, ...], int] | None:
    """Exactly `count` numbers, maybe joined by "-" or "/": "12 26 9", "12-26-9", "12/26/9"."""
    out: list[_Tok] = []
    j = i
    while len(out) < count:
        if out:
            j = m.sym(j, "-") or m.sym(j, "/") or j
        number = m.num(j)
        if number is None:
            return None
        out.append(number[0])
        j = number[1]
    return tuple(out), j


def _r_macd(m: _M, i: int) -> _Hit | None:
    j = m.word(i, "macd")
    if j is not None:
        params = _numbers(m, j, 3)
        nums: tuple[_Tok, ...] = ()
        if params is not None:
            nums, j = params
        hist = m.word(j, "histogram")
        if hist is not None:
            return hist, "operand", _Operand("macd", "hist", nums)
        return m.opt(j, "line"), "operand", _Operand("macd", "macd", nums)
    j = m.word(i, "histogram")
    if j is not None:
        nums = ()
        k = m.word(j, "macd")
        if k is not None:
            j = k
            params = _numbers(m, j, 3)
            if params is not None:
                nums, j = params
        return j, "operand", _Operand("macd", "hist", nums)
    j = m.word(i, "signal")
    if j is not None and (m.macd or m.word(j, "line") is not None):
        return m.opt(j, "line"), "operand", _Operand("macd", "signal")
    return None


_BAND_SIDES: Final = "upper lower middle"


def _r_bollinger(m: _M, i: int) -> _Hit | None:
    nums: list[_Tok] = []
    j = i
    first = m.first_num(i)
    if first is not None:  # "20-period Bollinger bands"
        nums.append(first[0])
        j = m.opt(first[1], "period bar length")
    side = None
    found = m.word(j, _BAND_SIDES)
    if found is not None:
        side, j = m.which(j), found
    found = m.word(j, "bollinger")
    if found is not None:
        j = m.opt(found, "band")
    else:
        found = m.word(j, "band")
        if found is None or side is None:  # "band" alone names Bollinger bands only with a side
            return None
        j = found
    if side is None:
        found = m.word(j, _BAND_SIDES)
        if found is not None:
            side, j = m.which(j), m.opt(found, "band")
    breakout = m.word(j, "breakout")  # "Bollinger breakout (20, 2.5)": the params may follow
    if breakout is not None:
        j = breakout
    while len(nums) < 2:  # "(20, 2)", "20 2.5", "20 period 2 standard deviations"
        if nums:
            j = m.sym(j, "/") or m.opt(j, "and with x")
        number = m.num(j)
        if number is None or m.unit_follows(number[1]):
            break
        nums.append(number[0])
        j = m.opt(number[1], "period bar length") if len(nums) == 1 else number[1]
        while (more := m.word(j, "std")) is not None:
            j = more
    return j, "operand", _Operand("bollinger", side, tuple(nums), breakout=breakout is not None)


def _r_nbar(m: _M, i: int) -> _Hit | None:
    j = m.opt(i, "last")
    number = m.first_num(j) if j == i else m.num(j)
    if number is not None:  # "20-bar high", "previous 10 bar low", "20 bar breakout"
        days = m.word(number[1], "day")
        found = days if days is not None else m.word(number[1], "bar period")
        if found is None:
            return None
        side = m.which(found)
        if side in ("high", "highest", "low", "lowest"):
            end = m.opt(m.skip(found) + 1, "high low close")
            return end, "operand", _Operand("nbar", side.removesuffix("est"), (number[0],), days=days is not None)
        if side in ("breakout", "break", "breakdown", "range"):
            return m.opt(found, "range"), "operand", _Operand("nbar", None, (number[0],), days=days is not None)
        return None
    side = m.which(i)
    if side not in ("high", "highest", "low", "lowest") or m.t[i].kind != "word":
        return None
    k = m.opt(m.opt(i + 1, "high low close"), "over in")
    last = m.word(k, "last")
    if last is None and side in ("high", "low"):
        return None  # "high of the last 20 bars", but not "high" alone
    number = m.num(k if last is None else last)
    if number is None:
        return None
    days = m.word(number[1], "day")
    found = days if days is not None else m.word(number[1], "bar period")
    if found is None:
        return None
    return found, "operand", _Operand("nbar", side.removesuffix("est"), (number[0],), days=days is not None)


def _range_minutes(m: _M, i: int) -> tuple[Decimal, str, int] | None:
    """"15 minute(s)", "1 hour", or "hour" alone ("the first hour"): (minutes, as typed, index after)."""
    number = m.num(i)
    if number is None:
        found = m.word(i, "hour")
        return (Decimal(60), "hour", found) if found is not None else None
    n, j = number
    value = n.num or Decimal(0)
    found = m.word(j, "minute m")
    if found is not None:
        return value, f"{n.text} minutes", found
    found = m.word(j, "hour h")
    if found is not None:
        return value * 60, f"{n.text} hours", found
    return None


def _r_range(m: _M, i: int) -> _Hit | None:
    side = m.which(i) if m.which(i) in ("high", "low") and m.t[i].kind == "word" else None
    j = i + 1 if side is not None else i
    first = m.word(j, "first")
    if first is not None:  # "the first 15 minutes", "high of the first 30 minutes"
        span = _range_minutes(m, first)
        if span is None:
            return None
        k = m.opt(span[2], "range")
        if side is None and m.which(k) in ("high", "low"):
            side, k = m.which(k), m.skip(k) + 1
        brk = m.word(k, "breakout break")
        return (brk or k), "operand", _Operand("range", side, breakout=brk is not None, value=span[0], text=span[1])
    span = None
    if m.t[j].kind == "num" if j < m.n else False:
        span = _range_minutes(m, j)
        if span is not None:
            j = span[2]
    orb = m.word(j, "orb")
    core = orb or m.words(j, "opening", "range") or m.words(j, "open", "range")
    if core is None and (span is not None or m.which(j + 1) in ("high", "low")):
        core = m.word(j, "or")  # "the 30-minute OR", "OR high"
    if core is None and side is None and m.which(j + 1) in ("high", "low"):
        core = m.word(j, "range")  # "range high"
    if core is None:
        return None
    k = core
    if side is None and m.which(k) in ("high", "low"):
        side, k = m.which(k), m.skip(k) + 1
    brk = m.word(k, "breakout break")
    if brk is not None:
        k = brk
    if span is None:
        found = m.word(k, "first")
        span = _range_minutes(m, found if found is not None else k)
        if span is not None:
            k = span[2]
    minutes: Decimal | None = span[0] if span is not None else None
    text = span[1] if span is not None else ""
    return k, "operand", _Operand("range", side, breakout=orb is not None or brk is not None, value=minutes, text=text)


def _r_vwap(m: _M, i: int) -> _Hit | None:
    j = m.opt(i, "session daily intraday")
    found = m.word(j, "vwap") or m.words(j, "volume", "weighted", "average", "price")
    return (found, "operand", _Operand("vwap")) if found is not None else None


def _r_price(m: _M, i: int) -> _Hit | None:
    found = m.words(i, "typical", "price")
    if found is not None:
        return found, "operand", _Operand("price", "typical")
    found = m.words(i, "last", "price") or m.word(i, "close price")
    if found is not None:
        return m.opt(found, "price"), "operand", _CLOSE
    return None


def _r_zero(m: _M, i: int) -> _Hit | None:
    found = m.word(i, "zero")
    return (found, "operand", _ZERO) if found is not None else None


_UP: Final = "above over upward upside higher up"
_DOWN: Final = "below under downward downside lower down beneath"
_OPS: Final = {">": "up", ">=": "up", "<": "down", "<=": "down"}


def _r_cmp(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind == "sym" and t.word in _OPS:
        return i + 1, "cmp", _Cmp("cmp", _OPS[t.word], t.word)
    if t.kind != "word":
        return None
    j = m.word(i, "cross crossover")
    if j is not None:  # "crosses above", "crossed back below", "crosses over", "cross"
        k = m.opt(j, "back")
        for spec, sense in ((_UP, "up"), (_DOWN, "down")):
            found = m.word(k, spec)
            if found is not None:
                return m.opt(found, "through"), "cmp", _Cmp("cross", sense)
        return j, "cmp", _Cmp("cross", None)
    j = m.word(i, "break breakout")
    if j is not None:  # "breaks above", "breaks out below", "breakout", "breaks the 20-bar high"
        k = m.opt(m.opt(j, "out down"), "back")
        for spec, sense in ((_UP, "up"), (_DOWN, "down")):
            found = m.word(k, spec)
            if found is not None:
                return m.opt(found, "through"), "cmp", _Cmp("cross", sense)
        return m.opt(k, "through"), "cmp", _Cmp("cross", None)
    j = m.word(i, "breakdown")
    if j is not None:
        return j, "cmp", _Cmp("cross", "down")
    j = m.word(i, "bullish bearish")
    if j is not None:
        sense = "up" if m.which(i) == "bullish" else "down"
        found = m.word(j, "cross crossover")
        return (found, "cmp", _Cmp("cross", sense)) if found is not None else (j, "sense", sense)
    j = m.word(i, "move rise go climb jump pop push rally spike get run")
    if j is not None:
        found = m.word(m.opt(j, "back"), "above over")
        if found is not None:
            return found, "cmp", _Cmp("cross", "up")
    j = m.word(i, "fall drop dip move go sink slip slide plunge get")
    if j is not None:
        found = m.word(m.opt(j, "back"), "below under")
        if found is not None:
            return found, "cmp", _Cmp("cross", "down")
    j = m.word(i, "close")
    if j is not None:  # "closes above": a compare whose subject is the close
        k = m.opt(j, "back")
        for spec, op in (("above over", ">"), ("below under", "<")):
            found = m.word(k, spec)
            if found is not None:
                return found, "cmp", _Cmp("cmp", _OPS[op], op)
        return None
    j = m.word(i, "turn flip go cross move become")
    if j is not None:
        for spec, sense in (("positive", "up"), ("negative", "down")):
            found = m.word(j, spec)
            if found is not None:
                return found, "cmp", _Cmp("zero_cross", sense)
    j = m.words(i, "at", "or")
    if j is not None:
        for spec, op in (("above higher", ">="), ("below lower", "<=")):
            found = m.word(j, spec)
            if found is not None:
                return found, "cmp", _Cmp("cmp", _OPS[op], op)
        return None
    j = m.word(m.opt(i, "stay hold remain trade"), "above over")
    if j is not None:
        equal = m.words(j, "or", "equal") or m.words(j, "or", "at")
        return (equal, "cmp", _Cmp("cmp", "up", ">=")) if equal else (j, "cmp", _Cmp("cmp", "up", ">"))
    j = m.word(m.opt(i, "stay hold remain trade"), "below under beneath")
    if j is not None:
        equal = m.words(j, "or", "equal") or m.words(j, "or", "at")
        return (equal, "cmp", _Cmp("cmp", "down", "<=")) if equal else (j, "cmp", _Cmp("cmp", "down", "<"))
    j = m.words(i, "greater higher more", "than") or m.word(i, "exceed")
    if j is not None:
        return j, "cmp", _Cmp("cmp", "up", ">")
    j = m.words(i, "less lower", "than")
    if j is not None:
        return j, "cmp", _Cmp("cmp", "down", "<")
    for spec, sense in (("positive", "up"), ("negative", "down")):
        j = m.word(i, spec)
        if j is not None:
            return j, "cmp", _Cmp("zero_cmp", sense)
    j = m.word(i, "oversold overbought")
    if j is not None:
        over = m.which(i) == "overbought"
        return j, "cmp", _Cmp("level", "up" if over else "down", ">" if over else "<", level=70 if over else 30)
    return None


def _r_connector(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind == "word" and t.word in ("and", "plus", "but", "or", "new"):
        return i + 1, "or" if t.word == "or" else "new" if t.word == "new" else "and", None
    if t.kind == "sym" and t.word == "/":
        return i + 1, "slash", None
    if t.kind == "num":
        return i + 1, "num", t
    if t.kind == "end":
        return i + 1, "end", None
    return None


_MA_STARTS: Final = "ema sma wma exponential simple weighted moving ma"
_ZONE_STARTS: Final = f"new hong {' '.join(_ZONES)} {_REFUSED_ZONES}"

# First match wins at each token, so the order settles overlaps: a session before a zone's "New York",
# bars in trade before a stop ("time stop 10 bars") and before averages ("10 bar time stop"), the
# opening range before N-bar highs ("high of the first 15 minutes"), pairs before single averages.
# Each recognizer says which tokens it can start at (token kinds, canonical words): at a token only
# those are tried, which keeps the reading at a few microseconds a token.
_RECOGNIZERS: Final[tuple[tuple[Callable[[_M, int], _Hit | None], str, str], ...]] = (
    (_r_instrument, "", f"{' '.join(_SYMBOLS)} micro emini mini e nasdaq nq s&p sp spx es"),
    (_r_timeframe, "num", "hourly daily"),
    (_r_window, "num clock", "between from"),
    (_r_session, "", "regular rth market new ny et us american nyse cash london uk european europe"),
    (_r_flat, "", "flat flatten exit out close"),
    (_r_time, "num clock", f"from start begin at {_ZONE_STARTS}"),
    (_r_maxbars, "num", "exit close out flat after max hold holding keep stay time stop"),
    (_r_stop, "num sym", "protective hard initial stop sl risk"),
    (_r_target, "num sym ratio", "take profit target tp risk reward rr r twice"),
    (_r_size, "num", "size contract"),
    (_r_direction, "", "go get enter long buy short sell both either"),
    (_r_exit, "", "exit flatten cover get close"),
    (_r_range, "num", "high low first orb opening open or range"),
    (_r_vwap, "", "session daily intraday vwap volume"),
    (_r_bollinger, "num", "upper lower middle bollinger band"),
    (_r_macd, "", "macd histogram signal"),
    (_r_rsi, "num", "relative rsi"),
    (_r_nbar, "num", "last high highest low lowest"),
    (_r_pair, "num", _MA_STARTS),
    (_r_ma, "num", f"fast faster quick slow slower {_MA_STARTS}"),
    (_r_cmp, "sym", "cross crossover break breakout breakdown bullish bearish move rise go climb jump pop push rally "
     "spike get run fall drop dip sink slip slide plunge close turn flip become at stay hold remain trade above "
     "over below under beneath greater higher more exceed less lower positive negative oversold overbought"),
    (_r_price, "", "typical last close price"),
    (_r_zero, "", "zero"),
    (_r_connector, "sym num end", "and plus but or new"),
)


def _index() -> tuple[dict[str, tuple[Callable[[_M, int], _Hit | None], ...]],
                      dict[str, tuple[Callable[[_M, int], _Hit | None], ...]]]:
    by_word: dict[str, list[Callable[[_M, int], _Hit | None]]] = {}
    by_kind: dict[str, list[Callable[[_M, int], _Hit | None]]] = {}
    for recognize, kinds, words in _RECOGNIZERS:
        for kind in kinds.split():
            by_kind.setdefault(kind, []).append(recognize)
        for word in words.split():
            by_word.setdefault(word, []).append(recognize)
    return ({k: tuple(v) for k, v in by_word.items()}, {k: tuple(v) for k, v in by_kind.items()})


_BY_WORD, _BY_KIND = _index()


def _phrases(toks: Sequence[_Tok]) -> tuple[list[_Item], list[_Tok]]:
    """The items of the prompt, and the tokens no phrase took (filler or not understood)."""
    m = _M(toks)
    items: list[_Item] = []
    left: list[_Tok] = []
    i = 0
    while i < m.n:
        t = toks[i]
        for recognize in _BY_WORD.get(t.word, ()) if t.kind == "word" else _BY_KIND.get(t.kind, ()):
            hit = recognize(m, i)
            if hit is not None and hit[0] > i:
                end, kind, value = hit
                items.append(_Item(kind, toks[i].a, toks[end - 1].b, value))
                i = end
                break
        else:
            left.append(toks[i])
            i += 1
    return items, left
