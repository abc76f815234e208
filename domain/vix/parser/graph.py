"""Vix local provider (domain/vix/local.py): the strategy graph built from a plan."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from domain.strategy.catalog import NODE_TYPES_BY_NAME
from domain.vix.parser.limits import META
from domain.vix.parser.plan import _dedupe, _Plan
from domain.vix.parser.resolution import _CLOSE_SERIES, _Rule, _Series
from domain.vix.parser.tokens import _fmt

# ---- the graph -------------------------------------------------------------------------------------

_MA_TYPES: Final = ("ema", "sma", "wma")
_OP_HINTS: Final = {">": "above", "<": "below", ">=": "at_or_above", "<=": "at_or_below"}
_Port = tuple[str, str]


def _slug(value: Any) -> str:
    text = _fmt(value)
    return re.sub(r"[^0-9a-z]", "_", text.replace("-", "m"))


class _Builder:
    """Nodes and edges in the fixtures' shape; a node asked for twice (same type, params and inputs) is one."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self._memo: dict[tuple[Any, ...], str] = {}
        self._ids: set[str] = set()

    def add(self, type_: str, params: dict[str, Any], inputs: Sequence[tuple[str, _Port]], hint: str) -> str:
        key = (type_, tuple(sorted(params.items())), tuple(inputs))
        if key in self._memo:
            return self._memo[key]
        node_id, k = hint, 2
        while node_id in self._ids:
            node_id, k = f"{hint}_{k}", k + 1
        self._ids.add(node_id)
        self._memo[key] = node_id
        self.nodes.append({"id": node_id, "type": type_, "params": params})
        for port, (src, src_port) in inputs:
            self.edges.append({"from": {"node": src, "port": src_port}, "to": {"node": node_id, "port": port}})
        return node_id

    def series(self, s: _Series, hint: str | None = None) -> _Port:
        if s.type == "price":
            hint = "price" if s.port == "close" else f"price_{s.port}"
            return self.add("price", {"field": s.port}, (), hint), "value"
        if s.type == "constant":
            value = s.param("value")
            hint = "zero" if value == 0 else f"level_{_slug(value)}"
            return self.add("constant", {"value": value}, (), hint), "value"
        if s.type == "vwap":
            return self.add("vwap", {}, (), "vwap"), "value"
        if s.type == "opening_range":
            return self.add("opening_range", dict(s.params), (), "range"), s.port
        source = self.series(_CLOSE_SERIES)
        default = {"rsi": "rsi", "macd": "macd", "bollinger": "bands"}.get(s.type)
        if default is None:
            default = s.role or f"{s.type}_{s.param('period')}"
        node = self.add(s.type, dict(s.params), (("series", source),), hint or default)
        return node, s.port if s.type in ("macd", "bollinger") else "value"

    def rule(self, r: _Rule) -> _Port:
        hints: tuple[str | None, str | None] = (None, None)
        if r.a.type in _MA_TYPES and r.b.type in _MA_TYPES and r.a != r.b:
            hints = ("fast", "slow") if r.a.param("period") <= r.b.param("period") else ("slow", "fast")
        a, b = self.series(r.a, hints[0]), self.series(r.b, hints[1])
        if r.node == "compare":
            assert r.op is not None
            hint = ("new_high" if r.op == ">=" else "new_low") if r.extreme else _OP_HINTS[r.op]
            return self.add("compare", {"op": r.op}, (("a", a), ("b", b)), hint), "signal"
        up = r.node == "crosses_above"
        if r.b.type in ("opening_range", "bollinger", "highest", "lowest"):
            hint = "break_up" if up else "break_down"
        else:
            hint = "cross_up" if up else "cross_down"
        return self.add(r.node, {}, (("a", a), ("b", b)), hint), "signal"

    def both(self, signals: Sequence[_Port], type_: str, hint: str) -> _Port:
        out = signals[0]
        for nxt in signals[1:]:
            out = self.add(type_, {}, (("a", out), ("b", nxt)), hint), "signal"
        return out

    def expr(self, rules: Sequence[Sequence[_Rule]], prefix: str) -> _Port:
        groups = _dedupe([self.both(_dedupe([self.rule(r) for r in group]), "and", f"{prefix}_all") for group in rules])
        return self.both(groups, "or", f"{prefix}_any")

    def layout(self) -> None:
        """Columns by depth (sources left, actions right), risk nodes under the actions."""
        feeds: dict[str, list[str]] = {}
        for e in self.edges:
            feeds.setdefault(e["to"]["node"], []).append(e["from"]["node"])
        depth: dict[str, int] = {}
        for node in self.nodes:  # added after their inputs: a topological order
            depth[node["id"]] = 1 + max((depth[s] for s in feeds.get(node["id"], [])), default=-1)
        actions = [depth[n["id"]] for n in self.nodes if NODE_TYPES_BY_NAME[n["type"]].category == "action"]
        last = max(actions, default=0)
        rows: dict[int, int] = {}
        for node in self.nodes:
            column = last if NODE_TYPES_BY_NAME[node["type"]].category == "risk" else depth[node["id"]]
            row = rows.get(column, 0)
            rows[column] = row + 1
            node["position"] = {"x": 220 * column, "y": 120 * row}


def _build(plan: _Plan) -> dict[str, Any]:
    g = _Builder()
    window: _Port | None = None
    if plan.windows:
        window = g.both([(g.add("time_window", {"start": w.start, "end": w.end}, (), "window"), "active")
                         for w in plan.windows], "or", "windows")
    for d, rules in plan.entries.items():
        signal = g.expr(rules, d)
        if window is not None:
            signal = g.add("and", {}, (("a", signal), ("b", window)), f"{d}_in_window"), "signal"
        g.add(f"enter_{d}", {}, (("when", signal),), f"entry_{d}")
    for rules, _ in plan.exits:
        g.add("exit", {}, (("when", g.expr(rules, "exit")),), "exit")
    for w in plan.flat:
        late = g.add("time_window", {"start": w.start, "end": w.end}, (), "late"), "active"
        g.add("exit", {}, (("when", late),), "flat")
    if plan.stop is not None:
        g.add("stop_loss", plan.stop["params"], (), "stop")
    if plan.target is not None:
        g.add("take_profit", plan.target["params"], (), "target")
    if plan.max_bars is not None:
        g.add("max_bars_in_trade", {"bars": plan.max_bars[0]}, (), "time_stop")
    if plan.size is not None:
        g.add("position_size", {"contracts": plan.size}, (), "size")
    g.layout()
    return {"nodes": g.nodes, "edges": g.edges, "meta": dict(META)}
