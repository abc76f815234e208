"""The node catalogue: every node type a strategy graph may use, as data.

One table serves three readers: `GET /api/engines` publishes it (`engine_catalog()`), the graph
validator (domain.strategy.graph) checks graphs against it, and the engine (domain.engine.compile)
builds its runtime objects from it. A node type has

- `type`      the value of a graph node's `type` (snake_case, ^[a-z][a-z0-9_]*$);
- `category`  source, indicator, condition, logic, action or risk;
- `label`, `description` for the builder UI;
- `inputs`, `outputs`  typed ports `{name, kind}`, kind number_series or boolean_series. An edge
  connects an output port to an input port of the same kind; every input must be fed by exactly
  one edge; outputs may feed any number of inputs (or none);
- `params_schema`  a JSON Schema (draft 7) object for the node's `params`: defaults, bounds,
  enums, `additionalProperties: false`.

The node types (by category):

  source     price (field open|high|low|close|volume|typical), constant (value)
  indicator  sma, ema, wma, rsi, macd (outputs macd, signal, hist), atr, bollinger (outputs upper,
             middle, lower), vwap (session VWAP), highest, lowest (over `period` values),
             opening_range (outputs high, low: the range of the first `minutes` after `start`)
  condition  compare (op >, <, >=, <= on inputs a, b), crosses_above, crosses_below,
             time_window (exchange time, America/Chicago)
  logic      and, or, not
  action     enter_long, enter_short, exit (each on a boolean `when` input)
  risk       stop_loss, take_profit, max_bars_in_trade, position_size (no inputs: they configure
             the runtime)

Indicators and domain.indicators: for every node with an `indicator` (the class name in
domain.indicators), the param names are that class's constructor keywords and the bounds are
the ones the class enforces, so `cls(**params_with_defaults(type, params))` never fails for params
that passed validation (tests/unit/test_catalog.py instantiates each class at both bounds). `atr`,
`vwap` and `opening_range` read the bar itself (high/low/close/volume/time) and have no inputs.

Evaluation notes the schemas cannot say (the evaluator keeps them): `typical` is (high+low+close)/3;
`time_window` is true on bars whose open time (exchange time) is in [start, end), wrapping past
midnight when start > end (start == end is rejected by the validator as an empty window);
`opening_range` outputs nothing until the range is complete, then holds it until the next trading
day; `take_profit` in mode `r_multiple` is a multiple of the stop distance, so it needs a
`stop_loss` node (checked by the validator). A graph without `position_size` trades 1 contract.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from domain.indicators import MAX_PERIOD
from domain.strategy.fixtures import fixture_summaries  # plain data; fixtures.py imports nothing of the catalogue

CATEGORIES: Final = ("source", "indicator", "condition", "logic", "action", "risk")
PORT_KINDS: Final = ("number_series", "boolean_series")
NUMBER: Final = "number_series"
BOOLEAN: Final = "boolean_series"

# The bounds domain/indicators.py enforces (`_check_period`): minimum per class, MAX_PERIOD for all.
MAX_TICKS: Final = 10_000
MAX_CONTRACTS: Final = 100
MAX_CONSTANT: Final = 1e12  # finite, and far beyond any price, volume or oscillator level

# "HH:MM", 24-hour clock.
HHMM_PATTERN: Final = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"

ENTRY_TYPES: Final = frozenset({"enter_long", "enter_short"})


@dataclass(frozen=True)
class Port:
    name: str
    kind: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind}


@dataclass(frozen=True)
class NodeType:
    type: str
    category: str
    label: str
    description: str
    inputs: tuple[Port, ...]
    outputs: tuple[Port, ...]
    params_schema: Mapping[str, Any]
    # Not published: the class in domain/indicators.py this node instantiates, if any.
    indicator: str | None = None

    def input(self, name: str) -> Port | None:
        for port in self.inputs:
            if port.name == name:
                return port
        return None

    def output(self, name: str) -> Port | None:
        for port in self.outputs:
            if port.name == name:
                return port
        return None

    def to_dict(self) -> dict[str, Any]:
        """The `NodeType` of the contract (a fresh copy: callers may mutate it)."""
        return {
            "type": self.type,
            "category": self.category,
            "label": self.label,
            "description": self.description,
            "inputs": [p.to_dict() for p in self.inputs],
            "outputs": [p.to_dict() for p in self.outputs],
            "params_schema": copy.deepcopy(dict(self.params_schema)),
        }


# ---- schema builders -------------------------------------------------------------------------------

def _params(properties: dict[str, Any] | None = None, required: tuple[str, ...] = (), *,
            conditional: dict[str, Any] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "additionalProperties": False,
        "properties": properties or {},
    }
    if required:
        schema["required"] = list(required)
    if conditional:  # draft 7 if/then/else: which params a mode requires
        schema.update(conditional)
    return schema


def _period(minimum: int, default: int, description: str = "Number of bars.") -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "maximum": MAX_PERIOD, "default": default,
            "description": description}


def _hhmm(description: str, default: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": HHMM_PATTERN, "description": description}
    if default is not None:
        schema["default"] = default
    return schema


def _ticks(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_TICKS, "description": description}


def _multiple(default: float | None, description: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0, "maximum": 100, "description": description}
    if default is not None:
        schema["default"] = default
    return schema


def _ports(kind: str, *names: str) -> tuple[Port, ...]:
    return tuple(Port(name, kind) for name in names)


_SERIES_IN = _ports(NUMBER, "series")
_VALUE_OUT = _ports(NUMBER, "value")
_AB_NUMBERS = _ports(NUMBER, "a", "b")
_AB_BOOLEANS = _ports(BOOLEAN, "a", "b")
_SIGNAL_OUT = _ports(BOOLEAN, "signal")
_WHEN_IN = _ports(BOOLEAN, "when")


def _moving_average(type_: str, label: str, description: str, indicator: str) -> NodeType:
    return NodeType(type_, "indicator", label, description, _SERIES_IN, _VALUE_OUT,
                    _params({"period": _period(1, 20)}), indicator)


# ---- the catalogue ---------------------------------------------------------------------------------

NODE_TYPES: Final[tuple[NodeType, ...]] = (
    # sources
    NodeType(
        "price", "source", "Price",
        "One field of each bar as a series: open, high, low, close, volume, or typical "
        "((high + low + close) / 3).",
        (), _VALUE_OUT,
        _params({"field": {"type": "string", "enum": ["open", "high", "low", "close", "volume", "typical"],
                           "default": "close", "description": "The bar field."}}),
    ),
    NodeType(
        "constant", "source", "Constant",
        "The same number on every bar, e.g. an RSI level to compare with.",
        (), _VALUE_OUT,
        _params({"value": {"type": "number", "minimum": -MAX_CONSTANT, "maximum": MAX_CONSTANT,
                           "description": "The value."}}, ("value",)),
    ),
    # indicators
    _moving_average("sma", "Simple moving average", "Arithmetic mean of the last `period` values.", "SMA"),
    _moving_average("ema", "Exponential moving average",
                    "Exponential moving average with k = 2 / (period + 1), seeded by the SMA of the first "
                    "`period` values.", "EMA"),
    _moving_average("wma", "Weighted moving average",
                    "Linearly weighted moving average of the last `period` values, the newest weighing most.",
                    "WMA"),
    NodeType(
        "rsi", "indicator", "Relative strength index",
        "Wilder's RSI (0 to 100) of the input over `period` changes.",
        _SERIES_IN, _VALUE_OUT, _params({"period": _period(2, 14, "Number of changes.")}), "RSI",
    ),
    NodeType(
        "macd", "indicator", "MACD",
        "MACD line (fast EMA - slow EMA), its signal line (EMA of the line) and the histogram "
        "(line - signal). A fast period above the slow one is swapped.",
        _SERIES_IN, _ports(NUMBER, "macd", "signal", "hist"),
        _params({
            "fast": _period(2, 12, "Fast EMA period."),
            "slow": _period(2, 26, "Slow EMA period."),
            "signal": _period(1, 9, "Signal EMA period."),
        }),
        "MACD",
    ),
    NodeType(
        "atr", "indicator", "Average true range",
        "Wilder's average true range of the bars over `period` bars, in price points. Reads the bars' "
        "high, low and close itself.",
        (), _VALUE_OUT, _params({"period": _period(1, 14)}), "ATR",
    ),
    NodeType(
        "bollinger", "indicator", "Bollinger bands",
        "Middle band = SMA(period); upper and lower bands = middle +/- nbdev_up / nbdev_dn population "
        "standard deviations over the same window.",
        _SERIES_IN, _ports(NUMBER, "upper", "middle", "lower"),
        _params({
            "period": _period(2, 20),
            "nbdev_up": {"type": "number", "minimum": 0.1, "maximum": 10, "default": 2.0,
                         "description": "Standard deviations above the middle band."},
            "nbdev_dn": {"type": "number", "minimum": 0.1, "maximum": 10, "default": 2.0,
                         "description": "Standard deviations below the middle band."},
        }),
        "Bollinger",
    ),
    NodeType(
        "vwap", "indicator", "Session VWAP",
        "Volume-weighted average of the typical price since the start of the trading day (17:00 "
        "America/Chicago), reset every trading day. Reads the bars itself.",
        (), _VALUE_OUT, _params(), "SessionVWAP",
    ),
    NodeType(
        "highest", "indicator", "Highest",
        "Highest value of the input over the last `period` values (including the current one).",
        _SERIES_IN, _VALUE_OUT, _params({"period": _period(2, 20)}), "Highest",
    ),
    NodeType(
        "lowest", "indicator", "Lowest",
        "Lowest value of the input over the last `period` values (including the current one).",
        _SERIES_IN, _VALUE_OUT, _params({"period": _period(2, 20)}), "Lowest",
    ),
    NodeType(
        "opening_range", "indicator", "Opening range",
        "High and low of the bars that open in the first `minutes` minutes after `start` (exchange time, "
        "America/Chicago) of each trading day. No value until the range is complete; then held until the "
        "next trading day. Reads the bars itself.",
        (), _ports(NUMBER, "high", "low"),
        _params({
            "start": _hhmm("Start of the range, exchange time (HH:MM).", "08:30"),
            "minutes": {"type": "integer", "minimum": 1, "maximum": 480, "default": 15,
                        "description": "Length of the range in minutes."},
        }),
    ),
    # conditions
    NodeType(
        "compare", "condition", "Compare",
        "True on the bars where `a` `op` `b` holds (op is >, <, >= or <=).",
        _AB_NUMBERS, _SIGNAL_OUT,
        _params({"op": {"type": "string", "enum": [">", "<", ">=", "<="], "description": "The comparison."}},
                ("op",)),
    ),
    NodeType(
        "crosses_above", "condition", "Crosses above",
        "True on the bar where `a` crosses above `b` (a > b now, a <= b on the previous bar).",
        _AB_NUMBERS, _SIGNAL_OUT, _params(),
    ),
    NodeType(
        "crosses_below", "condition", "Crosses below",
        "True on the bar where `a` crosses below `b` (a < b now, a >= b on the previous bar).",
        _AB_NUMBERS, _SIGNAL_OUT, _params(),
    ),
    NodeType(
        "time_window", "condition", "Time window",
        "True on the bars whose open time, in exchange time (America/Chicago), is in [start, end). "
        "A window with start after end wraps past midnight.",
        (), _ports(BOOLEAN, "active"),
        _params({"start": _hhmm("Window start, exchange time (HH:MM)."),
                 "end": _hhmm("Window end (exclusive), exchange time (HH:MM).")},
                ("start", "end")),
    ),
    # logic
    NodeType("and", "logic", "And", "True when both `a` and `b` are true.", _AB_BOOLEANS, _SIGNAL_OUT, _params()),
    NodeType("or", "logic", "Or", "True when `a` or `b` (or both) is true.", _AB_BOOLEANS, _SIGNAL_OUT, _params()),
    NodeType("not", "logic", "Not", "True when `a` is false.", _ports(BOOLEAN, "a"), _SIGNAL_OUT, _params()),
    # actions
    NodeType(
        "enter_long", "action", "Enter long",
        "Open a long position at the close of a bar where `when` is true, if flat.",
        _WHEN_IN, (), _params(),
    ),
    NodeType(
        "enter_short", "action", "Enter short",
        "Open a short position at the close of a bar where `when` is true, if flat.",
        _WHEN_IN, (), _params(),
    ),
    NodeType(
        "exit", "action", "Exit",
        "Close the open position at the close of a bar where `when` is true.",
        _WHEN_IN, (), _params(),
    ),
    # risk
    NodeType(
        "stop_loss", "risk", "Stop loss",
        "Protective stop at a distance from the entry price: `ticks` ticks (mode ticks) or `atr_multiple` "
        "times the ATR(`atr_period`) at entry (mode atr). Checked on later bars' high/low. Required to go "
        "live.",
        (), (),
        _params(
            {
                "mode": {"type": "string", "enum": ["ticks", "atr"], "default": "ticks",
                         "description": "How the distance is given."},
                "ticks": _ticks("Distance in ticks (mode ticks)."),
                "atr_multiple": _multiple(None, "Distance in ATRs (mode atr)."),
                "atr_period": _period(1, 14, "ATR period in bars (mode atr)."),
            },
            conditional={"if": {"properties": {"mode": {"const": "atr"}}, "required": ["mode"]},
               "then": {"required": ["atr_multiple"]},
               "else": {"required": ["ticks"]}},
        ),
    ),
    NodeType(
        "take_profit", "risk", "Take profit",
        "Profit target at a distance from the entry price: `ticks` ticks (mode ticks) or `r_multiple` "
        "times the stop distance (mode r_multiple, needs a stop_loss node). Checked on later bars' high/low.",
        (), (),
        _params(
            {
                "mode": {"type": "string", "enum": ["ticks", "r_multiple"], "default": "ticks",
                         "description": "How the distance is given."},
                "ticks": _ticks("Distance in ticks (mode ticks)."),
                "r_multiple": _multiple(None, "Distance as a multiple of the stop distance (mode r_multiple)."),
            },
            conditional={"if": {"properties": {"mode": {"const": "r_multiple"}}, "required": ["mode"]},
               "then": {"required": ["r_multiple"]},
               "else": {"required": ["ticks"]}},
        ),
    ),
    NodeType(
        "max_bars_in_trade", "risk", "Max bars in trade",
        "Close the position at the close of the `bars`-th bar after entry if nothing closed it before.",
        (), (),
        _params({"bars": {"type": "integer", "minimum": 1, "maximum": MAX_PERIOD,
                          "description": "Bars after the entry bar."}}, ("bars",)),
    ),
    NodeType(
        "position_size", "risk", "Position size",
        "Contracts per entry. At most one per graph; without one, entries are for 1 contract.",
        (), (),
        _params({"contracts": {"type": "integer", "minimum": 1, "maximum": MAX_CONTRACTS, "default": 1,
                               "description": "Contracts per entry."}}),
    ),
)

NODE_TYPES_BY_NAME: Final[Mapping[str, NodeType]] = {nt.type: nt for nt in NODE_TYPES}


def get_node_type(type_: str) -> NodeType | None:
    """The node type named `type_`, or None when the catalogue has no such type."""
    return NODE_TYPES_BY_NAME.get(type_)


def node_types_as_dicts() -> list[dict[str, Any]]:
    """Every node type as the contract's `NodeType` (fresh dicts)."""
    return [nt.to_dict() for nt in NODE_TYPES]


def _catalog_version() -> str:
    canonical = json.dumps(node_types_as_dicts(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


# Changes exactly when a node type, port or parameter rule changes: what a cached validation result
# depends on besides the graph, the instrument and the timeframe.
CATALOG_VERSION: Final = _catalog_version()


def engine_catalog() -> dict[str, Any]:
    """The body of `GET /api/engines` (`EngineCatalog`): node types and fixture summaries."""
    return {"items": node_types_as_dicts(), "fixtures": fixture_summaries()}


def params_with_defaults(type_: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A node's params with every defaulted property filled in, and integer properties given as
    integral floats (JSON Schema draft 7 accepts 5.0 as an integer) turned into ints, so the
    evaluator can hand them to domain/indicators.py. For params that passed validation only."""
    node_type = NODE_TYPES_BY_NAME[type_]
    out = dict(params)
    for name, prop in node_type.params_schema.get("properties", {}).items():
        if name not in out and "default" in prop:
            out[name] = prop["default"]
        value = out.get(name)
        if prop.get("type") == "integer" and isinstance(value, float) and value.is_integer():
            out[name] = int(value)
    return out
