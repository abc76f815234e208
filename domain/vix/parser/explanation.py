"""Vix local provider (domain/vix/local.py): the words of a draft: explanation, name, tags, description and
the refusal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from domain.vix.draft import DESCRIPTION_MAX, TAG_MAX, TAGS_MAX
from domain.vix.errors import PromptNotUnderstood
from domain.vix.parser.conditions import _Ctx
from domain.vix.parser.graph import _MA_TYPES
from domain.vix.parser.limits import _MAX_UNRECOGNIZED
from domain.vix.parser.plan import _dedupe, _Plan
from domain.vix.parser.resolution import _Rule, _Series, _TimeWindow
from domain.vix.parser.tokens import _fmt

# ---- words -----------------------------------------------------------------------------------------

_OP_WORDS: Final = {">": "above", "<": "below", ">=": "at or above", "<=": "at or below"}


def _say_series(s: _Series) -> str:
    if s.type == "price":
        return "the close" if s.port == "close" else f"the {s.port} price"
    if s.type == "constant":
        return _fmt(s.param("value"))
    if s.type in _MA_TYPES:
        return f"the {s.param('period')}-bar {s.type.upper()}"
    if s.type == "rsi":
        return f"RSI({s.param('period')})"
    if s.type == "macd":
        name = f"MACD({s.param('fast')}, {s.param('slow')}, {s.param('signal')})"
        parts = {"macd": "line", "signal": "signal line", "hist": "histogram"}
        return f"the {name} {parts[s.port]}"
    if s.type == "bollinger":
        return f"the {s.port} Bollinger band ({s.param('period')}, {_fmt(s.param('nbdev_up'))})"
    if s.type == "vwap":
        return "the session VWAP"
    if s.type == "opening_range":
        return f"the {s.port} of the {s.param('minutes')}-minute opening range from {s.param('start')} Chicago time"
    word = "highest" if s.type == "highest" else "lowest"
    return f"the {word} close of the last {s.param('period')} bars"


def _say_rule(r: _Rule) -> str:
    if r.extreme:
        n = r.b.param("period")
        high = r.b.type == "highest"
        return (f"the close makes a new {n}-bar closing {'high' if high else 'low'} (the "
                f"{'highest' if high else 'lowest'} close of the last {n} bars, this bar included)")
    a, b = _say_series(r.a), _say_series(r.b)
    if r.a.type == r.b.type == "macd" and r.a.params == r.b.params and r.b.port == "signal":
        b = "its signal line"
    if r.node == "crosses_above":
        return f"{a} crosses above {b}"
    if r.node == "crosses_below":
        return f"{a} crosses below {b}"
    return f"{a} is {_OP_WORDS[r.op or '>']} {b}"


def _say_expr(rules: Sequence[Sequence[_Rule]]) -> str:
    return ", or when ".join(" and ".join(_say_rule(r) for r in group) for group in rules)


def _say_windows(windows: Sequence[_TimeWindow]) -> str:
    parts = [f"from {w.start} to {w.end} Chicago time" + (f" ({w.said})" if w.said else "") for w in windows]
    return " or ".join(parts)


def _lines(plan: _Plan) -> list[str]:
    lines = [f"Enter {d} when {_say_expr(rules)}." for d, rules in plan.entries.items()]
    if plan.windows:
        lines.append(f"Enter only on bars that open {_say_windows(plan.windows)}.")
    for rules, note in plan.exits:
        lines.append(f"Exit when {_say_expr(rules)}{note}.")
    for w in plan.flat:
        said = f" ({w.said})" if w.said else ""
        lines.append(f"Exit any position from {w.start} Chicago time{said} to the end of the trading day.")
    if plan.stop is not None:
        lines.append(plan.stop["line"])
    if plan.target is not None:
        lines.append(plan.target["line"])
    if plan.max_bars is not None:
        n, said = plan.max_bars
        lines.append(f"Exit after {n} bar{'' if n == 1 else 's'} in the trade{said} if nothing closed it before.")
    if plan.size is not None:
        lines.append(f"Trade {plan.size} contract{'' if plan.size == 1 else 's'} per entry.")
    return lines


def _label(r: _Rule) -> str:
    a, b = r.a, r.b
    cross = r.node != "compare"
    if r.extreme:
        return f"{b.param('period')}-bar breakout"
    if a.type in _MA_TYPES and b.type in _MA_TYPES:
        first, second = sorted((a, b), key=lambda s: int(s.param("period")))
        if first.type == second.type:
            return f"{first.param('period')}/{second.param('period')} {first.type.upper()} cross"
        return f"{first.param('period')} {first.type.upper()}/{second.param('period')} {second.type.upper()} cross"
    if b.type in _MA_TYPES:
        average = f"{b.param('period')} {b.type.upper()}"
        return f"{average} cross" if cross else f"{_OP_WORDS[r.op or '>']} {average}"
    if a.type == "rsi":
        return f"RSI({a.param('period')}) {'cross' if cross else r.op} {_fmt(b.param('value'))}" \
            if b.type == "constant" else f"RSI({a.param('period')})"
    if a.type == "macd":
        return "MACD signal cross" if b.type == "macd" else "MACD histogram"
    names = {"bollinger": "Bollinger", "vwap": "VWAP", "opening_range": "opening range"}
    if b.type == "opening_range":
        return f"{b.param('minutes')}-minute ORB"
    if b.type in names:
        return f"{names[b.type]} {'breakout' if b.type == 'bollinger' and cross else 'cross' if cross else 'level'}"
    return "Vix strategy"


_TAGS: Final = {"ema": "ema", "sma": "sma", "wma": "wma", "rsi": "rsi", "macd": "macd", "bollinger": "bollinger",
                "vwap": "vwap", "opening_range": "opening-range", "highest": "breakout", "lowest": "breakout"}


def _tags(plan: _Plan) -> tuple[str, ...]:
    rules = [r for rs in plan.entries.values() for group in rs for r in group]
    tags: list[str] = []
    for r in rules:
        for s in (r.a, r.b):
            if s.type in _TAGS:
                tags.append(_TAGS[s.type])
        if r.node != "compare" and ((r.a.type in _MA_TYPES and r.b.type in _MA_TYPES) or r.b.type == "macd"):
            tags += ["crossover", "trend"]
        if r.b.type in ("opening_range", "bollinger") and r.node != "compare":
            tags.append("breakout")
        if r.a.type == "rsi":
            tags.append("oscillator")
    if plan.windows or plan.flat or any(t in tags for t in ("opening-range", "vwap")):
        tags.append("intraday")
    if len(plan.entries) == 2:
        tags.append("long-short")
    return tuple(t[:TAG_MAX] for t in _dedupe(tags)[:TAGS_MAX])


def _describe(plan: _Plan) -> str:
    parts = [f"{d} when {_say_expr(rules)}" for d, rules in plan.entries.items()]
    text = f"{plan.instrument} on {plan.timeframe} bars: {'; '.join(parts)}"
    if plan.windows:
        text += f", entering only on bars that open {_say_windows(plan.windows)}"
    risk = []
    if plan.stop is not None:
        p = plan.stop["params"]
        risk.append(f"{p['ticks']}-tick stop" if p["mode"] == "ticks" else f"{_fmt(p['atr_multiple'])} ATR stop")
    if plan.target is not None:
        p = plan.target["params"]
        risk.append(f"{p['ticks']}-tick target" if p["mode"] == "ticks" else f"{_fmt(p['r_multiple'])}R target")
    if plan.max_bars is not None:
        risk.append(f"out after {plan.max_bars[0]} bars")
    if risk:
        text += f"; {', '.join(risk)}"
    text += "."
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1] + "…"


def _refuse(cx: _Ctx) -> None:
    words = _dedupe([w for w in cx.unknown] + [phrase for phrase, _ in cx.problems if phrase])
    parts: list[str] = []
    if cx.unknown:
        shown = _dedupe(cx.unknown)
        more = f" and {len(shown) - _MAX_UNRECOGNIZED} more" if len(shown) > _MAX_UNRECOGNIZED else ""
        parts.append("Vix did not understand " + ", ".join(f"\"{w}\"" for w in shown[:_MAX_UNRECOGNIZED])
                     + more + ": say it with the indicators, times and risk rules Vix knows.")
    parts += _dedupe([reason for _, reason in cx.problems])
    detail = " ".join(parts)
    if len(detail) > 1500:
        detail = detail[:1499] + "…"
    raise PromptNotUnderstood(detail, unrecognized=[w[:64] for w in words[:_MAX_UNRECOGNIZED]])
