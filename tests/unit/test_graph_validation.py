"""validate_graph: one test per issue code, every problem at once, and hostile sizes."""

from __future__ import annotations

import copy
import time
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Invalid
from domain.strategy.catalog import NODE_TYPES
from domain.strategy.graph import (
    GRAPH_ISSUE_CODES,
    GraphIssue,
    has_node_of_type,
    input_sources,
    topological_order,
    validate_graph,
    validation_result,
)
from generated.models import GraphValidationError, StrategyValidation
from tests.support.graphs import edge, node, sma_crossover


def issues(graph: dict[str, Any], instrument: str = "MNQ", timeframe: str = "5m") -> list[GraphIssue]:
    return validate_graph(graph, instrument, timeframe)


def only(graph: dict[str, Any], code: str, **kwargs: str) -> GraphIssue:
    found = issues(graph, **kwargs)
    assert [i.code for i in found] == [code], found
    return found[0]


def test_the_base_graph_is_valid() -> None:
    assert issues(sma_crossover()) == []
    assert validation_result([]) == {"valid": True, "errors": []}


def test_unsupported_instrument() -> None:
    issue = only(sma_crossover(), "unsupported_instrument", instrument="ZB")
    assert (issue.node, issue.edge) == (None, None)
    assert "ZB" in issue.message


def test_unsupported_timeframe() -> None:
    issue = only(sma_crossover(), "unsupported_timeframe", timeframe="3m")
    assert "3m" in issue.message


def test_unknown_node_type() -> None:
    g = sma_crossover()
    g["nodes"].append(node("mystery", "kalman", q=1))
    issue = only(g, "unknown_node_type")
    assert issue.node == "mystery" and "kalman" in issue.message


def test_edges_to_an_unknown_type_report_only_the_type() -> None:
    g = sma_crossover()
    g["nodes"][1]["type"] = "hma"  # fast: its ports cannot be checked
    assert [i.code for i in issues(g)] == ["unknown_node_type"]


def test_invalid_params_one_issue_per_param() -> None:
    g = sma_crossover()
    g["nodes"][1]["params"] = {"period": 0, "colour": "red", "shade": 1}
    g["nodes"][5]["params"] = {"mode": "atr"}
    found = issues(g)
    assert [i.code for i in found] == ["invalid_params"] * 4
    assert [i.node for i in found] == ["fast", "fast", "fast", "stop"]
    text = " | ".join(i.message for i in found)
    assert "'colour'" in text and "'shade'" in text and "period" in text and "at least 1" in text
    assert "atr_multiple" in text and "required" in text


def test_invalid_params_not_an_object() -> None:
    g = sma_crossover()
    g["nodes"][1]["params"] = [9]
    assert "must be an object" in only(g, "invalid_params").message


def test_invalid_params_nan_and_empty_window_and_r_multiple_without_stop() -> None:
    g = sma_crossover()
    g["nodes"].append(node("level", "constant", value=float("nan")))
    g["nodes"].append(node("window", "time_window", start="09:00", end="09:00"))
    g["nodes"][5] = node("target", "take_profit", mode="r_multiple", r_multiple=2)  # replaces the stop
    found = [i for i in issues(g) if i.code == "invalid_params"]
    assert [i.node for i in found] == ["target", "level", "window"]
    assert "NaN" in found[1].message and "empty" in found[2].message and "stop_loss" in found[0].message


def test_dangling_edge_missing_node_and_missing_port() -> None:
    g = sma_crossover()
    g["edges"].append(edge("ghost.value", "entry.when"))     # 5: missing node (and entry.when fed twice)
    g["edges"][4] = edge("cross.signal", "entry.trigger")   # 4: entry has no input `trigger`
    g["edges"].append(edge("cross.value", "entry.when"))     # 6: cross has no output `value`
    found = [i for i in issues(g) if i.code == "dangling_edge"]
    assert [(i.edge, i.node) for i in found] == [(4, "entry"), (5, None), (6, "cross")]
    assert "ghost" in found[1].message and "trigger" in found[0].message


def test_an_edge_into_an_output_port_is_dangling() -> None:
    g = sma_crossover()
    g["edges"][2] = edge("price.value", "fast.value")
    found = issues(g)
    assert ("dangling_edge", 2) in [(i.code, i.edge) for i in found]


def test_duplicate_edge_identical() -> None:
    g = sma_crossover()
    g["edges"].append(edge("fast.value", "cross.a"))
    issue = only(g, "duplicate_edge")
    assert issue.edge == 5 and "repeats edge 2" in issue.message


def test_an_input_fed_twice_is_a_duplicate_edge_on_the_extra_edge() -> None:
    g = sma_crossover()
    g["edges"].append(edge("slow.value", "cross.a"))
    issue = only(g, "duplicate_edge")
    assert (issue.node, issue.edge) == ("cross", 5) and "edge 2 already feeds" in issue.message


def test_port_type_mismatch() -> None:
    g = sma_crossover()
    g["edges"][4] = edge("fast.value", "entry.when")
    g["edges"].append(edge("cross.signal", "size.contracts"))  # not an input at all: dangling, not mismatch
    found = issues(g)
    mismatch = [i for i in found if i.code == "port_type_mismatch"]
    assert [(i.node, i.edge) for i in mismatch] == [("entry", 4)]
    assert mismatch[0].message == "Edge 4 connects number_series output fast.value to boolean_series input entry.when."


def test_unconnected_input() -> None:
    g = sma_crossover()
    del g["edges"][3]
    issue = only(g, "unconnected_input")
    assert issue.node == "cross" and issue.message == "Input b of node cross is not connected."


def test_cycle_names_the_nodes() -> None:
    g = sma_crossover()
    g["nodes"] += [node("lag", "ema", period=3), node("loop", "ema", period=3)]
    g["edges"] += [edge("lag.value", "loop.series"), edge("loop.value", "lag.series")]
    issue = only(g, "cycle")
    assert issue.node == "lag"
    assert issue.message == "The graph has a cycle through 2 nodes: lag -> loop -> lag."


def test_self_loop_is_a_cycle() -> None:
    g = sma_crossover()
    g["nodes"].append(node("echo", "sma", period=2))
    g["edges"].append(edge("echo.value", "echo.series"))
    assert "echo -> echo" in only(g, "cycle").message


def test_nodes_behind_a_cycle_are_not_called_cyclic() -> None:
    g = sma_crossover()
    g["nodes"] += [node("a", "ema", period=3), node("b", "ema", period=3), node("c", "highest", period=3)]
    g["edges"] += [edge("a.value", "b.series"), edge("b.value", "a.series"), edge("b.value", "c.series")]
    issue = only(g, "cycle")
    assert "c" not in issue.message.split(": ")[1].split(" -> ")


def test_no_entry_action() -> None:
    g = sma_crossover()
    g["nodes"][4]["type"] = "exit"
    issue = only(g, "no_entry_action")
    assert issue.message == "The graph has no entry action." and issue.node is None


def test_enter_short_counts_as_an_entry() -> None:
    g = sma_crossover()
    g["nodes"][4]["type"] = "enter_short"
    assert issues(g) == []


def test_multiple_position_size() -> None:
    g = sma_crossover()
    g["nodes"] += [node("size2", "position_size", contracts=2), node("size3", "position_size")]
    found = issues(g)
    assert [(i.code, i.node) for i in found] == [("multiple_position_size", "size2"),
                                                  ("multiple_position_size", "size3")]


def test_duplicate_node_id() -> None:
    g = sma_crossover()
    g["nodes"].append(node("fast", "ema", period=-1))
    found = issues(g)
    assert [(i.code, i.node) for i in found] == [("duplicate_node_id", "fast"), ("invalid_params", "fast")]


def test_reports_every_problem_at_once() -> None:
    g = sma_crossover()
    g["nodes"][1]["params"] = {"period": 0}                       # invalid_params
    g["nodes"][4]["type"] = "exit"                                # no_entry_action
    g["nodes"] += [
        node("odd", "fourier"),                                   # unknown_node_type
        node("size2", "position_size"),                           # multiple_position_size
        node("fast", "sma", period=5),                            # duplicate_node_id
        node("p", "ema", period=3), node("q", "ema", period=3),   # cycle
        node("gate", "and"),                                      # unconnected_input (b)
    ]
    g["edges"] += [
        edge("ghost.value", "slow.series"),                       # 5 dangling_edge (and slow.series fed twice)
        edge("fast.value", "cross.a"),                            # 6 duplicate_edge (identical to 2)
        edge("fast.value", "gate.a"),                             # 7 port_type_mismatch
        edge("p.value", "q.series"), edge("q.value", "p.series"),  # 8, 9 cycle
    ]
    found = issues(g, instrument="CL", timeframe="10m")
    codes = Counter(i.code for i in found)
    assert set(codes) == set(GRAPH_ISSUE_CODES)
    assert validation_result(found)["valid"] is False


def test_issues_serialise_as_the_contract_says() -> None:
    g = sma_crossover()
    g["nodes"] += [node("odd", "fourier"), node("size2", "position_size")]
    g["edges"] += [edge("ghost.value", "slow.series"), edge("fast.value", "cross.a")]
    result = validation_result(issues(g, instrument="CL"))
    StrategyValidation.model_validate(result)
    for error in result["errors"]:
        assert set(error) == {"code", "message", "node", "edge"}


def test_issue_codes_are_the_contract_enum() -> None:
    contract = set(GraphValidationError.model_fields["code"].annotation.__args__)  # type: ignore[union-attr]
    assert set(GRAPH_ISSUE_CODES) == contract


def test_validation_does_not_mutate_the_graph() -> None:
    g = sma_crossover()
    g["nodes"][1]["params"] = {"period": 0}
    before = copy.deepcopy(g)
    issues(g)
    assert g == before


# ---- ordering --------------------------------------------------------------------------------------

def test_topological_order() -> None:
    order = topological_order(sma_crossover())
    assert sorted(order) == sorted(n["id"] for n in sma_crossover()["nodes"])
    pos = {n: i for i, n in enumerate(order)}
    for e in sma_crossover()["edges"]:
        assert pos[e["from"]["node"]] < pos[e["to"]["node"]]


def test_topological_order_refuses_a_cycle() -> None:
    g = sma_crossover()
    g["edges"].append(edge("cross.signal", "price.value"))
    with pytest.raises(Invalid) as caught:
        topological_order(g)
    assert caught.value.code == "graph_invalid"
    assert [e["code"] for e in caught.value.extra["validation_errors"]] == ["cycle"]


def test_input_sources_and_node_lookup() -> None:
    wiring = input_sources(sma_crossover())
    assert wiring["cross"] == {"a": ("fast", "value"), "b": ("slow", "value")}
    assert has_node_of_type(sma_crossover(), "stop_loss")
    assert not has_node_of_type(sma_crossover(), "take_profit")


# ---- hostile sizes (the contract's limits: 500 nodes, 2000 edges) ----------------------------------

def chain(n: int) -> dict[str, Any]:
    nodes = [node("p", "price"), *(node(f"n{i}", "ema", period=2) for i in range(n - 4)),
             node("c", "crosses_above"), node("e", "enter_long"), node("s", "stop_loss", ticks=8)]
    edges = [edge("p.value", "n0.series")]
    edges += [edge(f"n{i - 1}.value", f"n{i}.series") for i in range(1, n - 4)]
    edges += [edge(f"n{n - 5}.value", "c.a"), edge("p.value", "c.b"), edge("c.signal", "e.when")]
    return {"nodes": nodes, "edges": edges, "meta": {}}


def test_a_500_node_chain_is_valid_and_fast() -> None:
    g = chain(500)
    assert len(g["nodes"]) == 500
    started = time.perf_counter()
    assert issues(g) == []
    order = topological_order(g)
    assert time.perf_counter() - started < 1.0
    assert order[0] == "p" and order.index("n0") < order.index("n494") < order.index("c") < order.index("e")


def test_2000_edges_stay_fast() -> None:
    g = chain(500)
    # Fill up to 2000 edges with extra feeds of already-fed inputs (each one a duplicate_edge).
    extra = [edge(f"n{i % 490}.value", f"n{(i * 7) % 490 + 1}.series") for i in range(2000 - len(g["edges"]))]
    g["edges"] += extra
    assert len(g["edges"]) == 2000
    started = time.perf_counter()
    found = issues(g)
    assert time.perf_counter() - started < 1.0
    assert Counter(i.code for i in found)["duplicate_edge"] == len(extra)


def test_a_500_node_cycle_is_found_without_recursion() -> None:
    g = chain(500)
    g["edges"][0] = edge("n494.value", "n0.series")  # close the chain into a ring of 495 nodes
    started = time.perf_counter()
    found = issues(g)
    assert time.perf_counter() - started < 1.0
    cycles = [i for i in found if i.code == "cycle"]
    assert len(cycles) == 1 and cycles[0].node == "n0"
    assert "495 nodes" in cycles[0].message and cycles[0].message.startswith("The graph has a cycle through")
    with pytest.raises(Invalid):
        topological_order(g)


def test_hostile_values_are_quoted_short() -> None:
    g = sma_crossover()
    g["nodes"][1]["params"] = {"period": "x" * 100_000, "y" * 10_000: 1}
    g["nodes"].append(node("z", "t" * 64))
    for issue in issues(g):
        assert len(issue.message) < 300


# ---- arbitrary input -------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)
_ids = st.sampled_from(["a", "b", "c", "price", "entry"])
_types = st.sampled_from([nt.type for nt in NODE_TYPES] + ["nope"])
_ports = st.sampled_from(["a", "b", "series", "value", "signal", "when", "active", "high", "zz"])
_nodes = st.lists(st.fixed_dictionaries({"id": _ids, "type": _types,
                                         "params": st.dictionaries(st.text(max_size=10), _json, max_size=4)}),
                  max_size=8)
_ends = st.fixed_dictionaries({"node": _ids, "port": _ports})
_edges = st.lists(st.fixed_dictionaries({"from": _ends, "to": _ends}), max_size=12)


@settings(max_examples=150, deadline=None)
@given(nodes=_nodes, edges=_edges, junk=_json)
def test_any_graph_shape_gives_issues_never_an_exception(nodes: list[Any], edges: list[Any], junk: Any) -> None:
    for graph in ({"nodes": nodes, "edges": edges, "meta": {}}, {"nodes": junk, "edges": junk},
                  {"nodes": [junk, *nodes], "edges": [junk, *edges]}):
        found = validate_graph(graph, "MNQ", "5m")
        assert all(i.code in GRAPH_ISSUE_CODES for i in found)
        assert validation_result(found)["valid"] == (not found)
        if not any(i.code in ("cycle", "dangling_edge") for i in found):
            topological_order(graph)  # the validator's cycle check and the evaluator's order agree


def test_a_result_lists_at_most_200_issues_and_says_how_many_there_were() -> None:
    graph = {"nodes": [node(f"n{i}", "no_such_type") for i in range(500)], "edges": [], "meta": {}}
    found = issues(graph)
    assert len(found) > 500  # every unknown type, plus the graph-level issues
    result = validation_result(found)
    assert result["valid"] is False
    assert result["errors"] == [i.to_dict() for i in found[:200]]
    assert result["errors_total"] == len(found) and result["errors_truncated"] is True
    assert "errors_total" not in validation_result(found[:200])
