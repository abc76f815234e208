"""Strategy documents: canonical JSON and content hashes, the `ex7.strategy/v1` export format,
import parsing, and name disambiguation.

Canonical JSON (what `content_hash` hashes): object keys sorted by code point, no whitespace
(`,` and `:`), non-ASCII characters as themselves (UTF-8), numbers in their shortest round-trip
form with integral floats written as integers (2.0 -> 2, -0.0 -> 0), so that a graph's hash depends
on its content, not on how a client or the database spelled it. NaN and Infinity have no JSON form
and are refused (Invalid, code `non_finite_number`).

Everything that walks untrusted JSON here is iterative: a hostile `meta` or `params` nested
thousands deep cannot exhaust the stack (Python's own json and copy modules recurse).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from json.encoder import encode_basestring  # the C implementation when available; ensure_ascii=False
from typing import Any, Final, Literal

from domain.errors import Invalid
from domain.strategy.errors import NonFiniteNumber, UnsupportedFormat

EXPORT_FORMAT: Final = "ex7.strategy/v1"
MAX_NAME_LENGTH: Final = 100
MAX_DESCRIPTION_LENGTH: Final = 2000
_MAX_EXACT_INT_FLOAT: Final = 2.0**53

# ---- canonical JSON --------------------------------------------------------------------------------

_RAW, _VALUE = 0, 1


def _number(value: float) -> str:
    if not math.isfinite(value):
        raise NonFiniteNumber("The graph contains a number JSON cannot represent (NaN or Infinity).")
    if value.is_integer() and abs(value) < _MAX_EXACT_INT_FLOAT:
        return str(int(value))
    return repr(value)


def canonical_json(value: Any) -> str:
    """`value` (JSON data: dict with str keys, list/tuple, str, int, float, bool, None) as canonical
    JSON text. Iterative, so any nesting depth is fine."""
    out: list[str] = []
    work: list[tuple[int, Any]] = [(_VALUE, value)]
    while work:
        tag, item = work.pop()
        if tag == _RAW:
            out.append(item)
        elif isinstance(item, str):
            out.append(encode_basestring(item))
        elif item is None:
            out.append("null")
        elif item is True:
            out.append("true")
        elif item is False:
            out.append("false")
        elif isinstance(item, int):
            out.append(str(item))
        elif isinstance(item, float):
            out.append(_number(item))
        elif isinstance(item, Mapping):
            keys = list(item)
            for key in keys:
                if not isinstance(key, str):
                    raise TypeError(f"JSON object keys must be strings, not {type(key).__name__}")
            keys.sort()
            out.append("{")
            work.append((_RAW, "}"))
            for j in range(len(keys) - 1, -1, -1):
                work.append((_VALUE, item[keys[j]]))
                work.append((_RAW, encode_basestring(keys[j]) + ":"))
                if j:
                    work.append((_RAW, ","))
        elif isinstance(item, list | tuple):
            out.append("[")
            work.append((_RAW, "]"))
            for j in range(len(item) - 1, -1, -1):
                work.append((_VALUE, item[j]))
                if j:
                    work.append((_RAW, ","))
        else:
            raise TypeError(f"{type(item).__name__} is not JSON data")
    return "".join(out)


def content_hash(graph: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of the graph in its stored form (`normalize_graph`: a
    missing `meta` hashes like `{}`). Key order and number spelling do not change it; any change of
    nodes, params, positions, edges (including their order) or meta does."""
    text = canonical_json(normalize_graph(graph))
    # surrogatepass: a lone surrogate (which json.loads lets through) must not crash the hash.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def json_depth(value: Any) -> int:
    """How deeply `value` nests (a scalar is 0, `[]` and `{}` are 1). Iterative, for callers that
    want to refuse absurd nesting before handing data to recursive code (json.dumps, drivers)."""
    deepest = 0
    work: list[tuple[Any, int]] = [(value, 0)]
    while work:
        item, depth = work.pop()
        if isinstance(item, Mapping):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
        work.extend((child, depth + 1) for child in children)
    return deepest


def _copy_json(value: Any) -> Any:
    """A deep copy of JSON data with object keys in sorted order. Iterative."""
    root: list[Any] = [None]
    work: list[tuple[Any, Any, Any]] = [(value, root, 0)]  # (source, container, slot)
    while work:
        item, container, slot = work.pop()
        if isinstance(item, Mapping):
            copy: Any = {}
            for key in sorted(item, key=str):
                copy[key] = None
                work.append((item[key], copy, key))
        elif isinstance(item, list | tuple):
            copy = [None] * len(item)
            work.extend((child, copy, j) for j, child in enumerate(item))
        else:
            copy = item
        container[slot] = copy
    return root[0]


# ---- graphs and export -----------------------------------------------------------------------------

def _node(node: Any) -> Any:
    if not isinstance(node, Mapping):
        return _copy_json(node)
    out: dict[str, Any] = {"id": node.get("id"), "type": node.get("type"), "params": _copy_json(node.get("params", {}))}
    if node.get("position") is not None:
        out["position"] = _copy_json(node["position"])
    return out


def _end(end: Any) -> Any:
    if not isinstance(end, Mapping):
        return _copy_json(end)
    return {"node": end.get("node"), "port": end.get("port")}


def _edge(edge: Any) -> Any:
    if not isinstance(edge, Mapping):
        return _copy_json(edge)
    return {"from": _end(edge.get("from")), "to": _end(edge.get("to"))}


def normalize_graph(graph: Mapping[str, Any]) -> dict[str, Any]:
    """The graph as stored and exported (the contract's StrategyGraph): exactly `nodes`, `edges` and
    `meta` (`{}` when absent); nodes keep only id, type, params and position (when given), edge ends
    only node and port. A fresh copy, with the keys of params, position and meta sorted."""
    nodes = graph.get("nodes")
    edges = graph.get("edges")
    meta = graph.get("meta")
    return {
        "nodes": [_node(n) for n in nodes] if isinstance(nodes, list) else [],
        "edges": [_edge(e) for e in edges] if isinstance(edges, list) else [],
        "meta": _copy_json(meta) if isinstance(meta, Mapping) else {},
    }


def iso_utc(at: datetime) -> str:
    """An aware datetime as ISO 8601 in UTC with a `Z`, e.g. 2026-11-25T12:40:00Z."""
    if at.tzinfo is None:
        raise ValueError("exported_at must be timezone-aware")
    at = at.astimezone(UTC)
    return at.isoformat(timespec="seconds" if not at.microsecond else "microseconds").replace("+00:00", "Z")


def export_payload(strategy: Mapping[str, Any], graph: Mapping[str, Any], exported_at: datetime) -> dict[str, Any]:
    """The contract's ExportPayload for a strategy (a mapping with at least name, description,
    instrument, timeframe and tags; anything else in it, ids, user ids, status, versions,
    timestamps, is left behind) and the graph of its current version."""
    return {
        "format": EXPORT_FORMAT,
        "exported_at": iso_utc(exported_at),
        "name": strategy["name"],
        "description": strategy.get("description") or "",
        "instrument": strategy["instrument"],
        "timeframe": strategy["timeframe"],
        "tags": list(strategy.get("tags") or []),
        "graph": normalize_graph(graph),
    }


# ---- import ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportedStrategy:
    """What `POST /api/strategies/import` creates a strategy from."""

    name: str
    description: str
    instrument: str
    timeframe: str
    tags: list[str]
    graph: dict[str, Any]
    name_on_conflict: Literal["suffix", "error"]


def _field_error(field: str, message: str) -> Invalid:
    return Invalid(f"Field {field}: {message}",
                   errors=[{"loc": ["body", field], "msg": message, "type": "value_error"}])


def parse_import(payload: Mapping[str, Any]) -> ImportedStrategy:
    """Check an import document (the contract's StrategyImport) and return the fields to create the
    strategy from. `format` must be exactly `ex7.strategy/v1` (Invalid `unsupported_format`
    otherwise); `exported_at` and any unknown key are ignored; the graph is normalised but not
    validated (that is the strategy's validation result, and an invalid graph is still imported).
    Optional fields left out or null take their defaults: description "", tags [], name_on_conflict
    "error" (so `StrategyImport.model_dump()` can be passed as is)."""
    stamp = payload.get("format") if isinstance(payload, Mapping) else None
    if stamp != EXPORT_FORMAT:
        shown = stamp if isinstance(stamp, str) and len(stamp) <= 64 else ("missing" if stamp is None else "invalid")
        message = f"Unsupported format {shown!r}; expected {EXPORT_FORMAT!r}."
        raise UnsupportedFormat(message,
                                errors=[{"loc": ["body", "format"], "msg": message, "type": "unsupported_format"}])
    name = payload.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise _field_error("name", f"must be a string of 1 to {MAX_NAME_LENGTH} characters.")
    description = payload.get("description")
    description = "" if description is None else description
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION_LENGTH:
        raise _field_error("description", f"must be a string of at most {MAX_DESCRIPTION_LENGTH} characters.")
    for field in ("instrument", "timeframe"):
        if not isinstance(payload.get(field), str):
            raise _field_error(field, "must be a string.")
    tags = payload.get("tags")
    tags = [] if tags is None else tags
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _field_error("tags", "must be a list of strings.")
    graph = payload.get("graph")
    if not isinstance(graph, Mapping) or not isinstance(graph.get("nodes"), list) \
            or not isinstance(graph.get("edges"), list):
        raise _field_error("graph", "must be an object with lists nodes and edges.")
    on_conflict: Literal["suffix", "error"]
    match payload.get("name_on_conflict"):
        case "suffix":
            on_conflict = "suffix"
        case "error" | None:
            on_conflict = "error"
        case _:
            raise _field_error("name_on_conflict", "must be suffix or error.")
    return ImportedStrategy(
        name=name,
        description=description,
        instrument=payload["instrument"],
        timeframe=payload["timeframe"],
        tags=list(tags),
        graph=normalize_graph(graph),
        name_on_conflict=on_conflict,
    )


# ---- names -----------------------------------------------------------------------------------------

def _with_suffix(name: str, suffix: str) -> str:
    room = MAX_NAME_LENGTH - len(suffix)
    base = name if len(name) <= room else name[:room].rstrip()
    return base + suffix


# The longest suffix `disambiguate` is expected to add: " (copy 999999999999)".
_LONGEST_SUFFIX: Final = 20


def name_stem(name: str) -> str:
    """What every form `disambiguate` can make of `name` starts with (a name is shortened, and its
    trailing spaces dropped, to leave room for the suffix; a shorter cut is a prefix of a longer one)."""
    return name[: MAX_NAME_LENGTH - _LONGEST_SUFFIX].rstrip()


def disambiguate(name: str, taken: set[str] | frozenset[str], style: Literal["copy", "suffix"]) -> str:
    """The first free name, within 100 characters (the name is shortened, never the suffix).

    style "copy" (clone): "<name> (copy)", then "<name> (copy 2)", "<name> (copy 3)", ...
    style "suffix" (import with name_on_conflict suffix, fixtures): `name` itself when free, then
    "<name> (2)", "<name> (3)", ...
    Names compare exactly (case-sensitive), like the database's unique index.
    """
    if style == "copy":
        first = _with_suffix(name, " (copy)")
        if first not in taken:
            return first
        template = " (copy {n})"
    elif style == "suffix":
        first = _with_suffix(name, "")
        if first not in taken:
            return first
        template = " ({n})"
    else:
        raise ValueError(f"unknown style {style!r}")
    for n in count(2):  # at most len(taken) + 1 rounds: each taken name blocks one candidate
        candidate = _with_suffix(name, template.format(n=n))
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")
