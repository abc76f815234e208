"""Vix local provider (domain/vix/local.py): the plan, everything a prompt asks for, read from its phrases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Final

from domain.market.calendar import TIMEFRAME_DURATIONS
from domain.market.instruments import INSTRUMENTS, TIMEFRAMES, InstrumentSpec
from domain.vix.parser.conditions import _clauses, _Ctx, _entries
from domain.vix.parser.limits import DEFAULT_INSTRUMENT, DEFAULT_TIMEFRAME, MAX_CONDITIONS
from domain.vix.parser.phrases import _SESSIONS, _Duration, _Item, _Qty, _Window
from domain.vix.parser.resolution import (
    _bounds,
    _hhmm,
    _hm,
    _in_exchange,
    _param,
    _Resolver,
    _Rule,
    _span_hm,
    _TimeWindow,
    _zone_of,
)
from domain.vix.parser.tokens import _fmt, _Tok

# ---- the plan --------------------------------------------------------------------------------------

@dataclass
class _Plan:
    instrument: str
    timeframe: str
    entries: dict[str, tuple[tuple[_Rule, ...], ...]] = field(default_factory=dict)
    windows: list[_TimeWindow] = field(default_factory=list)
    exits: list[tuple[tuple[tuple[_Rule, ...], ...], str]] = field(default_factory=list)  # (rules, how said)
    flat: list[_TimeWindow] = field(default_factory=list)
    stop: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    max_bars: tuple[int, str] | None = None
    size: int | None = None


_GLOBAL_KINDS: Final = frozenset({"instrument", "timeframe", "window", "session", "time", "flat", "stop", "target",
                                  "maxbars", "size"})


def _dedupe(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))  # first occurrences, in order


def _choose(cx: _Ctx, what: str, found: list[tuple[str, str]], given: str | None, default: str) -> str:
    values = _dedupe([v for v, _ in found])
    if given is not None:
        others = _dedupe([v for v, _ in found if v != given])
        if others:
            cx.ignored.append(f"{what} {', '.join(others)} in the prompt; the request's {what} {given} is used.")
        return given
    if len(values) > 1:
        cx.problem(", ".join(_dedupe([t for _, t in found])),
                   f"The prompt names more than one {what} ({', '.join(values)}); a strategy has one.")
        return values[0]
    if values:
        return values[0]
    cx.assume(f"{what} {default} (none was named).")
    return default


def _one(cx: _Ctx, items: list[_Item], what: str) -> _Item | None:
    """The one stop (target, size...) of the prompt: repeats are ignored, different ones refused."""
    if not items:
        return None
    distinct = _dedupe([it.value for it in items])
    if len(distinct) > 1:
        cx.problem(", ".join(cx.span(it) for it in items), f"The prompt gives more than one {what} "
                   f"({'; '.join(cx.span(it) for it in items)}); a strategy has one.")
    elif len(items) > 1:
        cx.ignored.append(f"the repeated \"{cx.span(items[1])}\".")
    return items[0]


def _ticks(cx: _Ctx, q: _Qty, spec: InstrumentSpec, type_: str, what: str) -> int | None:
    if q.unit == "points":
        value, said = q.value / spec.tick_size, f"{q.text} points"
    elif q.unit == "usd":
        value, said = q.value / spec.tick_value, f"${q.text}"
    else:
        value, said = q.value, f"{q.text} ticks"
    if not value.is_finite() or value != value.to_integral_value():
        cx.problem(q.text, f"The {what} of {said} is not a whole number of {spec.symbol} ticks "
                   f"({_fmt(spec.tick_size)} points, ${spec.tick_value} each).")
        return None
    low, high, _, _ = _bounds(type_, "ticks")
    if not low <= value <= high:
        converted = "" if q.unit in ("ticks", "bare") else f" ({_fmt(value)} ticks)"
        cx.problem(q.text, f"The {what} of {said}{converted} is out of range: it must be at least {low} and at most "
                   f"{high} ticks.")
        return None
    return int(value)


def _in_ticks(cx: _Ctx, q: _Qty, spec: InstrumentSpec, type_: str, what: str,
              title: str) -> tuple[dict[str, Any], str] | None:
    """A stop or target given in ticks, points, dollars or a bare number: its params in ticks and its line."""
    ticks = _ticks(cx, q, spec, type_, what)
    if ticks is None:
        return None
    if q.unit == "bare":
        cx.assume(f"the {what} of {q.text} is {q.text} ticks.")
    return ({"mode": "ticks", "ticks": ticks},
            f"{title} {ticks} ticks ({_points(ticks, spec)}) from the entry price.")


def _stop(cx: _Ctx, q: _Qty, spec: InstrumentSpec) -> tuple[dict[str, Any], str] | None:
    if q.unit in ("ticks", "points", "usd", "bare"):
        return _in_ticks(cx, q, spec, "stop_loss", "stop", "Stop loss")
    if q.unit == "atr":
        multiple = _param(cx, "stop_loss", "atr_multiple", q.value, q.text, "The stop's ATR multiple")
        if q.period is None:
            cx.assume("ATR period 14 for the stop (none was given).")
            period: int | float | None = 14
        else:
            period = _param(cx, "stop_loss", "atr_period", q.period.num or Decimal(0), q.period.text, "The ATR period")
        if multiple is None or period is None:
            return None
        return ({"mode": "atr", "atr_multiple": float(multiple), "atr_period": int(period)},
                f"Stop loss {_fmt(multiple)} × ATR({int(period)}) from the entry price.")
    cx.problem(q.text, f"A stop of {q.text} R is circular: R is the stop distance. Give ticks, points or ATRs.")
    return None


def _points(ticks: int, spec: InstrumentSpec) -> str:
    points = _fmt(spec.tick_size * ticks)
    return f"{points} point{'' if points == '1' else 's'}"


def _target(cx: _Ctx, q: _Qty, spec: InstrumentSpec, has_stop: bool, text: str) -> tuple[dict[str, Any], str] | None:
    if q.unit in ("ticks", "points", "usd", "bare"):
        return _in_ticks(cx, q, spec, "take_profit", "target", "Take profit")
    if q.unit == "atr":
        cx.problem(text, "A target in ATRs is not in the catalogue: give ticks, points or R (multiples of the stop).")
        return None
    value = q.value
    if q.unit == "ratio":
        second = q.value2 or Decimal(0)
        if value <= 0 or second <= 0:
            cx.problem(q.text, f"The ratio {q.text} has a zero term.")
            return None
        value = max(value, second) / min(value, second)  # "2:1" and "1:2" both mean twice the risk
    if not has_stop:
        cx.problem(text, f"\"{text}\" sets the target in multiples of the stop distance (R), but the prompt gives no "
                   "stop; add one, e.g. \"20 tick stop\".")
        return None
    multiple = _param(cx, "take_profit", "r_multiple", value, q.text, "The target's R multiple")
    if multiple is None:
        return None
    r = _fmt(multiple)
    return ({"mode": "r_multiple", "r_multiple": float(multiple)},
            f"Take profit at {r}R: {r} times the stop distance from the entry price.")


def _max_bars(cx: _Ctx, d: _Duration, timeframe: str) -> tuple[int, str] | None:
    if d.unit == "bar":
        bars = _param(cx, "max_bars_in_trade", "bars", d.value, d.text.split()[0], "The number of bars in a trade")
        return None if bars is None else (int(bars), "")
    minutes = d.value * (60 if d.unit == "hour" else 1)
    width = TIMEFRAME_DURATIONS.get(timeframe)
    if width is None:
        cx.problem(d.text, f"\"{d.text}\" cannot be counted in daily bars; give the number of bars.")
        return None
    per_bar = Decimal(int(width.total_seconds()) // 60)
    bars_value = minutes / per_bar
    if bars_value != bars_value.to_integral_value():
        cx.problem(d.text, f"\"{d.text}\" is not a whole number of {timeframe} bars.")
        return None
    bars = _param(cx, "max_bars_in_trade", "bars", bars_value, d.text, "The number of bars in a trade")
    return None if bars is None else (int(bars), f" ({d.text} on {timeframe} bars)")


def _plan(items: Sequence[_Item], cx: _Ctx, instrument: str | None, timeframe: str | None) -> _Plan:
    by: dict[str, list[_Item]] = {}
    for it in items:
        by.setdefault(it.kind, []).append(it)
    named = [(it.value, cx.span(it)) for it in by.get("instrument", [])]
    named += [(it.value[1], cx.span(it)) for it in by.get("size", []) if it.value[1] is not None]
    symbol = _choose(cx, "instrument", named, instrument, DEFAULT_INSTRUMENT)
    frames = [(it.value[0], cx.span(it)) for it in by.get("timeframe", [])]
    if timeframe is None:
        for tf, text in frames:
            if tf not in TIMEFRAMES:
                cx.problem(text, f"Timeframe \"{text}\" is not available (available: {', '.join(TIMEFRAMES)}).")
        frames = [(tf, text) for tf, text in frames if tf in TIMEFRAMES]
    tf = _choose(cx, "timeframe", frames, timeframe, DEFAULT_TIMEFRAME)
    spec = INSTRUMENTS[symbol]
    plan = _Plan(symbol, tf)

    stream = [_Item("sep", it.a, it.b) if it.kind in _GLOBAL_KINDS else it for it in items]
    markers, placed, opposite = _clauses(stream, cx)
    if any(c.cond.lone for c in placed):
        # "break above the opening range high, 30 min opening range": the second only says how long it is
        used = any(not c.cond.lone and "range" in (c.cond.a.kind, c.cond.b.kind) for c in placed)
        if not used:
            cx.assume("the opening range is traded as a breakout of its high or low.")
        lone_ranges = [c.cond.b for c in placed if c.cond.lone]
        placed = [c for c in placed if not (used and c.cond.lone)]
    else:
        lone_ranges = []
    if len(placed) > MAX_CONDITIONS:
        cx.problem(None, f"The prompt has {len(placed)} conditions; Vix reads at most {MAX_CONDITIONS}.")
        return plan
    exprs, exit_exprs = _entries(markers, placed, cx)
    if not exprs:
        cx.problem(None, "No entry rule was found: say when to enter, e.g. \"buy when the 9 EMA crosses above the "
                   "21 EMA\".")

    # The opening range starts at a time the prompt gives ("from 9:30 New York"), else at the cash open.
    operands = [o for c in placed for o in (c.cond.a, c.cond.b)] + lone_ranges
    start = "08:30"
    times = by.get("time", [])
    if any(o.kind == "range" for o in operands):
        if times:
            clock, zone = times[0].value
            where = _zone_of(cx, zone, cx.span(times[0]))
            if where is not None:
                start, _ = _in_exchange(cx, _hm(clock), where)
            for extra in times[1:]:
                cx.problem(cx.span(extra), f"\"{cx.span(extra)}\": an opening range has one start time.")
        else:
            cx.assume("the opening range starts at 08:30 Chicago time (09:30 New York, the cash open).")
    else:
        for it in times:
            cx.problem(cx.span(it), f"\"{cx.span(it)}\" is a single time; for a time window give its start and end, "
                       "e.g. \"9:30 to 11:30 New York\".")
    resolver = _Resolver(cx, tf, start)
    for o in operands:
        resolver.learn(o)

    for d in ("long", "short"):
        if d in exprs:
            rules = tuple(tuple(_dedupe([r for r in (resolver.rule(c, d) for c in group) if r is not None]))
                          for group in exprs[d])
            plan.entries[d] = tuple(g for g in rules if g)
    if exit_exprs:
        sides = set(exprs)
        neutral = any(c.sense is None for group in exit_exprs for c in group)
        if neutral and len(sides) != 1:
            cx.problem(None, "An exit on a cross or breakout must say which way when both directions are traded "
                       "(e.g. \"exit when the close crosses below VWAP\").")
        way = "short" if sides == {"long"} else "long"  # a neutral exit is against the position
        rules = tuple(tuple(r for r in (resolver.rule(c, way) for c in group) if r is not None) for group in exit_exprs)
        plan.exits.append((tuple(g for g in rules if g), ""))
    for it in opposite:
        crosses = _dedupe([replace(r, node=_OPPOSITE[r.node], written="")
                           for rules in plan.entries.values() for group in rules for r in group if r.node in _OPPOSITE])
        if not crosses:
            cx.problem(cx.span(it), f"\"{cx.span(it)}\" needs an entry on a cross; this strategy enters on none.")
        else:
            plan.exits.append((tuple((r,) for r in crosses), " (the opposite cross)"))

    # "9:30 to 11:30 and 14:00 to 15:30 New York": one zone named for all the windows is theirs
    zones = _dedupe([it.value.zone for it in by.get("window", []) if it.value.zone is not None])
    for it in by.get("window", []) + by.get("session", []):
        if it.kind == "window":
            w: _Window = it.value
            where = _zone_of(cx, w.zone or (zones[0] if len(zones) == 1 else None), cx.span(it))
            hm_start, hm_end = _span_hm(w.start, w.end)
        else:
            hm_start, hm_end, where = _SESSIONS[it.value]
            _zone_of(cx, where, cx.span(it))
        if where is None:
            continue
        if not (0 <= hm_start[0] <= 23 and 0 <= hm_end[0] <= 23):
            cx.problem(cx.span(it), f"\"{cx.span(it)}\" is not a time of day.")
            continue
        s, said_s = _in_exchange(cx, hm_start, where)
        e, _ = _in_exchange(cx, hm_end, where)
        if s == e:
            cx.problem(cx.span(it), f"The window \"{cx.span(it)}\" is empty.")
            continue
        said = f"{_hhmm(hm_start)} to {_hhmm(hm_end)} {where[1]}" if said_s else ""
        plan.windows.append(_TimeWindow(s, e, said))
    if plan.windows and tf == "1d":
        cx.problem(cx.span(by.get("window", by.get("session", []))[0]),
                   "A time of day means nothing on daily bars; choose an intraday timeframe.")
    plan.windows = _dedupe(plan.windows)
    for it in by.get("flat", []):
        clock, zone = it.value
        where = _zone_of(cx, zone, cx.span(it))
        if where is None:
            continue
        at, said = _in_exchange(cx, _hm(clock), where)
        if at == "17:00":
            cx.problem(cx.span(it), "17:00 Chicago time is the start of the trading day, not a time to be flat by.")
            continue
        plan.flat.append(_TimeWindow(at, "17:00", said))

    stop = _one(cx, by.get("stop", []), "stop")
    if stop is not None:
        made = _stop(cx, stop.value, spec)
        if made is not None:
            plan.stop = {"params": made[0], "line": made[1]}
    target = _one(cx, by.get("target", []), "target")
    if target is not None:
        made = _target(cx, target.value, spec, stop is not None, cx.span(target))
        if made is not None:
            plan.target = {"params": made[0], "line": made[1]}
    bars = _one(cx, by.get("maxbars", []), "number of bars in a trade")
    if bars is not None:
        plan.max_bars = _max_bars(cx, bars.value, tf)
    size = _one(cx, by.get("size", []), "position size")
    if size is not None:
        count: _Tok = size.value[0]
        contracts = _param(cx, "position_size", "contracts", count.num or Decimal(0), count.text,
                           "The number of contracts")
        plan.size = None if contracts is None else int(contracts)

    ranges = [r.b for rules in plan.entries.values() for group in rules for r in group
              if r.b.type == "opening_range"]
    if ranges:
        width = TIMEFRAME_DURATIONS.get(tf)
        minutes = ranges[0].param("minutes")
        if width is None or minutes % (int(width.total_seconds()) // 60):
            cx.problem(None, f"A {minutes}-minute opening range cannot be measured on {tf} bars; choose a timeframe "
                       "that divides it.")
    return plan


_OPPOSITE: Final = {"crosses_above": "crosses_below", "crosses_below": "crosses_above"}
