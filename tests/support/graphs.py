"""Strategy graphs for tests, one builder per purpose:

- node, edge: one node or edge in a compact notation (`edge("fast.value", "cross.a")`)
- make_graph: a whole graph from (id, type, params) tuples and "node.port -> node.port" edges
- sma_crossover: the contract's example, a valid 9/21 SMA crossover with a stop and a size
- threshold_graph, stop: the engine scenarios' compare-against-a-constant graph and its stop-loss node
- fixture_graph: the graph of a fixture the service ships (positions included)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.strategy.fixtures import get_fixture

Graph = dict[str, Any]
NodeSpec = tuple[str, str, dict[str, Any]]


def node(id_: str, type_: str, **params: Any) -> dict[str, Any]:
    return {"id": id_, "type": type_, "params": params}


def edge(src: str, dst: str) -> dict[str, Any]:
    (a, ap), (b, bp) = src.split("."), dst.split(".")
    return {"from": {"node": a, "port": ap}, "to": {"node": b, "port": bp}}


def make_graph(nodes: list[NodeSpec], edges: list[str]) -> Graph:
    """`make_graph([("w", "time_window", {...}), ("go", "enter_long", {})], ["w.active -> go.when"])`."""
    return {"nodes": [{"id": i, "type": t, "params": p} for i, t, p in nodes],
            "edges": [edge(a.strip(), b.strip()) for a, b in (e.split("->") for e in edges)], "meta": {}}


def sma_crossover(fast: int = 9, slow: int = 21, *, with_stop: bool = True) -> Graph:
    """The contract's SMA crossover with a stop (unless told otherwise) and a size: valid.

    Nodes in this order (tests index them): price, fast, slow, cross, entry, stop, size.
    """
    nodes = [
        node("price", "price", field="close"),
        node("fast", "sma", period=fast),
        node("slow", "sma", period=slow),
        node("cross", "crosses_above"),
        node("entry", "enter_long"),
    ]
    if with_stop:
        nodes.append(node("stop", "stop_loss", ticks=20))
    nodes.append(node("size", "position_size", contracts=1))
    return {
        "nodes": nodes,
        "edges": [
            edge("price.value", "fast.series"),
            edge("price.value", "slow.series"),
            edge("fast.value", "cross.a"),
            edge("slow.value", "cross.b"),
            edge("cross.signal", "entry.when"),
        ],
        "meta": {},
    }


def threshold_graph(long_above: float | None = None, short_below: float | None = None,
                    exit_below: float | None = None, risk: Sequence[NodeSpec] = ()) -> Graph:
    """Enter long when the close is above `long_above`, short when below `short_below`, exit when below
    `exit_below` (each a compare node against a constant; None leaves it out), plus the `risk` nodes."""
    nodes: list[NodeSpec] = [("price", "price", {"field": "close"})]
    edges: list[str] = []
    for name, level, op, action in (("long", long_above, ">", "enter_long"), ("short", short_below, "<", "enter_short"),
                                    ("exit", exit_below, "<", "exit")):
        if level is None:
            continue
        nodes += [(f"{name}_level", "constant", {"value": level}), (f"{name}_cmp", "compare", {"op": op}),
                  (f"{name}_action", action, {})]
        edges += [f"price.value -> {name}_cmp.a", f"{name}_level.value -> {name}_cmp.b",
                  f"{name}_cmp.signal -> {name}_action.when"]
    return make_graph(nodes + list(risk), edges)


def stop(ticks: int) -> NodeSpec:
    """A stop-loss node `ticks` ticks from the entry, for threshold_graph's `risk`."""
    return ("stop", "stop_loss", {"mode": "ticks", "ticks": ticks})


def fixture_graph(slug: str = "sma-crossover") -> Graph:
    """A fresh copy of that fixture's graph."""
    graph: Graph = get_fixture(slug)["graph"]
    return graph
