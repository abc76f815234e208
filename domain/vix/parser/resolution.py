"""Vix local provider (domain/vix/local.py): conditions resolved into catalogue series with checked params,
and times converted to exchange time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

from domain.strategy.catalog import NODE_TYPES_BY_NAME
from domain.vix.parser.conditions import _Cond, _Ctx
from domain.vix.parser.limits import EXCHANGE_TZ, REFERENCE_DATE
from domain.vix.parser.phrases import _Clock, _Operand, _Zone
from domain.vix.parser.tokens import _Tok

# ---- resolution: series with their params ----------------------------------------------------------

@dataclass(frozen=True)
class _Series:
    """A series the graph computes: a node type, its params, the output port (price: its field)."""

    type: str
    port: str
    params: tuple[tuple[str, Any], ...] = ()
    role: str | None = None

    def param(self, name: str) -> Any:
        return dict(self.params)[name]


@dataclass(frozen=True)
class _Rule:
    node: str  # crosses_above, crosses_below, compare
    op: str | None
    a: _Series
    b: _Series
    extreme: bool = False  # a breakout read as a new closing extreme
    written: str = ""  # the phrase it comes from


_CLOSE_SERIES: Final = _Series("price", "close", (("field", "close"),))

def _bounds(type_: str, param: str) -> tuple[Any, Any, Any, bool]:
    prop = NODE_TYPES_BY_NAME[type_].params_schema["properties"][param]
    return prop.get("minimum"), prop.get("maximum"), prop.get("exclusiveMinimum"), prop.get("type") == "integer"


def _param(cx: _Ctx, type_: str, param: str, value: Decimal, text: str, what: str) -> int | float | None:
    """A number for a param, checked against the catalogue's schema for it; None (and a problem) when out."""
    low, high, above, integer = _bounds(type_, param)
    if not value.is_finite():
        cx.problem(text, f"{what} {text} is not a number Vix can use.")
        return None
    if integer and value != value.to_integral_value():
        cx.problem(text, f"{what} must be a whole number, not {text}.")
        return None
    if (low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(str(high))) \
            or (above is not None and value <= Decimal(str(above))):
        lower = f"more than {above}" if above is not None else f"at least {low}"
        cx.problem(text, f"{what} {text} is out of range: it must be {lower} and at most {high}.")
        return None
    return int(value) if integer else float(value)


@dataclass
class _Resolver:
    """Turns operands into series: params from the prompt or inherited from an earlier mention of the same
    indicator, else the catalogue's defaults (said as assumptions); bounds from the catalogue."""

    cx: _Ctx
    timeframe: str
    range_start: str  # exchange time
    given: dict[str, tuple[_Tok, ...]] = field(default_factory=dict)
    range_minutes: tuple[Decimal, str] | None = None

    def learn(self, operand: _Operand) -> None:
        if operand.kind in ("rsi", "macd", "bollinger") and operand.nums:
            self.given.setdefault(operand.kind, operand.nums)
        if operand.kind == "range" and operand.value is not None and self.range_minutes is None:
            self.range_minutes = (operand.value, operand.text)

    def period(self, operand: _Operand, type_: str, label: str, default: int, param: str = "period") -> int | None:
        if not operand.nums:
            self.cx.assume(f"{label} period {default} (none was given).")
            return default
        tok = operand.nums[0]
        if operand.days and self.timeframe != "1d":
            self.cx.problem(f"{tok.text} day", f"A period of {tok.text} days needs the daily timeframe (1d); "
                            f"give it in bars for {self.timeframe} bars.")
            return None
        value = _param(self.cx, type_, param, tok.num or Decimal(0), tok.text, f"The {label} period")
        return None if value is None else int(value)

    def series(self, o: _Operand, port: str | None) -> _Series | None:
        cx = self.cx
        if o.kind == "price":
            return _Series("price", o.port or "close", (("field", o.port or "close"),))
        if o.kind == "const":
            value = _param(cx, "constant", "value", o.value if o.value is not None else Decimal(0), o.text, "The level")
            if value is None:
                return None
            number = int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
            return _Series("constant", "value", (("value", number),))
        if o.kind in ("ema", "sma", "wma"):
            if o.sma_assumed:
                cx.assume("\"moving average\" is a simple moving average (SMA).")
            if not o.nums and o.role is not None:
                default = 9 if o.role == "fast" else 21
                cx.assume(f"{o.role} {o.kind.upper()} period {default} (none was given).")
                return _Series(o.kind, "value", (("period", default),), o.role)
            period = self.period(o, o.kind, o.kind.upper(), 20)
            return None if period is None else _Series(o.kind, "value", (("period", period),), o.role)
        if o.kind == "rsi":
            period = self.period(replace(o, nums=o.nums or self.given.get("rsi", ())), "rsi", "RSI", 14)
            return None if period is None else _Series("rsi", "value", (("period", period),))
        if o.kind == "macd":
            nums = o.nums or self.given.get("macd", ())
            if not nums:
                cx.assume("MACD(12, 26, 9) (no periods were given).")
                values: list[int | float | None] = [12, 26, 9]
            else:
                values = [_param(cx, "macd", name, t.num or Decimal(0), t.text, f"The MACD {name} period")
                          for name, t in zip(("fast", "slow", "signal"), nums, strict=True)]
            if None in values:
                return None
            return _Series("macd", port or o.port or "macd",
                           tuple((k, int(v or 0)) for k, v in zip(("fast", "slow", "signal"), values, strict=True)))
        if o.kind == "bollinger":
            nums = o.nums or self.given.get("bollinger", ())
            if not nums:
                cx.assume("Bollinger bands (20, 2) (no params were given).")
            band_period = self.period(replace(o, nums=nums[:1]), "bollinger", "Bollinger", 20) if nums else 20
            dev: int | float | None = 2.0
            if len(nums) > 1:
                dev = _param(cx, "bollinger", "nbdev_up", nums[1].num or Decimal(0), nums[1].text,
                             "The Bollinger deviation")
            elif nums:
                cx.assume("Bollinger bands of 2 standard deviations (none were given).")
            if band_period is None or dev is None:
                return None
            return _Series("bollinger", port or o.port or "middle",
                           (("period", band_period), ("nbdev_up", float(dev)), ("nbdev_dn", float(dev))))
        if o.kind == "nbar":
            kind = "highest" if (port or o.port) == "high" else "lowest"
            n = self.period(o, kind, "N-bar", 20)
            return None if n is None else _Series(kind, "value", (("period", n),))
        if o.kind == "vwap":
            return _Series("vwap", "value")
        if o.kind == "range":
            if self.range_minutes is None:
                cx.assume("an opening range of 15 minutes (no length was given).")
                minutes: int | float | None = 15
            else:
                minutes = _param(cx, "opening_range", "minutes", self.range_minutes[0], self.range_minutes[1],
                                 "The opening range length in minutes")
            if minutes is None:
                return None
            return _Series("opening_range", port or o.port or "high", (("start", self.range_start),
                                                                        ("minutes", int(minutes))))
        raise AssertionError(f"unknown operand {o.kind}")

    def rule(self, c: _Cond, direction: str) -> _Rule | None:
        """The condition for one direction: a neutral sense takes the direction's side."""
        sense = c.sense or ("up" if direction == "long" else "down")
        up = sense == "up"
        if c.form == "breakout":
            if c.a.kind != "price":
                self.cx.problem(c.text, f"\"{c.text}\": only the price can break out of a range or band.")
                return None
            port = c.b.port
            if c.b.kind == "nbar":
                port = port or ("high" if up else "low")
                if (port == "high") != up:
                    self.cx.problem(c.text, f"\"{c.text}\": Vix reads an N-bar high only as broken upwards and an "
                                    "N-bar low only as broken downwards.")
                    return None
                extreme = self.series(replace(c.b, port=port), port)
                if extreme is None:
                    return None
                return _Rule("compare", ">=" if up else "<=", _CLOSE_SERIES, extreme, True, c.text)
            port = port or (("high" if up else "low") if c.b.kind == "range" else ("upper" if up else "lower"))
            band = self.series(c.b, port)
            if band is None:
                return None
            return _Rule("crosses_above" if up else "crosses_below", None, _CLOSE_SERIES, band, written=c.text)
        a = self.series(c.a, self._port(c.a, up))
        b = self.series(c.b, self._port(c.b, up))
        if a is None or b is None:
            return None
        if a == b or (a.type == "constant" and b.type == "constant"):
            self.cx.problem(c.text, f"\"{c.text}\" compares a series with itself or two numbers.")
            return None
        if c.form == "cross":
            return _Rule("crosses_above" if up else "crosses_below", None, a, b, written=c.text)
        return _Rule("compare", c.op or (">" if up else "<"), a, b, written=c.text)

    @staticmethod
    def _port(o: _Operand, up: bool) -> str | None:
        if o.port is not None:
            return o.port
        if o.kind == "bollinger":
            return "upper" if up else "lower"
        if o.kind == "range":
            return "high" if up else "low"
        return None


# ---- times -----------------------------------------------------------------------------------------

def _hm(clock: _Clock) -> tuple[int, int]:
    hour = clock.hour
    if clock.meridiem == "am":
        hour = 0 if hour == 12 else hour
    elif clock.meridiem == "pm":
        hour = 12 if hour == 12 else hour + 12
    return hour, clock.minute


def _span_hm(start: _Clock, end: _Clock) -> tuple[tuple[int, int], tuple[int, int]]:
    s, e = _hm(start), _hm(end)
    if not start.meridiem and end.meridiem == "pm" and s[0] < 12 and (s[0] + 12, s[1]) <= e:
        s = (s[0] + 12, s[1])  # "1 to 3 pm"
    if not end.meridiem and start.meridiem and e[0] < 12 and e < s:
        e = (e[0] + 12, e[1])  # "10 am to 2"
    return s, e


def _exchange(hm: tuple[int, int], zone: str) -> str:
    """HH:MM in exchange time of a time of day in `zone`, at the offsets of REFERENCE_DATE."""
    local = datetime.combine(REFERENCE_DATE, time(*hm), tzinfo=ZoneInfo(zone))
    there = local.astimezone(ZoneInfo(EXCHANGE_TZ))
    return f"{there.hour:02d}:{there.minute:02d}"


def _zone_of(cx: _Ctx, zone: _Zone | None, text: str) -> _Zone | None:
    if zone is None:
        cx.assume("times without a zone are exchange time (America/Chicago).")
        return EXCHANGE_TZ, "Chicago"
    if zone[0] == "!":
        cx.problem(text, f"\"{text}\" mixes two time zones ({zone[1]}).")
        return None
    if zone[0] == "":
        cx.problem(zone[1], f"Times in {zone[1].upper() if len(zone[1]) <= 4 else zone[1].title()} are not supported: "
                   "their offset to Chicago changes with US daylight saving time, so they cannot be one exchange-"
                   "time window all year. Give New York, Chicago or London time.")
        return None
    if zone[0].startswith("Europe/"):
        ahead = _hours_ahead(zone[0])
        cx.assume(f"{zone[1]} times are converted at the offsets of {REFERENCE_DATE.isoformat()} ({zone[1]} {ahead} "
                  "hours ahead of Chicago); in the few weeks a year when US and European clocks change on different "
                  "dates the window is an hour off.")
    return zone


def _hours_ahead(zone: str) -> int:
    noon = datetime.combine(REFERENCE_DATE, time(12, 0), tzinfo=ZoneInfo(zone))
    offset, exchange = noon.utcoffset(), noon.astimezone(ZoneInfo(EXCHANGE_TZ)).utcoffset()
    assert offset is not None and exchange is not None
    return int((offset - exchange).total_seconds() // 3600)


def _hhmm(hm: tuple[int, int]) -> str:
    return f"{hm[0]:02d}:{hm[1]:02d}"


def _in_exchange(cx: _Ctx, hm: tuple[int, int], zone: _Zone) -> tuple[str, str]:
    """(HH:MM exchange time, how the prompt said it when that was another zone)."""
    converted = _exchange(hm, zone[0])
    said = "" if zone[0] == EXCHANGE_TZ else f"{_hhmm(hm)} {zone[1]}"
    return converted, said


@dataclass(frozen=True)
class _TimeWindow:
    start: str
    end: str
    said: str  # in the prompt's zone, when not exchange time
