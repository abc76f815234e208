"""Fixture strategies: ready-made examples a user can copy (`POST /api/strategies/from-fixture/{slug}`),
listed in `GET /api/engines` (`fixtures`). Each one validates with no issues
(tests/unit/test_fixtures.py), has a stop_loss and a position_size node, and uses only the node
catalogue (domain.strategy.catalog).

Slugs: sma-crossover (the contract's example), ema-crossover, rsi-mean-reversion,
opening-range-breakout (on the catalogue's `opening_range` node), vwap-reversion, bollinger-breakout,
and demo-1m-momentum: not a strategy anyone should trade, but one that fires within minutes on the
demo feed, so that a newcomer sees the pipeline work (README).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

from domain.strategy.errors import FixtureNotFound

# Node: (id, type, params, (x, y)). Edge: "node.port -> node.port".
_NodeSpec = tuple[str, str, dict[str, Any], tuple[int, int]]


def _graph(nodes: list[_NodeSpec], edges: list[str]) -> dict[str, Any]:
    def end(text: str) -> dict[str, str]:
        node, port = text.strip().split(".")
        return {"node": node, "port": port}

    return {
        "nodes": [{"id": i, "type": t, "params": p, "position": {"x": x, "y": y}} for i, t, p, (x, y) in nodes],
        "edges": [{"from": end(a), "to": end(b)} for a, b in (e.split("->") for e in edges)],
        "meta": {},
    }


def _fixture(slug: str, name: str, description: str, instrument: str, timeframe: str, tags: list[str],
             graph: dict[str, Any]) -> dict[str, Any]:
    return {"slug": slug, "name": name, "description": description, "instrument": instrument,
            "timeframe": timeframe, "tags": tags, "graph": graph}


_FIXTURES: Final[tuple[dict[str, Any], ...]] = (
    _fixture(
        "sma-crossover", "SMA crossover",
        "Go long when the 9-bar SMA crosses above the 21-bar SMA, with a 20-tick stop.",
        "MNQ", "5m", ["trend", "intraday"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("fast", "sma", {"period": 9}, (200, -60)),
                ("slow", "sma", {"period": 21}, (200, 60)),
                ("cross_up", "crosses_above", {}, (400, -60)),
                ("cross_down", "crosses_below", {}, (400, 60)),
                ("entry", "enter_long", {}, (600, -60)),
                ("exit", "exit", {}, (600, 60)),
                ("stop", "stop_loss", {"mode": "ticks", "ticks": 20}, (600, 180)),
                ("size", "position_size", {"contracts": 1}, (600, 260)),
            ],
            [
                "price.value -> fast.series", "price.value -> slow.series",
                "fast.value -> cross_up.a", "slow.value -> cross_up.b",
                "fast.value -> cross_down.a", "slow.value -> cross_down.b",
                "cross_up.signal -> entry.when", "cross_down.signal -> exit.when",
            ],
        ),
    ),
    _fixture(
        "ema-crossover", "EMA crossover",
        "Go long when the 9-bar EMA crosses above the 21-bar EMA and exit when it crosses back below; "
        "stop at 2 ATRs.",
        "MNQ", "5m", ["trend", "intraday"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("fast", "ema", {"period": 9}, (200, -60)),
                ("slow", "ema", {"period": 21}, (200, 60)),
                ("cross_up", "crosses_above", {}, (400, -60)),
                ("cross_down", "crosses_below", {}, (400, 60)),
                ("entry", "enter_long", {}, (600, -60)),
                ("exit", "exit", {}, (600, 60)),
                ("stop", "stop_loss", {"mode": "atr", "atr_multiple": 2.0, "atr_period": 14}, (600, 180)),
                ("size", "position_size", {"contracts": 1}, (600, 260)),
            ],
            [
                "price.value -> fast.series", "price.value -> slow.series",
                "fast.value -> cross_up.a", "slow.value -> cross_up.b",
                "fast.value -> cross_down.a", "slow.value -> cross_down.b",
                "cross_up.signal -> entry.when", "cross_down.signal -> exit.when",
            ],
        ),
    ),
    _fixture(
        "rsi-mean-reversion", "RSI mean reversion",
        "Go long when the 14-bar RSI climbs back above 30 from oversold; exit when it reaches 50 or after "
        "24 bars; 40-tick stop.",
        "MES", "15m", ["mean-reversion"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("rsi", "rsi", {"period": 14}, (200, 0)),
                ("oversold", "constant", {"value": 30}, (200, 120)),
                ("midline", "constant", {"value": 50}, (200, 240)),
                ("rebound", "crosses_above", {}, (400, 0)),
                ("recovered", "compare", {"op": ">="}, (400, 160)),
                ("entry", "enter_long", {}, (600, 0)),
                ("exit", "exit", {}, (600, 160)),
                ("stop", "stop_loss", {"mode": "ticks", "ticks": 40}, (600, 280)),
                ("time_stop", "max_bars_in_trade", {"bars": 24}, (600, 360)),
                ("size", "position_size", {"contracts": 1}, (600, 440)),
            ],
            [
                "price.value -> rsi.series",
                "rsi.value -> rebound.a", "oversold.value -> rebound.b",
                "rsi.value -> recovered.a", "midline.value -> recovered.b",
                "rebound.signal -> entry.when", "recovered.signal -> exit.when",
            ],
        ),
    ),
    _fixture(
        "opening-range-breakout", "Opening range breakout",
        "Trade a break of the first 15 minutes' range (08:30-08:45 Chicago) until 11:30: long above its "
        "high, short below its low; 40-tick stop, target at 2R, flat by 15:00.",
        "MNQ", "5m", ["breakout", "intraday"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("range", "opening_range", {"start": "08:30", "minutes": 15}, (0, 160)),
                ("break_up", "crosses_above", {}, (250, -60)),
                ("break_down", "crosses_below", {}, (250, 100)),
                ("entry_window", "time_window", {"start": "08:45", "end": "11:30"}, (250, 260)),
                ("session", "time_window", {"start": "08:30", "end": "15:00"}, (250, 380)),
                ("long_ok", "and", {}, (450, -60)),
                ("short_ok", "and", {}, (450, 100)),
                ("after_session", "not", {}, (450, 380)),
                ("long", "enter_long", {}, (650, -60)),
                ("short", "enter_short", {}, (650, 100)),
                ("flat", "exit", {}, (650, 380)),
                ("stop", "stop_loss", {"mode": "ticks", "ticks": 40}, (650, 480)),
                ("target", "take_profit", {"mode": "r_multiple", "r_multiple": 2.0}, (650, 560)),
                ("size", "position_size", {"contracts": 1}, (650, 640)),
            ],
            [
                "price.value -> break_up.a", "range.high -> break_up.b",
                "price.value -> break_down.a", "range.low -> break_down.b",
                "break_up.signal -> long_ok.a", "entry_window.active -> long_ok.b",
                "break_down.signal -> short_ok.a", "entry_window.active -> short_ok.b",
                "session.active -> after_session.a",
                "long_ok.signal -> long.when", "short_ok.signal -> short.when",
                "after_session.signal -> flat.when",
            ],
        ),
    ),
    _fixture(
        "vwap-reversion", "VWAP reversion",
        "During regular hours, go long when price is below the session VWAP and the 14-bar RSI is under 30; "
        "exit when price crosses back above VWAP; stop at 1.5 ATRs.",
        "MES", "5m", ["mean-reversion", "intraday"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("vwap", "vwap", {}, (0, 140)),
                ("rsi", "rsi", {"period": 14}, (200, -100)),
                ("oversold", "constant", {"value": 30}, (200, -220)),
                ("below_vwap", "compare", {"op": "<"}, (200, 60)),
                ("rsi_low", "compare", {"op": "<"}, (400, -140)),
                ("rth", "time_window", {"start": "08:30", "end": "15:00"}, (400, 200)),
                ("stretched", "and", {}, (400, 40)),
                ("setup", "and", {}, (600, 40)),
                ("back_to_vwap", "crosses_above", {}, (400, 320)),
                ("entry", "enter_long", {}, (800, 40)),
                ("exit", "exit", {}, (800, 320)),
                ("stop", "stop_loss", {"mode": "atr", "atr_multiple": 1.5, "atr_period": 14}, (800, 440)),
                ("size", "position_size", {"contracts": 1}, (800, 520)),
            ],
            [
                "price.value -> rsi.series",
                "rsi.value -> rsi_low.a", "oversold.value -> rsi_low.b",
                "price.value -> below_vwap.a", "vwap.value -> below_vwap.b",
                "below_vwap.signal -> stretched.a", "rsi_low.signal -> stretched.b",
                "stretched.signal -> setup.a", "rth.active -> setup.b",
                "setup.signal -> entry.when",
                "price.value -> back_to_vwap.a", "vwap.value -> back_to_vwap.b",
                "back_to_vwap.signal -> exit.when",
            ],
        ),
    ),
    _fixture(
        "bollinger-breakout", "Bollinger breakout",
        "Go long on a close above the upper 20-bar, 2-deviation Bollinger band and short on a close below "
        "the lower one; exit when price crosses the middle band or after 36 bars; 60-tick stop, 120-tick "
        "target.",
        "NQ", "15m", ["breakout", "volatility"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("bands", "bollinger", {"period": 20, "nbdev_up": 2.0, "nbdev_dn": 2.0}, (200, 0)),
                ("above_upper", "crosses_above", {}, (400, -120)),
                ("below_lower", "crosses_below", {}, (400, 0)),
                ("mid_up", "crosses_above", {}, (400, 120)),
                ("mid_down", "crosses_below", {}, (400, 240)),
                ("mid_cross", "or", {}, (600, 180)),
                ("long", "enter_long", {}, (800, -120)),
                ("short", "enter_short", {}, (800, 0)),
                ("exit", "exit", {}, (800, 180)),
                ("stop", "stop_loss", {"mode": "ticks", "ticks": 60}, (800, 300)),
                ("target", "take_profit", {"mode": "ticks", "ticks": 120}, (800, 380)),
                ("time_stop", "max_bars_in_trade", {"bars": 36}, (800, 460)),
                ("size", "position_size", {"contracts": 1}, (800, 540)),
            ],
            [
                "price.value -> bands.series",
                "price.value -> above_upper.a", "bands.upper -> above_upper.b",
                "price.value -> below_lower.a", "bands.lower -> below_lower.b",
                "price.value -> mid_up.a", "bands.middle -> mid_up.b",
                "price.value -> mid_down.a", "bands.middle -> mid_down.b",
                "mid_up.signal -> mid_cross.a", "mid_down.signal -> mid_cross.b",
                "above_upper.signal -> long.when", "below_lower.signal -> short.when",
                "mid_cross.signal -> exit.when",
            ],
        ),
    ),
    _fixture(
        "demo-1m-momentum", "Demo: 1m momentum",
        "A demonstration that fires often, not a strategy to trade: long when the close crosses above its "
        "3-bar EMA, short when it crosses below (reversing), 12-tick stop and target, out after 5 bars.",
        "MNQ", "1m", ["demo"],
        _graph(
            [
                ("price", "price", {"field": "close"}, (0, 0)),
                ("ema", "ema", {"period": 3}, (200, 0)),
                ("up", "crosses_above", {}, (400, -60)),
                ("down", "crosses_below", {}, (400, 60)),
                ("long", "enter_long", {}, (600, -60)),
                ("short", "enter_short", {}, (600, 60)),
                ("stop", "stop_loss", {"mode": "ticks", "ticks": 12}, (600, 180)),
                ("target", "take_profit", {"mode": "ticks", "ticks": 12}, (600, 260)),
                ("max_bars", "max_bars_in_trade", {"bars": 5}, (600, 340)),
                ("size", "position_size", {"contracts": 1}, (600, 420)),
            ],
            [
                "price.value -> ema.series", "price.value -> up.a", "ema.value -> up.b", "price.value -> down.a",
                "ema.value -> down.b",
                "up.signal -> long.when", "down.signal -> short.when",
            ],
        ),
    ),
)

FIXTURES: Final[Mapping[str, dict[str, Any]]] = {f["slug"]: f for f in _FIXTURES}
FIXTURE_SLUGS: Final = tuple(FIXTURES)


def fixture_summaries() -> list[dict[str, str]]:
    """The contract's StrategyFixture for each fixture (what `GET /api/engines` lists)."""
    keys = ("slug", "name", "description", "instrument", "timeframe")
    return [{k: f[k] for k in keys} for f in _FIXTURES]


def get_fixture(slug: str) -> dict[str, Any]:
    """A fresh copy of one fixture ({slug, name, description, instrument, timeframe, tags, graph});
    NotFound for an unknown slug."""
    fixture = FIXTURES.get(slug)
    if fixture is None:
        raise FixtureNotFound(f"No fixture strategy {slug[:64]!r}.")
    return copy.deepcopy(fixture)
