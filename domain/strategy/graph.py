"""Strategy graph validation and ordering.

A graph is `{nodes: [{id, type, params, position?}], edges: [{from: {node, port}, to: {node, port}}],
meta: {}}` (the contract's StrategyGraphInput/StrategyGraph). The contract checks its shape; this
module checks whether it makes sense, against the node catalogue (domain.strategy.catalog), and reports
every problem at once as `GraphIssue`s (the contract's `GraphValidationError`: code, message, node
id or None, edge index or None). An invalid graph may still be saved as a draft; the issues are its
validation result and block promotion.

Codes:
  unsupported_instrument / unsupported_timeframe  the strategy's, not the graph's (node, edge: None)
  duplicate_node_id     a node id used before (node: the id). The later node cannot be referred to by
                        edges; it is still checked for its type and params.
  unknown_node_type     type not in the catalogue (node). Its ports cannot be checked, so edges to and
                        from it are only checked for the node's existence.
  invalid_params        one issue per failing param (node); also a time_window with start == end and a
                        take_profit in mode r_multiple without a stop_loss node.
  dangling_edge         an edge end names a missing node (node None) or a port that node's type does
                        not have on that side (node: that node): one issue per bad end.
  duplicate_edge        an edge identical to an earlier one, or an edge into an input an earlier edge
                        already feeds ("every input connected exactly once": the second feed is the
                        extra edge, so it is reported on that edge; node: the target).
  port_type_mismatch    number_series output into a boolean_series input or the reverse (node: target).
  unconnected_input     a declared input no edge feeds (node).
  cycle                 one issue per strongly connected group of nodes; the message names a cycle
                        through it (node: its first node in graph order).
  no_entry_action       no enter_long or enter_short node.
  multiple_position_size  every position_size node after the first (node).

Robustness: the contract allows 500 nodes and 2000 edges; everything here is O(nodes + edges) (plus
jsonschema per node), iterative (no recursion on graph depth), and messages quote untrusted values
shortened.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from domain.market.instruments import INSTRUMENTS, TIMEFRAMES
from domain.strategy.catalog import ENTRY_TYPES, HHMM_PATTERN, NodeType, get_node_type
from domain.strategy.errors import GraphInvalid

# The contract's GraphValidationError.code enum (tests/unit/test_graph_validation.py compares).
GRAPH_ISSUE_CODES: Final = (
    "unknown_node_type",
    "invalid_params",
    "dangling_edge",
    "duplicate_edge",
    "port_type_mismatch",
    "unconnected_input",
    "cycle",
    "no_entry_action",
    "multiple_position_size",
    "unsupported_instrument",
    "unsupported_timeframe",
    "duplicate_node_id",
)

# How much of an untrusted value a message quotes, and how many nodes a cycle message names.
_QUOTE_MAX: Final = 40
_CYCLE_NAMES_MAX: Final = 12


@dataclass(frozen=True, slots=True)
class GraphIssue:
    code: str
    message: str
    node: str | None = None
    edge: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's GraphValidationError."""
        return {"code": self.code, "message": self.message, "node": self.node, "edge": self.edge}


# A validation result lists at most this many issues (the contract's StrategyValidation.errors maxItems).
MAX_REPORTED_ISSUES = 200


def issues_member(issues: Iterable[GraphIssue | Mapping[str, Any]]) -> dict[str, Any]:
    """Graph issues as the members of a problem: `validation_errors`, cut at 200 like a validation
    result, with `validation_errors_total` and `validation_errors_truncated` when cut."""
    errors = [issue.to_dict() if isinstance(issue, GraphIssue) else dict(issue) for issue in issues]
    members: dict[str, Any] = {"validation_errors": errors[:MAX_REPORTED_ISSUES]}
    if len(errors) > MAX_REPORTED_ISSUES:
        members.update(validation_errors_total=len(errors), validation_errors_truncated=True)
    return members


def validation_result(issues: Iterable[GraphIssue]) -> dict[str, Any]:
    """The contract's StrategyValidation: `valid` exactly when there are no errors; past 200 issues the
    list is cut, and `errors_total` and `errors_truncated` say so."""
    errors = [issue.to_dict() for issue in issues]
    result: dict[str, Any] = {"valid": not errors, "errors": errors[:MAX_REPORTED_ISSUES]}
    if len(errors) > MAX_REPORTED_ISSUES:
        result.update(errors_total=len(errors), errors_truncated=True)
    return result


# ---- small helpers ---------------------------------------------------------------------------------

def _quote(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 3] + "..."


def _name(value: Any) -> str:
    """A node id or port name for a message: bare when it is a plain short string."""
    if isinstance(value, str) and value and len(value) <= 64 and value.isprintable() and " " not in value:
        return value
    return _quote(value)


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _nodes(graph: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    nodes = graph.get("nodes") if isinstance(graph, Mapping) else None
    return [n for n in nodes if isinstance(n, Mapping)] if isinstance(nodes, list) else []


def _edges(graph: Mapping[str, Any]) -> list[Any]:
    edges = graph.get("edges") if isinstance(graph, Mapping) else None
    return edges if isinstance(edges, list) else []


def _endpoint(edge: Any, side: str) -> tuple[str | None, str | None]:
    end = edge.get(side) if isinstance(edge, Mapping) else None
    if not isinstance(end, Mapping):
        return None, None
    return _s(end.get("node")), _s(end.get("port"))


@cache
def _validator(type_: str) -> Draft7Validator:
    node_type = get_node_type(type_)
    assert node_type is not None
    return Draft7Validator(node_type.params_schema)


# ---- params ----------------------------------------------------------------------------------------

_TYPE_WORDS: Final = {"integer": "an integer", "number": "a number", "string": "a string",
                      "object": "an object", "boolean": "true or false", "array": "a list"}


def _param_issues(node_id: str | None, node_type: NodeType, params: Any) -> Iterator[GraphIssue]:
    where = f"node {_name(node_id)} ({node_type.type})"
    if not isinstance(params, Mapping):
        yield GraphIssue("invalid_params", f"The params of {where} must be an object.", node_id)
        return
    properties: Mapping[str, Any] = node_type.params_schema.get("properties", {})
    for error in _validator(node_type.type).iter_errors(dict(params)):
        yield from _issues_of(error, node_id, where, properties, params)
    # JSON Schema lets NaN through every bound (NaN < x and NaN > x are both false).
    for key, value in params.items():
        if key in properties and isinstance(value, float) and math.isnan(value):
            yield GraphIssue("invalid_params", f"Param {key} of {where} must be a finite number, got NaN.", node_id)
    if node_type.type == "time_window":
        start, end = params.get("start"), params.get("end")
        if isinstance(start, str) and start == end and re.fullmatch(HHMM_PATTERN, start):
            yield GraphIssue("invalid_params", f"The window of {where} is empty: start and end are both {start}.",
                             node_id)


def _issues_of(error: ValidationError, node_id: str | None, where: str, properties: Mapping[str, Any],
               params: Mapping[str, Any]) -> Iterator[GraphIssue]:
    keyword = error.validator
    if keyword == "additionalProperties":
        for key in params:
            if key not in properties:
                yield GraphIssue("invalid_params", f"Param {_quote(key)} is not a param of {where}.", node_id)
        return
    if keyword == "required":
        for key in error.validator_value:
            if key not in params:
                yield GraphIssue("invalid_params", f"Param {key} of {where} is required.", node_id)
        return
    if not error.path:  # about params as a whole; the type check above covers the usual case
        yield GraphIssue("invalid_params", f"The params of {where} are invalid: {error.message[:200]}", node_id)
        return
    param = error.path[0]
    value, limit = error.instance, error.validator_value
    if keyword == "type":
        reason = f"must be {_TYPE_WORDS.get(str(limit), str(limit))}, got {_quote(value)}"
    elif keyword == "minimum":
        reason = f"must be at least {limit}, got {_quote(value)}"
    elif keyword == "maximum":
        reason = f"must be at most {limit}, got {_quote(value)}"
    elif keyword == "exclusiveMinimum":
        reason = f"must be greater than {limit}, got {_quote(value)}"
    elif keyword == "exclusiveMaximum":
        reason = f"must be less than {limit}, got {_quote(value)}"
    elif keyword == "enum":
        reason = f"must be one of {', '.join(map(str, limit))}, got {_quote(value)}"
    elif keyword == "pattern":
        reason = f"must be a time HH:MM (24-hour clock), got {_quote(value)}"
    else:
        reason = error.message[:200]
    yield GraphIssue("invalid_params", f"Param {param} of {where} {reason}.", node_id)


# ---- validation ------------------------------------------------------------------------------------

def validate_graph(graph: Mapping[str, Any], instrument: str, timeframe: str) -> list[GraphIssue]:
    """Every problem of `graph` for a strategy on `instrument` and `timeframe`; empty when valid."""
    issues: list[GraphIssue] = []
    if instrument not in INSTRUMENTS:
        supported = ", ".join(INSTRUMENTS)
        issues.append(GraphIssue("unsupported_instrument",
                                 f"Instrument {_quote(instrument)} is not supported (supported: {supported})."))
    if timeframe not in TIMEFRAMES:
        supported = ", ".join(TIMEFRAMES)
        issues.append(GraphIssue("unsupported_timeframe",
                                 f"Timeframe {_quote(timeframe)} is not supported (supported: {supported})."))

    # Nodes. `index` maps an id to its first node; `types` holds the catalogue entry of known types.
    nodes = _nodes(graph)
    index: dict[str, int] = {}
    types: list[NodeType | None] = []
    ids: list[str | None] = []
    entries = 0
    first_position_size: str | None = None
    stop_loss = any(node.get("type") == "stop_loss" for node in nodes)
    for i, node in enumerate(nodes):
        node_id, type_ = _s(node.get("id")), _s(node.get("type"))
        ids.append(node_id)
        if node_id is not None:
            if node_id in index:
                issues.append(GraphIssue("duplicate_node_id",
                                         f"Node id {_name(node_id)} is used by more than one node.", node_id))
            else:
                index[node_id] = i
        node_type = get_node_type(type_) if type_ is not None else None
        types.append(node_type)
        if node_type is None:
            issues.append(GraphIssue("unknown_node_type",
                                     f"Node {_name(node_id)} has unknown type {_quote(type_)}.", node_id))
            continue
        params = node.get("params", {})
        issues.extend(_param_issues(node_id, node_type, params))
        if node_type.type in ENTRY_TYPES:
            entries += 1
        elif node_type.type == "position_size":
            if first_position_size is None:
                first_position_size = node_id or "?"
            else:
                issues.append(GraphIssue(
                    "multiple_position_size",
                    f"Node {_name(node_id)} is a second position_size node (the first is "
                    f"{_name(first_position_size)}); a graph may have at most one.", node_id))
        elif (node_type.type == "take_profit" and isinstance(params, Mapping)
              and params.get("mode") == "r_multiple" and not stop_loss):
            issues.append(GraphIssue(
                "invalid_params",
                f"Node {_name(node_id)} (take_profit) sets its target in multiples of the stop distance "
                f"(mode r_multiple) but the graph has no stop_loss node.", node_id))

    # Edges. fed[(node index, port)] is the first edge feeding that input.
    fed: dict[tuple[int, str], int] = {}
    seen: dict[tuple[str | None, str | None, str | None, str | None], int] = {}
    deps: list[tuple[int, int]] = []  # (from node index, to node index) of edges that connect two nodes
    for e, edge in enumerate(_edges(graph)):
        src, src_port = _endpoint(edge, "from")
        dst, dst_port = _endpoint(edge, "to")
        src_i, src_ok, src_kind = _check_end(issues, e, "from", src, src_port, index, types)
        dst_i, dst_ok, dst_kind = _check_end(issues, e, "to", dst, dst_port, index, types)
        key = (src, src_port, dst, dst_port)
        if key in seen:
            issues.append(GraphIssue(
                "duplicate_edge",
                f"Edge {e} repeats edge {seen[key]} ({_name(src)}.{_name(src_port)} to "
                f"{_name(dst)}.{_name(dst_port)}).", dst if dst_i is not None else None, e))
            continue
        seen[key] = e
        if src_i is not None and dst_i is not None and src_ok and dst_ok:
            deps.append((src_i, dst_i))
        if dst_i is not None and dst_ok and dst_kind is not None and dst_port is not None:
            slot = (dst_i, dst_port)
            if slot in fed:
                issues.append(GraphIssue(
                    "duplicate_edge",
                    f"Edge {e} feeds input {_name(dst_port)} of node {_name(dst)}, which edge {fed[slot]} "
                    f"already feeds; an input takes exactly one edge.", dst, e))
            else:
                fed[slot] = e
        if src_kind is not None and dst_kind is not None and src_kind != dst_kind:
            issues.append(GraphIssue(
                "port_type_mismatch",
                f"Edge {e} connects {src_kind} output {_name(src)}.{_name(src_port)} to {dst_kind} input "
                f"{_name(dst)}.{_name(dst_port)}.", dst, e))

    # Inputs nothing feeds (on the nodes edges can address: the first of each id).
    for node_id, i in index.items():
        node_type = types[i]
        if node_type is None:
            continue
        for port in node_type.inputs:
            if (i, port.name) not in fed:
                issues.append(GraphIssue("unconnected_input",
                                         f"Input {port.name} of node {_name(node_id)} is not connected.", node_id))

    for cycle in _cycles(len(nodes), deps):
        names = [_name(ids[i]) for i in cycle]
        shown = [*names[:_CYCLE_NAMES_MAX], "..."] if len(names) > _CYCLE_NAMES_MAX else names
        issues.append(GraphIssue(
            "cycle",
            f"The graph has a cycle through {len(cycle)} node{'s' if len(cycle) != 1 else ''}: "
            f"{' -> '.join([*shown, names[0]])}.", ids[cycle[0]]))

    if entries == 0:
        issues.append(GraphIssue("no_entry_action", "The graph has no entry action."))
    return issues


def _check_end(issues: list[GraphIssue], e: int, side: str, node_id: str | None, port: str | None,
               index: Mapping[str, int], types: Sequence[NodeType | None]) -> tuple[int | None, bool, str | None]:
    """Check one end of edge `e`: (node index or None, end usable, port kind when known)."""
    word = "comes from" if side == "from" else "goes to"
    i = index.get(node_id) if node_id is not None else None
    if i is None:
        issues.append(GraphIssue("dangling_edge",
                                 f"Edge {e} {word} node {_name(node_id)}, which is not in the graph.", None, e))
        return None, False, None
    node_type = types[i]
    if node_type is None:  # unknown type: reported on the node; its ports cannot be checked
        return i, True, None
    found = (node_type.output if side == "from" else node_type.input)(port) if port is not None else None
    if found is None:
        kind = "output" if side == "from" else "input"
        have = [p.name for p in (node_type.outputs if side == "from" else node_type.inputs)]
        issues.append(GraphIssue(
            "dangling_edge",
            f"Edge {e} {word} {kind} {_name(port)} of node {_name(node_id)}, but {node_type.type} has "
            f"{'no ' + kind + 's' if not have else kind + 's ' + ', '.join(have)}.", node_id, e))
        return i, False, None
    return i, True, found.kind


# ---- cycles and order ------------------------------------------------------------------------------

def _adjacency(n: int, deps: Iterable[tuple[int, int]]) -> list[list[int]]:
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in deps:
        adj[a].append(b)
    return adj


def _kahn(n: int, adj: Sequence[Sequence[int]]) -> list[int]:
    """Node indices in a topological order; nodes on or behind a cycle are left out. Ties keep the
    graph order of the nodes that become ready together."""
    indegree = [0] * n
    for targets in adj:
        for b in targets:
            indegree[b] += 1
    ready = deque(i for i in range(n) if indegree[i] == 0)
    order: list[int] = []
    while ready:
        a = ready.popleft()
        order.append(a)
        for b in adj[a]:
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    return order


def _cycles(n: int, deps: Sequence[tuple[int, int]]) -> list[list[int]]:
    """One cycle (as node indices, in edge order) per strongly connected group that has one."""
    adj = _adjacency(n, deps)
    done = set(_kahn(n, adj))
    if len(done) == n:
        return []
    rest = [i for i in range(n) if i not in done]
    sccs = _tarjan(rest, adj, set(rest))
    cycles = []
    for scc in sccs:
        members = set(scc)
        if len(scc) == 1 and scc[0] not in adj[scc[0]]:
            continue  # behind a cycle, not on one
        cycles.append(_cycle_in(min(scc), adj, members))
    cycles.sort(key=lambda c: c[0])
    return cycles


def _tarjan(nodes: Sequence[int], adj: Sequence[Sequence[int]], allowed: set[int]) -> list[list[int]]:
    """Strongly connected components of the subgraph on `allowed` (iterative Tarjan)."""
    counter = 0
    number: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    sccs: list[list[int]] = []
    for root in nodes:
        if root in number:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        number[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, k = work[-1]
            targets = adj[v]
            while k < len(targets) and targets[k] not in allowed:
                k += 1
            if k < len(targets):
                work[-1] = (v, k + 1)
                w = targets[k]
                if w not in number:
                    number[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], number[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == number[v]:
                scc = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    scc.append(w)
                    if w == v:
                        break
                sccs.append(scc)
    return sccs


def _cycle_in(start: int, adj: Sequence[Sequence[int]], members: set[int]) -> list[int]:
    """A cycle inside a strongly connected group: walk inside it until a node repeats."""
    path: list[int] = []
    at: dict[int, int] = {}
    v = start
    while v not in at:
        at[v] = len(path)
        path.append(v)
        v = next(w for w in adj[v] if w in members)
    return path[at[v]:]


def topological_order(graph: Mapping[str, Any]) -> list[str]:
    """Node ids so that every edge goes from an earlier node to a later one: the order in which the
    evaluator computes nodes on each bar. Meant for graphs that validated; edges naming a missing
    node are ignored. A cycle raises GraphInvalid (a `cycle` issue)."""
    nodes = _nodes(graph)
    index: dict[str, int] = {}
    for i, node in enumerate(nodes):
        node_id = _s(node.get("id"))
        if node_id is not None:
            index.setdefault(node_id, i)
    deps = []
    for edge in _edges(graph):
        a, b = _endpoint(edge, "from")[0], _endpoint(edge, "to")[0]
        if a in index and b in index:
            deps.append((index[a], index[b]))
    order = _kahn(len(nodes), _adjacency(len(nodes), deps))
    if len(order) < len(nodes):
        raise GraphInvalid("The graph has a cycle.", **issues_member([GraphIssue("cycle", "The graph has a cycle.")]))
    return [str(nodes[i].get("id")) for i in order]


def input_sources(graph: Mapping[str, Any]) -> dict[str, dict[str, tuple[str, str]]]:
    """For each node id, its input ports and the (node id, output port) feeding each: the wiring
    the evaluator reads. Meant for graphs that validated (each input fed exactly once)."""
    wiring: dict[str, dict[str, tuple[str, str]]] = {}
    for edge in _edges(graph):
        (src, src_port), (dst, dst_port) = _endpoint(edge, "from"), _endpoint(edge, "to")
        if src is not None and src_port is not None and dst is not None and dst_port is not None:
            wiring.setdefault(dst, {}).setdefault(dst_port, (src, src_port))
    return wiring


def has_node_of_type(graph: Mapping[str, Any], type_: str) -> bool:
    """Whether the graph has a node of this type (e.g. `stop_loss`, for the live-promotion check)."""
    return any(node.get("type") == type_ for node in _nodes(graph))
