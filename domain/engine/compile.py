"""Compilation: a graph that validates, an instrument and a timeframe into a `CompiledGraph`:
the node plans in topological order, the value-vector layout, the action slots, the trading
rules (domain.engine.trader) and a fingerprint for snapshots. `CompiledGraph.evaluator()` and
`restore()` make evaluators (domain.engine.evaluator); `make_ops` makes their node objects
(domain.engine.nodes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain import indicators
from domain.engine.errors import EngineStateMismatch
from domain.engine.evaluator import Evaluator
from domain.engine.nodes import (
    _ATR,
    _VWAP,
    Values,
    _And,
    _Compare,
    _Cross,
    _Indicator,
    _Not,
    _Op,
    _OpeningRangeOp,
    _Or,
    _Price,
    _TimeWindow,
)
from domain.engine.sessions import ExchangeClock, OpeningRange
from domain.engine.state import SNAPSHOT_FORMAT
from domain.engine.trader import StopRule, TargetRule, Trader
from domain.market.instruments import InstrumentSpec, get_instrument
from domain.strategy.catalog import NODE_TYPES_BY_NAME, params_with_defaults
from domain.strategy.errors import GraphInvalid
from domain.strategy.graph import input_sources, issues_member, topological_order, validate_graph

__all__ = [
    "CompiledGraph",
    "NodePlan",
    "compile_graph",
]


@dataclass(frozen=True)
class NodePlan:
    """One node as compiled: its inputs and outputs as slots of the value vector."""

    id: str
    type: str
    params: Mapping[str, Any]
    inputs: Mapping[str, int]  # port -> slot
    outputs: tuple[int, ...]  # slots, in port order


class CompiledGraph:
    """A validated graph compiled for one instrument and timeframe: the node plans in
    topological order, the value-vector layout, the action slots and the trading rules.
    Immutable and shareable; `evaluator()` and `restore()` make evaluators."""

    def __init__(self, graph: Mapping[str, Any], instrument: InstrumentSpec | str, timeframe: str) -> None:
        spec = get_instrument(instrument)
        symbol = spec.symbol
        issues = validate_graph(graph, symbol, timeframe)
        if issues:
            raise GraphInvalid("The strategy graph is not valid.", **issues_member(issues))
        self.instrument = spec
        self.timeframe = timeframe
        nodes = {str(n["id"]): n for n in graph["nodes"]}
        order = topological_order(graph)
        wiring = input_sources(graph)
        self.slot_names: list[tuple[str, str]] = []
        out_slot: dict[tuple[str, str], int] = {}
        plans: list[NodePlan] = []
        for node_id in order:
            node = nodes[node_id]
            type_ = str(node["type"])
            node_type = NODE_TYPES_BY_NAME[type_]
            outs = []
            for port in node_type.outputs:
                out_slot[(node_id, port.name)] = len(self.slot_names)
                outs.append(len(self.slot_names))
                self.slot_names.append((node_id, port.name))
            ins = {port: out_slot[src] for port, src in wiring.get(node_id, {}).items()}
            plans.append(NodePlan(node_id, type_, params_with_defaults(type_, node.get("params") or {}),
                                  ins, tuple(outs)))
        self.nodes: tuple[NodePlan, ...] = tuple(plans)
        self.long_slots = tuple(p.inputs["when"] for p in plans if p.type == "enter_long")
        self.short_slots = tuple(p.inputs["when"] for p in plans if p.type == "enter_short")
        self.exit_slots = tuple(p.inputs["when"] for p in plans if p.type == "exit")
        self.needs_clock = any(p.type == "time_window" for p in plans)
        self.trader = _trader(spec, plans)
        canonical = {
            "nodes": {p.id: [p.type, dict(p.params)] for p in plans},
            "wiring": {k: sorted(v.items()) for k, v in wiring.items()},
            "instrument": symbol, "timeframe": timeframe,
        }
        self.fingerprint = hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode()).hexdigest()

    @property
    def warmup_bars(self) -> int:
        """How many bars of history the graph needs before every value it reads can exist: along each
        chain of nodes, the indicators' TA-Lib lookbacks add up (an EMA of an RSI needs both), a cross
        needs one bar more than its inputs, and an ATR stop needs its period. Session nodes (opening
        range, VWAP, time windows) depend on the trading day rather than on a count: see
        `needs_session`."""
        depth: dict[int, int] = {}
        deepest = 0
        for p in self.nodes:
            below = max((depth.get(slot, 0) for slot in p.inputs.values()), default=0)
            node_type = NODE_TYPES_BY_NAME[p.type]
            if p.type == "atr":
                own = int(p.params["period"])
            elif node_type.indicator is not None and p.type != "vwap":
                own = int(getattr(indicators, node_type.indicator)(**p.params).lookback)
            elif p.type in ("crosses_above", "crosses_below"):
                own = 1
            else:
                own = 0
            for slot in p.outputs:
                depth[slot] = below + own
            deepest = max(deepest, below + own)
        return max(deepest, *self.trader.atr_periods, 0) + 1

    @property
    def needs_session(self) -> bool:
        """Whether some node's value depends on the trading day so far (opening range, session VWAP,
        time windows): a warm-up must then cover the current trading day from its start."""
        return any(p.type in ("opening_range", "vwap", "time_window") for p in self.nodes)

    def evaluator(self) -> Evaluator:
        """A fresh evaluator: no bars seen, flat."""
        return Evaluator(self)

    def restore(self, state: Mapping[str, Any]) -> Evaluator:
        """An evaluator continuing from `Evaluator.snapshot()` of an evaluator of this same plan
        (graph, instrument and timeframe); anything else raises EngineStateMismatch."""
        ev = Evaluator(self)
        try:
            if state.get("format") != SNAPSHOT_FORMAT or state.get("fingerprint") != self.fingerprint:
                raise ValueError("the state was saved by another graph, instrument or timeframe")
            ev._load(state)
        except (KeyError, TypeError, ValueError, IndexError, ArithmeticError) as exc:
            raise EngineStateMismatch(f"The evaluator state cannot be restored: {exc}") from exc
        return ev

    def make_ops(self, clock: ExchangeClock | None) -> list[_Op]:
        """Fresh node objects in evaluation order (constants have none: they are preset)."""
        ops: list[_Op] = []
        for p in self.nodes:
            op = _make_op(p, self.instrument, self.timeframe, clock)
            if op is not None:
                ops.append(op)
        return ops

    def initial_values(self) -> Values:
        values: Values = [None] * len(self.slot_names)
        for p in self.nodes:
            if p.type == "constant":
                values[p.outputs[0]] = float(p.params["value"])
        return values


def compile_graph(graph: Mapping[str, Any], instrument: InstrumentSpec | str, timeframe: str) -> CompiledGraph:
    """Compile `graph` (which must validate for `instrument` and `timeframe`; GraphInvalid with the
    issues in `validation_errors` otherwise)."""
    return CompiledGraph(graph, instrument, timeframe)


def _make_op(p: NodePlan, spec: InstrumentSpec, timeframe: str, clock: ExchangeClock | None) -> _Op | None:
    t, params, outs, ins = p.type, p.params, p.outputs, p.inputs
    node_type = NODE_TYPES_BY_NAME[t]
    if t == "price":
        return _Price(p.id, outs, str(params["field"]))
    if t == "constant" or node_type.category in ("action", "risk"):
        return None
    if t == "atr":
        return _ATR(p.id, outs, indicators.ATR(int(params["period"])), -1)
    if t == "vwap":
        return _VWAP(p.id, outs, indicators.SessionVWAP(spec), -1)
    if t == "opening_range":
        return _OpeningRangeOp(p.id, outs, OpeningRange(spec, timeframe, str(params["start"]),
                                                         int(params["minutes"])))
    if node_type.indicator is not None:
        cls = getattr(indicators, node_type.indicator)
        return _Indicator(p.id, outs, cls(**params), ins["series"])
    if t == "compare":
        return _Compare(p.id, outs, ins["a"], ins["b"], str(params["op"]))
    if t in ("crosses_above", "crosses_below"):
        return _Cross(p.id, outs, ins["a"], ins["b"], t == "crosses_above")
    if t == "time_window":
        assert clock is not None
        return _TimeWindow(p.id, outs, clock, str(params["start"]), str(params["end"]))
    if t == "and":
        return _And(p.id, outs, ins["a"], ins["b"])
    if t == "or":
        return _Or(p.id, outs, ins["a"], ins["b"])
    if t == "not":
        return _Not(p.id, outs, ins["a"])
    raise AssertionError(f"node type {t} has no evaluator")  # test_engine checks every catalogue type


def _trader(spec: InstrumentSpec, plans: Sequence[NodePlan]) -> Trader:
    size = 1
    stops: list[StopRule] = []
    targets: list[TargetRule] = []
    max_bars: int | None = None
    for p in plans:
        params = p.params
        if p.type == "position_size":
            size = int(params["contracts"])
        elif p.type == "stop_loss":
            if params["mode"] == "atr":
                stops.append(StopRule("atr", atr_multiple=Decimal(repr(float(params["atr_multiple"]))),
                                      atr_period=int(params["atr_period"])))
            else:
                stops.append(StopRule("ticks", ticks=int(params["ticks"])))
        elif p.type == "take_profit":
            if params["mode"] == "r_multiple":
                targets.append(TargetRule("r_multiple", r_multiple=Decimal(repr(float(params["r_multiple"])))))
            else:
                targets.append(TargetRule("ticks", ticks=int(params["ticks"])))
        elif p.type == "max_bars_in_trade":
            bars = int(params["bars"])
            max_bars = bars if max_bars is None else min(max_bars, bars)
    return Trader(spec, size, stops, targets, max_bars)
